#!/usr/bin/env python3
"""Edits of one tracker at the same time, and edits killed half-way.

usage: run-edit-stress.py QMS_BINARY WORKSPACE [--crashes N]

WORKSPACE (tests/cli/ws-edit) is copied to a temporary folder on a tmpfs
(/dev/shm) when there is one, else under $TMPDIR; the source is never written.

1. Concurrency: 20 `qms audit finding` on one agency started at once all land
   (exit 0, the file loads clean with `qms check`, all 20 findings present, every
   line the person wrote still there in order); then 20 `qms audit close` of those
   findings at once, likewise.
2. Crash: the tracker is made large (so that writing it takes a while), then N
   times (default 200) an edit is started and killed with SIGKILL after a random
   delay between 0 and a little more than the time an edit takes (every other kill
   in the last fifth of that time, when the file is written). After each, the
   file must hold exactly the old bytes or exactly the new ones, and load clean.
   Both outcomes must have happened (the kills really land on both sides). A last
   edit, after all the kills, leaves no temporary file behind.

Exit 0 when all holds, 1 otherwise, 2 on usage errors.
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

AGENCY = "so-e"
AUDIT = "DGNB-2020-01"


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def run(qms, ws, *args, check=True):
    p = subprocess.run([qms, "-C", ws, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=120)
    if check and p.returncode != 0:
        fail("qms %s: exit %d\n%s%s" % (" ".join(args), p.returncode, p.stdout.decode(),
                                         p.stderr.decode()))
    return p


def read(path):
    with open(path, "rb") as f:
        return f.read()


def check_clean(qms, ws, what):
    p = subprocess.run([qms, "--lang", "en", "check", ws], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=120)
    if p.returncode != 0 or not p.stdout.decode().rstrip().endswith("no problems"):
        fail("%s: qms check does not pass:\n%s" % (what, p.stdout.decode()[-2000:]))


def subsequence(old, new):
    """Every line of old is in new, in the same order."""
    it = iter(new.split(b"\n"))
    return all(line in it for line in old.split(b"\n"))


def start_all(qms, ws, argv_list):
    env = dict(os.environ, NO_COLOR="1")
    procs = [subprocess.Popen([qms, "-C", ws, *a], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=env) for a in argv_list]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        results.append((p.returncode, out.decode(), err.decode()))
    return results


def concurrency(qms, ws):
    path = os.path.join(ws, "audits", AGENCY + ".yaml")
    before = read(path)
    n = 20
    adds = [["audit", "finding", AGENCY, AUDIT, "--id", "C-%02d" % i, "--grade", "minor",
             "--clause", "7.5.3", "--process", "E-01", "--step", "tham-dinh",
             "--text", "Phát hiện số %d: hồ sơ lưu thiếu danh mục" % i, "--due", "2020-08-31"]
            for i in range(n)]
    t0 = time.monotonic()
    for i, (rc, out, err) in enumerate(start_all(qms, ws, adds)):
        if rc != 0:
            fail("concurrent finding C-%02d: exit %d\n%s%s" % (i, rc, out, err))
    elapsed = time.monotonic() - t0
    after = read(path)
    check_clean(qms, ws, "after 20 concurrent findings")
    for i in range(n):
        if after.count(("id: C-%02d\n" % i).encode()) != 1:
            fail("finding C-%02d is not in the file exactly once" % i)
    if not subsequence(before, after):
        fail("a line the person wrote is gone after the concurrent findings")
    print("ok   %d concurrent 'qms audit finding' all landed (%.2f s)" % (n, elapsed))

    closes = [["audit", "close", AGENCY, "C-%02d" % i, "--date", "2020-08-%02d" % (10 + i % 15),
               "--action", "Lập danh mục hồ sơ lưu (%d)" % i] for i in range(n)]
    for i, (rc, out, err) in enumerate(start_all(qms, ws, closes)):
        if rc != 0:
            fail("concurrent close of C-%02d: exit %d\n%s%s" % (i, rc, out, err))
    closed = read(path)
    check_clean(qms, ws, "after 20 concurrent closes")
    for i in range(n):
        if ("Lập danh mục hồ sơ lưu (%d)" % i).encode() not in closed:
            fail("the close of C-%02d did not land" % i)
    if closed.count(b"closed: 2020-08-") != n:
        fail("expected %d 'closed:' lines, found %d" % (n, closed.count(b"closed: 2020-08-")))
    if not subsequence(after, closed):
        fail("a line is gone after the concurrent closes")
    print("ok   %d concurrent 'qms audit close' all landed" % n)


def make_large(path, findings):
    """Append many findings to the tracker so that an edit spends time writing."""
    with open(path, "a", encoding="utf-8") as f:
        f.write("  - id: DGNB-2020-99\n    kind: internal\n    date: 2020-07-25\n    findings:\n")
        for i in range(findings):
            f.write("      - id: L-%05d\n        grade: observation\n        clause: 9.1.3\n"
                    "        text: Ghi nhận số %d về việc theo dõi, phân tích kết quả giải quyết "
                    "thủ tục hành chính tại Bộ phận một cửa\n" % (i, i))


def crash(qms, ws, runs, seed):
    path = os.path.join(ws, "audits", AGENCY + ".yaml")
    make_large(path, 1800)
    check_clean(qms, ws, "the large tracker")
    old = read(path)
    edit = ["audit", "stage", AGENCY, "apply", "--done", "2020-08-03",
            "--evidence", "Quyết định 38/QĐ-SE ban hành và áp dụng"]
    # the new content, and how long an edit takes
    times = []
    for _ in range(3):
        with open(path, "wb") as f:
            f.write(old)
        t0 = time.monotonic()
        run(qms, ws, *edit)
        times.append(time.monotonic() - t0)
    new = read(path)
    if new == old:
        fail("the edit changed nothing")
    span = sorted(times)[1] * 1.15
    rng = random.Random(seed)
    outcomes = {"old": 0, "new": 0}
    killed = 0
    env = dict(os.environ, NO_COLOR="1")
    t_start = time.monotonic()
    for i in range(runs):
        with open(path, "wb") as f:
            f.write(old)
        p = subprocess.Popen([qms, "-C", ws, *edit], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, env=env)
        # half the kills anywhere, half near the end, where the file is written
        time.sleep(rng.uniform(0, span) if i % 2 else rng.uniform(0.8 * span, 1.05 * span))
        try:
            p.send_signal(signal.SIGKILL)
        except ProcessLookupError:
            pass
        p.wait()
        killed += p.returncode == -signal.SIGKILL
        got = read(path)
        if got == old:
            outcomes["old"] += 1
        elif got == new:
            outcomes["new"] += 1
        else:
            fail("run %d (exit %s): the file is neither the old nor the new content (%d bytes)"
                 % (i, p.returncode, len(got)))
        if i % 50 == 0:
            check_clean(qms, ws, "run %d" % i)
    if not outcomes["old"] or not outcomes["new"]:
        fail("the kills did not land on both sides of the write: %s" % outcomes)
    # a last edit cleans what killed writers left behind
    with open(path, "wb") as f:
        f.write(old)
    run(qms, ws, *edit)
    left = [n for n in os.listdir(os.path.dirname(path)) if ".tmp-" in n]
    if left:
        fail("temporary files left after a complete edit: %s" % left)
    if read(path) != new:
        fail("the last edit did not write the new content")
    print("ok   %d edits, SIGKILL at random (edit %.0f ms, kill within %.0f ms; %d killed before they"
          " ended): %d left the old file, %d the new one, none anything else (%.1f s)"
          % (runs, sorted(times)[1] * 1000, span * 1000, killed, outcomes["old"], outcomes["new"],
             time.monotonic() - t_start))


def main(argv):
    args = argv[1:]
    runs = 200
    if "--crashes" in args:
        i = args.index("--crashes")
        runs = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    qms = os.path.abspath(args[0])
    source = os.path.abspath(args[1])
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    tmp = tempfile.mkdtemp(prefix="qms-edit-stress-", dir=base)
    try:
        ws = os.path.join(tmp, "concurrency")
        shutil.copytree(source, ws)
        concurrency(qms, ws)
        ws = os.path.join(tmp, "crash")
        shutil.copytree(source, ws)
        crash(qms, ws, runs, seed=5)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

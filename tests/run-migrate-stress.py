#!/usr/bin/env python3
"""`qms migrate --apply` run many times at once, and killed half-way.

usage: run-migrate-stress.py QMS_BINARY WORKSPACE [--crashes N]

WORKSPACE (tests/cli/ws-iso: agency so-a with one procedure on ISO 9001:2008,
processes/so-a/A-02.yaml) is copied to a temporary folder; the source is never
written.

1. Concurrency: 20 `qms migrate so-a --apply` started at once on one copy. The
   procedure is converted exactly once (one run says "converted", the others find
   nothing left on 2008), the file equals the bytes of a conversion done alone, and
   `qms check` passes on it.
2. Crash: N times (default 100) on a fresh copy, a conversion is started and killed
   with SIGKILL after a random delay up to a little more than a conversion takes.
   The procedure must then hold exactly the old bytes or exactly the converted ones;
   both outcomes must have happened. A conversion run after a kill completes and
   leaves no temporary file behind.
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TARGET = os.path.join("processes", "so-a", "A-02.yaml")


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def apply(qms, ws):
    return subprocess.run([qms, "-C", ws, "migrate", "so-a", "--apply", "--lang", "en"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)


def fresh(src, tmp, name):
    ws = os.path.join(tmp, name)
    shutil.rmtree(ws, ignore_errors=True)
    shutil.copytree(src, ws)
    return ws


def leftovers(ws):
    folder = os.path.join(ws, "processes", "so-a")
    return [n for n in os.listdir(folder) if ".tmp-" in n]


def main(argv):
    qms, src = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    crashes = int(argv[argv.index("--crashes") + 1]) if "--crashes" in argv else 100
    tmp = tempfile.mkdtemp(prefix="qms-migrate-stress-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    try:
        old = read(os.path.join(src, TARGET))
        ws = fresh(src, tmp, "alone")
        start = time.monotonic()
        p = apply(qms, ws)
        took = time.monotonic() - start
        new = read(os.path.join(ws, TARGET))
        if new == old or b"ISO 9001:2015" not in new:
            fail("a conversion alone did not convert:\n" + p.stdout.decode() + p.stderr.decode())

        ws = fresh(src, tmp, "together")
        procs = [subprocess.Popen([qms, "-C", ws, "migrate", "so-a", "--apply", "--lang", "en"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(20)]
        outs = [p.communicate(timeout=300) for p in procs]
        converted = sum(o[0].decode().count("converted " + TARGET) for o in outs)
        if converted != 1:
            fail(f"20 conversions at once converted {converted} times")
        if read(os.path.join(ws, TARGET)) != new:
            fail("20 conversions at once: the file differs from a conversion done alone")
        c = subprocess.run([qms, "-C", ws, "check", TARGET], stdout=subprocess.PIPE)
        if c.returncode != 0:
            fail("after 20 conversions at once, qms check fails:\n" + c.stdout.decode())
        if leftovers(ws):
            fail(f"temporary files left: {leftovers(ws)}")
        print("ok   20 conversions at once: converted once, file valid and as converted alone")

        # a temporary file a killed conversion left: the next one removes it
        ws = fresh(src, tmp, "stale")
        folder, name = os.path.split(os.path.join(ws, TARGET))
        stale = os.path.join(folder, "." + name + ".tmp-Ab3xYz")
        with open(stale, "w") as f:
            f.write("half written")
        after = apply(qms, ws)
        if os.path.exists(stale) or read(os.path.join(ws, TARGET)) != new:
            fail("a temporary file left by a killed conversion is still there after the next one "
                 f"(exit {after.returncode}): {after.stderr.decode()}")
        else:
            print("ok   a temporary file left by a killed conversion is removed by the next one")

        rng = random.Random(20200930)
        seen = {"old": 0, "new": 0}
        for i in range(crashes):
            ws = fresh(src, tmp, "crash")
            p = subprocess.Popen([qms, "-C", ws, "migrate", "so-a", "--apply"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, took * 1.3))
            p.send_signal(signal.SIGKILL)
            p.wait()
            now = read(os.path.join(ws, TARGET))
            if now == old:
                seen["old"] += 1
            elif now == new:
                seen["new"] += 1
            else:
                fail(f"kill {i}: the procedure holds neither the old nor the converted bytes")
            if i % 10 == 0:
                after = apply(qms, ws)
                if read(os.path.join(ws, TARGET)) != new or leftovers(ws):
                    fail(f"kill {i}: a conversion after the kill did not finish cleanly (exit "
                         f"{after.returncode}, converted: {read(os.path.join(ws, TARGET)) == new}, "
                         f"temporary files left: {leftovers(ws)}):\n" + after.stderr.decode())
        if not seen["old"] or not seen["new"]:
            fail(f"the kills did not land on both sides: {seen}")
        print(f"ok   {crashes} conversions killed at random: old bytes {seen['old']} times, "
              f"converted bytes {seen['new']} times, never anything else")
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))

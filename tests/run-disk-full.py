#!/usr/bin/env python3
"""A write that runs out of disk leaves the user's file as it was.

usage: run-disk-full.py QMS_BINARY WORKSPACE

Copies WORKSPACE onto a small tmpfs, fills the tmpfs, and runs the commands
that rewrite user files. Each must fail with a clear error (`migrate --apply`
exit 1: a rewrite failed, the work remains; an `audit` edit exit 3, an I/O
error; naming the file and "No space left on device"), leave every file
byte-identical and leave no temporary file behind. The tmpfs is mounted
directly as root, else in a user namespace (unshare -rm); without either,
the test falls back to a file size limit (RLIMIT_FSIZE), which fails writes
the same way (EFBIG).
"""
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

QMS = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])

COMMANDS = [  # (arguments, the file it rewrites, its exit status)
    (["migrate", "so-a", "--apply"], "processes/so-a/A-02.yaml", 1),
    (["audit", "stage", "so-a", "plan", "--done", "2020-02-10", "--evidence",
      "Kế hoạch chuyển đổi " + "rất dài " * 200], "audits/so-a.yaml", 3),
]


def snapshot(root):
    files = {}
    for dirpath, _, names in os.walk(root):
        for n in names:
            p = os.path.join(dirpath, n)
            with open(p, "rb") as f:
                files[os.path.relpath(p, root)] = f.read()
    return files


def fill(root):
    """Take every free byte of the file system holding root."""
    filler = os.path.join(root, ".filler")
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    os.close(fd)
    # leave a little room: the lock file and a directory entry fit, the
    # rewritten procedure does not
    with open(filler, "r+b") as f:
        size = os.path.getsize(filler)
        f.truncate(max(0, size - 1024))
    return filler


def run_case(ws, args, target, status, limit_fsize):
    before = snapshot(ws)
    def preexec():
        if limit_fsize:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (512, 512))
    p = subprocess.run([QMS, "-C", ws, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=dict(os.environ, NO_COLOR="1"), preexec_fn=preexec)
    after = snapshot(ws)
    err = p.stderr.decode()
    problems = []
    if p.returncode != status:
        problems.append(f"exit {p.returncode}, expected {status}")
    want = "File too large" if limit_fsize else "No space left on device"
    if want not in err or target not in err:
        problems.append(f"expected an error naming {target} and {want!r}, got {err.strip()!r}")
    for name, data in before.items():
        if name == ".filler":
            continue
        if after.get(name) != data:
            problems.append(f"{name} changed")
    extra = sorted(set(after) - set(before) - {".filler"})
    extra = [e for e in extra if not e.endswith(".lock")]
    if extra:
        problems.append(f"left behind: {extra}")
    print(("FAIL " if problems else "ok   ") + " ".join(args)[:40] + (" (RLIMIT_FSIZE)" if limit_fsize else " (full tmpfs)"))
    for pr in problems:
        print("     " + pr)
    return not problems


def main():
    mnt = tempfile.mkdtemp(prefix="qms-full-")
    mounted = False
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt],
                                 stderr=subprocess.DEVNULL).returncode == 0
    elif "QMS_IN_USERNS" not in os.environ and shutil.which("unshare"):
        r = subprocess.run(["unshare", "-rm", sys.executable, *sys.argv],
                           env=dict(os.environ, QMS_IN_USERNS="1"))
        if r.returncode in (0, 1):
            os.rmdir(mnt)
            return r.returncode
    if "QMS_IN_USERNS" in os.environ and not mounted:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt],
                                 stderr=subprocess.DEVNULL).returncode == 0
    ok = True
    try:
        for args, target, status in COMMANDS:
            ws = os.path.join(mnt, "ws")
            shutil.rmtree(ws, ignore_errors=True)
            shutil.copytree(SOURCE, ws)
            if mounted:
                filler = fill(mnt)
                ok &= run_case(ws, args, target, status, False)
                os.unlink(filler)
            else:
                ok &= run_case(ws, args, target, status, True)
    finally:
        if mounted:
            subprocess.run(["umount", mnt])
        shutil.rmtree(mnt, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

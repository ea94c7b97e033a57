#!/usr/bin/env python3
"""Each file of the workspace is read once per process (issue 16).

usage: run-open-count.py QMS WORKSPACE

Runs `qms site`, `qms report`, `qms check` and `qms render` on WORKSPACE under
`strace -f -e trace=openat,clone,clone3,fork,vfork`, groups the threads into
their processes (a clone with CLONE_THREAD is a thread of its caller), and
fails when a process opened one YAML file twice, or when the ISO 9001:2015
catalog was not opened exactly once by the process that runs the command.
Exit 77 (skipped) when strace is missing or cannot trace.
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

CLONE = re.compile(r"^(\d+)\s+(?:clone3?|fork|vfork)\((.*)\)\s+=\s+(\d+)")
OPEN = re.compile(r'^(\d+)\s+openat\([^"]*"([^"]+\.ya?ml)"(?:.*<unfinished|[^=]*=\s+(-?\d+))')
RESUMED = re.compile(r"^(\d+)\s+<\.\.\. openat resumed>.*=\s+(-?\d+)")


def trace(qms, ws, args, tmp):
    """Run qms under strace; returns (main pid, {(process, file): opens}) and the exit status."""
    out = os.path.join(tmp, "trace")
    p = subprocess.run(["strace", "-f", "-e", "trace=openat,clone,clone3,fork,vfork", "-o", out, qms, "-C", ws]
                       + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    process = {}  # thread id -> process id
    opens = collections.Counter()
    pending = {}  # thread id -> file of its unfinished openat
    first = None
    with open(out, encoding="utf-8", errors="replace") as f:
        for line in f:
            if first is None and line[:1].isdigit():
                first = line.split()[0]  # the execve of qms
            m = CLONE.match(line)
            if m:
                parent, child = m.group(1), m.group(3)
                process[child] = process.get(parent, parent) if "CLONE_THREAD" in m.group(2) else child
                continue
            m = OPEN.match(line)
            if m and m.group(3) is None:  # another thread's call came between: see "resumed"
                pending[m.group(1)] = m.group(2)
                continue
            r = RESUMED.match(line)
            if r and r.group(1) in pending:
                m = (r.group(1), pending.pop(r.group(1)), r.group(2))
            elif m:
                m = m.groups()
            if m and int(m[2]) >= 0:
                tid = m[0]
                opens[(process.get(tid, tid), os.path.normpath(os.path.join(ws, m[1])))] += 1
    return first, opens, p


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    qms, ws = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not shutil.which("strace"):
        print("strace is not installed: skipped")
        return 77
    tmp = tempfile.mkdtemp(prefix="qms-opens-")
    failed = 0
    try:
        probe = subprocess.run(["strace", "-o", os.devnull, "true"], stderr=subprocess.PIPE)
        if probe.returncode:
            print("strace cannot trace here: skipped: " + probe.stderr.decode()[-200:])
            return 77
        runs = [
            ["site", "--as-of", "2020-09-30", "-j", "2", "--out", os.path.join(tmp, "site")],
            ["report", "--as-of", "2020-09-30", "--format", "json", "-o", os.path.join(tmp, "report.json")],
            ["check", "-j", "2"],
            ["render", "-j", "2", "--out", os.path.join(tmp, "diagrams")],
        ]
        catalog = os.path.join(ws, "standards", "iso9001-2015.yaml")
        for args in runs:
            main_pid, opens, p = trace(qms, ws, args, tmp)
            if p.returncode not in (0, 1):
                print(f"FAIL qms {args[0]}: exit {p.returncode}: {p.stderr.decode()[-500:]}")
                failed += 1
                continue
            twice = sorted((f, n) for (pid, f), n in opens.items() if n > 1)
            per_file = collections.Counter()
            for (pid, f), n in opens.items():
                per_file[f] += n
            for f, n in twice:
                print(f"FAIL qms {args[0]}: one process opened {os.path.relpath(f, ws)} {n} times")
            failed += bool(twice)
            if os.path.exists(catalog) and args[0] in ("site", "report", "check"):
                n = sum(k for (pid, f), k in opens.items() if f == catalog and pid == main_pid)
                if n != 1:
                    print(f"FAIL qms {args[0]}: the catalog opened {n} times by the main process, not once")
                    failed += 1
            if not opens:
                print(f"FAIL qms {args[0]}: no YAML file opened at all (is the trace read right?)")
                failed += 1
            procs = len({pid for pid, f in opens})
            print(f"qms {args[0]}: {len(per_file)} YAML files, {sum(opens.values())} opens in {procs} process(es); "
                  f"most opened by one process: {max(opens.values()) if opens else 0}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

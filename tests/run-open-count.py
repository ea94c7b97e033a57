#!/usr/bin/env python3
"""Each file of the workspace is read once per process (issue 16).

usage: run-open-count.py QMS WORKSPACE

Runs `qms site`, `qms report`, `qms check` and `qms render` on WORKSPACE, and
the commands that read a workspace to change it (`qms audit` and its edits,
`qms coverage`, `qms migrate` and `migrate --apply`, `qms new`) on a copy of
it, under `strace -f -e trace=openat,clone,clone3,fork,vfork`, groups the
threads into their processes (a clone with CLONE_THREAD is a thread of its
caller), and fails when a process opened one YAML file twice, or when the ISO
9001:2015 catalog was not opened exactly once by the process that runs the
command. A file the command rewrites is read once more under its lock (the
text it changes must be the one on disk) and, for `migrate --apply`, once
more after it was rewritten (what is left to do): at most 3 opens, and only
for the files it rewrote. Exit 77 (skipped) when strace is missing or cannot
trace.
"""
AGENCY = "ubnd-xa-tan-hoa"  # of the example workspace: procedures still on ISO 9001:2008, a tracker
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


def snapshot(root):
    """{absolute path: bytes} of the YAML files under root."""
    out = {}
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if not x.startswith(("build", ".git", "out"))]
        for name in files:
            if name.endswith((".yaml", ".yml")):
                path = os.path.join(d, name)
                with open(path, "rb") as f:
                    out[os.path.normpath(path)] = f.read()
    return out


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
        copy = os.path.join(tmp, "ws")
        shutil.copytree(ws, copy, ignore=shutil.ignore_patterns("build*", ".git", "out"))
        runs = [
            (ws, ["site", "--as-of", "2020-09-30", "-j", "2", "--out", os.path.join(tmp, "site")]),
            (ws, ["report", "--as-of", "2020-09-30", "--format", "json", "-o", os.path.join(tmp, "report.json")]),
            (ws, ["check", "-j", "2"]),
            (ws, ["render", "-j", "2", "--out", os.path.join(tmp, "diagrams")]),
            (copy, ["audit", "status", "--as-of", "2020-09-30"]),
            (copy, ["audit", "add", AGENCY, "--id", "KT-OPENS", "--kind", "internal", "--date", "2020-09-01"]),
            (copy, ["coverage", AGENCY, "--as-of", "2020-09-30"]),
            (copy, ["migrate", AGENCY]),
            (copy, ["migrate", AGENCY, "--apply"]),
            (copy, ["new", "procedure", AGENCY, "--title", "Thủ tục thử"]),
        ]
        for where, args in runs:
            before = snapshot(where)
            main_pid, opens, p = trace(qms, where, args, tmp)
            if p.returncode not in (0, 1):
                print(f"FAIL qms {' '.join(args[:2])}: exit {p.returncode}: {p.stderr.decode()[-500:]}")
                failed += 1
                continue
            rewritten = {f for f, data in before.items() if snapshot(where).get(f) != data}
            catalog = os.path.join(where, "standards", "iso9001-2015.yaml")
            twice = sorted((f, n) for (pid, f), n in opens.items() if n > (3 if f in rewritten else 1))
            per_file = collections.Counter()
            for (pid, f), n in opens.items():
                per_file[f] += n
            for f, n in twice:
                print(f"FAIL qms {' '.join(args[:2])}: one process opened {os.path.relpath(f, where)} {n} times")
            failed += bool(twice)
            if os.path.exists(catalog) and args[0] in ("site", "report", "check", "coverage", "migrate"):
                n = sum(k for (pid, f), k in opens.items() if f == catalog and pid == main_pid)
                if n != 1:
                    print(f"FAIL qms {args[0]}: the catalog opened {n} times by the main process, not once")
                    failed += 1
            if not opens:
                print(f"FAIL qms {args[0]}: no YAML file opened at all (is the trace read right?)")
                failed += 1
            procs = len({pid for pid, f in opens})
            print(f"qms {' '.join(args[:2])}: {len(per_file)} YAML files, {sum(opens.values())} opens in {procs} "
                  f"process(es); most opened by one process: {max(opens.values()) if opens else 0}; "
                  f"{len(rewritten)} rewritten")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Golden CLI tests in a cram-like format.

usage: run-cli.py [--update] [--valgrind SUPPRESSIONS] QMS_BINARY CASES_DIR [CASE...]

--valgrind runs every qms under valgrind memcheck: any memory error or
definite leak makes it print and exit 99, so the command fails its case.

--update rewrites the .t files with the output of today's binary: read the
diff (git diff tests/cli) before committing it.

Each CASES_DIR/*.t file holds commands and their exact output:

    # a comment
    $ qms check ws-mixed
    <expected stdout and stderr, merged>
    [1]                      <- exit status, when not 0

Commands run in bash with the case folder as the current folder, `qms`
on PATH, NO_COLOR=1, LC_ALL=C.UTF-8 (LANGUAGE, LC_MESSAGES and LANG unset), and
$TMP a fresh empty folder.
"""
import difflib
import os
import shutil
import subprocess
import sys
import tempfile


def parse(path):
    """[(command, expected output, expected status)], plus the header."""
    cases = []
    cmd = None
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line.startswith("$ "):
                if cmd is not None:
                    cases.append((cmd, out))
                cmd, out = line[2:], []
            elif cmd is None:
                continue  # header comments
            else:
                out.append(line)
    if cmd is not None:
        cases.append((cmd, out))
    result = []
    for cmd, out in cases:
        while out and out[-1] == "":
            out.pop()
        status = 0
        if out and out[-1].startswith("[") and out[-1].endswith("]") and out[-1][1:-1].isdigit():
            status = int(out.pop()[1:-1])
        result.append((cmd, "\n".join(out) + ("\n" if out else ""), status))
    return result


def header(path):
    lines = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line.startswith("$ "):
                break
            lines.append(line)
    return "\n".join(lines).rstrip("\n") + "\n"


def main():
    args = sys.argv[1:]
    update = bool(args) and args[0] == "--update"
    if update:
        args = args[1:]
    valgrind = None
    if args[:1] == ["--valgrind"]:
        valgrind, args = os.path.abspath(args[1]), args[2:]
    qms = os.path.abspath(args[0])
    cases_dir = os.path.abspath(args[1])
    only = set(args[2:])
    bindir = tempfile.mkdtemp(prefix="qms-cli-bin-")
    if valgrind:
        wrapper = os.path.join(bindir, "qms")
        with open(wrapper, "w") as f:
            f.write("#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full "
                    "--errors-for-leak-kinds=definite --show-leak-kinds=definite "
                    f"--suppressions={valgrind} --trace-children=no {qms} \"$@\"\n")
        os.chmod(wrapper, 0o755)
    else:
        os.symlink(qms, os.path.join(bindir, "qms"))
    failed = 0
    total = 0
    for name in sorted(os.listdir(cases_dir)):
        if not name.endswith(".t") or (only and name not in only):
            continue
        rewritten = header(os.path.join(cases_dir, name))
        for cmd, expected, status in parse(os.path.join(cases_dir, name)):
            total += 1
            tmp = tempfile.mkdtemp(prefix="qms-cli-")
            env = {k: v for k, v in os.environ.items()
                   if k not in ("LANGUAGE", "LC_MESSAGES", "LANG")}  # the language is the case's
            env.update(PATH=bindir + ":" + os.environ["PATH"], NO_COLOR="1",
                       LC_ALL="C.UTF-8", TMP=tmp)
            p = subprocess.run(["bash", "-c", cmd], cwd=cases_dir, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
            shutil.rmtree(tmp, ignore_errors=True)
            got = p.stdout.decode("utf-8", "replace")
            rewritten += f"$ {cmd}\n{got}" + (f"[{p.returncode}]\n" if p.returncode else "")
            if got != expected or p.returncode != status:
                failed += 1
                print(f"FAIL {name}: $ {cmd}")
                if p.returncode != status:
                    print(f"  exit status {p.returncode}, expected {status}")
                sys.stdout.writelines(difflib.unified_diff(
                    expected.splitlines(True), got.splitlines(True), "expected", "got"))
            else:
                print(f"ok   {name}: $ {cmd}")
        if update:
            with open(os.path.join(cases_dir, name), "w", encoding="utf-8") as f:
                f.write(rewritten)
    shutil.rmtree(bindir, ignore_errors=True)
    print(f"{total - failed}/{total} commands as expected")
    return 1 if failed or total == 0 else 0


if __name__ == "__main__":
    sys.exit(main())

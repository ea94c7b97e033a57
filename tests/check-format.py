#!/usr/bin/env python3
"""The C sources are formatted as .clang-format says.

usage: check-format.py SOURCE_ROOT

Runs clang-format 14 (Debian 12's; other versions format some constructs
differently, so the check pins it) in dry-run mode over every C file of
lib/, tools/, tests/ and tools/bench/, and prints each file that differs
with its first differing lines. Fix with:

    clang-format-14 -i $(git ls-files '*.c' '*.h')

Exits 1 when a file differs, 2 when clang-format 14 is not installed
(package clang-format-14, listed in scripts/debian-packages-test).
"""
import os
import shutil
import subprocess
import sys


def sources(root):
    out = []
    for d in ("lib", "tools", "tools/bench", "tests", "tests/fuzz", "tests/install"):
        path = os.path.join(root, d)
        if os.path.isdir(path):
            out += sorted(os.path.join(path, n) for n in os.listdir(path) if n.endswith((".c", ".h")))
    return out


def main():
    root = sys.argv[1]
    exe = shutil.which("clang-format-14")
    if not exe:
        print("clang-format-14 is not installed (apt-get install clang-format-14)")
        return 2
    files = sources(root)
    # one process for every file: --dry-run --Werror prints each place
    # that differs as "file:line:col: error: code should be clang-formatted"
    p = subprocess.run([exe, "--dry-run", "--Werror", "--style=file:" + os.path.join(root, ".clang-format"), *files],
                       capture_output=True, text=True)
    places = [l for l in p.stderr.splitlines() if ": error: code should be clang-formatted" in l]
    if p.returncode and not places:
        print(f"clang-format failed: {p.stderr[:500]}")
        return 2
    first = {}
    for l in places:
        path, line = l.split(":")[:2]
        first.setdefault(path, line)
    for path, line in sorted(first.items()):
        rel = os.path.relpath(path, root)
        print(f"{rel}:{line}: not formatted; clang-format-14 -i {rel}")
    bad = len(first)
    print(f"{bad} file(s) not formatted, {len(files)} checked")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

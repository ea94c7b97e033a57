#!/usr/bin/env python3
"""check-function-length: functions in lib/ and tools/ over 100 lines need a reason.

usage: check-function-length.py SOURCE_ROOT [--list]

A function is a definition whose body opens with `{` in column 0 and closes with `}` in
column 0 (the tree's style, .clang-format). Its length counts the lines from the signature to
the closing brace. A function of more than 100 lines passes only when the comment block just
above it holds a line `Long: <reason>` (why it is one function). Prints each long function
without a reason as file:line: name (N lines) and exits 1 when there is one; --list prints
every long function, with its reason, and exits 0.

tests/function-length.todo names the long functions known to be several jobs in one, still to
be split (issue 16): `file function` per line. Each run lists them, and fails when one of them
is gone or short (so that the list shrinks with the code) or when a long function is in
neither place.
"""
import os
import re
import sys

LIMIT = 100


def functions(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i] == "{" and i > 0:
            # the signature: back to the line that starts it (not indented, not blank)
            s = i - 1
            while s > 0 and (lines[s].startswith("\t") or lines[s].startswith(" ")) and lines[s].strip():
                s -= 1
            m = re.search(r"(\w+)\s*\(", lines[s])
            e = i + 1
            while e < len(lines) and lines[e] != "}":
                e += 1
            # the comment above the signature
            c = s - 1
            comment = []
            while c >= 0 and (lines[c].startswith("/*") or lines[c].startswith(" *") or lines[c].startswith("//")):
                comment.insert(0, lines[c])
                c -= 1
            reason = None
            for line in comment:
                r = re.search(r"Long:\s*(.+)", line)
                if r:
                    reason = r.group(1).strip().rstrip("*/").strip()
            yield (s + 1, m.group(1) if m else "?", e - s + 1, reason)
            i = e + 1
        else:
            i += 1


def main():
    args = sys.argv[1:]
    listing = "--list" in args
    args = [a for a in args if a != "--list"]
    if len(args) != 1:
        print("usage: check-function-length.py SOURCE_ROOT [--list]", file=sys.stderr)
        return 2
    root = args[0]
    todo = set()
    todo_path = os.path.join(root, "tests", "function-length.todo")
    for line in open(todo_path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            f, fn = line.split()
            todo.add((f, fn))
    seen = set()
    bad = 0
    for sub in ("lib", "tools"):
        for dirpath, _, names in sorted(os.walk(os.path.join(root, sub))):
            for name in sorted(names):
                if not name.endswith(".c"):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                for line, fn, n, reason in functions(path):
                    if n <= LIMIT:
                        continue
                    if listing:
                        print(f"{rel}:{line}: {fn} ({n} lines): {reason or 'NO REASON'}")
                    elif (rel, fn) in todo:
                        seen.add((rel, fn))
                        print(f"{rel}:{line}: {fn} ({n} lines): to be split (tests/function-length.todo)")
                    elif not reason:
                        print(f"{rel}:{line}: {fn} ({n} lines) is over {LIMIT} lines without a "
                              f"'Long: <reason>' line in the comment above it; split it or say why")
                        bad += 1
    for f, fn in sorted(todo - seen) if not listing else []:
        print(f"{f}: {fn} is no longer over {LIMIT} lines (or gone): take it off tests/function-length.todo")
        bad += 1
    if bad:
        print(f"{bad} problem(s)")
    return 1 if bad and not listing else 0


if __name__ == "__main__":
    sys.exit(main())

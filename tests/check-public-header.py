#!/usr/bin/env python3
"""The boundary between the public interface of libqms and its internals.

usage: check-public-header.py SOURCE_ROOT

- The headers installed (`libqms_public_headers` in lib/meson.build) are
  exactly lib/qms.h and what it includes, directly or not: an installed
  header never includes one that is not installed, and nothing internal is
  installed by mistake.
- The command (tools/*.c, tools/*.h) includes nothing from lib/ but qms.h:
  what the command needs is public, the rest stays internal.
Prints each problem with its file and line; exits 1 when there is one.
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def includes(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for m in INCLUDE.finditer(text):
        yield m.group(1), text.count("\n", 0, m.start()) + 1


def closure(lib, start):
    seen, todo = set(), [start]
    while todo:
        h = todo.pop()
        if h in seen:
            continue
        seen.add(h)
        todo.extend(name for name, _ in includes(os.path.join(lib, h)) if os.path.exists(os.path.join(lib, name)))
    return seen


def installed(lib):
    with open(os.path.join(lib, "meson.build"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"libqms_public_headers = files\((.*?)\)", text, re.S)
    return set(re.findall(r"'([^']+)'", m.group(1))) if m else set()


def main():
    root = sys.argv[1]
    lib, tools = os.path.join(root, "lib"), os.path.join(root, "tools")
    problems = []
    public, listed = closure(lib, "qms.h"), installed(lib)
    for h in sorted(public - listed):
        problems.append(f"lib/meson.build: {h} is included by qms.h (perhaps through another header) "
                        "but not in libqms_public_headers: add it")
    for h in sorted(listed - public):
        problems.append(f"lib/meson.build: {h} is in libqms_public_headers but qms.h does not include it: "
                        "include it from qms.h or do not install it")
    lib_headers = {n for n in os.listdir(lib) if n.endswith((".h", ".def"))}
    for name in sorted(os.listdir(tools)):
        if not name.endswith((".c", ".h")):
            continue
        for inc, line in includes(os.path.join(tools, name)):
            if inc in lib_headers and inc != "qms.h" and not os.path.exists(os.path.join(tools, inc)):
                problems.append(f"tools/{name}:{line}: includes lib/{inc}; the command includes only \"qms.h\" "
                                "(make what it needs public through qms.h)")
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s); {len(public)} public headers")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

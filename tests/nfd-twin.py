#!/usr/bin/env python3
"""Copy a workspace with every YAML file in Unicode NFD (decomposed: the
accents as combining marks, as Unikey's or Word's decomposed setting types
Vietnamese), for tests that the outputs do not change.

usage: nfd-twin.py SOURCE DEST

Prints how many files changed bytes; fails if none did (the twin would
prove nothing).
"""
import os
import shutil
import sys
import unicodedata


def main():
    src, dst = sys.argv[1:3]
    shutil.copytree(src, dst)
    changed = 0
    for folder, _dirs, files in os.walk(dst):
        for name in files:
            if not name.endswith((".yaml", ".yml")):
                continue
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            nfd = unicodedata.normalize("NFD", text)
            if nfd != text:
                changed += 1
                with open(path, "w", encoding="utf-8") as f:
                    f.write(nfd)
    print("%d files in NFD" % changed)
    return 0 if changed else 1


if __name__ == "__main__":
    sys.exit(main())

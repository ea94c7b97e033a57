#!/usr/bin/env python3
"""The generated parts of docs/ equal what the code says today.

usage: check-docs.py QMS_BINARY DOCS_DIR
"""
import difflib
import subprocess
import sys


def run(qms, *args):
    return subprocess.run([qms, *args], check=True, stdout=subprocess.PIPE).stdout.decode()


def compare(name, expected, got):
    if expected == got:
        print(f"ok   {name}")
        return 0
    print(f"FAIL {name} is out of date; regenerate it (see the file's header)")
    sys.stdout.writelines(difflib.unified_diff(
        got.splitlines(True), expected.splitlines(True), name, "generated"))
    return 1


def main():
    qms, docs = sys.argv[1], sys.argv[2]
    failed = 0
    with open(f"{docs}/rules.md", encoding="utf-8") as f:
        failed += compare("docs/rules.md", run(qms, "check", "--list-rules", "--format", "md"), f.read())
    with open(f"{docs}/format.md", encoding="utf-8") as f:
        text = f.read()
    begin = "<!-- BEGIN GENERATED: qms check --schema -->\n"
    end = "<!-- END GENERATED -->"
    if begin not in text or end not in text:
        print("FAIL docs/format.md lacks the generated markers")
        return 1
    section = text[text.index(begin) + len(begin):text.index(end)]
    failed += compare("docs/format.md (reference)", run(qms, "check", "--schema"), section)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

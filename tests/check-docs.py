#!/usr/bin/env python3
"""The generated parts of docs/ equal what the code says today.

usage: check-docs.py [--update] QMS_BINARY DOCS_DIR

--update rewrites the generated parts from today's binary.
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
    args = sys.argv[1:]
    update = args[:1] == ["--update"]
    if update:
        args = args[1:]
    qms, docs = args[0], args[1]
    failed = 0
    for name, lang in (("rules.md", "en"), ("rules.vi.md", "vi")):
        rules = run(qms, "--lang", lang, "check", "--list-rules", "--format", "md")
        try:
            with open(f"{docs}/{name}", encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = ""
        if update:
            with open(f"{docs}/{name}", "w", encoding="utf-8") as f:
                f.write(rules)
        else:
            failed += compare(f"docs/{name}", rules, current)
    with open(f"{docs}/format.md", encoding="utf-8") as f:
        text = f.read()
    begin = "<!-- BEGIN GENERATED: qms check --schema -->\n"
    end = "<!-- END GENERATED -->"
    if begin not in text or end not in text:
        print("FAIL docs/format.md lacks the generated markers")
        return 1
    head, rest = text.split(begin, 1)
    section, tail = rest.split(end, 1)
    schema = run(qms, "--lang", "en", "check", "--schema")
    if update:
        with open(f"{docs}/format.md", "w", encoding="utf-8") as f:
            f.write(head + begin + schema + end + tail)
        print("updated docs/rules.md, docs/rules.vi.md and docs/format.md")
        return 0
    failed += compare("docs/format.md (reference)", schema, section)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

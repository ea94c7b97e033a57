#!/usr/bin/env python3
"""Write the man pages of qms, in English or Vietnamese, from its option
tables (the program prints each page: `qms --lang LANG __man NAME`).

usage: gen-pages.py QMS LANG OUTDIR NAME...

NAME is a command as `qms __man` takes it ("check", "audit status") or
"qms" for qms(1). Writes OUTDIR/<page>.1 in LANG (en or vi). The list of
names is checked against the tables: a command missing from meson.build
fails the build.
"""
import json
import os
import subprocess
import sys


def page(name):
    return "qms" if name == "qms" else "qms-" + name.replace(" ", "-")


def main():
    qms, lang, outdir, names = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    tables = json.loads(subprocess.run([qms, "__options"], check=True, capture_output=True, env=env).stdout)
    known = {"qms"} | {c["name"] for c in tables}
    if set(names) != known:
        sys.exit(f"gen-pages.py: meson.build lists {sorted(set(names))}, the tables have {sorted(known)}")
    for name in names:
        args = [qms, "--lang", lang, "__man"] + ([] if name == "qms" else [name])
        text = subprocess.run(args, check=True, capture_output=True, env=env).stdout
        with open(os.path.join(outdir, page(name) + ".1"), "wb") as f:
            f.write(text)

if __name__ == "__main__":
    main()

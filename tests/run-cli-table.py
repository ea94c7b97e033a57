#!/usr/bin/env python3
"""Every command x every option x bad values: exit codes and one wording
per kind of mistake, from the option tables themselves (`qms __options`).

usage: run-cli-table.py QMS WORKSPACE

For each command and each of its options (the common --lang and --help
included): a value of the wrong kind, a missing value, a value given to a
flag, then an unknown option and --help. Every mistake exits 2 with
exactly one line on stderr in the wording of its kind and nothing on
stdout; --help exits 0 and lists every option.
"""
import json
import os
import re
import subprocess
import sys

failures = 0
counted = 0

WORDING = {
    "choice": r"^qms: '.*' is not a value of --{o}: use [^;]*(; did you mean '.*'\?)?$",
    "lang": r"^qms: '.*' is not a value of --lang: use vi, en(; did you mean '.*'\?)?$",
    "date": r"^qms: '.*' is not a date for --{o}: write YYYY-MM-DD, e\.g\. 2020-09-30$",
    "jobs": r"^qms: '.*' is not a number from 1 to 64 for --{o}$",
    "uint": r"^qms: '.*' is not a whole number from 0 to 1000000000 for --{o}$",
    "missing": r"^qms: option --{o} needs a value(: use .*)?$",
    "flag": r"^qms: option --{o} takes no value$",
    "unknown": r"^qms: unknown option '--frobnicate' for 'qms {c}'; see 'qms {c} --help'$",
}
BAD = {"choice": "zzz", "lang": "fr", "date": "2020-02-30", "jobs": "0", "uint": "-1"}


def check(ok, what):
    global failures, counted
    counted += 1
    if not ok:
        print("FAIL " + what)
    failures += not ok


def run(qms, ws, argv):
    env = dict(os.environ, NO_COLOR="1", ASAN_OPTIONS="detect_leaks=0", LANGUAGE="en")
    return subprocess.run([qms, "-C", ws, "--lang", "en", *argv], capture_output=True, text=True, env=env)


def mistake(qms, ws, cmd, args, kind, opt=""):
    p = run(qms, ws, cmd.split() + args)
    pattern = WORDING[kind].format(o=re.escape(opt), c=re.escape(cmd))
    err = p.stderr.strip().splitlines()
    ok = p.returncode == 2 and len(err) == 1 and re.match(pattern, err[0]) and not p.stdout
    check(ok, f"qms {cmd} {' '.join(args)}: exit {p.returncode}, stderr {p.stderr.strip()!r}")


def main():
    qms, ws = sys.argv[1], sys.argv[2]
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    tables = json.loads(subprocess.run([qms, "__options"], capture_output=True, text=True, env=env).stdout)
    for c in tables:
        cmd = c["name"]
        for o in c["options"]:
            name, kind = o["name"], o["type"]
            if kind in BAD:
                mistake(qms, ws, cmd, [f"--{name}", BAD[kind]], kind, name)
                mistake(qms, ws, cmd, [f"--{name}={BAD[kind]}"], kind, name)
                if o["short"]:
                    mistake(qms, ws, cmd, [f"-{o['short']}", BAD[kind]], kind, name)
            if kind == "flag":
                mistake(qms, ws, cmd, [f"--{name}=yes"], "flag", name)
            else:
                mistake(qms, ws, cmd, [f"--{name}"], "missing", name)
        mistake(qms, ws, cmd, ["--frobnicate"], "unknown")
        h = run(qms, ws, cmd.split() + ["--help"])
        missing = [o["name"] for o in c["options"] if f"--{o['name']}" not in h.stdout]
        check(h.returncode == 0 and h.stdout.startswith("usage: qms ") and not missing and not h.stderr,
              f"qms {cmd} --help: exit {h.returncode}, options not listed: {missing}")
    print(f"{counted} cases, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""`qms check` in CI formats, checked against what reads them.

usage: run-ci-formats.py QMS WORKSPACE

- SARIF: valid against the official SARIF 2.1.0 schema (tests/validate-sarif.js:
  ajv and the OASIS schema from the npm package @microsoft/jest-sarif, pinned
  in tests/npm); every result has a rule of the driver, start and end
  positions, and the messages equal those of --format json;
- GitHub: every line is a workflow command as GitHub documents it
  (`::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::MESSAGE`, with
  `%`, CR, LF escaped, and `:` `,` in properties), and unescaped gives back
  the JSON's messages;
- GitLab Code Quality: a JSON array, each issue with description,
  check_name, a unique fingerprint, severity and location.path/lines.begin.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

failures = 0


def check(ok, what):
    global failures
    print(("ok   " if ok else "FAIL ") + what)
    failures += not ok


def run(qms, *args):
    env = dict(os.environ, NO_COLOR="1", ASAN_OPTIONS="detect_leaks=0")
    return subprocess.run([qms, "--lang", "en", "check", *args], capture_output=True, text=True, env=env)


GITHUB = re.compile(r"^::(error|warning) file=([^,:]*)(,line=\d+,col=\d+(,endLine=\d+,endColumn=\d+)?)?"
                    r",title=([^,:]*)::(.*)$")


def unescape(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def main():
    qms, ws = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    js = run(qms, "--format", "json", ws)
    diags = json.loads(js.stdout)["diagnostics"]
    check(len(diags) >= 5, f"the workspace has diagnostics to report ({len(diags)})")
    check(all((d["end_line"], d["end_column"]) > (d["line"], d["column"]) for d in diags if d["line"]),
          "json: every end is after its start")

    sarif = run(qms, "--format", "sarif", ws)
    check(sarif.returncode == js.returncode == 1, "sarif: the exit status of the check")
    with tempfile.NamedTemporaryFile("w", suffix=".sarif", delete=False) as f:
        f.write(sarif.stdout)
    v = subprocess.run(["node", os.path.join(here, "validate-sarif.js"), f.name], capture_output=True, text=True)
    check(v.returncode == 0, "sarif: valid against the official SARIF 2.1.0 schema " + v.stdout.strip()[:300])
    doc = json.loads(sarif.stdout)
    run0 = doc["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    results = run0["results"]
    check(all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results), "sarif: every result names its rule")
    check([r["message"]["text"] for r in results] == [d["message"] for d in diags],
          "sarif: the messages of --format json, in order")
    region = [r["locations"][0]["physicalLocation"].get("region", {}) for r in results]
    check(all("endLine" in g and "endColumn" in g for g in region if g), "sarif: start and end positions")
    check(all(r.get("helpUri", "").startswith("file://") and "#" in r["helpUri"] for r in rules),
          "sarif: every rule has a help URI into rules.md")
    os.unlink(f.name)

    gh = run(qms, "--format", "github", ws)
    lines = gh.stdout.splitlines()
    bad = [l for l in lines if not GITHUB.match(l)]
    check(lines and not bad, f"github: every line is a workflow command {bad[:2]}")
    msgs = [unescape(GITHUB.match(l).group(6)) for l in lines if GITHUB.match(l)]
    check(msgs == [d["message"] for d in diags], "github: the messages unescape to the JSON's")

    gl = run(qms, "--format", "gitlab", ws)
    issues = json.loads(gl.stdout)
    check(isinstance(issues, list) and len(issues) == len(diags), "gitlab: one issue per diagnostic")
    keys_ok = all({"description", "check_name", "fingerprint", "severity", "location"} <= set(i) and
                  i["severity"] in ("info", "minor", "major", "critical", "blocker") and
                  isinstance(i["location"]["lines"]["begin"], int) for i in issues)
    check(keys_ok, "gitlab: every issue has the Code Quality keys")
    check(len({i["fingerprint"] for i in issues}) == len(issues), "gitlab: fingerprints are unique")
    print(f"{failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Check every rule code of `qms check` against its fixtures.

usage: run-rules.py QMS_BINARY RULES_DIR

For every code printed by `QMS_BINARY check --list-rules`, RULES_DIR/<CODE>/
holds two workspaces, `bad/` and `good/`, and the exact output expected from
`qms check` run inside each: `bad.expected` and `good.expected`. The test
runs `qms check` with the workspace as working directory (NO_COLOR=1) and
requires:

  - stdout equal, byte for byte, to the .expected file;
  - `[<CODE>]` in the bad output and not in the good output;
  - exit status 1 for bad when the rule is an error, 0 when it is a warning,
    and 0 for good;
  - with --lang vi, the bad output has the same diagnostics at the same
    positions with the same codes, each message in Vietnamese (differing
    from the English). The .expected files are English (--lang en).

A few fixtures cannot be committed as plain files (a dangling symlink, a file
over 16 MiB): RUNTIME below creates them. Such a workspace is copied to a
temporary folder first, so the source tree is never written to.

Prints one line per code; exits 1 if any failed, 2 on a usage error.
Standard library only.
"""

import difflib
import os
import shutil
import subprocess
import sys
import tempfile

TIMEOUT = 120  # seconds per run of qms

MIB = 1024 * 1024


def make_dangling_link(ws, rel, target):
    path = os.path.join(ws, rel)
    os.symlink(target, path)
    assert not os.path.exists(path), path + " should dangle"


def make_sparse_file(ws, rel, size):
    with open(os.path.join(ws, rel), "wb") as f:
        f.truncate(size)


def make_long_purpose(ws, rel, template_rel, size):
    """Copy the procedure at template_rel with its `purpose:` replaced by a
    one-line text of exactly `size` bytes."""
    with open(template_rel, "rb") as f:
        lines = f.read().split(b"\n")
    prefix = b"  purpose: "
    hits = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    if len(hits) != 1:
        raise RuntimeError("%s: expected one '  purpose:' line" % template_rel)
    sentence = "Bảo đảm giải quyết hồ sơ đúng hạn, công khai và minh bạch. ".encode()
    text = sentence * (size // len(sentence))
    text += b"x" * (size - len(text))  # ASCII padding: no character is cut
    lines[hits[0]] = prefix + text
    with open(os.path.join(ws, rel), "wb") as f:
        f.write(b"\n".join(lines))


# (code, variant) -> function(workspace, fixture_dir) creating runtime-only files
RUNTIME = {
    # L006: a text value one byte over 1 MiB (the good procedure with a huge
    # purpose) and a file one byte over 16 MiB.
    ("L006", "bad"): lambda ws, fx: (
        make_long_purpose(ws, "processes/so-tu-phap/STP-QT-02.yaml",
                          os.path.join(fx, "good/processes/so-tu-phap/STP-QT-02.yaml"),
                          MIB + 1),
        make_sparse_file(ws, "processes/so-tu-phap/STP-QT-03.yaml", 16 * MIB + 1),
    ),
    # L012: a procedure that is a symlink into an archive that is not there,
    # and a FIFO named like a procedure (it must be refused, not waited on).
    ("L012", "bad"): lambda ws, fx: (
        make_dangling_link(ws, "processes/so-tu-phap/STP-QT-02.yaml",
                           "../../luu-tru/STP-QT-02.yaml"),
        os.mkfifo(os.path.join(ws, "processes/so-tu-phap/STP-QT-09.yaml")),
    ),
}


def list_rules(qms):
    out = subprocess.run([qms, "--lang", "en", "check", "--list-rules"], stdout=subprocess.PIPE,
                         check=True, timeout=TIMEOUT).stdout.decode()
    rules = []
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 2:
            rules.append((fields[0], fields[1]))
    return rules


def run_check(qms, cwd, lang="en"):
    """qms check in cwd, messages in lang (the .expected files are English)."""
    env = dict(os.environ, NO_COLOR="1")
    p = subprocess.run([qms, "--lang", lang, "check"], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
    return p.returncode, p.stdout, p.stderr


def translated(english, vietnamese):
    """Problems unless the Vietnamese output has the same diagnostics, at the
    same positions with the same codes, each with a message of its own."""
    en = english.decode("utf-8", "replace").splitlines()[:-1]  # the last line sums up
    vi = vietnamese.decode("utf-8", "replace").splitlines()[:-1]
    if len(en) != len(vi):
        return ["--lang vi: %d diagnostics, not %d" % (len(vi), len(en))]
    problems = []
    for e, v in zip(en, vi):
        pe, pv = e.split(": ", 1), v.split(": ", 1)
        code_e = e[e.find("["):e.find("]") + 1]
        code_v = v[v.find("["):v.find("]") + 1]
        me, mv = e.split("]: ", 1)[-1], v.split("]: ", 1)[-1]
        if pe[0] != pv[0] or code_e != code_v:
            problems.append("--lang vi: %r is not at the place of %r" % (v, e))
        elif me == mv and any(c.isalpha() for c in me):
            problems.append("--lang vi: message not translated: %r" % v)
    return problems


def diff(expected, actual, name):
    a = expected.decode("utf-8", "replace").splitlines(keepends=True)
    b = actual.decode("utf-8", "replace").splitlines(keepends=True)
    text = "".join(difflib.unified_diff(a, b, name, "actual output"))
    if not text:  # differs only in bytes that decode alike, or a final newline
        text = "--- %s\n+++ actual output\n-%r\n+%r\n" % (name, expected, actual)
    return text


def check_variant(qms, fixture, code, severity, variant):
    """Return a list of problems (empty when the variant passes)."""
    problems = []
    folder = os.path.join(fixture, variant)
    exp_path = os.path.join(fixture, variant + ".expected")
    if not os.path.isdir(folder):
        return ["missing folder %s" % folder]
    if not os.path.isfile(exp_path):
        return ["missing file %s" % exp_path]
    with open(exp_path, "rb") as f:
        expected = f.read()

    setup = RUNTIME.get((code, variant))
    if setup:
        with tempfile.TemporaryDirectory(prefix="qms-rule-") as tmp:
            ws = os.path.join(tmp, variant)
            shutil.copytree(folder, ws, symlinks=True)
            setup(ws, fixture)
            rc, out, err = run_check(qms, ws)
    else:
        rc, out, err = run_check(qms, folder)
        if variant == "bad":
            problems += translated(out, run_check(qms, folder, "vi")[1])

    tag = ("[%s]" % code).encode()
    if out != expected:
        problems.append("%s: output differs from %s\n%s" % (variant, exp_path,
                                                            diff(expected, out, exp_path)))
    if variant == "bad" and tag not in out:
        problems.append("bad: output has no %s" % tag.decode())
    if variant == "good" and tag in out:
        problems.append("good: output has %s" % tag.decode())
    want_rc = 1 if variant == "bad" and severity == "error" else 0
    if rc != want_rc:
        problems.append("%s: exit status %d, expected %d" % (variant, rc, want_rc))
    if problems and err:
        problems.append("%s: stderr:\n%s" % (variant, err.decode("utf-8", "replace")))
    return problems


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: run-rules.py QMS_BINARY RULES_DIR\n")
        return 2
    qms = os.path.abspath(argv[1])
    rules_dir = os.path.abspath(argv[2])
    if not os.path.isdir(rules_dir):
        sys.stderr.write("run-rules.py: %s: not a folder\n" % rules_dir)
        return 2
    rules = list_rules(qms)
    if not rules:
        sys.stderr.write("run-rules.py: '%s check --list-rules' printed no rules\n" % qms)
        return 2

    failed = 0
    for code, severity in rules:
        fixture = os.path.join(rules_dir, code)
        problems = []
        for variant in ("bad", "good"):
            try:
                problems += check_variant(qms, fixture, code, severity, variant)
            except (OSError, subprocess.SubprocessError, RuntimeError) as e:
                problems.append("%s: %s" % (variant, e))
        if problems:
            failed += 1
            print("FAIL %s" % code)
            for p in problems:
                print("  " + p.rstrip("\n").replace("\n", "\n  "))
        else:
            print("ok   %s" % code)

    print("%d of %d rules passed" % (len(rules) - failed, len(rules)))
    known = {code for code, _ in rules}
    for name in sorted(os.listdir(rules_dir)):
        if os.path.isdir(os.path.join(rules_dir, name)) and name not in known:
            failed += 1
            print("FAIL %s: a fixture for a rule that 'qms check --list-rules' does not list"
                  % name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""The Vietnamese report of the example workspace reads as the administration
writes it.

usage: check-report-vi.py QMS_BINARY WORKSPACE

For the report as of 30/6, 30/9 and 31/12/2020 (`qms report --lang vi`, the
Markdown that is pasted into the half-year report):

  - the period is named from the dates: "6 tháng đầu năm 2020", "9 tháng
    đầu năm 2020", "năm 2020" (never "6 tháng cuối năm" for 30/9);
  - no English word: no word of the English report of the same date that
    is not also in the workspace's own files (names, ids, decisions), and
    none of a list of words the tool itself would print;
  - no tool word: qms, tệp, bộ hồ sơ, file names and folders;
  - percentages with a decimal comma (73,3%), never a point;
  - conformity sentences from the evidence: never "đáp ứng đủ" while an
    agency has a clause documented only or missing.

Prints one line per check; exits 1 if any failed. Standard library only.
"""

import glob
import json
import os
import re
import subprocess
import sys

failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL " + msg)


def ok(msg):
    print("ok   " + msg)


def run(binary, ws, *args):
    p = subprocess.run([binary, *args], cwd=ws, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=dict(os.environ, NO_COLOR="1"), timeout=300)
    if p.returncode not in (0, 1):
        fail(f"qms {' '.join(args)}: exit {p.returncode}: {p.stderr.decode()}")
    return p.stdout.decode()


def words(text):
    """Words of letters only; digits and punctuation split them."""
    return re.findall(r"[^\W\d_]+", text)


def ascii_words(text):
    """Lower-cased words of ASCII letters only, Roman numerals ("Phụ lục II") left out."""
    return {w.lower() for w in words(text) if w.isascii() and not re.fullmatch(r"[ivxlc]+", w.lower())}


# What the tool would print if a string escaped translation.
TOOL_ENGLISH = {
    "the", "and", "of", "agency", "agencies", "clause", "clauses", "met", "documented", "missing",
    "applicable", "procedure", "procedures", "overdue", "due", "late", "stage", "stages", "audit",
    "audits", "none", "total", "appendix", "deadline", "plan", "report", "review", "finding",
    "findings", "evidence", "record", "records", "draft", "issued", "period", "quarter", "months",
    "year", "days", "left", "track", "risk", "done", "not", "yet", "with", "without",
}
TOOL_WORDS = ["qms", "tệp", "bộ hồ sơ", ".yaml", "processes/", "audits/", "system.yaml"]
PERIODS = {"2020-06-30": "6 tháng đầu năm 2020", "2020-09-30": "9 tháng đầu năm 2020",
           "2020-12-31": "năm 2020"}


def workspace_words(ws):
    text = []
    for path in [os.path.join(ws, "qms.yaml")] + sorted(glob.glob(os.path.join(ws, "processes", "*", "*.yaml"))) \
            + sorted(glob.glob(os.path.join(ws, "audits", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            text.append(f.read())
    return ascii_words("\n".join(text))


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    binary, ws = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    data = workspace_words(ws)
    for date, period in PERIODS.items():
        vi = run(binary, ws, "report", "--as-of", date, "--lang", "vi")
        en = run(binary, ws, "report", "--as-of", date, "--lang", "en")
        if not vi.strip():
            fail(f"{date}: empty report")
            continue
        # the period
        want = f"Kỳ báo cáo: {period} (từ ngày 01/01/2020 đến ngày "
        if want not in vi:
            line = next((l for l in vi.splitlines() if "Kỳ báo cáo" in l), "(no period)")
            fail(f"{date}: period: want {want!r}, got {line!r}")
        elif "6 tháng cuối năm" in vi:
            fail(f"{date}: '6 tháng cuối năm'")
        else:
            ok(f"{date}: period '{period}'")
        # English
        vocabulary = (ascii_words(en) - data) | TOOL_ENGLISH
        if len(vocabulary) < 100:
            fail(f"{date}: only {len(vocabulary)} English words to look for: the English report is too short")
        leaked = sorted(ascii_words(vi) & vocabulary)
        if leaked:
            fail(f"{date}: English words in the Vietnamese report: {', '.join(leaked)}")
        else:
            ok(f"{date}: no English word ({len(vocabulary)} words of the English report looked for)")
        # tool words
        found = [t for t in TOOL_WORDS if t in vi.lower()]
        if found:
            fail(f"{date}: tool words: {', '.join(found)}")
        else:
            ok(f"{date}: no tool word")
        # decimal comma
        points = re.findall(r"\d+\.\d+ ?%", vi)
        commas = re.findall(r"\d+,\d+%", vi)
        if points or not commas:
            fail(f"{date}: percentages {points[:3]} with a point, {len(commas)} with a comma")
        else:
            ok(f"{date}: {len(commas)} percentages with a decimal comma, none with a point")
        # conformity from the statuses
        report = json.loads(run(binary, ws, "report", "--as-of", date, "--format", "json"))
        cov = report["coverage"]
        not_met = cov["documented"] + cov["missing"]
        if not_met and "đáp ứng đủ" in vi:
            fail(f"{date}: 'đáp ứng đủ' with {not_met} clauses documented only or missing")
        elif cov["conforming"] == cov["assessed"] and not_met:
            fail(f"{date}: every agency conforms yet {not_met} clauses are not met")
        else:
            ok(f"{date}: conformity: {cov['conforming']}/{cov['assessed']} agencies, {not_met} clauses not met, "
               f"no 'đáp ứng đủ'")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

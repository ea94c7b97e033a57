#!/usr/bin/env python3
"""The shipped catalogs are complete and consistent with the reference.

usage: check-catalogs.py QMS_BINARY DATA_DIR

Reads the catalogs through `qms clauses --format json` (what users see) and
compares them with DATA_DIR/iso9001-titles.md (every clause number and its
English and Vietnamese titles, both editions) and
DATA_DIR/iso9001-correlation-table-b.md (the 2008 -> 2015 table).
"""
import json
import os
import re
import subprocess
import sys

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)


def qms(binary, *args):
    env = dict(os.environ, NO_COLOR="1")
    p = subprocess.run([binary, *args], stdout=subprocess.PIPE, env=env, check=True, cwd="/")
    return json.loads(p.stdout)


def reference_titles(path):
    """{edition: {number: (en, vi)}} from the two tables of the titles file."""
    tables = {}
    edition = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"## ISO 9001:(\d{4})", line)
            if m:
                edition = m.group(1)
                tables[edition] = {}
                continue
            m = re.match(r"\| ([0-9.]+) \| (.+?) \| (.+?) \|$", line.strip())
            if m and edition:
                tables[edition][m.group(1)] = (m.group(2), m.group(3))
    return tables


def expand(cell):
    """'7.1.5 (7.1.5.1, 7.1.5.2)' -> ['7.1.5', '7.1.5.1', '7.1.5.2'];
    '6.1 (and 10.3)' -> ['6.1', '10.3']; '4.3 (see Annex A.5 ...)' -> ['4.3']."""
    numbers = []
    for part in re.split(r";", cell):
        part = part.strip()
        m = re.match(r"([0-9][0-9.]*)", part)
        if m:
            numbers.append(m.group(1).rstrip("."))
        inner = re.search(r"\(([^)]*)\)", part)
        if inner:
            for n in re.findall(r"\b(\d+(?:\.\d+)+)\b", inner.group(1)):
                if not inner.group(1).startswith("see"):
                    numbers.append(n)
    return numbers


def table_b(path):
    """{2008 clause: set of 2015 clauses} from the reference's table B."""
    rows = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) != 3 or not re.match(r"\d", cells[0]):
                continue
            olds = [c.strip() for c in cells[0].split("/")]
            news = [c.strip() for c in cells[2].split("/")]
            if len(olds) == len(news) and len(olds) > 1:
                pairs = zip(olds, news)  # 5.6 / 5.6.1 ... -> 9.3 / 9.3.1 ...
            else:
                pairs = [(o, cells[2]) for o in olds]
            for old, new in pairs:
                rows[old] = set(expand(new))
    return rows


def main():
    binary, data = os.path.abspath(sys.argv[1]), sys.argv[2]
    ref = reference_titles(os.path.join(data, "iso9001-titles.md"))
    catalogs = {}
    for edition in ("2015", "2008"):
        cat = qms(binary, "clauses", "--standard", edition, "--format", "json")
        numbers = [c["clause"] for c in cat["clauses"]]
        catalogs[edition] = {c["clause"]: c for c in cat["clauses"]}
        if len(numbers) != len(set(numbers)):
            fail(f"{edition}: a clause is listed twice")
        for number, (en, vi) in ref[edition].items():
            c = catalogs[edition].get(number)
            if not c:
                fail(f"{edition}: clause {number} of the reference is missing")
                continue
            if c["en"] != en:
                fail(f"{edition} {number}: English title {c['en']!r}, reference {en!r}")
            if c["vi"] != vi:
                fail(f"{edition} {number}: Vietnamese title {c['vi']!r}, reference {vi!r}")
        for number, c in catalogs[edition].items():
            if not c["en"] or not c["vi"]:
                fail(f"{edition} {number}: a title is empty")
            parent = number.rsplit(".", 1)[0] if "." in number else None
            if parent and parent not in catalogs[edition]:
                fail(f"{edition} {number}: no parent {parent}")
            leaf = not any(n.startswith(number + ".") for n in catalogs[edition])
            if leaf and not 1 <= len(c["questions"]) <= 3:
                fail(f"{edition} {number}: {len(c['questions'])} questions")
        print(f"ok   {edition}: {len(numbers)} clauses, reference has {len(ref[edition])} titled")
    # untitled paragraphs the reference says exist and can be cited
    for n in ("4.4.1", "4.4.2", "6.1.1", "6.1.2", "6.2.1", "6.2.2", "7.5.3.1", "7.5.3.2", "8.2.3.1",
              "8.2.3.2", "8.7.1", "8.7.2", "9.2.1", "9.2.2", "10.2.1", "10.2.2"):
        if n not in catalogs["2015"]:
            fail(f"2015: untitled paragraph {n} is missing")
    documented = {n for n, c in catalogs["2015"].items() if c["documented"]}
    expected = {"4.3", "4.4.2", "5.2.2", "6.2.1", "7.1.5.1", "7.1.5.2", "7.2", "8.1", "8.2.3.2",
                "8.3.2", "8.3.3", "8.3.4", "8.3.5", "8.3.6", "8.4.1", "8.5.1", "8.5.2", "8.5.3",
                "8.5.6", "8.6", "8.7.2", "9.1.1", "9.2.2", "9.3.3", "10.2.2"}
    if documented != expected:
        fail(f"2015 documented information: extra {sorted(documented - expected)}, missing {sorted(expected - documented)}")
    else:
        print(f"ok   2015: documented information on the {len(expected)} clauses of the reference")

    corr = {row["from"]: row["to"] for row in qms(binary, "clauses", "--map", "--format", "json")}
    for old in catalogs["2008"]:
        if old not in corr:
            fail(f"correlation: 2008 {old} has no entry")
    for old, targets in corr.items():
        if old not in catalogs["2008"]:
            fail(f"correlation: 2008 {old} is not in the 2008 catalog")
        for t in targets:
            if t["clause"] not in catalogs["2015"]:
                fail(f"correlation: {old} -> {t['clause']}, not in the 2015 catalog")
            if t["relation"] not in ("equal", "superset", "subset", "intersect"):
                fail(f"correlation: {old} -> {t['clause']}: relation {t['relation']}")
    reference = table_b(os.path.join(data, "iso9001-correlation-table-b.md"))
    # Table A of N1293 (2015 -> 2008) names these 2008 clauses too, which
    # table B leaves out: 5.3 <- 5.4.2; 4.1, 4.2 <- 4, 5.6; 4.4 <- 4.
    table_a = {"5.4.2": {"5.3"}, "4": {"4.1", "4.2", "4.4"}, "5.6": {"4.1", "4.2"}}
    # Where a target has numbered sub-clauses, they are targets too.
    with_subclauses = {"8.2.2": "9.2", "8.3": "8.7", "8.5.2": "10.2", "5.4.1": "6.2"}
    for old, parent in with_subclauses.items():
        for n in catalogs["2015"]:
            if n.startswith(parent + "."):
                reference[old].add(n)
    reference["8.3"] |= {n for n in catalogs["2015"] if n.startswith("10.2.")}
    for old, news in reference.items():
        got = {t["clause"] for t in corr.get(old, [])}
        want = {n for n in news | table_a.get(old, set()) if n in catalogs["2015"]}  # clause 1 is outside the 4-10 catalog
        if got != want:
            fail(f"correlation: 2008 {old} -> {sorted(got)}, tables A and B say {sorted(want)}")
    unmapped = [o for o, t in corr.items() if not t]
    print(f"ok   correlation: {len(corr)} clauses of 2008, {sum(len(t) for t in corr.values())} pairs; "
          f"{len(reference)} rows of table B compared; without a 2015 counterpart: {', '.join(unmapped)}")
    # the correlation rules of `qms check` (C011: every 2008 clause mapped or
    # listed as no longer required) hold for the shipped files
    standards = os.path.join(os.path.dirname(os.path.abspath(data)), "..", "standards")
    p = subprocess.run([binary, "--lang", "en", "check", os.path.abspath(standards)], stdout=subprocess.PIPE,
                       env=dict(os.environ, NO_COLOR="1"))
    out = p.stdout.decode()
    if p.returncode != 0 or not out.endswith("no problems\n"):
        fail("qms check standards/: " + out)
    else:
        print("ok   qms check standards/: " + out.strip())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

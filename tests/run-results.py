#!/usr/bin/env python3
"""qms results on generated exports: the seed report's five months, and the
readers agreeing with each other.

usage: run-results.py QMS SOURCE_ROOT

1. tools/gen-dossiers.py --seed-figures writes the rows of the seed report's
   first five months of 2020 (against the procedures of the example
   workspace); `qms results --format json` must give exactly its figures
   (23.417 received; 22.519 resolved: 18.973 before the due date, 3.537 on
   it, 9 late; 898 in progress within their time), and the Vietnamese text
   the seed's sentence with "23.417"-style numbers.
2. The same rows as a semicolon CSV with a byte order mark and as an XLSX
   workbook (shared strings, dates as serial numbers) give the same figures.
3. A larger export read in parallel parts (-j 2, -j 3) gives the same
   bytes as one pass (-j 1), also when the split falls inside a quoted
   field that holds line breaks (then the file is read in one pass).
"""
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)
        print("FAIL:", what)


def run(qms, root, *args):
    p = subprocess.run([qms, "-C", root, "results", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def to_xlsx(csv_path, xlsx_path):
    """A workbook of the CSV (comma, no quotes): text as shared strings,
    dates and times as Excel serial numbers."""
    rows = [line.rstrip("\r\n").split(",") for line in open(csv_path, encoding="utf-8")]
    shared, index = [], {}

    def sid(t):
        if t not in index:
            index[t] = len(shared)
            shared.append(t)
        return index[t]

    def serial(text):
        for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y"):
            try:
                d = dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
            return "%.8f" % ((d - dt.datetime(1899, 12, 30)).total_seconds() / 86400)
        return None

    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           'spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, 1):
        out.append('<row r="%d">' % r)
        for c, v in enumerate(row):
            if not v:
                continue
            ref = "%s%d" % (chr(ord("A") + c), r)
            s = serial(v) if r > 1 else None
            if s:
                out.append('<c r="%s"><v>%s</v></c>' % (ref, s))
            else:
                v = v.replace("&", "&amp;").replace("<", "&lt;")
                out.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, sid(v)))
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
           'spreadsheetml/2006/main">' + "".join("<si><t>%s</t></si>" % t for t in shared) + "</sst>")
    wb = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          '<sheet name="1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>")
    with zipfile.ZipFile(xlsx_path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/sharedStrings.xml", sst)
        z.writestr("xl/worksheets/sheet1.xml", "".join(out))


def main():
    qms, root = sys.argv[1], sys.argv[2]
    gen = os.path.join(root, "tools", "gen-dossiers.py")
    tmp = tempfile.mkdtemp(prefix="qms-results-")
    seed = os.path.join(tmp, "seed.csv")
    subprocess.run([sys.executable, gen, "-C", root, "--seed-figures", "-o", seed], check=True)
    period = ["--from", "2020-01-01", "--to", "2020-05-31"]

    rc, out, err = run(qms, root, seed, *period, "--format", "json")
    check(rc == 0, "seed export: exit 0 (every row read), got %d: %s" % (rc, err[:300]))
    got = json.loads(out)
    want = {"received": 23417, "carried_over": 0, "resolved": 22519, "before_due": 18973, "on_due": 3537,
            "late": 9, "in_progress_in_time": 898, "in_progress_late": 0, "returned": 0}
    for k, v in want.items():
        check(got["total"][k] == v, "seed total %s: want %d, got %d" % (k, v, got["total"][k]))
    check(got["rows"]["read"] == 23417 and got["rows"]["rejected"] == 0, "seed rows: %r" % got["rows"])
    land = [f for f in got["fields"] if f["key"] == "Đất đai"]
    check(land and land[0]["counts"]["late"] >= 5, "late dossiers mostly land matters: %r" % land)

    rc, out, err = run(qms, root, "--lang", "vi", seed, *period)
    for phrase in ("tổng số hồ sơ tiếp nhận mới là 23.417 hồ sơ", "Số hồ sơ đã giải quyết là 22.519",
                   "Số hồ sơ giải quyết trước hạn: 18.973 hồ sơ", "Số hồ sơ giải quyết đúng hạn: 3.537 hồ sơ",
                   "Số hồ sơ giải quyết quá hạn: 9 hồ sơ",
                   "Số hồ sơ đang giải quyết: 898 hồ sơ (số hồ sơ này vẫn đang trong thời hạn giải quyết)"):
        check(phrase in out, "Vietnamese text says %r" % phrase)
    check("23,417" not in out and "99,9%" in out, "Vietnamese text: thousands with dots, decimal comma")
    rc, out, err = run(qms, root, "--lang", "en", seed, *period)
    check("dossiers received: 23,417" in out and "99.9%" in out, "English text: 23,417 and 99.9%")

    # the same rows, other shapes
    semi = os.path.join(tmp, "seed-semicolon.csv")
    with open(seed, encoding="utf-8") as f, open(semi, "w", encoding="utf-8") as g:
        g.write("\ufeff" + f.read().replace(",", ";"))
    xlsx = os.path.join(tmp, "seed.xlsx")
    to_xlsx(seed, xlsx)
    for path in (semi, xlsx):
        rc, out, err = run(qms, root, path, *period, "--format", "json")
        check(rc == 0 and json.loads(out)["total"] == got["total"],
              "%s gives the figures of the CSV (exit %d) %s" % (os.path.basename(path), rc, err[:200]))

    # a damaged workbook whose rows are out of order (fuzz-tabread): the row
    # numbered below the one above it is reported on its row and left out,
    # the others are read
    swapped = os.path.join(tmp, "rows-out-of-order.xlsx")
    with zipfile.ZipFile(xlsx) as z, zipfile.ZipFile(swapped, "w", zipfile.ZIP_DEFLATED) as w:
        for name in z.namelist():
            data = z.read(name).decode("utf-8")
            if name == "xl/worksheets/sheet1.xml":
                r2 = data[data.index('<row r="2">'):data.index('<row r="3">')]
                r3 = data[data.index('<row r="3">'):data.index('<row r="4">')]
                data = data.replace(r2 + r3, r3 + r2)
            w.writestr(name, data)
    rc, out, err = run(qms, root, "--lang", "en", swapped, *period, "--format", "json")
    rows = json.loads(out)["rows"] if out else {}
    check(rc == 1 and rows.get("used") == 23416 and rows.get("rejected") == 1,
          "rows out of order: exit 1, one row left out, the rest read (exit %d, %r)" % (rc, rows))
    check("rows-out-of-order.xlsx:2:1:" in err and "out of order" in err,
          "rows out of order: said on the row: %s" % err[:300])

    # parallel parts against one pass, with and without a line break in a quoted field
    big = os.path.join(tmp, "big.csv")
    subprocess.run([sys.executable, gen, "-C", root, "--rows", "70000", "--seed", "5", "-o", big], check=True)
    with open(big, "rb") as f:
        data = f.read()
    # a record whose quoted field holds line breaks, across the middle of
    # the file, where -j 2 splits it: the part after it starts inside the
    # field, which must be noticed (the quotes before it are odd) and the
    # file read in one pass
    hend = data.index(b"\n") + 1
    middle = hend + (len(data) - hend) // 2
    start = data.rindex(b"\n", 0, middle) + 1
    end = data.index(b"\r\n", middle)
    n = end - start
    field = b'"' + (b"x\n" * n)[: n - 2] + b'"'
    broken = os.path.join(tmp, "big-multiline.csv")
    with open(broken, "wb") as f:
        f.write(data[:start] + field + data[end:])
    for path in (big, broken):
        outs = []
        for j in ("1", "2", "3"):
            rc, out, err = run(qms, root, path, "--from", "2020-01-01", "--to", "2020-12-31", "--format", "json",
                               "-j", j)
            outs.append((rc, out, err))
        check(outs[0] == outs[1] == outs[2], "%s: -j 2 and -j 3 give the bytes of -j 1" % os.path.basename(path))
        read = json.loads(outs[0][1])["rows"]["read"]
        check(read == (70000 if path == big else 70000), "%s: 70,000 rows read, got %d" % (path, read))
    if FAILS:
        print("%d checks failed (files in %s)" % (len(FAILS), tmp))
        return 1
    shutil.rmtree(tmp)
    print("qms results: seed figures, Vietnamese text, CSV/XLSX readers and parallel parts agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())

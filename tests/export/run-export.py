#!/usr/bin/env python3
"""`qms export` read back by other programs.

usage: run-export.py QMS_BINARY EXAMPLE_WS

On the repository's example workspace (three procedures with the full TTHC
record and document control: STP-QT-01 inter-agency, VT-QT-02, TH-QT-01):

- PDF of STP-QT-01 (headless Chromium): A4 portrait pages and the diagram on
  a landscape one; every font embedded (pdffonts); pdftotext finds the title,
  the TTHC code, every step's content, the signature names, the revision
  history, the running head (code, edition, effective date) and "n/N" on
  every page; the same input gives the same bytes.
- DOCX of the three: real Word tables (w:tbl) whose head rows repeat
  (w:tblHeader), the diagram as a PNG part, the running head in the page
  header; LibreOffice (Debian's libreoffice-writer-nogui, one run for the
  three files) converts them to PDF and pdftotext finds the title, the TTHC
  code, every step's content and the signature names.

Expected text comes from the YAML files themselves (read here with a small
reader of the flow mappings qms writes), not from qms.

Skipped (exit 77) when chromium, soffice or pdftotext is missing; with CI
set, a missing program is a failure.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

PROCS = {
    "STP-QT-01": "processes/so-tu-phap/STP-QT-01.yaml",
    "VT-QT-02": "processes/ubnd-huyen-vu-thu/VT-QT-02.yaml",
    "TH-QT-01": "processes/ubnd-xa-tan-hoa/TH-QT-01.yaml",
}
failures = []


def check(cond, what):
    print(f"{'ok  ' if cond else 'FAIL'} {what}")
    if not cond:
        failures.append(what)
    return cond


def run(args, cwd=None, timeout=300):
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    return subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=timeout)


def expected(ws, rel):
    """Title, TTHC code, step names and signature names of a procedure file."""
    with open(os.path.join(ws, rel), encoding="utf-8") as f:
        text = f.read()
    title = re.search(r"^  title: (.+)$", text, re.M).group(1).strip()
    code = re.search(r'^\s+(?:- )?id: "([\d.]+)"', text, re.M).group(1)
    steps = []
    block = text.split("\n  steps:\n", 1)[1].split("\n  records:", 1)[0].split("\n  document:", 1)[0]
    for m in re.finditer(r"(?:\{id: [^,]+,.*?name: ([^,}]+)|^      name: (.+)$)", block, re.M):
        steps.append((m.group(1) or m.group(2)).strip())
    names = re.findall(r"(?:drafted|checked|approved): \{name: ([^,]+),", text)
    return title, code, steps, names


def words(s):
    return re.sub(r"\s+", " ", s).strip()


def squeeze(s):
    return re.sub(r"\s+", "", s)


def pdftext(pdf, page=None):
    args = ["pdftotext"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    r = run(args + [pdf, "-"])
    return r.stdout.decode("utf-8", "replace")


def in_order(name, tokens, gap=12):
    """The words of name appear in tokens in order, each within `gap`
    words of the one before: text extraction may put the words of a
    neighbouring table cell between two lines of one cell."""
    want = name.split()
    for start in (i for i, t in enumerate(tokens) if t == want[0]):
        at, ok = start, True
        for w in want[1:]:
            nxt = next((j for j in range(at + 1, min(at + 1 + gap, len(tokens))) if tokens[j] == w), None)
            if nxt is None:
                ok = False
                break
            at = nxt
        if ok:
            return True
    return False


def check_text(label, text, want):
    title, code, steps, names = want
    flat = squeeze(text)
    tokens = text.split()
    check(squeeze(title) in flat, f"{label}: the title")
    check(code in text, f"{label}: the TTHC code {code}")
    missing = [s for s in steps if squeeze(s) not in flat and not in_order(s, tokens)]
    check(len(steps) >= 5 and not missing, f"{label}: every step's content ({len(steps)} steps){': missing ' + repr(missing) if missing else ''}")
    check(len(names) == 3 and all(squeeze(n) in flat for n in names), f"{label}: the signature names {names}")


def check_pdf(qms, ws, tmp):
    out = os.path.join(tmp, "STP-QT-01.pdf")
    r = run([qms, "-C", ws, "export", "STP-QT-01", "-o", out])
    if not check(r.returncode == 0 and os.path.exists(out), f"qms export --format pdf writes a file: {r.stderr.decode()[-300:]}"):
        return
    info = run(["pdfinfo", "-f", "1", "-l", "99", out]).stdout.decode()
    sizes = [(round(float(w)), round(float(h))) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    check(len(sizes) >= 3 and all(s == (595, 842) for s in sizes[:-1]) and sizes[-1] == (842, 595),
          f"A4 portrait pages, the diagram on an A4 landscape page: {sizes}")
    fonts = run(["pdffonts", out]).stdout.decode().splitlines()[2:]
    check(fonts and all(line.split()[-5] == "yes" for line in fonts if line.strip()),
          f"every font is embedded ({len(fonts)} fonts)")
    check_text("PDF", pdftext(out), expected(ws, PROCS["STP-QT-01"]))
    text = pdftext(out)
    check("Chuyển đổi sang TCVN ISO 9001:2015" in words(text), "PDF: the revision history")
    n = len(sizes)
    heads = [words(pdftext(out, p)) for p in range(1, n)]
    check(all("Mã hiệu: STP-QT-01 · Lần ban hành: 02 · Ngày hiệu lực: 15/6/2020" in h for h in heads),
          "PDF: the running head (code, edition, effective date) on every page of the document")
    check(all(f"{p}/{n}" in h for p, h in enumerate(heads, 1)), "PDF: page n/N on every page")
    check("Tiếp nhận, kiểm tra thành phần hồ sơ" in words(pdftext(out, n)),
          "PDF: the diagram (its text) on the last page")
    again = os.path.join(tmp, "again.pdf")
    run([qms, "-C", ws, "export", "STP-QT-01", "-o", again])
    with open(out, "rb") as a, open(again, "rb") as b:
        check(a.read() == b.read(), "PDF: the same input gives the same bytes")


def check_docx(qms, ws, tmp):
    files = []
    for code in PROCS:
        out = os.path.join(tmp, code + ".docx")
        r = run([qms, "-C", ws, "export", code, "--format", "docx", "-o", out])
        if check(r.returncode == 0 and os.path.exists(out), f"qms export {code} --format docx: {r.stderr.decode()[-300:]}"):
            files.append(out)
    if not files:
        return
    with zipfile.ZipFile(files[0]) as z:
        doc = z.read("word/document.xml").decode()
        check(doc.count("<w:tbl>") >= 5 and "<w:tblHeader/>" in doc, "DOCX: real Word tables whose head rows repeat")
        check(z.read("word/media/diagram.png")[:8] == b"\x89PNG\r\n\x1a\n" and 'r:embed="rIdDiagram"' in doc,
              "DOCX: the diagram is embedded as a PNG")
        head = z.read("word/header1.xml").decode()
        check("Mã hiệu: STP-QT-01" in head and "NUMPAGES" in head,
              "DOCX: the running head with page x/y in the page header")
    pdfs = os.path.join(tmp, "lo")
    home = os.path.join(tmp, "lo-home")
    os.makedirs(home, exist_ok=True)
    r = run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{home}",
             "--convert-to", "pdf", "--outdir", pdfs, *files], timeout=600)
    for path in files:
        code = os.path.basename(path)[:-5]
        pdf = os.path.join(pdfs, code + ".pdf")
        if check(os.path.exists(pdf), f"LibreOffice opens {code}.docx and converts it: {r.stderr.decode()[-200:]}"):
            check_text(f"DOCX {code} via LibreOffice", pdftext(pdf), expected(ws, PROCS[code]))


def main():
    qms, ws = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    need = [p for p in ("chromium", "soffice", "pdftotext", "pdffonts", "pdfinfo") if not shutil.which(p)]
    if need:
        print(f"{'FAIL' if os.environ.get('CI') else 'SKIP'}: not installed: {', '.join(need)} (scripts/debian-packages-test)")
        return 1 if os.environ.get("CI") else 77
    with tempfile.TemporaryDirectory() as tmp:
        check_pdf(qms, ws, tmp)
        check_docx(qms, ws, tmp)
    if failures:
        print(f"{len(failures)} failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""End-to-end test of `qms site` and `qms report`, in a real browser.

usage: run-site.py QMS_BINARY FIXTURE_WS EXAMPLE_WS SHOTS_DIR

FIXTURE_WS is tests/report/ws (its figures are counted by hand in
tests/report/README.md); EXAMPLE_WS the repository's example workspace.
Screenshots go to SHOTS_DIR (in the build folder): look at them.

What is checked:
- the folder: a site is written into a new folder, rewritten over a previous
  site (files it listed are replaced, others kept), and a folder that is not a
  site is refused with nothing written; the same workspace gives the same
  bytes twice (every file);
- every page is valid HTML for `tidy -errors -quiet` (Debian's tidy), except
  the one thing tidy 5.6 does not know: `href` on an SVG <a> inside an inline
  diagram (checked to be inside an <svg>);
- pages work from the folder: every local link and image points to a file of
  the site, nothing refers to a network address;
- in headless Chromium (Debian's `chromium`), opened from disk with file://:
  the index shows the right totals; a procedure page shows its diagram and
  its step table (Bước | Nội dung công việc | Trách nhiệm | Thời gian | Biểu
  mẫu, one row per step); a title holding <script> and an <img onerror> shows
  as text and runs nothing (document.title unchanged, no attribute added, no
  script element); printing a procedure gives A4 portrait pages and the
  diagram on an A4 landscape page;
- `qms report`: every number of the text (vi and en) is a figure of the JSON.

The browser part is skipped (exit 77) only when chromium is not installed;
with CI set in the environment a missing chromium or tidy is a failure.
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

AS_OF = "2020-09-30"
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


def site(qms, ws, out):
    p = run([qms, "-C", ws, "site", "--as-of", AS_OF, "--out", out])
    return p.returncode, p.stdout.decode() + p.stderr.decode()


def files_of(root):
    found = {}
    for d, _, names in os.walk(root):
        for n in names:
            path = os.path.join(d, n)
            with open(path, "rb") as f:
                found[os.path.relpath(path, root)] = f.read()
    return found


# ---- the folder ----

def check_folder(qms, ws, tmp):
    out = os.path.join(tmp, "site")
    rc, text = site(qms, ws, out)
    check(rc == 0, f"qms site writes a new folder (exit {rc}): {text.strip()}")
    first = files_of(out)
    check("index.html" in first and "agencies/so-a.html" in first and "procedures/A-01.html" in first
          and "diagrams/A-01.svg" in first and "diagrams/maps/so-a.svg" in first and ".qms-site" in first,
          "the site has its index, agency and procedure pages, diagrams and marker")
    # a file the user put there, and a stale page of an earlier run
    with open(os.path.join(out, "notes.txt"), "w") as f:
        f.write("mine\n")
    rc, text = site(qms, ws, out)
    check(rc == 0, "qms site rewrites a previous site")
    check(os.path.exists(os.path.join(out, "notes.txt")), "a file qms did not write is left alone")
    again = files_of(out)
    again.pop("notes.txt", None)
    check(again == first, "the same workspace gives the same bytes (every file)")
    other = os.path.join(tmp, "site2")
    site(qms, ws, other)
    check(files_of(other) == first, "and the same bytes in another folder")
    mine = os.path.join(tmp, "mine")
    os.mkdir(mine)
    with open(os.path.join(mine, "thesis.docx"), "w") as f:
        f.write("precious\n")
    rc, text = site(qms, ws, mine)
    check(rc == 2 and ("not a site qms wrote" in text or "không phải trang web do qms tạo" in text),
          f"a folder that is not a site is refused (exit {rc})")
    check(sorted(os.listdir(mine)) == ["thesis.docx"], "and nothing is written into it")
    return out, first


# ---- HTML ----

class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "src") and v is not None:
                self.refs.append(v)


def check_pages(out, files, tidy):
    pages = sorted(p for p in files if p.endswith(".html"))
    bad_tidy, bad_links = [], []
    for p in pages:
        text = files[p].decode()
        if tidy:
            r = run([tidy, "-errors", "-quiet", os.path.join(out, p)])
            lines = text.split("\n")
            for w in r.stderr.decode().splitlines():
                m = re.match(r'line (\d+) column \d+ - Warning: <a> proprietary attribute "href"', w)
                if m and inside_svg(lines, int(m.group(1))):
                    continue
                bad_tidy.append(f"{p}: {w}")
        parser = Links()
        parser.feed(text)
        for ref in parser.refs:
            if re.match(r"^[a-z]+:", ref) or ref.startswith("//"):
                bad_links.append(f"{p}: {ref}")
                continue
            target = ref.split("#")[0]
            if target and os.path.normpath(os.path.join(os.path.dirname(p), target)) not in files:
                bad_links.append(f"{p}: {ref}")
        if "http://" in text.replace('xmlns="http://www.w3.org/2000/svg"', "") or "https://" in text:
            bad_links.append(f"{p}: refers to the network")
    if tidy:
        check(not bad_tidy, f"tidy finds no error or warning in {len(pages)} pages"
              + ("".join("\n     " + b for b in bad_tidy[:10])))
    check(not bad_links, "every link and image is a file of the site, none is on the network"
          + "".join("\n     " + b for b in bad_links[:10]))


def inside_svg(lines, n):
    before = "\n".join(lines[:n])
    return before.rfind("<svg") > before.rfind("</svg>")


# ---- the browser ----

def chromium_args(profile):
    return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", "--allow-file-access-from-files", f"--user-data-dir={profile}"]


def dump_dom(chromium, tmp, path):
    profile = tempfile.mkdtemp(dir=tmp)
    r = run([chromium, *chromium_args(profile), "--dump-dom", "file://" + path], timeout=60)
    return r.stdout.decode()


def screenshot(chromium, tmp, path, png, size):
    profile = tempfile.mkdtemp(dir=tmp)
    run([chromium, *chromium_args(profile), f"--window-size={size}", f"--screenshot={png}",
         "file://" + path], timeout=60)
    return os.path.exists(png) and os.path.getsize(png) > 1000


def print_pdf(chromium, tmp, path, pdf):
    profile = tempfile.mkdtemp(dir=tmp)
    run([chromium, *chromium_args(profile), "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
         "file://" + path], timeout=60)
    with open(pdf, "rb") as f:
        return f.read()


def text_of(dom, element_id):
    m = re.search(r'<[^>]*\bid="%s"[^>]*>(.*?)</(div|h1|table|p)>' % re.escape(element_id), dom, re.S)
    return re.sub(r"<[^>]+>", " ", m.group(1)) if m else ""


def card(dom, name):
    m = re.search(r'id="total-%s"><span class="n">([^<]*)</span>' % name, dom)
    return m.group(1) if m else None


def check_browser(chromium, out, shots, tmp):
    index = dump_dom(chromium, tmp, os.path.join(out, "index.html"))
    # tests/report/README.md: the hand count
    want = {"agencies": "5", "done": "1", "overdue": "3", "at-risk": "0", "on-track": "1",
            "procedures": "6", "findings": "9", "actions-open": "4"}
    got = {k: card(index, k) for k in want}
    check(got == want, f"the index shows the totals counted by hand: {got}")
    check("Đến ngày 30/9/2020, 1/5 cơ quan đã hoàn thành chuyển đổi" in index,
          "the index shows the report's first sentence")
    check('<img src="board.svg"' in index, "the index shows the migration board")
    check(index.count('<a href="agencies/') >= 6, "the index links every agency")

    page = dump_dom(chromium, tmp, os.path.join(out, "procedures", "A-01.html"))
    check(re.search(r'<svg class="diagram"[^>]*role="img"', page) is not None
          and page.count("<polygon") > 5 and "Tiếp nhận và kiểm tra hồ sơ" in page,
          "the procedure page shows its diagram inline")
    table = re.search(r'<table class="steps" id="steps">(.*?)</table>', page, re.S)
    check(table is not None, "the procedure page has its step table")
    if table:
        heads = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<th>(.*?)</th>", table.group(1))]
        check(heads == ["Bước", "Nội dung công việc", "Trách nhiệm", "Thời gian", "Biểu mẫu"],
              f"its columns are Bước | Nội dung công việc | Trách nhiệm | Thời gian | Biểu mẫu: {heads}")
        rows = re.findall(r'<tr class="(\w+)[^"]*"><td class="step">(B\d+|)</td>', table.group(1))
        check(len(rows) == 8, f"one row per step: {len(rows)} rows for 8 steps")
        check([n for _, n in rows if n] == [f"B{i}" for i in range(1, 6)]
              and all(bool(n) == (k == "task") for k, n in rows),
              "the 5 task steps are numbered B1 to B5, as in the diagram; start, decision and end are not")
        check(re.search(r'B1</td><td>Tiếp nhận và kiểm tra hồ sơ.*?badge major closed[^>]*>F1<',
                        table.group(1), re.S) is not None,
              "the finding F1 is marked on its step B1")
        check(re.search(r"Bước 1</text>.*?Tiếp nhận và kiểm tra hồ", page, re.S) is not None,
              "the diagram calls that step Bước 1 too")
        check("Tổng thời gian giải quyết (theo đường găng)" in table.group(1)
              and "6 ngày làm việc" in table.group(1), "the total time (critical path) is 6 working days")
    check('<td class="org">Sở A tỉnh Thử Nghiệm</td>' in page and "Mã hiệu: A-01" in page
          and "Lần ban hành: 02" in page and "Ngày hiệu lực: 15/6/2020" in page,
          "the header block names the agency, code, edition and effective date")

    hostile = dump_dom(chromium, tmp, os.path.join(out, "procedures", "A-03.html"))
    # had the script run, the title would be "PWNED" and <html> would carry data-pwned
    title = re.search(r"<title>(.*?)</title>", hostile, re.S)
    check(title is not None and title.group(1).startswith(
        "A-03 - Cấp lại giấy phép A &lt;script&gt;document.title=\"PWNED\""),
          "a <script> in a title does not run: the document title is the escaped title")
    check(re.search(r"<html[^>]*data-pwned", hostile) is None, "and it added no attribute")
    check("<script" not in hostile.lower(), "the page has no script element at all")
    check(not re.search(r"<img[^>]*onerror", hostile), "an <img onerror> in a title is no element")
    h1 = re.search(r'<h1 id="title">(.*?)</h1>', hostile, re.S)
    check(h1 is not None and "&lt;script&gt;document.title=" in h1.group(1)
          and "&lt;img src=x onerror=" in h1.group(1),
          "the title shows <script> and <img> as text")
    check("Chuyên viên &lt;i&gt;Phòng&lt;/i&gt; Hành chính" in hostile
          and "Thực hiện như cấp mới &lt;/text&gt;&lt;script&gt;" in hostile,
          "markup in a lane and a step name shows as text, in the table and in the diagram")
    check('href="A-01.html"' in hostile, "the diagram's subprocess step links to the page of A-01")

    agency = dump_dom(chromium, tmp, os.path.join(out, "agencies", "ubnd-e.html"))
    check("<h1>UBND xã E &lt;b&gt;đậm&lt;/b&gt; &amp; \"ngoặc\"</h1>" in agency,
          "an agency name with markup shows as text")
    agency_a = dump_dom(chromium, tmp, os.path.join(out, "agencies", "so-a.html"))
    check(agency_a.count('<li class="done') == 9, "the agency page shows its nine stages done")
    check(all(f'class="cell {c}"' in agency_a for c in ("met", "documented", "missing", "not-applicable")),
          "and its conformity matrix, with the four statuses")
    check(re.search(r'<svg class="diagram"[^>]*aria-label="Sơ đồ tương tác', agency_a) is not None,
          "and its interaction map")

    pdf = print_pdf(chromium, tmp, os.path.join(out, "procedures", "A-01.html"), os.path.join(tmp, "A-01.pdf"))
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    sizes = [(round(float(w)), round(float(h))) for w, h in boxes]
    check(sizes and all(s in ((595, 842), (842, 595)) for s in sizes) and (595, 842) in sizes
          and sizes[-1] == (842, 595),
          f"a procedure prints on A4 portrait pages, its diagram on a landscape one: {sizes}")

    os.makedirs(shots, exist_ok=True)
    for name, path, size in (("index", "index.html", "1400,2400"),
                             ("agency", "agencies/so-a.html", "1400,3000"),
                             ("procedure", "procedures/A-01.html", "1920,1800"),
                             ("procedure-hostile", "procedures/A-03.html", "1400,1400")):
        png = os.path.join(shots, f"{name}.png")
        check(screenshot(chromium, tmp, os.path.join(out, path), png, size), f"screenshot {png}")


# ---- the report: the text states figures of the JSON ----

def numbers_of_text(text, vi):
    text = re.sub(r"\b\d{1,2}/\d{1,2}/\d{4}\b", " ", text)            # dates
    text = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", " ", text)
    text = re.sub(r"\b\d+ (January|February|March|April|May|June|July|August|September|October|"
                  r"November|December) \d{4}\b", " ", text)
    text = re.sub(r"\b\d+(\.\d+)+\b(?!%)", " ", text) if not vi else re.sub(r"\b\d+(\.\d+){1,3}\b", " ", text)
    text = re.sub(r"ISO 9001:\d{4}", " ", text)
    text = re.sub(r"\b\d+/QĐ-[\w-]+", " ", text)                        # decisions
    text = re.sub(r"\b[A-Z]+-[A-Z]+-\d+\b|\b[A-Z]-\d+\b|\bF\d+\b", " ", text)  # codes and ids
    text = re.sub(r"^\| \d+\. ", "| ", text, flags=re.M)                 # stage ordinals
    text = text.replace("cả 9 giai đoạn", "")                            # a constant
    text = re.sub(r"^#+ \d+\. ", "", text, flags=re.M)                   # section numbers
    text = re.sub(r"^\| \d+ \|", "|", text, flags=re.M)                  # row numbers
    if vi:
        text = text.replace(",", ".")
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def numbers_of_json(text):
    found = set()
    for n in re.findall(r"(?<![\w.-])-?\d+(?:\.\d+)?(?![\w-])", text):
        v = float(n)
        found.add(n.lstrip("-"))
        if v == int(v):
            found.add(str(abs(int(v))))
    return found


def check_report(qms, ws, tidy, tmp):
    if tidy:
        page = os.path.join(tmp, "report.html")
        r = run([qms, "-C", ws, "report", "--as-of", AS_OF, "--format", "html", "-o", page])
        t = run([tidy, "-errors", "-quiet", page])
        check(r.returncode == 0 and not t.stderr.strip(),
              f"qms report --format html is valid HTML for tidy {t.stderr.decode().strip()}")
    j = run([qms, "-C", ws, "report", "--as-of", AS_OF, "--format", "json"]).stdout.decode()
    try:
        json.loads(j)
        check(True, "qms report --format json parses")
    except ValueError as e:
        check(False, f"qms report --format json parses: {e}")
    in_json = numbers_of_json(j)
    for lang in ("vi", "en"):
        md = run([qms, "-C", ws, "report", "--as-of", AS_OF, "--lang", lang]).stdout.decode()
        stray = sorted(n for n in numbers_of_text(md, lang == "vi")
                       if n.lstrip("0") not in in_json and n not in in_json and n != "0")
        check(not stray, f"{os.path.basename(os.path.dirname(ws + '/'))} ({lang}): every number of "
              f"the text is a figure of the JSON{': not in JSON ' + ', '.join(stray) if stray else ''}")


def check_document(site_dir):
    """The example's STP-QT-01 page: the TTHC record, the revision table, the
    signatures filled in (processes/so-tu-phap/STP-QT-01.yaml)."""
    with open(os.path.join(site_dir, "procedures", "STP-QT-01.html"), encoding="utf-8") as f:
        page = f.read()
    sign = re.search(r'<table class="sign">(.*?)</table>', page, re.S)
    check(sign is not None and all(n in sign.group(1) for n in
                                   ("Nguyễn Thị Thu Hà", "Phạm Quang Minh", "Bùi Văn Thắng", "Giám đốc Sở Tư pháp")),
          "the procedure page signs: drafter, checker and approver with their positions")
    rev = re.search(r'<table class="revisions" id="revisions">(.*?)</table>', page, re.S)
    check(rev is not None and rev.group(1).count("<tr>") == 3 and "10/6/2020" in rev.group(1),
          "the procedure page has its revision table: a head row and two editions")
    dossier = re.search(r'<table class="dossier">(.*?)</table>', page, re.S)
    check("<dd>2.001417</dd>" in page and dossier is not None and dossier.group(1).count("<tr>") == 4
          and "200.000 đồng/lần/người" in page and "936/QĐ-UBND" in page,
          "the procedure page shows the TTHC record: code, publishing decision, dossier, fees")
    shares = re.search(r'<table class="shares" id="shares">(.*?)</table>', page, re.S)
    check(shares is not None and "Văn phòng UBND tỉnh" in shares.group(1) and "Công an tỉnh Thái Bình" in shares.group(1),
          "and each agency's share of the time, the inter-agency ones by name")


def main():
    qms, fixture, example, shots = (os.path.abspath(a) for a in sys.argv[1:5])
    ci = bool(os.environ.get("CI"))
    tidy = shutil.which("tidy")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with tempfile.TemporaryDirectory() as tmp:
        out, files = check_folder(qms, fixture, tmp)
        check_pages(out, files, tidy)
        check_report(qms, fixture, tidy, tmp)
        check_report(qms, example, tidy, tmp)
        ex = os.path.join(tmp, "example")
        rc, text = site(qms, example, ex)
        check(rc == 0, f"the example workspace's site is written: {text.strip()}")
        check_pages(ex, files_of(ex), tidy)
        check_document(ex)
        if chromium:
            check_browser(chromium, out, shots, tmp)
            for name, path, size in (("example-index", "index.html", "1400,2400"),
                                     ("example-procedure", "procedures/STP-QT-01.html", "1920,1800")):
                png = os.path.join(shots, f"{name}.png")
                check(screenshot(chromium, tmp, os.path.join(ex, path), png, size), f"screenshot {png}")
    if ci and not (tidy and chromium):
        check(False, "CI: tidy and chromium are installed (scripts/debian-packages)")
    if failures:
        print(f"{len(failures)} failed")
        return 1
    if not tidy:
        print("SKIP the HTML validation: tidy is not installed")
    if not chromium:
        print("SKIP the browser checks: chromium is not installed")
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main())

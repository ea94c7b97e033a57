#!/usr/bin/env python3
"""Tests of `qms render` through the CLI.

usage: run-render.py [--update] QMS_BINARY RENDER_DIR

RENDER_DIR is tests/render: the fixture workspaces ws/ (findings, a
subprocess, parallel work, rework loops), ws-hostile/ (text that must stay
text) and golden/ (the expected DOT). --update rewrites golden/ from
today's binary: read the diff before committing it.

What is checked:
- lanes in declared order, vertical and horizontal, in many generated
  procedures (lane header positions in the SVG) and every step inside its
  lane (a fork or join bar reaching into it);
- layout quality (check-layout.py): on every generated set, no edge
  through a box, no label on a box, an edge or a label; on the example
  workspace and 500 procedures of tools/bench/gen-workspace.py, that and
  no more crossing pairs than dot draws for the same graphs;
- hostile text: the SVG parses as XML, has no script element, and shows
  every title, name and label literally; long names wrap;
- the findings overlay marks exactly the steps with findings, open or
  closed as of --as-of;
- the same bytes across runs and across -j 1 / -j 2 (SVG, PNG, DOT, PDF);
- PNG and PDF written, non-empty, PDF fonts embedded;
- golden DOT; the interaction map; the step cap and the time limit.
"""
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
AS_OF = "2020-09-30"

failures = []


def check(cond, what):
    if cond:
        print(f"ok   {what}")
    else:
        print(f"FAIL {what}")
        failures.append(what)
    return cond


def run(qms, *args, cwd=None):
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    return subprocess.run([qms, *args], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=600)


def render(qms, out, *args):
    p = run(qms, "render", "--as-of", AS_OF, "--out", out, *args)
    return p.returncode, p.stdout.decode("utf-8", "replace")


# ---- generated procedures ----

def gen_workspace(root, n, seed):
    """n procedures with lanes declared in a random order and flows that
    wander between them: rework loops, decisions, parallel work."""
    rng = random.Random(seed)
    os.makedirs(os.path.join(root, "processes", "g"))
    os.makedirs(os.path.join(root, "audits"))
    with open(os.path.join(root, "qms.yaml"), "w", encoding="utf-8") as f:
        f.write("workspace:\n  name: Generated\n  lang: vi\n")
    with open(os.path.join(root, "audits", "g.yaml"), "w", encoding="utf-8") as f:
        f.write("agency:\n  id: g\n  name: Generated\n  level: province\n")
    for k in range(n):
        nl = rng.randint(2, 7)
        lanes = [f"l{i}" for i in range(nl)]
        rng.shuffle(lanes)
        nsteps = rng.randint(4, 24)
        steps = []
        for i in range(nsteps):
            steps.append({"id": f"s{i}", "lane": rng.choice(lanes), "kind": "task"})
        steps[0]["kind"] = "start"
        steps[-1]["kind"] = "end"
        lines = []
        i = 0
        for i, s in enumerate(steps):
            head = f"    - {{id: {s['id']}, lane: {s['lane']}, name: Bước {i} {'x' * rng.randint(1, 30)}"
            if s["kind"] == "end":
                lines.append(head + ", kind: end}")
                continue
            nxt = f"s{i + 1}"
            if s["kind"] == "start":
                lines.append(head + f", kind: start, next: {nxt}}}")
            elif i + 3 < nsteps and rng.random() < 0.2:
                lines.append(head + f", duration: 1 giờ, next: [s{i + 1}, s{i + 2}]}}")
            elif i > 1 and rng.random() < 0.25:
                back = rng.randint(1, i - 1)
                lines.append(f"    - id: {s['id']}\n      lane: {s['lane']}\n      kind: decision\n"
                             f"      name: Đạt {i}?\n      branches:\n"
                             f"        - {{when: Có, next: {nxt}}}\n"
                             f"        - {{when: Không, next: s{back}}}")
            else:
                lines.append(head + f", duration: {rng.randint(1, 16)} giờ, next: {nxt}}}")
        with open(os.path.join(root, "processes", "g", f"G-{k:03d}.yaml"), "w", encoding="utf-8") as f:
            f.write(f"process:\n  code: G-{k:03d}\n  title: Thủ tục {k}\n  agency: g\n"
                    f"  standard: ISO 9001:2015\n  lanes:\n")
            for lane in lanes:
                f.write(f"    - {{id: {lane}, name: Đơn vị {lane}}}\n")
            f.write("  steps:\n" + "\n".join(lines) + "\n")


def lane_of_nodes(dot):
    """{node name: lane index} from the DOT of a procedure."""
    lanes = {}
    for m in re.finditer(r"subgraph cluster_lane_(\d+) \{(.*?)\n\t\}", dot, re.S):
        for node in re.findall(r"^\t\t(s\d+|fork\d+|join\d+) \[", m.group(2), re.M):
            lanes[node] = int(m.group(1))
    return lanes


def boxes(svg_root):
    """{svg id: (x0, y0, x1, y1)} of clusters and nodes, and {title: id}."""
    out, titles = {}, {}
    for g in svg_root.iter(SVG + "g"):
        cls = (g.get("class") or "").split()
        if "cluster" not in cls and "node" not in cls:
            continue
        xs, ys = [], []
        for shape in g.iter():
            pts = shape.get("points")
            if pts:
                for pair in pts.split():
                    x, y = pair.split(",")
                    xs.append(float(x))
                    ys.append(float(y))
            if shape.tag == SVG + "path":  # rounded boxes
                nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", shape.get("d", ""))]
                xs += nums[0::2]
                ys += nums[1::2]
            if shape.tag == SVG + "ellipse":
                cx, cy = float(shape.get("cx")), float(shape.get("cy"))
                rx, ry = float(shape.get("rx")), float(shape.get("ry"))
                xs += [cx - rx, cx + rx]
                ys += [cy - ry, cy + ry]
        if xs:
            out[g.get("id")] = (min(xs), min(ys), max(xs), max(ys))
        title = g.find(SVG + "title")
        if title is not None:
            titles[title.text] = g.get("id")
    return out, titles


def check_lane_order(qms, tmp, ws, lanes_dir, label):
    out = os.path.join(tmp, "lanes-" + lanes_dir + "-" + label)
    rc, log = render(qms, out, "-j", "2", "--lanes", lanes_dir, ws)
    check(rc == 0, f"{label} {lanes_dir}: rendered ({log.strip().splitlines()[-1]})")
    rc, log = render(qms, out, "--format", "dot", "--lanes", lanes_dir, ws)
    bad_order, bad_place, n = [], [], 0
    for name in sorted(os.listdir(out)):
        if not name.endswith(".svg"):
            continue
        n += 1
        root = ET.parse(os.path.join(out, name)).getroot()
        with open(os.path.join(out, name[:-4] + ".dot"), encoding="utf-8") as f:
            node_lane = lane_of_nodes(f.read())
        box, titles = boxes(root)
        heads = sorted((int(i.rsplit("-", 1)[1]), b) for i, b in box.items()
                       if i.startswith("lane-header-"))
        # vertical: left to right; horizontal: top to bottom (SVG y grows down)
        pos = [b[0] if lanes_dir == "vertical" else b[1] for _, b in heads]
        if pos != sorted(pos) or len(set(pos)) != len(pos):
            bad_order.append(name)
        for node, lane in node_lane.items():
            b, c = box.get(titles.get(node)), box.get(f"lane-{lane}")
            inside = b and c and (c[0] - 0.5 <= b[0] and b[2] <= c[2] + 0.5 and
                                  c[1] - 0.5 <= b[1] and b[3] <= c[3] + 0.5)
            # fork and join bars span the lanes of their branches: they
            # only have to reach into their own lane
            overlaps = b and c and b[0] < c[2] and c[0] < b[2] and b[1] < c[3] and c[1] < b[3]
            if not (inside or (node.startswith(("fork", "join")) and overlaps)):
                bad_place.append(f"{name}:{node}")
    check(n > 0 and not bad_order, f"{label} {lanes_dir}: lane headers in declared order in {n} diagrams "
          f"{bad_order[:5]}")
    check(n > 0 and not bad_place, f"{label} {lanes_dir}: every step inside its lane, every bar in it "
          f"{bad_place[:5]}")
    if label != "example":
        quality(out, None, f"{label} {lanes_dir}")


# ---- layout quality (check-layout.py) ----

def quality(svg_dir, dot_dir, what, require_crossings=False):
    """Run check-layout.py on the diagrams: no edge through a box, no
    label on a box, an edge or a label, lanes in order; with dot_dir, no
    more crossing pairs than dot's."""
    checker = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-layout.py")
    args = [sys.executable, checker, "--require", "--list", svg_dir] + ([dot_dir] if dot_dir else [])
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
    out = p.stdout.decode("utf-8", "replace")
    summary = [line for line in out.splitlines() if not line.split(":")[0].endswith(".svg")]
    print("\n".join("     " + line for line in summary))
    problems = [line for line in out.splitlines() if line.split(":")[0].endswith(".svg") and " cross at " not in line]
    check(p.returncode == 0, f"quality {what}: no edge through a box, no label on anything, lanes in order"
          + (", crossings no more than dot's" if dot_dir else "") + f" {problems[:5]}")


def dot_svgs(dot_dir, out_dir):
    """dot -Tsvg on every DOT file, two at a time."""
    os.makedirs(out_dir, exist_ok=True)
    names = sorted(n for n in os.listdir(dot_dir) if n.endswith(".dot"))
    running = []
    for name in names:
        out = os.path.join(out_dir, name[:-4] + ".svg")
        running.append(subprocess.Popen(["dot", "-Tsvg", "-o", out, os.path.join(dot_dir, name)]))
        if len(running) >= 2:
            running.pop(0).wait()
    for p in running:
        p.wait()
    return len(names)


def check_quality(qms, tmp, example):
    """The example workspace and 500 generated procedures against dot."""
    corpus = os.path.join(tmp, "ws-quality")
    bench_gen = os.path.join(example, "tools", "bench", "gen-workspace.py")
    subprocess.run([sys.executable, bench_gen, "-n", "500", "--seed", "19", corpus], check=True,
                   stdout=subprocess.DEVNULL)
    for label, ws in (("example", example), ("500 generated", corpus)):
        svg, dot, dot_svg = (os.path.join(tmp, f"quality-{label}-{k}") for k in ("svg", "dot", "dotsvg"))
        rc, log = render(qms, svg, "-j", "2", ws)
        check(rc == 0, f"quality {label}: rendered ({log.strip().splitlines()[-1]})")
        render(qms, dot, "--format", "dot", ws)
        n = dot_svgs(dot, dot_svg)
        check(n >= (14 if label == "example" else 500), f"quality {label}: dot drew {n} diagrams")
        quality(svg, dot_svg, label)
    # the other ways of drawing: curves, lanes as rows
    for args in (("--edges", "spline"), ("--lanes", "horizontal"), ("--edges", "spline", "--lanes", "horizontal")):
        what = "example " + " ".join(args)
        svg = os.path.join(tmp, "quality-" + "-".join(a.strip("-") for a in args))
        rc, log = render(qms, svg, *args, example)
        check(rc == 0, f"quality {what}: rendered")
        quality(svg, None, what)


# ---- hostile text ----

def texts(root):
    return [t.text or "" for t in root.iter(SVG + "text")]


def check_hostile(qms, tmp, rdir):
    out = os.path.join(tmp, "hostile")
    rc, log = render(qms, out, os.path.join(rdir, "ws-hostile"))
    check(rc == 0, "hostile: rendered")
    raw = open(os.path.join(out, "X-01.svg"), "rb").read()
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        check(False, f"hostile: SVG is well-formed XML ({e})")
        return
    check(True, "hostile: SVG is well-formed XML")
    check(not [e for e in root.iter() if e.tag.split("}")[-1].lower() in ("script", "img", "foreignobject")],
          "hostile: no script, img or foreignObject element")
    check(b"<script" not in raw and b"<svg onload" not in raw, "hostile: no markup from user text in the bytes")
    t = texts(root)
    joined = "\n".join(t)
    for want in ["<script>alert('title')</script> & \"quotes\" \\N C:\\new\\table ]]> &amp;",
                 "Lane <b>bold</b> & \\G", "\"Quoted\" 'lane' \\\\ two", "Line one <i>not italic</i>",
                 "Line two \\l \\r \\n \\E \\T \\H", "OK? <yes/no>", "<b>&amp;yes</b>", "\\N no \"quoted\"",
                 "End & </svg>", "<start>", "Owner: </text><svg onload=alert(1)>",
                 "<img src=x onerror=alert(1)> & Co \\ \"quoted\""]:
        check(want in t, f"hostile: text shown literally: {want!r}")
    # long names wrap, and end with an ellipsis; the tooltip keeps it all
    long_lines = [s for s in t if s.startswith("Averyvery")]
    check(long_lines and all(len(s) <= 40 for s in t if "very" in s), "hostile: long names wrap")
    check(any(s.endswith("…") for s in t), "hostile: a name too long for its box ends with an ellipsis")
    tips = [e.get(XLINK + "title") for e in root.iter() if e.get(XLINK + "title")]
    check(any(tip.endswith("every word of it, to the very end.\nTime: 2 hours") for tip in tips),
          "hostile: the tooltip has the whole name")
    check(any("</title><script>alert('tooltip')</script> &amp; \\N \\\\ end" in tip for tip in tips),
          "hostile: the finding's text is literal in the tooltip")
    for fmt in ("png", "pdf"):
        rc, log = render(qms, out, "--format", fmt, os.path.join(rdir, "ws-hostile"))
        check(rc == 0 and os.path.getsize(os.path.join(out, "X-01." + fmt)) > 1000,
              f"hostile: {fmt} rendered")


# ---- findings ----

def finding_marks(path):
    root = ET.parse(path).getroot()
    marks = {}
    for g in root.iter(SVG + "g"):
        cls = (g.get("class") or "").split()
        if "finding" in cls:
            marks[g.get("id")] = sorted(c for c in cls if c.startswith("finding-"))
    return marks


def check_findings(qms, tmp, rdir):
    ws = os.path.join(rdir, "ws")
    out = os.path.join(tmp, "findings")
    rc, _ = render(qms, out, ws)
    check(rc == 0, "findings: rendered")
    got = finding_marks(os.path.join(out, "A-02.svg"))
    # NC-01 open major on tham-dinh; tiep-nhan: NC-02 closed 2020-09-01, CT-01
    # closed only on 2020-10-15 (open as of 2020-09-30); NC-03 raised later;
    # OBS-01 names no step of A-02; OBS-02 is A-01's.
    check(got == {"step-tham-dinh": ["finding-major", "finding-open"],
                  "step-tiep-nhan": ["finding-improvement", "finding-open"]},
          f"findings: exactly the steps with findings as of {AS_OF}: {got}")
    check(finding_marks(os.path.join(out, "A-01.svg")) == {"step-xu-ly": ["finding-observation", "finding-open"]},
          "findings: another procedure's findings stay there")
    p = run(qms, "render", "--as-of", "2020-12-31", "--out", out, ws)
    got = finding_marks(os.path.join(out, "A-02.svg"))
    check(got == {"step-tham-dinh": ["finding-major", "finding-open"], "step-tiep-nhan": ["finding-closed"],
                  "step-ky": ["finding-major", "finding-open"]},
          f"findings: as of 2020-12-31 the later audit counts and CT-01 is closed: {got}")


# ---- determinism ----

def tree_bytes(d):
    return {n: open(os.path.join(d, n), "rb").read() for n in sorted(os.listdir(d))}


def check_determinism(qms, tmp, rdir, example):
    for fmt in ("svg", "png", "dot", "pdf"):
        dirs = []
        for j in ("1", "2", "2"):
            d = os.path.join(tmp, f"det-{fmt}-{len(dirs)}")
            rc, log = render(qms, d, "--format", fmt, "-j", j, example)
            check(rc == 0, f"determinism: {fmt} -j {j} rendered")
            dirs.append(tree_bytes(d))
        check(dirs[0] == dirs[1] == dirs[2] and len(dirs[0]) >= 14,
              f"determinism: {fmt} the same bytes with -j 1, -j 2 and again ({len(dirs[0])} files)")
    pdf = tree_bytes(os.path.join(tmp, "det-pdf-0"))
    check(all(b.startswith(b"%PDF") and b"/FontFile" in b for b in pdf.values()),
          "pdf: every PDF embeds its fonts")
    check(all(re.search(rb"/CreationDate \(D:\d{8}000000", b) for b in pdf.values()),
          "pdf: the creation date is the procedure's effective date, not the clock")
    png = tree_bytes(os.path.join(tmp, "det-png-0"))
    check(all(b.startswith(b"\x89PNG\r\n\x1a\n") and len(b) > 10000 for b in png.values()),
          "png: every PNG is a PNG and not empty")


# ---- golden DOT and the map ----

def check_golden(qms, tmp, rdir, update):
    golden = os.path.join(rdir, "golden")
    out = os.path.join(tmp, "golden")
    render(qms, out, "--format", "dot", os.path.join(rdir, "ws"))
    render(qms, out, "--format", "dot", os.path.join(rdir, "ws-hostile"))
    render(qms, out, "--format", "dot", "--lanes", "horizontal", "--lang", "en", "--out",
           os.path.join(out, "h"), os.path.join(rdir, "ws", "processes", "so-a", "A-02.yaml"))
    p = run(qms, "-C", os.path.join(rdir, "ws"), "render", "--format", "dot", "--out", out, "--map", "so-a")
    check(p.returncode == 0, "map: rendered")
    files = {"A-01.dot": "A-01.dot", "A-02.dot": "A-02.dot", "X-01.dot": "X-01.dot",
             "h/A-02.dot": "A-02-horizontal-en.dot", "maps/so-a.dot": "map-so-a.dot"}
    for got, want in files.items():
        data = open(os.path.join(out, got), encoding="utf-8").read()
        path = os.path.join(golden, want)
        if update:
            os.makedirs(golden, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(data)
        expected = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        check(data == expected, f"golden: {want}")
    # the map as SVG: a node per procedure, linked to its diagram, and the call
    p = run(qms, "-C", os.path.join(rdir, "ws"), "render", "--out", out, "--map", "so-a")
    root = ET.parse(os.path.join(out, "maps", "so-a.svg")).getroot()
    links = sorted(a.get(XLINK + "href") for a in root.iter(SVG + "a") if a.get(XLINK + "href"))
    check(links == ["../A-01.svg", "../A-02.svg"], f"map: each procedure links to its diagram {links}")
    calls = [g for g in root.iter(SVG + "g") if "call" in (g.get("class") or "").split()]
    check(len(calls) == 1, "map: one edge for A-02 calling A-01")


# ---- limits ----

def check_limits(qms, tmp):
    ws = os.path.join(tmp, "ws-big")
    os.makedirs(os.path.join(ws, "processes", "g"))
    with open(os.path.join(ws, "qms.yaml"), "w") as f:
        f.write("workspace:\n  name: Big\n")

    def proc(code, n, lanes):
        with open(os.path.join(ws, "processes", "g", code + ".yaml"), "w") as f:
            f.write(f"process:\n  code: {code}\n  title: {code}\n  agency: g\n  standard: ISO 9001:2015\n"
                    "  lanes:\n")
            for i in range(lanes):
                f.write(f"    - {{id: l{i}, name: Lane {i}}}\n")
            f.write("  steps:\n    - {id: s0, kind: start, lane: l0, name: s, next: s1}\n")
            for i in range(1, n - 1):
                nxt = f"[s{i + 1}, s{min(i + 2, n - 1)}]" if i % 3 == 0 and i + 2 < n else f"s{i + 1}"
                f.write(f"    - {{id: s{i}, lane: l{(i * 7) % lanes}, name: step {i}, next: {nxt}}}\n")
            f.write(f"    - {{id: s{n - 1}, kind: end, lane: l0, name: e}}\n")

    proc("BIG-CAP", 2001, 3)
    proc("BIG-SLOW", 1500, 8)
    proc("SMALL", 6, 2)
    out = os.path.join(tmp, "limits")
    p = run(qms, "--lang", "en", "render", "-j", "2", "--timeout", "1", "--out", out, ws)
    log = p.stdout.decode()
    check(p.returncode == 1, "limits: exit status 1 when a diagram fails")
    check("BIG-CAP.yaml:" in log and "2001 steps are more than a diagram can show (at most 2000)" in log,
          "limits: the step cap is a clear error")
    check("BIG-SLOW.yaml:" in log and "took longer than 1 s and was stopped" in log,
          "limits: the time limit is a clear error")
    check(os.path.exists(os.path.join(out, "SMALL.svg")) and not os.path.exists(os.path.join(out, "BIG-CAP.svg"))
          and not os.path.exists(os.path.join(out, "BIG-SLOW.svg")),
          "limits: the other diagrams are still written")
    check(not [n for n in os.listdir(out) if n.startswith(".")], "limits: no temporary file left behind")


def main():
    args = sys.argv[1:]
    update = bool(args) and args[0] == "--update"
    if update:
        args = args[1:]
    qms = os.path.abspath(args[0])
    rdir = os.path.abspath(args[1])
    example = os.path.dirname(os.path.dirname(rdir))  # the repository: its example workspace
    tmp = tempfile.mkdtemp(prefix="qms-render-")
    try:
        gen = os.path.join(tmp, "ws-gen")
        gen_workspace(gen, 40, 20200930)
        bench_gen = os.path.join(example, "tools", "bench", "gen-workspace.py")
        synth = os.path.join(tmp, "ws-synth")
        subprocess.run([sys.executable, bench_gen, "-n", "30", "--agencies", "3", "--seed", "7", synth],
                       check=True, stdout=subprocess.DEVNULL)
        for lanes in ("vertical", "horizontal"):
            check_lane_order(qms, tmp, gen, lanes, "generated")
            check_lane_order(qms, tmp, synth, lanes, "synthetic")
        check_lane_order(qms, tmp, example, "vertical", "example")
        check_quality(qms, tmp, example)
        check_hostile(qms, tmp, rdir)
        check_findings(qms, tmp, rdir)
        check_determinism(qms, tmp, rdir, example)
        check_golden(qms, tmp, rdir, update)
        check_limits(qms, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

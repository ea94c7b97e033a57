#!/usr/bin/env python3
"""Layout quality of procedure diagrams, measured from their SVG.

usage: check-layout.py [--require] [--list] [--json FILE] [--markdown] SVG_DIR [DOT_SVG_DIR]

SVG_DIR holds the diagrams `qms render` drew; DOT_SVG_DIR, when given, the
same graphs drawn by `dot -Tsvg` from the DOT `qms render --format dot`
writes (same file names), for comparison. For every diagram, from the SVG
alone (Graphviz's SVG: node, edge and cluster groups with their titles):

- edges through a box: flow edges whose path passes through the box of a
  node that is not one of its two ends (steps, fork and join bars, lane
  headers, the legend);
- crossing pairs: pairs of flow edges whose paths cross (touching where
  they share a node does not count);
- labels on a box: edge labels (decision answers) overlapping a node box;
- labels on an edge: edge labels overlapping the path of another edge;
- labels on a label: edge labels overlapping another edge's label;
- lanes out of order: the lane clusters (cluster_lane_<n>) not side by side
  in the order of n (left to right, or top to bottom for rows).

Text widths come from the DejaVu Sans font file when it is installed (the
font the diagrams use), else from an average width. Paths are the SVG's
cubic Béziers, flattened to 0.25 pt. Legend edges are not flow edges.

--require: exit 1 unless the diagrams of SVG_DIR have no edge through a
box, no label on a box, an edge or a label, every lane in order, and (with
DOT_SVG_DIR) no more crossing pairs in total than dot's. --list prints each
problem. --json writes the figures; --markdown prints the totals as a
table. Standard library only.
"""
import json
import math
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
FONT_DIRS = ["/usr/share/fonts/truetype/dejavu"]

# ---- text widths from the font file ----


class Font:
    """Advance widths of a TrueType font (cmap format 4 and hmtx)."""

    def __init__(self, path):
        data = open(path, "rb").read()
        ntables = struct.unpack(">H", data[4:6])[0]
        tables = {}
        for i in range(ntables):
            tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i:28 + 16 * i])
            tables[tag.decode("latin-1")] = (off, length)
        self.units = struct.unpack(">H", data[tables["head"][0] + 18:tables["head"][0] + 20])[0]
        nmetrics = struct.unpack(">H", data[tables["hhea"][0] + 34:tables["hhea"][0] + 36])[0]
        off = tables["hmtx"][0]
        self.advances = [struct.unpack(">H", data[off + 4 * i:off + 4 * i + 2])[0] for i in range(nmetrics)]
        self.cmap = {}
        coff = tables["cmap"][0]
        nsub = struct.unpack(">H", data[coff + 2:coff + 4])[0]
        for i in range(nsub):
            pid, eid, soff = struct.unpack(">HHI", data[coff + 4 + 8 * i:coff + 12 + 8 * i])
            sub = coff + soff
            if struct.unpack(">H", data[sub:sub + 2])[0] == 4 and pid in (0, 3):
                self._format4(data, sub)
                break

    def _format4(self, data, sub):
        segx2 = struct.unpack(">H", data[sub + 6:sub + 8])[0]
        ends = sub + 14
        starts = ends + segx2 + 2
        deltas = starts + segx2
        ranges = deltas + segx2
        for s in range(segx2 // 2):
            end = struct.unpack(">H", data[ends + 2 * s:ends + 2 * s + 2])[0]
            start = struct.unpack(">H", data[starts + 2 * s:starts + 2 * s + 2])[0]
            delta = struct.unpack(">h", data[deltas + 2 * s:deltas + 2 * s + 2])[0]
            roff = struct.unpack(">H", data[ranges + 2 * s:ranges + 2 * s + 2])[0]
            for c in range(start, min(end, 0xfffe) + 1):
                if roff == 0:
                    g = (c + delta) & 0xffff
                else:
                    at = ranges + 2 * s + roff + 2 * (c - start)
                    g = struct.unpack(">H", data[at:at + 2])[0]
                    if g:
                        g = (g + delta) & 0xffff
                if g:
                    self.cmap[c] = g

    def width(self, text, size):
        total = 0
        for ch in text:
            g = self.cmap.get(ord(ch))
            if g is None:
                total += 0.6 * self.units
            else:
                total += self.advances[min(g, len(self.advances) - 1)]
        return total * size / self.units


FONTS = {}


def text_width(text, size, bold):
    key = "bold" if bold else "regular"
    if key not in FONTS:
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        FONTS[key] = None
        for d in FONT_DIRS:
            if os.path.exists(os.path.join(d, name)):
                FONTS[key] = Font(os.path.join(d, name))
                break
    font = FONTS[key]
    return font.width(text, size) if font else 0.6 * size * len(text)


# ---- geometry ----

def numbers(s):
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", s)]


def flatten(p0, p1, p2, p3, out, depth=0):
    """Append the end points of a polyline within 0.25 pt of the cubic."""
    def dist(p, a, b):
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy)
        if n < 1e-9:
            return math.hypot(p[0] - a[0], p[1] - a[1])
        return abs(dx * (p[1] - a[1]) - dy * (p[0] - a[0])) / n
    if depth >= 10 or max(dist(p1, p0, p3), dist(p2, p0, p3)) <= 0.25:
        out.append(p3)
        return
    m = lambda a, b: ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    p01, p12, p23 = m(p0, p1), m(p1, p2), m(p2, p3)
    a, b = m(p01, p12), m(p12, p23)
    mid = m(a, b)
    flatten(p0, p01, a, mid, out, depth + 1)
    flatten(mid, b, p23, p3, out, depth + 1)


def path_points(d):
    """The polyline of an SVG path made of M, C and L commands."""
    pts = []
    cur = None
    for cmd, args in re.findall(r"([MCLmcl])([^MCLmcl]*)", d):
        v = numbers(args)
        pairs = [(v[i], v[i + 1]) for i in range(0, len(v) - 1, 2)]
        if cmd == "M":
            cur = pairs[0]
            pts.append(cur)
            for p in pairs[1:]:
                pts.append(p)
                cur = p
        elif cmd == "L":
            for p in pairs:
                pts.append(p)
                cur = p
        elif cmd == "C":
            for i in range(0, len(pairs) - 2, 3):
                flatten(cur, pairs[i], pairs[i + 1], pairs[i + 2], pts)
                cur = pairs[i + 2]
    return pts


def shape_box(g):
    xs, ys = [], []
    for el in g.iter():
        tag = el.tag.replace(SVG, "")
        if tag == "polygon":
            v = numbers(el.get("points", ""))
            xs += v[0::2]
            ys += v[1::2]
        elif tag == "path":
            for x, y in path_points(el.get("d", "")):
                xs.append(x)
                ys.append(y)
        elif tag == "ellipse":
            cx, cy = float(el.get("cx")), float(el.get("cy"))
            rx, ry = float(el.get("rx")), float(el.get("ry"))
            xs += [cx - rx, cx + rx]
            ys += [cy - ry, cy + ry]
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def text_boxes(g):
    out = []
    for t in g.iter(SVG + "text"):
        s = "".join(t.itertext())
        if not s.strip():
            continue
        size = float(t.get("font-size", "14"))
        w = text_width(s, size, t.get("font-weight") == "bold")
        x, y = float(t.get("x")), float(t.get("y"))
        anchor = t.get("text-anchor", "start")
        x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
        out.append((x0, y - 0.76 * size, x0 + w, y + 0.18 * size))
    return out


def seg_box_hit(a, b, box, inset):
    """Whether segment a-b enters box shrunk by inset (Liang-Barsky)."""
    x0, y0, x1, y1 = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    if x0 >= x1 or y0 >= y1:
        return False
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if abs(p) < 1e-12:
            if q < 0:
                return False
        else:
            t = q / p
            if p < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return t1 - t0 > 1e-9


def cross_point(a, b, c, d):
    """The point where segments a-b and c-d cross properly, or None."""
    r = (b[0] - a[0], b[1] - a[1])
    s = (d[0] - c[0], d[1] - c[1])
    den = r[0] * s[1] - r[1] * s[0]
    if abs(den) < 1e-9:
        return None
    t = ((c[0] - a[0]) * s[1] - (c[1] - a[1]) * s[0]) / den
    u = ((c[0] - a[0]) * r[1] - (c[1] - a[1]) * r[0]) / den
    if 1e-6 < t < 1 - 1e-6 and 1e-6 < u < 1 - 1e-6:
        return (a[0] + t * r[0], a[1] + t * r[1])
    # a crossing exactly at a vertex of one polyline: count it on the
    # segment it ends (t or u == 1), not twice
    if 1e-6 < t <= 1 + 1e-9 and 1e-6 < u <= 1 + 1e-9 and (t > 1 - 1e-6) != (u > 1 - 1e-6):
        return (a[0] + t * r[0], a[1] + t * r[1])
    return None


def bbox_of(pts):
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def boxes_meet(a, b, pad=0.0):
    return a[0] - pad <= b[2] and b[0] - pad <= a[2] and a[1] - pad <= b[3] and b[1] - pad <= a[3]


def inside(p, box, pad):
    return box[0] - pad <= p[0] <= box[2] + pad and box[1] - pad <= p[1] <= box[3] + pad


# ---- one diagram ----

def measure(path):
    root = ET.parse(path).getroot()
    nodes, edges, lanes, others = {}, [], {}, {}
    for g in root.iter(SVG + "g"):
        cls = (g.get("class") or "").split()
        title = g.find(SVG + "title")
        name = title.text if title is not None else ""
        if "node" in cls:
            box = shape_box(g)
            if box is None:  # plain text (legend captions)
                tb = text_boxes(g)
                box = bbox_of([(b[0], b[1]) for b in tb] + [(b[2], b[3]) for b in tb]) if tb else None
            if box:
                nodes[name] = box
        elif "cluster" in cls:
            box = shape_box(g)
            m = re.fullmatch(r"cluster_lane_(\d+)", name)
            if m and box:
                lanes[int(m.group(1))] = box
            elif box:
                others[name] = box
        elif "edge" in cls:
            tail, _, head = name.partition("->")
            if tail.startswith("legend_"):
                continue
            path_el = g.find(SVG + "path")
            if path_el is None:
                continue
            pts = path_points(path_el.get("d", ""))
            if len(pts) < 2:
                continue
            edges.append({"tail": tail, "head": head, "pts": pts, "box": bbox_of(pts),
                          "labels": text_boxes(g), "name": name})
    legend = others.get("cluster_legend")
    obstacles = dict(nodes)
    if legend:
        obstacles["cluster_legend"] = legend
    problems = []

    through = 0
    for e in edges:
        hit = []
        for name, box in obstacles.items():
            if name in (e["tail"], e["head"]) or not boxes_meet(e["box"], box):
                continue
            if name == "cluster_legend" and (e["tail"].startswith("legend_") or e["head"].startswith("legend_")):
                continue
            if any(seg_box_hit(e["pts"][i], e["pts"][i + 1], box, 1.5) for i in range(len(e["pts"]) - 1)):
                hit.append(name)
        if hit:
            through += 1
            problems.append(f"edge {e['name']} passes through {', '.join(sorted(hit))}")

    crossings = 0
    for i in range(len(edges)):
        a = edges[i]
        for j in range(i + 1, len(edges)):
            b = edges[j]
            if not boxes_meet(a["box"], b["box"]):
                continue
            shared = [nodes[n] for n in {a["tail"], a["head"]} & {b["tail"], b["head"]} if n in nodes]
            found = None
            pa, pb = a["pts"], b["pts"]
            for k in range(len(pa) - 1):
                sa = bbox_of([pa[k], pa[k + 1]])
                if not boxes_meet(sa, b["box"]):
                    continue
                for m in range(len(pb) - 1):
                    if not boxes_meet(sa, bbox_of([pb[m], pb[m + 1]])):
                        continue
                    p = cross_point(pa[k], pa[k + 1], pb[m], pb[m + 1])
                    if p and not any(inside(p, s, 4.0) for s in shared):
                        found = p
                        break
                if found:
                    break
            if found:
                crossings += 1
                problems.append(f"edges {a['name']} and {b['name']} cross at {found[0]:.0f},{found[1]:.0f}")

    label_box = label_edge = label_label = 0
    all_labels = [(e, lb) for e in edges for lb in e["labels"]]
    for i, (e, lb) in enumerate(all_labels):
        for o, ob in all_labels[i + 1:]:
            if o is not e and boxes_meet((lb[0] + 0.5, lb[1] + 0.5, lb[2] - 0.5, lb[3] - 0.5), ob):
                label_label += 1
                problems.append(f"label of {e['name']} lies on the label of {o['name']}")
    for e in edges:
        for lb in e["labels"]:
            shrunk = (lb[0] + 0.5, lb[1] + 0.5, lb[2] - 0.5, lb[3] - 0.5)
            on = [n for n, box in obstacles.items() if boxes_meet(shrunk, box)]
            if on:
                label_box += 1
                problems.append(f"label of {e['name']} lies on {', '.join(sorted(on))}")
            for o in edges:
                if o is e or not boxes_meet(shrunk, o["box"]):
                    continue
                p = o["pts"]
                if any(seg_box_hit(p[i], p[i + 1], shrunk, 0.0) or inside(p[i], shrunk, 0.0)
                       for i in range(len(p) - 1)):
                    label_edge += 1
                    problems.append(f"label of {e['name']} lies on edge {o['name']}")
                    break

    out_of_order = 0
    if len(lanes) > 1:
        order = sorted(lanes)
        cx = [(lanes[k][0] + lanes[k][2]) / 2 for k in order]
        cy = [(lanes[k][1] + lanes[k][3]) / 2 for k in order]
        vertical = max(cx) - min(cx) >= max(cy) - min(cy)
        ok = True
        for k in range(len(order) - 1):
            a, b = lanes[order[k]], lanes[order[k + 1]]
            if vertical:
                ok &= a[0] + (a[2] - a[0]) / 2 < b[0] + (b[2] - b[0]) / 2 and a[2] <= b[0] + 1.0
            else:
                ok &= a[1] + (a[3] - a[1]) / 2 < b[1] + (b[3] - b[1]) / 2 and a[3] <= b[1] + 1.0
        if not ok:
            out_of_order = 1
            problems.append("lanes are not in declared order")
    return {"edges": len(edges), "through": through, "crossings": crossings, "label_box": label_box,
            "label_edge": label_edge, "label_label": label_label, "lanes_out_of_order": out_of_order, "problems": problems}


MEASURES = [("through", "edges through a box"), ("crossings", "crossing pairs"),
            ("label_box", "labels on a box"), ("label_edge", "labels on an edge"),
            ("label_label", "labels on a label"),
            ("lanes_out_of_order", "diagrams with lanes out of order")]


def measure_dir(d):
    out = {}
    for name in sorted(os.listdir(d)):
        if name.endswith(".svg") and not name.startswith("map-"):
            out[name] = measure(os.path.join(d, name))
    return out


def totals(res):
    t = {"diagrams": len(res), "edges": sum(r["edges"] for r in res.values())}
    for key, _ in MEASURES:
        t[key] = sum(r[key] for r in res.values())
    return t


def main(argv):
    args = argv[1:]
    require = listing = markdown = False
    json_out = None
    while args and args[0].startswith("--"):
        a = args.pop(0)
        if a == "--require":
            require = True
        elif a == "--list":
            listing = True
        elif a == "--markdown":
            markdown = True
        elif a == "--json" and args:
            json_out = args.pop(0)
        else:
            print(__doc__.strip().splitlines()[2], file=sys.stderr)
            return 2
    if len(args) not in (1, 2):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    qms = measure_dir(args[0])
    dot = measure_dir(args[1]) if len(args) == 2 else None
    tq = totals(qms)
    td = totals(dot) if dot is not None else None
    if listing:
        for name, r in qms.items():
            for p in r["problems"]:
                print(f"{name}: {p}")
    if markdown:
        print(f"| measure ({tq['diagrams']} diagrams, {tq['edges']} edges) | qms | "
              + ("dot |" if td else ""))
        print("|---|---:|" + ("---:|" if td else ""))
        for key, label in MEASURES:
            print(f"| {label} | {tq[key]} |" + (f" {td[key]} |" if td else ""))
    else:
        print(f"{tq['diagrams']} diagrams, {tq['edges']} edges")
        for key, label in MEASURES:
            print(f"  {label:34} qms {tq[key]:6}" + (f"   dot {td[key]:6}" if td else ""))
    if json_out:
        with open(json_out, "w", encoding="utf-8") as f:
            json.dump({"qms": {"totals": tq, "diagrams": qms},
                       "dot": {"totals": td, "diagrams": dot} if dot is not None else None}, f, indent=1)
    if require:
        bad = [label for key, label in MEASURES if key != "crossings" and tq[key]]
        if td and tq["crossings"] > td["crossings"]:
            bad.append(f"more crossing pairs than dot ({tq['crossings']} > {td['crossings']})")
        if bad:
            print("check-layout: not met: " + "; ".join(bad), file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

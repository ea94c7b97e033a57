#!/usr/bin/env python3
"""Generate a realistic dossier export of a one-stop system (and its step
events), deterministic for a seed: the input of `qms results`, its tests and
its benchmark.

usage: gen-dossiers.py [-C WORKSPACE] [--rows N] [--seed S] [--from DATE] [--to DATE]
                       [--delimiter ,|;] [--bom] [--steps FILE] [--seed-figures] -o FILE

Rows: one per dossier, columns as the provincial systems export them
(Mã hồ sơ, Mã thủ tục, Mã quy trình, Cơ quan, Lĩnh vực, Cấp, Ngày tiếp nhận,
Ngày hẹn trả, Ngày có kết quả, Trạng thái, Xin lỗi). Procedures: those of the
workspace (their codes and TTHC codes, agencies and committed limits), and
as many made-up ones again (codes no workspace has, as a real export holds
procedures not yet written down). Receipts fall on working days (weekends
and the holidays of calendar/*.yaml skipped) in working hours; the due date
is the committed limit in working days after receipt; about 84% are
resolved before the due date, 15% on it, 0.1% late (most of them land
matters, "đất đai"), the rest are in progress or returned.

--seed-figures: the rows of the seed report's five months (1/1/2020 to
31/5/2020): exactly 23.417 received, 22.519 resolved (18.973 before the due
date, 3.537 on it, 9 late), 898 in progress within their time; --rows,
--from and --to are then ignored.

--steps FILE: step events of the dossiers of workspace procedures (dossier,
step, start, end, handler), each dossier's events together, with a few
paths that do not follow the procedure (an unknown step, a skipped step,
two steps swapped).
"""
import argparse
import datetime as dt
import glob
import os
import random
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    yaml = None

FIELDS = ["Đất đai", "Hộ tịch", "Lý lịch tư pháp", "Chứng thực", "Đăng ký kinh doanh", "Xây dựng",
          "Giao thông vận tải", "Lao động - Thương binh và Xã hội", "Giáo dục và Đào tạo", "Y tế",
          "Tài nguyên nước", "Công thương"]
LEVELS = ["Cấp tỉnh", "Cấp huyện", "Cấp xã"]
HANDLERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang"]


def working_days(ws):
    """The set of declared days off and make-up days of the workspace's calendar."""
    off, on = set(), set()
    if yaml is None or not ws:
        return off, on
    for path in sorted(glob.glob(os.path.join(ws, "calendar", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f) or {}
        cal = doc.get("calendar") or {}
        for key, target in (("holidays", off), ("make_up_days", on)):
            for d in cal.get(key) or []:
                if "date" in d:
                    target.add(dt.date.fromisoformat(str(d["date"])))
                elif "from" in d:
                    a, b = dt.date.fromisoformat(str(d["from"])), dt.date.fromisoformat(str(d["to"]))
                    while a <= b:
                        target.add(a)
                        a += dt.timedelta(days=1)
    return off, on


def load_procedures(ws):
    procs = []
    if yaml is None or not ws:
        return procs
    for path in sorted(glob.glob(os.path.join(ws, "processes", "*", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            try:
                doc = yaml.safe_load(f) or {}
            except yaml.YAMLError:
                continue
        p = doc.get("process")
        if not p or "code" not in p:
            continue
        tthc = p.get("tthc") or {}
        if isinstance(tthc, list):
            tthc = tthc[0] if tthc else {}
        tl = p.get("time_limit") or {}
        limit = str(tl.get("committed") or tl.get("statutory") or "5 ngày làm việc")
        days = 5
        try:
            amount = float(limit.split()[0].replace(",", "."))
            days = max(1, int(round(amount))) if "giờ" not in limit and "hour" not in limit else 1
        except ValueError:
            pass
        steps = [s for s in p.get("steps") or [] if s.get("kind", "task") == "task" and "duration" in s]
        procs.append({"code": str(p["code"]), "tthc": str(tthc.get("id", "")), "agency": str(p.get("agency", "")),
                      "days": days, "steps": [s["id"] for s in steps], "ws": True})
    return procs


def made_up(rng, n):
    procs = []
    for i in range(n):
        procs.append({"code": "QT-%03d" % (i + 1), "tthc": "1.%06d" % (100000 + i * 37),
                      "agency": "co-quan-%02d" % (i % 40 + 1), "days": rng.choice([1, 2, 3, 5, 7, 10, 15]),
                      "steps": [], "ws": False})
    return procs


class Calendar:
    def __init__(self, off, on):
        self.off, self.on = off, on

    def working(self, d):
        return d in self.on or (d.weekday() < 5 and d not in self.off)

    def add(self, d, n):
        while n > 0:
            d += dt.timedelta(days=1)
            if self.working(d):
                n -= 1
        return d

    def days(self, a, b):
        return [a + dt.timedelta(days=i) for i in range((b - a).days + 1) if self.working(a + dt.timedelta(days=i))]


def fmt_day(d):
    return "%02d/%02d/%04d" % (d.day, d.month, d.year)


def fmt_time(d, minute):
    return "%02d/%02d/%04d %02d:%02d" % (d.day, d.month, d.year, minute // 60, minute % 60)


def outcome_plan(rng, rows, seed_figures):
    if seed_figures:
        plan = ["before"] * 18973 + ["on"] * 3537 + ["late"] * 9 + ["open"] * 898
        rng.shuffle(plan)
        return plan
    plan = []
    for _ in range(rows):
        x = rng.random()
        plan.append("before" if x < 0.84 else "on" if x < 0.99 else "late" if x < 0.991
                    else "returned" if x < 0.996 else "open")
    return plan


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-C", dest="ws", default=None)
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--from", dest="start", default="2020-01-01")
    ap.add_argument("--to", dest="end", default="2020-12-31")
    ap.add_argument("--delimiter", default=",")
    ap.add_argument("--bom", action="store_true")
    ap.add_argument("--steps", default=None)
    ap.add_argument("--seed-figures", action="store_true")
    ap.add_argument("-o", dest="out", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    off, on = working_days(a.ws)
    cal = Calendar(off, on)
    ws_procs = load_procedures(a.ws)
    procs = ws_procs + made_up(rng, max(20, len(ws_procs)))
    weights = [6 if p["ws"] else 1 for p in procs]
    if a.seed_figures:
        start, end = dt.date(2020, 1, 1), dt.date(2020, 5, 31)
    else:
        start, end = dt.date.fromisoformat(a.start), dt.date.fromisoformat(a.end)
    plan = outcome_plan(rng, a.rows, a.seed_figures)
    days = cal.days(start, end)
    # dossiers in progress at the end were received late enough to be within their time
    late_days = [d for d in days if cal.add(d, 1) >= end] or days[-1:]
    sep = a.delimiter
    out = open(a.out, "w", encoding="utf-8", newline="")
    steps_out = open(a.steps, "w", encoding="utf-8", newline="") if a.steps else None
    if a.bom:
        out.write("\ufeff")
    head = ["Mã hồ sơ", "Mã thủ tục", "Mã quy trình", "Cơ quan", "Lĩnh vực", "Cấp", "Ngày tiếp nhận",
            "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái", "Xin lỗi"]
    out.write(sep.join(head) + "\r\n")
    if steps_out:
        steps_out.write("Mã hồ sơ,Bước,Bắt đầu,Kết thúc,Người xử lý\r\n")
    field_of = {p["code"]: FIELDS[i % len(FIELDS)] for i, p in enumerate(procs)}
    level_of = {p["code"]: LEVELS[i % 3] for i, p in enumerate(procs)}
    land = [p for p in procs if field_of[p["code"]] == "Đất đai"]
    buf = []
    for i, what in enumerate(plan):
        p = rng.choices(procs, weights)[0]
        if what == "late" and land and rng.random() < 0.8:
            p = rng.choice(land)
        n = p["days"]
        if what == "open":
            d = rng.choice(late_days)
            n = max(n, 1)
        else:
            d = rng.choice(days)
        minute = rng.randrange(7 * 60 + 30, 17 * 60)
        for _ in range(100):
            due = cal.add(d, n)
            if what == "before":
                span = cal.days(d, due)[:-1] or [d]
                fin = rng.choice(span)
            elif what == "on":
                fin = due
            elif what == "late":
                fin = cal.add(due, rng.randint(1, 3))
            elif what == "returned":
                fin = cal.add(d, 1)
            else:
                fin = None
            if fin is None or fin <= end:
                break
            # resolved within the period: an earlier receipt
            d = rng.choice(days)
        if what == "open" and due < end:
            due = end
        fmin = max(minute + 30, rng.randrange(8 * 60, 17 * 60 + 30)) if fin == d else rng.randrange(8 * 60, 17 * 60 + 30)
        fmin = min(fmin, 23 * 60)
        status = {"open": "Đang xử lý", "returned": "Trả lại hồ sơ"}.get(what, "Đã trả kết quả")
        apology = ("Có" if rng.random() < 0.6 else "") if what == "late" else ""
        dossier = "%s-%s-%07d" % (p["code"], d.strftime("%Y%m"), i + 1)
        row = [dossier, p["tthc"], p["code"] if rng.random() < 0.9 or not p["tthc"] else "", p["agency"], field_of[p["code"]],
               level_of[p["code"]], fmt_time(d, minute), fmt_day(due), fmt_time(fin, fmin) if fin else "",
               status, apology]
        buf.append(sep.join('"%s"' % c if sep in c or '"' in c else c for c in row))
        if len(buf) >= 10000:
            out.write("\r\n".join(buf) + "\r\n")
            buf = []
        if steps_out and p["steps"] and fin and what != "returned":
            write_steps(steps_out, rng, dossier, p["steps"], d, minute, fin, fmin, cal)
    if buf:
        out.write("\r\n".join(buf) + "\r\n")
    out.close()
    if steps_out:
        steps_out.close()


def write_steps(f, rng, dossier, steps, d, minute, fin, fmin, cal):
    """Events spread over the working time between receipt and result."""
    path = list(steps)
    x = rng.random()
    if x < 0.01 and len(path) > 2:
        del path[rng.randrange(1, len(path) - 1)]
    elif x < 0.02 and len(path) > 2:
        k = rng.randrange(1, len(path) - 1)
        path[k], path[k + 1] = path[k + 1], path[k]
    elif x < 0.025:
        path.insert(rng.randrange(len(path) + 1), "xac-minh-bo-sung")
    days = cal.days(d, fin) or [d]
    total = max(1, (len(days) - 1) * 480 + (fmin - minute))
    t = 0
    for k, s in enumerate(path):
        share = total // len(path) if k < len(path) - 1 else total - t
        a, b = t, t + max(1, share)
        t = b

        def at(m):
            di = min(len(days) - 1, (minute + m - 450) // 480 if minute + m >= 450 else 0)
            mm = 450 + (minute - 450 + m) % 480
            return fmt_time(days[int(di)], int(mm))
        f.write("%s,%s,%s,%s,%s\r\n" % (dossier, s, at(a), at(b), HANDLERS[k % len(HANDLERS)]))


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Generate a deterministic workspace of synthetic agency trackers for benchmarks.

Usage: gen-trackers.py [-n N] [--seed S] [--force] OUTDIR

Writes OUTDIR/qms.yaml and OUTDIR/audits/<agency>.yaml for N agencies (default
11000: about every state administrative agency of Việt Nam at the three levels),
in the format of design.md 3.4, as of 2020-09-30: departments of 63 provinces,
district and commune People's Committees, each somewhere between not started and
reported, with internal audits, inspections and findings open, closed and
verified. Every tracker is valid (`qms check` reports nothing; there are no
procedures, so findings name none). The same arguments always give the same
bytes: the generator uses its own PRNG (splitmix64), never `random`.

Standard library only.
"""

import argparse
import datetime
import os
import shutil
import sys

MASK64 = (1 << 64) - 1


class Rng:
    """splitmix64: tiny, fast enough, and stable forever."""

    def __init__(self, seed):
        self.state = seed & MASK64
        for _ in range(2):
            self.next64()

    def next64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n):
        return self.next64() % n

    def randint(self, lo, hi):
        return lo + self.below(hi - lo + 1)

    def chance(self, p):
        return (self.next64() >> 11) < int(p * (1 << 53))

    def choice(self, seq):
        return seq[self.below(len(seq))]


STAGES = ["plan", "training", "gap-analysis", "documentation", "apply", "internal-audit",
          "management-review", "announcement", "report"]
PROVINCES = ["Hà Nội", "Hải Phòng", "Thái Bình", "Nam Định", "Hà Nam", "Ninh Bình", "Hưng Yên",
             "Hải Dương", "Bắc Ninh", "Vĩnh Phúc", "Phú Thọ", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
             "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế", "Đà Nẵng", "Quảng Nam", "Quảng Ngãi",
             "Bình Định", "Phú Yên", "Khánh Hòa", "Đắk Lắk", "Lâm Đồng", "Cần Thơ", "An Giang"]
SLUG = {"à": "a", "á": "a", "ả": "a", "ã": "a", "ạ": "a", "ă": "a", "ắ": "a", "ằ": "a", "ẳ": "a",
        "ẵ": "a", "ặ": "a", "â": "a", "ấ": "a", "ầ": "a", "ẩ": "a", "ẫ": "a", "ậ": "a", "đ": "d",
        "è": "e", "é": "e", "ẻ": "e", "ẽ": "e", "ẹ": "e", "ê": "e", "ế": "e", "ề": "e", "ể": "e",
        "ễ": "e", "ệ": "e", "ì": "i", "í": "i", "ỉ": "i", "ĩ": "i", "ị": "i", "ò": "o", "ó": "o",
        "ỏ": "o", "õ": "o", "ọ": "o", "ô": "o", "ố": "o", "ồ": "o", "ổ": "o", "ỗ": "o", "ộ": "o",
        "ơ": "o", "ớ": "o", "ờ": "o", "ở": "o", "ỡ": "o", "ợ": "o", "ù": "u", "ú": "u", "ủ": "u",
        "ũ": "u", "ụ": "u", "ư": "u", "ứ": "u", "ừ": "u", "ử": "u", "ữ": "u", "ự": "u", "ỳ": "y",
        "ý": "y", "ỷ": "y", "ỹ": "y", "ỵ": "y"}
DEPARTMENTS = ["Sở Nội vụ", "Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Công Thương",
               "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải", "Sở Xây dựng",
               "Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông",
               "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch",
               "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Thanh tra tỉnh",
               "Văn phòng UBND tỉnh", "Ban Quản lý các khu công nghiệp"]
PLACES = ["Tân Hòa", "Việt Hùng", "Minh Quang", "Song Lãng", "Hòa Bình", "Vũ Hội", "Tam Quang",
          "Dũng Nghĩa", "Đông Trà", "Nam Thịnh", "Vũ Quý", "An Ninh", "Quỳnh Hồng", "Thụy Hải",
          "Tây Giang", "Đông Hợp", "Hồng Minh", "Phú Xuân", "Tiền Phong", "Kỳ Bá", "Đề Thám"]
FINDINGS = [
    ("major", "8.5.1", "Một số hồ sơ TTHC giải quyết quá hạn không có văn bản xin lỗi (Mẫu 04)"),
    ("major", "6.1", "Chưa nhận diện rủi ro, cơ hội của các quy trình giải quyết TTHC"),
    ("minor", "7.5.3", "Danh mục tài liệu nội bộ chưa cập nhật; còn dùng biểu mẫu của phiên bản 2008"),
    ("minor", "9.1.2", "Chưa khảo sát sự hài lòng của tổ chức, công dân"),
    ("minor", "6.2", "Mục tiêu chất lượng năm 2020 chưa đo lường được"),
    ("minor", "7.2", "Chưa lưu hồ sơ đào tạo, đánh giá năng lực của công chức mới"),
    ("observation", "9.1.3", "Kết quả giải quyết TTHC chưa được phân tích để cải tiến"),
    ("improvement", "7.1.6", "Nên xây dựng cơ sở dữ liệu tình huống thường gặp dùng chung"),
]
AUDITORS = ["Nguyễn Thị Hương", "Trần Văn Minh", "Phạm Thu Trang", "Lê Quang Huy", "Đỗ Thị Hoa",
            "Vũ Văn Thành", "Bùi Thị Lan", "Hoàng Minh Tuấn"]
START = datetime.date(2020, 6, 1)
AS_OF = datetime.date(2020, 9, 30)


def slug(text):
    out = []
    for ch in text.lower():
        ch = SLUG.get(ch, ch)
        out.append(ch if ch.isascii() and ch.isalnum() else "-")
    return "-".join(p for p in "".join(out).split("-") if p)


def agencies(n, rng):
    """(id, name, level) for n agencies: a province's departments, then its districts and
    communes, province after province (numbered once the list of names runs out)."""
    out = []
    p = 0
    while len(out) < n:
        prov = PROVINCES[p % len(PROVINCES)] + ("" if p < len(PROVINCES) else " %d" % (p // len(PROVINCES)))
        pslug = slug(prov)
        for d in DEPARTMENTS:
            out.append(("%s-%s" % (pslug, slug(d)), "%s tỉnh %s" % (d, prov), "province"))
        for k in range(10):
            dname = "huyện %s" % PLACES[(p + k) % len(PLACES)]
            out.append(("%s-ubnd-%s-%d" % (pslug, slug(dname), k), "UBND %s" % dname, "district"))
            for c in range(14):
                cname = "xã %s" % PLACES[(p * 7 + k * 3 + c) % len(PLACES)]
                out.append(("%s-ubnd-%s-%d-%d" % (pslug, slug(cname), k, c),
                            "UBND %s (%s)" % (cname, dname), "commune"))
        p += 1
    return out[:n]


def tracker(aid, name, level, rng):
    lines = ["# Theo dõi chuyển đổi HTQLCL - %s" % name, "agency:", "  id: %s" % aid,
             "  name: %s" % name, "  level: %s" % level]
    # how far it got by 2020-09-30: most announced
    r = rng.below(100)
    done = 9 if r < 55 else 8 if r < 70 else rng.randint(0, 7)
    if done == 0 and rng.chance(0.5):
        return "\n".join(lines) + "\n"
    lines.append("migration:")
    lines.append("  from: {standard: ISO 9001:2008, announced: 201%d-%02d-%02d, decision: %d/QĐ-UBND}"
                 % (rng.randint(3, 9), rng.randint(1, 12), rng.randint(1, 28), rng.randint(10, 999)))
    if rng.chance(0.1):
        lines.append("  deadline: 2020-%s" % rng.choice(["08-31", "10-31", "12-31"]))
    day = START + datetime.timedelta(days=rng.randint(0, 30))
    dates = []
    lines.append("  stages:")
    for i in range(done):
        if i:
            day += datetime.timedelta(days=rng.randint(1, 12))
        if day > AS_OF:
            day = AS_OF
        dates.append(day)
        ev = ", evidence: Kế hoạch %d/KH-UBND" % rng.randint(1, 300) if i == 0 else ""
        lines.append("    - {stage: %s, done: %s%s}" % (STAGES[i], day.isoformat(), ev))
    if done < 6:
        return "\n".join(lines) + "\n"
    audit_day = dates[5]
    announced = dates[7] if done > 7 else None
    lines += ["audits:", "  - id: DGNB-2020-01", "    kind: internal", "    standard: ISO 9001:2015",
              "    date: %s" % audit_day.isoformat(),
              "    auditors: [%s, %s]" % (rng.choice(AUDITORS), rng.choice(AUDITORS)), "    findings:"]
    for k in range(rng.randint(1, 5)):
        grade, clause, text = rng.choice(FINDINGS)
        lines += ["      - id: NC-%02d" % (k + 1), "        grade: %s" % grade,
                  "        clause: %s" % clause, "        text: %s" % text]
        if grade in ("major", "minor"):
            due = audit_day + datetime.timedelta(days=rng.randint(7, 30))
            lines += ["        owner: Văn phòng", "        due: %s" % due.isoformat()]
            closed = None
            if announced and grade == "major":
                closed = audit_day + datetime.timedelta(days=rng.below((announced - audit_day).days + 1))
            elif rng.chance(0.6):
                closed = audit_day + datetime.timedelta(days=rng.randint(1, 25))
            if closed and closed <= AS_OF:
                lines.append("        closed: %s" % closed.isoformat())
                verified = closed + datetime.timedelta(days=rng.randint(1, 15))
                if verified <= AS_OF and rng.chance(0.7):
                    lines.append("        verified: %s" % verified.isoformat())
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=11000)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--force", action="store_true", help="replace OUTDIR when it exists")
    ap.add_argument("outdir")
    a = ap.parse_args()
    if a.n < 1:
        ap.error("-n must be at least 1")
    if os.path.exists(a.outdir):
        if not a.force:
            ap.error("%s exists; use --force to replace it" % a.outdir)
        shutil.rmtree(a.outdir)
    os.makedirs(os.path.join(a.outdir, "audits"))
    with open(os.path.join(a.outdir, "qms.yaml"), "w", encoding="utf-8") as f:
        f.write("workspace:\n  name: Việt Nam (số liệu giả lập)\n  lang: vi\n"
                "  migration: {from: ISO 9001:2008, to: ISO 9001:2015, deadline: 2020-09-30}\n")
    rng = Rng(a.seed)
    total = 0
    for aid, name, level in agencies(a.n, rng):
        text = tracker(aid, name, level, rng)
        total += len(text.encode())
        with open(os.path.join(a.outdir, "audits", aid + ".yaml"), "w", encoding="utf-8") as f:
            f.write(text)
    print("%d trackers, %d bytes" % (a.n, total))
    return 0


if __name__ == "__main__":
    sys.exit(main())

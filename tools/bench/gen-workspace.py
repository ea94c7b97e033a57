#!/usr/bin/env python3
"""Generate a deterministic synthetic qms workspace for benchmarks.

Usage: gen-workspace.py [-n N] [--seed S] [--agencies A] [--bad-rate R] [--force] OUTDIR

Writes OUTDIR/qms.yaml, OUTDIR/audits/<agency>.yaml (one per agency),
OUTDIR/processes/<agency>/<CODE>.yaml (N procedures spread over the agencies) and
OUTDIR/calendar/<year>.yaml (the working-day calendars of the example workspace),
in the formats of design.md section 3. The same arguments always give the same
bytes: the generator uses its own PRNG (splitmix64), never `random`, whose
algorithms may change between Python versions.

Procedures are valid (every file passes `qms check` when --bad-rate is 0):
only the keys of design.md 3.2 (plus the step key `note`), every lane and form
used, one start, one end, every step reachable and reaching the end, decisions
with two distinct `when`, rework loops that go back to an earlier step, and a
time limit whose committed figure (in working days) covers the critical path
(1 working day = 8 hours, loops excluded; in fact it also covers one pass
through any rework loop) and is at most 60% of the statutory figure; 40% of
the statutory figures are in calendar days, long enough for the committed
working days to hold in any week and across the days off of the calendars.

--bad-rate R puts one deliberate error in round(N*R) procedures picked at random:
an unknown step key, an unknown process key, or a `next` naming no step.

Standard library only.
"""

import argparse
import datetime
import os
import re
import shutil
import sys
import unicodedata

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

    def sample(self, seq, k):
        pool = list(seq)
        out = []
        for _ in range(min(k, len(pool))):
            out.append(pool.pop(self.below(len(pool))))
        return out


# --------------------------------------------------------------------------
# YAML scalars

_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = set(",[]{}")
_RESERVED = {
    "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False",
    "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off",
    "Off", "OFF", "y", "Y", "n", "N",
}
_NUMBERISH = re.compile(r"^[-+]?(\.?[0-9][0-9_.,:eE+-]*|\.inf|\.nan)$", re.I)
_DATEISH = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


def scalar(text, flow=False):
    """A string as a YAML scalar: plain when that reads back as the same string."""
    s = str(text)
    quote = (
        s == ""
        or s[0] in _PLAIN_UNSAFE_START
        or s[0].isspace()
        or s[-1].isspace()
        or ": " in s
        or " #" in s
        or s.endswith(":")
        or "\t" in s
        or "\n" in s
        or s in _RESERVED
        or _NUMBERISH.match(s) is not None
        or _DATEISH.match(s) is not None
        or (flow and any(c in _FLOW_UNSAFE for c in s))
    )
    if not quote:
        return s
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + s.replace("\n", "\\n") + '"'


def flow_map(pairs):
    """pairs: list of (key, value); value is a str (scalar) or a list of str."""
    parts = []
    for key, value in pairs:
        if isinstance(value, list):
            parts.append("%s: [%s]" % (key, ", ".join(scalar(v, True) for v in value)))
        else:
            parts.append("%s: %s" % (key, scalar(value, True)))
    return "{" + ", ".join(parts) + "}"


def ascii_fold(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def initials(text):
    return "".join(w[0] for w in ascii_fold(text).upper().split() if w[0].isalnum())


# --------------------------------------------------------------------------
# Vocabulary

PROVINCE = "Thái Bình"

# (name, code prefix, domain)
DEPARTMENTS = [
    ("Sở Tư pháp", "STP", "tuphap"),
    ("Sở Kế hoạch và Đầu tư", "SKHDT", "khdt"),
    ("Sở Xây dựng", "SXD", "xaydung"),
    ("Sở Tài nguyên và Môi trường", "STNMT", "tnmt"),
    ("Sở Giao thông vận tải", "SGTVT", "gtvt"),
    ("Sở Công Thương", "SCT", "congthuong"),
    ("Sở Y tế", "SYT", "yte"),
    ("Sở Giáo dục và Đào tạo", "SGDDT", "giaoduc"),
    ("Sở Lao động - Thương binh và Xã hội", "SLDTBXH", "laodong"),
    ("Sở Nội vụ", "SNV", "noivu"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "vanhoa"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "SNNPTNT", "nongnghiep"),
    ("Sở Khoa học và Công nghệ", "SKHCN", "khcn"),
    ("Sở Thông tin và Truyền thông", "STTTT", "tttt"),
    ("Sở Tài chính", "STC", "taichinh"),
    ("Sở Ngoại vụ", "SNGV", "noivu"),
    ("Thanh tra tỉnh", "TTT", "thanhtra"),
    ("Ban Quản lý các khu công nghiệp", "BQLKCN", "khdt"),
    ("Văn phòng UBND tỉnh", "VPUBND", "thanhtra"),
]

DISTRICTS = [
    ("huyện Hưng Hà", "HH"), ("huyện Quỳnh Phụ", "QP"), ("huyện Đông Hưng", "DH"),
    ("huyện Thái Thụy", "TTY"), ("huyện Tiền Hải", "TH"), ("huyện Kiến Xương", "KX"),
    ("huyện Vũ Thư", "VT"), ("thành phố Thái Bình", "TPTB"),
]

COMMUNES = [
    "Đông Hòa", "Đông Mỹ", "Đông Thọ", "Vũ Chính", "Vũ Phúc", "Vũ Lạc", "Vũ Đông",
    "Phú Xuân", "Tân Bình", "Đông Xuân", "Đông Phương", "Đông Hợp", "Đông Quang",
    "Đông La", "Mê Linh", "Hồng Giang", "Liên Giang", "Minh Tân", "Nguyên Xá",
    "Phong Châu", "Thái Hưng", "Thái Phương", "Thống Nhất", "Tân Lễ", "Canh Tân",
    "Cộng Hòa", "Hòa Tiến", "Minh Khai", "Văn Lang", "Kim Trung", "Quỳnh Hải",
    "Quỳnh Hội", "Quỳnh Hồng", "Quỳnh Minh", "Quỳnh Ngọc", "An Bài", "An Đồng",
    "An Khê", "An Thanh", "An Vinh", "Thụy Hà", "Thụy Liên", "Thụy Dân", "Thụy Trình",
    "Thụy Xuân", "Thái Đô", "Thái Nguyên", "Thái Thượng", "Tây Giang", "Tây Lương",
    "Tây Ninh", "Nam Cường", "Nam Hải", "Nam Thịnh", "Đông Trà", "Đông Minh", "Vũ An",
    "Vũ Bình", "Vũ Lễ", "Vũ Quý", "Vũ Trung", "Bình Định", "Quang Bình", "Thanh Tân",
    "Trà Giang", "Việt Hùng", "Song An", "Tự Tân", "Hòa Bình", "Minh Quang",
    "Tam Quang", "Việt Thuận", "Xuân Hòa", "Hồng Lĩnh", "Duyên Hải", "Tân Hòa",
    "Bách Thuận", "Nguyên Xá Bắc", "Đình Phùng", "Quốc Tuấn",
]

# Objects of "Cấp / Cấp lại / Gia hạn ..." and full titles, per domain.
# (object or title, result, owner section)
PERMITS = {
    "tuphap": ["Phiếu lý lịch tư pháp", "chứng chỉ hành nghề luật sư",
               "giấy đăng ký hoạt động của Văn phòng công chứng", "thẻ công chứng viên",
               "giấy đăng ký hoạt động của tổ chức hành nghề luật sư", "thẻ đấu giá viên",
               "thẻ giám định viên tư pháp"],
    "khdt": ["giấy chứng nhận đăng ký doanh nghiệp", "giấy chứng nhận đăng ký đầu tư",
             "giấy chứng nhận đăng ký hoạt động chi nhánh", "giấy chứng nhận đăng ký hợp tác xã",
             "giấy chứng nhận đăng ký địa điểm kinh doanh"],
    "xaydung": ["giấy phép xây dựng công trình cấp III", "chứng chỉ hành nghề hoạt động xây dựng hạng II",
                "chứng chỉ năng lực hoạt động xây dựng", "giấy phép xây dựng có thời hạn",
                "giấy phép di dời công trình"],
    "tnmt": ["giấy chứng nhận quyền sử dụng đất", "giấy phép khai thác nước dưới đất",
             "giấy phép xả nước thải vào nguồn nước", "giấy phép môi trường",
             "giấy phép khai thác khoáng sản làm vật liệu xây dựng thông thường"],
    "gtvt": ["giấy phép lái xe", "giấy phép kinh doanh vận tải bằng xe ô tô",
             "phù hiệu xe taxi", "giấy phép thi công công trình trên đường bộ đang khai thác",
             "giấy chứng nhận đăng ký phương tiện thủy nội địa"],
    "congthuong": ["giấy phép kinh doanh bán buôn sản phẩm rượu", "giấy chứng nhận đủ điều kiện kinh doanh xăng dầu",
                   "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "giấy phép sử dụng vật liệu nổ công nghiệp",
                   "giấy phép kinh doanh sản phẩm thuốc lá"],
    "yte": ["chứng chỉ hành nghề khám bệnh, chữa bệnh", "giấy phép hoạt động phòng khám đa khoa",
            "chứng chỉ hành nghề dược", "giấy chứng nhận đủ điều kiện kinh doanh dược",
            "giấy xác nhận nội dung quảng cáo thực phẩm"],
    "giaoduc": ["giấy phép hoạt động giáo dục của trung tâm ngoại ngữ, tin học",
                "bản sao văn bằng, chứng chỉ từ sổ gốc", "giấy phép tổ chức hoạt động dạy thêm, học thêm",
                "giấy chứng nhận kiểm định chất lượng giáo dục"],
    "laodong": ["giấy phép lao động cho người lao động nước ngoài", "giấy phép hoạt động dịch vụ việc làm",
                "giấy phép hoạt động cho thuê lại lao động", "giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp"],
    "noivu": ["giấy phép thành lập hội", "quyết định công nhận ban vận động thành lập hội",
              "văn bản chấp thuận tổ chức hội nghị, hội thảo quốc tế", "giấy chứng nhận đăng ký hoạt động tôn giáo"],
    "vanhoa": ["giấy phép tổ chức biểu diễn nghệ thuật", "giấy chứng nhận đủ điều kiện kinh doanh dịch vụ karaoke",
               "giấy phép kinh doanh dịch vụ lữ hành nội địa", "thẻ hướng dẫn viên du lịch",
               "giấy phép tổ chức triển lãm"],
    "nongnghiep": ["giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm nông lâm thủy sản",
                   "giấy phép vận chuyển thuốc bảo vệ thực vật", "giấy chứng nhận đủ điều kiện buôn bán phân bón",
                   "giấy phép khai thác thủy sản", "giấy chứng nhận kiểm dịch động vật"],
    "khcn": ["giấy chứng nhận đăng ký hoạt động khoa học và công nghệ", "giấy phép tiến hành công việc bức xạ",
             "chứng chỉ nhân viên bức xạ", "giấy chứng nhận doanh nghiệp khoa học và công nghệ"],
    "tttt": ["giấy phép hoạt động in", "giấy phép xuất bản bản tin", "giấy phép thiết lập trang thông tin điện tử tổng hợp",
             "giấy xác nhận đăng ký hoạt động phát hành xuất bản phẩm"],
    "taichinh": ["mã số đơn vị có quan hệ với ngân sách", "quyết định phê duyệt giá tài sản nhà nước",
                 "văn bản thẩm định quyết toán dự án hoàn thành"],
    "thanhtra": ["văn bản trả lời đơn kiến nghị, phản ánh", "quyết định giải quyết khiếu nại lần hai",
                 "kết luận nội dung tố cáo"],
    "district": ["giấy chứng nhận đăng ký hộ kinh doanh", "giấy phép xây dựng nhà ở riêng lẻ",
                 "giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở", "giấy phép kinh doanh bán lẻ sản phẩm rượu",
                 "giấy chứng nhận đủ điều kiện an toàn thực phẩm", "giấy phép bán lẻ sản phẩm thuốc lá"],
}

TITLES = {
    "district": [
        ("Đăng ký kết hôn có yếu tố nước ngoài", "Giấy chứng nhận kết hôn"),
        ("Đăng ký khai sinh có yếu tố nước ngoài", "Giấy khai sinh"),
        ("Thay đổi, cải chính, bổ sung thông tin hộ tịch cho người từ đủ 14 tuổi trở lên", "Trích lục thay đổi hộ tịch"),
        ("Chứng thực bản sao từ bản chính giấy tờ, văn bản bằng tiếng nước ngoài", "Bản sao được chứng thực"),
        ("Công nhận trường mầm non đạt chuẩn quốc gia", "Quyết định công nhận"),
        ("Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch UBND cấp huyện", "Quyết định giải quyết tranh chấp"),
        ("Thành lập nhóm trẻ, lớp mẫu giáo độc lập", "Quyết định cho phép thành lập"),
        ("Đăng ký thành lập hộ kinh doanh", "Giấy chứng nhận đăng ký hộ kinh doanh"),
        ("Thu hồi đất do người sử dụng đất tự nguyện trả lại", "Quyết định thu hồi đất"),
        ("Hỗ trợ người có công với cách mạng cải thiện nhà ở", "Quyết định hỗ trợ"),
    ],
    "commune": [
        ("Đăng ký khai sinh", "Giấy khai sinh"),
        ("Đăng ký kết hôn", "Giấy chứng nhận kết hôn"),
        ("Đăng ký khai tử", "Trích lục khai tử"),
        ("Đăng ký nhận cha, mẹ, con", "Trích lục đăng ký nhận cha, mẹ, con"),
        ("Đăng ký giám hộ", "Trích lục đăng ký giám hộ"),
        ("Cấp bản sao trích lục hộ tịch", "Bản sao trích lục hộ tịch"),
        ("Cấp giấy xác nhận tình trạng hôn nhân", "Giấy xác nhận tình trạng hôn nhân"),
        ("Chứng thực chữ ký trong các giấy tờ, văn bản", "Giấy tờ, văn bản được chứng thực chữ ký"),
        ("Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", "Hợp đồng được chứng thực"),
        ("Xác nhận hộ gia đình làm nông nghiệp có mức sống trung bình", "Giấy xác nhận"),
        ("Xét tặng danh hiệu gia đình văn hóa hằng năm", "Quyết định công nhận"),
        ("Hòa giải tranh chấp đất đai", "Biên bản hòa giải"),
        ("Đăng ký kết hôn lưu động", "Giấy chứng nhận kết hôn"),
        ("Liên thông thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi",
         "Giấy khai sinh, thẻ bảo hiểm y tế"),
        ("Xét, công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm", "Giấy chứng nhận hộ nghèo, hộ cận nghèo"),
        ("Thực hiện trợ cấp xã hội hằng tháng đối với người cao tuổi", "Quyết định trợ cấp xã hội"),
        ("Đăng ký hoạt động tín ngưỡng", "Văn bản chấp thuận"),
        ("Đăng ký lại khai sinh", "Giấy khai sinh"),
        ("Đăng ký chấm dứt giám hộ", "Trích lục chấm dứt giám hộ"),
        ("Cấp giấy phép xây dựng nhà ở riêng lẻ tại nông thôn", "Giấy phép xây dựng"),
    ],
}

PERMIT_ACTIONS = ["Cấp", "Cấp", "Cấp lại", "Cấp đổi", "Gia hạn", "Điều chỉnh nội dung"]
QUALIFIERS = ["", "", "", " đối với tổ chức", " đối với cá nhân", " (trường hợp bị mất, hư hỏng)",
              " cho công dân Việt Nam", " theo hình thức trực tuyến toàn trình", " (cấp tỉnh)"]

SECTIONS = {
    "tuphap": ["Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp", "Phòng Xây dựng và kiểm tra văn bản"],
    "khdt": ["Phòng Đăng ký kinh doanh", "Phòng Kinh tế đối ngoại", "Phòng Thẩm định dự án"],
    "xaydung": ["Phòng Quản lý hoạt động xây dựng", "Phòng Quy hoạch - Kiến trúc", "Phòng Kinh tế và Vật liệu xây dựng"],
    "tnmt": ["Phòng Quản lý đất đai", "Chi cục Bảo vệ môi trường", "Phòng Tài nguyên nước và Khoáng sản"],
    "gtvt": ["Phòng Quản lý vận tải, phương tiện và người lái", "Phòng Quản lý kết cấu hạ tầng giao thông"],
    "congthuong": ["Phòng Quản lý thương mại", "Phòng Kỹ thuật an toàn - Môi trường", "Phòng Quản lý công nghiệp"],
    "yte": ["Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Chi cục An toàn vệ sinh thực phẩm"],
    "giaoduc": ["Phòng Giáo dục thường xuyên - Chuyên nghiệp", "Phòng Khảo thí và Kiểm định chất lượng"],
    "laodong": ["Phòng Việc làm - An toàn lao động", "Phòng Giáo dục nghề nghiệp", "Phòng Người có công"],
    "noivu": ["Phòng Tổ chức, biên chế và Tổ chức phi chính phủ", "Ban Tôn giáo", "Phòng Lãnh sự và Người Việt Nam ở nước ngoài"],
    "vanhoa": ["Phòng Quản lý văn hóa", "Phòng Quản lý du lịch", "Phòng Quản lý thể dục thể thao"],
    "nongnghiep": ["Chi cục Trồng trọt và Bảo vệ thực vật", "Chi cục Chăn nuôi và Thú y", "Chi cục Thủy sản"],
    "khcn": ["Phòng Quản lý công nghệ và Thị trường công nghệ", "Chi cục Tiêu chuẩn Đo lường Chất lượng"],
    "tttt": ["Phòng Thông tin - Báo chí - Xuất bản", "Phòng Công nghệ thông tin"],
    "taichinh": ["Phòng Quản lý giá và Công sản", "Phòng Tài chính đầu tư", "Phòng Quản lý ngân sách"],
    "thanhtra": ["Phòng Tiếp công dân và Xử lý đơn thư", "Phòng Thanh tra giải quyết khiếu nại, tố cáo"],
    "district": ["Phòng Tư pháp", "Phòng Tài nguyên và Môi trường", "Phòng Kinh tế và Hạ tầng",
                 "Phòng Tài chính - Kế hoạch", "Phòng Giáo dục và Đào tạo", "Phòng Lao động - Thương binh và Xã hội",
                 "Phòng Văn hóa và Thông tin", "Phòng Nội vụ"],
    "commune": ["Công chức Tư pháp - Hộ tịch", "Công chức Địa chính - Xây dựng", "Công chức Văn hóa - Xã hội"],
}

LAWS = {
    "tuphap": ["Luật Lý lịch tư pháp 2009", "Luật Luật sư 2006 (sửa đổi 2012)", "Luật Công chứng 2014",
               "Luật Đấu giá tài sản 2016", "Luật Giám định tư pháp 2012"],
    "khdt": ["Luật Doanh nghiệp 2020", "Luật Đầu tư 2020", "Nghị định 01/2021/NĐ-CP", "Luật Hợp tác xã 2012"],
    "xaydung": ["Luật Xây dựng 2014", "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng 2020",
                "Nghị định 15/2021/NĐ-CP"],
    "tnmt": ["Luật Đất đai 2013", "Luật Bảo vệ môi trường 2020", "Luật Tài nguyên nước 2012",
             "Luật Khoáng sản 2010", "Nghị định 43/2014/NĐ-CP"],
    "gtvt": ["Luật Giao thông đường bộ 2008", "Nghị định 10/2020/NĐ-CP", "Thông tư 12/2017/TT-BGTVT"],
    "congthuong": ["Luật Thương mại 2005", "Nghị định 105/2017/NĐ-CP", "Nghị định 83/2014/NĐ-CP",
                   "Luật An toàn thực phẩm 2010"],
    "yte": ["Luật Khám bệnh, chữa bệnh 2009", "Luật Dược 2016", "Nghị định 109/2016/NĐ-CP"],
    "giaoduc": ["Luật Giáo dục 2019", "Thông tư 17/2012/TT-BGDĐT", "Nghị định 46/2017/NĐ-CP"],
    "laodong": ["Bộ luật Lao động 2019", "Luật Việc làm 2013", "Nghị định 152/2020/NĐ-CP"],
    "noivu": ["Nghị định 45/2010/NĐ-CP", "Luật Tín ngưỡng, tôn giáo 2016", "Nghị định 162/2017/NĐ-CP"],
    "vanhoa": ["Luật Du lịch 2017", "Nghị định 144/2020/NĐ-CP", "Nghị định 54/2019/NĐ-CP"],
    "nongnghiep": ["Luật Trồng trọt 2018", "Luật Chăn nuôi 2018", "Luật Thủy sản 2017", "Luật Thú y 2015"],
    "khcn": ["Luật Khoa học và Công nghệ 2013", "Luật Năng lượng nguyên tử 2008", "Nghị định 08/2014/NĐ-CP"],
    "tttt": ["Luật Xuất bản 2012", "Luật Báo chí 2016", "Nghị định 72/2013/NĐ-CP"],
    "taichinh": ["Luật Ngân sách nhà nước 2015", "Luật Quản lý, sử dụng tài sản công 2017", "Luật Giá 2012"],
    "thanhtra": ["Luật Khiếu nại 2011", "Luật Tố cáo 2018", "Luật Tiếp công dân 2013"],
    "district": ["Luật Hộ tịch 2014", "Luật Đất đai 2013", "Nghị định 23/2015/NĐ-CP", "Nghị định 01/2021/NĐ-CP",
                 "Luật Xây dựng 2014"],
    "commune": ["Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP", "Nghị định 23/2015/NĐ-CP",
                "Thông tư 04/2020/TT-BTP", "Luật Người cao tuổi 2009"],
}
GENERAL_LAWS = ["Nghị định 61/2018/NĐ-CP", "Thông tư 01/2018/TT-VPCP", "Quyết định 19/2014/QĐ-TTg",
                "Quyết định 101/QĐ-BKHCN", "TCVN ISO 9001:2015", "Nghị định 63/2010/NĐ-CP"]

CLAUSES = ["7.5.3", "8.1", "8.2.1", "8.2.2", "8.2.3", "8.5.1", "8.5.2", "8.5.3", "8.5.4", "8.5.6",
           "8.6", "8.7", "9.1.2", "9.1.3"]

FEES = ["Không", "Miễn phí", "50.000 đồng", "100.000 đồng", "200.000 đồng", "200.000 đồng/hồ sơ",
        "500.000 đồng", "1.000.000 đồng", "30.000 đồng/lần"]

# durations in half hours, text as a person writes it
DURATIONS = {
    "tn": [(1, "0,5 giờ làm việc"), (2, "1 giờ"), (8, "4 hours"), (4, "2 h"), (16, "1 ngày làm việc"),
           (1, "0.5 hours"), (2, "1 hour"), (8, "4 giờ làm việc")],
    "cv": [(16, "1 ngày làm việc"), (32, "2 working days"), (48, "3 ngày làm việc"), (24, "1,5 ngày làm việc"),
           (8, "4 giờ làm việc"), (8, "0.5 wd"), (16, "1 working day"), (80, "5 ngày làm việc"),
           (16, "8 giờ"), (16, "1 wd"), (32, "2 ngày làm việc"), (64, "4 working days"), (16, "1 working day"), (12, "6 h")],
    "tp": [(2, "1 giờ làm việc"), (8, "4 hours"), (16, "1 ngày làm việc"), (8, "0,5 ngày làm việc"),
           (4, "2 giờ")],
    "ld": [(16, "1 ngày làm việc"), (8, "4 hours"), (16, "1 working day"), (32, "2 ngày làm việc"),
           (8, "0,5 ngày làm việc")],
    "vt": [(2, "1 giờ"), (4, "2 giờ làm việc"), (8, "0,5 ngày làm việc"), (1, "0,5 giờ")],
    "ph": [(48, "3 working days"), (80, "5 ngày làm việc"), (32, "2 ngày làm việc"), (112, "7 working days"),
           (40, "2,5 ngày làm việc")],
}

CV_TASKS = [
    ("Thẩm định hồ sơ", "tham-dinh"),
    ("Kiểm tra, xác minh nội dung hồ sơ", "xac-minh"),
    ("Tra cứu thông tin trên cơ sở dữ liệu chuyên ngành", "tra-cuu"),
    ("Kiểm tra thực tế tại địa điểm đề nghị", "kiem-tra-thuc-te"),
    ("Dự thảo kết quả giải quyết", "du-thao"),
    ("Lập tờ trình, dự thảo quyết định", "to-trinh"),
    ("Tổng hợp, báo cáo kết quả thẩm định", "bao-cao"),
    ("Đối chiếu thông tin với hồ sơ lưu trữ", "doi-chieu"),
    ("Hoàn thiện hồ sơ, trình ký", "hoan-thien"),
    ("Lập biên bản kiểm tra", "bien-ban"),
    ("Cập nhật cơ sở dữ liệu và phần mềm một cửa", "cap-nhat"),
    ("Xin ý kiến chuyên gia về nội dung chuyên môn", "y-kien-chuyen-gia"),
    ("Thông báo nộp phí, lệ phí", "thu-phi"),
    ("In kết quả, kiểm tra thông tin trên bản in", "in-ket-qua"),
    ("Niêm yết công khai tại trụ sở", "niem-yet"),
]
TP_TASKS = [
    ("Xem xét, kiểm tra dự thảo", "xem-xet"),
    ("Ký nháy dự thảo văn bản, trình lãnh đạo", "ky-nhay"),
    ("Cho ý kiến về kết quả thẩm định", "cho-y-kien"),
]
PH_TASKS = [
    ("Lấy ý kiến Công an tỉnh", "y-kien-cong-an"),
    ("Xin ý kiến Sở Tài chính", "y-kien-tai-chinh"),
    ("Xác minh thông tin tại UBND cấp xã", "xac-minh-xa"),
    ("Lấy ý kiến Sở Xây dựng", "y-kien-xay-dung"),
    ("Kiểm tra hiện trạng cùng phòng chuyên môn", "kiem-tra-hien-trang"),
    ("Tra cứu, cung cấp thông tin của cơ quan thuế", "y-kien-thue"),
    ("Lấy ý kiến Sở Tài nguyên và Môi trường", "y-kien-tnmt"),
    ("Rà soát quy hoạch, kế hoạch sử dụng đất", "ra-soat-quy-hoach"),
]
NOTES = [
    "Thời gian tính từ khi nhận đủ hồ sơ hợp lệ",
    "Trường hợp hồ sơ nộp trực tuyến, tiếp nhận trên Cổng dịch vụ công của tỉnh",
    "Kết quả được cập nhật trên phần mềm một cửa điện tử",
    "Nếu quá hạn, gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)",
    "Ghi đầy đủ thông tin vào Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "Hồ sơ giấy được scan và lưu trữ điện tử theo quy định",
    "Trường hợp cần thiết, mời tổ chức, cá nhân đến làm rõ nội dung",
    "Phối hợp qua hệ thống quản lý văn bản và điều hành",
]
RISKS = [
    ("Hồ sơ quá hạn do chờ kết quả xác minh", "Theo dõi hạn xử lý trên phần mềm một cửa"),
    ("Thành phần hồ sơ không đầy đủ khi tiếp nhận", "Hướng dẫn một lần, đầy đủ bằng Phiếu yêu cầu bổ sung"),
    ("Cơ quan phối hợp trả lời chậm", "Đôn đốc bằng văn bản và qua điện thoại"),
    ("Sai sót thông tin trên kết quả giải quyết", "Kiểm tra chéo trước khi trình ký"),
    ("Thất lạc hồ sơ trong quá trình luân chuyển", "Ký nhận trên Phiếu kiểm soát quá trình"),
    ("Thay đổi văn bản quy phạm pháp luật", "Rà soát, cập nhật quy trình định kỳ 6 tháng"),
]
INDICATORS = [
    ("Tỷ lệ hồ sơ giải quyết đúng hạn", ">= 98%"),
    ("Tỷ lệ hồ sơ trả lại do sai sót", "<= 1%"),
    ("Mức độ hài lòng của tổ chức, cá nhân", ">= 95%"),
    ("Tỷ lệ hồ sơ tiếp nhận trực tuyến", ">= 30%"),
    ("Số hồ sơ quá hạn trong kỳ", "0"),
]
FORMS = {
    "BM01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "BM02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "BM03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "BM04": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "BM05": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "BM06": "Sổ theo dõi hồ sơ",
    "BM07": "Biên bản kiểm tra thực tế",
    "BM08": "Tờ trình đề nghị giải quyết hồ sơ",
}


# --------------------------------------------------------------------------
# Agencies

class Agency:
    def __init__(self, ident, name, level, prefix, domain, short):
        self.id = ident
        self.name = name
        self.level = level
        self.prefix = prefix
        self.domain = domain
        self.short = short  # "Sở", "UBND huyện", "UBND xã"
        self.count = 0


def make_agencies(n):
    out = []
    seen_ids = set()
    seen_prefix = set()

    def add(ident, name, level, prefix, domain, short):
        base, k = ident, 2
        while ident in seen_ids:
            ident = "%s-%d" % (base, k)
            k += 1
        base, k = prefix, 2
        while prefix in seen_prefix:
            prefix = "%s%d" % (base, k)
            k += 1
        seen_ids.add(ident)
        seen_prefix.add(prefix)
        out.append(Agency(ident, name, level, prefix, domain, short))

    for name, prefix, domain in DEPARTMENTS:
        add(slug(name), "%s tỉnh %s" % (name, PROVINCE), "province", prefix, domain, "Sở")
    for name, prefix in DISTRICTS:
        add("ubnd-" + slug(name), "UBND %s" % name, "district", "UB" + prefix, "district", "UBND huyện")
    for name in COMMUNES:
        add("ubnd-xa-" + slug(name), "UBND xã %s" % name, "commune", "X" + initials(name), "commune",
            "UBND xã")
    if n <= len(out):
        return out[:n]
    k = 1
    while len(out) < n:  # more agencies than the lists hold: numbered communes
        add("ubnd-xa-so-%d" % k, "UBND xã số %d" % k, "commune", "XS%d" % k, "commune", "UBND xã")
        k += 1
    return out


# --------------------------------------------------------------------------
# A procedure

class Step:
    def __init__(self, ident, kind, lane, name, dur=None, forms=None, note=None):
        self.id = ident
        self.kind = kind
        self.lane = lane
        self.name = name
        self.dur = dur          # (half hours, text) or None
        self.forms = forms or []
        self.note = note
        self.next = None        # str or list
        self.branches = []      # [[when, next]]
        self.back = None        # id of the earlier step a rework goes back to
        self.keys = {}          # key renames, for deliberate errors


def lane_names(agency, owner):
    if agency.level == "province":
        tn = "Trung tâm Phục vụ hành chính công tỉnh"
        cv = "Chuyên viên %s" % owner
        tp = "Lãnh đạo %s" % owner
        ld = "Lãnh đạo %s" % agency.name.replace(" tỉnh %s" % PROVINCE, "")
        vt = "Văn thư %s" % agency.name.replace(" tỉnh %s" % PROVINCE, "")
        ph = "Các cơ quan, đơn vị phối hợp"
    elif agency.level == "district":
        tn = "Bộ phận Một cửa %s" % agency.name
        cv = "Chuyên viên %s" % owner
        tp = "Lãnh đạo %s" % owner
        ld = "Lãnh đạo %s" % agency.name
        vt = "Văn phòng HĐND và UBND"
        ph = "UBND cấp xã liên quan"
    else:
        tn = "Bộ phận Một cửa %s" % agency.name
        cv = owner
        tp = "Phó Chủ tịch %s" % agency.name
        ld = "Chủ tịch %s" % agency.name
        vt = "Văn phòng - Thống kê"
        ph = "Trưởng thôn và các ngành liên quan"
    return {"tn": tn, "cv": cv, "tp": tp, "ld": ld, "vt": vt, "ph": ph}


def build_flow(rng, total, lanes):
    """Steps of one procedure, in an order where every forward edge goes down the list."""
    steps = []
    ids = set()
    used_forms = []

    def new(kind, lane, name, idbase, dur=True, forms=None, note=None):
        ident, k = idbase, 2
        while ident in ids:
            ident = "%s-%d" % (idbase, k)
            k += 1
        ids.add(ident)
        if dur is True:
            dur = rng.choice(DURATIONS[lane]) if kind == "task" else None
        for f in forms or []:
            if f not in used_forms:
                used_forms.append(f)
        if note is None and kind == "task" and rng.chance(0.1):
            note = rng.choice(NOTES)
        s = Step(ident, kind, lane, name, dur, forms, note)
        steps.append(s)
        return s

    pending = []  # steps whose forward link is still open

    def link_to(step):
        for p in pending:
            if p.kind == "decision":
                p.branches[0][1] = step.id
            elif isinstance(p.next, list):
                p.next.append(step.id)
            else:
                p.next = step.id
        pending[:] = [step]

    has_tp = "tp" in lanes
    has_vt = "vt" in lanes
    has_par = "ph" in lanes or (total >= 14 and rng.chance(0.3))
    has_check = rng.chance(0.65)
    has_review = rng.chance(0.45)
    branch_lens = [rng.randint(1, 2) for _ in range(rng.randint(2, 3))]

    def fixed():
        return (6 + (1 if has_tp else 0) + (2 if has_check else 0) + (2 if has_review else 0)
                + ((2 + sum(branch_lens)) if has_par else 0))

    while total - fixed() < 1:
        if has_review:
            has_review = False
        elif has_check:
            has_check = False
        elif has_par and max(branch_lens) > 1:
            branch_lens = [1] * len(branch_lens)
        elif has_par and len(branch_lens) > 2:
            branch_lens = [1, 1]
        elif has_par and "ph" not in lanes:
            has_par = False
        else:
            raise AssertionError("step budget too small")
    filler = total - fixed()

    start = new("start", "tn", rng.choice([
        "Tổ chức, cá nhân nộp hồ sơ", "Công dân nộp hồ sơ", "Nộp hồ sơ trực tiếp hoặc trực tuyến",
        "Tổ chức, cá nhân nộp hồ sơ qua dịch vụ bưu chính công ích"]), "nop-ho-so", dur=None)
    pending.append(start)
    receive = new("task", "tn", "Tiếp nhận, kiểm tra tính đầy đủ của hồ sơ", "tiep-nhan", forms=["BM01"])
    link_to(receive)
    if has_check:
        dec = new("decision", "tn", "Hồ sơ đầy đủ, hợp lệ?", "kiem-tra-ho-so")
        dec.branches = [["Đủ", None], ["Thiếu", None]]
        link_to(dec)
        rework = new("task", "tn", "Hướng dẫn tổ chức, cá nhân bổ sung hồ sơ", "bo-sung", forms=["BM02"])
        dec.branches[1][1] = rework.id
        rework.next = receive.id
        rework.back = receive.id
    transfer = new("task", "tn", "Chuyển hồ sơ cho phòng chuyên môn xử lý", "chuyen-ho-so",
                   dur=rng.choice([(1, "0,5 giờ làm việc"), (1, "0.5 hours"), (2, "1 giờ làm việc")]),
                   forms=["BM05"])
    link_to(transfer)
    if has_tp:
        assign = new("task", "tp", "Phân công chuyên viên xử lý", "phan-cong",
                     dur=rng.choice([(1, "0,5 giờ làm việc"), (2, "1 giờ làm việc"), (2, "1 hour")]))
        link_to(assign)

    cv_pool = rng.sample(CV_TASKS, len(CV_TASKS))
    fillers = []
    for i in range(filler):
        lane = "tp" if has_tp and i > 0 and rng.chance(0.15) else "cv"
        if lane == "tp":
            name, base = rng.choice(TP_TASKS)
        else:
            name, base = cv_pool[i % len(cv_pool)]
        forms = []
        if base == "bien-ban" or base == "kiem-tra-thuc-te":
            forms = ["BM07"]
        elif base == "to-trinh":
            forms = ["BM08"]
        step = new("task", lane, name, base, forms=forms)
        link_to(step)
        fillers.append(step)
        if i == 0 and has_par:
            fork = new("task", "cv", "Gửi văn bản lấy ý kiến các cơ quan liên quan", "lay-y-kien",
                       dur=rng.choice(DURATIONS["tp"]))
            link_to(fork)
            fork.next = []
            ends = []
            par_lanes = (["ph"] if "ph" in lanes else []) + ["cv"] + (["tp"] if has_tp else [])
            ph_pool = rng.sample(PH_TASKS, len(PH_TASKS))
            k = 0
            for b, blen in enumerate(branch_lens):
                lane = par_lanes[b % len(par_lanes)]
                prev = fork
                for _ in range(blen):
                    name, base = ph_pool[k % len(ph_pool)]
                    k += 1
                    s = new("task", lane, name, base, dur=rng.choice(DURATIONS["ph" if lane == "ph" else lane]))
                    if prev is fork:
                        fork.next.append(s.id)
                    else:
                        prev.next = s.id
                    prev = s
                ends.append(prev)
            join = new("task", "cv", "Tổng hợp ý kiến của các cơ quan phối hợp", "tong-hop-y-kien")
            for e in ends:
                e.next = join.id
            pending[:] = [join]
    if has_review:
        before = pending[0]
        if has_tp:
            dec = new("decision", "tp", "Lãnh đạo phòng đồng ý với dự thảo?", "duyet-du-thao")
            dec.branches = [["Đồng ý", None], ["Không đồng ý", None]]
            link_to(dec)
            rework = new("task", "cv", "Chỉnh sửa, hoàn thiện dự thảo theo ý kiến chỉ đạo", "chinh-sua")
        else:
            dec = new("decision", "cv", "Hồ sơ đủ điều kiện giải quyết?", "du-dieu-kien")
            dec.branches = [["Đạt", None], ["Không đạt", None]]
            link_to(dec)
            rework = new("task", "cv", "Xác minh, làm rõ các nội dung còn thiếu", "lam-ro")
        dec.branches[1][1] = rework.id
        rework.next = before.id
        rework.back = before.id
    sign = new("task", "ld", rng.choice(["Ký duyệt kết quả giải quyết", "Xem xét, ký phê duyệt",
                                         "Ký quyết định", "Phê duyệt kết quả"]), "ky-duyet")
    link_to(sign)
    if has_vt:
        issue = new("task", "vt", "Vào sổ, đóng dấu, phát hành văn bản", "phat-hanh", forms=["BM06"])
    else:
        issue = new("task", "tn", "Nhận kết quả, vào sổ theo dõi", "nhan-ket-qua", forms=["BM06"])
    link_to(issue)
    end = new("end", "tn", rng.choice(["Trả kết quả cho tổ chức, cá nhân", "Trả kết quả",
                                       "Trả kết quả, thu phí, lệ phí (nếu có)"]), "tra-ket-qua", dur=None)
    link_to(end)
    assert len(steps) == total, (len(steps), total)
    return steps, used_forms


def critical_path(steps):
    """Half hours along the longest start-to-end path without back edges, and a bound
    that also allows one pass through any rework loop."""
    index = {s.id: i for i, s in enumerate(steps)}

    def succs(s):
        out = []
        if s.kind == "decision":
            out = [b[1] for b in s.branches]
        elif isinstance(s.next, list):
            out = list(s.next)
        elif s.next:
            out = [s.next]
        return [index[t] for t in out if index[t] > index[s.id]]

    n = len(steps)
    dur = [s.dur[0] if s.dur else 0 for s in steps]
    dist = [None] * n
    dist[0] = dur[0]
    for i in range(n):
        if dist[i] is None:
            continue
        for j in succs(steps[i]):
            if dist[j] is None or dist[j] < dist[i] + dur[j]:
                dist[j] = dist[i] + dur[j]
    rem = [None] * n
    for i in range(n - 1, -1, -1):
        nexts = [rem[j] for j in succs(steps[i]) if rem[j] is not None]
        if steps[i].kind == "end":
            rem[i] = dur[i]
        elif nexts:
            rem[i] = dur[i] + max(nexts)
    end = n - 1
    cp = dist[end]
    bound = cp
    for i, s in enumerate(steps):
        if s.back is not None:
            bound = max(bound, dist[i] + rem[index[s.back]])
    return cp, bound


def plural_days(n, vi):
    if vi:
        return "%d ngày làm việc" % n
    return "%d working day%s" % (n, "" if n == 1 else "s")


def plural_calendar_days(n, vi):
    if vi:
        return "%d ngày" % n
    return "%d day%s" % (n, "" if n == 1 else "s")


def longest_in_days(workdays):
    """Calendar days that `workdays` working days take at most, the day of
    receipt (Monday to Friday) not counted, in a week without days off."""
    worst = 0
    for start in range(5):
        day, left = start, workdays
        while left:
            day += 1
            if day % 7 < 5:
                left -= 1
        worst = max(worst, day - start)
    return worst


STATUTORY = [3, 5, 7, 10, 12, 15, 20, 25, 30, 35, 40, 45, 60, 90]


def make_procedure(rng, agency, number, tthc_serial, bad_kind):
    domain = agency.domain
    code = "%s-QT-%03d" % (agency.prefix, number)
    if domain in PERMITS and (domain not in TITLES or rng.chance(0.5)):
        obj = rng.choice(PERMITS[domain])
        action = rng.choice(PERMIT_ACTIONS)
        title = "%s %s%s" % (action, obj, rng.choice(QUALIFIERS))
        result = obj[0].upper() + obj[1:]
    else:
        title, result = rng.choice(TITLES[domain])
    title_lc = title[0].lower() + title[1:]
    owner = rng.choice(SECTIONS[domain])
    # 8..40 steps, skewed to the short procedures that most agencies write (mean 16)
    total = min(rng.randint(8, 40), rng.randint(8, 40), rng.randint(8, 40))
    nl = rng.randint(3, 5)
    extras = rng.sample(["tp", "vt", "ph"], nl - 3)
    if "ph" in extras and total < 13:  # too few steps for parallel work
        extras = ["tp", "vt"][:nl - 3]
    lanes = ["tn", "cv"] + [x for x in ["tp"] if x in extras] + ["ld"] + \
        [x for x in ["vt", "ph"] if x in extras]
    steps, used_forms = build_flow(rng, total, lanes)
    cp, bound = critical_path(steps)

    committed = max(1, -(-bound // 16)) + rng.randint(0, 2)
    need = -(-committed * 5 // 3)
    statutory = next((s for s in STATUTORY if s >= need), need + rng.randint(0, 10))
    if rng.chance(0.3) and statutory in STATUTORY and STATUTORY.index(statutory) + 1 < len(STATUTORY):
        statutory = STATUTORY[STATUTORY.index(statutory) + 1]
    assert committed * 16 >= cp and committed * 5 <= statutory * 3
    vi_days = rng.chance(0.5)
    # the law writes some limits in calendar days: then the committed
    # working days must take at most 60% of them in any week, and stay
    # within them across Tết and the other days off of the calendar
    calendar_statutory = rng.chance(0.4)
    if calendar_statutory:
        longest = longest_in_days(committed)
        statutory = max(-(-longest * 5 // 3), longest + 12)

    effective = datetime.date(2020, 1, 2) + datetime.timedelta(days=rng.below(545))
    clauses = sorted(rng.sample(CLAUSES, rng.randint(3, 6)), key=lambda c: [int(x) for x in c.split(".")])
    refs = rng.sample(LAWS[domain], rng.randint(1, 2)) + rng.sample(GENERAL_LAWS, rng.randint(0, 1))
    level_digit = {"province": 1, "district": 2, "commune": 3}[agency.level]
    lname = lane_names(agency, owner)

    process_keys = {"owner": "owner", "title": "title"}
    if bad_kind == 2:
        key, typo = rng.choice([("owner", "ower"), ("title", "titel"), ("owner", "onwer")])
        process_keys[key] = typo
    if bad_kind == 1:
        cands = [s for s in steps if s.kind == "task" and s.dur]
        rng.choice(cands).keys["duration"] = rng.choice(["duraton", "durations", "time"])
    if bad_kind == 3:
        cands = [s for s in steps if s.kind in ("task", "start") and isinstance(s.next, str)]
        victim = rng.choice(cands)
        victim.next = victim.next + "-cu"

    o = []
    w = o.append
    w("process:\n")
    w("  code: %s\n" % scalar(code))
    w("  %s: %s\n" % (process_keys["title"], scalar(title)))
    w("  agency: %s\n" % agency.id)
    w("  edition: %d\n" % rng.randint(1, 4))
    w("  effective: %s\n" % effective.isoformat())
    w("  standard: ISO 9001:2015\n")
    w("  %s: %s\n" % (process_keys["owner"], scalar(owner)))
    w("  purpose: %s\n" % scalar(
        "Giải quyết thủ tục %s đúng pháp luật, đúng hạn." % title_lc))
    w("  scope: %s\n" % scalar(
        "Tổ chức, cá nhân có nhu cầu; %s, %s." % (owner, agency.short)))
    w("  references: [%s]\n" % ", ".join(scalar(r, True) for r in refs))
    w("  clauses: [%s]\n" % ", ".join(clauses))
    fee = rng.choice(FEES)
    fee_map = flow_map([("amount" if fee[0].isdigit() else "exempt", fee)])
    tthc = flow_map([("id", "%d.%06d" % (level_digit, tthc_serial)), ("level", agency.level),
                     ("result", result)])
    w("  tthc: %s, fees: [%s]}\n" % (tthc[:-1], fee_map))
    stat_text = (plural_calendar_days if calendar_statutory else plural_days)(statutory, vi_days)
    w("  time_limit: %s\n" % flow_map([("statutory", stat_text),
                                        ("committed", plural_days(committed, vi_days))]))
    w("  lanes:\n")
    for lane in lanes:
        w("    - %s\n" % flow_map([("id", lane), ("name", lname[lane])]))
    w("  forms:\n")
    for f in sorted(used_forms):
        w("    - %s\n" % flow_map([("id", f), ("name", FORMS[f])]))
    w("  steps:\n")
    for s in steps:
        w(emit_step(s, rng))
    w("  records:\n")
    recs = ["Hồ sơ đề nghị", "Phiếu kiểm soát quá trình", "Sổ theo dõi hồ sơ", "Bản sao kết quả"]
    for r in rng.sample(recs, rng.randint(1, 2)):
        w("    - %s\n" % flow_map([("name", r), ("keeper", owner),
                                   ("retention", rng.choice(["5 years", "10 years", "20 years", "2 years"]))]))
    w("  risks:\n")
    for risk, action in rng.sample(RISKS, 1):
        w("    - %s\n" % flow_map([("risk", risk), ("action", action)]))
    w("  indicators:\n")
    for name, target in rng.sample(INDICATORS, rng.randint(1, 2)):
        w("    - %s\n" % flow_map([("name", name), ("target", target)]))
    return code, "".join(o)


def emit_step(s, rng):
    def key(k):
        return s.keys.get(k, k)

    pairs = [("id", s.id)]
    if s.kind != "task" or rng.chance(0.1):
        pairs.append(("kind", s.kind))
    pairs.append(("lane", s.lane))
    pairs.append(("name", s.name))
    if s.dur:
        pairs.append((key("duration"), s.dur[1]))
    if s.forms:
        pairs.append(("forms", s.forms))
    if s.kind != "decision" and s.next is not None:
        pairs.append(("next", s.next))
    if s.note:
        pairs.append(("note", s.note))
    if not s.branches:
        line = "    - " + flow_map(pairs) + "\n"
        if len(line) <= 170:
            return line
    lines = []
    for i, (k, v) in enumerate(pairs):
        lead = "    - " if i == 0 else "      "
        if isinstance(v, list):
            lines.append("%s%s: [%s]\n" % (lead, k, ", ".join(scalar(x, True) for x in v)))
        else:
            lines.append("%s%s: %s\n" % (lead, k, scalar(v)))
    if s.branches:
        lines.append("      branches:\n")
        for when, nxt in s.branches:
            lines.append("        - %s\n" % flow_map([("when", when), ("next", nxt)]))
    return "".join(lines)


def qms_yaml(seed, n):
    return (
        "# Synthetic benchmark workspace: tools/bench/gen-workspace.py -n %d --seed %d\n"
        "workspace:\n"
        "  name: Tỉnh %s (dữ liệu tổng hợp cho đo hiệu năng)\n"
        "  lang: vi\n"
        "  time_cut: 40%%\n"
        "  workday_hours: 8\n"
        "  migration: {from: ISO 9001:2008, to: ISO 9001:2015, deadline: 2020-09-30}\n"
        "  holidays: [2020-01-01, 2020-01-23, 2020-01-24, 2020-01-27, 2020-01-28, 2020-01-29, "
        "2020-04-02, 2020-04-30, 2020-05-01, 2020-09-02]\n" % (n, seed, PROVINCE)
    )


# The working-day calendars of the example workspace, copied so that every
# comparison of limits runs with days off in force.
CALENDARS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "calendar")


def audit_yaml(agency):
    return (
        "agency:\n"
        "  id: %s\n"
        "  name: %s\n"
        "  level: %s\n" % (agency.id, scalar(agency.name), agency.level)
    )


def main(argv):
    ap = argparse.ArgumentParser(description="Generate a deterministic synthetic qms workspace.")
    ap.add_argument("outdir", help="folder to write (created; must be empty unless --force)")
    ap.add_argument("-n", "--procedures", type=int, default=10000, help="number of procedures (10000)")
    ap.add_argument("--seed", type=int, default=1, help="PRNG seed (1)")
    ap.add_argument("--agencies", type=int, default=100, help="number of agencies (100)")
    ap.add_argument("--bad-rate", type=float, default=0.0,
                    help="fraction of procedures that carry one deliberate error (0)")
    ap.add_argument("--force", action="store_true",
                    help="replace qms.yaml, audits/ and processes/ in a non-empty OUTDIR")
    args = ap.parse_args(argv)
    if args.procedures < 0 or args.agencies < 1 or not 0.0 <= args.bad_rate <= 1.0:
        ap.error("need -n >= 0, --agencies >= 1, 0 <= --bad-rate <= 1")

    out = args.outdir
    if os.path.isdir(out) and os.listdir(out):
        if not args.force:
            ap.error("%s is not empty (use --force to replace its workspace)" % out)
        for sub in ("audits", "processes", "calendar"):
            shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
        if os.path.exists(os.path.join(out, "qms.yaml")):
            os.remove(os.path.join(out, "qms.yaml"))
    os.makedirs(os.path.join(out, "audits"), exist_ok=True)
    os.makedirs(os.path.join(out, "processes"), exist_ok=True)

    total_bytes = 0
    files = 0

    def write(path, text):
        nonlocal total_bytes, files
        data = text.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        total_bytes += len(data)
        files += 1

    write(os.path.join(out, "qms.yaml"), qms_yaml(args.seed, args.procedures))
    os.makedirs(os.path.join(out, "calendar"), exist_ok=True)
    for name in sorted(os.listdir(CALENDARS)):
        if name.endswith(".yaml"):
            with open(os.path.join(CALENDARS, name), encoding="utf-8") as f:
                write(os.path.join(out, "calendar", name), f.read())
    agencies = make_agencies(args.agencies)
    for a in agencies:
        write(os.path.join(out, "audits", a.id + ".yaml"), audit_yaml(a))
        os.makedirs(os.path.join(out, "processes", a.id), exist_ok=True)

    # round(N * rate) procedures, picked by Floyd's sampling so they spread over agencies
    nbad = int(args.procedures * args.bad_rate + 0.5)
    pick = Rng(args.seed ^ 0xBAD5EED)
    bad_set = set()
    for j in range(args.procedures - nbad, args.procedures):
        t = pick.below(j + 1)
        bad_set.add(j if t in bad_set else t)
    bad = 0
    for i in range(args.procedures):
        agency = agencies[i % len(agencies)]
        agency.count += 1
        rng = Rng((args.seed * 0x100000001B3) ^ (i * 0x9E3779B97F4A7C15))
        bad_kind = 0
        if i in bad_set:
            bad += 1
            bad_kind = 1 + bad % 3
        code, text = make_procedure(rng, agency, agency.count, 1000 + i, bad_kind)
        write(os.path.join(out, "processes", agency.id, code + ".yaml"), text)

    print("%d bytes in %d files (%d procedures, %d agencies, %d with a deliberate error) in %s"
          % (total_bytes, files, args.procedures, len(agencies), bad, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

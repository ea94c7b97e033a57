# qms audit status: the status of every agency as of a date, for people and machines.
# ws-audit: Sở A announced on 2020-09-10 (findings: NC-02 due 2020-09-20 open, NC-03 closed
# 2020-09-01 not verified); huyện B applied its system on 2020-08-20 (3 stages left to the
# announcement) with the workspace deadline 2020-09-30; xã C has its own deadline 2020-09-15;
# Sở D (a name to quote and escape) has until 2020-12-31.
# Boundaries, with huyện B: the day before, of and after its deadline (at risk, at risk,
# overdue); 30 days left for 3 stages is on track, 29 is at risk (under 10 a stage). With
# Sở A: the day before and of its announcement (on track, done), and before its audit (no
# findings yet).
$ qms -C ws-audit audit status --as-of 2020-09-30
Tiến độ chuyển đổi hệ thống quản lý chất lượng - Tỉnh Mẫu, đến ngày 30/9/2020

Cơ quan                              Cấp    Giai đoạn đã xong              Giai đoạn tiếp theo  Hạn         Còn (ngày)  Tình trạng    Phát hiện mở  Quá hạn  Chưa kiểm tra
-----------------------------------  -----  -----------------------------  -------------------  ----------  ----------  ------------  ------------  -------  -------------
Sở A tỉnh                            Tỉnh   Báo cáo Sở KH&CN               -                    30/9/2020            -  đã công bố               1        1              1
Sở Khoa học & Công nghệ "Mẫu" <thử>  Tỉnh   Lập kế hoạch                   Đào tạo              31/12/2020          92  đúng tiến độ             0        0              0
UBND huyện B                         Huyện  Áp dụng                        Đánh giá nội bộ      30/9/2020            0  quá hạn                  0        0              0
UBND xã C                            Xã     Xây dựng, chuyển đổi tài liệu  Áp dụng              15/9/2020          -15  quá hạn                  0        0              0

4 cơ quan: 1 đã công bố, 2 quá hạn, 0 có nguy cơ chậm, 1 đúng tiến độ; phát hiện: 1 chưa khắc phục (1 quá hạn), 1 đã khắc phục chưa kiểm tra hiệu lực
$ qms -C ws-audit audit status --as-of 2020-09-30 --lang en
Migration of the quality management systems: Tỉnh Mẫu, as of 2020-09-30

Agency                               Level     Last stage done  Next stage      Deadline    Days left  Status    Open findings  Overdue  Unverified
-----------------------------------  --------  ---------------  --------------  ----------  ---------  --------  -------------  -------  ----------
Sở A tỉnh                            Province  Report to DOST   -               2020-09-30          -  done                  1        1           1
Sở Khoa học & Công nghệ "Mẫu" <thử>  Province  Plan             Training        2020-12-31         92  on track              0        0           0
UBND huyện B                         District  Apply            Internal audit  2020-09-30          0  overdue               0        0           0
UBND xã C                            Commune   Documentation    Apply           2020-09-15        -15  overdue               0        0           0

4 agencies: 1 done, 2 overdue, 0 at risk, 1 on track; findings: 1 open (1 overdue), 1 closed but not verified
$ qms -C ws-audit audit status --as-of 2020-09-30 --format json
[
  {"agency": "so-a", "name": "Sở A tỉnh Mẫu", "level": "province", "last_stage": "report", "next_stage": null, "deadline": "2020-09-30", "days_left": 0, "working_days_left": 0, "status": "done", "findings_open": 1, "findings_overdue": 1, "findings_unverified": 1},
  {"agency": "so-d", "name": "Sở Khoa học & Công nghệ \"Mẫu\" <thử>", "level": "province", "last_stage": "plan", "next_stage": "training", "deadline": "2020-12-31", "days_left": 92, "working_days_left": 66, "status": "on-track", "findings_open": 0, "findings_overdue": 0, "findings_unverified": 0},
  {"agency": "ubnd-huyen-b", "name": "UBND huyện B", "level": "district", "last_stage": "apply", "next_stage": "internal-audit", "deadline": "2020-09-30", "days_left": 0, "working_days_left": 0, "status": "overdue", "findings_open": 0, "findings_overdue": 0, "findings_unverified": 0},
  {"agency": "ubnd-xa-c", "name": "UBND xã C", "level": "commune", "last_stage": "documentation", "next_stage": "apply", "deadline": "2020-09-15", "days_left": -15, "working_days_left": -11, "status": "overdue", "findings_open": 0, "findings_overdue": 0, "findings_unverified": 0}
]
$ qms -C ws-audit audit status --as-of 2020-09-30 --format csv
﻿agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
so-a,Sở A tỉnh Mẫu,province,report,,2020-09-30,0,done,1,1,1
so-d,"Sở Khoa học & Công nghệ ""Mẫu"" <thử>",province,plan,training,2020-12-31,92,on-track,0,0,0
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,0,overdue,0,0,0
ubnd-xa-c,UBND xã C,commune,documentation,apply,2020-09-15,-15,overdue,0,0,0
$ qms -C ws-audit audit status --as-of 2020-09-30 --agency so-a --format json
[
  {"agency": "so-a", "name": "Sở A tỉnh Mẫu", "level": "province", "last_stage": "report", "next_stage": null, "deadline": "2020-09-30", "days_left": 0, "working_days_left": 0, "status": "done", "findings_open": 1, "findings_overdue": 1, "findings_unverified": 1}
]
$ qms -C ws-audit audit status --as-of 2020-09-29 --agency ubnd-huyen-b --format csv
﻿agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,1,at-risk,0,0,0
$ qms -C ws-audit audit status --as-of 2020-09-30 --agency ubnd-huyen-b --format csv
﻿agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,0,overdue,0,0,0
$ qms -C ws-audit audit status --as-of 2020-10-01 --agency ubnd-huyen-b --format csv
﻿agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,-1,overdue,0,0,0
$ qms -C ws-audit audit status --as-of 2020-08-31 --agency ubnd-huyen-b --format csv
﻿agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,30,on-track,0,0,0
$ qms -C ws-audit audit status --as-of 2020-09-01 --agency ubnd-huyen-b --format csv
﻿agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,29,at-risk,0,0,0
$ qms -C ws-audit audit status --as-of 2020-09-09 --agency so-a --format csv
﻿agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
so-a,Sở A tỉnh Mẫu,province,management-review,announcement,2020-09-30,21,on-track,1,0,1
$ qms -C ws-audit audit status --as-of 2020-09-10 --agency so-a --format csv
﻿agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
so-a,Sở A tỉnh Mẫu,province,announcement,report,2020-09-30,20,done,1,0,1
$ qms -C ws-audit audit status --as-of 2020-08-11 --agency so-a --format csv
﻿agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
so-a,Sở A tỉnh Mẫu,province,apply,internal-audit,2020-09-30,50,on-track,0,0,0
$ qms -C ws-audit audit status --agency so-b
qms: không có cơ quan 'so-b' trong audits/; có phải là 'so-a'?
[2]
$ qms -C ws-audit audit status --as-of 2020-02-30
qms: '2020-02-30' không phải ngày cho --as-of: hãy viết YYYY-MM-DD, ví dụ 2020-09-30
[2]
$ qms -C ws-audit audit status --format xml
qms: 'xml' không phải giá trị của --format: hãy dùng table, json, csv
[2]
$ qms audit
cách dùng: qms audit status [--as-of NGÀY] [--agency MÃ] [--format table|json|csv] [--no-bom] [-o TỆP]
           qms audit board [--as-of NGÀY] [-o TỆP]
           qms audit new CƠ_QUAN --name TÊN --level province|district|commune
           qms audit stage CƠ_QUAN GIAI_ĐOẠN --done NGÀY [--evidence VĂN_BẢN]
           qms audit add CƠ_QUAN --id MÃ --kind internal|external|inspection --date NGÀY
                         [--standard S] [--auditor TÊN]... [--scope MÃ_QT]...
           qms audit finding CƠ_QUAN CUỘC_ĐG --id MÃ --grade major|minor|observation|improvement
                         --clause C [--process MÃ_QT [--step BƯỚC]] --text VĂN_BẢN [--due NGÀY] [--owner ĐƠN_VỊ]
           qms audit close CƠ_QUAN PHÁT_HIỆN --date NGÀY [--cause VĂN_BẢN] [--action VĂN_BẢN]
           qms audit verify CƠ_QUAN PHÁT_HIỆN --date NGÀY

Tệp theo dõi chuyển đổi của từng cơ quan, audits/CƠ_QUAN.yaml: chín giai đoạn
chuyển đổi sang ISO 9001:2015, các cuộc đánh giá, phát hiện và hành động khắc phục.

  status   giai đoạn đã xong gần nhất, giai đoạn tiếp theo, thời hạn, số ngày còn lại
           và tình trạng của từng cơ quan, cùng số phát hiện chưa khắc phục, quá hạn,
           chưa kiểm tra hiệu lực, tính đến NGÀY (mặc định: hôm nay)
  board    như trên, dưới dạng sơ đồ SVG: chín giai đoạn là chín cột, mỗi cơ quan nằm
           ở cột giai đoạn tiếp theo của mình, tô màu theo tình trạng, nhóm theo cấp
  new      tạo tệp theo dõi của một cơ quan
  stage    ghi nhận một giai đoạn đã hoàn thành (ghi lại: sửa ngày)
  add      ghi nhận một cuộc đánh giá hoặc kiểm tra
  finding  ghi nhận một phát hiện của cuộc đánh giá
  close    ghi nhận hành động khắc phục của phát hiện đã hoàn thành
  verify   ghi nhận đã kiểm tra hiệu lực của hành động khắc phục

Các giai đoạn: plan, training, gap-analysis, documentation, apply, internal-audit,
management-review, announcement, report. Ngày: YYYY-MM-DD.

Các lệnh sửa thay đổi tệp tại chỗ: chú thích, thứ tự, dấu ngoặc và cách trình bày
được giữ nguyên. Mỗi thay đổi được kiểm tra bằng các quy tắc của `qms check` trước
và bị từ chối nếu gây thêm lỗi; tệp được ghi trọn vẹn một lần, có khóa, nên các
thay đổi làm cùng lúc đều được ghi. `-C THƯ_MỤC` chỉ thư mục làm việc.

tùy chọn:
  --lang vi|en         ngôn ngữ của thông báo và của những gì viết cho người đọc
                       (mặc định: của thư mục làm việc, nếu không thì của môi trường, nếu không nữa thì en)
  -h, --help           in hướng dẫn này

mã thoát: 0 đã xong, 1 thay đổi bị từ chối (hoặc có tệp theo dõi không đọc được),
2 lỗi cách dùng, 3 lỗi đọc ghi
[2]
$ qms audit stats
qms: 'stats' không phải lệnh của audit; có phải là 'status'?
[2]
$ qms audit status --help | head -3
cách dùng: qms audit status [--as-of NGÀY] [--agency MÃ] [--format table|json|csv] [--no-bom] [-o TỆP]

Giai đoạn đã xong gần nhất, giai đoạn tiếp theo, thời hạn, số ngày còn lại và
$ qms -C ws-audit audit status --as-of 2020-09-30 --agency so-a --format csv | od -c | head -1
0000000 357 273 277   a   g   e   n   c   y   ,   n   a   m   e   ,   l
$ qms -C ws-audit audit status --as-of 2020-09-30 --agency so-a --format csv --no-bom | od -c | head -1
0000000   a   g   e   n   c   y   ,   n   a   m   e   ,   l   e   v   e

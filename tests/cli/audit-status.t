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

Cơ quan                              Cấp    Giai đoạn đã xong              Giai đoạn tiếp theo  Hạn         Còn (ngày)  Tình trạng       Phát hiện mở  Quá hạn  Chưa kiểm tra
-----------------------------------  -----  -----------------------------  -------------------  ----------  ----------  ---------------  ------------  -------  -------------
Sở A tỉnh                            Tỉnh   Báo cáo Sở KH&CN               -                    30/9/2020            -  đã công bố                  1        1              1
Sở Khoa học & Công nghệ "Mẫu" <thử>  Tỉnh   Lập kế hoạch                   Đào tạo              31/12/2020          92  đúng tiến độ                0        0              0
UBND huyện B                         Huyện  Áp dụng                        Đánh giá nội bộ      30/9/2020            0  có nguy cơ chậm             0        0              0
UBND xã C                            Xã     Xây dựng, chuyển đổi tài liệu  Áp dụng              15/9/2020          -15  quá hạn                     0        0              0

4 cơ quan: 1 đã công bố, 1 quá hạn, 1 có nguy cơ chậm, 1 đúng tiến độ; phát hiện: 1 chưa khắc phục (1 quá hạn), 1 đã khắc phục chưa kiểm tra hiệu lực
$ qms -C ws-audit audit status --as-of 2020-09-30 --lang en
Migration of the quality management systems: Tỉnh Mẫu, as of 2020-09-30

Agency                               Level     Last stage done  Next stage      Deadline    Days left  Status    Open findings  Overdue  Unverified
-----------------------------------  --------  ---------------  --------------  ----------  ---------  --------  -------------  -------  ----------
Sở A tỉnh                            Province  Report to DOST   -               2020-09-30          -  done                  1        1           1
Sở Khoa học & Công nghệ "Mẫu" <thử>  Province  Plan             Training        2020-12-31         92  on track              0        0           0
UBND huyện B                         District  Apply            Internal audit  2020-09-30          0  at risk               0        0           0
UBND xã C                            Commune   Documentation    Apply           2020-09-15        -15  overdue               0        0           0

4 agencies: 1 done, 1 overdue, 1 at risk, 1 on track; findings: 1 open (1 overdue), 1 closed but not verified
$ qms -C ws-audit audit status --as-of 2020-09-30 --format json
[
  {"agency": "so-a", "name": "Sở A tỉnh Mẫu", "level": "province", "last_stage": "report", "next_stage": null, "deadline": "2020-09-30", "days_left": 0, "working_days_left": 0, "status": "done", "findings_open": 1, "findings_overdue": 1, "findings_unverified": 1},
  {"agency": "so-d", "name": "Sở Khoa học & Công nghệ \"Mẫu\" <thử>", "level": "province", "last_stage": "plan", "next_stage": "training", "deadline": "2020-12-31", "days_left": 92, "working_days_left": 66, "status": "on-track", "findings_open": 0, "findings_overdue": 0, "findings_unverified": 0},
  {"agency": "ubnd-huyen-b", "name": "UBND huyện B", "level": "district", "last_stage": "apply", "next_stage": "internal-audit", "deadline": "2020-09-30", "days_left": 0, "working_days_left": 0, "status": "at-risk", "findings_open": 0, "findings_overdue": 0, "findings_unverified": 0},
  {"agency": "ubnd-xa-c", "name": "UBND xã C", "level": "commune", "last_stage": "documentation", "next_stage": "apply", "deadline": "2020-09-15", "days_left": -15, "working_days_left": -11, "status": "overdue", "findings_open": 0, "findings_overdue": 0, "findings_unverified": 0}
]
$ qms -C ws-audit audit status --as-of 2020-09-30 --format csv
agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
so-a,Sở A tỉnh Mẫu,province,report,,2020-09-30,0,done,1,1,1
so-d,"Sở Khoa học & Công nghệ ""Mẫu"" <thử>",province,plan,training,2020-12-31,92,on-track,0,0,0
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,0,at-risk,0,0,0
ubnd-xa-c,UBND xã C,commune,documentation,apply,2020-09-15,-15,overdue,0,0,0
$ qms -C ws-audit audit status --as-of 2020-09-30 --agency so-a --format json
[
  {"agency": "so-a", "name": "Sở A tỉnh Mẫu", "level": "province", "last_stage": "report", "next_stage": null, "deadline": "2020-09-30", "days_left": 0, "working_days_left": 0, "status": "done", "findings_open": 1, "findings_overdue": 1, "findings_unverified": 1}
]
$ qms -C ws-audit audit status --as-of 2020-09-29 --agency ubnd-huyen-b --format csv
agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,1,at-risk,0,0,0
$ qms -C ws-audit audit status --as-of 2020-09-30 --agency ubnd-huyen-b --format csv
agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,0,at-risk,0,0,0
$ qms -C ws-audit audit status --as-of 2020-10-01 --agency ubnd-huyen-b --format csv
agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,-1,overdue,0,0,0
$ qms -C ws-audit audit status --as-of 2020-08-31 --agency ubnd-huyen-b --format csv
agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,30,on-track,0,0,0
$ qms -C ws-audit audit status --as-of 2020-09-01 --agency ubnd-huyen-b --format csv
agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,29,at-risk,0,0,0
$ qms -C ws-audit audit status --as-of 2020-09-09 --agency so-a --format csv
agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
so-a,Sở A tỉnh Mẫu,province,management-review,announcement,2020-09-30,21,on-track,1,0,1
$ qms -C ws-audit audit status --as-of 2020-09-10 --agency so-a --format csv
agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
so-a,Sở A tỉnh Mẫu,province,announcement,report,2020-09-30,20,done,1,0,1
$ qms -C ws-audit audit status --as-of 2020-08-11 --agency so-a --format csv
agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
so-a,Sở A tỉnh Mẫu,province,apply,internal-audit,2020-09-30,50,on-track,0,0,0
$ qms -C ws-audit audit status --agency so-b
qms: no agency 'so-b' in audits/; did you mean 'so-a'?
[2]
$ qms -C ws-audit audit status --as-of 2020-02-30
qms: '2020-02-30' is not a date for --as-of: write YYYY-MM-DD, e.g. 2020-09-30
[2]
$ qms -C ws-audit audit status --format xml
qms: 'xml' is not a value of --format: use table, json, csv
[2]
$ qms audit
usage: qms audit status [--as-of DATE] [--agency ID] [--format table|json|csv] [-o FILE]
       qms audit board [--as-of DATE] [-o FILE]
       qms audit new AGENCY --name NAME --level province|district|commune
       qms audit stage AGENCY STAGE --done DATE [--evidence TEXT]
       qms audit add AGENCY --id ID --kind internal|external|inspection --date DATE
                     [--standard S] [--auditor NAME]... [--scope CODE]...
       qms audit finding AGENCY AUDIT --id ID --grade major|minor|observation|improvement
                     --clause C [--process CODE [--step STEP]] --text TEXT [--due DATE] [--owner UNIT]
       qms audit close AGENCY FINDING --date DATE [--cause TEXT] [--action TEXT]
       qms audit verify AGENCY FINDING --date DATE

The migration tracker of each agency, audits/AGENCY.yaml: the nine stages of the
conversion to ISO 9001:2015, its audits, their findings and corrective actions.

  status   last stage done, next stage, deadline, days left and status of every
           agency, and its findings open, overdue and not verified, as of DATE
           (default: today)
  board    the same as an SVG diagram: the nine stages as columns, each agency in
           the column of its next stage, coloured by status, grouped by level
  new      create the tracker of an agency
  stage    record a stage as done (again: change its date)
  add      record an audit or inspection
  finding  record a finding of an audit
  close    record that a finding's corrective action is complete
  verify   record that its effectiveness was checked

Stages: plan, training, gap-analysis, documentation, apply, internal-audit,
management-review, announcement, report. Dates: YYYY-MM-DD.

Edits change the file in place: comments, order, quoting and layout stay as
they are. Each is checked with the rules of `qms check` first and refused when
it would add an error; the file is written atomically, under a lock, so edits
made at the same time all land. `-C DIR` names the workspace.

options:
  --lang vi|en         language of messages and of what is written for people
                       (default: the workspace's, else the environment's, else en)
  -h, --help           print this help

exit status: 0 done, 1 edit refused (or trackers that cannot be read),
2 usage or I/O error
[2]
$ qms audit stats
qms: 'stats' is not an audit command; did you mean 'status'?
[2]
$ qms audit status --help | head -3
usage: qms audit status [--as-of DATE] [--agency ID] [--format table|json|csv] [-o FILE]

Last stage done, next stage, deadline, days left and status of every

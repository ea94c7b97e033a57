# qms results: the figures of the period from dossier exports. april.csv has
# one row of each outcome and one of each mistake: a bad date (31/04), a
# missing due date, a code no procedure has (listed and counted, the row
# still used), a quote left open (the row is lost, the next one is read);
# may.csv is semicolon-separated with a byte order mark and other column
# names; steps.csv has a step not in the procedure, a skipped step and two
# steps out of order.
$ qms -C ws-results results exports/april.csv exports/may.csv --from 2020-04-01 --to 2020-04-30 --steps exports/steps.csv
exports/april.csv:11:34: error: column 'Ngày tiếp nhận': not a date (dd/mm/yyyy, dd/mm/yyyy HH:MM or yyyy-mm-dd): '31/04/2020 08:00'
exports/april.csv:12:51: error: column 'Ngày hẹn trả': no due date
exports/april.csv:13:16: warning: no procedure of the workspace has this code (procedure or TTHC): 'QT-99'
exports/april.csv:14:7: error: a quote left open
From 2020-04-01 to 2020-04-30, dossiers received: 10, carried over: 1. Resolved: 7, of which before the due date: 2; on the due date: 3; late: 2. In progress: 3 (within the time: 2, past the due date: 1). Returned or withdrawn: 1. Resolved by the due date: 71.4%. Late dossiers with an apology: 1/3.
Rows: 15 read, 12 used (1 outside the period), 3 not readable; 1 of a procedure not in the workspace.

By agency  Received  Carried over  Resolved  Before due  On due  Late  In progress, in time  In progress, past due  Returned  By due date  Late with apology
so-x       9         1             6         1           3       2     2                     1                      1         66.7%        1/3
so-y       1         0             1         1           0       0     0                     0                      0         100%         0/0

By level     Received  Carried over  Resolved  Before due  On due  Late  In progress, in time  In progress, past due  Returned  By due date  Late with apology
(not given)  1         0             1         1           0       0     0                     0                      0         100%         0/0
Province     9         1             6         1           3       2     2                     1                      1         66.7%        1/3

By field  Received  Carried over  Resolved  Before due  On due  Late  In progress, in time  In progress, past due  Returned  By due date  Late with apology
Hộ tịch   5         0             2         0           2       0     1                     1                      1         100%         0/1
Xây dựng  1         0             1         1           0       0     0                     0                      0         100%         0/0
Đất đai   4         1             4         1           1       2     1                     0                      0         50%          1/2

By procedure  Received  Carried over  Resolved  Before due  On due  Late  In progress, in time  In progress, past due  Returned  By due date  Late with apology
R-01          6         1             4         1           1       2     2                     1                      0         50%          1/3
R-02          3         0             2         0           2       0     0                     0                      1         100%         0/0
QT-99         1         0             1         1           0       0     0                     0                      0         100%         0/0

Actual time from receipt to result

Procedure  Resolved  Median             90th percentile  Longest          Committed        Statutory       Over committed  Over statutory  Committed limit holds
R-01       4         2 working days     6 working days   6 working days   2 working days   5 working days  50%             50%             does not hold
R-02       2         2.5 working hours  3 working hours  3 working hours  4 working hours  same day        0%              0%              holds

Actual time per step

Procedure  Step       Events  Median             90th percentile    Planned        Excess in late dossiers
R-01       tiep-nhan  4       2 working hours    3.5 working hours  4 hours        0 working hours
R-01       tham-dinh  3       40 working hours   44 working hours   1 working day  68 working hours
R-01       ky         4       6 working hours    15 working hours   4 hours        5 working hours
R-02       xu-ly      1       2.5 working hours  2.5 working hours  4 hours        0 working hours

Procedures whose committed limit does not hold (more than 10% of the dossiers over it):

  R-01: 50% over 2 working days, 90% within 6 working days

Codes matched to no procedure of the workspace:

  QT-99: 1 rows, first at exports/april.csv:13

R-01: the step that adds most to lateness is tham-dinh (Thẩm định).

Paths that do not follow the procedure (step events of 5 dossiers):

  a step not in the procedure: 1 (e.g. HS-03: xin-y-kien)
  a step skipped: 1 (e.g. HS-02: tham-dinh)
  steps out of order: 1 (e.g. HS-08: tiep-nhan)
[1]
$ qms -C ws-results results exports/april.csv exports/may.csv --from 2020-04-01 --to 2020-04-30 --format csv 2>/dev/null
﻿grouping,key,received,carried,resolved,before_due,on_due,late,in_progress_in_time,in_progress_late,returned,late_with_apology
total,,10,1,7,2,3,2,2,1,1,1
agency,so-x,9,1,6,1,3,2,2,1,1,1
agency,so-y,1,0,1,1,0,0,0,0,0,0
level,,1,0,1,1,0,0,0,0,0,0
level,province,9,1,6,1,3,2,2,1,1,1
field,Hộ tịch,5,0,2,0,2,0,1,1,1,0
field,Xây dựng,1,0,1,1,0,0,0,0,0,0
field,Đất đai,4,1,4,1,1,2,1,0,0,1
procedure,R-01,6,1,4,1,1,2,2,1,0,1
procedure,R-02,3,0,2,0,2,0,0,0,1,0
procedure,QT-99,1,0,1,1,0,0,0,0,0,0
[1]
$ qms -C ws-results --lang vi results exports/april.csv --from 2020-04-01 --to 2020-04-30 --format markdown 2>/dev/null | head -8
## Kết quả giải quyết TTHC

Từ ngày 01/04/2020 đến ngày 30/04/2020, tổng số hồ sơ tiếp nhận mới là 9 hồ sơ, kỳ trước chuyển sang 1 hồ sơ. Số hồ sơ đã giải quyết là 7, trong đó: Số hồ sơ giải quyết trước hạn: 2 hồ sơ; Số hồ sơ giải quyết đúng hạn: 3 hồ sơ; Số hồ sơ giải quyết quá hạn: 2 hồ sơ. Số hồ sơ đang giải quyết: 2 hồ sơ, trong đó trong hạn: 1 hồ sơ, quá hạn: 1 hồ sơ. Số hồ sơ trả lại, rút hồ sơ: 1 hồ sơ. Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn: 71,4%. Số hồ sơ quá hạn đã có văn bản xin lỗi: 1/3 hồ sơ.

Số dòng: 14 đã đọc, 11 được sử dụng (1 ngoài kỳ báo cáo), 3 không đọc được; 1 thuộc thủ tục không có trong bộ quy trình.

| Theo cơ quan | Tiếp nhận mới | Kỳ trước chuyển sang | Đã giải quyết | Trước hạn | Đúng hạn | Quá hạn | Đang giải quyết trong hạn | Đang giải quyết quá hạn | Trả lại, rút | Tỷ lệ đúng hạn | Quá hạn có xin lỗi |
|---|---|---|---|---|---|---|---|---|---|---|---|
$ qms -C ws-results results exports/june.xlsx --from 2020-04-01 --to 2020-04-30 --format json | head -22
exports/june.xlsx:4:5: error: column 'Ngày tiếp nhận': not a date (dd/mm/yyyy, dd/mm/yyyy HH:MM or yyyy-mm-dd): 'abc'
{
  "from": "2020-04-01",
  "to": "2020-04-30",
  "rows": {
    "read": 3,
    "used": 2,
    "outside_period": 0,
    "rejected": 1,
    "unmatched": 0
  },
  "total": {
    "received": 2,
    "carried_over": 0,
    "resolved": 1,
    "before_due": 1,
    "on_due": 0,
    "late": 0,
    "in_progress_in_time": 0,
    "in_progress_late": 1,
    "returned": 0,
    "late_with_apology": 0
  },
$ qms -C ws-results results exports/april.csv --as-of 2020-03-15 --format json 2>/dev/null | head -3
{
  "from": "2020-01-01",
  "to": "2020-06-30",
$ qms -C ws-results results exports/no-columns.csv --to 2020-04-30
exports/no-columns.csv:1:1: error: the header has no column for this; rows of the file are not used: 'due'
exports/no-columns.csv:1:1: error: the header has no column for this; rows of the file are not used: 'procedure | tthc'
From 2020-01-01 to 2020-04-30, dossiers received: 0. Resolved: 0, of which before the due date: 0; on the due date: 0; late: 0. In progress: 0 (within the time: 0, past the due date: 0). Resolved by the due date: –.
Rows: 1 read, 0 used (0 outside the period), 1 not readable.

[1]
$ qms -C ws-results results exports/april.csv --from 2020-05-01 --to 2020-04-30
qms: --to is before --from
[2]
$ qms -C ws-results results exports/none.csv
qms: exports/none.csv: cannot open: No such file or directory
[3]
$ qms -C ws-results results
qms: 'qms results' needs EXPORT; see 'qms results --help'
[2]
$ cp -r ws-results $TMP/ws && mkdir $TMP/ws/results && cp ws-results/exports/april.csv $TMP/ws/results/ && qms -C $TMP/ws --lang vi report --as-of 2020-04-30 | sed -n '/Kết quả giải quyết TTHC$/,$p'
## Phụ lục V. Kết quả giải quyết TTHC

Từ ngày 01/01/2020 đến ngày 30/04/2020, tổng số hồ sơ tiếp nhận mới là 11 hồ sơ. Số hồ sơ đã giải quyết là 8, trong đó: Số hồ sơ giải quyết trước hạn: 2 hồ sơ; Số hồ sơ giải quyết đúng hạn: 4 hồ sơ; Số hồ sơ giải quyết quá hạn: 2 hồ sơ. Số hồ sơ đang giải quyết: 2 hồ sơ, trong đó trong hạn: 1 hồ sơ, quá hạn: 1 hồ sơ. Số hồ sơ trả lại, rút hồ sơ: 1 hồ sơ. Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn: 75%. Số hồ sơ quá hạn đã có văn bản xin lỗi: 1/3 hồ sơ. Hồ sơ quá hạn chủ yếu thuộc lĩnh vực Đất đai (2/3 hồ sơ). (3 dòng dữ liệu không đọc được, không được tính.)

| Cơ quan | Tiếp nhận mới | Đã giải quyết | Trước hạn | Đúng hạn | Quá hạn | Đang giải quyết |
|---|---|---|---|---|---|---|
| Sở X | 10 | 7 | 1 | 4 | 2 | 2 |
| so-y | 1 | 1 | 1 | 0 | 0 | 0 |
$ qms -C ws-results results exports/april.csv --from 2020-04-01 --to 2020-04-30 --format nonconforming 2>/dev/null
# Nonconforming outputs (ISO 9001:2015, 8.7): dossiers resolved late or in progress past their due date, 2020-04-01 to 2020-04-30
nonconforming_outputs:
  - {dossier: "HS-03", process: "R-01", agency: "so-x", received: 2020-04-06, due: 2020-04-08, finished: 2020-04-14, apology: true, clause: "8.7"}
  - {dossier: "HS-04", process: "R-01", agency: "so-x", received: 2020-04-27, due: 2020-04-29, finished: null, apology: false, clause: "8.7"}
  - {dossier: "HS-08", process: "R-01", agency: "so-x", received: 2020-03-25, due: 2020-03-27, finished: 2020-04-02, apology: false, clause: "8.7"}
[1]
$ cp -r ws-results $TMP/ws && mkdir $TMP/ws/results && cp ws-results/exports/april.csv $TMP/ws/results/ && qms -C $TMP/ws --lang en site --as-of 2020-04-30 --out $TMP/site > /dev/null 2>&1; grep -c '<svg xmlns="http://www.w3.org/2000/svg" class="results-chart"' $TMP/site/procedures/R-01.html; python3 -c 'import re, sys, xml.dom.minidom as m; s = open(sys.argv[1]).read(); svg = re.search("<svg[^>]*results-chart.*?</svg>", s, re.S).group(0); m.parseString(svg); print("well-formed;", "script" in svg and "has a script" or "no script"); print(re.search("<section id=\"results\".*?<p>(.*?)</p>", s, re.S).group(1)[:160])' $TMP/site/procedures/R-01.html
1
well-formed; no script
From 2020-01-01 to 2020-04-30, dossiers received: 7. Resolved: 5, of which before the due date: 1; on the due date: 2; late: 2. In progress: 2 (within the time:
$ qms -C ws-results render processes/so-x/R-01.yaml --results exports/steps.csv --format dot --out $TMP/d > /dev/null && grep -o 'class="step task[^"]*"\|actual (median[^"]*' $TMP/d/R-01.dot
class="step task critical actual-within"
actual (median of 4): 2 working hours; planned: 4 hours
class="step task critical actual-far-over"
actual (median of 3): 40 working hours; planned: 8 hours
class="step task critical actual-over"
actual (median of 4): 6 working hours; planned: 4 hours
$ qms -C ws-results results exports/levels.csv --from 2020-04-01 --to 2020-04-30 --format csv --no-bom | grep "^level"
level,Khác,1,0,0,0,0,0,0,1,0,0
level,commune,1,0,0,0,0,0,0,1,0,0
level,district,2,0,0,0,0,0,0,2,0,0
level,province,1,0,0,0,0,0,0,1,0,0

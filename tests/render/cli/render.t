# qms render: usage errors (exit 2), skipped documents (exit 1), success (exit 0).
# Outputs go to $TMP; the summary line names it, so it is replaced by TMP.
$ qms render --format gif
qms: 'gif' không phải giá trị của --format: hãy dùng svg, png, pdf, dot
[2]
$ qms render --format
qms: tùy chọn --format cần một giá trị: hãy dùng svg, png, pdf, dot
[2]
$ qms render -j 0
qms: '0' không phải số từ 1 đến 64 cho --jobs
[2]
$ qms render --lanes diagonal
qms: 'diagonal' không phải giá trị của --lanes: hãy dùng vertical, horizontal
[2]
$ qms render --edges wavy
qms: 'wavy' không phải giá trị của --edges: hãy dùng ortho, spline
[2]
$ qms render --as-of 2020-02-30
qms: '2020-02-30' không phải ngày cho --as-of: hãy viết YYYY-MM-DD, ví dụ 2020-09-30
[2]
$ qms render --lang fr
qms: 'fr' không phải giá trị của --lang: hãy dùng vi, en
[2]
$ qms render --timeout 0
qms: '0' không phải số giây từ 1 đến 86400 cho --timeout
[2]
$ qms render --out
qms: tùy chọn --out cần một giá trị
[2]
$ qms render --bogus
qms: tùy chọn '--bogus' không hợp lệ cho 'qms render'; xem 'qms render --help'
[2]
$ qms render no-such-folder --out "$TMP/o"
qms: cannot render 'no-such-folder': No such file or directory
[2]
$ cd .. && qms render --map so-b --out "$TMP/o" ws
qms: không có cơ quan 'so-b' trong thư mục làm việc; có phải là 'so-a'?
[2]
$ cd .. && qms render --map so-a ws ws
qms: --map vẽ một thư mục làm việc: chỉ ghi tối đa một đường dẫn
[2]
$ cd .. && qms render ws-broken --format dot --out "$TMP/o" | sed "s|$TMP|TMP|g"; exit ${PIPESTATUS[0]}
ws-broken/processes/b/B-02.yaml:2:3: error[S002]: missing required key 'title' in process
ws-broken/processes/b/B-02.yaml:3:3: error[S001]: unknown key 'titel' in process; did you mean 'title'?
ws-broken/processes/b/B-03.yaml:4:1: error[L001]: did not find expected ',' or ']' while parsing a flow sequence (line 3, column 10)
rendered 1 diagram into TMP/o; 3 errors
[1]
$ cd .. && qms render ws --format dot --out "$TMP/o" --as-of 2020-09-30 | sed "s|$TMP|TMP|g"; ls "$TMP/o"
đã vẽ 2 lưu đồ vào TMP/o
A-01.dot
A-02.dot
$ qms -C ../ws render --map so-a --format dot --out "$TMP/o" | sed "s|$TMP|TMP|g"; ls "$TMP/o" "$TMP/o/maps" | sed "s|$TMP|TMP|g"
đã vẽ sơ đồ liên kết của so-a vào TMP/o
TMP/o:
maps

TMP/o/maps:
so-a.dot
$ qms render --help | head -3
cách dùng: qms render [--format svg|png|pdf|dot] [--out THƯ_MỤC] [-j N] [ĐƯỜNG_DẪN...]
                      [--lanes vertical|horizontal] [--edges ortho|spline] [--as-of NGÀY]
                      [--timeout GIÂY]

# The language of messages: --lang, else the workspace's `lang` (ws-mixed says vi), else
# LANGUAGE / LC_ALL / LC_MESSAGES / LANG, else English. Codes, positions and the JSON keys
# stay as they are; the JSON message is in the chosen language.
$ qms check --lang en ws-mixed
ws-mixed/processes/so-a/A-02.yaml:4:11: error[F013]: agency 'so-b' has no tracker in audits/; did you mean 'so-a'?
ws-mixed/processes/so-a/A-02.yaml:7:3: error[S001]: unknown key 'purpse' in process; did you mean 'purpose'?
ws-mixed/processes/so-a/A-02.yaml:10:16: warning[T003]: the committed 4 working days cuts 20% off the statutory 5 working days; the workspace asks for at least 40% (at most 3 working days)
ws-mixed/processes/so-a/A-02.yaml:21:66: error[F002]: no step 'ket-thuc' in this procedure
ws-mixed/processes/so-a/A-03.yaml:6:14: error[S004]: '2020-02-30' is not a real date for 'effective'; write YYYY-MM-DD
ws-mixed/processes/so-a/A-03.yaml:10:7: error[F005]: end step 'e' has a next step; an end closes the procedure
ws-mixed/processes/so-a/A-03.yaml:11:7: error[F006]: step 'x' cannot be reached from the start step 's'
ws-mixed/processes/so-a/A-03.yaml:11:51: error[F011]: no procedure with code 'A-20' in the workspace; did you mean 'A-02'?
checked 5 files: 7 errors, 1 warning
[1]
$ qms --lang en check --format json ws-mixed/processes/so-a/A-03.yaml
{
  "tool": {
    "name": "qms",
    "version": "0.1.0"
  },
  "lang": "en",
  "files": 1,
  "errors": 4,
  "warnings": 0,
  "diagnostics": [
    {
      "file": "ws-mixed/processes/so-a/A-03.yaml",
      "line": 6,
      "column": 14,
      "end_line": 6,
      "end_column": 24,
      "severity": "error",
      "code": "S004",
      "rule": "bad-date",
      "message": "'2020-02-30' is not a real date for 'effective'; write YYYY-MM-DD"
    },
    {
      "file": "ws-mixed/processes/so-a/A-03.yaml",
      "line": 10,
      "column": 7,
      "end_line": 10,
      "end_column": 10,
      "severity": "error",
      "code": "F005",
      "rule": "end-has-next",
      "message": "end step 'e' has a next step; an end closes the procedure"
    },
    {
      "file": "ws-mixed/processes/so-a/A-03.yaml",
      "line": 11,
      "column": 7,
      "end_line": 11,
      "end_column": 10,
      "severity": "error",
      "code": "F006",
      "rule": "unreachable",
      "message": "step 'x' cannot be reached from the start step 's'"
    },
    {
      "file": "ws-mixed/processes/so-a/A-03.yaml",
      "line": 11,
      "column": 51,
      "end_line": 11,
      "end_column": 55,
      "severity": "error",
      "code": "F011",
      "rule": "unknown-process",
      "message": "no procedure with code 'A-20' in the workspace; did you mean 'A-02'?"
    }
  ]
}
[1]
$ qms check --format json ws-mixed/processes/so-a/A-03.yaml
{
  "tool": {
    "name": "qms",
    "version": "0.1.0"
  },
  "lang": "vi",
  "files": 1,
  "errors": 4,
  "warnings": 0,
  "diagnostics": [
    {
      "file": "ws-mixed/processes/so-a/A-03.yaml",
      "line": 6,
      "column": 14,
      "end_line": 6,
      "end_column": 24,
      "severity": "error",
      "code": "S004",
      "rule": "bad-date",
      "message": "'2020-02-30' không phải ngày có thật cho 'effective'; hãy viết YYYY-MM-DD"
    },
    {
      "file": "ws-mixed/processes/so-a/A-03.yaml",
      "line": 10,
      "column": 7,
      "end_line": 10,
      "end_column": 10,
      "severity": "error",
      "code": "F005",
      "rule": "end-has-next",
      "message": "bước kết thúc 'e' lại có bước tiếp theo; bước kết thúc là bước khép lại quy trình"
    },
    {
      "file": "ws-mixed/processes/so-a/A-03.yaml",
      "line": 11,
      "column": 7,
      "end_line": 11,
      "end_column": 10,
      "severity": "error",
      "code": "F006",
      "rule": "unreachable",
      "message": "không thể đi tới bước 'x' từ bước bắt đầu 's'"
    },
    {
      "file": "ws-mixed/processes/so-a/A-03.yaml",
      "line": 11,
      "column": 51,
      "end_line": 11,
      "end_column": 55,
      "severity": "error",
      "code": "F011",
      "rule": "unknown-process",
      "message": "không có quy trình mã 'A-20' trong thư mục làm việc; có phải là 'A-02'?"
    }
  ]
}
[1]
$ LANGUAGE=en qms check ws-mixed/processes/so-a/A-03.yaml
ws-mixed/processes/so-a/A-03.yaml:6:14: lỗi[S004]: '2020-02-30' không phải ngày có thật cho 'effective'; hãy viết YYYY-MM-DD
ws-mixed/processes/so-a/A-03.yaml:10:7: lỗi[F005]: bước kết thúc 'e' lại có bước tiếp theo; bước kết thúc là bước khép lại quy trình
ws-mixed/processes/so-a/A-03.yaml:11:7: lỗi[F006]: không thể đi tới bước 'x' từ bước bắt đầu 's'
ws-mixed/processes/so-a/A-03.yaml:11:51: lỗi[F011]: không có quy trình mã 'A-20' trong thư mục làm việc; có phải là 'A-02'?
đã kiểm tra 1 tệp: 4 lỗi, 0 cảnh báo
[1]
$ qms check --lang fr ws-mixed
qms: 'fr' không phải giá trị của --lang: hãy dùng vi, en
[2]
$ qms check --explain F002 --lang en
F002 unknown-step (error)

A `next` or a branch's `next` names a step that does not exist.

fix: Use the id of an existing step; the message suggests the closest.
$ qms check --explain F002
F002 unknown-step (lỗi)

`next` của một bước hoặc của một nhánh nêu bước không tồn tại.

cách sửa: Dùng mã của một bước có thật; thông báo gợi ý mã gần nhất.
$ qms coverage --help --lang en | head -1; qms coverage --help | head -1
usage: qms coverage AGENCY [--as-of DATE] [--format table|md|json]
cách dùng: qms coverage CƠ_QUAN [--as-of NGÀY] [--format table|md|json]
$ mkdir -p $TMP/lone && printf 'process:\n  code: X\n  purpse: y\n' > $TMP/lone/x.yaml && cd $TMP/lone && qms check x.yaml; LANGUAGE=vi qms check x.yaml; LC_ALL=vi_VN.UTF-8 qms check x.yaml | tail -1; LANGUAGE=fr:vi qms check x.yaml | tail -1
x.yaml:2:3: error[S002]: missing required key 'agency' in process
x.yaml:2:3: error[S002]: missing required key 'lanes' in process
x.yaml:2:3: error[S002]: missing required key 'standard' in process
x.yaml:2:3: error[S002]: missing required key 'steps' in process
x.yaml:2:3: error[S002]: missing required key 'title' in process
x.yaml:3:3: error[S001]: unknown key 'purpse' in process; did you mean 'purpose'?
checked 1 file: 6 errors, 0 warnings
x.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'agency' trong quy trình (process)
x.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'lanes' trong quy trình (process)
x.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'standard' trong quy trình (process)
x.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'steps' trong quy trình (process)
x.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'title' trong quy trình (process)
x.yaml:3:3: lỗi[S001]: khóa 'purpse' không hợp lệ trong quy trình (process); có phải là 'purpose'?
đã kiểm tra 1 tệp: 6 lỗi, 0 cảnh báo
đã kiểm tra 1 tệp: 6 lỗi, 0 cảnh báo
đã kiểm tra 1 tệp: 6 lỗi, 0 cảnh báo
$ mkdir -p $TMP/ws/processes && printf 'workspace: {name: t, lang: en}\n' > $TMP/ws/qms.yaml && printf 'process: {code: X, purpse: y}\n' > $TMP/ws/processes/x.yaml && LANGUAGE=vi qms -C $TMP/ws check processes/x.yaml | tail -1; LANGUAGE=vi qms -C $TMP/ws check --lang vi processes/x.yaml | tail -1
checked 1 file: 6 errors, 0 warnings
đã kiểm tra 1 tệp: 6 lỗi, 0 cảnh báo
$ mkdir -p $TMP/w && printf 'process:\n  code: X\n  owner\xc2\xa0: y\n  title: "Cấp\xe2\x80\x8b phép"\n' > $TMP/w/x.yaml && qms check --lang en $TMP/w/x.yaml | sed "s|$TMP/||"; qms check --lang vi $TMP/w/x.yaml | sed "s|$TMP/||"
w/x.yaml:2:3: error[S002]: missing required key 'agency' in process
w/x.yaml:2:3: error[S002]: missing required key 'lanes' in process
w/x.yaml:2:3: error[S002]: missing required key 'standard' in process
w/x.yaml:2:3: error[S002]: missing required key 'steps' in process
w/x.yaml:3:3: error[S001]: unknown key 'owner ' in process; did you mean 'owner'?
w/x.yaml:3:8: warning[L013]: the key holds a non-breaking space (U+00A0) that cannot be seen; delete it and retype the key
w/x.yaml:4:14: warning[L013]: the text holds a zero-width space (U+200B) that cannot be seen; delete it and retype the word around it
checked 1 file: 5 errors, 2 warnings
w/x.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'agency' trong quy trình (process)
w/x.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'lanes' trong quy trình (process)
w/x.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'standard' trong quy trình (process)
w/x.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'steps' trong quy trình (process)
w/x.yaml:3:3: lỗi[S001]: khóa 'owner ' không hợp lệ trong quy trình (process); có phải là 'owner'?
w/x.yaml:3:8: cảnh báo[L013]: khóa chứa một dấu cách không ngắt dòng (U+00A0) không nhìn thấy được; hãy xóa nó và gõ lại khóa
w/x.yaml:4:14: cảnh báo[L013]: văn bản chứa một dấu cách độ rộng bằng không (U+200B) không nhìn thấy được; hãy xóa nó và gõ lại từ chứa nó
đã kiểm tra 1 tệp: 5 lỗi, 2 cảnh báo

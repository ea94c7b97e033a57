# Exact output and exit codes of qms check on a workspace with mistakes.
$ qms check ws-mixed
ws-mixed/processes/so-a/A-02.yaml:4:11: lỗi[F013]: cơ quan 'so-b' chưa có tệp theo dõi trong audits/; có phải là 'so-a'?
ws-mixed/processes/so-a/A-02.yaml:7:3: lỗi[S001]: khóa 'purpse' không hợp lệ trong quy trình (process); có phải là 'purpose'?
ws-mixed/processes/so-a/A-02.yaml:10:16: cảnh báo[T003]: thời hạn cam kết 4 ngày làm việc cắt giảm 20% so với thời hạn theo quy định 5 ngày làm việc; yêu cầu chung là cắt giảm tối thiểu 40% (cam kết tối đa 3 ngày làm việc)
ws-mixed/processes/so-a/A-02.yaml:21:66: lỗi[F002]: không có bước 'ket-thuc' trong quy trình này
ws-mixed/processes/so-a/A-03.yaml:6:14: lỗi[S004]: '2020-02-30' không phải ngày có thật cho 'effective'; hãy viết YYYY-MM-DD
ws-mixed/processes/so-a/A-03.yaml:10:7: lỗi[F005]: bước kết thúc 'e' lại có bước tiếp theo; bước kết thúc là bước khép lại quy trình
ws-mixed/processes/so-a/A-03.yaml:11:7: lỗi[F006]: không thể đi tới bước 'x' từ bước bắt đầu 's'
ws-mixed/processes/so-a/A-03.yaml:11:51: lỗi[F011]: không có quy trình mã 'A-20' trong thư mục làm việc; có phải là 'A-02'?
đã kiểm tra 5 tệp: 7 lỗi, 1 cảnh báo
[1]
$ qms check -j 1 ws-mixed
ws-mixed/processes/so-a/A-02.yaml:4:11: lỗi[F013]: cơ quan 'so-b' chưa có tệp theo dõi trong audits/; có phải là 'so-a'?
ws-mixed/processes/so-a/A-02.yaml:7:3: lỗi[S001]: khóa 'purpse' không hợp lệ trong quy trình (process); có phải là 'purpose'?
ws-mixed/processes/so-a/A-02.yaml:10:16: cảnh báo[T003]: thời hạn cam kết 4 ngày làm việc cắt giảm 20% so với thời hạn theo quy định 5 ngày làm việc; yêu cầu chung là cắt giảm tối thiểu 40% (cam kết tối đa 3 ngày làm việc)
ws-mixed/processes/so-a/A-02.yaml:21:66: lỗi[F002]: không có bước 'ket-thuc' trong quy trình này
ws-mixed/processes/so-a/A-03.yaml:6:14: lỗi[S004]: '2020-02-30' không phải ngày có thật cho 'effective'; hãy viết YYYY-MM-DD
ws-mixed/processes/so-a/A-03.yaml:10:7: lỗi[F005]: bước kết thúc 'e' lại có bước tiếp theo; bước kết thúc là bước khép lại quy trình
ws-mixed/processes/so-a/A-03.yaml:11:7: lỗi[F006]: không thể đi tới bước 'x' từ bước bắt đầu 's'
ws-mixed/processes/so-a/A-03.yaml:11:51: lỗi[F011]: không có quy trình mã 'A-20' trong thư mục làm việc; có phải là 'A-02'?
đã kiểm tra 5 tệp: 7 lỗi, 1 cảnh báo
[1]
$ qms check -j 2 ws-mixed
ws-mixed/processes/so-a/A-02.yaml:4:11: lỗi[F013]: cơ quan 'so-b' chưa có tệp theo dõi trong audits/; có phải là 'so-a'?
ws-mixed/processes/so-a/A-02.yaml:7:3: lỗi[S001]: khóa 'purpse' không hợp lệ trong quy trình (process); có phải là 'purpose'?
ws-mixed/processes/so-a/A-02.yaml:10:16: cảnh báo[T003]: thời hạn cam kết 4 ngày làm việc cắt giảm 20% so với thời hạn theo quy định 5 ngày làm việc; yêu cầu chung là cắt giảm tối thiểu 40% (cam kết tối đa 3 ngày làm việc)
ws-mixed/processes/so-a/A-02.yaml:21:66: lỗi[F002]: không có bước 'ket-thuc' trong quy trình này
ws-mixed/processes/so-a/A-03.yaml:6:14: lỗi[S004]: '2020-02-30' không phải ngày có thật cho 'effective'; hãy viết YYYY-MM-DD
ws-mixed/processes/so-a/A-03.yaml:10:7: lỗi[F005]: bước kết thúc 'e' lại có bước tiếp theo; bước kết thúc là bước khép lại quy trình
ws-mixed/processes/so-a/A-03.yaml:11:7: lỗi[F006]: không thể đi tới bước 'x' từ bước bắt đầu 's'
ws-mixed/processes/so-a/A-03.yaml:11:51: lỗi[F011]: không có quy trình mã 'A-20' trong thư mục làm việc; có phải là 'A-02'?
đã kiểm tra 5 tệp: 7 lỗi, 1 cảnh báo
[1]
$ qms -C ws-mixed check
processes/so-a/A-02.yaml:4:11: lỗi[F013]: cơ quan 'so-b' chưa có tệp theo dõi trong audits/; có phải là 'so-a'?
processes/so-a/A-02.yaml:7:3: lỗi[S001]: khóa 'purpse' không hợp lệ trong quy trình (process); có phải là 'purpose'?
processes/so-a/A-02.yaml:10:16: cảnh báo[T003]: thời hạn cam kết 4 ngày làm việc cắt giảm 20% so với thời hạn theo quy định 5 ngày làm việc; yêu cầu chung là cắt giảm tối thiểu 40% (cam kết tối đa 3 ngày làm việc)
processes/so-a/A-02.yaml:21:66: lỗi[F002]: không có bước 'ket-thuc' trong quy trình này
processes/so-a/A-03.yaml:6:14: lỗi[S004]: '2020-02-30' không phải ngày có thật cho 'effective'; hãy viết YYYY-MM-DD
processes/so-a/A-03.yaml:10:7: lỗi[F005]: bước kết thúc 'e' lại có bước tiếp theo; bước kết thúc là bước khép lại quy trình
processes/so-a/A-03.yaml:11:7: lỗi[F006]: không thể đi tới bước 'x' từ bước bắt đầu 's'
processes/so-a/A-03.yaml:11:51: lỗi[F011]: không có quy trình mã 'A-20' trong thư mục làm việc; có phải là 'A-02'?
đã kiểm tra 5 tệp: 7 lỗi, 1 cảnh báo
[1]
$ qms check -C ws-mixed processes/so-a/A-01.yaml
đã kiểm tra 1 tệp: không có vấn đề gì
$ qms check ws-mixed/processes/so-a/A-03.yaml
ws-mixed/processes/so-a/A-03.yaml:6:14: lỗi[S004]: '2020-02-30' không phải ngày có thật cho 'effective'; hãy viết YYYY-MM-DD
ws-mixed/processes/so-a/A-03.yaml:10:7: lỗi[F005]: bước kết thúc 'e' lại có bước tiếp theo; bước kết thúc là bước khép lại quy trình
ws-mixed/processes/so-a/A-03.yaml:11:7: lỗi[F006]: không thể đi tới bước 'x' từ bước bắt đầu 's'
ws-mixed/processes/so-a/A-03.yaml:11:51: lỗi[F011]: không có quy trình mã 'A-20' trong thư mục làm việc; có phải là 'A-02'?
đã kiểm tra 1 tệp: 4 lỗi, 0 cảnh báo
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
$ cd ws-mixed/processes && qms check so-a/A-02.yaml
so-a/A-02.yaml:4:11: lỗi[F013]: cơ quan 'so-b' chưa có tệp theo dõi trong audits/; có phải là 'so-a'?
so-a/A-02.yaml:7:3: lỗi[S001]: khóa 'purpse' không hợp lệ trong quy trình (process); có phải là 'purpose'?
so-a/A-02.yaml:10:16: cảnh báo[T003]: thời hạn cam kết 4 ngày làm việc cắt giảm 20% so với thời hạn theo quy định 5 ngày làm việc; yêu cầu chung là cắt giảm tối thiểu 40% (cam kết tối đa 3 ngày làm việc)
so-a/A-02.yaml:21:66: lỗi[F002]: không có bước 'ket-thuc' trong quy trình này
đã kiểm tra 1 tệp: 3 lỗi, 1 cảnh báo
[1]
$ qms check - --stdin-filename ws-mixed/processes/so-a/A-03.yaml < ws-mixed/processes/so-a/A-03.yaml
ws-mixed/processes/so-a/A-03.yaml:6:14: lỗi[S004]: '2020-02-30' không phải ngày có thật cho 'effective'; hãy viết YYYY-MM-DD
ws-mixed/processes/so-a/A-03.yaml:10:7: lỗi[F005]: bước kết thúc 'e' lại có bước tiếp theo; bước kết thúc là bước khép lại quy trình
ws-mixed/processes/so-a/A-03.yaml:11:7: lỗi[F006]: không thể đi tới bước 'x' từ bước bắt đầu 's'
ws-mixed/processes/so-a/A-03.yaml:11:51: lỗi[F011]: không có quy trình mã 'A-20' trong thư mục làm việc; có phải là 'A-02'?
đã kiểm tra 1 tệp: 4 lỗi, 0 cảnh báo
[1]
$ qms check - --stdin-filename ws-mixed/processes/so-a/NEW.yaml < ws-mixed/processes/so-a/A-03.yaml | tail -1
checked 1 file: 5 errors, 0 warnings
$ printf 'process: [\n' | qms check - --stdin-filename ws-mixed/processes/so-a/X.yaml
ws-mixed/processes/so-a/X.yaml:2:1: error[L001]: did not find expected node content while parsing a flow node (line 2, column 1)
checked 1 file: 1 error, 0 warnings
[1]
$ qms check --stdin-filename x.yaml ws-mixed
qms: --stdin-filename đi cùng '-' (tài liệu ở đầu vào chuẩn)
[2]
$ qms -C ../.. check --max-warnings 2 > /dev/null; echo "exit $?"
exit 1
$ qms -C ../.. check --max-warnings 3 > /dev/null; echo "exit $?"
exit 0
$ qms check --max-warnings many
qms: 'many' không phải số nguyên từ 0 đến 1000000000 cho --max-warnings
[2]
$ qms check --format github ws-mixed/processes/so-a/A-03.yaml
::error file=ws-mixed/processes/so-a/A-03.yaml,line=6,col=14,endLine=6,endColumn=24,title=qms S004 bad-date::'2020-02-30' không phải ngày có thật cho 'effective'; hãy viết YYYY-MM-DD
::error file=ws-mixed/processes/so-a/A-03.yaml,line=10,col=7,endLine=10,endColumn=10,title=qms F005 end-has-next::bước kết thúc 'e' lại có bước tiếp theo; bước kết thúc là bước khép lại quy trình
::error file=ws-mixed/processes/so-a/A-03.yaml,line=11,col=7,endLine=11,endColumn=10,title=qms F006 unreachable::không thể đi tới bước 'x' từ bước bắt đầu 's'
::error file=ws-mixed/processes/so-a/A-03.yaml,line=11,col=51,endLine=11,endColumn=55,title=qms F011 unknown-process::không có quy trình mã 'A-20' trong thư mục làm việc; có phải là 'A-02'?
[1]
$ qms check --explain F002 --format json
{
  "code": "F002",
  "severity": "error",
  "name": "unknown-step",
  "what": "`next` của một bước hoặc của một nhánh nêu bước không tồn tại.",
  "fix": "Dùng mã của một bước có thật; thông báo gợi ý mã gần nhất."
}
$ qms check --schema --format json
qms: --format json không dùng được ở đây: --schema in ra md
[2]
$ qms check --list-rules --format json | head -9
[
  {
    "code": "L001",
    "severity": "error",
    "name": "syntax",
    "what": "Tệp không phải YAML hợp lệ (sau đây là thông báo của bộ phân tích).",
    "fix": "Sửa YAML tại vị trí được nêu: thường là thụt lề, thiếu dấu `:` hoặc dấu ngoặc kép, ngoặc vuông chưa đóng."
  },
  {
$ qms check --format json -o $TMP/c.json ws-mixed/processes/so-a/A-03.yaml; python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["errors"])' $TMP/c.json
4

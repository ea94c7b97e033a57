# Issue 17, finding 7: a write to standard output that fails (a full disk, a closed stream) is
# an I/O error, exit 2 with a message, for every command; before, qms exited 0 and the output
# was lost without a word. A closed standard output is not handed to the next file qms opens.
$ for c in "check --format json" "check" "audit status --as-of 2020-09-30" "audit status --as-of 2020-09-30 --format csv" "audit board --as-of 2020-09-30"; do qms -C ws-iso $c > /dev/full; echo "$c: exit $?"; done 2>&1
qms: không ghi được ra đầu ra chuẩn: No space left on device
check --format json: exit 3
qms: không ghi được ra đầu ra chuẩn: No space left on device
check: exit 3
qms: không ghi được ra đầu ra chuẩn: No space left on device
audit status --as-of 2020-09-30: exit 3
qms: không ghi được ra đầu ra chuẩn: No space left on device
audit status --as-of 2020-09-30 --format csv: exit 3
qms: không ghi được ra đầu ra chuẩn: No space left on device
audit board --as-of 2020-09-30: exit 3
$ for c in "coverage so-a" "clauses" "clauses --format json" "migrate so-a"; do qms -C ws-iso $c > /dev/full; echo "$c: exit $?"; done 2>&1
qms: không ghi được ra đầu ra chuẩn: No space left on device
coverage so-a: exit 3
qms: không ghi được ra đầu ra chuẩn: No space left on device
clauses: exit 3
qms: không ghi được ra đầu ra chuẩn: No space left on device
clauses --format json: exit 3
qms: không ghi được ra đầu ra chuẩn: No space left on device
migrate so-a: exit 3
$ for c in "report --as-of 2020-09-30" "report --as-of 2020-09-30 --format csv" "check --list-rules" "--help"; do qms -C ws-iso $c > /dev/full; echo "$c: exit $?"; done 2>&1
qms: các tệp của thư mục làm việc có 2 lỗi (đã tính trong báo cáo); 'qms check' liệt kê chi tiết
qms: không ghi được ra đầu ra chuẩn: No space left on device
report --as-of 2020-09-30: exit 3
qms: các tệp của thư mục làm việc có 2 lỗi (đã tính trong báo cáo); 'qms check' liệt kê chi tiết
qms: không ghi được ra đầu ra chuẩn: No space left on device
report --as-of 2020-09-30 --format csv: exit 3
qms: không ghi được ra đầu ra chuẩn: No space left on device
check --list-rules: exit 3
qms: không ghi được ra đầu ra chuẩn: No space left on device
--help: exit 3
$ for c in "check" "audit status --as-of 2020-09-30" "coverage so-a" "clauses 7.5" "report --as-of 2020-09-30" "--version"; do qms -C ws-iso $c >&-; echo "$c: exit $?"; done 2>&1
qms: đầu ra chuẩn đã bị đóng nên không ghi được gì; hãy chuyển hướng nó vào một tệp hoặc vào /dev/null
check: exit 3
qms: đầu ra chuẩn đã bị đóng nên không ghi được gì; hãy chuyển hướng nó vào một tệp hoặc vào /dev/null
audit status --as-of 2020-09-30: exit 3
qms: đầu ra chuẩn đã bị đóng nên không ghi được gì; hãy chuyển hướng nó vào một tệp hoặc vào /dev/null
coverage so-a: exit 3
qms: đầu ra chuẩn đã bị đóng nên không ghi được gì; hãy chuyển hướng nó vào một tệp hoặc vào /dev/null
clauses 7.5: exit 3
qms: các tệp của thư mục làm việc có 2 lỗi (đã tính trong báo cáo); 'qms check' liệt kê chi tiết
qms: đầu ra chuẩn đã bị đóng nên không ghi được gì; hãy chuyển hướng nó vào một tệp hoặc vào /dev/null
report --as-of 2020-09-30: exit 3
qms: đầu ra chuẩn đã bị đóng nên không ghi được gì; hãy chuyển hướng nó vào một tệp hoặc vào /dev/null
--version: exit 3
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e apply --done 2020-08-03 >&-; echo "exit $?"; grep -c "2020-08-03" $TMP/ws/audits/so-e.yaml; ls -a $TMP/ws/audits
qms: đầu ra chuẩn đã bị đóng nên không ghi được gì; hãy chuyển hướng nó vào một tệp hoặc vào /dev/null
exit 3
1
.
..
.so-e.yaml.lock
so-e.yaml
$ qms -C ws-iso check > /dev/null; echo "exit $?"
exit 1

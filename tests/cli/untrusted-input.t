# Issue 17 (security review), the input side: each case failed before its fix.
# Finding 5: catalogs that cannot be used stop every command that runs clause rules (exit 2,
# naming the folder and where it came from), instead of skipping the rules in silence.
$ for c in "check" "coverage so-a" "migrate so-a" "clauses" "report --as-of 2020-09-30" "site --out $TMP/site --as-of 2020-09-30" "audit stage so-a plan --done 2020-01-01"; do QMS_STANDARDS=/nonexistent-qms-standards qms -C ws-audit $c > /dev/null; echo "$c: exit $?"; done 2>&1 | sed "s|$TMP|\$TMP|g"
qms: QMS_STANDARDS chỉ đến '/nonexistent-qms-standards', không phải là thư mục; hãy đặt biến này là thư mục chứa các danh mục ISO 9001 (iso9001-2015.yaml ...) hoặc bỏ biến này đi
check: exit 2
qms: QMS_STANDARDS chỉ đến '/nonexistent-qms-standards', không phải là thư mục; hãy đặt biến này là thư mục chứa các danh mục ISO 9001 (iso9001-2015.yaml ...) hoặc bỏ biến này đi
coverage so-a: exit 2
qms: QMS_STANDARDS chỉ đến '/nonexistent-qms-standards', không phải là thư mục; hãy đặt biến này là thư mục chứa các danh mục ISO 9001 (iso9001-2015.yaml ...) hoặc bỏ biến này đi
migrate so-a: exit 2
qms: QMS_STANDARDS chỉ đến '/nonexistent-qms-standards', không phải là thư mục; hãy đặt biến này là thư mục chứa các danh mục ISO 9001 (iso9001-2015.yaml ...) hoặc bỏ biến này đi
clauses: exit 2
qms: QMS_STANDARDS chỉ đến '/nonexistent-qms-standards', không phải là thư mục; hãy đặt biến này là thư mục chứa các danh mục ISO 9001 (iso9001-2015.yaml ...) hoặc bỏ biến này đi
report --as-of 2020-09-30: exit 2
qms: QMS_STANDARDS chỉ đến '/nonexistent-qms-standards', không phải là thư mục; hãy đặt biến này là thư mục chứa các danh mục ISO 9001 (iso9001-2015.yaml ...) hoặc bỏ biến này đi
site --out $TMP/site --as-of 2020-09-30: exit 2
qms: QMS_STANDARDS chỉ đến '/nonexistent-qms-standards', không phải là thư mục; hãy đặt biến này là thư mục chứa các danh mục ISO 9001 (iso9001-2015.yaml ...) hoặc bỏ biến này đi
audit stage so-a plan --done 2020-01-01: exit 2
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && mkdir std && cp $OLDPWD/../../standards/iso9001-2015.yaml std/ && QMS_STANDARDS=std qms check
qms: không dùng được các danh mục ISO 9001 trong 'std' (do biến QMS_STANDARDS chỉ định): không có danh mục điều khoản của ISO 9001:2008; các quy tắc về điều khoản cần đủ từng danh mục: hãy khôi phục danh mục đó, hoặc đặt QMS_STANDARDS là thư mục có đủ bộ danh mục
[2]
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && cp -r $OLDPWD/../../standards std && ln -sf /nonexistent std/iso9001-2008.yaml && QMS_STANDARDS=std qms coverage so-a
qms: không dùng được các danh mục ISO 9001 trong 'std' (do biến QMS_STANDARDS chỉ định): không đọc được một danh mục: std/iso9001-2008.yaml:1:1: lỗi[L012]: không mở được: No such file or directory; các quy tắc về điều khoản cần đủ từng danh mục: hãy khôi phục danh mục đó, hoặc đặt QMS_STANDARDS là thư mục có đủ bộ danh mục
[2]
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && cp -r $OLDPWD/../../standards std && printf 'standard: [\n' > std/correlation-2008-2015.yaml && QMS_STANDARDS=std qms report --as-of 2020-09-30
qms: không dùng được các danh mục ISO 9001 trong 'std' (do biến QMS_STANDARDS chỉ định): không đọc được một danh mục: std/correlation-2008-2015.yaml:2:1: lỗi[L001]: không tìm thấy nội dung cần có khi đọc một phần tử viết liền (dòng 2, cột 1); các quy tắc về điều khoản cần đủ từng danh mục: hãy khôi phục danh mục đó, hoặc đặt QMS_STANDARDS là thư mục có đủ bộ danh mục
[2]
$ cp -r ws-audit $TMP/ws && mkdir $TMP/ws/standards && cd $TMP/ws && qms check
qms: không dùng được các danh mục ISO 9001 trong 'standards' (thư mục standards/ riêng của không gian làm việc): không có danh mục điều khoản của ISO 9001:2015; các quy tắc về điều khoản cần đủ từng danh mục: hãy khôi phục danh mục đó, hoặc đặt QMS_STANDARDS là thư mục có đủ bộ danh mục
[2]
$ cp -r ws-audit $TMP/ws && mkfifo $TMP/ws/audits/so-z.yaml && cd $TMP/ws && timeout 100 qms check
audits/so-z.yaml:1:1: lỗi[L012]: đây là một FIFO (đường ống có tên), không phải tệp thông thường; hãy đổi tên hoặc chuyển nó ra khỏi không gian làm việc
đã kiểm tra 7 tệp: 1 lỗi, 0 cảnh báo
[1]
$ cp -r ws-audit $TMP/ws && mkfifo $TMP/ws/audits/so-z.yaml && cd $TMP/ws && timeout 100 qms audit status --as-of 2020-09-30 --format csv
audits/so-z.yaml:1:1: lỗi[L012]: đây là một FIFO (đường ống có tên), không phải tệp thông thường; hãy đổi tên hoặc chuyển nó ra khỏi không gian làm việc
﻿agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
so-a,Sở A tỉnh Mẫu,province,report,,2020-09-30,0,done,1,1,1
so-d,"Sở Khoa học & Công nghệ ""Mẫu"" <thử>",province,plan,training,2020-12-31,92,on-track,0,0,0
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,0,overdue,0,0,0
ubnd-xa-c,UBND xã C,commune,documentation,apply,2020-09-15,-15,overdue,0,0,0
[1]
$ cp -r ws-audit $TMP/ws && mkfifo $TMP/ws/audits/so-z.yaml && cd $TMP/ws && timeout 100 qms report --as-of 2020-09-30 > /dev/null
qms: các tệp của thư mục làm việc có 1 lỗi (đã tính trong báo cáo); 'qms check' liệt kê chi tiết
$ printf 'process:\n  code: "A-01\\0../../tmp/pwn"\n' > $TMP/nul.yaml && printf 'process:\n  title: "Evil \\e]0;PWNED\\a\\e[2J"\n' > $TMP/esc.yaml && printf 'process:\n  title: "x\\u0085y"\n' > $TMP/c1.yaml && printf 'process:\n  "a\\tb": 1\n' > $TMP/key.yaml && printf 'process:\n  title: "tab\\there\\nand a newline"\n' > $TMP/fine.yaml && cd $TMP && qms check nul.yaml esc.yaml c1.yaml key.yaml; qms check fine.yaml | grep -c L004
c1.yaml:2:10: error[L004]: this text holds control character U+0085, written as an escape such as \e or \x1b; terminals and other programs act on it: delete it
esc.yaml:2:10: error[L004]: this text holds control character U+001B, written as an escape such as \e or \x1b; terminals and other programs act on it: delete it
key.yaml:2:3: error[L004]: this key holds control character U+0009; write keys as plain words
nul.yaml:2:9: error[L004]: this text holds a NUL character (an escape such as \0); other programs would read it differently: delete it
checked 4 files: 4 errors, 0 warnings
0
[1]
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && for n in "$(printf 'e\033[2Jvil')" "$(printf 'x\377')"; do sed '/^  id:/d; /^  name:/d' audits/so-d.yaml > "audits/$n.yaml"; done && qms check; qms audit status --as-of 2020-09-30 --lang en | grep -a "vil\|x\\\\"; qms audit status --as-of 2020-09-30 --format json | python3 -c 'import json, sys; print(sorted(a["agency"] for a in json.loads(sys.stdin.buffer.read().decode("utf-8"))))'; qms report --as-of 2020-09-30 --lang en 2>/dev/null | grep -ao 'e\\x1b\[2Jvil\|x\\xff' | sort | uniq -c
audits/e\x1b[2Jvil.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'id' trong cơ quan (agency)
audits/e\x1b[2Jvil.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'name' trong cơ quan (agency)
audits/x\xff.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'id' trong cơ quan (agency)
audits/x\xff.yaml:2:3: lỗi[S002]: thiếu khóa bắt buộc 'name' trong cơ quan (agency)
đã kiểm tra 8 tệp: 4 lỗi, 0 cảnh báo
e\x1b[2Jvil                          Province  Plan             Training        2020-12-31         92  on track              0        0           0
x\xff                                Province  Plan             Training        2020-12-31         92  on track              0        0           0
['e\x1b[2Jvil', 'so-a', 'so-d', 'ubnd-huyen-b', 'ubnd-xa-c', 'x�']
      3 x\xff
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && sed -i "s/^    - {stage: announcement, done: 2020-09-10}/    - {stage: announcement, done: 2020-09-10, evidence: \"=cmd|' \/C calc'!A0\"}/; s/^  name: Sở A tỉnh Mẫu/  name: \"@SUM(1+1)*cmd\"/" audits/so-a.yaml && grep -c "=cmd" audits/so-a.yaml && qms audit status --as-of 2020-09-30 --format csv && qms report --as-of 2020-09-30 --format csv 2>/dev/null | cut -d, -f1-11
1
﻿agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
so-a,"'@SUM(1+1)*cmd",province,report,,2020-09-30,0,done,1,1,1
so-d,"Sở Khoa học & Công nghệ ""Mẫu"" <thử>",province,plan,training,2020-12-31,92,on-track,0,0,0
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,0,overdue,0,0,0
ubnd-xa-c,UBND xã C,commune,documentation,apply,2020-09-15,-15,overdue,0,0,0
﻿agency,name,level,tracked,status,last_stage,next_stage,deadline,days_left,announced,decision
so-a,"'@SUM(1+1)*cmd",province,yes,done,report,,2020-09-30,0,2020-09-10,"'=cmd|' /C calc'!A0"
so-d,"Sở Khoa học & Công nghệ ""Mẫu"" <thử>",province,yes,on-track,plan,training,2020-12-31,92,,
ubnd-huyen-b,UBND huyện B,district,yes,overdue,apply,internal-audit,2020-09-30,0,,
ubnd-xa-c,UBND xã C,commune,yes,overdue,documentation,apply,2020-09-15,-15,,
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && sed '/^  id:/d' audits/so-d.yaml > "audits/a&b<c.yaml" && qms audit board --as-of 2020-09-30 > $TMP/b.svg; python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1]); print("well-formed")' $TMP/b.svg && grep -o "(a&amp;b&lt;c)" $TMP/b.svg
well-formed
(a&amp;b&lt;c)

# Issue 17 (security review), the input side: each case failed before its fix.
# Finding 5: catalogs that cannot be used stop every command that runs clause rules (exit 2,
# naming the folder and where it came from), instead of skipping the rules in silence.
$ for c in "check" "coverage so-a" "migrate so-a" "clauses" "report --as-of 2020-09-30" "site --out $TMP/site --as-of 2020-09-30" "audit stage so-a plan --done 2020-01-01"; do QMS_STANDARDS=/nonexistent-qms-standards qms -C ws-audit $c > /dev/null; echo "$c: exit $?"; done 2>&1 | sed "s|$TMP|\$TMP|g"
qms: QMS_STANDARDS names '/nonexistent-qms-standards', which is not a folder; set it to the folder of the catalogs of ISO 9001 (iso9001-2015.yaml ...) or unset it
check: exit 2
qms: QMS_STANDARDS names '/nonexistent-qms-standards', which is not a folder; set it to the folder of the catalogs of ISO 9001 (iso9001-2015.yaml ...) or unset it
coverage so-a: exit 2
qms: QMS_STANDARDS names '/nonexistent-qms-standards', which is not a folder; set it to the folder of the catalogs of ISO 9001 (iso9001-2015.yaml ...) or unset it
migrate so-a: exit 2
qms: QMS_STANDARDS names '/nonexistent-qms-standards', which is not a folder; set it to the folder of the catalogs of ISO 9001 (iso9001-2015.yaml ...) or unset it
clauses: exit 2
qms: QMS_STANDARDS names '/nonexistent-qms-standards', which is not a folder; set it to the folder of the catalogs of ISO 9001 (iso9001-2015.yaml ...) or unset it
report --as-of 2020-09-30: exit 2
qms: QMS_STANDARDS names '/nonexistent-qms-standards', which is not a folder; set it to the folder of the catalogs of ISO 9001 (iso9001-2015.yaml ...) or unset it
site --out $TMP/site --as-of 2020-09-30: exit 2
qms: QMS_STANDARDS names '/nonexistent-qms-standards', which is not a folder; set it to the folder of the catalogs of ISO 9001 (iso9001-2015.yaml ...) or unset it
audit stage so-a plan --done 2020-01-01: exit 2
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && mkdir std && cp $OLDPWD/../../standards/iso9001-2015.yaml std/ && QMS_STANDARDS=std qms check
qms: cannot use the catalogs of ISO 9001 in 'std' (named by QMS_STANDARDS): there is no catalog of ISO 9001:2008; the clause rules need each of them: restore it, or set QMS_STANDARDS to a folder with the whole set
[2]
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && cp -r $OLDPWD/../../standards std && ln -sf /nonexistent std/iso9001-2008.yaml && QMS_STANDARDS=std qms coverage so-a
qms: cannot use the catalogs of ISO 9001 in 'std' (named by QMS_STANDARDS): cannot read a catalog: std/iso9001-2008.yaml:1:1: error[L012]: cannot open: No such file or directory; the clause rules need each of them: restore it, or set QMS_STANDARDS to a folder with the whole set
[2]
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && cp -r $OLDPWD/../../standards std && printf 'standard: [\n' > std/correlation-2008-2015.yaml && QMS_STANDARDS=std qms report --as-of 2020-09-30
qms: cannot use the catalogs of ISO 9001 in 'std' (named by QMS_STANDARDS): cannot read a catalog: std/correlation-2008-2015.yaml:2:1: error[L001]: did not find expected node content while parsing a flow node (line 2, column 1); the clause rules need each of them: restore it, or set QMS_STANDARDS to a folder with the whole set
[2]
$ cp -r ws-audit $TMP/ws && mkdir $TMP/ws/standards && cd $TMP/ws && qms check
qms: cannot use the catalogs of ISO 9001 in 'standards' (the workspace's own standards/ folder): there is no catalog of ISO 9001:2015; the clause rules need each of them: restore it, or set QMS_STANDARDS to a folder with the whole set
[2]
$ cp -r ws-audit $TMP/ws && mkfifo $TMP/ws/audits/so-z.yaml && cd $TMP/ws && timeout 20 qms check; timeout 20 qms audit status --as-of 2020-09-30 --format csv > /dev/null; echo "status: exit $?"; timeout 60 qms report --as-of 2020-09-30 > /dev/null; echo "report: exit $?"
audits/so-z.yaml:1:1: error[L012]: this is a FIFO (named pipe), not a regular file; rename it or move it out of the workspace
checked 7 files: 1 error, 0 warnings
audits/so-z.yaml:1:1: error[L012]: this is a FIFO (named pipe), not a regular file; rename it or move it out of the workspace
status: exit 1
qms: 1 error in the workspace's files (counted in the report); 'qms check' lists it
report: exit 0
$ printf 'process:\n  code: "A-01\\0../../tmp/pwn"\n' > $TMP/nul.yaml && printf 'process:\n  title: "Evil \\e]0;PWNED\\a\\e[2J"\n' > $TMP/esc.yaml && printf 'process:\n  title: "x\\u0085y"\n' > $TMP/c1.yaml && printf 'process:\n  "a\\tb": 1\n' > $TMP/key.yaml && printf 'process:\n  title: "tab\\there\\nand a newline"\n' > $TMP/fine.yaml && cd $TMP && qms check nul.yaml esc.yaml c1.yaml key.yaml; qms check fine.yaml | grep -c L004
c1.yaml:2:10: error[L004]: this text holds control character U+0085, written as an escape such as \e or \x1b; terminals and other programs act on it: delete it
esc.yaml:2:10: error[L004]: this text holds control character U+001B, written as an escape such as \e or \x1b; terminals and other programs act on it: delete it
key.yaml:2:3: error[L004]: this key holds control character U+0009; write keys as plain words
nul.yaml:2:9: error[L004]: this text holds a NUL character (an escape such as \0); other programs would read it differently: delete it
checked 4 files: 4 errors, 0 warnings
0
[1]
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && for n in "$(printf 'e\033[2Jvil')" "$(printf 'x\377')"; do sed '/^  id:/d; /^  name:/d' audits/so-d.yaml > "audits/$n.yaml"; done && qms check; qms audit status --as-of 2020-09-30 --lang en | grep -a "vil\|x\\\\"; qms audit status --as-of 2020-09-30 --format json | python3 -c 'import json, sys; print(sorted(a["agency"] for a in json.loads(sys.stdin.buffer.read().decode("utf-8"))))'; qms report --as-of 2020-09-30 --lang en 2>/dev/null | grep -a "^- x\|^| x"
audits/e\x1b[2Jvil.yaml:2:3: error[S002]: missing required key 'id' in agency
audits/e\x1b[2Jvil.yaml:2:3: error[S002]: missing required key 'name' in agency
audits/x\xff.yaml:2:3: error[S002]: missing required key 'id' in agency
audits/x\xff.yaml:2:3: error[S002]: missing required key 'name' in agency
checked 8 files: 4 errors, 0 warnings
e\x1b[2Jvil                          Province  Plan             Training        2020-12-31         92  on track              0        0           0
x\xff                                Province  Plan             Training        2020-12-31         92  on track              0        0           0
['e\x1b[2Jvil', 'so-a', 'so-d', 'ubnd-huyen-b', 'ubnd-xa-c', 'x�']
- x\xff: next stage Training, deadline 31 December 2020.
| x\xff | 0 | 0 | 0 | 0 | 0 | - | 2 | 0 |
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && sed -i "s/^    - {stage: announcement, done: 2020-09-10}/    - {stage: announcement, done: 2020-09-10, evidence: \"=cmd|' \/C calc'!A0\"}/; s/^  name: Sở A tỉnh Mẫu/  name: \"@SUM(1+1)*cmd\"/" audits/so-a.yaml && grep -c "=cmd" audits/so-a.yaml && qms audit status --as-of 2020-09-30 --format csv && qms report --as-of 2020-09-30 --format csv 2>/dev/null | cut -d, -f1-11
1
agency,name,level,last_stage,next_stage,deadline,days_left,status,findings_open,findings_overdue,findings_unverified
so-a,"'@SUM(1+1)*cmd",province,report,,2020-09-30,0,done,1,1,1
so-d,"Sở Khoa học & Công nghệ ""Mẫu"" <thử>",province,plan,training,2020-12-31,92,on-track,0,0,0
ubnd-huyen-b,UBND huyện B,district,apply,internal-audit,2020-09-30,0,at-risk,0,0,0
ubnd-xa-c,UBND xã C,commune,documentation,apply,2020-09-15,-15,overdue,0,0,0
agency,name,level,tracked,status,last_stage,next_stage,deadline,days_left,announced,decision
so-a,"'@SUM(1+1)*cmd",province,yes,done,report,,2020-09-30,0,2020-09-10,"'=cmd|' /C calc'!A0"
so-d,"Sở Khoa học & Công nghệ ""Mẫu"" <thử>",province,yes,on-track,plan,training,2020-12-31,92,,
ubnd-huyen-b,UBND huyện B,district,yes,at-risk,apply,internal-audit,2020-09-30,0,,
ubnd-xa-c,UBND xã C,commune,yes,overdue,documentation,apply,2020-09-15,-15,,
$ cp -r ws-audit $TMP/ws && cd $TMP/ws && sed '/^  id:/d' audits/so-d.yaml > "audits/a&b<c.yaml" && qms audit board --as-of 2020-09-30 > $TMP/b.svg; python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1]); print("well-formed")' $TMP/b.svg && grep -o "(a&amp;b&lt;c)" $TMP/b.svg
well-formed
(a&amp;b&lt;c)

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
qms: 1 error in the workspace's files (counted in the report); 'qms check' lists them
report: exit 0

# The TTHC record, inter-agency lanes and document control: A-01 uses every
# key correctly; A-02 makes each mistake once.
$ qms check ws-tthc/processes/so-a/A-01.yaml ws-tthc/processes/so-b
checked 2 files: no problems
$ qms check ws-tthc
ws-tthc/processes/so-a/A-02.yaml:6:12: error[D008]: the header says edition 3 but the revision history ends at edition 1; make them agree
ws-tthc/processes/so-a/A-02.yaml:8:16: warning[D009]: '63/2010/NĐ-CP' was replaced by Nghị định 92/2017/NĐ-CP; cite the text in force
ws-tthc/processes/so-a/A-02.yaml:10:9: error[D001]: '1-000003' is not a TTHC code; write the code of the national database, digits joined by dots, in quotes: "1.001193"
ws-tthc/processes/so-a/A-02.yaml:12:25: error[S008]: 'fax' is not a valid 'filing'; use one of 'in-person', 'post', 'online'
ws-tthc/processes/so-a/A-02.yaml:16:11: error[D002]: dossier component 'Đơn đề nghị' has no 'count'; say how many the citizen brings, e.g. 'count: 1'
ws-tthc/processes/so-a/A-02.yaml:17:54: error[F010]: a dossier component names form 'BV', which is not declared under forms
ws-tthc/processes/so-a/A-02.yaml:19:9: error[D003]: a fee needs an 'amount' in đồng, the legal 'basis' that sets it, or why it is 'exempt'
ws-tthc/processes/so-a/A-02.yaml:20:29: error[D004]: '50 nghìn đồng' is not a sum in đồng; write e.g. '50.000 đồng' or '200.000 đồng/lần', or put a rate under 'basis'
ws-tthc/processes/so-a/A-02.yaml:21:18: error[F010]: the result names form 'GP', which is not declared under forms
ws-tthc/processes/so-a/A-02.yaml:25:36: error[D005]: lane agency 'so-c' has no tracker in audits/; did you mean 'so-a'? (a body outside the workspace goes under 'body')
ws-tthc/processes/so-a/A-02.yaml:26:48: error[D005]: lane 'sb' names both agency 'so-b' and body 'Sở B tỉnh khác'; keep 'agency' for an agency of the workspace, 'body' for one outside it
ws-tthc/processes/so-a/A-02.yaml:27:46: error[D006]: lane 'cv' names procedure 'B-01' but no 'agency'; say which agency of the workspace runs it
ws-tthc/processes/so-a/A-02.yaml:28:66: error[D007]: the steps of 'so-b' take up to 2 working days, more than the 1 working day its own procedure B-01 commits to
ws-tthc/processes/so-a/A-02.yaml:30:22: warning[D010]: form 'Mẫu 03/2013/TT-LLTP' was replaced by Mẫu 03/2023/TT-BTP; use the form in force
ws-tthc/processes/so-a/A-02.yaml:40:19: error[D008]: revision of edition 1 comes after edition 2; list revisions oldest first, one per edition
ws-tthc/processes/so-a/A-03.yaml:12:62: error[D007]: the steps of 'so-b' take up to 3 working days, more than the 2 working days allowed to it
checked 7 files: 14 errors, 2 warnings
[1]
$ qms -C ws-tthc export
qms: 'qms export' needs a procedure; see 'qms export --help'
[2]
$ qms -C ws-tthc export B-02
qms: no procedure 'B-02' in the workspace; did you mean 'A-02'?
[2]
$ qms -C ws-tthc export A-01 --format odt
qms: 'odt' is not a value of --format: use pdf, docx
[2]
$ qms -C ws-tthc export A-01 B-01
qms: too many arguments for 'qms export': 'B-01'; see 'qms export --help'
[2]
$ qms -C ws-tthc export A-01 --format docx -o $TMP/a.docx | sed "s|$TMP|TMP|"
wrote TMP/a.docx
$ qms -C ws-tthc export A-01 --format docx -o $TMP/a.docx > /dev/null && qms -C ws-tthc export processes/so-a/A-01.yaml --format docx -o $TMP/b.docx > /dev/null && cmp $TMP/a.docx $TMP/b.docx && head -c 2 $TMP/a.docx; echo
PK
$ QMS_CHROMIUM=no-such-browser qms -C ws-tthc export A-01 -o $TMP/a.pdf; ls $TMP
qms: cannot run 'no-such-browser': install Debian's chromium, or name the browser with QMS_CHROMIUM

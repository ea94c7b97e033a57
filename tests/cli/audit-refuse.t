# Edits that would break a rule are refused with the reason (exit 1) and the file stays as
# it was; names that do not exist and wrong arguments are usage errors (exit 2).
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e apply --done 2020-07-01; echo "exit $?"; cmp ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml && echo unchanged
audits/so-e.yaml:20:28: error[A003]: stage 'apply' done 2020-07-01 is before 'documentation' done 2020-07-31 (line 19); dates never go back
qms: audits/so-e.yaml not changed: the change would add the error above
exit 1
unchanged
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e announcement --done 2020-09-10; echo "exit $?"; cmp ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml && echo unchanged
audits/so-e.yaml:20:15: error[A004]: announcement without internal-audit and management-review: the system is announced only after an internal audit and a management review
audits/so-e.yaml:20:15: warning[A013]: stage 'apply' is not recorded before 'announcement'
audits/so-e.yaml:20:15: warning[A013]: stage 'internal-audit' is not recorded before 'announcement'
audits/so-e.yaml:20:15: warning[A013]: stage 'management-review' is not recorded before 'announcement'
qms: audits/so-e.yaml not changed: the change would add the error above
exit 1
unchanged
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit add so-e --id DGNB-2020-01 --kind internal --date 2020-09-01; echo "exit $?"; cmp ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml && echo unchanged
audits/so-e.yaml:42:9: error[A010]: audit id 'DGNB-2020-01' is used twice (first at line 25)
qms: audits/so-e.yaml not changed: the change would add the error above
exit 1
unchanged
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit finding so-e DGNB-2020-01 --id NC-01 --grade minor --clause 7.5 --process E-1 --step tham-dinh --text x; echo "exit $?"; cmp ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml && echo unchanged
audits/so-e.yaml:42:13: error[A011]: finding id 'NC-01' is used twice (first at line 30, audit 'DGNB-2020-01')
audits/so-e.yaml:45:18: error[A006]: the finding names no procedure of the workspace: 'E-1'; did you mean 'E-01'?
qms: audits/so-e.yaml not changed: the change would add the errors above
exit 1
unchanged
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit finding so-e DGNB-2020-01 --id NC-09 --grade minor --clause 7.5 --process E-01 --step tham-dih --text x; echo "exit $?"
audits/so-e.yaml:46:15: error[A007]: procedure 'E-01' has no step 'tham-dih'; did you mean 'tham-dinh'?
qms: audits/so-e.yaml not changed: the change would add the error above
exit 1
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit close so-e NC-01 --date 2020-07-01; echo "exit $?"
audits/so-e.yaml:41:17: error[A008]: closed 2020-07-01 is before the audit of 2020-07-20 that found it
qms: audits/so-e.yaml not changed: the change would add the error above
exit 1
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit verify so-e NC-01 --date 2020-08-20; echo "exit $?"
audits/so-e.yaml:41:19: error[A009]: verified without 'closed': record when the action was completed first
qms: audits/so-e.yaml not changed: the change would add the error above
exit 1
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-f plan --done 2020-06-01
qms: no tracker for agency 'so-f' (audits/so-f.yaml); did you mean 'so-e'?
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e planning --done 2020-06-01
qms: 'planning' is not a stage: use one of plan, training, gap-analysis, documentation, apply, internal-audit, management-review, announcement, report
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e plan --done 01/06/2020
qms: '01/06/2020' is not a date for --done: write YYYY-MM-DD, e.g. 2020-09-30
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e plan
qms: 'qms audit stage' needs --done DATE; see 'qms audit stage --help'
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit finding so-e DGNB-2020-1 --id X --grade minor --clause 7.5 --text x
qms: no audit 'DGNB-2020-1' in audits/so-e.yaml; did you mean 'DGNB-2020-01'?
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit finding so-e DGNB-2020-01 --id X --grade minr --clause 7.5 --text x
qms: 'minr' is not a value of --grade: use major, minor, observation, improvement; did you mean 'minor'?
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit finding so-e DGNB-2020-01 --id X --grade minor --clause 7.5 --step tra --text x
qms: --step needs --process: the procedure the step belongs to
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit close so-e NC-1 --date 2020-08-10
qms: no finding 'NC-1' in audits/so-e.yaml; did you mean 'NC-01'?
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit new so-e --name "Sở E" --level province
qms: audits/so-e.yaml exists already
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit new "sở g" --name "Sở G" --level province
qms: 'sở g' is not a valid agency id: use ASCII letters, digits, '-', '_' or '.'
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit add so-e --id X --kind audit --date 2020-09-01
qms: 'audit' is not a value of --kind: use internal, external, inspection
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit verify so-e NC-01 --date 2020-08-20 --cause x
qms: unknown option '--cause' for 'qms audit verify'; see 'qms audit verify --help'
[2]

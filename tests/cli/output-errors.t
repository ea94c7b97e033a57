# Issue 17, finding 7: a write to standard output that fails (a full disk, a closed stream) is
# an I/O error, exit 2 with a message, for every command; before, qms exited 0 and the output
# was lost without a word. A closed standard output is not handed to the next file qms opens.
$ for c in "check --format json" "check" "audit status --as-of 2020-09-30" "audit status --as-of 2020-09-30 --format csv" "audit board --as-of 2020-09-30" "coverage so-a" "clauses" "clauses --format json" "migrate so-a" "report --as-of 2020-09-30" "report --as-of 2020-09-30 --format csv" "check --list-rules" "--help"; do qms -C ws-iso $c > /dev/full; echo "$c: exit $?"; done 2>&1
qms: cannot write to the standard output: No space left on device
check --format json: exit 2
qms: cannot write to the standard output: No space left on device
check: exit 2
qms: cannot write to the standard output: No space left on device
audit status --as-of 2020-09-30: exit 2
qms: cannot write to the standard output: No space left on device
audit status --as-of 2020-09-30 --format csv: exit 2
qms: cannot write to the standard output: No space left on device
audit board --as-of 2020-09-30: exit 2
qms: cannot write to the standard output: No space left on device
coverage so-a: exit 2
qms: cannot write to the standard output: No space left on device
clauses: exit 2
qms: cannot write to the standard output: No space left on device
clauses --format json: exit 2
qms: cannot write to the standard output: No space left on device
migrate so-a: exit 2
qms: 2 errors in the workspace's files (counted in the report); 'qms check' lists them
qms: cannot write to the standard output: No space left on device
report --as-of 2020-09-30: exit 2
qms: 2 errors in the workspace's files (counted in the report); 'qms check' lists them
qms: cannot write to the standard output: No space left on device
report --as-of 2020-09-30 --format csv: exit 2
qms: cannot write to the standard output: No space left on device
check --list-rules: exit 2
qms: cannot write to the standard output: No space left on device
--help: exit 2
$ for c in "check" "audit status --as-of 2020-09-30" "coverage so-a" "clauses 7.5" "report --as-of 2020-09-30" "--version"; do qms -C ws-iso $c >&-; echo "$c: exit $?"; done 2>&1
qms: standard output is closed: nothing could be written; redirect it to a file or to /dev/null instead
check: exit 2
qms: standard output is closed: nothing could be written; redirect it to a file or to /dev/null instead
audit status --as-of 2020-09-30: exit 2
qms: standard output is closed: nothing could be written; redirect it to a file or to /dev/null instead
coverage so-a: exit 2
qms: standard output is closed: nothing could be written; redirect it to a file or to /dev/null instead
clauses 7.5: exit 2
qms: 2 errors in the workspace's files (counted in the report); 'qms check' lists them
qms: standard output is closed: nothing could be written; redirect it to a file or to /dev/null instead
report --as-of 2020-09-30: exit 2
qms: standard output is closed: nothing could be written; redirect it to a file or to /dev/null instead
--version: exit 2
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e apply --done 2020-08-03 >&-; echo "exit $?"; grep -c "2020-08-03" $TMP/ws/audits/so-e.yaml; ls -a $TMP/ws/audits
qms: standard output is closed: nothing could be written; redirect it to a file or to /dev/null instead
exit 2
1
.
..
.so-e.yaml.lock
so-e.yaml
$ qms -C ws-iso check > /dev/null; echo "exit $?"
exit 1

# qms render: usage errors (exit 2), skipped documents (exit 1), success (exit 0).
# Outputs go to $TMP; the summary line names it, so it is replaced by TMP.
$ qms render --format gif
qms: 'gif' is not a value of --format: use svg, png, pdf, dot
[2]
$ qms render --format
qms: option --format needs a value: use svg, png, pdf, dot
[2]
$ qms render -j 0
qms: '0' is not a number from 1 to 64 for --jobs
[2]
$ qms render --lanes diagonal
qms: 'diagonal' is not a value of --lanes: use vertical, horizontal
[2]
$ qms render --as-of 2020-02-30
qms: '2020-02-30' is not a date for --as-of: write YYYY-MM-DD, e.g. 2020-09-30
[2]
$ qms render --lang fr
qms: 'fr' is not a value of --lang: use vi, en
[2]
$ qms render --timeout 0
qms: '0' is not a number of seconds from 1 to 86400 for --timeout
[2]
$ qms render --out
qms: option --out needs a value
[2]
$ qms render --bogus
qms: unknown option '--bogus' for 'qms render'; see 'qms render --help'
[2]
$ qms render no-such-folder --out "$TMP/o"
qms: cannot render 'no-such-folder': No such file or directory
[2]
$ cd .. && qms render --map so-b --out "$TMP/o" ws
qms: no agency 'so-b' in the workspace; did you mean 'so-a'?
[2]
$ cd .. && qms render --map so-a ws ws
qms: --map draws one workspace: give at most one path
[2]
$ cd .. && qms render ws-broken --format dot --out "$TMP/o" | sed "s|$TMP|TMP|g"; exit ${PIPESTATUS[0]}
ws-broken/processes/b/B-02.yaml:2:3: error[S002]: missing required key 'title' in process
ws-broken/processes/b/B-02.yaml:3:3: error[S001]: unknown key 'titel' in process; did you mean 'title'?
ws-broken/processes/b/B-03.yaml:4:1: error[L001]: did not find expected ',' or ']' while parsing a flow sequence (line 3, column 10)
rendered 1 diagram into TMP/o; 3 errors
[1]
$ cd .. && qms render ws --format dot --out "$TMP/o" --as-of 2020-09-30 | sed "s|$TMP|TMP|g"; ls "$TMP/o"
rendered 2 diagrams into TMP/o
A-01.dot
A-02.dot
$ qms -C ../ws render --map so-a --format dot --out "$TMP/o" | sed "s|$TMP|TMP|g"; ls "$TMP/o"
rendered the map of so-a into TMP/o
map-so-a.dot
$ qms render --help | head -3
usage: qms render [--format svg|png|pdf|dot] [--out DIR] [-j N] [PATH...]
                  [--lanes vertical|horizontal] [--as-of DATE] [--timeout SECONDS]
       qms render --map AGENCY [--format ...] [--out DIR] [PATH]

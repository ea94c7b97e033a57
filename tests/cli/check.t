# Exact output and exit codes of qms check on a workspace with mistakes.
$ qms check ws-mixed
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
$ qms check -j 1 ws-mixed
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
$ qms check -j 2 ws-mixed
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
$ qms -C ws-mixed check
processes/so-a/A-02.yaml:4:11: error[F013]: agency 'so-b' has no tracker in audits/; did you mean 'so-a'?
processes/so-a/A-02.yaml:7:3: error[S001]: unknown key 'purpse' in process; did you mean 'purpose'?
processes/so-a/A-02.yaml:10:16: warning[T003]: the committed 4 working days cuts 20% off the statutory 5 working days; the workspace asks for at least 40% (at most 3 working days)
processes/so-a/A-02.yaml:21:66: error[F002]: no step 'ket-thuc' in this procedure
processes/so-a/A-03.yaml:6:14: error[S004]: '2020-02-30' is not a real date for 'effective'; write YYYY-MM-DD
processes/so-a/A-03.yaml:10:7: error[F005]: end step 'e' has a next step; an end closes the procedure
processes/so-a/A-03.yaml:11:7: error[F006]: step 'x' cannot be reached from the start step 's'
processes/so-a/A-03.yaml:11:51: error[F011]: no procedure with code 'A-20' in the workspace; did you mean 'A-02'?
checked 5 files: 7 errors, 1 warning
[1]
$ qms check -C ws-mixed processes/so-a/A-01.yaml
checked 1 file: no problems
$ qms check ws-mixed/processes/so-a/A-03.yaml
ws-mixed/processes/so-a/A-03.yaml:6:14: error[S004]: '2020-02-30' is not a real date for 'effective'; write YYYY-MM-DD
ws-mixed/processes/so-a/A-03.yaml:10:7: error[F005]: end step 'e' has a next step; an end closes the procedure
ws-mixed/processes/so-a/A-03.yaml:11:7: error[F006]: step 'x' cannot be reached from the start step 's'
ws-mixed/processes/so-a/A-03.yaml:11:51: error[F011]: no procedure with code 'A-20' in the workspace; did you mean 'A-02'?
checked 1 file: 4 errors, 0 warnings
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
$ cd ws-mixed/processes && qms check so-a/A-02.yaml
so-a/A-02.yaml:4:11: error[F013]: agency 'so-b' has no tracker in audits/; did you mean 'so-a'?
so-a/A-02.yaml:7:3: error[S001]: unknown key 'purpse' in process; did you mean 'purpose'?
so-a/A-02.yaml:10:16: warning[T003]: the committed 4 working days cuts 20% off the statutory 5 working days; the workspace asks for at least 40% (at most 3 working days)
so-a/A-02.yaml:21:66: error[F002]: no step 'ket-thuc' in this procedure
checked 1 file: 3 errors, 1 warning
[1]
$ qms check - --stdin-filename ws-mixed/processes/so-a/A-03.yaml < ws-mixed/processes/so-a/A-03.yaml
ws-mixed/processes/so-a/A-03.yaml:6:14: error[S004]: '2020-02-30' is not a real date for 'effective'; write YYYY-MM-DD
ws-mixed/processes/so-a/A-03.yaml:10:7: error[F005]: end step 'e' has a next step; an end closes the procedure
ws-mixed/processes/so-a/A-03.yaml:11:7: error[F006]: step 'x' cannot be reached from the start step 's'
ws-mixed/processes/so-a/A-03.yaml:11:51: error[F011]: no procedure with code 'A-20' in the workspace; did you mean 'A-02'?
checked 1 file: 4 errors, 0 warnings
[1]
$ qms check - --stdin-filename ws-mixed/processes/so-a/NEW.yaml < ws-mixed/processes/so-a/A-03.yaml | tail -1
checked 1 file: 5 errors, 0 warnings
$ printf 'process: [\n' | qms check - --stdin-filename ws-mixed/processes/so-a/X.yaml
ws-mixed/processes/so-a/X.yaml:2:1: error[L001]: did not find expected node content while parsing a flow node (line 2, column 1)
checked 1 file: 1 error, 0 warnings
[1]
$ qms check --stdin-filename x.yaml ws-mixed
qms: --stdin-filename goes with '-' (the document on the standard input)
[2]
$ qms -C ../.. check --max-warnings 1 > /dev/null; echo "exit $?"
exit 1
$ qms -C ../.. check --max-warnings 2 > /dev/null; echo "exit $?"
exit 0
$ qms check --max-warnings many
qms: 'many' is not a whole number from 0 to 1000000000 for --max-warnings
[2]
$ qms check --format github ws-mixed/processes/so-a/A-03.yaml
::error file=ws-mixed/processes/so-a/A-03.yaml,line=6,col=14,endLine=6,endColumn=24,title=qms S004 bad-date::'2020-02-30' is not a real date for 'effective'; write YYYY-MM-DD
::error file=ws-mixed/processes/so-a/A-03.yaml,line=10,col=7,endLine=10,endColumn=10,title=qms F005 end-has-next::end step 'e' has a next step; an end closes the procedure
::error file=ws-mixed/processes/so-a/A-03.yaml,line=11,col=7,endLine=11,endColumn=10,title=qms F006 unreachable::step 'x' cannot be reached from the start step 's'
::error file=ws-mixed/processes/so-a/A-03.yaml,line=11,col=51,endLine=11,endColumn=55,title=qms F011 unknown-process::no procedure with code 'A-20' in the workspace; did you mean 'A-02'?
[1]
$ qms check --explain F002 --format json
{
  "code": "F002",
  "severity": "error",
  "name": "unknown-step",
  "what": "A `next` or a branch's `next` names a step that does not exist.",
  "fix": "Use the id of an existing step; the message suggests the closest."
}
$ qms check --schema --format json
qms: --format json does not apply here: --schema prints md
[2]
$ qms check --list-rules --format json | head -9
[
  {
    "code": "L001",
    "severity": "error",
    "name": "syntax",
    "what": "The file is not valid YAML (the parser's own message follows).",
    "fix": "Fix the YAML at the position given: usually indentation, a missing `:` or an unclosed quote or bracket."
  },
  {
$ qms check --format json -o $TMP/c.json ws-mixed/processes/so-a/A-03.yaml; python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["errors"])' $TMP/c.json
4

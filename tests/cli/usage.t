# Usage errors exit 2; help and version exit 0.
$ qms
usage: qms [-C DIR] [--version] [--help] COMMAND [ARGS]

Quality management under ISO 9001:2015 for state administrative agencies.

commands:
  audit      the migration tracker: stages, audits, findings; status and board as of a date
  check      check procedures, systems and trackers against the format and the rules
  coverage   ISO 9001:2015 clause by clause for an agency: covered, excluded, missing
  clauses    browse the clauses of ISO 9001:2015 and 2008 and their correlation
  render     flow diagrams of procedures (swimlanes, critical path, audit findings); agency maps
  migrate    the ISO 9001:2008 -> 2015 worklist of an agency; --apply converts its procedures
  report     the provincial report: migration, audits, procedures, coverage (md, html, csv, json)
  site       a static HTML site of the report, agencies and procedures that opens offline

options:
  -C DIR      run as if started in DIR (the workspace)
  --version   print the version
  --help      print this help; `qms COMMAND --help` for a command

exit status: 0 clean, 1 findings, 2 usage or I/O error
[2]
$ qms frobnicate
qms: 'frobnicate' is not a qms command; see 'qms --help'
[2]
$ qms check --format xml ws-mixed
qms: unknown format 'xml': use text or json
[2]
$ qms check -j 0
qms: -j needs a number of jobs from 1 to 64, not '0'
[2]
$ qms check no-such-folder
qms: cannot check 'no-such-folder': No such file or directory
[2]
$ qms check --bogus
qms: unknown option '--bogus' for check; see 'qms check --help'
[2]
$ qms -C no-such-folder check
qms: cannot change to 'no-such-folder': No such file or directory
[2]
$ qms --version
qms 0.1.0
$ qms --help
usage: qms [-C DIR] [--version] [--help] COMMAND [ARGS]

Quality management under ISO 9001:2015 for state administrative agencies.

commands:
  audit      the migration tracker: stages, audits, findings; status and board as of a date
  check      check procedures, systems and trackers against the format and the rules
  coverage   ISO 9001:2015 clause by clause for an agency: covered, excluded, missing
  clauses    browse the clauses of ISO 9001:2015 and 2008 and their correlation
  render     flow diagrams of procedures (swimlanes, critical path, audit findings); agency maps
  migrate    the ISO 9001:2008 -> 2015 worklist of an agency; --apply converts its procedures
  report     the provincial report: migration, audits, procedures, coverage (md, html, csv, json)
  site       a static HTML site of the report, agencies and procedures that opens offline

options:
  -C DIR      run as if started in DIR (the workspace)
  --version   print the version
  --help      print this help; `qms COMMAND --help` for a command

exit status: 0 clean, 1 findings, 2 usage or I/O error
$ qms check --help
usage: qms check [--format text|json] [-j N] [PATH...]
       qms check --list-rules [--format text|md]
       qms check --explain CODE
       qms check --schema

Load every YAML document under the paths (default: the current folder)
and report every problem at once: syntax, schema, flow, time limits.

A folder is checked with its workspace: the nearest folder above it that
holds qms.yaml, else the folder itself. In a workspace, qms.yaml,
processes/ and audits/ are read; rules that span files (process codes,
subprocess calls, agencies) use them all, but only problems in files
under the paths are reported. A file outside any workspace is checked
alone.

options:
  --format text|json  text (default): file:line:col: error|warning[CODE]: message
                      json: one object with every diagnostic and the counts
  -j, --jobs N        worker threads (default: one per core)
  --list-rules        list every rule code (--format md: docs/rules.md)
  --explain CODE      what a rule code means and how to fix it
  --schema            the reference of every key of every kind (Markdown)

exit status: 0 no errors (warnings allowed), 1 errors, 2 usage or I/O error
$ qms check --explain f002
F002 unknown-step (error)

A `next` or a branch's `next` names a step that does not exist.

fix: Use the id of an existing step; the message suggests the closest.
$ qms check --explain X999
qms: no rule 'X999'; 'qms check --list-rules' lists them
[2]

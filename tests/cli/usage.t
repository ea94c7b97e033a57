# Usage errors exit 2; help and version exit 0.
$ qms
usage: qms [-C DIR] [--lang vi|en] [--version] [--help] COMMAND [ARGS]

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
  init       start a workspace: qms.yaml, processes/, audits/, a README of the next steps
  new        write a commented skeleton of a procedure, a system or a tracker
  schema     JSON Schema of each kind of document, for editors (yaml-language-server)

options:
  -C DIR      run as if started in DIR (the workspace)
  --lang      language of messages: vi or en
  --version   print the version and the editions of the catalogs
  --help      print this help; `qms COMMAND --help` for a command

exit status: 0 clean, 1 findings, 2 usage or I/O error
[2]
$ qms frobnicate
qms: 'frobnicate' is not a qms command; see 'qms --help'
[2]
$ qms check --format xml ws-mixed
qms: 'xml' is not a value of --format: use text, json, md, sarif, github, gitlab
[2]
$ qms check -j 0
qms: '0' is not a number from 1 to 64 for --jobs
[2]
$ qms check no-such-folder
qms: cannot check 'no-such-folder': No such file or directory
[2]
$ qms check --bogus
qms: unknown option '--bogus' for 'qms check'; see 'qms check --help'
[2]
$ qms -C no-such-folder check
qms: cannot change to 'no-such-folder': No such file or directory
[2]
$ qms --version | grep -v '^catalogs:'
qms 0.1.0
catalog: ISO 9001:2008 (TCVN ISO 9001:2008)
catalog: ISO 9001:2015 (TCVN ISO 9001:2015)
$ qms --help
usage: qms [-C DIR] [--lang vi|en] [--version] [--help] COMMAND [ARGS]

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
  init       start a workspace: qms.yaml, processes/, audits/, a README of the next steps
  new        write a commented skeleton of a procedure, a system or a tracker
  schema     JSON Schema of each kind of document, for editors (yaml-language-server)

options:
  -C DIR      run as if started in DIR (the workspace)
  --lang      language of messages: vi or en
  --version   print the version and the editions of the catalogs
  --help      print this help; `qms COMMAND --help` for a command

exit status: 0 clean, 1 findings, 2 usage or I/O error
$ qms check --help
usage: qms check [--format text|json|sarif|github|gitlab] [-o FILE] [-j N] [PATH...]
       qms check - [--stdin-filename NAME] [--format ...]
       qms check --list-rules [--format text|md|json]
       qms check --explain CODE [--format text|json]
       qms check --schema

Load every YAML document under the paths (default: the current folder)
and report every problem at once: syntax, schema, flow, time limits.

A folder is checked with its workspace: the nearest folder above it that
holds qms.yaml, else the folder itself. In a workspace, qms.yaml,
processes/ and audits/ are read; rules that span files (process codes,
subprocess calls, agencies) use them all, but only problems in files
under the paths are reported. A file outside any workspace is checked
alone. '-' reads one document from the standard input.

options:
  --format FORMAT      text (default): file:line:col: error|warning[CODE]: message;
                       json: every diagnostic with its position, end and rule;
                       sarif: SARIF 2.1.0 for code scanning; github: workflow
                       commands; gitlab: Code Quality report
  -o, --output FILE    write to FILE (atomically) instead of the standard output
  -j, --jobs N         worker threads (default: one per core)
  --max-warnings N     exit 1 also when there are more than N warnings
  --stdin-filename NAME
                       with '-': the path the document read from the standard
                       input stands for (its workspace and its kind come from it)
  --list-rules         list every rule code (--format md: docs/rules.md; json)
  --explain CODE       what a rule code means and how to fix it (text or json)
  --schema             the reference of every key of every kind (Markdown)
  --lang vi|en         language of messages and of what is written for people
                       (default: the workspace's, else the environment's, else en)
  -h, --help           print this help

exit status: 0 no errors (warnings allowed, up to --max-warnings), 1 errors
(or too many warnings), 2 usage or I/O error
$ qms check --explain f002
F002 unknown-step (error)

A `next` or a branch's `next` names a step that does not exist.

fix: Use the id of an existing step; the message suggests the closest.
$ qms check --explain X999
qms: no rule 'X999'; 'qms check --list-rules' lists them
[2]

# The example workspace of the repository: clean but for the two procedures of UBND xa Tan Hoa
# still on ISO 9001:2008 (kept so that qms migrate has real work to show).
$ qms -C ../.. check
processes/ubnd-xa-tan-hoa/TH-QT-02.yaml:9:13: warning[C003]: this procedure is still on ISO 9001:2008; 'qms migrate' lists what converting it takes
processes/ubnd-xa-tan-hoa/TH-QT-03.yaml:8:13: warning[C003]: this procedure is still on ISO 9001:2008; 'qms migrate' lists what converting it takes
checked 68 files: 0 errors, 2 warnings
$ qms -C ../.. check --format json | head -1
{

# The example workspace of the repository: clean but for the two procedures of UBND xa Tan Hoa
# still on ISO 9001:2008 (kept so that qms migrate has real work to show), and the criminal record
# certificate, whose 4 working days run past the law's 10 calendar days across Tet (kept to show T006).
$ qms -C ../.. check
processes/so-tu-phap/STP-QT-01.yaml:36:47: warning[T006]: the committed 4 working days ends after the statutory 10 days when days off fall in between: for a dossier received on Monday 2020-01-20, the committed limit ends on Friday 2020-01-31, the statutory one on Thursday 2020-01-30; 3 working days hold all year
processes/ubnd-xa-tan-hoa/TH-QT-02.yaml:9:13: warning[C003]: this procedure is still on ISO 9001:2008; 'qms migrate' lists what converting it takes
processes/ubnd-xa-tan-hoa/TH-QT-03.yaml:8:13: warning[C003]: this procedure is still on ISO 9001:2008; 'qms migrate' lists what converting it takes
checked 68 files: 0 errors, 3 warnings
$ qms -C ../.. check --format json | head -1
{

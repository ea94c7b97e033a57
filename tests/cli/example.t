# The example workspace of the repository: clean but for the two procedures of UBND xa Tan Hoa
# still on ISO 9001:2008 (kept so that qms migrate has real work to show).
$ qms -C ../.. check
processes/ubnd-xa-tan-hoa/TH-QT-02.yaml:9:13: cảnh báo[C003]: quy trình này vẫn áp dụng ISO 9001:2008; 'qms migrate' liệt kê những việc cần làm để chuyển đổi
processes/ubnd-xa-tan-hoa/TH-QT-03.yaml:8:13: cảnh báo[C003]: quy trình này vẫn áp dụng ISO 9001:2008; 'qms migrate' liệt kê những việc cần làm để chuyển đổi
đã kiểm tra 66 tệp: 0 lỗi, 2 cảnh báo
$ qms -C ../.. check --format json | head -1
{

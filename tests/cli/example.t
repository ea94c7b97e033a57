# The example workspace of the repository: clean but for the two procedures of UBND xa Tan Hoa
# still on ISO 9001:2008 (kept so that qms migrate has real work to show), and the criminal record
# certificate, whose 4 working days run past the law's 10 calendar days across Tet (kept to show T006).
$ qms -C ../.. check
processes/so-tu-phap/STP-QT-01.yaml:36:47: cảnh báo[T006]: thời hạn cam kết 4 ngày làm việc kết thúc sau thời hạn theo quy định 10 ngày khi có ngày nghỉ lễ, Tết xen giữa: hồ sơ nhận vào thứ Hai 20/01/2020 thì thời hạn cam kết kết thúc vào thứ Sáu 31/01/2020, thời hạn theo quy định kết thúc vào thứ Năm 30/01/2020; cam kết 3 ngày làm việc thì bảo đảm được cả năm
processes/ubnd-xa-tan-hoa/TH-QT-02.yaml:9:13: cảnh báo[C003]: quy trình này vẫn áp dụng ISO 9001:2008; 'qms migrate' liệt kê những việc cần làm để chuyển đổi
processes/ubnd-xa-tan-hoa/TH-QT-03.yaml:8:13: cảnh báo[C003]: quy trình này vẫn áp dụng ISO 9001:2008; 'qms migrate' liệt kê những việc cần làm để chuyển đổi
đã kiểm tra 68 tệp: 0 lỗi, 3 cảnh báo
$ qms -C ../.. check --format json | head -1
{

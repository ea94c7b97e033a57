# ISO commands on a small workspace: clause coverage, the 2008 -> 2015 worklist and its
# in-place rewrite, the clause browser.
$ qms -C ws-iso coverage so-a --as-of 2020-09-30
Mức đáp ứng ISO 9001:2015: Sở A tỉnh Thái Bình (so-a)
Tính đến ngày 30/9/2020
processes/so-a/system.yaml
audits/so-a.yaml

Điều     Tên                                                 HS   Trạng thái                       Bằng chứng hoặc điều còn thiếu
4.1      Hiểu tổ chức và bối cảnh của tổ chức                     đáp ứng                          bối cảnh (system.yaml:8, 15/6/2020)
4.2      Hiểu nhu cầu và mong đợi của các bên quan tâm            đáp ứng                          các bên quan tâm (system.yaml:9, 15/6/2020)
4.3      Xác định phạm vi của hệ thống quản lý chất lượng    M    đáp ứng                          phạm vi (system.yaml:5, 15/6/2020)
4.4.1    Các quá trình và sự tương tác                            đáp ứng                          MH-HTQLCL (system.yaml:15, 15/6/2020)
4.4.2    Thông tin dạng văn bản cho các quá trình            M+R  có tài liệu, chưa có bằng chứng  chưa có hồ sơ lập đến ngày 30/9/2020
5.1.1    Khái quát                                                đáp ứng                          MH-HTQLCL (system.yaml:15, 15/6/2020)
5.1.2    Hướng vào khách hàng                                     đáp ứng                          MH-HTQLCL (system.yaml:15, 15/6/2020)
5.2.1    Thiết lập chính sách chất lượng                          đáp ứng                          chính sách chất lượng (system.yaml:10, 15/6/2020)
5.2.2    Truyền đạt chính sách chất lượng                    M    đáp ứng                          chính sách chất lượng (system.yaml:10, 15/6/2020)
5.3      Vai trò, trách nhiệm và quyền hạn trong tổ chức          đáp ứng                          MH-HTQLCL (system.yaml:15, 15/6/2020)
6.1.1    Xác định rủi ro và cơ hội                                đáp ứng                          rủi ro và cơ hội (system.yaml:12, 15/6/2020)
6.1.2    Hoạch định hành động đối với rủi ro và cơ hội            đáp ứng                          rủi ro và cơ hội (system.yaml:12, 15/6/2020)
6.2.1    Thiết lập mục tiêu chất lượng                       M    đáp ứng                          mục tiêu chất lượng (system.yaml:11, 15/6/2020)
6.2.2    Hoạch định để đạt được mục tiêu                          đáp ứng                          mục tiêu chất lượng (system.yaml:11, 15/6/2020)
6.3      Hoạch định thay đổi                                      đáp ứng                          MH-HTQLCL (system.yaml:15, 15/6/2020)
7.1.1    Khái quát                                                đáp ứng                          QD-NL (system.yaml:16, 15/6/2020)
7.1.2    Con người                                                đáp ứng                          QD-NL (system.yaml:16, 15/6/2020)
7.1.3    Cơ sở hạ tầng                                            đáp ứng                          QD-NL (system.yaml:16, 15/6/2020)
7.1.4    Môi trường cho việc thực hiện các quá trình              đáp ứng                          QD-NL (system.yaml:16, 15/6/2020)
7.1.5.1  Khái quát                                           R    có tài liệu, chưa có bằng chứng  chưa có hồ sơ lập đến ngày 30/9/2020
7.1.5.2  Liên kết chuẩn đo lường                             R    có tài liệu, chưa có bằng chứng  chưa có hồ sơ lập đến ngày 30/9/2020
7.1.6    Tri thức của tổ chức                                     đáp ứng                          tri thức của tổ chức (system.yaml:13, 15/6/2020)
7.2      Năng lực                                            R    đáp ứng                          HS-NL (system.yaml:17, 01/7/2020)
7.3      Nhận thức                                                đáp ứng                          QD-NL (system.yaml:16, 15/6/2020)
7.4      Trao đổi thông tin                                       đáp ứng                          QD-NL (system.yaml:16, 15/6/2020)
7.5.1    Khái quát                                                có tài liệu, chưa có bằng chứng  chưa có nội dung nào đáp ứng có hiệu lực vào ngày 30/9/2020: QT-KSTL mới là dự thảo (system.yaml:18)
7.5.2    Tạo lập và cập nhật                                      có tài liệu, chưa có bằng chứng  chưa có nội dung nào đáp ứng có hiệu lực vào ngày 30/9/2020: QT-KSTL mới là dự thảo (system.yaml:18)
7.5.3.1  Sẵn có và được bảo vệ                                    có tài liệu, chưa có bằng chứng  chưa có nội dung nào đáp ứng có hiệu lực vào ngày 30/9/2020: QT-KSTL mới là dự thảo (system.yaml:18)
7.5.3.2  Các hoạt động kiểm soát                                  có tài liệu, chưa có bằng chứng  chưa có nội dung nào đáp ứng có hiệu lực vào ngày 30/9/2020: QT-KSTL mới là dự thảo (system.yaml:18)
8.1      Hoạch định và kiểm soát việc thực hiện              M+R  đáp ứng                          hồ sơ của A-01 (A-01.yaml:17, 15/6/2020)
8.2.1    Trao đổi thông tin với khách hàng                        đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)
8.2.2    Xác định các yêu cầu đối với sản phẩm và dịch vụ         đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)
8.2.3.1  Xem xét trước khi cam kết                                đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)
8.2.3.2  Lưu thông tin về việc xem xét                       R    đáp ứng                          hồ sơ của A-01 (A-01.yaml:17, 15/6/2020)
8.2.4    Thay đổi các yêu cầu đối với sản phẩm và dịch vụ         đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)
8.3      Thiết kế và phát triển sản phẩm, dịch vụ                 không áp dụng                    Sở không thiết kế dịch vụ; TTHC do luật định (system.yaml:7)
8.4.1    Khái quát                                           R    đáp ứng                          hồ sơ của A-01 (A-01.yaml:17, 15/6/2020)
8.4.2    Loại và mức độ kiểm soát                                 đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)
8.4.3    Thông tin cho nhà cung cấp bên ngoài                     đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)
8.5.1    Kiểm soát sản xuất và cung cấp dịch vụ              M+R  đáp ứng                          hồ sơ của A-01 (A-01.yaml:17, 15/6/2020)
8.5.2    Nhận biết và xác định nguồn gốc                     R    đáp ứng                          hồ sơ của A-01 (A-01.yaml:17, 15/6/2020)
8.5.3    Tài sản của khách hàng hoặc nhà cung cấp bên ngoài  R    đáp ứng                          hồ sơ của A-01 (A-01.yaml:17, 15/6/2020)
8.5.4    Bảo toàn                                                 đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)
8.5.5    Hoạt động sau giao hàng                                  đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)
8.5.6    Kiểm soát thay đổi                                  R    đáp ứng                          hồ sơ của A-01 (A-01.yaml:17, 15/6/2020)
8.6      Thông qua sản phẩm và dịch vụ                       R    đáp ứng                          hồ sơ của A-01 (A-01.yaml:17, 15/6/2020)
8.7.1    Xử lý đầu ra không phù hợp                               chưa đáp ứng                     chưa có nội dung nào đáp ứng: không mục nào của system.yaml, tài liệu hay quy trình nào nêu điều khoản này
8.7.2    Lưu thông tin về đầu ra không phù hợp               R    chưa đáp ứng                     chưa có nội dung nào đáp ứng: không mục nào của system.yaml, tài liệu hay quy trình nào nêu điều khoản này
9.1.1    Khái quát                                           R    đáp ứng                          hồ sơ của A-01 (A-01.yaml:17, 15/6/2020)
9.1.2    Sự thỏa mãn của khách hàng                               đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)
9.1.3    Phân tích và đánh giá                                    đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)
9.2.1    Mục đích của đánh giá nội bộ                             đáp ứng                          đánh giá nội bộ (so-a.yaml:9, 12/8/2020)
9.2.2    Chương trình và thực hiện đánh giá                  R    đáp ứng                          đánh giá nội bộ (so-a.yaml:9, 12/8/2020)
9.3.1    Khái quát                                                có tài liệu, chưa có bằng chứng  chưa họp xem xét của lãnh đạo đến ngày 30/9/2020
9.3.2    Đầu vào xem xét của lãnh đạo                             có tài liệu, chưa có bằng chứng  chưa họp xem xét của lãnh đạo đến ngày 30/9/2020
9.3.3    Đầu ra xem xét của lãnh đạo                         R    có tài liệu, chưa có bằng chứng  chưa họp xem xét của lãnh đạo đến ngày 30/9/2020
10.1     Khái quát                                                đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)
10.2.1   Xử lý sự không phù hợp                                   chưa đáp ứng                     chưa có nội dung nào đáp ứng: không mục nào của system.yaml, tài liệu hay quy trình nào nêu điều khoản này
10.2.2   Lưu thông tin về sự không phù hợp và hành động      R    chưa đáp ứng                     chưa có nội dung nào đáp ứng: không mục nào của system.yaml, tài liệu hay quy trình nào nêu điều khoản này
10.3     Cải tiến liên tục                                        đáp ứng                          A-01 (A-01.yaml:8, 15/6/2020)

60 điều khoản: đáp ứng 45; có tài liệu, chưa có bằng chứng 10; chưa đáp ứng 4; không áp dụng 1
HS: thông tin dạng văn bản phải có (M duy trì, R lưu giữ)
[1]
$ qms -C ws-iso coverage so-a --as-of 2020-09-30 --lang en --format md | head -8
## Conformity with ISO 9001:2015: Sở A tỉnh Thái Bình

As of 2020-09-30

processes/so-a/system.yaml

audits/so-a.yaml

$ qms -C ws-iso coverage so-a --as-of 2020-09-30 --format json | head -4
{
  "agency": "so-a",
  "standard": "ISO 9001:2015",
  "as_of": "2020-09-30",
$ for d in 2020-08-11 2020-08-12; do qms -C ws-iso coverage so-a --as-of $d --format json | python3 -c 'import json, sys; c = [r for r in json.load(sys.stdin)["clauses"] if r["clause"] == "9.2.2"][0]; print(c["status"], c["gap"], c["evidence"] and c["evidence"]["title"])'; done
documented chưa đánh giá nội bộ đến ngày 11/8/2020: đánh giá nội bộ đề ngày 12/8/2020 None
met None Báo cáo đánh giá nội bộ số 05/BC-SA
$ qms -C ws-iso coverage so-b
qms: không có cơ quan 'so-b' trong thư mục làm việc này; có phải là 'so-a'?
[2]
$ qms -C ws-iso coverage
qms: 'qms coverage' cần một mã cơ quan; xem 'qms coverage --help'
[2]
$ qms -C ws-iso migrate so-a
Chuyển đổi ISO 9001:2008 -> ISO 9001:2015: Sở A tỉnh Thái Bình

1. Tài liệu còn theo ISO 9001:2008 (1)

A-02 Cấp giấy xác nhận B (processes/so-a/A-02.yaml)
    7.2.2 -> 8.2.3 Xem xét các yêu cầu đối với sản phẩm và dịch vụ, 8.2.4 Thay đổi các yêu cầu đối với sản phẩm và dịch vụ: chuyển toàn bộ
    7.5.4 -> 8.5.3 Tài sản của khách hàng hoặc nhà cung cấp bên ngoài: chuyển một phần
    8.5.3 -> 6.1 Hành động giải quyết rủi ro và cơ hội, 10.3 Cải tiến liên tục: chuyển một phần
    4.2.4 -> 7.5.2 Tạo lập và cập nhật, 7.5.3 Kiểm soát thông tin dạng văn bản: chuyển một phần

2. Yêu cầu mới của ISO 9001:2015 phải xây dựng

    4.1 Hiểu tổ chức và bối cảnh của tổ chức: đã có (bối cảnh)
    4.2 Hiểu nhu cầu và mong đợi của các bên quan tâm: đã có (các bên quan tâm)
    6.1 Hành động giải quyết rủi ro và cơ hội: đã có (rủi ro và cơ hội)
    6.1.1 Xác định rủi ro và cơ hội: đã có (rủi ro và cơ hội)
    6.1.2 Hoạch định hành động đối với rủi ro và cơ hội: đã có (rủi ro và cơ hội)
    6.3 Hoạch định thay đổi: đã có (MH-HTQLCL)
    7.1.6 Tri thức của tổ chức: đã có (tri thức của tổ chức, QD-NL)
    8.5.5 Hoạt động sau giao hàng: đã có (A-01)
    8.5.6 Kiểm soát thay đổi: đã có (A-01)

3. ISO 9001:2015 không còn yêu cầu

    1 Phạm vi áp dụng: phạm vi của tiêu chuẩn không phải yêu cầu đối với cơ quan; không có gì cần chuyển
    1.1 Khái quát: mục đích chung của tiêu chuẩn không phải yêu cầu đối với cơ quan; không có gì cần chuyển
    1.2 Áp dụng: ngoại lệ trở thành các yêu cầu được công bố là không áp dụng, có giải thích trong phạm vi (4.3)
    4.2.1 Khái quát: sáu thủ tục dạng văn bản bắt buộc không còn được yêu cầu
    4.2.2 Sổ tay chất lượng: không còn bắt buộc sổ tay chất lượng
    5.5.2 Đại diện của lãnh đạo: không còn bắt buộc đại diện lãnh đạo; các vai trò chuyển sang 5.3
    8.5.3 Hành động phòng ngừa: hành động phòng ngừa được thay bằng hành động giải quyết rủi ro và cơ hội (6.1) (còn được viện dẫn trong A-02)
[1]
$ qms -C ws-iso migrate so-a --format json | head -3
{"agency": "so-a", "documents": [
  {"file": "processes/so-a/A-02.yaml", "code": "A-02", "clauses": [{"clause": "7.2.2", "line": 12, "carry": "full", "to": [{"clause": "8.2.3", "relation": "equal"}, {"clause": "8.2.4", "relation": "subset"}]}, {"clause": "7.5.4", "line": 13, "carry": "partial", "to": [{"clause": "8.5.3", "relation": "superset"}]}, {"clause": "8.5.3", "line": 14, "carry": "partial", "to": [{"clause": "6.1", "relation": "superset"}, {"clause": "10.3", "relation": "intersect"}]}, {"clause": "4.2.4", "line": 16, "carry": "partial", "to": [{"clause": "7.5.2", "relation": "intersect"}, {"clause": "7.5.3", "relation": "superset"}]}]}],
 "new_requirements": [
$ cp -r ws-iso $TMP/ws && qms -C $TMP/ws migrate so-a --apply --lang en | sed -n '1p;/judgement/,$p'; diff -u ws-iso/processes/so-a/A-02.yaml $TMP/ws/processes/so-a/A-02.yaml | tail -n +3
converted processes/so-a/A-02.yaml
Needs a person's judgement:
processes/so-a/A-02.yaml: set 'effective' to the date the converted edition takes effect
processes/so-a/A-02.yaml:14:7: ISO 9001:2008 8.5.3 overlaps ISO 9001:2015 10.3 "Continual improvement" only in part; add it if the procedure implements it
processes/so-a/A-02.yaml:16:7: ISO 9001:2008 4.2.4 overlaps ISO 9001:2015 7.5.2 "Creating and updating" only in part; add it if the procedure implements it
@@ -4,16 +4,17 @@
   code: A-02      # mã hiệu
   title: "Cấp giấy xác nhận B"
   agency: so-a
-  edition: 1      # lần ban hành
+  edition: 2      # lần ban hành
   effective: 2017-05-02
-  standard: ISO 9001:2008   # chưa chuyển đổi
+  standard: ISO 9001:2015   # chưa chuyển đổi
   # Điều khoản áp dụng (TCVN ISO 9001:2008):
   clauses:
-    - 7.2.2   # xem xét yêu cầu: kiểm tra hồ sơ
-    - 7.5.4   # tài sản của khách hàng
-    - 8.5.3   # hành động phòng ngừa
+    - 8.2.3   # xem xét yêu cầu: kiểm tra hồ sơ
+    - 8.5.3   # tài sản của khách hàng
+    - 6.1   # hành động phòng ngừa
 
-    - 4.2.4   # kiểm soát hồ sơ
+    - 7.5.3   # kiểm soát hồ sơ
+    - 8.2.4
   time_limit:
     statutory: 5 ngày làm việc
     committed: 3 ngày làm việc   # cắt giảm 40%
$ cp -r ws-iso $TMP/ws && qms -C $TMP/ws migrate so-a --apply | sed -n '1p;/Cần người/,$p'
đã chuyển đổi processes/so-a/A-02.yaml
Cần người xem xét:
processes/so-a/A-02.yaml: hãy đặt 'effective' là ngày lần ban hành đã chuyển đổi có hiệu lực
processes/so-a/A-02.yaml:14:7: ISO 9001:2008 8.5.3 chỉ trùng một phần với ISO 9001:2015 10.3 "Cải tiến liên tục"; hãy thêm điều khoản này nếu quy trình thực hiện nó
processes/so-a/A-02.yaml:16:7: ISO 9001:2008 4.2.4 chỉ trùng một phần với ISO 9001:2015 7.5.2 "Tạo lập và cập nhật"; hãy thêm điều khoản này nếu quy trình thực hiện nó
$ cp -r ws-iso $TMP/ws && qms -C $TMP/ws migrate so-a --apply > /dev/null; qms -C $TMP/ws check processes/so-a/A-02.yaml; qms -C $TMP/ws migrate so-a --apply --lang en | head -5
đã kiểm tra 1 tệp: không có vấn đề gì
Conversion ISO 9001:2008 -> ISO 9001:2015: Sở A tỉnh Thái Bình

1. Documents still on ISO 9001:2008 (0)

None left.
$ qms clauses 8.5.3 --lang en
ISO 9001:2015 8.5.3  Property belonging to customers or external providers
  Property belonging to customers or external providers / Tài sản của khách hàng hoặc nhà cung cấp bên ngoài
  level: process
  documented information: retain (a record of any original paper of a citizen (or property of a provider) that was lost, damaged or found unfit, and of how the owner was told)
  - Are original papers that citizens hand in (land use right certificates, identity papers) recorded, kept safe and returned?
  - If any were lost or damaged, was the citizen told and was it recorded?
  <- ISO 9001:2008 7.5.4 Customer property (superset)
$ qms clauses --standard 2008 4.2.4
ISO 9001:2008 4.2.4  Kiểm soát hồ sơ
  Control of records / Kiểm soát hồ sơ
  cấp: quá trình
  thông tin dạng văn bản: procedure (the documented procedure for control of records, and the list of records of each procedure)
  - Có quy trình kiểm soát hồ sơ không; mỗi quy trình TTHC có liệt kê hồ sơ cần lưu, nơi lưu và thời gian lưu không?
  - Hồ sơ có rõ ràng, được sắp xếp theo thứ tự và dễ tìm lại không?
  -> ISO 9001:2015 7.5.2 Tạo lập và cập nhật (giao nhau)
  -> ISO 9001:2015 7.5.3 Kiểm soát thông tin dạng văn bản (mở rộng)
$ qms clauses 8.5.7 7.5.4
qms: ISO 9001:2015 không có điều khoản 8.5.7; điều 8.5 "Sản xuất và cung cấp dịch vụ" gồm từ 8.5.1 đến 8.5.6
qms: điều khoản 7.5.4 được đánh số theo ISO 9001:2008 (Customer property); trong ISO 9001:2015 hãy dùng 8.5.3 "Property belonging to customers or external providers"
[2]
$ qms clauses --standard 2012
qms: '2012' không phải giá trị của --standard: hãy dùng 2015, 2008; có phải là '2015'?
[2]
$ qms clauses --map --lang en | head -6
2008   Title                                                         2015                                     Relation
1      Scope                                                         —
1.1    General                                                       —
1.2    Application                                                   4.3                                      intersect
4      Quality management system                                     4, 4.1, 4.2, 4.4                         intersect, intersect, intersect, superset
4.1    General requirements                                          4.4, 8.4                                 superset, intersect
$ qms clauses --lang en | sed -n '1,6p;/^8.3 /,/^8.4 /p'
Clause   Title                                                              Level    DI
4        Context of the organization                                        system
4.1        Understanding the organization and its context                   system
4.2        Understanding the needs and expectations of interested parties   system
4.3        Determining the scope of the quality management system           system   maintain
4.4        Quality management system and its processes                      system
8.3        Design and development of products and services                  system
8.3.1        General                                                        system
8.3.2        Design and development planning                                system   retain
8.3.3        Design and development inputs                                  system   retain
8.3.4        Design and development controls                                system   retain
8.3.5        Design and development outputs                                 system   retain
8.3.6        Design and development changes                                 system   retain
8.4        Control of externally provided processes, products and services  system
$ cp -r ws-iso $TMP/ws && printf 'process:\n  code: X\n  title: t\n  agency: so-a\n  standard: ISO 9001:2008\n  clauses: [7.2.2, 4.2.3, 4.2.4]   # flow list\n  lanes: [{id: a, name: A}]\n  steps:\n    - {id: s, kind: start, name: s, next: e}\n    - {id: e, kind: end, name: e}\n' > $TMP/ws/processes/so-a/X.yaml && qms -C $TMP/ws migrate so-a --apply --lang en > /dev/null; grep clauses $TMP/ws/processes/so-a/X.yaml
  clauses: [8.2.3, 7.5.3, 8.2.4]   # flow list

# Usage errors exit 2; help and version exit 0.
$ qms
cách dùng: qms [-C DIR] [--lang vi|en] [--version] [--help] LỆNH [THAM_SỐ]

Quản lý chất lượng theo TCVN ISO 9001:2015 tại các cơ quan hành chính nhà nước.

các lệnh:
  audit      theo dõi chuyển đổi: các giai đoạn, cuộc đánh giá, phát hiện; tình trạng và bảng theo dõi tại một ngày
  check      kiểm tra quy trình, hệ thống và tệp theo dõi theo định dạng và các quy tắc
  coverage   TCVN ISO 9001:2015 theo từng điều khoản của một cơ quan: đáp ứng, có tài liệu, chưa đáp ứng, không áp dụng
  clauses    tra cứu điều khoản của ISO 9001:2015, 2008 và bảng tương ứng giữa hai phiên bản
  export     một quy trình thành văn bản để cơ quan ký ban hành: PDF hoặc Word (DOCX)
  render     lưu đồ quy trình (theo làn, đường găng, phát hiện đánh giá); sơ đồ liên kết của cơ quan
  migrate    danh sách việc chuyển đổi ISO 9001:2008 -> 2015 của một cơ quan; --apply chuyển đổi các quy trình
  report     báo cáo của tỉnh: chuyển đổi, đánh giá, quy trình, mức đáp ứng (md, html, csv, json)
  results    kết quả giải quyết hồ sơ từ dữ liệu xuất của phần mềm một cửa: đúng hạn, quá hạn, thời gian thực tế
  site       trang web HTML tĩnh của báo cáo, các cơ quan và quy trình, mở được khi không có mạng
  init       tạo một thư mục làm việc: qms.yaml, processes/, audits/, một README hướng dẫn các bước tiếp theo
  new        viết bản khung có chú thích của một quy trình, một hệ thống hoặc một tệp theo dõi
  schema     JSON Schema của từng loại tài liệu, cho trình soạn thảo (yaml-language-server)
  serve      xem trước trang trên trình duyệt, tự dựng lại và tải lại khi một tệp thay đổi

tùy chọn:
  -C DIR      chạy như khi đứng ở THƯ_MỤC (thư mục làm việc)
  --lang      ngôn ngữ của thông báo: vi hoặc en
  --version   in phiên bản và phiên bản của các danh mục tiêu chuẩn
  --help      in hướng dẫn này; `qms LỆNH --help` cho từng lệnh

mã thoát: 0 không có vấn đề, 1 có vấn đề, 2 lỗi cách dùng, 3 lỗi đọc ghi
[2]
$ qms frobnicate
qms: 'frobnicate' không phải lệnh của qms; xem 'qms --help'
[2]
$ qms check --format xml ws-mixed
qms: 'xml' không phải giá trị của --format: hãy dùng text, json, md, sarif, github, gitlab
[2]
$ qms check -j 0
qms: '0' không phải số từ 1 đến 64 cho --jobs
[2]
$ qms check no-such-folder
qms: cannot check 'no-such-folder': No such file or directory
[2]
$ qms check --bogus
qms: tùy chọn '--bogus' không hợp lệ cho 'qms check'; xem 'qms check --help'
[2]
$ qms -C no-such-folder check
qms: cannot change to 'no-such-folder': No such file or directory
[2]
$ qms --version | grep -v '^thư mục danh mục:'
qms 0.1.0
danh mục: ISO 9001:2008 (TCVN ISO 9001:2008)
danh mục: ISO 9001:2015 (TCVN ISO 9001:2015)
$ qms --help
cách dùng: qms [-C DIR] [--lang vi|en] [--version] [--help] LỆNH [THAM_SỐ]

Quản lý chất lượng theo TCVN ISO 9001:2015 tại các cơ quan hành chính nhà nước.

các lệnh:
  audit      theo dõi chuyển đổi: các giai đoạn, cuộc đánh giá, phát hiện; tình trạng và bảng theo dõi tại một ngày
  check      kiểm tra quy trình, hệ thống và tệp theo dõi theo định dạng và các quy tắc
  coverage   TCVN ISO 9001:2015 theo từng điều khoản của một cơ quan: đáp ứng, có tài liệu, chưa đáp ứng, không áp dụng
  clauses    tra cứu điều khoản của ISO 9001:2015, 2008 và bảng tương ứng giữa hai phiên bản
  export     một quy trình thành văn bản để cơ quan ký ban hành: PDF hoặc Word (DOCX)
  render     lưu đồ quy trình (theo làn, đường găng, phát hiện đánh giá); sơ đồ liên kết của cơ quan
  migrate    danh sách việc chuyển đổi ISO 9001:2008 -> 2015 của một cơ quan; --apply chuyển đổi các quy trình
  report     báo cáo của tỉnh: chuyển đổi, đánh giá, quy trình, mức đáp ứng (md, html, csv, json)
  results    kết quả giải quyết hồ sơ từ dữ liệu xuất của phần mềm một cửa: đúng hạn, quá hạn, thời gian thực tế
  site       trang web HTML tĩnh của báo cáo, các cơ quan và quy trình, mở được khi không có mạng
  init       tạo một thư mục làm việc: qms.yaml, processes/, audits/, một README hướng dẫn các bước tiếp theo
  new        viết bản khung có chú thích của một quy trình, một hệ thống hoặc một tệp theo dõi
  schema     JSON Schema của từng loại tài liệu, cho trình soạn thảo (yaml-language-server)
  serve      xem trước trang trên trình duyệt, tự dựng lại và tải lại khi một tệp thay đổi

tùy chọn:
  -C DIR      chạy như khi đứng ở THƯ_MỤC (thư mục làm việc)
  --lang      ngôn ngữ của thông báo: vi hoặc en
  --version   in phiên bản và phiên bản của các danh mục tiêu chuẩn
  --help      in hướng dẫn này; `qms LỆNH --help` cho từng lệnh

mã thoát: 0 không có vấn đề, 1 có vấn đề, 2 lỗi cách dùng, 3 lỗi đọc ghi
$ qms check --help
cách dùng: qms check [--format text|json|sarif|github|gitlab] [-o TỆP] [-j N] [ĐƯỜNG_DẪN...]
           qms check - [--stdin-filename TÊN] [--format ...]
           qms check --list-rules [--format text|md|json]
           qms check --explain MÃ [--format text|json]
           qms check --schema

Đọc mọi tài liệu YAML trong các đường dẫn (mặc định: thư mục hiện tại) và báo
mọi vấn đề cùng một lúc: cú pháp, cấu trúc, luồng công việc, thời hạn.

Một thư mục được kiểm tra cùng thư mục làm việc của nó: thư mục gần nhất phía
trên có qms.yaml, nếu không có thì chính thư mục đó. Trong thư mục làm việc,
qms.yaml, processes/ và audits/ đều được đọc; các quy tắc liên quan nhiều tệp
(mã quy trình, lời gọi quy trình con, cơ quan) dùng tất cả, nhưng chỉ báo vấn đề
của các tệp nằm trong các đường dẫn. Tệp nằm ngoài mọi thư mục làm việc được
kiểm tra riêng. '-' đọc một tài liệu từ đầu vào chuẩn.

tùy chọn:
  --format ĐỊNH_DẠNG   text (mặc định): tệp:dòng:cột: lỗi|cảnh báo[MÃ]: thông báo;
                       json: mọi thông báo với vị trí, điểm kết thúc và quy tắc;
                       sarif: SARIF 2.1.0 cho công cụ quét mã; github: lệnh của
                       workflow; gitlab: báo cáo Code Quality
  -o, --output TỆP     ghi vào TỆP (trọn vẹn một lần) thay vì ra màn hình
  -j, --jobs N         số luồng xử lý (mặc định: mỗi lõi một luồng)
  --max-warnings N     cũng thoát với mã 1 khi có nhiều hơn N cảnh báo
  --stdin-filename TÊN đi cùng '-': đường dẫn mà tài liệu đọc từ đầu vào chuẩn
                       đại diện (thư mục làm việc và loại tài liệu lấy theo đó)
  --list-rules         liệt kê mọi mã quy tắc (--format md: docs/rules.md; json)
  --explain MÃ_QT      ý nghĩa của một mã quy tắc và cách sửa (text hoặc json)
  --schema             tra cứu mọi khóa của mọi loại tài liệu (Markdown)
  --lang vi|en         ngôn ngữ của thông báo và của những gì viết cho người đọc
                       (mặc định: của thư mục làm việc, nếu không thì của môi trường, nếu không nữa thì en)
  -h, --help           in hướng dẫn này

mã thoát: 0 không có lỗi (có thể có cảnh báo, tối đa --max-warnings), 1 có lỗi
(hoặc quá nhiều cảnh báo), 2 lỗi cách dùng, 3 lỗi đọc ghi
$ qms check --explain f002
F002 unknown-step (lỗi)

`next` của một bước hoặc của một nhánh nêu bước không tồn tại.

cách sửa: Dùng mã của một bước có thật; thông báo gợi ý mã gần nhất.
$ qms check --explain X999
qms: không có quy tắc 'X999'; 'qms check --list-rules' liệt kê các quy tắc
[2]

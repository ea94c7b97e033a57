# From an empty folder: qms init, qms new procedure/system/tracker, qms check passes (only the
# placeholders are reported, as warnings), qms site builds; nothing is ever overwritten.
$ cd $TMP && qms init ws --name "Tỉnh Mẫu" --agency "so-a=Sở A tỉnh Mẫu" --deadline 2020-09-30 && cd ws && qms new procedure so-a --title "Cấp phiếu lý lịch tư pháp" && qms new procedure so-a && qms new system so-a && qms new tracker ubnd-xa-b --name "UBND xã B" --level commune && qms new procedure ubnd-xa-b --code XB-QT-01 --effective 2021-01-01 && qms --lang en check | grep -v S012; qms check --format json | grep -c '"S012"'; qms site --as-of 2020-09-30 --out ../site | head -1
created ws/qms.yaml
created ws/README.md
created ws/.gitignore
created ws/audits/so-a.yaml
created ws/.vscode/settings.json
next: qms -C ws new procedure AGENCY, then qms -C ws check
đã tạo processes/so-a/SA-QT-01.yaml: hãy điền mọi chỗ <...>, rồi chạy qms check
đã tạo processes/so-a/SA-QT-02.yaml: hãy điền mọi chỗ <...>, rồi chạy qms check
đã tạo processes/so-a/system.yaml: hãy điền mọi chỗ <...>, rồi chạy qms check
đã tạo audits/ubnd-xa-b.yaml
đã tạo processes/ubnd-xa-b/XB-QT-01.yaml: hãy điền mọi chỗ <...>, rồi chạy qms check
checked 7 files: 0 errors, 57 warnings
57
đã ghi 6 trang và 5 lưu đồ vào ../site
$ cd $TMP && qms init ws > /dev/null && cd ws && qms new procedure so-a > /dev/null && qms new procedure so-a --code SO-QT-01; qms init .; qms new report so-a; qms new procedure "so a"; cat qms.yaml
đã tạo processes/so-a/SO-QT-01.yaml: hãy điền mọi chỗ <...>, rồi chạy qms check
qms: '.' đã là thư mục làm việc (có qms.yaml); không ghi thêm gì
giữ nguyên ./qms.yaml (đã có)
qms: 'report' không phải loại tài liệu của qms new: hãy dùng procedure, system hoặc tracker
qms: 'so a' không phải mã cơ quan hợp lệ: hãy dùng chữ cái ASCII, chữ số, '-', '_' hoặc '.'
# Cấu hình không gian làm việc ISO (qms). Tài liệu: docs/format.md
workspace:
  name: <tên tỉnh, huyện hoặc cơ quan>
  lang: vi
  time_cut: 40%              # tỷ lệ cắt giảm tối thiểu so với thời hạn theo quy định
  workday_hours: 8          # 01 ngày làm việc = 08 giờ làm việc
  # Ngày nghỉ lễ, Tết và ngày làm bù: calendar/<năm>.yaml (qms có sẵn 2020, 2021)
$ mkdir $TMP/empty && cd $TMP/empty && qms check; qms audit new so-a --name A --level province; qms coverage so-a; ls -A
qms: nothing to check: no YAML document under the paths; 'qms init' starts a workspace
qms: not in a workspace: no qms.yaml here or in a folder above; 'qms init' makes one, '-C DIR' names one
qms: not in a workspace: no qms.yaml here or in a folder above; 'qms init' makes one, '-C DIR' names one
$ cd $TMP && qms --lang en init en --time-cut 50 > /dev/null && head -4 en/qms.yaml && qms init x --agency "so a=Sở"; qms init y --time-cut 120
# The ISO workspace of qms. Reference: docs/format.md
workspace:
  name: <name of the province, district or agency>
  lang: en
qms: 'so a=Sở' is not ID=NAME for --agency, e.g. so-tu-phap=Sở Tư pháp
qms: '120' is not a percentage from 0 to 100 for --time-cut
[2]

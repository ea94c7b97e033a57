# Edits that would break a rule are refused with the reason (exit 1) and the file stays as
# it was; names that do not exist and wrong arguments are usage errors (exit 2).
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e apply --done 2020-07-01; echo "exit $?"; cmp ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml && echo unchanged
audits/so-e.yaml:20:28: lỗi[A003]: giai đoạn 'apply' xong ngày 2020-07-01, sớm hơn 'documentation' xong ngày 2020-07-31 (dòng 19); ngày tháng không thể lùi lại
qms: audits/so-e.yaml không thay đổi: thay đổi này sẽ gây ra lỗi nêu trên
exit 1
unchanged
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e announcement --done 2020-09-10; echo "exit $?"; cmp ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml && echo unchanged
audits/so-e.yaml:20:15: lỗi[A004]: công bố khi chưa có internal-audit và management-review: hệ thống chỉ được công bố sau khi đánh giá nội bộ và xem xét của lãnh đạo
audits/so-e.yaml:20:15: cảnh báo[A013]: giai đoạn 'apply' chưa được ghi nhận trước 'announcement'
audits/so-e.yaml:20:15: cảnh báo[A013]: giai đoạn 'internal-audit' chưa được ghi nhận trước 'announcement'
audits/so-e.yaml:20:15: cảnh báo[A013]: giai đoạn 'management-review' chưa được ghi nhận trước 'announcement'
qms: audits/so-e.yaml không thay đổi: thay đổi này sẽ gây ra lỗi nêu trên
exit 1
unchanged
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit add so-e --id DGNB-2020-01 --kind internal --date 2020-09-01; echo "exit $?"; cmp ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml && echo unchanged
audits/so-e.yaml:42:9: lỗi[A010]: mã cuộc đánh giá 'DGNB-2020-01' được dùng hai lần (lần đầu ở dòng 25)
qms: audits/so-e.yaml không thay đổi: thay đổi này sẽ gây ra lỗi nêu trên
exit 1
unchanged
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit finding so-e DGNB-2020-01 --id NC-01 --grade minor --clause 7.5 --process E-1 --step tham-dinh --text x; echo "exit $?"; cmp ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml && echo unchanged
audits/so-e.yaml:42:13: lỗi[A011]: mã phát hiện 'NC-01' được dùng hai lần (lần đầu ở dòng 30, cuộc đánh giá 'DGNB-2020-01')
audits/so-e.yaml:45:18: lỗi[A006]: phát hiện nêu quy trình không có trong thư mục làm việc: 'E-1'; có phải là 'E-01'?
qms: audits/so-e.yaml không thay đổi: thay đổi này sẽ gây ra các lỗi nêu trên
exit 1
unchanged
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit finding so-e DGNB-2020-01 --id NC-09 --grade minor --clause 7.5 --process E-01 --step tham-dih --text x; echo "exit $?"
audits/so-e.yaml:46:15: lỗi[A007]: quy trình 'E-01' không có bước 'tham-dih'; có phải là 'tham-dinh'?
qms: audits/so-e.yaml không thay đổi: thay đổi này sẽ gây ra lỗi nêu trên
exit 1
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit close so-e NC-01 --date 2020-07-01; echo "exit $?"
audits/so-e.yaml:41:17: lỗi[A008]: ngày đóng 2020-07-01 sớm hơn cuộc đánh giá ngày 2020-07-20 phát hiện ra nó
qms: audits/so-e.yaml không thay đổi: thay đổi này sẽ gây ra lỗi nêu trên
exit 1
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit verify so-e NC-01 --date 2020-08-20; echo "exit $?"
audits/so-e.yaml:41:19: lỗi[A009]: đã kiểm tra hiệu lực mà chưa có 'closed': hãy ghi ngày hoàn thành hành động khắc phục trước
qms: audits/so-e.yaml không thay đổi: thay đổi này sẽ gây ra lỗi nêu trên
exit 1
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-f plan --done 2020-06-01
qms: không có tệp theo dõi của cơ quan 'so-f' (audits/so-f.yaml); có phải là 'so-e'?
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e planning --done 2020-06-01
qms: 'planning' không phải giai đoạn hợp lệ: hãy dùng một trong plan, training, gap-analysis, documentation, apply, internal-audit, management-review, announcement, report
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e plan --done 01/06/2020
qms: '01/06/2020' không phải ngày cho --done: hãy viết YYYY-MM-DD, ví dụ 2020-09-30
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e plan
qms: 'qms audit stage' cần --done DATE; xem 'qms audit stage --help'
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit finding so-e DGNB-2020-1 --id X --grade minor --clause 7.5 --text x
qms: không có cuộc đánh giá 'DGNB-2020-1' trong audits/so-e.yaml; có phải là 'DGNB-2020-01'?
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit finding so-e DGNB-2020-01 --id X --grade minr --clause 7.5 --text x
qms: 'minr' không phải giá trị của --grade: hãy dùng major, minor, observation, improvement; có phải là 'minor'?
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit finding so-e DGNB-2020-01 --id X --grade minor --clause 7.5 --step tra --text x
qms: --step cần có --process: quy trình chứa bước đó
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit close so-e NC-1 --date 2020-08-10
qms: không có phát hiện 'NC-1' trong audits/so-e.yaml; có phải là 'NC-01'?
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit new so-e --name "Sở E" --level province
qms: audits/so-e.yaml đã tồn tại
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit new "sở g" --name "Sở G" --level province
qms: 'sở g' không phải mã cơ quan hợp lệ: hãy dùng chữ cái ASCII, chữ số, '-', '_' hoặc '.'
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit add so-e --id X --kind audit --date 2020-09-01
qms: 'audit' không phải giá trị của --kind: hãy dùng internal, external, inspection
[2]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit verify so-e NC-01 --date 2020-08-20 --cause x
qms: tùy chọn '--cause' không hợp lệ cho 'qms audit verify'; xem 'qms audit verify --help'
[2]

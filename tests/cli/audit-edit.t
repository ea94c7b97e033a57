# qms audit edits change only the lines they must: ws-edit/audits/so-e.yaml is full of
# comments, hand alignment, quotes, a folded text and flow items; each edit runs on a copy
# and the diff shows all it changed (diff exits 1: there is a difference). In order: a new
# stage; a recorded stage re-dated in place; a new audit; a new finding in block style like
# its block neighbour; close and verify, keys in the format's order around the comment; a
# flow mapping closed inside its braces; a new tracker built up from nothing.
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e apply --done 2020-08-03 --evidence "QĐ 38/QĐ-SE, áp dụng" && diff -u --label before --label after ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml
audits/so-e.yaml: đã ghi nhận giai đoạn 'apply' (Áp dụng) hoàn thành ngày 03/8/2020
--- before
+++ after
@@ -17,6 +17,7 @@
     # đánh giá thực trạng: làm cùng đợt đào tạo
     - {stage: gap-analysis, done: 2020-06-15}
     - {stage: documentation, done: 2020-07-31}
+    - {stage: apply, done: 2020-08-03, evidence: "QĐ 38/QĐ-SE, áp dụng"}
 
     # --- hết phần giai đoạn ---
 
[1]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit stage so-e training --done 2020-06-12 && diff -u --label before --label after ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml
audits/so-e.yaml: đã ghi nhận giai đoạn 'training' (Đào tạo) hoàn thành ngày 12/6/2020
--- before
+++ after
@@ -13,7 +13,7 @@
   # hạn riêng: chưa có, theo hạn chung của tỉnh
   stages:
     - {stage: plan,     done: 2020-06-01, evidence: KH 12/KH-SE}   # căn chỉnh bằng tay
-    - {stage: training, done: 2020-06-15}
+    - {stage: training, done: 2020-06-12}
     # đánh giá thực trạng: làm cùng đợt đào tạo
     - {stage: gap-analysis, done: 2020-06-15}
     - {stage: documentation, done: 2020-07-31}
[1]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit add so-e --id KT-2020-01 --kind inspection --date 2020-09-25 --standard "ISO 9001:2015" --auditor "Đỗ Mạnh Hùng" --auditor "Bùi Thị Lan" --scope E-01 && diff -u --label before --label after ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml
audits/so-e.yaml: đã ghi nhận cuộc đánh giá 'KT-2020-01' (Kiểm tra) ngày 25/9/2020
--- before
+++ after
@@ -39,4 +39,10 @@
         owner: Văn phòng Sở
         due: 2020-08-15
       - {id: OBS-01, grade: observation, clause: 9.1.3, text: 'Chưa phân tích số liệu'}   # dạng dòng
+  - id: KT-2020-01
+    kind: inspection
+    standard: ISO 9001:2015
+    date: 2020-09-25
+    auditors: [Đỗ Mạnh Hùng, Bùi Thị Lan]
+    scope: [E-01]
 # cuối tệp
[1]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit finding so-e DGNB-2020-01 --id NC-02 --grade major --clause 8.5.1 --process E-01 --step tra --text "02 hồ sơ trả muộn: không có Phiếu xin lỗi" --due 2020-08-31 --owner "Bộ phận một cửa" && diff -u --label before --label after ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml
audits/so-e.yaml: đã ghi nhận phát hiện 'NC-02' (Không phù hợp nặng) trong cuộc đánh giá 'DGNB-2020-01'
--- before
+++ after
@@ -39,4 +39,12 @@
         owner: Văn phòng Sở
         due: 2020-08-15
       - {id: OBS-01, grade: observation, clause: 9.1.3, text: 'Chưa phân tích số liệu'}   # dạng dòng
+      - id: NC-02
+        grade: major
+        clause: 8.5.1
+        process: E-01
+        step: tra
+        text: "02 hồ sơ trả muộn: không có Phiếu xin lỗi"
+        owner: Bộ phận một cửa
+        due: 2020-08-31
 # cuối tệp
[1]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit close so-e NC-01 --date 2020-08-10 --cause "Chưa phân công người lưu hồ sơ" --action "Phân công; lập danh mục" && qms -C $TMP/ws audit verify so-e NC-01 --date 2020-08-20 && diff -u --label before --label after ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml
audits/so-e.yaml: phát hiện 'NC-01' đã khắc phục xong ngày 10/8/2020
audits/so-e.yaml: phát hiện 'NC-01' đã được kiểm tra hiệu lực ngày 20/8/2020
--- before
+++ after
@@ -35,8 +35,12 @@
         text: >-
           Hồ sơ lưu không sắp xếp theo thứ tự thời gian;
           thiếu danh mục hồ sơ lưu.
+        cause: Chưa phân công người lưu hồ sơ
+        action: Phân công; lập danh mục
         # nguyên nhân: chưa phân công
         owner: Văn phòng Sở
         due: 2020-08-15
+        closed: 2020-08-10
+        verified: 2020-08-20
       - {id: OBS-01, grade: observation, clause: 9.1.3, text: 'Chưa phân tích số liệu'}   # dạng dòng
 # cuối tệp
[1]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit close so-e OBS-01 --date 2020-08-10 && diff -u --label before --label after ws-edit/audits/so-e.yaml $TMP/ws/audits/so-e.yaml
audits/so-e.yaml: phát hiện 'OBS-01' đã khắc phục xong ngày 10/8/2020
--- before
+++ after
@@ -38,5 +38,5 @@
         # nguyên nhân: chưa phân công
         owner: Văn phòng Sở
         due: 2020-08-15
-      - {id: OBS-01, grade: observation, clause: 9.1.3, text: 'Chưa phân tích số liệu'}   # dạng dòng
+      - {id: OBS-01, grade: observation, clause: 9.1.3, text: 'Chưa phân tích số liệu', closed: 2020-08-10}   # dạng dòng
 # cuối tệp
[1]
$ cp -r ws-edit $TMP/ws && qms -C $TMP/ws audit new ubnd-xa-g --name "UBND xã G" --level commune && qms -C $TMP/ws audit stage ubnd-xa-g plan --done 2020-06-10 && qms -C $TMP/ws audit add ubnd-xa-g --id DGNB-01 --kind internal --date 2020-09-01 && qms -C $TMP/ws audit finding ubnd-xa-g DGNB-01 --id NC-01 --grade minor --clause 7.5.3 --text "Thiếu danh mục" && cat $TMP/ws/audits/ubnd-xa-g.yaml && qms check $TMP/ws | tail -1
đã tạo audits/ubnd-xa-g.yaml
audits/ubnd-xa-g.yaml: đã ghi nhận giai đoạn 'plan' (Lập kế hoạch) hoàn thành ngày 10/6/2020
audits/ubnd-xa-g.yaml: đã ghi nhận cuộc đánh giá 'DGNB-01' (Đánh giá nội bộ) ngày 01/9/2020
audits/ubnd-xa-g.yaml: đã ghi nhận phát hiện 'NC-01' (Không phù hợp nhẹ) trong cuộc đánh giá 'DGNB-01'
agency:
  id: ubnd-xa-g
  name: UBND xã G
  level: commune
migration:
  stages:
    - {stage: plan, done: 2020-06-10}
audits:
  - id: DGNB-01
    kind: internal
    date: 2020-09-01
    findings:
      - id: NC-01
        grade: minor
        clause: 7.5.3
        text: Thiếu danh mục
đã kiểm tra 4 tệp: không có vấn đề gì

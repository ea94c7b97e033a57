# qms audit board: the migration board as SVG, the same bytes every time, well-formed XML,
# every name escaped. Card x = 144 + 176 * (column - 1): Sở D (next: training) in column 2,
# xã C (apply) in 5, huyện B (internal audit) in 6, Sở A (all nine done) in 9.
$ qms -C ws-audit audit board --as-of 2020-09-30 -o $TMP/a.svg && qms -C ws-audit audit board --as-of 2020-09-30 > $TMP/b.svg && cmp $TMP/a.svg $TMP/b.svg && python3 -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); print(r.tag, r.get("width"), r.get("height"))' $TMP/a.svg
{http://www.w3.org/2000/svg}svg 1744 456
$ qms -C ws-audit audit board --as-of 2020-09-30 | grep -c '<g class="card">'
4
$ qms -C ws-audit audit board --as-of 2020-09-30 | grep -A1 '<g class="card">' | grep -o '([a-z0-9-]*)&\|<rect x="[0-9]*"' | paste - -
(so-d)&	<rect x="320"
(so-a)&	<rect x="1552"
(ubnd-huyen-b)&	<rect x="1024"
(ubnd-xa-c)&	<rect x="848"
$ qms -C ws-audit audit board --as-of 2020-09-30 | grep -o 'fill="#[0-9a-f]*" stroke="#[0-9a-f]*"/>' | sort | uniq -c
      2 fill="#c62828" stroke="#424242"/>
      2 fill="#dbeafe" stroke="#1e6fd9"/>
      2 fill="#dcedc8" stroke="#558b2f"/>
      9 fill="#eceff1" stroke="#b0bec5"/>
      2 fill="#f3f5f6" stroke="#b0bec5"/>
      1 fill="#fafafa" stroke="#b0bec5"/>
      3 fill="#ffcdd2" stroke="#c62828"/>
      1 fill="#ffe8a3" stroke="#e69500"/>
      1 fill="#ffffff" stroke="#424242"/>
$ qms -C ws-audit audit board --as-of 2020-09-30 | grep -E '<title>|class="(band|stage|legend|title|subtitle)"' | sed -e 's/^<text x="[0-9]*" y="[0-9]*" //'
class="title">Chuyển đổi hệ thống quản lý chất lượng sang TCVN ISO 9001:2015</text>
class="subtitle">Tỉnh Mẫu - tình hình đến ngày 30/9/2020 - 4 cơ quan</text>
class="legend">quá hạn (2)</text>
class="legend">có nguy cơ chậm (0)</text>
class="legend">đúng tiến độ (1)</text>
class="legend">đã công bố (1)</text>
class="legend">phát hiện chưa khắc phục (đỏ: có phát hiện quá hạn khắc phục)    ✓ đã xong cả 9 giai đoạn</text>
class="stage">1. Lập kế hoạch</text>
class="stage">2. Đào tạo</text>
class="stage">3. Đánh giá thực trạng</text>
class="stage">4. Xây dựng, chuyển đổi</text>
class="stage">tài liệu</text>
class="stage">5. Áp dụng</text>
class="stage">6. Đánh giá nội bộ</text>
class="stage">7. Xem xét của lãnh đạo</text>
class="stage">8. Công bố</text>
class="stage">9. Báo cáo Sở KH&amp;CN</text>
class="band">Cấp tỉnh</text>
<g class="card"><title>Sở Khoa học &amp; Công nghệ &quot;Mẫu&quot; &lt;thử&gt; (so-d)&#10;đúng tiến độ; đã xong: Lập kế hoạch; hạn 31/12/2020&#10;phát hiện: 0 chưa khắc phục, 0 quá hạn, 0 chưa kiểm tra hiệu lực</title>
<g class="card"><title>Sở A tỉnh Mẫu (so-a)&#10;đã công bố; đã xong: Báo cáo Sở KH&amp;CN; hạn 30/9/2020&#10;phát hiện: 1 chưa khắc phục, 1 quá hạn, 1 chưa kiểm tra hiệu lực</title>
class="band">Cấp huyện</text>
<g class="card"><title>UBND huyện B (ubnd-huyen-b)&#10;quá hạn; đã xong: Áp dụng; hạn 30/9/2020&#10;phát hiện: 0 chưa khắc phục, 0 quá hạn, 0 chưa kiểm tra hiệu lực</title>
class="band">Cấp xã</text>
<g class="card"><title>UBND xã C (ubnd-xa-c)&#10;quá hạn; đã xong: Xây dựng, chuyển đổi tài liệu; hạn 15/9/2020&#10;phát hiện: 0 chưa khắc phục, 0 quá hạn, 0 chưa kiểm tra hiệu lực</title>
$ qms -C ws-audit audit board --as-of 2020-09-30 --lang en | grep -E 'class="(band|legend|title|subtitle|note)"' | sed -e 's/^<text x="[0-9]*" y="[0-9]*" //'
class="title">Migration of the quality management systems to ISO 9001:2015</text>
class="subtitle">Tỉnh Mẫu - as of 2020-09-30 - 4 agencies</text>
class="legend">overdue (2)</text>
class="legend">at risk (0)</text>
class="legend">on track (1)</text>
class="legend">done (1)</text>
class="legend">findings not yet corrected (red: one is past its due date)    ✓ all nine stages done</text>
class="band">Province</text>
class="band">District</text>
class="band">Commune</text>
class="note">Each agency stands in the column of its next stage. At risk: fewer than 10 days left for each stage to do up to the announcement. Deadline: 2020-09-30 unless the agency has its own.</text>
$ qms -C ws-audit audit board --as-of 2020-09-30 | grep -c 'Mẫu" <thử>'
0
[1]
$ qms -C ws-audit audit board --as-of 2020-09-30 --format json
qms: tùy chọn '--format' không hợp lệ cho 'qms audit board'; xem 'qms audit board --help'
[2]

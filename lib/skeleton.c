#include "skeleton.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "values.h"

/* Two texts, one per language: skeletons are documents, not messages, and
 * are written in the workspace's language whatever the reader's. */
#define VI_EN(lang, vi, en) ((lang) == QMS_LANG_VI ? (vi) : (en))

void qms_skeleton_workspace(struct qms_buf *out, const struct qms_workspace_skeleton *w)
{
	bool vi = w->lang == QMS_LANG_VI;
	qms_buf_adds(out, VI_EN(w->lang, "# Cấu hình không gian làm việc ISO (qms). Tài liệu: docs/format.md\n",
				"# The ISO workspace of qms. Reference: docs/format.md\n"));
	qms_buf_adds(out, "workspace:\n  name: ");
	if (w->name)
		qms_yaml_add_scalar(out, w->name, false);
	else
		qms_buf_adds(out, VI_EN(w->lang, "<tên tỉnh, huyện hoặc cơ quan>",
					"<name of the province, district or agency>"));
	qms_buf_printf(out, "\n  lang: %s\n", vi ? "vi" : "en");
	qms_buf_printf(out, "  time_cut: %d%%%s\n", w->time_cut >= 0 ? w->time_cut : 40,
		       VI_EN(w->lang, "              # tỷ lệ cắt giảm tối thiểu so với thời hạn theo quy định",
			     "              # minimum cut of committed against statutory time"));
	qms_buf_adds(out, VI_EN(w->lang, "  workday_hours: 8          # 01 ngày làm việc = 08 giờ làm việc\n",
				"  workday_hours: 8          # one working day = 8 working hours\n"));
	if (w->deadline >= 0) {
		char d[11];
		qms_date_format(d, w->deadline);
		qms_buf_printf(out, "  migration: {from: ISO 9001:2008, to: ISO 9001:2015, deadline: %s}\n", d);
	}
	qms_buf_adds(
		out,
		VI_EN(w->lang, "  # Ngày nghỉ lễ, Tết và ngày làm bù: calendar/<năm>.yaml (qms có sẵn 2020, 2021)\n",
		      "  # Days off and make-up working days: calendar/<year>.yaml (2020 and 2021 ship with qms)\n"));
}

void qms_skeleton_readme(struct qms_buf *out, enum qms_lang lang)
{
	qms_buf_adds(out,
		     "# Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015\n\n"
		     "Thư mục này là không gian làm việc của qms. Các bước tiếp theo:\n\n"
		     "1. Sửa `qms.yaml`: tên, thời hạn chuyển đổi, tỷ lệ cắt giảm thời gian.\n"
		     "2. Với mỗi cơ quan: `qms new tracker <mã-cơ-quan> --name \"<tên>\" --level "
		     "province|district|commune`\n"
		     "   (theo dõi chuyển đổi trong `audits/`), rồi `qms new system <mã-cơ-quan>` (mô hình hệ thống).\n"
		     "3. Với mỗi thủ tục: `qms new procedure <mã-cơ-quan>`, rồi điền các chỗ `<...>` trong tệp\n"
		     "   `processes/<mã-cơ-quan>/<mã-quy-trình>.yaml`.\n"
		     "4. `qms check`: mọi lỗi, có dòng và cột; các chỗ `<...>` còn trống được nhắc (S012).\n"
		     "5. `qms site --out out/site`: báo cáo, sơ đồ và từng quy trình, mở bằng trình duyệt.\n\n"
		     "Trợ giúp: `qms --help`, `man qms`.\n");
	if (lang == QMS_LANG_EN)
		qms_buf_adds(out, "\n## In English\n\n"
				  "1. Edit `qms.yaml`. 2. `qms new tracker AGENCY --name NAME --level LEVEL`, then\n"
				  "`qms new system AGENCY`. 3. `qms new procedure AGENCY` and fill in every `<...>`.\n"
				  "4. `qms check`. 5. `qms site --out out/site`.\n");
}

void qms_skeleton_gitignore(struct qms_buf *out)
{
	qms_buf_adds(out, "# written by qms init: lock files of qms's edits, and outputs\n.*.lock\n/out/\n");
}

void qms_skeleton_procedure(struct qms_buf *out, const struct qms_procedure_skeleton *p)
{
	enum qms_lang l = p->lang;
	qms_buf_adds(out,
		     VI_EN(l,
			   "# Quy trình giải quyết thủ tục hành chính. Điền các chỗ <...>; tài liệu: docs/format.md\n",
			   "# A procedure. Fill in every <...>; reference: docs/format.md\n"));
	qms_buf_printf(out, "process:\n  code: %s\n  title: ", p->code);
	if (p->title)
		qms_yaml_add_scalar(out, p->title, false);
	else
		qms_buf_adds(out, VI_EN(l, "<tên thủ tục hành chính>", "<name of the procedure>"));
	qms_buf_printf(out, "\n  agency: %s\n  edition: 1\n", p->agency);
	if (p->effective >= 0) {
		char d[11];
		qms_date_format(d, p->effective);
		qms_buf_printf(out, "  effective: %s\n", d);
	} else {
		qms_buf_adds(out, VI_EN(l, "  effective: <ngày hiệu lực, YYYY-MM-DD>\n",
					"  effective: <date in force, YYYY-MM-DD>\n"));
	}
	qms_buf_adds(out, "  standard: ISO 9001:2015\n");
	qms_buf_adds(out,
		     VI_EN(l,
			   "  owner: <đơn vị chủ trì>\n"
			   "  purpose: <mục đích của quy trình>\n"
			   "  scope: <phạm vi áp dụng>\n"
			   "  references:\n    - \"<căn cứ pháp lý: luật, nghị định, quyết định công bố TTHC>\"\n",
			   "  owner: <unit that owns it>\n"
			   "  purpose: <purpose of the procedure>\n"
			   "  scope: <where it applies>\n"
			   "  references:\n    - \"<legal basis: law, decree, decision publishing the procedure>\"\n"));
	qms_buf_adds(out, "  clauses: [8.1, 8.2.2, 8.5.1, 7.5.3]\n");
	qms_buf_adds(
		out,
		VI_EN(l,
		      "  # \"ngày\" là ngày theo lịch, \"ngày làm việc\" là ngày làm việc: viết như văn bản pháp luật\n"
		      "  time_limit:\n"
		      "    statutory: <thời hạn theo quy định, ví dụ 10 ngày làm việc>\n"
		      "    committed: <thời hạn cam kết, ví dụ 6 ngày làm việc>\n"
		      "  lanes:\n"
		      "    - {id: tn, name: Bộ phận tiếp nhận và trả kết quả}\n"
		      "    - {id: cv, name: \"<phòng hoặc chuyên viên thụ lý>\"}\n"
		      "    - {id: ld, name: <lãnh đạo phê duyệt>}\n"
		      "  forms:\n"
		      "    - {id: BM01, name: Giấy tiếp nhận hồ sơ và hẹn trả kết quả}\n"
		      "  steps:\n"
		      "    - {id: nop, kind: start, lane: tn, name: Tổ chức hoặc cá nhân nộp hồ sơ, next: tiep-nhan}\n"
		      "    - {id: tiep-nhan, lane: tn, name: Tiếp nhận và kiểm tra hồ sơ, duration: 4 giờ, forms: "
		      "[BM01], next: tham-dinh}\n"
		      "    - {id: tham-dinh, lane: cv, name: <nội dung thẩm định>, duration: 1 ngày làm việc, next: "
		      "phe-duyet}\n"
		      "    - {id: phe-duyet, lane: ld, name: Xem xét và ký duyệt, duration: 4 giờ, next: tra}\n"
		      "    - {id: tra, kind: end, lane: tn, name: Trả kết quả}\n"
		      "  records:\n"
		      "    - {name: <hồ sơ cần lưu>, keeper: <đơn vị lưu>, retention: <thời gian lưu>}\n",
		      "  # \"days\" are calendar days, \"working days\" working days: write them as the law does\n"
		      "  time_limit:\n"
		      "    statutory: <statutory limit, e.g. 10 working days>\n"
		      "    committed: <committed limit, e.g. 6 working days>\n"
		      "  lanes:\n"
		      "    - {id: tn, name: One-stop reception desk}\n"
		      "    - {id: cv, name: <section or official in charge>}\n"
		      "    - {id: ld, name: <leader who approves>}\n"
		      "  forms:\n"
		      "    - {id: BM01, name: Receipt and appointment slip}\n"
		      "  steps:\n"
		      "    - {id: nop, kind: start, lane: tn, name: The applicant files the dossier, next: tiep-nhan}\n"
		      "    - {id: tiep-nhan, lane: tn, name: Receive and check the dossier, duration: 4 hours, forms: "
		      "[BM01], next: tham-dinh}\n"
		      "    - {id: tham-dinh, lane: cv, name: <what is examined>, duration: 1 working day, next: "
		      "phe-duyet}\n"
		      "    - {id: phe-duyet, lane: ld, name: Review and sign, duration: 4 hours, next: tra}\n"
		      "    - {id: tra, kind: end, lane: tn, name: Return the result}\n"
		      "  records:\n"
		      "    - {name: <record kept>, keeper: <unit that keeps it>, retention: <how long>}\n"));
}

void qms_skeleton_system(struct qms_buf *out, const char *agency, enum qms_lang l)
{
	qms_buf_adds(out, VI_EN(l, "# Mô hình hệ thống quản lý chất lượng TCVN ISO 9001:2015. Điền các chỗ <...>\n",
				"# The quality management system (ISO 9001:2015). Fill in every <...>\n"));
	qms_buf_printf(out, "system:\n  agency: %s\n  standard: ISO 9001:2015\n", agency);
	qms_buf_adds(
		out,
		VI_EN(l,
		      "  scope: \"<phạm vi: các TTHC và bộ phận áp dụng hệ thống>\"\n"
		      "  exclusions:\n"
		      "    - {clause: 8.3, justification: \"<lý do không áp dụng, ví dụ: TTHC do pháp luật quy định, "
		      "cơ quan không thiết kế dịch vụ>\"}\n"
		      "  context:\n    internal: [<vấn đề nội bộ>]\n    external: [<vấn đề bên ngoài>]\n"
		      "  interested_parties:\n    - {party: Người dân và doanh nghiệp, needs: <nhu cầu và mong đợi>}\n"
		      "  policy: <chính sách chất lượng>\n"
		      "  objectives:\n    - {objective: <mục tiêu chất lượng>, target: <chỉ tiêu đo được>}\n"
		      "  risks:\n    - {risk: <rủi ro hoặc cơ hội>, action: <hành động giải quyết>}\n"
		      "  # tài liệu và hồ sơ của hệ thống, mỗi cái gắn với điều khoản nó đáp ứng; ghi tên thật khi đã "
		      "ban hành\n"
		      "  documents:\n"
		      "    - {id: QT-KSTL, title: \"<quy trình kiểm soát thông tin dạng văn bản>\", clauses: [7.5, "
		      "4.4.2]}\n"
		      "    - {id: HS-NL, title: \"<hồ sơ năng lực và đào tạo công chức; kiểm tra phương tiện theo "
		      "dõi>\", clauses: [7.2, 7.1.5.1, 7.1.5.2]}\n"
		      "    - {id: SO-TD, title: \"<sổ theo dõi hồ sơ và phiếu kiểm soát quá trình giải quyết>\", "
		      "clauses: [8.2.3.2, 8.4.1, 8.5.2, 8.5.3, 8.5.6, 8.6]}\n"
		      "    - {id: QT-KPH, title: \"<quy trình kiểm soát đầu ra không phù hợp và hành động khắc "
		      "phục>\", clauses: [8.7, 10.2]}\n"
		      "    - {id: BC-TK, title: \"<báo cáo thống kê kết quả giải quyết hồ sơ>\", clauses: [9.1]}\n"
		      "    - {id: QT-DGNB, title: \"<quy trình và hồ sơ đánh giá nội bộ>\", clauses: [9.2]}\n"
		      "    - {id: BB-XXLD, title: \"<biên bản xem xét của lãnh đạo>\", clauses: [9.3]}\n",
		      "  scope: \"<scope: the procedures and units the system covers>\"\n"
		      "  exclusions:\n"
		      "    - {clause: 8.3, justification: \"<why it does not apply, e.g. procedures are set by "
		      "law>\"}\n"
		      "  context:\n    internal: [<internal issue>]\n    external: [<external issue>]\n"
		      "  interested_parties:\n    - {party: Citizens and businesses, needs: <needs and expectations>}\n"
		      "  policy: <quality policy>\n"
		      "  objectives:\n    - {objective: <quality objective>, target: <measurable target>}\n"
		      "  risks:\n    - {risk: <risk or opportunity>, action: <action that addresses it>}\n"
		      "  # documents and records of the system, each tagged with the clauses it meets; the real title "
		      "once issued\n"
		      "  documents:\n"
		      "    - {id: QT-KSTL, title: \"<procedure for the control of documented information>\", clauses: "
		      "[7.5, 4.4.2]}\n"
		      "    - {id: HS-NL, title: \"<competence and training records; checks of the monitoring means>\", "
		      "clauses: [7.2, 7.1.5.1, 7.1.5.2]}\n"
		      "    - {id: SO-TD, title: \"<dossier log book and process control slips>\", clauses: [8.2.3.2, "
		      "8.4.1, 8.5.2, 8.5.3, 8.5.6, 8.6]}\n"
		      "    - {id: QT-KPH, title: \"<procedure for nonconforming outputs and corrective action>\", "
		      "clauses: [8.7, 10.2]}\n"
		      "    - {id: BC-TK, title: \"<statistics of dossier results>\", clauses: [9.1]}\n"
		      "    - {id: QT-DGNB, title: \"<internal audit procedure and records>\", clauses: [9.2]}\n"
		      "    - {id: BB-XXLD, title: \"<minutes of the management review>\", clauses: [9.3]}\n"));
}

/* `STP-QT-07`: prefix `STP-QT-`, number 7, width 2. */
static bool split_code(const char *code, size_t *prefix, long *number, int *width)
{
	size_t n = strlen(code), i = n;
	while (i > 0 && isdigit((unsigned char)code[i - 1]))
		i--;
	if (i == n || i == 0 || n - i > 6)
		return false;
	*prefix = i;
	*number = strtol(code + i, NULL, 10);
	*width = (int)(n - i);
	return true;
}

static bool taken(const char *code, const char *const *all, size_t nall)
{
	for (size_t i = 0; i < nall; i++)
		if (!strcasecmp(all[i], code))
			return true;
	return false;
}

char *qms_skeleton_suggest_code(const char *agency, const char *const *own, size_t nown, const char *const *all,
				size_t nall)
{
	struct qms_buf prefix;
	qms_buf_init(&prefix);
	long best = 0;
	int width = 2;
	for (size_t i = 0; i < nown; i++) {
		size_t p;
		long n;
		int w;
		/* the procedures of one-stop desks, not the system's own (ISO-) */
		if (!strstr(own[i], "-QT-") || !split_code(own[i], &p, &n, &w) || n < best)
			continue;
		qms_buf_reset(&prefix);
		qms_buf_add(&prefix, own[i], p);
		best = n;
		width = w;
	}
	if (!prefix.len) {
		for (const char *p = agency; *p; p++)
			if (p == agency || p[-1] == '-')
				qms_buf_addc(&prefix, (char)toupper((unsigned char)*p));
		qms_buf_adds(&prefix, "-QT-");
	}
	struct qms_buf code;
	qms_buf_init(&code);
	for (long n = best + 1;; n++) {
		qms_buf_reset(&code);
		qms_buf_printf(&code, "%s%0*ld", prefix.buf, width, n);
		if (!taken(code.buf, all, nall))
			break;
	}
	qms_buf_release(&prefix);
	return qms_buf_detach(&code);
}

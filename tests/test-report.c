/* The provincial report: every figure against a count made by hand from
 * the fixture tests/report/ws (the counts and how they were made are in
 * tests/report/README.md; none comes from the code under test), the text
 * in both languages, the formats, escaping, determinism; and the HTML
 * helpers of the site (escaping, the inline-SVG check, page names, the
 * output folder check). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "html.h"
#include "i18n.h"
#include "report.h"
#include "site.h"
#include "values.h"

#ifndef QMS_REPORT_WS
#error "QMS_REPORT_WS: the fixture workspace"
#endif

static struct qms_report R;

static int ws_setup(void **state)
{
	(void)state;
	if (chdir(QMS_REPORT_WS) < 0)
		return -1;
	struct qms_report_options opt = {.as_of = qms_date_parse("2020-09-30"), .lang = -1, .jobs = 1};
	char *err = NULL;
	int rc = qms_report_compute(&R, ".", &opt, &err);
	free(err);
	return rc;
}

static int ws_teardown(void **state)
{
	(void)state;
	qms_report_release(&R);
	return 0;
}

static const struct qms_report_agency *agency(const char *id)
{
	for (size_t i = 0; i < R.nagencies; i++)
		if (!strcmp(R.agencies[i].id, id))
			return &R.agencies[i];
	fail_msg("no agency %s", id);
	return NULL;
}

static const struct qms_report_procedure *procedure(const char *code)
{
	for (size_t i = 0; i < R.nprocedures; i++)
		if (!strcmp(R.procedures[i].code, code))
			return &R.procedures[i];
	fail_msg("no procedure %s", code);
	return NULL;
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("missing: %s\n--- in:\n%s", needle, hay);
}

static void assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle))
		fail_msg("unexpected: %s", needle);
}

/* ---- figures ---- */

static void test_period(void **state)
{
	(void)state;
	/* from the start of the year: "9 tháng đầu năm 2020" */
	assert_int_equal(R.period_start, qms_date_parse("2020-01-01"));
	assert_int_equal(R.period_end, qms_date_parse("2020-09-30"));
	assert_int_equal(R.half, 2);
	assert_int_equal(R.year, 2020);
	assert_int_equal(R.lang, QMS_LANG_VI);
	assert_string_equal(R.workspace, "Tỉnh Thử Nghiệm");
	/* the first half, for a date in it */
	struct qms_report r1;
	struct qms_report_options opt = {.as_of = qms_date_parse("2020-06-30"), .lang = QMS_LANG_EN, .jobs = 1};
	char *err = NULL;
	assert_int_equal(qms_report_compute(&r1, ".", &opt, &err), 0);
	assert_int_equal(r1.period_start, qms_date_parse("2020-01-01"));
	assert_int_equal(r1.period_end, qms_date_parse("2020-06-30"));
	assert_int_equal(r1.half, 1);
	assert_int_equal(r1.lang, QMS_LANG_EN);
	/* by 30/6 only A-IA-0 (20/6) was held: 1 audit, 1 minor finding, verified 20/7 so
	 * closed (5/7) but not verified by 30/6 */
	assert_int_equal(r1.audits_period, 1);
	assert_int_equal(r1.findings_period, 1);
	assert_int_equal(r1.findings_by_grade[QMS_GRADE_MINOR], 1);
	/* F4 (minor, due 10/7) was closed on 5/7: open on 30/6, not overdue */
	assert_int_equal(r1.actions[QMS_ACTION_OPEN], 1);
	assert_int_equal(r1.actions[QMS_ACTION_OVERDUE], 0);
	assert_int_equal(r1.actions[QMS_ACTION_UNVERIFIED], 0);
	qms_report_release(&r1);
	free(err);
}

static void test_migration(void **state)
{
	(void)state;
	assert_int_equal(R.tracked, 5);
	assert_int_equal(R.nagencies, 6);
	assert_int_equal(R.by_status[QMS_STATUS_DONE], 1);
	/* ubnd-c and ubnd-e are due on the date itself: late at its end */
	assert_int_equal(R.by_status[QMS_STATUS_OVERDUE], 3);
	assert_int_equal(R.by_status[QMS_STATUS_AT_RISK], 0);
	assert_int_equal(R.by_status[QMS_STATUS_ON_TRACK], 1);
	assert_int_equal(R.level_total[QMS_LEVEL_PROVINCE], 2);
	assert_int_equal(R.level_done[QMS_LEVEL_PROVINCE], 1);
	assert_int_equal(R.level_total[QMS_LEVEL_DISTRICT], 1);
	assert_int_equal(R.level_done[QMS_LEVEL_DISTRICT], 0);
	assert_int_equal(R.level_total[QMS_LEVEL_COMMUNE], 2);
	assert_int_equal(R.level_done[QMS_LEVEL_COMMUNE], 0);
	size_t next[QMS_STAGE_COUNT + 1] = {0};
	next[QMS_STAGE_PLAN] = 1; /* ubnd-e */
	next[QMS_STAGE_TRAINING] = 1; /* ubnd-d */
	next[QMS_STAGE_APPLY] = 1; /* ubnd-c */
	next[QMS_STAGE_MANAGEMENT_REVIEW] = 1; /* so-b */
	next[QMS_STAGE_COUNT] = 1; /* so-a */
	for (int s = 0; s <= QMS_STAGE_COUNT; s++)
		assert_int_equal(R.by_next[s], next[s]);

	const struct qms_report_agency *a = agency("so-a");
	assert_int_equal(a->status.status, QMS_STATUS_DONE);
	assert_string_equal(a->decision, "Quyết định 88/QĐ-SA");
	assert_int_equal(a->status.announced, qms_date_parse("2020-09-10"));
	assert_string_equal(a->short_name, "Sở A tỉnh");
	const struct qms_report_agency *b = agency("so-b");
	assert_int_equal(b->status.status, QMS_STATUS_OVERDUE);
	assert_int_equal(b->status.days_left, -30);
	assert_int_equal(b->status.stages_left, 2);
	assert_int_equal(b->status.last_stage, QMS_STAGE_INTERNAL_AUDIT);
	const struct qms_report_agency *c = agency("ubnd-c");
	assert_int_equal(c->status.status, QMS_STATUS_OVERDUE);
	assert_int_equal(c->status.days_left, 0);
	assert_int_equal(c->status.stages_left, 4);
	const struct qms_report_agency *d = agency("ubnd-d");
	assert_int_equal(d->status.status, QMS_STATUS_ON_TRACK);
	assert_int_equal(d->status.last_stage, QMS_STAGE_PLAN);
	assert_int_equal(d->stage_done[QMS_STAGE_TRAINING], -1); /* dated after 30/9 */
	const struct qms_report_agency *e = agency("ubnd-e");
	assert_int_equal(e->status.status, QMS_STATUS_OVERDUE);
	assert_int_equal(e->status.stages_left, 8);
	const struct qms_report_agency *f = agency("so-f");
	assert_false(f->tracked);
	assert_int_equal(f->level, -1);
}

static void test_audits(void **state)
{
	(void)state;
	assert_int_equal(R.naudits, 5); /* A-KT-1 of 5/10 is after the date */
	assert_int_equal(R.audits_period, 5); /* A-IA-0 of 20/6 is in the nine months */
	assert_int_equal(R.agencies_audited, 3);
	assert_int_equal(R.audits_by_kind[0], 3);
	assert_int_equal(R.audits_by_kind[1], 1);
	assert_int_equal(R.audits_by_kind[2], 1);
	assert_int_equal(R.findings_period, 9);
	assert_int_equal(R.findings_by_grade[QMS_GRADE_MAJOR], 2);
	assert_int_equal(R.findings_by_grade[QMS_GRADE_MINOR], 4);
	assert_int_equal(R.findings_by_grade[QMS_GRADE_OBSERVATION], 2);
	assert_int_equal(R.findings_by_grade[QMS_GRADE_IMPROVEMENT], 1);
	assert_int_equal(R.findings_no_grade, 0);
	static const struct {
		const char *clause;
		size_t g[4];
	} want[] =
		{
			{"6.1", {1, 1, 0, 0}},   {"7.1.6", {0, 0, 0, 1}}, {"7.2", {0, 1, 1, 0}},
			{"7.5.3", {0, 1, 0, 0}}, {"8.5.1", {1, 0, 0, 0}}, {"9.1.2", {0, 0, 1, 0}},
			{"4.2.3", {0, 1, 0, 0}}, /* F4, against ISO 9001:2008: after the 2015 clauses */
		};
	assert_int_equal(R.nclauses, QMS_ARRAY_LEN(want));
	for (size_t i = 0; i < QMS_ARRAY_LEN(want); i++) {
		assert_string_equal(R.clauses[i].clause, want[i].clause);
		assert_string_equal(R.clauses[i].standard,
				    i + 1 < QMS_ARRAY_LEN(want) ? "ISO 9001:2015" : "ISO 9001:2008");
		size_t total = 0;
		for (int g = 0; g < 4; g++) {
			assert_int_equal(R.clauses[i].by_grade[g], want[i].g[g]);
			total += want[i].g[g];
		}
		assert_int_equal(R.clauses[i].total, total);
	}
	assert_string_equal(R.clauses[0].catalog_clause->vi, "Hành động giải quyết rủi ro và cơ hội");
	assert_int_equal(agency("so-a")->audits_total, 2);
	assert_int_equal(agency("so-a")->audits_period, 2);
	assert_int_equal(agency("so-b")->audits_period, 2);
	assert_int_equal(agency("so-b")->findings_period, 3);
}

static void test_actions(void **state)
{
	(void)state;
	assert_int_equal(R.actions[QMS_ACTION_OPEN], 2); /* F7, F9 */
	assert_int_equal(R.actions[QMS_ACTION_OVERDUE], 2); /* F6, F10 */
	assert_int_equal(R.actions[QMS_ACTION_UNVERIFIED], 2); /* F2, F8 */
	assert_int_equal(R.actions[QMS_ACTION_VERIFIED], 2); /* F1, F4 */
	assert_int_equal(R.actions[QMS_ACTION_NONE], 1); /* F3 */
	const struct qms_report_agency *b = agency("so-b");
	assert_int_equal(b->actions[QMS_ACTION_OVERDUE], 1);
	assert_int_equal(b->actions[QMS_ACTION_OPEN], 1);
	assert_int_equal(b->actions[QMS_ACTION_UNVERIFIED], 1);
	/* the same as the tracker's own status counts */
	for (size_t i = 0; i < R.nagencies; i++) {
		const struct qms_report_agency *a = &R.agencies[i];
		if (!a->tracked)
			continue;
		assert_int_equal(a->status.findings_open, a->actions[QMS_ACTION_OPEN] + a->actions[QMS_ACTION_OVERDUE]);
		assert_int_equal(a->status.findings_overdue, a->actions[QMS_ACTION_OVERDUE]);
		assert_int_equal(a->status.findings_unverified, a->actions[QMS_ACTION_UNVERIFIED]);
	}
	size_t overdue_days = 0;
	for (size_t i = 0; i < R.nfindings; i++)
		if (R.findings[i].state == QMS_ACTION_OVERDUE)
			overdue_days += (size_t)R.findings[i].days_overdue;
	assert_int_equal(overdue_days, 10 + 60);
}

static void test_procedures(void **state)
{
	(void)state;
	assert_int_equal(R.nprocedures, 6);
	assert_int_equal(R.on_2015, 5);
	assert_int_equal(R.on_2008, 1);
	assert_int_equal(R.no_standard, 0);
	assert_int_equal(R.timed, 4);
	assert_int_equal(R.meet_cut, 3);
	assert_int_equal(R.avg_cut_tenths, 458);
	assert_int_equal(R.time_cut_tenths, 400);
	assert_int_equal(procedure("A-01")->cut_tenths, 400);
	assert_true(procedure("A-01")->meets_cut);
	assert_int_equal(procedure("A-02")->cut_tenths, 333);
	assert_false(procedure("A-02")->meets_cut);
	assert_false(procedure("A-03")->timed);
	assert_int_equal(procedure("C-01")->cut_tenths, 600);
	assert_int_equal(procedure("C-02")->cut_tenths, 500);
	assert_true(procedure("A-01")->has_critical);
	assert_true(procedure("A-01")->critical.hours > 47.99 && procedure("A-01")->critical.hours < 48.01);
	assert_int_equal(agency("so-a")->avg_cut_tenths, 367);
	assert_int_equal(agency("ubnd-c")->avg_cut_tenths, 550);
	assert_int_equal(agency("so-a")->procedures, 3);
	assert_int_equal(agency("ubnd-c")->on_2008, 1);
	assert_int_equal(agency("so-f")->procedures, 1);
}

static void test_check(void **state)
{
	(void)state;
	assert_int_equal(R.files_checked, 13);
	assert_int_equal(R.errors, 7);
	assert_int_equal(R.warnings, 2);
	assert_int_equal(R.errors_other, 0);
	assert_int_equal(agency("so-a")->errors, 6);
	assert_int_equal(agency("so-a")->warnings, 1);
	assert_int_equal(agency("ubnd-c")->errors, 0);
	assert_int_equal(agency("ubnd-c")->warnings, 1);
	assert_int_equal(agency("so-f")->errors, 1);
	assert_int_equal(agency("so-b")->errors + agency("so-b")->warnings, 0);
	assert_int_equal(procedure("A-02")->warnings, 1);
	assert_int_equal(procedure("F-01")->errors, 1);
}

static void test_coverage(void **state)
{
	(void)state;
	assert_true(R.have_catalog);
	assert_int_equal(R.assessed, 3);
	assert_int_equal(R.conforming, 0);
	const struct qms_report_agency *a = agency("so-a");
	assert_true(a->assessed);
	/* so-a's system.yaml has no `issued` and its documents no issue date:
	 * addressed on paper only; its procedures are effective */
	assert_int_equal(a->coverage.count[QMS_COV_MET], 29);
	assert_int_equal(a->coverage.count[QMS_COV_DOCUMENTED], 18);
	assert_int_equal(a->coverage.count[QMS_COV_MISSING], 12);
	/* the exclusion of 8.3 is one clause, not its six sub-clauses */
	assert_int_equal(a->coverage.count[QMS_COV_NOT_APPLICABLE], 1);
	static const char *const missing[] = {"4.4.1", "4.4.2", "5.1.1", "5.1.2", "5.3",   "6.3",
					      "8.4.1", "8.4.2", "8.4.3", "8.6",   "8.7.1", "8.7.2"};
	size_t k = 0;
	for (size_t i = 0; i < a->coverage.nrows; i++)
		if (a->coverage.rows[i].status == QMS_COV_MISSING)
			assert_string_equal(a->coverage.rows[i].clause->number, missing[k++]);
	assert_int_equal(k, QMS_ARRAY_LEN(missing));
	for (int s = 0; s < QMS_COV_STATUS_COUNT; s++)
		assert_int_equal(R.coverage_count[s], a->coverage.count[s] + agency("ubnd-c")->coverage.count[s] +
							      agency("so-f")->coverage.count[s]);
	assert_int_equal(agency("ubnd-c")->coverage.count[QMS_COV_DOCUMENTED], 2);
	assert_int_equal(agency("ubnd-c")->coverage.count[QMS_COV_MISSING], 63);
	assert_int_equal(agency("so-f")->coverage.count[QMS_COV_MISSING], 64);
	assert_false(agency("so-b")->assessed);
}

/* ---- text ---- */

/* The period as the administration names it, from the dates alone. */
static void test_period_names(void **state)
{
	(void)state;
	static const struct {
		const char *as_of, *vi, *en;
	} cases[] = {
		{"2020-03-31", "Quý I năm 2020", "the first quarter of 2020"},
		{"2020-05-31", "5 tháng đầu năm 2020", "the first five months of 2020"},
		{"2020-06-30", "6 tháng đầu năm 2020", "the first half of 2020"},
		{"2020-09-30", "9 tháng đầu năm 2020", "the first nine months of 2020"},
		{"2020-12-31", "năm 2020", "the year 2020"},
		{"2020-09-15", "từ ngày 01/01/2020 đến ngày 15/9/2020", "from 1 January 2020 to 15 September 2020"},
	};
	for (size_t i = 0; i < QMS_ARRAY_LEN(cases); i++) {
		struct qms_report r;
		memset(&r, 0, sizeof(r));
		r.as_of = qms_date_parse(cases[i].as_of);
		r.period_start = qms_date_parse("2020-01-01");
		struct qms_buf b;
		qms_buf_init(&b);
		qms_report_add_period(&b, &r, QMS_LANG_VI);
		assert_string_equal(b.buf, cases[i].vi);
		qms_buf_reset(&b);
		qms_report_add_period(&b, &r, QMS_LANG_EN);
		assert_string_equal(b.buf, cases[i].en);
		qms_buf_release(&b);
	}
}

/* The first section is pasted as it stands into the Department of Home
 * Affairs' report: whole paragraphs, checked word for word. */
static void test_text_vi(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_report_format_md(&b, &R);
	static const char *const paragraphs[] = {
		"# Kết quả chuyển đổi, áp dụng hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 - tỉnh Thử Nghiệm\n",
		"\nSố liệu tính đến ngày 30/9/2020. Kỳ báo cáo: 9 tháng đầu năm 2020 (từ ngày 01/01/2020 đến ngày "
		"30/9/2020).\n",
		"\n## Về áp dụng ISO trong hoạt động của cơ quan hành chính nhà nước\n",
		"\nTheo kế hoạch, đến hết Quý III năm 2020, 05 cơ quan hành chính nhà nước trên địa bàn tỉnh Thử "
		"Nghiệm phải hoàn thành chuyển đổi hệ thống quản lý chất lượng từ TCVN ISO 9001:2008 sang TCVN ISO "
		"9001:2015 và công bố hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015 (02 cơ quan có thời hạn "
		"riêng).\n",
		"\nĐến ngày 30/9/2020, 1/5 cơ quan đã hoàn thành chuyển đổi và công bố hệ thống quản lý chất lượng phù "
		"hợp TCVN ISO 9001:2015, đạt 20% (cấp tỉnh 1/2, cấp huyện 0/1, cấp xã 0/2).\n",
		"\nCòn 04 cơ quan chưa hoàn thành, trong đó 03 cơ quan đã quá hạn: Sở B tỉnh (hạn 31/8/2020, chậm 30 "
		"ngày; còn 02 giai đoạn: xem xét của lãnh đạo, công bố); UBND huyện C (đến hạn ngày 30/9/2020, chưa "
		"hoàn thành; còn 04 giai đoạn: áp dụng, đánh giá nội bộ, xem xét của lãnh đạo, công bố); UBND xã E "
		"\\<b\\>đậm\\</b\\> & \"ngoặc\" (đến hạn ngày 30/9/2020, chưa hoàn thành; còn 08 giai đoạn: từ lập kế "
		"hoạch đến công bố); 01 cơ quan đúng tiến độ: UBND xã D (chi tiết tại Phụ lục I).\n",
		"\nTừ ngày 01/01/2020 đến ngày 30/9/2020, đã có 05 cuộc đánh giá, kiểm tra tại 03 cơ quan (03 đánh giá "
		"nội bộ, 01 đánh giá bên ngoài và 01 kiểm tra), ghi nhận 09 phát hiện, gồm: 02 điểm không phù hợp "
		"nặng, 04 điểm không phù hợp nhẹ, 02 điểm lưu ý và 01 cơ hội cải tiến. Về hành động khắc phục: 04 hành "
		"động chưa hoàn thành (trong đó 02 hành động đã quá hạn); 02 hành động đã hoàn thành nhưng chưa được "
		"kiểm tra hiệu lực; 02 hành động đã được kiểm tra hiệu lực (chi tiết tại Phụ lục II).\n",
		"\n03 cơ quan đã xây dựng 06 quy trình (01 quy trình giải quyết TTHC và 05 quy trình hệ thống), trong "
		"đó 05 quy trình theo TCVN ISO 9001:2015, 01 quy trình còn theo TCVN ISO 9001:2008. Về thời hạn giải "
		"quyết, 3/4 quy trình có ghi thời hạn đạt mức cắt giảm tối thiểu 40% so với quy định của Trung ương; "
		"mức cắt giảm bình quân là 45,8% (chi tiết tại Phụ lục III).\n",
		"\nĐối chiếu bằng chứng với từng điều khoản của TCVN ISO 9001:2015 tại 03 cơ quan đã xây dựng tài liệu "
		"của hệ thống quản lý chất lượng: Sở A tỉnh có 12 điều khoản chưa đáp ứng và 18 điều khoản mới có tài "
		"liệu, chưa có bằng chứng thực hiện; UBND huyện C có 63 điều khoản chưa đáp ứng và 02 điều khoản mới "
		"có tài liệu, chưa có bằng chứng thực hiện (8.1, 8.5.1); so-f có 64 điều khoản chưa đáp ứng và 01 điều "
		"khoản mới có tài liệu, chưa có bằng chứng thực hiện (8.1). 03 cơ quan còn lại chưa có tài liệu hệ "
		"thống để đối chiếu (chi tiết tại Phụ lục IV).\n",
		"\nNhiệm vụ thời gian tới: đôn đốc 04 cơ quan chưa hoàn thành, trước hết là 03 cơ quan đã quá hạn, "
		"hoàn thành chuyển đổi và công bố hệ thống quản lý chất lượng phù hợp TCVN ISO 9001:2015; hoàn thành "
		"04 hành động khắc phục còn mở và kiểm tra hiệu lực 02 hành động đã hoàn thành; bổ sung tài liệu, bằng "
		"chứng thực hiện cho các điều khoản chưa đáp ứng tại 03 cơ quan; chuyển đổi 01 quy trình còn theo TCVN "
		"ISO 9001:2008.\n",
		"\n## Phụ lục I. Tiến độ chuyển đổi của các cơ quan\n",
	};
	/* in this order, each once */
	const char *at = b.buf;
	for (size_t i = 0; i < QMS_ARRAY_LEN(paragraphs); i++) {
		const char *p = strstr(at, paragraphs[i]);
		if (!p)
			fail_msg("paragraph %zu not found after offset %td: %s", i, at - b.buf, paragraphs[i]);
		at = p + strlen(paragraphs[i]) - 1;
	}
	/* the tables, in the appendices */
	assert_contains(
		b.buf,
		"| 3 | UBND xã E \\<b\\>đậm\\</b\\> & \"ngoặc\" | 30/9/2020 | Chưa bắt đầu | Lập kế hoạch | Quá hạn |");
	assert_contains(b.buf, "| 1 | Sở A tỉnh | Quyết định 88/QĐ-SA | 10/9/2020 |");
	assert_contains(b.buf, "| 6.1 | Hành động giải quyết rủi ro và cơ hội | 1 | 1 | 0 | 0 | 2 |");
	assert_contains(b.buf, "| UBND xã D | D-KT-1 | F10 (Điểm lưu ý) | 7.2 | 01/8/2020 | 60 |");
	assert_contains(b.buf, "cắt giảm 33,3%.");
	assert_contains(b.buf,
			"Rà soát tự động các quy trình và tài liệu hệ thống của các cơ quan: 07 lỗi, 02 cảnh báo.");
	assert_contains(b.buf, "| Sở A tỉnh | 3 | 3 | 0 | 2 | 1 | 36,7% | 6 | 1 |");
	assert_contains(b.buf, "| Tổng cộng | 6 | 5 | 1 | 4 | 3 | 45,8% | 7 | 2 |");
	assert_contains(b.buf, "| Sở A tỉnh | 29 | 18 | 12 | 1 | 4.1, 4.2, 4.3, 4.4.1,");
	assert_contains(b.buf, "| Tổng cộng | 29 | 21 | 139 | 1 |  |");
	/* conformity only from the statuses; no tool words */
	assert_lacks(b.buf, "đáp ứng đủ");
	assert_lacks(b.buf, "qms");
	assert_lacks(b.buf, "tệp");
	assert_lacks(b.buf, "bộ hồ sơ");
	assert_lacks(b.buf, "6 tháng cuối năm");
	/* user text escaped for Markdown */
	assert_contains(b.buf, "UBND xã E \\<b\\>đậm\\</b\\> & \"ngoặc\"");
	assert_lacks(b.buf, "<b>");
	qms_buf_release(&b);
}

static void test_text_en(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	enum qms_lang saved = R.lang;
	R.lang = QMS_LANG_EN;
	qms_report_format_md(&b, &R);
	R.lang = saved;
	assert_contains(b.buf, "Figures as of 30 September 2020. Reporting period: the first nine months of 2020 (1 "
			       "January 2020 to 30 September 2020).");
	assert_contains(b.buf, "As of 30 September 2020, 1 of 5 agencies (20%) had completed the conversion");
	assert_contains(b.buf,
			"4 agencies had not; 3 overdue: Sở B tỉnh (deadline 31 August 2020, 30 days late; 2 stages "
			"left: management review, announcement); UBND huyện C (due 30 September 2020, not finished;");
	assert_contains(b.buf,
			"From 1 January 2020 to 30 September 2020, 5 audits and inspections were held at 3 agencies (3 "
			"internal audits, 1 external audit and 1 inspection); they raised 9 findings: 2 major "
			"nonconformities, 4 minor nonconformities, 2 observations and 1 opportunity for improvement.");
	assert_contains(b.buf, "Corrective actions: 4 open (2 of them overdue); 2 closed but not yet verified as "
			       "effective; 2 verified (details in Appendix II).");
	assert_contains(b.buf, "the average cut is 45.8%");
	assert_contains(b.buf, "found 7 errors and 2 warnings");
	assert_contains(b.buf, "Sở A tỉnh has 12 clauses not met and 18 clauses documented without evidence yet");
	assert_contains(b.buf, "| 9.1.2 | Customer satisfaction | 0 | 0 | 1 | 0 | 1 |");
	assert_contains(b.buf, "## Appendix IV. Conformity with the clauses of ISO 9001:2015");
	qms_buf_release(&b);
}

static void test_json_csv(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_report_format_json(&b, &R);
	const char *want[] = {
		"\"as_of\": \"2020-09-30\"",
		"\"period\": {\"start\": \"2020-01-01\", \"end\": \"2020-09-30\", \"year\": 2020, \"half\": 2}",
		"\"agencies\": 5,\n    \"done\": 1,\n    \"not_done\": 4,\n    \"overdue\": 3,\n    \"at_risk\": 0,\n  "
		"  \"on_track\": 1",
		"\"own_deadline\": 2",
		"\"province\": {\"agencies\": 2, \"done\": 1}",
		"\"by_next_stage\": {\"plan\": 1, \"training\": 1, \"gap-analysis\": 0, \"documentation\": 0, "
		"\"apply\": 1, \"internal-audit\": 0, \"management-review\": 1, \"announcement\": 0, \"report\": 0, "
		"\"none\": 1}",
		"\"decision\": \"Quyết định 88/QĐ-SA\", \"announced\": \"2020-09-10\"",
		"\"held\": 5",
		"\"by_kind\": {\"internal\": 3, \"external\": 1, \"inspection\": 1}",
		"\"by_grade\": {\"major\": 2, \"minor\": 4, \"observation\": 2, \"improvement\": 1, \"none\": 0}",
		"\"actions\": {\"open\": 4, \"overdue\": 2, \"unverified\": 2, \"verified\": 2}",
		"\"count\": 6",
		"\"meet_cut\": 3",
		"\"time_cut\": 40.0",
		"\"average_cut\": 45.8",
		"\"errors\": 7",
		"\"met\": 29,\n    \"documented\": 21,\n    \"missing\": 139,\n    \"not-applicable\": 1",
		"{\"agency\": \"so-a\", \"system\": \"processes/so-a/system.yaml\", \"clauses\": 60, \"met\": 29, "
		"\"documented\": 18, \"missing\": 12, \"not-applicable\": 1",
		"\"name\": \"UBND xã E <b>đậm</b> & \\\"ngoặc\\\"\"",
	};
	for (size_t i = 0; i < QMS_ARRAY_LEN(want); i++)
		assert_contains(b.buf, want[i]);
	qms_buf_reset(&b);
	qms_report_format_csv(&b, &R);
	assert_contains(b.buf, "agency,name,level,tracked,status,");
	assert_contains(b.buf, "\nso-b,Sở B tỉnh Thử "
			       "Nghiệm,province,yes,overdue,internal-audit,management-review,2020-08-31,-30,,,2,2,3,2,"
			       "1,1,0,0,0,0,0,0,,0,0,no,,,,,\n");
	assert_contains(b.buf, "\nso-f,so-f,,no,,,,,,,,0,0,0,0,0,0,0,1,1,0,0,0,,1,0,yes,0,1,64,0,4.1 4.2 ");
	assert_contains(b.buf, "\nubnd-e,\"UBND xã E <b>đậm</b> & \"\"ngoặc\"\"\",commune,yes,overdue,");
	qms_buf_release(&b);
}

static void test_html(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_report_format_html(&b, &R);
	assert_contains(b.buf, "<!DOCTYPE html>\n<html lang=\"vi\">");
	assert_contains(b.buf, "UBND xã E &lt;b&gt;đậm&lt;/b&gt; &amp; &quot;ngoặc&quot;");
	assert_lacks(b.buf, "<b>");
	assert_lacks(b.buf, "<script");
	assert_contains(b.buf, "<tr class=\"total\"><td>Tổng cộng</td>");
	qms_buf_reset(&b);
	qms_report_format_html_body(&b, &R, true);
	assert_contains(b.buf, "<a href=\"agencies/so-b.html\">Sở B tỉnh</a>");
	assert_contains(b.buf, "<a href=\"procedures/A-02.html\">A-02</a>");
	qms_buf_release(&b);
}

static void test_deterministic(void **state)
{
	(void)state;
	struct qms_report r2;
	struct qms_report_options opt = {.as_of = qms_date_parse("2020-09-30"), .lang = -1, .jobs = 3};
	char *err = NULL;
	assert_int_equal(qms_report_compute(&r2, ".", &opt, &err), 0);
	void (*fmts[])(struct qms_buf *, const struct qms_report *) = {qms_report_format_md, qms_report_format_html,
								       qms_report_format_csv, qms_report_format_json};
	for (size_t i = 0; i < QMS_ARRAY_LEN(fmts); i++) {
		struct qms_buf a, b;
		qms_buf_init(&a);
		qms_buf_init(&b);
		fmts[i](&a, &R);
		fmts[i](&b, &r2);
		assert_string_equal(a.buf, b.buf);
		qms_buf_release(&a);
		qms_buf_release(&b);
	}
	qms_report_release(&r2);
}

static void test_not_a_workspace(void **state)
{
	(void)state;
	struct qms_report r;
	struct qms_report_options opt = {.as_of = 0, .lang = -1, .jobs = 1};
	char *err = NULL;
	assert_int_equal(qms_report_compute(&r, "/no/such/folder", &opt, &err), -1);
	assert_non_null(err);
	free(err);
}

/* ---- how numbers and dates are written ---- */

static void assert_date(const char *iso, enum qms_lang lang, bool prose, const char *want)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_report_add_date(&b, qms_date_parse(iso), lang, prose);
	assert_string_equal(b.buf, want);
	qms_buf_release(&b);
}

static void test_numbers_dates(void **state)
{
	(void)state;
	/* Nghị định 30/2020/NĐ-CP: days below 10, January and February on two digits */
	assert_date("2020-01-05", QMS_LANG_VI, true, "05/01/2020");
	assert_date("2020-02-19", QMS_LANG_VI, true, "19/02/2020");
	assert_date("2020-03-05", QMS_LANG_VI, true, "05/3/2020");
	assert_date("2019-12-31", QMS_LANG_VI, false, "31/12/2019");
	assert_date("2020-03-05", QMS_LANG_EN, true, "5 March 2020");
	assert_date("2020-03-05", QMS_LANG_EN, false, "2020-03-05");
	struct qms_buf b;
	qms_buf_init(&b);
	qms_report_add_count(&b, 23417, QMS_LANG_VI);
	qms_buf_adds(&b, " ");
	qms_report_add_count(&b, 1234567, QMS_LANG_EN);
	qms_buf_adds(&b, " ");
	qms_report_add_count(&b, 999, QMS_LANG_VI);
	qms_buf_adds(&b, " ");
	qms_report_add_percent(&b, 458, QMS_LANG_VI);
	qms_buf_adds(&b, " ");
	qms_report_add_percent(&b, 400, QMS_LANG_VI);
	qms_buf_adds(&b, " ");
	qms_report_add_percent(&b, -25, QMS_LANG_EN);
	qms_buf_adds(&b, " ");
	qms_report_add_hours(&b, 48, 8, QMS_LANG_VI);
	qms_buf_adds(&b, "; ");
	qms_report_add_hours(&b, 12, 8, QMS_LANG_VI);
	qms_buf_adds(&b, "; ");
	qms_report_add_hours(&b, 8, 8, QMS_LANG_EN);
	qms_buf_adds(&b, "; ");
	qms_report_add_hours(&b, 4, 8, QMS_LANG_EN);
	assert_string_equal(b.buf, "23.417 1,234,567 999 45,8% 40% -2.5% 6 ngày làm việc; 1,5 ngày làm việc; "
				   "1 working day; 4 working hours");
	qms_buf_release(&b);
}

static void test_path_agency(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	assert_true(qms_report_path_agency(&b, "processes/so-a/A-01.yaml"));
	assert_string_equal(b.buf, "so-a");
	qms_buf_reset(&b);
	assert_true(qms_report_path_agency(&b, "audits/ubnd-c.yaml"));
	assert_string_equal(b.buf, "ubnd-c");
	qms_buf_reset(&b);
	assert_false(qms_report_path_agency(&b, "qms.yaml"));
	assert_false(qms_report_path_agency(&b, "standards/iso9001-2015.yaml"));
	assert_false(qms_report_path_agency(&b, "audits/x/y.yaml"));
	assert_false(qms_report_path_agency(&b, "processes/A-01.yaml"));
	qms_buf_release(&b);
}

/* ---- HTML helpers ---- */

static void test_html_escape(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_html_add_text(&b, "<script>a & 'b' \"c\"</script>\x01Việt\\");
	assert_string_equal(b.buf, "&lt;script&gt;a &amp; &#39;b&#39; &quot;c&quot;&lt;/script&gt;\xef\xbf\xbdViệt\\");
	qms_buf_reset(&b);
	qms_html_add_page_name(&b, "so-tu-phap");
	qms_buf_adds(&b, " ");
	qms_html_add_page_name(&b, ".hidden");
	qms_buf_adds(&b, " ");
	qms_html_add_page_name(&b, "a/b c\"");
	qms_buf_adds(&b, " ");
	qms_html_add_page_name(&b, "STP-QT-01.v2");
	assert_string_equal(b.buf, "so-tu-phap ~2Ehidden a~2Fb~20c~22 STP-QT-01.v2");
	qms_buf_release(&b);
}

static int link_page(struct qms_buf *out, const char *href, void *ctx)
{
	(void)ctx;
	if (strcmp(href, "A-01.svg"))
		return -1;
	qms_buf_adds(out, "A-01.html");
	return 0;
}

static int inline_svg(struct qms_buf *out, const char *svg)
{
	return qms_html_add_svg(out, svg, strlen(svg), "Lưu đồ <A-01>", "diagram", link_page, NULL);
}

static void test_svg_inline(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	const char *good =
		"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
		"<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\"\n "
		"\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
		"<!-- Generated by graphviz -->\n"
		"<svg width=\"300pt\" height=\"60pt\" viewBox=\"0.00 0.00 300.00 60.00\" "
		"xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
		"<g id=\"procedure\" class=\"graph\"><title>procedure</title>\n"
		"<!-- s0 -->\n"
		"<g id=\"a_s0\"><a xlink:href=\"A-01.svg\" xlink:title=\"Gọi A&#45;01 &lt;x&gt;\" target=\"_top\">\n"
		"<text x=\"5\" y=\"5\" font-family=\"DejaVu Sans\">B&#7899;c &amp; &lt;script&gt;</text>\n"
		"</a></g>\n"
		"<a xlink:href=\"B-09.svg\"><polygon fill=\"#fff\" points=\"1,2 3,4\"/></a>\n"
		"</g>\n</svg>\n";
	assert_int_equal(inline_svg(&b, good), 0);
	assert_contains(b.buf, "<svg class=\"diagram\" role=\"img\" aria-label=\"Lưu đồ &lt;A-01&gt;\" width=\"400\" "
			       "height=\"80\" viewBox=\"0.00 0.00 300.00 60.00\">");
	assert_contains(b.buf, "<a href=\"A-01.html\"><title>Gọi A-01 &lt;x&gt;</title>");
	assert_contains(b.buf, "<text x=\"5\" y=\"5\" font-family=\"DejaVu Sans\">Bớc &amp; &lt;script&gt;</text>");
	assert_contains(b.buf, "<a><polygon fill=\"#fff\" points=\"1,2 3,4\"/></a>"); /* unknown target: no link */
	assert_lacks(b.buf, "<!--");
	assert_lacks(b.buf, "id=");
	assert_lacks(b.buf, "target");
	assert_lacks(b.buf, "<title>procedure");
	assert_lacks(b.buf, "xlink");
	assert_lacks(b.buf, "<?xml");

	static const char *const bad[] = {
		"<svg><script>alert(1)</script></svg>",
		"<svg onload=\"alert(1)\"></svg>",
		"<svg><g><foreignObject><p>x</p></foreignObject></g></svg>",
		"<svg><text><![CDATA[<script>]]></text></svg>",
		"<svg><text>&nbsp;</text></svg>",
		"<svg><text>a < b</text></svg>",
		"<svg><g></svg>",
		"<svg><g></text></svg>",
		"<svg><rect style=\"x\"/></svg>",
		"<svg><rect fill=\"url(http://x/y)\"/></svg>",
		"<svg><image href=\"x.png\"/></svg>",
		"<svg></svg><svg></svg>",
		"<g></g>",
		"<!DOCTYPE svg [<!ENTITY x \"y\">]><svg></svg>",
		"<svg><text>&#0;</text></svg>",
		"<svg><text x=\"1\" x=\"2\">a</text></svg>",
		"<svg><text>a</text>",
		"<svg><text>x</text></svg> trailing",
	};
	for (size_t i = 0; i < QMS_ARRAY_LEN(bad); i++) {
		qms_buf_reset(&b);
		if (inline_svg(&b, bad[i]) != -1)
			fail_msg("accepted: %s", bad[i]);
		assert_int_equal(b.len, 0);
	}
	qms_buf_release(&b);
}

static void test_site_dir(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/qms-site-test-XXXXXX";
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char path[512];
	char *err = NULL;
	snprintf(path, sizeof(path), "%s/new", dir);
	assert_int_equal(qms_site_check_dir(path, &err), 0); /* does not exist */
	assert_int_equal(mkdir(path, 0777), 0);
	assert_int_equal(qms_site_check_dir(path, &err), 0); /* empty */
	snprintf(path, sizeof(path), "%s/new/mine.txt", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/new", dir);
	assert_int_equal(qms_site_check_dir(path, &err), -1); /* a user's folder */
	assert_non_null(strstr(err, "not a site qms wrote"));
	free(err);
	err = NULL;
	snprintf(path, sizeof(path), "%s/new/" QMS_SITE_MARKER, dir);
	f = fopen(path, "w");
	fputs("something else\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/new", dir);
	assert_int_equal(qms_site_check_dir(path, &err), -1); /* a marker that is not ours */
	free(err);
	err = NULL;
	snprintf(path, sizeof(path), "%s/new/" QMS_SITE_MARKER, dir);
	f = fopen(path, "w");
	fputs("qms site 1\nindex.html\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/new", dir);
	assert_int_equal(qms_site_check_dir(path, &err), 0);
	snprintf(path, sizeof(path), "%s/new/mine.txt", dir);
	assert_int_equal(qms_site_check_dir(path, &err), -1); /* a file */
	free(err);
	unlink(path);
	snprintf(path, sizeof(path), "%s/new/" QMS_SITE_MARKER, dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/new", dir);
	rmdir(path);
	rmdir(dir);
}

/* A message with a context (msgctxt) is its own entry: the same English
 * has one Vietnamese bare and another in the context; English is the
 * msgid; an unknown context is untranslated. */
static void test_tr_ctx(void **state)
{
	(void)state;
	assert_string_equal(qms_tr(QMS_LANG_VI, "Migration board"), "Bảng theo dõi tiến độ chuyển đổi");
	assert_string_equal(qms_tr_ctx(QMS_LANG_VI, "index link", "Migration board"), "Bảng tiến độ");
	assert_string_equal(qms_tr_ctx(QMS_LANG_EN, "index link", "Migration board"), "Migration board");
	assert_string_equal(qms_tr_ctx(QMS_LANG_VI, "index", "Migration board"), "Migration board");
	assert_string_equal(qms_tr_ctx(QMS_LANG_VI, "index linkx", "Migration board"), "Migration board");
	assert_string_equal(qms_tr_ctx(QMS_LANG_VI, "procedure", "Title"), "Tên quy trình");
	assert_string_equal(qms_tr(QMS_LANG_VI, "Title"), "Tên");
}

int main(void)
{
	const struct CMUnitTest figures[] = {
		cmocka_unit_test(test_period),        cmocka_unit_test(test_migration),
		cmocka_unit_test(test_audits),        cmocka_unit_test(test_actions),
		cmocka_unit_test(test_procedures),    cmocka_unit_test(test_check),
		cmocka_unit_test(test_coverage),      cmocka_unit_test(test_period_names),
		cmocka_unit_test(test_text_vi),       cmocka_unit_test(test_text_en),
		cmocka_unit_test(test_json_csv),      cmocka_unit_test(test_html),
		cmocka_unit_test(test_deterministic),
	};
	const struct CMUnitTest helpers[] = {
		cmocka_unit_test(test_not_a_workspace), cmocka_unit_test(test_numbers_dates),
		cmocka_unit_test(test_path_agency),     cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_svg_inline),      cmocka_unit_test(test_site_dir),
		cmocka_unit_test(test_tr_ctx),
	};
	int failed = cmocka_run_group_tests_name("report figures", figures, ws_setup, ws_teardown);
	failed += cmocka_run_group_tests_name("report helpers", helpers, NULL, NULL);
	return failed;
}

/* Conformity from evidence (coverage.h): one test per evidence rule, each
 * on a small workspace written for it (an agency with a system.yaml, a
 * tracker and at most one procedure), as of a date. */
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

#include "catalog.h"
#include "coverage.h"
#include "index.h"
#include "schema.h"
#include "values.h"

#ifndef QMS_SOURCE_ROOT
#error "QMS_SOURCE_ROOT: the source tree, for its standards/"
#endif

/* ---- a workspace for one case ---- */

struct ws {
	char root[64];
	struct qms_index *ix;
	struct qms_catalogs cat;
	struct qms_document sys, tracker;
	struct qms_coverage cov;
};

static void write_file(const char *root, const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static const char *const base_system = "system:\n"
				       "  agency: so-a\n"
				       "  standard: ISO 9001:2015\n"
				       "  scope: Giải quyết TTHC của Sở A\n";

static const char *const base_tracker = "agency: {id: so-a, name: Sở A, level: province}\n";

/* The process A-01 tagged with `clauses`, effective on `effective`
 * (NULL: none), keeping a record when `records`. */
static char *process(const char *clauses, const char *effective, bool records)
{
	static char buf[2048];
	snprintf(buf, sizeof(buf),
		 "process:\n"
		 "  code: A-01\n"
		 "  title: Quy trình A\n"
		 "  agency: so-a\n"
		 "  standard: ISO 9001:2015\n"
		 "%s%s%s"
		 "  clauses: [%s]\n"
		 "  lanes: [{id: tn, name: Bộ phận một cửa}]\n"
		 "  steps:\n"
		 "    - {id: s, kind: start, name: Nộp hồ sơ, next: e}\n"
		 "    - {id: e, kind: end, name: Trả kết quả}\n"
		 "%s",
		 effective ? "  effective: " : "", effective ? effective : "", effective ? "\n" : "", clauses,
		 records ? "  records:\n    - {name: Sổ theo dõi hồ sơ, keeper: Văn phòng, retention: 5 years}\n" : "");
	return buf;
}

/* Write the workspace (system and tracker are appended to the minimal
 * ones; proc may be NULL) and compute the coverage of so-a as of as_of. */
static void build(struct ws *w, const char *system_extra, const char *tracker_extra, const char *proc,
		  const char *as_of)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->root, sizeof(w->root), "/tmp/qms-cov-XXXXXX");
	assert_non_null(mkdtemp(w->root));
	char dir[128];
	snprintf(dir, sizeof(dir), "%s/processes", w->root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/processes/so-a", w->root);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/audits", w->root);
	mkdir(dir, 0755);
	write_file(w->root, "qms.yaml", "workspace: {name: Tỉnh Thử, lang: en}\n");
	char text[4096];
	snprintf(text, sizeof(text), "%s%s", base_system, system_extra ? system_extra : "");
	write_file(w->root, "processes/so-a/system.yaml", text);
	snprintf(text, sizeof(text), "%s%s", base_tracker, tracker_extra ? tracker_extra : "");
	write_file(w->root, "audits/so-a.yaml", text);
	if (proc)
		write_file(w->root, "processes/so-a/A-01.yaml", proc);

	struct qms_diags diags;
	qms_diags_init(&diags);
	char *err = NULL;
	assert_int_equal(qms_index_load(&w->ix, w->root, 1, &diags, &err), 0);
	assert_int_equal(qms_catalogs_open(&w->cat, w->root, &diags, &err), 0);
	char path[256];
	snprintf(path, sizeof(path), "%s/processes/so-a/system.yaml", w->root);
	assert_int_equal(qms_document_load(&w->sys, path, &diags), 0);
	snprintf(path, sizeof(path), "%s/audits/so-a.yaml", w->root);
	assert_int_equal(qms_document_load(&w->tracker, path, &diags), 0);
	/* the fixtures are well formed: a typo in a key would test nothing
	 * (S: schema, L: reading the file); rules on the content are the tests' business */
	char first[512] = "";
	for (size_t i = 0; i < diags.len && !*first; i++) {
		const char *code = qms_rule_get(diags.items[i].rule)->code;
		if (code[0] == 'S' || code[0] == 'L')
			snprintf(first, sizeof(first), "%s:%u: %s", diags.items[i].file, diags.items[i].line,
				 diags.items[i].message);
	}
	qms_diags_release(&diags);
	if (*first)
		fail_msg("%s", first);
	struct qms_cov_input in = {
		.sys = &((const struct qms_system_file *)w->sys.data)->system,
		.sys_path = "processes/so-a/system.yaml",
		.tracker = w->tracker.data,
		.tracker_path = "audits/so-a.yaml",
		.as_of = qms_date_parse(as_of),
	};
	qms_coverage_compute(&w->cov, qms_catalogs_find(&w->cat, "ISO 9001:2015"), w->ix, "so-a", &in);
}

static void destroy(struct ws *w)
{
	qms_coverage_release(&w->cov);
	qms_document_release(&w->sys);
	qms_document_release(&w->tracker);
	qms_catalogs_release(&w->cat);
	qms_index_free(w->ix);
	const char *rels[] = {"processes/so-a/A-01.yaml", "processes/so-a/system.yaml", "audits/so-a.yaml", "qms.yaml"};
	char path[256];
	for (size_t i = 0; i < sizeof(rels) / sizeof(rels[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", w->root, rels[i]);
		unlink(path);
	}
	const char *dirs[] = {"processes/so-a", "processes", "audits", ""};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", w->root, dirs[i]);
		rmdir(path);
	}
}

static const struct qms_cov_row *row(const struct ws *w, const char *clause)
{
	for (size_t i = 0; i < w->cov.nrows; i++)
		if (!strcmp(w->cov.rows[i].clause->number, clause))
			return &w->cov.rows[i];
	fail_msg("no row %s", clause);
	return NULL;
}

static void assert_status(const struct ws *w, const char *clause, enum qms_cov_status want)
{
	const struct qms_cov_row *r = row(w, clause);
	if (r->status != want)
		fail_msg("%s: %s, expected %s", clause, qms_cov_status_names[r->status], qms_cov_status_names[want]);
}

static const char *gap(const struct ws *w, const char *clause)
{
	static struct qms_buf b;
	qms_buf_release(&b);
	qms_buf_init(&b);
	qms_cov_gap_text(&b, &w->cov, row(w, clause), QMS_LANG_EN);
	return b.buf;
}

/* ---- internal audit (9.2) ---- */

/* The issue's case: an audit procedure is the only source of 9.2 and the
 * tracker has no internal audit: 9.2.2 is not met. */
static void test_audit_procedure_only(void **state)
{
	(void)state;
	struct ws w;
	build(&w, NULL, NULL, process("9.2", "2020-06-15", true), "2020-09-30");
	assert_status(&w, "9.2.1", QMS_COV_DOCUMENTED);
	assert_status(&w, "9.2.2", QMS_COV_DOCUMENTED);
	assert_int_equal(row(&w, "9.2.2")->gap, QMS_GAP_NO_AUDIT);
	assert_string_equal(gap(&w, "9.2.2"), "no internal audit done by 2020-09-30");
	destroy(&w);
}

/* The same agency once the audit is done before the date and its report
 * recorded (the stage's evidence): met, with the stage as evidence. */
static void test_audit_done_with_report(void **state)
{
	(void)state;
	struct ws w;
	build(&w, NULL,
	      "migration:\n  stages:\n"
	      "    - {stage: plan, done: 2020-06-01}\n"
	      "    - {stage: internal-audit, done: 2020-08-12, evidence: Báo cáo đánh giá nội bộ số 05}\n",
	      process("9.2", "2020-06-15", true), "2020-09-30");
	assert_status(&w, "9.2.1", QMS_COV_MET);
	assert_status(&w, "9.2.2", QMS_COV_MET);
	const struct qms_cov_source *e = row(&w, "9.2.2")->evidence;
	assert_int_equal(e->kind, QMS_COV_STAGE);
	assert_int_equal(e->date, qms_date_parse("2020-08-12"));
	assert_string_equal(e->path, "audits/so-a.yaml");
	destroy(&w);
}

/* Done without the report: the audit took place (9.2.1) but its record
 * (9.2.2) is missing. */
static void test_audit_without_report(void **state)
{
	(void)state;
	struct ws w;
	build(&w, NULL, "migration:\n  stages:\n    - {stage: internal-audit, done: 2020-08-12}\n",
	      process("9.2", "2020-06-15", false), "2020-09-30");
	assert_status(&w, "9.2.1", QMS_COV_MET);
	assert_status(&w, "9.2.2", QMS_COV_DOCUMENTED);
	assert_int_equal(row(&w, "9.2.2")->gap, QMS_GAP_AUDIT_NO_REPORT);
	destroy(&w);
}

/* An audit dated after the date does not count, and the gap names it. */
static void test_audit_after_date(void **state)
{
	(void)state;
	struct ws w;
	build(&w, NULL, "audits:\n  - {id: DG-01, kind: internal, date: 2020-10-05}\n",
	      process("9.2", "2020-06-15", false), "2020-09-30");
	assert_status(&w, "9.2.2", QMS_COV_DOCUMENTED);
	assert_string_equal(gap(&w, "9.2.2"), "no internal audit done by 2020-09-30: DG-01 is dated 2020-10-05");
	destroy(&w);
	/* the same file as of a later date */
	build(&w, NULL, "audits:\n  - {id: DG-01, kind: internal, date: 2020-10-05}\n",
	      process("9.2", "2020-06-15", false), "2020-10-31");
	assert_status(&w, "9.2.2", QMS_COV_MET);
	assert_int_equal(row(&w, "9.2.2")->evidence->kind, QMS_COV_AUDIT);
	destroy(&w);
}

/* An external audit is not an internal audit. */
static void test_external_audit_is_not_internal(void **state)
{
	(void)state;
	struct ws w;
	build(&w, NULL, "audits:\n  - {id: DG-01, kind: external, date: 2020-08-05}\n",
	      process("9.2", "2020-06-15", false), "2020-09-30");
	assert_status(&w, "9.2.2", QMS_COV_DOCUMENTED);
	destroy(&w);
}

/* ---- management review (9.3) ---- */

static void test_review(void **state)
{
	(void)state;
	struct ws w;
	/* a record of the minutes, dated: met without the tracker */
	build(&w,
	      "  documents:\n"
	      "    - {id: BB-XX, title: Biên bản xem xét của lãnh đạo, kind: record, issued: 2020-08-25, clauses: "
	      "[9.3]}\n",
	      NULL, NULL, "2020-09-30");
	assert_status(&w, "9.3.1", QMS_COV_MET);
	assert_status(&w, "9.3.3", QMS_COV_MET);
	destroy(&w);
	/* the same entry as a document (a procedure for reviews): not a record */
	build(&w,
	      "  documents:\n"
	      "    - {id: QT-XX, title: Quy trình xem xét của lãnh đạo, issued: 2020-06-15, clauses: [9.3]}\n",
	      NULL, NULL, "2020-09-30");
	assert_status(&w, "9.3.1", QMS_COV_DOCUMENTED);
	assert_status(&w, "9.3.3", QMS_COV_DOCUMENTED);
	assert_int_equal(row(&w, "9.3.3")->gap, QMS_GAP_NO_REVIEW);
	destroy(&w);
	/* the review done without minutes: held (9.3.1) but not recorded (9.3.3) */
	build(&w, "  documents:\n    - {id: QT-XX, title: Quy trình, issued: 2020-06-15, clauses: [9.3]}\n",
	      "migration:\n  stages:\n    - {stage: management-review, done: 2020-08-25}\n", NULL, "2020-09-30");
	assert_status(&w, "9.3.1", QMS_COV_MET);
	assert_status(&w, "9.3.3", QMS_COV_DOCUMENTED);
	assert_int_equal(row(&w, "9.3.3")->gap, QMS_GAP_REVIEW_NO_MINUTES);
	destroy(&w);
}

/* ---- corrective actions (10.2.2) ---- */

static void test_corrective_action(void **state)
{
	(void)state;
#define CLOSED                                                                                                         \
	"audits:\n"                                                                                                    \
	"  - id: DG-01\n    kind: internal\n    date: 2020-08-12\n    findings:\n"                                     \
	"      - {id: NC-01, grade: minor, clause: 7.5.3, text: Hồ sơ thiếu, closed: 2020-08-28%s}\n"
	char tracker[512];
	struct ws w;
	snprintf(tracker, sizeof(tracker), CLOSED, "");
	build(&w, NULL, tracker, process("10.2", "2020-06-15", true), "2020-09-30");
	assert_status(&w, "10.2.1", QMS_COV_MET); /* the procedure says how to react */
	assert_status(&w, "10.2.2", QMS_COV_DOCUMENTED);
	assert_string_equal(gap(&w, "10.2.2"), "no corrective action closed and verified by 2020-09-30: DG-01/NC-01 "
					       "closed, its effectiveness not verified");
	destroy(&w);
	snprintf(tracker, sizeof(tracker), CLOSED, ", verified: 2020-09-05");
#undef CLOSED
	build(&w, NULL, tracker, process("10.2", "2020-06-15", true), "2020-09-30");
	assert_status(&w, "10.2.2", QMS_COV_MET);
	assert_int_equal(row(&w, "10.2.2")->evidence->kind, QMS_COV_ACTION);
	destroy(&w);
}

/* ---- retained information kept by procedures ---- */

static void test_records_of_procedures(void **state)
{
	(void)state;
	struct ws w;
	/* 8.6 asks for a record: a procedure that keeps none is not enough */
	build(&w, NULL, NULL, process("8.6, 8.2.3", "2020-06-15", false), "2020-09-30");
	assert_status(&w, "8.6", QMS_COV_DOCUMENTED);
	assert_status(&w, "8.2.3.2", QMS_COV_DOCUMENTED);
	assert_int_equal(row(&w, "8.6")->gap, QMS_GAP_NO_RECORD);
	assert_status(&w, "8.2.3.1", QMS_COV_MET); /* no documented information asked */
	destroy(&w);
	build(&w, NULL, NULL, process("8.6, 8.2.3", "2020-06-15", true), "2020-09-30");
	assert_status(&w, "8.6", QMS_COV_MET);
	assert_int_equal(row(&w, "8.6")->evidence->kind, QMS_COV_RECORDS);
	assert_status(&w, "8.2.3.2", QMS_COV_MET);
	destroy(&w);
	/* a procedure that takes effect after the date proves nothing yet */
	build(&w, NULL, NULL, process("8.6", "2020-10-01", true), "2020-09-30");
	assert_status(&w, "8.6", QMS_COV_DOCUMENTED);
	assert_string_equal(gap(&w, "8.6"), "no record dated on or before 2020-09-30: A-01 is dated 2020-10-01");
	destroy(&w);
	/* nor one without an effective date */
	build(&w, NULL, NULL, process("8.6", NULL, true), "2020-09-30");
	assert_status(&w, "8.6", QMS_COV_DOCUMENTED);
	destroy(&w);
}

/* ---- maintained information: issued and in force ---- */

static void test_maintained(void **state)
{
	(void)state;
	struct ws w;
	/* the scope (4.3) written in a system.yaml that is not issued */
	build(&w, NULL, NULL, NULL, "2020-09-30");
	assert_status(&w, "4.3", QMS_COV_DOCUMENTED);
	assert_int_equal(row(&w, "4.3")->gap, QMS_GAP_NOT_ISSUED);
	assert_string_equal(gap(&w, "4.3"), "no issued document in force on 2020-09-30: system.yaml has no issue date");
	destroy(&w);
	build(&w, "  issued: 2020-06-15\n", NULL, NULL, "2020-09-30");
	assert_status(&w, "4.3", QMS_COV_MET);
	assert_int_equal(row(&w, "4.3")->evidence->kind, QMS_COV_FIELD);
	destroy(&w);
	/* as of a date before it was issued */
	build(&w, "  issued: 2020-06-15\n", NULL, NULL, "2020-06-14");
	assert_status(&w, "4.3", QMS_COV_DOCUMENTED);
	destroy(&w);
}

static void test_document_status(void **state)
{
	(void)state;
#define DOC "  documents:\n    - {id: CS, title: Chính sách chất lượng, issued: 2020-06-15%s, clauses: [5.2]}\n"
	static const struct {
		const char *status;
		enum qms_cov_status want;
	} cases[] = {
		{"", QMS_COV_MET},
		{", status: in-force", QMS_COV_MET},
		{", status: draft", QMS_COV_DOCUMENTED},
		{", status: withdrawn", QMS_COV_DOCUMENTED},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char sys[512];
		snprintf(sys, sizeof(sys), DOC, cases[i].status);
		struct ws w;
		build(&w, sys, NULL, NULL, "2020-09-30");
		assert_status(&w, "5.2.2", cases[i].want); /* maintain */
		assert_status(&w, "5.2.1", cases[i].want); /* no documented information asked */
		destroy(&w);
	}
#undef DOC
}

/* ---- not applicable, missing ---- */

static void test_not_applicable_once(void **state)
{
	(void)state;
	struct ws w;
	build(&w,
	      "  exclusions:\n"
	      "    - {clause: 8.3, justification: TTHC do luật định}\n"
	      "    - {clause: 9.3, justification: chưa họp}\n",
	      NULL, NULL, "2020-09-30");
	assert_int_equal(w.cov.count[QMS_COV_NOT_APPLICABLE], 1);
	assert_status(&w, "8.3", QMS_COV_NOT_APPLICABLE);
	assert_string_equal(row(&w, "8.3")->justification, "TTHC do luật định");
	for (size_t i = 0; i < w.cov.nrows; i++)
		assert_false(!strncmp(w.cov.rows[i].clause->number, "8.3.", 4));
	/* 9.3 is a clause of the management system: the exclusion does not count */
	assert_status(&w, "9.3.1", QMS_COV_MISSING);
	size_t total = 0;
	for (int s = 0; s < QMS_COV_STATUS_COUNT; s++)
		total += w.cov.count[s];
	assert_int_equal(total, w.cov.nrows);
	destroy(&w);
}

static void test_missing(void **state)
{
	(void)state;
	struct ws w;
	build(&w, NULL, NULL, NULL, "2020-09-30");
	assert_status(&w, "7.1.6", QMS_COV_MISSING);
	assert_int_equal(row(&w, "7.1.6")->gap, QMS_GAP_NOTHING);
	assert_null(row(&w, "7.1.6")->evidence);
	destroy(&w);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(qms_cov_status_names[QMS_COV_MET], "met");
	assert_string_equal(qms_cov_status_names[QMS_COV_DOCUMENTED], "documented");
	assert_string_equal(qms_cov_status_names[QMS_COV_MISSING], "missing");
	assert_string_equal(qms_cov_status_names[QMS_COV_NOT_APPLICABLE], "not-applicable");
	assert_string_equal(qms_cov_status_label(QMS_COV_MET, QMS_LANG_VI), "đáp ứng");
	assert_string_equal(qms_cov_status_label(QMS_COV_DOCUMENTED, QMS_LANG_VI), "có tài liệu, chưa có bằng chứng");
	assert_string_equal(qms_cov_status_label(QMS_COV_MISSING, QMS_LANG_VI), "chưa đáp ứng");
	assert_string_equal(qms_cov_status_label(QMS_COV_NOT_APPLICABLE, QMS_LANG_VI), "không áp dụng");
	assert_true(qms_clause_of_system("7.5.3"));
	assert_true(qms_clause_of_system("10"));
	assert_false(qms_clause_of_system("7.1.5"));
	assert_false(qms_clause_of_system("8.3"));
}

int main(void)
{
	setenv("QMS_STANDARDS", QMS_SOURCE_ROOT "/standards", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_audit_procedure_only),
		cmocka_unit_test(test_audit_done_with_report),
		cmocka_unit_test(test_audit_without_report),
		cmocka_unit_test(test_audit_after_date),
		cmocka_unit_test(test_external_audit_is_not_internal),
		cmocka_unit_test(test_review),
		cmocka_unit_test(test_corrective_action),
		cmocka_unit_test(test_records_of_procedures),
		cmocka_unit_test(test_maintained),
		cmocka_unit_test(test_document_status),
		cmocka_unit_test(test_not_applicable_once),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

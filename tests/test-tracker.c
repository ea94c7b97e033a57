/* Trackers: every A rule, every status boundary, and the changes of `qms
 * audit` on the text (what they insert and where) and on disk (refused
 * changes leave the file alone). */
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

#include "doc.h"
#include "fs.h"
#include "index.h"
#include "schema.h"
#include "status.h"
#include "tracker.h"

/* ---- a workspace index with two procedures ---- */

static struct qms_ref ref(const char *text)
{
	return (struct qms_ref){text, 1, 1};
}

/* step ids as the index packs them: each ends with its NUL */
static const char steps_a[] = "nop\0tiep-nhan\0tham-dinh\0tra";
static const char steps_b[] = "s\0e";

static struct qms_index ix;

static int ix_setup(void **state)
{
	(void)state;
	memset(&ix, 0, sizeof(ix));
	static struct qms_index_process procs[2];
	procs[0] = (struct qms_index_process){.path = "processes/so-a/A-01.yaml",
					      .code = ref("A-01"),
					      .agency = ref("so-a"),
					      .step_ids = steps_a,
					      .nstep_ids = 4};
	procs[1] = (struct qms_index_process){.path = "processes/so-b/B-01.yaml",
					      .code = ref("B-01"),
					      .agency = ref("so-b"),
					      .step_ids = steps_b,
					      .nstep_ids = 2};
	ix.root = "/ws";
	ix.processes = procs;
	ix.nprocesses = 2;
	qms_strmap_put(&ix.by_code, "A-01", 0);
	qms_strmap_put(&ix.by_code, "B-01", 1);
	return 0;
}

static int ix_teardown(void **state)
{
	(void)state;
	qms_strmap_release(&ix.by_code);
	return 0;
}

/* The problems of a tracker text, as "line:col CODE message" lines. */
static char *problems(const char *path, const char *text)
{
	struct qms_diags d;
	qms_diags_init(&d);
	qms_tracker_problems(&ix, path, text, strlen(text), &d);
	qms_diags_sort(&d);
	struct qms_buf b;
	qms_buf_init(&b);
	for (size_t i = 0; i < d.len; i++)
		qms_buf_printf(&b, "%u:%u %s %s\n", d.items[i].line, d.items[i].col,
			       qms_rule_get(d.items[i].rule)->code, d.items[i].message);
	qms_diags_release(&d);
	return qms_buf_detach(&b);
}

#define HEAD "agency:\n  id: so-a\n  name: Sở A\n  level: province\n"

static void expect(const char *text, const char *want)
{
	char *got = problems("audits/so-a.yaml", text);
	assert_string_equal(got, want);
	free(got);
}

static void test_clean(void **state)
{
	(void)state;
	expect(HEAD "migration:\n"
		    "  deadline: 2020-09-30\n"
		    "  stages:\n"
		    "    - {stage: plan, done: 2020-02-10}\n"
		    "    - {stage: training, done: 2020-03-05}\n"
		    "    - {stage: gap-analysis, done: 2020-03-05}\n"
		    "    - {stage: documentation, done: 2020-05-29}\n"
		    "    - {stage: apply, done: 2020-06-15}\n"
		    "    - {stage: internal-audit, done: 2020-08-12}\n"
		    "    - {stage: management-review, done: 2020-08-25}\n"
		    "    - {stage: announcement, done: 2020-09-10}\n"
		    "    - {stage: report, done: 2020-09-15}\n"
		    "audits:\n"
		    "  - id: D1\n"
		    "    kind: internal\n"
		    "    standard: ISO 9001:2015\n"
		    "    date: 2020-08-12\n"
		    "    scope: [A-01]\n"
		    "    findings:\n"
		    "      - {id: NC-01, grade: major, clause: 8.5.1, process: A-01, step: tham-dinh, text: t, due: "
		    "2020-09-01, closed: 2020-09-10, verified: 2020-09-10}\n"
		    "      - {id: NC-02, grade: minor, clause: 10.2, text: t}\n"
		    "  - id: K1\n"
		    "    kind: inspection\n"
		    "    date: 2020-09-25\n"
		    "    findings:\n"
		    "      - {id: NC-03, grade: major, clause: 7.5.3, text: found after the announcement}\n",
	       "");
}

static void test_stage_rules(void **state)
{
	(void)state;
	expect(HEAD "migration:\n  stages:\n"
		    "    - {stage: plan, done: 2020-02-10}\n"
		    "    - {stage: plan, done: 2020-02-11}\n",
	       "8:15 A001 stage 'plan' is recorded twice (first at line 7); keep one\n");
	expect(HEAD "migration:\n  stages:\n"
		    "    - {stage: plan, done: 2020-02-10}\n"
		    "    - {stage: gap-analysis, done: 2020-03-20}\n"
		    "    - {stage: training, done: 2020-03-21}\n",
	       "9:15 A002 stage 'training' is listed after 'gap-analysis'; the stages go plan, training, gap-analysis, "
	       "documentation, apply, internal-audit, management-review, announcement, report\n");
	expect(HEAD "migration:\n  stages:\n"
		    "    - {stage: plan, done: 2020-02-10}\n"
		    "    - {stage: training, done: 2020-02-09}\n",
	       "8:31 A003 stage 'training' done 2020-02-09 is before 'plan' done 2020-02-10 (line 7); dates never go "
	       "back\n");
	expect(HEAD "migration:\n  stages:\n"
		    "    - {stage: training, done: 2020-02-10}\n",
	       "7:15 A013 stage 'plan' is not recorded before 'training'\n");
}

static const char *const all_before_announcement = "    - {stage: plan, done: 2020-02-10}\n"
						   "    - {stage: training, done: 2020-03-05}\n"
						   "    - {stage: gap-analysis, done: 2020-03-20}\n"
						   "    - {stage: documentation, done: 2020-05-29}\n"
						   "    - {stage: apply, done: 2020-06-15}\n";

static void test_prerequisites(void **state)
{
	(void)state;
	char text[2048];
	snprintf(text, sizeof(text),
		 HEAD "migration:\n  stages:\n%s"
		      "    - {stage: announcement, done: 2020-09-10}\n",
		 all_before_announcement);
	expect(text, "12:15 A004 announcement without internal-audit and management-review: the system is announced "
		     "only after an internal audit and a management review\n"
		     "12:15 A013 stage 'internal-audit' is not recorded before 'announcement'\n"
		     "12:15 A013 stage 'management-review' is not recorded before 'announcement'\n");
	snprintf(text, sizeof(text),
		 HEAD "migration:\n  stages:\n%s"
		      "    - {stage: internal-audit, done: 2020-08-12}\n"
		      "    - {stage: announcement, done: 2020-09-10}\n",
		 all_before_announcement);
	expect(text, "13:15 A004 announcement without management-review: the system is announced only after an "
		     "internal audit and a management review\n"
		     "13:15 A013 stage 'management-review' is not recorded before 'announcement'\n");
	snprintf(text, sizeof(text),
		 HEAD "migration:\n  stages:\n%s"
		      "    - {stage: internal-audit, done: 2020-08-12}\n"
		      "    - {stage: management-review, done: 2020-08-25}\n"
		      "    - {stage: report, done: 2020-09-15}\n",
		 all_before_announcement);
	expect(text, "14:15 A004 report without announcement: the report to the Department of Science and Technology "
		     "sends the announcement\n"
		     "14:15 A013 stage 'announcement' is not recorded before 'report'\n");
}

static void announced_with(char *out, size_t n, const char *closed)
{
	snprintf(out, n,
		 HEAD "migration:\n  stages:\n%s"
		      "    - {stage: internal-audit, done: 2020-08-12}\n"
		      "    - {stage: management-review, done: 2020-08-25}\n"
		      "    - {stage: announcement, done: 2020-09-10}\n"
		      "audits:\n"
		      "  - id: D1\n"
		      "    kind: internal\n"
		      "    date: 2020-08-12\n"
		      "    findings:\n"
		      "      - {id: NC-01, grade: major, clause: 8.5.1, text: t, closed: %s}\n"
		      "      - {id: NC-02, grade: minor, clause: 8.5.1, text: open minor is no obstacle}\n",
		 all_before_announcement, closed);
}

static void test_announced_open_major(void **state)
{
	(void)state;
	char text[4096];
	/* closed the day of the announcement: fine; the day after: open */
	announced_with(text, sizeof(text), "2020-09-10");
	expect(text, "");
	announced_with(text, sizeof(text), "2020-09-11");
	expect(text, "14:35 A005 announced on 2020-09-10 with major finding 'NC-01' (line 20) still open; close it on "
		     "or before the announcement\n");
	announced_with(text, sizeof(text), "~");
	expect(text, "14:35 A005 announced on 2020-09-10 with major finding 'NC-01' (line 20) still open; close it on "
		     "or before the announcement\n");
}

static void test_finding_rules(void **state)
{
	(void)state;
	expect(HEAD "audits:\n"
		    "  - id: D1\n"
		    "    kind: internal\n"
		    "    standard: ISO 9001:2008\n"
		    "    date: 2020-08-12\n"
		    "    scope: [A-01, A-02, B-01]\n"
		    "    findings:\n"
		    "      - {id: F1, grade: minor, clause: 9.1, text: t}\n"
		    "      - {id: F2, grade: minor, clause: 4.2.3, process: A-1, step: x, text: t}\n"
		    "      - {id: F3, grade: minor, clause: 7.5, process: A-01, step: tham-dih, text: t}\n"
		    "      - {id: F4, grade: minor, clause: 7.5, step: tra, text: t}\n"
		    "      - {id: F5, grade: minor, clause: 7.5, text: t, due: 2020-08-11, closed: 2020-08-11, "
		    "verified: 2020-08-10}\n"
		    "      - {id: F6, grade: minor, clause: 7.5, text: t, verified: 2020-08-20}\n"
		    "      - {id: F2, grade: minor, clause: 7.5, text: t}\n"
		    "  - id: D1\n"
		    "    kind: external\n"
		    "    date: 2020-09-01\n"
		    "    findings:\n"
		    "      - {id: F1, grade: minor, clause: 3, text: t}\n",
	       "10:19 A006 the audit's scope names no procedure of the workspace: 'A-02'; did you mean 'A-01'?\n"
	       "10:25 A014 procedure 'B-01' belongs to agency 'so-b', not 'so-a'\n"
	       "13:56 A006 the finding names no procedure of the workspace: 'A-1'; did you mean 'A-01'?\n"
	       "14:66 A007 procedure 'A-01' has no step 'tham-dih'; did you mean 'tham-dinh'?\n"
	       "15:51 A007 step 'tra' without 'process': name the procedure the step belongs to\n"
	       "16:59 A008 due 2020-08-11 is before the audit of 2020-08-12 that found it\n"
	       "16:79 A008 closed 2020-08-11 is before the audit of 2020-08-12 that found it\n"
	       "16:101 A009 verified 2020-08-10 is before closed 2020-08-11\n"
	       "17:64 A009 verified without 'closed': record when the action was completed first\n"
	       "18:14 A011 finding id 'F2' is used twice (first at line 13, audit 'D1')\n"
	       "19:9 A010 audit id 'D1' is used twice (first at line 6)\n"
	       "23:14 A011 finding id 'F1' is used twice (first at line 12, audit 'D1')\n");
}

static void test_file_name(void **state)
{
	(void)state;
	char *got = problems("ws/audits/so-b.yaml", HEAD);
	assert_string_equal(got, "2:7 A012 agency id 'so-a' is not the file name 'so-b.yaml'; name the file "
				 "audits/so-a.yaml or correct the id\n");
	free(got);
	got = problems("ws/audits/so-a.yml", HEAD);
	assert_string_equal(got, "");
	free(got);
	got = problems("elsewhere/so-b.yaml", HEAD); /* not in audits/: not held to it */
	assert_string_equal(got, "");
	free(got);
}

static void test_alone_no_procedures(void **state)
{
	(void)state;
	/* a tracker checked alone: procedures cannot be known */
	struct qms_index alone = {0};
	struct qms_diags d;
	qms_diags_init(&d);
	const char *text = HEAD "audits:\n  - id: D1\n    kind: internal\n    date: 2020-08-12\n"
				"    scope: [Z-9]\n    findings: [{id: F, grade: minor, clause: 7.5, process: Z-9, "
				"step: q, text: t}]\n";
	qms_tracker_problems(&alone, "so-a.yaml", text, strlen(text), &d);
	assert_int_equal(d.len, 0);
	qms_diags_release(&d);
}

/* ---- status ---- */

struct parsed {
	struct qms_document d;
};

static void parse_tracker(struct parsed *p, const char *text)
{
	struct qms_diags diags;
	qms_diags_init(&diags);
	struct qms_doc *doc;
	assert_int_equal(qms_doc_parse(&doc, "audits/so-a.yaml", text, strlen(text), &diags), 0);
	assert_int_equal(qms_document_decode(&p->d, doc, &diags), 0);
	assert_int_equal(diags.len, 0);
	qms_diags_release(&diags);
}

static struct qms_agency_status status_of(const char *text, const char *as_of, const char *ws_deadline, long per_stage)
{
	struct parsed p;
	parse_tracker(&p, text);
	struct qms_agency_status s;
	qms_status_compute(&s, p.d.data, qms_date_parse(as_of), ws_deadline ? qms_date_parse(ws_deadline) : -1,
			   per_stage);
	qms_document_release(&p.d);
	s.id = s.name = NULL; /* they pointed into the document */
	return s;
}

static void test_status_deadline_boundaries(void **state)
{
	(void)state;
	/* apply done: 3 stages left (internal-audit, management-review,
	 * announcement) */
	const char *t = HEAD "migration:\n  stages:\n"
			     "    - {stage: plan, done: 2020-02-10}\n"
			     "    - {stage: training, done: 2020-03-05}\n"
			     "    - {stage: gap-analysis, done: 2020-03-20}\n"
			     "    - {stage: documentation, done: 2020-05-29}\n"
			     "    - {stage: apply, done: 2020-06-15}\n";
	struct qms_agency_status s = status_of(t, "2020-09-29", "2020-09-30", 10);
	assert_int_equal(s.last_stage, QMS_STAGE_APPLY);
	assert_int_equal(s.next_stage, QMS_STAGE_INTERNAL_AUDIT);
	assert_int_equal(s.stages_left, 3);
	assert_int_equal(s.days_left, 1);
	assert_int_equal(s.status, QMS_STATUS_AT_RISK);
	/* the deadline itself: figures as of a date are those at its end, and
	 * an agency that has not announced by then is late (issue 11) */
	s = status_of(t, "2020-09-30", "2020-09-30", 10);
	assert_int_equal(s.days_left, 0);
	assert_int_equal(s.status, QMS_STATUS_OVERDUE);
	s = status_of(t, "2020-10-01", "2020-09-30", 10); /* the day after */
	assert_int_equal(s.days_left, -1);
	assert_int_equal(s.status, QMS_STATUS_OVERDUE);
	/* at risk below 10 days a stage: 30 days for 3 stages is on track, 29 is not */
	s = status_of(t, "2020-08-31", "2020-09-30", 10);
	assert_int_equal(s.days_left, 30);
	assert_int_equal(s.status, QMS_STATUS_ON_TRACK);
	s = status_of(t, "2020-09-01", "2020-09-30", 10);
	assert_int_equal(s.days_left, 29);
	assert_int_equal(s.status, QMS_STATUS_AT_RISK);
	/* the threshold is the workspace's */
	s = status_of(t, "2020-09-01", "2020-09-30", 9);
	assert_int_equal(s.status, QMS_STATUS_ON_TRACK);
	s = status_of(t, "2020-09-04", "2020-09-30", 9); /* 26 < 27 */
	assert_int_equal(s.status, QMS_STATUS_AT_RISK);
	/* no deadline at all: never late */
	s = status_of(t, "2021-12-31", NULL, 10);
	assert_int_equal(s.deadline, -1);
	assert_int_equal(s.status, QMS_STATUS_ON_TRACK);
	assert_int_equal(qms_status_working_days_left(&s, qms_date_parse("2021-12-31"), NULL), 0);
}

static void test_status_working_days_left(void **state)
{
	(void)state;
	const char *t = HEAD "migration:\n  stages:\n    - {stage: plan, done: 2020-02-10}\n";
	struct qms_arena arena = {0};
	struct qms_calendar cal;
	qms_calendar_init(&cal, 8);
	int32_t off[] = {qms_date_parse("2020-09-02")}; /* Quốc khánh, a Wednesday */
	qms_calendar_set(&cal, &arena, off, 1, NULL, 0, NULL, 0);
	/* from Monday 31/8 to Friday 4/9: 1, 3, 4/9 (2/9 off) */
	struct qms_agency_status s = status_of(t, "2020-08-31", "2020-09-04", 10);
	assert_int_equal(s.days_left, 4);
	assert_int_equal(qms_status_working_days_left(&s, qms_date_parse("2020-08-31"), &cal), 3);
	/* passed: counted back from the deadline, negative */
	s = status_of(t, "2020-09-07", "2020-09-01", 10);
	assert_int_equal(s.days_left, -6);
	assert_int_equal(qms_status_working_days_left(&s, qms_date_parse("2020-09-07"), &cal), -3);
	qms_arena_release(&arena);
}

static void test_status_agency_deadline_and_done(void **state)
{
	(void)state;
	char t[2048];
	snprintf(t, sizeof(t),
		 HEAD "migration:\n  deadline: 2020-12-31\n  stages:\n%s"
		      "    - {stage: internal-audit, done: 2020-08-12}\n"
		      "    - {stage: management-review, done: 2020-08-25}\n"
		      "    - {stage: announcement, done: 2020-10-10}\n",
		 all_before_announcement);
	/* the agency's own deadline wins over the workspace's */
	struct qms_agency_status s = status_of(t, "2020-10-09", "2020-09-30", 10);
	assert_int_equal(qms_date_parse("2020-12-31"), s.deadline);
	assert_int_equal(s.last_stage, QMS_STAGE_MANAGEMENT_REVIEW);
	assert_int_equal(s.stages_left, 1);
	assert_int_equal(s.status, QMS_STATUS_ON_TRACK);
	assert_int_equal(s.announced, -1);
	/* announced on the date: done */
	s = status_of(t, "2020-10-10", "2020-09-30", 10);
	assert_int_equal(s.status, QMS_STATUS_DONE);
	assert_int_equal(s.announced, qms_date_parse("2020-10-10"));
	assert_int_equal(s.next_stage, QMS_STAGE_REPORT);
	/* before any stage: nothing done, eight stages to go */
	s = status_of(t, "2020-01-01", "2020-09-30", 10);
	assert_int_equal(s.last_stage, -1);
	assert_int_equal(s.next_stage, QMS_STAGE_PLAN);
	assert_int_equal(s.stages_left, 8);
	/* an agency that has not started: 8 stages, 80 days needed */
	s = status_of(HEAD, "2020-07-12", "2020-09-30", 10); /* 80 days left */
	assert_int_equal(s.status, QMS_STATUS_ON_TRACK);
	s = status_of(HEAD, "2020-07-13", "2020-09-30", 10); /* 79 */
	assert_int_equal(s.status, QMS_STATUS_AT_RISK);
	/* all nine done */
	snprintf(t, sizeof(t),
		 HEAD "migration:\n  stages:\n%s"
		      "    - {stage: internal-audit, done: 2020-08-12}\n"
		      "    - {stage: management-review, done: 2020-08-25}\n"
		      "    - {stage: announcement, done: 2020-09-10}\n"
		      "    - {stage: report, done: 2020-09-15}\n",
		 all_before_announcement);
	s = status_of(t, "2020-09-30", "2020-09-30", 10);
	assert_int_equal(s.last_stage, QMS_STAGE_REPORT);
	assert_int_equal(s.next_stage, -1);
	assert_int_equal(s.status, QMS_STATUS_DONE);
}

static void test_status_findings(void **state)
{
	(void)state;
	const char *t =
		HEAD "audits:\n"
		     "  - id: D1\n"
		     "    kind: internal\n"
		     "    date: 2020-08-12\n"
		     "    findings:\n"
		     "      - {id: A, grade: major, clause: 8.5.1, text: t, due: 2020-09-01}\n"
		     "      - {id: B, grade: minor, clause: 7.5.3, text: t, due: 2020-09-15, closed: 2020-09-10}\n"
		     "      - {id: C, grade: minor, clause: 7.5.3, text: t, closed: 2020-08-20, verified: 2020-09-05}\n"
		     "      - {id: D, grade: observation, clause: 9.1.2, text: no action asked}\n"
		     "      - {id: E, grade: improvement, clause: 7.5.3, text: planned, due: 2020-12-31}\n"
		     "  - id: K1\n"
		     "    kind: inspection\n"
		     "    date: 2020-10-05\n"
		     "    findings:\n"
		     "      - {id: F, grade: major, clause: 8.5.1, text: t}\n";
	/* on the due date of A: open, not yet overdue */
	struct qms_agency_status s = status_of(t, "2020-09-01", NULL, 10);
	assert_int_equal(s.findings_open, 3); /* A, B (closed later), E */
	assert_int_equal(s.findings_overdue, 0);
	assert_int_equal(s.findings_unverified, 1); /* C verified later */
	s = status_of(t, "2020-09-02", NULL, 10);
	assert_int_equal(s.findings_overdue, 1); /* A */
	s = status_of(t, "2020-09-10", NULL, 10);
	assert_int_equal(s.findings_open, 2); /* A, E */
	assert_int_equal(s.findings_unverified, 1); /* B */
	/* the inspection of October counts from its date on */
	s = status_of(t, "2020-10-04", NULL, 10);
	assert_int_equal(s.findings_open, 2);
	s = status_of(t, "2020-10-05", NULL, 10);
	assert_int_equal(s.findings_open, 3);
	/* before the first audit: nothing */
	s = status_of(t, "2020-08-11", NULL, 10);
	assert_int_equal(s.findings_open + s.findings_unverified, 0);
}

/* ---- changes on the text ---- */

static char *change(const char *text, const struct qms_tracker_change *c, char **err)
{
	struct qms_buf out;
	qms_buf_init(&out);
	struct qms_diags d;
	qms_diags_init(&d);
	*err = NULL;
	int rc = qms_tracker_change_text(&out, "audits/so-a.yaml", text, strlen(text), c, &d, err);
	qms_diags_release(&d);
	if (rc < 0) {
		qms_buf_release(&out);
		return NULL;
	}
	return qms_buf_detach(&out);
}

static void expect_change(const char *text, const struct qms_tracker_change *c, const char *want)
{
	char *err;
	char *got = change(text, c, &err);
	if (!got)
		fail_msg("change failed: %s", err);
	assert_string_equal(got, want);
	free(got);
}

static void test_change_stage(void **state)
{
	(void)state;
	struct qms_tracker_change c = {.op = QMS_TRACKER_STAGE,
				       .agency = "so-a",
				       .stage = QMS_STAGE_PLAN,
				       .date = qms_date_parse("2020-06-05"),
				       .evidence = "KH 68/KH-UBND"};
	/* no migration yet */
	expect_change("# tracker\n" HEAD "audits: []   # none yet\n", &c,
		      "# tracker\n" HEAD
		      "migration:\n  stages:\n    - {stage: plan, done: 2020-06-05, evidence: KH 68/KH-UBND}\n"
		      "audits: []   # none yet\n");
	/* in the plan's order, whatever is recorded already */
	c.stage = QMS_STAGE_TRAINING;
	c.evidence = NULL;
	expect_change(HEAD "migration:\n  deadline: 2020-09-30\n  stages:\n"
			   "    - {stage: plan, done: 2020-06-05}\n"
			   "    - {stage: gap-analysis, done: 2020-07-03}  # late\n",
		      &c,
		      HEAD "migration:\n  deadline: 2020-09-30\n  stages:\n"
			   "    - {stage: plan, done: 2020-06-05}\n"
			   "    - {stage: training, done: 2020-06-05}\n"
			   "    - {stage: gap-analysis, done: 2020-07-03}  # late\n");
	/* recorded already: re-dated in place */
	c.stage = QMS_STAGE_PLAN;
	c.evidence = "KH 70";
	expect_change(HEAD "migration:\n  stages:\n    - stage: plan\n      done: 2020-06-01  # draft\n", &c,
		      HEAD "migration:\n  stages:\n    - stage: plan\n      done: 2020-06-05  # draft\n"
			   "      evidence: KH 70\n");
}

static void test_change_audit_finding(void **state)
{
	(void)state;
	const char *auditors[] = {"Nguyễn Văn A", "Trần B"};
	const char *scope[] = {"A-01"};
	struct qms_tracker_change add = {.op = QMS_TRACKER_ADD,
					 .agency = "so-a",
					 .audit = "DGNB-01",
					 .kind = 0,
					 .standard = "ISO 9001:2015",
					 .date = qms_date_parse("2020-08-12"),
					 .auditors = auditors,
					 .nauditors = 2,
					 .scope = scope,
					 .nscope = 1};
	char *err;
	char *one = change(HEAD, &add, &err);
	assert_non_null(one);
	assert_string_equal(one,
			    HEAD "audits:\n  - id: DGNB-01\n    kind: internal\n    standard: ISO 9001:2015\n"
				 "    date: 2020-08-12\n    auditors: [Nguyễn Văn A, Trần B]\n    scope: [A-01]\n");
	struct qms_tracker_change f = {.op = QMS_TRACKER_FINDING,
				       .agency = "so-a",
				       .audit = "DGNB-01",
				       .finding = "NC-01",
				       .grade = 1,
				       .clause = "7.5.3",
				       .process = "A-01",
				       .step = "tra",
				       .text = "Hồ sơ: thiếu",
				       .due = qms_date_parse("2020-09-01"),
				       .owner = "Phòng HCTP"};
	char *two = change(one, &f, &err);
	assert_non_null(two);
	assert_string_equal(two, HEAD "audits:\n  - id: DGNB-01\n    kind: internal\n    standard: ISO 9001:2015\n"
				      "    date: 2020-08-12\n    auditors: [Nguyễn Văn A, Trần B]\n    scope: [A-01]\n"
				      "    findings:\n      - id: NC-01\n        grade: minor\n        clause: 7.5.3\n"
				      "        process: A-01\n        step: tra\n        text: \"Hồ sơ: thiếu\"\n"
				      "        owner: Phòng HCTP\n        due: 2020-09-01\n");
	struct qms_tracker_change cl = {.op = QMS_TRACKER_CLOSE,
					.agency = "so-a",
					.finding = "NC-01",
					.date = qms_date_parse("2020-08-28"),
					.cause = "Chưa phân công",
					.action = "Phân công lại"};
	char *three = change(two, &cl, &err);
	assert_non_null(three);
	assert_string_equal(three,
			    HEAD "audits:\n  - id: DGNB-01\n    kind: internal\n    standard: ISO 9001:2015\n"
				 "    date: 2020-08-12\n    auditors: [Nguyễn Văn A, Trần B]\n    scope: [A-01]\n"
				 "    findings:\n      - id: NC-01\n        grade: minor\n        clause: 7.5.3\n"
				 "        process: A-01\n        step: tra\n        text: \"Hồ sơ: thiếu\"\n"
				 "        cause: Chưa phân công\n        action: Phân công lại\n"
				 "        owner: Phòng HCTP\n        due: 2020-09-01\n        closed: 2020-08-28\n");
	struct qms_tracker_change v = {
		.op = QMS_TRACKER_VERIFY, .agency = "so-a", .finding = "NC-01", .date = qms_date_parse("2020-09-05")};
	char *four = change(three, &v, &err);
	assert_non_null(four);
	assert_non_null(strstr(four, "        closed: 2020-08-28\n        verified: 2020-09-05\n"));
	/* names that do not exist, with suggestions */
	f.audit = "DGNB-1";
	assert_null(change(four, &f, &err));
	assert_string_equal(err, "no audit 'DGNB-1' in audits/so-a.yaml; did you mean 'DGNB-01'?");
	free(err);
	v.finding = "NC-1";
	assert_null(change(four, &v, &err));
	assert_string_equal(err, "no finding 'NC-1' in audits/so-a.yaml; did you mean 'NC-01'?");
	free(err);
	free(one);
	free(two);
	free(three);
	free(four);
}

static void test_change_flow_finding(void **state)
{
	(void)state;
	/* findings written as flow mappings: closed goes inside the braces */
	struct qms_tracker_change cl = {
		.op = QMS_TRACKER_CLOSE, .agency = "so-a", .finding = "F", .date = qms_date_parse("2020-08-28")};
	expect_change(HEAD "audits:\n  - {id: D, kind: internal, date: 2020-08-12, findings: [{id: F, grade: minor, "
			   "clause: 7.5, text: t, due: 2020-09-01}]}\n",
		      &cl,
		      HEAD "audits:\n  - {id: D, kind: internal, date: 2020-08-12, findings: [{id: F, grade: minor, "
			   "clause: 7.5, text: t, due: 2020-09-01, closed: 2020-08-28}]}\n");
}

/* ---- on disk ---- */

static char *read_all(const char *path)
{
	struct qms_buf b;
	qms_buf_init(&b);
	char *err = NULL;
	if (qms_file_read(&b, path, &err) < 0)
		fail_msg("%s", err);
	return qms_buf_detach(&b);
}

static void test_apply(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/qms-test-tracker-XXXXXX";
	char *root = mkdtemp(tmpl);
	assert_non_null(root);
	char path[512];
	snprintf(path, sizeof(path), "%s/audits/so-a.yaml", root);
	struct qms_index empty = {0};
	empty.root = root;
	struct qms_tracker_result res;
	char *err;
	struct qms_tracker_change c = {.op = QMS_TRACKER_NEW, .agency = "so-a", .name = "Sở A", .level = 0};
	assert_int_equal(qms_tracker_apply(&res, &empty, root, &c, &err), QMS_TRACKER_WRITTEN);
	qms_tracker_result_release(&res);
	char *text = read_all(path);
	assert_string_equal(text, "agency:\n  id: so-a\n  name: Sở A\n  level: province\n");
	free(text);
	/* twice: refused */
	assert_int_equal(qms_tracker_apply(&res, &empty, root, &c, &err), QMS_TRACKER_FAILED);
	assert_non_null(strstr(err, "exists already"));
	free(err);
	qms_tracker_result_release(&res);

	/* a change that would break a rule leaves the file as it was */
	struct qms_tracker_change s = {.op = QMS_TRACKER_STAGE,
				       .agency = "so-a",
				       .stage = QMS_STAGE_TRAINING,
				       .date = qms_date_parse("2020-03-05")};
	assert_int_equal(qms_tracker_apply(&res, &empty, root, &s, &err), QMS_TRACKER_WRITTEN);
	/* plan missing: written, with the warning */
	assert_int_equal(res.problems.len, 1);
	assert_int_equal(res.problems.items[0].rule, QMS_RULE_A013);
	qms_tracker_result_release(&res);
	s.stage = QMS_STAGE_PLAN;
	s.date = qms_date_parse("2020-03-06"); /* after training */
	char *before = read_all(path);
	assert_int_equal(qms_tracker_apply(&res, &empty, root, &s, &err), QMS_TRACKER_REFUSED);
	assert_int_equal(res.problems.len, 1);
	assert_int_equal(res.problems.items[0].rule, QMS_RULE_A003);
	qms_tracker_result_release(&res);
	char *after = read_all(path);
	assert_string_equal(before, after);
	free(after);

	/* an error already in the file does not stop a change that adds none */
	FILE *f = fopen(path, "a");
	assert_non_null(f);
	fputs("audits:\n  - {id: D, kind: internal, date: 2020-08-12, findings: [{id: X, grade: minor, clause: 2, "
	      "text: t}]}\n",
	      f);
	fclose(f);
	s.date = qms_date_parse("2020-03-01");
	assert_int_equal(qms_tracker_apply(&res, &empty, root, &s, &err), QMS_TRACKER_WRITTEN);
	assert_int_equal(res.problems.len, 0);
	qms_tracker_result_release(&res);

	/* no such agency */
	s.agency = "so-b";
	assert_int_equal(qms_tracker_apply(&res, &empty, root, &s, &err), QMS_TRACKER_FAILED);
	assert_non_null(strstr(err, "no tracker for agency 'so-b'"));
	free(err);
	qms_tracker_result_release(&res);
	free(before);

	char lock[600];
	snprintf(lock, sizeof(lock), "%s/audits/.so-a.yaml.lock", root);
	unlink(lock);
	unlink(path);
	snprintf(lock, sizeof(lock), "%s/audits/.so-b.yaml.lock", root);
	unlink(lock);
	snprintf(lock, sizeof(lock), "%s/audits", root);
	rmdir(lock);
	rmdir(root);
}

/* qms_document_copy(): the copy holds every value, list and string of
 * the model once the file's tree is freed and its block reused by the
 * next document, and takes far less than the loader's block. */
static void test_document_copy(void **state)
{
	(void)state;
	const char *text = HEAD "migration:\n"
				"  stages:\n"
				"    - {stage: plan, done: 2020-02-10, evidence: KH-01}\n"
				"    - {stage: internal-audit, done: 2020-08-12}\n"
				"audits:\n"
				"  - id: D1\n"
				"    kind: internal\n"
				"    date: 2020-08-12\n"
				"    auditors: [An, Bình]\n"
				"    findings:\n"
				"      - {id: NC-01, grade: major, clause: 8.5.1, text: t, due: 2020-09-01}\n"
				"      - {id: NC-02, grade: minor, clause: 10.2, text: u}\n";
	struct qms_diags d;
	qms_diags_init(&d);
	struct qms_doc *doc;
	assert_int_equal(qms_doc_parse(&doc, "audits/so-a.yaml", text, strlen(text), &d), 0);
	struct qms_document loaded, copy;
	assert_int_equal(qms_document_decode(&loaded, doc, &d), 0);
	assert_int_equal(d.len, 0);
	struct qms_arena arena = {0};
	qms_document_copy(&copy, &loaded, &arena);
	qms_document_release(&loaded);
	/* the loader's block goes to the next document: it overwrites what
	 * a string left pointing into it would read */
	struct qms_doc *other;
	const char *clobber = "agency: {id: XXXX, name: YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY}\n";
	assert_int_equal(qms_doc_parse(&other, "audits/x.yaml", clobber, strlen(clobber), &d), 0);
	assert_null(copy.doc);
	assert_int_equal(copy.kind, QMS_KIND_AGENCY);
	const struct qms_agency_file *t = copy.data;
	assert_string_equal(t->agency.name.text, "Sở A");
	assert_int_equal(t->agency.level.choice, QMS_LEVEL_PROVINCE);
	assert_int_equal(t->migration.stages.len, 2);
	const struct qms_stage *st = t->migration.stages.items;
	assert_string_equal(st[0].evidence.text, "KH-01");
	assert_int_equal(st[1].stage.choice, QMS_STAGE_INTERNAL_AUDIT);
	assert_null(st[1].evidence.text);
	assert_int_equal(t->audits.len, 1);
	const struct qms_audit *au = t->audits.items;
	assert_string_equal(au->id.text, "D1");
	assert_int_equal(au->date.date, qms_date_parse("2020-08-12"));
	assert_int_equal(au->auditors.len, 2);
	assert_string_equal(((const struct qms_value *)au->auditors.items)[1].text, "Bình");
	assert_int_equal(au->findings.len, 2);
	const struct qms_finding *f = au->findings.items;
	assert_string_equal(f[0].clause.text, "8.5.1");
	assert_int_equal(f[0].grade.choice, QMS_GRADE_MAJOR);
	assert_int_equal(f[1].obj.line, 16);
	assert_string_equal(f[1].text.text, "u");
	assert_true(arena.used_total < 4096);
	qms_doc_free(other);
	qms_document_release(&copy); /* nothing: the arena owns it */
	qms_arena_release(&arena);
	qms_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_stage_rules),
		cmocka_unit_test(test_prerequisites),
		cmocka_unit_test(test_announced_open_major),
		cmocka_unit_test(test_finding_rules),
		cmocka_unit_test(test_file_name),
		cmocka_unit_test(test_alone_no_procedures),
		cmocka_unit_test(test_status_deadline_boundaries),
		cmocka_unit_test(test_status_working_days_left),
		cmocka_unit_test(test_status_agency_deadline_and_done),
		cmocka_unit_test(test_status_findings),
		cmocka_unit_test(test_change_stage),
		cmocka_unit_test(test_change_audit_finding),
		cmocka_unit_test(test_change_flow_finding),
		cmocka_unit_test(test_apply),
		cmocka_unit_test(test_document_copy),
	};
	return cmocka_run_group_tests(tests, ix_setup, ix_teardown);
}

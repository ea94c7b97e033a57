/* The provincial report (`qms report`): every figure of the ISO section of
 * the half-year administrative reform report, computed once into a
 * struct, then written as Markdown, HTML, CSV or JSON, in Vietnamese or
 * English. The static site (site.h) is built from the same struct.
 *
 * What is counted, and how, is in docs/report.md. In short, as of a date:
 *  - migration: every tracker of audits/ (qms_status_compute());
 *  - audits: those held in the period, from 1 January of the year of the
 *    date up to the date (named qms_report_add_period());
 *  - corrective actions: findings that call for one (major and minor
 *    nonconformities, and any finding given a `due`) of every audit held
 *    up to the date, whatever its period, as qms_status_compute() counts;
 *  - procedures: every procedure file of processes/;
 *  - diagnostics: `qms check` of the whole workspace, given to the agency
 *    of the file (processes/<agency>/..., audits/<agency>.yaml);
 *  - coverage: qms_coverage_compute() of each agency that has a system
 *    or procedures in processes/.
 *
 * The library never prints; the output functions append to a buffer and
 * give the same bytes for the same workspace and date. */
#ifndef QMS_REPORT_H
#define QMS_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "check.h"
#include "coverage.h"
#include "diag.h"
#include "index.h"
#include "model.h"
#include "schema.h"
#include "status.h"
#include "tracker.h"
#include "util.h"

/* What a finding asks for, as of the date. */
enum qms_action_state {
	QMS_ACTION_NONE, /* an observation or improvement with no `due`: no action asked */
	QMS_ACTION_OPEN, /* not closed by the date, not past `due` */
	QMS_ACTION_OVERDUE, /* not closed by the date and past `due` (the due day itself is not past) */
	QMS_ACTION_UNVERIFIED, /* closed by the date, effectiveness not verified by it */
	QMS_ACTION_VERIFIED, /* closed and verified by the date */
	QMS_ACTION_COUNT
};

/* "none", "open", "overdue", "unverified", "verified" (the JSON values). */
extern const char *const qms_action_state_names[];

/* The state of finding f as of as_of (days since 1970). */
enum qms_action_state qms_finding_state(const struct qms_finding *f, int32_t as_of);

struct qms_report_audit {
	const struct qms_audit *audit; /* in the agency's tracker */
	size_t agency; /* index in qms_report.agencies */
	bool in_period;
};

struct qms_report_finding {
	const struct qms_finding *finding;
	size_t audit; /* index in qms_report.audits */
	size_t agency;
	int grade; /* enum QMS_GRADE_*, -1 when missing */
	enum qms_action_state state;
	int32_t days_overdue; /* QMS_ACTION_OVERDUE: as_of - due */
	size_t procedure; /* index in qms_report.procedures, SIZE_MAX when none */
	bool in_period; /* its audit was held in the period */
};

struct qms_report_procedure {
	const char *code, *title, *agency; /* never NULL ("" when missing) */
	const char *path; /* as displayed */
	size_t agency_index; /* in qms_report.agencies */
	int standard; /* enum qms_standard, -1 when missing */
	const struct qms_process *process; /* the decoded file; NULL when it did not load or
					    * when the options did not keep the procedures */
	const char *statutory, *committed; /* the time limits as written; NULL when absent */
	bool tthc; /* a TTHC procedure (it has a `tthc`); else a system procedure */
	bool duplicate; /* another procedure file has the same code (that one gets the page) */
	bool timed; /* statutory and committed limits both given, a cut asked */
	bool exempt; /* both limits given, no cut asked (`cut_exempt`, same day) */
	const char *exempt_reason; /* `cut_exempt`; NULL for a same-day limit */
	int cut_tenths; /* cut in tenths of a percent (rounded), when timed */
	int required_cut_tenths; /* the procedure's `cut`, else the workspace's */
	bool cut_in_days; /* the cut is counted in calendar days (the statutory limit's unit) */
	bool meets_cut; /* cut >= the required cut */
	bool has_critical;
	struct qms_span critical; /* longest path, as the limits count it */
	size_t errors, warnings; /* `qms check` diagnostics of the file */
};

struct qms_report_agency {
	const char *id, *name; /* never NULL */
	const char *short_name; /* without the workspace's place name (qms_agency_short_name()) */
	int level; /* enum qms_level, -1 when unknown */
	bool tracked; /* has audits/<id>.yaml: counts in the migration */
	struct qms_agency_status status; /* when tracked */
	const struct qms_agency_file
		*tracker; /* its model (in the report's arena), NULL when untracked or unreadable */
	const char *tracker_path; /* its file, as displayed; NULL with tracker */
	int32_t stage_done[QMS_STAGE_COUNT]; /* by the date; -1 when not (yet) */
	const char *stage_evidence[QMS_STAGE_COUNT];
	const char *decision; /* evidence of the announcement, NULL when none */
	size_t audits_total; /* held by the date */
	size_t audits_period, findings_period;
	size_t actions[QMS_ACTION_COUNT];
	size_t procedures, on_2015, on_2008, timed, meet_cut, exempt;
	int avg_cut_tenths; /* mean cut of its timed procedures, tenths of a percent */
	size_t errors, warnings; /* `qms check`, every file of the agency */
	bool assessed; /* coverage computed (a system or procedures exist) */
	struct qms_coverage coverage;
	const char *system_path; /* NULL when none */
};

/* Findings of the period under one clause. */
struct qms_report_clause {
	const char *clause; /* "" for findings without a clause */
	const char *standard; /* of the audit ("ISO 9001:2015"), "" when missing */
	const struct qms_clause *catalog_clause; /* its titles; NULL when not in the catalog */
	size_t by_grade[4];
	size_t other; /* grade missing */
	size_t total;
};

struct qms_report_options {
	int32_t as_of; /* days since 1970 */
	int lang; /* enum qms_lang; -1: the workspace's */
	unsigned jobs; /* for the check; 0: one per core */
	/* Keep every procedure's decoded file (qms_report_procedure.process)
	 * until qms_report_release(), for the pages of the site. Otherwise
	 * each is read, summarised and let go: memory grows with the figures,
	 * not with the files. */
	bool keep_procedures;
};

struct qms_report {
	int32_t as_of;
	int32_t period_start, period_end; /* 1 January of the year of as_of, and as_of */
	int year, half; /* half: the half-year of as_of, 1 or 2 */
	enum qms_lang lang;
	const char *root; /* absolute folder of the workspace */
	const char *workspace; /* its name, "" when qms.yaml gives none */
	struct qms_settings settings; /* strings in status.arena */
	bool keep_procedures; /* as the options asked */

	struct qms_report_agency *agencies; /* trackers in status order, then agencies only
					     * named by procedures or systems, by id */
	size_t nagencies;
	struct qms_report_procedure *procedures; /* by agency (in the order above), then code, path */
	size_t nprocedures;
	struct qms_report_audit *audits; /* held by the date, by agency, then date, id */
	size_t naudits;
	struct qms_report_finding *findings; /* of those audits, in file order */
	size_t nfindings;
	struct qms_report_clause *clauses; /* findings of the period by clause, in clause order */
	size_t nclauses;

	/* migration (tracked agencies) */
	size_t tracked;
	size_t by_status[QMS_STATUS_COUNT];
	size_t level_total[4], level_done[4]; /* by enum qms_level; [3]: unknown */
	size_t by_next[QMS_STAGE_COUNT + 1]; /* by next stage; [QMS_STAGE_COUNT]: all nine done */

	/* audits of the period */
	size_t audits_period;
	size_t agencies_audited; /* agencies with an audit in the period */
	size_t audits_by_kind[3]; /* internal, external, inspection */
	size_t findings_period;
	size_t findings_by_grade[4];
	size_t findings_no_grade;
	/* corrective actions as of the date (every audit held by it) */
	size_t actions[QMS_ACTION_COUNT];

	/* procedures */
	size_t on_2015, on_2008, no_standard;
	size_t timed, meet_cut;
	size_t exempt; /* procedures with both limits and no cut asked, counted apart */
	int avg_cut_tenths; /* mean of the cuts of timed procedures */
	int time_cut_tenths; /* the workspace's minimum cut */

	/* `qms check` */
	size_t files_checked, errors, warnings;
	size_t errors_other, warnings_other; /* files of no agency (qms.yaml, catalogs) */

	/* coverage */
	bool have_catalog; /* the ISO 9001:2015 catalog was found */
	size_t assessed;
	size_t coverage_count[QMS_COV_STATUS_COUNT]; /* rows of every agency assessed, by status */
	size_t conforming; /* agencies assessed with every applicable clause met */

	struct qms_diags problems; /* files that could not be read (also in check) */
	/* owned */
	struct qms_status_report status;
	struct qms_index *ix;
	struct qms_diags index_diags; /* what loading ix reported (the site's diagrams show
				       * the reading errors of qms.yaml and the trackers) */
	struct qms_check_result check;
	struct qms_catalogs catalogs;
	struct qms_document *docs; /* the procedures kept loaded (keep_procedures) */
	size_t ndocs;
	struct qms_arena arena;
};

/* Compute the report of the workspace holding `path` as of opt->as_of.
 * Returns 0 and fills *out (release with qms_report_release()), or -1 with
 * *err (caller frees) when path is not in a workspace or the catalogs of
 * the clause rules cannot be loaded. */
int qms_report_compute(struct qms_report *out, const char *path, const struct qms_report_options *opt, char **err);
void qms_report_release(struct qms_report *r);

/* Outputs, in r->lang. All append to out.
 *  - md: the section as the Department of Home Affairs writes it, with
 *    tables (Markdown, user text escaped; through qms_buf_add_printable());
 *  - html: a whole page with its style sheet inline;
 *  - csv: one line per agency, every per-agency figure (docs/report.md);
 *  - json: every figure the text states, and the lists behind them. */
void qms_report_format_md(struct qms_buf *out, const struct qms_report *r);
void qms_report_format_html(struct qms_buf *out, const struct qms_report *r);
void qms_report_format_csv(struct qms_buf *out, const struct qms_report *r);
void qms_report_format_json(struct qms_buf *out, const struct qms_report *r);

/* The sections of the HTML report, without the page around them: for
 * the site's index. With `links`, agencies and procedures link to their
 * pages (agencies/<name>.html, procedures/<name>.html, relative to the
 * index). */
void qms_report_format_html_body(struct qms_buf *out, const struct qms_report *r, bool links);

/* Dates and numbers as the report writes them, for the site.
 * Vietnamese: day always on two digits, month on two only for January and
 * February (Nghị định 30/2020/NĐ-CP: "05/3/2020", "20/01/2020"); English:
 * "30 September 2020" (prose) or "2020-09-30" (tables). Numbers: '.'
 * between thousands in Vietnamese, ',' in English. */
void qms_report_add_date(struct qms_buf *out, int32_t days, enum qms_lang lang, bool prose);
void qms_report_add_count(struct qms_buf *out, size_t n, enum qms_lang lang);
/* A cut in tenths of a percent: "45,2%" / "45.2%". */
void qms_report_add_percent(struct qms_buf *out, int tenths, enum qms_lang lang);
/* n of total in tenths of a percent, rounded half up (0 when total is 0). */
int qms_report_tenths(size_t n, size_t total);
/* Hours as a duration for people: "6 ngày làm việc", "4 giờ", "1,5 working days". */
void qms_report_add_hours(struct qms_buf *out, double hours, double workday_hours, enum qms_lang lang);

/* The period as the administration names it from its dates: as of the
 * last day of March "Quý I năm 2020" / "the first quarter of 2020", of
 * June "6 tháng đầu năm 2020", of September "9 tháng đầu năm 2020", of
 * December "năm 2020", of another month "5 tháng đầu năm 2020"; any
 * other day "từ ngày 01/01/2020 đến ngày 15/9/2020". */
void qms_report_add_period(struct qms_buf *out, const struct qms_report *r, enum qms_lang lang);

/* Labels of the report, for the site. */
const char *qms_grade_label(int grade, enum qms_lang lang);
const char *qms_audit_kind_label(int kind, enum qms_lang lang);
const char *qms_action_state_label(enum qms_action_state s, enum qms_lang lang);

/* The agency of a file of the workspace from its path relative to the
 * root: "processes/<agency>/..." or "audits/<agency>.yaml". Appends the id
 * to out and returns true, or returns false for other files. */
bool qms_report_path_agency(struct qms_buf *out, const char *relpath);

#endif

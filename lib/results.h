/* Dossier results: how the procedures were performed, from the one-stop
 * system's exports (`qms results`, docs/results.md).
 *
 * The exports (CSV or XLSX, tabread.h) are read in one streaming pass;
 * everything kept is bounded by the number of agencies, fields, levels,
 * procedures and steps, never by the number of rows: counts per group,
 * and per procedure (and step) a histogram of durations in whole units
 * (days, or working minutes), from which medians and 90th percentiles are
 * exact. Rows that cannot be read are counted by kind, and the first
 * QMS_RESULTS_MAX_PROBLEMS of them kept with their position.
 *
 * Ownership: a struct qms_results owns everything it points to (its
 * arena); free with qms_results_release(). */
#ifndef QMS_RESULTS_H
#define QMS_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "i18n.h"
#include "util.h"
#include "values.h"

#define QMS_RESULTS_MAX_PROBLEMS 1000
/* examples kept per kind of path fault, and late dossiers kept */
#define QMS_RESULTS_MAX_EXAMPLES 5
#define QMS_RESULTS_MAX_LATE 1000
/* distinct values per grouping beyond which rows go to one "other" group */
#define QMS_RESULTS_MAX_GROUPS 100000

/* The roles of the columns of an export (and of a step-event file). */
enum qms_results_column {
	QMS_COL_DOSSIER,
	QMS_COL_PROCEDURE,
	QMS_COL_TTHC,
	QMS_COL_AGENCY,
	QMS_COL_FIELD,
	QMS_COL_LEVEL,
	QMS_COL_RECEIVED,
	QMS_COL_DUE,
	QMS_COL_FINISHED,
	QMS_COL_STATUS,
	QMS_COL_APOLOGY,
	QMS_COL_STEP,
	QMS_COL_START,
	QMS_COL_END,
	QMS_COL_HANDLER,
	QMS_COL_COUNT
};

/* "dossier", "procedure" ...: the key of each role in qms.yaml's
 * `dossier_columns` and in JSON. */
extern const char *const qms_results_column_keys[QMS_COL_COUNT + 1];

struct qms_results_options {
	const char *const *exports; /* files; "-" is the standard input (CSV) */
	size_t nexports;
	const char *steps; /* step-event file, NULL when none */
	int32_t from, to; /* the period, both days included */
	const char *root; /* the workspace (absolute), NULL: none */
	/* extra header names per role (qms.yaml `dossier_columns`), NULL when none */
	const char *columns[QMS_COL_COUNT];
	unsigned jobs;
};

/* The seed report's figures for one group. */
struct qms_results_counts {
	uint64_t received; /* received in the period */
	uint64_t carried; /* received before it, not finished before it */
	uint64_t resolved; /* finished in the period (not returned) */
	uint64_t before, on_due, late; /* of resolved, against the due date */
	uint64_t open_within, open_late; /* in progress at the end of the period */
	uint64_t returned; /* returned or withdrawn */
	uint64_t late_apology; /* late (resolved late or in progress past due) with an apology */
};

enum qms_results_dim { QMS_RD_AGENCY, QMS_RD_LEVEL, QMS_RD_FIELD, QMS_RD_PROCEDURE, QMS_RD_COUNT };

/* A histogram of durations in whole units (see qms_results_proc.minutes). */
struct qms_results_hist {
	uint32_t *bins;
	size_t nbins; /* allocated */
	uint64_t n; /* durations counted */
	uint64_t over; /* of them, beyond the last bin allowed (counted in max) */
	long max;
};

/* One step of a procedure, with the actual times of the step events. */
struct qms_results_step {
	const char *id, *name;
	bool has_duration;
	struct qms_duration duration; /* planned */
	bool required; /* on every path from start to end */
	struct qms_results_hist hist; /* working minutes */
	uint64_t excess_minutes; /* over the planned duration, in late dossiers */
};

struct qms_results_group {
	const char *key; /* as in the export (procedure: the workspace code when matched) */
	const char *name; /* agency or procedure name when known, else NULL */
	struct qms_results_counts c;
	/* procedures only: */
	bool matched; /* a procedure of the workspace */
	const char *tthc; /* its TTHC code, NULL when none */
	const char *level; /* agencies: province | district | commune, NULL when unknown */
	bool has_committed, has_statutory;
	struct qms_duration committed, statutory;
	bool minutes; /* durations in working minutes (else in days of the limit's kind) */
	enum qms_duration_unit unit; /* the unit shown */
	struct qms_results_hist hist;
	uint64_t over_committed, over_statutory;
	const char *first_file; /* first row (unmatched procedures) */
	unsigned long first_line, rows;
	struct qms_results_step *steps;
	size_t nsteps;
	uint64_t step_dossiers; /* dossiers with step events */
};

struct qms_results_problem {
	const char *file;
	unsigned long line, col;
	const char *msgid; /* English, static */
	const char *column; /* the column's name in the header, NULL when none */
	const char *detail; /* the value or code, NULL when none */
	bool warning; /* the row is still used (an unknown code) */
};

/* A late dossier (for the list of nonconforming outputs). */
struct qms_results_late {
	const char *dossier, *procedure, *agency;
	int32_t received, due, finished; /* finished -1: in progress */
	bool apology;
};

/* Kinds of path fault in the step events. */
enum qms_results_fault { QMS_FAULT_UNKNOWN_STEP, QMS_FAULT_SKIPPED, QMS_FAULT_ORDER, QMS_FAULT_COUNT };

struct qms_results {
	int32_t from, to;
	bool has_workspace;
	double workday_hours;
	uint64_t rows_read, rows_used, rows_rejected, rows_outside;
	uint64_t unmatched_rows;
	struct qms_results_counts total;
	struct qms_results_group *groups[QMS_RD_COUNT];
	size_t ngroups[QMS_RD_COUNT]; /* sorted by key (procedures: matched first) */
	struct qms_results_problem *problems;
	size_t nproblems; /* kept */
	uint64_t nproblems_total; /* all of them */
	struct {
		const char *msgid;
		uint64_t n;
	} kinds[16]; /* problems by kind */
	size_t nkinds;
	struct qms_results_late *late;
	size_t nlate;
	uint64_t nlate_total;
	/* step events */
	bool has_steps;
	uint64_t step_rows, step_dossiers;
	uint64_t faults[QMS_FAULT_COUNT];
	const char *fault_examples[QMS_FAULT_COUNT][QMS_RESULTS_MAX_EXAMPLES]; /* "dossier: step" */
	size_t nfault_examples[QMS_FAULT_COUNT];
	struct qms_arena arena;
};

/* Read the exports and compute. Returns 0, or -1 with *err (caller frees)
 * when a file cannot be read at all or the workspace cannot be loaded;
 * rows that cannot be read are problems, not failures. out is filled as
 * far as it got either way; release it. */
int qms_results_compute(struct qms_results *out, const struct qms_results_options *opt, char **err);
void qms_results_release(struct qms_results *r);

/* The half-year that holds day: 1 January to 30 June, or 1 July to 31
 * December. */
void qms_results_half_year(int32_t *from, int32_t *to, int32_t day);

/* A date of an export: dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, with " HH:MM"
 * or " HH:MM:SS"; ISO 8601 yyyy-mm-dd with "T" or " " and a time (a zone
 * or fraction after it ignored); with `serial`, an Excel serial number.
 * Returns 0 with the day (since 1970) and the minute of the day (0 when
 * no time), or -1. */
int qms_results_parse_date(int32_t *day, int *minute, const char *text, bool serial);

/* Rank statistics of a histogram: the smallest value v with at least
 * ceil(q * n) durations <= v (nearest rank); -1 when empty. */
long qms_results_hist_rank(const struct qms_results_hist *h, double q);

/* A duration of the histogram's units for people: days as they are,
 * minutes in hours or minutes as `unit` says ("1,5 giờ"). Appends. */
void qms_results_format_value(struct qms_buf *out, const struct qms_results_group *g, long v, enum qms_lang lang);

/* Outputs. */
void qms_results_format_text(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang);
void qms_results_format_md(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang);
void qms_results_format_html(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang);
void qms_results_format_csv(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang);
void qms_results_format_json(struct qms_buf *out, const struct qms_results *r);
/* The late dossiers (resolved late, or in progress past the due date at
 * the end of the period) as nonconforming outputs (ISO 9001:2015 8.7):
 * a YAML document, `nonconforming_outputs:` a list of {dossier, process,
 * agency, received, due, finished (null: in progress), apology, clause},
 * the first QMS_RESULTS_MAX_LATE of them, for the agency's tracker. */
void qms_results_format_nonconforming(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang);
/* A small SVG bar chart of g's actual times (its histogram, in at most 30
 * bars) with its committed and statutory limits as dashed lines (when in
 * the histogram's kind of unit); bars past the committed limit in red. No
 * script; text escaped. Appends to out. */
void qms_results_svg_chart(struct qms_buf *out, const struct qms_results_group *g, double workday_hours,
			   enum qms_lang lang);

/* The problems, one per line: file:line:col: error: message. */
void qms_results_format_problems(struct qms_buf *out, const struct qms_results *r);

/* The seed's paragraph ("5 tháng đầu năm 2020, tổng số hồ sơ tiếp nhận
 * mới là 23.417 hồ sơ ...") for the figures of c. Appends. */
void qms_results_add_paragraph(struct qms_buf *out, const struct qms_results_counts *c, enum qms_lang lang);

struct qms_report;
/* The report's "Phụ lục V. Kết quả giải quyết TTHC" (report-results.c):
 * the figures of the report's period up to its as-of date from the CSV and
 * XLSX exports in the workspace's results/ folder; nothing when it has
 * none. Markdown, or HTML when html. Appends to out. */
void qms_report_results_section(struct qms_buf *out, const struct qms_report *r, bool html);
/* The site's part of a procedure's page (report-results.c): its figures
 * and qms_results_svg_chart(), from the same exports; nothing when the
 * workspace has none or the procedure has no dossier. The exports are read
 * once per report. HTML, appended to out. */
void qms_site_results_section(struct qms_buf *out, const struct qms_report *r, const char *code);

#endif

/* Conformity of an agency's system with ISO 9001:2015, clause by clause,
 * from evidence as of a date (docs/iso.md, "Conformity from evidence").
 *
 * Every lowest-level clause gets one of four statuses: met (addressed,
 * and the evidence it needs exists by the date), documented (addressed on
 * paper, the evidence missing or dated after the date), missing (nothing
 * addresses it) or not applicable (declared under `exclusions`; a declared
 * clause is one row, whatever its sub-clauses).
 *
 * Evidence is dated: a field of system.yaml is in force once the system
 * is `issued`; a document of `documents` once `issued` and not a draft or
 * withdrawn; a procedure once `effective`. Records (retained documented
 * information) are a `record` of `documents` with its date, the `records`
 * a procedure in force keeps, and the tracker's dated facts: the internal
 * audit done with its report, the management review done with its
 * minutes, corrective actions closed and verified. */
#ifndef QMS_COVERAGE_H
#define QMS_COVERAGE_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "i18n.h"
#include "index.h"
#include "model.h"

enum qms_cov_status { QMS_COV_MET, QMS_COV_DOCUMENTED, QMS_COV_MISSING, QMS_COV_NOT_APPLICABLE, QMS_COV_STATUS_COUNT };

/* "met", "documented", "missing", "not-applicable": the JSON values and
 * the English words of every output. */
extern const char *const qms_cov_status_names[];
/* The status in `lang`: the names above, or "đáp ứng", "có tài liệu, chưa
 * có bằng chứng", "chưa đáp ứng", "không áp dụng". Static storage. */
const char *qms_cov_status_label(enum qms_cov_status s, enum qms_lang lang);

enum qms_cov_kind {
	QMS_COV_FIELD, /* a field of system.yaml: `what` is its key */
	QMS_COV_DOCUMENT, /* an entry of `documents`: `what` is its id, `title` its title */
	QMS_COV_PROCESS, /* a procedure: `what` is its code, `title` its title */
	QMS_COV_RECORDS, /* the `records` of a procedure: `what` is its code */
	QMS_COV_STAGE, /* a stage of the tracker: `what` is its name, `title` its evidence */
	QMS_COV_AUDIT, /* an internal audit under `audits`: `what` is its id */
	QMS_COV_ACTION, /* a finding's corrective action: `what` is "AUDIT/FINDING" */
};

/* Where a source stands on the date. */
enum qms_cov_state {
	QMS_SRC_IN_FORCE, /* issued, effective or done on or before the date */
	QMS_SRC_UNDATED, /* no issue or effective date: not yet evidence */
	QMS_SRC_LATER, /* dated after the date */
	QMS_SRC_DRAFT, /* `status: draft` */
	QMS_SRC_WITHDRAWN, /* `status: withdrawn`, or a procedure withdrawn by the date */
	QMS_SRC_NO_REPORT, /* a tracker fact without the record it needs (report, minutes, verification) */
};

struct qms_cov_source {
	enum qms_cov_kind kind;
	const char *what;
	const char *title; /* NULL when none */
	const char *tag; /* the clause as tagged ("7.5" covers 7.5.3.1) */
	const char *path;
	uint32_t line, col;
	int32_t date; /* issued, effective or done; -1 when none */
	enum qms_cov_state state;
	bool record; /* retained documented information */
};

/* Why a clause is not met. */
enum qms_cov_gap {
	QMS_GAP_NONE,
	QMS_GAP_NOTHING, /* no source addresses it */
	QMS_GAP_NOT_IN_FORCE, /* sources, none in force on the date */
	QMS_GAP_NOT_ISSUED, /* maintained information: no issued document in force */
	QMS_GAP_NO_RECORD, /* retained information: no record dated by the date */
	QMS_GAP_NO_AUDIT, /* no internal audit done by the date */
	QMS_GAP_AUDIT_NO_REPORT, /* the audit is done, its report not recorded */
	QMS_GAP_NO_REVIEW, /* no management review done by the date */
	QMS_GAP_REVIEW_NO_MINUTES,
	QMS_GAP_NO_ACTION, /* no corrective action closed and verified by the date */
};

struct qms_cov_row {
	const struct qms_clause *clause; /* a lowest-level clause, or the clause an exclusion declares */
	enum qms_cov_status status;
	struct qms_cov_source *sources; /* what addresses it, in a stable order */
	size_t nsources;
	const struct qms_cov_source *evidence; /* met: the evidence that decides it */
	enum qms_cov_gap gap; /* documented, missing: what is missing */
	const struct qms_cov_source *gap_source; /* the source the gap is about, or NULL */
	const char *justification; /* not applicable */
	const char *excluded_as; /* the clause as the exclusion names it */
	uint32_t line, col; /* of the exclusion */
};

/* What the evidence comes from. Everything may be NULL. */
struct qms_cov_input {
	const struct qms_system *sys; /* the agency's system.yaml */
	const char *sys_path;
	const struct qms_agency_file *tracker; /* its audits/<agency>.yaml */
	const char *tracker_path;
	int32_t as_of; /* days since 1970 */
	/* Where the coverage lives: NULL for its own arena; else the
	 * caller's, which must outlive it (many agencies then share blocks). */
	struct qms_arena *arena;
};

struct qms_coverage {
	const struct qms_catalog *catalog;
	const char *agency;
	const char *system_path; /* NULL when the agency has no system.yaml */
	const char *tracker_path; /* NULL when no tracker was given */
	int32_t as_of;
	struct qms_cov_row *rows; /* in the standard's order */
	size_t nrows;
	size_t count[QMS_COV_STATUS_COUNT]; /* rows by status: a declared clause counts once */
	struct qms_arena arena; /* empty when qms_cov_input.arena was given */
	struct qms_arena *mem; /* &arena, or qms_cov_input.arena */
};

/* Conformity of `agency` against `catalog` as of in->as_of; procedures
 * come from ix (those of the agency written against the catalog's
 * edition). An exclusion of a clause of the management system itself (4,
 * 5, 6, 7.5, 9, 10) does not make it not applicable (rule C004). Release
 * with qms_coverage_release(). */
void qms_coverage_compute(struct qms_coverage *out, const struct qms_catalog *catalog, const struct qms_index *ix,
			  const char *agency, const struct qms_cov_input *in);
void qms_coverage_release(struct qms_coverage *c);

/* Appends what is missing for `row` in `lang` ("no internal audit done by
 * 30/9/2020"; dates as qms_report_add_date() writes them): nothing for a
 * met or not applicable row. */
void qms_cov_gap_text(struct qms_buf *out, const struct qms_coverage *c, const struct qms_cov_row *row,
		      enum qms_lang lang);

/* True for the clauses of the management system itself, which ISO
 * 9001:2015 4.3 never lets an agency declare not applicable. */
bool qms_clause_of_system(const char *clause);

/* A field of system.yaml named for people: its key in English, "bối
 * cảnh" for `context` in Vietnamese. Static storage. */
const char *qms_system_field_label(const char *field, enum qms_lang lang);

/* A source named for people: a field by qms_system_field_label(), a
 * stage of the tracker by its label in Vietnamese ("đánh giá nội bộ"),
 * anything else by its id. Static storage or s->what. */
const char *qms_cov_source_name(const struct qms_cov_source *s, enum qms_lang lang);

/* The clause a field of system.yaml stands for ("policy" -> "5.2"), or NULL. */
const char *qms_system_field_clause(const char *field);

/* The outputs of `qms coverage` (lib/coverage-format.c), appended to out.
 *  - json: the agency, the counts and every clause with its evidence and
 *    sources (paths whole), titles in lang;
 *  - table: a heading naming the agency (`name`, NULL for its id), the
 *    files read, a table of the clauses (text aligned, or Markdown when md)
 *    and the counts; file names without their folders. Text for people:
 *    write it through qms_buf_add_printable(). */
void qms_coverage_format_json(struct qms_buf *out, const struct qms_coverage *cov, enum qms_lang lang);
void qms_coverage_format_table(struct qms_buf *out, const struct qms_coverage *cov, const char *name,
			       enum qms_lang lang, bool md);

#endif

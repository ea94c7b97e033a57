/* The migration status of every agency as of a date (`qms audit status`,
 * the board): last stage done, next stage, deadline, days left, a status,
 * and the findings still to deal with. Reads only qms.yaml and audits/:
 * procedures play no part. */
#ifndef QMS_STATUS_H
#define QMS_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "index.h"
#include "json.h"
#include "model.h"
#include "util.h"

enum qms_status {
	QMS_STATUS_DONE, /* announced on or before the date */
	QMS_STATUS_OVERDUE, /* not announced and the deadline has passed */
	QMS_STATUS_AT_RISK, /* not announced, fewer than at_risk_days_per_stage days left per stage to do */
	QMS_STATUS_ON_TRACK, /* otherwise (and whenever there is no deadline) */
	QMS_STATUS_COUNT
};

/* "done", "overdue", "at-risk", "on-track" (the JSON values). */
extern const char *const qms_status_names[];

/* For people, in the workspace language. */
const char *qms_status_label(enum qms_status s, enum qms_lang lang);
const char *qms_stage_label(int stage, enum qms_lang lang); /* index in qms_stage_names */
/* The same mid-sentence: "đánh giá nội bộ", "internal audit". */
const char *qms_stage_label_mid(int stage, enum qms_lang lang);
const char *qms_level_label(int level, enum qms_lang lang); /* enum qms_level; "" for -1 */

struct qms_agency_status {
	const char *id; /* never NULL (the file name when the id is missing) */
	const char *name; /* the id when the name is missing */
	const char *path; /* as displayed */
	int level; /* enum qms_level, -1 when unknown */
	int last_stage; /* the latest stage done by the date, -1 for none */
	int next_stage; /* the stage after it, -1 when all nine are done */
	int stages_left; /* stages still to do up to the announcement, itself included */
	int32_t deadline; /* the agency's, else the workspace's; -1 for none */
	int32_t days_left; /* deadline - date (negative once passed); 0 without a deadline */
	int32_t working_days_left; /* the same in working days on the workspace's calendar
				    * (qms_status_load() fills it; 0 otherwise) */
	int32_t announced; /* date of the announcement, -1 when not announced by the date */
	enum qms_status status;
	/* Findings that call for action (major and minor nonconformities, and
	 * any finding given a `due` date) of audits held by the date: */
	unsigned findings_open; /* not closed by the date */
	unsigned findings_overdue; /* of those, past `due` */
	unsigned findings_unverified; /* closed by the date, effectiveness not verified by it */
};

/* The status of one decoded tracker as of `as_of` (days since 1970).
 * Strings point into a (borrowed). */
void qms_status_compute(struct qms_agency_status *out, const struct qms_agency_file *a, int32_t as_of,
			int32_t workspace_deadline, long at_risk_days_per_stage);

/* Working days from as_of to the agency's deadline on cal (after as_of up
 * to the deadline; negative, counted the other way, once it has passed);
 * 0 without a deadline or a calendar. */
int32_t qms_status_working_days_left(const struct qms_agency_status *s, int32_t as_of, const struct qms_calendar *cal);

struct qms_status_report {
	int32_t as_of;
	struct qms_settings settings; /* from qms.yaml, with defaults */
	struct qms_agency_status *agencies; /* by level (province, district, commune, unknown), then id */
	size_t len;
	struct qms_diags diags; /* trackers that could not be read (skipped) */
	struct qms_arena arena; /* every string */
};

/* Settings of the workspace at root (absolute) from its qms.yaml, with
 * the defaults of docs/format.md when it or a key is missing. Strings
 * live in arena. Problems of qms.yaml go to diags. */
void qms_settings_read(struct qms_settings *out, struct qms_arena *arena, const char *root, struct qms_diags *diags);

/* Read qms.yaml and every tracker under root/audits and compute the
 * status of each agency as of as_of. Paths are shown relative to the
 * current folder. Returns 0 and fills *out (release with
 * qms_status_report_release()). */
int qms_status_load(struct qms_status_report *out, const char *root, int32_t as_of);
void qms_status_report_release(struct qms_status_report *r);

/* Keep only agency `id`. False (report unchanged) when there is none. */
bool qms_status_report_keep(struct qms_status_report *r, const char *id);

/* Counts of agencies by status. */
void qms_status_report_count(const struct qms_status_report *r, size_t counts[QMS_STATUS_COUNT]);

/* Output. JSON: an array of objects with the keys agency, name, level,
 * last_stage, next_stage, deadline, days_left, working_days_left, status, findings_open,
 * findings_overdue, findings_unverified (null when there is none). CSV:
 * the same as columns, with a header line. Table: for people, in `lang`,
 * with a title and a summary. All append to out. */
void qms_status_format_json(struct qms_buf *out, const struct qms_status_report *r);
/* The members "deadline", "days_left" and "working_days_left" of s
 * (null when it has no deadline), in the open JSON object: the same in
 * every JSON that states them. */
void qms_status_json_deadline(struct qms_json *j, const struct qms_agency_status *s);
void qms_status_format_csv(struct qms_buf *out, const struct qms_status_report *r);
/* With `color`, the status column in ANSI colours (for a terminal). */
void qms_status_format_table(struct qms_buf *out, const struct qms_status_report *r, enum qms_lang lang, bool color);

/* The agency's name as boards and tables show it under a title that
 * names the workspace: without the workspace's place name at its end
 * ("Sở Tư pháp tỉnh Thái Bình" -> "Sở Tư pháp tỉnh" in "Tỉnh Thái Bình").
 * Appends to out. */
void qms_agency_short_name(struct qms_buf *out, const char *name, const char *workspace);

/* A date for people: 30/9/2020 (05/3/2020, 20/01/2020: as Nghị định
 * 30/2020/NĐ-CP writes them) in Vietnamese, 2020-09-30 in English. */
void qms_date_format_lang(char out[11], int32_t days, enum qms_lang lang);

#endif

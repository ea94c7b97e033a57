/* The provincial report as data: CSV (one line per agency) and JSON
 * (every figure the text states, and the lists behind them), written
 * through the CSV writer of table.c and the JSON writer of json.c. The
 * text outputs (Markdown, HTML) are in report-text.c. See report.h. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "status.h"
#include "table.h"
#include "values.h"

/* ---- CSV ---- */

static void csv_date(struct qms_csv *c, int32_t d)
{
	char s[11] = "";
	if (d >= 0)
		qms_date_format(s, d);
	qms_csv_cell(c, s);
}

/* "45.2": a share in tenths of a percent, as data */
static void csv_tenths(struct qms_csv *c, int tenths)
{
	qms_csv_cellf(c, "%s%d.%d", tenths < 0 ? "-" : "", abs(tenths) / 10, abs(tenths) % 10);
}

/* "9.2.2 9.3.3": the clauses an agency has not met, documented or missing */
static void missing_list(struct qms_buf *b, const struct qms_report_agency *a)
{
	size_t n = 0;
	for (size_t k = 0; a->assessed && k < a->coverage.nrows; k++)
		if (a->coverage.rows[k].status == QMS_COV_MISSING || a->coverage.rows[k].status == QMS_COV_DOCUMENTED)
			qms_buf_printf(b, "%s%s", n++ ? " " : "", a->coverage.rows[k].clause->number);
}

static const char *const csv_header[] = {"agency",
					 "name",
					 "level",
					 "tracked",
					 "status",
					 "last_stage",
					 "next_stage",
					 "deadline",
					 "days_left",
					 "announced",
					 "decision",
					 "audits",
					 "audits_period",
					 "findings_period",
					 "actions_open",
					 "actions_overdue",
					 "actions_unverified",
					 "actions_verified",
					 "procedures",
					 "on_2015",
					 "on_2008",
					 "timed",
					 "meet_cut",
					 "average_cut",
					 "errors",
					 "warnings",
					 "assessed",
					 "met",
					 "documented",
					 "missing",
					 "not_applicable",
					 "clauses_not_met",
					 NULL};

/* status .. decision: empty for an agency whose conversion is not tracked */
static void csv_migration(struct qms_csv *c, const struct qms_report_agency *a)
{
	const struct qms_agency_status *s = &a->status;
	if (!a->tracked) {
		for (int k = 0; k < 7; k++)
			qms_csv_cell(c, "");
		return;
	}
	qms_csv_cell(c, qms_status_names[s->status]);
	qms_csv_cell(c, s->last_stage >= 0 ? qms_stage_names[s->last_stage] : "");
	qms_csv_cell(c, s->next_stage >= 0 ? qms_stage_names[s->next_stage] : "");
	csv_date(c, s->deadline);
	if (s->deadline >= 0)
		qms_csv_cellf(c, "%ld", (long)s->days_left);
	else
		qms_csv_cell(c, "");
	csv_date(c, s->announced);
	qms_csv_cell(c, a->decision);
}

static void csv_agency(struct qms_csv *c, const struct qms_report_agency *a, struct qms_buf *t)
{
	qms_csv_cell(c, a->id);
	qms_csv_cell(c, a->name);
	qms_csv_cell(c, a->level >= 0 ? qms_level_names[a->level] : "");
	qms_csv_cell(c, a->tracked ? "yes" : "no");
	csv_migration(c, a);
	size_t unfinished = a->actions[QMS_ACTION_OPEN] + a->actions[QMS_ACTION_OVERDUE];
	size_t counts[] = {a->audits_total,
			   a->audits_period,
			   a->findings_period,
			   unfinished,
			   a->actions[QMS_ACTION_OVERDUE],
			   a->actions[QMS_ACTION_UNVERIFIED],
			   a->actions[QMS_ACTION_VERIFIED],
			   a->procedures,
			   a->on_2015,
			   a->on_2008,
			   a->timed,
			   a->meet_cut};
	for (size_t k = 0; k < QMS_ARRAY_LEN(counts); k++)
		qms_csv_cellf(c, "%zu", counts[k]);
	if (a->timed)
		csv_tenths(c, a->avg_cut_tenths);
	else
		qms_csv_cell(c, "");
	qms_csv_cellf(c, "%zu", a->errors);
	qms_csv_cellf(c, "%zu", a->warnings);
	qms_csv_cell(c, a->assessed ? "yes" : "no");
	for (int s = QMS_COV_MET; s <= QMS_COV_NOT_APPLICABLE; s++)
		if (a->assessed)
			qms_csv_cellf(c, "%zu", a->coverage.count[s]);
		else
			qms_csv_cell(c, "");
	qms_buf_reset(t);
	missing_list(t, a);
	qms_csv_cell(c, t->buf);
	qms_csv_end_row(c);
}

void qms_report_format_csv(struct qms_buf *out, const struct qms_report *r)
{
	struct qms_csv c;
	qms_csv_init(&c, out);
	qms_csv_row(&c, csv_header);
	struct qms_buf t;
	qms_buf_init(&t);
	for (size_t i = 0; i < r->nagencies; i++)
		csv_agency(&c, &r->agencies[i], &t);
	qms_buf_release(&t);
}

/* ---- JSON ---- */

/* a share in tenths of a percent: 45.2 */
static void json_kv_tenths(struct qms_json *j, const char *key, int tenths)
{
	qms_json_key(j, key);
	qms_json_decimal(j, tenths, 1);
}

/* The average cut of `timed` procedures, null when none is timed. */
static void json_average_cut(struct qms_json *j, size_t timed, int tenths)
{
	if (timed)
		json_kv_tenths(j, "average_cut", tenths);
	else
		qms_json_kv_null(j, "average_cut");
}

static void json_agency_ref(struct qms_json *j, const struct qms_report_agency *a)
{
	qms_json_kv_string(j, "agency", a->id);
	qms_json_kv_string(j, "name", a->name);
}

/* the stages still to do, up to the announcement */
static void json_stage_list(struct qms_json *j, const struct qms_agency_status *s)
{
	qms_json_array_inline(j);
	for (int k = s->last_stage + 1; k <= QMS_STAGE_ANNOUNCEMENT; k++)
		qms_json_string(j, qms_stage_names[k]);
	qms_json_end(j);
}

/* An agency of a migration list: its announcement once done, else where
 * it stands against its deadline. */
static void json_migration_agency(struct qms_json *j, const struct qms_report_agency *a)
{
	const struct qms_agency_status *s = &a->status;
	qms_json_object_inline(j);
	json_agency_ref(j, a);
	if (s->status == QMS_STATUS_DONE) {
		qms_json_kv_string(j, "decision", a->decision);
		qms_json_kv_date(j, "announced", s->announced);
		qms_json_end(j);
		return;
	}
	qms_status_json_deadline(j, s);
	qms_json_kv_name(j, "last_stage", qms_stage_names, s->last_stage);
	qms_json_kv_date(j, "last_done", s->last_stage >= 0 ? a->stage_done[s->last_stage] : -1);
	qms_json_kv_name(j, "next_stage", qms_stage_names, s->next_stage);
	qms_json_kv_int(j, "stages_left", s->stages_left);
	qms_json_key(j, "stages");
	json_stage_list(j, s);
	qms_json_end(j);
}

static void json_migration_lists(struct qms_json *j, const struct qms_report *r)
{
	static const enum qms_status lists[] = {QMS_STATUS_OVERDUE, QMS_STATUS_AT_RISK, QMS_STATUS_ON_TRACK,
						QMS_STATUS_DONE};
	static const char *const keys[] = {"overdue_agencies", "at_risk_agencies", "on_track_agencies",
					   "done_agencies"};
	for (size_t l = 0; l < QMS_ARRAY_LEN(lists); l++) {
		qms_json_key(j, keys[l]);
		qms_json_array(j);
		for (size_t i = 0; i < r->nagencies; i++)
			if (r->agencies[i].tracked && r->agencies[i].status.status == lists[l])
				json_migration_agency(j, &r->agencies[i]);
		qms_json_end(j);
	}
}

static void json_migration(struct qms_json *j, const struct qms_report *r)
{
	const size_t *bs = r->by_status;
	size_t own = 0;
	for (size_t i = 0; i < r->nagencies; i++)
		if (r->agencies[i].tracked && r->settings.deadline >= 0 &&
		    r->agencies[i].status.deadline != r->settings.deadline)
			own++;
	qms_json_key(j, "migration");
	qms_json_object(j);
	qms_json_kv_date(j, "deadline", r->settings.deadline);
	qms_json_kv_uint(j, "own_deadline", own);
	qms_json_kv_uint(j, "agencies", r->tracked);
	qms_json_kv_uint(j, "done", bs[QMS_STATUS_DONE]);
	qms_json_kv_uint(j, "not_done", r->tracked - bs[QMS_STATUS_DONE]);
	qms_json_kv_uint(j, "overdue", bs[QMS_STATUS_OVERDUE]);
	qms_json_kv_uint(j, "at_risk", bs[QMS_STATUS_AT_RISK]);
	qms_json_kv_uint(j, "on_track", bs[QMS_STATUS_ON_TRACK]);
	json_kv_tenths(j, "done_percent", qms_report_tenths(bs[QMS_STATUS_DONE], r->tracked));
	static const char *const levels[] = {"province", "district", "commune", "unknown"};
	qms_json_key(j, "by_level");
	qms_json_object_inline(j);
	for (int lv = 0; lv < 4; lv++) {
		qms_json_key(j, levels[lv]);
		qms_json_object_inline(j);
		qms_json_kv_uint(j, "agencies", r->level_total[lv]);
		qms_json_kv_uint(j, "done", r->level_done[lv]);
		qms_json_end(j);
	}
	qms_json_end(j);
	qms_json_key(j, "by_next_stage");
	qms_json_object_inline(j);
	for (int s = 0; s <= QMS_STAGE_COUNT; s++)
		qms_json_kv_uint(j, s < QMS_STAGE_COUNT ? qms_stage_names[s] : "none", r->by_next[s]);
	qms_json_end(j);
	json_migration_lists(j, r);
	qms_json_end(j);
}

/* major, minor, observation, improvement: counts of findings by grade */
static void json_by_grade(struct qms_json *j, const size_t *by_grade)
{
	for (int g = 0; g < 4; g++)
		qms_json_kv_uint(j, qms_grade_names[g], by_grade[g]);
}

static void json_audit_clauses(struct qms_json *j, const struct qms_report *r)
{
	qms_json_key(j, "by_clause");
	qms_json_array(j);
	for (size_t i = 0; i < r->nclauses; i++) {
		const struct qms_report_clause *c = &r->clauses[i];
		const char *title = c->catalog_clause ? qms_clause_title(c->catalog_clause, r->lang) : NULL;
		qms_json_object_inline(j);
		qms_json_kv_string(j, "clause", *c->clause ? c->clause : NULL);
		qms_json_kv_string(j, "standard", *c->standard ? c->standard : NULL);
		qms_json_kv_string(j, "title", c->catalog_clause && !title ? "" : title);
		json_by_grade(j, c->by_grade);
		qms_json_kv_uint(j, "total", c->total);
		qms_json_end(j);
	}
	qms_json_end(j);
}

static void json_overdue_actions(struct qms_json *j, const struct qms_report *r)
{
	qms_json_key(j, "overdue_actions");
	qms_json_array(j);
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct qms_report_finding *f = &r->findings[i];
		if (f->state != QMS_ACTION_OVERDUE)
			continue;
		qms_json_object_inline(j);
		json_agency_ref(j, &r->agencies[f->agency]);
		qms_json_kv_string(j, "audit", r->audits[f->audit].audit->id.text);
		qms_json_kv_string(j, "finding", f->finding->id.text);
		qms_json_kv_name(j, "grade", qms_grade_names, f->grade);
		qms_json_kv_string(j, "clause", f->finding->clause.text);
		qms_json_kv_date(j, "due", f->finding->due.date);
		qms_json_kv_int(j, "days_overdue", f->days_overdue);
		qms_json_end(j);
	}
	qms_json_end(j);
}

/* open (overdue included), overdue, unverified, verified */
static void json_actions(struct qms_json *j, const size_t *ac)
{
	qms_json_key(j, "actions");
	qms_json_object_inline(j);
	qms_json_kv_uint(j, "open", ac[QMS_ACTION_OPEN] + ac[QMS_ACTION_OVERDUE]);
	qms_json_kv_uint(j, "overdue", ac[QMS_ACTION_OVERDUE]);
	qms_json_kv_uint(j, "unverified", ac[QMS_ACTION_UNVERIFIED]);
	qms_json_kv_uint(j, "verified", ac[QMS_ACTION_VERIFIED]);
	qms_json_end(j);
}

static void json_audits(struct qms_json *j, const struct qms_report *r)
{
	qms_json_key(j, "audits");
	qms_json_object(j);
	qms_json_kv_uint(j, "held", r->audits_period);
	qms_json_kv_uint(j, "agencies_audited", r->agencies_audited);
	qms_json_key(j, "by_kind");
	qms_json_object_inline(j);
	qms_json_kv_uint(j, "internal", r->audits_by_kind[0]);
	qms_json_kv_uint(j, "external", r->audits_by_kind[1]);
	qms_json_kv_uint(j, "inspection", r->audits_by_kind[2]);
	qms_json_end(j);
	qms_json_kv_uint(j, "findings", r->findings_period);
	qms_json_key(j, "by_grade");
	qms_json_object_inline(j);
	json_by_grade(j, r->findings_by_grade);
	qms_json_kv_uint(j, "none", r->findings_no_grade);
	qms_json_end(j);
	json_audit_clauses(j, r);
	json_actions(j, r->actions);
	json_overdue_actions(j, r);
	qms_json_end(j);
}

static void json_procedure(struct qms_json *j, const struct qms_report_procedure *p)
{
	qms_json_object_inline(j);
	qms_json_kv_string(j, "code", p->code);
	qms_json_kv_string(j, "agency", p->agency);
	qms_json_kv_string(j, "title", p->title);
	qms_json_kv_string(j, "file", p->path);
	qms_json_kv_name(j, "standard", qms_standard_names, p->standard);
	qms_json_kv_string(j, "statutory", p->statutory);
	qms_json_kv_string(j, "committed", p->committed);
	if (p->timed) {
		qms_json_kv_string(j, "cut_counted_in", p->cut_in_days ? "days" : "working time");
		json_kv_tenths(j, "cut", p->cut_tenths);
		json_kv_tenths(j, "required_cut", p->required_cut_tenths);
		qms_json_kv_bool(j, "meets_cut", p->meets_cut);
	} else {
		static const char *const keys[] = {"cut_counted_in", "cut", "required_cut", "meets_cut"};
		for (size_t k = 0; k < QMS_ARRAY_LEN(keys); k++)
			qms_json_kv_null(j, keys[k]);
	}
	qms_json_kv_string(j, "cut_exempt", !p->exempt ? NULL : p->exempt_reason ? p->exempt_reason : "same day");
	qms_json_kv_uint(j, "errors", p->errors);
	qms_json_kv_uint(j, "warnings", p->warnings);
	qms_json_end(j);
}

static void json_procedures(struct qms_json *j, const struct qms_report *r)
{
	size_t with_procs = 0;
	for (size_t i = 0; i < r->nagencies; i++)
		with_procs += r->agencies[i].procedures > 0;
	qms_json_key(j, "procedures");
	qms_json_object(j);
	qms_json_kv_uint(j, "count", r->nprocedures);
	qms_json_kv_uint(j, "agencies", with_procs);
	qms_json_kv_uint(j, "on_2015", r->on_2015);
	qms_json_kv_uint(j, "on_2008", r->on_2008);
	qms_json_kv_uint(j, "no_standard", r->no_standard);
	qms_json_kv_uint(j, "timed", r->timed);
	qms_json_kv_uint(j, "meet_cut", r->meet_cut);
	qms_json_kv_uint(j, "cut_exempt", r->exempt);
	json_kv_tenths(j, "time_cut", r->time_cut_tenths);
	json_average_cut(j, r->timed, r->avg_cut_tenths);
	qms_json_key(j, "list");
	qms_json_array(j);
	for (size_t i = 0; i < r->nprocedures; i++)
		json_procedure(j, &r->procedures[i]);
	qms_json_end(j);
	qms_json_end(j);
}

static void json_errors_warnings(struct qms_json *j, size_t errors, size_t warnings)
{
	qms_json_kv_uint(j, "errors", errors);
	qms_json_kv_uint(j, "warnings", warnings);
}

static void json_check(struct qms_json *j, const struct qms_report *r)
{
	qms_json_key(j, "check");
	qms_json_object(j);
	qms_json_kv_uint(j, "files", r->files_checked);
	json_errors_warnings(j, r->errors, r->warnings);
	qms_json_key(j, "shared_files");
	qms_json_object_inline(j);
	json_errors_warnings(j, r->errors_other, r->warnings_other);
	qms_json_end(j);
	qms_json_key(j, "by_agency");
	qms_json_array(j);
	for (size_t i = 0; i < r->nagencies; i++) {
		const struct qms_report_agency *a = &r->agencies[i];
		if (!a->errors && !a->warnings)
			continue;
		qms_json_object_inline(j);
		qms_json_kv_string(j, "agency", a->id);
		json_errors_warnings(j, a->errors, a->warnings);
		qms_json_end(j);
	}
	qms_json_end(j);
	qms_json_end(j);
}

/* The clauses of an agency documented only or missing. */
static void json_not_met(struct qms_json *j, const struct qms_coverage *c, enum qms_lang lang)
{
	qms_json_key(j, "not_met");
	qms_json_array_inline(j);
	for (size_t k = 0; k < c->nrows; k++) {
		const struct qms_cov_row *row = &c->rows[k];
		if (row->status != QMS_COV_MISSING && row->status != QMS_COV_DOCUMENTED)
			continue;
		qms_json_object_inline(j);
		qms_json_kv_string(j, "clause", row->clause->number);
		qms_json_kv_string(j, "title", qms_clause_title(row->clause, lang));
		qms_json_kv_string(j, "status", qms_cov_status_names[row->status]);
		qms_json_end(j);
	}
	qms_json_end(j);
}

static void json_coverage(struct qms_json *j, const struct qms_report *r)
{
	qms_json_key(j, "coverage");
	qms_json_object(j);
	qms_json_kv_bool(j, "available", r->have_catalog);
	qms_json_kv_uint(j, "assessed", r->assessed);
	qms_json_kv_uint(j, "not_assessed", r->nagencies - r->assessed);
	qms_json_kv_uint(j, "conforming", r->conforming);
	for (int s = 0; s < QMS_COV_STATUS_COUNT; s++)
		qms_json_kv_uint(j, qms_cov_status_names[s], r->coverage_count[s]);
	qms_json_key(j, "by_agency");
	qms_json_array(j);
	for (size_t i = 0; i < r->nagencies; i++) {
		const struct qms_report_agency *a = &r->agencies[i];
		if (!a->assessed)
			continue;
		qms_json_object_inline(j);
		qms_json_kv_string(j, "agency", a->id);
		qms_json_kv_string(j, "system", a->system_path);
		qms_json_kv_uint(j, "clauses", a->coverage.nrows);
		for (int s = 0; s < QMS_COV_STATUS_COUNT; s++)
			qms_json_kv_uint(j, qms_cov_status_names[s], a->coverage.count[s]);
		json_not_met(j, &a->coverage, r->lang);
		qms_json_end(j);
	}
	qms_json_end(j);
	qms_json_end(j);
}

static void json_agency(struct qms_json *j, const struct qms_report_agency *a)
{
	const struct qms_agency_status *s = &a->status;
	qms_json_object_inline(j);
	json_agency_ref(j, a);
	qms_json_kv_name(j, "level", qms_level_names, a->level);
	qms_json_kv_bool(j, "tracked", a->tracked);
	qms_json_kv_string(j, "status", a->tracked ? qms_status_names[s->status] : NULL);
	qms_json_kv_name(j, "next_stage", qms_stage_names, a->tracked ? s->next_stage : -1);
	qms_json_kv_date(j, "deadline", a->tracked ? s->deadline : -1);
	qms_json_kv_date(j, "announced", a->tracked ? s->announced : -1);
	qms_json_kv_uint(j, "audits", a->audits_total);
	qms_json_kv_uint(j, "audits_period", a->audits_period);
	qms_json_kv_uint(j, "findings_period", a->findings_period);
	json_actions(j, a->actions);
	qms_json_kv_uint(j, "procedures", a->procedures);
	qms_json_kv_uint(j, "on_2015", a->on_2015);
	qms_json_kv_uint(j, "on_2008", a->on_2008);
	qms_json_kv_uint(j, "timed", a->timed);
	qms_json_kv_uint(j, "meet_cut", a->meet_cut);
	qms_json_kv_uint(j, "cut_exempt", a->exempt);
	json_average_cut(j, a->timed, a->avg_cut_tenths);
	json_errors_warnings(j, a->errors, a->warnings);
	if (a->assessed)
		qms_json_kv_uint(j, "clauses_not_met",
				 a->coverage.count[QMS_COV_MISSING] + a->coverage.count[QMS_COV_DOCUMENTED]);
	else
		qms_json_kv_null(j, "clauses_not_met");
	qms_json_end(j);
}

void qms_report_format_json(struct qms_buf *out, const struct qms_report *r)
{
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_object(&j);
	qms_json_kv_string(&j, "workspace", r->workspace);
	qms_json_kv_date(&j, "as_of", r->as_of);
	qms_json_kv_string(&j, "lang", qms_lang_names[r->lang]);
	qms_json_key(&j, "period");
	qms_json_object_inline(&j);
	qms_json_kv_date(&j, "start", r->period_start);
	qms_json_kv_date(&j, "end", r->period_end);
	qms_json_kv_int(&j, "year", r->year);
	qms_json_kv_int(&j, "half", r->half);
	qms_json_end(&j);
	json_migration(&j, r);
	json_audits(&j, r);
	json_procedures(&j, r);
	json_check(&j, r);
	json_coverage(&j, r);
	qms_json_key(&j, "agencies");
	qms_json_array(&j);
	for (size_t i = 0; i < r->nagencies; i++)
		json_agency(&j, &r->agencies[i]);
	qms_json_end(&j);
	qms_json_end(&j);
}

/* The domain model: plain structs decoded from documents by the schema
 * tables (schema.c). Every value keeps the line and column where it was
 * written so any later stage can cite it. All memory belongs to the arena
 * of the document the model was decoded from. */
#ifndef QMS_MODEL_H
#define QMS_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "i18n.h"
#include "values.h"

/* A scalar value. `text == NULL` means the key was absent (or null). The
 * union member that holds the parsed value depends on the field type. */
struct qms_value {
	const char *text;
	uint32_t line, col;
	union {
		long integer;
		double number; /* numbers and percentages */
		int32_t date; /* days since 1970-01-01 */
		int choice; /* index into the field's list of choices */
		int clock; /* minutes after midnight */
		struct qms_duration duration;
	};
};

/* A list: `items` is an array of `struct qms_value` (lists of scalars) or
 * of the item struct (lists of mappings). */
struct qms_list {
	void *items;
	size_t len;
	uint32_t line, col;
};

/* First member of every struct decoded from a mapping. */
struct qms_obj {
	uint32_t line, col;
	bool present;
};

/* ---- workspace (qms.yaml) ---- */

struct qms_ws_migration {
	struct qms_obj obj;
	struct qms_value from, to, deadline, at_risk_days_per_stage;
	struct qms_value plan, plan_date, plan_issuer; /* the plan that set the deadline */
};

/* The header names of the columns of the one-stop system's dossier
 * exports, when they are not among those `qms results` knows
 * (docs/results.md); the order of the members is enum qms_results_column. */
struct qms_ws_columns {
	struct qms_obj obj;
	struct qms_value dossier, procedure, tthc, agency, field, level, received, due, finished, status, apology, step,
		start, end, handler;
};

/* A legal text or a form that is no longer in force. */
struct qms_withdrawn_doc {
	struct qms_obj obj;
	struct qms_value number, form, by, date;
};

struct qms_workspace_cfg {
	struct qms_obj obj;
	struct qms_value name, lang, time_cut, workday_hours;
	struct qms_ws_migration migration;
	struct qms_list holidays; /* of qms_value (date) */
	struct qms_list make_up_days; /* of qms_value (date) */
	struct qms_list repealed; /* of qms_withdrawn_doc (number) */
	struct qms_list superseded_forms; /* of qms_withdrawn_doc (form) */
	struct qms_ws_columns dossier_columns; /* qms results */
};

/* ---- working-day calendar of a year (calendar/<year>.yaml) ---- */

/* One day (`date`) or a run of days (`from` .. `to`, both included). */
struct qms_calendar_day {
	struct qms_obj obj;
	struct qms_value date, from, to, name;
};

struct qms_calendar_year {
	struct qms_obj obj;
	struct qms_value year, source;
	struct qms_list holidays; /* of qms_calendar_day: days off */
	struct qms_list make_up_days; /* of qms_calendar_day: weekend days worked */
};

/* ---- procedure (processes/<agency>/<code>.yaml) ---- */

enum qms_step_kind {
	QMS_STEP_TASK, /* the default */
	QMS_STEP_START,
	QMS_STEP_DECISION,
	QMS_STEP_END,
	QMS_STEP_SUBPROCESS,
};

enum qms_standard { QMS_STD_2015, QMS_STD_2008 };
enum qms_level { QMS_LEVEL_PROVINCE, QMS_LEVEL_DISTRICT, QMS_LEVEL_COMMUNE };

/* ---- the TTHC record (Thông tư 02/2017/TT-VPCP's fields) ---- */

enum qms_filing { QMS_FILING_IN_PERSON, QMS_FILING_POST, QMS_FILING_ONLINE };
enum qms_online { QMS_ONLINE_FULL, QMS_ONLINE_PARTIAL };
enum qms_copy_kind { QMS_COPY_ORIGINAL, QMS_COPY_COPY, QMS_COPY_CERTIFIED, QMS_COPY_PRESENT };

/* A decision of an authority: number, date, who issued it. */
struct qms_decision {
	struct qms_obj obj;
	struct qms_value number, date, issuer;
};

struct qms_dossier_item {
	struct qms_obj obj;
	struct qms_value name, kind, count, form;
};

struct qms_dossier {
	struct qms_obj obj;
	struct qms_value sets;
	struct qms_list components; /* of qms_dossier_item */
};

struct qms_fee {
	struct qms_obj obj;
	struct qms_value name, amount, basis, exempt;
};

struct qms_tthc {
	struct qms_obj obj;
	struct qms_value id, name, level, online, place, result, result_form;
	struct qms_decision published;
	struct qms_list target; /* of qms_value */
	struct qms_list filing; /* of qms_value (choice of qms_filing_names) */
	struct qms_dossier dossier;
	struct qms_list fees; /* of qms_fee */
	struct qms_list conditions; /* of qms_value */
	struct qms_list legal_basis; /* of qms_value */
};

/* ---- document control (ISO 9001:2015 7.5.2-7.5.3) ---- */

struct qms_signature {
	struct qms_obj obj;
	struct qms_value name, position, date;
};

struct qms_revision {
	struct qms_obj obj;
	struct qms_value edition, date, change, pages;
};

struct qms_doc_control {
	struct qms_obj obj;
	struct qms_decision decision; /* the issuing decision */
	struct qms_signature drafted, checked, approved;
	struct qms_list revisions; /* of qms_revision */
	struct qms_list distribution; /* of qms_value */
	struct qms_value withdrawn; /* date it stopped being in force */
};

struct qms_time_limit {
	struct qms_obj obj;
	struct qms_value statutory, committed;
	struct qms_value extension; /* duration the law allows beyond statutory, with a written notice */
	struct qms_value cutoff; /* clock: same-day limits hold for dossiers received before it */
	struct qms_value cut; /* percent: this procedure's required cut (else the workspace's) */
	struct qms_value cut_exempt; /* text: why no cut is required */
	struct qms_list not_counted; /* of qms_value (text): time the law leaves out of the limit */
};

struct qms_lane {
	struct qms_obj obj;
	struct qms_value id, name;
	/* inter-agency work (liên thông): another agency of the workspace or
	 * a named outside body, its own procedure, its allowed share */
	struct qms_value agency, body, procedure, allowed;
};

struct qms_form {
	struct qms_obj obj;
	struct qms_value id, name;
};

struct qms_branch {
	struct qms_obj obj;
	struct qms_value when, next;
};

struct qms_step {
	struct qms_obj obj;
	struct qms_value id, kind, lane, name, duration, calls, note;
	struct qms_value not_counted; /* text: why its time is not counted in the limit */
	struct qms_value extension; /* text: taken only when the limit is extended (the notice) */
	struct qms_list forms; /* of qms_value (id) */
	struct qms_list next; /* of qms_value (id); one id or a list */
	struct qms_list branches; /* of qms_branch */
};

struct qms_record {
	struct qms_obj obj;
	struct qms_value name, keeper, retention;
};

struct qms_risk {
	struct qms_obj obj;
	struct qms_value risk, action;
};

struct qms_indicator {
	struct qms_obj obj;
	struct qms_value name, target;
};

struct qms_process {
	struct qms_obj obj;
	struct qms_value code, title, agency, edition, effective, standard, owner, purpose, scope;
	struct qms_list references; /* of qms_value */
	struct qms_list clauses; /* of qms_value (clause) */
	struct qms_list tthc; /* of qms_tthc; one mapping or a list */
	struct qms_time_limit time_limit;
	struct qms_list lanes; /* of qms_lane */
	struct qms_list forms; /* of qms_form */
	struct qms_list steps; /* of qms_step */
	struct qms_list records; /* of qms_record */
	struct qms_list risks; /* of qms_risk */
	struct qms_list indicators; /* of qms_indicator */
	struct qms_doc_control document;
};

/* ---- agency system (processes/<agency>/system.yaml) ---- */

struct qms_exclusion {
	struct qms_obj obj;
	struct qms_value clause, justification;
};

struct qms_context {
	struct qms_obj obj;
	struct qms_list internal, external; /* of qms_value */
};

struct qms_party {
	struct qms_obj obj;
	struct qms_value party, needs;
};

struct qms_objective {
	struct qms_obj obj;
	struct qms_value objective, target, due;
};

struct qms_sys_document {
	struct qms_obj obj;
	struct qms_value id, title;
	struct qms_list clauses; /* of qms_value (clause) */
	struct qms_value kind; /* enum qms_doc_kind; absent: a document */
	struct qms_value issued; /* date issued (a document) or made (a record); absent: not issued */
	struct qms_value status; /* enum qms_doc_status; absent: in force once issued */
};

/* What an entry of `documents` is: maintained documented information (a
 * procedure, policy, plan) or retained documented information (a record:
 * minutes, report, log). */
enum qms_doc_kind { QMS_DOC_KIND_DOCUMENT, QMS_DOC_KIND_RECORD };
enum qms_doc_status { QMS_DOC_DRAFT, QMS_DOC_IN_FORCE, QMS_DOC_WITHDRAWN };

struct qms_system {
	struct qms_obj obj;
	struct qms_value agency, standard, scope, policy;
	struct qms_value issued; /* date the system description was issued; absent: a draft */
	struct qms_list exclusions; /* of qms_exclusion */
	struct qms_context context;
	struct qms_list interested_parties; /* of qms_party */
	struct qms_list objectives; /* of qms_objective */
	struct qms_list risks; /* of qms_risk */
	struct qms_list knowledge; /* of qms_value */
	struct qms_list documents; /* of qms_sys_document */
};

/* ---- agency tracker (audits/<agency>.yaml) ---- */

struct qms_agency {
	struct qms_obj obj;
	struct qms_value id, name, level;
};

struct qms_migration_from {
	struct qms_obj obj;
	struct qms_value standard, announced, decision;
};

struct qms_stage {
	struct qms_obj obj;
	struct qms_value stage, done, evidence;
};

struct qms_migration {
	struct qms_obj obj;
	struct qms_migration_from from;
	struct qms_value deadline;
	struct qms_list stages; /* of qms_stage */
};

struct qms_finding {
	struct qms_obj obj;
	struct qms_value id, grade, clause, process, step, text, cause, action, owner, due, closed, verified;
};

struct qms_audit {
	struct qms_obj obj;
	struct qms_value id, kind, standard, date;
	struct qms_list auditors; /* of qms_value */
	struct qms_list scope; /* of qms_value (process code) */
	struct qms_list findings; /* of qms_finding */
};

/* ---- standards catalogs (the files of standards/) ---- */

enum qms_clause_level { QMS_CLAUSE_SYSTEM, QMS_CLAUSE_PROCESS };

enum qms_documented {
	QMS_DOC_MAINTAIN,
	QMS_DOC_RETAIN,
	QMS_DOC_MAINTAIN_AND_RETAIN,
	QMS_DOC_PROCEDURE, /* ISO 9001:2008's mandatory documented procedures */
};

enum qms_relation {
	QMS_REL_EQUAL, /* the same requirement */
	QMS_REL_SUPERSET, /* the new clause asks more */
	QMS_REL_SUBSET, /* the new clause asks less, or only part */
	QMS_REL_INTERSECT, /* overlap both ways */
};

struct qms_titles {
	struct qms_obj obj;
	struct qms_value en, vi;
};

struct qms_catalog_clause {
	struct qms_obj obj;
	struct qms_value number, en, vi, level, documented, evidence, evidence_vi;
	struct qms_list questions, questions_vi; /* of qms_value */
};

struct qms_standard_doc {
	struct qms_obj obj;
	struct qms_value id, national, published;
	struct qms_titles title;
	struct qms_list clauses; /* of qms_catalog_clause */
};

struct qms_corr_target {
	struct qms_obj obj;
	struct qms_value clause, relation;
};

struct qms_corr_pair {
	struct qms_obj obj;
	struct qms_value from, note;
	struct qms_list to; /* of qms_corr_target */
};

struct qms_corr_note {
	struct qms_obj obj;
	struct qms_value clause, from, note;
};

struct qms_correlation {
	struct qms_obj obj;
	struct qms_value from, to, source;
	struct qms_list pairs; /* of qms_corr_pair */
	struct qms_list new_clauses; /* `new`: of qms_corr_note (clause) */
	struct qms_list no_longer_required; /* of qms_corr_note (from) */
};

/* ---- documents ---- */

enum qms_kind {
	QMS_KIND_WORKSPACE,
	QMS_KIND_PROCESS,
	QMS_KIND_SYSTEM,
	QMS_KIND_AGENCY,
	QMS_KIND_STANDARD,
	QMS_KIND_CORRELATION,
	QMS_KIND_CALENDAR,
	QMS_KIND_COUNT
};

struct qms_standard_file {
	struct qms_obj obj;
	struct qms_standard_doc standard;
};

struct qms_correlation_file {
	struct qms_obj obj;
	struct qms_correlation correlation;
};

struct qms_workspace_file {
	struct qms_obj obj;
	struct qms_workspace_cfg workspace;
};

struct qms_calendar_file {
	struct qms_obj obj;
	struct qms_calendar_year calendar;
};

struct qms_process_file {
	struct qms_obj obj;
	struct qms_process process;
};

struct qms_system_file {
	struct qms_obj obj;
	struct qms_system system;
};

struct qms_agency_file {
	struct qms_obj obj;
	struct qms_agency agency;
	struct qms_migration migration;
	struct qms_list audits; /* of qms_audit */
};

/* Names of the choices of enumerated keys, in the order of the enums. */
extern const char *const qms_step_kind_names[];
extern const char *const qms_standard_names[];
extern const char *const qms_level_names[];
extern const char *const qms_lang_names[];
extern const char *const qms_stage_names[];
extern const char *const qms_grade_names[];
extern const char *const qms_audit_kind_names[];
extern const char *const qms_clause_level_names[];
extern const char *const qms_documented_names[];
extern const char *const qms_relation_names[];
extern const char *const qms_filing_names[];
extern const char *const qms_online_names[];
extern const char *const qms_copy_kind_names[];
extern const char *const qms_doc_kind_names[];
extern const char *const qms_doc_status_names[];

#endif

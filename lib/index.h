/* The workspace index: what rules that span files, and commands that read
 * a whole workspace, need to know of each document once its tree is
 * freed. Built by the check pipeline (check.c) in one pass over the files;
 * everything lives in the index's arena. */
#ifndef QMS_INDEX_H
#define QMS_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "flow.h"
#include "tthc.h"
#include "model.h"
#include "diag.h"
#include "util.h"

/* A string of a document with where it was written. */
struct qms_ref {
	const char *text; /* NULL when absent */
	uint32_t line, col;
};

struct qms_ref_list {
	struct qms_ref *items;
	size_t len;
};

/* A subprocess step, for the time rules across files. */
struct qms_index_call {
	struct qms_ref calls; /* the code called */
	const char *step; /* the step's id ("?" when missing) */
	bool has_duration; /* the step gives its own */
	struct qms_duration duration;
	uint32_t line, col; /* of the duration */
};

/* The flow of a procedure kept in the index to measure its path again
 * once the called procedures' times are known: the flow (no ids), the
 * step times, and per step the code an open subprocess calls (else NULL). */
struct qms_index_graph {
	struct qms_flow flow;
	struct qms_span *spans;
	unsigned char *flags;
	const char **step_calls;
};

/* What the time rules across files need of a procedure. */
struct qms_index_time {
	bool has_committed;
	bool has_path;
	bool open_calls; /* it has subprocesses without a duration */
	bool has_time; /* filled by qms_index_resolve_times(): */
	bool has_resolved_path;
	struct qms_duration committed;
	uint32_t committed_line, committed_col;
	struct qms_span path; /* critical path; subprocesses without a duration count nothing */
	struct qms_index_graph *graph; /* kept only with open_calls */
	struct qms_span time; /* its committed limit, else its path with called times */
	struct qms_span resolved_path; /* its path with the called procedures' times */
};

/* The share of another agency of the workspace in a procedure's time. */
struct qms_index_lane {
	struct qms_ref agency; /* the lane's `agency` */
	struct qms_ref procedure; /* its own procedure, text NULL when none */
	double hours; /* its share (qms_lane_shares()); -1 when not measured or
		       * in calendar days */
};

struct qms_index_process {
	const char *path; /* as displayed */
	struct qms_ref code, agency, title, owner;
	int standard; /* enum qms_standard, -1 when absent or invalid */
	struct qms_ref standard_ref;
	struct qms_ref_list clauses; /* `clauses` tags */
	struct qms_ref effective; /* `effective`, with its date in effective_day */
	int32_t effective_day; /* days since 1970; -1 when absent or invalid */
	int32_t withdrawn_day; /* document.withdrawn; -1 when absent */
	struct qms_ref records; /* where `records` is written (text NULL when none) */
	size_t nrecords; /* records it keeps */
	struct qms_ref_list calls; /* subprocess targets */
	/* step ids in file order, each ending with its NUL, one after the
	 * other (steps without an id left out): no pointer per step */
	const char *step_ids;
	size_t nstep_ids;
	struct qms_index_call *subs; /* subprocess steps with a `calls` */
	size_t nsubs;
	struct qms_index_time time;
	double committed_h; /* committed (else statutory) limit, working hours; -1 when none */
	struct qms_index_lane *lanes; /* inter-agency shares with an agency (tthc.h) */
	size_t nlanes;
};

struct qms_index_agency {
	const char *path;
	struct qms_ref id, name;
	int level; /* enum qms_level, -1 when absent */
};

struct qms_index_system {
	const char *path;
	struct qms_ref agency;
	int standard;
	struct qms_ref_list exclusions; /* excluded clause numbers */
};

/* Settings from qms.yaml, with their defaults. */
struct qms_settings {
	const char *name;
	enum qms_lang lang; /* vi */
	struct qms_time_settings time; /* 8 hours a day, 40% cut */
	int32_t deadline; /* migration deadline, -1 when unset */
	long at_risk_days_per_stage; /* 10 */
	const char *plan; /* migration plan number ("111/KH-BCĐ"), NULL when unset */
	int32_t plan_date; /* -1 when unset */
	const char *plan_issuer; /* NULL when unset */
	/* qms.yaml and calendar/<year>.yaml (calendar.h); never NULL after
	 * qms_settings_read(), in the arena it was given */
	const struct qms_calendar *calendar;
	struct qms_withdrawn *withdrawn; /* repealed texts and superseded forms */
	size_t nwithdrawn;
};

struct qms_index {
	const char *root; /* absolute folder of the workspace, NULL for lone files */
	bool has_audits; /* root/audits exists */
	struct qms_settings settings;
	struct qms_index_process *processes;
	size_t nprocesses;
	struct qms_index_agency *agencies;
	size_t nagencies;
	struct qms_index_system *systems;
	size_t nsystems;
	struct qms_strmap by_code; /* process code -> index in processes (first one) */
	struct qms_strmap by_agency; /* agency id -> index in agencies */
	struct qms_arena arena;
};

/* The index of the workspace holding `path` (phase 1 of the check: every
 * file read, no rule across files run). Problems met while reading go to
 * diags. Returns 0 and *out (free with qms_index_free()), or -1 with *err
 * (caller frees) when path is not in a workspace or cannot be used, or
 * when the catalogs of the clause rules cannot be loaded. */
int qms_index_load(struct qms_index **out, const char *path, unsigned jobs, struct qms_diags *diags, char **err);
void qms_index_free(struct qms_index *ix);
/* Free the contents of an index that is not heap-allocated itself. */
void qms_index_release(struct qms_index *ix);

/* Fill s->subs and s->time from p (times.c); strings and arrays live
 * in arena. */
void qms_index_summarise_times(struct qms_index_process *s, struct qms_arena *arena, const struct qms_process *p,
			       double workday_hours);

/* The time each procedure takes when called, and the critical paths
 * through subprocesses without a duration (times.c). Called procedures
 * that call back (a cycle) count nothing the second time. Run by the
 * loaders once the index is built. */
void qms_index_resolve_times(struct qms_index *ix);

/* The time rules across files: T005 (subprocess shorter than what it
 * calls) and T001 for paths through subprocesses without a duration
 * (times.c). */
void qms_rules_times(const struct qms_index *ix, struct qms_diags *diags);

/* Lookups; NULL when there is none. */
const struct qms_index_process *qms_index_find_process(const struct qms_index *ix, const char *code);
const struct qms_index_agency *qms_index_find_agency(const struct qms_index *ix, const char *id);
/* The place of step `id` among p->step_ids, or SIZE_MAX. */
size_t qms_index_process_step(const struct qms_index_process *p, const char *id);

#endif

/* The flow of a procedure as a graph over its steps, and the rules that
 * need it: flow (F codes) and time limits (T codes). */
#ifndef QMS_FLOW_H
#define QMS_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "calendar.h"
#include "diag.h"
#include "model.h"
#include "timelimit.h"

/* Steps are numbered by their position in `steps`. Edges go from a step to
 * each step named by its `next` or its branches, in file order; targets
 * that do not exist are left out. */
struct qms_flow {
	size_t nsteps;
	size_t *edge_start; /* nsteps + 1 offsets into edges */
	size_t *edges; /* target step of each edge */
	bool *back; /* edge goes back to a step on the way from the start: rework loop */
	size_t start; /* index of the start step, or SIZE_MAX when not exactly one */
	struct qms_strmap ids; /* step id -> index (first one when duplicated) */
	size_t named; /* steps with an id: more than ids.len when an id is used twice */
	struct qms_arena arena; /* owns the arrays above */
};

/* Build the graph of p. Free with qms_flow_release(). */
void qms_flow_init(struct qms_flow *flow, const struct qms_process *p);
void qms_flow_release(struct qms_flow *flow);

const struct qms_step *qms_process_step(const struct qms_process *p, size_t i);

/* Settings from the workspace that the time rules need. */
struct qms_time_settings {
	double workday_hours; /* default 8 */
	double time_cut; /* percent, default 40 */
	/* Set by qms_settings_read() (NULL elsewhere: Monday to Friday): */
	const struct qms_calendar *calendar;
	/* Set by whoever runs the rules on many procedures, else NULL: */
	struct qms_span_cache *cache; /* comparisons of limits, kept between procedures */
	bool calls_resolved_later; /* the workspace rules give subprocesses their time */
};

/* Per-step flags for the longest path (qms_flow_step_times()). */
enum {
	QMS_STEP_T_END = 1, /* an end step */
	QMS_STEP_T_EXTENSION = 2, /* taken only when the limit is extended (`extension`) */
	QMS_STEP_T_OPEN_CALL = 4, /* a subprocess with no duration: the called procedure's time */
};

/* The time of each step as the limits count it, and its flags: a step
 * whose time is not counted (`not_counted`) takes none, and so does a
 * subprocess with no duration until its called procedure's time is put
 * in its place. spans and flags have p->steps.len entries, caller-owned. */
void qms_flow_step_times(struct qms_span *spans, unsigned char *flags, const struct qms_process *p,
			 double workday_hours);

/* The longest path from the start to an end step over the step spans:
 * rework loops left out, parallel branches counted by their longest, and
 * steps flagged QMS_STEP_T_EXTENSION left out unless with_extension.
 * "Longest" is the longest in an ordinary week (working time stretched
 * over weekends, plus calendar days). on_step (flow->nsteps entries) and
 * on_edge (one per edge) are caller-owned and marked when not NULL; ties
 * go to the path met first in file order. Returns 0 with the length in
 * *out, or -1 when the flow has no single start or no reachable end. */
int qms_flow_longest(struct qms_span *out, bool *on_step, bool *on_edge, const struct qms_flow *f,
		     const struct qms_span *spans, const unsigned char *flags, bool with_extension,
		     double workday_hours);

/* The critical path of p: qms_flow_longest() over its steps' own times
 * (a subprocess with no duration counts nothing here). */
int qms_flow_critical_path(struct qms_span *out, const struct qms_flow *flow, const struct qms_process *p,
			   double workday_hours);
/* The same, marking its steps and edges (either may be NULL). */
int qms_flow_critical_steps(struct qms_span *out, bool *on_step, bool *on_edge, const struct qms_flow *flow,
			    const struct qms_process *p, double workday_hours);

/* Every rule of one procedure that needs no other file: flow and time.
 * Cross-file rules (calls, codes, agency) are in check.c and rules.c. */
void qms_process_check(const struct qms_process *p, const char *path, const struct qms_time_settings *ts,
		       struct qms_diags *diags);

/* What a procedure's time limits come to, for diagrams, reports and the
 * site (times.c). Limits are kept as written; lengths in an ordinary week
 * (timelimit.h). */
struct qms_time_facts {
	bool has_statutory, has_committed, has_path;
	struct qms_duration statutory, committed; /* as written */
	struct qms_span statutory_span, committed_span, path;
	double statutory_length, committed_length; /* in the statutory limit's kind of unit */
	bool exempt; /* no cut asked: `cut_exempt`, or a same-day statutory limit */
	const char *exempt_reason; /* `cut_exempt`, borrowed; NULL for a same-day limit */
	bool timed; /* both limits and not exempt: a cut is counted */
	double cut; /* percent off the statutory limit (negative: longer) */
	bool cut_in_days; /* counted in calendar days (the statutory limit is) */
	bool cut_assumed; /* the committed limit is in the other kind of unit */
	double required_cut; /* percent: the procedure's `cut`, else the workspace's */
	bool own_cut; /* the procedure gives its own */
	bool meets_cut;
	bool over_statutory; /* the committed limit ends after the statutory one, any week */
	bool path_over; /* the path ends after the committed limit, any week */
};

/* The facts of p; path is its critical path, or NULL. */
void qms_time_facts(struct qms_time_facts *out, const struct qms_process *p, const struct qms_span *path,
		    const struct qms_time_settings *ts);

/* T001 (and T006) for a path against the committed limit comm of a
 * procedure in `file` (times.c; the workspace rules use it for paths
 * through subprocesses). */
void qms_check_path_against(const struct qms_span *path, const struct qms_duration *comm, uint32_t line, uint32_t col,
			    const char *file, const struct qms_time_settings *ts, struct qms_diags *diags);

/* The time rules of one procedure (T codes; times.c). */
void qms_process_check_times(const struct qms_process *p, const char *path, const struct qms_flow *flow,
			     const struct qms_time_settings *ts, struct qms_diags *diags);

#endif

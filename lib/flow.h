/* The flow of a procedure as a graph over its steps, and the rules that
 * need it: flow (F codes) and time limits (T codes). */
#ifndef QMS_FLOW_H
#define QMS_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

/* Steps are numbered by their position in `steps`. Edges go from a step to
 * each step named by its `next` or its branches, in file order; targets
 * that do not exist are left out. */
struct qms_flow {
	size_t nsteps;
	size_t *edge_start;  /* nsteps + 1 offsets into edges */
	size_t *edges;       /* target step of each edge */
	bool *back;          /* edge goes back to a step on the way from the start: rework loop */
	size_t start;        /* index of the start step, or SIZE_MAX when not exactly one */
	struct qms_strmap ids; /* step id -> index (first one when duplicated) */
	struct qms_arena arena; /* owns the arrays above */
};

/* Build the graph of p. Free with qms_flow_release(). */
void qms_flow_init(struct qms_flow *flow, const struct qms_process *p);
void qms_flow_release(struct qms_flow *flow);

const struct qms_step *qms_process_step(const struct qms_process *p, size_t i);

/* Settings from the workspace that the time rules need. */
struct qms_time_settings {
	double workday_hours; /* default 8 */
	double time_cut;      /* percent, default 40 */
};

/* Longest path in working hours from the start to an end, rework loops
 * left out, parallel branches counted by their longest. Returns 0, or -1
 * when the flow has no single start or no reachable end. */
int qms_flow_critical_path(double *out_hours, const struct qms_flow *flow,
			   const struct qms_process *p, double workday_hours);

/* Every rule of one procedure that needs no other file: flow and time.
 * Cross-file rules (calls, codes, agency) are in check.c. */
void qms_process_check(const struct qms_process *p, const char *path,
		       const struct qms_time_settings *ts, struct qms_diags *diags);

/* The steps and edges of the path qms_flow_critical_path() measures (ties
 * go to the path met first in file order). on_step has flow->nsteps
 * entries, on_edge one per edge (flow->edge_start[nsteps]); both are
 * caller-owned and filled. Returns 0 with the length in *out_hours, or -1
 * (nothing marked) as qms_flow_critical_path(). */
int qms_flow_critical_steps(double *out_hours, bool *on_step, bool *on_edge,
			    const struct qms_flow *flow, const struct qms_process *p,
			    double workday_hours);

#endif

/* The procedure as the agency issues it: the TTHC record (Thông tư
 * 02/2017/TT-VPCP's fields), inter-agency lanes (liên thông) and document
 * control (ISO 9001:2015 7.5.2-7.5.3). The rules of one procedure (D codes,
 * rules-doc.def) and each agency's share of a procedure's time. The rules
 * that need other files (an agency or procedure of the workspace) are in
 * rules.c, over what the index keeps (index.h). */
#ifndef QMS_TTHC_H
#define QMS_TTHC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

/* A legal text or a form the workspace lists as no longer in force
 * (qms.yaml `repealed`, `superseded_forms`). Strings borrowed. */
struct qms_withdrawn {
	const char *cite; /* the number or form as cited */
	const char *by; /* what replaced it, NULL when not said */
	int32_t date; /* from when, -1 when not said */
	bool form; /* a form (D010), else a legal text (D009) */
};

/* What the rules of one procedure need from the workspace. */
struct qms_tthc_settings {
	double workday_hours;
	const struct qms_withdrawn *withdrawn;
	size_t nwithdrawn;
};

/* Every D rule of p that needs no other file (D001-D004, D005 for a lane
 * with both agency and body, D006 for `procedure` without `agency`, D007
 * against `allowed`, D008-D010), and F010 for the forms the TTHC record
 * names. */
void qms_tthc_check(const struct qms_process *p, const char *path, const struct qms_tthc_settings *st,
		    struct qms_diags *diags);

struct qms_settings;
struct qms_arena;
/* Append the `repealed` and `superseded_forms` of qms.yaml to st (strings
 * copied into arena). Called by qms_settings_read(). */
void qms_settings_read_withdrawn(struct qms_settings *st, struct qms_arena *arena, const struct qms_workspace_cfg *w);

/* Whether text is a TTHC code: digits in groups joined by single dots,
 * at least two groups ("1.001193"). */
bool qms_tthc_code_valid(const char *text);

/* A sum in đồng: "50.000 đồng", "100000 đồng", "200.000 đồng/lần",
 * "50.000đ", "15000 VND". Returns 0 with the sum in *out, or -1. */
int qms_amount_parse(long long *out, const char *text);

/* One agency's share of the time of a procedure: the longest its steps
 * take in one run, i.e. the longest way from the start through the flow
 * (rework loops left out) counting only the durations of the steps of its
 * lanes. Lanes with neither `agency` nor `body`, or whose agency is the
 * procedure's, are the procedure's own agency (own). */
struct qms_lane_share {
	const struct qms_lane *lane; /* its first lane */
	bool own;
	const char *agency; /* workspace agency id; NULL for a body */
	const char *body; /* outside body's name; NULL for an agency */
	double hours; /* working hours, as above */
	bool calendar; /* some of its steps are in calendar days: hours
			* leaves them out and cannot be compared */
	const struct qms_value *allowed; /* first `allowed` of its lanes, NULL when none */
	const struct qms_value *procedure; /* first `procedure` of its lanes, NULL when none */
};

/* The shares of p, own agency first, then in the order of the lanes.
 * *out is an array the caller frees with free(); returns its length.
 * *measured tells whether the flow could be measured (it has one
 * start step; when not, every share is 0 hours). A procedure with no inter-agency lane has
 * one share, its own. */
size_t qms_lane_shares(struct qms_lane_share **out, bool *measured, const struct qms_process *p, double workday_hours);

/* Working hours of d, or -1 when it is in calendar days: those have no
 * fixed working time and are never converted (timelimit.h). */
double qms_tthc_working_hours(const struct qms_duration *d, double workday_hours);

/* Whether p has a lane of another agency or an outside body. */
bool qms_process_interagency(const struct qms_process *p);

#endif

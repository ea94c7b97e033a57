/* Agency trackers (audits/<agency>.yaml): the rules of `qms check` for
 * them (A codes, rules-tracker.def). */
#ifndef QMS_TRACKER_H
#define QMS_TRACKER_H

#include "diag.h"
#include "index.h"
#include "model.h"

/* Every rule of one tracker; ix gives the procedures and their steps that
 * findings and audit scopes name. */
void qms_tracker_check(const struct qms_index *ix, const struct qms_agency_file *a, const char *path,
		       struct qms_diags *diags);

#endif

#include "tracker.h"

void qms_tracker_check(const struct qms_index *ix, const struct qms_agency_file *a, const char *path,
		       struct qms_diags *diags)
{
	/* The tracker rules of issue 5 go here. */
	(void)ix;
	(void)a;
	(void)path;
	(void)diags;
}

/* Agency trackers (audits/<agency>.yaml): the rules of `qms check` for
 * them (A codes, rules-tracker.def), and the changes `qms audit` makes to
 * them: edits of the text in place (edit.h), checked before they are
 * written, written atomically under a lock. */
#ifndef QMS_TRACKER_H
#define QMS_TRACKER_H

#include <stdint.h>

#include "diag.h"
#include "index.h"
#include "model.h"
#include "util.h"

#define QMS_STAGE_COUNT 9
enum {
	QMS_STAGE_PLAN,
	QMS_STAGE_TRAINING,
	QMS_STAGE_GAP_ANALYSIS,
	QMS_STAGE_DOCUMENTATION,
	QMS_STAGE_APPLY,
	QMS_STAGE_INTERNAL_AUDIT,
	QMS_STAGE_MANAGEMENT_REVIEW,
	QMS_STAGE_ANNOUNCEMENT,
	QMS_STAGE_REPORT,
};
enum { QMS_GRADE_MAJOR, QMS_GRADE_MINOR, QMS_GRADE_OBSERVATION, QMS_GRADE_IMPROVEMENT };

/* Every rule of one tracker; ix gives the procedures and their steps that
 * findings and audit scopes name (not checked when ix->root is NULL: a
 * tracker checked alone). */
void qms_tracker_check(const struct qms_index *ix, const struct qms_agency_file *a, const char *path,
		       struct qms_diags *diags);

/* Every problem of a tracker's text: reading, schema and the rules above.
 * Appends to out. */
void qms_tracker_problems(const struct qms_index *ix, const char *path, const char *text, size_t len,
			  struct qms_diags *out);

/* ---- changes (`qms audit new|stage|add|finding|close|verify`) ---- */

enum qms_tracker_op {
	QMS_TRACKER_NEW, /* create the tracker: name, level */
	QMS_TRACKER_STAGE, /* stage done on `date` (with evidence); a recorded stage is re-dated */
	QMS_TRACKER_ADD, /* a new audit `audit` of `kind` on `date` */
	QMS_TRACKER_FINDING, /* a new finding `finding` in audit `audit` */
	QMS_TRACKER_CLOSE, /* finding `finding` closed on `date` (cause, action) */
	QMS_TRACKER_VERIFY, /* finding `finding` verified on `date` */
};

/* One change. Strings are borrowed; NULL (and -1 for dates and choices
 * that are optional) means "not given". */
struct qms_tracker_change {
	enum qms_tracker_op op;
	const char *agency; /* id: the file audits/<agency>.yaml */
	const char *name; /* NEW */
	int level; /* NEW: enum qms_level */
	int stage; /* STAGE: index in qms_stage_names */
	const char *evidence; /* STAGE */
	const char *audit; /* ADD: the new audit's id; FINDING: the audit it belongs to */
	int kind; /* ADD: index in qms_audit_kind_names */
	const char *standard; /* ADD */
	const char *const *auditors; /* ADD */
	size_t nauditors;
	const char *const *scope; /* ADD: procedure codes */
	size_t nscope;
	const char *finding; /* FINDING: the new id; CLOSE, VERIFY: the finding */
	int grade; /* FINDING: index in qms_grade_names */
	const char *clause, *process, *step, *text, *owner; /* FINDING */
	int32_t due; /* FINDING, -1 when not given */
	const char *cause, *action; /* CLOSE */
	int32_t date; /* STAGE: done; ADD: the audit; CLOSE: closed; VERIFY: verified */
};

/* The text of a new tracker for c (op NEW). Appends to out. */
void qms_tracker_new_text(struct qms_buf *out, const struct qms_tracker_change *c);

/* Apply c (not NEW) to the tracker text[0..len) of `path`, editing the
 * text in place; the new text is appended to out. Returns 0; -1 when the
 * text does not load (problems in diags) or c cannot be applied (no such
 * audit or finding...), with *err (caller frees). */
int qms_tracker_change_text(struct qms_buf *out, const char *path, const char *text, size_t len,
			    const struct qms_tracker_change *c, struct qms_diags *diags, char **err);

enum qms_tracker_outcome {
	QMS_TRACKER_WRITTEN,
	QMS_TRACKER_REFUSED, /* the change would add the errors in `problems`; nothing written */
	QMS_TRACKER_FAILED, /* it cannot be made (see err), nothing written */
};

struct qms_tracker_result {
	char *path; /* the tracker, as displayed; owned */
	struct qms_diags problems; /* problems the change adds (refused: errors among them; written: warnings) */
	enum qms_err failure; /* with FAILED: its kind (an unknown agency, a file that cannot be read...) */
};

void qms_tracker_result_release(struct qms_tracker_result *r);

/* Make change c to the tracker of c->agency under root/audits/, as `qms
 * audit` does: take the file's lock, read it, edit the text, check the
 * result (ix: procedures and steps for the rules), and write it atomically
 * when the change adds no error. Errors already in the file do not stop a
 * change that adds none. *res is filled in every case (release it); *err
 * (caller frees) with FAILED. */
enum qms_tracker_outcome qms_tracker_apply(struct qms_tracker_result *res, const struct qms_index *ix, const char *root,
					   const struct qms_tracker_change *c, char **err);

#endif

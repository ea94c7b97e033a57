/* Rules that need more than one document: over the workspace index, and
 * the rules of one document that need the index. */
#ifndef QMS_RULES_H
#define QMS_RULES_H

#include <stdbool.h>

#include "catalog.h"
#include "diag.h"
#include "index.h"
#include "schema.h"

/* Rules over the index alone: process codes unique (F012), subprocess
 * calls that name a procedure (F011), agencies that exist (F013, F014).
 * Diagnostics name the file each concerns. */
void qms_rules_workspace(const struct qms_index *ix, struct qms_diags *diags);

/* Whether documents of this kind have rules that need the index; those
 * documents are read a second time once the index is complete. */
bool qms_rules_need_index(enum qms_kind kind);

/* The rules of one document that need the index (and the catalogs). */
void qms_rules_document(const struct qms_index *ix, const struct qms_catalogs *cat, const struct qms_document *d,
			const char *path, struct qms_diags *diags);

#endif

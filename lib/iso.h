/* The ISO rules of documents (C codes): clause references checked against
 * the catalog of the document's edition, exclusions, documented
 * information. */
#ifndef QMS_ISO_H
#define QMS_ISO_H

#include "catalog.h"
#include "diag.h"
#include "index.h"
#include "schema.h"

/* Rules of one document that need only the catalogs: every clause it
 * cites (C001, C002), its edition (C003), its exclusions (C004). */
void qms_iso_check_document(const struct qms_catalogs *cat, const struct qms_document *d, const char *path,
			    struct qms_diags *diags);

/* Rules of a system.yaml that need the index: documented information the
 * standard requires (C006). */
void qms_iso_check_system(const struct qms_catalogs *cat, const struct qms_index *ix, const struct qms_system *sys,
			  const char *path, struct qms_diags *diags);

/* Rules over the index: procedures citing a clause their agency excluded
 * (C005). */
void qms_iso_check_workspace(const struct qms_index *ix, struct qms_diags *diags);

#endif

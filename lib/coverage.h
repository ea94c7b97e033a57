/* Clause-by-clause coverage of an agency's system against ISO 9001:2015:
 * for every lowest-level clause, what covers it (a field of system.yaml, a
 * document, a procedure), or the justified exclusion, or nothing. */
#ifndef QMS_COVERAGE_H
#define QMS_COVERAGE_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "index.h"
#include "model.h"

enum qms_cov_status {
	QMS_COV_COVERED,
	QMS_COV_EXCLUDED,
	QMS_COV_MISSING,
};

enum qms_cov_kind {
	QMS_COV_FIELD,     /* a field of system.yaml: `what` is its key */
	QMS_COV_DOCUMENT,  /* an entry of `documents`: `what` is its id, `title` its title */
	QMS_COV_PROCESS,   /* a procedure: `what` is its code, `title` its title */
};

struct qms_cov_source {
	enum qms_cov_kind kind;
	const char *what;
	const char *title;     /* NULL for a field */
	const char *tag;       /* the clause as tagged ("7.5" covers 7.5.3.1) or the field's clause */
	const char *path;
	uint32_t line, col;
};

struct qms_cov_row {
	const struct qms_clause *clause; /* a lowest-level clause */
	enum qms_cov_status status;
	struct qms_cov_source *sources;  /* what covers it, in a stable order */
	size_t nsources;
	const char *justification;       /* for an exclusion */
	const char *excluded_as;         /* the clause as the exclusion names it */
	uint32_t line, col;              /* of the exclusion */
};

struct qms_coverage {
	const struct qms_catalog *catalog;
	const char *agency;
	const char *system_path;         /* NULL when the agency has no system.yaml */
	struct qms_cov_row *rows;
	size_t nrows;
	size_t covered, excluded, missing;
	struct qms_arena arena;
};

/* Coverage of `agency` against `catalog`: sys is its system (NULL when it
 * has none) read from sys_path; procedures come from ix (those of the
 * agency written against the catalog's edition). Release with
 * qms_coverage_release(). */
void qms_coverage_compute(struct qms_coverage *out, const struct qms_catalog *catalog,
			  const struct qms_index *ix, const char *agency, const struct qms_system *sys,
			  const char *sys_path);
void qms_coverage_release(struct qms_coverage *c);

/* The clause a field of system.yaml stands for ("policy" -> "5.2"), or NULL. */
const char *qms_system_field_clause(const char *field);

#endif

/* The ISO 9001:2008 -> 2015 conversion of an agency: the worklist (what is
 * still on 2008 and how its clauses carry over, what 2015 asks afresh,
 * what it no longer asks), and the rewrite of a 2008 procedure in place. */
#ifndef QMS_MIGRATE_H
#define QMS_MIGRATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "coverage.h"
#include "index.h"

enum qms_carry {
	QMS_CARRY_FULL, /* every 2015 counterpart asks the same or less */
	QMS_CARRY_PARTIAL, /* some 2015 counterpart asks more or differs */
	QMS_CARRY_NONE, /* no 2015 counterpart */
};

struct qms_mig_ref {
	const char *clause; /* as the document writes it */
	uint32_t line, col;
	size_t old; /* index in the 2008 catalog, SIZE_MAX when it has none */
	enum qms_carry carry;
};

struct qms_mig_doc {
	const char *path;
	const char *code; /* procedure code, NULL for the system */
	const char *title;
	struct qms_mig_ref *refs;
	size_t nrefs;
};

struct qms_mig_new {
	size_t clause; /* index in the 2015 catalog */
	const char *note;
	const struct qms_cov_source *by; /* what addresses it already, or NULL */
	size_t nby;
};

struct qms_mig_dropped {
	size_t clause; /* index in the 2008 catalog */
	const char *note;
	const char **still_cited_by; /* codes of 2008 documents that cite it */
	size_t ncited;
};

struct qms_conversion {
	const struct qms_correlation_table *corr;
	const char *agency;
	struct qms_mig_doc *docs; /* on 2008: the system first, then procedures by code */
	size_t ndocs;
	struct qms_mig_new *news; /* 2015 requirements with no full predecessor */
	size_t nnews;
	struct qms_mig_dropped *dropped; /* what 2015 no longer asks */
	size_t ndropped;
	struct qms_coverage coverage; /* of the agency against 2015, for `news` */
	struct qms_arena arena;
};

/* The worklist of `agency`. sys is its system.yaml (NULL when none),
 * sys_standard its `standard` value. Release with qms_conversion_release(). */
void qms_conversion_plan(struct qms_conversion *out, const struct qms_correlation_table *corr,
			 const struct qms_index *ix, const char *agency, const struct qms_system *sys,
			 const char *sys_path);
void qms_conversion_release(struct qms_conversion *m);

/* The 2015 clauses that a 2008 clause becomes in a procedure's `clauses`:
 * its counterparts that hold all of it (equal, superset, subset); when
 * there are none, those that overlap (intersect). Writes at most cap
 * indexes of the 2015 catalog to out and returns how many. *judgement is
 * set when a person should look (partial overlaps, or nothing at all). */
size_t qms_conversion_translate(const struct qms_correlation_table *corr, size_t old, size_t *out, size_t cap,
				bool *judgement);

/* Rewrite the 2008 procedure at path to 2015 in place: `standard`, the
 * translated `clauses`, `edition` + 1; every other byte stays. The result
 * is parsed and checked before it is written (atomically, under the
 * file's lock; through a symbolic link, refused for a hard-linked file:
 * fs.h); nothing is written when it would not pass. What needs a
 * person's judgement is appended to notes, a line each. Returns 0 when the
 * file was rewritten, 1 when it was not on 2008 (nothing to do), -1 with
 * *err (caller frees). */
int qms_conversion_apply(const char *path, const struct qms_catalogs *cat, const struct qms_correlation_table *corr,
			 struct qms_buf *notes, char **err);

/* Called by qms_conversion_apply_agency() after each file: result as
 * qms_conversion_apply() returns it, err its reason when -1 (owned by the
 * caller of the callback, valid during the call). */
typedef void qms_conversion_report_fn(void *ctx, const char *path, int result, const char *err);

/* Rewrite every procedure of `agency` in ix that is on ISO 9001:2008 with
 * qms_conversion_apply(), in the index's order, calling report (may be
 * NULL) after each. Returns how many could not be rewritten. */
size_t qms_conversion_apply_agency(const struct qms_index *ix, const char *agency, const struct qms_catalogs *cat,
				   const struct qms_correlation_table *corr, struct qms_buf *notes,
				   qms_conversion_report_fn *report, void *ctx);

/* The worklist for people (lib/migrate-format.c), appended to out: the
 * documents still on 2008 and where their clauses go, the 2015
 * requirements to address afresh, what 2015 no longer asks for. name
 * names the agency; md writes Markdown (headings, lists), else plain
 * text. Text for people: write it through qms_buf_add_printable(). */
void qms_conversion_format_text(struct qms_buf *out, const struct qms_conversion *m, enum qms_lang lang,
				const char *name, bool md);
/* The same as JSON: {"agency", "documents", "new_requirements",
 * "no_longer_required"}, one line per document or clause. */
void qms_conversion_format_json(struct qms_buf *out, const struct qms_conversion *m);

#endif

/* The standards catalogs (the files of standards/, loaded at run time): the
 * clauses of each edition of ISO 9001 and the correlation between
 * editions, and the clause rules that use them (C codes). */
#ifndef QMS_CATALOG_H
#define QMS_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "table.h"
#include "index.h"
#include "model.h"
#include "util.h"

struct qms_clause {
	const char *number;
	const char *en, *vi; /* titles */
	int level; /* enum qms_clause_level */
	int documented; /* enum qms_documented, -1 when none is required */
	const char *evidence; /* what that documented information is */
	const char *evidence_vi; /* the same in Vietnamese */
	const char **questions, **questions_vi;
	size_t nquestions, nquestions_vi;
	size_t parent; /* index of the parent clause, SIZE_MAX for a top clause */
	bool leaf; /* no sub-clause */
	uint32_t line, col; /* where the catalog lists it */
};

struct qms_catalog {
	const char *id; /* "ISO 9001:2015" */
	const char *national; /* "TCVN ISO 9001:2015", or NULL */
	const char *title_en, *title_vi;
	const char *path; /* the catalog file, as displayed */
	struct qms_clause *clauses; /* in the standard's order */
	size_t nclauses;
	struct qms_strmap by_number;
};

struct qms_corr_link {
	size_t to; /* clause index in the new catalog */
	int relation; /* enum qms_relation */
};

struct qms_corr_entry {
	struct qms_corr_link *links; /* none for an old clause with no counterpart */
	size_t nlinks;
	const char *note;
	bool listed; /* the old clause has a pair in the file */
};

struct qms_corr_note_entry {
	size_t clause; /* index in the new (`new`) or old (no longer required) catalog */
	const char *note;
};

struct qms_correlation_table {
	const struct qms_catalog *from, *to;
	const char *path;
	struct qms_corr_entry *entries; /* one per clause of `from` */
	struct qms_corr_note_entry *new_clauses; /* in the new catalog */
	size_t nnew;
	struct qms_corr_note_entry *no_longer; /* in the old catalog */
	size_t nno_longer;
};

struct qms_catalogs {
	const char *dir;
	struct qms_catalog *catalogs;
	size_t ncatalogs;
	struct qms_correlation_table *corrs;
	size_t ncorrs;
	struct qms_arena arena;
	bool borrowed; /* the workspace handle's (workspace.h): release leaves it */
};

/* The folder `sub` of qms's data (standards, calendars...): beside the
 * program (<bindir>/../share/qms/sub, so an installed tree can move);
 * else where it was installed; else the source tree qms was built from.
 * Caller frees. */
char *qms_data_dir(const char *sub);

/* Load the catalogs the clause rules need, from $QMS_STANDARDS; else the
 * workspace's own standards/ folder (workspace_root may be NULL); else
 * qms_data_dir("standards"). The folder must exist, every YAML file in it
 * must load, and it must hold a catalog of each edition documents may
 * follow (qms_standard_names) and the correlation from ISO 9001:2008 to
 * 2015: clause rules are never skipped in silence. Problems inside the catalogs (C010, C011, schema)
 * go to diags, positioned in the catalog files.
 * Returns 0; or -1 with *err (caller frees): what is wrong, the folder and
 * where it came from. Release out with qms_catalogs_release() either way. */
int qms_catalogs_open(struct qms_catalogs *out, const char *workspace_root, struct qms_diags *diags, char **err);
void qms_catalogs_release(struct qms_catalogs *c);

const struct qms_catalog *qms_catalogs_find(const struct qms_catalogs *c, const char *id);
const struct qms_correlation_table *qms_catalogs_correlation(const struct qms_catalogs *c, const char *from,
							     const char *to);
/* Index of clause `number` in cat, or SIZE_MAX. */
size_t qms_catalog_find(const struct qms_catalog *cat, const char *number);

/* True when `clause` is `ancestor` or one of its sub-clauses ("8.3.2" is
 * within "8.3", "8.30" is not). */
bool qms_clause_within(const char *clause, const char *ancestor);

/* A clause's title in lang: the Vietnamese one when asked and present,
 * else the English one (NULL when the catalog gives none). */
const char *qms_clause_title(const struct qms_clause *cl, enum qms_lang lang);

/* Check one clause reference of a document written against `standard`
 * (C001 unknown, C002 numbered as in ISO 9001:2008).
 * Returns true when the clause exists. */
bool qms_clause_check(const struct qms_catalogs *c, const char *standard, const char *clause, uint32_t line,
		      uint32_t col, const char *path, struct qms_diags *diags);

/* The outputs of `qms clauses` (lib/catalog-format.c), appended to out;
 * titles in lang, tables in fmt (text, Markdown or CSV).
 *  - a catalog: every clause with its level and documented information
 *    (JSON: titles in both languages and the check questions);
 *  - a correlation: each clause of its `from` edition and the clauses it
 *    went to, with their relation;
 *  - clauses in detail: titles, level, documented information, check
 *    questions, sub-clauses and the other edition's clauses, as text (one
 *    clause) or as a JSON array (the clauses idx[0..n) of c). */
void qms_catalog_format_json(struct qms_buf *out, const struct qms_catalog *c);
void qms_catalog_format_table(struct qms_buf *out, const struct qms_catalog *c, enum qms_lang lang,
			      enum qms_table_format fmt);
void qms_correlation_format_json(struct qms_buf *out, const struct qms_correlation_table *k);
void qms_correlation_format_table(struct qms_buf *out, const struct qms_correlation_table *k, enum qms_lang lang,
				  enum qms_table_format fmt);
void qms_clause_format_detail(struct qms_buf *out, const struct qms_catalogs *cat, const struct qms_catalog *c,
			      size_t idx, enum qms_lang lang);
void qms_clauses_format_json(struct qms_buf *out, const struct qms_catalogs *cat, const struct qms_catalog *c,
			     const size_t *idx, size_t n);

#endif

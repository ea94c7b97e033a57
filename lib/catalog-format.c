/* The outputs of `qms clauses`: a catalog as a table or JSON, clauses in
 * detail, the 2008 -> 2015 correlation. JSON through json.c, tables
 * through table.c. See catalog.h. */
#include "catalog.h"

#include <string.h>

#include "json.h"
#include "table.h"

static const char *relation_word(int rel, enum qms_lang lang)
{
	/* the English words are qms_relation_names, the names of the JSON */
	static const char *const words[] = {N_("equal"), N_("superset"), N_("subset"), N_("intersect")};
	return qms_tr(lang, words[rel]);
}

static const char *level_word(int level, enum qms_lang lang)
{
	return level == QMS_CLAUSE_SYSTEM ? qms_tr(lang, "system") : qms_tr_ctx(lang, "clause level", "process");
}

/* ---- the catalog ---- */

void qms_catalog_format_json(struct qms_buf *out, const struct qms_catalog *c)
{
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_object_inline(&j);
	qms_json_kv_string(&j, "standard", c->id);
	qms_json_key(&j, "clauses");
	qms_json_array(&j);
	for (size_t i = 0; i < c->nclauses; i++) {
		const struct qms_clause *cl = &c->clauses[i];
		qms_json_object_inline(&j);
		qms_json_kv_string(&j, "clause", cl->number);
		qms_json_kv_string(&j, "en", cl->en);
		qms_json_kv_string(&j, "vi", cl->vi);
		qms_json_kv_string(&j, "level", qms_clause_level_names[cl->level]);
		qms_json_kv_string(&j, "documented", cl->documented >= 0 ? qms_documented_names[cl->documented] : NULL);
		qms_json_key(&j, "questions");
		qms_json_array_inline(&j);
		for (size_t q = 0; q < cl->nquestions; q++)
			qms_json_string(&j, cl->questions[q]);
		qms_json_end(&j);
		qms_json_end(&j);
	}
	qms_json_end(&j);
	qms_json_end(&j);
}

void qms_catalog_format_table(struct qms_buf *out, const struct qms_catalog *c, enum qms_lang lang,
			      enum qms_table_format fmt)
{
	const char *h[] = {qms_tr_ctx(lang, "short", "Clause"), qms_tr(lang, "Title"), qms_tr(lang, "Level"),
			   qms_tr(lang, "DI"), NULL};
	struct qms_table t;
	qms_table_init(&t, h);
	struct qms_buf title;
	qms_buf_init(&title);
	for (size_t i = 0; i < c->nclauses; i++) {
		const struct qms_clause *cl = &c->clauses[i];
		qms_buf_reset(&title);
		/* indent by depth so the tree shows */
		for (const char *p = cl->number; *p; p++)
			if (*p == '.')
				qms_buf_adds(&title, "  ");
		qms_buf_adds(&title, qms_clause_title(cl, lang));
		const char *di = cl->documented < 0 ? "" : qms_documented_names[cl->documented];
		const char *row[] = {cl->number, title.buf, level_word(cl->level, lang), di};
		qms_table_add(&t, row);
	}
	qms_table_format(out, &t, fmt);
	qms_buf_release(&title);
	qms_table_release(&t);
}

/* ---- the correlation ---- */

void qms_correlation_format_json(struct qms_buf *out, const struct qms_correlation_table *k)
{
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_array(&j);
	for (size_t f = 0; f < k->from->nclauses; f++) {
		const struct qms_corr_entry *e = &k->entries[f];
		qms_json_object_inline(&j);
		qms_json_kv_string(&j, "from", k->from->clauses[f].number);
		qms_json_key(&j, "to");
		qms_json_array_inline(&j);
		for (size_t l = 0; l < e->nlinks; l++) {
			qms_json_object_inline(&j);
			qms_json_kv_string(&j, "clause", k->to->clauses[e->links[l].to].number);
			qms_json_kv_string(&j, "relation", qms_relation_names[e->links[l].relation]);
			qms_json_end(&j);
		}
		qms_json_end(&j);
		qms_json_end(&j);
	}
	qms_json_end(&j);
}

void qms_correlation_format_table(struct qms_buf *out, const struct qms_correlation_table *k, enum qms_lang lang,
				  enum qms_table_format fmt)
{
	const char *h[] = {"2008", qms_tr(lang, "Title"), "2015", qms_tr(lang, "Relation"), NULL};
	struct qms_table t;
	qms_table_init(&t, h);
	struct qms_buf to, rel;
	qms_buf_init(&to);
	qms_buf_init(&rel);
	for (size_t f = 0; f < k->from->nclauses; f++) {
		const struct qms_corr_entry *e = &k->entries[f];
		qms_buf_reset(&to);
		qms_buf_reset(&rel);
		for (size_t l = 0; l < e->nlinks; l++) {
			qms_buf_printf(&to, "%s%s", l ? ", " : "", k->to->clauses[e->links[l].to].number);
			qms_buf_printf(&rel, "%s%s", l ? ", " : "", relation_word(e->links[l].relation, lang));
		}
		if (!e->nlinks)
			qms_buf_adds(&to, "—");
		const char *row[] = {k->from->clauses[f].number, qms_clause_title(&k->from->clauses[f], lang), to.buf,
				     rel.buf};
		qms_table_add(&t, row);
	}
	qms_table_format(out, &t, fmt);
	qms_buf_release(&to);
	qms_buf_release(&rel);
	qms_table_release(&t);
}

/* ---- clauses in detail ---- */

/* "  -> ISO 9001:2015 8.2.3 Review of the requirements (equal)" for each
 * clause this one went to, "  <- ..." for each it came from. */
static void detail_correlation(struct qms_buf *b, const struct qms_correlation_table *k, const struct qms_catalog *c,
			       size_t idx, enum qms_lang lang)
{
	if (k->from == c) {
		const struct qms_corr_entry *e = &k->entries[idx];
		for (size_t l = 0; l < e->nlinks; l++)
			qms_buf_printf(b, "  -> %s %s %s (%s)\n", k->to->id, k->to->clauses[e->links[l].to].number,
				       qms_clause_title(&k->to->clauses[e->links[l].to], lang),
				       relation_word(e->links[l].relation, lang));
	}
	if (k->to != c)
		return;
	for (size_t f = 0; f < k->from->nclauses; f++) {
		const struct qms_corr_entry *e = &k->entries[f];
		for (size_t l = 0; l < e->nlinks; l++)
			if (e->links[l].to == idx)
				qms_buf_printf(b, "  <- %s %s %s (%s)\n", k->from->id, k->from->clauses[f].number,
					       qms_clause_title(&k->from->clauses[f], lang),
					       relation_word(e->links[l].relation, lang));
	}
	for (size_t l = 0; l < k->nnew; l++)
		if (k->new_clauses[l].clause == idx)
			qms_buf_printf(b, "  %s %s\n", qms_tr(lang, "new since"), k->from->id);
}

void qms_clause_format_detail(struct qms_buf *b, const struct qms_catalogs *cat, const struct qms_catalog *c,
			      size_t idx, enum qms_lang lang)
{
	const struct qms_clause *cl = &c->clauses[idx];
	bool vi = lang == QMS_LANG_VI; /* which of the catalog's question lists: data, not words */
	qms_buf_printf(b, "%s %s  %s\n", c->id, cl->number, qms_clause_title(cl, lang));
	qms_buf_printf(b, "  %s / %s\n", cl->en, cl->vi);
	qms_buf_printf(b, "  %s: %s\n", qms_tr(lang, "level"), level_word(cl->level, lang));
	if (cl->documented >= 0)
		qms_buf_printf(b, "  %s: %s (%s)\n", qms_tr(lang, "documented information"),
			       qms_documented_names[cl->documented], cl->evidence ? cl->evidence : "");
	const char **qs = vi && cl->nquestions_vi ? cl->questions_vi : cl->questions;
	size_t nq = vi && cl->nquestions_vi ? cl->nquestions_vi : cl->nquestions;
	for (size_t i = 0; i < nq; i++)
		qms_buf_printf(b, "  - %s\n", qs[i]);
	for (size_t i = 0; i < c->nclauses; i++)
		if (c->clauses[i].parent == idx)
			qms_buf_printf(b, "  %s %s\n", c->clauses[i].number, qms_clause_title(&c->clauses[i], lang));
	for (size_t t = 0; t < cat->ncorrs; t++)
		detail_correlation(b, &cat->corrs[t], c, idx, lang);
}

/* The links of clause idx of c in the other edition, both ways. */
static void json_correlation(struct qms_json *j, const struct qms_correlation_table *k, const struct qms_catalog *c,
			     size_t idx)
{
	for (size_t f = 0; f < k->from->nclauses; f++) {
		const struct qms_corr_entry *e = &k->entries[f];
		for (size_t l = 0; l < e->nlinks; l++) {
			bool from_here = k->from == c && f == idx;
			bool to_here = k->to == c && e->links[l].to == idx;
			if (!from_here && !to_here)
				continue;
			qms_json_object(j);
			qms_json_kv_string(j, "direction", from_here ? "to" : "from");
			qms_json_kv_string(j, "standard", from_here ? k->to->id : k->from->id);
			qms_json_kv_string(j, "clause",
					   from_here ? k->to->clauses[e->links[l].to].number
						     : k->from->clauses[f].number);
			qms_json_kv_string(j, "relation", qms_relation_names[e->links[l].relation]);
			qms_json_end(j);
		}
	}
}

/* A clause as JSON: number, titles, level, documented information, check
 * questions, sub-clauses and the clauses it corresponds to in the other
 * edition. */
static void clause_json(struct qms_json *j, const struct qms_catalogs *cat, const struct qms_catalog *c, size_t idx)
{
	const struct qms_clause *cl = &c->clauses[idx];
	qms_json_object(j);
	qms_json_kv_string(j, "standard", c->id);
	qms_json_kv_string(j, "clause", cl->number);
	qms_json_kv_string(j, "en", cl->en);
	qms_json_kv_string(j, "vi", cl->vi);
	qms_json_kv_string(j, "level", qms_clause_level_names[cl->level]);
	qms_json_kv_string(j, "documented", cl->documented >= 0 ? qms_documented_names[cl->documented] : NULL);
	qms_json_key(j, "questions");
	qms_json_array(j);
	for (size_t q = 0; q < cl->nquestions; q++)
		qms_json_string(j, cl->questions[q]);
	qms_json_end(j);
	qms_json_key(j, "subclauses");
	qms_json_array(j);
	for (size_t i = 0; i < c->nclauses; i++)
		if (c->clauses[i].parent == idx)
			qms_json_string(j, c->clauses[i].number);
	qms_json_end(j);
	qms_json_key(j, "correlation");
	qms_json_array(j);
	for (size_t t = 0; t < cat->ncorrs; t++)
		json_correlation(j, &cat->corrs[t], c, idx);
	qms_json_end(j);
	qms_json_end(j);
}

void qms_clauses_format_json(struct qms_buf *out, const struct qms_catalogs *cat, const struct qms_catalog *c,
			     const size_t *idx, size_t n)
{
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_array(&j);
	for (size_t i = 0; i < n; i++)
		clause_json(&j, cat, c, idx[i]);
	qms_json_end(&j);
}

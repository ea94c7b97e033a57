/* The outputs of `qms migrate`: the worklist as text, Markdown or JSON.
 * See migrate.h. */
#include "migrate.h"

#include <string.h>

#include "i18n.h"
#include "json.h"

/* ---- JSON ---- */

static const char *const carry_json[] = {"full", "partial", "none"};

/* The layout of this JSON (pinned by tests/cli/iso.t) is its own: the
 * outer object keeps "agency" on its first line and starts each list on
 * a line of its own indented one space, each element on a line indented
 * two, the closing bracket after the last element. The json.c writer
 * writes every element; the frame around them is written here. */
static void frame(struct qms_buf *out, const char *key, bool first)
{
	if (!first)
		qms_buf_adds(out, "],\n ");
	qms_buf_add_json_string(out, key);
	qms_buf_adds(out, ": [");
}

static void element(struct qms_buf *out, struct qms_json *j, size_t i)
{
	qms_buf_adds(out, i ? ",\n  " : "\n  ");
	qms_json_init_fragment(j, out);
	qms_json_object_inline(j);
}

/* where a 2008 clause went in 2015 */
static void json_links(struct qms_json *j, const struct qms_correlation_table *k, size_t old)
{
	qms_json_array_inline(j);
	for (size_t l = 0; old != SIZE_MAX && l < k->entries[old].nlinks; l++) {
		const struct qms_corr_link *link = &k->entries[old].links[l];
		qms_json_object_inline(j);
		qms_json_kv_string(j, "clause", k->to->clauses[link->to].number);
		qms_json_kv_string(j, "relation", qms_relation_names[link->relation]);
		qms_json_end(j);
	}
	qms_json_end(j);
}

static void json_document(struct qms_json *j, const struct qms_mig_doc *d, const struct qms_correlation_table *k)
{
	qms_json_kv_string(j, "file", d->path);
	qms_json_kv_string(j, "code", d->code);
	qms_json_key(j, "clauses");
	qms_json_array_inline(j);
	for (size_t i = 0; i < d->nrefs; i++) {
		const struct qms_mig_ref *r = &d->refs[i];
		qms_json_object_inline(j);
		qms_json_kv_string(j, "clause", r->clause);
		qms_json_kv_uint(j, "line", r->line);
		qms_json_kv_string(j, "carry", carry_json[r->carry]);
		qms_json_key(j, "to");
		json_links(j, k, r->old);
		qms_json_end(j);
	}
	qms_json_end(j);
}

static void json_new(struct qms_json *j, const struct qms_mig_new *n, const struct qms_correlation_table *k)
{
	qms_json_kv_string(j, "clause", k->to->clauses[n->clause].number);
	qms_json_kv_bool(j, "addressed", n->by);
	qms_json_key(j, "by");
	qms_json_array_inline(j);
	for (size_t i = 0; i < n->nby; i++)
		if (n->by[i].kind != QMS_COV_RECORDS) /* the procedure is listed already */
			qms_json_string(j, n->by[i].what);
	qms_json_end(j);
}

static void json_dropped(struct qms_json *j, const struct qms_mig_dropped *d, const struct qms_correlation_table *k)
{
	qms_json_kv_string(j, "clause", k->from->clauses[d->clause].number);
	qms_json_kv_string(j, "note", d->note ? d->note : "");
	qms_json_key(j, "still_cited_by");
	qms_json_array_inline(j);
	for (size_t i = 0; i < d->ncited; i++)
		qms_json_string(j, d->still_cited_by[i]);
	qms_json_end(j);
}

void qms_conversion_format_json(struct qms_buf *out, const struct qms_conversion *m)
{
	const struct qms_correlation_table *k = m->corr;
	struct qms_json j;
	qms_buf_adds(out, "{\"agency\": ");
	qms_json_init_fragment(&j, out);
	qms_json_string(&j, m->agency);
	qms_buf_adds(out, ", ");
	frame(out, "documents", true);
	for (size_t i = 0; i < m->ndocs; i++) {
		element(out, &j, i);
		json_document(&j, &m->docs[i], k);
		qms_json_end(&j);
	}
	frame(out, "new_requirements", false);
	for (size_t i = 0; i < m->nnews; i++) {
		element(out, &j, i);
		json_new(&j, &m->news[i], k);
		qms_json_end(&j);
	}
	frame(out, "no_longer_required", false);
	for (size_t i = 0; i < m->ndropped; i++) {
		element(out, &j, i);
		json_dropped(&j, &m->dropped[i], k);
		qms_json_end(&j);
	}
	qms_buf_adds(out, "]}\n");
}

/* ---- text ---- */

static const char *carry_word(enum qms_carry c, enum qms_lang lang)
{
	static const char *const words[] = {N_("carries over fully"), N_("carries over partly"),
					    N_("does not carry over")};
	return qms_tr(lang, words[c]);
}

void qms_conversion_format_text(struct qms_buf *b, const struct qms_conversion *m, enum qms_lang lang, const char *name,
				bool md)
{
	const struct qms_correlation_table *k = m->corr;
	const char *h = md ? "## " : "";
	qms_buf_printf(b, "%s%s %s -> %s: %s\n\n", md ? "# " : "", qms_tr(lang, "Conversion"), k->from->id, k->to->id,
		       name);
	qms_buf_printf(b, "%s1. %s (%zu)\n\n", h, qms_tr(lang, "Documents still on ISO 9001:2008"), m->ndocs);
	if (!m->ndocs)
		qms_buf_printf(b, "%s\n", qms_tr(lang, "None left."));
	for (size_t i = 0; i < m->ndocs; i++) {
		const struct qms_mig_doc *d = &m->docs[i];
		qms_buf_printf(b, "%s%s%s%s%s (%s)\n", md ? "- **" : "", d->code ? d->code : "system.yaml",
			       md ? "**" : "", d->title ? " " : "", d->title ? d->title : "", d->path);
		for (size_t j = 0; j < d->nrefs; j++) {
			const struct qms_mig_ref *r = &d->refs[j];
			qms_buf_printf(b, "%s    %s -> ", md ? "" : "", r->clause);
			if (r->old == SIZE_MAX || !k->entries[r->old].nlinks) {
				qms_buf_adds(b, "—");
			} else {
				const struct qms_corr_entry *e = &k->entries[r->old];
				for (size_t l = 0; l < e->nlinks; l++)
					qms_buf_printf(b, "%s%s %s", l ? ", " : "",
						       k->to->clauses[e->links[l].to].number,
						       qms_clause_title(&k->to->clauses[e->links[l].to], lang));
			}
			qms_buf_printf(b, ": %s\n",
				       r->old == SIZE_MAX ? qms_tr(lang, "not an ISO 9001:2008 clause")
							  : carry_word(r->carry, lang));
		}
	}
	qms_buf_printf(b, "\n%s2. %s\n\n", h, qms_tr(lang, "ISO 9001:2015 requirements to address afresh"));
	for (size_t i = 0; i < m->nnews; i++) {
		const struct qms_mig_new *n = &m->news[i];
		const struct qms_clause *cl = &k->to->clauses[n->clause];
		qms_buf_printf(b, "%s%s %s: ", md ? "- " : "    ", cl->number, qms_clause_title(cl, lang));
		if (n->by) {
			qms_buf_adds(b, qms_tr(lang, "addressed ("));
			for (size_t j = 0, shown = 0; j < n->nby && shown < 3; j++)
				if (n->by[j].kind != QMS_COV_RECORDS) /* the procedure is listed already */
					qms_buf_printf(b, "%s%s", shown++ ? ", " : "",
						       qms_cov_source_name(&n->by[j], lang));
			qms_buf_adds(b, ")\n");
		} else {
			qms_buf_printf(b, "%s\n", qms_tr(lang, "NOT YET"));
		}
	}
	qms_buf_printf(b, "\n%s3. %s\n\n", h, qms_tr(lang, "No longer required by ISO 9001:2015"));
	for (size_t i = 0; i < m->ndropped; i++) {
		const struct qms_mig_dropped *d = &m->dropped[i];
		const struct qms_clause *cl = &k->from->clauses[d->clause];
		qms_buf_printf(b, "%s%s %s: %s", md ? "- " : "    ", cl->number, qms_clause_title(cl, lang),
			       d->note ? _(d->note) : "");
		if (d->ncited) {
			qms_buf_adds(b, qms_tr(lang, " (still cited by "));
			for (size_t j = 0; j < d->ncited; j++)
				qms_buf_printf(b, "%s%s", j ? ", " : "", d->still_cited_by[j]);
			qms_buf_adds(b, ")");
		}
		qms_buf_addc(b, '\n');
	}
}

#include "migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "edit.h"
#include "fs.h"
#include "flow.h"
#include "i18n.h"
#include "iso.h"
#include "schema.h"
#include "source.h"

static enum qms_carry carry_of(const struct qms_correlation_table *t, size_t old)
{
	if (old == SIZE_MAX || !t->entries[old].nlinks)
		return QMS_CARRY_NONE;
	const struct qms_corr_entry *e = &t->entries[old];
	for (size_t i = 0; i < e->nlinks; i++)
		if (e->links[i].relation != QMS_REL_EQUAL && e->links[i].relation != QMS_REL_SUBSET)
			return QMS_CARRY_PARTIAL;
	return QMS_CARRY_FULL;
}

static void add_doc(struct qms_conversion *m, const char *path, const char *code, const char *title,
		    const struct qms_ref *refs, size_t nrefs)
{
	struct qms_mig_doc *d = &m->docs[m->ndocs++];
	d->path = path;
	d->code = code;
	d->title = title;
	d->refs = qms_arena_alloc(&m->arena, (nrefs ? nrefs : 1) * sizeof(*d->refs));
	for (size_t i = 0; i < nrefs; i++) {
		size_t old = qms_catalog_find(m->corr->from, refs[i].text);
		d->refs[d->nrefs++] =
			(struct qms_mig_ref){refs[i].text, refs[i].line, refs[i].col, old, carry_of(m->corr, old)};
	}
}

static int proc_cmp(const void *a, const void *b)
{
	const struct qms_index_process *x = *(const struct qms_index_process *const *)a;
	const struct qms_index_process *y = *(const struct qms_index_process *const *)b;
	return strcmp(x->code.text ? x->code.text : "", y->code.text ? y->code.text : "");
}

void qms_conversion_plan(struct qms_conversion *m, const struct qms_correlation_table *corr, const struct qms_index *ix,
			 const char *agency, const struct qms_system *sys, const char *sys_path)
{
	memset(m, 0, sizeof(*m));
	struct qms_arena *a = &m->arena;
	m->corr = corr;
	m->agency = qms_arena_strdup(a, agency);

	const struct qms_index_process **procs = qms_arena_alloc(a, (ix->nprocesses + 1) * sizeof(*procs));
	size_t nprocs = 0;
	for (size_t i = 0; i < ix->nprocesses; i++) {
		const struct qms_index_process *p = &ix->processes[i];
		if (p->agency.text && !strcmp(p->agency.text, agency) && p->standard_ref.text &&
		    !strcmp(p->standard_ref.text, corr->from->id))
			procs[nprocs++] = p;
	}
	qsort(procs, nprocs, sizeof(*procs), proc_cmp);
	m->docs = qms_arena_alloc(a, (nprocs + 1) * sizeof(*m->docs));
	if (sys && sys->standard.text && !strcmp(sys->standard.text, corr->from->id)) {
		/* the system's clause references: exclusions and documents */
		size_t n = sys->exclusions.len;
		for (size_t i = 0; i < sys->documents.len; i++)
			n += ((const struct qms_sys_document *)sys->documents.items)[i].clauses.len;
		struct qms_ref *refs = qms_arena_alloc(a, (n ? n : 1) * sizeof(*refs));
		size_t k = 0;
		for (size_t i = 0; i < sys->exclusions.len; i++) {
			const struct qms_value *v = &((const struct qms_exclusion *)sys->exclusions.items)[i].clause;
			if (v->text)
				refs[k++] = (struct qms_ref){qms_arena_strdup(a, v->text), v->line, v->col};
		}
		for (size_t i = 0; i < sys->documents.len; i++) {
			const struct qms_list *l = &((const struct qms_sys_document *)sys->documents.items)[i].clauses;
			for (size_t j = 0; j < l->len; j++) {
				const struct qms_value *v = &((const struct qms_value *)l->items)[j];
				if (v->text)
					refs[k++] = (struct qms_ref){qms_arena_strdup(a, v->text), v->line, v->col};
			}
		}
		add_doc(m, qms_arena_strdup(a, sys_path), NULL, NULL, refs, k);
	}
	for (size_t i = 0; i < nprocs; i++)
		add_doc(m, procs[i]->path, procs[i]->code.text, procs[i]->title.text, procs[i]->clauses.items,
			procs[i]->clauses.len);

	/* only what addresses a clause matters here, not its evidence: any date */
	struct qms_cov_input in = {
		.sys = sys && sys->standard.text && !strcmp(sys->standard.text, corr->to->id) ? sys : NULL,
		.sys_path = sys_path,
		.as_of = INT32_MAX,
	};
	qms_coverage_compute(&m->coverage, corr->to, ix, agency, &in);
	m->news = qms_arena_alloc(a, (corr->nnew ? corr->nnew : 1) * sizeof(*m->news));
	for (size_t i = 0; i < corr->nnew; i++) {
		struct qms_mig_new *n = &m->news[m->nnews++];
		n->clause = corr->new_clauses[i].clause;
		n->note = corr->new_clauses[i].note;
		/* addressed when every lowest-level clause under it is covered */
		const char *num = corr->to->clauses[n->clause].number;
		bool all = true, any = false;
		for (size_t r = 0; r < m->coverage.nrows; r++) {
			const struct qms_cov_row *row = &m->coverage.rows[r];
			if (!qms_clause_within(row->clause->number, num))
				continue;
			any = true;
			if (row->status == QMS_COV_MISSING)
				all = false;
			else if (!n->by && row->nsources) {
				n->by = row->sources;
				n->nby = row->nsources;
			}
		}
		if (!any || !all) {
			n->by = NULL;
			n->nby = 0;
		}
	}
	m->dropped = qms_arena_alloc(a, (corr->nno_longer ? corr->nno_longer : 1) * sizeof(*m->dropped));
	for (size_t i = 0; i < corr->nno_longer; i++) {
		struct qms_mig_dropped *d = &m->dropped[m->ndropped++];
		d->clause = corr->no_longer[i].clause;
		d->note = corr->no_longer[i].note;
		d->still_cited_by = qms_arena_alloc(a, (m->ndocs ? m->ndocs : 1) * sizeof(char *));
		for (size_t k = 0; k < m->ndocs; k++)
			for (size_t j = 0; j < m->docs[k].nrefs; j++)
				if (m->docs[k].refs[j].old != SIZE_MAX &&
				    qms_clause_within(m->docs[k].refs[j].clause,
						      corr->from->clauses[d->clause].number)) {
					d->still_cited_by[d->ncited++] =
						m->docs[k].code ? m->docs[k].code : "system.yaml";
					break;
				}
	}
}

void qms_conversion_release(struct qms_conversion *m)
{
	qms_coverage_release(&m->coverage);
	qms_arena_release(&m->arena);
	memset(m, 0, sizeof(*m));
}

size_t qms_conversion_translate(const struct qms_correlation_table *t, size_t old, size_t *out, size_t cap,
				bool *judgement)
{
	*judgement = false;
	if (old == SIZE_MAX || !t->entries[old].nlinks) {
		*judgement = true;
		return 0;
	}
	const struct qms_corr_entry *e = &t->entries[old];
	size_t n = 0;
	for (size_t i = 0; i < e->nlinks && n < cap; i++)
		if (e->links[i].relation != QMS_REL_INTERSECT)
			out[n++] = e->links[i].to;
		else
			*judgement = true;
	if (n == 0)
		for (size_t i = 0; i < e->nlinks && n < cap; i++)
			out[n++] = e->links[i].to;
	return n;
}

/* ---- rewriting a procedure ---- */

static const struct qms_node *key_of(const struct qms_node *map, const char *key)
{
	for (const struct qms_node *k = map ? map->first : NULL; k; k = k->next)
		if (!strcmp(k->text, key))
			return k;
	return NULL;
}

static int fail(char **err, const char *path, const char *what)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_printf(&b, "%s: %s", path, what);
	*err = qms_buf_detach(&b);
	return -1;
}

/* Errors a check of text finds (schema, flow, time, clauses). */
static size_t count_errors(const char *path, const char *text, size_t len, const struct qms_catalogs *cat,
			   struct qms_diags *diags)
{
	struct qms_doc *doc;
	if (qms_doc_parse(&doc, path, text, len, diags) < 0)
		return qms_diags_count(diags, QMS_ERROR);
	struct qms_document d;
	if (qms_document_decode(&d, doc, diags) == 0) {
		if (d.kind == QMS_KIND_PROCESS) {
			struct qms_time_settings ts = {.workday_hours = 8, .time_cut = 40};
			qms_process_check(&((const struct qms_process_file *)d.data)->process, path, &ts, diags);
		}
		qms_iso_check_document(cat, &d, path, diags);
		qms_document_release(&d);
	} else {
		qms_doc_free(doc);
	}
	return qms_diags_count(diags, QMS_ERROR);
}

/* The edition number one up, or a note asking for it. */
static int bump_edition(struct qms_edit *e, const struct qms_node *proc, const char *path, struct qms_buf *notes)
{
	const struct qms_node *edition = qms_node_get(proc, "edition");
	if (!edition || edition->type != QMS_NODE_SCALAR) {
		qms_buf_printf(notes, _("%s: no 'edition': give the converted procedure its edition number\n"), path);
		return 0;
	}
	char *end;
	long n = strtol(edition->text, &end, 10);
	if (end == edition->text || *end || n < 1)
		return 0;
	char buf[24];
	snprintf(buf, sizeof(buf), "%ld", n + 1);
	return qms_edit_set_scalar(e, edition, buf);
}

/* The note for a clause the table cannot convert alone: no counterpart,
 * or counterparts that overlap it only in part. */
static void note_judgement(struct qms_buf *notes, const char *path, const struct qms_correlation_table *corr,
			   const struct qms_node *it, size_t old)
{
	const struct qms_corr_entry *ce = old == SIZE_MAX ? NULL : &corr->entries[old];
	if (!ce || !ce->nlinks) {
		qms_buf_printf(notes,
			       _("%s:%u:%u: %s %s has no counterpart in %s; decide what the procedure implements "
				 "instead%s%s\n"),
			       path, it->line, it->col, corr->from->id, it->text, corr->to->id,
			       ce && ce->note ? ": " : "", ce && ce->note ? _(ce->note) : "");
		return;
	}
	for (size_t k = 0; k < ce->nlinks; k++) {
		if (ce->links[k].relation != QMS_REL_INTERSECT)
			continue;
		const struct qms_clause *to = &corr->to->clauses[ce->links[k].to];
		qms_buf_printf(notes,
			       _("%s:%u:%u: %s %s overlaps %s %s \"%s\" only in part; add it if the procedure "
				 "implements it\n"),
			       path, it->line, it->col, corr->from->id, it->text, corr->to->id, to->number,
			       qms_lang_get() == QMS_LANG_VI && to->vi ? to->vi : to->en);
	}
}

/* First pass over `clauses`: each item becomes its first counterpart (so
 * the comment on its line still fits it), an item whose counterparts are
 * all there already is removed; further counterparts go to extra[] (the
 * caller's, room for 8 per item + 8), appended in a second pass: one edit
 * does not both remove and add items of a list. */
static int convert_clauses(struct qms_edit *e, const struct qms_node *clauses, const struct qms_correlation_table *corr,
			   const char *path, struct qms_buf *notes, const char **extra, size_t *nextra)
{
	const char **seen = qms_xcalloc(clauses->count * 8 + 8, sizeof(*seen));
	size_t nseen = 0;
	int r = 0;
	for (const struct qms_node *it = clauses->first; it && r == 0; it = it->next) {
		if (it->type != QMS_NODE_SCALAR)
			continue;
		size_t old = qms_catalog_find(corr->from, it->text);
		size_t to[8];
		bool judgement;
		size_t n = qms_conversion_translate(corr, old, to, 8, &judgement);
		const char *first = NULL;
		for (size_t k = 0; k < n; k++) {
			const char *num = corr->to->clauses[to[k]].number;
			bool dup = false;
			for (size_t f = 0; f < nseen; f++)
				dup |= !strcmp(seen[f], num);
			if (dup)
				continue;
			seen[nseen++] = num;
			if (!first)
				first = num;
			else
				extra[(*nextra)++] = num;
		}
		if (judgement)
			note_judgement(notes, path, corr, it, old);
		r = first ? qms_edit_set_scalar(e, it, first) : qms_edit_seq_remove(e, clauses, it);
	}
	free(seen);
	return r;
}

/* Second pass: appends extra[] to the clauses of the text in *out. */
static int append_clauses(struct qms_buf *out, const char *path, const char *const *extra, size_t nextra,
			  struct qms_diags *diags, char **err)
{
	struct qms_doc *doc = NULL;
	struct qms_edit e;
	struct qms_buf text;
	qms_buf_init(&text);
	int r = qms_doc_parse(&doc, path, out->buf, out->len, diags);
	const struct qms_node *c = r == 0 ? qms_node_get(qms_node_get(doc->root, "process"), "clauses") : NULL;
	if (c && c->type == QMS_NODE_SEQ) {
		qms_edit_init(&e, doc, out->buf, out->len);
		for (size_t k = 0; k < nextra && r == 0; k++) {
			struct qms_yval v = {.type = QMS_YVAL_SCALAR, .text = extra[k]};
			r = qms_edit_seq_append(&e, c, &v);
		}
		if (r == 0)
			r = qms_edit_apply(&e, &text);
		if (r < 0)
			fail(err, path, e.error ? e.error : _("cannot add the clauses"));
		qms_edit_release(&e);
	} else {
		r = -1;
		fail(err, path, _("the converted text cannot be read back"));
	}
	qms_doc_free(doc);
	if (r == 0) {
		qms_buf_reset(out);
		qms_buf_add(out, text.buf, text.len);
	}
	qms_buf_release(&text);
	return r;
}

/* -1 with *err when the converted text would not pass the check. */
static int check_converted(const char *path, const struct qms_buf *out, const struct qms_catalogs *cat, char **err)
{
	struct qms_diags after;
	qms_diags_init(&after);
	size_t errors = count_errors(path, out->buf, out->len, cat, &after);
	if (errors) {
		struct qms_buf m;
		qms_buf_init(&m);
		qms_buf_printf(
			&m,
			qms_ngettext("left unchanged: the converted file would have %zu error: ",
				     "left unchanged: the converted file would have %zu errors, the first: ", errors),
			errors);
		for (size_t i = 0; i < after.len; i++)
			if (qms_rule_get(after.items[i].rule)->severity == QMS_ERROR) {
				qms_diag_format(&m, &after.items[i]);
				break;
			}
		fail(err, path, m.buf);
		qms_buf_release(&m);
	}
	qms_diags_release(&after);
	return errors ? -1 : 0;
}

/* The converted text of the procedure `doc` (read from `text`) in *out: 1
 * when it is not written to corr->from, -1 with *err. */
static int convert_text(const char *path, struct qms_doc *doc, const struct qms_buf *text,
			const struct qms_correlation_table *corr, struct qms_buf *out, struct qms_buf *notes,
			struct qms_diags *diags, char **err)
{
	const struct qms_node *proc = qms_node_get(doc->root, "process");
	const struct qms_node *std_key = key_of(proc, "standard");
	if (!proc || !std_key || std_key->value->type != QMS_NODE_SCALAR ||
	    strcmp(std_key->value->text, corr->from->id))
		return 1;
	struct qms_edit e;
	qms_edit_init(&e, doc, text->buf, text->len);
	const struct qms_node *clauses = qms_node_get(proc, "clauses");
	bool list = clauses && clauses->type == QMS_NODE_SEQ;
	const char **extra = list ? qms_xcalloc(clauses->count * 8 + 8, sizeof(*extra)) : NULL;
	size_t nextra = 0;
	int rc = qms_edit_set_scalar(&e, std_key->value, corr->to->id);
	if (rc == 0)
		rc = bump_edition(&e, proc, path, notes);
	if (rc == 0)
		qms_buf_printf(notes, _("%s: set 'effective' to the date the converted edition takes effect\n"), path);
	if (rc == 0 && list)
		rc = convert_clauses(&e, clauses, corr, path, notes, extra, &nextra);
	if (rc == 0)
		rc = qms_edit_apply(&e, out);
	if (rc < 0)
		fail(err, path, e.error);
	else if (nextra)
		rc = append_clauses(out, path, extra, nextra, diags, err);
	qms_edit_release(&e);
	free(extra);
	return rc;
}

int qms_conversion_apply(const char *path, const struct qms_catalogs *cat, const struct qms_correlation_table *corr,
			 struct qms_buf *notes, char **err)
{
	/* A procedure that is a link: lock and replace the file it points to
	 * (fs.h's policy, as for the edits of qms audit). */
	char *real = qms_file_resolve(path, err);
	if (!real)
		return -1;
	int lock = qms_file_lock(real, err);
	if (lock < 0) {
		free(real);
		return -1;
	}
	int rc = -1;
	struct qms_buf text, out;
	qms_buf_init(&text);
	qms_buf_init(&out);
	struct qms_doc *doc = NULL;
	struct qms_diags diags;
	qms_diags_init(&diags);
	if (qms_file_read(&text, real, err) < 0)
		goto out;
	if (qms_doc_parse(&doc, path, text.buf, text.len, &diags) < 0) {
		rc = fail(err, path, _("cannot be read as YAML; run 'qms check' on it first"));
		goto out;
	}
	rc = convert_text(path, doc, &text, corr, &out, notes, &diags, err);
	if (rc != 0)
		goto out;
	/* the rewritten file must pass the check */
	rc = check_converted(path, &out, cat, err);
	if (rc == 0)
		rc = qms_file_write_atomic(real, out.buf, out.len, 0, err) < 0 ? -1 : 0;
	if (rc == 0) { /* what this process kept of the file is old now: read it again */
		qms_source_forget(qms_source_installed(), path);
		qms_source_forget(qms_source_installed(), real);
	}
out:
	qms_doc_free(doc);
	qms_diags_release(&diags);
	qms_buf_release(&text);
	qms_buf_release(&out);
	qms_file_unlock(lock);
	free(real);
	return rc;
}

size_t qms_conversion_apply_agency(const struct qms_index *ix, const char *agency, const struct qms_catalogs *cat,
				   const struct qms_correlation_table *corr, struct qms_buf *notes,
				   qms_conversion_report_fn *report, void *ctx)
{
	size_t failed = 0;
	for (size_t i = 0; i < ix->nprocesses; i++) {
		const struct qms_index_process *p = &ix->processes[i];
		if (!p->agency.text || strcmp(p->agency.text, agency) || p->standard != QMS_STD_2008)
			continue;
		char *err = NULL;
		int r = qms_conversion_apply(p->path, cat, corr, notes, &err);
		failed += r < 0;
		if (report)
			report(ctx, p->path, r, err);
		free(err);
	}
	return failed;
}

#include "rules.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "iso.h"
#include "report.h"
#include "tracker.h"

bool qms_rules_need_index(enum qms_kind kind)
{
	return kind == QMS_KIND_AGENCY || kind == QMS_KIND_SYSTEM;
}

void qms_rules_document(const struct qms_index *ix, const struct qms_catalogs *cat, const struct qms_document *d,
			const char *path, struct qms_diags *diags)
{
	switch (d->kind) {
	case QMS_KIND_SYSTEM:
		qms_iso_check_system(cat, ix, &((const struct qms_system_file *)d->data)->system, path, diags);
		break;
	case QMS_KIND_AGENCY: qms_tracker_check(ix, d->data, path, diags); break;
	default: break;
	}
}

struct code_entry {
	const char *code;
	size_t process;
};

static int code_entry_cmp(const void *pa, const void *pb)
{
	const struct code_entry *a = pa, *b = pb;
	int c = strcmp(a->code, b->code);
	return c ? c : (a->process < b->process ? -1 : a->process > b->process);
}

static void unique_codes(const struct qms_index *ix, struct qms_diags *diags)
{
	struct code_entry *codes = qms_xmalloc((ix->nprocesses ? ix->nprocesses : 1) * sizeof(*codes));
	size_t n = 0;
	for (size_t i = 0; i < ix->nprocesses; i++)
		if (ix->processes[i].code.text)
			codes[n++] = (struct code_entry){ix->processes[i].code.text, i};
	qsort(codes, n, sizeof(*codes), code_entry_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !strcmp(codes[i].code, codes[j].code))
			j++;
		for (size_t a = i; j - i > 1 && a < j; a++) {
			const struct qms_index_process *p = &ix->processes[codes[a].process];
			const struct qms_index_process *o = &ix->processes[codes[a == i ? i + 1 : i].process];
			qms_diags_add(diags, p->path, p->code.line, p->code.col, QMS_RULE_F012,
				      "process code '%s' is also used by %s:%u:%u", p->code.text, o->path, o->code.line,
				      o->code.col);
		}
		i = j;
	}
	free(codes);
}

/* An id that names files: a procedure code or an agency id. */
struct named {
	const char *path;
	const struct qms_ref *id;
};

static int named_case_cmp(const void *pa, const void *pb)
{
	const struct named *a = pa, *b = pb;
	int c = strcasecmp(a->id->text, b->id->text);
	if (!c)
		c = strcmp(a->id->text, b->id->text);
	return c ? c : strcmp(a->path, b->path);
}

/* Ids that differ only in letter case name one file on a file system that
 * ignores case (Windows, macOS): diagrams/<code>.svg, audits/<id>.yaml. */
static void case_collisions(struct named *v, size_t n, bool codes, struct qms_diags *diags)
{
	qsort(v, n, sizeof(*v), named_case_cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && !strcasecmp(v[i].id->text, v[j].id->text))
			j++;
		for (size_t a = i; a < j; a++) {
			size_t b = i;
			while (b < j && !strcmp(v[a].id->text, v[b].id->text))
				b++;
			if (b == j)
				continue;
			const struct named *x = &v[a], *y = &v[b];
			if (codes)
				qms_diags_add(diags, x->path, x->id->line, x->id->col, QMS_RULE_F016,
					      "process code '%s' differs from '%s' (%s:%u:%u) only in letter case: "
					      "on Windows or macOS their files would be one",
					      x->id->text, y->id->text, y->path, y->id->line, y->id->col);
			else
				qms_diags_add(diags, x->path, x->id->line, x->id->col, QMS_RULE_F016,
					      "agency id '%s' differs from '%s' (%s:%u:%u) only in letter case: "
					      "on Windows or macOS their files would be one",
					      x->id->text, y->id->text, y->path, y->id->line, y->id->col);
		}
		i = j;
	}
}

static void distinct_names(const struct qms_index *ix, struct qms_diags *diags)
{
	size_t cap = (ix->nprocesses > ix->nagencies ? ix->nprocesses : ix->nagencies) + 1;
	struct named *v = qms_xmalloc(cap * sizeof(*v));
	size_t n = 0;
	for (size_t i = 0; i < ix->nprocesses; i++)
		if (ix->processes[i].code.text)
			v[n++] = (struct named){ix->processes[i].path, &ix->processes[i].code};
	case_collisions(v, n, true, diags);
	n = 0;
	for (size_t i = 0; i < ix->nagencies; i++)
		if (ix->agencies[i].id.text)
			v[n++] = (struct named){ix->agencies[i].path, &ix->agencies[i].id};
	case_collisions(v, n, false, diags);
	free(v);
}

/* The lane's own procedure: in the workspace, of the lane's agency, and
 * its committed limit not shorter than the agency's share (D006, D007). */
static void check_lane_procedure(const struct qms_index *ix, const struct qms_index_process *p,
				 const struct qms_index_lane *l, struct qms_diags *diags)
{
	const struct qms_ref *pr = &l->procedure;
	const struct qms_index_process *own = qms_index_find_process(ix, pr->text);
	if (!own) {
		qms_diags_add(diags, p->path, pr->line, pr->col, QMS_RULE_D006,
			      "no procedure with code '%s' in the workspace; name the procedure agency '%s' follows "
			      "for its part",
			      pr->text, l->agency.text);
		return;
	}
	if (!own->agency.text || strcmp(own->agency.text, l->agency.text)) {
		qms_diags_add(diags, p->path, pr->line, pr->col, QMS_RULE_D006,
			      "procedure '%s' belongs to agency '%s', not to the lane's agency '%s'", pr->text,
			      own->agency.text ? own->agency.text : "?", l->agency.text);
		return;
	}
	if (l->hours < 0 || own->committed_h < 0 || l->hours <= own->committed_h + 1e-9)
		return;
	double wh = ix->settings.time.workday_hours;
	struct qms_buf a, b;
	qms_buf_init(&a);
	qms_buf_init(&b);
	qms_report_add_hours(&a, l->hours, wh, qms_lang_get());
	qms_report_add_hours(&b, own->committed_h, wh, qms_lang_get());
	qms_diags_add(diags, p->path, pr->line, pr->col, QMS_RULE_D007,
		      "the steps of '%s' take up to %s, more than the %s its own procedure %s commits to",
		      l->agency.text, a.buf, b.buf, pr->text);
	qms_buf_release(&a);
	qms_buf_release(&b);
}

/* Lanes of other agencies: the agency exists (D005), then its procedure. */
static void check_lanes(const struct qms_index *ix, const char **agencies, struct qms_diags *diags)
{
	if (!ix->has_audits && !ix->nagencies)
		return; /* F014 says the agencies cannot be checked */
	for (size_t i = 0; i < ix->nprocesses; i++) {
		const struct qms_index_process *p = &ix->processes[i];
		for (size_t k = 0; k < p->nlanes; k++) {
			const struct qms_index_lane *l = &p->lanes[k];
			if (!qms_index_find_agency(ix, l->agency.text)) {
				const char *close = qms_closest(l->agency.text, agencies, ix->nagencies);
				if (close)
					qms_diags_add(diags, p->path, l->agency.line, l->agency.col, QMS_RULE_D005,
						      "lane agency '%s' has no tracker in audits/; did you mean '%s'? "
						      "(a body outside the workspace goes under 'body')",
						      l->agency.text, close);
				else
					qms_diags_add(diags, p->path, l->agency.line, l->agency.col, QMS_RULE_D005,
						      "lane agency '%s' has no tracker in audits/; for a body outside "
						      "the workspace write 'body:' with its name",
						      l->agency.text);
				continue;
			}
			if (l->procedure.text)
				check_lane_procedure(ix, p, l, diags);
		}
	}
}

void qms_rules_workspace(const struct qms_index *ix, struct qms_diags *diags)
{
	unique_codes(ix, diags);
	distinct_names(ix, diags);
	qms_iso_check_workspace(ix, diags);
	qms_rules_times(ix, diags);

	const char **codes = qms_xmalloc((ix->nprocesses ? ix->nprocesses : 1) * sizeof(*codes));
	for (size_t i = 0; i < ix->nprocesses; i++)
		codes[i] = ix->processes[i].code.text;
	const char **agencies = qms_xmalloc((ix->nagencies ? ix->nagencies : 1) * sizeof(*agencies));
	for (size_t i = 0; i < ix->nagencies; i++)
		agencies[i] = ix->agencies[i].id.text;
	unsigned suggestions_left = 200; /* bound the cost on huge broken workspaces */

	for (size_t i = 0; i < ix->nprocesses; i++) {
		const struct qms_index_process *p = &ix->processes[i];
		for (size_t k = 0; k < p->calls.len; k++) {
			const struct qms_ref *c = &p->calls.items[k];
			if (qms_index_find_process(ix, c->text))
				continue;
			const char *close = NULL;
			if (suggestions_left) {
				suggestions_left--;
				close = qms_closest(c->text, codes, ix->nprocesses);
			}
			if (close)
				qms_diags_add(diags, p->path, c->line, c->col, QMS_RULE_F011,
					      "no procedure with code '%s' in the workspace; did you mean '%s'?",
					      c->text, close);
			else
				qms_diags_add(diags, p->path, c->line, c->col, QMS_RULE_F011,
					      "no procedure with code '%s' in the workspace", c->text);
		}
	}

	/* Agencies of procedures and systems: in audits/ when there is one. */
	for (size_t n = 0; n < ix->nprocesses + ix->nsystems; n++) {
		const char *path;
		const struct qms_ref *agency;
		if (n < ix->nprocesses) {
			path = ix->processes[n].path;
			agency = &ix->processes[n].agency;
		} else {
			path = ix->systems[n - ix->nprocesses].path;
			agency = &ix->systems[n - ix->nprocesses].agency;
		}
		if (!agency->text)
			continue;
		if (!ix->has_audits && !ix->nagencies) {
			qms_diags_add(diags, path, agency->line, agency->col, QMS_RULE_F014,
				      "agency '%s' cannot be checked: the workspace has no audits/ folder",
				      agency->text);
			continue;
		}
		if (qms_index_find_agency(ix, agency->text))
			continue;
		const char *close = NULL;
		if (suggestions_left) {
			suggestions_left--;
			close = qms_closest(agency->text, agencies, ix->nagencies);
		}
		if (close)
			qms_diags_add(diags, path, agency->line, agency->col, QMS_RULE_F013,
				      "agency '%s' has no tracker in audits/; did you mean '%s'?", agency->text, close);
		else
			qms_diags_add(diags, path, agency->line, agency->col, QMS_RULE_F013,
				      "agency '%s' has no tracker in audits/; add audits/%s.yaml", agency->text,
				      agency->text);
	}
	check_lanes(ix, agencies, diags);
	free(codes);
	free(agencies);
}

#include "iso.h"
#include "i18n.h"

#include <stdint.h>
#include <string.h>

#include "coverage.h"

static void check_clause_list(const struct qms_catalogs *cat, const char *standard, const struct qms_list *l,
			      const char *path, struct qms_diags *diags)
{
	for (size_t i = 0; i < l->len; i++) {
		const struct qms_value *v = &((const struct qms_value *)l->items)[i];
		if (v->text)
			qms_clause_check(cat, standard, v->text, v->line, v->col, path, diags);
	}
}

static void not_converted(const struct qms_value *standard, const char *what, const char *path, struct qms_diags *diags)
{
	if (standard->text && standard->choice == QMS_STD_2008)
		qms_diags_add(diags, path, standard->line, standard->col, QMS_RULE_C003,
			      "this %s is still on ISO 9001:2008; 'qms migrate' lists what converting it takes",
			      _(what));
}

static void check_process(const struct qms_catalogs *cat, const struct qms_process *p, const char *path,
			  struct qms_diags *diags)
{
	if (!p->standard.text)
		return;
	not_converted(&p->standard, N_("procedure"), path, diags);
	check_clause_list(cat, p->standard.text, &p->clauses, path, diags);
}

static void check_system(const struct qms_catalogs *cat, const struct qms_system *s, const char *path,
			 struct qms_diags *diags)
{
	if (!s->standard.text)
		return;
	not_converted(&s->standard, N_("system"), path, diags);
	for (size_t i = 0; i < s->exclusions.len; i++) {
		const struct qms_exclusion *e = &((const struct qms_exclusion *)s->exclusions.items)[i];
		if (!e->clause.text)
			continue;
		if (!qms_clause_check(cat, s->standard.text, e->clause.text, e->clause.line, e->clause.col, path,
				      diags))
			continue;
		if (s->standard.choice != QMS_STD_2015)
			continue;
		if (qms_clause_of_system(e->clause.text))
			qms_diags_add(diags, path, e->clause.line, e->clause.col, QMS_RULE_C004,
				      "clause %s is part of the management system itself (4, 5, 6, 7.5, 9, 10) and "
				      "cannot be declared not applicable",
				      e->clause.text);
		else if (!qms_clause_within(e->clause.text, "8.3"))
			/* 8.3 is what a state agency is expected to declare: the law,
			 * not the agency, designs its TTHC. Any other requirement of 7
			 * or 8 bears on its services: the justification must show why
			 * not */
			qms_diags_add(diags, path, e->clause.line, e->clause.col, QMS_RULE_C007,
				      "clause %s is declared not applicable: ISO 9001:2015 4.3 allows it only when it "
				      "does not affect the conformity of the services or the satisfaction of citizens; "
				      "the justification must show that",
				      e->clause.text);
	}
	for (size_t i = 0; i < s->documents.len; i++) {
		const struct qms_sys_document *d = &((const struct qms_sys_document *)s->documents.items)[i];
		check_clause_list(cat, s->standard.text, &d->clauses, path, diags);
	}
}

static void check_tracker(const struct qms_catalogs *cat, const struct qms_agency_file *a, const char *path,
			  struct qms_diags *diags)
{
	for (size_t i = 0; i < a->audits.len; i++) {
		const struct qms_audit *au = &((const struct qms_audit *)a->audits.items)[i];
		/* an audit without `standard` is against the current edition */
		const char *standard = au->standard.text ? au->standard.text : "ISO 9001:2015";
		for (size_t k = 0; k < au->findings.len; k++) {
			const struct qms_finding *f = &((const struct qms_finding *)au->findings.items)[k];
			if (f->clause.text)
				qms_clause_check(cat, standard, f->clause.text, f->clause.line, f->clause.col, path,
						 diags);
		}
	}
}

void qms_iso_check_document(const struct qms_catalogs *cat, const struct qms_document *d, const char *path,
			    struct qms_diags *diags)
{
	switch (d->kind) {
	case QMS_KIND_PROCESS:
		check_process(cat, &((const struct qms_process_file *)d->data)->process, path, diags);
		break;
	case QMS_KIND_SYSTEM: check_system(cat, &((const struct qms_system_file *)d->data)->system, path, diags); break;
	case QMS_KIND_AGENCY: check_tracker(cat, d->data, path, diags); break;
	default: break;
	}
}

static const char *const documented_words[] = {
	[QMS_DOC_MAINTAIN] = N_("to maintain"),
	[QMS_DOC_RETAIN] = N_("to retain"),
	[QMS_DOC_MAINTAIN_AND_RETAIN] = N_("to maintain and retain"),
	[QMS_DOC_PROCEDURE] = N_("a documented procedure for"),
};

void qms_iso_check_system(const struct qms_catalogs *cat, const struct qms_index *ix, const struct qms_system *sys,
			  const char *path, struct qms_diags *diags)
{
	if (!sys->agency.text || !sys->standard.text || sys->standard.choice != QMS_STD_2015)
		return;
	const struct qms_catalog *c = qms_catalogs_find(cat, sys->standard.text);
	if (!c)
		return;
	struct qms_coverage cov;
	/* C006 is about what addresses a clause, not its evidence: any date */
	struct qms_cov_input in = {.sys = sys, .sys_path = path, .as_of = INT32_MAX};
	qms_coverage_compute(&cov, c, ix, sys->agency.text, &in);
	for (size_t i = 0; i < cov.nrows; i++) {
		const struct qms_cov_row *row = &cov.rows[i];
		const struct qms_clause *cl = row->clause;
		if (row->status != QMS_COV_MISSING || cl->documented < 0)
			continue;
		qms_diags_add(diags, path, sys->obj.line, sys->obj.col, QMS_RULE_C006,
			      "%s %s \"%s\" asks the agency %s documented information (%s); nothing in system.yaml, "
			      "its documents or its procedures is tagged with it",
			      c->id, cl->number, qms_lang_get() == QMS_LANG_VI && cl->vi ? cl->vi : cl->en,
			      _(documented_words[cl->documented]),
			      qms_lang_get() == QMS_LANG_VI && cl->evidence_vi ? cl->evidence_vi
			      : cl->evidence                                   ? cl->evidence
									       : _("see the standard"));
	}
	qms_coverage_release(&cov);
}

void qms_iso_check_workspace(const struct qms_index *ix, struct qms_diags *diags)
{
	for (size_t s = 0; s < ix->nsystems; s++) {
		const struct qms_index_system *sys = &ix->systems[s];
		if (!sys->agency.text || !sys->exclusions.len)
			continue;
		for (size_t i = 0; i < ix->nprocesses; i++) {
			const struct qms_index_process *p = &ix->processes[i];
			if (!p->agency.text || strcmp(p->agency.text, sys->agency.text) || p->standard != sys->standard)
				continue;
			for (size_t k = 0; k < p->clauses.len; k++) {
				const struct qms_ref *t = &p->clauses.items[k];
				for (size_t e = 0; e < sys->exclusions.len; e++) {
					const struct qms_ref *x = &sys->exclusions.items[e];
					if (!qms_clause_within(t->text, x->text))
						continue;
					qms_diags_add(diags, p->path, t->line, t->col, QMS_RULE_C005,
						      "clause %s is declared not applicable in %s:%u:%u (exclusion of "
						      "%s); remove one of the two",
						      t->text, sys->path, x->line, x->col, x->text);
					break;
				}
			}
		}
	}
}

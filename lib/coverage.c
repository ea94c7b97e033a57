#include "coverage.h"

#include <string.h>

/* What each field of system.yaml is, in clause terms. */
static const struct {
	const char *field;
	const char *clause;
} system_fields[] = {
	{"context", "4.1"},
	{"interested_parties", "4.2"},
	{"scope", "4.3"},
	{"exclusions", "4.3"},
	{"policy", "5.2"},
	{"risks", "6.1"},
	{"objectives", "6.2"},
	{"knowledge", "7.1.6"},
};

const char *qms_system_field_clause(const char *field)
{
	for (size_t i = 0; i < QMS_ARRAY_LEN(system_fields); i++)
		if (!strcmp(system_fields[i].field, field))
			return system_fields[i].clause;
	return NULL;
}

static bool field_present(const struct qms_system *s, const char *field, uint32_t *line, uint32_t *col)
{
	const struct qms_value *v = NULL;
	const struct qms_list *l = NULL;
	const struct qms_obj *o = NULL;
	if (!strcmp(field, "scope"))
		v = &s->scope;
	else if (!strcmp(field, "policy"))
		v = &s->policy;
	else if (!strcmp(field, "context"))
		o = &s->context.obj;
	else if (!strcmp(field, "interested_parties"))
		l = &s->interested_parties;
	else if (!strcmp(field, "exclusions"))
		l = &s->exclusions;
	else if (!strcmp(field, "risks"))
		l = &s->risks;
	else if (!strcmp(field, "objectives"))
		l = &s->objectives;
	else if (!strcmp(field, "knowledge"))
		l = &s->knowledge;
	if (v && v->text) {
		*line = v->line;
		*col = v->col;
		return true;
	}
	if (l && l->len) {
		*line = l->line;
		*col = l->col;
		return true;
	}
	if (o && o->present) {
		*line = o->line;
		*col = o->col;
		return true;
	}
	return false;
}

static void add_source(struct qms_coverage *c, struct qms_cov_row *row, struct qms_cov_source src)
{
	/* rows are filled once per source kind, at most a few dozen each */
	struct qms_cov_source *n = qms_arena_alloc(&c->arena, (row->nsources + 1) * sizeof(*n));
	if (row->nsources)
		memcpy(n, row->sources, row->nsources * sizeof(*n));
	n[row->nsources++] = src;
	row->sources = n;
}

void qms_coverage_compute(struct qms_coverage *out, const struct qms_catalog *cat,
			  const struct qms_index *ix, const char *agency, const struct qms_system *sys,
			  const char *sys_path)
{
	memset(out, 0, sizeof(*out));
	struct qms_arena *a = &out->arena;
	out->catalog = cat;
	out->agency = qms_arena_strdup(a, agency);
	out->system_path = sys_path ? qms_arena_strdup(a, sys_path) : NULL;
	out->rows = qms_arena_alloc(a, (cat->nclauses ? cat->nclauses : 1) * sizeof(*out->rows));
	for (size_t i = 0; i < cat->nclauses; i++)
		if (cat->clauses[i].leaf)
			out->rows[out->nrows++].clause = &cat->clauses[i];
	/* the agency's procedures on this edition, once */
	const struct qms_index_process **procs =
		qms_arena_alloc(a, (ix->nprocesses ? ix->nprocesses : 1) * sizeof(*procs));
	size_t nprocs = 0;
	for (size_t i = 0; i < ix->nprocesses; i++) {
		const struct qms_index_process *p = &ix->processes[i];
		if (p->agency.text && !strcmp(p->agency.text, agency) && p->standard_ref.text &&
		    !strcmp(p->standard_ref.text, cat->id))
			procs[nprocs++] = p;
	}

	for (size_t r = 0; r < out->nrows; r++) {
		struct qms_cov_row *row = &out->rows[r];
		const char *num = row->clause->number;
		if (sys) {
			for (size_t i = 0; i < sys->exclusions.len; i++) {
				const struct qms_exclusion *e = &((const struct qms_exclusion *)sys->exclusions.items)[i];
				if (e->clause.text && qms_clause_within(num, e->clause.text) && !row->justification) {
					row->justification = e->justification.text ?
						qms_arena_strdup(a, e->justification.text) : "";
					row->excluded_as = qms_arena_strdup(a, e->clause.text);
					row->line = e->clause.line;
					row->col = e->clause.col;
				}
			}
			for (size_t i = 0; i < QMS_ARRAY_LEN(system_fields); i++) {
				uint32_t line, col;
				if (!qms_clause_within(num, system_fields[i].clause) ||
				    !field_present(sys, system_fields[i].field, &line, &col))
					continue;
				add_source(out, row, (struct qms_cov_source){QMS_COV_FIELD, system_fields[i].field,
					NULL, system_fields[i].clause, out->system_path, line, col});
			}
			for (size_t i = 0; i < sys->documents.len; i++) {
				const struct qms_sys_document *d = &((const struct qms_sys_document *)sys->documents.items)[i];
				for (size_t k = 0; k < d->clauses.len; k++) {
					const struct qms_value *v = &((const struct qms_value *)d->clauses.items)[k];
					if (!v->text || !qms_clause_within(num, v->text))
						continue;
					add_source(out, row, (struct qms_cov_source){QMS_COV_DOCUMENT,
						d->id.text ? qms_arena_strdup(a, d->id.text) : "?",
						d->title.text ? qms_arena_strdup(a, d->title.text) : NULL,
						qms_arena_strdup(a, v->text), out->system_path, v->line, v->col});
					break;
				}
			}
		}
		for (size_t i = 0; i < nprocs; i++) {
			const struct qms_index_process *p = procs[i];
			for (size_t k = 0; k < p->clauses.len; k++) {
				const struct qms_ref *t = &p->clauses.items[k];
				if (!qms_clause_within(num, t->text))
					continue;
				add_source(out, row, (struct qms_cov_source){QMS_COV_PROCESS,
					p->code.text ? p->code.text : "?", p->title.text, t->text, p->path,
					t->line, t->col});
				break;
			}
		}
		if (row->justification) {
			row->status = QMS_COV_EXCLUDED;
			out->excluded++;
		} else if (row->nsources) {
			row->status = QMS_COV_COVERED;
			out->covered++;
		} else {
			row->status = QMS_COV_MISSING;
			out->missing++;
		}
	}
}

void qms_coverage_release(struct qms_coverage *c)
{
	qms_arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}

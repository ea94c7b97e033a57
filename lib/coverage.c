#include "coverage.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "status.h"
#include "tracker.h"

/* What each field of system.yaml is, in clause terms. */
static const struct {
	const char *field;
	const char *clause;
} system_fields[] = {
	{"context", "4.1"},    {"interested_parties", "4.2"},
	{"scope", "4.3"},      {"exclusions", "4.3"},
	{"policy", "5.2"},     {"risks", "6.1"},
	{"objectives", "6.2"}, {"knowledge", "7.1.6"},
};

const char *qms_system_field_label(const char *field, enum qms_lang lang)
{
	static const struct {
		const char *field, *vi;
	} labels[] = {
		{"context", "bối cảnh"},
		{"interested_parties", "các bên quan tâm"},
		{"scope", "phạm vi"},
		{"exclusions", "điều khoản không áp dụng"},
		{"policy", "chính sách chất lượng"},
		{"risks", "rủi ro và cơ hội"},
		{"objectives", "mục tiêu chất lượng"},
		{"knowledge", "tri thức của tổ chức"},
	};
	if (lang == QMS_LANG_VI)
		for (size_t i = 0; i < QMS_ARRAY_LEN(labels); i++)
			if (!strcmp(labels[i].field, field))
				return labels[i].vi;
	return field;
}

const char *qms_cov_source_name(const struct qms_cov_source *s, enum qms_lang lang)
{
	if (s->kind == QMS_COV_FIELD)
		return qms_system_field_label(s->what, lang);
	if (s->kind == QMS_COV_STAGE && lang == QMS_LANG_VI)
		for (int k = 0; k < QMS_STAGE_COUNT; k++)
			if (!strcmp(qms_stage_names[k], s->what))
				return qms_stage_label_mid(k, lang);
	return s->what;
}

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

const char *const qms_cov_status_names[] = {"met", "documented", "missing", "not-applicable", NULL};

const char *qms_cov_status_label(enum qms_cov_status s, enum qms_lang lang)
{
	static const char *const vi[] = {"đáp ứng", "có tài liệu, chưa có bằng chứng", "chưa đáp ứng", "không áp dụng"};
	return lang == QMS_LANG_VI ? vi[s] : qms_cov_status_names[s];
}

bool qms_clause_of_system(const char *clause)
{
	static const char *const system_clauses[] = {"4", "5", "6", "7.5", "9", "10"};
	for (size_t i = 0; i < QMS_ARRAY_LEN(system_clauses); i++)
		if (qms_clause_within(clause, system_clauses[i]))
			return true;
	return false;
}

/* Clauses whose evidence is something the agency did, which its tracker
 * records: a procedure saying how to do it, or the records it would
 * keep, do not show that it was done. */
enum activity { ACT_NONE, ACT_AUDIT, ACT_REVIEW, ACT_ACTION };

static enum activity activity_of(const char *clause)
{
	if (qms_clause_within(clause, "9.2"))
		return ACT_AUDIT;
	if (qms_clause_within(clause, "9.3"))
		return ACT_REVIEW;
	if (qms_clause_within(clause, "10.2"))
		return ACT_ACTION;
	return ACT_NONE;
}

/* The sources of the row being filled, gathered on the heap and copied
 * into the arena once the row is complete (qms_coverage_compute()). */
struct gather {
	struct qms_cov_source *items;
	size_t len, cap;
};

static void add_source(struct gather *g, const struct qms_cov_source *src)
{
	if (g->len == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->items = qms_xrealloc(g->items, g->cap * sizeof(*g->items));
	}
	g->items[g->len++] = *src;
}

static enum qms_cov_state dated_state(int32_t date, int32_t as_of)
{
	if (date < 0)
		return QMS_SRC_UNDATED;
	return date <= as_of ? QMS_SRC_IN_FORCE : QMS_SRC_LATER;
}

/* ---- the tracker's dated facts ---- */

/* The facts of the tracker, once: each becomes a source of the rows of
 * the clauses it is evidence for. */
struct facts {
	struct qms_cov_source *items;
	enum activity *act;
	size_t len;
};

static void add_fact(struct qms_coverage *c, struct facts *f, enum activity act, struct qms_cov_source s)
{
	s.path = c->tracker_path;
	f->items[f->len] = s;
	f->act[f->len++] = act;
}

static void collect_facts(struct qms_coverage *c, struct facts *f, const struct qms_agency_file *t)
{
	struct qms_arena *a = c->mem;
	size_t cap = t->migration.stages.len + 1;
	for (size_t i = 0; i < t->audits.len; i++)
		cap += 1 + ((const struct qms_audit *)t->audits.items)[i].findings.len;
	f->items = qms_xmalloc(cap * sizeof(*f->items)); /* freed by qms_coverage_compute() */
	f->act = qms_xmalloc(cap * sizeof(*f->act));
	for (size_t i = 0; i < t->migration.stages.len; i++) {
		const struct qms_stage *st = &((const struct qms_stage *)t->migration.stages.items)[i];
		if (!st->stage.text || !st->done.text)
			continue;
		int k = st->stage.choice;
		if (k != QMS_STAGE_INTERNAL_AUDIT && k != QMS_STAGE_MANAGEMENT_REVIEW)
			continue;
		bool report = st->evidence.text && *st->evidence.text;
		enum qms_cov_state state = dated_state(st->done.date, c->as_of);
		if (state == QMS_SRC_IN_FORCE && !report)
			state = QMS_SRC_NO_REPORT;
		add_fact(c, f, k == QMS_STAGE_INTERNAL_AUDIT ? ACT_AUDIT : ACT_REVIEW,
			 (struct qms_cov_source){QMS_COV_STAGE, qms_stage_names[k],
						 qms_arena_strdup(a, st->evidence.text), NULL, NULL, st->stage.line,
						 st->stage.col, st->done.date, state, report});
	}
	for (size_t i = 0; i < t->audits.len; i++) {
		const struct qms_audit *au = &((const struct qms_audit *)t->audits.items)[i];
		if (!au->kind.text || au->kind.choice != 0 /* internal */ || !au->date.text)
			continue;
		/* the audit under `audits` is its report: scope, auditors, findings */
		add_fact(c, f, ACT_AUDIT,
			 (struct qms_cov_source){QMS_COV_AUDIT, au->id.text ? qms_arena_strdup(a, au->id.text) : "?",
						 NULL, NULL, NULL, au->id.line, au->id.col, au->date.date,
						 dated_state(au->date.date, c->as_of), true});
	}
	for (size_t i = 0; i < t->audits.len; i++) {
		const struct qms_audit *au = &((const struct qms_audit *)t->audits.items)[i];
		for (size_t k = 0; k < au->findings.len; k++) {
			const struct qms_finding *fi = &((const struct qms_finding *)au->findings.items)[k];
			if (!fi->closed.text)
				continue;
			/* closed by the date, then dated by its verification */
			enum qms_cov_state state = dated_state(fi->closed.date, c->as_of);
			int32_t date = fi->closed.date;
			if (state == QMS_SRC_IN_FORCE && !fi->verified.text) {
				state = QMS_SRC_NO_REPORT;
			} else if (state == QMS_SRC_IN_FORCE) {
				date = fi->verified.date;
				state = dated_state(date, c->as_of);
			}
			add_fact(c, f, ACT_ACTION,
				 (struct qms_cov_source){QMS_COV_ACTION,
							 qms_arena_printf(a, "%s/%s", au->id.text ? au->id.text : "?",
									  fi->id.text ? fi->id.text : "?"),
							 qms_arena_strdup(a, fi->action.text), NULL, NULL,
							 fi->closed.line, fi->closed.col, date, state, true});
		}
	}
}

/* ---- sources of one row ---- */

static void add_system_sources(struct qms_coverage *c, struct gather *g, const struct qms_cov_row *row,
			       const struct qms_system *sys)
{
	struct qms_arena *a = c->mem;
	const char *num = row->clause->number;
	int32_t issued = sys->issued.text ? sys->issued.date : -1;
	for (size_t i = 0; i < QMS_ARRAY_LEN(system_fields); i++) {
		uint32_t line, col;
		if (!qms_clause_within(num, system_fields[i].clause) ||
		    !field_present(sys, system_fields[i].field, &line, &col))
			continue;
		add_source(g, &(struct qms_cov_source){QMS_COV_FIELD, system_fields[i].field, NULL,
						       system_fields[i].clause, c->system_path, line, col, issued,
						       dated_state(issued, c->as_of), false});
	}
	for (size_t i = 0; i < sys->documents.len; i++) {
		const struct qms_sys_document *d = &((const struct qms_sys_document *)sys->documents.items)[i];
		for (size_t k = 0; k < d->clauses.len; k++) {
			const struct qms_value *v = &((const struct qms_value *)d->clauses.items)[k];
			if (!v->text || !qms_clause_within(num, v->text))
				continue;
			int32_t date = d->issued.text ? d->issued.date : -1;
			enum qms_cov_state state = dated_state(date, c->as_of);
			if (d->status.text && d->status.choice == QMS_DOC_DRAFT)
				state = QMS_SRC_DRAFT;
			else if (d->status.text && d->status.choice == QMS_DOC_WITHDRAWN)
				state = QMS_SRC_WITHDRAWN;
			bool record = d->kind.text && d->kind.choice == QMS_DOC_KIND_RECORD;
			add_source(g, &(struct qms_cov_source){
					      QMS_COV_DOCUMENT, d->id.text ? qms_arena_strdup(a, d->id.text) : "?",
					      qms_arena_strdup(a, d->title.text), qms_arena_strdup(a, v->text),
					      c->system_path, v->line, v->col, date, state, record});
			break;
		}
	}
}

static void add_process_sources(struct qms_coverage *c, struct gather *g, const struct qms_cov_row *row,
				const struct qms_index_process *p)
{
	for (size_t k = 0; k < p->clauses.len; k++) {
		const struct qms_ref *t = &p->clauses.items[k];
		if (!qms_clause_within(row->clause->number, t->text))
			continue;
		enum qms_cov_state state = dated_state(p->effective_day, c->as_of);
		if (state == QMS_SRC_IN_FORCE && p->withdrawn_day >= 0 && p->withdrawn_day <= c->as_of)
			state = QMS_SRC_WITHDRAWN;
		const char *code = p->code.text ? p->code.text : "?";
		add_source(g, &(struct qms_cov_source){QMS_COV_PROCESS, code, p->title.text, t->text, p->path, t->line,
						       t->col, p->effective_day, state, false});
		/* the records a procedure keeps exist from the day it takes effect */
		if (p->nrecords)
			add_source(g, &(struct qms_cov_source){QMS_COV_RECORDS, code, p->title.text, t->text, p->path,
							       p->records.line, p->records.col, p->effective_day, state,
							       true});
		return;
	}
}

/* ---- the status of one row ---- */

static bool counts_for(const struct qms_cov_source *s, enum activity act)
{
	if (act == ACT_NONE)
		return true;
	/* what shows that the activity took place: the tracker, or a record of it */
	if (s->kind == QMS_COV_STAGE || s->kind == QMS_COV_AUDIT || s->kind == QMS_COV_ACTION)
		return true;
	return s->kind == QMS_COV_DOCUMENT && s->record;
}

/* The first source in force that satisfies `want`: any, a maintained
 * document (not a record), or a record. */
enum want { WANT_ANY, WANT_DOCUMENT, WANT_RECORD };

static const struct qms_cov_source *find(const struct qms_cov_row *row, enum want want, enum activity act)
{
	for (size_t i = 0; i < row->nsources; i++) {
		const struct qms_cov_source *s = &row->sources[i];
		/* an activity done is enough where no record is asked */
		if (s->state != QMS_SRC_IN_FORCE && !(want == WANT_ANY && s->state == QMS_SRC_NO_REPORT))
			continue;
		if (want == WANT_DOCUMENT && (s->record || s->kind == QMS_COV_STAGE))
			continue;
		if (want == WANT_RECORD && (!s->record || !counts_for(s, act)))
			continue;
		if (want == WANT_ANY && !counts_for(s, act))
			continue;
		return s;
	}
	return NULL;
}

/* The tracker fact of activity `act` in the row, preferring one in force. */
static const struct qms_cov_source *fact_of(const struct qms_cov_row *row, bool in_force_only)
{
	const struct qms_cov_source *any = NULL;
	for (size_t i = 0; i < row->nsources; i++) {
		const struct qms_cov_source *s = &row->sources[i];
		if (s->kind != QMS_COV_STAGE && s->kind != QMS_COV_AUDIT && s->kind != QMS_COV_ACTION)
			continue;
		if (s->state == QMS_SRC_IN_FORCE || s->state == QMS_SRC_NO_REPORT)
			return s;
		if (!any)
			any = s;
	}
	return in_force_only ? NULL : any;
}

/* The first source that is not in force, to say why. */
static const struct qms_cov_source *first_blocked(const struct qms_cov_row *row, bool records)
{
	for (size_t i = 0; i < row->nsources; i++)
		if (row->sources[i].state != QMS_SRC_IN_FORCE && (!records || row->sources[i].record))
			return &row->sources[i];
	return NULL;
}

static void decide(struct qms_cov_row *row)
{
	if (!row->nsources) {
		row->status = QMS_COV_MISSING;
		row->gap = QMS_GAP_NOTHING;
		return;
	}
	enum activity act = activity_of(row->clause->number);
	int doc = row->clause->documented;
	bool maintain = doc == QMS_DOC_MAINTAIN || doc == QMS_DOC_MAINTAIN_AND_RETAIN;
	bool retain = doc == QMS_DOC_RETAIN || doc == QMS_DOC_MAINTAIN_AND_RETAIN;
	/* 10.2.1 asks for the reaction to a nonconformity, which may not have
	 * happened yet: only its records (10.2.2) need an action done */
	enum activity need = act == ACT_ACTION && !retain ? ACT_NONE : act;
	const struct qms_cov_source *m = maintain ? find(row, WANT_DOCUMENT, ACT_NONE) : NULL;
	const struct qms_cov_source *r = retain ? find(row, WANT_RECORD, need) : NULL;
	const struct qms_cov_source *any = find(row, WANT_ANY, need);
	row->status = QMS_COV_DOCUMENTED;
	if (need != ACT_NONE && !(retain ? r : any)) {
		const struct qms_cov_source *f = fact_of(row, true);
		if (need == ACT_ACTION)
			row->gap = QMS_GAP_NO_ACTION;
		else if (!f)
			row->gap = need == ACT_AUDIT ? QMS_GAP_NO_AUDIT : QMS_GAP_NO_REVIEW;
		else
			row->gap = need == ACT_AUDIT ? QMS_GAP_AUDIT_NO_REPORT : QMS_GAP_REVIEW_NO_MINUTES;
		row->gap_source = f ? f : fact_of(row, false);
		return;
	}
	if (maintain && !m) {
		row->gap = QMS_GAP_NOT_ISSUED;
		row->gap_source = first_blocked(row, false);
		return;
	}
	if (retain && !r) {
		row->gap = QMS_GAP_NO_RECORD;
		row->gap_source = first_blocked(row, true);
		return;
	}
	if (!any) {
		row->gap = QMS_GAP_NOT_IN_FORCE;
		row->gap_source = first_blocked(row, false);
		return;
	}
	row->status = QMS_COV_MET;
	row->evidence = r ? r : m ? m : any;
}

/* ---- rows ---- */

/* The exclusion that makes `number` not applicable, or NULL: the first one
 * naming it or a parent of it; exclusions of clauses of the management
 * system are refused (C004) and count for nothing. */
static const struct qms_exclusion *exclusion_of(const struct qms_system *sys, const char *number)
{
	if (!sys)
		return NULL;
	for (size_t i = 0; i < sys->exclusions.len; i++) {
		const struct qms_exclusion *e = &((const struct qms_exclusion *)sys->exclusions.items)[i];
		if (e->clause.text && qms_clause_within(number, e->clause.text) &&
		    !qms_clause_of_system(e->clause.text))
			return e;
	}
	return NULL;
}

/* The rows: every lowest-level clause, except that the clauses under a
 * declared exclusion are one row, the declared clause. */
static void make_rows(struct qms_coverage *out, const struct qms_catalog *cat, const struct qms_system *sys)
{
	struct qms_arena *a = out->mem;
	out->rows = qms_arena_alloc(a, (cat->nclauses ? cat->nclauses : 1) * sizeof(*out->rows));
	const struct qms_exclusion *last = NULL;
	for (size_t i = 0; i < cat->nclauses; i++) {
		const struct qms_clause *cl = &cat->clauses[i];
		const struct qms_exclusion *e = exclusion_of(sys, cl->number);
		if (e && e == last)
			continue; /* a sub-clause of the declared clause */
		if (e) {
			size_t declared = qms_catalog_find(cat, e->clause.text);
			if (declared == SIZE_MAX || declared > i)
				declared = i;
			struct qms_cov_row *row = &out->rows[out->nrows++];
			row->clause = &cat->clauses[declared];
			row->status = QMS_COV_NOT_APPLICABLE;
			row->justification = e->justification.text ? qms_arena_strdup(a, e->justification.text) : "";
			row->excluded_as = qms_arena_strdup(a, e->clause.text);
			row->line = e->clause.line;
			row->col = e->clause.col;
			last = e;
			continue;
		}
		last = NULL;
		if (cl->leaf)
			out->rows[out->nrows++].clause = cl;
	}
}

void qms_coverage_compute(struct qms_coverage *out, const struct qms_catalog *cat, const struct qms_index *ix,
			  const char *agency, const struct qms_cov_input *in)
{
	memset(out, 0, sizeof(*out));
	out->mem = in->arena ? in->arena : &out->arena;
	struct qms_arena *a = out->mem;
	const struct qms_system *sys = in->sys;
	out->catalog = cat;
	out->agency = qms_arena_strdup(a, agency);
	out->system_path = sys && in->sys_path ? qms_arena_strdup(a, in->sys_path) : NULL;
	out->tracker_path = in->tracker && in->tracker_path ? qms_arena_strdup(a, in->tracker_path) : NULL;
	out->as_of = in->as_of;
	make_rows(out, cat, sys);
	struct facts facts = {0};
	if (out->tracker_path)
		collect_facts(out, &facts, in->tracker);
	/* the agency's procedures on this edition, once */
	const struct qms_index_process **procs = qms_xmalloc((ix->nprocesses ? ix->nprocesses : 1) * sizeof(*procs));
	size_t nprocs = 0;
	for (size_t i = 0; i < ix->nprocesses; i++) {
		const struct qms_index_process *p = &ix->processes[i];
		if (p->agency.text && !strcmp(p->agency.text, agency) && p->standard_ref.text &&
		    !strcmp(p->standard_ref.text, cat->id))
			procs[nprocs++] = p;
	}
	struct gather g = {0};
	for (size_t r = 0; r < out->nrows; r++) {
		struct qms_cov_row *row = &out->rows[r];
		if (row->status == QMS_COV_NOT_APPLICABLE) {
			out->count[row->status]++;
			continue;
		}
		g.len = 0;
		if (sys)
			add_system_sources(out, &g, row, sys);
		for (size_t i = 0; i < nprocs; i++)
			add_process_sources(out, &g, row, procs[i]);
		enum activity act = activity_of(row->clause->number);
		for (size_t i = 0; i < facts.len; i++) {
			if (facts.act[i] != act)
				continue;
			struct qms_cov_source s = facts.items[i];
			s.tag = act == ACT_AUDIT ? "9.2" : act == ACT_REVIEW ? "9.3" : "10.2";
			add_source(&g, &s);
		}
		/* the row's sources take exactly their room in the arena */
		if (g.len) {
			row->sources = qms_arena_alloc_raw(a, g.len * sizeof(*row->sources));
			memcpy(row->sources, g.items, g.len * sizeof(*row->sources));
			row->nsources = g.len;
		}
		decide(row);
		out->count[row->status]++;
	}
	free(g.items);
	free(procs);
	free(facts.items);
	free(facts.act);
}

void qms_coverage_release(struct qms_coverage *c)
{
	qms_arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}

/* ---- what is missing, in words ---- */

static void add_date(struct qms_buf *out, int32_t d, enum qms_lang lang)
{
	qms_report_add_date(out, d, lang, false);
}

/* "QT-DGNB is a draft", "STP-ISO-02 takes effect on 01/10/2020" */
static void blocked_text(struct qms_buf *out, const struct qms_cov_source *s, enum qms_lang lang)
{
	struct qms_buf d;
	qms_buf_init(&d);
	if (s->date >= 0)
		add_date(&d, s->date, lang);
	const char *what = s->kind == QMS_COV_FIELD ? "system.yaml" : qms_cov_source_name(s, lang);
	switch (s->state) {
	case QMS_SRC_UNDATED:
		qms_buf_printf(out,
			       s->kind == QMS_COV_FIELD      ? qms_tr(lang, N_("%s has no issue date"))
			       : s->kind == QMS_COV_DOCUMENT ? qms_tr(lang, N_("%s has no issue date"))
							     : qms_tr(lang, N_("%s has no effective date")),
			       what);
		break;
	case QMS_SRC_LATER: qms_buf_printf(out, qms_tr(lang, N_("%s is dated %s")), what, d.buf); break;
	case QMS_SRC_DRAFT: qms_buf_printf(out, qms_tr(lang, N_("%s is a draft")), what); break;
	case QMS_SRC_WITHDRAWN: qms_buf_printf(out, qms_tr(lang, N_("%s is withdrawn")), what); break;
	case QMS_SRC_NO_REPORT:
		if (s->kind == QMS_COV_ACTION) {
			qms_buf_printf(out, qms_tr(lang, N_("%s closed, its effectiveness not verified")), what);
			break;
		}
		qms_buf_adds(out, what);
		break;
	case QMS_SRC_IN_FORCE: qms_buf_adds(out, what); break;
	}
	qms_buf_release(&d);
}

void qms_cov_gap_text(struct qms_buf *out, const struct qms_coverage *c, const struct qms_cov_row *row,
		      enum qms_lang lang)
{
	struct qms_buf d;
	qms_buf_init(&d);
	add_date(&d, c->as_of, lang);
	const struct qms_cov_source *s = row->gap_source;
	switch (row->gap) {
	case QMS_GAP_NONE: break;
	case QMS_GAP_NOTHING:
		qms_buf_adds(
			out,
			qms_tr(lang,
			       N_("nothing addresses it: no field of system.yaml, document or procedure names it")));
		break;
	case QMS_GAP_NOT_IN_FORCE:
		qms_buf_printf(out, qms_tr(lang, N_("nothing addressing it is in force on %s")), d.buf);
		break;
	case QMS_GAP_NOT_ISSUED:
		qms_buf_printf(out, qms_tr(lang, N_("no issued document in force on %s")), d.buf);
		break;
	case QMS_GAP_NO_RECORD: qms_buf_printf(out, qms_tr(lang, N_("no record dated on or before %s")), d.buf); break;
	case QMS_GAP_NO_AUDIT: qms_buf_printf(out, qms_tr(lang, N_("no internal audit done by %s")), d.buf); break;
	case QMS_GAP_AUDIT_NO_REPORT:
		qms_buf_adds(out, qms_tr(lang, N_("internal audit done, its report not recorded")));
		break;
	case QMS_GAP_NO_REVIEW: qms_buf_printf(out, qms_tr(lang, N_("no management review done by %s")), d.buf); break;
	case QMS_GAP_REVIEW_NO_MINUTES:
		qms_buf_adds(out, qms_tr(lang, N_("management review done, its minutes not recorded")));
		break;
	case QMS_GAP_NO_ACTION:
		qms_buf_printf(out, qms_tr(lang, N_("no corrective action closed and verified by %s")), d.buf);
		break;
	}
	if (s && s->state != QMS_SRC_IN_FORCE && row->gap != QMS_GAP_NOTHING) {
		qms_buf_adds(out, ": ");
		blocked_text(out, s, lang);
	}
	qms_buf_release(&d);
}

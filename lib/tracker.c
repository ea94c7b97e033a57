/* Agency trackers: the A rules, and the changes of `qms audit`. */
#include "tracker.h"
#include "i18n.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc.h"
#include "edit.h"
#include "fs.h"
#include "schema.h"
#include "source.h"
#include "workspace.h"

/* ---- rules ---- */

struct ctx {
	const struct qms_index *ix;
	const struct qms_agency_file *a;
	const char *path;
	struct qms_diags *diags;
	const char **codes; /* procedure codes for suggestions, made when first needed */
};

/* A problem at the position of value v (xgettext keyword terr:4). */
static void terr(struct ctx *c, const struct qms_value *v, enum qms_rule_id rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void terr(struct ctx *c, const struct qms_value *v, enum qms_rule_id rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qms_diags_vadd(c->diags, c->path, v->line, v->col, rule, fmt, ap);
	va_end(ap);
}

static const struct qms_stage *stage_at(const struct qms_agency_file *a, size_t i)
{
	return &((const struct qms_stage *)a->migration.stages.items)[i];
}

static const struct qms_audit *audit_at(const struct qms_agency_file *a, size_t i)
{
	return &((const struct qms_audit *)a->audits.items)[i];
}

static const struct qms_finding *finding_at(const struct qms_audit *au, size_t i)
{
	return &((const struct qms_finding *)au->findings.items)[i];
}

/* The file is audits/<id>.yaml (or .yml) when it lies in a folder named
 * audits; trackers elsewhere (checked alone) are not held to it. */
static void check_file_name(struct ctx *c)
{
	const struct qms_value *id = &c->a->agency.id;
	if (!id->text)
		return;
	const char *slash = strrchr(c->path, '/');
	if (!slash)
		return;
	const char *name = slash + 1;
	size_t dir_len = 0;
	const char *dir = slash;
	while (dir > c->path && dir[-1] != '/') {
		dir--;
		dir_len++;
	}
	if (dir_len != 6 || strncmp(dir, "audits", 6))
		return;
	size_t n = strlen(name);
	size_t stem = n > 5 && !strcmp(name + n - 5, ".yaml")  ? n - 5
		      : n > 4 && !strcmp(name + n - 4, ".yml") ? n - 4
							       : n;
	if (stem == strlen(id->text) && !strncmp(name, id->text, stem))
		return;
	terr(c, id, QMS_RULE_A012,
	     "agency id '%s' is not the file name '%s'; name the file audits/%s.yaml or correct the id", id->text, name,
	     id->text);
}

static void add_stage_order(struct qms_buf *b)
{
	for (int i = 0; i < QMS_STAGE_COUNT; i++)
		qms_buf_printf(b, "%s%s", i ? ", " : "", qms_stage_names[i]);
}

static void check_stages(struct ctx *c, const struct qms_stage *first[QMS_STAGE_COUNT])
{
	const struct qms_list *stages = &c->a->migration.stages;
	bool recorded[QMS_STAGE_COUNT] = {false};
	for (size_t i = 0; i < stages->len; i++)
		if (stage_at(c->a, i)->stage.text)
			recorded[stage_at(c->a, i)->stage.choice] = true;
	int max_idx = -1;
	const struct qms_stage *prev_dated = NULL;
	char d1[11], d2[11];
	for (size_t i = 0; i < stages->len; i++) {
		const struct qms_stage *st = stage_at(c->a, i);
		if (!st->stage.text)
			continue;
		int idx = st->stage.choice;
		if (first[idx]) {
			terr(c, &st->stage, QMS_RULE_A001, "stage '%s' is recorded twice (first at line %u); keep one",
			     st->stage.text, first[idx]->stage.line);
			continue;
		}
		first[idx] = st;
		if (idx < max_idx) {
			struct qms_buf order;
			qms_buf_init(&order);
			add_stage_order(&order);
			terr(c, &st->stage, QMS_RULE_A002, "stage '%s' is listed after '%s'; the stages go %s",
			     st->stage.text, qms_stage_names[max_idx], order.buf);
			qms_buf_release(&order);
		} else {
			for (int k = max_idx + 1; k < idx; k++)
				if (!recorded[k])
					terr(c, &st->stage, QMS_RULE_A013, "stage '%s' is not recorded before '%s'",
					     qms_stage_names[k], st->stage.text);
			max_idx = idx;
		}
		if (!st->done.text)
			continue;
		if (prev_dated && st->done.date < prev_dated->done.date) {
			qms_date_format(d1, st->done.date);
			qms_date_format(d2, prev_dated->done.date);
			terr(c, &st->done, QMS_RULE_A003,
			     "stage '%s' done %s is before '%s' done %s (line %u); dates never go back", st->stage.text,
			     d1, prev_dated->stage.text, d2, prev_dated->done.line);
		}
		prev_dated = st;
	}

	const struct qms_stage *ann = first[QMS_STAGE_ANNOUNCEMENT];
	if (ann) {
		bool no_ia = !first[QMS_STAGE_INTERNAL_AUDIT], no_mr = !first[QMS_STAGE_MANAGEMENT_REVIEW];
		if (no_ia || no_mr)
			terr(c, &ann->stage, QMS_RULE_A004, "%s",
			     _(no_ia && no_mr
				       ? N_("announcement without internal-audit and management-review: the system is "
					    "announced only after an internal audit and a management review")
			       : no_ia ? N_("announcement without internal-audit: the system is announced only after "
					    "an internal audit and a management review")
				       : N_("announcement without management-review: the system is announced only "
					    "after an internal audit and a management review")));
	}
	const struct qms_stage *rep = first[QMS_STAGE_REPORT];
	if (rep && !ann)
		terr(c, &rep->stage, QMS_RULE_A004,
		     "report without announcement: the report to the Department of Science and Technology sends the "
		     "announcement");
}

/* A major finding not closed by the announcement. */
static void check_announced_open(struct ctx *c, const struct qms_stage *ann)
{
	if (!ann || !ann->done.text)
		return;
	int32_t day = ann->done.date;
	char d[11];
	qms_date_format(d, day);
	for (size_t i = 0; i < c->a->audits.len; i++) {
		const struct qms_audit *au = audit_at(c->a, i);
		if (!au->date.text || au->date.date > day)
			continue;
		for (size_t k = 0; k < au->findings.len; k++) {
			const struct qms_finding *f = finding_at(au, k);
			if (!f->grade.text || f->grade.choice != QMS_GRADE_MAJOR || !f->id.text)
				continue;
			if (f->closed.text && f->closed.date <= day)
				continue;
			terr(c, &ann->done, QMS_RULE_A005,
			     "announced on %s with major finding '%s' (line %u) still open; close it on or before the "
			     "announcement",
			     d, f->id.text, f->id.line);
		}
	}
}

static const char *suggest_code(struct ctx *c, const char *code)
{
	if (!c->ix->nprocesses)
		return NULL;
	if (!c->codes) {
		c->codes = qms_xmalloc(c->ix->nprocesses * sizeof(*c->codes));
		for (size_t i = 0; i < c->ix->nprocesses; i++)
			c->codes[i] = c->ix->processes[i].code.text;
	}
	return qms_closest(code, c->codes, c->ix->nprocesses);
}

/* The procedure a finding or scope names, or NULL after reporting. */
static const struct qms_index_process *check_process(struct ctx *c, const struct qms_value *v, const char *what)
{
	const struct qms_index_process *p = qms_index_find_process(c->ix, v->text);
	if (!p) {
		const char *close = suggest_code(c, v->text);
		if (close)
			terr(c, v, QMS_RULE_A006, "%s names no procedure of the workspace: '%s'; did you mean '%s'?",
			     _(what), v->text, close);
		else
			terr(c, v, QMS_RULE_A006, "%s names no procedure of the workspace: '%s'", _(what), v->text);
		return NULL;
	}
	const char *mine = c->a->agency.id.text;
	if (mine && p->agency.text && strcmp(p->agency.text, mine))
		terr(c, v, QMS_RULE_A014, "procedure '%s' belongs to agency '%s', not '%s'", v->text, p->agency.text,
		     mine);
	return p;
}

static void check_step(struct ctx *c, const struct qms_index_process *p, const struct qms_value *step)
{
	if (qms_index_process_step(p, step->text) != SIZE_MAX)
		return;
	const char **ids = qms_xmalloc((p->steps.len ? p->steps.len : 1) * sizeof(*ids));
	for (size_t i = 0; i < p->steps.len; i++)
		ids[i] = p->steps.items[i].text;
	const char *close = qms_closest(step->text, ids, p->steps.len);
	if (close)
		terr(c, step, QMS_RULE_A007, "procedure '%s' has no step '%s'; did you mean '%s'?", p->code.text,
		     step->text, close);
	else
		terr(c, step, QMS_RULE_A007, "procedure '%s' has no step '%s'", p->code.text, step->text);
	free(ids);
}

static void check_finding(struct ctx *c, const struct qms_audit *au, const struct qms_finding *f)
{
	char d1[11], d2[11];
	bool workspace = c->ix && c->ix->root;
	const struct qms_index_process *p = NULL;
	if (workspace && f->process.text)
		p = check_process(c, &f->process, N_("the finding"));
	if (f->step.text) {
		if (!f->process.line)
			terr(c, &f->step, QMS_RULE_A007,
			     "step '%s' without 'process': name the procedure the step belongs to", f->step.text);
		else if (p)
			check_step(c, p, &f->step);
	}
	if (au->date.text) {
		qms_date_format(d2, au->date.date);
		if (f->closed.text && f->closed.date < au->date.date) {
			qms_date_format(d1, f->closed.date);
			terr(c, &f->closed, QMS_RULE_A008, "closed %s is before the audit of %s that found it", d1, d2);
		}
		if (f->due.text && f->due.date < au->date.date) {
			qms_date_format(d1, f->due.date);
			terr(c, &f->due, QMS_RULE_A008, "due %s is before the audit of %s that found it", d1, d2);
		}
	}
	if (f->verified.text) {
		if (!f->closed.line) {
			terr(c, &f->verified, QMS_RULE_A009,
			     "verified without 'closed': record when the action was completed first");
		} else if (f->closed.text && f->verified.date < f->closed.date) {
			qms_date_format(d1, f->verified.date);
			qms_date_format(d2, f->closed.date);
			terr(c, &f->verified, QMS_RULE_A009, "verified %s is before closed %s", d1, d2);
		}
	}
}

static void check_audits(struct ctx *c)
{
	struct qms_strmap audits = {0}, findings = {0};
	bool workspace = c->ix && c->ix->root;
	for (size_t i = 0; i < c->a->audits.len; i++) {
		const struct qms_audit *au = audit_at(c->a, i);
		if (au->id.text) {
			size_t prev = qms_strmap_put(&audits, au->id.text, i);
			if (prev != SIZE_MAX)
				terr(c, &au->id, QMS_RULE_A010, "audit id '%s' is used twice (first at line %u)",
				     au->id.text, audit_at(c->a, prev)->id.line);
		}
		for (size_t k = 0; workspace && k < au->scope.len; k++) {
			const struct qms_value *code = &((const struct qms_value *)au->scope.items)[k];
			if (code->text)
				check_process(c, code, N_("the audit's scope"));
		}
		for (size_t k = 0; k < au->findings.len; k++) {
			const struct qms_finding *f = finding_at(au, k);
			if (f->id.text) {
				/* value: audit and finding, packed */
				size_t prev = qms_strmap_put(&findings, f->id.text, (i << 20) | k);
				if (prev != SIZE_MAX) {
					const struct qms_audit *pa = audit_at(c->a, prev >> 20);
					const struct qms_finding *pf = finding_at(pa, prev & 0xfffff);
					terr(c, &f->id, QMS_RULE_A011,
					     "finding id '%s' is used twice (first at line %u, audit '%s')", f->id.text,
					     pf->id.line, pa->id.text ? pa->id.text : "?");
				}
			}
			check_finding(c, au, f);
		}
	}
	qms_strmap_release(&audits);
	qms_strmap_release(&findings);
}

void qms_tracker_check(const struct qms_index *ix, const struct qms_agency_file *a, const char *path,
		       struct qms_diags *diags)
{
	struct ctx c = {.ix = ix, .a = a, .path = path, .diags = diags};
	const struct qms_stage *first[QMS_STAGE_COUNT] = {NULL};
	check_file_name(&c);
	check_stages(&c, first);
	check_announced_open(&c, first[QMS_STAGE_ANNOUNCEMENT]);
	check_audits(&c);
	free(c.codes);
}

void qms_tracker_problems(const struct qms_index *ix, const char *path, const char *text, size_t len,
			  struct qms_diags *out)
{
	struct qms_doc *doc;
	if (qms_doc_parse(&doc, path, text, len, out) < 0)
		return;
	struct qms_document d;
	if (qms_document_decode(&d, doc, out) < 0) {
		qms_doc_free(doc);
		return;
	}
	if (d.kind == QMS_KIND_AGENCY)
		qms_tracker_check(ix, d.data, path, out);
	else
		qms_diags_add(out, path, 1, 1, QMS_RULE_L010, "a tracker in audits/ starts with 'agency:', not '%s:'",
			      qms_kind_info(d.kind)->key);
	qms_document_release(&d);
}

/* ---- changes ---- */

static struct qms_yval scalar(const char *text)
{
	return (struct qms_yval){.type = QMS_YVAL_SCALAR, .text = text};
}

/* A mapping being built: keys and values side by side. */
struct ymap {
	const char *keys[16];
	struct qms_yval vals[16];
	char dates[16][11];
	size_t n;
};

static void ymap_add(struct ymap *m, const char *key, struct qms_yval v)
{
	m->keys[m->n] = key;
	m->vals[m->n++] = v;
}

static void ymap_add_text(struct ymap *m, const char *key, const char *text)
{
	if (text)
		ymap_add(m, key, scalar(text));
}

static void ymap_add_date(struct ymap *m, const char *key, int32_t date)
{
	if (date < 0)
		return;
	qms_date_format(m->dates[m->n], date);
	ymap_add(m, key, scalar(m->dates[m->n]));
}

static struct qms_yval ymap_value(const struct ymap *m, bool flow)
{
	return (struct qms_yval){.type = QMS_YVAL_MAP, .keys = m->keys, .items = m->vals, .n = m->n, .flow = flow};
}

void qms_tracker_new_text(struct qms_buf *out, const struct qms_tracker_change *c)
{
	qms_buf_adds(out, "agency:\n  id: ");
	qms_yaml_add_scalar(out, c->agency, false);
	qms_buf_adds(out, "\n  name: ");
	qms_yaml_add_scalar(out, c->name ? c->name : "", false);
	qms_buf_printf(out, "\n  level: %s\n", qms_level_names[c->level]);
}

static const struct qms_node *find_item(const struct qms_node *seq, const char *key, const char *value)
{
	if (!seq || seq->type != QMS_NODE_SEQ)
		return NULL;
	for (const struct qms_node *it = seq->first; it; it = it->next) {
		const struct qms_node *v = qms_node_get(it, key);
		if (v && v->type == QMS_NODE_SCALAR && !strcmp(v->text, value))
			return it;
	}
	return NULL;
}

/* The ids of the items of seq under `key`, then the closest to `want`. */
static const char *closest_id(const struct qms_node *seq, const char *key, const char *want, const char **ids,
			      size_t cap)
{
	size_t n = 0;
	for (const struct qms_node *it = seq && seq->type == QMS_NODE_SEQ ? seq->first : NULL; it && n < cap;
	     it = it->next) {
		const struct qms_node *v = qms_node_get(it, key);
		if (v && v->type == QMS_NODE_SCALAR)
			ids[n++] = v->text;
	}
	return qms_closest(want, ids, n);
}

static int change_stage(struct qms_edit *e, const struct qms_node *root, const struct qms_tracker_change *c, char **err)
{
	const char *name = qms_stage_names[c->stage];
	char done[11];
	qms_date_format(done, c->date);
	struct ymap item = {.n = 0};
	ymap_add_text(&item, "stage", name);
	ymap_add_text(&item, "done", done);
	ymap_add_text(&item, "evidence", c->evidence);
	struct qms_yval item_v = ymap_value(&item, true);

	const struct qms_node *mig = qms_node_get(root, "migration");
	if (!mig || qms_node_is_null(mig)) {
		struct qms_yval list = {.type = QMS_YVAL_SEQ, .items = &item_v, .n = 1};
		static const char *const stages_key[] = {"stages"};
		struct qms_yval m = {.type = QMS_YVAL_MAP, .keys = stages_key, .items = &list, .n = 1};
		static const char *const after[] = {"agency", NULL};
		return qms_edit_map_put(e, root, "migration", &m, after);
	}
	if (mig->type != QMS_NODE_MAP)
		return qms_error(err, QMS_ERR_DATA, "'migration' is not a mapping; fix the file first");
	const struct qms_node *stages = qms_node_get(mig, "stages");
	if (!stages || qms_node_is_null(stages)) {
		struct qms_yval list = {.type = QMS_YVAL_SEQ, .items = &item_v, .n = 1};
		static const char *const after[] = {"from", "deadline", NULL};
		return qms_edit_map_put(e, mig, "stages", &list, after);
	}
	if (stages->type != QMS_NODE_SEQ)
		return qms_error(err, QMS_ERR_DATA, "'stages' is not a list; fix the file first");
	const struct qms_node *have = find_item(stages, "stage", name);
	if (have) {
		/* recorded already: a new date (and evidence) for it */
		static const char *const after_done[] = {"stage", NULL};
		static const char *const after_evidence[] = {"stage", "done", NULL};
		struct qms_yval d = scalar(done);
		if (qms_edit_map_put(e, have, "done", &d, after_done) < 0)
			return -1;
		if (c->evidence) {
			struct qms_yval ev = scalar(c->evidence);
			return qms_edit_map_put(e, have, "evidence", &ev, after_evidence);
		}
		return 0;
	}
	/* In the plan's order: after the last item of an earlier stage. */
	const struct qms_node *after = NULL;
	for (const struct qms_node *it = stages->first; it; it = it->next) {
		const struct qms_node *s = qms_node_get(it, "stage");
		int idx = -1;
		for (int k = 0; s && s->type == QMS_NODE_SCALAR && k < QMS_STAGE_COUNT; k++)
			if (!strcmp(s->text, qms_stage_names[k]))
				idx = k;
		if (idx >= 0 && idx < c->stage)
			after = it;
	}
	/* NULL: before every recorded stage */
	return qms_edit_seq_insert(e, stages, after, &item_v);
}

static int change_add(struct qms_edit *e, const struct qms_node *root, const struct qms_tracker_change *c)
{
	struct qms_yval auditors[64], scope[64];
	size_t na = c->nauditors < 64 ? c->nauditors : 64, ns = c->nscope < 64 ? c->nscope : 64;
	for (size_t i = 0; i < na; i++)
		auditors[i] = scalar(c->auditors[i]);
	for (size_t i = 0; i < ns; i++)
		scope[i] = scalar(c->scope[i]);
	struct ymap m = {.n = 0};
	ymap_add_text(&m, "id", c->audit);
	ymap_add_text(&m, "kind", qms_audit_kind_names[c->kind]);
	ymap_add_text(&m, "standard", c->standard);
	ymap_add_date(&m, "date", c->date);
	if (na)
		ymap_add(&m, "auditors",
			 (struct qms_yval){.type = QMS_YVAL_SEQ, .items = auditors, .n = na, .flow = true});
	if (ns)
		ymap_add(&m, "scope", (struct qms_yval){.type = QMS_YVAL_SEQ, .items = scope, .n = ns, .flow = true});
	struct qms_yval item = ymap_value(&m, false);
	const struct qms_node *audits = qms_node_get(root, "audits");
	if (audits && audits->type == QMS_NODE_SEQ)
		return qms_edit_seq_append(e, audits, &item);
	struct qms_yval list = {.type = QMS_YVAL_SEQ, .items = &item, .n = 1};
	static const char *const after[] = {"agency", "migration", NULL};
	return qms_edit_map_put(e, root, "audits", &list, after);
}

static int change_finding(struct qms_edit *e, const struct qms_node *root, const struct qms_tracker_change *c,
			  const char *path, char **err)
{
	const struct qms_node *audits = qms_node_get(root, "audits");
	const struct qms_node *au = find_item(audits, "id", c->audit);
	if (!au) {
		const char *ids[256];
		const char *close = closest_id(audits, "id", c->audit, ids, 256);
		if (close)
			return qms_error(err, QMS_ERR_USAGE, "no audit '%s' in %s; did you mean '%s'?", c->audit, path,
					 close);
		return qms_error(err, QMS_ERR_USAGE, "no audit '%s' in %s; record it first with 'qms audit add'",
				 c->audit, path);
	}
	struct ymap m = {.n = 0};
	ymap_add_text(&m, "id", c->finding);
	ymap_add_text(&m, "grade", qms_grade_names[c->grade]);
	ymap_add_text(&m, "clause", c->clause);
	ymap_add_text(&m, "process", c->process);
	ymap_add_text(&m, "step", c->step);
	ymap_add_text(&m, "text", c->text);
	ymap_add_text(&m, "owner", c->owner);
	ymap_add_date(&m, "due", c->due);
	struct qms_yval item = ymap_value(&m, false);
	const struct qms_node *findings = qms_node_get(au, "findings");
	if (findings && findings->type == QMS_NODE_SEQ)
		return qms_edit_seq_append(e, findings, &item);
	struct qms_yval list = {.type = QMS_YVAL_SEQ, .items = &item, .n = 1};
	return qms_edit_map_put(e, au, "findings", &list, NULL);
}

/* Keys of a finding in the order the format lists them. */
static const char *const finding_keys[] = {"id",     "grade", "clause", "process", "step",     "text", "cause",
					   "action", "owner", "due",    "closed",  "verified", NULL};

/* The keys of a finding that come before `key`. */
static const char *const *keys_before(const char *key, const char **out)
{
	size_t n = 0;
	for (size_t i = 0; finding_keys[i] && strcmp(finding_keys[i], key); i++)
		out[n++] = finding_keys[i];
	out[n] = NULL;
	return out;
}

static int put_finding_key(struct qms_edit *e, const struct qms_node *f, const char *key, const char *value)
{
	const char *before[16];
	struct qms_yval v = scalar(value);
	return qms_edit_map_put(e, f, key, &v, keys_before(key, before));
}

static int change_close_verify(struct qms_edit *e, const struct qms_node *root, const struct qms_tracker_change *c,
			       const char *path, char **err)
{
	const struct qms_node *audits = qms_node_get(root, "audits");
	const struct qms_node *f = NULL;
	const char *ids[512];
	size_t n = 0;
	for (const struct qms_node *au = audits && audits->type == QMS_NODE_SEQ ? audits->first : NULL; au && !f;
	     au = au->next) {
		const struct qms_node *findings = qms_node_get(au, "findings");
		f = find_item(findings, "id", c->finding);
		for (const struct qms_node *it = findings && findings->type == QMS_NODE_SEQ ? findings->first : NULL;
		     it && n < 512; it = it->next) {
			const struct qms_node *v = qms_node_get(it, "id");
			if (v && v->type == QMS_NODE_SCALAR)
				ids[n++] = v->text;
		}
	}
	if (!f) {
		const char *close = qms_closest(c->finding, ids, n);
		if (close)
			return qms_error(err, QMS_ERR_USAGE, "no finding '%s' in %s; did you mean '%s'?", c->finding,
					 path, close);
		return qms_error(err, QMS_ERR_USAGE, "no finding '%s' in %s", c->finding, path);
	}
	char date[11];
	qms_date_format(date, c->date);
	if (c->op == QMS_TRACKER_VERIFY)
		return put_finding_key(e, f, "verified", date);
	if (c->cause && put_finding_key(e, f, "cause", c->cause) < 0)
		return -1;
	if (c->action && put_finding_key(e, f, "action", c->action) < 0)
		return -1;
	return put_finding_key(e, f, "closed", date);
}

int qms_tracker_change_text(struct qms_buf *out, const char *path, const char *text, size_t len,
			    const struct qms_tracker_change *c, struct qms_diags *diags, char **err)
{
	*err = NULL;
	struct qms_doc *doc;
	if (qms_doc_parse(&doc, path, text, len, diags) < 0)
		return qms_error(err, QMS_ERR_DATA, "%s does not load; fix it first", path);
	const struct qms_node *root = doc->root;
	int rc = -1;
	struct qms_edit e;
	qms_edit_init(&e, doc, text, len);
	if (!qms_node_get(root, "agency")) {
		rc = qms_error(err, QMS_ERR_DATA, "%s is not a tracker: it has no 'agency'", path);
		goto out;
	}
	switch (c->op) {
	case QMS_TRACKER_STAGE: rc = change_stage(&e, root, c, err); break;
	case QMS_TRACKER_ADD: rc = change_add(&e, root, c); break;
	case QMS_TRACKER_FINDING: rc = change_finding(&e, root, c, path, err); break;
	case QMS_TRACKER_CLOSE:
	case QMS_TRACKER_VERIFY: rc = change_close_verify(&e, root, c, path, err); break;
	case QMS_TRACKER_NEW: rc = qms_error(err, QMS_ERR_USAGE, "%s exists already", path); break;
	}
	if (rc < 0 && !*err)
		rc = qms_error(err, QMS_ERR_DATA, "cannot change %s: %s", path, e.error ? e.error : "unknown reason");
	if (rc == 0 && qms_edit_apply(&e, out) < 0)
		rc = qms_error(err, QMS_ERR_DATA, "cannot change %s: %s", path, e.error);
out:
	qms_edit_release(&e);
	qms_doc_free(doc);
	return rc;
}

/* ---- applying a change to the file ---- */

void qms_tracker_result_release(struct qms_tracker_result *r)
{
	free(r->path);
	qms_diags_release(&r->problems);
	memset(r, 0, sizeof(*r));
}

/* A message with its numbers (lines, dates) blanked: the same problem
 * reads alike before and after an edit that moved it. */
static char *problem_key(const struct qms_diag *d)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_printf(&b, "%d:", (int)d->rule);
	for (const char *p = d->message; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			while (p[1] >= '0' && p[1] <= '9')
				p++;
			qms_buf_addc(&b, '#');
		} else {
			qms_buf_addc(&b, *p);
		}
	}
	return qms_buf_detach(&b);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The problems of `after` that `before` does not have (as many times as
 * they are new), into out. */
static void new_problems(const struct qms_diags *before, const struct qms_diags *after, struct qms_diags *out)
{
	char **old = qms_xmalloc((before->len ? before->len : 1) * sizeof(*old));
	bool *used = qms_xcalloc(before->len ? before->len : 1, sizeof(*used));
	for (size_t i = 0; i < before->len; i++)
		old[i] = problem_key(&before->items[i]);
	qsort(old, before->len, sizeof(*old), str_cmp);
	for (size_t i = 0; i < after->len; i++) {
		const struct qms_diag *d = &after->items[i];
		char *key = problem_key(d);
		bool found = false;
		for (size_t k = 0; k < before->len && !found; k++)
			if (!used[k] && !strcmp(old[k], key))
				used[k] = found = true;
		if (!found)
			qms_diags_add(out, d->file, d->line, d->col, d->rule, "%s", d->message);
		free(key);
	}
	for (size_t i = 0; i < before->len; i++)
		free(old[i]);
	free(old);
	free(used);
}

static const char *agency_suggestion(const struct qms_index *ix, const char *id)
{
	if (!ix || !ix->nagencies)
		return NULL;
	const char **ids = qms_xmalloc(ix->nagencies * sizeof(*ids));
	for (size_t i = 0; i < ix->nagencies; i++)
		ids[i] = ix->agencies[i].id.text;
	const char *close = qms_closest(id, ids, ix->nagencies);
	free(ids);
	return close;
}

static void no_tracker(const struct qms_index *ix, const char *agency, const char *path, char **err)
{
	const char *close = agency_suggestion(ix, agency);
	if (close)
		qms_error(err, QMS_ERR_USAGE, "no tracker for agency '%s' (%s); did you mean '%s'?", agency, path,
			  close);
	else
		qms_error(err, QMS_ERR_USAGE, "no tracker for agency '%s' (%s); create it with 'qms audit new'", agency,
			  path);
}

/* 0 when agency may name a tracker file, else QMS_ERR_USAGE and why. */
static int check_agency_id(const char *agency, char **err)
{
	if (agency && qms_id_valid(agency))
		return 0;
	if (agency && agency[0] == '.')
		return qms_error(err, QMS_ERR_USAGE,
				 "'%s' is not a valid agency id: an id cannot start with '.' (its tracker "
				 "would be a hidden file)",
				 agency);
	return qms_error(err, QMS_ERR_USAGE,
			 "'%s' is not a valid agency id: use ASCII letters, digits, '-', '_' or '.'",
			 agency ? agency : "");
}

/* The text of the tracker at abs (locked) after change c, into text; the
 * problems of its present text into before. Returns 0 or a failure. */
static int changed_text(struct qms_buf *text, struct qms_diags *before, struct qms_tracker_result *res,
			const struct qms_index *ix, const char *abs, const struct qms_tracker_change *c, char **err)
{
	if (c->op == QMS_TRACKER_NEW) {
		if (qms_is_file(abs))
			return qms_error(err, QMS_ERR_USAGE, "%s exists already", res->path);
		qms_tracker_new_text(text, c);
		return 0;
	}
	struct qms_buf old;
	qms_buf_init(&old);
	char *read_err = NULL;
	int rc = qms_file_read(&old, abs, &read_err);
	if (rc < 0 && errno == ENOENT) {
		rc = QMS_ERR_USAGE;
		no_tracker(ix, c->agency, res->path, err);
		free(read_err);
	} else if (rc < 0) {
		*err = read_err;
	} else {
		qms_tracker_problems(ix, res->path, old.buf, old.len, before);
		rc = qms_tracker_change_text(text, res->path, old.buf, old.len, c, &res->problems, err);
	}
	qms_buf_release(&old);
	return rc;
}

enum qms_tracker_outcome qms_tracker_apply(struct qms_tracker_result *res, const struct qms_index *ix, const char *root,
					   const struct qms_tracker_change *c, char **err)
{
	memset(res, 0, sizeof(*res));
	qms_diags_init(&res->problems);
	*err = NULL;
	if (check_agency_id(c->agency, err) < 0) {
		res->failure = QMS_ERR_USAGE;
		return QMS_TRACKER_FAILED;
	}
	char *dir = qms_path_join(root, "audits");
	struct qms_buf name;
	qms_buf_init(&name);
	qms_buf_printf(&name, "%s.yaml", c->agency);
	char *abs = qms_path_join(dir, name.buf);
	res->path = qms_display_path(abs);
	qms_buf_release(&name);

	enum qms_tracker_outcome outcome = QMS_TRACKER_FAILED;
	struct qms_buf text;
	qms_buf_init(&text);
	struct qms_diags before, after;
	qms_diags_init(&before);
	qms_diags_init(&after);
	int lock = -1;
	int rc = c->op == QMS_TRACKER_NEW ? qms_dir_make(dir, err) : 0;
	if (rc < 0)
		goto out;
	rc = QMS_ERR_USAGE; /* until a step says otherwise */
	if (c->op != QMS_TRACKER_NEW && !qms_is_file(abs)) {
		no_tracker(ix, c->agency, res->path, err);
		goto out;
	}
	/* A tracker that is a link: lock and replace the file it points to
	 * (fs.h's policy, as for qms migrate --apply). */
	char *real = c->op == QMS_TRACKER_NEW ? qms_xstrdup(abs) : qms_file_resolve(abs, err);
	rc = QMS_ERR_IO;
	if (!real)
		goto out;
	free(abs);
	abs = real;
	lock = qms_file_lock(abs, err);
	if (lock < 0)
		goto out;
	rc = changed_text(&text, &before, res, ix, abs, c, err);
	if (rc < 0)
		goto out;
	qms_tracker_problems(ix, res->path, text.buf, text.len, &after);
	qms_diags_sort(&after);
	new_problems(&before, &after, &res->problems);
	if (qms_diags_count(&res->problems, QMS_ERROR)) {
		outcome = QMS_TRACKER_REFUSED;
		goto out;
	}
	rc = qms_file_write_atomic(abs, text.buf, text.len, c->op == QMS_TRACKER_NEW ? QMS_WRITE_NEW : 0, err);
	if (rc < 0)
		goto out;
	qms_source_forget(qms_source_installed(), abs); /* kept bytes are old now */
	outcome = QMS_TRACKER_WRITTEN;
out:
	res->failure = outcome == QMS_TRACKER_FAILED && rc < 0 ? (enum qms_err)rc : QMS_ERR_USAGE;
	qms_file_unlock(lock);
	qms_diags_release(&before);
	qms_diags_release(&after);
	qms_buf_release(&text);
	free(abs);
	free(dir);
	return outcome;
}

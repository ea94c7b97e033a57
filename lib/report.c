/* The provincial report: computing the figures. The writers are in
 * report-text.c and report-data.c. See report.h and docs/report.md. */
#include "report.h"
#include "i18n.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flow.h"
#include "values.h"
#include "workspace.h"

const char *const qms_action_state_names[] = {"none", "open", "overdue", "unverified", "verified", NULL};

enum qms_action_state qms_finding_state(const struct qms_finding *f, int32_t as_of)
{
	bool nonconformity =
		f->grade.text && (f->grade.choice == QMS_GRADE_MAJOR || f->grade.choice == QMS_GRADE_MINOR);
	if (!nonconformity && !f->due.text)
		return QMS_ACTION_NONE;
	if (!f->closed.text || f->closed.date > as_of)
		return f->due.text && f->due.date < as_of ? QMS_ACTION_OVERDUE : QMS_ACTION_OPEN;
	if (!f->verified.text || f->verified.date > as_of)
		return QMS_ACTION_UNVERIFIED;
	return QMS_ACTION_VERIFIED;
}

bool qms_report_path_agency(struct qms_buf *out, const char *rel)
{
	if (!strncmp(rel, "processes/", 10)) {
		const char *a = rel + 10;
		const char *slash = strchr(a, '/');
		if (!slash || slash == a)
			return false;
		qms_buf_add(out, a, (size_t)(slash - a));
		return true;
	}
	if (!strncmp(rel, "audits/", 7)) {
		const char *a = rel + 7;
		if (strchr(a, '/'))
			return false;
		const char *dot = strrchr(a, '.');
		if (!dot || dot == a || (strcmp(dot, ".yaml") && strcmp(dot, ".yml")))
			return false;
		qms_buf_add(out, a, (size_t)(dot - a));
		return true;
	}
	return false;
}

/* ---- helpers ---- */

static void date_parts(int32_t days, int *y, int *m, int *d)
{
	char s[11];
	qms_date_format(s, days);
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
}

static int32_t date_of(int y, int m, int d)
{
	char s[16];
	snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, d);
	return qms_date_parse(s);
}

/* Clause numbers in the standard's order ("7.5.3" < "8.1" < "10.2"); ""
 * last. */
static int clause_cmp(const char *a, const char *b)
{
	if (!*a || !*b)
		return !*a - !*b;
	while (*a || *b) {
		char *ea, *eb;
		long x = strtol(a, &ea, 10), y = strtol(b, &eb, 10);
		if (ea == a || eb == b)
			return strcmp(a, b);
		if (x != y)
			return x < y ? -1 : 1;
		a = ea;
		b = eb;
		if (*a == '.' && *b == '.') {
			a++;
			b++;
			continue;
		}
		if (*a != *b)
			return !*a ? -1 : !*b ? 1 : (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
		a++;
		b++;
	}
	return 0;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* ---- agencies ---- */

static size_t find_agency(const struct qms_report *r, const char *id)
{
	for (size_t i = 0; i < r->nagencies; i++)
		if (!strcmp(r->agencies[i].id, id))
			return i;
	return SIZE_MAX;
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_agencies(struct qms_report *r)
{
	const struct qms_status_report *st = &r->status;
	const struct qms_index *ix = r->ix;
	/* trackers, then ids only procedures and systems name */
	size_t cap = st->len + ix->nprocesses + ix->nsystems + 1;
	r->agencies = qms_arena_alloc(&r->arena, cap * sizeof(*r->agencies));
	struct qms_buf b;
	qms_buf_init(&b);
	for (size_t i = 0; i < st->len; i++) {
		const struct qms_agency_status *s = &st->agencies[i];
		if (find_agency(r, s->id) != SIZE_MAX)
			continue; /* two trackers with one id: `qms check` says so */
		struct qms_report_agency *a = &r->agencies[r->nagencies++];
		a->id = s->id;
		a->name = s->name;
		a->level = s->level;
		a->tracked = true;
		a->status = *s;
	}
	const char **extra = qms_xcalloc(cap, sizeof(*extra));
	size_t nextra = 0;
	for (size_t i = 0; i < ix->nprocesses + ix->nsystems; i++) {
		const char *id =
			i < ix->nprocesses ? ix->processes[i].agency.text : ix->systems[i - ix->nprocesses].agency.text;
		if (!id || !*id || find_agency(r, id) != SIZE_MAX)
			continue;
		bool seen = false;
		for (size_t k = 0; k < nextra && !seen; k++)
			seen = !strcmp(extra[k], id);
		if (!seen)
			extra[nextra++] = id;
	}
	qsort(extra, nextra, sizeof(*extra), str_ptr_cmp);
	for (size_t k = 0; k < nextra; k++) {
		struct qms_report_agency *a = &r->agencies[r->nagencies++];
		a->id = qms_arena_strdup(&r->arena, extra[k]);
		a->name = a->id;
		a->level = -1;
	}
	free(extra);
	for (size_t i = 0; i < r->nagencies; i++) {
		struct qms_report_agency *a = &r->agencies[i];
		qms_buf_reset(&b);
		qms_agency_short_name(&b, a->name, r->workspace);
		a->short_name = qms_arena_strdup(&r->arena, b.buf);
		for (int s = 0; s < QMS_STAGE_COUNT; s++)
			a->stage_done[s] = -1;
	}
	qms_buf_release(&b);
}

static struct qms_document *keep_doc(struct qms_report *r)
{
	return &r->docs[r->ndocs++];
}

static int audit_cmp_ctx_date(const struct qms_report_audit *x, const struct qms_report_audit *y)
{
	if (x->agency != y->agency)
		return x->agency < y->agency ? -1 : 1;
	int32_t dx = x->audit->date.date, dy = y->audit->date.date;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	return strcmp(nz(x->audit->id.text), nz(y->audit->id.text));
}

/* The trackers: stages, audits and findings as of the date. */
static void read_trackers(struct qms_report *r)
{
	size_t cap_audits = 0, cap_findings = 0;
	for (size_t i = 0; i < r->nagencies; i++) {
		struct qms_report_agency *a = &r->agencies[i];
		if (!a->tracked)
			continue;
		struct qms_diags diags;
		qms_diags_init(&diags);
		struct qms_document *d = keep_doc(r);
		int rc = qms_document_load(d, a->status.path, &diags);
		qms_diags_release(&diags);
		if (rc < 0) {
			r->ndocs--;
			continue;
		}
		if (d->kind != QMS_KIND_AGENCY)
			continue;
		const struct qms_agency_file *t = d->data;
		a->tracker = t;
		a->tracker_path = a->status.path;
		const struct qms_stage *stages = t->migration.stages.items;
		for (size_t k = 0; k < t->migration.stages.len; k++) {
			const struct qms_stage *s = &stages[k];
			if (!s->stage.text || !s->done.text || s->done.date > r->as_of)
				continue;
			int n = s->stage.choice;
			if (a->stage_done[n] < 0) {
				a->stage_done[n] = s->done.date;
				a->stage_evidence[n] = s->evidence.text;
			}
		}
		if (a->status.status == QMS_STATUS_DONE)
			a->decision = a->stage_evidence[QMS_STAGE_ANNOUNCEMENT];
		const struct qms_audit *audits = t->audits.items;
		for (size_t k = 0; k < t->audits.len; k++) {
			const struct qms_audit *au = &audits[k];
			if (!au->date.text || au->date.date > r->as_of)
				continue;
			if (r->naudits == cap_audits) {
				cap_audits = cap_audits ? cap_audits * 2 : 64;
				r->audits = qms_xrealloc(r->audits, cap_audits * sizeof(*r->audits));
			}
			r->audits[r->naudits++] = (struct qms_report_audit){
				.audit = au,
				.agency = i,
				.in_period = au->date.date >= r->period_start,
			};
		}
	}
	/* by agency, date, id: the order pages and tables show */
	for (size_t i = 1; i < r->naudits; i++) {
		struct qms_report_audit x = r->audits[i];
		size_t k = i;
		for (; k > 0 && audit_cmp_ctx_date(&r->audits[k - 1], &x) > 0; k--)
			r->audits[k] = r->audits[k - 1];
		r->audits[k] = x;
	}
	for (size_t i = 0; i < r->naudits; i++) {
		const struct qms_report_audit *ra = &r->audits[i];
		struct qms_report_agency *a = &r->agencies[ra->agency];
		a->audits_total++;
		const struct qms_finding *fs = ra->audit->findings.items;
		for (size_t k = 0; k < ra->audit->findings.len; k++) {
			const struct qms_finding *f = &fs[k];
			if (r->nfindings == cap_findings) {
				cap_findings = cap_findings ? cap_findings * 2 : 128;
				r->findings = qms_xrealloc(r->findings, cap_findings * sizeof(*r->findings));
			}
			struct qms_report_finding *rf = &r->findings[r->nfindings++];
			*rf = (struct qms_report_finding){
				.finding = f,
				.audit = i,
				.agency = ra->agency,
				.grade = f->grade.text ? f->grade.choice : -1,
				.state = qms_finding_state(f, r->as_of),
				.procedure = SIZE_MAX,
				.in_period = ra->in_period,
			};
			if (rf->state == QMS_ACTION_OVERDUE)
				rf->days_overdue = r->as_of - f->due.date;
			a->actions[rf->state]++;
			r->actions[rf->state]++;
		}
	}
}

/* ---- procedures ---- */

static int proc_cmp(const void *pa, const void *pb)
{
	const struct qms_report_procedure *a = pa, *b = pb;
	if (a->agency_index != b->agency_index)
		return a->agency_index < b->agency_index ? -1 : 1;
	int c = strcmp(a->code, b->code);
	return c ? c : strcmp(a->path, b->path);
}

static void read_procedures(struct qms_report *r)
{
	const struct qms_index *ix = r->ix;
	double wh = r->settings.time.workday_hours > 0 ? r->settings.time.workday_hours : 8;
	r->procedures = qms_arena_alloc(&r->arena, (ix->nprocesses + 1) * sizeof(*r->procedures));
	for (size_t i = 0; i < ix->nprocesses; i++) {
		const struct qms_index_process *ip = &ix->processes[i];
		struct qms_report_procedure *p = &r->procedures[r->nprocedures++];
		p->code = nz(ip->code.text);
		p->title = nz(ip->title.text);
		p->agency = nz(ip->agency.text);
		p->path = ip->path;
		p->standard = ip->standard;
		p->agency_index = *p->agency ? find_agency(r, p->agency) : SIZE_MAX;
		struct qms_diags diags;
		qms_diags_init(&diags);
		struct qms_document *d = keep_doc(r);
		int rc = qms_document_load(d, ip->path, &diags);
		qms_diags_release(&diags);
		if (rc < 0) {
			r->ndocs--;
			continue;
		}
		if (d->kind != QMS_KIND_PROCESS)
			continue;
		const struct qms_process *proc = &((const struct qms_process_file *)d->data)->process;
		p->process = proc;
		p->statutory = qms_arena_strdup(&r->arena, proc->time_limit.statutory.text);
		p->committed = qms_arena_strdup(&r->arena, proc->time_limit.committed.text);
		p->tthc = proc->tthc.len > 0;
		struct qms_flow flow;
		qms_flow_init(&flow, proc);
		p->has_critical = qms_flow_critical_path(&p->critical, &flow, proc, wh) == 0;
		qms_flow_release(&flow);
		struct qms_time_facts tf;
		qms_time_facts(&tf, proc, p->has_critical ? &p->critical : NULL, &r->settings.time);
		p->timed = tf.timed;
		p->exempt = tf.exempt && tf.has_statutory && tf.has_committed;
		p->exempt_reason = qms_arena_strdup(&r->arena, tf.exempt_reason);
		/* bounded: the tenths stay in range of an int (issue 17, finding 14) */
		p->cut_tenths = (int)lround((tf.cut < -1e6 ? -1e6 : tf.cut) * 10.0);
		p->required_cut_tenths = (int)lround(tf.required_cut * 10.0);
		p->cut_in_days = tf.cut_in_days;
		p->meets_cut = tf.meets_cut;
		if (!r->keep_procedures) {
			qms_document_release(d);
			r->ndocs--;
			p->process = NULL;
		}
	}
	if (r->nprocedures > 1)
		qsort(r->procedures, r->nprocedures, sizeof(*r->procedures), proc_cmp);
	/* the first file of a code (in this order) owns it */
	struct qms_strmap seen = {0};
	for (size_t i = 0; i < r->nprocedures; i++) {
		struct qms_report_procedure *p = &r->procedures[i];
		if (*p->code && qms_strmap_put(&seen, p->code, i) != SIZE_MAX)
			p->duplicate = true;
	}
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct qms_finding *f = r->findings[i].finding;
		if (f->process.text)
			r->findings[i].procedure = qms_strmap_get(&seen, f->process.text);
	}
	qms_strmap_release(&seen);
}

/* ---- `qms check` ---- */

static void count_diags(struct qms_report *r)
{
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		strcpy(cwd, "/");
	size_t rootlen = strlen(r->root);
	struct qms_buf abs, id;
	qms_buf_init(&abs);
	qms_buf_init(&id);
	struct qms_strmap by_path = {0};
	for (size_t i = 0; i < r->nprocedures; i++)
		qms_strmap_put(&by_path, r->procedures[i].path, i);
	for (size_t i = 0; i < r->check.diags.len; i++) {
		const struct qms_diag *d = &r->check.diags.items[i];
		bool error = qms_rule_get(d->rule)->severity == QMS_ERROR;
		if (error)
			r->errors++;
		else
			r->warnings++;
		size_t pi = qms_strmap_get(&by_path, d->file);
		if (pi != SIZE_MAX) {
			if (error)
				r->procedures[pi].errors++;
			else
				r->procedures[pi].warnings++;
		}
		qms_buf_reset(&abs);
		if (d->file[0] != '/') {
			qms_buf_adds(&abs, cwd);
			qms_buf_addc(&abs, '/');
		}
		qms_buf_adds(&abs, d->file);
		size_t ai = SIZE_MAX;
		qms_buf_reset(&id);
		if (!strncmp(abs.buf, r->root, rootlen) && abs.buf[rootlen] == '/' &&
		    qms_report_path_agency(&id, abs.buf + rootlen + 1))
			ai = find_agency(r, id.buf);
		if (ai == SIZE_MAX) {
			if (error)
				r->errors_other++;
			else
				r->warnings_other++;
		} else if (error) {
			r->agencies[ai].errors++;
		} else {
			r->agencies[ai].warnings++;
		}
	}
	qms_strmap_release(&by_path);
	qms_buf_release(&abs);
	qms_buf_release(&id);
}

/* ---- coverage ---- */

static int compute_coverage(struct qms_report *r, char **err)
{
	struct qms_diags diags;
	qms_diags_init(&diags);
	int rc = qms_catalogs_open(&r->catalogs, r->root, &diags, err);
	qms_diags_release(&diags);
	if (rc < 0)
		return -1;
	const struct qms_catalog *cat = qms_catalogs_find(&r->catalogs, "ISO 9001:2015");
	r->have_catalog = cat != NULL;
	const struct qms_index *ix = r->ix;
	for (size_t i = 0; i < r->nagencies; i++) {
		struct qms_report_agency *a = &r->agencies[i];
		const struct qms_index_system *sx = NULL;
		for (size_t k = 0; k < ix->nsystems && !sx; k++)
			if (ix->systems[k].agency.text && !strcmp(ix->systems[k].agency.text, a->id))
				sx = &ix->systems[k];
		a->system_path = sx ? sx->path : NULL;
		if (!cat || (!sx && !a->procedures))
			continue;
		const struct qms_system *sys = NULL;
		if (sx) {
			qms_diags_init(&diags);
			struct qms_document *d = keep_doc(r);
			if (qms_document_load(d, sx->path, &diags) < 0)
				r->ndocs--;
			else if (d->kind == QMS_KIND_SYSTEM)
				sys = &((const struct qms_system_file *)d->data)->system;
			qms_diags_release(&diags);
		}
		struct qms_cov_input in = {
			.sys = sys,
			.sys_path = sx ? sx->path : NULL,
			.tracker = a->tracker,
			.tracker_path = a->tracker_path,
			.as_of = r->as_of,
		};
		qms_coverage_compute(&a->coverage, cat, ix, a->id, &in);
		a->assessed = true;
		r->assessed++;
		for (int s = 0; s < QMS_COV_STATUS_COUNT; s++)
			r->coverage_count[s] += a->coverage.count[s];
		if (!a->coverage.count[QMS_COV_DOCUMENTED] && !a->coverage.count[QMS_COV_MISSING])
			r->conforming++;
	}
	return 0;
}

/* ---- totals ---- */

static int clause_entry_cmp(const void *pa, const void *pb)
{
	const struct qms_report_clause *a = pa, *b = pb;
	int c = strcmp(b->standard, a->standard); /* 2015 first */
	if (c)
		return c;
	c = clause_cmp(a->clause, b->clause);
	return c ? c : strcmp(a->clause, b->clause);
}

static void count_findings(struct qms_report *r)
{
	bool *audited = qms_xcalloc(r->nagencies + 1, sizeof(*audited));
	for (size_t i = 0; i < r->naudits; i++) {
		const struct qms_report_audit *a = &r->audits[i];
		if (!a->in_period)
			continue;
		r->audits_period++;
		r->agencies[a->agency].audits_period++;
		if (!audited[a->agency])
			r->agencies_audited++;
		audited[a->agency] = true;
		if (a->audit->kind.text && a->audit->kind.choice >= 0 && a->audit->kind.choice < 3)
			r->audits_by_kind[a->audit->kind.choice]++;
	}
	free(audited);
	const struct qms_catalog *c2015 = qms_catalogs_find(&r->catalogs, "ISO 9001:2015");
	r->clauses = qms_arena_alloc(&r->arena, (r->nfindings + 1) * sizeof(*r->clauses));
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct qms_report_finding *f = &r->findings[i];
		if (!f->in_period)
			continue;
		r->findings_period++;
		r->agencies[f->agency].findings_period++;
		if (f->grade >= 0 && f->grade < 4)
			r->findings_by_grade[f->grade]++;
		else
			r->findings_no_grade++;
		const char *clause = nz(f->finding->clause.text);
		const char *standard = nz(r->audits[f->audit].audit->standard.text);
		struct qms_report_clause *e = NULL;
		for (size_t k = 0; k < r->nclauses && !e; k++)
			if (!strcmp(r->clauses[k].clause, clause) && !strcmp(r->clauses[k].standard, standard))
				e = &r->clauses[k];
		if (!e) {
			e = &r->clauses[r->nclauses++];
			e->clause = clause;
			e->standard = standard;
			/* the title in the audit's edition ("7.2" is another clause in
			 * 2008), else in 2015 when the audit names no edition */
			const struct qms_catalog *cat = *standard ? qms_catalogs_find(&r->catalogs, standard) : c2015;
			size_t ci = cat && *clause ? qms_catalog_find(cat, clause) : SIZE_MAX;
			if (ci != SIZE_MAX)
				e->catalog_clause = &cat->clauses[ci];
		}
		if (f->grade >= 0 && f->grade < 4)
			e->by_grade[f->grade]++;
		else
			e->other++;
		e->total++;
	}
	if (r->nclauses > 1)
		qsort(r->clauses, r->nclauses, sizeof(*r->clauses), clause_entry_cmp);
}

static void count_all(struct qms_report *r)
{
	for (size_t i = 0; i < r->nagencies; i++) {
		const struct qms_report_agency *a = &r->agencies[i];
		if (!a->tracked)
			continue;
		r->tracked++;
		r->by_status[a->status.status]++;
		int lv = a->level >= 0 && a->level < 3 ? a->level : 3;
		r->level_total[lv]++;
		if (a->status.status == QMS_STATUS_DONE)
			r->level_done[lv]++;
		r->by_next[a->status.next_stage >= 0 ? a->status.next_stage : QMS_STAGE_COUNT]++;
	}
	for (size_t i = 0; i < r->nprocedures; i++) {
		const struct qms_report_procedure *p = &r->procedures[i];
		if (p->standard == QMS_STD_2015)
			r->on_2015++;
		else if (p->standard == QMS_STD_2008)
			r->on_2008++;
		else
			r->no_standard++;
		if (p->agency_index != SIZE_MAX) {
			struct qms_report_agency *a = &r->agencies[p->agency_index];
			a->procedures++;
			a->on_2015 += p->standard == QMS_STD_2015;
			a->on_2008 += p->standard == QMS_STD_2008;
		}
	}
	/* mean cuts from the exact values, rounded once */
	double total = 0;
	double *by_agency = qms_xcalloc(r->nagencies + 1, sizeof(*by_agency));
	for (size_t i = 0; i < r->nprocedures; i++) {
		const struct qms_report_procedure *p = &r->procedures[i];
		if (p->exempt) {
			r->exempt++;
			if (p->agency_index != SIZE_MAX)
				r->agencies[p->agency_index].exempt++;
		}
		if (!p->timed)
			continue;
		double cut = p->cut_tenths / 10.0;
		r->timed++;
		r->meet_cut += p->meets_cut;
		total += cut;
		if (p->agency_index != SIZE_MAX) {
			struct qms_report_agency *a = &r->agencies[p->agency_index];
			a->timed++;
			a->meet_cut += p->meets_cut;
			by_agency[p->agency_index] += cut;
		}
	}
	r->avg_cut_tenths = r->timed ? (int)lround(total / (double)r->timed * 10.0) : 0;
	for (size_t i = 0; i < r->nagencies; i++)
		if (r->agencies[i].timed)
			r->agencies[i].avg_cut_tenths = (int)lround(by_agency[i] / (double)r->agencies[i].timed * 10.0);
	free(by_agency);
	r->time_cut_tenths = (int)lround(r->settings.time.time_cut * 10.0);
}

int qms_report_compute(struct qms_report *out, const char *path, const struct qms_report_options *opt, char **err)
{
	memset(out, 0, sizeof(*out));
	qms_diags_init(&out->problems);
	qms_diags_init(&out->index_diags);
	struct qms_location loc;
	int rc = qms_locate(&loc, path, err);
	if (rc < 0)
		return rc;
	if (!loc.root) {
		struct qms_buf b;
		qms_buf_init(&b);
		qms_buf_printf(&b, _("'%s' is not in a workspace (a folder with qms.yaml, processes/, audits/)"), path);
		*err = qms_buf_detach(&b);
		qms_location_release(&loc);
		return -1;
	}
	out->root = qms_arena_strdup(&out->arena, loc.root);
	qms_location_release(&loc);

	out->as_of = opt->as_of;
	out->keep_procedures = opt->keep_procedures;
	int y, m, d;
	date_parts(opt->as_of, &y, &m, &d);
	out->year = y;
	out->half = m <= 6 ? 1 : 2;
	/* the administration reports from the start of the year: quarter I,
	 * six months, nine months, the year */
	out->period_start = date_of(y, 1, 1);
	out->period_end = opt->as_of;

	qms_status_load(&out->status, out->root, opt->as_of);
	qms_diags_move(&out->problems, &out->status.diags);
	out->settings = out->status.settings;
	out->workspace = out->settings.name ? out->settings.name : "";
	out->lang = opt->lang >= 0 ? (enum qms_lang)opt->lang : out->settings.lang;

	struct qms_diags ixdiags;
	qms_diags_init(&ixdiags);
	char *ixerr = NULL;
	if (qms_index_load(&out->ix, out->root, opt->jobs, &ixdiags, &ixerr) < 0) {
		*err = ixerr;
		qms_diags_release(&ixdiags);
		qms_report_release(out);
		return -1;
	}
	qms_diags_move(&out->index_diags, &ixdiags);
	const char *paths[] = {out->root};
	struct qms_check_options copt = {.jobs = opt->jobs};
	if (qms_check_paths(&out->check, paths, 1, &copt, err) < 0) {
		qms_report_release(out);
		return -1;
	}
	out->files_checked = out->check.files;

	size_t ndocs = out->status.len + out->ix->nprocesses + out->ix->nsystems + 1;
	out->docs = qms_xcalloc(ndocs, sizeof(*out->docs));
	add_agencies(out);
	read_trackers(out);
	read_procedures(out);
	count_all(out);
	count_diags(out);
	if (compute_coverage(out, err) < 0) {
		qms_report_release(out);
		return -1;
	}
	count_findings(out);
	qms_thread_cache_release();
	return 0;
}

void qms_report_release(struct qms_report *r)
{
	for (size_t i = 0; i < r->nagencies; i++)
		if (r->agencies[i].assessed)
			qms_coverage_release(&r->agencies[i].coverage);
	for (size_t i = 0; i < r->ndocs; i++)
		qms_document_release(&r->docs[i]);
	free(r->docs);
	free(r->audits);
	free(r->findings);
	qms_diags_release(&r->problems);
	qms_status_report_release(&r->status);
	qms_index_free(r->ix);
	qms_diags_release(&r->index_diags);
	qms_check_result_release(&r->check);
	qms_catalogs_release(&r->catalogs);
	qms_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

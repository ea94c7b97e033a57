/* The time rules of one procedure (T001-T004, T006-T008 on its own file)
 * and the time facts that diagrams, reports and the site show. Limits are
 * compared as timelimit.h counts them; every figure is printed in the
 * unit its author wrote. */
#include "flow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "status.h"

#define EPS 1e-9

static enum qms_step_kind kind_of(const struct qms_step *s)
{
	return s->kind.text ? (enum qms_step_kind)s->kind.choice : QMS_STEP_TASK;
}

static double wh_of(const struct qms_time_settings *ts)
{
	return ts->workday_hours > 0 ? ts->workday_hours : 8;
}

/* The calendar of ts, or Monday to Friday with its working hours. */
static const struct qms_calendar *calendar_of(const struct qms_time_settings *ts, struct qms_calendar *plain)
{
	if (ts->calendar)
		return ts->calendar;
	qms_calendar_init(plain, wh_of(ts));
	return plain;
}

/* ---- the facts ---- */

void qms_time_facts(struct qms_time_facts *out, const struct qms_process *p, const struct qms_span *path,
		    const struct qms_time_settings *ts)
{
	memset(out, 0, sizeof(*out));
	const struct qms_time_limit *tl = &p->time_limit;
	double wh = wh_of(ts);
	out->has_statutory = tl->statutory.text != NULL;
	out->has_committed = tl->committed.text != NULL;
	if (out->has_statutory) {
		out->statutory = tl->statutory.duration;
		qms_span_of(&out->statutory_span, &out->statutory, wh);
	}
	if (out->has_committed) {
		out->committed = tl->committed.duration;
		qms_span_of(&out->committed_span, &out->committed, wh);
	}
	if (path) {
		out->has_path = true;
		out->path = *path;
	}
	out->required_cut = tl->cut.text ? tl->cut.number : ts->time_cut;
	out->own_cut = tl->cut.text != NULL;
	out->exempt_reason = tl->cut_exempt.text;
	out->exempt = tl->cut_exempt.text || (out->has_statutory && out->statutory.unit == QMS_UNIT_SAME_DAY);
	struct qms_calendar plain;
	const struct qms_calendar *cal = calendar_of(ts, &plain);
	if (out->has_statutory && out->has_committed) {
		struct qms_overrun_result r;
		qms_span_overrun(&r, cal, ts->cache, &out->committed_span, &out->statutory_span);
		out->over_statutory = r.kind == QMS_OVERRUN_ALWAYS;
		bool in_days = qms_duration_is_calendar(&out->statutory);
		double ls = qms_span_length(&out->statutory_span, in_days, wh);
		double lc = qms_span_length(&out->committed_span, in_days, wh);
		out->cut_in_days = in_days;
		out->cut_assumed = qms_duration_is_calendar(&out->committed) != in_days ||
				   out->committed.unit == QMS_UNIT_SAME_DAY;
		out->committed_length = lc;
		out->statutory_length = ls;
		if (ls > 0 && !out->exempt) {
			out->timed = true;
			out->cut =
				out->over_statutory ? fmin(0, (ls - lc) / ls * 100.0) : fmax(0, (ls - lc) / ls * 100.0);
			out->meets_cut = !out->over_statutory && out->cut + EPS >= out->required_cut;
		}
	}
	if (out->has_path && out->has_committed) {
		struct qms_overrun_result r;
		qms_span_overrun(&r, cal, ts->cache, &out->path, &out->committed_span);
		out->path_over = r.kind == QMS_OVERRUN_ALWAYS;
	}
}

/* ---- the rules ---- */

struct tcheck {
	const struct qms_process *p;
	const char *path;
	const struct qms_time_settings *ts;
	struct qms_diags *diags;
	double wh;
	enum qms_lang lang;
	const struct qms_calendar *cal;
	struct qms_calendar plain;
	struct qms_buf s[6]; /* figures for one message */
};

/* Figures go into a message in the language the message itself comes
 * out in: the reader's once the catalog translates the time messages,
 * English until then (never Vietnamese units in an English sentence). */
static enum qms_lang message_lang(void)
{
	static const char probe[] = "the committed %s exceeds the statutory %s";
	return qms_gettext(probe) != probe ? qms_lang_get() : QMS_LANG_EN;
}

static void tcheck_init(struct tcheck *c)
{
	c->wh = wh_of(c->ts);
	c->lang = message_lang();
	c->cal = calendar_of(c->ts, &c->plain);
	for (size_t i = 0; i < QMS_ARRAY_LEN(c->s); i++)
		qms_buf_init(&c->s[i]);
}

static void tcheck_release(struct tcheck *c)
{
	for (size_t i = 0; i < QMS_ARRAY_LEN(c->s); i++)
		qms_buf_release(&c->s[i]);
}

static const char *dur(struct tcheck *c, int i, const struct qms_duration *d)
{
	qms_buf_reset(&c->s[i]);
	qms_duration_format(&c->s[i], d->amount, d->unit, c->lang);
	return c->s[i].buf;
}

static const char *amount(struct tcheck *c, int i, double v, enum qms_duration_unit unit)
{
	qms_buf_reset(&c->s[i]);
	qms_duration_format(&c->s[i], v, unit, c->lang);
	return c->s[i].buf;
}

static const char *span_text(struct tcheck *c, int i, const struct qms_span *s, enum qms_duration_unit like)
{
	qms_buf_reset(&c->s[i]);
	qms_span_format(&c->s[i], s, like, c->wh, c->lang);
	return c->s[i].buf;
}

static const char *number(struct tcheck *c, int i, double v)
{
	qms_buf_reset(&c->s[i]);
	qms_buf_add_number_lang(&c->s[i], v, c->lang);
	return c->s[i].buf;
}

static const char *date_text(struct tcheck *c, int i, int32_t day)
{
	char d[11];
	qms_date_format_lang(d, day, c->lang);
	qms_buf_reset(&c->s[i]);
	qms_buf_adds(&c->s[i], qms_weekday_name(day, c->lang));
	qms_buf_adds(&c->s[i], " ");
	qms_buf_adds(&c->s[i], d);
	return c->s[i].buf;
}

static const char *weekday(struct tcheck *c, int32_t day)
{
	return qms_weekday_name(day, c->lang);
}

/* T002 and T006 for the committed limit against the statutory one. */
static void check_committed(struct tcheck *c, const struct qms_value *stat, const struct qms_value *comm)
{
	struct qms_span ss, sc;
	qms_span_of(&ss, &stat->duration, c->wh);
	qms_span_of(&sc, &comm->duration, c->wh);
	struct qms_overrun_result r;
	qms_span_overrun(&r, c->cal, c->ts->cache, &sc, &ss);
	if (r.kind == QMS_OVERRUN_NONE)
		return;
	const char *ct = dur(c, 0, &comm->duration), *st = dur(c, 1, &stat->duration);
	if (r.by_amount) {
		qms_diags_add(c->diags, c->path, comm->line, comm->col, QMS_RULE_T002,
			      "the committed %s exceeds the statutory %s", ct, st);
		return;
	}
	enum qms_duration_unit unit = comm->duration.unit;
	if (r.kind == QMS_OVERRUN_ALWAYS) {
		double most = qms_span_max_within(unit, &ss, NULL, NULL, c->wh); /* an ordinary week */
		if (most > 0)
			qms_diags_add(c->diags, c->path, comm->line, comm->col, QMS_RULE_T002,
				      "the committed %s ends after the statutory %s: for a dossier received on a %s, "
				      "the committed limit ends on day %ld, a %s, the statutory one on day %ld, a %s; "
				      "commit at most %s",
				      ct, st, weekday(c, r.received), (long)(r.end_a - r.received), weekday(c, r.end_a),
				      (long)(r.end_b - r.received), weekday(c, r.end_b), amount(c, 2, most, unit));
		else
			qms_diags_add(c->diags, c->path, comm->line, comm->col, QMS_RULE_T002,
				      "the committed %s ends after the statutory %s: for a dossier received on a %s, "
				      "the committed limit ends on day %ld, a %s, the statutory one on day %ld, a %s; "
				      "write the committed limit in the statutory limit's unit",
				      ct, st, weekday(c, r.received), (long)(r.end_a - r.received), weekday(c, r.end_a),
				      (long)(r.end_b - r.received), weekday(c, r.end_b));
		return;
	}
	double most = qms_span_max_within(unit, &ss, c->cal, c->ts->cache, c->wh);
	const char *rec = date_text(c, 2, r.received), *ea = date_text(c, 3, r.end_a), *eb = date_text(c, 4, r.end_b);
	if (most > 0)
		qms_diags_add(
			c->diags, c->path, comm->line, comm->col, QMS_RULE_T006,
			"the committed %s ends after the statutory %s when days off fall in between: for a dossier "
			"received on %s, the committed limit ends on %s, the statutory one on %s; %s hold all year",
			ct, st, rec, ea, eb, amount(c, 5, most, unit));
	else
		qms_diags_add(c->diags, c->path, comm->line, comm->col, QMS_RULE_T006,
			      "the committed %s ends after the statutory %s when days off fall in between: for a "
			      "dossier received on %s, the committed limit ends on %s, the statutory one on %s",
			      ct, st, rec, ea, eb);
}

/* T003: the cut, counted in the statutory limit's kind of unit. */
static void check_cut(struct tcheck *c, const struct qms_value *stat, const struct qms_value *comm)
{
	struct qms_time_facts f;
	qms_time_facts(&f, c->p, NULL, c->ts);
	if (!f.timed || f.over_statutory || f.meets_cut)
		return;
	enum qms_duration_unit unit = comm->duration.unit;
	double max_length = f.statutory_length * (100.0 - f.required_cut) / 100.0;
	double most = qms_span_max_amount(unit, &f.statutory_span, max_length, c->wh);
	const char *at_most;
	if (most > 0) {
		at_most = amount(c, 4, most, unit);
	} else {
		/* nothing in the committed unit is short enough: say it in the
		 * statutory one */
		enum qms_duration_unit su = stat->duration.unit;
		struct qms_span one;
		struct qms_duration d1 = {1, su};
		qms_span_of(&one, &d1, c->wh);
		double per = f.cut_in_days ? one.days : one.hours;
		at_most = amount(c, 4, per > 0 ? max_length / per : max_length, su);
	}
	const char *ct = dur(c, 0, &comm->duration), *st = dur(c, 1, &stat->duration);
	const char *cut = number(c, 2, f.cut), *req = number(c, 3, f.required_cut);
	uint32_t line = comm->line, col = comm->col;
	if (!f.cut_assumed) {
		if (f.own_cut)
			qms_diags_add(c->diags, c->path, line, col, QMS_RULE_T003,
				      "the committed %s cuts %s%% off the statutory %s; this procedure asks for at "
				      "least %s%% (at most %s)",
				      ct, cut, st, req, at_most);
		else
			qms_diags_add(c->diags, c->path, line, col, QMS_RULE_T003,
				      "the committed %s cuts %s%% off the statutory %s; the workspace asks for at "
				      "least %s%% (at most %s)",
				      ct, cut, st, req, at_most);
		return;
	}
	const char *len =
		amount(c, 5, f.committed_length, f.cut_in_days ? QMS_UNIT_CALENDAR_DAYS : QMS_UNIT_WORKING_DAYS);
	if (!f.cut_in_days)
		len = amount(c, 5, f.committed_length / c->wh, QMS_UNIT_WORKING_DAYS);
	if (f.own_cut)
		qms_diags_add(c->diags, c->path, line, col, QMS_RULE_T003,
			      "the committed %s, at most %s in an ordinary week, cuts %s%% off the statutory %s; this "
			      "procedure asks for at least %s%% (at most %s)",
			      ct, len, cut, st, req, at_most);
	else
		qms_diags_add(c->diags, c->path, line, col, QMS_RULE_T003,
			      "the committed %s, at most %s in an ordinary week, cuts %s%% off the statutory %s; the "
			      "workspace asks for at least %s%% (at most %s)",
			      ct, len, cut, st, req, at_most);
}

/* T001 and T006 for a path against the committed limit (times.c and the
 * workspace rules share it). */
void qms_check_path_against(const struct qms_span *path, const struct qms_duration *comm, uint32_t line, uint32_t col,
			    const char *file, const struct qms_time_settings *ts, struct qms_diags *diags)
{
	struct tcheck c = {.path = file, .ts = ts, .diags = diags};
	tcheck_init(&c);
	struct qms_span sc;
	qms_span_of(&sc, comm, c.wh);
	struct qms_overrun_result r;
	qms_span_overrun(&r, c.cal, ts->cache, path, &sc);
	if (r.kind == QMS_OVERRUN_NONE) {
		tcheck_release(&c);
		return;
	}
	enum qms_duration_unit unit = comm->unit;
	const char *pt = span_text(&c, 0, path, unit), *ct = dur(&c, 1, comm);
	if (r.by_amount) {
		qms_diags_add(diags, file, line, col, QMS_RULE_T001, "critical path %s exceeds the committed %s", pt,
			      ct);
	} else if (r.kind == QMS_OVERRUN_ALWAYS) {
		qms_diags_add(diags, file, line, col, QMS_RULE_T001,
			      "critical path %s ends after the committed %s: for a dossier received on a %s, the path "
			      "ends on day %ld, a %s, the limit on day %ld, a %s",
			      pt, ct, weekday(&c, r.received), (long)(r.end_a - r.received), weekday(&c, r.end_a),
			      (long)(r.end_b - r.received), weekday(&c, r.end_b));
	} else {
		qms_diags_add(diags, file, line, col, QMS_RULE_T006,
			      "critical path %s ends after the committed %s when days off fall in between: for a "
			      "dossier received on %s, the path ends on %s, the limit on %s",
			      pt, ct, date_text(&c, 2, r.received), date_text(&c, 3, r.end_a),
			      date_text(&c, 4, r.end_b));
	}
	tcheck_release(&c);
}

/* T008: keys of time_limit that contradict each other. */
static void check_keys(struct tcheck *c)
{
	const struct qms_time_limit *tl = &c->p->time_limit;
	if (tl->cut.text && tl->cut_exempt.text)
		qms_diags_add(c->diags, c->path, tl->cut_exempt.line, tl->cut_exempt.col, QMS_RULE_T008,
			      "'cut' and 'cut_exempt' are both given; keep the one that holds");
	bool same_day = (tl->statutory.text && tl->statutory.duration.unit == QMS_UNIT_SAME_DAY) ||
			(tl->committed.text && tl->committed.duration.unit == QMS_UNIT_SAME_DAY);
	if (tl->cutoff.text && !same_day)
		qms_diags_add(c->diags, c->path, tl->cutoff.line, tl->cutoff.col, QMS_RULE_T008,
			      "'cutoff' is for same-day limits and neither limit is 'trong ngày'; delete it or write "
			      "the limit as 'trong ngày'");
	if (tl->extension.text && !tl->statutory.text)
		qms_diags_add(c->diags, c->path, tl->extension.line, tl->extension.col, QMS_RULE_T008,
			      "an extension needs the statutory limit it extends; add 'statutory'");
}

/* T007: steps taken only on an extension. */
static void check_extension(struct tcheck *c, const struct qms_flow *f)
{
	const struct qms_process *p = c->p;
	const struct qms_time_limit *tl = &p->time_limit;
	bool any = false;
	for (size_t i = 0; i < p->steps.len; i++) {
		const struct qms_step *s = qms_process_step(p, i);
		if (!s->extension.text)
			continue;
		any = true;
		if (!tl->extension.text || !tl->statutory.text)
			qms_diags_add(c->diags, c->path, s->extension.line, s->extension.col, QMS_RULE_T007,
				      "step '%s' is taken only on an extension, but 'time_limit' gives no extension of "
				      "a statutory limit; add the one the law allows, e.g. 'extension: 10 ngày'",
				      s->id.text ? s->id.text : "?");
	}
	if (!any || !tl->extension.text || !tl->statutory.text)
		return;
	struct qms_arena scratch = {0};
	size_t n = f->nsteps;
	struct qms_span *spans = qms_arena_alloc(&scratch, (n ? n : 1) * sizeof(*spans));
	unsigned char *flags = qms_arena_alloc(&scratch, n ? n : 1);
	qms_flow_step_times(spans, flags, p, c->wh);
	struct qms_span path, allowed, ext;
	if (qms_flow_longest(&path, NULL, NULL, f, spans, flags, true, c->wh) == 0) {
		qms_span_of(&allowed, &tl->statutory.duration, c->wh);
		qms_span_of(&ext, &tl->extension.duration, c->wh);
		qms_span_add(&allowed, &ext, c->wh);
		struct qms_overrun_result r;
		qms_span_overrun(&r, c->cal, c->ts->cache, &path, &allowed);
		if (r.kind == QMS_OVERRUN_ALWAYS)
			qms_diags_add(c->diags, c->path, tl->extension.line, tl->extension.col, QMS_RULE_T007,
				      "the longest path through the steps taken on an extension, %s, ends after the "
				      "statutory %s plus the extension %s",
				      span_text(c, 0, &path, tl->statutory.duration.unit),
				      dur(c, 1, &tl->statutory.duration), dur(c, 2, &tl->extension.duration));
	}
	qms_arena_release(&scratch);
}

void qms_process_check_times(const struct qms_process *p, const char *path, const struct qms_flow *f,
			     const struct qms_time_settings *ts, struct qms_diags *diags)
{
	struct tcheck c = {.p = p, .path = path, .ts = ts, .diags = diags};
	tcheck_init(&c);
	const struct qms_value *stat = &p->time_limit.statutory;
	const struct qms_value *comm = &p->time_limit.committed;
	check_keys(&c);
	check_extension(&c, f);
	if (stat->text || comm->text) {
		bool open_calls = false;
		for (size_t i = 0; i < p->steps.len; i++) {
			const struct qms_step *s = qms_process_step(p, i);
			enum qms_step_kind k = kind_of(s);
			/* a duration written but malformed is S005's, not "missing" */
			if (k == QMS_STEP_TASK && !s->duration.line && s->id.text)
				qms_diags_add(diags, path, s->obj.line, s->obj.col, QMS_RULE_T004,
					      "step '%s' has no duration; the critical path leaves it out", s->id.text);
			open_calls |= k == QMS_STEP_SUBPROCESS && !s->duration.line && s->calls.text;
		}
		if (stat->text && comm->text) {
			check_committed(&c, stat, comm);
			check_cut(&c, stat, comm);
		}
		struct qms_span cp;
		/* with subprocesses that take their called procedure's time,
		 * the workspace rules measure the path */
		if (comm->text && !(open_calls && ts->calls_resolved_later) &&
		    qms_flow_critical_path(&cp, f, p, c.wh) == 0)
			qms_check_path_against(&cp, &comm->duration, comm->line, comm->col, path, ts, diags);
	}
	tcheck_release(&c);
}

/* ---- across files ---- */

/* Keep the flow and step times of p, to measure its path again once the
 * called procedures' times are known. */
static struct qms_index_graph *keep_flow(struct qms_arena *a, const struct qms_flow *f, const struct qms_process *p,
					 double wh)
{
	struct qms_index_graph *g = qms_arena_alloc(a, sizeof(*g));
	size_t n = f->nsteps, nedges = f->edge_start[n];
	g->flow.nsteps = n;
	g->flow.start = f->start;
	g->flow.edge_start = qms_arena_alloc(a, (n + 1) * sizeof(size_t));
	memcpy(g->flow.edge_start, f->edge_start, (n + 1) * sizeof(size_t));
	g->flow.edges = qms_arena_alloc(a, (nedges ? nedges : 1) * sizeof(size_t));
	g->flow.back = qms_arena_alloc(a, (nedges ? nedges : 1) * sizeof(bool));
	if (nedges) {
		memcpy(g->flow.edges, f->edges, nedges * sizeof(size_t));
		memcpy(g->flow.back, f->back, nedges * sizeof(bool));
	}
	g->spans = qms_arena_alloc(a, (n ? n : 1) * sizeof(*g->spans));
	g->flags = qms_arena_alloc(a, n ? n : 1);
	g->step_calls = qms_arena_alloc(a, (n ? n : 1) * sizeof(*g->step_calls));
	qms_flow_step_times(g->spans, g->flags, p, wh);
	for (size_t i = 0; i < n; i++)
		if (g->flags[i] & QMS_STEP_T_OPEN_CALL)
			g->step_calls[i] = qms_arena_strdup(a, qms_process_step(p, i)->calls.text);
	return g;
}

void qms_index_summarise_times(struct qms_index_process *s, struct qms_arena *a, const struct qms_process *p, double wh)
{
	struct qms_index_time *t = &s->time;
	memset(t, 0, sizeof(*t));
	if (wh <= 0)
		wh = 8;
	size_t nsubs = 0;
	for (size_t i = 0; i < p->steps.len; i++) {
		const struct qms_step *st = qms_process_step(p, i);
		nsubs += kind_of(st) == QMS_STEP_SUBPROCESS && st->calls.text;
	}
	s->subs = nsubs ? qms_arena_alloc(a, nsubs * sizeof(*s->subs)) : NULL;
	s->nsubs = 0;
	for (size_t i = 0; nsubs && i < p->steps.len; i++) {
		const struct qms_step *st = qms_process_step(p, i);
		if (kind_of(st) != QMS_STEP_SUBPROCESS || !st->calls.text)
			continue;
		struct qms_index_call *c = &s->subs[s->nsubs++];
		c->calls.text = qms_arena_strdup(a, st->calls.text);
		c->calls.line = st->calls.line;
		c->calls.col = st->calls.col;
		c->step = qms_arena_strdup(a, st->id.text ? st->id.text : "?");
		c->has_duration = st->duration.text != NULL;
		c->duration = st->duration.duration;
		c->line = st->duration.line;
		c->col = st->duration.col;
		t->open_calls |= !st->duration.line;
	}
	const struct qms_value *comm = &p->time_limit.committed;
	t->has_committed = comm->text != NULL;
	if (t->has_committed) {
		t->committed = comm->duration;
		t->committed_line = comm->line;
		t->committed_col = comm->col;
	}
	/* the path is needed when it stands for the procedure (no committed
	 * limit) or must be measured again */
	if (t->has_committed && !t->open_calls)
		return;
	struct qms_flow f;
	qms_flow_init(&f, p);
	t->has_path = qms_flow_critical_path(&t->path, &f, p, wh) == 0;
	if (t->open_calls && t->has_path)
		t->graph = keep_flow(a, &f, p, wh);
	qms_flow_release(&f);
}

/* The resolution walks calls depth first with a stack of its own: a
 * chain of calls as long as the workspace cannot overflow it. */
enum { UNSEEN, ON_STACK, DONE };

struct resolver {
	struct qms_index *ix;
	double wh;
	unsigned char *state;
	size_t *stack;
	size_t *next_step; /* per procedure: where its look for callees resumes */
	size_t depth;
};

/* Measure the path of procedure i with its callees' times (all DONE, or
 * on the stack: a cycle, counted as nothing). */
static void measure(struct resolver *r, size_t i)
{
	struct qms_index_time *t = &r->ix->processes[i].time;
	const struct qms_index_graph *g = t->graph;
	size_t n = g->flow.nsteps;
	struct qms_span *spans = qms_xmalloc((n ? n : 1) * sizeof(*spans));
	memcpy(spans, g->spans, n * sizeof(*spans));
	for (size_t k = 0; k < n; k++) {
		if (!g->step_calls[k])
			continue;
		const struct qms_index_process *callee = qms_index_find_process(r->ix, g->step_calls[k]);
		if (callee && callee->time.has_time)
			spans[k] = callee->time.time;
	}
	t->has_resolved_path =
		qms_flow_longest(&t->resolved_path, NULL, NULL, &g->flow, spans, g->flags, false, r->wh) == 0;
	free(spans);
}

static void settle(struct resolver *r, size_t i)
{
	struct qms_index_time *t = &r->ix->processes[i].time;
	if (t->graph)
		measure(r, i);
	else if (t->has_path) {
		t->has_resolved_path = true;
		t->resolved_path = t->path;
	}
	if (t->has_committed) {
		t->has_time = true;
		qms_span_of(&t->time, &t->committed, r->wh);
	} else if (t->has_resolved_path) {
		t->has_time = true;
		t->time = t->resolved_path;
	}
	r->state[i] = DONE;
}

/* The next callee of i that still needs resolving, or SIZE_MAX. */
static size_t pending_callee(struct resolver *r, size_t i)
{
	const struct qms_index_graph *g = r->ix->processes[i].time.graph;
	if (!g)
		return SIZE_MAX;
	/* each step is looked at once: a callee found stays resolved */
	for (size_t k = r->next_step[i]; k < g->flow.nsteps; k++) {
		if (!g->step_calls[k])
			continue;
		const struct qms_index_process *c = qms_index_find_process(r->ix, g->step_calls[k]);
		size_t j = c ? (size_t)(c - r->ix->processes) : SIZE_MAX;
		if (j != SIZE_MAX && r->state[j] == UNSEEN) {
			r->next_step[i] = k + 1;
			return j;
		}
	}
	r->next_step[i] = g->flow.nsteps;
	return SIZE_MAX;
}

void qms_index_resolve_times(struct qms_index *ix)
{
	size_t n = ix->nprocesses;
	struct resolver r = {.ix = ix, .wh = wh_of(&ix->settings.time)};
	r.state = qms_xcalloc(n ? n : 1, 1);
	r.stack = qms_xmalloc((n ? n : 1) * sizeof(*r.stack));
	r.next_step = qms_xcalloc(n ? n : 1, sizeof(*r.next_step));
	for (size_t i = 0; i < n; i++) {
		if (r.state[i] != UNSEEN)
			continue;
		r.state[i] = ON_STACK;
		r.stack[r.depth++] = i;
		while (r.depth) {
			size_t top = r.stack[r.depth - 1];
			size_t j = pending_callee(&r, top);
			if (j == SIZE_MAX) {
				settle(&r, top);
				r.depth--;
			} else {
				r.state[j] = ON_STACK;
				r.stack[r.depth++] = j;
			}
		}
	}
	free(r.state);
	free(r.stack);
	free(r.next_step);
}

/* T005 for each subprocess with its own duration; T001 for procedures
 * whose path runs through subprocesses without one. */
void qms_rules_times(const struct qms_index *ix, struct qms_diags *diags)
{
	const struct qms_time_settings *ts = &ix->settings.time;
	struct tcheck c = {.ts = ts, .diags = diags};
	tcheck_init(&c);
	for (size_t i = 0; i < ix->nprocesses; i++) {
		const struct qms_index_process *p = &ix->processes[i];
		const struct qms_index_time *t = &p->time;
		if (t->open_calls && t->has_committed && t->has_resolved_path)
			qms_check_path_against(&t->resolved_path, &t->committed, t->committed_line, t->committed_col,
					       p->path, ts, diags);
		for (size_t k = 0; k < p->nsubs; k++) {
			const struct qms_index_call *call = &p->subs[k];
			const struct qms_index_process *callee = qms_index_find_process(ix, call->calls.text);
			if (!call->has_duration || !callee || !callee->time.has_time)
				continue;
			struct qms_span own;
			qms_span_of(&own, &call->duration, c.wh);
			struct qms_overrun_result r;
			qms_span_overrun(&r, c.cal, ts->cache, &callee->time.time, &own);
			if (r.kind != QMS_OVERRUN_ALWAYS)
				continue;
			const char *what =
				callee->time.has_committed ? _("its committed limit") : _("its critical path");
			const char *own_text = dur(&c, 0, &call->duration);
			const char *called = span_text(&c, 1, &callee->time.time, call->duration.unit);
			bool other =
				p->agency.text && callee->agency.text && strcmp(p->agency.text, callee->agency.text);
			if (other)
				qms_diags_add(diags, p->path, call->line, call->col, QMS_RULE_T005,
					      "subprocess '%s' takes %s, but '%s', the procedure of agency '%s' it "
					      "calls, takes %s (%s); give the step at least that, or leave its "
					      "duration out to use the called procedure's",
					      call->step, own_text, call->calls.text, callee->agency.text, called,
					      what);
			else
				qms_diags_add(diags, p->path, call->line, call->col, QMS_RULE_T005,
					      "subprocess '%s' takes %s, but '%s', the procedure it calls, takes %s "
					      "(%s); give the step at least that, or leave its duration out to use the "
					      "called procedure's",
					      call->step, own_text, call->calls.text, called, what);
		}
	}
	tcheck_release(&c);
}

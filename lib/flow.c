#include "flow.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

const struct qms_step *qms_process_step(const struct qms_process *p, size_t i)
{
	return &((const struct qms_step *)p->steps.items)[i];
}

static const struct qms_value *list_value(const struct qms_list *l, size_t i)
{
	return &((const struct qms_value *)l->items)[i];
}

static enum qms_step_kind step_kind(const struct qms_step *s)
{
	return s->kind.text ? (enum qms_step_kind)s->kind.choice : QMS_STEP_TASK;
}

/* Call fn for every target id of a step, in file order. */
#define FOR_EACH_TARGET(s, v, body)                                                                                    \
	do {                                                                                                           \
		for (size_t ti_ = 0; ti_ < (s)->next.len; ti_++) {                                                     \
			const struct qms_value *v = list_value(&(s)->next, ti_);                                       \
			if (v->text) {                                                                                 \
				body                                                                                   \
			}                                                                                              \
		}                                                                                                      \
		for (size_t bi_ = 0; bi_ < (s)->branches.len; bi_++) {                                                 \
			const struct qms_value *v = &((const struct qms_branch *)(s)->branches.items)[bi_].next;       \
			if (v->text) {                                                                                 \
				body                                                                                   \
			}                                                                                              \
		}                                                                                                      \
	} while (0)

static void mark_back_edges(struct qms_flow *f)
{
	if (f->start == SIZE_MAX)
		return;
	struct qms_arena scratch = {0};
	unsigned char *state = qms_arena_alloc(&scratch, f->nsteps); /* 0 new, 1 on the path, 2 done */
	size_t *stack = qms_arena_alloc(&scratch, f->nsteps * sizeof(*stack));
	size_t *pos = qms_arena_alloc(&scratch, f->nsteps * sizeof(*pos));
	size_t depth = 0;
	stack[depth++] = f->start;
	state[f->start] = 1;
	pos[f->start] = f->edge_start[f->start];
	while (depth) {
		size_t u = stack[depth - 1];
		if (pos[u] == f->edge_start[u + 1]) {
			state[u] = 2;
			depth--;
			continue;
		}
		size_t e = pos[u]++;
		size_t v = f->edges[e];
		if (state[v] == 1) {
			f->back[e] = true;
		} else if (state[v] == 0) {
			state[v] = 1;
			pos[v] = f->edge_start[v];
			stack[depth++] = v;
		}
	}
	qms_arena_release(&scratch);
}

void qms_flow_init(struct qms_flow *f, const struct qms_process *p)
{
	memset(f, 0, sizeof(*f));
	f->ids.arena = &f->arena;
	f->nsteps = p->steps.len;
	f->start = SIZE_MAX;
	qms_strmap_reserve(&f->ids, f->nsteps);
	size_t starts = 0;
	for (size_t i = 0; i < f->nsteps; i++) {
		const struct qms_step *s = qms_process_step(p, i);
		if (s->id.text) {
			qms_strmap_put(&f->ids, s->id.text, i);
			f->named++;
		}
		if (step_kind(s) == QMS_STEP_START) {
			starts++;
			f->start = i;
		}
	}
	if (starts != 1)
		f->start = SIZE_MAX;
	f->edge_start = qms_arena_alloc(&f->arena, (f->nsteps + 1) * sizeof(size_t));
	size_t nedges = 0;
	for (size_t i = 0; i < f->nsteps; i++) {
		const struct qms_step *s = qms_process_step(p, i);
		nedges += s->next.len + s->branches.len;
	}
	f->edges = qms_arena_alloc(&f->arena, (nedges ? nedges : 1) * sizeof(size_t));
	f->back = qms_arena_alloc(&f->arena, (nedges ? nedges : 1) * sizeof(bool));
	size_t e = 0;
	for (size_t i = 0; i < f->nsteps; i++) {
		const struct qms_step *s = qms_process_step(p, i);
		f->edge_start[i] = e;
		FOR_EACH_TARGET(s, v, {
			size_t t = qms_strmap_get(&f->ids, v->text);
			if (t != SIZE_MAX)
				f->edges[e++] = t;
		});
	}
	f->edge_start[f->nsteps] = e;
	mark_back_edges(f);
}

void qms_flow_release(struct qms_flow *f)
{
	qms_strmap_release(&f->ids);
	qms_arena_release(&f->arena);
	memset(f, 0, sizeof(*f));
}

void qms_flow_step_times(struct qms_span *spans, unsigned char *flags, const struct qms_process *p,
			 double workday_hours)
{
	for (size_t i = 0; i < p->steps.len; i++) {
		const struct qms_step *s = qms_process_step(p, i);
		enum qms_step_kind k = step_kind(s);
		memset(&spans[i], 0, sizeof(spans[i]));
		flags[i] = 0;
		if (k == QMS_STEP_END)
			flags[i] |= QMS_STEP_T_END;
		if (s->extension.text)
			flags[i] |= QMS_STEP_T_EXTENSION;
		if (k == QMS_STEP_SUBPROCESS && !s->duration.line && s->calls.text)
			flags[i] |= QMS_STEP_T_OPEN_CALL;
		if (s->duration.text && !s->not_counted.text)
			qms_span_of(&spans[i], &s->duration.duration, workday_hours);
	}
}

int qms_flow_critical_steps(struct qms_span *out, bool *on_step, bool *on_edge, const struct qms_flow *f,
			    const struct qms_process *p, double workday_hours)
{
	struct qms_arena scratch = {0};
	size_t n = f->nsteps;
	struct qms_span *spans = qms_arena_alloc(&scratch, (n ? n : 1) * sizeof(*spans));
	unsigned char *flags = qms_arena_alloc(&scratch, n ? n : 1);
	qms_flow_step_times(spans, flags, p, workday_hours);
	int rc = qms_flow_longest(out, on_step, on_edge, f, spans, flags, false, workday_hours);
	qms_arena_release(&scratch);
	return rc;
}

int qms_flow_critical_path(struct qms_span *out, const struct qms_flow *f, const struct qms_process *p,
			   double workday_hours)
{
	return qms_flow_critical_steps(out, NULL, NULL, f, p, workday_hours);
}

/* ---- rules ---- */

struct checker {
	const struct qms_process *p;
	const char *path;
	struct qms_diags *diags;
	struct qms_arena *scratch; /* freed when the check ends */
	unsigned suggestions_left; /* bound the cost of "did you mean" on huge inputs */
	bool broken_edges; /* F002 or F015 seen: F007 would only repeat them */
};

static void cerr(struct checker *c, uint32_t line, uint32_t col, enum qms_rule_id rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void cerr(struct checker *c, uint32_t line, uint32_t col, enum qms_rule_id rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qms_diags_vadd(c->diags, c->path, line, col, rule, fmt, ap);
	va_end(ap);
}

/* Ids of a list of mappings whose first value member is `id`, for
 * suggestions and duplicate detection. */
static const char **collect_ids(struct checker *c, const struct qms_list *l, size_t item_size, size_t id_offset)
{
	const char **ids = qms_arena_alloc(c->scratch, (l->len ? l->len : 1) * sizeof(*ids));
	for (size_t i = 0; i < l->len; i++) {
		const struct qms_value *v =
			(const struct qms_value *)((const char *)l->items + i * item_size + id_offset);
		ids[i] = v->text;
	}
	return ids;
}

/* Report duplicate ids and fill map with id -> first index. */
static void check_unique(struct checker *c, const struct qms_list *l, size_t item_size, size_t id_offset,
			 const char *what, struct qms_strmap *map)
{
	for (size_t i = 0; i < l->len; i++) {
		const struct qms_value *v =
			(const struct qms_value *)((const char *)l->items + i * item_size + id_offset);
		if (!v->text)
			continue;
		size_t first = qms_strmap_put(map, v->text, i);
		if (first != SIZE_MAX) {
			const struct qms_value *fv =
				(const struct qms_value *)((const char *)l->items + first * item_size + id_offset);
			cerr(c, v->line, v->col, QMS_RULE_F001, "%s id '%s' is used twice (first at line %u)", _(what),
			     v->text, fv->line);
		}
	}
}

static void report_unknown_ref(struct checker *c, const struct qms_value *v, enum qms_rule_id rule, const char *what,
			       const char **ids, size_t nids)
{
	const char *close = NULL;
	if (c->suggestions_left) {
		c->suggestions_left--;
		close = qms_closest(v->text, ids, nids);
	}
	if (close)
		cerr(c, v->line, v->col, rule, "no %s '%s'; did you mean '%s'?", _(what), v->text, close);
	else
		cerr(c, v->line, v->col, rule, "no %s '%s' in this procedure", _(what), v->text);
}

/* Whether id is one of ids[0..n) (map: the same ids): a procedure has a
 * few lanes and forms, which a look down the list finds sooner than a
 * hash. */
static bool id_known(const struct qms_strmap *map, const char **ids, size_t n, const char *id)
{
	if (n > 8)
		return qms_strmap_get(map, id) != SIZE_MAX;
	for (size_t i = 0; i < n; i++)
		if (ids[i] && ids[i][0] == id[0] && !strcmp(ids[i], id))
			return true;
	return false;
}

/* The targets of step i that its text names: when the flow resolved as
 * many, none is unknown. */
static size_t targets_named(const struct qms_step *s)
{
	size_t n = 0;
	FOR_EACH_TARGET(s, v, { n++; });
	return n;
}

static void check_step_fields(struct checker *c, size_t si, const struct qms_strmap *lanes, const char **lane_ids,
			      const struct qms_strmap *forms, const char **form_ids, const struct qms_flow *flow,
			      const char **step_ids)
{
	const struct qms_step *s = qms_process_step(c->p, si);
	const struct qms_process *p = c->p;
	enum qms_step_kind kind = step_kind(s);
	const char *sid = s->id.text ? s->id.text : "?";

	if (s->lane.text) {
		if (!id_known(lanes, lane_ids, p->lanes.len, s->lane.text))
			report_unknown_ref(c, &s->lane, QMS_RULE_F009, N_("lane"), lane_ids, p->lanes.len);
	} else if (p->lanes.len > 1) {
		cerr(c, s->obj.line, s->obj.col, QMS_RULE_F009,
		     "step '%s' has no lane; with several lanes each step names its lane", sid);
	}
	for (size_t i = 0; i < s->forms.len; i++) {
		const struct qms_value *v = list_value(&s->forms, i);
		if (v->text && !id_known(forms, form_ids, p->forms.len, v->text))
			report_unknown_ref(c, v, QMS_RULE_F010, N_("form"), form_ids, p->forms.len);
	}
	for (size_t i = 0; i < s->next.len; i++)
		if (!list_value(&s->next, i)->text)
			c->broken_edges = true; /* a bad id, reported by the schema */
	for (size_t i = 0; i < s->branches.len; i++)
		if (!((const struct qms_branch *)s->branches.items)[i].next.text)
			c->broken_edges = true;
	if (targets_named(s) != flow->edge_start[si + 1] - flow->edge_start[si]) {
		FOR_EACH_TARGET(s, v, {
			if (qms_strmap_get(&flow->ids, v->text) == SIZE_MAX) {
				report_unknown_ref(c, v, QMS_RULE_F002, N_("step"), step_ids, p->steps.len);
				c->broken_edges = true;
			}
		});
	}

	bool has_next = s->next.len > 0;
	bool has_branches = s->branches.len > 0;
	switch (kind) {
	case QMS_STEP_END:
		if (has_next || has_branches)
			cerr(c, s->obj.line, s->obj.col, QMS_RULE_F005,
			     "end step '%s' has a next step; an end closes the procedure", sid);
		break;
	case QMS_STEP_DECISION:
		if (has_next)
			cerr(c, s->next.line, s->next.col, QMS_RULE_F008,
			     "decision '%s' uses 'next'; list its answers under 'branches'", sid);
		if (s->branches.len < 2) {
			cerr(c, s->obj.line, s->obj.col, QMS_RULE_F008,
			     qms_ngettext("decision '%s' has %zu branch; it needs at least two",
					  "decision '%s' has %zu branches; it needs at least two", s->branches.len),
			     sid, s->branches.len);
		}
		for (size_t i = 0; i < s->branches.len; i++) {
			const struct qms_branch *bi = &((const struct qms_branch *)s->branches.items)[i];
			for (size_t j = 0; j < i && bi->when.text; j++) {
				const struct qms_branch *bj = &((const struct qms_branch *)s->branches.items)[j];
				if (bj->when.text && !strcmp(bi->when.text, bj->when.text)) {
					cerr(c, bi->when.line, bi->when.col, QMS_RULE_F008,
					     "decision '%s' has two branches labelled '%s' (first at line %u)", sid,
					     bi->when.text, bj->when.line);
					break;
				}
			}
		}
		if (!has_next && !has_branches)
			c->broken_edges = true;
		break;
	default:
		if (has_branches)
			cerr(c, s->branches.line, s->branches.col, QMS_RULE_F008,
			     "step '%s' has branches but is not a decision; add 'kind: decision'", sid);
		if (!has_next && !has_branches) {
			cerr(c, s->obj.line, s->obj.col, QMS_RULE_F015,
			     "step '%s' has no next step and is not an end; add 'next' or 'kind: end'", sid);
			c->broken_edges = true;
		}
		break;
	}
	if (kind == QMS_STEP_SUBPROCESS && !s->calls.text)
		cerr(c, s->obj.line, s->obj.col, QMS_RULE_F011,
		     "subprocess '%s' does not say which procedure it calls; add 'calls: <code>'", sid);
	if (kind != QMS_STEP_SUBPROCESS && s->calls.text)
		cerr(c, s->calls.line, s->calls.col, QMS_RULE_F011,
		     "step '%s' calls a procedure but is not a subprocess; add 'kind: subprocess'", sid);
}

static void check_reachability(struct checker *c, const struct qms_flow *f)
{
	const struct qms_process *p = c->p;
	size_t n = f->nsteps;
	unsigned char *fwd = qms_arena_alloc(c->scratch, n ? n : 1);
	unsigned char *bwd = qms_arena_alloc(c->scratch, n ? n : 1);
	size_t *queue = qms_arena_alloc(c->scratch, (n ? n : 1) * sizeof(*queue));

	if (f->start != SIZE_MAX) {
		size_t head = 0, tail = 0;
		queue[tail++] = f->start;
		fwd[f->start] = 1;
		while (head < tail) {
			size_t u = queue[head++];
			for (size_t e = f->edge_start[u]; e < f->edge_start[u + 1]; e++)
				if (!fwd[f->edges[e]]) {
					fwd[f->edges[e]] = 1;
					queue[tail++] = f->edges[e];
				}
		}
		for (size_t i = 0; i < n && !c->broken_edges; i++) {
			const struct qms_step *s = qms_process_step(p, i);
			if (!fwd[i])
				cerr(c, s->obj.line, s->obj.col, QMS_RULE_F006,
				     "step '%s' cannot be reached from the start step '%s'",
				     s->id.text ? s->id.text : "?", qms_process_step(p, f->start)->id.text);
		}
	}

	/* Backwards from every end over reversed edges. */
	size_t *rstart = qms_arena_alloc(c->scratch, (n + 1) * sizeof(size_t));
	size_t nedges = f->edge_start[n];
	size_t *redges = qms_arena_alloc(c->scratch, (nedges ? nedges : 1) * sizeof(size_t));
	for (size_t e = 0; e < nedges; e++)
		rstart[f->edges[e] + 1]++;
	for (size_t i = 0; i < n; i++)
		rstart[i + 1] += rstart[i];
	size_t *fill = qms_arena_alloc(c->scratch, (n ? n : 1) * sizeof(size_t));
	memcpy(fill, rstart, n * sizeof(size_t));
	for (size_t u = 0; u < n; u++)
		for (size_t e = f->edge_start[u]; e < f->edge_start[u + 1]; e++)
			redges[fill[f->edges[e]]++] = u;
	size_t head = 0, tail = 0;
	for (size_t i = 0; i < n; i++)
		if (step_kind(qms_process_step(p, i)) == QMS_STEP_END) {
			bwd[i] = 1;
			queue[tail++] = i;
		}
	bool any_end = tail > 0;
	while (head < tail) {
		size_t u = queue[head++];
		for (size_t e = rstart[u]; e < rstart[u + 1]; e++)
			if (!bwd[redges[e]]) {
				bwd[redges[e]] = 1;
				queue[tail++] = redges[e];
			}
	}
	if (any_end && !c->broken_edges) {
		for (size_t i = 0; i < n; i++) {
			const struct qms_step *s = qms_process_step(p, i);
			if (!bwd[i] && (f->start == SIZE_MAX || fwd[i]))
				cerr(c, s->obj.line, s->obj.col, QMS_RULE_F007,
				     "no path from step '%s' leads to an end step: a loop with no way out",
				     s->id.text ? s->id.text : "?");
		}
	}
}

void qms_process_check(const struct qms_process *p, const char *path, const struct qms_time_settings *ts,
		       struct qms_diags *diags)
{
	struct qms_arena scratch = {0};
	struct checker c = {.p = p, .path = path, .diags = diags, .scratch = &scratch, .suggestions_left = 50};
	struct qms_strmap lanes = {.arena = &scratch}, forms = {.arena = &scratch};
	check_unique(&c, &p->lanes, sizeof(struct qms_lane), offsetof(struct qms_lane, id), N_("lane"), &lanes);
	check_unique(&c, &p->forms, sizeof(struct qms_form), offsetof(struct qms_form, id), N_("form"), &forms);

	struct qms_flow flow;
	qms_flow_init(&flow, p);
	for (size_t i = 0; flow.named != flow.ids.len && i < p->steps.len; i++) {
		const struct qms_step *s = qms_process_step(p, i);
		size_t first = s->id.text ? qms_strmap_get(&flow.ids, s->id.text) : i;
		if (first != i)
			cerr(&c, s->id.line, s->id.col, QMS_RULE_F001, "step id '%s' is used twice (first at line %u)",
			     s->id.text, qms_process_step(p, first)->id.line);
	}

	const char **lane_ids = collect_ids(&c, &p->lanes, sizeof(struct qms_lane), offsetof(struct qms_lane, id));
	const char **form_ids = collect_ids(&c, &p->forms, sizeof(struct qms_form), offsetof(struct qms_form, id));
	const char **step_ids = collect_ids(&c, &p->steps, sizeof(struct qms_step), offsetof(struct qms_step, id));

	size_t starts = 0, ends = 0;
	for (size_t i = 0; i < p->steps.len; i++) {
		const struct qms_step *s = qms_process_step(p, i);
		check_step_fields(&c, i, &lanes, lane_ids, &forms, form_ids, &flow, step_ids);
		enum qms_step_kind k = step_kind(s);
		if (k == QMS_STEP_START && ++starts == 2)
			cerr(&c, s->obj.line, s->obj.col, QMS_RULE_F003,
			     "a second start step '%s'; a procedure has exactly one start",
			     s->id.text ? s->id.text : "?");
		ends += k == QMS_STEP_END;
	}
	if (p->steps.line) {
		if (starts == 0)
			cerr(&c, p->steps.line, p->steps.col, QMS_RULE_F003,
			     "no start step; mark the first step 'kind: start'");
		if (ends == 0)
			cerr(&c, p->steps.line, p->steps.col, QMS_RULE_F004,
			     "no end step; mark the step that returns the result 'kind: end'");
	}
	if (p->steps.len)
		check_reachability(&c, &flow);
	qms_process_check_times(p, path, &flow, ts, diags);

	qms_arena_release(&scratch);
	qms_flow_release(&flow);
	qms_strmap_release(&lanes);
	qms_strmap_release(&forms);
}

/* Length of a path for choosing the longest: its working time as it
 * stretches over weeks (5 working days in 7) plus its calendar days. */
static double path_weight(const struct qms_span *s, double wh)
{
	return s->hours / wh * 7.0 / 5.0 + s->days;
}

int qms_flow_longest(struct qms_span *out, bool *on_step, bool *on_edge, const struct qms_flow *f,
		     const struct qms_span *spans, const unsigned char *flags, bool with_extension, double wh)
{
	size_t n = f->nsteps;
	size_t nedges = f->edge_start[n];
	memset(out, 0, sizeof(*out));
	if (on_step)
		memset(on_step, 0, n * sizeof(*on_step));
	if (on_edge)
		memset(on_edge, 0, nedges * sizeof(*on_edge));
	if (f->start == SIZE_MAX)
		return -1;
	if (wh <= 0)
		wh = 8;
	/* Topological order of the graph without back edges (reverse
	 * post-order of a depth-first walk from the start), then the longest
	 * distance to each step, remembering through which edge it came.
	 * Only a strictly longer path replaces a known one, so ties go to the
	 * first in file order. */
	struct qms_arena scratch = {0};
	size_t *order = qms_arena_alloc(&scratch, n * sizeof(*order));
	size_t norder = 0;
	unsigned char *seen = qms_arena_alloc(&scratch, n);
	size_t *stack = qms_arena_alloc(&scratch, n * sizeof(*stack));
	size_t *pos = qms_arena_alloc(&scratch, n * sizeof(*pos));
	size_t depth = 0;
	stack[depth++] = f->start;
	seen[f->start] = 1;
	pos[f->start] = f->edge_start[f->start];
	while (depth) {
		size_t u = stack[depth - 1];
		if (pos[u] == f->edge_start[u + 1]) {
			order[norder++] = u;
			depth--;
			continue;
		}
		size_t e = pos[u]++;
		size_t v = f->edges[e];
		if (!f->back[e] && !seen[v]) {
			seen[v] = 1;
			pos[v] = f->edge_start[v];
			stack[depth++] = v;
		}
	}
	struct qms_span *dist = qms_arena_alloc(&scratch, n * sizeof(*dist));
	double *weight = qms_arena_alloc(&scratch, n * sizeof(*weight));
	size_t *via = qms_arena_alloc(&scratch, n * sizeof(*via));
	size_t *from = qms_arena_alloc(&scratch, (nedges ? nedges : 1) * sizeof(*from));
	for (size_t i = 0; i < n; i++) {
		weight[i] = -1;
		via[i] = SIZE_MAX;
		for (size_t e = f->edge_start[i]; e < f->edge_start[i + 1]; e++)
			from[e] = i;
	}
	bool skip_start = !with_extension && (flags[f->start] & QMS_STEP_T_EXTENSION);
	if (!skip_start) {
		dist[f->start] = spans[f->start];
		weight[f->start] = path_weight(&dist[f->start], wh);
	}
	double best = -1;
	size_t best_end = SIZE_MAX;
	for (size_t k = norder; k-- > 0;) {
		size_t u = order[k];
		if (weight[u] < 0)
			continue;
		if ((flags[u] & QMS_STEP_T_END) && weight[u] > best) {
			best = weight[u];
			best_end = u;
		}
		for (size_t e = f->edge_start[u]; e < f->edge_start[u + 1]; e++) {
			size_t v = f->edges[e];
			if (f->back[e] || (!with_extension && (flags[v] & QMS_STEP_T_EXTENSION)))
				continue;
			struct qms_span d = dist[u];
			qms_span_add(&d, &spans[v], wh);
			double w = path_weight(&d, wh);
			if (w > weight[v]) {
				dist[v] = d;
				weight[v] = w;
				via[v] = e;
			}
		}
	}
	if (best_end != SIZE_MAX) {
		size_t v = best_end;
		*out = dist[v];
		if (on_step)
			on_step[v] = true;
		while (via[v] != SIZE_MAX) {
			if (on_edge)
				on_edge[via[v]] = true;
			v = from[via[v]];
			if (on_step)
				on_step[v] = true;
		}
	}
	qms_arena_release(&scratch);
	return best_end == SIZE_MAX ? -1 : 0;
}

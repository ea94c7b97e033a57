#include "tthc.h"

#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "index.h"
#include "report.h"
#include "util.h"

/* ---- values ---- */

bool qms_tthc_code_valid(const char *t)
{
	size_t groups = 0;
	for (const char *p = t;; p++) {
		const char *start = p;
		while (*p >= '0' && *p <= '9')
			p++;
		if (p == start)
			return false;
		groups++;
		if (!*p)
			return groups >= 2;
		if (*p != '.')
			return false;
	}
}

static const char *skip_spaces(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* Digits, in groups of three after the first when dots group them. */
static const char *parse_sum(long long *out, const char *p)
{
	long long v = 0;
	const char *start = p;
	size_t run = 0, groups = 0;
	for (;; p++) {
		if (*p >= '0' && *p <= '9') {
			if (v > 99999999999LL)
				return NULL;
			v = v * 10 + (*p - '0');
			run++;
			continue;
		}
		if (*p == '.' && run && p[1] >= '0' && p[1] <= '9' && (groups ? run == 3 : run <= 3)) {
			groups++;
			run = 0;
			continue;
		}
		break;
	}
	if (p == start || (groups && run != 3))
		return NULL;
	*out = v;
	return p;
}

int qms_amount_parse(long long *out, const char *text)
{
	static const char *const units[] = {"đồng", "VNĐ", "VND", "vnđ", "đ"};
	long long v;
	const char *p = parse_sum(&v, skip_spaces(text));
	if (!p)
		return -1;
	p = skip_spaces(p);
	size_t i;
	for (i = 0; i < QMS_ARRAY_LEN(units); i++)
		if (!strncmp(p, units[i], strlen(units[i])))
			break;
	if (i == QMS_ARRAY_LEN(units))
		return -1;
	p = skip_spaces(p + strlen(units[i]));
	if (*p == '/')
		p = *skip_spaces(p + 1) ? "" : p; /* "đồng/lần": per what */
	if (*p)
		return -1;
	*out = v;
	return 0;
}

/* ---- the rules of one procedure ---- */

struct doc_check {
	const struct qms_process *p;
	const char *path;
	const struct qms_tthc_settings *st;
	struct qms_diags *diags;
};

static bool form_declared(const struct qms_process *p, const char *id)
{
	const struct qms_form *forms = p->forms.items;
	for (size_t i = 0; i < p->forms.len; i++)
		if (forms[i].id.text && !strcmp(forms[i].id.text, id))
			return true;
	return false;
}

static void check_form_ref(struct doc_check *c, const struct qms_value *v, bool result)
{
	if (!v->text || form_declared(c->p, v->text))
		return;
	if (result)
		qms_diags_add(c->diags, c->path, v->line, v->col, QMS_RULE_F010,
			      "the result names form '%s', which is not declared under forms", v->text);
	else
		qms_diags_add(c->diags, c->path, v->line, v->col, QMS_RULE_F010,
			      "a dossier component names form '%s', which is not declared under forms", v->text);
}

static void check_fee(struct doc_check *c, const struct qms_fee *f)
{
	long long sum;
	if (!f->amount.text && !f->basis.text && !f->exempt.text)
		qms_diags_add(c->diags, c->path, f->obj.line, f->obj.col, QMS_RULE_D003,
			      "a fee needs an 'amount' in đồng, the legal 'basis' that sets it, or why it is 'exempt'");
	else if (f->amount.text && qms_amount_parse(&sum, f->amount.text) < 0)
		qms_diags_add(c->diags, c->path, f->amount.line, f->amount.col, QMS_RULE_D004,
			      "'%s' is not a sum in đồng; write e.g. '50.000 đồng' or '200.000 đồng/lần', or put a "
			      "rate under 'basis'",
			      f->amount.text);
}

static void check_tthc(struct doc_check *c, const struct qms_tthc *t)
{
	if (t->id.text && !qms_tthc_code_valid(t->id.text))
		qms_diags_add(c->diags, c->path, t->id.line, t->id.col, QMS_RULE_D001,
			      "'%s' is not a TTHC code; write the code of the national database, digits joined by "
			      "dots, in quotes: \"1.001193\"",
			      t->id.text);
	const struct qms_dossier_item *items = t->dossier.components.items;
	for (size_t i = 0; i < t->dossier.components.len; i++) {
		const struct qms_dossier_item *it = &items[i];
		if (!it->count.text)
			qms_diags_add(c->diags, c->path, it->obj.line, it->obj.col, QMS_RULE_D002,
				      "dossier component '%s' has no 'count'; say how many the citizen brings, e.g. "
				      "'count: 1'",
				      it->name.text ? it->name.text : "?");
		check_form_ref(c, &it->form, false);
	}
	const struct qms_fee *fees = t->fees.items;
	for (size_t i = 0; i < t->fees.len; i++)
		check_fee(c, &fees[i]);
	check_form_ref(c, &t->result_form, true);
}

static void check_lanes(struct doc_check *c)
{
	const struct qms_lane *lanes = c->p->lanes.items;
	for (size_t i = 0; i < c->p->lanes.len; i++) {
		const struct qms_lane *l = &lanes[i];
		if (l->agency.text && l->body.text)
			qms_diags_add(c->diags, c->path, l->body.line, l->body.col, QMS_RULE_D005,
				      "lane '%s' names both agency '%s' and body '%s'; keep 'agency' for an agency of "
				      "the workspace, 'body' for one outside it",
				      l->id.text ? l->id.text : "?", l->agency.text, l->body.text);
		if (l->procedure.text && !l->agency.text)
			qms_diags_add(c->diags, c->path, l->procedure.line, l->procedure.col, QMS_RULE_D006,
				      "lane '%s' names procedure '%s' but no 'agency'; say which agency of the "
				      "workspace runs it",
				      l->id.text ? l->id.text : "?", l->procedure.text);
	}
}

static bool any_allowed(const struct qms_process *p)
{
	const struct qms_lane *lanes = p->lanes.items;
	for (size_t i = 0; i < p->lanes.len; i++)
		if (lanes[i].allowed.text)
			return true;
	return false;
}

static void check_allowed_shares(struct doc_check *c)
{
	if (!any_allowed(c->p))
		return; /* nothing to check: the shares are not measured */
	struct qms_lane_share *sh;
	bool measured;
	double wh = c->st->workday_hours > 0 ? c->st->workday_hours : 8;
	size_t n = qms_lane_shares(&sh, &measured, c->p, wh);
	for (size_t i = 0; measured && i < n; i++) {
		if (sh[i].own || !sh[i].allowed || !sh[i].allowed->text || sh[i].calendar)
			continue;
		double allowed = qms_tthc_working_hours(&sh[i].allowed->duration, wh);
		if (allowed < 0 || sh[i].hours <= allowed + 1e-9)
			continue;
		struct qms_buf a, b;
		qms_buf_init(&a);
		qms_buf_init(&b);
		qms_report_add_hours(&a, sh[i].hours, wh, qms_lang_get());
		qms_report_add_hours(&b, allowed, wh, qms_lang_get());
		qms_diags_add(c->diags, c->path, sh[i].allowed->line, sh[i].allowed->col, QMS_RULE_D007,
			      "the steps of '%s' take up to %s, more than the %s allowed to it",
			      sh[i].agency ? sh[i].agency : sh[i].body, a.buf, b.buf);
		qms_buf_release(&a);
		qms_buf_release(&b);
	}
	free(sh);
}

static void check_history(struct doc_check *c)
{
	const struct qms_list *revs = &c->p->document.revisions;
	const struct qms_revision *r = revs->items;
	long last = 0;
	for (size_t i = 0; i < revs->len; i++) {
		if (!r[i].edition.text)
			continue;
		if (r[i].edition.integer <= last)
			qms_diags_add(c->diags, c->path, r[i].edition.line, r[i].edition.col, QMS_RULE_D008,
				      "revision of edition %ld comes after edition %ld; list revisions oldest first, "
				      "one per edition",
				      r[i].edition.integer, last);
		last = r[i].edition.integer;
	}
	const struct qms_value *ed = &c->p->edition;
	if (!last)
		return;
	if (!ed->text)
		qms_diags_add(
			c->diags, c->path, c->p->obj.line, c->p->obj.col, QMS_RULE_D008,
			"the header has no 'edition' but the revision history ends at edition %ld; add 'edition: %ld'",
			last, last);
	else if (ed->integer != last)
		qms_diags_add(
			c->diags, c->path, ed->line, ed->col, QMS_RULE_D008,
			"the header says edition %ld but the revision history ends at edition %ld; make them agree",
			ed->integer, last);
}

static bool word_char(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

/* Whether text cites `cite`: it occurs with no letter or digit glued on
 * either side ("3/2010/NĐ-CP" is not cited by "63/2010/NĐ-CP"). */
static bool cites(const char *text, const char *cite)
{
	size_t n = strlen(cite);
	if (!n)
		return false;
	for (const char *p = text; (p = strstr(p, cite)); p++) {
		bool before = p > text && word_char((unsigned char)p[-1]) && word_char((unsigned char)cite[0]);
		bool after = word_char((unsigned char)p[n]) && word_char((unsigned char)cite[n - 1]);
		if (!before && !after)
			return true;
	}
	return false;
}

static void check_cited(struct doc_check *c, const struct qms_value *v, bool form)
{
	if (!v->text)
		return;
	for (size_t i = 0; i < c->st->nwithdrawn; i++) {
		const struct qms_withdrawn *w = &c->st->withdrawn[i];
		if (w->form != form || !cites(v->text, w->cite))
			continue;
		if (form && w->by)
			qms_diags_add(c->diags, c->path, v->line, v->col, QMS_RULE_D010,
				      "form '%s' was replaced by %s; use the form in force", w->cite, w->by);
		else if (form)
			qms_diags_add(c->diags, c->path, v->line, v->col, QMS_RULE_D010,
				      "form '%s' is no longer in force; use the form that replaced it", w->cite);
		else if (w->by)
			qms_diags_add(c->diags, c->path, v->line, v->col, QMS_RULE_D009,
				      "'%s' was replaced by %s; cite the text in force", w->cite, w->by);
		else
			qms_diags_add(c->diags, c->path, v->line, v->col, QMS_RULE_D009,
				      "'%s' is repealed; cite the text in force", w->cite);
	}
}

static void check_cited_list(struct doc_check *c, const struct qms_list *l, bool form)
{
	const struct qms_value *v = l->items;
	for (size_t i = 0; i < l->len; i++)
		check_cited(c, &v[i], form);
}

static void check_withdrawn(struct doc_check *c)
{
	const struct qms_process *p = c->p;
	if (!c->st->nwithdrawn || p->document.withdrawn.text)
		return;
	check_cited_list(c, &p->references, false);
	const struct qms_form *forms = p->forms.items;
	for (size_t i = 0; i < p->forms.len; i++)
		check_cited(c, &forms[i].name, true);
	const struct qms_tthc *t = p->tthc.items;
	for (size_t k = 0; k < p->tthc.len; k++) {
		check_cited_list(c, &t[k].legal_basis, false);
		const struct qms_fee *fees = t[k].fees.items;
		for (size_t i = 0; i < t[k].fees.len; i++) {
			check_cited(c, &fees[i].basis, false);
			check_cited(c, &fees[i].exempt, false);
		}
		const struct qms_dossier_item *items = t[k].dossier.components.items;
		for (size_t i = 0; i < t[k].dossier.components.len; i++)
			check_cited(c, &items[i].name, true);
	}
}

void qms_tthc_check(const struct qms_process *p, const char *path, const struct qms_tthc_settings *st,
		    struct qms_diags *diags)
{
	struct doc_check c = {.p = p, .path = path, .st = st, .diags = diags};
	const struct qms_tthc *t = p->tthc.items;
	for (size_t i = 0; i < p->tthc.len; i++)
		check_tthc(&c, &t[i]);
	check_lanes(&c);
	check_allowed_shares(&c);
	check_history(&c);
	check_withdrawn(&c);
}

/* ---- shares ---- */

double qms_tthc_working_hours(const struct qms_duration *d, double workday_hours)
{
	return qms_duration_is_calendar(d) ? -1 : qms_duration_working_hours(d, workday_hours);
}

bool qms_process_interagency(const struct qms_process *p)
{
	const struct qms_lane *lanes = p->lanes.items;
	for (size_t i = 0; i < p->lanes.len; i++)
		if (lanes[i].body.text ||
		    (lanes[i].agency.text && (!p->agency.text || strcmp(lanes[i].agency.text, p->agency.text))))
			return true;
	return false;
}

static bool lane_own(const struct qms_process *p, const struct qms_lane *l)
{
	if (l->body.text)
		return false;
	return !l->agency.text || (p->agency.text && !strcmp(l->agency.text, p->agency.text));
}

/* The share a lane belongs to, added when new. */
static size_t share_of(struct qms_lane_share *sh, size_t *n, const struct qms_process *p, const struct qms_lane *l)
{
	bool own = lane_own(p, l);
	for (size_t i = 0; i < *n; i++) {
		if (sh[i].own != own)
			continue;
		if (own)
			return i;
		if (l->agency.text ? sh[i].agency && !strcmp(sh[i].agency, l->agency.text)
				   : sh[i].body && l->body.text && !strcmp(sh[i].body, l->body.text))
			return i;
	}
	sh[*n] = (struct qms_lane_share){.lane = l, .own = own};
	if (!own) {
		sh[*n].agency = l->agency.text;
		sh[*n].body = l->agency.text ? NULL : l->body.text;
	}
	return (*n)++;
}

static size_t lane_index(const struct qms_process *p, const struct qms_step *st)
{
	const struct qms_lane *lanes = p->lanes.items;
	if (!st->lane.text)
		return p->lanes.len == 1 ? 0 : SIZE_MAX;
	for (size_t i = 0; i < p->lanes.len; i++)
		if (lanes[i].id.text && !strcmp(lanes[i].id.text, st->lane.text))
			return i;
	return SIZE_MAX;
}

/* The steps reachable from the start in an order where every step comes
 * after the steps leading to it (rework loops left out). Returns how many
 * are in order[]. */
static size_t flow_order(size_t *order, const struct qms_flow *f)
{
	size_t n = f->nsteps, len = 0;
	if (f->start == SIZE_MAX)
		return 0;
	size_t *indeg = qms_xcalloc(n + 1, sizeof(size_t));
	bool *seen = qms_xcalloc(n + 1, sizeof(bool));
	/* reachable steps first (an explicit stack: flows may be huge) */
	size_t top = 0;
	order[top++] = f->start;
	seen[f->start] = true;
	while (top) {
		size_t u = order[--top];
		for (size_t e = f->edge_start[u]; e < f->edge_start[u + 1]; e++)
			if (!f->back[e] && !seen[f->edges[e]]) {
				seen[f->edges[e]] = true;
				order[top++] = f->edges[e];
			}
	}
	for (size_t u = 0; u < n; u++)
		for (size_t e = f->edge_start[u]; seen[u] && e < f->edge_start[u + 1]; e++)
			if (!f->back[e])
				indeg[f->edges[e]]++;
	order[len++] = f->start;
	for (size_t k = 0; k < len; k++) {
		size_t u = order[k];
		for (size_t e = f->edge_start[u]; e < f->edge_start[u + 1]; e++)
			if (!f->back[e] && --indeg[f->edges[e]] == 0)
				order[len++] = f->edges[e];
	}
	free(indeg);
	free(seen);
	return len;
}

size_t qms_lane_shares(struct qms_lane_share **out, bool *measured, const struct qms_process *p, double workday_hours)
{
	const struct qms_lane *lanes = p->lanes.items;
	struct qms_lane_share *sh = qms_xcalloc(p->lanes.len + 1, sizeof(*sh));
	size_t n = 1;
	sh[0] = (struct qms_lane_share){.lane = p->lanes.len ? &lanes[0] : NULL, .own = true};
	size_t *of_lane = qms_xcalloc(p->lanes.len + 1, sizeof(size_t));
	for (size_t i = 0; i < p->lanes.len; i++) {
		size_t k = share_of(sh, &n, p, &lanes[i]);
		of_lane[i] = k;
		if (k == 0 && !sh[0].lane)
			sh[0].lane = &lanes[i];
		if (!sh[k].allowed && lanes[i].allowed.text)
			sh[k].allowed = &lanes[i].allowed;
		if (!sh[k].procedure && lanes[i].procedure.text)
			sh[k].procedure = &lanes[i].procedure;
	}
	struct qms_flow flow;
	qms_flow_init(&flow, p);
	size_t *order = qms_xcalloc(flow.nsteps + 1, sizeof(size_t));
	size_t *share = qms_xcalloc(flow.nsteps + 1, sizeof(size_t));
	double *hours = qms_xcalloc(flow.nsteps + 1, sizeof(double));
	double *dist = qms_xcalloc(flow.nsteps + 1, sizeof(double));
	size_t len = flow_order(order, &flow);
	*measured = len > 0;
	for (size_t i = 0; i < flow.nsteps; i++) {
		const struct qms_step *st = qms_process_step(p, i);
		size_t l = lane_index(p, st);
		share[i] = l == SIZE_MAX ? SIZE_MAX : of_lane[l];
		double h = st->duration.text ? qms_tthc_working_hours(&st->duration.duration, workday_hours) : 0;
		if (h < 0 && share[i] != SIZE_MAX)
			sh[share[i]].calendar = true;
		hours[i] = h < 0 ? 0 : h;
	}
	/* each agency's share: the longest way through the flow counting
	 * only the time of its own steps */
	for (size_t k = 0; k < n; k++) {
		memset(dist, 0, (flow.nsteps + 1) * sizeof(double));
		double best = 0;
		for (size_t j = 0; j < len; j++) {
			size_t u = order[j];
			double d = dist[u] + (share[u] == k ? hours[u] : 0);
			if (d > best)
				best = d;
			for (size_t e = flow.edge_start[u]; e < flow.edge_start[u + 1]; e++)
				if (!flow.back[e] && d > dist[flow.edges[e]])
					dist[flow.edges[e]] = d;
		}
		sh[k].hours = best;
	}
	free(order);
	free(share);
	free(hours);
	free(dist);
	free(of_lane);
	qms_flow_release(&flow);
	*out = sh;
	return n;
}

/* ---- the workspace's lists ---- */

void qms_settings_read_withdrawn(struct qms_settings *st, struct qms_arena *arena, const struct qms_workspace_cfg *w)
{
	const struct qms_list *lists[] = {&w->repealed, &w->superseded_forms};
	size_t n = w->repealed.len + w->superseded_forms.len;
	st->withdrawn = qms_arena_alloc(arena, (n ? n : 1) * sizeof(*st->withdrawn));
	st->nwithdrawn = 0;
	for (size_t k = 0; k < 2; k++) {
		const struct qms_withdrawn_doc *d = lists[k]->items;
		for (size_t i = 0; i < lists[k]->len; i++) {
			const struct qms_value *cite = k ? &d[i].form : &d[i].number;
			if (!cite->text)
				continue;
			st->withdrawn[st->nwithdrawn++] = (struct qms_withdrawn){
				.cite = qms_arena_strdup(arena, cite->text),
				.by = d[i].by.text ? qms_arena_strdup(arena, d[i].by.text) : NULL,
				.date = d[i].date.text ? d[i].date.date : -1,
				.form = k == 1,
			};
		}
	}
}

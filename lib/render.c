/* The Graphviz adapter: the only code that includes cgraph or gvc (Graphviz
 * 2.42 API: gvRenderData() takes an `unsigned int *` length; several
 * `char *` parameters are not const, hence the casts kept here).
 *
 * Layout in two passes. dot lays the graph out; then every lane cluster
 * (cluster_lane_<n>) is moved to its declared slot with its nodes, all
 * lanes get the same length, the legend is put beside them, and the edges
 * are routed again by the `nop` engine (neato -n: nodes stay where they
 * are). dot on its own does not keep clusters in the order they are
 * written: see ../shared/reference/graphviz-notes.md. */
#include "render.h"
#include "i18n.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>

#include "render-layout.h"
#include "values.h"

struct qms_renderer {
	GVC_t *gvc;
};

/* What Graphviz said during the current job: it reports through a
 * callback and a global error level, so this is per process, which is
 * what Graphviz supports anyway. */
static struct qms_buf gv_messages;

static int collect_message(char *msg)
{
	if (gv_messages.len < 4096)
		qms_buf_adds(&gv_messages, msg);
	return 0;
}

static void messages_reset(void)
{
	if (!gv_messages.buf)
		qms_buf_init(&gv_messages);
	qms_buf_reset(&gv_messages);
	agreseterrors();
}

/* The first error line Graphviz gave, for a message of ours. */
static char *messages_error(const char *what)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_adds(&b, what);
	const char *e = strstr(gv_messages.buf ? gv_messages.buf : "", "Error: ");
	if (e) {
		e += 7;
		size_t n = strcspn(e, "\n");
		while (n && (e[n - 1] == ' ' || e[n - 1] == '.'))
			n--;
		qms_buf_adds(&b, _(": graphviz says: "));
		qms_buf_add(&b, e, n);
	}
	return qms_buf_detach(&b);
}

int qms_renderer_new(struct qms_renderer **out, char **err)
{
	*out = NULL;
	if (!gv_messages.buf)
		qms_buf_init(&gv_messages);
	agseterrf(collect_message);
	agseterr(AGWARN); /* every message to the callback, none to stderr */
	GVC_t *gvc = gvContext();
	if (!gvc) {
		*err = qms_xstrdup(_("cannot start graphviz"));
		return -1;
	}
	struct qms_renderer *r = qms_xcalloc(1, sizeof(*r));
	r->gvc = gvc;
	*out = r;
	return 0;
}

void qms_renderer_free(struct qms_renderer *r)
{
	if (!r)
		return;
	gvFreeContext(r->gvc);
	free(r);
	qms_buf_release(&gv_messages);
	memset(&gv_messages, 0, sizeof(gv_messages));
}

/* ---- reading DOT ---- */

/* Object ids in creation order. cgraph's default ids are the addresses of
 * the name strings, and subgraphs are kept in id order: the order of the
 * clusters, hence the layout and the SVG, would depend on what the heap
 * held before. With these, the same DOT gives the same bytes in any
 * process. Named objects get even ids, anonymous ones odd ids, as in
 * cgraph. */
struct ids {
	char **names; /* names[k] is the name of id 2k + 2 */
	size_t len, cap;
	struct qms_strmap by_name;
	IDTYPE anon;
};

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)g;
	(void)disc;
	struct ids *s = qms_xcalloc(1, sizeof(*s));
	s->anon = 1;
	return s;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int create)
{
	(void)objtype;
	struct ids *s = state;
	if (!str) {
		*id = s->anon;
		s->anon += 2;
		return 1;
	}
	size_t k = qms_strmap_get(&s->by_name, str);
	if (k == SIZE_MAX) {
		if (!create) {
			*id = 0; /* no object has it: the lookup finds nothing */
			return 1;
		}
		if (s->len == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			s->names = qms_xrealloc(s->names, s->cap * sizeof(*s->names));
		}
		k = s->len++;
		s->names[k] = qms_xstrdup(str);
		qms_strmap_put(&s->by_name, s->names[k], k);
	}
	*id = 2 * (IDTYPE)k + 2;
	return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE request)
{
	(void)state;
	(void)objtype;
	return request % 2 == 1;
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
	(void)state;
	(void)objtype;
	(void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
	(void)objtype;
	struct ids *s = state;
	if (id % 2 || id < 2 || (id - 2) / 2 >= s->len)
		return NULL;
	return s->names[(id - 2) / 2];
}

static void ids_close(void *state)
{
	struct ids *s = state;
	for (size_t i = 0; i < s->len; i++)
		free(s->names[i]);
	free(s->names);
	qms_strmap_release(&s->by_name);
	free(s);
}

static void ids_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t ids_disc = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register};

/* DOT text in memory, a line at a time as cgraph's own reader does. */
struct text_chan {
	const char *s;
	size_t len, pos;
};

static int text_read(void *chan, char *buf, int bufsize)
{
	struct text_chan *c = chan;
	int n = 0;
	if (bufsize <= 0 || c->pos >= c->len)
		return 0;
	char ch;
	do {
		buf[n++] = ch = c->s[c->pos++];
	} while (ch != '\n' && n < bufsize && c->pos < c->len);
	return n;
}

static Agiodisc_t text_io;

static Agraph_t *read_dot(const char *dot)
{
	text_io.afread = text_read;
	text_io.putstr = AgIoDisc.putstr;
	text_io.flush = AgIoDisc.flush;
	Agdisc_t disc = {&AgMemDisc, &ids_disc, &text_io};
	struct text_chan chan = {dot, strlen(dot), 0};
	return agread(&chan, &disc);
}

/* ---- lanes in order: our own layout (render-layout.c) ---- */

#define LEGEND_GAP 24.0 /* points between the lanes and the legend */
#define LEGEND_MARGIN 8.0
#define LEGEND_ROW_GAP 5.0
#define HEADER_INSET 4.0
#define ARROW_LEN 7.0 /* arrowsize 0.7 (the builder's) times Graphviz's 10 points */

struct legend_row {
	Agnode_t *shape, *from, *to, *text;
};

/* n from "<prefix><n>", or -1. */
static long name_index(const char *name, const char *prefix, const char **rest)
{
	size_t k = strlen(prefix);
	if (strncmp(name, prefix, k) || name[k] < '0' || name[k] > '9')
		return -1;
	char *end;
	errno = 0;
	long n = strtol(name + k, &end, 10);
	if (errno || n < 0 || n > 100000)
		return -1;
	if (rest)
		*rest = end;
	else if (*end)
		return -1;
	return n;
}

static void set_attr(void *obj, int kind, const char *name, const char *value)
{
	Agraph_t *root = agroot(obj);
	Agsym_t *sym = agattr(root, kind, (char *)name, NULL);
	if (!sym)
		sym = agattr(root, kind, (char *)name, (char *)"");
	agxset(obj, sym, (char *)value);
}

/* Numbers for attributes: locale-free, two decimals at most. */
static void set_point(Agnode_t *n, double x, double y)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_add_number(&b, x);
	qms_buf_addc(&b, ',');
	qms_buf_add_number(&b, y);
	qms_buf_addc(&b, '!');
	set_attr(n, AGNODE, "pos", b.buf);
	qms_buf_release(&b);
}

static void set_number(void *obj, int kind, const char *name, double v)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_add_number(&b, v);
	set_attr(obj, kind, name, b.buf);
	qms_buf_release(&b);
}

static void set_box(Agraph_t *sg, boxf bb)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_add_number(&b, bb.LL.x);
	qms_buf_addc(&b, ',');
	qms_buf_add_number(&b, bb.LL.y);
	qms_buf_addc(&b, ',');
	qms_buf_add_number(&b, bb.UR.x);
	qms_buf_addc(&b, ',');
	qms_buf_add_number(&b, bb.UR.y);
	set_attr(sg, AGRAPH, "bb", b.buf);
	qms_buf_release(&b);
}

static void add_point(struct qms_buf *b, double x, double y)
{
	qms_buf_add_number(b, x);
	qms_buf_addc(b, ',');
	qms_buf_add_number(b, y);
}

/* An edge's `pos` for the nop2 engine, from cubic Bézier control points
 * (3k + 1, the last piece straight): the spline ends an arrow's length
 * before the tip, which the "e," point names. Graphviz coordinates. */
static void set_edge_bezier(Agedge_t *e, struct qms_lay_point *pts, size_t n, bool arrow)
{
	struct qms_buf b;
	qms_buf_init(&b);
	if (arrow) {
		struct qms_lay_point tip = pts[n - 1], from = pts[n - 4];
		double dx = tip.x - from.x, dy = tip.y - from.y, len = sqrt(dx * dx + dy * dy);
		double cut = len > ARROW_LEN + 0.5 ? ARROW_LEN : len / 2;
		qms_buf_adds(&b, "e,");
		add_point(&b, tip.x, tip.y);
		qms_buf_addc(&b, ' ');
		if (len > 0) {
			struct qms_lay_point end = {tip.x - dx / len * cut, tip.y - dy / len * cut};
			pts[n - 3] =
				(struct qms_lay_point){from.x + (end.x - from.x) / 3, from.y + (end.y - from.y) / 3};
			pts[n - 2] = (struct qms_lay_point){from.x + 2 * (end.x - from.x) / 3,
							    from.y + 2 * (end.y - from.y) / 3};
			pts[n - 1] = end;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			qms_buf_addc(&b, ' ');
		add_point(&b, pts[i].x, pts[i].y);
	}
	set_attr(e, AGEDGE, "pos", b.buf);
	qms_buf_release(&b);
}

/* The sample edge of a legend row, straight, with its arrowhead. */
static void legend_edge(Agraph_t *legend, Agnode_t *from, Agnode_t *to, double x0, double x1, double y)
{
	for (Agedge_t *e = agfstout(legend, from); e; e = agnxtout(legend, e)) {
		if (aghead(e) != to)
			continue;
		struct qms_lay_point pts[4] = {{x0, y}, {x0 + (x1 - x0) / 3, y}, {x0 + 2 * (x1 - x0) / 3, y}, {x1, y}};
		set_edge_bezier(e, pts, 4, true);
	}
}

static void place_legend(Agraph_t *legend, double left, double top, boxf *out_bb)
{
	size_t nrows = 0;
	for (Agnode_t *n = agfstnode(legend); n; n = agnxtnode(legend, n)) {
		const char *rest;
		long row = name_index(agnameof(n), "legend_", &rest);
		if (row >= 0 && (size_t)row + 1 > nrows)
			nrows = (size_t)row + 1;
	}
	struct legend_row *rows = qms_xcalloc(nrows ? nrows : 1, sizeof(*rows));
	for (Agnode_t *n = agfstnode(legend); n; n = agnxtnode(legend, n)) {
		const char *rest;
		long row = name_index(agnameof(n), "legend_", &rest);
		if (row < 0)
			continue;
		struct legend_row *lr = &rows[row];
		if (!strcmp(rest, "_shape"))
			lr->shape = n;
		else if (!strcmp(rest, "_from"))
			lr->from = n;
		else if (!strcmp(rest, "_to"))
			lr->to = n;
		else if (!strcmp(rest, "_text"))
			lr->text = n;
	}
	double sample_w = 36, text_w = 0;
	for (size_t i = 0; i < nrows; i++) {
		if (rows[i].shape && ND_width(rows[i].shape) * 72 > sample_w)
			sample_w = ND_width(rows[i].shape) * 72;
		if (rows[i].text && ND_width(rows[i].text) * 72 > text_w)
			text_w = ND_width(rows[i].text) * 72;
	}
	double y = top - LEGEND_MARGIN;
	double x0 = left + LEGEND_MARGIN;
	double text_x = x0 + sample_w + 8;
	for (size_t i = 0; i < nrows; i++) {
		struct legend_row *lr = &rows[i];
		double h = 0;
		Agnode_t *all[4] = {lr->shape, lr->from, lr->to, lr->text};
		for (size_t k = 0; k < 4; k++)
			if (all[k] && ND_height(all[k]) * 72 > h)
				h = ND_height(all[k]) * 72;
		double cy = y - h / 2;
		if (lr->shape)
			set_point(lr->shape, x0 + sample_w / 2, cy);
		if (lr->from && lr->to) {
			set_point(lr->from, x0 + 2, cy);
			set_point(lr->to, x0 + sample_w - 2, cy);
			legend_edge(legend, lr->from, lr->to, x0 + 2, x0 + sample_w - 2, cy);
		}
		if (lr->text) {
			/* the title row starts at the left edge */
			double tx = lr->shape || lr->from ? text_x : x0;
			set_point(lr->text, tx + ND_width(lr->text) * 72 / 2, cy);
		}
		y -= h + LEGEND_ROW_GAP;
	}
	boxf bb = {{left, y + LEGEND_ROW_GAP - LEGEND_MARGIN}, {text_x + text_w + LEGEND_MARGIN, top}};
	set_box(legend, bb);
	*out_bb = bb;
	free(rows);
}

/* The lanes of a procedure's DOT (cluster_lane_<n>, headed by lane_<n>)
 * and what the layout sees of it. */
struct lanes {
	Agraph_t **sg;
	Agnode_t **header;
	double *min_w;
	size_t n;
	bool lr;
	struct qms_lay lay;
	Agnode_t **node_of; /* per layout node */
	Agedge_t **edge_of; /* per layout edge */
};

static void lanes_release(struct lanes *ls)
{
	free(ls->sg);
	free(ls->header);
	free(ls->min_w);
	free(ls->node_of);
	free(ls->edge_of);
	free(ls->lay.nodes);
	free(ls->lay.edges);
	qms_arena_release(&ls->lay.arena);
}

/* Returns the number of lanes (0: not a procedure with lanes). */
static size_t find_lanes(Agraph_t *g, struct lanes *ls)
{
	for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg)) {
		long k = name_index(agnameof(sg), "cluster_lane_", NULL);
		if (k >= 0 && (size_t)k + 1 > ls->n)
			ls->n = (size_t)k + 1;
	}
	if (!ls->n)
		return 0;
	ls->sg = qms_xcalloc(ls->n, sizeof(*ls->sg));
	ls->header = qms_xcalloc(ls->n, sizeof(*ls->header));
	ls->min_w = qms_xcalloc(ls->n, sizeof(*ls->min_w));
	for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg)) {
		long k = name_index(agnameof(sg), "cluster_lane_", NULL);
		if (k < 0)
			continue;
		char name[32];
		snprintf(name, sizeof(name), "lane_%ld", k);
		ls->sg[k] = sg;
		ls->header[k] = agnode(sg, name, 0);
	}
	const char *rankdir = agget(g, (char *)"rankdir");
	ls->lr = rankdir && !strcmp(rankdir, "LR");
	return ls->n;
}

static bool has_label(void *obj)
{
	const char *l = agget(obj, (char *)"label");
	return l && *l;
}

/* Lay the graph out with every node at the origin and every edge given:
 * Graphviz only measures the nodes and labels. */
static int measure(struct qms_renderer *r, Agraph_t *g)
{
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		set_attr(n, AGNODE, "pos", "0,0");
		for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
			set_attr(e, AGEDGE, "pos", "0,0 0,0 0,0 0,0");
			if (has_label(e))
				set_attr(e, AGEDGE, "lp", "0,0");
		}
	}
	return gvLayout(r->gvc, g, "nop2") != 0 || agerrors() ? -1 : 0;
}

static enum qms_lay_shape shape_of(Agnode_t *n)
{
	const char *name = agnameof(n), *shape = agget(n, (char *)"shape");
	if (name_index(name, "fork", NULL) >= 0 || name_index(name, "join", NULL) >= 0)
		return QMS_LAY_BAR;
	if (shape && !strcmp(shape, "diamond"))
		return QMS_LAY_DIAMOND;
	if (shape && !strcmp(shape, "ellipse"))
		return QMS_LAY_ELLIPSE;
	return QMS_LAY_BOX;
}

/* Sizes across (w) and along (h) the flow, in points. */
static void size_of(const struct lanes *ls, Agnode_t *n, double *w, double *h)
{
	*w = (ls->lr ? ND_height(n) : ND_width(n)) * 72;
	*h = (ls->lr ? ND_width(n) : ND_height(n)) * 72;
}

static bool invisible(Agedge_t *e)
{
	const char *style = agget(e, (char *)"style");
	return style && strstr(style, "invis");
}

/* The steps and bars of the lanes, and the edges between them, as the
 * layout wants them. */
static void collect(struct lanes *ls, Agraph_t *g, struct qms_strmap *index)
{
	size_t total = (size_t)agnnodes(g), nedges = (size_t)agnedges(g);
	struct qms_lay *l = &ls->lay;
	l->nodes = qms_xcalloc(total ? total : 1, sizeof(*l->nodes));
	ls->node_of = qms_xcalloc(total ? total : 1, sizeof(*ls->node_of));
	l->edges = qms_xcalloc(nedges ? nedges : 1, sizeof(*l->edges));
	ls->edge_of = qms_xcalloc(nedges ? nedges : 1, sizeof(*ls->edge_of));
	for (size_t k = 0; k < ls->n; k++) {
		if (!ls->sg[k])
			continue;
		for (Agnode_t *n = agfstnode(ls->sg[k]); n; n = agnxtnode(ls->sg[k], n)) {
			if (n == ls->header[k] || qms_strmap_get(index, agnameof(n)) != SIZE_MAX)
				continue;
			struct qms_lay_node *ln = &l->nodes[l->nnodes];
			ln->lane = k;
			ln->shape = shape_of(n);
			size_of(ls, n, &ln->w, &ln->h);
			qms_strmap_put(index, agnameof(n), l->nnodes);
			ls->node_of[l->nnodes++] = n;
		}
	}
	for (size_t i = 0; i < l->nnodes; i++)
		for (Agedge_t *e = agfstout(g, ls->node_of[i]); e; e = agnxtout(g, e)) {
			size_t head = qms_strmap_get(index, agnameof(aghead(e)));
			if (head == SIZE_MAX || invisible(e))
				continue;
			struct qms_lay_edge *le = &l->edges[l->nedges];
			const char *constraint = agget(e, (char *)"constraint"), *arrow = agget(e, (char *)"arrowhead");
			*le = (struct qms_lay_edge){.tail = i, .head = head};
			le->back = constraint && !strcmp(constraint, "false");
			le->arrow = !arrow || strcmp(arrow, "none");
			if (ED_label(e)) {
				le->lw = ls->lr ? ED_label(e)->dimen.y : ED_label(e)->dimen.x;
				le->lh = ls->lr ? ED_label(e)->dimen.x : ED_label(e)->dimen.y;
			}
			ls->edge_of[l->nedges++] = e;
		}
	double header_h = 0;
	for (size_t k = 0; k < ls->n; k++) {
		double w = 0, h = 0;
		if (ls->header[k])
			size_of(ls, ls->header[k], &w, &h);
		ls->min_w[k] = w + 2 * HEADER_INSET;
		header_h = h > header_h ? h : header_h;
	}
	l->nlanes = ls->n;
	l->lane_min_w = ls->min_w;
	l->header_h = header_h;
}

/* Graphviz coordinates (y up) of a point of the layout (y down). */
static struct qms_lay_point to_graphviz(const struct lanes *ls, double x, double y)
{
	return ls->lr ? (struct qms_lay_point){y, -x} : (struct qms_lay_point){x, -y};
}

static void set_size(const struct lanes *ls, Agnode_t *n, double w, double h)
{
	set_attr(n, AGNODE, "fixedsize", "true");
	set_number(n, AGNODE, "width", (ls->lr ? h : w) / 72);
	set_number(n, AGNODE, "height", (ls->lr ? w : h) / 72);
}

/* Where everything goes, as attributes for the nop2 engine. */
static void apply_lanes(struct lanes *ls)
{
	const struct qms_lay *l = &ls->lay;
	for (size_t i = 0; i < l->nnodes; i++) {
		const struct qms_lay_node *ln = &l->nodes[i];
		struct qms_lay_point p = to_graphviz(ls, ln->x, ln->y);
		set_point(ls->node_of[i], p.x, p.y);
		if (ln->shape == QMS_LAY_BAR)
			set_size(ls, ls->node_of[i], ln->w, ln->h);
	}
	for (size_t k = 0; k < ls->n; k++) {
		struct qms_lay_point a = to_graphviz(ls, l->lane_x0[k], l->height),
				     z = to_graphviz(ls, l->lane_x1[k], 0);
		if (ls->sg[k])
			set_box(ls->sg[k], (boxf){{a.x < z.x ? a.x : z.x, a.y < z.y ? a.y : z.y},
						  {a.x < z.x ? z.x : a.x, a.y < z.y ? z.y : a.y}});
		if (!ls->header[k])
			continue;
		struct qms_lay_point c = to_graphviz(ls, (l->lane_x0[k] + l->lane_x1[k]) / 2, l->header_y);
		set_point(ls->header[k], c.x, c.y);
		set_size(ls, ls->header[k], l->lane_x1[k] - l->lane_x0[k] - 2 * HEADER_INSET, l->header_h);
	}
	for (size_t i = 0; i < l->nedges; i++) {
		const struct qms_lay_edge *le = &l->edges[i];
		Agedge_t *e = ls->edge_of[i];
		if (le->nbez < 4) {
			set_attr(e, AGEDGE, "pos", "");
			continue;
		}
		struct qms_lay_point *pts = qms_xcalloc(le->nbez, sizeof(*pts));
		for (size_t k = 0; k < le->nbez; k++)
			pts[k] = to_graphviz(ls, le->bez[k].x, le->bez[k].y);
		set_edge_bezier(e, pts, le->nbez, le->arrow);
		free(pts);
		if (le->lw > 0) {
			struct qms_lay_point c = to_graphviz(ls, le->lx, le->ly);
			struct qms_buf b;
			qms_buf_init(&b);
			add_point(&b, c.x, c.y);
			set_attr(e, AGEDGE, "lp", b.buf);
			qms_buf_release(&b);
		}
	}
}

/* Edges the layout does not draw: the invisible ones go, the others are
 * left to Graphviz. */
static void drop_other_edges(Agraph_t *g, const struct qms_strmap *index)
{
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		Agedge_t *next;
		for (Agedge_t *e = agfstout(g, n); e; e = next) {
			next = agnxtout(g, e);
			if (invisible(e))
				agdelete(g, e);
			else if (qms_strmap_get(index, agnameof(agtail(e))) == SIZE_MAX &&
				 name_index(agnameof(agtail(e)), "legend_", NULL) < 0)
				set_attr(e, AGEDGE, "pos", "");
		}
	}
}

/* Measure, lay out with render-layout.c, route again with nop2. */
static int lay_out_lanes(struct qms_renderer *r, Agraph_t *g, struct lanes *ls, char **err)
{
	if (measure(r, g) < 0) {
		*err = messages_error(_("graphviz cannot measure the nodes and labels"));
		return -1;
	}
	struct qms_strmap index = {0};
	collect(ls, g, &index);
	const char *edges = agget(g, (char *)"qms_edges");
	ls->lay.curved = edges && !strcmp(edges, "spline");
	qms_lay_run(&ls->lay);
	double right = 0;
	for (size_t k = 0; k < ls->n; k++)
		right = ls->lay.lane_x1[k] > right ? ls->lay.lane_x1[k] : right;
	Agraph_t *legend = agsubg(g, (char *)"cluster_legend", 0);
	if (legend) {
		boxf bb;
		/* beside the lanes: right of them (TB), below them (LR) */
		struct qms_lay_point corner = to_graphviz(ls, right + LEGEND_GAP, 0);
		place_legend(legend, corner.x, corner.y, &bb);
	}
	gvFreeLayout(r->gvc, g);
	apply_lanes(ls);
	drop_other_edges(g, &index);
	qms_strmap_release(&index);
	if (gvLayout(r->gvc, g, "nop2") != 0 || agerrors()) {
		*err = messages_error(_("graphviz cannot route the edges"));
		return -1;
	}
	return 0;
}

/* ---- PDF ---- */

/* cairo writes the time of rendering as /CreationDate: put `date` there
 * instead, keeping the length so the cross-reference offsets hold. */
static void pdf_fix_date(struct qms_buf *pdf, int32_t date)
{
	static const char key[] = "/CreationDate (D:";
	char *p = memmem(pdf->buf, pdf->len, key, sizeof(key) - 1);
	if (!p)
		return;
	p += sizeof(key) - 1;
	char *end = memchr(p, ')', pdf->len - (size_t)(p - pdf->buf));
	if (!end)
		return;
	char ymd[11];
	qms_date_format(ymd, date >= 0 ? date : 0);
	char fixed[32];
	/* D:YYYYMMDDHHmmSS then Z or +HH'mm' */
	snprintf(fixed, sizeof(fixed), "%.4s%.2s%.2s000000%s", ymd, ymd + 5, ymd + 8, end - p == 15 ? "Z" : "+00'00");
	if ((size_t)(end - p) == strlen(fixed) || (size_t)(end - p) == strlen(fixed) + 1)
		memcpy(p, fixed, strlen(fixed));
}

/* ---- render ---- */

int qms_renderer_render(struct qms_renderer *r, struct qms_buf *out, const char *dot, enum qms_render_format format,
			int32_t date, char **err)
{
	static const char *const device[] = {
		[QMS_RENDER_SVG] = "svg:svg:core",
		[QMS_RENDER_PNG] = "png:cairo:cairo",
		[QMS_RENDER_PDF] = "pdf:cairo:cairo",
	};
	*err = NULL;
	if (format == QMS_RENDER_DOT) {
		qms_buf_adds(out, dot);
		return 0;
	}
	messages_reset();
	Agraph_t *g = read_dot(dot);
	if (!g || agerrors()) {
		*err = messages_error(_("graphviz cannot read the graph"));
		if (g)
			agclose(g);
		return -1;
	}
	int rc = -1;
	bool laid_out = false;
	struct lanes ls = {0};
	if (find_lanes(g, &ls)) {
		if (lay_out_lanes(r, g, &ls, err) < 0)
			goto done;
	} else if (gvLayout(r->gvc, g, "dot") != 0 || agerrors()) {
		*err = messages_error(_("graphviz cannot lay the graph out"));
		goto done;
	}
	laid_out = true;
	char *data = NULL;
	unsigned int len = 0;
	if (gvRenderData(r->gvc, g, device[format], &data, &len) != 0 || agerrors() || !data) {
		*err = messages_error(_("graphviz cannot render the graph"));
		if (data)
			gvFreeRenderData(data);
		goto done;
	}
	size_t from = out->len;
	qms_buf_add(out, data, len);
	gvFreeRenderData(data);
	if (format == QMS_RENDER_PDF) {
		struct qms_buf view = {out->buf + from, out->len - from, out->len - from};
		pdf_fix_date(&view, date);
	}
	rc = 0;
done:
	if (laid_out)
		gvFreeLayout(r->gvc, g);
	lanes_release(&ls);
	agclose(g);
	return rc;
}

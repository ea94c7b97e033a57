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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>

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

/* ---- second pass: lanes in order ---- */

#define LANE_PAD 6.0      /* points between a lane's border and its nodes */
#define LEGEND_GAP 24.0   /* points between the lanes and the legend */
#define LEGEND_MARGIN 8.0
#define LEGEND_ROW_GAP 5.0
#define HEADER_INSET 4.0

struct lane {
	Agraph_t *sg;
	Agnode_t *header;
	boxf bb;
	double shift;
};

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
		if (lr->from)
			set_point(lr->from, x0 + 2, cy);
		if (lr->to)
			set_point(lr->to, x0 + sample_w - 2, cy);
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

/* Move the lanes to their declared slots. Returns 1 when the graph has
 * lanes (the second pass is needed), 0 when it has none. */
static int arrange(Agraph_t *g)
{
	size_t nlanes = 0;
	for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg)) {
		long k = name_index(agnameof(sg), "cluster_lane_", NULL);
		if (k >= 0 && (size_t)k + 1 > nlanes)
			nlanes = (size_t)k + 1;
	}
	if (!nlanes)
		return 0;
	struct lane *lanes = qms_xcalloc(nlanes, sizeof(*lanes));
	for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg)) {
		long k = name_index(agnameof(sg), "cluster_lane_", NULL);
		if (k < 0)
			continue;
		lanes[k].sg = sg;
		lanes[k].bb = GD_bb(sg);
		char name[32];
		snprintf(name, sizeof(name), "lane_%ld", k);
		lanes[k].header = agnode(sg, name, 0);
	}
	const char *rankdir = agget(g, (char *)"rankdir");
	bool lr = rankdir && !strcmp(rankdir, "LR");

	/* The extent of the lanes across the flow: every lane gets it. */
	double lo = 0, hi = 0, start = 0;
	bool first = true;
	for (size_t i = 0; i < nlanes; i++) {
		if (!lanes[i].sg)
			continue;
		boxf bb = lanes[i].bb;
		double a = lr ? bb.LL.x : bb.LL.y, b = lr ? bb.UR.x : bb.UR.y;
		double s = lr ? bb.UR.y : bb.LL.x;
		if (first || a < lo)
			lo = a;
		if (first || b > hi)
			hi = b;
		if (first || (lr ? s > start : s < start))
			start = s;
		first = false;
	}
	/* Headers alike: as wide (LR) or as tall (TB) as the largest. */
	double header_size = 0;
	for (size_t i = 0; i < nlanes; i++)
		if (lanes[i].header) {
			double v = lr ? ND_width(lanes[i].header) : ND_height(lanes[i].header);
			if (v > header_size)
				header_size = v;
		}
	/* Side by side in declared order: left to right (TB), top down (LR). */
	double at = start;
	for (size_t i = 0; i < nlanes; i++) {
		struct lane *l = &lanes[i];
		if (!l->sg)
			continue;
		double len = lr ? l->bb.UR.y - l->bb.LL.y : l->bb.UR.x - l->bb.LL.x;
		boxf nb;
		if (lr) {
			l->shift = at - LANE_PAD - l->bb.UR.y;
			nb = (boxf){{lo, at - len - 2 * LANE_PAD}, {hi, at}};
			at -= len + 2 * LANE_PAD;
		} else {
			l->shift = at + LANE_PAD - l->bb.LL.x;
			nb = (boxf){{at, lo}, {at + len + 2 * LANE_PAD, hi}};
			at += len + 2 * LANE_PAD;
		}
		for (Agnode_t *n = agfstnode(l->sg); n; n = agnxtnode(l->sg, n)) {
			if (lr)
				ND_coord(n).y += l->shift;
			else
				ND_coord(n).x += l->shift;
		}
		if (l->header) {
			/* the header spans the lane */
			set_attr(l->header, AGNODE, "fixedsize", "true");
			if (lr) {
				set_number(l->header, AGNODE, "height", (len + 2 * LANE_PAD - 2 * HEADER_INSET) / 72);
				set_number(l->header, AGNODE, "width", header_size);
				ND_coord(l->header).y = (nb.LL.y + nb.UR.y) / 2;
			} else {
				set_number(l->header, AGNODE, "width", (len + 2 * LANE_PAD - 2 * HEADER_INSET) / 72);
				set_number(l->header, AGNODE, "height", header_size);
				ND_coord(l->header).x = (nb.LL.x + nb.UR.x) / 2;
			}
		}
		set_box(l->sg, nb);
	}
	Agraph_t *legend = agsubg(g, (char *)"cluster_legend", 0);
	if (legend) {
		boxf bb;
		if (lr)
			place_legend(legend, lo, at - LEGEND_GAP, &bb);
		else
			place_legend(legend, at + LEGEND_GAP, hi, &bb);
	}
	/* Every other node keeps the place dot gave it. */
	for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
		if (legend && agsubnode(legend, n, 0))
			continue;
		set_point(n, ND_coord(n).x, ND_coord(n).y);
	}
	free(lanes);
	return 1;
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
	snprintf(fixed, sizeof(fixed), "%.4s%.2s%.2s000000%s", ymd, ymd + 5, ymd + 8,
		 end - p == 15 ? "Z" : "+00'00");
	if ((size_t)(end - p) == strlen(fixed) || (size_t)(end - p) == strlen(fixed) + 1)
		memcpy(p, fixed, strlen(fixed));
}

/* ---- render ---- */

int qms_renderer_render(struct qms_renderer *r, struct qms_buf *out, const char *dot,
			enum qms_render_format format, int32_t date, char **err)
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
	if (gvLayout(r->gvc, g, "dot") != 0 || agerrors()) {
		*err = messages_error(_("graphviz cannot lay the graph out"));
		goto done;
	}
	laid_out = true;
	if (arrange(g)) {
		gvFreeLayout(r->gvc, g);
		laid_out = false;
		set_attr(g, AGRAPH, "splines", "true");
		if (gvLayout(r->gvc, g, "nop") != 0 || agerrors()) {
			*err = messages_error(_("graphviz cannot route the edges"));
			goto done;
		}
		laid_out = true;
	}
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
	agclose(g);
	return rc;
}

/* The diagram builder, the critical path it highlights, and the Graphviz
 * adapter run in this process (LeakSanitizer suppressions for Graphviz in
 * tests/render/lsan.supp). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "flow.h"
#include "render-layout.h"
#include "render.h"
#include "schema.h"
#include "values.h"

struct loaded {
	struct qms_document doc;
	struct qms_diags diags;
	const struct qms_process *p;
};

static void load(struct loaded *l, const char *yaml)
{
	struct qms_doc *doc;
	qms_diags_init(&l->diags);
	assert_int_equal(qms_doc_parse(&doc, "t.yaml", yaml, strlen(yaml), &l->diags), 0);
	assert_int_equal(qms_document_decode(&l->doc, doc, &l->diags), 0);
	assert_int_equal(l->diags.len, 0);
	l->p = &((const struct qms_process_file *)l->doc.data)->process;
}

static void unload(struct loaded *l)
{
	qms_document_release(&l->doc);
	qms_diags_release(&l->diags);
}

static const char proc_yaml[] = "process:\n"
				"  code: T-01\n"
				"  title: Thử <script>alert(\"x\")</script> & \\N\n"
				"  agency: a\n"
				"  standard: ISO 9001:2015\n"
				"  time_limit: {statutory: 5 ngày làm việc, committed: 3 ngày làm việc}\n"
				"  lanes:\n"
				"    - {id: z, name: Zulu first}\n"
				"    - {id: a, name: Alpha second}\n"
				"    - {id: m, name: Mike third}\n"
				"  steps:\n"
				"    - {id: s, kind: start, lane: m, name: Bắt đầu, next: t1}\n"
				"    - {id: t1, lane: a, name: One, duration: 4 giờ, next: [p1, p2]}\n"
				"    - {id: p1, lane: z, name: Long, duration: 2 ngày làm việc, next: j}\n"
				"    - {id: p2, lane: m, name: Short, duration: 1 giờ, next: j}\n"
				"    - id: j\n      lane: a\n      kind: decision\n      name: OK?\n"
				"      branches: [{when: Yes, next: e}, {when: No, next: t1}]\n"
				"    - {id: e, kind: end, lane: z, name: End}\n";

static void test_escape_html(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_render_add_html(&b, "a<b>&\"c\\N\nd\x01\xef\xbf\xbe");
	/* U+0001 and U+FFFE are not XML characters: replaced */
	assert_string_equal(b.buf, "a&lt;b&gt;&amp;&quot;c\\\\N<BR/>d\xef\xbf\xbd\xef\xbf\xbd");
	qms_buf_reset(&b);
	qms_render_add_html(&b, "\xc3(bad utf-8");
	assert_string_equal(b.buf, "\xef\xbf\xbd(bad utf-8");
	qms_buf_release(&b);
}

static void test_escape_attr(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_render_add_attr(&b, "a\\b \"q\" &amp;\nx <s>");
	assert_string_equal(b.buf, "a\\\\\\\\b \\\"q\\\" &amp;amp;\\nx &lt;s&gt;");
	qms_buf_release(&b);
}

static void test_critical_steps(void **state)
{
	(void)state;
	struct loaded l;
	load(&l, proc_yaml);
	struct qms_flow f;
	qms_flow_init(&f, l.p);
	bool on_step[8], on_edge[8];
	struct qms_span path, expect;
	assert_int_equal(qms_flow_critical_steps(&path, on_step, on_edge, &f, l.p, 8), 0);
	assert_int_equal(qms_flow_critical_path(&expect, &f, l.p, 8), 0);
	assert_true(path.hours == expect.hours && path.hours == 20 && path.days == 0);
	/* s, t1, p1 (2 days beat 1 hour), j, e */
	bool want[] = {true, true, true, false, true, true};
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(on_step[i], want[i]);
	/* edges: s>t1, t1>p1, t1>p2, p1>j, p2>j, j>e, j>t1 (rework) */
	bool want_edge[] = {true, true, false, true, false, true, false};
	assert_int_equal(f.edge_start[6], 7);
	for (size_t e = 0; e < 7; e++)
		assert_int_equal(on_edge[e], want_edge[e]);
	qms_flow_release(&f);
	unload(&l);
}

static void build(struct qms_buf *b, const struct qms_process *p, enum qms_render_lanes lanes)
{
	struct qms_render_options opt = {
		.lanes = lanes, .lang = QMS_LANG_VI, .workday_hours = 8, .as_of = qms_date_parse("2020-09-30")};
	struct qms_render_finding f[] = {
		{.audit = "A1",
		 .audit_date = qms_date_parse("2020-08-01"),
		 .id = "NC-1",
		 .grade = 0,
		 .step = "p1",
		 .text = "open <major>",
		 .due = -1,
		 .closed = -1},
		{.audit = "A1",
		 .audit_date = qms_date_parse("2020-08-01"),
		 .id = "NC-2",
		 .grade = 1,
		 .step = "p2",
		 .text = "closed",
		 .due = -1,
		 .closed = qms_date_parse("2020-09-01")},
		{.audit = "A2",
		 .audit_date = qms_date_parse("2020-12-01"),
		 .id = "NC-3",
		 .grade = 0,
		 .step = "t1",
		 .text = "raised after as-of",
		 .due = -1,
		 .closed = -1},
		{.audit = "A1", .audit_date = -1, .id = "NC-4", .grade = 2, .step = "nope", .due = -1, .closed = -1},
	};
	struct qms_render_context ctx = {.findings = f, .nfindings = 4};
	qms_render_process_dot(b, p, &ctx, &opt);
}

static void test_dot(void **state)
{
	(void)state;
	struct loaded l;
	load(&l, proc_yaml);
	struct qms_buf b;
	qms_buf_init(&b);
	build(&b, l.p, QMS_LANES_VERTICAL);
	/* lanes in declared order, named by position */
	const char *z = strstr(b.buf, "cluster_lane_0"), *a = strstr(b.buf, "cluster_lane_1"),
		   *m = strstr(b.buf, "cluster_lane_2");
	assert_non_null(z);
	assert_true(z < a && a < m);
	assert_non_null(strstr(z, "<B>Zulu first</B>"));
	/* the title is text */
	assert_non_null(strstr(b.buf, "Thử &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; \\\\N"));
	assert_null(strstr(b.buf, "<script"));
	/* fork bar after t1, rework loop not constraining */
	assert_non_null(strstr(b.buf, "s1 -> fork1"));
	assert_non_null(strstr(b.buf, "s4 -> s1 [constraint=false"));
	/* findings: p1 open major, p2 closed, t1's raised later, unknown step ignored */
	assert_non_null(strstr(b.buf, "finding finding-open finding-major"));
	assert_non_null(strstr(b.buf, "finding finding-closed"));
	assert_null(strstr(b.buf, "NC-3"));
	assert_null(strstr(b.buf, "NC-4"));
	/* critical path: 20 hours = 2,5 working days (the decimal comma in Vietnamese) */
	assert_non_null(strstr(b.buf, "2,5 ngày làm việc (20 giờ làm việc)"));
	qms_buf_release(&b);
	unload(&l);
}

/* x (vertical) or -y (horizontal) of the lane headers in an SVG. */
static void header_positions(const char *svg, double *pos, size_t n, bool lr)
{
	for (size_t i = 0; i < n; i++) {
		char id[64];
		snprintf(id, sizeof(id), "id=\"lane&#45;header&#45;%zu\"", i); /* Graphviz writes - as &#45; */
		const char *g = strstr(svg, id);
		assert_non_null(g);
		const char *t = strstr(g, "<text");
		assert_non_null(t);
		const char *v = strstr(t, lr ? " y=\"" : " x=\"");
		assert_non_null(v);
		pos[i] = strtod(v + 4, NULL);
	}
}

/* One renderer for the whole program, as in a worker: Graphviz's pango
 * plugin keeps a pointer into the first context, so a second context in
 * the same process reads freed memory. */
static int renderer_setup(void **state)
{
	struct qms_renderer *r;
	char *err = NULL;
	if (qms_renderer_new(&r, &err) < 0)
		return -1;
	*state = r;
	return 0;
}

static int renderer_teardown(void **state)
{
	qms_renderer_free(*state);
	return 0;
}

static void test_render_lanes_in_order(void **state)
{
	struct qms_renderer *r = *state;
	char *err = NULL;
	struct loaded l;
	load(&l, proc_yaml);
	for (int lr = 0; lr < 2; lr++) {
		struct qms_buf dot, svg;
		qms_buf_init(&dot);
		qms_buf_init(&svg);
		build(&dot, l.p, lr ? QMS_LANES_HORIZONTAL : QMS_LANES_VERTICAL);
		assert_int_equal(qms_renderer_render(r, &svg, dot.buf, QMS_RENDER_SVG, -1, &err), 0);
		double pos[3];
		header_positions(svg.buf, pos, 3, lr);
		/* SVG y grows downwards: the first lane is on top */
		assert_true(pos[0] < pos[1] && pos[1] < pos[2]);
		qms_buf_release(&dot);
		qms_buf_release(&svg);
	}
	unload(&l);
}

static void test_render_pdf_date(void **state)
{
	struct qms_renderer *r = *state;
	char *err = NULL;
	struct qms_buf pdf;
	qms_buf_init(&pdf);
	assert_int_equal(
		qms_renderer_render(r, &pdf, "digraph { a -> b }", QMS_RENDER_PDF, qms_date_parse("2020-06-15"), &err),
		0);
	assert_true(pdf.len > 100);
	assert_memory_equal(pdf.buf, "%PDF", 4);
	assert_non_null(memmem(pdf.buf, pdf.len, "/CreationDate (D:20200615000000", 31));
	qms_buf_release(&pdf);
}

static void test_render_refuses_bad_input(void **state)
{
	struct qms_renderer *r = *state;
	char *err = NULL;
	struct qms_buf out;
	qms_buf_init(&out);
	assert_int_equal(qms_renderer_render(r, &out, "digraph { a -> ", QMS_RENDER_SVG, -1, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "graphviz cannot read the graph"));
	free(err);
	err = NULL;
	/* a malformed HTML label: Graphviz says so and falls back; we refuse */
	assert_int_equal(qms_renderer_render(r, &out, "digraph { a [label=<<B>x>] }", QMS_RENDER_SVG, -1, &err), -1);
	assert_non_null(err);
	free(err);
	err = NULL;
	/* and it still works afterwards */
	assert_int_equal(qms_renderer_render(r, &out, "digraph { a }", QMS_RENDER_SVG, -1, &err), 0);
	assert_non_null(strstr(out.buf, "</svg>"));
	qms_buf_release(&out);
}

/* ---- the layout, without Graphviz ---- */

struct box {
	double x0, y0, x1, y1;
};

static struct box node_box(const struct qms_lay_node *n, double shrink)
{
	return (struct box){n->x - n->w / 2 + shrink, n->y - n->h / 2 + shrink, n->x + n->w / 2 - shrink,
			    n->y + n->h / 2 - shrink};
}

static bool boxes_meet(struct box a, struct box b)
{
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/* An orthogonal segment and a box: whether the segment enters it. */
static bool seg_in_box(struct qms_lay_point a, struct qms_lay_point b, struct box bx)
{
	double x0 = fmin(a.x, b.x), x1 = fmax(a.x, b.x), y0 = fmin(a.y, b.y), y1 = fmax(a.y, b.y);
	if (x0 == x1) /* vertical */
		return bx.x0 < x0 && x0 < bx.x1 && y0 < bx.y1 && bx.y0 < y1;
	return bx.y0 < y0 && y0 < bx.y1 && x0 < bx.x1 && bx.x0 < x1;
}

static bool on_border(struct qms_lay_point p, const struct qms_lay_node *n)
{
	struct box out = node_box(n, -0.6);
	return p.x >= out.x0 && p.x <= out.x1 && p.y >= out.y0 && p.y <= out.y1;
}

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s >> 33;
}

/* A random diagram: a chain through random lanes with decisions that
 * branch ahead or loop back, forks to bars, labels, a self loop now and
 * then, and a cycle the start does not reach. */
static void random_diagram(struct qms_lay *l, uint64_t seed, struct qms_lay_node *nodes, struct qms_lay_edge *edges,
			   double *min_w)
{
	uint64_t s = seed;
	memset(l, 0, sizeof(*l));
	l->nlanes = 1 + lcg(&s) % 6;
	size_t n = 3 + lcg(&s) % 40, m = 0;
	for (size_t i = 0; i < n; i++) {
		enum qms_lay_shape shape = lcg(&s) % 5 == 0   ? QMS_LAY_DIAMOND
					   : lcg(&s) % 7 == 0 ? QMS_LAY_ELLIPSE
							      : QMS_LAY_BOX;
		nodes[i] = (struct qms_lay_node){.lane = lcg(&s) % l->nlanes,
						 .shape = shape,
						 .w = 60 + (double)(lcg(&s) % 140),
						 .h = 20 + (double)(lcg(&s) % 40)};
	}
	for (size_t i = 0; i + 1 < n; i++) {
		bool label = nodes[i].shape == QMS_LAY_DIAMOND;
		edges[m++] =
			(struct qms_lay_edge){.tail = i, .head = i + 1, .arrow = true, .lw = label ? 30 : 0, .lh = 11};
		if (label && i > 0 && lcg(&s) % 2)
			edges[m++] = (struct qms_lay_edge){
				.tail = i, .head = lcg(&s) % i, .back = true, .arrow = true, .lw = 44, .lh = 22};
		else if (label && i + 3 < n)
			edges[m++] = (struct qms_lay_edge){
				.tail = i, .head = i + 2 + lcg(&s) % 2, .arrow = true, .lw = 50, .lh = 11};
		if (!label && i + 3 < n && lcg(&s) % 6 == 0) { /* a fork: i -> bar -> i+1, i+2 */
			size_t b = n++;
			nodes[b] = (struct qms_lay_node){.lane = nodes[i].lane, .shape = QMS_LAY_BAR, .w = 79, .h = 6};
			edges[m - 1].head = b;
			edges[m++] = (struct qms_lay_edge){.tail = b, .head = i + 1, .arrow = true};
			edges[m++] = (struct qms_lay_edge){.tail = b, .head = i + 2, .arrow = true};
		}
		if (lcg(&s) % 40 == 0)
			edges[m++] = (struct qms_lay_edge){.tail = i, .head = i, .back = true, .arrow = true};
	}
	if (n > 6 && lcg(&s) % 4 == 0) { /* a cycle nothing marked as a loop */
		size_t a = n++, b = n++;
		nodes[a] = (struct qms_lay_node){.lane = 0, .shape = QMS_LAY_BOX, .w = 80, .h = 30};
		nodes[b] = (struct qms_lay_node){.lane = l->nlanes - 1, .shape = QMS_LAY_BOX, .w = 80, .h = 30};
		edges[m++] = (struct qms_lay_edge){.tail = a, .head = b, .arrow = true};
		edges[m++] = (struct qms_lay_edge){.tail = b, .head = a, .arrow = true};
		edges[m++] = (struct qms_lay_edge){.tail = b, .head = 3, .arrow = true};
	}
	for (size_t k = 0; k < l->nlanes; k++)
		min_w[k] = 100 + (double)(lcg(&s) % 80);
	l->nodes = nodes;
	l->nnodes = n;
	l->edges = edges;
	l->nedges = m;
	l->lane_min_w = min_w;
	l->header_h = 30;
	l->curved = seed % 2;
}

static void check_lanes(const struct qms_lay *l)
{
	for (size_t k = 0; k < l->nlanes; k++) {
		assert_true(l->lane_x0[k] < l->lane_x1[k]);
		assert_true(l->lane_x1[k] - l->lane_x0[k] >= l->lane_min_w[k] - 0.01);
		if (k)
			assert_true(fabs(l->lane_x1[k - 1] - l->lane_x0[k]) < 1e-6); /* side by side, in order */
	}
	for (size_t i = 0; i < l->nnodes; i++) {
		const struct qms_lay_node *n = &l->nodes[i];
		struct box b = node_box(n, 0);
		double x0 = l->lane_x0[n->lane], x1 = l->lane_x1[n->lane];
		if (n->shape == QMS_LAY_BAR)
			assert_true(b.x0 < x1 && x0 < b.x1); /* reaches into its lane */
		else
			assert_true(b.x0 >= x0 && b.x1 <= x1);
		assert_true(b.y0 > l->header_y + l->header_h / 2 && b.y1 < l->height);
		for (size_t j = 0; j < i; j++)
			assert_false(boxes_meet(b, node_box(&l->nodes[j], 0)));
	}
}

/* Every edge: orthogonal, from the border of its tail to the border of its
 * head, through no other box; a loop runs outside every box of its lane. */
static void check_edges(const struct qms_lay *l)
{
	for (size_t e = 0; e < l->nedges; e++) {
		const struct qms_lay_edge *ed = &l->edges[e];
		assert_true(ed->npts >= 2);
		assert_true(on_border(ed->pts[0], &l->nodes[ed->tail]));
		assert_true(on_border(ed->pts[ed->npts - 1], &l->nodes[ed->head]));
		assert_true(ed->nbez >= 4 && ed->nbez % 3 == 1);
		assert_true(ed->bez[0].x == ed->pts[0].x && ed->bez[ed->nbez - 1].y == ed->pts[ed->npts - 1].y);
		for (size_t k = 0; k + 1 < ed->npts; k++) {
			struct qms_lay_point a = ed->pts[k], b = ed->pts[k + 1];
			assert_true(fabs(a.x - b.x) < 1e-6 || fabs(a.y - b.y) < 1e-6);
			for (size_t v = 0; v < l->nnodes; v++)
				if (v != ed->tail && v != ed->head)
					assert_false(seg_in_box(a, b, node_box(&l->nodes[v], 1)));
		}
		if (!ed->back || ed->tail == ed->head || ed->npts < 3)
			continue;
		/* a loop runs along a gap: some vertical piece of it is beside
		 * every node, in no node's column */
		bool in_gap = false;
		for (size_t k = 0; k + 1 < ed->npts && !in_gap; k++) {
			if (fabs(ed->pts[k].x - ed->pts[k + 1].x) > 1e-6)
				continue;
			in_gap = true;
			for (size_t v = 0; v < l->nnodes; v++)
				if (l->nodes[v].shape != QMS_LAY_BAR &&
				    fabs(ed->pts[k].x - l->nodes[v].x) < l->nodes[v].w / 2)
					in_gap = false;
		}
		assert_true(in_gap);
	}
}

/* Labels: on no box, no other edge, no other label. */
static void check_labels(const struct qms_lay *l)
{
	for (size_t e = 0; e < l->nedges; e++) {
		const struct qms_lay_edge *ed = &l->edges[e];
		if (ed->lw <= 0)
			continue;
		struct box lb = {ed->lx - ed->lw / 2 + 0.5, ed->ly - ed->lh / 2 + 0.5, ed->lx + ed->lw / 2 - 0.5,
				 ed->ly + ed->lh / 2 - 0.5};
		for (size_t v = 0; v < l->nnodes; v++)
			assert_false(boxes_meet(lb, node_box(&l->nodes[v], 0)));
		for (size_t o = 0; o < l->nedges; o++) {
			const struct qms_lay_edge *od = &l->edges[o];
			if (o == e)
				continue;
			for (size_t k = 0; k + 1 < od->npts; k++)
				assert_false(seg_in_box(od->pts[k], od->pts[k + 1], lb));
			if (od->lw > 0)
				assert_false(boxes_meet(lb, (struct box){od->lx - od->lw / 2, od->ly - od->lh / 2,
									 od->lx + od->lw / 2, od->ly + od->lh / 2}));
		}
	}
}

static void test_layout_random(void **state)
{
	(void)state;
	enum { N = 96, M = 3 * N };
	static struct qms_lay_node nodes[N], again_nodes[N];
	static struct qms_lay_edge edges[M], again_edges[M];
	double min_w[8];
	for (uint64_t seed = 1; seed <= 400; seed++) {
		struct qms_lay l, again;
		random_diagram(&l, seed, nodes, edges, min_w);
		qms_lay_run(&l);
		check_lanes(&l);
		check_edges(&l);
		check_labels(&l);
		/* the same input, the same output */
		random_diagram(&again, seed, again_nodes, again_edges, min_w);
		qms_lay_run(&again);
		assert_memory_equal(nodes, again_nodes, l.nnodes * sizeof(*nodes));
		for (size_t e = 0; e < l.nedges; e++) {
			assert_int_equal(edges[e].npts, again_edges[e].npts);
			assert_memory_equal(edges[e].pts, again_edges[e].pts, edges[e].npts * sizeof(*edges[e].pts));
		}
		qms_arena_release(&l.arena);
		qms_arena_release(&again.arena);
	}
}

/* start -> task -> decision, "yes" to the end, "no" back to the task. */
static void test_layout_loop(void **state)
{
	(void)state;
	struct qms_lay_node nodes[4] = {
		{.lane = 0, .shape = QMS_LAY_ELLIPSE, .w = 80, .h = 30},
		{.lane = 0, .shape = QMS_LAY_BOX, .w = 120, .h = 40},
		{.lane = 1, .shape = QMS_LAY_DIAMOND, .w = 100, .h = 50},
		{.lane = 1, .shape = QMS_LAY_ELLIPSE, .w = 80, .h = 30},
	};
	struct qms_lay_edge edges[4] = {
		{.tail = 0, .head = 1, .arrow = true},
		{.tail = 1, .head = 2, .arrow = true},
		{.tail = 2, .head = 3, .arrow = true, .lw = 24, .lh = 11},
		{.tail = 2, .head = 1, .back = true, .arrow = true, .lw = 30, .lh = 11},
	};
	double min_w[2] = {150, 150};
	struct qms_lay l = {.nodes = nodes,
			    .nnodes = 4,
			    .edges = edges,
			    .nedges = 4,
			    .nlanes = 2,
			    .lane_min_w = min_w,
			    .header_h = 30};
	qms_lay_run(&l);
	check_lanes(&l);
	check_edges(&l);
	check_labels(&l);
	/* each step a rank below the one before: the flow reaches the end last */
	assert_true(nodes[0].y < nodes[1].y && nodes[1].y < nodes[2].y && nodes[2].y < nodes[3].y);
	/* forward edges come in from above, vertically */
	for (int e = 0; e < 3; e++) {
		const struct qms_lay_edge *ed = &edges[e];
		assert_true(ed->pts[ed->npts - 1].x == ed->pts[ed->npts - 2].x);
		assert_true(ed->pts[ed->npts - 2].y < ed->pts[ed->npts - 1].y);
	}
	/* the loop leaves the decision by a side corner and enters the task
	 * from the side, horizontally */
	const struct qms_lay_edge *loop = &edges[3];
	assert_true(fabs(loop->pts[0].y - nodes[2].y) < 1e-6);
	assert_true(fabs(fabs(loop->pts[0].x - nodes[2].x) - nodes[2].w / 2) < 1e-6);
	assert_true(loop->pts[loop->npts - 1].y == loop->pts[loop->npts - 2].y);
	assert_true(fabs(fabs(loop->pts[loop->npts - 1].x - nodes[1].x) - nodes[1].w / 2) < 1e-6);
	qms_arena_release(&l.arena);
}

/* A fork bar spans the lanes of its branches. */
static void test_layout_bar(void **state)
{
	(void)state;
	struct qms_lay_node nodes[5] = {
		{.lane = 1, .shape = QMS_LAY_BOX, .w = 120, .h = 40},
		{.lane = 1, .shape = QMS_LAY_BAR, .w = 79, .h = 6},
		{.lane = 0, .shape = QMS_LAY_BOX, .w = 120, .h = 40},
		{.lane = 2, .shape = QMS_LAY_BOX, .w = 120, .h = 40},
		{.lane = 3, .shape = QMS_LAY_BOX, .w = 120, .h = 40},
	};
	struct qms_lay_edge edges[4] = {
		{.tail = 0, .head = 1},
		{.tail = 1, .head = 2, .arrow = true},
		{.tail = 1, .head = 3, .arrow = true},
		{.tail = 1, .head = 4, .arrow = true},
	};
	double min_w[4] = {150, 150, 150, 150};
	struct qms_lay l = {.nodes = nodes,
			    .nnodes = 5,
			    .edges = edges,
			    .nedges = 4,
			    .nlanes = 4,
			    .lane_min_w = min_w,
			    .header_h = 30};
	qms_lay_run(&l);
	check_lanes(&l);
	check_edges(&l);
	const struct qms_lay_node *bar = &nodes[1];
	assert_true(bar->x - bar->w / 2 <= nodes[2].x && bar->x + bar->w / 2 >= nodes[4].x);
	for (int e = 1; e < 4; e++) /* each branch straight down from the bar */
		assert_int_equal(edges[e].npts, 2);
	qms_arena_release(&l.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_html),    cmocka_unit_test(test_escape_attr),
		cmocka_unit_test(test_critical_steps), cmocka_unit_test(test_dot),
		cmocka_unit_test(test_layout_random),  cmocka_unit_test(test_layout_loop),
		cmocka_unit_test(test_layout_bar),
	};
	const struct CMUnitTest graphviz[] = {
		cmocka_unit_test(test_render_lanes_in_order),
		cmocka_unit_test(test_render_pdf_date),
		cmocka_unit_test(test_render_refuses_bad_input),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	return failed + cmocka_run_group_tests(graphviz, renderer_setup, renderer_teardown);
}

/* The diagram builder, the critical path it highlights, and the Graphviz
 * adapter run in this process (LeakSanitizer suppressions for Graphviz in
 * tests/render/lsan.supp). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "flow.h"
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

static const char proc_yaml[] =
	"process:\n"
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
	struct qms_render_options opt = {.lanes = lanes, .lang = QMS_LANG_VI, .workday_hours = 8,
					 .as_of = qms_date_parse("2020-09-30")};
	struct qms_render_finding f[] = {
		{.audit = "A1", .audit_date = qms_date_parse("2020-08-01"), .id = "NC-1", .grade = 0,
		 .step = "p1", .text = "open <major>", .due = -1, .closed = -1},
		{.audit = "A1", .audit_date = qms_date_parse("2020-08-01"), .id = "NC-2", .grade = 1,
		 .step = "p2", .text = "closed", .due = -1, .closed = qms_date_parse("2020-09-01")},
		{.audit = "A2", .audit_date = qms_date_parse("2020-12-01"), .id = "NC-3", .grade = 0,
		 .step = "t1", .text = "raised after as-of", .due = -1, .closed = -1},
		{.audit = "A1", .audit_date = -1, .id = "NC-4", .grade = 2, .step = "nope", .due = -1,
		 .closed = -1},
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
	assert_int_equal(qms_renderer_render(r, &pdf, "digraph { a -> b }", QMS_RENDER_PDF,
					     qms_date_parse("2020-06-15"), &err),
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
	assert_int_equal(qms_renderer_render(r, &out, "digraph { a [label=<<B>x>] }", QMS_RENDER_SVG, -1,
					     &err),
			 -1);
	assert_non_null(err);
	free(err);
	err = NULL;
	/* and it still works afterwards */
	assert_int_equal(qms_renderer_render(r, &out, "digraph { a }", QMS_RENDER_SVG, -1, &err), 0);
	assert_non_null(strstr(out.buf, "</svg>"));
	qms_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_html),
		cmocka_unit_test(test_escape_attr),
		cmocka_unit_test(test_critical_steps),
		cmocka_unit_test(test_dot),
	};
	const struct CMUnitTest graphviz[] = {
		cmocka_unit_test(test_render_lanes_in_order),
		cmocka_unit_test(test_render_pdf_date),
		cmocka_unit_test(test_render_refuses_bad_input),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	return failed + cmocka_run_group_tests(graphviz, renderer_setup, renderer_teardown);
}

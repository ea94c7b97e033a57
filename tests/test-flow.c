/* The flow graph: back edges (rework loops) and the critical path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "flow.h"
#include "schema.h"

struct loaded {
	struct qms_document doc;
	struct qms_diags diags;
	const struct qms_process *p;
};

static void load(struct loaded *l, const char *steps_yaml)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_printf(&b,
		       "process:\n  code: T\n  title: t\n  agency: a\n  standard: ISO 9001:2015\n"
		       "  lanes: [{id: a, name: A}]\n  steps:\n%s",
		       steps_yaml);
	struct qms_doc *doc;
	qms_diags_init(&l->diags);
	assert_int_equal(qms_doc_parse(&doc, "t.yaml", b.buf, b.len, &l->diags), 0);
	assert_int_equal(qms_document_decode(&l->doc, doc, &l->diags), 0);
	assert_int_equal(l->diags.len, 0);
	l->p = &((const struct qms_process_file *)l->doc.data)->process;
	qms_buf_release(&b);
}

static void unload(struct loaded *l)
{
	qms_document_release(&l->doc);
	qms_diags_release(&l->diags);
}

/* The critical path: its working hours, and its calendar days in *days. */
static double critical_path_days(const char *steps_yaml, int expect_rc, double *days)
{
	struct loaded l;
	load(&l, steps_yaml);
	struct qms_flow f;
	qms_flow_init(&f, l.p);
	struct qms_span span = {-1, -1, false};
	assert_int_equal(qms_flow_critical_path(&span, &f, l.p, 8), expect_rc);
	qms_flow_release(&f);
	unload(&l);
	*days = span.days;
	return span.hours;
}

/* The same for paths in working time only. */
static double critical_path(const char *steps_yaml, int expect_rc)
{
	double days;
	double h = critical_path_days(steps_yaml, expect_rc, &days);
	assert_true(days == 0);
	return h;
}

static void test_linear(void **state)
{
	(void)state;
	double h = critical_path("    - {id: s, kind: start, name: s, next: a}\n"
				 "    - {id: a, name: a, duration: 4 hours, next: b}\n"
				 "    - {id: b, name: b, duration: 1 ngày làm việc, next: e}\n"
				 "    - {id: e, kind: end, name: e}\n",
				 0);
	assert_true(h == 12);
}

static void test_rework_loop_left_out(void **state)
{
	(void)state;
	/* a -> d -> (ok) b -> e ; d -> (no) r -> a : r is rework */
	double h = critical_path("    - {id: s, kind: start, name: s, next: a}\n"
				 "    - {id: a, name: a, duration: 2 h, next: d}\n"
				 "    - id: d\n      kind: decision\n      name: ok?\n"
				 "      branches: [{when: yes, next: b}, {when: no, next: r}]\n"
				 "    - {id: r, name: r, duration: 5 working days, next: a}\n"
				 "    - {id: b, name: b, duration: 3 h, next: e}\n"
				 "    - {id: e, kind: end, name: e}\n",
				 0);
	assert_true(h == 5);
}

static void test_parallel_counts_longest(void **state)
{
	(void)state;
	double h = critical_path("    - {id: s, kind: start, name: s, next: [x, y, z]}\n"
				 "    - {id: x, name: x, duration: 1 working day, next: j}\n"
				 "    - {id: y, name: y, duration: 3 working days, next: j}\n"
				 "    - {id: z, name: z, duration: 2 hours, next: j}\n"
				 "    - {id: j, name: j, duration: 0.5 h, next: e}\n"
				 "    - {id: e, kind: end, name: e}\n",
				 0);
	assert_true(h == 24.5);
}

static void test_calendar_days_and_not_counted(void **state)
{
	(void)state;
	/* 10 calendar days (about 7 working days) beat 6 working days; the
	 * citizen's 30 days to complete the dossier are not counted */
	double days;
	double h = critical_path_days("    - {id: s, kind: start, name: s, next: [x, y]}\n"
				      "    - {id: x, name: x, duration: 6 ngày làm việc, next: j}\n"
				      "    - {id: y, name: y, duration: 10 ngày, next: j}\n"
				      "    - {id: j, name: j, duration: 30 phút, next: b}\n"
				      "    - {id: b, name: b, duration: 30 ngày, not_counted: bổ sung hồ sơ, next: e}\n"
				      "    - {id: e, kind: end, name: e}\n",
				      0, &days);
	assert_true(h == 0.5);
	assert_true(days == 10);
	h = critical_path_days("    - {id: s, kind: start, name: s, next: [x, y]}\n"
			       "    - {id: x, name: x, duration: 8 ngày làm việc, next: e}\n"
			       "    - {id: y, name: y, duration: 10 ngày, next: e}\n"
			       "    - {id: e, kind: end, name: e}\n",
			       0, &days);
	assert_true(h == 64 && days == 0);
}

static void test_extension_steps_left_out(void **state)
{
	(void)state;
	/* the path through the extension step counts only with_extension */
	const char *steps = "    - {id: s, kind: start, name: s, next: d}\n"
			    "    - id: d\n      kind: decision\n      name: more?\n"
			    "      branches: [{when: no, next: a}, {when: yes, next: x}]\n"
			    "    - {id: a, name: a, duration: 2 ngày làm việc, next: e}\n"
			    "    - {id: x, name: x, duration: 10 ngày, extension: thông báo gia hạn, next: e}\n"
			    "    - {id: e, kind: end, name: e}\n";
	assert_true(critical_path(steps, 0) == 16);
	struct loaded l;
	load(&l, steps);
	struct qms_flow f;
	qms_flow_init(&f, l.p);
	struct qms_span spans[5], path;
	unsigned char flags[5];
	qms_flow_step_times(spans, flags, l.p, 8);
	assert_true(flags[3] & QMS_STEP_T_EXTENSION);
	assert_true(flags[4] & QMS_STEP_T_END);
	assert_int_equal(qms_flow_longest(&path, NULL, NULL, &f, spans, flags, true, 8), 0);
	assert_true(path.days == 10 && path.hours == 0);
	qms_flow_release(&f);
	unload(&l);
}

static void test_back_edges_marked(void **state)
{
	(void)state;
	struct loaded l;
	load(&l, "    - {id: s, kind: start, name: s, next: a}\n"
		 "    - {id: a, name: a, next: [b, e]}\n"
		 "    - {id: b, name: b, next: a}\n"
		 "    - {id: e, kind: end, name: e}\n");
	struct qms_flow f;
	qms_flow_init(&f, l.p);
	assert_int_equal(f.start, 0);
	assert_int_equal(f.edge_start[4], 4);
	/* edges: s->a, a->b, a->e, b->a ; only b->a goes back */
	assert_false(f.back[0]);
	assert_false(f.back[1]);
	assert_false(f.back[2]);
	assert_true(f.back[3]);
	qms_flow_release(&f);
	unload(&l);
}

static void test_no_start(void **state)
{
	(void)state;
	critical_path("    - {id: a, name: a, next: e}\n"
		      "    - {id: e, kind: end, name: e}\n",
		      -1);
}

static void test_long_chain_is_iterative(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_adds(&b, "    - {id: s0, kind: start, name: s, next: s1}\n");
	const int n = 100000;
	for (int i = 1; i < n; i++)
		qms_buf_printf(&b, "    - {id: s%d, name: x, duration: 1 h, next: s%d}\n", i, i + 1);
	qms_buf_printf(&b, "    - {id: s%d, kind: end, name: e}\n", n);
	double h = critical_path(b.buf, 0);
	assert_true(h == n - 1);
	qms_buf_release(&b);
}

/* The rule codes and lines qms_process_check() reports for a procedure
 * with `lanes` and `forms` lists (YAML flow) and steps, as "F009@12 ...". */
static void check_refs(char *out, size_t cap, const char *lanes, const char *forms, const char *steps)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_printf(&b,
		       "process:\n  code: T\n  title: t\n  agency: a\n  standard: ISO 9001:2015\n"
		       "  lanes: %s\n  forms: %s\n  steps:\n%s",
		       lanes, forms, steps);
	struct qms_doc *doc;
	struct qms_document d;
	struct qms_diags diags;
	qms_diags_init(&diags);
	assert_int_equal(qms_doc_parse(&doc, "t.yaml", b.buf, b.len, &diags), 0);
	assert_int_equal(qms_document_decode(&d, doc, &diags), 0);
	assert_int_equal(diags.len, 0);
	struct qms_time_settings ts = {.workday_hours = 8, .time_cut = 40};
	qms_process_check(&((const struct qms_process_file *)d.data)->process, "t.yaml", &ts, &diags);
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < diags.len; i++)
		n += (size_t)snprintf(out + n, cap - n, "%s%s@%u", i ? " " : "",
				      qms_rule_get(diags.items[i].rule)->code, diags.items[i].line);
	qms_document_release(&d);
	qms_diags_release(&diags);
	qms_buf_release(&b);
}

/* Lanes, forms and next steps that are not there, and a step id used
 * twice, with few and with many lanes and forms (looked up two ways). */
static void test_unknown_references(void **state)
{
	(void)state;
	static const char steps[] = "    - {id: s, kind: start, lane: l1, name: s, next: [b, zz]}\n"
				    "    - {id: b, lane: l9, name: b, forms: [f9, fx], next: e}\n"
				    "    - {id: b, lane: lx, name: b2, forms: [f1], next: e}\n"
				    "    - {id: e, kind: end, lane: l1, name: e}\n";
	static const char many_lanes[] = "[{id: l0, name: x}, {id: l1, name: x}, {id: l2, name: x}, {id: l3, name: x}, "
					 "{id: l4, name: x}, {id: l5, name: x}, {id: l6, name: x}, {id: l7, name: x}, "
					 "{id: l8, name: x}, {id: l9, name: x}]";
	static const char many_forms[] = "[{id: f0, name: x}, {id: f1, name: x}, {id: f2, name: x}, {id: f3, name: x}, "
					 "{id: f4, name: x}, {id: f5, name: x}, {id: f6, name: x}, {id: f7, name: x}, "
					 "{id: f8, name: x}, {id: f9, name: x}]";
	char got[256];
	check_refs(got, sizeof(got), many_lanes, many_forms, steps);
	assert_string_equal(got, "F001@11 F002@9 F010@10 F009@11");
	check_refs(got, sizeof(got), "[{id: l1, name: x}, {id: l9, name: x}]", "[{id: f1, name: x}, {id: f9, name: x}]",
		   steps);
	assert_string_equal(got, "F001@11 F002@9 F010@10 F009@11");
	/* everything known: nothing to say */
	check_refs(got, sizeof(got), many_lanes, many_forms,
		   "    - {id: s, kind: start, lane: l1, name: s, next: [b]}\n"
		   "    - {id: b, lane: l9, name: b, forms: [f9, f0], next: e}\n"
		   "    - {id: e, kind: end, lane: l8, name: e}\n");
	assert_string_equal(got, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linear),
		cmocka_unit_test(test_rework_loop_left_out),
		cmocka_unit_test(test_parallel_counts_longest),
		cmocka_unit_test(test_calendar_days_and_not_counted),
		cmocka_unit_test(test_extension_steps_left_out),
		cmocka_unit_test(test_back_edges_marked),
		cmocka_unit_test(test_no_start),
		cmocka_unit_test(test_long_chain_is_iterative),
		cmocka_unit_test(test_unknown_references),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

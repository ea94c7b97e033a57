/* The output layer: the JSON writer (json.c), the CSV and table writers
 * (table.c) and the catalog outputs written through them
 * (catalog-format.c), byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "catalog.h"
#include "json.h"
#include "table.h"
#include "writer.h"

#ifndef QMS_SOURCE_ROOT
#error "QMS_SOURCE_ROOT: the source tree, for its standards/"
#endif

static void test_json_pretty(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	struct qms_json j;
	qms_json_init(&j, &b, true);
	qms_json_object(&j);
	qms_json_kv_string(&j, "a", "x\"y\n");
	qms_json_key(&j, "list");
	qms_json_array(&j);
	qms_json_int(&j, -3);
	qms_json_null(&j);
	qms_json_end(&j);
	qms_json_key(&j, "empty");
	qms_json_object(&j);
	qms_json_end(&j);
	qms_json_end(&j);
	assert_string_equal(b.buf,
			    "{\n  \"a\": \"x\\\"y\\n\",\n  \"list\": [\n    -3,\n    null\n  ],\n  \"empty\": {}\n}\n");
	qms_buf_release(&b);
}

/* Inline containers keep their members on one line; a multi-line one
 * inside an inline one is indented by the multi-line containers only. */
static void test_json_inline(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	struct qms_json j;
	qms_json_init(&j, &b, true);
	qms_json_object(&j);
	qms_json_key(&j, "rows");
	qms_json_array(&j);
	qms_json_object_inline(&j);
	qms_json_kv_uint(&j, "n", 1);
	qms_json_key(&j, "to");
	qms_json_array_inline(&j);
	qms_json_string(&j, "a");
	qms_json_string(&j, "b");
	qms_json_end(&j);
	qms_json_key(&j, "none");
	qms_json_array_inline(&j);
	qms_json_end(&j);
	qms_json_end(&j);
	qms_json_end(&j);
	qms_json_end(&j);
	assert_string_equal(b.buf, "{\n  \"rows\": [\n    {\"n\": 1, \"to\": [\"a\", \"b\"], \"none\": []}\n  ]\n}\n");

	qms_buf_reset(&b);
	qms_json_init(&j, &b, true);
	qms_json_object_inline(&j);
	qms_json_kv_string(&j, "standard", "ISO");
	qms_json_key(&j, "clauses");
	qms_json_array(&j);
	qms_json_object_inline(&j);
	qms_json_kv_bool(&j, "x", true);
	qms_json_end(&j);
	qms_json_object_inline(&j);
	qms_json_kv_date(&j, "d", -1);
	qms_json_end(&j);
	qms_json_end(&j);
	qms_json_end(&j);
	assert_string_equal(b.buf, "{\"standard\": \"ISO\", \"clauses\": [\n  {\"x\": true},\n  {\"d\": null}\n]}\n");
	qms_buf_release(&b);
}

static void test_json_compact_fragment_numbers(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	struct qms_json j;
	qms_json_init(&j, &b, false);
	qms_json_array(&j);
	qms_json_decimal(&j, 452, 1);
	qms_json_decimal(&j, -5, 1);
	qms_json_decimal(&j, 0, 1);
	qms_json_decimal(&j, 7, 0);
	qms_json_decimal(&j, 1005, 2);
	qms_json_date(&j, 0);
	qms_json_object_inline(&j);
	qms_json_kv_int(&j, "k", 2);
	qms_json_kv_null(&j, "z");
	qms_json_end(&j);
	qms_json_end(&j);
	assert_string_equal(b.buf, "[45.2,-0.5,0.0,7,10.05,\"1970-01-01\",{\"k\":2,\"z\":null}]\n");

	qms_buf_reset(&b);
	qms_buf_adds(&b, "x=");
	qms_json_init_fragment(&j, &b);
	qms_json_object_inline(&j);
	qms_json_kv_string(&j, "s", NULL);
	qms_json_end(&j);
	assert_string_equal(b.buf, "x={\"s\": null}");
	qms_buf_release(&b);
}

static void test_csv_writer(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	struct qms_csv c;
	qms_csv_init(&c, &b);
	static const char *const head[] = {"a", "b", NULL};
	qms_csv_row(&c, head);
	qms_csv_cell(&c, "x,y");
	qms_csv_cell(&c, NULL);
	qms_csv_cellf(&c, "%d", -5);
	qms_csv_cell(&c, "=1+1");
	qms_csv_cell(&c, " say \"hi\"");
	qms_csv_end_row(&c);
	assert_string_equal(b.buf, "a,b\n\"x,y\",,-5,\"'=1+1\",\" say \"\"hi\"\"\"\n");
	qms_buf_release(&b);
}

static void test_table_html(void **state)
{
	(void)state;
	static const char *const head[] = {"Tên", "<b>", NULL};
	struct qms_table t;
	qms_table_init(&t, head);
	const char *row[] = {"a & b", NULL};
	qms_table_add(&t, row);
	struct qms_buf b;
	qms_buf_init(&b);
	qms_table_format(&b, &t, QMS_TABLE_HTML);
	assert_string_equal(b.buf, "<table>\n<tr><th>Tên</th><th>&lt;b&gt;</th></tr>\n"
				   "<tr><td>a &amp; b</td><td></td></tr>\n</table>\n");
	qms_table_release(&t);
	qms_buf_release(&b);
}

static void tstream(struct qms_buf *b, enum qms_table_format fmt)
{
	struct qms_tstream ts;
	qms_tstream_begin(&ts, b, fmt, "lr");
	const char *cells[] = {"Agency", "N", "so-a", "3", "Total", "3"};
	for (int r = 0; r < 3; r++) {
		if (r)
			qms_tstream_row_begin(&ts, r == 2);
		for (int c = 0; c < 2; c++) {
			qms_tstream_cell_begin(&ts);
			qms_buf_adds(b, cells[r * 2 + c]);
			qms_tstream_cell_end(&ts);
		}
		if (r)
			qms_tstream_row_end(&ts);
		else
			qms_tstream_head_end(&ts);
	}
	qms_tstream_end(&ts);
}

static void test_tstream(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	tstream(&b, QMS_TABLE_MD);
	assert_string_equal(b.buf, "| Agency | N |\n|---|---:|\n| so-a | 3 |\n| Total | 3 |\n\n");
	qms_buf_reset(&b);
	tstream(&b, QMS_TABLE_HTML);
	assert_string_equal(b.buf,
			    "<div class=\"table-wrap\"><table>\n<thead><tr><th>Agency</th><th class=\"num\">N</th>"
			    "</tr></thead>\n<tbody>\n<tr><td>so-a</td><td class=\"num\">3</td></tr>\n"
			    "<tr class=\"total\"><td>Total</td><td class=\"num\">3</td></tr>\n"
			    "</tbody>\n</table></div>\n");
	qms_buf_release(&b);
}

static void document(struct qms_buf *b, bool html)
{
	struct qms_writer w;
	qms_writer_init(&w, b, html);
	qms_writer_heading(&w, 2, "A *b* & c");
	qms_writer_para(&w, "%d <x> &amp; [y]\nz", 3);
	qms_writer_list_begin(&w);
	qms_writer_item_begin(&w);
	qms_writer_text(&w, "_i_");
	qms_writer_item_end(&w);
	qms_writer_list_end(&w);
	qms_writer_table(&w, "r", "N|");
	qms_writer_row_begin(&w, true);
	qms_writer_cellf(&w, "%s", "1");
	qms_writer_row_end(&w);
	qms_writer_table_end(&w);
}

/* The document writer: the same calls in Markdown and HTML, every string
 * escaped for its format. */
static void test_writer(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	document(&b, false);
	assert_string_equal(b.buf, "## A \\*b\\* & c\n\n3 \\<x\\> \\&amp; \\[y\\] z\n\n- \\_i\\_\n\n"
				   "| N\\| |\n|---:|\n| 1 |\n\n");
	qms_buf_reset(&b);
	document(&b, true);
	assert_string_equal(b.buf,
			    "<h2>A *b* &amp; c</h2>\n<p>3 &lt;x&gt; &amp;amp; [y]\nz</p>\n<ul>\n<li>_i_</li>\n</ul>\n"
			    "<div class=\"table-wrap\"><table>\n<thead><tr><th class=\"num\">N|</th></tr></thead>\n"
			    "<tbody>\n<tr class=\"total\"><td class=\"num\">1</td></tr>\n</tbody>\n</table></div>\n");
	qms_buf_release(&b);
}

/* The clauses outputs, once in the library, against the real catalogs. */
static void test_catalog_outputs(void **state)
{
	(void)state;
	struct qms_catalogs cat;
	struct qms_diags diags;
	qms_diags_init(&diags);
	char *err = NULL;
	assert_int_equal(qms_catalogs_open(&cat, NULL, &diags, &err), 0);
	const struct qms_catalog *c = qms_catalogs_find(&cat, "ISO 9001:2015");
	assert_non_null(c);
	struct qms_buf b;
	qms_buf_init(&b);
	qms_catalog_format_json(&b, c);
	assert_true(!strncmp(b.buf, "{\"standard\": \"ISO 9001:2015\", \"clauses\": [\n  {\"clause\": \"4\", ", 60));
	assert_true(b.len > 5 && !strcmp(b.buf + b.len - 5, "}\n]}\n"));

	qms_buf_reset(&b);
	size_t idx = qms_catalog_find(c, "8.7");
	assert_int_not_equal(idx, SIZE_MAX);
	qms_clause_format_detail(&b, &cat, c, idx, QMS_LANG_EN);
	assert_non_null(strstr(b.buf, "ISO 9001:2015 8.7  "));
	assert_non_null(strstr(b.buf, "  <- ISO 9001:2008 8.3 "));

	qms_buf_reset(&b);
	const struct qms_correlation_table *k = qms_catalogs_correlation(&cat, "ISO 9001:2008", "ISO 9001:2015");
	assert_non_null(k);
	qms_correlation_format_json(&b, k);
	assert_true(!strncmp(b.buf, "[\n  {\"from\": \"", 14));
	qms_buf_reset(&b);
	qms_correlation_format_table(&b, k, QMS_LANG_VI, QMS_TABLE_MD);
	assert_true(!strncmp(b.buf, "| 2008 | Tên | 2015 | Quan hệ |\n|---|---|---|---|\n",
			     strlen("| 2008 | Tên | 2015 | Quan hệ |\n|---|---|---|---|\n")));
	qms_buf_release(&b);
	qms_catalogs_release(&cat);
	qms_diags_release(&diags);
}

int main(void)
{
	setenv("QMS_STANDARDS", QMS_SOURCE_ROOT "/standards", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_pretty),
		cmocka_unit_test(test_json_inline),
		cmocka_unit_test(test_json_compact_fragment_numbers),
		cmocka_unit_test(test_csv_writer),
		cmocka_unit_test(test_table_html),
		cmocka_unit_test(test_tstream),
		cmocka_unit_test(test_writer),
		cmocka_unit_test(test_catalog_outputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* What the site and the issued procedure ask of table.c's qms_tstream in
 * HTML: classes on the wrapper and the table, a class per body cell, a
 * row with an id, named parts with spans; the exact bytes. (tests/test-output.c covers the plain stream.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "html.h"
#include "table.h"

static void cell(struct qms_tstream *ts, const char *cls, const char *text)
{
	qms_tstream_cell_begin_class(ts, cls);
	qms_html_add_text(ts->out, text);
	qms_tstream_cell_end(ts);
}

static void test_html_classes(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	struct qms_tstream ts;
	qms_tstream_begin_html(&ts, &b, "llr", "table-wrap findings", "full");
	cell(&ts, "nowrap", "Cơ quan"); /* no class in the head but the alignment's */
	cell(&ts, NULL, "A<B");
	cell(&ts, NULL, "Số");
	qms_tstream_head_end(&ts);
	qms_tstream_row_begin_id(&ts, "finding-3");
	cell(&ts, "name", "x");
	cell(&ts, NULL, "Tom & \"Jerry\"");
	cell(&ts, NULL, "12");
	qms_tstream_row_end(&ts);
	qms_tstream_row_begin(&ts, false);
	cell(&ts, "num", "1");
	cell(&ts, NULL, "");
	cell(&ts, "nowrap", "3");
	qms_tstream_row_end(&ts);
	qms_tstream_end(&ts);
	assert_string_equal(b.buf, "<div class=\"table-wrap findings\"><table class=\"full\">\n"
				   "<thead><tr><th>Cơ quan</th><th>A&lt;B</th><th class=\"num\">Số</th></tr></thead>\n"
				   "<tbody>\n"
				   "<tr id=\"finding-3\"><td class=\"name\">x</td><td>Tom &amp; &quot;Jerry&quot;</td>"
				   "<td class=\"num\">12</td></tr>\n"
				   "<tr><td class=\"num\">1</td><td></td><td class=\"nowrap\">3</td></tr>\n"
				   "</tbody>\n</table></div>\n");
	qms_buf_release(&b);
}

/* qms_tstream_begin() in HTML is qms_tstream_begin_html() with the
 * report's classes. */
static void test_html_plain_begin(void **state)
{
	(void)state;
	struct qms_buf a, b;
	qms_buf_init(&a);
	qms_buf_init(&b);
	struct qms_tstream ts;
	qms_tstream_begin(&ts, &a, QMS_TABLE_HTML, "lr");
	qms_tstream_head_end(&ts);
	qms_tstream_end(&ts);
	qms_tstream_begin_html(&ts, &b, "lr", "table-wrap", NULL);
	qms_tstream_head_end(&ts);
	qms_tstream_end(&ts);
	assert_string_equal(
		a.buf,
		"<div class=\"table-wrap\"><table>\n<thead><tr></tr></thead>\n<tbody>\n</tbody>\n</table></div>\n");
	assert_string_equal(a.buf, b.buf);
	qms_buf_release(&a);
	qms_buf_release(&b);
}

/* The parts a document names (procdoc.c): no wrapper when asked for
 * none, an id, a header of two rows with classes and a span, a body, a
 * footer; the one before each part closed. */
static void test_html_parts(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	struct qms_tstream ts;
	qms_tstream_begin_parts(&ts, &b, NULL, "sign", "s1");
	qms_tstream_part(&ts, QMS_TSTREAM_HEAD);
	qms_tstream_row_begin_class(&ts, "top");
	qms_tstream_cell_begin_span(&ts, true, "wide", 2);
	qms_html_add_text(&b, "A&B");
	qms_tstream_cell_end(&ts);
	qms_tstream_row_end(&ts);
	qms_tstream_row_begin_class(&ts, NULL);
	qms_tstream_cell_begin_span(&ts, true, NULL, 1);
	qms_tstream_cell_end(&ts);
	qms_tstream_cell_begin_span(&ts, false, NULL, 0);
	qms_tstream_cell_end(&ts);
	qms_tstream_row_end(&ts);
	qms_tstream_part(&ts, QMS_TSTREAM_BODY);
	qms_tstream_row_begin_class(&ts, NULL);
	qms_tstream_cell_begin_span(&ts, false, "num", 1);
	qms_tstream_cell_end(&ts);
	qms_tstream_row_end(&ts);
	qms_tstream_part(&ts, QMS_TSTREAM_FOOT);
	qms_tstream_end(&ts);
	assert_string_equal(b.buf, "<table class=\"sign\" id=\"s1\">\n"
				   "<thead><tr class=\"top\"><th class=\"wide\" colspan=\"2\">A&amp;B</th></tr>\n"
				   "<tr><th></th><td></td></tr>\n</thead>\n"
				   "<tbody>\n<tr><td class=\"num\"></td></tr>\n</tbody>\n"
				   "<tfoot></tfoot>\n</table>\n");
	qms_buf_reset(&b);
	qms_tstream_begin_parts(&ts, &b, "table-wrap", NULL, NULL);
	qms_tstream_end(&ts);
	assert_string_equal(b.buf, "<div class=\"table-wrap\"><table>\n</table></div>\n");
	qms_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_classes),
		cmocka_unit_test(test_html_plain_begin),
		cmocka_unit_test(test_html_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

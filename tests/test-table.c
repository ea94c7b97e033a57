/* What the site asks of table.c's qms_tstream in HTML: classes on the
 * wrapper and the table, a class per body cell, a row with an id; the
 * exact bytes. (tests/test-output.c covers the plain stream.) */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_classes),
		cmocka_unit_test(test_html_plain_begin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

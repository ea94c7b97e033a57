/* The HTML table writer of lib/table.c (qms_table_html_*) and the HTML
 * format of qms_table_format(): the exact bytes, escaping, and the cells
 * closed by the writer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "table.h"

static void test_html_writer(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	struct qms_table_html t;
	qms_table_html_begin(&t, &b, "table-wrap findings", "full");
	const char *head[] = {"Cơ quan", "A<B", "Số", NULL};
	qms_table_html_head(&t, head, "llr");
	qms_table_html_row(&t, "finding-3", NULL);
	qms_table_html_cell(&t, "name");
	qms_buf_adds(&b, "<a href=\"x.html\">x</a>"); /* HTML of the caller: as it is */
	qms_table_html_text(&t, NULL, "Tom & \"Jerry\"");
	qms_table_html_textf(&t, "num", "%d<%d", 1, 2);
	qms_table_html_row(&t, NULL, "total");
	qms_table_html_text(&t, NULL, NULL);
	qms_table_html_end(&t);
	assert_string_equal(b.buf,
			    "<div class=\"table-wrap findings\"><table class=\"full\">\n"
			    "<thead><tr><th>Cơ quan</th><th>A&lt;B</th><th class=\"num\">Số</th></tr></thead>\n"
			    "<tbody>\n"
			    "<tr id=\"finding-3\"><td class=\"name\"><a href=\"x.html\">x</a></td>"
			    "<td>Tom &amp; &quot;Jerry&quot;</td><td class=\"num\">1&lt;2</td></tr>\n"
			    "<tr class=\"total\"><td></td></tr>\n"
			    "</tbody>\n</table></div>\n");
	qms_buf_release(&b);
}

static void test_html_unwrapped_empty(void **state)
{
	(void)state;
	struct qms_buf b;
	qms_buf_init(&b);
	struct qms_table_html t;
	qms_table_html_begin(&t, &b, NULL, NULL);
	const char *head[] = {"a", "b", NULL};
	qms_table_html_head(&t, head, NULL);
	qms_table_html_end(&t);
	assert_string_equal(b.buf, "<table>\n<thead><tr><th>a</th><th>b</th></tr></thead>\n<tbody>\n</tbody>\n</table>\n");
	qms_buf_release(&b);
}

static void test_table_format_html(void **state)
{
	(void)state;
	const char *head[] = {"x", "y", NULL};
	struct qms_table t;
	qms_table_init(&t, head);
	const char *row[] = {"<b>", NULL};
	qms_table_add(&t, row);
	struct qms_buf b;
	qms_buf_init(&b);
	qms_table_format(&b, &t, QMS_TABLE_HTML);
	assert_string_equal(b.buf, "<div class=\"table-wrap\"><table>\n<thead><tr><th>x</th><th>y</th></tr></thead>\n"
				   "<tbody>\n<tr><td>&lt;b&gt;</td><td></td></tr>\n</tbody>\n</table></div>\n");
	qms_buf_release(&b);
	qms_table_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_writer),
		cmocka_unit_test(test_html_unwrapped_empty),
		cmocka_unit_test(test_table_format_html),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

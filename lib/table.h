/* A table of text for people (aligned columns, counting characters, not
 * bytes), Markdown or CSV, built row by row. */
#ifndef QMS_TABLE_H
#define QMS_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct qms_table {
	size_t ncols;
	char **cells;      /* row-major, owned */
	size_t nrows;      /* the header counts as row 0 */
	size_t cap;
};

/* Start a table with its header; the header's NULL-terminated names fix
 * the number of columns. Free with qms_table_release(). */
void qms_table_init(struct qms_table *t, const char *const *header);
/* Add a row of t->ncols cells (copied; NULL is an empty cell). */
void qms_table_add(struct qms_table *t, const char *const *cells);
void qms_table_release(struct qms_table *t);

enum qms_table_format {
	QMS_TABLE_TEXT,
	QMS_TABLE_MD,
	QMS_TABLE_CSV,
	QMS_TABLE_HTML, /* through qms_table_html (wrapped in "table-wrap"), cells escaped */
};

/* Text and Markdown cells go through qms_buf_add_printable() (newlines
 * kept in Markdown, where they become <br>); CSV cells through
 * qms_csv_add_cell(); HTML cells through qms_html_add_text(). */
void qms_table_format(struct qms_buf *out, const struct qms_table *t, enum qms_table_format fmt);

/* Append s as one CSV cell (RFC 4180): the one CSV cell writer of qms,
 * for every CSV it writes. Quoted when it holds a comma, a quote or a
 * newline, or starts or ends with a space. Against formula injection
 * (OWASP): a cell that starts (after spaces) with =, +, -, @, tab or
 * carriage return gets a leading single quote and quotes, so that a
 * spreadsheet shows it as text and never runs it; a plain number (-5,
 * 3.5) is left as it is, a spreadsheet reads it as a number and a number
 * cannot be a formula. Control characters are made visible as by
 * qms_buf_add_printable(). */
void qms_csv_add_cell(struct qms_buf *out, const char *s);

/* The UTF-8 byte order mark that CSV files qms writes start with (unless
 * the user asks for none, `--no-bom`): without it, Excel on Windows reads
 * UTF-8 as the ANSI code page and garbles Vietnamese. */
#define QMS_CSV_BOM "\xEF\xBB\xBF"

/* Columns that s[0..n) takes on a terminal or in a table of fixed-width
 * text: combining marks none, wide (East Asian) characters two, others
 * one. The one measure of text width for tables and wrapped labels. */
size_t qms_text_width(const char *s, size_t n);

/* An HTML table written as it goes, for cells that hold more than text
 * (links, badges, line breaks): the writer opens and closes the wrapper,
 * the head, the body, the rows and the cells; the caller writes each
 * cell's content into the buffer, escaped (qms_html_add_text()) or
 * through qms_table_html_text(). It appends to a caller-owned buffer and
 * owns nothing.
 *
 *	struct qms_table_html t;
 *	qms_table_html_begin(&t, &buf, "table-wrap", NULL);
 *	qms_table_html_head(&t, names, "lr");
 *	qms_table_html_row(&t, NULL, NULL);
 *	qms_table_html_cell(&t, NULL); ...write a link into buf...
 *	qms_table_html_text(&t, "num", "12");
 *	qms_table_html_end(&t);
 *
 * gives <div class="table-wrap"><table>\n<thead><tr><th>…</th>
 * <th class="num">…</th></tr></thead>\n<tbody>\n<tr><td>…</td>
 * <td class="num">12</td></tr>\n</tbody>\n</table></div>\n. */
struct qms_table_html {
	struct qms_buf *out;
	bool wrapped;  /* in a <div> */
	bool in_row, in_cell;
};

/* Open the table: in a <div class="wrap"> unless wrap is NULL; cls the
 * table's class or NULL. The class names are written as they are. */
void qms_table_html_begin(struct qms_table_html *t, struct qms_buf *out, const char *wrap, const char *cls);
/* The header row: the NULL-terminated names (escaped); align 'r' for a
 * column of numbers (class "num"), anything else or a NULL align left.
 * Opens the body. */
void qms_table_html_head(struct qms_table_html *t, const char *const *names, const char *align);
/* Open a row (closing the one before): id and cls its attributes, or
 * NULL. */
void qms_table_html_row(struct qms_table_html *t, const char *id, const char *cls);
/* Open a cell of the row (closing the one before), of class cls or none;
 * its content follows in t->out. */
void qms_table_html_cell(struct qms_table_html *t, const char *cls);
/* A cell of text: text escaped (NULL is an empty cell). */
void qms_table_html_text(struct qms_table_html *t, const char *cls, const char *text);
/* A cell of text formatted with printf's fmt, escaped. */
void qms_table_html_textf(struct qms_table_html *t, const char *cls, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Close the row, the body, the table and the wrapper. */
void qms_table_html_end(struct qms_table_html *t);

#endif

/* A table of text for people (aligned columns, counting characters, not
 * bytes), Markdown or CSV, built row by row. */
#ifndef QMS_TABLE_H
#define QMS_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct qms_table {
	size_t ncols;
	char **cells; /* row-major, owned */
	size_t nrows; /* the header counts as row 0 */
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
	QMS_TABLE_HTML,
};

/* Text and Markdown cells go through qms_buf_add_printable() (newlines
 * kept in Markdown, where they become <br>); CSV cells through
 * qms_csv_add_cell(); HTML cells through qms_html_add_text(), in a bare
 * <table> of one <tr> a line, the header in <th>. */
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

/* A table written row by row straight to out, for documents whose cells
 * hold markup of their own (a link, text escaped for the document): the
 * writer writes the table around the cells, the caller the content of
 * each cell, escaped for the format. Markdown (`| a | b |`, a `|---:|`
 * line after the header for a right-aligned column) or HTML (in a
 * <div class="table-wrap">, <thead> and <tbody>, class "num" on the
 * cells of a right-aligned column, class "total" on a totals row). It
 * owns nothing.
 *
 *	qms_tstream_begin(&ts, out, QMS_TABLE_HTML, "lr");
 *	qms_tstream_cell_begin(&ts); ...; qms_tstream_cell_end(&ts);  (the header)
 *	qms_tstream_head_end(&ts);
 *	qms_tstream_row_begin(&ts, false); cells; qms_tstream_row_end(&ts);
 *	qms_tstream_end(&ts);
 */
enum qms_tstream_part { QMS_TSTREAM_HEAD, QMS_TSTREAM_BODY, QMS_TSTREAM_FOOT };

struct qms_tstream {
	struct qms_buf *out;
	bool html;
	bool head; /* in the header row */
	const char *align; /* 'l' or 'r' per column; the table's width */
	size_t col;
	/* HTML */
	bool wrapped; /* in a <div> */
	bool th; /* the open cell is a <th> */
	bool part_open; /* <thead>, <tbody> or <tfoot> `part` is open */
	enum qms_tstream_part part;
};

/* fmt is QMS_TABLE_MD or QMS_TABLE_HTML; align is kept, not copied. */
void qms_tstream_begin(struct qms_tstream *ts, struct qms_buf *out, enum qms_table_format fmt, const char *align);
/* HTML with the classes of a page: the <div>'s (qms_tstream_begin():
 * "table-wrap") and the <table>'s (NULL: none), written as they are. */
void qms_tstream_begin_html(struct qms_tstream *ts, struct qms_buf *out, const char *align, const char *wrap_class,
			    const char *table_class);
void qms_tstream_cell_begin(struct qms_tstream *ts);
/* In HTML, a body cell of class cls ("nowrap"); NULL: as
 * qms_tstream_cell_begin(), by the column's alignment. */
void qms_tstream_cell_begin_class(struct qms_tstream *ts, const char *cls);
void qms_tstream_cell_end(struct qms_tstream *ts);
void qms_tstream_head_end(struct qms_tstream *ts);
void qms_tstream_row_begin(struct qms_tstream *ts, bool total);
/* In HTML, a row with an id (a link's target), written as it is. */
void qms_tstream_row_begin_id(struct qms_tstream *ts, const char *id);
void qms_tstream_row_end(struct qms_tstream *ts);
void qms_tstream_end(struct qms_tstream *ts);

/* An HTML table whose parts, rows and cells the caller names one by one
 * (the issued procedure, procdoc.c: several header rows, a footer,
 * classes, spans). Written as it goes:
 *
 *	<div class="WRAP"><table class="CLASS" id="ID">     (each when not NULL)
 *	<thead><tr class="C"><th class="C" colspan="2">...</th></tr>
 *	</thead>
 *	<tbody>
 *	<tr><td>...</td></tr>
 *	</tbody>
 *	</table></div>
 *
 *	qms_tstream_begin_parts(&ts, out, "table-wrap", "steps", NULL);
 *	qms_tstream_part(&ts, QMS_TSTREAM_HEAD);   (optional; closes the one before)
 *	qms_tstream_row_begin_class(&ts, NULL);
 *	qms_tstream_cell_begin_span(&ts, true, NULL, 1); ...; qms_tstream_cell_end(&ts);
 *	qms_tstream_row_end(&ts);
 *	qms_tstream_end(&ts);
 *
 * Cell content is the caller's, escaped; class and id are written as they
 * are. The column alignment (align) is not used. */
void qms_tstream_begin_parts(struct qms_tstream *ts, struct qms_buf *out, const char *wrap_class,
			     const char *table_class, const char *id);
void qms_tstream_part(struct qms_tstream *ts, enum qms_tstream_part part);
/* A row of class cls (NULL: none). */
void qms_tstream_row_begin_class(struct qms_tstream *ts, const char *cls);
/* A <th> (head) or <td> of class cls (NULL: none) spanning span columns. */
void qms_tstream_cell_begin_span(struct qms_tstream *ts, bool head, const char *cls, unsigned span);

/* A CSV written row by row, cell by cell: the writer places the commas
 * and the line ends, every cell goes through qms_csv_add_cell(). It
 * appends to a caller-owned buffer and owns nothing.
 *
 *	struct qms_csv c;
 *	qms_csv_init(&c, &buf);
 *	qms_csv_cell(&c, "agency"); qms_csv_cellf(&c, "%zu", n);
 *	qms_csv_end_row(&c);
 */
struct qms_csv {
	struct qms_buf *out;
	size_t col; /* cells written on the current row */
};

void qms_csv_init(struct qms_csv *c, struct qms_buf *out);
void qms_csv_cell(struct qms_csv *c, const char *s); /* NULL is an empty cell */
void qms_csv_cellf(struct qms_csv *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A row of names (a header): NULL-terminated. Ends the row. */
void qms_csv_row(struct qms_csv *c, const char *const *cells);
void qms_csv_end_row(struct qms_csv *c);

/* The UTF-8 byte order mark that CSV files qms writes start with (unless
 * the user asks for none, `--no-bom`): without it, Excel on Windows reads
 * UTF-8 as the ANSI code page and garbles Vietnamese. */
#define QMS_CSV_BOM "\xEF\xBB\xBF"

/* Columns that s[0..n) takes on a terminal or in a table of fixed-width
 * text: combining marks none, wide (East Asian) characters two, others
 * one. The one measure of text width for tables and wrapped labels. */
size_t qms_text_width(const char *s, size_t n);

#endif

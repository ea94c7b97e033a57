/* A document written as it goes, in Markdown or HTML: headings,
 * paragraphs, lists and tables, every string escaped for the format (the
 * HTML text escaper of html.c; in Markdown, the punctuation that could
 * start markup is backslash-escaped and line breaks become spaces). The
 * provincial report is written through it (report-text.c).
 *
 *	struct qms_writer w;
 *	qms_writer_init(&w, &buf, true);
 *	qms_writer_heading(&w, 2, "Appendix %s", "I");
 *	qms_writer_table(&w, "lr", "Agency", "Procedures");
 *	qms_writer_row_begin(&w, false);
 *	qms_writer_cellf(&w, "%s", "Sở A"); qms_writer_cellf(&w, "%d", 3);
 *	qms_writer_row_end(&w);
 *	qms_writer_table_end(&w);
 *
 * Content the caller writes itself between the calls (a link) goes
 * straight to `out`. The writer appends to a caller-owned buffer and owns
 * nothing; it needs no release. */
#ifndef QMS_WRITER_H
#define QMS_WRITER_H

#include <stdarg.h>
#include <stdbool.h>

#include "table.h"
#include "util.h"

struct qms_writer {
	struct qms_buf *out;
	bool html; /* else Markdown */
	struct qms_tstream table; /* the open table */
};

void qms_writer_init(struct qms_writer *w, struct qms_buf *out, bool html);

/* Text, escaped for the format. */
void qms_writer_text(struct qms_writer *w, const char *s);
void qms_writer_printf(struct qms_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void qms_writer_vprintf(struct qms_writer *w, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* A heading of level 1 to 6, its text formatted. */
void qms_writer_heading(struct qms_writer *w, int level, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A paragraph: whole, or opened, written with qms_writer_printf() and
 * closed. */
void qms_writer_para(struct qms_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void qms_writer_para_begin(struct qms_writer *w);
void qms_writer_para_end(struct qms_writer *w);

/* A bulleted list of items. */
void qms_writer_list_begin(struct qms_writer *w);
void qms_writer_list_end(struct qms_writer *w);
void qms_writer_item_begin(struct qms_writer *w);
void qms_writer_item_end(struct qms_writer *w);

/* A table: align holds 'l' or 'r' per column (right: numbers); the
 * header's names follow, one per column. Then rows (a totals row is bold
 * in HTML) of cells, whole (formatted) or opened and closed around what
 * the caller writes, and the end (qms_tstream in table.h). */
void qms_writer_table(struct qms_writer *w, const char *align, ...);
void qms_writer_row_begin(struct qms_writer *w, bool total);
void qms_writer_row_end(struct qms_writer *w);
void qms_writer_cell_begin(struct qms_writer *w);
void qms_writer_cell_end(struct qms_writer *w);
void qms_writer_cellf(struct qms_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void qms_writer_table_end(struct qms_writer *w);

#endif

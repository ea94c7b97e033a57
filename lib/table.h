/* A table of text for people (aligned columns, counting characters, not
 * bytes), Markdown or CSV, built row by row. */
#ifndef QMS_TABLE_H
#define QMS_TABLE_H

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
};

void qms_table_format(struct qms_buf *out, const struct qms_table *t, enum qms_table_format fmt);

/* Columns that s[0..n) takes on a terminal or in a table of fixed-width
 * text: combining marks none, wide (East Asian) characters two, others
 * one. The one measure of text width for tables and wrapped labels. */
size_t qms_text_width(const char *s, size_t n);

#endif

#include "table.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "html.h"

void qms_table_init(struct qms_table *t, const char *const *header)
{
	memset(t, 0, sizeof(*t));
	while (header[t->ncols])
		t->ncols++;
	qms_table_add(t, header);
}

void qms_table_add(struct qms_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = qms_xrealloc(t->cells, t->cap * t->ncols * sizeof(*t->cells));
	}
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = qms_xstrdup(cells[c] ? cells[c] : "");
	t->nrows++;
}

void qms_table_release(struct qms_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

size_t qms_text_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) { /* ASCII: one column (a control character none) */
			w += c >= 0x20 && c != 0x7f;
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t len =
			utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0) { /* not UTF-8: one column per byte, as a terminal shows U+FFFD */
			w++;
			i++;
			continue;
		}
		w += (size_t)utf8proc_charwidth(cp);
		i += (size_t)len;
	}
	return w;
}

static void add_md_cell(struct qms_buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			qms_buf_adds(out, "\\|");
		else if (*s == '\n')
			qms_buf_adds(out, "<br>");
		else
			qms_buf_addc(out, *s);
	}
}

/* -5, 12, 3.5, 0,25: a spreadsheet reads it as a number, never a formula. */
static bool plain_number(const char *s)
{
	const char *p = s + (*s == '-');
	if (*p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	if ((*p == '.' || *p == ',') && p[1] >= '0' && p[1] <= '9')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	return !*p;
}

void qms_csv_add_cell(struct qms_buf *out, const char *s)
{
	struct qms_buf text;
	qms_buf_init(&text);
	size_t lead = strspn(s, " ");
	/* OWASP's rule against formula injection: a cell a spreadsheet would
	 * run as a formula gets a leading single quote, and quotes */
	bool formula = strchr("=+-@\t\r", s[lead]) && s[lead] && !plain_number(s);
	if (formula)
		qms_buf_addc(&text, '\'');
	qms_buf_add_printable(&text, s, strlen(s), true);
	size_t n = text.len;
	bool quote = formula || strpbrk(text.buf, ",\"\n") || (n && (text.buf[0] == ' ' || text.buf[n - 1] == ' '));
	if (!quote) {
		qms_buf_add(out, text.buf, n);
	} else {
		qms_buf_addc(out, '"');
		for (size_t i = 0; i < n; i++) {
			if (text.buf[i] == '"')
				qms_buf_addc(out, '"');
			qms_buf_addc(out, text.buf[i]);
		}
		qms_buf_addc(out, '"');
	}
	qms_buf_release(&text);
}

void qms_csv_init(struct qms_csv *c, struct qms_buf *out)
{
	c->out = out;
	c->col = 0;
}

void qms_csv_cell(struct qms_csv *c, const char *s)
{
	if (c->col++)
		qms_buf_addc(c->out, ',');
	qms_csv_add_cell(c->out, s ? s : "");
}

void qms_csv_cellf(struct qms_csv *c, const char *fmt, ...)
{
	struct qms_buf b;
	qms_buf_init(&b);
	va_list ap;
	va_start(ap, fmt);
	qms_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	qms_csv_cell(c, b.buf);
	qms_buf_release(&b);
}

void qms_csv_end_row(struct qms_csv *c)
{
	qms_buf_addc(c->out, '\n');
	c->col = 0;
}

void qms_csv_row(struct qms_csv *c, const char *const *cells)
{
	for (size_t i = 0; cells[i]; i++)
		qms_csv_cell(c, cells[i]);
	qms_csv_end_row(c);
}

static void format_html(struct qms_buf *out, const struct qms_table *t)
{
	qms_buf_adds(out, "<table>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		qms_buf_adds(out, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			qms_buf_adds(out, r ? "<td>" : "<th>");
			qms_html_add_text(out, t->cells[r * t->ncols + c]);
			qms_buf_adds(out, r ? "</td>" : "</th>");
		}
		qms_buf_adds(out, "</tr>\n");
	}
	qms_buf_adds(out, "</table>\n");
}

void qms_table_format(struct qms_buf *out, const struct qms_table *t, enum qms_table_format fmt)
{
	if (fmt == QMS_TABLE_HTML) {
		format_html(out, t);
		return;
	}
	size_t ncells = t->nrows * t->ncols;
	/* text for people: what could drive a terminal is made visible
	 * first, so that the widths are those shown */
	char **shown = qms_xcalloc(ncells ? ncells : 1, sizeof(*shown));
	for (size_t i = 0; i < ncells && fmt != QMS_TABLE_CSV; i++) {
		struct qms_buf b;
		qms_buf_init(&b);
		qms_buf_add_printable(&b, t->cells[i], strlen(t->cells[i]), fmt == QMS_TABLE_MD);
		shown[i] = qms_buf_detach(&b);
	}
	size_t *width = qms_xcalloc(t->ncols, sizeof(*width));
	for (size_t r = 0; r < t->nrows && fmt == QMS_TABLE_TEXT; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t w = qms_text_width(shown[r * t->ncols + c], strlen(shown[r * t->ncols + c]));
			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *cell = fmt == QMS_TABLE_CSV ? t->cells[r * t->ncols + c] : shown[r * t->ncols + c];
			switch (fmt) {
			case QMS_TABLE_TEXT:
				qms_buf_adds(out, cell);
				if (c + 1 < t->ncols)
					for (size_t k = qms_text_width(cell, strlen(cell)); k < width[c] + 2; k++)
						qms_buf_addc(out, ' ');
				break;
			case QMS_TABLE_MD:
				qms_buf_adds(out, c ? " | " : "| ");
				add_md_cell(out, cell);
				if (c + 1 == t->ncols)
					qms_buf_adds(out, " |");
				break;
			case QMS_TABLE_CSV:
				if (c)
					qms_buf_addc(out, ',');
				qms_csv_add_cell(out, cell);
				break;
			case QMS_TABLE_HTML: /* format_html() */ break;
			}
		}
		if (fmt == QMS_TABLE_TEXT)
			while (out->len && out->buf[out->len - 1] == ' ')
				out->buf[--out->len] = '\0';
		qms_buf_addc(out, '\n');
		if (r == 0 && fmt == QMS_TABLE_MD) {
			for (size_t c = 0; c < t->ncols; c++)
				qms_buf_adds(out, c ? "---|" : "|---|");
			qms_buf_addc(out, '\n');
		}
	}
	free(width);
	for (size_t i = 0; i < ncells; i++)
		free(shown[i]);
	free(shown);
}

/* ---- a table written as it goes ---- */

static const char *const part_tags[] = {"thead", "tbody", "tfoot"};

/* <div class="wrap"> (none when NULL), <table class id>, a line end. */
static void open_table(struct qms_tstream *ts, struct qms_buf *out, const char *wrap_class, const char *table_class,
		       const char *id)
{
	memset(ts, 0, sizeof(*ts));
	ts->out = out;
	ts->html = true;
	ts->align = "";
	ts->wrapped = wrap_class != NULL;
	if (wrap_class)
		qms_buf_printf(out, "<div class=\"%s\">", wrap_class);
	qms_buf_adds(out, "<table");
	if (table_class)
		qms_buf_printf(out, " class=\"%s\"", table_class);
	if (id)
		qms_buf_printf(out, " id=\"%s\"", id);
	qms_buf_adds(out, ">\n");
}

static void open_cell(struct qms_tstream *ts, bool head, const char *cls, unsigned span)
{
	qms_buf_adds(ts->out, head ? "<th" : "<td");
	if (cls)
		qms_buf_printf(ts->out, " class=\"%s\"", cls);
	if (span > 1)
		qms_buf_printf(ts->out, " colspan=\"%u\"", span);
	qms_buf_adds(ts->out, ">");
	ts->th = head;
}

void qms_tstream_begin(struct qms_tstream *ts, struct qms_buf *out, enum qms_table_format fmt, const char *align)
{
	if (fmt == QMS_TABLE_HTML) {
		qms_tstream_begin_html(ts, out, align, "table-wrap", NULL);
		return;
	}
	memset(ts, 0, sizeof(*ts));
	ts->out = out;
	ts->head = true;
	ts->align = align;
}

void qms_tstream_begin_html(struct qms_tstream *ts, struct qms_buf *out, const char *align, const char *wrap_class,
			    const char *table_class)
{
	open_table(ts, out, wrap_class, table_class, NULL);
	ts->head = true;
	ts->align = align;
	qms_tstream_part(ts, QMS_TSTREAM_HEAD);
	qms_buf_adds(out, "<tr>");
}

void qms_tstream_begin_parts(struct qms_tstream *ts, struct qms_buf *out, const char *wrap_class,
			     const char *table_class, const char *id)
{
	open_table(ts, out, wrap_class, table_class, id);
}

void qms_tstream_part(struct qms_tstream *ts, enum qms_tstream_part part)
{
	if (ts->part_open)
		qms_buf_printf(ts->out, "</%s>\n", part_tags[ts->part]);
	qms_buf_printf(ts->out, "<%s>%s", part_tags[part], part == QMS_TSTREAM_BODY ? "\n" : "");
	ts->part = part;
	ts->part_open = true;
}

static bool right(const struct qms_tstream *ts)
{
	return ts->col < strlen(ts->align) && ts->align[ts->col] == 'r';
}

void qms_tstream_cell_begin(struct qms_tstream *ts)
{
	if (!ts->html)
		qms_buf_adds(ts->out, "| ");
	else
		open_cell(ts, ts->head, right(ts) ? "num" : NULL, 1);
}

void qms_tstream_cell_begin_class(struct qms_tstream *ts, const char *cls)
{
	if (ts->html && !ts->head && cls)
		open_cell(ts, false, cls, 1);
	else
		qms_tstream_cell_begin(ts);
}

void qms_tstream_cell_begin_span(struct qms_tstream *ts, bool head, const char *cls, unsigned span)
{
	open_cell(ts, head, cls, span);
}

void qms_tstream_cell_end(struct qms_tstream *ts)
{
	if (!ts->html)
		qms_buf_addc(ts->out, ' ');
	else
		qms_buf_adds(ts->out, ts->th ? "</th>" : "</td>");
	ts->col++;
}

void qms_tstream_head_end(struct qms_tstream *ts)
{
	ts->head = false;
	if (ts->html) {
		qms_buf_adds(ts->out, "</tr></thead>\n<tbody>\n");
		ts->part = QMS_TSTREAM_BODY;
		return;
	}
	qms_buf_adds(ts->out, "|\n");
	for (const char *a = ts->align; *a; a++)
		qms_buf_adds(ts->out, *a == 'r' ? "|---:" : "|---");
	qms_buf_adds(ts->out, "|\n");
}

void qms_tstream_row_begin(struct qms_tstream *ts, bool total)
{
	qms_tstream_row_begin_class(ts, total ? "total" : NULL);
}

void qms_tstream_row_begin_class(struct qms_tstream *ts, const char *cls)
{
	ts->col = 0;
	if (!ts->html)
		return;
	qms_buf_adds(ts->out, "<tr");
	if (cls)
		qms_buf_printf(ts->out, " class=\"%s\"", cls);
	qms_buf_adds(ts->out, ">");
}

void qms_tstream_row_begin_id(struct qms_tstream *ts, const char *id)
{
	ts->col = 0;
	if (ts->html)
		qms_buf_printf(ts->out, "<tr id=\"%s\">", id);
}

void qms_tstream_row_end(struct qms_tstream *ts)
{
	qms_buf_adds(ts->out, ts->html ? "</tr>\n" : "|\n");
}

void qms_tstream_end(struct qms_tstream *ts)
{
	if (!ts->html) {
		qms_buf_adds(ts->out, "\n");
		return;
	}
	if (ts->part_open)
		qms_buf_printf(ts->out, "</%s>\n", part_tags[ts->part]);
	ts->part_open = false;
	qms_buf_adds(ts->out, ts->wrapped ? "</table></div>\n" : "</table>\n");
}

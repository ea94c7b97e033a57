#include "table.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "html.h"

static void format_html(struct qms_buf *out, const struct qms_table *t);

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
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
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
			const char *cell = fmt == QMS_TABLE_CSV ? t->cells[r * t->ncols + c]
								: shown[r * t->ncols + c];
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
			case QMS_TABLE_HTML: /* format_html() */
				break;
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

void qms_table_html_begin(struct qms_table_html *t, struct qms_buf *out, const char *wrap, const char *cls)
{
	memset(t, 0, sizeof(*t));
	t->out = out;
	t->wrapped = wrap != NULL;
	if (wrap)
		qms_buf_printf(out, "<div class=\"%s\">", wrap);
	qms_buf_adds(out, "<table");
	if (cls)
		qms_buf_printf(out, " class=\"%s\"", cls);
	qms_buf_adds(out, ">\n");
}

void qms_table_html_head(struct qms_table_html *t, const char *const *names, const char *align)
{
	size_t nalign = align ? strlen(align) : 0;
	qms_buf_adds(t->out, "<thead><tr>");
	for (size_t i = 0; names[i]; i++) {
		qms_buf_adds(t->out, i < nalign && align[i] == 'r' ? "<th class=\"num\">" : "<th>");
		qms_html_add_text(t->out, names[i]);
		qms_buf_adds(t->out, "</th>");
	}
	qms_buf_adds(t->out, "</tr></thead>\n<tbody>\n");
}

static void html_row_end(struct qms_table_html *t)
{
	if (t->in_cell)
		qms_buf_adds(t->out, "</td>");
	if (t->in_row)
		qms_buf_adds(t->out, "</tr>\n");
	t->in_row = t->in_cell = false;
}

void qms_table_html_row(struct qms_table_html *t, const char *id, const char *cls)
{
	html_row_end(t);
	qms_buf_adds(t->out, "<tr");
	if (id)
		qms_buf_printf(t->out, " id=\"%s\"", id);
	if (cls)
		qms_buf_printf(t->out, " class=\"%s\"", cls);
	qms_buf_adds(t->out, ">");
	t->in_row = true;
}

void qms_table_html_cell(struct qms_table_html *t, const char *cls)
{
	if (t->in_cell)
		qms_buf_adds(t->out, "</td>");
	if (cls)
		qms_buf_printf(t->out, "<td class=\"%s\">", cls);
	else
		qms_buf_adds(t->out, "<td>");
	t->in_cell = true;
}

void qms_table_html_text(struct qms_table_html *t, const char *cls, const char *text)
{
	qms_table_html_cell(t, cls);
	qms_html_add_text(t->out, text ? text : "");
}

void qms_table_html_textf(struct qms_table_html *t, const char *cls, const char *fmt, ...)
{
	qms_table_html_cell(t, cls);
	va_list ap;
	va_start(ap, fmt);
	qms_html_vprintf(t->out, fmt, ap);
	va_end(ap);
}

void qms_table_html_end(struct qms_table_html *t)
{
	html_row_end(t);
	qms_buf_adds(t->out, t->wrapped ? "</tbody>\n</table></div>\n" : "</tbody>\n</table>\n");
}

/* The table as HTML: qms_table_format(QMS_TABLE_HTML). */
static void format_html(struct qms_buf *out, const struct qms_table *t)
{
	struct qms_table_html h;
	qms_table_html_begin(&h, out, "table-wrap", NULL);
	const char **head = qms_xcalloc(t->ncols + 1, sizeof(*head));
	for (size_t c = 0; c < t->ncols; c++)
		head[c] = t->cells[c];
	qms_table_html_head(&h, head, NULL);
	free(head);
	for (size_t r = 1; r < t->nrows; r++) {
		qms_table_html_row(&h, NULL, NULL);
		for (size_t c = 0; c < t->ncols; c++)
			qms_table_html_text(&h, NULL, t->cells[r * t->ncols + c]);
	}
	qms_table_html_end(&h);
}

#include "writer.h"

#include <string.h>

#include "html.h"

void qms_writer_init(struct qms_writer *w, struct qms_buf *out, bool html)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->html = html;
}

/* Markdown: the punctuation that could start markup is backslash-escaped
 * (CommonMark shows it as itself), `&` only where it would start an
 * entity; line breaks become spaces (every string sits in a line). */
static void md_text(struct qms_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r' || c == '\t') {
			qms_buf_addc(b, ' ');
		} else if (c < 0x20 || c == 0x7f) {
			qms_buf_adds(b, "\xef\xbf\xbd");
		} else if (strchr("\\`*_[]<>|#~", (int)c)) {
			qms_buf_addc(b, '\\');
			qms_buf_addc(b, (char)c);
		} else if (c == '&') {
			size_t k = i + 1;
			while (k < n && s[k] &&
			       (s[k] == '#' || (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
				(s[k] >= '0' && s[k] <= '9')))
				k++;
			if (k > i + 1 && k < n && s[k] == ';')
				qms_buf_addc(b, '\\');
			qms_buf_addc(b, '&');
		} else {
			qms_buf_addc(b, (char)c);
		}
	}
}

void qms_writer_text(struct qms_writer *w, const char *s)
{
	if (w->html)
		qms_html_add_text(w->out, s);
	else
		md_text(w->out, s, strlen(s));
}

void qms_writer_vprintf(struct qms_writer *w, const char *fmt, va_list ap)
{
	struct qms_buf t;
	qms_buf_init(&t);
	qms_buf_vprintf(&t, fmt, ap);
	qms_writer_text(w, t.buf);
	qms_buf_release(&t);
}

void qms_writer_printf(struct qms_writer *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qms_writer_vprintf(w, fmt, ap);
	va_end(ap);
}

void qms_writer_heading(struct qms_writer *w, int level, const char *fmt, ...)
{
	if (w->html)
		qms_buf_printf(w->out, "<h%d>", level);
	else
		qms_buf_printf(w->out, "%.*s ", level, "######");
	va_list ap;
	va_start(ap, fmt);
	qms_writer_vprintf(w, fmt, ap);
	va_end(ap);
	if (w->html)
		qms_buf_printf(w->out, "</h%d>\n", level);
	else
		qms_buf_adds(w->out, "\n\n");
}

void qms_writer_para_begin(struct qms_writer *w)
{
	if (w->html)
		qms_buf_adds(w->out, "<p>");
}

void qms_writer_para_end(struct qms_writer *w)
{
	qms_buf_adds(w->out, w->html ? "</p>\n" : "\n\n");
}

/* Formatted text between an opening and a closing. */
static void framed(struct qms_writer *w, void (*begin)(struct qms_writer *), void (*end)(struct qms_writer *),
		   const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));
static void framed(struct qms_writer *w, void (*begin)(struct qms_writer *), void (*end)(struct qms_writer *),
		   const char *fmt, va_list ap)
{
	begin(w);
	qms_writer_vprintf(w, fmt, ap);
	end(w);
}

void qms_writer_para(struct qms_writer *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	framed(w, qms_writer_para_begin, qms_writer_para_end, fmt, ap);
	va_end(ap);
}

void qms_writer_list_begin(struct qms_writer *w)
{
	if (w->html)
		qms_buf_adds(w->out, "<ul>\n");
}

void qms_writer_list_end(struct qms_writer *w)
{
	qms_buf_adds(w->out, w->html ? "</ul>\n" : "\n");
}

void qms_writer_item_begin(struct qms_writer *w)
{
	qms_buf_adds(w->out, w->html ? "<li>" : "- ");
}

void qms_writer_item_end(struct qms_writer *w)
{
	qms_buf_adds(w->out, w->html ? "</li>\n" : "\n");
}

void qms_writer_table(struct qms_writer *w, const char *align, ...)
{
	qms_tstream_begin(&w->table, w->out, w->html ? QMS_TABLE_HTML : QMS_TABLE_MD, align);
	va_list ap;
	va_start(ap, align);
	for (size_t i = 0; align[i]; i++) {
		qms_tstream_cell_begin(&w->table);
		qms_writer_text(w, va_arg(ap, const char *));
		qms_tstream_cell_end(&w->table);
	}
	va_end(ap);
	qms_tstream_head_end(&w->table);
}

void qms_writer_row_begin(struct qms_writer *w, bool total)
{
	qms_tstream_row_begin(&w->table, total);
}

void qms_writer_row_end(struct qms_writer *w)
{
	qms_tstream_row_end(&w->table);
}

void qms_writer_cell_begin(struct qms_writer *w)
{
	qms_tstream_cell_begin(&w->table);
}

void qms_writer_cell_end(struct qms_writer *w)
{
	qms_tstream_cell_end(&w->table);
}

void qms_writer_cellf(struct qms_writer *w, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	framed(w, qms_writer_cell_begin, qms_writer_cell_end, fmt, ap);
	va_end(ap);
}

void qms_writer_table_end(struct qms_writer *w)
{
	qms_tstream_end(&w->table);
}

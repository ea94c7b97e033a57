/* What the files of the static site share (internal to site*.c; see
 * site.h for the site itself):
 *
 *   site.c            the skeleton: folder, diagrams, assets, index, swap
 *   site-page.c       the parts every page has: frame, links, badges,
 *                     inline diagrams, findings table, check section
 *   site-agency.c     agencies/<id>.html
 *   site-procedure.c  procedures/<code>.html
 *
 * The small helpers are inline here: they format into the ring of the
 * site (struct site), so their results live for QMS_RING_LEN calls. */
#ifndef QMS_SITE_INTERNAL_H
#define QMS_SITE_INTERNAL_H

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "html.h"
#include "i18n.h"
#include "report.h"
#include "site.h"
#include "site-dir.h"
#include "table.h"
#include "util.h"

struct site {
	const struct qms_report *r;
	const struct qms_dir *out; /* the new site's folder (a stage) */
	enum qms_lang lang;
	struct qms_strlist files; /* written, relative to out */
	struct qms_site_result *res;
	bool *has_diagram; /* per procedure */
	bool *has_map; /* per agency */
	struct qms_ring ring; /* what slot() hands out */
	struct qms_buf tmp;
	char cwd[PATH_MAX];
	struct qms_site_memo *memo; /* opt->memo */
	bool in_place; /* out is the site folder itself (site-memo.h) */
	struct qms_site_deps *deps; /* what pages the memo may keep (site-deps.c), or NULL */
};

/* ---- small things ---- */

/* msgid (marked with N_() where it is written) in the language of the
 * site, which can differ from the process's: qms_tr() of po/vi.po. */
static inline const char *tr(const struct site *s, const char *msgid) __attribute__((format_arg(2)));
static inline const char *tr(const struct site *s, const char *msgid)
{
	return qms_tr(s->lang, msgid);
}

/* The msgids of names (NULL-terminated, marked with N_()) translated
 * into out, which has room for as many and the NULL. */
static inline void tr_all(const struct site *s, const char **out, const char *const *names)
{
	size_t i = 0;
	for (; names[i]; i++)
		out[i] = tr(s, names[i]);
	out[i] = NULL;
}

static inline const char *slot(struct site *s)
{
	return qms_ring_take(&s->ring, &s->tmp);
}

/* A date as the report writes it; "" for none. */
static inline const char *D(struct site *s, int32_t d)
{
	if (d < 0)
		return "";
	qms_report_add_date(&s->tmp, d, s->lang, false);
	return slot(s);
}

static inline const char *N(struct site *s, size_t n)
{
	qms_report_add_count(&s->tmp, n, s->lang);
	return slot(s);
}

static inline const char *P(struct site *s, int tenths)
{
	qms_report_add_percent(&s->tmp, tenths, s->lang);
	return slot(s);
}

static inline void esc(struct qms_buf *b, const char *t)
{
	qms_html_add_text(b, t ? t : "");
}

/* qms_html_printf() */
/* `<section id="ID" class="CLS">` (no class when NULL) and its heading. */
static inline void section_begin(struct qms_buf *b, const char *id, const char *cls, const char *title)
{
	qms_buf_printf(b, "<section id=\"%s\"", id);
	if (cls)
		qms_buf_printf(b, " class=\"%s\"", cls);
	qms_buf_adds(b, ">\n<h2>");
	esc(b, title);
	qms_buf_adds(b, "</h2>\n");
}

/* A paragraph of plain text. */
static inline void para(struct qms_buf *b, const char *text)
{
	qms_buf_adds(b, "<p>");
	esc(b, text);
	qms_buf_adds(b, "</p>\n");
}

static inline void escf(struct qms_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline void escf(struct qms_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qms_html_vprintf(b, fmt, ap);
	va_end(ap);
}

/* ---- site-page.c ---- */

/* prefix + the page name of id + ".html" */
void qms_site_page_link(struct qms_buf *b, const char *prefix, const char *id);
/* <a> to the page of agency i (its short name or its name) */
void qms_site_agency_link(struct site *s, struct qms_buf *b, size_t i, const char *prefix, bool short_name);
/* <a> to the page of procedure i; its code alone when it has no page */
void qms_site_proc_link(struct site *s, struct qms_buf *b, size_t i, const char *prefix);
/* The procedure of code (not a duplicate), or SIZE_MAX. */
size_t qms_site_find_proc(const struct qms_report *r, const char *code);
void qms_site_status_badge(struct site *s, struct qms_buf *b, const struct qms_report_agency *a);
/* The class of a finding's badge, by grade (4 of them). */
extern const char *const qms_site_grade_class[];

/* The page frame: head, top bar, <main> (of class main_class, or none),
 * then the footer. root leads from the page to the top of the site. */
void qms_site_page_begin(struct site *s, struct qms_buf *b, const char *root, const char *title,
			 const char *main_class);
void qms_site_page_end(struct site *s, struct qms_buf *b);
/* The diagram diagrams/<file> inline, or as an image when it cannot be
 * inlined safely; its links to procedures lead to proc_prefix. */
void qms_site_add_diagram(struct site *s, struct qms_buf *b, const char *file, const char *root,
			  const char *proc_prefix, const char *label);
/* The findings table of an audit (procedure SIZE_MAX: agency page) or of
 * a procedure (audit ignored: procedure page). */
void qms_site_findings_table(struct site *s, struct qms_buf *b, size_t audit, size_t procedure,
			     const char *proc_prefix);
/* The check's diagnostics of an agency's files (proc_path NULL) or of
 * one procedure file. */
void qms_site_diags_section(struct site *s, struct qms_buf *b, const char *agency_id, const char *proc_path);

/* A table of a page, through table.c's qms_tstream: the head from
 * NULL-terminated names (escaped; align 'r': a column of numbers), then
 * rows and cells that close the ones before them. Cell content goes to
 * the page's buffer, escaped by the caller, or escaped by
 * qms_site_text(). */
struct qms_site_table {
	struct qms_tstream ts;
	bool in_row, in_cell;
};

void qms_site_table_begin(struct qms_site_table *t, struct qms_buf *b, const char *wrap_class, const char *table_class,
			  const char *const *names, const char *align);
/* A row; id its id or NULL. */
void qms_site_row(struct qms_site_table *t, const char *id);
/* A cell of class cls (NULL: by the column's alignment). */
void qms_site_cell(struct qms_site_table *t, const char *cls);
void qms_site_text(struct qms_site_table *t, const char *cls, const char *text);
void qms_site_textf(struct qms_site_table *t, const char *cls, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void qms_site_table_end(struct qms_site_table *t);

/* ---- site-deps.c: the pages qms serve keeps ---- */

/* With a memo, after the diagrams are made: which pages may be kept. */
void qms_site_deps_begin(struct site *s);
void qms_site_deps_end(struct site *s);
/* Whether the page rel of procedure i (agency ai) is in place from the
 * last build, made from the same files: then it counts as written. */
bool qms_site_keep_procedure(struct site *s, size_t i, const char *rel);
bool qms_site_keep_agency(struct site *s, size_t ai, const char *rel);
/* qms_render_request.unchanged, ctx the site */
bool qms_site_diagram_unchanged(const char *source, void *ctx);

/* ---- the pages ---- */

/* agencies/<id>.html of agency ai into b (site-agency.c) */
void qms_site_write_agency(struct site *s, struct qms_buf *b, size_t ai);
/* procedures/<code>.html of procedure pi into b (site-procedure.c) */
void qms_site_write_procedure(struct site *s, struct qms_buf *b, size_t pi);

#endif

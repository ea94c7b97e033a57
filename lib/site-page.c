/* The parts every page of the static site has: the frame, links, badges,
 * inline diagrams, the findings table and the check section. */
#include "site-internal.h"
#include "site-memo.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "procdoc.h"
#include "values.h"

void qms_site_page_link(struct qms_buf *b, const char *prefix, const char *id)
{
	qms_buf_adds(b, prefix);
	qms_html_add_page_name(b, id);
	qms_buf_adds(b, ".html");
}

void qms_site_agency_link(struct site *s, struct qms_buf *b, size_t i, const char *prefix, bool short_name)
{
	const struct qms_report_agency *a = &s->r->agencies[i];
	qms_buf_adds(b, "<a href=\"");
	qms_site_page_link(b, prefix, a->id);
	qms_buf_adds(b, "\">");
	esc(b, short_name ? a->short_name : a->name);
	qms_buf_adds(b, "</a>");
}

void qms_site_proc_link(struct site *s, struct qms_buf *b, size_t i, const char *prefix)
{
	const struct qms_report_procedure *p = &s->r->procedures[i];
	if (p->duplicate || !*p->code) {
		esc(b, *p->code ? p->code : "?");
		return;
	}
	qms_buf_adds(b, "<a href=\"");
	qms_site_page_link(b, prefix, p->code);
	qms_buf_adds(b, "\">");
	esc(b, p->code);
	qms_buf_adds(b, "</a>");
}

size_t qms_site_find_proc(const struct qms_report *r, const char *code)
{
	for (size_t i = 0; i < r->nprocedures; i++)
		if (!r->procedures[i].duplicate && !strcmp(r->procedures[i].code, code))
			return i;
	return SIZE_MAX;
}

static const char *status_class(enum qms_status st)
{
	return qms_status_names[st];
}

void qms_site_status_badge(struct site *s, struct qms_buf *b, const struct qms_report_agency *a)
{
	if (!a->tracked) {
		qms_buf_adds(b, "<span class=\"badge\">");
		esc(b, tr(s, N_("not tracked")));
		qms_buf_adds(b, "</span>");
		return;
	}
	qms_buf_printf(b, "<span class=\"badge %s\">", status_class(a->status.status));
	esc(b, qms_status_label(a->status.status, s->lang));
	qms_buf_adds(b, "</span>");
}

const char *const qms_site_grade_class[] = {"major", "minor", "observation", "improvement"};

static void grade_badge(struct site *s, struct qms_buf *b, int grade)
{
	qms_buf_printf(b, "<span class=\"badge %s\">", grade >= 0 && grade < 4 ? qms_site_grade_class[grade] : "");
	esc(b, qms_grade_label(grade, s->lang));
	qms_buf_adds(b, "</span>");
}

/* ---- pages ---- */

/* ---- tables ---- */

void qms_site_table_begin(struct qms_site_table *t, struct qms_buf *b, const char *wrap_class, const char *table_class,
			  const char *const *names, const char *align)
{
	memset(t, 0, sizeof(*t));
	qms_tstream_begin_html(&t->ts, b, align, wrap_class, table_class);
	for (size_t i = 0; names[i]; i++) {
		qms_tstream_cell_begin(&t->ts);
		esc(b, names[i]);
		qms_tstream_cell_end(&t->ts);
	}
	qms_tstream_head_end(&t->ts);
}

static void close_row(struct qms_site_table *t)
{
	if (t->in_cell)
		qms_tstream_cell_end(&t->ts);
	if (t->in_row)
		qms_tstream_row_end(&t->ts);
	t->in_row = t->in_cell = false;
}

void qms_site_row(struct qms_site_table *t, const char *id)
{
	close_row(t);
	if (id)
		qms_tstream_row_begin_id(&t->ts, id);
	else
		qms_tstream_row_begin(&t->ts, false);
	t->in_row = true;
}

void qms_site_cell(struct qms_site_table *t, const char *cls)
{
	if (t->in_cell)
		qms_tstream_cell_end(&t->ts);
	qms_tstream_cell_begin_class(&t->ts, cls);
	t->in_cell = true;
}

void qms_site_text(struct qms_site_table *t, const char *cls, const char *text)
{
	qms_site_cell(t, cls);
	esc(t->ts.out, text);
}

void qms_site_textf(struct qms_site_table *t, const char *cls, const char *fmt, ...)
{
	qms_site_cell(t, cls);
	va_list ap;
	va_start(ap, fmt);
	qms_html_vprintf(t->ts.out, fmt, ap);
	va_end(ap);
}

void qms_site_table_end(struct qms_site_table *t)
{
	close_row(t);
	qms_tstream_end(&t->ts);
}

void qms_site_page_begin(struct site *s, struct qms_buf *b, const char *root, const char *title, const char *main_class)
{
	qms_buf_printf(b,
		       "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		       s->lang == QMS_LANG_VI ? "vi" : "en");
	esc(b, title);
	qms_buf_printf(b, "</title>\n<link rel=\"stylesheet\" href=\"%sstyle.css\">\n</head>\n<body>\n", root);
	qms_buf_printf(b, "<header class=\"topbar\"><a href=\"%sindex.html\">", root);
	escf(b, "%s%sISO 9001:2015", s->r->workspace, *s->r->workspace ? " · " : "");
	qms_buf_adds(b, "</a><span class=\"where\">");
	escf(b, tr(s, N_("As of %s")), D(s, s->r->as_of));
	qms_buf_printf(b, "</span></header>\n<main%s%s%s>\n", main_class ? " class=\"" : "",
		       main_class ? main_class : "", main_class ? "\"" : "");
}

void qms_site_page_end(struct site *s, struct qms_buf *b)
{
	qms_buf_adds(b, "</main>\n<footer class=\"site\">");
	escf(b, tr(s, N_("Made by qms from the YAML files of the workspace; figures as of %s.")), D(s, s->r->as_of));
	qms_buf_adds(b, "</footer>\n</body>\n</html>\n");
}

/* ---- inline diagrams ---- */

struct link_ctx {
	struct site *s;
	const char *prefix; /* from the page to procedures/ */
};

/* "STP-QT-02.svg" (or "../STP-QT-02.svg" from a map) -> the page of
 * STP-QT-02. */
static int diagram_link(struct qms_buf *out, const char *href, void *ctx)
{
	const struct link_ctx *c = ctx;
	if (!strncmp(href, "../", 3))
		href += 3;
	size_t n = strlen(href);
	if (n < 5 || strcmp(href + n - 4, ".svg") || strchr(href, '/') || strchr(href, ':'))
		return -1;
	char *code = qms_xstrndup(href, n - 4);
	size_t i = qms_site_find_proc(c->s->r, code);
	if (i != SIZE_MAX)
		qms_site_page_link(out, c->prefix, code);
	free(code);
	return i == SIZE_MAX ? -1 : 0;
}

/* The diagram diagrams/<file> inline, or as an image when it cannot be
 * inlined safely. */
void qms_site_add_diagram(struct site *s, struct qms_buf *b, const char *file, const char *root,
			  const char *proc_prefix, const char *label)
{
	char *rel = qms_path_join("diagrams", file);
	struct qms_buf svg;
	qms_buf_init(&svg);
	char *err = NULL;
	struct link_ctx lc = {s, proc_prefix};
	/* qms serve: the same diagram on the same site inlines the same way,
	 * from the memo's copy */
	int kept = s->memo ? qms_site_memo_add_svg(s->memo, b, rel, file, label, proc_prefix, diagram_link, &lc) : 1;
	bool inlined = kept == 0 || (kept > 0 && qms_dir_read(s->out, rel, &svg, &err) == 0 &&
				     qms_html_add_svg(b, svg.buf, svg.len, label, "diagram", diagram_link, &lc) == 0);
	if (!inlined) {
		qms_buf_printf(b, "<img class=\"diagram\" src=\"%s", root);
		esc(b, rel);
		qms_buf_adds(b, "\" alt=\"");
		esc(b, label);
		qms_buf_adds(b, "\">");
	}
	free(err);
	qms_buf_release(&svg);
	free(rel);
}

static void finding_status(struct site *s, struct qms_buf *b, const struct qms_report_finding *f)
{
	const struct qms_finding *fd = f->finding;
	switch (f->state) {
	case QMS_ACTION_NONE: esc(b, qms_action_state_label(f->state, s->lang)); break;
	case QMS_ACTION_OPEN: esc(b, qms_action_state_label(f->state, s->lang)); break;
	case QMS_ACTION_OVERDUE:
		qms_buf_adds(b, "<span class=\"badge overdue\">");
		escf(b, tr(s, N_("%d days overdue")), (int)f->days_overdue);
		qms_buf_adds(b, "</span>");
		break;
	case QMS_ACTION_UNVERIFIED: escf(b, tr(s, N_("Closed %s, not verified")), D(s, fd->closed.date)); break;
	case QMS_ACTION_VERIFIED:
		escf(b, tr(s, N_("Closed %s, verified %s")), D(s, fd->closed.date), D(s, fd->verified.date));
		break;
	default: break;
	}
}

/* The step of a finding: "B3 Thẩm định hồ sơ" as the procedure's page
 * and diagram number it, else the id the tracker gives. */
static void finding_step(struct site *s, struct qms_buf *b, const struct qms_report_finding *f)
{
	const char *id = f->finding->step.text;
	if (!id)
		return;
	const struct qms_process *p = f->procedure != SIZE_MAX ? s->r->procedures[f->procedure].process : NULL;
	size_t k = p ? qms_procdoc_step_index(p, id) : SIZE_MAX;
	if (k == SIZE_MAX) {
		esc(b, id);
		return;
	}
	const struct qms_step *st = &((const struct qms_step *)p->steps.items)[k];
	int *num = qms_procdoc_step_numbers(p);
	if (num[k])
		escf(b, "B%d ", num[k]);
	free(num);
	esc(b, st->name.text ? st->name.text : id);
}

/* The cause and the corrective action of a finding, and who owns it. */
static void finding_action(struct qms_buf *b, const struct qms_finding *fd)
{
	if (fd->cause.text) {
		esc(b, fd->cause.text);
		if (fd->action.text)
			qms_buf_adds(b, "<br>");
	}
	if (fd->action.text) {
		qms_buf_adds(b, "<strong>→</strong> ");
		esc(b, fd->action.text);
	}
	if (fd->owner.text) {
		qms_buf_adds(b, "<br><span class=\"muted\">");
		esc(b, fd->owner.text);
		qms_buf_adds(b, "</span>");
	}
}

/* One row of the findings table: finding i of the report. */
static void finding_row(struct site *s, struct qms_site_table *t, size_t i, bool for_proc, const char *proc_prefix)
{
	const struct qms_report *r = s->r;
	const struct qms_report_finding *f = &r->findings[i];
	const struct qms_finding *fd = f->finding;
	struct qms_buf *b = t->ts.out;
	char id[40];
	snprintf(id, sizeof(id), "finding-%zu", i);
	qms_site_row(t, id);
	if (for_proc) {
		const struct qms_audit *au = r->audits[f->audit].audit;
		qms_site_cell(t, NULL);
		qms_site_agency_link(s, b, f->agency, "../agencies/", true);
		qms_buf_adds(b, "<br>");
		escf(b, "%s, %s", au->id.text ? au->id.text : "?", D(s, au->date.date));
	}
	qms_site_text(t, "nowrap", fd->id.text ? fd->id.text : "?");
	qms_buf_adds(b, "<br>");
	grade_badge(s, b, f->grade);
	qms_site_text(t, NULL, fd->clause.text);
	qms_site_cell(t, NULL);
	if (!for_proc && fd->process.text) {
		if (f->procedure != SIZE_MAX)
			qms_site_proc_link(s, b, f->procedure, proc_prefix);
		else
			esc(b, fd->process.text);
		if (fd->step.text)
			qms_buf_adds(b, "<br>");
	}
	finding_step(s, b, f);
	qms_site_text(t, NULL, fd->text.text);
	qms_site_cell(t, NULL);
	finding_action(b, fd);
	qms_site_text(t, "nowrap", fd->due.text ? D(s, fd->due.date) : "");
	qms_site_cell(t, NULL);
	finding_status(s, b, f);
}

/* The findings table of an audit (agency page) or of a procedure
 * (procedure page: audit given per row). */
void qms_site_findings_table(struct site *s, struct qms_buf *b, size_t audit, size_t procedure, const char *proc_prefix)
{
	const struct qms_report *r = s->r;
	bool for_proc = procedure != SIZE_MAX;
	const char *const names[] = {N_("Agency, audit"),
				     N_("Finding"),
				     N_("Clause"),
				     for_proc ? N_("Step") : N_("Procedure, step"),
				     N_("Finding text"),
				     N_("Cause, corrective action"),
				     N_("Due"),
				     N_("Status"),
				     NULL};
	const char *head[sizeof(names) / sizeof(names[0])];
	tr_all(s, head, names);
	struct qms_site_table t;
	/* the agency and the audit only on the procedure's page */
	qms_site_table_begin(&t, b, "table-wrap findings", NULL, head + !for_proc, "");
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct qms_report_finding *f = &r->findings[i];
		if (for_proc ? f->procedure == procedure : f->audit == audit)
			finding_row(s, &t, i, for_proc, proc_prefix);
	}
	qms_site_table_end(&t);
}

/* The path of diagnostic file `file` (as displayed) relative to the
 * workspace root, in out; false when it is outside. */
static bool rel_to_root(struct site *s, struct qms_buf *out, const char *file)
{
	struct qms_buf abs;
	qms_buf_init(&abs);
	if (file[0] != '/') {
		qms_buf_adds(&abs, s->cwd);
		qms_buf_addc(&abs, '/');
	}
	qms_buf_adds(&abs, file);
	size_t n = strlen(s->r->root);
	bool in = !strncmp(abs.buf, s->r->root, n) && abs.buf[n] == '/';
	if (in)
		qms_buf_adds(out, abs.buf + n + 1);
	qms_buf_release(&abs);
	return in;
}

void qms_site_diags_section(struct site *s, struct qms_buf *b, const char *agency_id, const char *proc_path)
{
	const struct qms_diags *d = &s->r->check.diags;
	struct qms_buf line, rel, id;
	qms_buf_init(&line);
	qms_buf_init(&rel);
	qms_buf_init(&id);
	size_t n = 0;
	for (size_t i = 0; i < d->len; i++) {
		const struct qms_diag *g = &d->items[i];
		bool mine;
		if (proc_path) {
			mine = !strcmp(g->file, proc_path);
		} else {
			qms_buf_reset(&rel);
			qms_buf_reset(&id);
			mine = rel_to_root(s, &rel, g->file) && qms_report_path_agency(&id, rel.buf) &&
			       !strcmp(id.buf, agency_id);
		}
		if (!mine)
			continue;
		if (!n++)
			qms_buf_adds(b, "<pre class=\"diag\">");
		qms_buf_reset(&line);
		qms_diag_format(&line, g);
		esc(b, line.buf);
		qms_buf_addc(b, '\n');
	}
	if (n) {
		qms_buf_adds(b, "</pre>\n");
	} else {
		para(b, tr(s, N_("No error or warning.")));
	}
	qms_buf_release(&line);
	qms_buf_release(&rel);
	qms_buf_release(&id);
}

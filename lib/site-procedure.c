/* The page of a procedure in the static site: procedures/<code>.html. */
#include "site-internal.h"

#include <string.h>

#include "i18n.h"
#include "procdoc.h"
#include "results.h"
#include "values.h"

struct site_step_ctx {
	struct site *s;
	size_t pi;
};

/* ---- procedure page ---- */

/* The document itself is procdoc.c's; the site marks the findings on its
 * steps and links the procedures a step runs. */
static bool step_marked(size_t step, void *ctx)
{
	const struct site_step_ctx *c = ctx;
	const struct qms_report *r = c->s->r;
	const struct qms_step *st = qms_process_step(r->procedures[c->pi].process, step);
	for (size_t k = 0; k < r->nfindings; k++)
		if (r->findings[k].procedure == c->pi && r->findings[k].finding->step.text && st->id.text &&
		    !strcmp(r->findings[k].finding->step.text, st->id.text))
			return true;
	return false;
}

static void step_badges(struct qms_docw *w, size_t step, void *ctx)
{
	const struct site_step_ctx *c = ctx;
	const struct qms_report *r = c->s->r;
	const struct qms_step *st = qms_process_step(r->procedures[c->pi].process, step);
	struct qms_buf b;
	qms_buf_init(&b);
	for (size_t k = 0; k < r->nfindings; k++) {
		const struct qms_report_finding *f = &r->findings[k];
		if (f->procedure != c->pi || !f->finding->step.text || !st->id.text ||
		    strcmp(f->finding->step.text, st->id.text))
			continue;
		bool open = f->state == QMS_ACTION_OPEN || f->state == QMS_ACTION_OVERDUE ||
			    (f->state == QMS_ACTION_NONE && !f->finding->closed.text);
		qms_buf_printf(&b, " <a class=\"badge %s%s\" href=\"#finding-%zu\">",
			       f->grade >= 0 && f->grade < 4 ? qms_site_grade_class[f->grade] : "",
			       open ? "" : " closed", k);
		esc(&b, f->finding->id.text ? f->finding->id.text : "?");
		qms_buf_adds(&b, "</a>");
	}
	w->ops->raw(w, b.buf);
	qms_buf_release(&b);
}

static bool proc_href(struct qms_buf *out, const char *code, void *ctx)
{
	const struct site_step_ctx *c = ctx;
	if (qms_site_find_proc(c->s->r, code) == SIZE_MAX)
		return false;
	qms_site_page_link(out, "", code);
	return true;
}

static void proc_nav(struct site *s, struct qms_buf *b, size_t pi)
{
	const struct qms_report_procedure *rp = &s->r->procedures[pi];
	qms_buf_adds(b, "<nav class=\"toc\"><a href=\"../index.html\">");
	esc(b, tr(s, N_("Home")));
	qms_buf_adds(b, "</a>");
	if (rp->agency_index != SIZE_MAX)
		qms_site_agency_link(s, b, rp->agency_index, "../agencies/", true);
	qms_buf_adds(b, "<a href=\"#findings\">");
	esc(b, tr(s, N_("Findings")));
	qms_buf_adds(b, "</a><a href=\"#check\">");
	esc(b, tr(s, N_("Check")));
	qms_buf_adds(b, "</a></nav>\n");
}

/* The document as the agency issues it (procdoc.c), the findings marked
 * on its steps. */
static void proc_document(struct site *s, struct qms_buf *b, size_t pi)
{
	qms_buf_adds(b, "<article class=\"doc\">\n");
	struct qms_docw_html h;
	qms_docw_html_init(&h, b);
	struct site_step_ctx sc = {s, pi};
	struct qms_procdoc_hooks hooks = {step_marked, step_badges, proc_href, &sc};
	qms_procdoc_write(&h.w, s->r, pi, &hooks);
	qms_buf_adds(b, "</article>\n");
}

/* The diagram beside the document; title names the procedure. */
static void proc_diagram(struct site *s, struct qms_buf *b, size_t pi, const char *title)
{
	const struct qms_report_procedure *rp = &s->r->procedures[pi];
	qms_buf_adds(b, "<aside class=\"diagram-side\"><h2>");
	esc(b, tr(s, N_("Flow chart")));
	qms_buf_adds(b, "</h2>\n");
	if (s->has_diagram[pi]) {
		struct qms_buf file, label;
		qms_buf_init(&file);
		qms_buf_init(&label);
		qms_buf_printf(&file, "%s.svg", rp->code);
		qms_buf_printf(&label, tr(s, N_("Flow chart of %s")), title);
		qms_buf_adds(b, "<figure id=\"diagram\"><div class=\"diagram-box\">");
		qms_site_add_diagram(s, b, file.buf, "../", "", label.buf);
		qms_buf_adds(b, "</div><figcaption class=\"noprint\">");
		escf(b, tr(s, N_("Findings as of %s are marked on their steps; the critical path is red. ")),
		     D(s, s->r->as_of));
		qms_buf_adds(b, "<a href=\"../diagrams/");
		esc(b, file.buf);
		qms_buf_adds(b, "\">SVG</a></figcaption></figure>\n");
		qms_buf_release(&file);
		qms_buf_release(&label);
	} else {
		para(b, tr(s, N_("The diagram could not be drawn (see the check).")));
	}
	qms_buf_adds(b, "</aside>\n");
}

/* Evidence, not part of the signed document. */
static void proc_findings(struct site *s, struct qms_buf *b, size_t pi)
{
	const struct qms_report *r = s->r;
	section_begin(b, "findings", "noprint", tr(s, N_("Findings of audits and inspections")));
	size_t nf = 0;
	for (size_t k = 0; k < r->nfindings; k++)
		nf += r->findings[k].procedure == pi;
	if (nf) {
		qms_site_findings_table(s, b, SIZE_MAX, pi, "");
	} else {
		para(b, tr(s, N_("No finding.")));
	}
	qms_buf_adds(b, "</section>\n");
}

static void proc_check(struct site *s, struct qms_buf *b, size_t pi)
{
	section_begin(b, "check", "noprint", tr(s, N_("Check of the file (qms check)")));
	qms_site_diags_section(s, b, NULL, s->r->procedures[pi].path);
	qms_buf_adds(b, "</section>\n");
}

void qms_site_write_procedure(struct site *s, struct qms_buf *b, size_t pi)
{
	const struct qms_report_procedure *rp = &s->r->procedures[pi];
	struct qms_buf title;
	qms_buf_init(&title);
	qms_buf_printf(&title, "%s - %s", rp->code, rp->title);
	qms_site_page_begin(s, b, "../", title.buf, "wide");
	proc_nav(s, b, pi);
	qms_buf_adds(b, "<div class=\"procedure\">\n");
	proc_document(s, b, pi);
	proc_diagram(s, b, pi, title.buf);
	qms_buf_adds(b, "</div>\n");
	qms_site_results_section(b, s->r, rp->code); /* lib/report-results.c */
	proc_findings(s, b, pi);
	proc_check(s, b, pi);
	qms_site_page_end(s, b);
	qms_buf_release(&title);
}

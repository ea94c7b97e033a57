#include "procdoc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "i18n.h"
#include "table.h"
#include "timelimit.h"
#include "tthc.h"

/* ---- the HTML back end ---- */

static struct qms_docw_html *H(struct qms_docw *w)
{
	return (struct qms_docw_html *)w;
}

static void html_heading(struct qms_docw *w, int level, const char *id, const char *text)
{
	struct qms_docw_html *h = H(w);
	qms_buf_printf(h->out, "<h%d", level);
	if (id) {
		qms_buf_adds(h->out, " id=\"");
		qms_html_add_text(h->out, id);
		qms_buf_adds(h->out, "\"");
	}
	qms_buf_adds(h->out, ">");
	qms_html_add_text(h->out, text);
	qms_buf_printf(h->out, "</h%d>%s", level, h->in_cell ? "" : "\n");
}

static void html_para_begin(struct qms_docw *w, const char *cls)
{
	struct qms_docw_html *h = H(w);
	h->para_cls = cls;
	if (h->in_cell) {
		if (cls)
			qms_buf_printf(h->out, "<span class=\"%s\">", cls);
		else if (h->cell_paras)
			qms_buf_adds(h->out, "<br>");
		h->cell_paras++;
	} else if (!h->in_list && !h->in_terms) {
		qms_buf_adds(h->out, "<p");
		if (cls)
			qms_buf_printf(h->out, " class=\"%s\"", cls);
		qms_buf_adds(h->out, ">");
	}
}

static void html_para_end(struct qms_docw *w)
{
	struct qms_docw_html *h = H(w);
	if (h->in_cell) {
		if (h->para_cls)
			qms_buf_adds(h->out, "</span>");
	} else if (!h->in_list && !h->in_terms) {
		qms_buf_adds(h->out, "</p>\n");
	}
	h->para_cls = NULL;
}

static void html_text(struct qms_docw *w, const char *text, bool bold)
{
	struct qms_docw_html *h = H(w);
	if (bold)
		qms_buf_adds(h->out, "<strong>");
	qms_html_add_text(h->out, text);
	if (bold)
		qms_buf_adds(h->out, "</strong>");
}

static void html_link(struct qms_docw *w, const char *href, const char *text)
{
	struct qms_docw_html *h = H(w);
	qms_buf_adds(h->out, "<a href=\"");
	qms_html_add_text(h->out, href);
	qms_buf_adds(h->out, "\">");
	qms_html_add_text(h->out, text);
	qms_buf_adds(h->out, "</a>");
}

static void html_raw(struct qms_docw *w, const char *html)
{
	qms_buf_adds(H(w)->out, html);
}

/* The tables go through table.c's writer (qms_tstream_begin_parts). */
static void html_table_begin(struct qms_docw *w, const char *id, const char *cls, size_t ncols, const unsigned *widths)
{
	struct qms_docw_html *h = H(w);
	(void)ncols;
	(void)widths; /* the style sheet sizes the columns */
	bool wrap = !cls || (strcmp(cls, "head") && strcmp(cls, "sign"));
	qms_tstream_begin_parts(&h->ts, h->out, wrap ? "table-wrap" : NULL, cls, id);
}

static void html_table_part(struct qms_docw *w, enum qms_docw_part part)
{
	static const enum qms_tstream_part parts[] = {[QMS_DOCW_HEAD] = QMS_TSTREAM_HEAD,
						      [QMS_DOCW_BODY] = QMS_TSTREAM_BODY,
						      [QMS_DOCW_FOOT] = QMS_TSTREAM_FOOT};
	qms_tstream_part(&H(w)->ts, parts[part]);
}

static void html_row_begin(struct qms_docw *w, const char *cls)
{
	qms_tstream_row_begin_class(&H(w)->ts, cls);
}

static void html_cell_begin(struct qms_docw *w, bool head, const char *cls, unsigned span)
{
	struct qms_docw_html *h = H(w);
	qms_tstream_cell_begin_span(&h->ts, head, cls, span);
	h->in_cell = true;
	h->cell_paras = 0;
}

static void html_cell_end(struct qms_docw *w)
{
	struct qms_docw_html *h = H(w);
	qms_tstream_cell_end(&h->ts);
	h->in_cell = false;
}

static void html_row_end(struct qms_docw *w)
{
	qms_tstream_row_end(&H(w)->ts);
}

static void html_table_end(struct qms_docw *w)
{
	qms_tstream_end(&H(w)->ts);
}

static void html_item_begin(struct qms_docw *w)
{
	struct qms_docw_html *h = H(w);
	if (!h->in_list)
		qms_buf_adds(h->out, "<ul>\n");
	h->in_list = true;
	qms_buf_adds(h->out, "<li>");
}

static void html_item_end(struct qms_docw *w)
{
	qms_buf_adds(H(w)->out, "</li>\n");
}

static void html_list_end(struct qms_docw *w)
{
	struct qms_docw_html *h = H(w);
	if (h->in_list)
		qms_buf_adds(h->out, "</ul>\n");
	h->in_list = false;
}

static void html_term_begin(struct qms_docw *w, const char *term)
{
	struct qms_docw_html *h = H(w);
	if (!h->in_terms)
		qms_buf_adds(h->out, "<dl>\n");
	h->in_terms = true;
	qms_buf_adds(h->out, "<dt>");
	qms_html_add_text(h->out, term);
	qms_buf_adds(h->out, "</dt><dd>");
}

static void html_term_end(struct qms_docw *w)
{
	qms_buf_adds(H(w)->out, "</dd>\n");
}

static void html_terms_end(struct qms_docw *w)
{
	struct qms_docw_html *h = H(w);
	if (h->in_terms)
		qms_buf_adds(h->out, "</dl>\n");
	h->in_terms = false;
}

static const struct qms_docw_ops html_ops = {
	html_heading,  html_para_begin,  html_para_end,   html_text,       html_link,
	html_raw,      html_table_begin, html_table_part, html_row_begin,  html_cell_begin,
	html_cell_end, html_row_end,     html_table_end,  html_item_begin, html_item_end,
	html_list_end, html_term_begin,  html_term_end,   html_terms_end,
};

void qms_docw_html_init(struct qms_docw_html *h, struct qms_buf *out)
{
	memset(h, 0, sizeof(*h));
	h->w.ops = &html_ops;
	h->out = out;
}

/* ---- the content ---- */

struct pd {
	struct qms_docw *w;
	const struct qms_report *r;
	const struct qms_report_procedure *rp;
	const struct qms_process *p;
	size_t pi;
	enum qms_lang lang;
	const struct qms_procdoc_hooks *hooks;
	struct qms_buf tmp;
};

static const char *tr(const struct pd *c, const char *msgid) __attribute__((format_arg(2)));
static const char *tr(const struct pd *c, const char *msgid)
{
	return qms_tr(c->lang, msgid);
}

static void text(struct pd *c, const char *t)
{
	c->w->ops->text(c->w, t ? t : "", false);
}

static void textf(struct pd *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void textf(struct pd *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qms_buf_reset(&c->tmp);
	qms_buf_vprintf(&c->tmp, fmt, ap);
	va_end(ap);
	char *t = qms_xstrdup(c->tmp.buf);
	text(c, t);
	free(t);
}

static void para(struct pd *c, const char *cls, const char *t)
{
	c->w->ops->para_begin(c->w, cls);
	text(c, t);
	c->w->ops->para_end(c->w);
}

static void none(struct pd *c, const char *t)
{
	para(c, NULL, t ? t : tr(c, N_("(not stated)")));
}

static void heading(struct pd *c, int level, const char *num, const char *title)
{
	qms_buf_reset(&c->tmp);
	if (num)
		qms_buf_printf(&c->tmp, "%s. ", num);
	qms_buf_adds(&c->tmp, title);
	char *t = qms_xstrdup(c->tmp.buf);
	c->w->ops->heading(c->w, level, NULL, t);
	free(t);
}

/* A date as the report writes it (15/6/2020), into a fresh string. */
static char *date_str(enum qms_lang lang, int32_t d)
{
	struct qms_buf b;
	qms_buf_init(&b);
	if (d >= 0)
		qms_report_add_date(&b, d, lang, false);
	return qms_buf_detach(&b);
}

/* An edition as the document writes it: two digits in Vietnamese (01),
 * else as written (text), else the number. In buf, or text. */
static const char *edition_str(enum qms_lang lang, long ed, const char *text, char *buf, size_t n)
{
	if (lang == QMS_LANG_VI && ed >= 0 && ed < 10)
		snprintf(buf, n, "0%ld", ed);
	else if (text)
		return text;
	else
		snprintf(buf, n, "%ld", ed);
	return buf;
}

static void cell(struct pd *c, bool head, const char *cls, unsigned span, const char *t)
{
	c->w->ops->cell_begin(c->w, head, cls, span);
	if (t && *t)
		para(c, NULL, t);
	c->w->ops->cell_end(c->w);
}

/* A table and its head row; numbered: the first column numbers the rows. */
static void table_head(struct pd *c, const char *id, const char *cls, size_t n, const char *const *heads,
		       const unsigned *widths, bool numbered)
{
	c->w->ops->table_begin(c->w, id, cls, n, widths);
	c->w->ops->table_part(c->w, QMS_DOCW_HEAD);
	c->w->ops->row_begin(c->w, NULL);
	for (size_t i = 0; i < n; i++)
		cell(c, true, i == 0 && numbered ? "num" : NULL, 1, heads[i]);
	c->w->ops->row_end(c->w);
	c->w->ops->table_part(c->w, QMS_DOCW_BODY);
}

static void bullets(struct pd *c, const struct qms_list *l)
{
	const struct qms_value *v = l->items;
	for (size_t i = 0; i < l->len; i++) {
		c->w->ops->item_begin(c->w);
		c->w->ops->para_begin(c->w, NULL);
		text(c, v[i].text);
		c->w->ops->para_end(c->w);
		c->w->ops->item_end(c->w);
	}
	c->w->ops->list_end(c->w);
}

static void term(struct pd *c, const char *t, const char *value)
{
	c->w->ops->term_begin(c->w, t);
	c->w->ops->para_begin(c->w, NULL);
	text(c, value);
	c->w->ops->para_end(c->w);
	c->w->ops->term_end(c->w);
}

/* ---- the steps ---- */

size_t qms_procdoc_step_index(const struct qms_process *p, const char *id)
{
	const struct qms_step *steps = p->steps.items;
	for (size_t i = 0; id && i < p->steps.len; i++)
		if (steps[i].id.text && !strcmp(steps[i].id.text, id))
			return i;
	return SIZE_MAX;
}

int *qms_procdoc_step_numbers(const struct qms_process *p)
{
	int *num = qms_xcalloc(p->steps.len + 1, sizeof(int));
	const struct qms_step *steps = p->steps.items;
	int n = 0;
	for (size_t i = 0; i < p->steps.len; i++) {
		int kind = steps[i].kind.text ? steps[i].kind.choice : QMS_STEP_TASK;
		if (kind == QMS_STEP_TASK || kind == QMS_STEP_SUBPROCESS)
			num[i] = ++n;
	}
	return num;
}

static const char *lane_name(const struct qms_process *p, const struct qms_step *st)
{
	const struct qms_lane *lanes = p->lanes.items;
	if (!st->lane.text)
		return p->lanes.len == 1 && lanes[0].name.text ? lanes[0].name.text : "";
	for (size_t i = 0; i < p->lanes.len; i++)
		if (lanes[i].id.text && !strcmp(lanes[i].id.text, st->lane.text))
			return lanes[i].name.text ? lanes[i].name.text : st->lane.text;
	return st->lane.text;
}

/* A step named in the flow: "B3", or the name of a step with no number. */
static void step_ref(struct pd *c, const int *num, const char *id)
{
	size_t k = qms_procdoc_step_index(c->p, id);
	const struct qms_step *steps = c->p->steps.items;
	if (k != SIZE_MAX && num[k])
		textf(c, "B%d", num[k]);
	else if (k != SIZE_MAX && steps[k].name.text)
		textf(c, "«%s»", steps[k].name.text);
	else
		text(c, id);
}

static void step_calls(struct pd *c, const struct qms_step *st)
{
	c->w->ops->para_begin(c->w, "flow");
	text(c, tr(c, N_("Runs procedure ")));
	struct qms_buf href;
	qms_buf_init(&href);
	if (c->hooks && c->hooks->proc_href && c->hooks->proc_href(&href, st->calls.text, c->hooks->ctx))
		c->w->ops->link(c->w, href.buf, st->calls.text);
	else
		text(c, st->calls.text);
	qms_buf_release(&href);
	c->w->ops->para_end(c->w);
}

/* Where the flow goes from step i, when not simply to the next row. */
static void step_flow(struct pd *c, size_t i, const int *num)
{
	const struct qms_step *st = qms_process_step(c->p, i);
	int kind = st->kind.text ? st->kind.choice : QMS_STEP_TASK;
	const struct qms_branch *br = st->branches.items;
	if (kind == QMS_STEP_DECISION && st->branches.len) {
		c->w->ops->para_begin(c->w, "flow");
		for (size_t k = 0; k < st->branches.len; k++) {
			text(c, k ? "; " : "");
			text(c, br[k].when.text);
			text(c, " → ");
			step_ref(c, num, br[k].next.text);
		}
		c->w->ops->para_end(c->w);
	}
	const struct qms_value *next = st->next.items;
	bool plain = st->next.len == 1 && qms_procdoc_step_index(c->p, next[0].text) == i + 1;
	if (kind == QMS_STEP_START || kind == QMS_STEP_END)
		plain = true; /* the row says where it starts; an end has no next */
	if (!st->next.len || plain)
		return;
	c->w->ops->para_begin(c->w, "flow");
	text(c, "→ ");
	for (size_t k = 0; k < st->next.len; k++) {
		text(c, k ? ", " : "");
		step_ref(c, num, next[k].text);
	}
	if (st->next.len > 1)
		text(c, tr(c, N_(" (in parallel)")));
	else if (qms_procdoc_step_index(c->p, next[0].text) <= i)
		text(c, tr(c, N_(" (rework)")));
	c->w->ops->para_end(c->w);
}

static void step_row(struct pd *c, size_t i, const int *num)
{
	const struct qms_step *st = qms_process_step(c->p, i);
	int kind = st->kind.text ? st->kind.choice : QMS_STEP_TASK;
	bool marked = c->hooks && c->hooks->step_marked && c->hooks->step_marked(i, c->hooks->ctx);
	qms_buf_reset(&c->tmp);
	qms_buf_printf(&c->tmp, "%s%s", qms_step_kind_names[kind], marked ? " has-finding" : "");
	char *cls = qms_xstrdup(c->tmp.buf);
	c->w->ops->row_begin(c->w, cls);
	free(cls);
	c->w->ops->cell_begin(c->w, false, "step", 1);
	if (num[i]) {
		c->w->ops->para_begin(c->w, NULL);
		textf(c, "B%d", num[i]);
		c->w->ops->para_end(c->w);
	}
	c->w->ops->cell_end(c->w);
	c->w->ops->cell_begin(c->w, false, NULL, 1);
	para(c, NULL, st->name.text ? st->name.text : st->id.text);
	if (kind == QMS_STEP_SUBPROCESS && st->calls.text)
		step_calls(c, st);
	step_flow(c, i, num);
	if (st->note.text)
		para(c, "note", st->note.text);
	if (c->hooks && c->hooks->step_extra)
		c->hooks->step_extra(c->w, i, c->hooks->ctx);
	c->w->ops->cell_end(c->w);
	cell(c, false, NULL, 1, lane_name(c->p, st));
	/* the number as the document writes numbers (1,5 in Vietnamese),
	 * the unit the author chose */
	qms_buf_reset(&c->tmp);
	if (st->duration.text)
		qms_duration_format(&c->tmp, st->duration.duration.amount, st->duration.duration.unit, c->lang);
	char *duration = qms_xstrdup(c->tmp.buf);
	cell(c, false, NULL, 1, st->duration.text ? duration : NULL);
	free(duration);
	const struct qms_value *fs = st->forms.items;
	qms_buf_reset(&c->tmp);
	for (size_t k = 0; k < st->forms.len; k++)
		qms_buf_printf(&c->tmp, "%s%s", k ? ", " : "", fs[k].text ? fs[k].text : "");
	char *forms = qms_xstrdup(c->tmp.buf);
	cell(c, false, NULL, 1, forms);
	free(forms);
	c->w->ops->row_end(c->w);
}

static double workday(const struct pd *c)
{
	return c->r->settings.time.workday_hours > 0 ? c->r->settings.time.workday_hours : 8;
}

static void add_hours(struct pd *c, struct qms_buf *b, double hours)
{
	struct qms_span span = {.hours = hours};
	qms_span_format(b, &span, hours >= workday(c) ? QMS_UNIT_WORKING_DAYS : QMS_UNIT_WORKING_HOURS, workday(c),
			c->lang);
}

/* The critical path, in the unit of the committed limit (else of the
 * statutory one). */
static void add_critical(struct pd *c, struct qms_buf *b)
{
	const struct qms_time_limit *tl = &c->p->time_limit;
	const struct qms_value *like = tl->committed.text ? &tl->committed : tl->statutory.text ? &tl->statutory : NULL;
	enum qms_duration_unit unit = like                                  ? like->duration.unit
				      : c->rp->critical.hours >= workday(c) ? QMS_UNIT_WORKING_DAYS
									    : QMS_UNIT_WORKING_HOURS;
	qms_span_format(b, &c->rp->critical, unit, workday(c), c->lang);
}

static void step_table(struct pd *c)
{
	const char *head[] = {tr(c, N_("Step")), tr(c, N_("Activity")), tr(c, N_("Responsible")), tr(c, N_("Time")),
			      tr(c, N_("Forms"))};
	static const unsigned widths[] = {9, 43, 22, 13, 13};
	table_head(c, "steps", "steps", 5, head, widths, false);
	int *num = qms_procdoc_step_numbers(c->p);
	for (size_t i = 0; i < c->p->steps.len; i++)
		step_row(c, i, num);
	free(num);
	if (c->rp->has_critical && !qms_span_is_zero(&c->rp->critical)) {
		c->w->ops->table_part(c->w, QMS_DOCW_FOOT);
		c->w->ops->row_begin(c->w, NULL);
		cell(c, false, NULL, 3, tr(c, N_("Total processing time (critical path)")));
		struct qms_buf h;
		qms_buf_init(&h);
		add_critical(c, &h);
		cell(c, false, NULL, 2, h.buf);
		qms_buf_release(&h);
		c->w->ops->row_end(c->w);
	}
	c->w->ops->table_end(c->w);
}

/* ---- header, signatures, revisions ---- */

static const char *agency_name(const struct pd *c, const char *id)
{
	for (size_t i = 0; id && i < c->r->nagencies; i++)
		if (!strcmp(c->r->agencies[i].id, id))
			return c->r->agencies[i].name;
	return id;
}

void qms_procdoc_add_running_head(struct qms_buf *out, const struct qms_report *r, size_t pi)
{
	const struct qms_report_procedure *rp = &r->procedures[pi];
	const struct qms_process *p = rp->process;
	qms_buf_printf(out, qms_tr(r->lang, N_("Code: %s")), rp->code);
	char ed[32];
	if (p->edition.text) {
		qms_buf_adds(out, " · ");
		qms_buf_printf(out, qms_tr(r->lang, N_("Edition: %s")),
			       edition_str(r->lang, p->edition.integer, NULL, ed, sizeof(ed)));
	}
	if (p->effective.text) {
		char *d = date_str(r->lang, p->effective.date);
		qms_buf_adds(out, " · ");
		qms_buf_printf(out, qms_tr(r->lang, N_("Effective: %s")), d);
		free(d);
	}
}

static void header_block(struct pd *c)
{
	const struct qms_process *p = c->p;
	const struct qms_report_agency *a =
		c->rp->agency_index != SIZE_MAX ? &c->r->agencies[c->rp->agency_index] : NULL;
	static const unsigned widths[] = {25, 50, 25};
	c->w->ops->table_begin(c->w, NULL, "head", 3, widths);
	c->w->ops->row_begin(c->w, NULL);
	cell(c, false, "org", 1, a ? a->name : c->rp->agency);
	c->w->ops->cell_begin(c->w, false, "title", 1);
	para(c, "kind", tr(c, N_("PROCEDURE")));
	c->w->ops->heading(c->w, 1, "title", c->rp->title);
	c->w->ops->cell_end(c->w);
	c->w->ops->cell_begin(c->w, false, "meta", 1);
	c->w->ops->para_begin(c->w, NULL);
	textf(c, tr(c, N_("Code: %s")), c->rp->code);
	c->w->ops->para_end(c->w);
	if (p->edition.text) {
		c->w->ops->para_begin(c->w, NULL);
		char ed[32];
		textf(c, tr(c, N_("Edition: %s")),
		      edition_str(c->lang, p->edition.integer, p->edition.text, ed, sizeof(ed)));
		c->w->ops->para_end(c->w);
	}
	if (p->effective.text) {
		char *d = date_str(c->lang, p->effective.date);
		c->w->ops->para_begin(c->w, NULL);
		textf(c, tr(c, N_("Effective: %s")), d);
		c->w->ops->para_end(c->w);
		free(d);
	}
	if (p->standard.text) {
		c->w->ops->para_begin(c->w, NULL);
		textf(c, "%s%s", c->rp->standard >= 0 ? "TCVN " : "", p->standard.text);
		c->w->ops->para_end(c->w);
	}
	c->w->ops->cell_end(c->w);
	c->w->ops->row_end(c->w);
	c->w->ops->table_end(c->w);
}

/* "Decision 125/QĐ-STP of 10/6/2020 of the Director", as one line. */
static void add_decision(struct pd *c, struct qms_buf *b, const struct qms_decision *d)
{
	qms_buf_adds(b, d->number.text);
	if (d->date.text) {
		char *ds = date_str(c->lang, d->date.date);
		qms_buf_printf(b, tr(c, N_(" of %s")), ds);
		free(ds);
	}
	if (d->issuer.text)
		qms_buf_printf(b, tr(c, N_(" by the %s")), d->issuer.text);
}

static void issuing_decision(struct pd *c)
{
	const struct qms_decision *d = &c->p->document.decision;
	if (!d->number.text)
		return;
	struct qms_buf dec, line;
	qms_buf_init(&dec);
	qms_buf_init(&line);
	add_decision(c, &dec, d);
	qms_buf_printf(&line, tr(c, N_("(Issued with Decision %s)")), dec.buf);
	para(c, "issued", line.buf);
	qms_buf_release(&dec);
	qms_buf_release(&line);
}

static void signature_row(struct pd *c, const char *label, const char *cls, const char *const v[3])
{
	c->w->ops->row_begin(c->w, NULL);
	cell(c, true, NULL, 1, label);
	for (size_t k = 0; k < 3; k++)
		cell(c, false, cls, 1, v[k]);
	c->w->ops->row_end(c->w);
}

static void signatures(struct pd *c)
{
	const struct qms_doc_control *dc = &c->p->document;
	const struct qms_signature *sg[3] = {&dc->drafted, &dc->checked, &dc->approved};
	const char *heads[] = {tr(c, N_("Responsibility")), tr(c, N_("Drafted by")), tr(c, N_("Checked by")),
			       tr(c, N_("Approved by"))};
	static const unsigned widths[] = {19, 27, 27, 27};
	table_head(c, NULL, "sign", 4, heads, widths, false);
	const char *names[3], *positions[3], *blank[3] = {NULL, NULL, NULL};
	char *dates[3];
	bool any_date = false;
	for (size_t k = 0; k < 3; k++) {
		names[k] = sg[k]->name.text;
		positions[k] = sg[k]->position.text;
		dates[k] = date_str(c->lang, sg[k]->date.text ? sg[k]->date.date : -1);
		any_date |= sg[k]->date.text != NULL;
	}
	signature_row(c, tr(c, N_("Name")), "name", names);
	signature_row(c, tr(c, N_("Signature")), "blank", blank);
	signature_row(c, tr(c, N_("Position")), NULL, positions);
	if (any_date)
		signature_row(c, tr(c, N_("Date")), NULL, (const char *const *)dates);
	for (size_t k = 0; k < 3; k++)
		free(dates[k]);
	c->w->ops->table_end(c->w);
}

static void revisions(struct pd *c)
{
	const struct qms_list *l = &c->p->document.revisions;
	if (!l->len)
		return;
	heading(c, 2, NULL, tr(c, N_("Revision history")));
	const char *heads[] = {tr(c, N_("No.")), tr(c, N_("Edition")), tr(c, N_("Date")), tr(c, N_("What changed")),
			       tr(c, N_("Pages"))};
	static const unsigned widths[] = {8, 12, 14, 52, 14};
	table_head(c, "revisions", "revisions", 5, heads, widths, true);
	const struct qms_revision *rv = l->items;
	for (size_t i = 0; i < l->len; i++) {
		c->w->ops->row_begin(c->w, NULL);
		qms_buf_reset(&c->tmp);
		qms_buf_printf(&c->tmp, "%zu", i + 1);
		char *n = qms_xstrdup(c->tmp.buf);
		cell(c, false, "num", 1, n);
		free(n);
		cell(c, false, NULL, 1, rv[i].edition.text);
		char *d = date_str(c->lang, rv[i].date.text ? rv[i].date.date : -1);
		cell(c, false, NULL, 1, d);
		free(d);
		cell(c, false, NULL, 1, rv[i].change.text);
		cell(c, false, NULL, 1, rv[i].pages.text);
		c->w->ops->row_end(c->w);
	}
	c->w->ops->table_end(c->w);
}

/* ---- sections 1-4 ---- */

/* Abbreviations the administration uses; the document lists those its
 * text uses (section 4 of the official layout). */
static const struct {
	const char *abbr, *full;
} abbreviations[] = {
	{"BM", "Biểu mẫu"},
	{"CCHC", "Cải cách hành chính"},
	{"CSDL", "Cơ sở dữ liệu"},
	{"HĐND", "Hội đồng nhân dân"},
	{"HTQLCL", "Hệ thống quản lý chất lượng"},
	{"KH&CN", "Khoa học và Công nghệ"},
	{"QĐ", "Quyết định"},
	{"TCVN", "Tiêu chuẩn quốc gia Việt Nam"},
	{"THADS", "Thi hành án dân sự"},
	{"TTHC", "Thủ tục hành chính"},
	{"UBND", "Ủy ban nhân dân"},
};

static bool letter(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch >= 0x80;
}

static bool uses_word(const char *t, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = t; (p = strstr(p, w)); p++)
		if ((p == t || !letter((unsigned char)p[-1])) && !letter((unsigned char)p[n]))
			return true;
	return false;
}

static void collect_list(struct qms_buf *t, const struct qms_list *l)
{
	const struct qms_value *v = l->items;
	for (size_t i = 0; i < l->len; i++)
		qms_buf_printf(t, "%s\n", v[i].text ? v[i].text : "");
}

static void collect_text(struct qms_buf *t, const struct qms_process *p)
{
	const struct qms_value *vals[] = {&p->title, &p->purpose, &p->scope, &p->owner};
	for (size_t i = 0; i < QMS_ARRAY_LEN(vals); i++)
		if (vals[i]->text)
			qms_buf_printf(t, "%s\n", vals[i]->text);
	collect_list(t, &p->references);
	const struct qms_lane *lanes = p->lanes.items;
	for (size_t i = 0; i < p->lanes.len; i++)
		qms_buf_printf(t, "%s\n", lanes[i].name.text ? lanes[i].name.text : "");
	const struct qms_form *forms = p->forms.items;
	for (size_t i = 0; i < p->forms.len; i++)
		qms_buf_printf(t, "%s %s\n", forms[i].id.text ? forms[i].id.text : "",
			       forms[i].name.text ? forms[i].name.text : "");
	const struct qms_step *steps = p->steps.items;
	for (size_t i = 0; i < p->steps.len; i++)
		qms_buf_printf(t, "%s\n%s\n", steps[i].name.text ? steps[i].name.text : "",
			       steps[i].note.text ? steps[i].note.text : "");
	const struct qms_record *recs = p->records.items;
	for (size_t i = 0; i < p->records.len; i++)
		qms_buf_printf(t, "%s %s\n", recs[i].name.text ? recs[i].name.text : "",
			       recs[i].keeper.text ? recs[i].keeper.text : "");
	const struct qms_tthc *tt = p->tthc.items;
	for (size_t i = 0; i < p->tthc.len; i++) {
		qms_buf_adds(t, "TTHC\n");
		collect_list(t, &tt[i].legal_basis);
		collect_list(t, &tt[i].conditions);
	}
}

static void sections_1_to_4(struct pd *c)
{
	const struct qms_process *p = c->p;
	heading(c, 2, "1", tr(c, N_("Purpose")));
	none(c, p->purpose.text);
	heading(c, 2, "2", tr(c, N_("Scope")));
	none(c, p->scope.text);
	heading(c, 2, "3", tr(c, N_("References")));
	if (p->references.len)
		bullets(c, &p->references);
	else
		none(c, NULL);
	if (p->clauses.len) {
		qms_buf_reset(&c->tmp);
		qms_buf_printf(&c->tmp, tr(c, N_("Clauses of %s applied: ")), p->standard.text ? p->standard.text : "");
		const struct qms_value *cl = p->clauses.items;
		for (size_t i = 0; i < p->clauses.len; i++)
			qms_buf_printf(&c->tmp, "%s%s", i ? ", " : "", cl[i].text ? cl[i].text : "");
		qms_buf_adds(&c->tmp, ".");
		char *t = qms_xstrdup(c->tmp.buf);
		para(c, NULL, t);
		free(t);
	}
	heading(c, 2, "4", tr(c, N_("Definitions and abbreviations")));
	struct qms_buf all;
	qms_buf_init(&all);
	collect_text(&all, p);
	size_t nab = 0;
	for (size_t i = 0; i < QMS_ARRAY_LEN(abbreviations); i++) {
		if (!uses_word(all.buf, abbreviations[i].abbr))
			continue;
		term(c, abbreviations[i].abbr, abbreviations[i].full);
		nab++;
	}
	qms_buf_release(&all);
	if (nab)
		c->w->ops->terms_end(c->w);
	else
		para(c, NULL, tr(c, N_("None.")));
}

/* ---- section 5: the TTHC record, the steps, the agencies' shares ---- */

static const char *const filing_labels[] = {
	N_("In person at the reception desk"),
	N_("By public postal service"),
	N_("Online, on the public service portal"),
};
static const char *const online_labels[] = {
	N_("Online public service: the whole procedure (toàn trình)"),
	N_("Online public service: part of the procedure (một phần)"),
};
static const char *const copy_labels[] = {
	N_("Original"),
	N_("Copy"),
	N_("Certified copy"),
	N_("Shown only"),
};

static const char *form_name(const struct qms_process *p, const char *id)
{
	const struct qms_form *forms = p->forms.items;
	for (size_t i = 0; id && i < p->forms.len; i++)
		if (forms[i].id.text && !strcmp(forms[i].id.text, id))
			return forms[i].name.text;
	return NULL;
}

static void time_limits(struct pd *c)
{
	const struct qms_time_limit *tl = &c->p->time_limit;
	term(c, tr(c, N_("Statutory")), tl->statutory.text ? tl->statutory.text : tr(c, N_("(not stated)")));
	c->w->ops->term_begin(c->w, tr(c, N_("Committed")));
	c->w->ops->para_begin(c->w, NULL);
	text(c, tl->committed.text ? tl->committed.text : tr(c, N_("(not stated)")));
	if (c->rp->timed) {
		struct qms_buf a, b;
		qms_buf_init(&a);
		qms_buf_init(&b);
		qms_report_add_percent(&a, c->rp->cut_tenths, c->lang);
		qms_report_add_percent(&b, c->rp->required_cut_tenths, c->lang);
		textf(c, tr(c, N_(" (a cut of %s; at least %s required)")), a.buf, b.buf);
		qms_buf_release(&a);
		qms_buf_release(&b);
	} else if (c->rp->exempt) {
		textf(c, tr(c, N_(" (no cut asked: %s)")),
		      c->rp->exempt_reason ? c->rp->exempt_reason : tr(c, N_("same day")));
	}
	c->w->ops->para_end(c->w);
	c->w->ops->term_end(c->w);
	if (tl->extension.text)
		term(c, tr(c, N_("Extension (with a written notice)")), tl->extension.text);
	if (tl->not_counted.len) {
		c->w->ops->term_begin(c->w, tr(c, N_("Not counted in the limit")));
		c->w->ops->para_begin(c->w, NULL);
		const struct qms_value *nc = tl->not_counted.items;
		for (size_t k = 0; k < tl->not_counted.len; k++) {
			text(c, k ? "; " : "");
			text(c, nc[k].text);
		}
		c->w->ops->para_end(c->w);
		c->w->ops->term_end(c->w);
	}
	if (c->rp->has_critical && !qms_span_is_zero(&c->rp->critical)) {
		struct qms_buf h;
		qms_buf_init(&h);
		add_critical(c, &h);
		c->w->ops->term_begin(c->w, tr(c, N_("Steps in total")));
		c->w->ops->para_begin(c->w, NULL);
		textf(c, tr(c, N_("%s (critical path)")), h.buf);
		c->w->ops->para_end(c->w);
		c->w->ops->term_end(c->w);
		qms_buf_release(&h);
	}
	c->w->ops->terms_end(c->w);
}

static void dossier(struct pd *c, const struct qms_tthc *t)
{
	const struct qms_dossier *d = &t->dossier;
	if (!d->components.len) {
		none(c, NULL);
		return;
	}
	const char *heads[] = {tr(c, N_("No.")), tr(c, N_("Paper")), tr(c, N_("Original or copy")), tr(c, N_("Count")),
			       tr(c, N_("Form"))};
	static const unsigned widths[] = {8, 48, 18, 10, 16};
	table_head(c, NULL, "dossier", 5, heads, widths, true);
	const struct qms_dossier_item *it = d->components.items;
	for (size_t i = 0; i < d->components.len; i++) {
		c->w->ops->row_begin(c->w, NULL);
		qms_buf_reset(&c->tmp);
		qms_buf_printf(&c->tmp, "%zu", i + 1);
		char *n = qms_xstrdup(c->tmp.buf);
		cell(c, false, "num", 1, n);
		free(n);
		cell(c, false, NULL, 1, it[i].name.text);
		cell(c, false, NULL, 1, it[i].kind.text ? tr(c, copy_labels[it[i].kind.choice]) : NULL);
		qms_buf_reset(&c->tmp);
		if (it[i].count.text)
			qms_buf_printf(&c->tmp, "%02ld", it[i].count.integer);
		char *cnt = qms_xstrdup(c->tmp.buf);
		cell(c, false, "num", 1, cnt);
		free(cnt);
		cell(c, false, NULL, 1, it[i].form.text);
		c->w->ops->row_end(c->w);
	}
	c->w->ops->table_end(c->w);
	if (d->sets.text) {
		qms_buf_reset(&c->tmp);
		qms_buf_printf(&c->tmp, tr(c, N_("Number of sets: %02ld")), d->sets.integer);
		char *s = qms_xstrdup(c->tmp.buf);
		para(c, NULL, s);
		free(s);
	}
}

static void agencies(struct pd *c, const struct qms_tthc *t)
{
	const struct qms_report_agency *a =
		c->rp->agency_index != SIZE_MAX ? &c->r->agencies[c->rp->agency_index] : NULL;
	term(c, tr(c, N_("Agency that decides")), a ? a->name : c->rp->agency);
	if (t->place.text)
		term(c, tr(c, N_("Where to file")), t->place.text);
	struct qms_lane_share *sh;
	bool measured;
	size_t n = qms_lane_shares(&sh, &measured, c->p, c->r->settings.time.workday_hours);
	if (n > 1) {
		c->w->ops->term_begin(c->w, tr(c, N_("Agencies taking part")));
		c->w->ops->para_begin(c->w, NULL);
		for (size_t i = 1; i < n; i++) {
			text(c, i > 1 ? "; " : "");
			text(c, sh[i].agency ? agency_name(c, sh[i].agency) : sh[i].body);
		}
		c->w->ops->para_end(c->w);
		c->w->ops->term_end(c->w);
	}
	free(sh);
	c->w->ops->terms_end(c->w);
}

static void fees(struct pd *c, const struct qms_tthc *t)
{
	const struct qms_fee *f = t->fees.items;
	if (!t->fees.len) {
		none(c, NULL);
		return;
	}
	for (size_t i = 0; i < t->fees.len; i++) {
		c->w->ops->item_begin(c->w);
		c->w->ops->para_begin(c->w, NULL);
		if (f[i].name.text)
			textf(c, "%s: ", f[i].name.text);
		if (f[i].amount.text)
			text(c, f[i].amount.text);
		if (f[i].basis.text)
			textf(c, tr(c, N_("%sas set by %s")), f[i].amount.text ? "; " : "", f[i].basis.text);
		if (f[i].exempt.text)
			textf(c, tr(c, N_("%snot charged: %s")), f[i].amount.text || f[i].basis.text ? "; " : "",
			      f[i].exempt.text);
		c->w->ops->para_end(c->w);
		c->w->ops->item_end(c->w);
	}
	c->w->ops->list_end(c->w);
}

/* Forms the citizen fills in: those of the dossier, and the result's. */
static void tthc_forms(struct pd *c, const struct qms_tthc *t)
{
	const struct qms_dossier_item *it = t->dossier.components.items;
	size_t n = 0;
	for (size_t i = 0; i <= t->dossier.components.len; i++) {
		const char *id = i < t->dossier.components.len ? it[i].form.text : t->result_form.text;
		if (!id)
			continue;
		c->w->ops->item_begin(c->w);
		c->w->ops->para_begin(c->w, NULL);
		const char *name = form_name(c->p, id);
		textf(c, "%s%s%s", id, name ? ": " : "", name ? name : "");
		c->w->ops->para_end(c->w);
		c->w->ops->item_end(c->w);
		n++;
	}
	if (n)
		c->w->ops->list_end(c->w);
	else
		para(c, NULL, tr(c, N_("None.")));
}

static void list_or(struct pd *c, const struct qms_list *l, const char *otherwise)
{
	if (l->len)
		bullets(c, l);
	else
		para(c, NULL, otherwise);
}

static void tthc_summary(struct pd *c, const struct qms_tthc *t)
{
	if (t->id.text)
		term(c, tr(c, N_("Procedure id (TTHC)")), t->id.text);
	if (t->published.number.text) {
		struct qms_buf b;
		qms_buf_init(&b);
		add_decision(c, &b, &t->published);
		term(c, tr(c, N_("Published by decision")), b.buf);
		qms_buf_release(&b);
	}
	if (t->level.text)
		/* TRANSLATORS: the level of government that handles a TTHC */
		term(c, qms_tr_ctx(c->lang, "TTHC", "Level"), qms_level_label(t->level.choice, c->lang));
	if (t->result.text) {
		const char *fn = form_name(c->p, t->result_form.text);
		qms_buf_reset(&c->tmp);
		qms_buf_printf(&c->tmp, "%s%s%s%s", t->result.text, t->result_form.text ? " (" : "",
			       t->result_form.text ? (fn ? fn : t->result_form.text) : "",
			       t->result_form.text ? ")" : "");
		char *res = qms_xstrdup(c->tmp.buf);
		term(c, tr(c, N_("Result")), res);
		free(res);
	}
	if (c->p->owner.text)
		term(c, tr(c, N_("Owner")), c->p->owner.text);
	c->w->ops->terms_end(c->w);
}

static void tthc_record(struct pd *c, const struct qms_tthc *t)
{
	tthc_summary(c, t);
	heading(c, 4, NULL, tr(c, N_("a) Dossier: components and number of sets")));
	dossier(c, t);
	heading(c, 4, NULL, tr(c, N_("b) Time limits")));
	time_limits(c);
	heading(c, 4, NULL, tr(c, N_("c) Agencies")));
	agencies(c, t);
	heading(c, 4, NULL, tr(c, N_("d) Who may ask")));
	list_or(c, &t->target, tr(c, N_("(not stated)")));
	heading(c, 4, NULL, tr(c, N_("e) How to file")));
	const struct qms_value *f = t->filing.items;
	for (size_t i = 0; i < t->filing.len; i++) {
		c->w->ops->item_begin(c->w);
		para(c, NULL, tr(c, filing_labels[f[i].choice]));
		c->w->ops->item_end(c->w);
	}
	if (t->filing.len)
		c->w->ops->list_end(c->w);
	if (t->online.text)
		para(c, NULL, tr(c, online_labels[t->online.choice]));
	if (!t->filing.len && !t->online.text)
		none(c, NULL);
	heading(c, 4, NULL, tr(c, N_("f) Fees and charges")));
	fees(c, t);
	heading(c, 4, NULL, tr(c, N_("g) Application forms")));
	tthc_forms(c, t);
	heading(c, 4, NULL, tr(c, N_("h) Requirements and conditions")));
	list_or(c, &t->conditions, tr(c, N_("None.")));
	heading(c, 4, NULL, tr(c, N_("i) Legal basis")));
	list_or(c, &t->legal_basis, tr(c, N_("As in section 3.")));
}

static void shares_table(struct pd *c, const char *num)
{
	struct qms_lane_share *sh;
	bool measured;
	double wh = c->r->settings.time.workday_hours;
	size_t n = qms_lane_shares(&sh, &measured, c->p, wh);
	if (n < 2) {
		free(sh);
		return;
	}
	heading(c, 3, num, tr(c, N_("Each agency's share of the time")));
	const char *heads[] = {tr(c, N_("Agency")), tr(c, N_("Time of its steps")), tr(c, N_("Allowed"))};
	static const unsigned widths[] = {50, 25, 25};
	table_head(c, "shares", "shares", 3, heads, widths, false);
	for (size_t i = 0; i < n; i++) {
		c->w->ops->row_begin(c->w, sh[i].own ? "own" : NULL);
		const char *name = sh[i].own      ? agency_name(c, c->p->agency.text)
				   : sh[i].agency ? agency_name(c, sh[i].agency)
						  : sh[i].body;
		cell(c, false, NULL, 1, name ? name : "");
		struct qms_buf h;
		qms_buf_init(&h);
		if (measured)
			add_hours(c, &h, sh[i].hours);
		cell(c, false, NULL, 1, h.buf);
		qms_buf_reset(&h);
		if (sh[i].own && c->p->time_limit.committed.text)
			qms_buf_adds(&h, c->p->time_limit.committed.text);
		else if (sh[i].allowed)
			qms_buf_adds(&h, sh[i].allowed->text);
		else if (sh[i].procedure)
			qms_buf_printf(&h, tr(c, N_("as its procedure %s")), sh[i].procedure->text);
		cell(c, false, NULL, 1, h.buf);
		qms_buf_release(&h);
		c->w->ops->row_end(c->w);
	}
	c->w->ops->table_end(c->w);
	free(sh);
}

static void section_5(struct pd *c)
{
	heading(c, 2, "5", tr(c, N_("The procedure")));
	const struct qms_tthc *t = c->p->tthc.items;
	char num[32];
	size_t k = 0;
	for (; k < c->p->tthc.len; k++) {
		snprintf(num, sizeof(num), "5.%zu", k + 1);
		const char *name = t[k].name.text ? t[k].name.text : c->rp->title;
		heading(c, 3, num, name);
		tthc_record(c, &t[k]);
	}
	if (!c->p->tthc.len) {
		snprintf(num, sizeof(num), "5.%zu", ++k);
		heading(c, 3, num, tr(c, N_("Time limits")));
		time_limits(c);
		if (c->p->owner.text) {
			term(c, tr(c, N_("Owner")), c->p->owner.text);
			c->w->ops->terms_end(c->w);
		}
	}
	snprintf(num, sizeof(num), "5.%zu", ++k);
	heading(c, 3, num, tr(c, N_("Steps")));
	step_table(c);
	snprintf(num, sizeof(num), "5.%zu", ++k);
	shares_table(c, num);
}

/* ---- sections 6 and after ---- */

static void section_6_7(struct pd *c)
{
	const struct qms_process *p = c->p;
	heading(c, 2, "6", tr(c, N_("Forms")));
	const struct qms_form *forms = p->forms.items;
	if (p->forms.len) {
		/* TRANSLATORS: the heading of the column of the forms' names */
		const char *form = qms_tr_ctx(c->lang, "forms table", "Form");
		const char *heads[] = {tr(c, N_("No.")), tr(c, N_("Id")), form};
		static const unsigned widths[] = {8, 16, 76};
		table_head(c, NULL, NULL, 3, heads, widths, true);
		for (size_t i = 0; i < p->forms.len; i++) {
			c->w->ops->row_begin(c->w, NULL);
			qms_buf_reset(&c->tmp);
			qms_buf_printf(&c->tmp, "%zu", i + 1);
			char *n = qms_xstrdup(c->tmp.buf);
			cell(c, false, "num", 1, n);
			free(n);
			cell(c, false, NULL, 1, forms[i].id.text);
			cell(c, false, NULL, 1, forms[i].name.text);
			c->w->ops->row_end(c->w);
		}
		c->w->ops->table_end(c->w);
	} else {
		para(c, NULL, tr(c, N_("None.")));
	}
	heading(c, 2, "7", tr(c, N_("Records to keep")));
	const struct qms_record *recs = p->records.items;
	if (!p->records.len) {
		para(c, NULL, tr(c, N_("None.")));
		return;
	}
	const char *heads[] = {tr(c, N_("No.")), tr(c, N_("Record")), tr(c, N_("Kept by")), tr(c, N_("Retention"))};
	static const unsigned widths[] = {8, 48, 28, 16};
	table_head(c, NULL, NULL, 4, heads, widths, true);
	for (size_t i = 0; i < p->records.len; i++) {
		c->w->ops->row_begin(c->w, NULL);
		qms_buf_reset(&c->tmp);
		qms_buf_printf(&c->tmp, "%zu", i + 1);
		char *n = qms_xstrdup(c->tmp.buf);
		cell(c, false, "num", 1, n);
		free(n);
		cell(c, false, NULL, 1, recs[i].name.text);
		cell(c, false, NULL, 1, recs[i].keeper.text);
		cell(c, false, NULL, 1, recs[i].retention.text);
		c->w->ops->row_end(c->w);
	}
	c->w->ops->table_end(c->w);
}

/* What ISO 9001:2015 adds at process level, and who gets a copy. */
static void sections_after(struct pd *c)
{
	const struct qms_process *p = c->p;
	int next = 8;
	char num[8];
	const struct qms_risk *risks = p->risks.items;
	if (p->risks.len) {
		snprintf(num, sizeof(num), "%d", next++);
		heading(c, 2, num, tr(c, N_("Risks and actions")));
		const char *heads[] = {tr(c, N_("Risk")), tr(c, N_("Action"))};
		table_head(c, NULL, NULL, 2, heads, NULL, false);
		for (size_t i = 0; i < p->risks.len; i++) {
			c->w->ops->row_begin(c->w, NULL);
			cell(c, false, NULL, 1, risks[i].risk.text);
			cell(c, false, NULL, 1, risks[i].action.text);
			c->w->ops->row_end(c->w);
		}
		c->w->ops->table_end(c->w);
	}
	const struct qms_indicator *ind = p->indicators.items;
	if (p->indicators.len) {
		snprintf(num, sizeof(num), "%d", next++);
		heading(c, 2, num, tr(c, N_("Indicators")));
		for (size_t i = 0; i < p->indicators.len; i++) {
			c->w->ops->item_begin(c->w);
			c->w->ops->para_begin(c->w, NULL);
			text(c, ind[i].name.text);
			if (ind[i].target.text)
				textf(c, ": %s", ind[i].target.text);
			c->w->ops->para_end(c->w);
			c->w->ops->item_end(c->w);
		}
		c->w->ops->list_end(c->w);
	}
	if (p->document.distribution.len) {
		heading(c, 2, NULL, tr(c, N_("Distribution")));
		bullets(c, &p->document.distribution);
	}
}

void qms_procdoc_write(struct qms_docw *w, const struct qms_report *r, size_t pi, const struct qms_procdoc_hooks *hooks)
{
	struct pd c = {.w = w,
		       .r = r,
		       .rp = &r->procedures[pi],
		       .p = r->procedures[pi].process,
		       .pi = pi,
		       .lang = r->lang,
		       .hooks = hooks};
	qms_buf_init(&c.tmp);
	header_block(&c);
	issuing_decision(&c);
	signatures(&c);
	revisions(&c);
	sections_1_to_4(&c);
	section_5(&c);
	section_6_7(&c);
	sections_after(&c);
	qms_buf_release(&c.tmp);
}

/* The page of an agency in the static site: agencies/<id>.html. */
#include "site-internal.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "values.h"

/* ---- agency page ---- */

static void write_timeline(struct site *s, struct qms_buf *b, const struct qms_report_agency *a)
{
	qms_buf_adds(b, "<ol class=\"timeline\">\n");
	for (int k = 0; k < QMS_STAGE_COUNT; k++) {
		bool done = a->stage_done[k] >= 0;
		bool next = a->tracked && a->status.next_stage == k;
		bool late = next && (a->status.status == QMS_STATUS_OVERDUE || a->status.status == QMS_STATUS_AT_RISK);
		qms_buf_printf(b, "<li class=\"%s%s%s\"><span class=\"stage\">", done ? "done" : "todo",
			       next ? " next" : "", late ? " late" : "");
		escf(b, "%d. %s", k + 1, qms_stage_label(k, s->lang));
		qms_buf_adds(b, "</span><span class=\"date\">");
		if (done)
			esc(b, D(s, a->stage_done[k]));
		else if (next)
			esc(b, tr(s, N_("in progress")));
		else
			esc(b, tr(s, N_("not yet")));
		qms_buf_adds(b, "</span>");
		if (done && a->stage_evidence[k]) {
			qms_buf_adds(b, "<span class=\"ev\">");
			esc(b, a->stage_evidence[k]);
			qms_buf_adds(b, "</span>");
		}
		qms_buf_adds(b, "</li>\n");
	}
	qms_buf_adds(b, "</ol>\n");
}

static const struct qms_clause *top_clause(const struct qms_catalog *cat, const struct qms_clause *c)
{
	while (c->parent != SIZE_MAX)
		c = &cat->clauses[c->parent];
	return c;
}

/* The evidence of a clause, what is missing, or why it does not apply;
 * gap is scratch. */
static void coverage_evidence(struct site *s, struct qms_buf *b, const struct qms_coverage *c,
			      const struct qms_cov_row *row, struct qms_buf *gap)
{
	if (row->status == QMS_COV_NOT_APPLICABLE)
		esc(b, row->justification);
	const struct qms_cov_source *src = row->evidence;
	if (!src && row->status != QMS_COV_NOT_APPLICABLE) {
		qms_buf_reset(gap);
		qms_cov_gap_text(gap, c, row, s->lang);
		esc(b, gap->buf);
		src = row->gap_source;
		if (src)
			qms_buf_adds(b, ": ");
	}
	if (!src)
		return;
	size_t pi = src->kind == QMS_COV_PROCESS || src->kind == QMS_COV_RECORDS ? qms_site_find_proc(s->r, src->what)
										 : SIZE_MAX;
	if (pi != SIZE_MAX)
		qms_site_proc_link(s, b, pi, "../procedures/");
	else
		esc(b, src->what);
	if (src->title) {
		qms_buf_adds(b, " ");
		esc(b, src->title);
	}
	if (src->date >= 0) {
		qms_buf_adds(b, " (");
		esc(b, D(s, src->date));
		qms_buf_adds(b, ")");
	}
}

/* The clause-by-clause table of an agency's conformity, folded: each
 * clause with its status and its evidence, or what is missing. */
static void coverage_table(struct site *s, struct qms_buf *b, const struct qms_coverage *c)
{
	const char *const *cls = qms_cov_status_names;
	qms_buf_adds(b, "<details><summary>");
	esc(b, tr(s, N_("Clause by clause")));
	qms_buf_adds(b, "</summary>\n");
	const char *head[] = {tr(s, N_("Clause")), tr(s, N_("Title")), tr(s, N_("Status")),
			      tr(s, N_("Evidence, what is missing, or why not applicable")), NULL};
	struct qms_site_table t;
	qms_site_table_begin(&t, b, "table-wrap", NULL, head, "");
	struct qms_buf gap;
	qms_buf_init(&gap);
	for (size_t k = 0; k < c->nrows; k++) {
		const struct qms_cov_row *row = &c->rows[k];
		qms_site_row(&t, NULL);
		qms_site_text(&t, NULL, row->clause->number);
		qms_site_text(&t, NULL, qms_clause_title(row->clause, s->lang));
		qms_site_cell(&t, NULL);
		qms_buf_printf(b, "<span class=\"cell %s\">", cls[row->status]);
		esc(b, qms_cov_status_label(row->status, s->lang));
		qms_buf_adds(b, "</span>");
		qms_site_cell(&t, NULL);
		coverage_evidence(s, b, c, row, &gap);
	}
	qms_buf_release(&gap);
	qms_site_table_end(&t);
	qms_buf_adds(b, "</details>\n");
}

static void coverage_section(struct site *s, struct qms_buf *b, const struct qms_report_agency *a)
{
	const struct qms_coverage *c = &a->coverage;
	const struct qms_catalog *cat = c->catalog;
	qms_buf_adds(b, "<p>");
	escf(b, tr(s, N_("%s clauses as of %s: %s met, %s documented, %s missing, %s not applicable.")), N(s, c->nrows),
	     D(s, c->as_of), N(s, c->count[QMS_COV_MET]), N(s, c->count[QMS_COV_DOCUMENTED]),
	     N(s, c->count[QMS_COV_MISSING]), N(s, c->count[QMS_COV_NOT_APPLICABLE]));
	if (c->system_path) {
		qms_buf_adds(b, " <span class=\"muted\">");
		escf(b, tr(s, N_("System: %s")), c->system_path);
		qms_buf_adds(b, "</span>");
	} else {
		qms_buf_adds(b, " ");
		esc(b, tr(s, N_("No system model (system.yaml): procedures only.")));
	}
	qms_buf_adds(b, "</p>\n<div class=\"matrix\">\n");
	const char *const *cls = qms_cov_status_names;
	const struct qms_clause *group = NULL;
	for (size_t k = 0; k < c->nrows; k++) {
		const struct qms_cov_row *row = &c->rows[k];
		const struct qms_clause *top = top_clause(cat, row->clause);
		if (top != group) {
			if (group)
				qms_buf_adds(b, "</div></div>\n");
			group = top;
			qms_buf_adds(b, "<div class=\"group\"><h4>");
			escf(b, "%s %s", top->number, qms_clause_title(top, s->lang));
			qms_buf_adds(b, "</h4><div class=\"cells\">");
		}
		qms_buf_printf(b, "<span class=\"cell %s\" title=\"", cls[row->status]);
		escf(b, "%s %s", row->clause->number, qms_clause_title(row->clause, s->lang));
		qms_buf_adds(b, "\">");
		esc(b, row->clause->number);
		qms_buf_adds(b, "</span>");
	}
	if (group)
		qms_buf_adds(b, "</div></div>\n");
	qms_buf_adds(b, "</div>\n<p class=\"legend\">");
	for (int k = 0; k < QMS_COV_STATUS_COUNT; k++) {
		qms_buf_printf(b, "%s<span class=\"cell %s\">", k ? " " : "", cls[k]);
		esc(b, qms_cov_status_label((enum qms_cov_status)k, s->lang));
		qms_buf_adds(b, "</span>");
	}
	qms_buf_adds(b, "</p>\n");
	coverage_table(s, b, c);
}

static void procedures_table(struct site *s, struct qms_buf *b, size_t agency)
{
	const struct qms_report *r = s->r;
	static const char *const names[] = {
		N_("Code"),      "Title",   N_("Standard"),      N_("Edition"), N_("Effective"), N_("Statutory limit"),
		N_("Committed"), N_("Cut"), N_("Open findings"), N_("Errors"),  N_("Warnings"),  NULL};
	const char *head[sizeof(names) / sizeof(names[0])];
	tr_all(s, head, names);
	/* TRANSLATORS: the heading of the column of the procedures' titles */
	head[1] = qms_tr_ctx(s->lang, "procedure", "Title");
	struct qms_site_table t;
	qms_site_table_begin(&t, b, "table-wrap", NULL, head, "lllllllrrrr");
	for (size_t i = 0; i < r->nprocedures; i++) {
		const struct qms_report_procedure *p = &r->procedures[i];
		if (p->agency_index != agency)
			continue;
		const struct qms_process *pr = p->process;
		size_t open = 0;
		for (size_t k = 0; k < r->nfindings; k++)
			open += r->findings[k].procedure == i &&
				(r->findings[k].state == QMS_ACTION_OPEN || r->findings[k].state == QMS_ACTION_OVERDUE);
		qms_site_row(&t, NULL);
		qms_site_cell(&t, "nowrap");
		qms_site_proc_link(s, b, i, "../procedures/");
		qms_site_text(&t, NULL, p->title);
		qms_site_text(&t, "nowrap", p->standard >= 0 ? qms_standard_names[p->standard] : "");
		qms_site_text(&t, "num", pr ? pr->edition.text : NULL);
		qms_site_text(&t, "nowrap", pr && pr->effective.text ? D(s, pr->effective.date) : "");
		qms_site_text(&t, NULL, pr ? pr->time_limit.statutory.text : NULL);
		qms_site_text(&t, NULL, pr ? pr->time_limit.committed.text : NULL);
		qms_site_cell(&t, "num");
		if (p->timed) {
			if (!p->meets_cut)
				qms_buf_adds(b, "<span class=\"badge overdue\">");
			esc(b, P(s, p->cut_tenths));
			if (!p->meets_cut)
				qms_buf_adds(b, "</span>");
		}
		qms_site_textf(&t, "num", "%zu", open);
		qms_site_textf(&t, "num", "%zu", p->errors);
		qms_site_textf(&t, "num", "%zu", p->warnings);
	}
	qms_site_table_end(&t);
}

/* The name, the status and the deadline; the system before the
 * conversion. */
static void agency_head(struct site *s, struct qms_buf *b, size_t ai)
{
	const struct qms_report_agency *a = &s->r->agencies[ai];
	qms_buf_adds(b, "<h1>");
	esc(b, a->name);
	qms_buf_adds(b, "</h1>\n<p>");
	qms_site_status_badge(s, b, a);
	qms_buf_adds(b, " <span class=\"muted\">");
	escf(b, "%s%s%s", qms_level_label(a->level, s->lang), a->level >= 0 ? " · " : "", a->id);
	qms_buf_adds(b, "</span>");
	const struct qms_agency_status *st = &a->status;
	if (a->tracked && st->deadline >= 0) {
		qms_buf_adds(b, " · ");
		if (st->status == QMS_STATUS_DONE)
			escf(b, tr(s, N_("announced %s (deadline %s)")), D(s, st->announced), D(s, st->deadline));
		else if (st->days_left < 0)
			escf(b, tr(s, N_("deadline %s, %ld days overdue")), D(s, st->deadline), (long)-st->days_left);
		else
			escf(b, tr(s, N_("deadline %s, %ld days left")), D(s, st->deadline), (long)st->days_left);
	}
	qms_buf_adds(b, "</p>\n");
	const struct qms_agency_file *t = a->tracker;
	if (t && t->migration.from.standard.text) {
		const struct qms_migration_from *f = &t->migration.from;
		qms_buf_adds(b, "<p class=\"muted\">");
		escf(b, tr(s, N_("System before the conversion: %s")), f->standard.text);
		if (f->announced.text)
			escf(b, tr(s, N_(", announced %s")), D(s, f->announced.date));
		if (f->decision.text)
			escf(b, " (%s)", f->decision.text);
		qms_buf_adds(b, ".</p>\n");
	}
}

static void agency_nav(struct site *s, struct qms_buf *b)
{
	qms_buf_adds(b, "<nav class=\"toc\"><a href=\"../index.html\">");
	esc(b, tr(s, N_("Home")));
	qms_buf_adds(b, "</a><a href=\"#stages\">");
	esc(b, tr(s, N_("Stages")));
	qms_buf_adds(b, "</a><a href=\"#audits\">");
	esc(b, tr(s, N_("Audits")));
	qms_buf_adds(b, "</a><a href=\"#coverage\">");
	esc(b, tr(s, N_("Coverage")));
	qms_buf_adds(b, "</a><a href=\"#procedures\">");
	esc(b, tr(s, N_("Procedures")));
	qms_buf_adds(b, "</a><a href=\"#map\">");
	esc(b, tr(s, N_("Interaction map")));
	qms_buf_adds(b, "</a><a href=\"#check\">");
	esc(b, tr(s, N_("Check")));
	qms_buf_adds(b, "</a></nav>\n");
}

static void agency_stages(struct site *s, struct qms_buf *b, size_t ai)
{
	const struct qms_report_agency *a = &s->r->agencies[ai];
	section_begin(b, "stages", NULL, tr(s, N_("Conversion to ISO 9001:2015")));
	if (!a->tracked) {
		qms_buf_adds(b, "<p>");
		escf(b, tr(s, N_("The agency has no tracker audits/%s.yaml.")), a->id);
		qms_buf_adds(b, "</p>\n");
	} else {
		write_timeline(s, b, a);
	}
	qms_buf_adds(b, "</section>\n");
}

/* One audit of the agency: its heading, who, what, and its findings. */
static void agency_audit(struct site *s, struct qms_buf *b, size_t i)
{
	const struct qms_report *r = s->r;
	const struct qms_audit *au = r->audits[i].audit;
	qms_buf_printf(b, "<h3 id=\"audit-%zu\">", i);
	escf(b, "%s · %s · %s", au->id.text ? au->id.text : "?",
	     au->kind.text ? qms_audit_kind_label(au->kind.choice, s->lang) : "", D(s, au->date.date));
	qms_buf_adds(b, "</h3>\n<p class=\"muted\">");
	if (au->standard.text)
		escf(b, "%s. ", au->standard.text);
	const struct qms_value *names = au->auditors.items;
	if (au->auditors.len) {
		esc(b, tr(s, N_("Auditors: ")));
		for (size_t k = 0; k < au->auditors.len; k++)
			escf(b, "%s%s", k ? ", " : "", names[k].text ? names[k].text : "");
		qms_buf_adds(b, ". ");
	}
	const struct qms_value *scope = au->scope.items;
	if (au->scope.len) {
		esc(b, tr(s, N_("Scope: ")));
		for (size_t k = 0; k < au->scope.len; k++) {
			if (k)
				qms_buf_adds(b, ", ");
			size_t pi = scope[k].text ? qms_site_find_proc(r, scope[k].text) : SIZE_MAX;
			if (pi != SIZE_MAX)
				qms_site_proc_link(s, b, pi, "../procedures/");
			else
				esc(b, scope[k].text);
		}
		qms_buf_adds(b, ".");
	}
	qms_buf_adds(b, "</p>\n");
	if (!au->findings.len) {
		para(b, tr(s, N_("No finding.")));
	} else {
		qms_site_findings_table(s, b, i, SIZE_MAX, "../procedures/");
	}
}

static void agency_audits(struct site *s, struct qms_buf *b, size_t ai)
{
	const struct qms_report *r = s->r;
	const struct qms_report_agency *a = &r->agencies[ai];
	section_begin(b, "audits", NULL, tr(s, N_("Audits, inspections and findings")));
	qms_buf_adds(b, "<p>");
	size_t unfinished = a->actions[QMS_ACTION_OPEN] + a->actions[QMS_ACTION_OVERDUE];
	escf(b,
	     qms_tr_n(s->lang,
		      "By %s: %s audit or inspection (%s in the period); corrective actions: %s open (%s overdue), %s "
		      "not verified, %s verified.",
		      "By %s: %s audits and inspections (%s in the period); corrective actions: %s open (%s "
		      "overdue), %s not verified, %s verified.",
		      a->audits_total),
	     D(s, r->as_of), N(s, a->audits_total), N(s, a->audits_period), N(s, unfinished),
	     N(s, a->actions[QMS_ACTION_OVERDUE]), N(s, a->actions[QMS_ACTION_UNVERIFIED]),
	     N(s, a->actions[QMS_ACTION_VERIFIED]));
	qms_buf_adds(b, "</p>\n");
	for (size_t i = 0; i < r->naudits; i++)
		if (r->audits[i].agency == ai)
			agency_audit(s, b, i);
	if (!a->audits_total) {
		para(b, tr(s, N_("No audit or inspection yet.")));
	}
	qms_buf_adds(b, "</section>\n");
}

static void agency_coverage(struct site *s, struct qms_buf *b, size_t ai)
{
	const struct qms_report *r = s->r;
	const struct qms_report_agency *a = &r->agencies[ai];
	section_begin(b, "coverage", NULL, tr(s, N_("Coverage of ISO 9001:2015, clause by clause")));
	if (a->assessed) {
		coverage_section(s, b, a);
	} else {
		para(b, r->have_catalog ? tr(s, N_("No system documents in processes/: not assessed."))
					: tr(s, N_("The clause catalog was not found.")));
	}
	qms_buf_adds(b, "</section>\n");
}

static void agency_procedures(struct site *s, struct qms_buf *b, size_t ai)
{
	const struct qms_report_agency *a = &s->r->agencies[ai];
	section_begin(b, "procedures", NULL, tr(s, N_("Procedures")));
	if (a->procedures) {
		procedures_table(s, b, ai);
	} else {
		para(b, tr(s, N_("No procedure yet.")));
	}
	qms_buf_adds(b, "</section>\n");
}

static void agency_map(struct site *s, struct qms_buf *b, size_t ai)
{
	const struct qms_report_agency *a = &s->r->agencies[ai];
	section_begin(b, "map", NULL, tr(s, N_("Interaction map of the procedures")));
	if (s->has_map[ai]) {
		struct qms_buf file, label;
		qms_buf_init(&file);
		qms_buf_init(&label);
		qms_buf_printf(&file, QMS_RENDER_MAPS "/%s.svg", a->id);
		qms_buf_printf(&label, tr(s, N_("Interaction map of %s")), a->name);
		qms_buf_adds(b, "<figure><div class=\"diagram-box\">");
		qms_site_add_diagram(s, b, file.buf, "../", "../procedures/", label.buf);
		qms_buf_adds(b, "</div><figcaption>");
		esc(b, tr(s, N_("Each box is a procedure (click to open it); arrows: one procedure calls another. ")));
		qms_buf_adds(b, "<a href=\"../diagrams/");
		esc(b, file.buf);
		qms_buf_adds(b, "\">SVG</a></figcaption></figure>\n");
		qms_buf_release(&file);
		qms_buf_release(&label);
	} else {
		para(b, tr(s, N_("No map (no procedure).")));
	}
	qms_buf_adds(b, "</section>\n");
}

static void agency_check(struct site *s, struct qms_buf *b, size_t ai)
{
	const struct qms_report_agency *a = &s->r->agencies[ai];
	section_begin(b, "check", NULL, tr(s, N_("Check of the files (qms check)")));
	qms_site_diags_section(s, b, a->id, NULL);
	qms_buf_adds(b, "</section>\n");
}

void qms_site_write_agency(struct site *s, struct qms_buf *b, size_t ai)
{
	qms_site_page_begin(s, b, "../", s->r->agencies[ai].name, NULL);
	agency_head(s, b, ai);
	agency_nav(s, b);
	agency_stages(s, b, ai);
	agency_audits(s, b, ai);
	agency_coverage(s, b, ai);
	agency_procedures(s, b, ai);
	agency_map(s, b, ai);
	agency_check(s, b, ai);
	qms_site_page_end(s, b);
}

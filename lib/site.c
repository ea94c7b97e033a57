/* The static site. See site.h. */
#include "site.h"
#include "table.h"
#include "i18n.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "board.h"
#include "fs.h"
#include "flow.h"
#include "html.h"
#include "site-dir.h"
#include "site-memo.h"
#include "procdoc.h"
#include "results.h"
#include "values.h"
#include "workspace.h"

#define MARKER_HEAD "qms site 1\n"
#define RING 16

struct site {
	const struct qms_report *r;
	const struct qms_dir *out;     /* the new site's folder (a stage) */
	enum qms_lang lang;
	bool vi;
	struct qms_strlist files;      /* written, relative to out */
	struct qms_site_result *res;
	bool *has_diagram;             /* per procedure */
	bool *has_map;                 /* per agency */
	char ring[RING][96];
	unsigned ri;
	struct qms_buf tmp;
	char cwd[PATH_MAX];
	struct qms_site_memo *memo;    /* opt->memo */
	bool in_place;                 /* out is the site folder itself (site-memo.h) */
};

/* ---- small things ---- */

static const char *L(const struct site *s, const char *vi, const char *en)
{
	return s->vi ? vi : en;
}

static const char *slot(struct site *s)
{
	char *p = s->ring[s->ri++ % RING];
	snprintf(p, sizeof(s->ring[0]), "%s", s->tmp.buf);
	qms_buf_reset(&s->tmp);
	return p;
}

/* A date as the report writes it; "" for none. */
static const char *D(struct site *s, int32_t d)
{
	if (d < 0)
		return "";
	qms_report_add_date(&s->tmp, d, s->lang, false);
	return slot(s);
}

static const char *N(struct site *s, size_t n)
{
	qms_report_add_count(&s->tmp, n, s->lang);
	return slot(s);
}

static const char *P(struct site *s, int tenths)
{
	qms_report_add_percent(&s->tmp, tenths, s->lang);
	return slot(s);
}

static void esc(struct qms_buf *b, const char *t)
{
	qms_html_add_text(b, t ? t : "");
}

static void escf(struct qms_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void escf(struct qms_buf *b, const char *fmt, ...)
{
	struct qms_buf t;
	qms_buf_init(&t);
	va_list ap;
	va_start(ap, fmt);
	qms_buf_vprintf(&t, fmt, ap);
	va_end(ap);
	qms_html_add_textn(b, t.buf, t.len);
	qms_buf_release(&t);
}

static void page_link(struct qms_buf *b, const char *prefix, const char *id)
{
	qms_buf_adds(b, prefix);
	qms_html_add_page_name(b, id);
	qms_buf_adds(b, ".html");
}

static void agency_link(struct site *s, struct qms_buf *b, size_t i, const char *prefix, bool short_name)
{
	const struct qms_report_agency *a = &s->r->agencies[i];
	qms_buf_adds(b, "<a href=\"");
	page_link(b, prefix, a->id);
	qms_buf_adds(b, "\">");
	esc(b, short_name ? a->short_name : a->name);
	qms_buf_adds(b, "</a>");
}

static void proc_link(struct site *s, struct qms_buf *b, size_t i, const char *prefix)
{
	const struct qms_report_procedure *p = &s->r->procedures[i];
	if (p->duplicate || !*p->code) {
		esc(b, *p->code ? p->code : "?");
		return;
	}
	qms_buf_adds(b, "<a href=\"");
	page_link(b, prefix, p->code);
	qms_buf_adds(b, "\">");
	esc(b, p->code);
	qms_buf_adds(b, "</a>");
}

static size_t find_proc(const struct qms_report *r, const char *code)
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

static void status_badge(struct site *s, struct qms_buf *b, const struct qms_report_agency *a)
{
	if (!a->tracked) {
		qms_buf_adds(b, "<span class=\"badge\">");
		esc(b, L(s, "chưa theo dõi", "not tracked"));
		qms_buf_adds(b, "</span>");
		return;
	}
	qms_buf_printf(b, "<span class=\"badge %s\">", status_class(a->status.status));
	esc(b, qms_status_label(a->status.status, s->lang));
	qms_buf_adds(b, "</span>");
}

static const char *const grade_class[] = {"major", "minor", "observation", "improvement"};

static void grade_badge(struct site *s, struct qms_buf *b, int grade)
{
	qms_buf_printf(b, "<span class=\"badge %s\">", grade >= 0 && grade < 4 ? grade_class[grade] : "");
	esc(b, qms_grade_label(grade, s->lang));
	qms_buf_adds(b, "</span>");
}

/* ---- files ---- */

/* Into the stage of the new site (site-dir.h), flushed once before it is
 * shown rather than file by file. */
static int write_out(struct site *s, const char *rel, const char *data, size_t len, char **err)
{
	int rc = s->memo ? qms_site_memo_write(s->memo, s->in_place, s->out, rel, data, len, err)
			 : qms_dir_write(s->out, rel, data, len, QMS_WRITE_NO_SYNC, err);
	if (rc == 0)
		qms_strlist_push(&s->files, qms_xstrdup(rel));
	return rc;
}

static bool has_file(struct site *s, const char *rel)
{
	/* in place, a diagram of an earlier build may be there: this one's? */
	if (s->in_place && !strncmp(rel, "diagrams/", 9))
		return qms_site_memo_has_diagram(s->memo, rel + 9);
	struct stat st;
	return qms_dir_stat(s->out, rel, &st) == 0 && S_ISREG(st.st_mode);
}

/* ---- pages ---- */

static void page_begin(struct site *s, struct qms_buf *b, const char *root, const char *title,
		       const char *main_class)
{
	qms_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		       s->vi ? "vi" : "en");
	esc(b, title);
	qms_buf_printf(b, "</title>\n<link rel=\"stylesheet\" href=\"%sstyle.css\">\n</head>\n<body>\n", root);
	qms_buf_printf(b, "<header class=\"topbar\"><a href=\"%sindex.html\">", root);
	escf(b, "%s%sISO 9001:2015", s->r->workspace, *s->r->workspace ? " · " : "");
	qms_buf_adds(b, "</a><span class=\"where\">");
	escf(b, s->vi ? "Tình hình đến ngày %s" : "As of %s", D(s, s->r->as_of));
	qms_buf_printf(b, "</span></header>\n<main%s%s%s>\n", main_class ? " class=\"" : "",
		       main_class ? main_class : "", main_class ? "\"" : "");
}

static void page_end(struct site *s, struct qms_buf *b)
{
	qms_buf_adds(b, "</main>\n<footer class=\"site\">");
	escf(b, s->vi ? "Lập bằng qms từ bộ hồ sơ YAML của không gian làm việc; số liệu đến ngày %s."
		      : "Made by qms from the YAML files of the workspace; figures as of %s.",
	     D(s, s->r->as_of));
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
	size_t i = find_proc(c->s->r, code);
	if (i != SIZE_MAX)
		page_link(out, c->prefix, code);
	free(code);
	return i == SIZE_MAX ? -1 : 0;
}

/* The diagram diagrams/<file> inline, or as an image when it cannot be
 * inlined safely. */
static void add_diagram(struct site *s, struct qms_buf *b, const char *file, const char *root,
			const char *proc_prefix, const char *label)
{
	char *rel = qms_path_join("diagrams", file);
	struct qms_buf svg;
	qms_buf_init(&svg);
	char *err = NULL;
	struct link_ctx lc = {s, proc_prefix};
	bool inlined = qms_dir_read(s->out, rel, &svg, &err) == 0 &&
		       qms_html_add_svg(b, svg.buf, svg.len, label, "diagram", diagram_link, &lc) == 0;
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

/* ---- index ---- */

static void card(struct qms_buf *b, const char *id, const char *cls, const char *n, const char *label)
{
	qms_buf_printf(b, "<div class=\"card%s%s\" id=\"%s\"><span class=\"n\">", cls ? " " : "", cls ? cls : "", id);
	esc(b, n);
	qms_buf_adds(b, "</span><span class=\"l\">");
	esc(b, label);
	qms_buf_adds(b, "</span></div>\n");
}

static void write_index(struct site *s, struct qms_buf *b)
{
	const struct qms_report *r = s->r;
	struct qms_buf title;
	qms_buf_init(&title);
	qms_buf_printf(&title, s->vi ? "Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015%s%s"
				     : "ISO 9001:2015 quality management%s%s",
		       *r->workspace ? " - " : "", r->workspace);
	page_begin(s, b, "", title.buf, NULL);
	qms_buf_adds(b, "<h1>");
	esc(b, title.buf);
	qms_buf_adds(b, "</h1>\n<p class=\"muted\">");
	qms_report_add_date(&s->tmp, r->as_of, s->lang, true);
	const char *asof = slot(s);
	qms_report_add_date(&s->tmp, r->period_start, s->lang, true);
	const char *from = slot(s);
	qms_report_add_period(&s->tmp, r, s->lang);
	const char *period = slot(s);
	escf(b, s->vi ? "Số liệu tính đến ngày %s; kỳ báo cáo: %s (từ ngày %s)." :
			"Figures as of %s; reporting period: %s (from %s).", asof, period, from);
	qms_buf_adds(b, "</p>\n<div class=\"cards\" id=\"totals\">\n");
	card(b, "total-agencies", NULL, N(s, r->tracked), L(s, "cơ quan theo dõi", "agencies tracked"));
	card(b, "total-done", "done", N(s, r->by_status[QMS_STATUS_DONE]), L(s, "đã công bố", "announced"));
	card(b, "total-overdue", "overdue", N(s, r->by_status[QMS_STATUS_OVERDUE]), L(s, "quá hạn", "overdue"));
	card(b, "total-at-risk", "at-risk", N(s, r->by_status[QMS_STATUS_AT_RISK]),
	     L(s, "có nguy cơ chậm", "at risk"));
	card(b, "total-on-track", "on-track", N(s, r->by_status[QMS_STATUS_ON_TRACK]),
	     L(s, "đúng tiến độ", "on track"));
	card(b, "total-procedures", NULL, N(s, r->nprocedures), L(s, "quy trình", "procedures"));
	card(b, "total-findings", NULL, N(s, r->findings_period), L(s, "phát hiện trong kỳ", "findings in the period"));
	card(b, "total-actions-open", NULL, N(s, r->actions[QMS_ACTION_OPEN] + r->actions[QMS_ACTION_OVERDUE]),
	     L(s, "khắc phục chưa xong", "actions open"));
	qms_buf_adds(b, "</div>\n<nav class=\"toc\">");
	qms_buf_adds(b, "<a href=\"#report\">");
	esc(b, L(s, "Báo cáo", "Report"));
	qms_buf_adds(b, "</a><a href=\"#board\">");
	esc(b, L(s, "Bảng tiến độ", "Migration board"));
	qms_buf_adds(b, "</a><a href=\"#agencies\">");
	esc(b, L(s, "Danh sách cơ quan", "Agencies"));
	qms_buf_adds(b, "</a><a href=\"report.md\">report.md</a><a href=\"report.json\">report.json</a>"
			"<a href=\"report.csv\">report.csv</a></nav>\n");

	qms_buf_adds(b, "<section id=\"board\">\n<h2>");
	esc(b, L(s, "Bảng theo dõi tiến độ chuyển đổi", "Migration board"));
	qms_buf_adds(b, "</h2>\n<figure><div class=\"board\"><img src=\"board.svg\" alt=\"");
	esc(b, L(s, "Bảng theo dõi: mỗi cơ quan ở cột giai đoạn tiếp theo, tô màu theo tình trạng",
		 "The board: each agency in the column of its next stage, coloured by status"));
	qms_buf_adds(b, "\"></div><figcaption>");
	esc(b, L(s, "Mỗi cơ quan ở cột giai đoạn tiếp theo của mình; màu theo tình trạng. ",
		 "Each agency stands in the column of its next stage, coloured by its status. "));
	qms_buf_adds(b, "<a href=\"board.svg\">");
	esc(b, L(s, "Mở bảng ở kích thước đầy đủ", "Open the board full size"));
	qms_buf_adds(b, "</a></figcaption></figure>\n</section>\n");

	qms_buf_adds(b, "<section id=\"report\">\n");
	qms_report_format_html_body(b, r, true);
	qms_buf_adds(b, "</section>\n");

	qms_buf_adds(b, "<section id=\"agencies\">\n<h2>");
	esc(b, L(s, "Danh sách cơ quan", "Agencies"));
	qms_buf_adds(b, "</h2>\n<div class=\"table-wrap\"><table class=\"full\">\n<thead><tr>");
	const char *head_vi[] = {"Cơ quan", "Cấp", "Tình trạng", "Giai đoạn tiếp theo", "Hạn", "Còn (ngày)",
				 "Quy trình", "Phát hiện trong kỳ", "Khắc phục chưa xong", "Lỗi", "Cảnh báo",
				 "Điều khoản chưa đáp ứng"};
	const char *head_en[] = {"Agency", "Level", "Status", "Next stage", "Deadline", "Days left",
				 "Procedures", "Findings in the period", "Actions open", "Errors", "Warnings",
				 "Clauses not met"};
	static const bool numeric[] = {false, false, false, false, false, true,
				       true, true, true, true, true, true};
	for (size_t k = 0; k < QMS_ARRAY_LEN(head_vi); k++) {
		qms_buf_adds(b, numeric[k] ? "<th class=\"num\">" : "<th>");
		esc(b, (s->vi ? head_vi : head_en)[k]);
		qms_buf_adds(b, "</th>");
	}
	qms_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->nagencies; i++) {
		const struct qms_report_agency *a = &r->agencies[i];
		const struct qms_agency_status *st = &a->status;
		qms_buf_adds(b, "<tr><td class=\"name\">");
		agency_link(s, b, i, "agencies/", true);
		qms_buf_adds(b, "</td><td>");
		esc(b, qms_level_label(a->level, s->lang));
		qms_buf_adds(b, "</td><td>");
		status_badge(s, b, a);
		qms_buf_adds(b, "</td><td>");
		if (a->tracked)
			esc(b, st->next_stage >= 0 ? qms_stage_label(st->next_stage, s->lang) : "-");
		qms_buf_adds(b, "</td><td class=\"nowrap\">");
		if (a->tracked)
			esc(b, D(s, st->deadline));
		qms_buf_adds(b, "</td><td class=\"num\">");
		if (a->tracked && st->deadline >= 0 && st->status != QMS_STATUS_DONE)
			qms_buf_printf(b, "%ld", (long)st->days_left);
		qms_buf_printf(b, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
				  "<td class=\"num\">%zu</td><td class=\"num\">%zu</td><td class=\"num\">",
			       a->procedures, a->findings_period,
			       a->actions[QMS_ACTION_OPEN] + a->actions[QMS_ACTION_OVERDUE], a->errors, a->warnings);
		if (a->assessed)
			qms_buf_printf(b, "%zu", a->coverage.count[QMS_COV_DOCUMENTED] + a->coverage.count[QMS_COV_MISSING]);
		qms_buf_adds(b, "</td></tr>\n");
	}
	qms_buf_adds(b, "</tbody>\n</table></div>\n</section>\n");
	page_end(s, b);
	qms_buf_release(&title);
}

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
			esc(b, L(s, "đang thực hiện", "in progress"));
		else
			esc(b, L(s, "chưa thực hiện", "not yet"));
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

static void finding_status(struct site *s, struct qms_buf *b, const struct qms_report_finding *f)
{
	const struct qms_finding *fd = f->finding;
	switch (f->state) {
	case QMS_ACTION_NONE:
		esc(b, qms_action_state_label(f->state, s->lang));
		break;
	case QMS_ACTION_OPEN:
		esc(b, qms_action_state_label(f->state, s->lang));
		break;
	case QMS_ACTION_OVERDUE:
		qms_buf_adds(b, "<span class=\"badge overdue\">");
		escf(b, s->vi ? "Quá hạn %d ngày" : "%d days overdue", (int)f->days_overdue);
		qms_buf_adds(b, "</span>");
		break;
	case QMS_ACTION_UNVERIFIED:
		escf(b, s->vi ? "Đã khắc phục %s, chưa kiểm tra hiệu lực" : "Closed %s, not verified",
		     D(s, fd->closed.date));
		break;
	case QMS_ACTION_VERIFIED:
		escf(b, s->vi ? "Đã khắc phục %s, kiểm tra hiệu lực %s" : "Closed %s, verified %s",
		     D(s, fd->closed.date), D(s, fd->verified.date));
		break;
	default:
		break;
	}
}

struct site_step_ctx {
	struct site *s;
	size_t pi;
};

/* The step of a finding: "B3 Thẩm định hồ sơ" as the procedure's page
 * and diagram number it, else the id the tracker gives. */
static void finding_step(struct site *s, struct qms_buf *b, const struct qms_report_finding *f)
{
	const char *id = f->finding->step.text;
	if (!id)
		return;
	const struct qms_process *p =
		f->procedure != SIZE_MAX ? s->r->procedures[f->procedure].process : NULL;
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

/* The findings table of an audit (agency page) or of a procedure
 * (procedure page: audit given per row). */
static void findings_table(struct site *s, struct qms_buf *b, size_t audit, size_t procedure,
			   const char *proc_prefix)
{
	const struct qms_report *r = s->r;
	bool for_proc = procedure != SIZE_MAX;
	qms_buf_adds(b, "<div class=\"table-wrap findings\"><table>\n<thead><tr>");
	const char *vi[] = {for_proc ? "Cơ quan, cuộc đánh giá" : NULL, "Phát hiện", "Điều khoản",
			    for_proc ? "Bước" : "Quy trình, bước", "Nội dung", "Nguyên nhân, hành động khắc phục",
			    "Hạn", "Tình trạng"};
	const char *en[] = {for_proc ? "Agency, audit" : NULL, "Finding", "Clause", for_proc ? "Step" : "Procedure, step",
			    "Finding text", "Cause, corrective action", "Due", "Status"};
	for (size_t k = 0; k < QMS_ARRAY_LEN(vi); k++) {
		if (!vi[k])
			continue;
		qms_buf_adds(b, "<th>");
		esc(b, s->vi ? vi[k] : en[k]);
		qms_buf_adds(b, "</th>");
	}
	qms_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct qms_report_finding *f = &r->findings[i];
		if (for_proc ? f->procedure != procedure : f->audit != audit)
			continue;
		const struct qms_finding *fd = f->finding;
		qms_buf_printf(b, "<tr id=\"finding-%zu\">", i);
		if (for_proc) {
			const struct qms_audit *au = r->audits[f->audit].audit;
			qms_buf_adds(b, "<td>");
			agency_link(s, b, f->agency, "../agencies/", true);
			qms_buf_adds(b, "<br>");
			escf(b, "%s, %s", au->id.text ? au->id.text : "?", D(s, au->date.date));
			qms_buf_adds(b, "</td>");
		}
		qms_buf_adds(b, "<td class=\"nowrap\">");
		esc(b, fd->id.text ? fd->id.text : "?");
		qms_buf_adds(b, "<br>");
		grade_badge(s, b, f->grade);
		qms_buf_adds(b, "</td><td>");
		esc(b, fd->clause.text);
		qms_buf_adds(b, "</td><td>");
		if (!for_proc && fd->process.text) {
			if (f->procedure != SIZE_MAX)
				proc_link(s, b, f->procedure, proc_prefix);
			else
				esc(b, fd->process.text);
			if (fd->step.text)
				qms_buf_adds(b, "<br>");
		}
		finding_step(s, b, f);
		qms_buf_adds(b, "</td><td>");
		esc(b, fd->text.text);
		qms_buf_adds(b, "</td><td>");
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
		qms_buf_adds(b, "</td><td class=\"nowrap\">");
		if (fd->due.text)
			esc(b, D(s, fd->due.date));
		qms_buf_adds(b, "</td><td>");
		finding_status(s, b, f);
		qms_buf_adds(b, "</td></tr>\n");
	}
	qms_buf_adds(b, "</tbody>\n</table></div>\n");
}

static const struct qms_clause *top_clause(const struct qms_catalog *cat, const struct qms_clause *c)
{
	while (c->parent != SIZE_MAX)
		c = &cat->clauses[c->parent];
	return c;
}

/* The clause-by-clause table of an agency's conformity, folded: each
 * clause with its status and its evidence, or what is missing. */
static void coverage_table(struct site *s, struct qms_buf *b, const struct qms_coverage *c)
{
	const char *const *cls = qms_cov_status_names;
	qms_buf_adds(b, "<details><summary>");
	esc(b, L(s, "Chi tiết theo điều khoản", "Clause by clause"));
	qms_buf_adds(b, "</summary>\n<div class=\"table-wrap\"><table>\n<thead><tr><th>");
	esc(b, L(s, "Điều khoản", "Clause"));
	qms_buf_adds(b, "</th><th>");
	esc(b, L(s, "Tên", "Title"));
	qms_buf_adds(b, "</th><th>");
	esc(b, L(s, "Tình trạng", "Status"));
	qms_buf_adds(b, "</th><th>");
	esc(b, L(s, "Bằng chứng, điều còn thiếu hoặc lý do không áp dụng", "Evidence, what is missing, or why not applicable"));
	qms_buf_adds(b, "</th></tr></thead>\n<tbody>\n");
	struct qms_buf gap;
	qms_buf_init(&gap);
	for (size_t k = 0; k < c->nrows; k++) {
		const struct qms_cov_row *row = &c->rows[k];
		qms_buf_adds(b, "<tr><td>");
		esc(b, row->clause->number);
		qms_buf_adds(b, "</td><td>");
		esc(b, s->vi && row->clause->vi ? row->clause->vi : row->clause->en);
		qms_buf_printf(b, "</td><td><span class=\"cell %s\">", cls[row->status]);
		esc(b, qms_cov_status_label(row->status, s->lang));
		qms_buf_adds(b, "</span></td><td>");
		if (row->status == QMS_COV_NOT_APPLICABLE)
			esc(b, row->justification);
		const struct qms_cov_source *src = row->evidence;
		if (!src && row->status != QMS_COV_NOT_APPLICABLE) {
			qms_buf_reset(&gap);
			qms_cov_gap_text(&gap, c, row, s->lang);
			esc(b, gap.buf);
			src = row->gap_source;
			if (src)
				qms_buf_adds(b, ": ");
		}
		if (src) {
			if (src->kind == QMS_COV_PROCESS || src->kind == QMS_COV_RECORDS) {
				size_t pi = find_proc(s->r, src->what);
				if (pi != SIZE_MAX)
					proc_link(s, b, pi, "../procedures/");
				else
					esc(b, src->what);
			} else {
				esc(b, src->what);
			}
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
		qms_buf_adds(b, "</td></tr>\n");
	}
	qms_buf_release(&gap);
	qms_buf_adds(b, "</tbody>\n</table></div>\n</details>\n");
}

static void coverage_section(struct site *s, struct qms_buf *b, const struct qms_report_agency *a)
{
	const struct qms_coverage *c = &a->coverage;
	const struct qms_catalog *cat = c->catalog;
	qms_buf_adds(b, "<p>");
	escf(b, s->vi ? "%s điều khoản, tính đến ngày %s: đáp ứng %s; có tài liệu, chưa có bằng chứng %s; chưa đáp ứng %s; không áp dụng %s." :
			"%s clauses as of %s: %s met, %s documented, %s missing, %s not applicable.",
	     N(s, c->nrows), D(s, c->as_of), N(s, c->count[QMS_COV_MET]), N(s, c->count[QMS_COV_DOCUMENTED]),
	     N(s, c->count[QMS_COV_MISSING]), N(s, c->count[QMS_COV_NOT_APPLICABLE]));
	if (c->system_path) {
		qms_buf_adds(b, " <span class=\"muted\">");
		escf(b, s->vi ? "Mô hình hệ thống: %s" : "System: %s", c->system_path);
		qms_buf_adds(b, "</span>");
	} else {
		qms_buf_adds(b, " ");
		esc(b, L(s, "Chưa có mô hình hệ thống (system.yaml): chỉ tính các quy trình.",
			 "No system model (system.yaml): procedures only."));
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
			escf(b, "%s %s", top->number, s->vi && top->vi ? top->vi : top->en);
			qms_buf_adds(b, "</h4><div class=\"cells\">");
		}
		qms_buf_printf(b, "<span class=\"cell %s\" title=\"", cls[row->status]);
		escf(b, "%s %s", row->clause->number, s->vi && row->clause->vi ? row->clause->vi : row->clause->en);
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
	qms_buf_adds(b, "<div class=\"table-wrap\"><table>\n<thead><tr>");
	const char *vi[] = {"Mã hiệu", "Tên quy trình", "Tiêu chuẩn", "Lần ban hành", "Ngày hiệu lực",
			    "Thời hạn quy định", "Cam kết", "Cắt giảm", "Phát hiện mở", "Lỗi",
			    "Cảnh báo"};
	const char *en[] = {"Code", "Title", "Standard", "Edition", "Effective", "Statutory limit",
			    "Committed", "Cut", "Open findings", "Errors", "Warnings"};
	for (size_t k = 0; k < QMS_ARRAY_LEN(vi); k++) {
		qms_buf_adds(b, k >= 7 ? "<th class=\"num\">" : "<th>");
		esc(b, s->vi ? vi[k] : en[k]);
		qms_buf_adds(b, "</th>");
	}
	qms_buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->nprocedures; i++) {
		const struct qms_report_procedure *p = &r->procedures[i];
		if (p->agency_index != agency)
			continue;
		const struct qms_process *pr = p->process;
		size_t open = 0;
		for (size_t k = 0; k < r->nfindings; k++)
			open += r->findings[k].procedure == i && (r->findings[k].state == QMS_ACTION_OPEN ||
								 r->findings[k].state == QMS_ACTION_OVERDUE);
		qms_buf_adds(b, "<tr><td class=\"nowrap\">");
		proc_link(s, b, i, "../procedures/");
		qms_buf_adds(b, "</td><td>");
		esc(b, p->title);
		qms_buf_adds(b, "</td><td class=\"nowrap\">");
		esc(b, p->standard >= 0 ? qms_standard_names[p->standard] : "");
		qms_buf_adds(b, "</td><td class=\"num\">");
		esc(b, pr && pr->edition.text ? pr->edition.text : "");
		qms_buf_adds(b, "</td><td class=\"nowrap\">");
		if (pr && pr->effective.text)
			esc(b, D(s, pr->effective.date));
		qms_buf_adds(b, "</td><td>");
		esc(b, pr && pr->time_limit.statutory.text ? pr->time_limit.statutory.text : "");
		qms_buf_adds(b, "</td><td>");
		esc(b, pr && pr->time_limit.committed.text ? pr->time_limit.committed.text : "");
		qms_buf_adds(b, "</td><td class=\"num\">");
		if (p->timed) {
			if (!p->meets_cut)
				qms_buf_adds(b, "<span class=\"badge overdue\">");
			esc(b, P(s, p->cut_tenths));
			if (!p->meets_cut)
				qms_buf_adds(b, "</span>");
		}
		qms_buf_printf(b, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n",
			       open, p->errors, p->warnings);
	}
	qms_buf_adds(b, "</tbody>\n</table></div>\n");
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

static void diags_section(struct site *s, struct qms_buf *b, const char *agency_id, const char *proc_path)
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
		qms_buf_adds(b, "<p>");
		esc(b, L(s, "Không có lỗi, cảnh báo.", "No error or warning."));
		qms_buf_adds(b, "</p>\n");
	}
	qms_buf_release(&line);
	qms_buf_release(&rel);
	qms_buf_release(&id);
}

static void write_agency(struct site *s, struct qms_buf *b, size_t ai)
{
	const struct qms_report *r = s->r;
	const struct qms_report_agency *a = &r->agencies[ai];
	page_begin(s, b, "../", a->name, NULL);
	qms_buf_adds(b, "<h1>");
	esc(b, a->name);
	qms_buf_adds(b, "</h1>\n<p>");
	status_badge(s, b, a);
	qms_buf_adds(b, " <span class=\"muted\">");
	escf(b, "%s%s%s", qms_level_label(a->level, s->lang), a->level >= 0 ? " · " : "", a->id);
	qms_buf_adds(b, "</span>");
	const struct qms_agency_status *st = &a->status;
	if (a->tracked && st->deadline >= 0) {
		qms_buf_adds(b, " · ");
		if (st->status == QMS_STATUS_DONE)
			escf(b, s->vi ? "công bố ngày %s (hạn %s)" : "announced %s (deadline %s)",
			     D(s, st->announced), D(s, st->deadline));
		else if (st->days_left < 0)
			escf(b, s->vi ? "hạn %s, đã quá %ld ngày" : "deadline %s, %ld days overdue",
			     D(s, st->deadline), (long)-st->days_left);
		else
			escf(b, s->vi ? "hạn %s, còn %ld ngày" : "deadline %s, %ld days left",
			     D(s, st->deadline), (long)st->days_left);
	}
	qms_buf_adds(b, "</p>\n");
	const struct qms_agency_file *t = a->tracker;
	if (t && t->migration.from.standard.text) {
		const struct qms_migration_from *f = &t->migration.from;
		qms_buf_adds(b, "<p class=\"muted\">");
		escf(b, s->vi ? "Hệ thống trước chuyển đổi: %s" : "System before the conversion: %s",
		     f->standard.text);
		if (f->announced.text)
			escf(b, s->vi ? ", công bố ngày %s" : ", announced %s", D(s, f->announced.date));
		if (f->decision.text)
			escf(b, " (%s)", f->decision.text);
		qms_buf_adds(b, ".</p>\n");
	}
	qms_buf_adds(b, "<nav class=\"toc\"><a href=\"../index.html\">");
	esc(b, L(s, "Trang chủ", "Home"));
	qms_buf_adds(b, "</a><a href=\"#stages\">");
	esc(b, L(s, "Tiến độ", "Stages"));
	qms_buf_adds(b, "</a><a href=\"#audits\">");
	esc(b, L(s, "Đánh giá, phát hiện", "Audits"));
	qms_buf_adds(b, "</a><a href=\"#coverage\">");
	esc(b, L(s, "Mức đáp ứng", "Coverage"));
	qms_buf_adds(b, "</a><a href=\"#procedures\">");
	esc(b, L(s, "Quy trình", "Procedures"));
	qms_buf_adds(b, "</a><a href=\"#map\">");
	esc(b, L(s, "Sơ đồ tương tác", "Interaction map"));
	qms_buf_adds(b, "</a><a href=\"#check\">");
	esc(b, L(s, "Kiểm tra", "Check"));
	qms_buf_adds(b, "</a></nav>\n");

	/* stages */
	qms_buf_adds(b, "<section id=\"stages\">\n<h2>");
	esc(b, L(s, "Tiến độ chuyển đổi sang TCVN ISO 9001:2015", "Conversion to ISO 9001:2015"));
	qms_buf_adds(b, "</h2>\n");
	if (!a->tracked) {
		qms_buf_adds(b, "<p>");
		escf(b, s->vi ? "Cơ quan chưa có tệp theo dõi audits/%s.yaml." : "The agency has no tracker audits/%s.yaml.",
		     a->id);
		qms_buf_adds(b, "</p>\n");
	} else {
		write_timeline(s, b, a);
	}
	qms_buf_adds(b, "</section>\n");

	/* audits */
	qms_buf_adds(b, "<section id=\"audits\">\n<h2>");
	esc(b, L(s, "Đánh giá, kiểm tra và phát hiện", "Audits, inspections and findings"));
	qms_buf_adds(b, "</h2>\n<p>");
	size_t unfinished = a->actions[QMS_ACTION_OPEN] + a->actions[QMS_ACTION_OVERDUE];
	escf(b, s->vi ? "Đến ngày %s: %s cuộc đánh giá, kiểm tra%s (%s trong kỳ); hành động khắc phục: %s chưa hoàn thành (%s quá hạn), %s chưa kiểm tra hiệu lực, %s đã kiểm tra hiệu lực."
		      : "By %s: %s %s (%s in the period); corrective actions: %s open (%s overdue), %s not verified, %s verified.",
	     D(s, r->as_of), N(s, a->audits_total),
	     s->vi ? "" : a->audits_total == 1 ? "audit or inspection" : "audits and inspections",
	     N(s, a->audits_period), N(s, unfinished),
	     N(s, a->actions[QMS_ACTION_OVERDUE]), N(s, a->actions[QMS_ACTION_UNVERIFIED]),
	     N(s, a->actions[QMS_ACTION_VERIFIED]));
	qms_buf_adds(b, "</p>\n");
	for (size_t i = 0; i < r->naudits; i++) {
		const struct qms_report_audit *ra = &r->audits[i];
		if (ra->agency != ai)
			continue;
		const struct qms_audit *au = ra->audit;
		qms_buf_printf(b, "<h3 id=\"audit-%zu\">", i);
		escf(b, "%s · %s · %s", au->id.text ? au->id.text : "?",
		     au->kind.text ? qms_audit_kind_label(au->kind.choice, s->lang) : "", D(s, au->date.date));
		qms_buf_adds(b, "</h3>\n<p class=\"muted\">");
		if (au->standard.text)
			escf(b, "%s. ", au->standard.text);
		const struct qms_value *names = au->auditors.items;
		if (au->auditors.len) {
			esc(b, L(s, "Đoàn đánh giá: ", "Auditors: "));
			for (size_t k = 0; k < au->auditors.len; k++)
				escf(b, "%s%s", k ? ", " : "", names[k].text ? names[k].text : "");
			qms_buf_adds(b, ". ");
		}
		const struct qms_value *scope = au->scope.items;
		if (au->scope.len) {
			esc(b, L(s, "Phạm vi: ", "Scope: "));
			for (size_t k = 0; k < au->scope.len; k++) {
				if (k)
					qms_buf_adds(b, ", ");
				size_t pi = scope[k].text ? find_proc(r, scope[k].text) : SIZE_MAX;
				if (pi != SIZE_MAX)
					proc_link(s, b, pi, "../procedures/");
				else
					esc(b, scope[k].text);
			}
			qms_buf_adds(b, ".");
		}
		qms_buf_adds(b, "</p>\n");
		if (!au->findings.len) {
			qms_buf_adds(b, "<p>");
			esc(b, L(s, "Không có phát hiện.", "No finding."));
			qms_buf_adds(b, "</p>\n");
		} else {
			findings_table(s, b, i, SIZE_MAX, "../procedures/");
		}
	}
	if (!a->audits_total) {
		qms_buf_adds(b, "<p>");
		esc(b, L(s, "Chưa có cuộc đánh giá, kiểm tra nào.", "No audit or inspection yet."));
		qms_buf_adds(b, "</p>\n");
	}
	qms_buf_adds(b, "</section>\n");

	/* coverage */
	qms_buf_adds(b, "<section id=\"coverage\">\n<h2>");
	esc(b, L(s, "Mức đáp ứng TCVN ISO 9001:2015 theo điều khoản", "Coverage of ISO 9001:2015, clause by clause"));
	qms_buf_adds(b, "</h2>\n");
	if (a->assessed) {
		coverage_section(s, b, a);
	} else {
		qms_buf_adds(b, "<p>");
		esc(b, r->have_catalog ? L(s, "Chưa có tài liệu hệ thống (processes/) nên chưa đánh giá.",
					   "No system documents in processes/: not assessed.")
				       : L(s, "Không tìm thấy danh mục điều khoản.", "The clause catalog was not found."));
		qms_buf_adds(b, "</p>\n");
	}
	qms_buf_adds(b, "</section>\n");

	/* procedures */
	qms_buf_adds(b, "<section id=\"procedures\">\n<h2>");
	esc(b, L(s, "Quy trình", "Procedures"));
	qms_buf_adds(b, "</h2>\n");
	if (a->procedures) {
		procedures_table(s, b, ai);
	} else {
		qms_buf_adds(b, "<p>");
		esc(b, L(s, "Chưa có quy trình.", "No procedure yet."));
		qms_buf_adds(b, "</p>\n");
	}
	qms_buf_adds(b, "</section>\n");

	/* map */
	qms_buf_adds(b, "<section id=\"map\">\n<h2>");
	esc(b, L(s, "Sơ đồ tương tác giữa các quy trình", "Interaction map of the procedures"));
	qms_buf_adds(b, "</h2>\n");
	if (s->has_map[ai]) {
		struct qms_buf file, label;
		qms_buf_init(&file);
		qms_buf_init(&label);
		qms_buf_printf(&file, QMS_RENDER_MAPS "/%s.svg", a->id);
		qms_buf_printf(&label, s->vi ? "Sơ đồ tương tác các quy trình của %s" : "Interaction map of %s", a->name);
		qms_buf_adds(b, "<figure><div class=\"diagram-box\">");
		add_diagram(s, b, file.buf, "../", "../procedures/", label.buf);
		qms_buf_adds(b, "</div><figcaption>");
		esc(b, L(s, "Mỗi ô là một quy trình (bấm để mở); mũi tên: quy trình gọi quy trình khác. ",
			 "Each box is a procedure (click to open it); arrows: one procedure calls another. "));
		qms_buf_adds(b, "<a href=\"../diagrams/");
		esc(b, file.buf);
		qms_buf_adds(b, "\">SVG</a></figcaption></figure>\n");
		qms_buf_release(&file);
		qms_buf_release(&label);
	} else {
		qms_buf_adds(b, "<p>");
		esc(b, L(s, "Không có sơ đồ (chưa có quy trình).", "No map (no procedure)."));
		qms_buf_adds(b, "</p>\n");
	}
	qms_buf_adds(b, "</section>\n");

	/* check */
	qms_buf_adds(b, "<section id=\"check\">\n<h2>");
	esc(b, L(s, "Kết quả kiểm tra tài liệu (qms check)", "Check of the files (qms check)"));
	qms_buf_adds(b, "</h2>\n");
	diags_section(s, b, a->id, NULL);
	qms_buf_adds(b, "</section>\n");
	page_end(s, b);
}

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
			       f->grade >= 0 && f->grade < 4 ? grade_class[f->grade] : "", open ? "" : " closed", k);
		esc(&b, f->finding->id.text ? f->finding->id.text : "?");
		qms_buf_adds(&b, "</a>");
	}
	w->ops->raw(w, b.buf);
	qms_buf_release(&b);
}

static bool proc_href(struct qms_buf *out, const char *code, void *ctx)
{
	const struct site_step_ctx *c = ctx;
	if (find_proc(c->s->r, code) == SIZE_MAX)
		return false;
	page_link(out, "", code);
	return true;
}

static void write_procedure(struct site *s, struct qms_buf *b, size_t pi)
{
	const struct qms_report *r = s->r;
	const struct qms_report_procedure *rp = &r->procedures[pi];
	const struct qms_report_agency *a = rp->agency_index != SIZE_MAX ? &r->agencies[rp->agency_index] : NULL;
	struct qms_buf title;
	qms_buf_init(&title);
	qms_buf_printf(&title, "%s - %s", rp->code, rp->title);
	page_begin(s, b, "../", title.buf, "wide");
	qms_buf_adds(b, "<nav class=\"toc\"><a href=\"../index.html\">");
	esc(b, L(s, "Trang chủ", "Home"));
	qms_buf_adds(b, "</a>");
	if (a)
		agency_link(s, b, rp->agency_index, "../agencies/", true);
	qms_buf_adds(b, "<a href=\"#findings\">");
	esc(b, L(s, "Phát hiện", "Findings"));
	qms_buf_adds(b, "</a><a href=\"#check\">");
	esc(b, L(s, "Kiểm tra", "Check"));
	qms_buf_adds(b, "</a></nav>\n<div class=\"procedure\">\n<article class=\"doc\">\n");
	struct qms_docw_html h;
	qms_docw_html_init(&h, b);
	struct site_step_ctx sc = {s, pi};
	struct qms_procdoc_hooks hooks = {step_marked, step_badges, proc_href, &sc};
	qms_procdoc_write(&h.w, r, pi, &hooks);
	qms_buf_adds(b, "</article>\n");

	/* the diagram beside it */
	qms_buf_adds(b, "<aside class=\"diagram-side\"><h2>");
	esc(b, L(s, "Lưu đồ quy trình", "Flow chart"));
	qms_buf_adds(b, "</h2>\n");
	if (s->has_diagram[pi]) {
		struct qms_buf file, label;
		qms_buf_init(&file);
		qms_buf_init(&label);
		qms_buf_printf(&file, "%s.svg", rp->code);
		qms_buf_printf(&label, s->vi ? "Lưu đồ quy trình %s" : "Flow chart of %s", title.buf);
		qms_buf_adds(b, "<figure id=\"diagram\"><div class=\"diagram-box\">");
		add_diagram(s, b, file.buf, "../", "", label.buf);
		qms_buf_adds(b, "</div><figcaption class=\"noprint\">");
		escf(b, s->vi ? "Phát hiện tính đến ngày %s được đánh dấu trên các bước; đường găng tô đỏ. "
			      : "Findings as of %s are marked on their steps; the critical path is red. ",
		     D(s, r->as_of));
		qms_buf_adds(b, "<a href=\"../diagrams/");
		esc(b, file.buf);
		qms_buf_adds(b, "\">SVG</a></figcaption></figure>\n");
		qms_buf_release(&file);
		qms_buf_release(&label);
	} else {
		qms_buf_adds(b, "<p>");
		esc(b, L(s, "Không vẽ được lưu đồ (xem kết quả kiểm tra).", "The diagram could not be drawn (see the check)."));
		qms_buf_adds(b, "</p>\n");
	}
	qms_buf_adds(b, "</aside>\n</div>\n");

	qms_site_results_section(b, r, rp->code); /* lib/report-results.c */
	/* evidence, not part of the signed document */
	qms_buf_adds(b, "<section id=\"findings\" class=\"noprint\">\n<h2>");
	esc(b, L(s, "Phát hiện của các cuộc đánh giá, kiểm tra", "Findings of audits and inspections"));
	qms_buf_adds(b, "</h2>\n");
	size_t nf = 0;
	for (size_t k = 0; k < r->nfindings; k++)
		nf += r->findings[k].procedure == pi;
	if (nf) {
		findings_table(s, b, SIZE_MAX, pi, "");
	} else {
		qms_buf_adds(b, "<p>");
		esc(b, L(s, "Không có phát hiện.", "No finding."));
		qms_buf_adds(b, "</p>\n");
	}
	qms_buf_adds(b, "</section>\n<section id=\"check\" class=\"noprint\">\n<h2>");
	esc(b, L(s, "Kết quả kiểm tra tài liệu (qms check)", "Check of the file (qms check)"));
	qms_buf_adds(b, "</h2>\n");
	diags_section(s, b, NULL, rp->path);
	qms_buf_adds(b, "</section>\n");
	page_end(s, b);
	qms_buf_release(&title);
}

/* ---- the whole site ---- */

static int render_diagrams(struct site *s, const struct qms_site_options *opt, char **err)
{
	const struct qms_report *r = s->r;
	char *ddir = qms_path_join(s->out->path, "diagrams");
	const char *paths[] = {r->root};
	struct qms_render_request req = {
		.paths = paths,
		.npaths = 1,
		.out_dir = ddir,
		.staged = true,
		.opt = {.format = QMS_RENDER_SVG, .lanes = QMS_LANES_VERTICAL, .lang = r->lang,
			.workday_hours = r->settings.time.workday_hours, .as_of = r->as_of},
		.lang_set = true,
		.index = r->ix,
		.index_diags = &r->index_diags,
		.jobs = opt->jobs,
		.progress = opt->progress,
		.progress_ctx = opt->progress_ctx,
		.cache = opt->memo ? opt->memo->diagrams : NULL,
		.cache_in_place = s->in_place,
	};
	int rc = 0;
	if (r->nprocedures && qms_render_paths(&s->res->render, &req, err) < 0) {
		rc = -1;
		goto out;
	}
	struct qms_buf rel;
	qms_buf_init(&rel);
	for (size_t i = 0; i < r->nprocedures; i++) {
		const struct qms_report_procedure *p = &r->procedures[i];
		if (p->duplicate || !*p->code || !qms_id_valid(p->code))
			continue;
		qms_buf_reset(&rel);
		qms_buf_printf(&rel, "diagrams/%s.svg", p->code);
		if (has_file(s, rel.buf)) {
			s->has_diagram[i] = true;
			s->res->diagrams++;
			qms_strlist_push(&s->files, qms_xstrdup(rel.buf));
		}
	}
	/* the maps of every agency in one batch: the workspace read once */
	const char **ids = qms_xcalloc(r->nagencies + 1, sizeof(*ids));
	size_t nids = 0;
	for (size_t i = 0; i < r->nagencies; i++)
		if (r->agencies[i].procedures && qms_id_valid(r->agencies[i].id))
			ids[nids++] = r->agencies[i].id;
	req.map_agencies = ids;
	req.nmap_agencies = nids;
	req.progress = NULL;
	char *merr = NULL;
	if (nids && qms_render_paths(&s->res->maps, &req, &merr) == 0) {
		/* the reading errors of the workspace, read again for the
		 * maps: kept once, with those of the diagrams */
		qms_diags_move(&s->res->render.diags, &s->res->maps.diags);
	}
	free(merr); /* no workspace for the maps: no map */
	free(ids);
	for (size_t i = 0; i < r->nagencies; i++) {
		const struct qms_report_agency *a = &r->agencies[i];
		if (!a->procedures || !qms_id_valid(a->id))
			continue;
		qms_buf_reset(&rel);
		qms_buf_printf(&rel, "diagrams/" QMS_RENDER_MAPS "/%s.svg", a->id);
		if (has_file(s, rel.buf)) {
			s->has_map[i] = true;
			s->res->diagrams++;
			qms_strlist_push(&s->files, qms_xstrdup(rel.buf));
		}
	}
	qms_diags_sort(&s->res->render.diags);
	qms_buf_release(&rel);
out:
	free(ddir);
	return rc;
}

/* Every file of the site into s->out. */
static int write_site(struct site *s, const struct qms_site_options *opt, char **err)
{
	const struct qms_report *r = s->r;
	for (size_t i = 0; qms_site_folders[i]; i++) {
		struct qms_dir d;
		int m = qms_dir_open_sub(&d, s->out, qms_site_folders[i], true, err);
		qms_dir_close(&d);
		if (m < 0)
			return -1;
	}
	if (render_diagrams(s, opt, err) < 0)
		return -1;
	int rc = -1;
	struct qms_buf b, rel;
	qms_buf_init(&b);
	qms_buf_init(&rel);
	if (write_out(s, "style.css", qms_html_css, strlen(qms_html_css), err) < 0)
		goto out;
	qms_board_svg(&b, &r->status, r->lang);
	if (write_out(s, "board.svg", b.buf, b.len, err) < 0)
		goto out;
	qms_buf_reset(&b);
	qms_report_format_md(&b, r);
	if (write_out(s, "report.md", b.buf, b.len, err) < 0)
		goto out;
	qms_buf_reset(&b);
	qms_report_format_json(&b, r);
	if (write_out(s, "report.json", b.buf, b.len, err) < 0)
		goto out;
	qms_buf_reset(&b);
	qms_buf_adds(&b, QMS_CSV_BOM); /* for Excel */
	qms_report_format_csv(&b, r);
	if (write_out(s, "report.csv", b.buf, b.len, err) < 0)
		goto out;
	qms_buf_reset(&b);
	write_index(s, &b);
	if (write_out(s, "index.html", b.buf, b.len, err) < 0)
		goto out;
	s->res->pages++;
	for (size_t i = 0; i < r->nagencies; i++) {
		qms_buf_reset(&b);
		write_agency(s, &b, i);
		qms_buf_reset(&rel);
		qms_buf_adds(&rel, "agencies/");
		qms_html_add_page_name(&rel, r->agencies[i].id);
		qms_buf_adds(&rel, ".html");
		if (write_out(s, rel.buf, b.buf, b.len, err) < 0)
			goto out;
		s->res->pages++;
	}
	for (size_t i = 0; i < r->nprocedures; i++) {
		const struct qms_report_procedure *p = &r->procedures[i];
		if (p->duplicate || !*p->code || !p->process)
			continue;
		qms_buf_reset(&b);
		write_procedure(s, &b, i);
		qms_buf_reset(&rel);
		qms_buf_adds(&rel, "procedures/");
		qms_html_add_page_name(&rel, p->code);
		qms_buf_adds(&rel, ".html");
		if (write_out(s, rel.buf, b.buf, b.len, err) < 0)
			goto out;
		s->res->pages++;
	}
	rc = 0;
out:
	qms_buf_release(&b);
	qms_buf_release(&rel);
	return rc;
}

int qms_site_build(struct qms_site_result *out, const struct qms_report *r,
		   const struct qms_site_options *opt, char **err)
{
	memset(out, 0, sizeof(*out));
	qms_diags_init(&out->render.diags);
	struct qms_site_dir sd;
	bool in_place = opt->memo && opt->memo->built;
	if ((in_place ? qms_site_dir_begin_in_place(&sd, opt->out_dir, err)
		      : qms_site_dir_begin(&sd, opt->out_dir, err)) < 0) {
		qms_site_dir_release(&sd);
		return -1;
	}
	struct site s;
	memset(&s, 0, sizeof(s));
	s.r = r;
	s.out = in_place ? &sd.root : &sd.stage;
	s.memo = opt->memo;
	s.in_place = in_place;
	if (s.memo)
		qms_site_memo_begin(s.memo);
	s.lang = r->lang;
	s.vi = r->lang == QMS_LANG_VI;
	s.res = out;
	s.has_diagram = qms_xcalloc(r->nprocedures + 1, sizeof(bool));
	s.has_map = qms_xcalloc(r->nagencies + 1, sizeof(bool));
	qms_buf_init(&s.tmp);
	if (!getcwd(s.cwd, sizeof(s.cwd)))
		strcpy(s.cwd, "/");
	int rc = write_site(&s, opt, err);
	if (rc == 0)
		rc = in_place ? qms_site_dir_finish_in_place(&sd, &s.files, err)
			      : qms_site_dir_publish(&sd, &s.files, &out->kept, err);
	if (s.memo)
		qms_site_memo_end(s.memo, rc == 0);
	qms_site_dir_release(&sd);
	qms_buf_release(&s.tmp);
	qms_strlist_release(&s.files);
	free(s.has_diagram);
	free(s.has_map);
	if (rc < 0)
		qms_site_result_release(out);
	return rc;
}

void qms_site_result_release(struct qms_site_result *res)
{
	qms_render_result_release(&res->render);
	qms_render_result_release(&res->maps);
	free(res->kept);
	memset(res, 0, sizeof(*res));
}

/* The static site: its skeleton (folder, diagrams, assets, index, swap).
 * See site.h; the pages are site-agency.c's and site-procedure.c's. */
#include "site-internal.h"
#include "table.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "board.h"
#include "fs.h"
#include "site-memo.h"
#include "workspace.h"

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

/* ---- index ---- */

static void card(struct qms_buf *b, const char *id, const char *cls, const char *n, const char *label)
{
	qms_buf_printf(b, "<div class=\"card%s%s\" id=\"%s\"><span class=\"n\">", cls ? " " : "", cls ? cls : "", id);
	esc(b, n);
	qms_buf_adds(b, "</span><span class=\"l\">");
	esc(b, label);
	qms_buf_adds(b, "</span></div>\n");
}

/* The totals of the report as cards. */
static void index_cards(struct site *s, struct qms_buf *b)
{
	const struct qms_report *r = s->r;
	qms_buf_adds(b, "<div class=\"cards\" id=\"totals\">\n");
	card(b, "total-agencies", NULL, N(s, r->tracked), tr(s, N_("agencies tracked")));
	card(b, "total-done", "done", N(s, r->by_status[QMS_STATUS_DONE]), tr(s, N_("announced")));
	card(b, "total-overdue", "overdue", N(s, r->by_status[QMS_STATUS_OVERDUE]), tr(s, N_("overdue")));
	card(b, "total-at-risk", "at-risk", N(s, r->by_status[QMS_STATUS_AT_RISK]), tr(s, N_("at risk")));
	card(b, "total-on-track", "on-track", N(s, r->by_status[QMS_STATUS_ON_TRACK]), tr(s, N_("on track")));
	card(b, "total-procedures", NULL, N(s, r->nprocedures), tr(s, N_("procedures")));
	card(b, "total-findings", NULL, N(s, r->findings_period), tr(s, N_("findings in the period")));
	card(b, "total-actions-open", NULL, N(s, r->actions[QMS_ACTION_OPEN] + r->actions[QMS_ACTION_OVERDUE]),
	     tr(s, N_("actions open")));
	qms_buf_adds(b, "</div>\n");
}

static void index_nav(struct site *s, struct qms_buf *b)
{
	qms_buf_adds(b, "<nav class=\"toc\"><a href=\"#report\">");
	esc(b, tr(s, N_("Report")));
	qms_buf_adds(b, "</a><a href=\"#board\">");
	/* TRANSLATORS: the short name of the board in the links at the top of the index */
	esc(b, qms_tr_ctx(s->lang, "index link", "Migration board"));
	qms_buf_adds(b, "</a><a href=\"#agencies\">");
	esc(b, tr(s, N_("Agencies")));
	qms_buf_adds(b, "</a><a href=\"report.md\">report.md</a><a href=\"report.json\">report.json</a>"
			"<a href=\"report.csv\">report.csv</a></nav>\n");
}

static void index_board(struct site *s, struct qms_buf *b)
{
	qms_buf_adds(b, "<section id=\"board\">\n<h2>");
	esc(b, tr(s, N_("Migration board")));
	qms_buf_adds(b, "</h2>\n<figure><div class=\"board\"><img src=\"board.svg\" alt=\"");
	esc(b, tr(s, N_("The board: each agency in the column of its next stage, coloured by status")));
	qms_buf_adds(b, "\"></div><figcaption>");
	esc(b, tr(s, N_("Each agency stands in the column of its next stage, coloured by its status. ")));
	qms_buf_adds(b, "<a href=\"board.svg\">");
	esc(b, tr(s, N_("Open the board full size")));
	qms_buf_adds(b, "</a></figcaption></figure>\n</section>\n");
}

/* The table of the agencies, one row each. */
static void index_agencies(struct site *s, struct qms_buf *b)
{
	const struct qms_report *r = s->r;
	section_begin(b, "agencies", NULL, tr(s, N_("Agencies")));
	static const char *const names[] = {N_("Agency"),
					    N_("Level"),
					    N_("Status"),
					    N_("Next stage"),
					    N_("Deadline"),
					    N_("Days left"),
					    N_("Procedures"),
					    N_("Findings in the period"),
					    N_("Actions open"),
					    N_("Errors"),
					    N_("Warnings"),
					    N_("Clauses not met"),
					    NULL};
	const char *head[sizeof(names) / sizeof(names[0])];
	tr_all(s, head, names);
	struct qms_site_table t;
	qms_site_table_begin(&t, b, "table-wrap", "full", head, "lllllrrrrrrr");
	for (size_t i = 0; i < r->nagencies; i++) {
		const struct qms_report_agency *a = &r->agencies[i];
		const struct qms_agency_status *st = &a->status;
		qms_site_row(&t, NULL);
		qms_site_cell(&t, "name");
		qms_site_agency_link(s, b, i, "agencies/", true);
		qms_site_text(&t, NULL, qms_level_label(a->level, s->lang));
		qms_site_cell(&t, NULL);
		qms_site_status_badge(s, b, a);
		qms_site_text(&t, NULL,
			      !a->tracked           ? ""
			      : st->next_stage >= 0 ? qms_stage_label(st->next_stage, s->lang)
						    : "-");
		qms_site_text(&t, "nowrap", a->tracked ? D(s, st->deadline) : "");
		qms_site_cell(&t, "num");
		if (a->tracked && st->deadline >= 0 && st->status != QMS_STATUS_DONE)
			qms_buf_printf(b, "%ld", (long)st->days_left);
		qms_site_textf(&t, "num", "%zu", a->procedures);
		qms_site_textf(&t, "num", "%zu", a->findings_period);
		qms_site_textf(&t, "num", "%zu", a->actions[QMS_ACTION_OPEN] + a->actions[QMS_ACTION_OVERDUE]);
		qms_site_textf(&t, "num", "%zu", a->errors);
		qms_site_textf(&t, "num", "%zu", a->warnings);
		qms_site_cell(&t, "num");
		if (a->assessed)
			qms_buf_printf(b, "%zu",
				       a->coverage.count[QMS_COV_DOCUMENTED] + a->coverage.count[QMS_COV_MISSING]);
	}
	qms_site_table_end(&t);
	qms_buf_adds(b, "</section>\n");
}

static void write_index(struct site *s, struct qms_buf *b)
{
	const struct qms_report *r = s->r;
	struct qms_buf title;
	qms_buf_init(&title);
	qms_buf_printf(&title, tr(s, N_("ISO 9001:2015 quality management%s%s")), *r->workspace ? " - " : "",
		       r->workspace);
	qms_site_page_begin(s, b, "", title.buf, NULL);
	qms_buf_adds(b, "<h1>");
	esc(b, title.buf);
	qms_buf_adds(b, "</h1>\n<p class=\"muted\">");
	qms_report_add_date(&s->tmp, r->as_of, s->lang, true);
	const char *asof = slot(s);
	qms_report_add_date(&s->tmp, r->period_start, s->lang, true);
	const char *from = slot(s);
	qms_report_add_period(&s->tmp, r, s->lang);
	const char *period = slot(s);
	escf(b, tr(s, N_("Figures as of %s; reporting period: %s (from %s).")), asof, period, from);
	qms_buf_adds(b, "</p>\n");
	index_cards(s, b);
	index_nav(s, b);
	index_board(s, b);
	qms_buf_adds(b, "<section id=\"report\">\n");
	qms_report_format_html_body(b, r, true);
	qms_buf_adds(b, "</section>\n");
	index_agencies(s, b);
	qms_site_page_end(s, b);
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
		.opt = {.format = QMS_RENDER_SVG,
			.lanes = QMS_LANES_VERTICAL,
			.lang = r->lang,
			.workday_hours = r->settings.time.workday_hours,
			.as_of = r->as_of},
		.lang_set = true,
		.index = r->ix,
		.index_diags = &r->index_diags,
		.jobs = opt->jobs,
		.progress = opt->progress,
		.progress_ctx = opt->progress_ctx,
		.cache = opt->memo ? opt->memo->diagrams : NULL,
		.cache_in_place = s->in_place,
		.unchanged = qms_site_diagram_unchanged,
		.unchanged_ctx = s,
	};
	int rc = r->nprocedures ? qms_render_paths(&s->res->render, &req, err) : 0;
	if (rc < 0)
		goto out;
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
			return m;
	}
	qms_site_deps_begin(s);
	int rc = render_diagrams(s, opt, err);
	if (rc < 0)
		return rc;
	rc = QMS_ERR_IO; /* each goto out below: a page that could not be written */
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
		qms_buf_reset(&rel);
		qms_buf_adds(&rel, "agencies/");
		qms_html_add_page_name(&rel, r->agencies[i].id);
		qms_buf_adds(&rel, ".html");
		s->res->pages++;
		if (qms_site_keep_agency(s, i, rel.buf))
			continue;
		qms_buf_reset(&b);
		qms_site_write_agency(s, &b, i);
		if (write_out(s, rel.buf, b.buf, b.len, err) < 0)
			goto out;
	}
	for (size_t i = 0; i < r->nprocedures; i++) {
		const struct qms_report_procedure *p = &r->procedures[i];
		if (p->duplicate || !*p->code || !p->process)
			continue;
		qms_buf_reset(&rel);
		qms_buf_adds(&rel, "procedures/");
		qms_html_add_page_name(&rel, p->code);
		qms_buf_adds(&rel, ".html");
		s->res->pages++;
		if (qms_site_keep_procedure(s, i, rel.buf))
			continue;
		qms_buf_reset(&b);
		qms_site_write_procedure(s, &b, i);
		if (write_out(s, rel.buf, b.buf, b.len, err) < 0)
			goto out;
	}
	rc = 0;
out:
	qms_buf_release(&b);
	qms_buf_release(&rel);
	return rc;
}

int qms_site_build(struct qms_site_result *out, const struct qms_report *r, const struct qms_site_options *opt,
		   char **err)
{
	memset(out, 0, sizeof(*out));
	qms_diags_init(&out->render.diags);
	struct qms_site_dir sd;
	bool in_place = opt->memo && opt->memo->built;
	int begun = in_place ? qms_site_dir_begin_in_place(&sd, opt->out_dir, err)
			     : qms_site_dir_begin(&sd, opt->out_dir, err);
	if (begun < 0) {
		qms_site_dir_release(&sd);
		return begun;
	}
	struct site s;
	memset(&s, 0, sizeof(s));
	s.r = r;
	s.out = in_place ? &sd.root : &sd.stage;
	s.memo = opt->memo;
	s.in_place = in_place;
	if (s.memo)
		qms_site_memo_begin(s.memo, r);
	s.lang = r->lang;
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
	qms_site_deps_end(&s);
	if (s.memo)
		qms_site_memo_end(s.memo, rc == 0);
	qms_site_dir_release(&sd);
	qms_buf_release(&s.tmp);
	qms_ring_release(&s.ring);
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

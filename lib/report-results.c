/* The report's section "Kết quả giải quyết TTHC": the dossier figures of
 * the period in the seed report's words, from the exports of the one-stop
 * system kept in the workspace's results/ folder (docs/results.md,
 * docs/report.md). Its own file, called by one line of report-text.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs.h"
#include "html.h"
#include "report.h"
#include "results.h"
#include "table.h"
#include "workspace.h"

/* The CSV and XLSX files of root/results, sorted. */
static void export_files(struct qms_strlist *out, const char *root)
{
	char *dir = qms_path_join(root, "results");
	struct qms_strlist all = {0};
	if (qms_is_dir(dir)) {
		struct qms_dir d;
		char *err = NULL;
		if (qms_dir_open(&d, dir, false, &err) == 0) {
			qms_dir_list(&d, "", &all, &err);
			qms_dir_close(&d);
		}
		free(err);
	}
	qms_strlist_sort(&all);
	for (size_t i = 0; i < all.len; i++) {
		size_t n = strlen(all.items[i]);
		if ((n > 4 && strcmp(all.items[i] + n - 4, ".csv") == 0) ||
		    (n > 5 && strcmp(all.items[i] + n - 5, ".xlsx") == 0))
			qms_strlist_push(out, qms_path_join(dir, all.items[i]));
	}
	qms_strlist_release(&all);
	free(dir);
}

/* A date of the dossiers' period: 05/03/2020 in Vietnamese, 2020-03-05
 * in English (a date's format, not a word: stays here). */
static void period_date(char out[11], int32_t days, enum qms_lang lang)
{
	char d[11];
	qms_date_format(d, days);
	if (lang == QMS_LANG_VI)
		snprintf(out, 11, "%.2s/%.2s/%.4s", d + 8, d + 5, d);
	else
		memcpy(out, d, sizeof(d));
}

/* "Từ ngày 01/01/2020 đến ngày 30/09/2020, " */
static void add_period(struct qms_buf *p, int32_t from, int32_t to, enum qms_lang lang)
{
	char a[11], b[11];
	period_date(a, from, lang);
	period_date(b, to, lang);
	qms_buf_printf(p, qms_tr(lang, "From %s to %s, "), a, b);
}

/* "Hồ sơ quá hạn chủ yếu thuộc lĩnh vực Đất đai (7/9 hồ sơ)." when one
 * field has more than half of the late dossiers. */
static void add_late_field(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang)
{
	uint64_t late = r->total.late + r->total.open_late;
	const struct qms_results_group *top = NULL;
	for (size_t i = 0; i < r->ngroups[QMS_RD_FIELD]; i++) {
		const struct qms_results_group *g = &r->groups[QMS_RD_FIELD][i];
		if (*g->key && (!top || g->c.late + g->c.open_late > top->c.late + top->c.open_late))
			top = g;
	}
	if (!late || !top || 2 * (top->c.late + top->c.open_late) <= late)
		return;
	qms_buf_printf(out, qms_tr(lang, " Late dossiers are mostly in the field of %s (%llu of %llu)."), top->key,
		       (unsigned long long)(top->c.late + top->c.open_late), (unsigned long long)late);
}

/* The results of the report's exports, computed once per report (the
 * report's section and every page of the site use them): kept until the
 * next report or the end of the process. Not for threads: the report and
 * the site write their text in one thread. */
static struct {
	const struct qms_report *rep;
	int32_t as_of;
	bool none; /* no exports */
	int rc;
	char *err;
	int32_t from, to;
	struct qms_results r;
} cache;

static const struct qms_results *results_of(const struct qms_report *rep, int *rc, const char **err)
{
	if (cache.rep != rep || cache.as_of != rep->as_of) {
		if (cache.rep && !cache.none)
			qms_results_release(&cache.r);
		free(cache.err);
		memset(&cache, 0, sizeof(cache));
		cache.rep = rep;
		cache.as_of = rep->as_of;
		struct qms_strlist files = {0};
		if (rep->root)
			export_files(&files, rep->root);
		cache.none = files.len == 0;
		if (!cache.none) {
			struct qms_results_options opt = {
				.exports = (const char *const *)files.items,
				.nexports = files.len,
				.root = rep->root,
				.from = rep->period_start,
				.to = rep->as_of < rep->period_end ? rep->as_of : rep->period_end,
			};
			cache.from = opt.from, cache.to = opt.to;
			cache.rc = qms_results_compute(&cache.r, &opt, &cache.err);
		}
		qms_strlist_release(&files);
	}
	*rc = cache.rc;
	*err = cache.err;
	return cache.none ? NULL : &cache.r;
}

void qms_report_results_section(struct qms_buf *out, const struct qms_report *rep, bool html)
{
	int rc;
	const char *err;
	const struct qms_results *rr = results_of(rep, &rc, &err);
	if (!rr)
		return;
	const struct qms_results r = *rr;
	enum qms_lang lang = rep->lang;
	struct {
		int32_t from, to;
	} opt = {cache.from, cache.to};
	/* after the report's four appendices (report-text.c, enum appendix) */
	const char *title = qms_tr(lang, "Appendix V. Results of administrative procedures");
	struct qms_buf p;
	qms_buf_init(&p);
	if (rc < 0) {
		qms_buf_printf(&p, qms_tr(lang, "The dossier exports cannot be read: %s."), err ? err : "?");
	} else {
		add_period(&p, opt.from, opt.to, lang);
		qms_results_add_paragraph(&p, &r.total, lang);
		add_late_field(&p, &r, lang);
		if (r.rows_rejected)
			qms_buf_printf(&p, qms_tr(lang, " (%llu rows could not be read and are not counted.)"),
				       (unsigned long long)r.rows_rejected);
	}
	struct qms_buf t;
	qms_buf_init(&t);
	if (rc == 0) {
		/* the figures per agency, as in the seed's annex */
		const char *head[] = {qms_tr(lang, "Agency"),      qms_tr(lang, "Received"),
				      qms_tr(lang, "Resolved"),    qms_tr(lang, "Before due"),
				      qms_tr(lang, "On due"),      qms_tr(lang, "Late"),
				      qms_tr(lang, "In progress"), NULL};
		struct qms_table tb;
		qms_table_init(&tb, head);
		for (size_t i = 0; i < r.ngroups[QMS_RD_AGENCY]; i++) {
			const struct qms_results_group *g = &r.groups[QMS_RD_AGENCY][i];
			if (!g->c.received && !g->c.carried)
				continue;
			char v[6][32];
			uint64_t n[6] = {g->c.received, g->c.resolved, g->c.before,
					 g->c.on_due,   g->c.late,     g->c.open_within + g->c.open_late};
			struct qms_buf b;
			qms_buf_init(&b);
			for (int k = 0; k < 6; k++) {
				qms_buf_reset(&b);
				qms_report_add_count(&b, (size_t)n[k], lang);
				snprintf(v[k], sizeof(v[k]), "%s", b.buf);
			}
			qms_buf_release(&b);
			const char *row[] = {g->name ? g->name : g->key, v[0], v[1], v[2], v[3], v[4], v[5]};
			qms_table_add(&tb, row);
		}
		if (html) {
			qms_table_format(&t, &tb, QMS_TABLE_HTML);
		} else if (tb.nrows > 1) {
			qms_table_format(&t, &tb, QMS_TABLE_MD);
		}
		qms_table_release(&tb);
	}
	if (html) {
		qms_buf_adds(out, "<h2>");
		qms_html_add_text(out, title);
		qms_buf_adds(out, "</h2>\n<p>");
		qms_html_add_text(out, p.buf);
		qms_buf_adds(out, "</p>\n");
		qms_buf_add(out, t.buf, t.len);
	} else {
		qms_buf_printf(out, "## %s\n\n%s\n\n", title, p.buf);
		if (t.len)
			qms_buf_printf(out, "%s\n", t.buf);
	}
	qms_buf_release(&p);
	qms_buf_release(&t);
}

void qms_site_results_section(struct qms_buf *out, const struct qms_report *rep, const char *code)
{
	int rc;
	const char *err;
	const struct qms_results *r = results_of(rep, &rc, &err);
	if (!r || rc < 0)
		return;
	const struct qms_results_group *g = NULL;
	for (size_t i = 0; i < r->ngroups[QMS_RD_PROCEDURE] && !g; i++)
		if (r->groups[QMS_RD_PROCEDURE][i].matched && strcmp(r->groups[QMS_RD_PROCEDURE][i].key, code) == 0)
			g = &r->groups[QMS_RD_PROCEDURE][i];
	if (!g)
		return;
	enum qms_lang lang = rep->lang;
	qms_buf_adds(out, "<section id=\"results\" class=\"noprint\">\n<h2>");
	qms_html_add_text(out, qms_tr(lang, "Dossier results"));
	qms_buf_adds(out, "</h2>\n<p>");
	struct qms_buf p;
	qms_buf_init(&p);
	add_period(&p, r->from, r->to, lang);
	qms_results_add_paragraph(&p, &g->c, lang);
	if (g->hist.n) {
		qms_buf_adds(&p, qms_tr(lang, " Actual time: median "));
		qms_results_format_value(&p, g, qms_results_hist_rank(&g->hist, 0.5), lang);
		qms_buf_adds(&p, qms_tr(lang, ", 90% within "));
		qms_results_format_value(&p, g, qms_results_hist_rank(&g->hist, 0.9), lang);
		qms_buf_adds(&p, qms_tr(lang, ", longest "));
		qms_results_format_value(&p, g, g->hist.max, lang);
		qms_buf_adds(&p, ".");
	}
	qms_html_add_text(out, p.buf);
	qms_buf_adds(out, "</p>\n");
	if (g->hist.n) {
		qms_buf_adds(out, "<figure class=\"results-chart\">");
		qms_results_svg_chart(out, g, r->workday_hours, lang);
		qms_buf_adds(out, "</figure>\n");
	}
	qms_buf_adds(out, "</section>\n");
	qms_buf_release(&p);
}

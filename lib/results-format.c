/* The outputs of `qms results` (results.h): text, Markdown, HTML and CSV
 * for people, in the report's language (the words are chosen here, as in
 * report-text.c, not by the language of messages), and JSON. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "html.h"
#include "i18n.h"
#include "json.h"
#include "report.h"
#include "results.h"
#include "table.h"
#include "timelimit.h"

#define L(en, vi) (lang == QMS_LANG_VI ? (vi) : (en))

static void add_date(struct qms_buf *b, int32_t day, enum qms_lang lang)
{
	char s[11];
	qms_date_format(s, day);
	if (lang == QMS_LANG_VI)
		qms_buf_printf(b, "%.2s/%.2s/%.4s", s + 8, s + 5, s);
	else
		qms_buf_add(b, s, 10);
}

/* tenths of a percent of part in whole, never shown as 100% unless it is */
static int tenths(uint64_t part, uint64_t whole)
{
	if (!whole)
		return 0;
	long t = lround(1000.0 * (double)part / (double)whole);
	if (t == 1000 && part < whole)
		t = 999;
	if (t == 0 && part > 0)
		t = 1;
	return (int)t;
}

static void add_n(struct qms_buf *b, uint64_t n, enum qms_lang lang)
{
	qms_report_add_count(b, (size_t)n, lang);
}

static void add_pct(struct qms_buf *b, uint64_t part, uint64_t whole, enum qms_lang lang)
{
	if (!whole)
		qms_buf_adds(b, "–");
	else
		qms_report_add_percent(b, tenths(part, whole), lang);
}

void qms_results_add_paragraph(struct qms_buf *out, const struct qms_results_counts *c, enum qms_lang lang)
{
	if (lang == QMS_LANG_VI) {
		qms_buf_adds(out, "tổng số hồ sơ tiếp nhận mới là ");
		add_n(out, c->received, lang);
		qms_buf_adds(out, " hồ sơ");
		if (c->carried) {
			qms_buf_adds(out, ", kỳ trước chuyển sang ");
			add_n(out, c->carried, lang);
			qms_buf_adds(out, " hồ sơ");
		}
		qms_buf_adds(out, ". Số hồ sơ đã giải quyết là ");
		add_n(out, c->resolved, lang);
		qms_buf_adds(out, ", trong đó: Số hồ sơ giải quyết trước hạn: ");
		add_n(out, c->before, lang);
		qms_buf_adds(out, " hồ sơ; Số hồ sơ giải quyết đúng hạn: ");
		add_n(out, c->on_due, lang);
		qms_buf_adds(out, " hồ sơ; Số hồ sơ giải quyết quá hạn: ");
		add_n(out, c->late, lang);
		qms_buf_adds(out, " hồ sơ. Số hồ sơ đang giải quyết: ");
		add_n(out, c->open_within + c->open_late, lang);
		if (c->open_late == 0) {
			qms_buf_adds(out, " hồ sơ (số hồ sơ này vẫn đang trong thời hạn giải quyết)");
		} else {
			qms_buf_adds(out, " hồ sơ, trong đó trong hạn: ");
			add_n(out, c->open_within, lang);
			qms_buf_adds(out, " hồ sơ, quá hạn: ");
			add_n(out, c->open_late, lang);
			qms_buf_adds(out, " hồ sơ");
		}
		if (c->returned) {
			qms_buf_adds(out, ". Số hồ sơ trả lại, rút hồ sơ: ");
			add_n(out, c->returned, lang);
			qms_buf_adds(out, " hồ sơ");
		}
		qms_buf_adds(out, ". Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn: ");
		add_pct(out, c->before + c->on_due, c->resolved, lang);
		qms_buf_adds(out, ".");
		uint64_t late = c->late + c->open_late;
		if (late) {
			qms_buf_adds(out, " Số hồ sơ quá hạn đã có văn bản xin lỗi: ");
			add_n(out, c->late_apology, lang);
			qms_buf_adds(out, "/");
			add_n(out, late, lang);
			qms_buf_adds(out, " hồ sơ.");
		}
		return;
	}
	qms_buf_adds(out, "dossiers received: ");
	add_n(out, c->received, lang);
	if (c->carried) {
		qms_buf_adds(out, ", carried over: ");
		add_n(out, c->carried, lang);
	}
	qms_buf_adds(out, ". Resolved: ");
	add_n(out, c->resolved, lang);
	qms_buf_adds(out, ", of which before the due date: ");
	add_n(out, c->before, lang);
	qms_buf_adds(out, "; on the due date: ");
	add_n(out, c->on_due, lang);
	qms_buf_adds(out, "; late: ");
	add_n(out, c->late, lang);
	qms_buf_adds(out, ". In progress: ");
	add_n(out, c->open_within + c->open_late, lang);
	qms_buf_adds(out, " (within the time: ");
	add_n(out, c->open_within, lang);
	qms_buf_adds(out, ", past the due date: ");
	add_n(out, c->open_late, lang);
	qms_buf_adds(out, ")");
	if (c->returned) {
		qms_buf_adds(out, ". Returned or withdrawn: ");
		add_n(out, c->returned, lang);
	}
	qms_buf_adds(out, ". Resolved by the due date: ");
	add_pct(out, c->before + c->on_due, c->resolved, lang);
	qms_buf_adds(out, ".");
	uint64_t late = c->late + c->open_late;
	if (late) {
		qms_buf_adds(out, " Late dossiers with an apology: ");
		add_n(out, c->late_apology, lang);
		qms_buf_adds(out, "/");
		add_n(out, late, lang);
		qms_buf_adds(out, ".");
	}
}

static void add_heading_paragraph(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang)
{
	qms_buf_adds(out, L("From ", "Từ ngày "));
	add_date(out, r->from, lang);
	qms_buf_adds(out, L(" to ", " đến ngày "));
	add_date(out, r->to, lang);
	qms_buf_adds(out, ", ");
	qms_results_add_paragraph(out, &r->total, lang);
}

static void add_rows_line(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang)
{
	qms_buf_adds(out, L("Rows: ", "Số dòng: "));
	add_n(out, r->rows_read, lang);
	qms_buf_adds(out, L(" read, ", " đã đọc, "));
	add_n(out, r->rows_used, lang);
	qms_buf_adds(out, L(" used (", " được sử dụng ("));
	add_n(out, r->rows_outside, lang);
	qms_buf_adds(out, L(" outside the period), ", " ngoài kỳ báo cáo), "));
	add_n(out, r->rows_rejected, lang);
	qms_buf_adds(out, L(" not readable", " không đọc được"));
	if (r->unmatched_rows) {
		qms_buf_adds(out, L("; ", "; "));
		add_n(out, r->unmatched_rows, lang);
		qms_buf_adds(out,
			     L(" of a procedure not in the workspace", " thuộc thủ tục không có trong bộ quy trình"));
	}
	qms_buf_adds(out, ".");
}

static const char *dim_title(enum qms_results_dim d, enum qms_lang lang)
{
	static const char *const en[] = {"By agency", "By level", "By field", "By procedure"};
	static const char *const vi[] = {"Theo cơ quan", "Theo cấp", "Theo lĩnh vực", "Theo thủ tục"};
	return lang == QMS_LANG_VI ? vi[d] : en[d];
}

static const char *level_label(const char *key, enum qms_lang lang)
{
	static const char *const keys[] = {"province", "district", "commune"};
	static const char *const en[] = {"Province", "District", "Commune"};
	static const char *const vi[] = {"Cấp tỉnh", "Cấp huyện", "Cấp xã"};
	for (size_t i = 0; i < 3; i++)
		if (strcmp(key, keys[i]) == 0)
			return lang == QMS_LANG_VI ? vi[i] : en[i];
	return *key ? key : L("(not given)", "(không ghi)");
}

/* The figures table of one grouping. */
static void counts_table(struct qms_table *t, const struct qms_results *r, enum qms_results_dim d, enum qms_lang lang)
{
	const char *head[] = {L("Group", "Nhóm"),
			      L("Received", "Tiếp nhận mới"),
			      L("Carried over", "Kỳ trước chuyển sang"),
			      L("Resolved", "Đã giải quyết"),
			      L("Before due", "Trước hạn"),
			      L("On due", "Đúng hạn"),
			      L("Late", "Quá hạn"),
			      L("In progress, in time", "Đang giải quyết trong hạn"),
			      L("In progress, past due", "Đang giải quyết quá hạn"),
			      L("Returned", "Trả lại, rút"),
			      L("By due date", "Tỷ lệ đúng hạn"),
			      L("Late with apology", "Quá hạn có xin lỗi"),
			      NULL};
	head[0] = dim_title(d, lang);
	qms_table_init(t, head);
	struct qms_buf cells[12];
	for (size_t i = 0; i < 12; i++)
		qms_buf_init(&cells[i]);
	for (size_t i = 0; i < r->ngroups[d]; i++) {
		const struct qms_results_group *g = &r->groups[d][i];
		const struct qms_results_counts *c = &g->c;
		if (!c->received && !c->carried)
			continue;
		for (size_t k = 0; k < 12; k++)
			qms_buf_reset(&cells[k]);
		qms_buf_adds(&cells[0], d == QMS_RD_LEVEL ? level_label(g->key, lang)
					: *g->key         ? g->key
							  : L("(not given)", "(không ghi)"));
		uint64_t v[] = {c->received, c->carried,     c->resolved,  c->before,  c->on_due,
				c->late,     c->open_within, c->open_late, c->returned};
		for (size_t k = 0; k < 9; k++)
			add_n(&cells[k + 1], v[k], lang);
		add_pct(&cells[10], c->before + c->on_due, c->resolved, lang);
		add_n(&cells[11], c->late_apology, lang);
		qms_buf_adds(&cells[11], "/");
		add_n(&cells[11], c->late + c->open_late, lang);
		const char *row[12];
		for (size_t k = 0; k < 12; k++)
			row[k] = cells[k].buf;
		qms_table_add(t, row);
	}
	for (size_t i = 0; i < 12; i++)
		qms_buf_release(&cells[i]);
}

void qms_results_format_value(struct qms_buf *out, const struct qms_results_group *g, long v, enum qms_lang lang)
{
	if (v < 0) {
		qms_buf_adds(out, "–");
		return;
	}
	if (!g->minutes) {
		qms_duration_format(out, (double)v, g->unit, lang);
		return;
	}
	double amount = g->unit == QMS_UNIT_MINUTES ? (double)v : round((double)v / 6.0) / 10.0;
	qms_duration_format(out, amount, g->unit, lang);
}

/* The time table: per matched procedure with resolved dossiers. */
static void time_table(struct qms_table *t, const struct qms_results *r, enum qms_lang lang)
{
	const char *head[] = {L("Procedure", "Thủ tục"),
			      L("Resolved", "Đã giải quyết"),
			      L("Median", "Trung vị"),
			      L("90th percentile", "90% hồ sơ trong"),
			      L("Longest", "Lâu nhất"),
			      L("Committed", "Cam kết"),
			      L("Statutory", "Quy định"),
			      L("Over committed", "Vượt cam kết"),
			      L("Over statutory", "Vượt quy định"),
			      L("Committed limit holds", "Thời hạn cam kết"),
			      NULL};
	qms_table_init(t, head);
	struct qms_buf cells[10];
	for (size_t i = 0; i < 10; i++)
		qms_buf_init(&cells[i]);
	const struct qms_results_group *gs = r->groups[QMS_RD_PROCEDURE];
	for (size_t i = 0; i < r->ngroups[QMS_RD_PROCEDURE]; i++) {
		const struct qms_results_group *g = &gs[i];
		if (!g->matched || !g->hist.n)
			continue;
		for (size_t k = 0; k < 10; k++)
			qms_buf_reset(&cells[k]);
		qms_buf_adds(&cells[0], g->key);
		add_n(&cells[1], g->hist.n, lang);
		qms_results_format_value(&cells[2], g, qms_results_hist_rank(&g->hist, 0.5), lang);
		qms_results_format_value(&cells[3], g, qms_results_hist_rank(&g->hist, 0.9), lang);
		qms_results_format_value(&cells[4], g, g->hist.max, lang);
		if (g->has_committed)
			qms_duration_format(&cells[5], g->committed.amount, g->committed.unit, lang);
		if (g->has_statutory)
			qms_duration_format(&cells[6], g->statutory.amount, g->statutory.unit, lang);
		if (g->has_committed)
			add_pct(&cells[7], g->over_committed, g->hist.n, lang);
		if (g->has_statutory)
			add_pct(&cells[8], g->over_statutory, g->hist.n, lang);
		if (g->has_committed)
			qms_buf_adds(&cells[9], tenths(g->over_committed, g->hist.n) > 100
							? L("does not hold", "không giữ được")
							: L("holds", "giữ được"));
		const char *row[10];
		for (size_t k = 0; k < 10; k++)
			row[k] = cells[k].buf;
		qms_table_add(t, row);
	}
	for (size_t i = 0; i < 10; i++)
		qms_buf_release(&cells[i]);
}

/* Steps: per procedure with step events. */
static void steps_table(struct qms_table *t, const struct qms_results *r, enum qms_lang lang)
{
	const char *head[] = {L("Procedure", "Thủ tục"),
			      L("Step", "Bước"),
			      L("Events", "Số lượt"),
			      L("Median", "Trung vị"),
			      L("90th percentile", "90% trong"),
			      L("Planned", "Kế hoạch"),
			      L("Excess in late dossiers", "Vượt kế hoạch (hồ sơ quá hạn)"),
			      NULL};
	qms_table_init(t, head);
	struct qms_buf cells[7];
	for (size_t i = 0; i < 7; i++)
		qms_buf_init(&cells[i]);
	const struct qms_results_group *gs = r->groups[QMS_RD_PROCEDURE];
	for (size_t i = 0; i < r->ngroups[QMS_RD_PROCEDURE]; i++) {
		const struct qms_results_group *g = &gs[i];
		if (!g->matched || !g->step_dossiers)
			continue;
		for (size_t s = 0; s < g->nsteps; s++) {
			const struct qms_results_step *st = &g->steps[s];
			if (!st->hist.n)
				continue;
			for (size_t k = 0; k < 7; k++)
				qms_buf_reset(&cells[k]);
			struct qms_results_group hours = {.minutes = true, .unit = QMS_UNIT_WORKING_HOURS};
			qms_buf_adds(&cells[0], g->key);
			qms_buf_adds(&cells[1], st->id);
			add_n(&cells[2], st->hist.n, lang);
			qms_results_format_value(&cells[3], &hours, qms_results_hist_rank(&st->hist, 0.5), lang);
			qms_results_format_value(&cells[4], &hours, qms_results_hist_rank(&st->hist, 0.9), lang);
			if (st->has_duration)
				qms_duration_format(&cells[5], st->duration.amount, st->duration.unit, lang);
			qms_results_format_value(&cells[6], &hours, (long)st->excess_minutes, lang);
			const char *row[7];
			for (size_t k = 0; k < 7; k++)
				row[k] = cells[k].buf;
			qms_table_add(t, row);
		}
	}
	for (size_t i = 0; i < 7; i++)
		qms_buf_release(&cells[i]);
}

/* The step of g that adds most to lateness, or NULL. */
static const struct qms_results_step *worst_step(const struct qms_results_group *g)
{
	const struct qms_results_step *w = NULL;
	for (size_t s = 0; s < g->nsteps; s++)
		if (g->steps[s].excess_minutes && (!w || g->steps[s].excess_minutes > w->excess_minutes))
			w = &g->steps[s];
	return w;
}

static const char *fault_label(int k, enum qms_lang lang)
{
	static const char *const en[] = {"a step not in the procedure", "a step skipped", "steps out of order"};
	static const char *const vi[] = {"bước không có trong quy trình", "bỏ qua bước", "sai thứ tự bước"};
	return lang == QMS_LANG_VI ? vi[k] : en[k];
}

/* Sections after the figures, as lines of text (text and Markdown). */
static void add_lists(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang, bool md)
{
	const char *bullet = md ? "- " : "  ";
	const struct qms_results_group *gs = r->groups[QMS_RD_PROCEDURE];
	bool any = false;
	for (size_t i = 0; i < r->ngroups[QMS_RD_PROCEDURE]; i++) {
		const struct qms_results_group *g = &gs[i];
		if (!g->matched || !g->hist.n || !g->has_committed || tenths(g->over_committed, g->hist.n) <= 100)
			continue;
		if (!any)
			qms_buf_printf(out, "%s\n\n",
				       L("Procedures whose committed limit does not hold (more than 10% of "
					 "the dossiers over it):",
					 "Thủ tục có thời hạn cam kết không giữ được (trên 10% hồ sơ vượt "
					 "thời hạn cam kết):"));
		any = true;
		qms_buf_printf(out, "%s%s: ", bullet, g->key);
		add_pct(out, g->over_committed, g->hist.n, lang);
		qms_buf_adds(out, L(" over ", " vượt "));
		qms_duration_format(out, g->committed.amount, g->committed.unit, lang);
		qms_buf_adds(out, L(", 90% within ", ", 90% hồ sơ trong "));
		qms_results_format_value(out, g, qms_results_hist_rank(&g->hist, 0.9), lang);
		qms_buf_adds(out, "\n");
	}
	if (any)
		qms_buf_adds(out, "\n");
	any = false;
	for (size_t i = 0; i < r->ngroups[QMS_RD_PROCEDURE]; i++) {
		const struct qms_results_group *g = &gs[i];
		if (g->matched)
			continue;
		if (!any)
			qms_buf_printf(out, "%s\n\n",
				       L("Codes matched to no procedure of the workspace:",
					 "Mã không khớp với thủ tục nào của bộ quy trình:"));
		any = true;
		qms_buf_printf(out, "%s%s: ", bullet, g->key);
		add_n(out, g->rows, lang);
		qms_buf_printf(out, L(" rows, first at %s:%lu\n", " dòng, dòng đầu tiên %s:%lu\n"), g->first_file,
			       g->first_line);
	}
	if (any)
		qms_buf_adds(out, "\n");
	for (size_t i = 0; i < r->ngroups[QMS_RD_PROCEDURE]; i++) {
		const struct qms_results_step *w = worst_step(&gs[i]);
		if (w)
			qms_buf_printf(out,
				       L("%s: the step that adds most to lateness is %s (%s).\n",
					 "%s: bước làm chậm nhiều nhất là %s (%s).\n"),
				       gs[i].key, w->id, w->name);
	}
	if (r->has_steps) {
		qms_buf_adds(out, L("\nPaths that do not follow the procedure (step events of ",
				    "\nHồ sơ không theo đúng quy trình (sự kiện bước của "));
		add_n(out, r->step_dossiers, lang);
		qms_buf_adds(out, L(" dossiers):\n\n", " hồ sơ):\n\n"));
		for (int k = 0; k < QMS_FAULT_COUNT; k++) {
			qms_buf_printf(out, "%s%s: ", bullet, fault_label(k, lang));
			add_n(out, r->faults[k], lang);
			for (size_t e = 0; e < r->nfault_examples[k]; e++)
				qms_buf_printf(out, "%s%s", e ? "; " : L(" (e.g. ", " (ví dụ "),
					       r->fault_examples[k][e]);
			qms_buf_adds(out, r->nfault_examples[k] ? ")\n" : "\n");
		}
	}
}

static void format_tables(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang,
			  enum qms_table_format tf)
{
	for (int d = 0; d < QMS_RD_COUNT; d++) {
		struct qms_table t;
		counts_table(&t, r, (enum qms_results_dim)d, lang);
		if (t.nrows > 1) {
			qms_table_format(out, &t, tf);
			qms_buf_adds(out, "\n");
		}
		qms_table_release(&t);
	}
	struct qms_table t;
	time_table(&t, r, lang);
	if (t.nrows > 1) {
		qms_buf_printf(out, tf == QMS_TABLE_MD ? "### %s\n\n" : "%s\n\n",
			       L("Actual time from receipt to result", "Thời gian giải quyết thực tế"));
		qms_table_format(out, &t, tf);
		qms_buf_adds(out, "\n");
	}
	qms_table_release(&t);
	steps_table(&t, r, lang);
	if (t.nrows > 1) {
		qms_buf_printf(out, tf == QMS_TABLE_MD ? "### %s\n\n" : "%s\n\n",
			       L("Actual time per step", "Thời gian thực tế từng bước"));
		qms_table_format(out, &t, tf);
		qms_buf_adds(out, "\n");
	}
	qms_table_release(&t);
}

void qms_results_format_text(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang)
{
	add_heading_paragraph(out, r, lang);
	qms_buf_adds(out, "\n");
	add_rows_line(out, r, lang);
	qms_buf_adds(out, "\n\n");
	format_tables(out, r, lang, QMS_TABLE_TEXT);
	add_lists(out, r, lang, false);
}

void qms_results_format_md(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang)
{
	qms_buf_printf(out, "## %s\n\n", L("Results of administrative procedures", "Kết quả giải quyết TTHC"));
	add_heading_paragraph(out, r, lang);
	qms_buf_adds(out, "\n\n");
	add_rows_line(out, r, lang);
	qms_buf_adds(out, "\n\n");
	format_tables(out, r, lang, QMS_TABLE_MD);
	add_lists(out, r, lang, true);
}

void qms_results_format_csv(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang)
{
	static const char *const head[] = {"grouping",
					   "key",
					   "received",
					   "carried",
					   "resolved",
					   "before_due",
					   "on_due",
					   "late",
					   "in_progress_in_time",
					   "in_progress_late",
					   "returned",
					   "late_with_apology",
					   NULL};
	static const char *const dims[] = {"agency", "level", "field", "procedure"};
	struct qms_csv c;
	qms_csv_init(&c, out);
	qms_csv_row(&c, head);
	for (int d = -1; d < QMS_RD_COUNT; d++) {
		size_t n = d < 0 ? 1 : r->ngroups[d];
		for (size_t i = 0; i < n; i++) {
			const struct qms_results_counts *k = d < 0 ? &r->total : &r->groups[d][i].c;
			qms_csv_cell(&c, d < 0 ? "total" : dims[d]);
			qms_csv_cell(&c, d < 0 ? "" : r->groups[d][i].key);
			uint64_t v[] = {k->received, k->carried,     k->resolved,  k->before,   k->on_due,
					k->late,     k->open_within, k->open_late, k->returned, k->late_apology};
			for (size_t x = 0; x < QMS_ARRAY_LEN(v); x++)
				qms_csv_cellf(&c, "%llu", (unsigned long long)v[x]);
			qms_csv_end_row(&c);
		}
	}
	(void)lang;
}

void qms_results_format_html(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang)
{
	struct qms_buf p;
	qms_buf_init(&p);
	qms_buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head><meta charset=\"utf-8\"><title>",
		       L("en", "vi"));
	qms_html_add_text(out, L("Results of administrative procedures", "Kết quả giải quyết TTHC"));
	qms_buf_adds(out, "</title></head>\n<body>\n<h2>");
	qms_html_add_text(out, L("Results of administrative procedures", "Kết quả giải quyết TTHC"));
	qms_buf_adds(out, "</h2>\n<p>");
	add_heading_paragraph(&p, r, lang);
	qms_html_add_text(out, p.buf);
	qms_buf_adds(out, "</p>\n<p>");
	qms_buf_reset(&p);
	add_rows_line(&p, r, lang);
	qms_html_add_text(out, p.buf);
	qms_buf_adds(out, "</p>\n");
	for (int d = 0; d < QMS_RD_COUNT; d++) {
		struct qms_table t;
		counts_table(&t, r, (enum qms_results_dim)d, lang);
		if (t.nrows > 1)
			qms_table_format(out, &t, QMS_TABLE_HTML);
		qms_table_release(&t);
	}
	struct qms_table t;
	time_table(&t, r, lang);
	if (t.nrows > 1) {
		qms_buf_adds(out, "<h3>");
		qms_html_add_text(out, L("Actual time from receipt to result", "Thời gian giải quyết thực tế"));
		qms_buf_adds(out, "</h3>\n");
		qms_table_format(out, &t, QMS_TABLE_HTML);
	}
	qms_table_release(&t);
	steps_table(&t, r, lang);
	if (t.nrows > 1)
		qms_table_format(out, &t, QMS_TABLE_HTML);
	qms_table_release(&t);
	qms_buf_reset(&p);
	add_lists(&p, r, lang, false);
	if (p.len) {
		qms_buf_adds(out, "<pre>");
		qms_html_add_text(out, p.buf);
		qms_buf_adds(out, "</pre>\n");
	}
	qms_buf_adds(out, "</body>\n</html>\n");
	qms_buf_release(&p);
}

static void json_counts(struct qms_json *j, const struct qms_results_counts *c)
{
	qms_json_object(j);
	qms_json_kv_int(j, "received", (long long)c->received);
	qms_json_kv_int(j, "carried_over", (long long)c->carried);
	qms_json_kv_int(j, "resolved", (long long)c->resolved);
	qms_json_kv_int(j, "before_due", (long long)c->before);
	qms_json_kv_int(j, "on_due", (long long)c->on_due);
	qms_json_kv_int(j, "late", (long long)c->late);
	qms_json_kv_int(j, "in_progress_in_time", (long long)c->open_within);
	qms_json_kv_int(j, "in_progress_late", (long long)c->open_late);
	qms_json_kv_int(j, "returned", (long long)c->returned);
	qms_json_kv_int(j, "late_with_apology", (long long)c->late_apology);
	qms_json_end(j);
}

static void json_duration(struct qms_json *j, const char *key, bool has, const struct qms_duration *d)
{
	qms_json_key(j, key);
	if (!has) {
		qms_json_null(j);
		return;
	}
	struct qms_buf b;
	qms_buf_init(&b);
	qms_duration_format(&b, d->amount, d->unit, QMS_LANG_EN);
	qms_json_string(j, b.buf);
	qms_buf_release(&b);
}

static const char *unit_key(const struct qms_results_group *g)
{
	switch (g->unit) {
	case QMS_UNIT_MINUTES:
	case QMS_UNIT_HOURS:
	case QMS_UNIT_WORKING_HOURS: return "working minutes";
	case QMS_UNIT_CALENDAR_DAYS: return "days";
	default: return "working days";
	}
}

static void json_group(struct qms_json *j, const struct qms_results_group *g, enum qms_results_dim d)
{
	qms_json_object(j);
	qms_json_kv_string(j, "key", g->key);
	if (g->name)
		qms_json_kv_string(j, "name", g->name);
	if (d == QMS_RD_AGENCY && g->level)
		qms_json_kv_string(j, "level", g->level);
	qms_json_key(j, "counts");
	json_counts(j, &g->c);
	if (d == QMS_RD_PROCEDURE) {
		qms_json_key(j, "matched");
		qms_json_bool(j, g->matched);
		if (g->tthc)
			qms_json_kv_string(j, "tthc", g->tthc);
		if (!g->matched) {
			qms_json_kv_int(j, "rows", (long long)g->rows);
			qms_json_kv_string(j, "first_file", g->first_file);
			qms_json_kv_int(j, "first_line", (long long)g->first_line);
		}
		if (g->matched) {
			qms_json_key(j, "time");
			qms_json_object(j);
			qms_json_kv_string(j, "unit", unit_key(g));
			qms_json_kv_int(j, "resolved", (long long)g->hist.n);
			long v[3] = {qms_results_hist_rank(&g->hist, 0.5), qms_results_hist_rank(&g->hist, 0.9),
				     g->hist.n ? g->hist.max : -1};
			const char *k[3] = {"median", "p90", "max"};
			for (int i = 0; i < 3; i++) {
				qms_json_key(j, k[i]);
				if (v[i] < 0)
					qms_json_null(j);
				else
					qms_json_int(j, v[i]);
			}
			json_duration(j, "committed", g->has_committed, &g->committed);
			json_duration(j, "statutory", g->has_statutory, &g->statutory);
			qms_json_kv_int(j, "over_committed", (long long)g->over_committed);
			qms_json_kv_int(j, "over_statutory", (long long)g->over_statutory);
			qms_json_key(j, "committed_holds");
			if (g->has_committed && g->hist.n)
				qms_json_bool(j, tenths(g->over_committed, g->hist.n) <= 100);
			else
				qms_json_null(j);
			qms_json_end(j);
			if (g->step_dossiers) {
				qms_json_key(j, "steps");
				qms_json_array(j);
				for (size_t s = 0; s < g->nsteps; s++) {
					const struct qms_results_step *st = &g->steps[s];
					if (!st->hist.n)
						continue;
					qms_json_object(j);
					qms_json_kv_string(j, "step", st->id);
					qms_json_kv_int(j, "events", (long long)st->hist.n);
					qms_json_kv_int(j, "median_minutes", qms_results_hist_rank(&st->hist, 0.5));
					qms_json_kv_int(j, "p90_minutes", qms_results_hist_rank(&st->hist, 0.9));
					json_duration(j, "planned", st->has_duration, &st->duration);
					qms_json_kv_int(j, "excess_minutes_in_late", (long long)st->excess_minutes);
					qms_json_end(j);
				}
				qms_json_end(j);
				const struct qms_results_step *w = worst_step(g);
				qms_json_kv_string(j, "slowest_step", w ? w->id : NULL);
			}
		}
	}
	qms_json_end(j);
}

void qms_results_format_json(struct qms_buf *out, const struct qms_results *r)
{
	static const char *const dims[] = {"agencies", "levels", "fields", "procedures"};
	static const char *const faults[] = {"unknown_step", "skipped_step", "out_of_order"};
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_object(&j);
	char d[11];
	qms_date_format(d, r->from);
	qms_json_kv_string(&j, "from", d);
	qms_date_format(d, r->to);
	qms_json_kv_string(&j, "to", d);
	qms_json_key(&j, "rows");
	qms_json_object(&j);
	qms_json_kv_int(&j, "read", (long long)r->rows_read);
	qms_json_kv_int(&j, "used", (long long)r->rows_used);
	qms_json_kv_int(&j, "outside_period", (long long)r->rows_outside);
	qms_json_kv_int(&j, "rejected", (long long)r->rows_rejected);
	qms_json_kv_int(&j, "unmatched", (long long)r->unmatched_rows);
	qms_json_end(&j);
	qms_json_key(&j, "total");
	json_counts(&j, &r->total);
	for (int k = 0; k < QMS_RD_COUNT; k++) {
		qms_json_key(&j, dims[k]);
		qms_json_array(&j);
		for (size_t i = 0; i < r->ngroups[k]; i++)
			if (r->groups[k][i].c.received || r->groups[k][i].c.carried || k == QMS_RD_PROCEDURE)
				if (k != QMS_RD_PROCEDURE || r->groups[k][i].rows)
					json_group(&j, &r->groups[k][i], (enum qms_results_dim)k);
		qms_json_end(&j);
	}
	if (r->has_steps) {
		qms_json_key(&j, "paths");
		qms_json_object(&j);
		qms_json_kv_int(&j, "events", (long long)r->step_rows);
		qms_json_kv_int(&j, "dossiers", (long long)r->step_dossiers);
		for (int k = 0; k < QMS_FAULT_COUNT; k++) {
			qms_json_key(&j, faults[k]);
			qms_json_object(&j);
			qms_json_kv_int(&j, "count", (long long)r->faults[k]);
			qms_json_key(&j, "examples");
			qms_json_array(&j);
			for (size_t e = 0; e < r->nfault_examples[k]; e++)
				qms_json_string(&j, r->fault_examples[k][e]);
			qms_json_end(&j);
			qms_json_end(&j);
		}
		qms_json_end(&j);
	}
	qms_json_key(&j, "problems");
	qms_json_object(&j);
	qms_json_kv_int(&j, "total", (long long)r->nproblems_total);
	qms_json_key(&j, "by_kind");
	qms_json_array(&j);
	for (size_t k = 0; k < r->nkinds; k++) {
		qms_json_object(&j);
		qms_json_kv_string(&j, "message", r->kinds[k].msgid);
		qms_json_kv_int(&j, "count", (long long)r->kinds[k].n);
		qms_json_end(&j);
	}
	qms_json_end(&j);
	qms_json_key(&j, "first");
	qms_json_array(&j);
	for (size_t i = 0; i < r->nproblems; i++) {
		const struct qms_results_problem *p = &r->problems[i];
		qms_json_object(&j);
		qms_json_kv_string(&j, "file", p->file);
		qms_json_kv_int(&j, "line", (long long)p->line);
		qms_json_kv_int(&j, "column", (long long)p->col);
		qms_json_kv_string(&j, "message", p->msgid);
		qms_json_kv_string(&j, "severity", p->warning ? "warning" : "error");
		if (p->column)
			qms_json_kv_string(&j, "column_name", p->column);
		if (p->detail)
			qms_json_kv_string(&j, "value", p->detail);
		qms_json_end(&j);
	}
	qms_json_end(&j);
	qms_json_end(&j);
	qms_json_kv_int(&j, "late_total", (long long)r->nlate_total);
	qms_json_end(&j);
}

void qms_results_format_problems(struct qms_buf *out, const struct qms_results *r)
{
	for (size_t i = 0; i < r->nproblems; i++) {
		const struct qms_results_problem *p = &r->problems[i];
		qms_buf_printf(out, "%s:%lu:%lu: %s: ", p->file, p->line, p->col,
			       p->warning ? _("warning") : _("error"));
		if (p->column)
			qms_buf_printf(out, _("column '%s': "), p->column);
		qms_buf_adds(out, _(p->msgid));
		if (p->detail)
			qms_buf_printf(out, ": '%s'", p->detail);
		qms_buf_adds(out, "\n");
	}
	if (r->nproblems_total > r->nproblems)
		qms_buf_printf(out, _("... and %llu more problems\n"),
			       (unsigned long long)(r->nproblems_total - r->nproblems));
}

/* A YAML scalar in double quotes (every character as JSON escapes it,
 * which YAML reads the same). */
static void yaml_str(struct qms_buf *out, const char *s)
{
	qms_buf_add_json_string(out, s ? s : "");
}

void qms_results_format_nonconforming(struct qms_buf *out, const struct qms_results *r, enum qms_lang lang)
{
	char a[11], b[11];
	qms_date_format(a, r->from);
	qms_date_format(b, r->to);
	qms_buf_printf(out,
		       lang == QMS_LANG_VI
			       ? "# Đầu ra không phù hợp (TCVN ISO 9001:2015, 8.7): hồ sơ giải quyết quá hạn "
				 "hoặc đang giải quyết quá hạn từ %s đến %s\n"
			       : "# Nonconforming outputs (ISO 9001:2015, 8.7): dossiers resolved late or in progress "
				 "past their due date, %s to %s\n",
		       a, b);
	if (r->nlate_total > r->nlate)
		qms_buf_printf(out,
			       lang == QMS_LANG_VI ? "# %zu hồ sơ đầu tiên trong tổng số %llu\n"
						   : "# the first %zu of %llu\n",
			       r->nlate, (unsigned long long)r->nlate_total);
	qms_buf_adds(out, r->nlate ? "nonconforming_outputs:\n" : "nonconforming_outputs: []\n");
	for (size_t i = 0; i < r->nlate; i++) {
		const struct qms_results_late *l = &r->late[i];
		char rd[11], dd[11], fd[11];
		qms_date_format(rd, l->received);
		qms_date_format(dd, l->due);
		qms_buf_adds(out, "  - {dossier: ");
		yaml_str(out, l->dossier);
		qms_buf_adds(out, ", process: ");
		yaml_str(out, l->procedure);
		qms_buf_adds(out, ", agency: ");
		yaml_str(out, l->agency);
		qms_buf_printf(out, ", received: %s, due: %s, finished: ", rd, dd);
		if (l->finished >= 0) {
			qms_date_format(fd, l->finished);
			qms_buf_adds(out, fd);
		} else {
			qms_buf_adds(out, "null");
		}
		qms_buf_printf(out, ", apology: %s, clause: \"8.7\"}\n", l->apology ? "true" : "false");
	}
}

/* The limit d as a number of the histogram's units of g, or -1 when it is
 * in another kind of day (calendar against working days). */
static double limit_in_units(const struct qms_results_group *g, const struct qms_duration *d, double wh)
{
	if (g->minutes) {
		if (d->unit == QMS_UNIT_MINUTES)
			return d->amount;
		if (d->unit == QMS_UNIT_HOURS || d->unit == QMS_UNIT_WORKING_HOURS)
			return d->amount * 60;
		if (d->unit == QMS_UNIT_WORKING_DAYS)
			return d->amount * wh * 60;
		return d->unit == QMS_UNIT_SAME_DAY ? wh * 60 : -1;
	}
	if (g->unit == QMS_UNIT_CALENDAR_DAYS)
		return d->unit == QMS_UNIT_CALENDAR_DAYS ? d->amount : -1;
	return d->unit == QMS_UNIT_WORKING_DAYS ? d->amount : d->unit == QMS_UNIT_SAME_DAY ? 0 : -1;
}

void qms_results_svg_chart(struct qms_buf *out, const struct qms_results_group *g, double workday_hours,
			   enum qms_lang lang)
{
	const double W = 480, H = 170, left = 40, right = 10, top = 28, bottom = 36;
	const struct qms_results_hist *h = &g->hist;
	double lim[2] = {g->has_committed ? limit_in_units(g, &g->committed, workday_hours) : -1,
			 g->has_statutory ? limit_in_units(g, &g->statutory, workday_hours) : -1};
	long top_value = h->max;
	for (int k = 0; k < 2; k++)
		if (lim[k] > top_value)
			top_value = (long)ceil(lim[k]);
	long nbars = top_value + 1 < 30 ? top_value + 1 : 30;
	long per = (top_value + nbars) / nbars; /* units per bar */
	uint64_t counts[30] = {0}, most = 1;
	for (size_t i = 0; i < h->nbins; i++)
		if (h->bins[i])
			counts[(long)i / per < nbars ? (long)i / per : nbars - 1] += h->bins[i];
	if (h->over)
		counts[nbars - 1] += h->over;
	for (long b = 0; b < nbars; b++)
		if (counts[b] > most)
			most = counts[b];
	double pw = W - left - right, ph = H - top - bottom, bw = pw / (double)nbars;
	qms_buf_printf(
		out,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"results-chart\" width=\"%.0f\" height=\"%.0f\" "
		"viewBox=\"0 0 %.0f %.0f\" role=\"img\" font-family=\"sans-serif\" font-size=\"11\">\n<title>",
		W, H, W, H);
	qms_html_add_text(out, lang == QMS_LANG_VI ? "Phân bố thời gian giải quyết thực tế so với thời hạn"
						   : "Actual time from receipt to result against the limits");
	qms_buf_adds(out, "</title>\n");
	for (long b = 0; b < nbars; b++) {
		double bh = ph * (double)counts[b] / (double)most;
		bool over = lim[0] >= 0 && (double)(b * per) > lim[0];
		qms_buf_printf(out,
			       "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
			       "fill=\"%s\"><title>%llu</title></rect>\n",
			       left + bw * (double)b + 1, top + ph - bh, bw > 2 ? bw - 2 : bw, bh,
			       over ? "#c0392b" : "#2e86c1", (unsigned long long)counts[b]);
	}
	qms_buf_printf(out, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#333\"/>\n", left, top + ph,
		       W - right, top + ph);
	static const char *const names_vi[] = {"Cam kết", "Quy định"}, *const names_en[] = {"Committed", "Statutory"};
	for (int k = 0; k < 2; k++) {
		if (lim[k] < 0)
			continue;
		double x = left + pw * (lim[k] + 0.5 * per) / (double)(nbars * per);
		qms_buf_printf(out,
			       "<line x1=\"%.1f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"%s\" "
			       "stroke-dasharray=\"4 3\"/>\n",
			       x, top - 4 + 12.0 * k, x, top + ph, k ? "#7d3c98" : "#d35400");
		bool end = x > W * 0.6; /* the label to the left of a line on the right */
		qms_buf_printf(out, "<text x=\"%.1f\" y=\"%.0f\" fill=\"%s\"%s>", end ? x - 3 : x + 3,
			       top - 6 + 12.0 * k, k ? "#7d3c98" : "#d35400", end ? " text-anchor=\"end\"" : "");
		struct qms_buf t;
		qms_buf_init(&t);
		qms_buf_printf(&t, "%s: ", lang == QMS_LANG_VI ? names_vi[k] : names_en[k]);
		const struct qms_duration *d = k ? &g->statutory : &g->committed;
		qms_duration_format(&t, d->amount, d->unit, lang);
		qms_html_add_text(out, t.buf);
		qms_buf_release(&t);
		qms_buf_adds(out, "</text>\n");
	}
	struct qms_buf t;
	qms_buf_init(&t);
	qms_results_format_value(&t, g, 0, lang);
	qms_buf_printf(out, "<text x=\"%.0f\" y=\"%.0f\">", left, H - bottom + 14);
	qms_html_add_text(out, t.buf);
	qms_buf_adds(out, "</text>\n");
	qms_buf_reset(&t);
	qms_results_format_value(&t, g, nbars * per - 1, lang);
	qms_buf_printf(out, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">", W - right, H - bottom + 14);
	qms_html_add_text(out, t.buf);
	qms_buf_adds(out, "</text>\n");
	qms_buf_reset(&t);
	qms_buf_printf(&t,
		       lang == QMS_LANG_VI ? "%llu hồ sơ đã giải quyết; cột cao nhất: %llu"
					   : "%llu resolved; tallest bar: %llu",
		       (unsigned long long)h->n, (unsigned long long)most);
	qms_buf_printf(out, "<text x=\"%.0f\" y=\"%.0f\">", left, H - 6);
	qms_html_add_text(out, t.buf);
	qms_buf_adds(out, "</text>\n</svg>\n");
	qms_buf_release(&t);
}

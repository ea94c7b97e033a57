/* The provincial report as text: the Markdown and HTML of the figures
 * report.c computed (CSV and JSON are in report-data.c). Markdown and
 * HTML share one text, written through the document writer of writer.c
 * (headings, paragraphs, lists and tables, every string escaped for its
 * format). See report.h. */
#include "report.h"
#include "results.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "i18n.h"
#include "status.h"
#include "table.h"
#include "timelimit.h"
#include "values.h"
#include "writer.h"

/* ---- dates, numbers, labels ---- */

static const char *const month_en[] = {"January", "February", "March",     "April",   "May",      "June",
				       "July",    "August",   "September", "October", "November", "December"};

void qms_report_add_date(struct qms_buf *out, int32_t days, enum qms_lang lang, bool prose)
{
	char s[11];
	qms_date_format(s, days);
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (lang == QMS_LANG_VI) {
		char vi[11];
		qms_date_format_lang(vi, days, QMS_LANG_VI);
		qms_buf_adds(out, vi);
	} else if (prose)
		qms_buf_printf(out, "%d %s %d", d, month_en[(m - 1) % 12], y);
	else
		qms_buf_adds(out, s);
}

void qms_report_add_count(struct qms_buf *out, size_t n, enum qms_lang lang)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%zu", n);
	for (int i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			qms_buf_addc(out, lang == QMS_LANG_VI ? '.' : ',');
		qms_buf_addc(out, digits[i]);
	}
}

void qms_report_add_percent(struct qms_buf *out, int tenths, enum qms_lang lang)
{
	qms_buf_add_number_lang(out, tenths / 10.0, lang);
	qms_buf_addc(out, '%');
}

int qms_report_tenths(size_t n, size_t total)
{
	return total ? (int)((n * 2000 / total + 1) / 2) : 0;
}

void qms_report_add_hours(struct qms_buf *out, double hours, double workday_hours, enum qms_lang lang)
{
	if (workday_hours <= 0)
		workday_hours = 8;
	bool days = hours >= workday_hours;
	qms_duration_format(out, days ? hours / workday_hours : hours,
			    days ? QMS_UNIT_WORKING_DAYS : QMS_UNIT_WORKING_HOURS, lang);
}

static const char *const grade_en[] = {N_("Major nonconformity"), N_("Minor nonconformity"), N_("Observation"),
				       N_("Opportunity for improvement")};
/* Mid-sentence, for one and for several (Vietnamese: one form). */
static const char *const grade_prose[][2] = {{N_("major nonconformity"), N_("major nonconformities")},
					     {N_("minor nonconformity"), N_("minor nonconformities")},
					     {N_("observation"), N_("observations")},
					     {N_("opportunity for improvement"), N_("opportunities for improvement")}};
/* TRANSLATORS: headers of the columns of findings by grade */
static const char *const grade_short[] = {N_("Major"), N_("Minor"), N_("Obs."), N_("Impr.")};

const char *qms_grade_label(int grade, enum qms_lang lang)
{
	if (grade < 0 || grade > 3)
		return qms_tr(lang, N_("Not graded"));
	return qms_tr(lang, grade_en[grade]);
}

static const char *const kind_en[] = {N_("Internal audit"), N_("External audit"), N_("Inspection")};
static const char *const kind_prose[][2] = {{N_("internal audit"), N_("internal audits")},
					    {N_("external audit"), N_("external audits")},
					    {N_("inspection"), N_("inspections")}};

const char *qms_audit_kind_label(int kind, enum qms_lang lang)
{
	if (kind < 0 || kind > 2)
		return "";
	return qms_tr(lang, kind_en[kind]);
}

static const char *const action_en[] = {N_("No action asked"), N_("Open"), N_("Overdue"), N_("Closed, not verified"),
					N_("Verified")};

const char *qms_action_state_label(enum qms_action_state s, enum qms_lang lang)
{
	if (s >= QMS_ACTION_COUNT)
		return "";
	return qms_tr(lang, action_en[s]);
}

/* TRANSLATORS: the level of agencies in "province 3/5, district 2/9" */
static const char *const level_prose[] = {N_("province"), N_("district"), N_("commune"), N_("level unknown")};

/* ---- the writer ---- */

struct rw {
	struct qms_buf *o;
	const struct qms_report *r;
	bool html, links;
	bool vi; /* Vietnamese: the forms of numbers and names; words come from po/vi.po */
	enum qms_lang lang;
	struct qms_ring ring; /* what slot() hands out */
	struct qms_writer doc; /* the document, in w->o */
	struct qms_buf tmp;
};

/* msgid in the report's language (po/vi.po), which can differ from the
 * process's. */
static const char *tr(const struct rw *w, const char *msgid) __attribute__((format_arg(2)));
static const char *tr(const struct rw *w, const char *msgid)
{
	return qms_tr(w->lang, msgid);
}

static const char *slot(struct rw *w, struct qms_buf *b)
{
	return qms_ring_take(&w->ring, b);
}

/* A count in a table or a ratio: 1.234 / 1,234. */
static const char *N(struct rw *w, size_t n)
{
	qms_report_add_count(&w->tmp, n, w->lang);
	return slot(w, &w->tmp);
}

/* A count in a sentence: Vietnamese writes 1 to 9 on two digits ("02 cơ
 * quan"), as the administration's reports do. */
static const char *C(struct rw *w, size_t n)
{
	if (w->vi && n > 0 && n < 10) /* a number's form, not a word: stays here */
		qms_buf_printf(&w->tmp, "0%zu", n);
	else
		qms_report_add_count(&w->tmp, n, w->lang);
	return slot(w, &w->tmp);
}

static const char *D(struct rw *w, int32_t d)
{
	qms_report_add_date(&w->tmp, d, w->lang, true);
	return slot(w, &w->tmp);
}

static const char *DT(struct rw *w, int32_t d)
{
	if (d < 0)
		return "";
	qms_report_add_date(&w->tmp, d, w->lang, false);
	return slot(w, &w->tmp);
}

static const char *P(struct rw *w, int tenths)
{
	qms_report_add_percent(&w->tmp, tenths, w->lang);
	return slot(w, &w->tmp);
}

static const char *nz_or(const char *s)
{
	return s && *s ? s : "?";
}

static const char *clause_title(const struct qms_clause *c, enum qms_lang lang)
{
	const char *t = c ? qms_clause_title(c, lang) : NULL;
	return t ? t : "";
}

static void rw_link_open(struct rw *w, const char *folder, const char *id)
{
	qms_buf_printf(w->o, "<a href=\"%s/", folder);
	qms_html_add_page_name(w->o, id);
	qms_buf_adds(w->o, ".html\">");
}

static void rw_agency(struct rw *w, size_t i)
{
	const struct qms_report_agency *a = &w->r->agencies[i];
	bool link = w->html && w->links;
	if (link)
		rw_link_open(w, "agencies", a->id);
	qms_writer_text(&w->doc, a->short_name);
	if (link)
		qms_buf_adds(w->o, "</a>");
}

static void rw_proc(struct rw *w, size_t i)
{
	const struct qms_report_procedure *p = &w->r->procedures[i];
	bool link = w->html && w->links && *p->code && !p->duplicate;
	if (link)
		rw_link_open(w, "procedures", p->code);
	qms_writer_text(&w->doc, *p->code ? p->code : "?");
	if (link)
		qms_buf_adds(w->o, "</a>");
}

static void rw_td_agency(struct rw *w, size_t i)
{
	qms_writer_cell_begin(&w->doc);
	rw_agency(w, i);
	qms_writer_cell_end(&w->doc);
}

static void rw_init(struct rw *w, struct qms_buf *out, const struct qms_report *r, bool html, bool links)
{
	memset(w, 0, sizeof(*w));
	w->o = out;
	w->r = r;
	w->html = html;
	w->links = links;
	qms_writer_init(&w->doc, out, html);
	w->lang = r->lang;
	w->vi = r->lang == QMS_LANG_VI;
	qms_buf_init(&w->tmp);
}

static void rw_release(struct rw *w)
{
	qms_ring_release(&w->ring);
	qms_buf_release(&w->tmp);
}

/* ---- the text ---- */

static void ymd(int32_t days, int *y, int *m, int *d)
{
	char s[11];
	qms_date_format(s, days);
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
}

static bool last_day_of_month(int32_t days)
{
	int y, m, d, y2, m2, d2;
	ymd(days, &y, &m, &d);
	ymd(days + 1, &y2, &m2, &d2);
	return m2 != m;
}

static const char *const roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

/* The first m months of a year (m = 2, 4 ... 11); the year follows. */
static const char *const first_months[] = {
	[2] = N_("the first two months of"),     [4] = N_("the first four months of"),
	[5] = N_("the first five months of"),    [6] = N_("the first half of"),
	[7] = N_("the first seven months of"),   [8] = N_("the first eight months of"),
	[9] = N_("the first nine months of"),    [10] = N_("the first ten months of"),
	[11] = N_("the first eleven months of"),
};

void qms_report_add_period(struct qms_buf *out, const struct qms_report *r, enum qms_lang lang)
{
	int y, m, d;
	ymd(r->as_of, &y, &m, &d);
	if (!last_day_of_month(r->as_of)) {
		struct qms_buf from, to;
		qms_buf_init(&from);
		qms_buf_init(&to);
		qms_report_add_date(&from, r->period_start, lang, true);
		qms_report_add_date(&to, r->as_of, lang, true);
		qms_buf_printf(out, qms_tr(lang, N_("from %s to %s")), from.buf, to.buf);
		qms_buf_release(&from);
		qms_buf_release(&to);
	} else if (m == 12) {
		qms_buf_printf(out, qms_tr(lang, N_("the year %d")), y);
	} else if (m == 3) {
		qms_buf_printf(out, qms_tr(lang, N_("the first quarter of %d")), y);
	} else if (m == 1) {
		qms_buf_printf(out, qms_tr(lang, N_("January %d")), y);
	} else {
		qms_buf_printf(out, "%s %d", qms_tr(lang, first_months[m]), y);
	}
}

/* The end of a quarter as a plan writes it; the year follows. */
static const char *const quarter_end[] = {
	N_("the end of the first quarter of"),
	N_("the end of the second quarter of"),
	N_("the end of the third quarter of"),
	N_("the end of the fourth quarter of"),
};

/* A deadline as a plan writes it: "hết Quý III năm 2020" for the last day
 * of a quarter, else the date. Returns true for a date. */
static bool deadline_phrase(struct rw *w, struct qms_buf *b, int32_t deadline)
{
	int y, m, d;
	ymd(deadline, &y, &m, &d);
	if (last_day_of_month(deadline) && m % 3 == 0) {
		qms_buf_printf(b, "%s %d", tr(w, quarter_end[m / 3 - 1]), y);
		return false;
	}
	qms_report_add_date(b, deadline, w->lang, true);
	return true;
}

/* The province in running text: "tỉnh Thái Bình" for "Tỉnh Thái Bình"
 * (Vietnamese capitalisation of a name, not a word to translate). */
static const char *place(struct rw *w)
{
	const char *ws = w->r->workspace;
	if (!*ws)
		return "";
	if (w->vi && (!strncmp(ws, "Tỉnh ", strlen("Tỉnh ")) || !strncmp(ws, "Thành phố ", strlen("Thành phố "))))
		qms_buf_add_lower_first(&w->tmp, ws);
	else
		qms_buf_adds(&w->tmp, ws);
	return slot(w, &w->tmp);
}

/* " trên địa bàn tỉnh Thái Bình", " of Tỉnh Thái Bình": the province
 * after the agencies of a sentence; "" without one. */
static const char *in_place(struct rw *w)
{
	const char *where = place(w);
	if (!*where)
		return "";
	qms_buf_printf(&w->tmp, qms_tr_ctx(w->lang, "province", " of %s"), where);
	return slot(w, &w->tmp);
}

/* A stage mid-sentence: "đánh giá nội bộ". */
static const char *stage_mid(struct rw *w, int stage)
{
	return qms_stage_label_mid(stage, w->lang);
}

/* The appendices, in order; the summary cites them by number. */
enum appendix { APX_MIGRATION, APX_AUDITS, APX_PROCEDURES, APX_CONFORMITY, APX_COUNT };

static const char *apx(struct rw *w, enum appendix a)
{
	qms_buf_printf(&w->tmp, tr(w, N_("Appendix %s")), roman[a]);
	return slot(w, &w->tmp);
}

static void write_title(struct rw *w)
{
	const struct qms_report *r = w->r;
	struct qms_buf per;
	qms_buf_init(&per);
	qms_report_add_period(&per, r, w->lang);
	const char *where = place(w);
	if (*where)
		qms_writer_heading(&w->doc, 1,
				   tr(w, N_("Conversion to and use of ISO 9001:2015 quality management systems: %s")),
				   where);
	else
		qms_writer_heading(&w->doc, 1, "%s",
				   tr(w, N_("Conversion to and use of ISO 9001:2015 quality management systems")));
	qms_writer_para(&w->doc, tr(w, N_("Figures as of %s. Reporting period: %s (%s to %s).")), D(w, r->as_of),
			per.buf, D(w, r->period_start), D(w, r->as_of));
	qms_buf_release(&per);
}

/* "đánh giá nội bộ, xem xét của lãnh đạo, công bố": the stages still to
 * do up to the announcement, mid-sentence. */
static void stages_left(struct rw *w, const struct qms_agency_status *s, struct qms_buf *b)
{
	int from = s->last_stage + 1;
	int n = QMS_STAGE_ANNOUNCEMENT - from + 1;
	if (n >= 5) {
		qms_buf_printf(b, tr(w, N_("%s to %s")), stage_mid(w, from), stage_mid(w, QMS_STAGE_ANNOUNCEMENT));
		return;
	}
	for (int k = from; k <= QMS_STAGE_ANNOUNCEMENT; k++)
		qms_buf_printf(b, "%s%s", k > from ? ", " : "", stage_mid(w, k));
}

/* "Sở Tài chính tỉnh (hạn 31/8/2020, chậm 30 ngày; còn 03 giai đoạn:
 * đánh giá nội bộ, xem xét của lãnh đạo, công bố)" */
static void late_agency(struct rw *w, size_t i)
{
	const struct qms_report_agency *a = &w->r->agencies[i];
	const struct qms_agency_status *s = &a->status;
	struct qms_buf left;
	qms_buf_init(&left);
	stages_left(w, s, &left);
	size_t nleft = (size_t)s->stages_left;
	rw_agency(w, i);
	size_t days = (size_t)(s->days_left < 0 ? -s->days_left : s->days_left);
	if (s->days_left < 0)
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, " (deadline %s, %s day late", " (deadline %s, %s days late", days),
				  D(w, s->deadline), C(w, days));
	else if (s->status == QMS_STATUS_OVERDUE)
		qms_writer_printf(&w->doc, tr(w, N_(" (due %s, not finished")), D(w, s->deadline));
	else
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, " (deadline %s, %s day left", " (deadline %s, %s days left", days),
				  D(w, s->deadline), C(w, days));
	qms_writer_printf(&w->doc, qms_tr_n(w->lang, "; %s stage left: %s)", "; %s stages left: %s)", nleft),
			  C(w, nleft), left.buf);
	qms_buf_release(&left);
}

/* The agencies of one status, named, separated by commas. */
static void agencies_with(struct rw *w, enum qms_status st, bool detail)
{
	size_t k = 0;
	for (size_t i = 0; i < w->r->nagencies; i++) {
		const struct qms_report_agency *a = &w->r->agencies[i];
		if (!a->tracked || a->status.status != st)
			continue;
		qms_writer_printf(&w->doc, "%s", k++ ? (detail ? "; " : ", ") : "");
		if (detail)
			late_agency(w, i);
		else
			rw_agency(w, i);
	}
}

/* ---- the summary: one paragraph per topic, to paste as it stands ---- */

/* "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/3/2020 của UBND tỉnh": the
 * plan the settings name. */
static void plan_ref(struct rw *w, const struct qms_settings *st)
{
	bool date = st->plan_date >= 0;
	if (date && st->plan_issuer)
		qms_writer_printf(&w->doc, tr(w, N_("Under plan %s of %s (%s)")), st->plan, D(w, st->plan_date),
				  st->plan_issuer);
	else if (date)
		qms_writer_printf(&w->doc, tr(w, N_("Under plan %s of %s")), st->plan, D(w, st->plan_date));
	else if (st->plan_issuer)
		qms_writer_printf(&w->doc, tr(w, N_("Under plan %s (%s)")), st->plan, st->plan_issuer);
	else
		qms_writer_printf(&w->doc, tr(w, N_("Under plan %s")), st->plan);
}

static void summary_plan(struct rw *w)
{
	const struct qms_report *r = w->r;
	const struct qms_settings *st = &r->settings;
	if (!r->tracked || st->deadline < 0)
		return;
	struct qms_buf dl;
	qms_buf_init(&dl);
	bool on_date = deadline_phrase(w, &dl, st->deadline);
	size_t own = 0;
	for (size_t i = 0; i < r->nagencies; i++)
		if (r->agencies[i].tracked && r->agencies[i].status.deadline != st->deadline)
			own++;
	const char *where = in_place(w);
	qms_writer_para_begin(&w->doc);
	/* TRANSLATORS: "date": the deadline is a date, else the end of a quarter */
	if (st->plan) {
		plan_ref(w, st);
		qms_writer_printf(&w->doc, on_date ? qms_tr_ctx(w->lang, "date", ", by %s") : tr(w, N_(", by %s")),
				  dl.buf);
	} else {
		qms_writer_printf(&w->doc,
				  on_date ? qms_tr_ctx(w->lang, "date", "Under the plan, by %s")
					  : tr(w, N_("Under the plan, by %s")),
				  dl.buf);
	}
	qms_writer_printf(&w->doc,
			  qms_tr_n(w->lang,
				   ", %s state administrative agency%s convert their quality management systems from "
				   "ISO 9001:2008 to ISO 9001:2015 and announce them as conforming",
				   ", %s state administrative agencies%s convert their quality management systems from "
				   "ISO 9001:2008 to ISO 9001:2015 and announce them as conforming",
				   r->tracked),
			  C(w, r->tracked), where);
	if (own)
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, " (%s agency has its own deadline)",
					   " (%s agencies have their own deadlines)", own),
				  C(w, own));
	qms_writer_printf(&w->doc, ".");
	qms_writer_para_end(&w->doc);
	qms_buf_release(&dl);
}

static void summary_migration(struct rw *w)
{
	const struct qms_report *r = w->r;
	const size_t *bs = r->by_status;
	if (!r->tracked) {
		qms_writer_para(&w->doc, tr(w, N_("No agency's conversion is tracked yet.")));
		return;
	}
	struct qms_buf levels;
	qms_buf_init(&levels);
	size_t nlevels = 0;
	for (int lv = 0; lv < 4; lv++)
		nlevels += r->level_total[lv] > 0;
	if (nlevels > 1)
		for (int lv = 0; lv < 4; lv++) {
			if (!r->level_total[lv])
				continue;
			qms_buf_printf(&levels, "%s%s %s/%s", levels.len ? ", " : " (", tr(w, level_prose[lv]),
				       N(w, r->level_done[lv]), N(w, r->level_total[lv]));
		}
	if (levels.len)
		qms_buf_addc(&levels, ')');
	size_t done = bs[QMS_STATUS_DONE];
	qms_writer_para_begin(&w->doc);
	qms_writer_printf(
		&w->doc,
		qms_tr_n(w->lang,
			 "As of %s, %s of %s agency (%s) had completed the conversion and announced a quality "
			 "management system conforming to ISO 9001:2015%s.",
			 "As of %s, %s of %s agencies (%s) had completed the conversion and announced a quality "
			 "management system conforming to ISO 9001:2015%s.",
			 r->tracked),
		D(w, r->as_of), N(w, done), N(w, r->tracked), P(w, qms_report_tenths(done, r->tracked)), levels.buf);
	qms_writer_para_end(&w->doc);
	qms_buf_release(&levels);
	size_t not_done = r->tracked - done;
	if (!not_done)
		return;
	qms_writer_para_begin(&w->doc);
	qms_writer_printf(&w->doc, qms_tr_n(w->lang, "%s agency had not", "%s agencies had not", not_done),
			  C(w, not_done));
	if (bs[QMS_STATUS_OVERDUE]) {
		qms_writer_printf(&w->doc, tr(w, N_("; %s overdue: ")), C(w, bs[QMS_STATUS_OVERDUE]));
		agencies_with(w, QMS_STATUS_OVERDUE, true);
	}
	if (bs[QMS_STATUS_AT_RISK]) {
		/* TRANSLATORS: "after overdue": a group that follows the overdue agencies */
		qms_writer_printf(&w->doc,
				  bs[QMS_STATUS_OVERDUE]
					  ? qms_tr_ctx(w->lang, "after overdue",
						       "; %s not yet due but at risk of missing the deadline: ")
					  : tr(w, N_("; %s not yet due but at risk of missing the deadline: ")),
				  C(w, bs[QMS_STATUS_AT_RISK]));
		agencies_with(w, QMS_STATUS_AT_RISK, true);
	}
	if (bs[QMS_STATUS_ON_TRACK]) {
		qms_writer_printf(&w->doc,
				  bs[QMS_STATUS_OVERDUE] || bs[QMS_STATUS_AT_RISK]
					  ? qms_tr_ctx(w->lang, "after overdue", "; %s on track: ")
					  : tr(w, N_("; %s on track: ")),
				  C(w, bs[QMS_STATUS_ON_TRACK]));
		agencies_with(w, QMS_STATUS_ON_TRACK, false);
	}
	qms_writer_printf(&w->doc, tr(w, N_(" (details in %s).")), apx(w, APX_MIGRATION));
	qms_writer_para_end(&w->doc);
}

/* "02 đánh giá nội bộ và 01 kiểm tra": the counts that are not zero, each
 * with its noun (words[i]: English singular and plural, both msgids). */
static void join_counts(struct rw *w, struct qms_buf *b, const size_t *counts, size_t n, const char *const (*words)[2])
{
	size_t k = 0, used = 0;
	for (size_t i = 0; i < n; i++)
		used += counts[i] > 0;
	for (size_t i = 0; i < n; i++) {
		if (!counts[i])
			continue;
		const char *sep = !k ? "" : (k + 1 == used ? tr(w, N_(" and ")) : ", ");
		qms_buf_printf(b, "%s%s %s", sep, C(w, counts[i]), tr(w, words[i][counts[i] != 1]));
		k++;
	}
}

/* n as a count in a sentence, or the word for none ("không có"). */
static const char *count_or_none(struct rw *w, size_t n)
{
	/* TRANSLATORS: a count of zero in a sentence ("none verified") */
	return n ? C(w, n) : qms_tr_ctx(w->lang, "count", "none");
}

/* The corrective actions' sentence of the audits' paragraph. */
static void summary_actions(struct rw *w)
{
	const size_t *ac = w->r->actions;
	size_t unfinished = ac[QMS_ACTION_OPEN] + ac[QMS_ACTION_OVERDUE];
	if (unfinished)
		qms_writer_printf(&w->doc, tr(w, N_(" Corrective actions: %s open")), C(w, unfinished));
	else
		qms_writer_printf(&w->doc, "%s", tr(w, N_(" Corrective actions: none open")));
	if (ac[QMS_ACTION_OVERDUE])
		qms_writer_printf(&w->doc, tr(w, N_(" (%s of them overdue)")), C(w, ac[QMS_ACTION_OVERDUE]));
	qms_writer_printf(&w->doc,
			  tr(w, N_("; %s closed but not yet verified as effective; %s verified (details in %s).")),
			  count_or_none(w, ac[QMS_ACTION_UNVERIFIED]), count_or_none(w, ac[QMS_ACTION_VERIFIED]),
			  apx(w, APX_AUDITS));
}

static void summary_audits(struct rw *w)
{
	const struct qms_report *r = w->r;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_writer_para_begin(&w->doc);
	if (!r->audits_period) {
		qms_writer_printf(&w->doc, tr(w, N_("From %s to %s, no internal audit or inspection was held.")),
				  D(w, r->period_start), D(w, r->as_of));
	} else {
		join_counts(w, &b, r->audits_by_kind, 3, kind_prose);
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, "From %s to %s, %s audit or inspection was held at ",
					   "From %s to %s, %s audits and inspections were held at ", r->audits_period),
				  D(w, r->period_start), D(w, r->as_of), C(w, r->audits_period));
		qms_writer_printf(&w->doc, qms_tr_n(w->lang, "%s agency (%s)", "%s agencies (%s)", r->agencies_audited),
				  C(w, r->agencies_audited), b.buf);
		qms_buf_reset(&b);
		join_counts(w, &b, r->findings_by_grade, 4, grade_prose);
		if (r->findings_no_grade)
			qms_buf_printf(&b, tr(w, N_("%s%s not graded")), b.len ? ", " : "", C(w, r->findings_no_grade));
		if (!r->findings_period)
			qms_writer_printf(&w->doc, "%s", tr(w, N_("; they raised no finding.")));
		else
			qms_writer_printf(&w->doc,
					  qms_tr_n(w->lang, "; they raised %s finding: %s.",
						   "; they raised %s findings: %s.", r->findings_period),
					  C(w, r->findings_period), b.buf);
	}
	summary_actions(w);
	qms_writer_para_end(&w->doc);
	qms_buf_release(&b);
}

/* TTHC procedures (with a `tthc`) and system procedures (the rest). */
static void procedure_kinds(const struct qms_report *r, size_t *tthc, size_t *system)
{
	*tthc = *system = 0;
	for (size_t i = 0; i < r->nprocedures; i++) {
		const struct qms_report_procedure *p = &r->procedures[i];
		if (p->tthc)
			(*tthc)++;
		else
			(*system)++;
	}
}

static void summary_procedures(struct rw *w)
{
	const struct qms_report *r = w->r;
	if (!r->nprocedures)
		return;
	size_t with_procs = 0, tthc, sys;
	for (size_t i = 0; i < r->nagencies; i++)
		with_procs += r->agencies[i].procedures > 0;
	procedure_kinds(r, &tthc, &sys);
	qms_writer_para_begin(&w->doc);
	qms_writer_printf(&w->doc, qms_tr_n(w->lang, "%s agency wrote ", "%s agencies wrote ", with_procs),
			  C(w, with_procs));
	qms_writer_printf(
		&w->doc,
		qms_tr_n(w->lang,
			 "%s procedure (%s for administrative procedures, %s of the system), %s of them against "
			 "ISO 9001:2015",
			 "%s procedures (%s for administrative procedures, %s of the system), %s of them against "
			 "ISO 9001:2015",
			 r->nprocedures),
		C(w, r->nprocedures), C(w, tthc), C(w, sys), C(w, r->on_2015));
	if (r->on_2008)
		qms_writer_printf(&w->doc, tr(w, N_(", %s still against ISO 9001:2008")), C(w, r->on_2008));
	if (r->timed)
		qms_writer_printf(&w->doc,
				  tr(w, N_(". Of the procedures with time limits, %s of %s meet the required cut of at "
					   "least %s against the statutory limit; the average cut is %s")),
				  N(w, r->meet_cut), N(w, r->timed), P(w, r->time_cut_tenths), P(w, r->avg_cut_tenths));
	qms_writer_printf(&w->doc, tr(w, N_(" (details in %s).")), apx(w, APX_PROCEDURES));
	qms_writer_para_end(&w->doc);
}

/* " (9.2.2, 9.3.3)": the clauses of an agency with status st, when they
 * are few enough for a sentence; nothing past that (the appendix lists
 * them). Replaces b. */
static void clauses_with(struct rw *w, const struct qms_coverage *c, enum qms_cov_status st, struct qms_buf *b)
{
	qms_buf_reset(b);
	if (c->count[st] > 6)
		return;
	size_t n = 0;
	for (size_t k = 0; k < c->nrows; k++)
		if (c->rows[k].status == st)
			qms_buf_printf(b, "%s%s", n++ ? ", " : " (", c->rows[k].clause->number);
	if (n)
		qms_buf_addc(b, ')');
	(void)w;
}

/* "Sở Y tế có 02 điều khoản chưa đáp ứng (8.5.1, 9.1.3)": an agency with
 * clauses missing or without evidence. b: scratch. */
static void conformity_gaps(struct rw *w, size_t i, struct qms_buf *b)
{
	const struct qms_coverage *c = &w->r->agencies[i].coverage;
	size_t missing = c->count[QMS_COV_MISSING], documented = c->count[QMS_COV_DOCUMENTED];
	rw_agency(w, i);
	if (missing) {
		clauses_with(w, c, QMS_COV_MISSING, b);
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, " has %s clause not met%s", " has %s clauses not met%s", missing),
				  C(w, missing), b->buf);
	}
	if (!documented)
		return;
	clauses_with(w, c, QMS_COV_DOCUMENTED, b);
	if (missing)
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, " and %s clause documented without evidence yet%s",
					   " and %s clauses documented without evidence yet%s", documented),
				  C(w, documented), b->buf);
	else
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, " has %s clause documented without evidence yet%s",
					   " has %s clauses documented without evidence yet%s", documented),
				  C(w, documented), b->buf);
}

/* The agencies that meet every clause, then those that do not. */
static void conformity_agencies(struct rw *w, struct qms_buf *b)
{
	const struct qms_report *r = w->r;
	size_t k = 0;
	if (r->conforming) {
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, "%s has evidence that it meets every applicable clause (",
					   "%s have evidence that it meets every applicable clause (", r->conforming),
				  C(w, r->conforming));
		for (size_t i = 0; i < r->nagencies; i++) {
			const struct qms_report_agency *a = &r->agencies[i];
			if (!a->assessed || a->coverage.count[QMS_COV_DOCUMENTED] || a->coverage.count[QMS_COV_MISSING])
				continue;
			qms_writer_printf(&w->doc, "%s", k++ ? ", " : "");
			rw_agency(w, i);
		}
		qms_writer_printf(&w->doc, "); ");
	}
	k = 0;
	for (size_t i = 0; i < r->nagencies; i++) {
		const struct qms_report_agency *a = &r->agencies[i];
		const size_t *cnt = a->coverage.count;
		if (!a->assessed || (!cnt[QMS_COV_DOCUMENTED] && !cnt[QMS_COV_MISSING]))
			continue;
		qms_writer_printf(&w->doc, "%s", k++ ? "; " : "");
		conformity_gaps(w, i, b);
	}
}

static void summary_conformity(struct rw *w)
{
	const struct qms_report *r = w->r;
	if (!r->have_catalog || !r->assessed)
		return;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_writer_para_begin(&w->doc);
	qms_writer_printf(&w->doc,
			  qms_tr_n(w->lang,
				   "The evidence of %s agency with documents of their quality management system was "
				   "checked against every clause of ISO 9001:2015: ",
				   "The evidence of %s agencies with documents of their quality management system was "
				   "checked against every clause of ISO 9001:2015: ",
				   r->assessed),
			  C(w, r->assessed));
	if (r->conforming == r->assessed)
		qms_writer_printf(&w->doc, "%s", tr(w, N_("each has evidence that it meets every applicable clause")));
	else
		conformity_agencies(w, &b);
	size_t other = r->nagencies - r->assessed;
	if (other)
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, ". The other %s has no system documents to check yet",
					   ". The other %s have no system documents to check yet", other),
				  C(w, other));
	qms_writer_printf(&w->doc, tr(w, N_(" (details in %s).")), apx(w, APX_CONFORMITY));
	qms_writer_para_end(&w->doc);
	qms_buf_release(&b);
}

/* The first task: the agencies that have not finished the conversion. */
static void next_conversion(struct rw *w, size_t not_done)
{
	size_t overdue = w->r->by_status[QMS_STATUS_OVERDUE];
	qms_writer_printf(&w->doc,
			  qms_tr_n(w->lang, "follow up the %s agency that have not finished",
				   "follow up the %s agencies that have not finished", not_done),
			  C(w, not_done));
	if (overdue)
		qms_writer_printf(&w->doc, tr(w, N_(", the %s overdue first,")), C(w, overdue));
	qms_writer_printf(&w->doc, "%s", tr(w, N_(" until they announce a system conforming to ISO 9001:2015")));
}

/* The corrective actions still open, and those closed to verify. */
static void next_actions(struct rw *w, size_t open, size_t unverified)
{
	if (open)
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, "complete the %s open corrective action",
					   "complete the %s open corrective actions", open),
				  C(w, open));
	if (open && unverified)
		qms_writer_printf(&w->doc, "%s", tr(w, N_(" and ")));
	if (unverified)
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, "verify the effectiveness of %s closed action",
					   "verify the effectiveness of %s closed actions", unverified),
				  C(w, unverified));
}

/* What remains, and the tasks that follow from it. */
static void summary_next(struct rw *w)
{
	const struct qms_report *r = w->r;
	size_t not_done = r->tracked - r->by_status[QMS_STATUS_DONE];
	size_t open = r->actions[QMS_ACTION_OPEN] + r->actions[QMS_ACTION_OVERDUE];
	size_t unverified = r->actions[QMS_ACTION_UNVERIFIED];
	size_t gaps = 0;
	for (size_t i = 0; i < r->nagencies; i++)
		gaps += r->agencies[i].assessed && r->agencies[i].coverage.count[QMS_COV_DOCUMENTED] +
							   r->agencies[i].coverage.count[QMS_COV_MISSING];
	if (!not_done && !open && !unverified && !gaps && !r->on_2008)
		return;
	qms_writer_para_begin(&w->doc);
	qms_writer_printf(&w->doc, "%s", tr(w, N_("Next tasks: ")));
	size_t k = 0;
	if (not_done) {
		next_conversion(w, not_done);
		k++;
	}
	if (open || unverified) {
		qms_writer_printf(&w->doc, "%s", k++ ? "; " : "");
		next_actions(w, open, unverified);
	}
	if (gaps) {
		qms_writer_printf(&w->doc, "%s", k++ ? "; " : "");
		qms_writer_printf(
			&w->doc,
			qms_tr_n(w->lang, "add the documents and evidence missing for clauses not met at %s agency",
				 "add the documents and evidence missing for clauses not met at %s agencies", gaps),
			C(w, gaps));
	}
	if (r->on_2008) {
		qms_writer_printf(&w->doc, "%s", k++ ? "; " : "");
		qms_writer_printf(&w->doc,
				  qms_tr_n(w->lang, "convert the %s procedure still written against ISO 9001:2008",
					   "convert the %s procedures still written against ISO 9001:2008", r->on_2008),
				  C(w, r->on_2008));
	}
	qms_writer_printf(&w->doc, ".");
	qms_writer_para_end(&w->doc);
}

/* The section to paste into the administration's report, one paragraph
 * per topic, in this order; a new topic is one more function here. */
static void (*const summary_sections[])(struct rw *) = {
	summary_plan, summary_migration, summary_audits, summary_procedures, summary_conformity, summary_next,
};

static void write_summary(struct rw *w)
{
	qms_writer_heading(&w->doc, 2, tr(w, N_("Use of ISO 9001 in the state administrative agencies")));
	for (size_t i = 0; i < QMS_ARRAY_LEN(summary_sections); i++)
		summary_sections[i](w);
}

/* ---- appendices: the tables ---- */

static void appendix_heading(struct rw *w, enum appendix a, const char *title)
{
	qms_writer_heading(&w->doc, 2, "%s. %s", apx(w, a), tr(w, title));
}

static void appendix_migration(struct rw *w)
{
	const struct qms_report *r = w->r;
	appendix_heading(w, APX_MIGRATION, N_("Progress of the conversion"));
	if (!r->tracked) {
		qms_writer_para(&w->doc, tr(w, N_("No agency is tracked yet.")));
		return;
	}
	qms_writer_para(&w->doc, tr(w, N_("1. Agencies by the next stage to complete")));
	qms_writer_table(&w->doc, "lr", tr(w, N_("Next stage")), qms_tr_ctx(w->lang, "count", "Agencies"));
	for (int s = 0; s <= QMS_STAGE_COUNT; s++) {
		qms_writer_row_begin(&w->doc, false);
		if (s < QMS_STAGE_COUNT)
			qms_writer_cellf(&w->doc, "%d. %s", s + 1, qms_stage_label(s, w->lang));
		else
			qms_writer_cellf(&w->doc, "%s", tr(w, N_("All nine stages done")));
		qms_writer_cellf(&w->doc, "%s", N(w, r->by_next[s]));
		qms_writer_row_end(&w->doc);
	}
	qms_writer_row_begin(&w->doc, true);
	qms_writer_cellf(&w->doc, "%s", tr(w, N_("Total")));
	qms_writer_cellf(&w->doc, "%s", N(w, r->tracked));
	qms_writer_row_end(&w->doc);
	qms_writer_table_end(&w->doc);

	size_t not_done = r->tracked - r->by_status[QMS_STATUS_DONE];
	if (not_done) {
		qms_writer_para(&w->doc, tr(w, N_("2. Agencies that have not finished")));
		qms_writer_table(&w->doc, "rlllll", tr(w, N_("No.")), tr(w, N_("Agency")), tr(w, N_("Deadline")),
				 tr(w, N_("Last stage done")), tr(w, N_("Next stage")), tr(w, N_("Status")));
		static const enum qms_status order[] = {QMS_STATUS_OVERDUE, QMS_STATUS_AT_RISK, QMS_STATUS_ON_TRACK};
		size_t n = 0;
		for (size_t o = 0; o < 3; o++)
			for (size_t i = 0; i < r->nagencies; i++) {
				const struct qms_report_agency *a = &r->agencies[i];
				const struct qms_agency_status *s = &a->status;
				if (!a->tracked || s->status != order[o])
					continue;
				qms_writer_row_begin(&w->doc, false);
				qms_writer_cellf(&w->doc, "%zu", ++n);
				rw_td_agency(w, i);
				qms_writer_cellf(&w->doc, "%s", s->deadline >= 0 ? DT(w, s->deadline) : "-");
				if (s->last_stage >= 0)
					qms_writer_cellf(&w->doc, "%s (%s)", qms_stage_label(s->last_stage, w->lang),
							 DT(w, a->stage_done[s->last_stage]));
				else
					qms_writer_cellf(&w->doc, "%s", tr(w, N_("Not started")));
				qms_writer_cellf(&w->doc, "%s", qms_stage_label(s->next_stage, w->lang));
				if (order[o] == QMS_STATUS_OVERDUE && s->days_left < 0)
					qms_writer_cellf(&w->doc, tr(w, N_("%s days late")),
							 N(w, (size_t)-s->days_left));
				else if (order[o] == QMS_STATUS_OVERDUE)
					qms_writer_cellf(&w->doc, "%s", qms_tr_ctx(w->lang, "migration", "Overdue"));
				else if (order[o] == QMS_STATUS_AT_RISK)
					qms_writer_cellf(&w->doc, "%s", tr(w, N_("At risk")));
				else
					qms_writer_cellf(&w->doc, "%s", tr(w, N_("On track")));
				qms_writer_row_end(&w->doc);
			}
		qms_writer_table_end(&w->doc);
	}

	if (!r->by_status[QMS_STATUS_DONE])
		return;
	qms_writer_para(&w->doc, tr(w, N_("%s. Agencies that announced")), not_done ? "3" : "2");
	qms_writer_table(&w->doc, "rlll", tr(w, N_("No.")), tr(w, N_("Agency")), tr(w, N_("Announcement decision")),
			 tr(w, N_("Announced on")));
	size_t n = 0;
	for (size_t i = 0; i < r->nagencies; i++) {
		const struct qms_report_agency *a = &r->agencies[i];
		if (!a->tracked || a->status.status != QMS_STATUS_DONE)
			continue;
		qms_writer_row_begin(&w->doc, false);
		qms_writer_cellf(&w->doc, "%zu", ++n);
		rw_td_agency(w, i);
		qms_writer_cellf(&w->doc, "%s", a->decision ? a->decision : tr(w, N_("(not recorded)")));
		qms_writer_cellf(&w->doc, "%s", DT(w, a->status.announced));
		qms_writer_row_end(&w->doc);
	}
	qms_writer_table_end(&w->doc);
}

static void appendix_audits(struct rw *w)
{
	const struct qms_report *r = w->r;
	appendix_heading(w, APX_AUDITS, N_("Internal audits, inspections and corrective actions"));
	if (!r->nclauses && !r->actions[QMS_ACTION_OVERDUE]) {
		qms_writer_para(&w->doc, tr(w, N_("No finding in the period and no corrective action overdue.")));
		return;
	}
	if (r->nclauses) {
		qms_writer_para(&w->doc, tr(w, N_("1. Findings of the period by clause")));
		qms_writer_table(&w->doc, "llrrrrr", tr(w, N_("Clause")), qms_tr_ctx(w->lang, "clause", "Title"),
				 tr(w, grade_short[0]), tr(w, grade_short[1]), tr(w, grade_short[2]),
				 tr(w, grade_short[3]), qms_tr_ctx(w->lang, "column", "Total"));
		for (size_t i = 0; i < r->nclauses; i++) {
			const struct qms_report_clause *c = &r->clauses[i];
			qms_writer_row_begin(&w->doc, false);
			qms_writer_cellf(&w->doc, "%s", *c->clause ? c->clause : tr(w, N_("(none)")));
			const char *title = clause_title(c->catalog_clause, w->lang);
			if (*c->standard && strcmp(c->standard, "ISO 9001:2015"))
				qms_writer_cellf(&w->doc, "%s (%s)", title, c->standard);
			else
				qms_writer_cellf(&w->doc, "%s", title);
			for (int g = 0; g < 4; g++)
				qms_writer_cellf(&w->doc, "%s", N(w, c->by_grade[g]));
			qms_writer_cellf(&w->doc, "%s", N(w, c->total));
			qms_writer_row_end(&w->doc);
		}
		qms_writer_row_begin(&w->doc, true);
		qms_writer_cellf(&w->doc, "%s", tr(w, N_("Total")));
		qms_writer_cellf(&w->doc, "%s", "");
		for (int g = 0; g < 4; g++)
			qms_writer_cellf(&w->doc, "%s", N(w, r->findings_by_grade[g]));
		qms_writer_cellf(&w->doc, "%s", N(w, r->findings_period));
		qms_writer_row_end(&w->doc);
		qms_writer_table_end(&w->doc);
	}
	if (!r->actions[QMS_ACTION_OVERDUE])
		return;
	qms_writer_para(&w->doc, tr(w, N_("%s. Overdue corrective actions")), r->nclauses ? "2" : "1");
	qms_writer_table(&w->doc, "lllllr", tr(w, N_("Agency")), tr(w, N_("Audit")), tr(w, N_("Finding")),
			 tr(w, N_("Clause")), tr(w, N_("Due")), tr(w, N_("Days overdue")));
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct qms_report_finding *f = &r->findings[i];
		if (f->state != QMS_ACTION_OVERDUE)
			continue;
		qms_writer_row_begin(&w->doc, false);
		rw_td_agency(w, f->agency);
		qms_writer_cellf(&w->doc, "%s", nz_or(r->audits[f->audit].audit->id.text));
		qms_writer_cellf(&w->doc, "%s (%s)", nz_or(f->finding->id.text), qms_grade_label(f->grade, w->lang));
		qms_writer_cellf(&w->doc, "%s", f->finding->clause.text ? f->finding->clause.text : "");
		qms_writer_cellf(&w->doc, "%s", DT(w, f->finding->due.date));
		qms_writer_cellf(&w->doc, "%s", N(w, (size_t)f->days_overdue));
		qms_writer_row_end(&w->doc);
	}
	qms_writer_table_end(&w->doc);
}

/* The figures of a line of the procedures' table: counts holds the
 * procedures, those on 2015, on 2008, with time limits and meeting the
 * cut; then the average cut (when some have limits), errors, warnings. */
static void procedure_cells(struct rw *w, const size_t counts[5], int avg_cut_tenths, size_t errors, size_t warnings)
{
	for (int k = 0; k < 5; k++)
		qms_writer_cellf(&w->doc, "%s", N(w, counts[k]));
	qms_writer_cellf(&w->doc, "%s", counts[3] ? P(w, avg_cut_tenths) : "-");
	qms_writer_cellf(&w->doc, "%s", N(w, errors));
	qms_writer_cellf(&w->doc, "%s", N(w, warnings));
}

/* The paragraph on the errors and warnings of the automatic review. */
static void review_findings(struct rw *w)
{
	const struct qms_report *r = w->r;
	qms_writer_para_begin(&w->doc);
	if (!r->errors && !r->warnings) {
		qms_writer_printf(
			&w->doc, "%s",
			tr(w, N_("The automatic review of the agencies' procedures and system documents found "
				 "no errors and no warnings.")));
	} else {
		/* TRANSLATORS: a count of zero errors or warnings ("found no errors") */
		const char *no = qms_tr_ctx(w->lang, "count", "no");
		qms_writer_printf(
			&w->doc,
			qms_tr_n(w->lang,
				 "The automatic review of the agencies' procedures and system documents found %s "
				 "error",
				 "The automatic review of the agencies' procedures and system documents found %s "
				 "errors",
				 r->errors),
			r->errors ? C(w, r->errors) : no);
		qms_writer_printf(&w->doc, qms_tr_n(w->lang, " and %s warning.", " and %s warnings.", r->warnings),
				  r->warnings ? C(w, r->warnings) : no);
	}
	qms_writer_para_end(&w->doc);
}

static void appendix_procedures(struct rw *w)
{
	const struct qms_report *r = w->r;
	appendix_heading(w, APX_PROCEDURES, N_("Procedures of the agencies"));
	if (!r->nprocedures) {
		qms_writer_para(&w->doc, tr(w, N_("No agency has written a procedure yet.")));
		return;
	}
	review_findings(w);
	qms_writer_table(&w->doc, "lrrrrrrrr", tr(w, N_("Agency")), tr(w, N_("Procedures")), "ISO 9001:2015",
			 "ISO 9001:2008", tr(w, N_("With limits")), tr(w, N_("Meet the cut")), tr(w, N_("Average cut")),
			 tr(w, N_("Errors")), tr(w, N_("Warnings")));
	for (size_t i = 0; i < r->nagencies; i++) {
		const struct qms_report_agency *a = &r->agencies[i];
		if (!a->procedures && !a->errors && !a->warnings)
			continue;
		qms_writer_row_begin(&w->doc, false);
		rw_td_agency(w, i);
		const size_t counts[] = {a->procedures, a->on_2015, a->on_2008, a->timed, a->meet_cut};
		procedure_cells(w, counts, a->avg_cut_tenths, a->errors, a->warnings);
		qms_writer_row_end(&w->doc);
	}
	if (r->errors_other || r->warnings_other) {
		qms_writer_row_begin(&w->doc, false);
		qms_writer_cellf(&w->doc, "%s", tr(w, N_("Shared documents of the province")));
		for (int k = 0; k < 6; k++)
			qms_writer_cellf(&w->doc, "%s", "");
		qms_writer_cellf(&w->doc, "%s", N(w, r->errors_other));
		qms_writer_cellf(&w->doc, "%s", N(w, r->warnings_other));
		qms_writer_row_end(&w->doc);
	}
	qms_writer_row_begin(&w->doc, true);
	qms_writer_cellf(&w->doc, "%s", tr(w, N_("Total")));
	const size_t counts[] = {r->nprocedures, r->on_2015, r->on_2008, r->timed, r->meet_cut};
	procedure_cells(w, counts, r->avg_cut_tenths, r->errors, r->warnings);
	qms_writer_row_end(&w->doc);
	qms_writer_table_end(&w->doc);
	if (r->exempt)
		qms_writer_para(
			&w->doc,
			qms_tr_n(w->lang,
				 "Besides, %s procedure is asked no cut (a same-day limit, or a limit fixed by another "
				 "authority) and counted apart.",
				 "Besides, %s procedures are asked no cut (a same-day limit, or a limit fixed by "
				 "another "
				 "authority) and counted apart.",
				 r->exempt),
			C(w, r->exempt));
	if (r->timed <= r->meet_cut)
		return;
	qms_writer_para(&w->doc, tr(w, N_("Procedures short of the cut:")));
	qms_writer_list_begin(&w->doc);
	for (size_t i = 0; i < r->nprocedures; i++) {
		const struct qms_report_procedure *p = &r->procedures[i];
		if (!p->timed || p->meets_cut)
			continue;
		qms_writer_item_begin(&w->doc);
		rw_proc(w, i);
		qms_writer_printf(&w->doc, " %s", p->title);
		if (p->agency_index != SIZE_MAX) {
			qms_writer_printf(&w->doc, " (");
			rw_agency(w, p->agency_index);
			qms_writer_printf(&w->doc, ")");
		}
		qms_writer_printf(&w->doc, tr(w, N_(": statutory %s, committed %s, a cut of %s.")), p->statutory,
				  p->committed, P(w, p->cut_tenths));
		qms_writer_item_end(&w->doc);
	}
	qms_writer_list_end(&w->doc);
}

static void appendix_conformity(struct rw *w)
{
	const struct qms_report *r = w->r;
	appendix_heading(w, APX_CONFORMITY, N_("Conformity with the clauses of ISO 9001:2015"));
	if (!r->have_catalog) {
		qms_writer_para(&w->doc,
				tr(w, N_("The catalog of ISO 9001:2015 was not found: conformity was not assessed.")));
		return;
	}
	if (!r->assessed) {
		qms_writer_para(&w->doc, tr(w, N_("No agency has system documents to assess yet.")));
		return;
	}
	qms_writer_para(&w->doc,
			tr(w, N_("Each clause is met (documented, with the evidence it needs by %s), documented (no "
				 "evidence yet), missing, or not applicable (declared by the agency, counted once).")),
			D(w, r->as_of));
	qms_writer_table(&w->doc, "lrrrrl", tr(w, N_("Agency")), tr(w, N_("Met")), tr(w, N_("Documented")),
			 tr(w, N_("Missing")), tr(w, N_("Not applicable")),
			 tr(w, N_("Clauses without evidence or missing")));
	struct qms_buf miss;
	qms_buf_init(&miss);
	for (size_t i = 0; i < r->nagencies; i++) {
		const struct qms_report_agency *a = &r->agencies[i];
		if (!a->assessed)
			continue;
		const struct qms_coverage *c = &a->coverage;
		qms_buf_reset(&miss);
		for (size_t k = 0; k < c->nrows; k++) {
			const struct qms_cov_row *row = &c->rows[k];
			if (row->status == QMS_COV_DOCUMENTED || row->status == QMS_COV_MISSING)
				qms_buf_printf(&miss, "%s%s", miss.len ? ", " : "", row->clause->number);
		}
		qms_writer_row_begin(&w->doc, false);
		rw_td_agency(w, i);
		for (int s = 0; s < QMS_COV_STATUS_COUNT; s++)
			qms_writer_cellf(&w->doc, "%s", N(w, c->count[s]));
		qms_writer_cellf(&w->doc, "%s", miss.len ? miss.buf : "-");
		qms_writer_row_end(&w->doc);
	}
	qms_writer_row_begin(&w->doc, true);
	qms_writer_cellf(&w->doc, "%s", tr(w, N_("Total")));
	for (int s = 0; s < QMS_COV_STATUS_COUNT; s++)
		qms_writer_cellf(&w->doc, "%s", N(w, r->coverage_count[s]));
	qms_writer_cellf(&w->doc, "%s", "");
	qms_writer_row_end(&w->doc);
	qms_buf_release(&miss);
	qms_writer_table_end(&w->doc);
}

/* The appendices, in the order of enum appendix. */
static void (*const appendices[APX_COUNT])(struct rw *) = {
	appendix_migration,
	appendix_audits,
	appendix_procedures,
	appendix_conformity,
};

static void write_text(struct rw *w, bool title)
{
	if (title)
		write_title(w);
	write_summary(w);
	for (size_t i = 0; i < APX_COUNT; i++)
		appendices[i](w);
	qms_report_results_section(w->o, w->r, w->html); /* lib/report-results.c */
}

void qms_report_format_md(struct qms_buf *out, const struct qms_report *r)
{
	struct qms_buf md;
	qms_buf_init(&md);
	struct rw w;
	rw_init(&w, &md, r, false, false);
	write_text(&w, true);
	/* one newline at the end, not a blank line */
	while (md.len > 1 && md.buf[md.len - 1] == '\n' && md.buf[md.len - 2] == '\n')
		md.buf[--md.len] = '\0';
	rw_release(&w);
	/* read on a terminal as often as in an editor: ids that come from
	 * file names cannot drive it */
	qms_buf_add_printable(out, md.buf, md.len, true);
	qms_buf_release(&md);
}

void qms_report_format_html_body(struct qms_buf *out, const struct qms_report *r, bool links)
{
	struct rw w;
	rw_init(&w, out, r, true, links);
	write_text(&w, !links);
	rw_release(&w);
}

void qms_report_format_html(struct qms_buf *out, const struct qms_report *r)
{
	bool vi = r->lang == QMS_LANG_VI; /* the language's code, not a word */
	qms_buf_printf(out,
		       "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		       vi ? "vi" : "en");
	qms_html_printf(out, qms_tr(r->lang, N_("ISO 9001:2015 report - %s")), r->workspace);
	qms_buf_adds(out, "</title>\n<style>\n");
	qms_buf_adds(out, qms_html_css);
	qms_buf_adds(out, "</style>\n</head>\n<body>\n<main class=\"report\">\n");
	qms_report_format_html_body(out, r, false);
	qms_buf_adds(out, "</main>\n</body>\n</html>\n");
}

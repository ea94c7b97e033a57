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
static const char *const grade_vi_prose[] = {"điểm không phù hợp nặng", "điểm không phù hợp nhẹ", "điểm lưu ý",
					     "cơ hội cải tiến"};
static const char *const grade_en_prose[][2] = {{"major nonconformity", "major nonconformities"},
						{"minor nonconformity", "minor nonconformities"},
						{"observation", "observations"},
						{"opportunity for improvement", "opportunities for improvement"}};
static const char *const grade_vi_short[] = {"Nặng", "Nhẹ", "Lưu ý", "Cải tiến"};
static const char *const grade_en_short[] = {"Major", "Minor", "Obs.", "Impr."};

const char *qms_grade_label(int grade, enum qms_lang lang)
{
	if (grade < 0 || grade > 3)
		return qms_tr(lang, N_("Not graded"));
	return qms_tr(lang, grade_en[grade]);
}

static const char *const kind_en[] = {N_("Internal audit"), N_("External audit"), N_("Inspection")};
static const char *const kind_vi_prose[] = {"đánh giá nội bộ", "đánh giá bên ngoài", "kiểm tra"};
static const char *const kind_en_prose[][2] = {
	{"internal audit", "internal audits"}, {"external audit", "external audits"}, {"inspection", "inspections"}};

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

static const char *const level_vi_prose[] = {"cấp tỉnh", "cấp huyện", "cấp xã", "chưa rõ cấp"};
static const char *const level_en_prose[] = {"province", "district", "commune", "level unknown"};

/* ---- the writer ---- */

struct rw {
	struct qms_buf *o;
	const struct qms_report *r;
	bool html, links, vi;
	enum qms_lang lang;
	struct qms_ring ring; /* what slot() hands out */
	struct qms_writer doc; /* the document, in w->o */
	struct qms_buf tmp;
};

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
	if (w->vi && n > 0 && n < 10)
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

static const char *pl(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
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

void qms_report_add_period(struct qms_buf *out, const struct qms_report *r, enum qms_lang lang)
{
	static const char *const months_en[] = {"",
						"first month",
						"first two months",
						"first quarter",
						"first four months",
						"first five months",
						"first half",
						"first seven months",
						"first eight months",
						"first nine months",
						"first ten months",
						"first eleven months",
						""};
	int y, m, d;
	ymd(r->as_of, &y, &m, &d);
	bool vi = lang == QMS_LANG_VI;
	if (!last_day_of_month(r->as_of)) {
		qms_buf_adds(out, vi ? "từ ngày " : "from ");
		qms_report_add_date(out, r->period_start, lang, true);
		qms_buf_adds(out, vi ? " đến ngày " : " to ");
		qms_report_add_date(out, r->as_of, lang, true);
	} else if (m == 12) {
		qms_buf_printf(out, vi ? "năm %d" : "the year %d", y);
	} else if (m == 3) {
		qms_buf_printf(out, vi ? "Quý I năm %d" : "the first quarter of %d", y);
	} else if (m == 1) {
		qms_buf_printf(out, vi ? "tháng 01 năm %d" : "January %d", y);
	} else if (vi) {
		qms_buf_printf(out, "%d tháng đầu năm %d", m, y);
	} else {
		qms_buf_printf(out, "the %s of %d", months_en[m], y);
	}
}

/* A deadline as a plan writes it: "hết Quý III năm 2020" for the last day
 * of a quarter, else "ngày 15/10/2020". */
static void deadline_phrase(struct rw *w, struct qms_buf *b, int32_t deadline)
{
	int y, m, d;
	ymd(deadline, &y, &m, &d);
	if (last_day_of_month(deadline) && m % 3 == 0) {
		if (w->vi)
			qms_buf_printf(b, "hết Quý %s năm %d", roman[m / 3 - 1], y);
		else
			qms_buf_printf(b, "the end of the %s quarter of %d",
				       (const char *const[]){"first", "second", "third", "fourth"}[m / 3 - 1], y);
		return;
	}
	qms_buf_adds(b, w->vi ? "ngày " : "");
	qms_report_add_date(b, deadline, w->lang, true);
}

/* The province in running text: "tỉnh Thái Bình" for "Tỉnh Thái Bình". */
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

/* A stage mid-sentence: "đánh giá nội bộ". */
static const char *stage_mid(struct rw *w, int stage)
{
	return qms_stage_label_mid(stage, w->lang);
}

/* The appendices, in order; the summary cites them by number. */
enum appendix { APX_MIGRATION, APX_AUDITS, APX_PROCEDURES, APX_CONFORMITY, APX_COUNT };

static const char *apx(struct rw *w, enum appendix a)
{
	qms_buf_printf(&w->tmp, w->vi ? "Phụ lục %s" : "Appendix %s", roman[a]);
	return slot(w, &w->tmp);
}

static void write_title(struct rw *w)
{
	const struct qms_report *r = w->r;
	struct qms_buf per;
	qms_buf_init(&per);
	qms_report_add_period(&per, r, w->lang);
	const char *where = place(w);
	if (w->vi) {
		qms_writer_heading(
			&w->doc, 1,
			"Kết quả chuyển đổi, áp dụng hệ thống quản lý chất lượng theo TCVN ISO 9001:2015%s%s",
			*where ? " - " : "", where);
		qms_writer_para(&w->doc, "Số liệu tính đến ngày %s. Kỳ báo cáo: %s (từ ngày %s đến ngày %s).",
				D(w, r->as_of), per.buf, D(w, r->period_start), D(w, r->as_of));
	} else {
		qms_writer_heading(&w->doc, 1, "Conversion to and use of ISO 9001:2015 quality management systems%s%s",
				   *where ? ": " : "", where);
		qms_writer_para(&w->doc, "Figures as of %s. Reporting period: %s (%s to %s).", D(w, r->as_of), per.buf,
				D(w, r->period_start), D(w, r->as_of));
	}
	qms_buf_release(&per);
}

/* "đánh giá nội bộ, xem xét của lãnh đạo, công bố": the stages still to
 * do up to the announcement, mid-sentence. */
static void stages_left(struct rw *w, const struct qms_agency_status *s, struct qms_buf *b)
{
	int from = s->last_stage + 1;
	int n = QMS_STAGE_ANNOUNCEMENT - from + 1;
	if (n >= 5) {
		qms_buf_printf(b, w->vi ? "từ %s đến %s" : "%s to %s", stage_mid(w, from),
			       stage_mid(w, QMS_STAGE_ANNOUNCEMENT));
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
	if (w->vi) {
		if (s->days_left < 0)
			qms_writer_printf(&w->doc, " (hạn %s, chậm %s ngày", D(w, s->deadline),
					  C(w, (size_t)-s->days_left));
		else if (s->status == QMS_STATUS_OVERDUE)
			qms_writer_printf(&w->doc, " (đến hạn ngày %s, chưa hoàn thành", D(w, s->deadline));
		else
			qms_writer_printf(&w->doc, " (hạn %s, còn %s ngày", D(w, s->deadline),
					  C(w, (size_t)s->days_left));
		qms_writer_printf(&w->doc, "; còn %s giai đoạn: %s)", C(w, nleft), left.buf);
	} else {
		if (s->days_left < 0)
			qms_writer_printf(&w->doc, " (deadline %s, %s %s late", D(w, s->deadline),
					  C(w, (size_t)-s->days_left), pl((size_t)-s->days_left, "day", "days"));
		else if (s->status == QMS_STATUS_OVERDUE)
			qms_writer_printf(&w->doc, " (due %s, not finished", D(w, s->deadline));
		else
			qms_writer_printf(&w->doc, " (deadline %s, %s %s left", D(w, s->deadline),
					  C(w, (size_t)s->days_left), pl((size_t)s->days_left, "day", "days"));
		qms_writer_printf(&w->doc, "; %s %s left: %s)", C(w, nleft), pl(nleft, "stage", "stages"), left.buf);
	}
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

static void summary_plan(struct rw *w)
{
	const struct qms_report *r = w->r;
	const struct qms_settings *st = &r->settings;
	if (!r->tracked || st->deadline < 0)
		return;
	struct qms_buf dl;
	qms_buf_init(&dl);
	deadline_phrase(w, &dl, st->deadline);
	size_t own = 0;
	for (size_t i = 0; i < r->nagencies; i++)
		if (r->agencies[i].tracked && r->agencies[i].status.deadline != st->deadline)
			own++;
	const char *where = place(w);
	qms_writer_para_begin(&w->doc);
	if (w->vi) {
		if (st->plan) {
			qms_writer_printf(&w->doc, "Thực hiện Kế hoạch số %s", st->plan);
			if (st->plan_date >= 0)
				qms_writer_printf(&w->doc, " ngày %s", D(w, st->plan_date));
			if (st->plan_issuer)
				qms_writer_printf(&w->doc, " của %s", st->plan_issuer);
			qms_writer_printf(&w->doc, ", đến %s", dl.buf);
		} else {
			qms_writer_printf(&w->doc, "Theo kế hoạch, đến %s", dl.buf);
		}
		qms_writer_printf(&w->doc,
				  ", %s cơ quan hành chính nhà nước%s%s phải hoàn thành chuyển đổi hệ thống quản lý "
				  "chất lượng từ TCVN ISO 9001:2008 sang TCVN ISO 9001:2015 và công bố hệ thống quản "
				  "lý chất lượng phù hợp TCVN ISO 9001:2015",
				  C(w, r->tracked), *where ? " trên địa bàn " : "", where);
		if (own)
			qms_writer_printf(&w->doc, " (%s cơ quan có thời hạn riêng)", C(w, own));
	} else {
		if (st->plan) {
			qms_writer_printf(&w->doc, "Under plan %s", st->plan);
			if (st->plan_date >= 0)
				qms_writer_printf(&w->doc, " of %s", D(w, st->plan_date));
			if (st->plan_issuer)
				qms_writer_printf(&w->doc, " (%s)", st->plan_issuer);
			qms_writer_printf(&w->doc, ", by %s", dl.buf);
		} else {
			qms_writer_printf(&w->doc, "Under the plan, by %s", dl.buf);
		}
		qms_writer_printf(&w->doc,
				  ", %s state administrative %s%s%s convert their quality management systems from ISO "
				  "9001:2008 to ISO 9001:2015 and announce them as conforming",
				  C(w, r->tracked), pl(r->tracked, "agency", "agencies"), *where ? " of " : "", where);
		if (own)
			qms_writer_printf(&w->doc, " (%s %s)", C(w, own),
					  own == 1 ? "agency has its own deadline"
						   : "agencies have their own deadlines");
	}
	qms_writer_printf(&w->doc, ".");
	qms_writer_para_end(&w->doc);
	qms_buf_release(&dl);
}

static void summary_migration(struct rw *w)
{
	const struct qms_report *r = w->r;
	const size_t *bs = r->by_status;
	bool vi = w->vi;
	if (!r->tracked) {
		qms_writer_para(&w->doc, vi ? "Chưa có cơ quan nào được theo dõi tiến độ chuyển đổi."
					    : "No agency's conversion is tracked yet.");
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
			qms_buf_printf(&levels, "%s%s %s/%s", levels.len ? ", " : " (",
				       (vi ? level_vi_prose : level_en_prose)[lv], N(w, r->level_done[lv]),
				       N(w, r->level_total[lv]));
		}
	if (levels.len)
		qms_buf_addc(&levels, ')');
	size_t done = bs[QMS_STATUS_DONE];
	qms_writer_para_begin(&w->doc);
	if (vi)
		qms_writer_printf(&w->doc,
				  "Đến ngày %s, %s/%s cơ quan đã hoàn thành chuyển đổi và công bố hệ thống quản lý "
				  "chất lượng phù hợp TCVN ISO 9001:2015, đạt %s%s.",
				  D(w, r->as_of), N(w, done), N(w, r->tracked),
				  P(w, qms_report_tenths(done, r->tracked)), levels.buf);
	else
		qms_writer_printf(&w->doc,
				  "As of %s, %s of %s %s (%s) had completed the conversion and announced a quality "
				  "management system conforming to ISO 9001:2015%s.",
				  D(w, r->as_of), N(w, done), N(w, r->tracked), pl(r->tracked, "agency", "agencies"),
				  P(w, qms_report_tenths(done, r->tracked)), levels.buf);
	qms_writer_para_end(&w->doc);
	qms_buf_release(&levels);
	size_t not_done = r->tracked - done;
	if (!not_done)
		return;
	qms_writer_para_begin(&w->doc);
	if (vi)
		qms_writer_printf(&w->doc, "Còn %s cơ quan chưa hoàn thành", C(w, not_done));
	else
		qms_writer_printf(&w->doc, "%s %s had not", C(w, not_done), pl(not_done, "agency", "agencies"));
	if (bs[QMS_STATUS_OVERDUE]) {
		qms_writer_printf(&w->doc, vi ? ", trong đó %s cơ quan đã quá hạn: " : "; %s overdue: ",
				  C(w, bs[QMS_STATUS_OVERDUE]));
		agencies_with(w, QMS_STATUS_OVERDUE, true);
	}
	if (bs[QMS_STATUS_AT_RISK]) {
		qms_writer_printf(&w->doc,
				  vi ? "%s%s cơ quan chưa đến hạn nhưng có nguy cơ chậm tiến độ: "
				     : "%s%s not yet due but at risk of missing the deadline: ",
				  bs[QMS_STATUS_OVERDUE] ? "; " : (vi ? ", trong đó " : "; "),
				  C(w, bs[QMS_STATUS_AT_RISK]));
		agencies_with(w, QMS_STATUS_AT_RISK, true);
	}
	if (bs[QMS_STATUS_ON_TRACK]) {
		qms_writer_printf(&w->doc, vi ? "%s%s cơ quan đúng tiến độ: " : "%s%s on track: ",
				  bs[QMS_STATUS_OVERDUE] || bs[QMS_STATUS_AT_RISK] ? "; " : (vi ? ", trong đó " : "; "),
				  C(w, bs[QMS_STATUS_ON_TRACK]));
		agencies_with(w, QMS_STATUS_ON_TRACK, false);
	}
	qms_writer_printf(&w->doc, vi ? " (chi tiết tại %s)." : " (details in %s).", apx(w, APX_MIGRATION));
	qms_writer_para_end(&w->doc);
}

static void join_counts(struct rw *w, struct qms_buf *b, const size_t *counts, size_t n, const char *const *vi_words,
			const char *const (*en_words)[2])
{
	size_t k = 0, used = 0;
	for (size_t i = 0; i < n; i++)
		used += counts[i] > 0;
	for (size_t i = 0; i < n; i++) {
		if (!counts[i])
			continue;
		const char *sep = !k ? "" : (k + 1 == used ? (w->vi ? " và " : " and ") : ", ");
		if (w->vi)
			qms_buf_printf(b, "%s%s %s", sep, C(w, counts[i]), vi_words[i]);
		else
			qms_buf_printf(b, "%s%s %s", sep, C(w, counts[i]), en_words[i][counts[i] != 1]);
		k++;
	}
}

static void summary_audits(struct rw *w)
{
	const struct qms_report *r = w->r;
	bool vi = w->vi;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_writer_para_begin(&w->doc);
	if (!r->audits_period) {
		qms_writer_printf(&w->doc,
				  vi ? "Từ ngày %s đến ngày %s, chưa có cuộc đánh giá nội bộ, kiểm tra nào."
				     : "From %s to %s, no internal audit or inspection was held.",
				  D(w, r->period_start), D(w, r->as_of));
	} else {
		join_counts(w, &b, r->audits_by_kind, 3, kind_vi_prose, kind_en_prose);
		if (vi)
			qms_writer_printf(
				&w->doc, "Từ ngày %s đến ngày %s, đã có %s cuộc đánh giá, kiểm tra tại %s cơ quan (%s)",
				D(w, r->period_start), D(w, r->as_of), C(w, r->audits_period),
				C(w, r->agencies_audited), b.buf);
		else
			qms_writer_printf(
				&w->doc, "From %s to %s, %s %s held at %s %s (%s)", D(w, r->period_start),
				D(w, r->as_of), C(w, r->audits_period),
				r->audits_period == 1 ? "audit or inspection was" : "audits and inspections were",
				C(w, r->agencies_audited), pl(r->agencies_audited, "agency", "agencies"), b.buf);
		qms_buf_reset(&b);
		join_counts(w, &b, r->findings_by_grade, 4, grade_vi_prose, grade_en_prose);
		if (r->findings_no_grade)
			qms_buf_printf(&b, vi ? "%s%s phát hiện chưa phân loại" : "%s%s not graded", b.len ? ", " : "",
				       C(w, r->findings_no_grade));
		if (!r->findings_period)
			qms_writer_printf(&w->doc, vi ? ", không có phát hiện nào." : "; they raised no finding.");
		else if (vi)
			qms_writer_printf(&w->doc, ", ghi nhận %s phát hiện, gồm: %s.", C(w, r->findings_period),
					  b.buf);
		else
			qms_writer_printf(&w->doc, "; they raised %s %s: %s.", C(w, r->findings_period),
					  pl(r->findings_period, "finding", "findings"), b.buf);
	}
	const size_t *ac = r->actions;
	size_t unfinished = ac[QMS_ACTION_OPEN] + ac[QMS_ACTION_OVERDUE];
	if (vi) {
		qms_writer_printf(&w->doc, " Về hành động khắc phục: ");
		if (unfinished)
			qms_writer_printf(&w->doc, "%s hành động chưa hoàn thành", C(w, unfinished));
		else
			qms_writer_printf(&w->doc, "không còn hành động nào chưa hoàn thành");
		if (ac[QMS_ACTION_OVERDUE])
			qms_writer_printf(&w->doc, " (trong đó %s hành động đã quá hạn)", C(w, ac[QMS_ACTION_OVERDUE]));
		qms_writer_printf(&w->doc,
				  "; %s hành động đã hoàn thành nhưng chưa được kiểm tra hiệu lực; %s hành động đã "
				  "được kiểm tra hiệu lực",
				  ac[QMS_ACTION_UNVERIFIED] ? C(w, ac[QMS_ACTION_UNVERIFIED]) : "không có",
				  ac[QMS_ACTION_VERIFIED] ? C(w, ac[QMS_ACTION_VERIFIED]) : "không có");
		qms_writer_printf(&w->doc, " (chi tiết tại %s).", apx(w, APX_AUDITS));
	} else {
		qms_writer_printf(&w->doc, " Corrective actions: %s open", unfinished ? C(w, unfinished) : "none");
		if (ac[QMS_ACTION_OVERDUE])
			qms_writer_printf(&w->doc, " (%s of them overdue)", C(w, ac[QMS_ACTION_OVERDUE]));
		qms_writer_printf(&w->doc,
				  "; %s closed but not yet verified as effective; %s verified (details in %s).",
				  ac[QMS_ACTION_UNVERIFIED] ? C(w, ac[QMS_ACTION_UNVERIFIED]) : "none",
				  ac[QMS_ACTION_VERIFIED] ? C(w, ac[QMS_ACTION_VERIFIED]) : "none", apx(w, APX_AUDITS));
	}
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
	bool vi = w->vi;
	if (!r->nprocedures)
		return;
	size_t with_procs = 0, tthc, sys;
	for (size_t i = 0; i < r->nagencies; i++)
		with_procs += r->agencies[i].procedures > 0;
	procedure_kinds(r, &tthc, &sys);
	qms_writer_para_begin(&w->doc);
	if (vi) {
		qms_writer_printf(&w->doc,
				  "%s cơ quan đã xây dựng %s quy trình (%s quy trình giải quyết TTHC và %s quy trình "
				  "hệ thống), trong đó %s quy trình theo TCVN ISO 9001:2015",
				  C(w, with_procs), C(w, r->nprocedures), C(w, tthc), C(w, sys), C(w, r->on_2015));
		if (r->on_2008)
			qms_writer_printf(&w->doc, ", %s quy trình còn theo TCVN ISO 9001:2008", C(w, r->on_2008));
		if (r->timed)
			qms_writer_printf(&w->doc,
					  ". Về thời hạn giải quyết, %s/%s quy trình có ghi thời hạn đạt mức cắt giảm "
					  "tối thiểu %s so với quy định của Trung ương; mức cắt giảm bình quân là %s",
					  N(w, r->meet_cut), N(w, r->timed), P(w, r->time_cut_tenths),
					  P(w, r->avg_cut_tenths));
	} else {
		qms_writer_printf(&w->doc,
				  "%s %s wrote %s %s (%s for administrative procedures, %s of the system), %s of them "
				  "against ISO 9001:2015",
				  C(w, with_procs), pl(with_procs, "agency", "agencies"), C(w, r->nprocedures),
				  pl(r->nprocedures, "procedure", "procedures"), C(w, tthc), C(w, sys),
				  C(w, r->on_2015));
		if (r->on_2008)
			qms_writer_printf(&w->doc, ", %s still against ISO 9001:2008", C(w, r->on_2008));
		if (r->timed)
			qms_writer_printf(&w->doc,
					  ". Of the procedures with time limits, %s of %s meet the required cut of at "
					  "least %s against the statutory limit; the average cut is %s",
					  N(w, r->meet_cut), N(w, r->timed), P(w, r->time_cut_tenths),
					  P(w, r->avg_cut_tenths));
	}
	qms_writer_printf(&w->doc, vi ? " (chi tiết tại %s)." : " (details in %s).", apx(w, APX_PROCEDURES));
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

static void summary_conformity(struct rw *w)
{
	const struct qms_report *r = w->r;
	bool vi = w->vi;
	if (!r->have_catalog || !r->assessed)
		return;
	struct qms_buf b;
	qms_buf_init(&b);
	qms_writer_para_begin(&w->doc);
	if (vi)
		qms_writer_printf(&w->doc,
				  "Đối chiếu bằng chứng với từng điều khoản của TCVN ISO 9001:2015 tại %s cơ quan đã "
				  "xây dựng tài liệu của hệ thống quản lý chất lượng: ",
				  C(w, r->assessed));
	else
		qms_writer_printf(&w->doc,
				  "The evidence of %s %s with documents of their quality management system was checked "
				  "against every clause of ISO 9001:2015: ",
				  C(w, r->assessed), pl(r->assessed, "agency", "agencies"));
	if (r->conforming == r->assessed) {
		qms_writer_printf(&w->doc, vi ? "các cơ quan đều có bằng chứng đáp ứng tất cả các điều khoản áp dụng"
					      : "each has evidence that it meets every applicable clause");
	} else {
		size_t k = 0;
		if (r->conforming) {
			qms_writer_printf(&w->doc,
					  vi ? "%s cơ quan có bằng chứng đáp ứng tất cả các điều khoản áp dụng ("
					     : "%s %s evidence that it meets every applicable clause (",
					  C(w, r->conforming),
					  vi                   ? ""
					  : r->conforming == 1 ? "has"
							       : "have");
			for (size_t i = 0; i < r->nagencies; i++) {
				const struct qms_report_agency *a = &r->agencies[i];
				if (!a->assessed || a->coverage.count[QMS_COV_DOCUMENTED] ||
				    a->coverage.count[QMS_COV_MISSING])
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
			rw_agency(w, i);
			if (cnt[QMS_COV_MISSING]) {
				clauses_with(w, &a->coverage, QMS_COV_MISSING, &b);
				if (vi)
					qms_writer_printf(&w->doc, " có %s điều khoản chưa đáp ứng%s",
							  C(w, cnt[QMS_COV_MISSING]), b.buf);
				else
					qms_writer_printf(&w->doc, " has %s %s not met%s", C(w, cnt[QMS_COV_MISSING]),
							  pl(cnt[QMS_COV_MISSING], "clause", "clauses"), b.buf);
			}
			if (cnt[QMS_COV_DOCUMENTED]) {
				clauses_with(w, &a->coverage, QMS_COV_DOCUMENTED, &b);
				if (vi)
					qms_writer_printf(
						&w->doc,
						"%s %s điều khoản mới có tài liệu, chưa có bằng chứng thực hiện%s",
						cnt[QMS_COV_MISSING] ? " và" : " có", C(w, cnt[QMS_COV_DOCUMENTED]),
						b.buf);
				else
					qms_writer_printf(&w->doc, "%s %s %s documented without evidence yet%s",
							  cnt[QMS_COV_MISSING] ? " and" : " has",
							  C(w, cnt[QMS_COV_DOCUMENTED]),
							  pl(cnt[QMS_COV_DOCUMENTED], "clause", "clauses"), b.buf);
			}
		}
	}
	if (r->nagencies > r->assessed)
		qms_writer_printf(&w->doc,
				  vi ? ". %s cơ quan còn lại chưa có tài liệu hệ thống để đối chiếu"
				     : ". The other %s %s no system documents to check yet",
				  C(w, r->nagencies - r->assessed),
				  vi                                ? ""
				  : r->nagencies - r->assessed == 1 ? "has"
								    : "have");
	qms_writer_printf(&w->doc, vi ? " (chi tiết tại %s)." : " (details in %s).", apx(w, APX_CONFORMITY));
	qms_writer_para_end(&w->doc);
	qms_buf_release(&b);
}

/* What remains, and the tasks that follow from it. */
static void summary_next(struct rw *w)
{
	const struct qms_report *r = w->r;
	bool vi = w->vi;
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
	qms_writer_printf(&w->doc, vi ? "Nhiệm vụ thời gian tới: " : "Next tasks: ");
	size_t k = 0;
	if (not_done) {
		if (vi) {
			qms_writer_printf(&w->doc, "đôn đốc %s cơ quan chưa hoàn thành", C(w, not_done));
			if (r->by_status[QMS_STATUS_OVERDUE])
				qms_writer_printf(&w->doc, ", trước hết là %s cơ quan đã quá hạn,",
						  C(w, r->by_status[QMS_STATUS_OVERDUE]));
			qms_writer_printf(&w->doc, " hoàn thành chuyển đổi và công bố hệ thống quản lý chất lượng phù "
						   "hợp TCVN ISO 9001:2015");
		} else {
			qms_writer_printf(&w->doc, "follow up the %s %s that have not finished", C(w, not_done),
					  pl(not_done, "agency", "agencies"));
			if (r->by_status[QMS_STATUS_OVERDUE])
				qms_writer_printf(&w->doc, ", the %s overdue first,",
						  C(w, r->by_status[QMS_STATUS_OVERDUE]));
			qms_writer_printf(&w->doc, " until they announce a system conforming to ISO 9001:2015");
		}
		k++;
	}
	if (open || unverified) {
		qms_writer_printf(&w->doc, "%s", k++ ? "; " : "");
		if (vi) {
			if (open)
				qms_writer_printf(&w->doc, "hoàn thành %s hành động khắc phục còn mở", C(w, open));
			if (open && unverified)
				qms_writer_printf(&w->doc, " và ");
			if (unverified)
				qms_writer_printf(&w->doc, "kiểm tra hiệu lực %s hành động đã hoàn thành",
						  C(w, unverified));
		} else {
			if (open)
				qms_writer_printf(&w->doc, "complete the %s open corrective %s", C(w, open),
						  pl(open, "action", "actions"));
			if (open && unverified)
				qms_writer_printf(&w->doc, " and ");
			if (unverified)
				qms_writer_printf(&w->doc, "verify the effectiveness of %s closed %s", C(w, unverified),
						  pl(unverified, "action", "actions"));
		}
	}
	if (gaps) {
		qms_writer_printf(&w->doc, "%s", k++ ? "; " : "");
		qms_writer_printf(
			&w->doc,
			vi ? "bổ sung tài liệu, bằng chứng thực hiện cho các điều khoản chưa đáp ứng tại %s cơ quan"
			   : "add the documents and evidence missing for clauses not met at %s %s",
			C(w, gaps), vi ? "" : pl(gaps, "agency", "agencies"));
	}
	if (r->on_2008) {
		qms_writer_printf(&w->doc, "%s", k++ ? "; " : "");
		qms_writer_printf(&w->doc,
				  vi ? "chuyển đổi %s quy trình còn theo TCVN ISO 9001:2008"
				     : "convert the %s %s still written against ISO 9001:2008",
				  C(w, r->on_2008), vi ? "" : pl(r->on_2008, "procedure", "procedures"));
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
	qms_writer_heading(&w->doc, 2,
			   w->vi ? "Về áp dụng ISO trong hoạt động của cơ quan hành chính nhà nước"
				 : "Use of ISO 9001 in the state administrative agencies");
	for (size_t i = 0; i < QMS_ARRAY_LEN(summary_sections); i++)
		summary_sections[i](w);
}

/* ---- appendices: the tables ---- */

static void appendix_heading(struct rw *w, enum appendix a, const char *vi, const char *en)
{
	qms_writer_heading(&w->doc, 2, "%s. %s", apx(w, a), w->vi ? vi : en);
}

static void appendix_migration(struct rw *w)
{
	const struct qms_report *r = w->r;
	bool vi = w->vi;
	appendix_heading(w, APX_MIGRATION, "Tiến độ chuyển đổi của các cơ quan", "Progress of the conversion");
	if (!r->tracked) {
		qms_writer_para(&w->doc, vi ? "Chưa có cơ quan nào được theo dõi." : "No agency is tracked yet.");
		return;
	}
	qms_writer_para(&w->doc, vi ? "1. Số cơ quan theo giai đoạn tiếp theo phải thực hiện"
				    : "1. Agencies by the next stage to complete");
	qms_writer_table(&w->doc, "lr", vi ? "Giai đoạn tiếp theo" : "Next stage", vi ? "Số cơ quan" : "Agencies");
	for (int s = 0; s <= QMS_STAGE_COUNT; s++) {
		qms_writer_row_begin(&w->doc, false);
		if (s < QMS_STAGE_COUNT)
			qms_writer_cellf(&w->doc, "%d. %s", s + 1, qms_stage_label(s, w->lang));
		else
			qms_writer_cellf(&w->doc, "%s", vi ? "Đã hoàn thành cả 9 giai đoạn" : "All nine stages done");
		qms_writer_cellf(&w->doc, "%s", N(w, r->by_next[s]));
		qms_writer_row_end(&w->doc);
	}
	qms_writer_row_begin(&w->doc, true);
	qms_writer_cellf(&w->doc, "%s", vi ? "Tổng cộng" : "Total");
	qms_writer_cellf(&w->doc, "%s", N(w, r->tracked));
	qms_writer_row_end(&w->doc);
	qms_writer_table_end(&w->doc);

	size_t not_done = r->tracked - r->by_status[QMS_STATUS_DONE];
	if (not_done) {
		qms_writer_para(&w->doc, vi ? "2. Cơ quan chưa hoàn thành" : "2. Agencies that have not finished");
		qms_writer_table(&w->doc, "rlllll", vi ? "STT" : "No.", vi ? "Cơ quan" : "Agency",
				 vi ? "Hạn" : "Deadline", vi ? "Giai đoạn đã hoàn thành" : "Last stage done",
				 vi ? "Giai đoạn tiếp theo" : "Next stage", vi ? "Tình trạng" : "Status");
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
					qms_writer_cellf(&w->doc, "%s", vi ? "Chưa bắt đầu" : "Not started");
				qms_writer_cellf(&w->doc, "%s", qms_stage_label(s->next_stage, w->lang));
				if (order[o] == QMS_STATUS_OVERDUE && s->days_left < 0)
					qms_writer_cellf(&w->doc, vi ? "Quá hạn %s ngày" : "%s days late",
							 N(w, (size_t)-s->days_left));
				else if (order[o] == QMS_STATUS_OVERDUE)
					qms_writer_cellf(&w->doc, "%s", vi ? "Quá hạn" : "Overdue");
				else if (order[o] == QMS_STATUS_AT_RISK)
					qms_writer_cellf(&w->doc, "%s", vi ? "Có nguy cơ chậm tiến độ" : "At risk");
				else
					qms_writer_cellf(&w->doc, "%s", vi ? "Đúng tiến độ" : "On track");
				qms_writer_row_end(&w->doc);
			}
		qms_writer_table_end(&w->doc);
	}

	if (!r->by_status[QMS_STATUS_DONE])
		return;
	qms_writer_para(&w->doc, vi ? "%s. Cơ quan đã công bố" : "%s. Agencies that announced", not_done ? "3" : "2");
	qms_writer_table(&w->doc, "rlll", vi ? "STT" : "No.", vi ? "Cơ quan" : "Agency",
			 vi ? "Quyết định công bố" : "Announcement decision", vi ? "Ngày công bố" : "Announced on");
	size_t n = 0;
	for (size_t i = 0; i < r->nagencies; i++) {
		const struct qms_report_agency *a = &r->agencies[i];
		if (!a->tracked || a->status.status != QMS_STATUS_DONE)
			continue;
		qms_writer_row_begin(&w->doc, false);
		qms_writer_cellf(&w->doc, "%zu", ++n);
		rw_td_agency(w, i);
		qms_writer_cellf(&w->doc, "%s",
				 a->decision ? a->decision
				 : vi        ? "(chưa ghi số quyết định)"
					     : "(not recorded)");
		qms_writer_cellf(&w->doc, "%s", DT(w, a->status.announced));
		qms_writer_row_end(&w->doc);
	}
	qms_writer_table_end(&w->doc);
}

static void appendix_audits(struct rw *w)
{
	const struct qms_report *r = w->r;
	bool vi = w->vi;
	appendix_heading(w, APX_AUDITS, "Đánh giá nội bộ, kiểm tra và hành động khắc phục",
			 "Internal audits, inspections and corrective actions");
	if (!r->nclauses && !r->actions[QMS_ACTION_OVERDUE]) {
		qms_writer_para(&w->doc, vi ? "Không có phát hiện nào trong kỳ và không có hành động khắc phục quá hạn."
					    : "No finding in the period and no corrective action overdue.");
		return;
	}
	if (r->nclauses) {
		qms_writer_para(&w->doc, vi ? "1. Phát hiện trong kỳ theo điều khoản của tiêu chuẩn"
					    : "1. Findings of the period by clause");
		qms_writer_table(&w->doc, "llrrrrr", vi ? "Điều khoản" : "Clause", vi ? "Tên điều khoản" : "Title",
				 vi ? grade_vi_short[0] : grade_en_short[0], vi ? grade_vi_short[1] : grade_en_short[1],
				 vi ? grade_vi_short[2] : grade_en_short[2], vi ? grade_vi_short[3] : grade_en_short[3],
				 vi ? "Tổng" : "Total");
		for (size_t i = 0; i < r->nclauses; i++) {
			const struct qms_report_clause *c = &r->clauses[i];
			qms_writer_row_begin(&w->doc, false);
			qms_writer_cellf(&w->doc, "%s", *c->clause ? c->clause : vi ? "(không ghi)" : "(none)");
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
		qms_writer_cellf(&w->doc, "%s", vi ? "Tổng cộng" : "Total");
		qms_writer_cellf(&w->doc, "%s", "");
		for (int g = 0; g < 4; g++)
			qms_writer_cellf(&w->doc, "%s", N(w, r->findings_by_grade[g]));
		qms_writer_cellf(&w->doc, "%s", N(w, r->findings_period));
		qms_writer_row_end(&w->doc);
		qms_writer_table_end(&w->doc);
	}
	if (!r->actions[QMS_ACTION_OVERDUE])
		return;
	qms_writer_para(&w->doc, vi ? "%s. Hành động khắc phục quá hạn" : "%s. Overdue corrective actions",
			r->nclauses ? "2" : "1");
	qms_writer_table(&w->doc, "lllllr", vi ? "Cơ quan" : "Agency", vi ? "Cuộc đánh giá" : "Audit",
			 vi ? "Phát hiện" : "Finding", vi ? "Điều khoản" : "Clause", vi ? "Hạn" : "Due",
			 vi ? "Quá hạn (ngày)" : "Days overdue");
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

static void appendix_procedures(struct rw *w)
{
	const struct qms_report *r = w->r;
	bool vi = w->vi;
	appendix_heading(w, APX_PROCEDURES, "Quy trình của các cơ quan", "Procedures of the agencies");
	if (!r->nprocedures) {
		qms_writer_para(&w->doc, vi ? "Chưa có cơ quan nào xây dựng quy trình."
					    : "No agency has written a procedure yet.");
		return;
	}
	qms_writer_para_begin(&w->doc);
	if (vi) {
		qms_writer_printf(&w->doc, "Rà soát tự động các quy trình và tài liệu hệ thống của các cơ quan: ");
		if (!r->errors && !r->warnings)
			qms_writer_printf(&w->doc, "không có lỗi, cảnh báo.");
		else
			qms_writer_printf(&w->doc, "%s lỗi, %s cảnh báo.", r->errors ? C(w, r->errors) : "không có",
					  r->warnings ? C(w, r->warnings) : "không có");
	} else {
		qms_writer_printf(
			&w->doc,
			"The automatic review of the agencies' procedures and system documents found %s %s and %s %s.",
			r->errors ? C(w, r->errors) : "no", pl(r->errors, "error", "errors"),
			r->warnings ? C(w, r->warnings) : "no", pl(r->warnings, "warning", "warnings"));
	}
	qms_writer_para_end(&w->doc);
	qms_writer_table(&w->doc, "lrrrrrrrr", vi ? "Cơ quan" : "Agency", vi ? "Quy trình" : "Procedures",
			 "ISO 9001:2015", "ISO 9001:2008", vi ? "Có thời hạn" : "With limits",
			 vi ? "Đạt cắt giảm" : "Meet the cut", vi ? "Cắt giảm bình quân" : "Average cut",
			 vi ? "Lỗi" : "Errors", vi ? "Cảnh báo" : "Warnings");
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
		qms_writer_cellf(&w->doc, "%s",
				 vi ? "Tài liệu dùng chung của tỉnh" : "Shared documents of the province");
		for (int k = 0; k < 6; k++)
			qms_writer_cellf(&w->doc, "%s", "");
		qms_writer_cellf(&w->doc, "%s", N(w, r->errors_other));
		qms_writer_cellf(&w->doc, "%s", N(w, r->warnings_other));
		qms_writer_row_end(&w->doc);
	}
	qms_writer_row_begin(&w->doc, true);
	qms_writer_cellf(&w->doc, "%s", vi ? "Tổng cộng" : "Total");
	const size_t counts[] = {r->nprocedures, r->on_2015, r->on_2008, r->timed, r->meet_cut};
	procedure_cells(w, counts, r->avg_cut_tenths, r->errors, r->warnings);
	qms_writer_row_end(&w->doc);
	qms_writer_table_end(&w->doc);
	if (r->exempt)
		qms_writer_para(&w->doc,
				vi ? "Ngoài ra, %s quy trình không áp dụng mức cắt giảm (thời hạn giải quyết trong "
				     "ngày hoặc do cơ quan khác quy định), được tính riêng."
				   : "Besides, %s %s no cut (a same-day limit, or a limit fixed by another authority) "
				     "and counted apart.",
				C(w, r->exempt),
				vi               ? ""
				: r->exempt == 1 ? "procedure is asked"
						 : "procedures are asked");
	if (r->timed <= r->meet_cut)
		return;
	qms_writer_para(&w->doc, vi ? "Quy trình chưa đạt mức cắt giảm:" : "Procedures short of the cut:");
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
		qms_writer_printf(&w->doc,
				  vi ? ": thời hạn quy định %s, cam kết %s, cắt giảm %s."
				     : ": statutory %s, committed %s, a cut of %s.",
				  p->statutory, p->committed, P(w, p->cut_tenths));
		qms_writer_item_end(&w->doc);
	}
	qms_writer_list_end(&w->doc);
}

static void appendix_conformity(struct rw *w)
{
	const struct qms_report *r = w->r;
	bool vi = w->vi;
	appendix_heading(w, APX_CONFORMITY, "Mức đáp ứng các điều khoản của TCVN ISO 9001:2015",
			 "Conformity with the clauses of ISO 9001:2015");
	if (!r->have_catalog) {
		qms_writer_para(&w->doc,
				vi ? "Không tìm thấy danh mục điều khoản TCVN ISO 9001:2015 nên chưa đối chiếu được."
				   : "The catalog of ISO 9001:2015 was not found: conformity was not assessed.");
		return;
	}
	if (!r->assessed) {
		qms_writer_para(&w->doc, vi ? "Chưa có cơ quan nào có tài liệu hệ thống để đối chiếu."
					    : "No agency has system documents to assess yet.");
		return;
	}
	qms_writer_para(&w->doc,
			vi ? "Mỗi điều khoản được xếp một trong bốn mức: đáp ứng (có tài liệu và bằng chứng thực hiện "
			     "đến ngày %s); có tài liệu, chưa có bằng chứng; chưa đáp ứng; không áp dụng (điều khoản "
			     "cơ quan công bố không áp dụng, tính một lần)."
			   : "Each clause is met (documented, with the evidence it needs by %s), documented (no "
			     "evidence yet), missing, or not applicable (declared by the agency, counted once).",
			D(w, r->as_of));
	qms_writer_table(&w->doc, "lrrrrl", vi ? "Cơ quan" : "Agency", vi ? "Đáp ứng" : "Met",
			 vi ? "Có tài liệu, chưa có bằng chứng" : "Documented", vi ? "Chưa đáp ứng" : "Missing",
			 vi ? "Không áp dụng" : "Not applicable",
			 vi ? "Điều khoản chưa có bằng chứng hoặc chưa đáp ứng"
			    : "Clauses without evidence or missing");
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
	qms_writer_cellf(&w->doc, "%s", vi ? "Tổng cộng" : "Total");
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
	bool vi = r->lang == QMS_LANG_VI;
	qms_buf_printf(out,
		       "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		       vi ? "vi" : "en");
	qms_html_printf(out, vi ? "Báo cáo ISO 9001:2015 - %s" : "ISO 9001:2015 report - %s", r->workspace);
	qms_buf_adds(out, "</title>\n<style>\n");
	qms_buf_adds(out, qms_html_css);
	qms_buf_adds(out, "</style>\n</head>\n<body>\n<main class=\"report\">\n");
	qms_report_format_html_body(out, r, false);
	qms_buf_adds(out, "</main>\n</body>\n</html>\n");
}

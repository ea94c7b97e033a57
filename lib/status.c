/* Migration status as of a date. See status.h. */
#include "status.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "json.h"
#include "schema.h"
#include "table.h"
#include "tracker.h"
#include "workspace.h"

const char *const qms_status_names[] = {"done", "overdue", "at-risk", "on-track", NULL};

static const char *const status_en[] = {N_("done"), N_("overdue"), N_("at risk"), N_("on track")};

/* design.md 3.4 */
static const char *const stage_en[] = {
	N_("Plan"),           N_("Training"),          N_("Gap analysis"), N_("Documentation"), N_("Apply"),
	N_("Internal audit"), N_("Management review"), N_("Announcement"), N_("Report to DOST")};

static const char *const level_en[] = {N_("Province"), N_("District"), N_("Commune")};

const char *qms_status_label(enum qms_status s, enum qms_lang lang)
{
	if (s >= QMS_STATUS_COUNT)
		return "";
	return qms_tr(lang, status_en[s]);
}

/* mid-sentence: lower case, as the administration writes them */
static const char *const stage_en_mid[] = {
	N_("plan"),           N_("training"),          N_("gap analysis"), N_("documentation"), N_("apply"),
	N_("internal audit"), N_("management review"), N_("announcement"), N_("report to DOST")};

const char *qms_stage_label_mid(int stage, enum qms_lang lang)
{
	if (stage < 0 || stage >= QMS_STAGE_COUNT)
		return "";
	return qms_tr(lang, stage_en_mid[stage]);
}

const char *qms_stage_label(int stage, enum qms_lang lang)
{
	if (stage < 0 || stage >= QMS_STAGE_COUNT)
		return "";
	return qms_tr(lang, stage_en[stage]);
}

const char *qms_level_label(int level, enum qms_lang lang)
{
	if (level < 0 || level > QMS_LEVEL_COMMUNE)
		return "";
	return qms_tr(lang, level_en[level]);
}

void qms_date_format_lang(char out[11], int32_t days, enum qms_lang lang)
{
	qms_date_format(out, days);
	if (lang == QMS_LANG_EN)
		return;
	/* as administrative documents write dates (Nghị định 30/2020/NĐ-CP):
	 * the day on two digits, the month on two only for January and
	 * February: 05/3/2020, 20/01/2020, 30/9/2020 */
	char iso[11];
	memcpy(iso, out, sizeof(iso));
	int m = (iso[5] - '0') * 10 + (iso[6] - '0');
	size_t n = 0;
	out[n++] = iso[8];
	out[n++] = iso[9];
	out[n++] = '/';
	if (m <= 2 || iso[5] != '0')
		out[n++] = iso[5];
	out[n++] = iso[6];
	out[n++] = '/';
	memcpy(out + n, iso, 4);
	out[n + 4] = '\0';
}

void qms_agency_short_name(struct qms_buf *out, const char *name, const char *workspace)
{
	size_t n = strlen(name);
	const char *place = workspace ? strchr(workspace, ' ') : NULL;
	size_t w = workspace ? strlen(workspace) : 0;
	/* "... tỉnh Thái Bình" in "Tỉnh Thái Bình": the level word stays
	 * ("Thanh tra tỉnh"); "UBND thành phố Thái Bình" is left whole */
	if (place && n > w + 1 && name[n - w - 1] == ' ' && !strcmp(name + n - w + 1, workspace + 1) &&
	    (name[n - w] | 0x20) == (workspace[0] | 0x20))
		n -= strlen(place);
	qms_buf_add(out, name, n);
}

/* ---- one agency ---- */

void qms_status_compute(struct qms_agency_status *out, const struct qms_agency_file *a, int32_t as_of,
			int32_t workspace_deadline, long at_risk_days_per_stage)
{
	memset(out, 0, sizeof(*out));
	out->id = a->agency.id.text;
	out->name = a->agency.name.text ? a->agency.name.text : a->agency.id.text;
	out->level = a->agency.level.text ? a->agency.level.choice : -1;

	int last = -1;
	bool announced = false;
	out->announced = -1;
	const struct qms_stage *stages = a->migration.stages.items;
	for (size_t i = 0; i < a->migration.stages.len; i++) {
		const struct qms_stage *st = &stages[i];
		if (!st->stage.text || !st->done.text || st->done.date > as_of)
			continue;
		if (st->stage.choice > last)
			last = st->stage.choice;
		if (st->stage.choice == QMS_STAGE_ANNOUNCEMENT) {
			announced = true;
			out->announced = st->done.date;
		}
	}
	out->last_stage = last;
	out->next_stage = last + 1 < QMS_STAGE_COUNT ? last + 1 : -1;
	out->stages_left = last < QMS_STAGE_ANNOUNCEMENT ? QMS_STAGE_ANNOUNCEMENT - last : 0;
	out->deadline = a->migration.deadline.text ? a->migration.deadline.date : workspace_deadline;
	out->days_left = out->deadline >= 0 ? out->deadline - as_of : 0;
	if (announced)
		out->status = QMS_STATUS_DONE;
	else if (out->deadline >= 0 && as_of >= out->deadline)
		/* figures as of a date are those at the end of that day: not
		 * announced on the last day is late */
		out->status = QMS_STATUS_OVERDUE;
	else if (out->deadline >= 0 && (long)out->days_left < at_risk_days_per_stage * out->stages_left)
		out->status = QMS_STATUS_AT_RISK;
	else
		out->status = QMS_STATUS_ON_TRACK;

	const struct qms_audit *audits = a->audits.items;
	for (size_t i = 0; i < a->audits.len; i++) {
		const struct qms_audit *au = &audits[i];
		if (!au->date.text || au->date.date > as_of)
			continue;
		const struct qms_finding *fs = au->findings.items;
		for (size_t k = 0; k < au->findings.len; k++) {
			const struct qms_finding *f = &fs[k];
			bool nonconformity = f->grade.text &&
					     (f->grade.choice == QMS_GRADE_MAJOR || f->grade.choice == QMS_GRADE_MINOR);
			if (!nonconformity && !f->due.text)
				continue;
			if (!f->closed.text || f->closed.date > as_of) {
				out->findings_open++;
				if (f->due.text && f->due.date < as_of)
					out->findings_overdue++;
			} else if (!f->verified.text || f->verified.date > as_of) {
				out->findings_unverified++;
			}
		}
	}
}

int32_t qms_status_working_days_left(const struct qms_agency_status *s, int32_t as_of, const struct qms_calendar *cal)
{
	if (s->deadline < 0 || !cal)
		return 0;
	if (s->deadline >= as_of)
		return (int32_t)qms_calendar_count_working_days(cal, as_of, s->deadline);
	return -(int32_t)qms_calendar_count_working_days(cal, s->deadline, as_of);
}

/* ---- the workspace ---- */

static void settings_from(struct qms_settings *st, struct qms_arena *arena, const struct qms_workspace_cfg *w)
{
	if (w->name.text)
		st->name = qms_arena_strdup(arena, w->name.text);
	if (w->lang.text)
		st->lang = (enum qms_lang)w->lang.choice;
	if (w->workday_hours.text)
		st->time.workday_hours = w->workday_hours.number;
	if (w->time_cut.text)
		st->time.time_cut = w->time_cut.number;
	if (w->migration.deadline.text)
		st->deadline = w->migration.deadline.date;
	if (w->migration.at_risk_days_per_stage.text)
		st->at_risk_days_per_stage = w->migration.at_risk_days_per_stage.integer;
	if (w->migration.plan.text)
		st->plan = qms_arena_strdup(arena, w->migration.plan.text);
	if (w->migration.plan_date.text)
		st->plan_date = w->migration.plan_date.date;
	if (w->migration.plan_issuer.text)
		st->plan_issuer = qms_arena_strdup(arena, w->migration.plan_issuer.text);
}

void qms_settings_read(struct qms_settings *st, struct qms_arena *arena, const char *root, struct qms_diags *diags)
{
	/* read once per command: the workspace handle keeps them */
	const struct qms_settings *kept = qms_workspace_kept_settings(root);
	if (kept) {
		*st = *kept;
		return;
	}
	memset(st, 0, sizeof(*st));
	st->lang = QMS_LANG_VI;
	st->time.workday_hours = 8;
	st->time.time_cut = 40;
	st->deadline = -1;
	st->at_risk_days_per_stage = 10;
	st->plan_date = -1;
	char *cfg = qms_path_join(root, "qms.yaml");
	char *shown = qms_display_path(cfg);
	struct qms_document d;
	const struct qms_workspace_cfg *w = NULL;
	bool loaded = qms_is_file(cfg) && qms_document_load(&d, shown, diags) == 0;
	if (loaded && d.kind == QMS_KIND_WORKSPACE) {
		w = &((const struct qms_workspace_file *)d.data)->workspace;
		settings_from(st, arena, w);
		qms_settings_read_withdrawn(st, arena, w);
	}
	/* problems of calendar files are `qms check`'s to report */
	struct qms_diags none;
	qms_diags_init(&none);
	struct qms_calendar *cal = qms_arena_alloc(arena, sizeof(*cal));
	qms_calendar_load(cal, arena, root, w, &none);
	st->calendar = cal;
	st->time.calendar = cal;
	qms_diags_release(&none);
	if (loaded)
		qms_document_release(&d);
	free(shown);
	free(cfg);
}

/* The file name without folder and extension: the id of a tracker whose
 * `agency.id` is missing. */
static const char *stem_of(struct qms_arena *arena, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	const char *dot = strrchr(name, '.');
	return qms_arena_strndup(arena, name, dot ? (size_t)(dot - name) : strlen(name));
}

static int status_cmp(const void *pa, const void *pb)
{
	const struct qms_agency_status *a = pa, *b = pb;
	unsigned la = (unsigned)a->level, lb = (unsigned)b->level; /* -1: last */
	if (la != lb)
		return la < lb ? -1 : 1;
	int c = strcmp(a->id, b->id);
	return c ? c : strcmp(a->path, b->path);
}

int qms_status_load(struct qms_status_report *out, const char *root, int32_t as_of)
{
	memset(out, 0, sizeof(*out));
	qms_diags_init(&out->diags);
	out->as_of = as_of;
	qms_settings_read(&out->settings, &out->arena, root, &out->diags);

	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		strcpy(cwd, "/");
	struct qms_strlist files = {0};
	char *dir = qms_path_join(root, "audits");
	qms_collect_yaml(&files, dir);
	free(dir);
	out->agencies = qms_arena_alloc(&out->arena, (files.len ? files.len : 1) * sizeof(*out->agencies));
	for (size_t i = 0; i < files.len; i++) {
		char *shown = qms_path_relative(files.items[i], cwd);
		struct qms_document d;
		struct qms_diags scratch;
		qms_diags_init(&scratch);
		/* Schema problems do not stop the status: what could be read
		 * counts; `qms check` reports them. Files that do not load, or
		 * hold another kind, are skipped and reported. */
		if (qms_document_load(&d, shown, &scratch) < 0) {
			qms_diags_move(&out->diags, &scratch);
		} else if (d.kind != QMS_KIND_AGENCY) {
			qms_diags_add(&out->diags, shown, 1, 1, QMS_RULE_L010,
				      "not a tracker: the file starts with '%s:', not 'agency:'",
				      qms_kind_info(d.kind)->key);
			qms_document_release(&d);
		} else {
			struct qms_agency_status *s = &out->agencies[out->len++];
			qms_status_compute(s, d.data, as_of, out->settings.deadline,
					   out->settings.at_risk_days_per_stage);
			s->working_days_left = qms_status_working_days_left(s, as_of, out->settings.calendar);
			s->path = qms_arena_strdup(&out->arena, shown);
			s->id = s->id ? qms_arena_strdup(&out->arena, s->id) : stem_of(&out->arena, shown);
			s->name = s->name ? qms_arena_strdup(&out->arena, s->name) : s->id;
			qms_document_release(&d);
		}
		qms_diags_release(&scratch);
		free(shown);
	}
	qms_strlist_release(&files);
	if (out->len > 1)
		qsort(out->agencies, out->len, sizeof(*out->agencies), status_cmp);
	qms_diags_sort(&out->diags);
	qms_thread_cache_release();
	return 0;
}

void qms_status_report_release(struct qms_status_report *r)
{
	qms_diags_release(&r->diags);
	qms_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

bool qms_status_report_keep(struct qms_status_report *r, const char *id)
{
	for (size_t i = 0; i < r->len; i++) {
		if (strcmp(r->agencies[i].id, id))
			continue;
		r->agencies[0] = r->agencies[i];
		r->len = 1;
		return true;
	}
	return false;
}

void qms_status_report_count(const struct qms_status_report *r, size_t counts[QMS_STATUS_COUNT])
{
	memset(counts, 0, QMS_STATUS_COUNT * sizeof(*counts));
	for (size_t i = 0; i < r->len; i++)
		counts[r->agencies[i].status]++;
}

/* ---- output ---- */

void qms_status_json_deadline(struct qms_json *j, const struct qms_agency_status *s)
{
	qms_json_kv_date(j, "deadline", s->deadline);
	if (s->deadline >= 0) {
		qms_json_kv_int(j, "days_left", s->days_left);
		qms_json_kv_int(j, "working_days_left", s->working_days_left);
	} else {
		qms_json_kv_null(j, "days_left");
		qms_json_kv_null(j, "working_days_left");
	}
}

static void json_agency(struct qms_json *j, const struct qms_agency_status *s)
{
	qms_json_object_inline(j);
	qms_json_kv_string(j, "agency", s->id);
	qms_json_kv_string(j, "name", s->name);
	qms_json_kv_name(j, "level", qms_level_names, s->level);
	qms_json_kv_name(j, "last_stage", qms_stage_names, s->last_stage);
	qms_json_kv_name(j, "next_stage", qms_stage_names, s->next_stage);
	qms_status_json_deadline(j, s);
	qms_json_kv_string(j, "status", qms_status_names[s->status]);
	qms_json_kv_uint(j, "findings_open", s->findings_open);
	qms_json_kv_uint(j, "findings_overdue", s->findings_overdue);
	qms_json_kv_uint(j, "findings_unverified", s->findings_unverified);
	qms_json_end(j);
}

void qms_status_format_json(struct qms_buf *out, const struct qms_status_report *r)
{
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_array(&j);
	for (size_t i = 0; i < r->len; i++)
		json_agency(&j, &r->agencies[i]);
	qms_json_end(&j);
}

void qms_status_format_csv(struct qms_buf *out, const struct qms_status_report *r)
{
	static const char *const header[] = {
		"agency",    "name",   "level",         "last_stage",       "next_stage",          "deadline",
		"days_left", "status", "findings_open", "findings_overdue", "findings_unverified", NULL};
	struct qms_csv c;
	qms_csv_init(&c, out);
	qms_csv_row(&c, header);
	char d[11];
	for (size_t i = 0; i < r->len; i++) {
		const struct qms_agency_status *s = &r->agencies[i];
		qms_csv_cell(&c, s->id);
		qms_csv_cell(&c, s->name);
		qms_csv_cell(&c, s->level >= 0 ? qms_level_names[s->level] : "");
		qms_csv_cell(&c, s->last_stage >= 0 ? qms_stage_names[s->last_stage] : "");
		qms_csv_cell(&c, s->next_stage >= 0 ? qms_stage_names[s->next_stage] : "");
		if (s->deadline >= 0) {
			qms_date_format(d, s->deadline);
			qms_csv_cell(&c, d);
			qms_csv_cellf(&c, "%ld", (long)s->days_left);
		} else {
			qms_csv_cell(&c, "");
			qms_csv_cell(&c, "");
		}
		qms_csv_cell(&c, qms_status_names[s->status]);
		qms_csv_cellf(&c, "%u", s->findings_open);
		qms_csv_cellf(&c, "%u", s->findings_overdue);
		qms_csv_cellf(&c, "%u", s->findings_unverified);
		qms_csv_end_row(&c);
	}
}

enum {
	COL_NAME,
	COL_LEVEL,
	COL_LAST,
	COL_NEXT,
	COL_DEADLINE,
	COL_DAYS,
	COL_STATUS,
	COL_OPEN,
	COL_OVERDUE,
	COL_UNVERIFIED,
	NCOLS
};

static const char *const head_vi[NCOLS] = {"Cơ quan", "Cấp",          "Giai đoạn đã xong", "Giai đoạn tiếp theo",
					   "Hạn",     "Còn (ngày)",   "Tình trạng",        "Phát hiện mở",
					   "Quá hạn", "Chưa kiểm tra"};
static const char *const head_en[NCOLS] = {"Agency",    "Level",  "Last stage done", "Next stage", "Deadline",
					   "Days left", "Status", "Open findings",   "Overdue",    "Unverified"};

static void cell_row(const struct qms_agency_status *s, const char *workspace, enum qms_lang lang, struct qms_buf *name,
		     char cells[NCOLS][64], const char *out[NCOLS])
{
	/* the name may be the file's (no name in it): anybody's bytes */
	struct qms_buf shortened;
	qms_buf_init(&shortened);
	qms_agency_short_name(&shortened, s->name, workspace);
	qms_buf_reset(name);
	qms_buf_add_printable(name, shortened.buf, shortened.len, false);
	qms_buf_release(&shortened);
	out[COL_NAME] = name->buf;
	out[COL_LEVEL] = qms_level_label(s->level, lang);
	out[COL_LAST] = s->last_stage >= 0 ? qms_stage_label(s->last_stage, lang) : "-";
	out[COL_NEXT] = s->next_stage >= 0 ? qms_stage_label(s->next_stage, lang) : "-";
	if (s->deadline >= 0) {
		qms_date_format_lang(cells[COL_DEADLINE], s->deadline, lang);
		out[COL_DEADLINE] = cells[COL_DEADLINE];
	} else {
		out[COL_DEADLINE] = "-";
	}
	if (s->deadline >= 0 && s->status != QMS_STATUS_DONE) {
		snprintf(cells[COL_DAYS], 64, "%ld", (long)s->days_left);
		out[COL_DAYS] = cells[COL_DAYS];
	} else {
		out[COL_DAYS] = "-";
	}
	out[COL_STATUS] = qms_status_label(s->status, lang);
	snprintf(cells[COL_OPEN], 64, "%u", s->findings_open);
	snprintf(cells[COL_OVERDUE], 64, "%u", s->findings_overdue);
	snprintf(cells[COL_UNVERIFIED], 64, "%u", s->findings_unverified);
	out[COL_OPEN] = cells[COL_OPEN];
	out[COL_OVERDUE] = cells[COL_OVERDUE];
	out[COL_UNVERIFIED] = cells[COL_UNVERIFIED];
}

static bool right_aligned(int col)
{
	return col == COL_DAYS || col >= COL_OPEN;
}

/* ANSI colours of the statuses, by enum qms_status */
static const char *const status_color[] = {"\033[32m", "\033[1;31m", "\033[33m", "\033[34m"};

static void add_cell(struct qms_buf *b, const char *text, size_t width, int col, const char *color)
{
	size_t w = qms_text_width(text, strlen(text));
	if (right_aligned(col))
		for (size_t i = w; i < width; i++)
			qms_buf_addc(b, ' ');
	if (color) {
		qms_buf_adds(b, color);
		qms_buf_adds(b, text);
		qms_buf_adds(b, "\033[0m");
	} else {
		qms_buf_adds(b, text);
	}
	if (!right_aligned(col) && col != NCOLS - 1)
		for (size_t i = w; i < width; i++)
			qms_buf_addc(b, ' ');
}

void qms_status_format_table(struct qms_buf *out, const struct qms_status_report *r, enum qms_lang lang, bool color)
{
	bool en = lang == QMS_LANG_EN;
	const char *const *head = en ? head_en : head_vi;
	char date[11];
	qms_date_format_lang(date, r->as_of, lang);
	if (en)
		qms_buf_printf(out, "Migration of the quality management systems%s%s, as of %s\n\n",
			       r->settings.name ? ": " : "", r->settings.name ? r->settings.name : "", date);
	else
		qms_buf_printf(out, "Tiến độ chuyển đổi hệ thống quản lý chất lượng%s%s, đến ngày %s\n\n",
			       r->settings.name ? " - " : "", r->settings.name ? r->settings.name : "", date);

	size_t width[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		width[c] = qms_text_width(head[c], strlen(head[c]));
	char cells[NCOLS][64];
	const char *row[NCOLS];
	struct qms_buf name;
	qms_buf_init(&name);
	for (size_t i = 0; i < r->len; i++) {
		cell_row(&r->agencies[i], r->settings.name, lang, &name, cells, row);
		for (int c = 0; c < NCOLS; c++) {
			size_t w = qms_text_width(row[c], strlen(row[c]));
			if (w > width[c])
				width[c] = w;
		}
	}
	for (int c = 0; c < NCOLS; c++) {
		add_cell(out, head[c], width[c], c, NULL);
		qms_buf_adds(out, c == NCOLS - 1 ? "\n" : "  ");
	}
	for (int c = 0; c < NCOLS; c++) {
		for (size_t k = 0; k < width[c]; k++)
			qms_buf_addc(out, '-');
		qms_buf_adds(out, c == NCOLS - 1 ? "\n" : "  ");
	}
	unsigned open = 0, overdue = 0, unverified = 0;
	for (size_t i = 0; i < r->len; i++) {
		const struct qms_agency_status *s = &r->agencies[i];
		cell_row(s, r->settings.name, lang, &name, cells, row);
		for (int c = 0; c < NCOLS; c++) {
			add_cell(out, row[c], width[c], c, color && c == COL_STATUS ? status_color[s->status] : NULL);
			qms_buf_adds(out, c == NCOLS - 1 ? "\n" : "  ");
		}
		open += s->findings_open;
		overdue += s->findings_overdue;
		unverified += s->findings_unverified;
	}
	qms_buf_release(&name);
	size_t counts[QMS_STATUS_COUNT];
	qms_status_report_count(r, counts);
	qms_buf_addc(out, '\n');
	if (en)
		qms_buf_printf(out,
			       "%zu agenc%s: %zu done, %zu overdue, %zu at risk, %zu on track; "
			       "findings: %u open (%u overdue), %u closed but not verified\n",
			       r->len, r->len == 1 ? "y" : "ies", counts[QMS_STATUS_DONE], counts[QMS_STATUS_OVERDUE],
			       counts[QMS_STATUS_AT_RISK], counts[QMS_STATUS_ON_TRACK], open, overdue, unverified);
	else
		qms_buf_printf(out,
			       "%zu cơ quan: %zu đã công bố, %zu quá hạn, %zu có nguy cơ chậm, "
			       "%zu đúng tiến độ; phát hiện: %u chưa khắc phục (%u quá hạn), "
			       "%u đã khắc phục chưa kiểm tra hiệu lực\n",
			       r->len, counts[QMS_STATUS_DONE], counts[QMS_STATUS_OVERDUE], counts[QMS_STATUS_AT_RISK],
			       counts[QMS_STATUS_ON_TRACK], open, overdue, unverified);
}

/* The working-day calendar. Every count is closed-form: the weekdays
 * before a day by arithmetic, corrected by binary searches in the sorted
 * lists of declared days, so no query loops over days and a calendar can
 * serve millions of queries (dossier exports) at once. See calendar.h. */
#include "calendar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"
#include "workspace.h"

void qms_calendar_init(struct qms_calendar *cal, double workday_hours)
{
	memset(cal, 0, sizeof(*cal));
	cal->workday_hours = workday_hours > 0 ? workday_hours : 8;
}

static bool is_weekend(int32_t day)
{
	return qms_date_weekday(day) >= 5;
}

static int day_cmp(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return x < y ? -1 : x > y;
}

static int int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return x < y ? -1 : x > y;
}

/* Number of items of the sorted list below `day`. */
static size_t count_below(const int32_t *list, size_t n, int32_t day)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (list[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool contains(const int32_t *list, size_t n, int32_t day)
{
	size_t i = count_below(list, n, day);
	return i < n && list[i] == day;
}

/* memcpy, which may not be given NULL even for no bytes */
static void copy(void *dst, const void *src, size_t n)
{
	if (n)
		memcpy(dst, src, n);
}

/* Sort, drop duplicates, keep what `keep` accepts; returns the new length. */
static size_t sort_unique(int32_t *v, size_t n, bool (*keep)(int32_t day, const void *ctx), const void *ctx)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), day_cmp);
	size_t out = 0;
	for (size_t i = 0; i < n; i++) {
		if (out && v[out - 1] == v[i])
			continue;
		if (keep(v[i], ctx))
			v[out++] = v[i];
	}
	return out;
}

static bool keep_any(int32_t day, const void *ctx)
{
	(void)day;
	(void)ctx;
	return true;
}

static bool keep_weekday(int32_t day, const void *ctx)
{
	(void)ctx;
	return !is_weekend(day);
}

/* A make-up day counts when it is a weekend day not also declared off
 * (ctx: every day declared off, weekends included, sorted). */
struct declared {
	const int32_t *days;
	size_t n;
};

static bool keep_make_up(int32_t day, const void *ctx)
{
	const struct declared *off = ctx;
	return is_weekend(day) && !contains(off->days, off->n, day);
}

static size_t unique_years(int *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), int_cmp);
	size_t out = 0;
	for (size_t i = 0; i < n; i++)
		if (!out || v[out - 1] != v[i])
			v[out++] = v[i];
	return out;
}

static void make_tables(struct qms_calendar *cal, struct qms_arena *arena);

void qms_calendar_set(struct qms_calendar *cal, struct qms_arena *arena, const int32_t *days_off, size_t ndays_off,
		      const int32_t *make_up, size_t nmake_up, const int *years, size_t nyears)
{
	qms_calendar_init(cal, cal->workday_hours);
	int32_t *all_off = qms_xmalloc((ndays_off ? ndays_off : 1) * sizeof(*all_off));
	copy(all_off, days_off, ndays_off * sizeof(*all_off));
	struct declared declared_off = {all_off, sort_unique(all_off, ndays_off, keep_any, NULL)};

	int32_t *off = qms_arena_alloc(arena, (ndays_off ? ndays_off : 1) * sizeof(*off));
	copy(off, days_off, ndays_off * sizeof(*off));
	cal->ndays_off = sort_unique(off, ndays_off, keep_weekday, NULL);
	cal->days_off = off;

	int32_t *on = qms_arena_alloc(arena, (nmake_up ? nmake_up : 1) * sizeof(*on));
	copy(on, make_up, nmake_up * sizeof(*on));
	cal->nmake_up = sort_unique(on, nmake_up, keep_make_up, &declared_off);
	cal->make_up = on;
	free(all_off);

	size_t ny = nyears + ndays_off + nmake_up;
	int *ys = qms_arena_alloc(arena, (ny ? ny : 1) * sizeof(*ys));
	copy(ys, years, nyears * sizeof(*ys));
	ny = nyears;
	for (size_t i = 0; i < ndays_off; i++)
		ys[ny++] = qms_date_year(days_off[i]);
	for (size_t i = 0; i < nmake_up; i++)
		ys[ny++] = qms_date_year(make_up[i]);
	cal->nyears = unique_years(ys, ny);
	cal->years = ys;
	make_tables(cal, arena);
}

/* ---- queries ---- */

/* The index of day in the tables, or -1 when outside them. */
static int64_t table_at(const struct qms_calendar *cal, int64_t day)
{
	int64_t i = day - cal->table_from;
	return i >= 0 && i < (int64_t)cal->table_len ? i : -1;
}

static bool is_working_day_listed(const struct qms_calendar *cal, int32_t day)
{
	if (is_weekend(day))
		return contains(cal->make_up, cal->nmake_up, day);
	return !contains(cal->days_off, cal->ndays_off, day);
}

bool qms_calendar_is_working_day(const struct qms_calendar *cal, int32_t day)
{
	int64_t i = table_at(cal, day);
	if (i >= 0)
		return cal->before[i + 1] != cal->before[i];
	return is_working_day_listed(cal, day);
}

bool qms_calendar_declares_year(const struct qms_calendar *cal, int year)
{
	size_t lo = 0, hi = cal->nyears;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->years[mid] == year)
			return true;
		if (cal->years[mid] < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Floor division, for days before 1970 as well. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Working days in [0, day) (negative for days before 1970, so that
 * differences always count the days between). */
static int64_t working_before_listed(const struct qms_calendar *cal, int32_t day)
{
	/* Monday to Friday among the first r days of a week that starts on
	 * Thursday, as 1970-01-01 did */
	static const int partial[7] = {0, 1, 2, 2, 2, 3, 4};
	int64_t weeks = floor_div(day, 7);
	int64_t n = weeks * 5 + partial[day - weeks * 7];
	return n - (int64_t)count_below(cal->days_off, cal->ndays_off, day) +
	       (int64_t)count_below(cal->make_up, cal->nmake_up, day);
}

static int64_t working_before(const struct qms_calendar *cal, int32_t day)
{
	int64_t i = day == cal->table_from + (int64_t)cal->table_len ? (int64_t)cal->table_len : table_at(cal, day);
	if (i >= 0)
		return cal->table_base + cal->before[i];
	return working_before_listed(cal, day);
}

/* The k-th working day (0-based) on or after table_from, or -1 when the
 * table ends before it. */
static int32_t table_work(const struct qms_calendar *cal, int64_t k)
{
	return k >= 0 && cal->table_len && k < cal->before[cal->table_len] ? cal->work[k] : -1;
}

/* Days of the tables: the declared years, from a few weeks before (a
 * limit that starts late in December of the year before) to three years
 * after (the longest limits the laws give end within that). */
#define TABLE_BEFORE 31
#define TABLE_AFTER (3 * 366)

static void make_tables(struct qms_calendar *cal, struct qms_arena *arena)
{
	if (!cal->nyears)
		return;
	int32_t from = qms_date_jan1(cal->years[0]), to = qms_date_jan1(cal->years[cal->nyears - 1] + 1);
	if (from < 0 || to < 0 || to - from > 400 * 366) /* years outside what dates hold, or centuries apart */
		return;
	from -= TABLE_BEFORE;
	to += TABLE_AFTER;
	size_t len = (size_t)(to - from);
	int32_t *before = qms_arena_alloc_raw(arena, (len + 1) * sizeof(*before));
	int32_t *work = qms_arena_alloc_raw(arena, len * sizeof(*work));
	int32_t n = 0;
	for (size_t i = 0; i < len; i++) {
		before[i] = n;
		if (is_working_day_listed(cal, from + (int32_t)i))
			work[n++] = from + (int32_t)i;
	}
	before[len] = n;
	cal->table_base = working_before_listed(cal, from);
	cal->table_from = from;
	cal->before = before;
	cal->work = work;
	cal->table_len = len;
}

static long clamp_days(long n)
{
	return n < 0 ? 0 : n > QMS_CALENDAR_MAX_DAYS ? QMS_CALENDAR_MAX_DAYS : n;
}

/* Days far outside any calendar are brought in, so that adding a limit
 * to them cannot overflow. */
#define DAY_LIMIT (INT32_MAX / 4)

static int32_t clamp_day(int64_t day)
{
	return (int32_t)(day < -DAY_LIMIT ? -DAY_LIMIT : day > DAY_LIMIT ? DAY_LIMIT : day);
}

int32_t qms_calendar_next_working_day(const struct qms_calendar *cal, int32_t day)
{
	/* at most a run of declared days off plus a weekend on each side */
	day = clamp_day(day);
	int64_t i = table_at(cal, day);
	int32_t found = i >= 0 ? table_work(cal, cal->before[i]) : -1;
	if (found >= 0)
		return found;
	while (!qms_calendar_is_working_day(cal, day))
		day++;
	return day;
}

long qms_calendar_count_working_days(const struct qms_calendar *cal, int32_t from, int32_t to)
{
	from = clamp_day(from);
	to = clamp_day(to);
	if (to <= from)
		return 0;
	return (long)(working_before(cal, to + 1) - working_before(cal, from + 1));
}

int32_t qms_calendar_add_working_days(const struct qms_calendar *cal, int32_t from, long n)
{
	n = clamp_days(n);
	from = clamp_day(from);
	if (n == 0)
		return qms_calendar_next_working_day(cal, from);
	/* The smallest day d > from with n working days in (from, d]: the
	 * count grows with d, so search between bounds that hold for any
	 * week (5 working days in 7) and any number of days off. */
	/* the n-th working day after from, when the tables reach it */
	int64_t i = table_at(cal, (int64_t)from + 1);
	int32_t found = i >= 0 ? table_work(cal, cal->before[i] + n - 1) : -1;
	if (found >= 0)
		return found;
	int64_t base = working_before(cal, from + 1);
	int64_t lo = (int64_t)from + 1;
	int64_t hi = (int64_t)from + ((n + (int64_t)cal->ndays_off) / 5 + 2) * 7;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;
		if (working_before(cal, (int32_t)mid + 1) - base >= n)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (int32_t)lo;
}

int32_t qms_calendar_civil_end(const struct qms_calendar *cal, int32_t event, long days)
{
	return qms_calendar_next_working_day(cal, clamp_day((int64_t)clamp_day(event) + clamp_days(days)));
}

/* ---- loading ---- */

/* Growing lists of declared days, gathered from several files. */
struct gathered {
	int32_t *off, *on;
	size_t noff, non, capoff, capon;
	int *years;
	size_t nyears, capyears;
};

static void push_day(int32_t **v, size_t *n, size_t *cap, int32_t day)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*v = qms_xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[(*n)++] = day;
}

static void push_year(struct gathered *g, int year)
{
	if (g->nyears == g->capyears) {
		g->capyears = g->capyears ? g->capyears * 2 : 8;
		g->years = qms_xrealloc(g->years, g->capyears * sizeof(*g->years));
	}
	g->years[g->nyears++] = year;
}

/* The days of a list of `date` or `from`..`to` entries, those of a run
 * kept to one year at most (a run longer than that is a mistake the check
 * reports). */
static void gather_days(int32_t **v, size_t *n, size_t *cap, const struct qms_list *l)
{
	const struct qms_calendar_day *items = l->items;
	for (size_t i = 0; i < l->len; i++) {
		const struct qms_calendar_day *d = &items[i];
		if (d->date.text)
			push_day(v, n, cap, d->date.date);
		if (d->from.text && d->to.text && d->to.date >= d->from.date && d->to.date - d->from.date <= 366)
			for (int32_t day = d->from.date; day <= d->to.date; day++)
				push_day(v, n, cap, day);
	}
}

static void gather_file(struct gathered *g, const char *path, struct qms_diags *diags)
{
	struct qms_document d;
	if (qms_document_load(&d, path, diags) < 0)
		return;
	if (d.kind == QMS_KIND_CALENDAR) {
		const struct qms_calendar_year *y = &((const struct qms_calendar_file *)d.data)->calendar;
		if (y->year.text)
			push_year(g, (int)y->year.integer);
		gather_days(&g->off, &g->noff, &g->capoff, &y->holidays);
		gather_days(&g->on, &g->non, &g->capon, &y->make_up_days);
	}
	qms_document_release(&d);
}

static void gather_dates(int32_t **v, size_t *n, size_t *cap, const struct qms_list *l)
{
	const struct qms_value *items = l->items;
	for (size_t i = 0; i < l->len; i++)
		if (items[i].text)
			push_day(v, n, cap, items[i].date);
}

void qms_calendar_load(struct qms_calendar *cal, struct qms_arena *arena, const char *root,
		       const struct qms_workspace_cfg *w, struct qms_diags *diags)
{
	qms_calendar_init(cal, w && w->workday_hours.text ? w->workday_hours.number : 8);
	struct gathered g = {0};
	if (w) {
		gather_dates(&g.off, &g.noff, &g.capoff, &w->holidays);
		gather_dates(&g.on, &g.non, &g.capon, &w->make_up_days);
	}
	struct qms_strlist files = {0};
	char *dir = qms_path_join(root, "calendar");
	qms_collect_yaml(&files, dir);
	free(dir);
	for (size_t i = 0; i < files.len; i++) {
		char *shown = qms_display_path(files.items[i]);
		gather_file(&g, shown, diags);
		free(shown);
	}
	qms_strlist_release(&files);
	qms_calendar_set(cal, arena, g.off, g.noff, g.on, g.non, g.years, g.nyears);
	free(g.off);
	free(g.on);
	free(g.years);
}

/* Time limits as the law counts them. See timelimit.h. */
#include "timelimit.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

/* A Monday of a week far from any day off: receipts "in an ordinary
 * week" are this day and the four after it, on a calendar without days
 * off. */
#define ORDINARY_MONDAY 19723 /* 2024-01-01 */

bool qms_unit_is_calendar(enum qms_duration_unit unit)
{
	return unit == QMS_UNIT_CALENDAR_DAYS;
}

static double max_hours(double wh)
{
	return (double)QMS_CALENDAR_MAX_DAYS * wh;
}

void qms_span_of(struct qms_span *out, const struct qms_duration *d, double wh)
{
	memset(out, 0, sizeof(*out));
	if (qms_duration_is_calendar(d)) {
		out->days = fmin(d->amount, (double)QMS_CALENDAR_MAX_DAYS);
		return;
	}
	out->hours = fmin(qms_duration_working_hours(d, wh), max_hours(wh));
	out->same_day = d->unit == QMS_UNIT_SAME_DAY;
}

void qms_span_add(struct qms_span *a, const struct qms_span *b, double wh)
{
	a->hours = fmin(a->hours + b->hours, max_hours(wh));
	a->days = fmin(a->days + b->days, (double)QMS_CALENDAR_MAX_DAYS);
	a->same_day = false;
}

bool qms_span_is_zero(const struct qms_span *s)
{
	return s->hours <= 0 && s->days <= 0 && !s->same_day;
}

static bool is_calendar(const struct qms_span *s)
{
	return s->hours <= 0 && s->days > 0 && !s->same_day;
}

static bool is_working(const struct qms_span *s)
{
	return s->days <= 0;
}

static long whole(double v)
{
	double c = ceil(v - EPS);
	return c <= 0 ? 0 : c >= (double)QMS_CALENDAR_MAX_DAYS ? QMS_CALENDAR_MAX_DAYS : (long)c;
}

static double workday_hours_of(const struct qms_calendar *cal)
{
	return cal && cal->workday_hours > 0 ? cal->workday_hours : 8;
}

int32_t qms_span_end(const struct qms_calendar *cal, const struct qms_span *s, int32_t received)
{
	struct qms_calendar plain;
	if (!cal) {
		qms_calendar_init(&plain, 8);
		cal = &plain;
	}
	int32_t e = qms_calendar_next_working_day(cal, received);
	if (s->same_day)
		return e;
	long k = whole(s->hours / workday_hours_of(cal));
	if (k > 0)
		e = qms_calendar_add_working_days(cal, e, k);
	if (s->days > 0)
		e = qms_calendar_civil_end(cal, e, whole(s->days));
	return e;
}

/* ---- comparing ---- */

/* The first working day of receipt in [from, to] for which a ends after
 * b, or -1. */
static int32_t first_overrun(const struct qms_calendar *cal, const struct qms_span *a, const struct qms_span *b,
			     int32_t from, int32_t to, int32_t *end_a, int32_t *end_b)
{
	for (int32_t r = from; r <= to; r++) {
		if (!qms_calendar_is_working_day(cal, r))
			continue;
		*end_a = qms_span_end(cal, a, r);
		*end_b = qms_span_end(cal, b, r);
		if (*end_a > *end_b)
			return r;
	}
	return -1;
}

static void overrun_by_days(struct qms_overrun_result *out, const struct qms_calendar *cal, const struct qms_span *a,
			    const struct qms_span *b)
{
	struct qms_calendar plain;
	qms_calendar_init(&plain, workday_hours_of(cal));
	int32_t r = first_overrun(&plain, a, b, ORDINARY_MONDAY, ORDINARY_MONDAY + 4, &out->end_a, &out->end_b);
	if (r >= 0) {
		out->kind = QMS_OVERRUN_ALWAYS;
		out->received = r;
		return;
	}
	for (size_t i = 0; cal && i < cal->nyears; i++) {
		int32_t from = qms_date_jan1(cal->years[i]);
		if (from < 0)
			continue;
		r = first_overrun(cal, a, b, from, qms_date_jan1(cal->years[i] + 1) - 1, &out->end_a, &out->end_b);
		if (r >= 0) {
			out->kind = QMS_OVERRUN_DAYS_OFF;
			out->received = r;
			return;
		}
	}
}

/* Limits in working time compare by their working hours. A same-day
 * limit ends with the day of receipt: a limit of a whole working day or
 * more ends after it, one of fewer hours fits in it (for a dossier
 * received early enough; later ones count from the next working day,
 * the same for both). */
static bool working_overruns(const struct qms_span *a, const struct qms_span *b, double wh)
{
	if (a->same_day && b->same_day)
		return false;
	if (b->same_day)
		return a->hours >= wh - EPS;
	if (a->same_day)
		return b->hours < wh - EPS;
	return a->hours > b->hours + EPS;
}

/* Two spans in one kind of time compare by amount, without the calendar:
 * true, with *out filled. Else false, *out cleared. */
static bool overrun_by_amount(struct qms_overrun_result *out, const struct qms_calendar *cal, const struct qms_span *a,
			      const struct qms_span *b)
{
	memset(out, 0, sizeof(*out));
	if (is_working(a) && is_working(b)) {
		out->by_amount = true;
		if (working_overruns(a, b, workday_hours_of(cal)))
			out->kind = QMS_OVERRUN_ALWAYS;
		return true;
	}
	if (is_calendar(a) && is_calendar(b)) {
		out->by_amount = true;
		if (a->days > b->days + EPS)
			out->kind = QMS_OVERRUN_ALWAYS;
		return true;
	}
	return false;
}

static void overrun_compute(struct qms_overrun_result *out, const struct qms_calendar *cal, const struct qms_span *a,
			    const struct qms_span *b)
{
	if (!overrun_by_amount(out, cal, a, b))
		overrun_by_days(out, cal, a, b);
}

/* The cache: open addressing over the two spans, under a lock. */
/* An entry is a comparison of a with b in different kinds of time (one
 * in working time, the other in calendar days: the calendar's answer), or
 * (amount) the largest amount in the unit stored in a.hours that holds
 * within b on the calendar. */
struct cache_entry {
	struct qms_span a, b;
	bool amount;
	struct qms_overrun_result r;
	double value;
	bool used;
};

struct qms_span_cache {
	pthread_mutex_t lock;
	struct cache_entry *items;
	size_t cap, len;
};

struct qms_span_cache *qms_span_cache_new(void)
{
	struct qms_span_cache *c = qms_xcalloc(1, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void qms_span_cache_free(struct qms_span_cache *c)
{
	if (!c)
		return;
	pthread_mutex_destroy(&c->lock);
	free(c->items);
	free(c);
}

static uint64_t mix(uint64_t h, double v)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof(bits));
	h ^= bits + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h;
}

static bool same_span(const struct qms_span *x, const struct qms_span *y)
{
	return x->hours == y->hours && x->days == y->days && x->same_day == y->same_day;
}

static size_t slot_of(const struct qms_span_cache *c, const struct qms_span *a, const struct qms_span *b, bool amount)
{
	uint64_t h = mix(mix(mix(mix(mix(0, a->hours), a->days), a->same_day), b->hours), b->days);
	h = mix(mix(h, b->same_day), amount);
	/* the low bits of small doubles are zeros: spread every bit (the
	 * finalizer of splitmix64) before keeping the low ones */
	h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
	h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
	h ^= h >> 31;
	size_t i = (size_t)h & (c->cap - 1);
	while (c->items[i].used &&
	       !(c->items[i].amount == amount && same_span(&c->items[i].a, a) && same_span(&c->items[i].b, b)))
		i = (i + 1) & (c->cap - 1);
	return i;
}

static void cache_grow(struct qms_span_cache *c)
{
	struct cache_entry *old = c->items;
	size_t oldcap = c->cap;
	c->cap = c->cap ? c->cap * 2 : 64;
	c->items = qms_xcalloc(c->cap, sizeof(*c->items));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].used)
			c->items[slot_of(c, &old[i].a, &old[i].b, old[i].amount)] = old[i];
	free(old);
}

/* The entry for (a, b, amount), or NULL; under the lock. */
static const struct cache_entry *cache_find(struct qms_span_cache *c, const struct qms_span *a,
					    const struct qms_span *b, bool amount)
{
	if (!c->cap)
		return NULL;
	const struct cache_entry *e = &c->items[slot_of(c, a, b, amount)];
	return e->used ? e : NULL;
}

static void cache_put(struct qms_span_cache *c, const struct cache_entry *in)
{
	if ((c->len + 1) * 2 > c->cap)
		cache_grow(c);
	struct cache_entry *e = &c->items[slot_of(c, &in->a, &in->b, in->amount)];
	if (!e->used) {
		*e = *in;
		e->used = true;
		c->len++;
	}
}

void qms_span_overrun(struct qms_overrun_result *out, const struct qms_calendar *cal, struct qms_span_cache *cache,
		      const struct qms_span *a, const struct qms_span *b)
{
	/* in one kind of time the answer is a subtraction: asked of the
	 * cache, most of a workspace's critical paths (each of its own
	 * length) filled it with entries looked up once */
	if (overrun_by_amount(out, cal, a, b))
		return;
	if (!cache) {
		overrun_by_days(out, cal, a, b);
		return;
	}
	pthread_mutex_lock(&cache->lock);
	const struct cache_entry *found = cache_find(cache, a, b, false);
	if (found)
		*out = found->r;
	pthread_mutex_unlock(&cache->lock);
	if (found)
		return;
	/* computed outside the lock: two threads may both compute a pair,
	 * with the same result */
	overrun_compute(out, cal, a, b);
	struct cache_entry e = {.a = *a, .b = *b, .r = *out};
	pthread_mutex_lock(&cache->lock);
	cache_put(cache, &e);
	pthread_mutex_unlock(&cache->lock);
}

/* ---- lengths and amounts ---- */

double qms_span_length(const struct qms_span *s, bool in_days, double wh)
{
	if (in_days && is_calendar(s))
		return s->days;
	if (!in_days && is_working(s))
		return s->hours; /* a same-day limit: at most one working day */
	if (in_days && s->same_day)
		return 1;
	struct qms_calendar plain;
	qms_calendar_init(&plain, wh);
	double longest = 0;
	for (int32_t r = ORDINARY_MONDAY; r <= ORDINARY_MONDAY + 4; r++) {
		int32_t e = qms_span_end(&plain, s, r);
		double len = in_days ? (double)(e - r) : (double)qms_calendar_count_working_days(&plain, r, e) * wh;
		longest = fmax(longest, len);
	}
	return longest;
}

static void span_in(struct qms_span *out, double amount, enum qms_duration_unit unit, double wh)
{
	struct qms_duration d = {amount, unit};
	qms_span_of(out, &d, wh);
}

/* The largest amount in unit for which fits() holds, fits() being true
 * for small amounts and false from some amount on. Whole amounts unless
 * `exact` (then the limit itself when it is an amount of the unit). */
static double largest(enum qms_duration_unit unit, double wh, double upper,
		      bool (*fits)(const struct qms_span *s, const void *ctx), const void *ctx)
{
	struct qms_span s;
	span_in(&s, 1, unit, wh);
	if (unit == QMS_UNIT_SAME_DAY)
		return fits(&s, ctx) ? 1 : -1;
	long lo = 0, hi = (long)fmin(ceil(upper), (double)QMS_CALENDAR_MAX_DAYS * 1440);
	while (lo < hi) {
		long mid = lo + (hi - lo + 1) / 2;
		span_in(&s, (double)mid, unit, wh);
		if (fits(&s, ctx))
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo > 0 ? (double)lo : -1;
}

struct length_ctx {
	bool in_days;
	double max_length, wh;
};

static bool fits_length(const struct qms_span *s, const void *ctx)
{
	const struct length_ctx *c = ctx;
	return qms_span_length(s, c->in_days, c->wh) <= c->max_length + EPS;
}

/* Amounts of `unit` in one working hour or one calendar day: bounds the
 * search for the largest amount. */
static double per_length(enum qms_duration_unit unit, bool in_days, double wh)
{
	switch (unit) {
	case QMS_UNIT_MINUTES: return in_days ? 1440 : 60;
	case QMS_UNIT_HOURS:
	case QMS_UNIT_WORKING_HOURS: return in_days ? 24 : 1;
	default: return in_days ? 1 : 1 / wh + 1;
	}
}

double qms_span_max_amount(enum qms_duration_unit unit, const struct qms_span *limit, double max_length, double wh)
{
	bool in_days = is_calendar(limit);
	bool unit_days = qms_unit_is_calendar(unit);
	if (unit_days == in_days && unit != QMS_UNIT_SAME_DAY && !limit->same_day) {
		/* the same kind: any amount, converted back to the unit */
		struct qms_span one;
		span_in(&one, 1, unit, wh);
		double per = in_days ? one.days : one.hours;
		return max_length > 0 && per > 0 ? max_length / per : -1;
	}
	struct length_ctx c = {in_days, max_length, wh};
	return largest(unit, wh, (max_length + 1) * per_length(unit, in_days, wh), fits_length, &c);
}

struct within_ctx {
	const struct qms_span *limit;
	const struct qms_calendar *cal;
};

static bool fits_within(const struct qms_span *s, const void *ctx)
{
	const struct within_ctx *c = ctx;
	struct qms_overrun_result r;
	overrun_compute(&r, c->cal, s, c->limit);
	return r.kind == QMS_OVERRUN_NONE;
}

static double max_within(enum qms_duration_unit unit, const struct qms_span *limit, const struct qms_calendar *cal,
			 double wh)
{
	bool in_days = is_calendar(limit);
	double length = qms_span_length(limit, in_days, wh);
	struct qms_calendar plain;
	if (!cal) {
		qms_calendar_init(&plain, wh);
		cal = &plain;
	}
	struct within_ctx c = {limit, cal};
	return largest(unit, wh, (length + 1) * per_length(unit, in_days, wh), fits_within, &c);
}

double qms_span_max_within(enum qms_duration_unit unit, const struct qms_span *limit, const struct qms_calendar *cal,
			   struct qms_span_cache *cache, double wh)
{
	/* on a calendar each try scans its years: keep the answer */
	if (!cal || !cache)
		return max_within(unit, limit, cal, wh);
	struct cache_entry e = {.a = {.hours = (double)unit}, .b = *limit, .amount = true};
	pthread_mutex_lock(&cache->lock);
	const struct cache_entry *found = cache_find(cache, &e.a, &e.b, true);
	if (found)
		e.value = found->value;
	pthread_mutex_unlock(&cache->lock);
	if (found)
		return e.value;
	e.value = max_within(unit, limit, cal, wh);
	pthread_mutex_lock(&cache->lock);
	cache_put(cache, &e);
	pthread_mutex_unlock(&cache->lock);
	return e.value;
}

/* ---- words ---- */

static const char *const unit_vi[] = {"phút", "giờ", "giờ làm việc", "ngày làm việc", "ngày", "trong ngày"};
static const char *const unit_en[][2] = {
	{"minute", "minutes"},           {"hour", "hours"}, {"working hour", "working hours"},
	{"working day", "working days"}, {"day", "days"},   {"same day", "same day"}};

void qms_duration_format(struct qms_buf *out, double amount, enum qms_duration_unit unit, enum qms_lang lang)
{
	if ((size_t)unit >= QMS_ARRAY_LEN(unit_vi))
		unit = QMS_UNIT_HOURS;
	if (unit == QMS_UNIT_SAME_DAY) {
		qms_buf_adds(out, lang == QMS_LANG_VI ? unit_vi[unit] : unit_en[unit][0]);
		return;
	}
	size_t at = out->len;
	qms_buf_add_number_lang(out, amount, lang);
	qms_buf_addc(out, ' ');
	if (lang == QMS_LANG_VI)
		qms_buf_adds(out, unit_vi[unit]);
	else
		qms_buf_adds(out, unit_en[unit][strcmp(out->buf + at, "1 ") != 0]);
}

void qms_span_format(struct qms_buf *out, const struct qms_span *s, enum qms_duration_unit like, double wh,
		     enum qms_lang lang)
{
	bool working_part = s->hours > EPS || s->same_day || s->days <= EPS;
	if (s->same_day && like == QMS_UNIT_SAME_DAY) {
		qms_duration_format(out, 1, QMS_UNIT_SAME_DAY, lang);
		return;
	}
	/* A sum cut at the longest span counted says so rather than print
	 * the cut as the sum. */
	if (s->days >= (double)QMS_CALENDAR_MAX_DAYS || s->hours >= max_hours(wh)) {
		qms_buf_adds(out, qms_tr(lang, N_("more than")));
		qms_buf_adds(out, " ");
	}
	if (working_part) {
		enum qms_duration_unit u = like;
		if (u == QMS_UNIT_CALENDAR_DAYS || u == QMS_UNIT_SAME_DAY)
			u = s->hours + EPS >= wh ? QMS_UNIT_WORKING_DAYS : QMS_UNIT_WORKING_HOURS;
		struct qms_span one;
		span_in(&one, 1, u, wh);
		qms_duration_format(out, s->hours / one.hours, u, lang);
	}
	if (s->days > EPS) {
		if (working_part)
			qms_buf_adds(out, " + ");
		qms_duration_format(out, s->days, QMS_UNIT_CALENDAR_DAYS, lang);
	}
}

static const char *const weekdays[] = {N_("Monday"), N_("Tuesday"),  N_("Wednesday"), N_("Thursday"),
				       N_("Friday"), N_("Saturday"), N_("Sunday")};

const char *qms_weekday_name(int32_t day, enum qms_lang lang)
{
	return qms_tr(lang, weekdays[qms_date_weekday(day)]);
}

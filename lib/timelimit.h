/* Time limits as the law counts them.
 *
 * A limit is written in working time (minutes, hours, working days, the
 * same day) or in calendar days; a path through steps written in both has
 * some of each. Two limits in one kind of unit compare by their amounts.
 * Limits in different kinds do not convert by a factor: for each possible
 * day of receipt, the last day of each is counted on the calendar
 * (calendar.h), and one runs past the other when its last day comes
 * later. "In an ordinary week" means Monday to Friday receipts with no
 * day off in the span; "with days off" means every working day of the
 * years the calendar declares.
 *
 * Thread-safety: everything here only reads its arguments, except a
 * qms_span_cache, which locks itself; a cache may be shared by threads. */
#ifndef QMS_TIMELIMIT_H
#define QMS_TIMELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "calendar.h"
#include "i18n.h"
#include "util.h"
#include "values.h"

/* A length of time: working time, counted first, then calendar days. */
struct qms_span {
	double hours; /* working time, in working hours */
	double days; /* calendar days */
	bool same_day; /* a same-day limit (hours is then one working day) */
};

/* The span of a duration, with `workday_hours` hours in a working day. */
void qms_span_of(struct qms_span *out, const struct qms_duration *d, double workday_hours);
/* a + b (sums saturate at QMS_CALENDAR_MAX_DAYS days and the working
 * hours of as many working days). */
void qms_span_add(struct qms_span *a, const struct qms_span *b, double workday_hours);
bool qms_span_is_zero(const struct qms_span *s);

/* The last day of s for a dossier received on `received` (a day off
 * counts from the next working day): whole working days first (a part of
 * a day counts as the whole day), then calendar days as the Civil Code
 * counts them. A same-day span ends on the day of receipt. */
int32_t qms_span_end(const struct qms_calendar *cal, const struct qms_span *s, int32_t received);

enum qms_overrun {
	QMS_OVERRUN_NONE, /* never ends later */
	QMS_OVERRUN_DAYS_OFF, /* ends later only when days off fall in the span */
	QMS_OVERRUN_ALWAYS, /* ends later in an ordinary week (or is simply longer, same units) */
};

struct qms_overrun_result {
	enum qms_overrun kind;
	bool by_amount; /* same kind of unit: compared by amount; no days below */
	int32_t received; /* the first day of receipt for which a ends later: a
			   * Monday-to-Friday of a week without days off
			   * (ALWAYS), or a day of the calendar (DAYS_OFF) */
	int32_t end_a, end_b; /* the last days of a and b for that receipt */
};

/* Results of qms_span_overrun() kept for the next procedure with the same
 * two spans: the scan of a calendar's years is done once per pair, not
 * per file. Create with qms_span_cache_new(), free with
 * qms_span_cache_free(); bound to one calendar. */
struct qms_span_cache;
struct qms_span_cache *qms_span_cache_new(void);
void qms_span_cache_free(struct qms_span_cache *c);

/* Whether a ends after b for some day of receipt. cal may be NULL (no
 * declared day off); cache may be NULL. */
void qms_span_overrun(struct qms_overrun_result *out, const struct qms_calendar *cal, struct qms_span_cache *cache,
		      const struct qms_span *a, const struct qms_span *b);

/* The longest s takes in an ordinary week, in calendar days (`in_days`)
 * or in working hours: its own amount when s is in that kind of unit. */
double qms_span_length(const struct qms_span *s, bool in_days, double workday_hours);

/* Whether a duration in `unit` counts in calendar days. */
bool qms_unit_is_calendar(enum qms_duration_unit unit);

/* The largest amount in `unit` (whole, unless `unit` is of the kind of
 * limit, which may be any amount) whose length in an ordinary week, in the
 * kind of unit of `limit`, is at most `max_length` (days or working
 * hours, as qms_span_length()). -1 when even the smallest amount is
 * longer. */
double qms_span_max_amount(enum qms_duration_unit unit, const struct qms_span *limit, double max_length,
			   double workday_hours);

/* The largest amount in `unit` that never runs past `limit` in an
 * ordinary week (cal NULL) or on the calendar cal; -1 when none does.
 * With a calendar the answer is kept in cache (may be NULL). */
double qms_span_max_within(enum qms_duration_unit unit, const struct qms_span *limit, const struct qms_calendar *cal,
			   struct qms_span_cache *cache, double workday_hours);

/* "1,5 ngày làm việc", "15 days", "trong ngày": an amount in a unit, for
 * people, in `lang` (the decimal comma in Vietnamese). Appends to out. */
void qms_duration_format(struct qms_buf *out, double amount, enum qms_duration_unit unit, enum qms_lang lang);
/* A span in the unit of `like` (working time in like's unit, calendar
 * days as days), e.g. a critical path in the unit of the committed limit.
 * Appends to out. */
void qms_span_format(struct qms_buf *out, const struct qms_span *s, enum qms_duration_unit like, double workday_hours,
		     enum qms_lang lang);

/* "Monday" or "thứ Hai", for days since 1970. Static storage. */
const char *qms_weekday_name(int32_t day, enum qms_lang lang);

#endif

/* The working-day calendar: which days are working days, and the day
 * arithmetic of time limits on it.
 *
 * Days are counted as everywhere in qms: days since 1970-01-01
 * (values.h). A working day is Monday to Friday, except the days off the
 * calendar declares (public holidays, Tết, compensatory days off), plus
 * the weekend days it declares working days (make-up working days, "làm
 * bù"). Outside the years the calendar declares, every Monday to Friday is
 * a working day.
 *
 * Where the days come from: the `holidays` and `make_up_days` of qms.yaml
 * and every calendar/<year>.yaml of the workspace (docs/format.md).
 *
 * Ownership: the arrays of a calendar live in the arena given to the
 * function that filled it; the calendar is released with that arena. A
 * calendar from qms_calendar_init() owns nothing.
 *
 * Thread-safety: a filled calendar is never written again. Every function
 * that takes a const calendar only reads it and may be called from any
 * number of threads at once. */
#ifndef QMS_CALENDAR_H
#define QMS_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"
#include "util.h"

/* Longest span the arithmetic accepts, in days (about 10,000 years):
 * larger counts are cut to it, so no sum of days can overflow. */
#define QMS_CALENDAR_MAX_DAYS 3660000L

struct qms_calendar {
	double workday_hours; /* hours in a working day (8 unless the workspace says) */
	const int32_t *days_off; /* sorted, unique: declared days off that fall Monday to Friday */
	size_t ndays_off;
	const int32_t *make_up; /* sorted, unique: weekend days declared working days */
	size_t nmake_up;
	const int *years; /* sorted, unique: the years the calendar declares */
	size_t nyears;
	/* Tables over the days [table_from, table_from + table_len), made by
	 * qms_calendar_set() (none from qms_calendar_init()): the arithmetic
	 * of a limit received in the declared years is a lookup there instead
	 * of searches in the lists above (issue 10: comparing two units scans
	 * every day of receipt of those years). */
	int32_t table_from;
	size_t table_len;
	int64_t table_base; /* working days before table_from (since 1970, as working_before() counts) */
	const int32_t *before; /* [i]: working days in [table_from, table_from + i), i <= table_len */
	const int32_t *work; /* the working days of the range, in order: before[table_len] of them */
};

/* Monday to Friday, no day off declared; allocates nothing. */
void qms_calendar_init(struct qms_calendar *cal, double workday_hours);

/* Fill cal, initialised by qms_calendar_init() (its workday_hours is
 * kept), from lists of declared days: days off and make-up working days,
 * in any order, duplicates allowed. A day off that falls on a weekend changes nothing (the day is off anyway); a
 * make-up day that falls Monday to Friday changes nothing either; a day in
 * both lists is a day off. `years` are the years the declarations cover
 * (the years of every day given are added to them). Arrays are copied
 * into arena. */
void qms_calendar_set(struct qms_calendar *cal, struct qms_arena *arena, const int32_t *days_off, size_t ndays_off,
		      const int32_t *make_up, size_t nmake_up, const int *years, size_t nyears);

/* The calendar of the workspace at root (absolute): the `holidays` and
 * `make_up_days` of w (its qms.yaml, NULL when it has none) and every
 * calendar/<year>.yaml under root, with w's `workday_hours` (8 when w is
 * NULL or does not say). Files that cannot be read are left out and their
 * problems go to diags (`qms check` reports them on its own as well).
 * Arrays live in arena. */
void qms_calendar_load(struct qms_calendar *cal, struct qms_arena *arena, const char *root,
		       const struct qms_workspace_cfg *w, struct qms_diags *diags);

/* Whether `day` is a working day. */
bool qms_calendar_is_working_day(const struct qms_calendar *cal, int32_t day);

/* Whether the calendar declares the year `year` (a calendar file or a
 * declared day in it): only then are its holidays known. */
bool qms_calendar_declares_year(const struct qms_calendar *cal, int year);

/* The first working day on or after `day`. */
int32_t qms_calendar_next_working_day(const struct qms_calendar *cal, int32_t day);

/* Working days after `from` up to and including `to` (0 when to <= from):
 * how many working days of a limit have gone by on `to` for a dossier
 * received on `from` (the day of receipt is not counted). */
long qms_calendar_count_working_days(const struct qms_calendar *cal, int32_t from, int32_t to);

/* The day on which the n-th working day after `from` falls (`from` itself
 * is not counted): the last day of a limit of n working days for a dossier
 * received on `from`. n = 0 gives qms_calendar_next_working_day(from).
 * Negative n counts as 0; n above QMS_CALENDAR_MAX_DAYS is cut to it. */
int32_t qms_calendar_add_working_days(const struct qms_calendar *cal, int32_t from, long n);

/* The last day of a limit of `days` calendar days from an event on
 * `event`, as the Civil Code counts it (Bộ luật Dân sự 2015, Điều 147:
 * the first day is not counted, the limit starts the next day; Điều 148:
 * when its last day is a weekend day or a holiday, the limit ends at the
 * end of the next working day). Negative days count as 0; days above
 * QMS_CALENDAR_MAX_DAYS are cut to it. */
int32_t qms_calendar_civil_end(const struct qms_calendar *cal, int32_t event, long days);

/* Rules (T009, calendar-check.c): a decoded calendar/<year>.yaml shown
 * as `path`, and the days declared in qms.yaml. Problems go to diags. */
void qms_calendar_check_year(const struct qms_calendar_year *y, const char *path, struct qms_diags *diags);
void qms_calendar_check_workspace(const struct qms_workspace_cfg *w, const char *path, struct qms_diags *diags);

#endif

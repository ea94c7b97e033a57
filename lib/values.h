/* Parsers for the scalar values of the format: dates, durations,
 * percentages, clause numbers, ids. Pure functions, no allocation. */
#ifndef QMS_VALUES_H
#define QMS_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Days since 1970-01-01 of a `YYYY-MM-DD` date, or -1 when the text is not
 * such a date or the date does not exist (2020-02-30). */
int32_t qms_date_parse(const char *text);
/* Write `YYYY-MM-DD` for days since 1970-01-01 into out[11]. */
void qms_date_format(char out[11], int32_t days);
/* Day of the week, 0 = Monday. */
int qms_date_weekday(int32_t days);
/* The year of a day. */
int qms_date_year(int32_t days);
/* Days since 1970-01-01 of the first of January of year, or -1 for a
 * year a date cannot hold (before 1970, after 9999). */
int32_t qms_date_jan1(int year);

/* The unit a duration was written in, kept through the model so that it
 * is printed back as written. Working time (minutes, hours, working days,
 * same day) is counted on working days only; calendar days as the Civil
 * Code counts them (calendar.h). */
enum qms_duration_unit {
	QMS_UNIT_MINUTES, /* phút, minute(s), min: working time */
	QMS_UNIT_HOURS, /* giờ, hour(s), h: working time */
	QMS_UNIT_WORKING_HOURS, /* giờ làm việc, working hour(s) */
	QMS_UNIT_WORKING_DAYS, /* ngày làm việc, working day(s), wd */
	QMS_UNIT_CALENDAR_DAYS, /* ngày, day(s), d, calendar day(s) */
	QMS_UNIT_SAME_DAY, /* trong ngày, ngay trong ngày, same day (amount 1) */
};

struct qms_duration {
	double amount;
	enum qms_duration_unit unit;
};

/* "4 hours", "0,5 giờ làm việc", "2 working days", "15 ngày", "15 phút",
 * "1.5d", "trong ngày". Returns 0 or -1. */
int qms_duration_parse(struct qms_duration *out, const char *text);
/* Whether d is counted in calendar days (else in working time). */
bool qms_duration_is_calendar(const struct qms_duration *d);
/* Working time of a duration that is not in calendar days, in working
 * hours, with `workday_hours` hours in a working day (a same-day limit is
 * one working day). Calendar days have no fixed working time: 0. */
double qms_duration_working_hours(const struct qms_duration *d, double workday_hours);

/* A time of day "15:00" or "15h" or "15 giờ" (minutes after midnight, 0 to
 * 1439) Returns 0 or -1. */
int qms_clock_parse(int *out_minutes, const char *text);

/* The longest duration qms accepts: ten years, as days (QMS_DURATION_MAX_DAYS)
 * or as hours (24 a day). No administrative procedure or step takes that
 * long, so a longer value is a typo; and with it every sum of the
 * durations of a file (16 MiB at most) stays exact in a double and in a
 * 64-bit count of hundredths, so no total can overflow. */
#define QMS_DURATION_MAX_DAYS 3660
/* Whether d is within that limit. */
bool qms_duration_within_limit(const struct qms_duration *d);

/* "40%" or "40 %" (0..100). Returns 0 or -1. */
int qms_percent_parse(double *out, const char *text);

/* A decimal number with `.` or `,` as the decimal mark. Returns 0 or -1. */
int qms_number_parse(double *out, const char *text);

/* "8.5.1": one to four dot-separated numbers, the first 1..10, none with a
 * leading zero. */
bool qms_clause_valid(const char *text);

/* ASCII letters, digits, '-', '_', '.', not starting with '.' (ids name
 * files); not empty, at most 64 bytes. */
bool qms_id_valid(const char *text);

#endif

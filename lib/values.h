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

enum qms_duration_unit {
	QMS_UNIT_HOURS,
	QMS_UNIT_DAYS,
};

struct qms_duration {
	double amount;
	enum qms_duration_unit unit;
};

/* "4 hours", "0,5 giờ làm việc", "2 working days", "1.5d". Returns 0 or -1. */
int qms_duration_parse(struct qms_duration *out, const char *text);
/* Working hours, with `workday_hours` hours in a day. */
double qms_duration_hours(const struct qms_duration *d, double workday_hours);

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

/* ASCII letters, digits, '-', '_', '.'; not empty, at most 64 bytes. */
bool qms_id_valid(const char *text);

#endif

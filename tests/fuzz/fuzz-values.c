/* Fuzz target: the scalar parsers (dates, durations in every unit, times
 * of day, percentages, numbers, clause numbers, ids) and the suggestion
 * distance, on each line of the input; and for each date and duration,
 * the calendar arithmetic and the comparison of limits, with their
 * invariants. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "timelimit.h"
#include "util.h"
#include "values.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A calendar with Tết 2020 off and a make-up Saturday. */
static const struct qms_calendar *calendar(void)
{
	static struct qms_calendar cal;
	static struct qms_arena arena;
	static int ready;
	if (!ready) {
		int32_t off[7], on[1] = {qms_date_parse("2020-02-08")};
		for (int i = 0; i < 7; i++)
			off[i] = qms_date_parse("2020-01-23") + i;
		qms_calendar_init(&cal, 8);
		qms_calendar_set(&cal, &arena, off, 7, on, 1, NULL, 0);
		ready = 1;
	}
	return &cal;
}

/* The arithmetic of a day: n working days after it end on a working day
 * with n working days counted; a limit of n calendar days ends on a
 * working day at least n days later. */
static void check_day(int32_t day, long n)
{
	const struct qms_calendar *cal = calendar();
	int32_t e = qms_calendar_add_working_days(cal, day, n);
	if (!qms_calendar_is_working_day(cal, e) || e < day)
		abort();
	if (n > 0 && qms_calendar_count_working_days(cal, day, e) != n)
		abort();
	int32_t c = qms_calendar_civil_end(cal, day, n);
	if (c < day + n || !qms_calendar_is_working_day(cal, c))
		abort();
}

/* A duration as a limit: printed back, compared with the one before. */
static void check_duration(const struct qms_duration *d, struct qms_span *prev, bool *has_prev)
{
	struct qms_buf b;
	qms_buf_init(&b);
	qms_duration_format(&b, d->amount, d->unit, QMS_LANG_VI);
	qms_duration_format(&b, d->amount, d->unit, QMS_LANG_EN);
	if (!b.len)
		abort();
	qms_buf_release(&b);
	struct qms_span s;
	qms_span_of(&s, d, 8);
	if (s.hours < 0 || s.days < 0 || qms_span_length(&s, true, 8) < 0)
		abort();
	if (*has_prev) {
		struct qms_overrun_result r;
		qms_span_overrun(&r, calendar(), NULL, prev, &s);
		if (r.kind != QMS_OVERRUN_NONE && !r.by_amount && r.end_a <= r.end_b)
			abort(); /* "ends later" names days where it does */
	}
	*prev = s;
	*has_prev = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = qms_xstrndup((const char *)data, size);
	char *save = NULL;
	const char *prev = "";
	struct qms_span prev_span;
	bool has_span = false;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int32_t day = qms_date_parse(line);
		if (day >= 0) {
			char back[11];
			qms_date_format(back, day);
			if (strcmp(back, line))
				abort(); /* a valid date prints back as written */
			check_day(day, (long)(day % 61));
		}
		struct qms_duration d;
		if (qms_duration_parse(&d, line) == 0) {
			if (!(d.amount > 0))
				abort();
			check_duration(&d, &prev_span, &has_span);
		}
		int minutes;
		if (qms_clock_parse(&minutes, line) == 0 && (minutes < 0 || minutes >= 24 * 60))
			abort();
		if (qms_duration_parse(&d, line) == 0) {
			/* a sum of a million such durations prints as a positive
			 * number (issue 17: it printed negative past 2^63) */
			struct qms_buf b;
			qms_buf_init(&b);
			qms_buf_add_number(&b, d.amount * 24 * 1e6);
			if (b.buf[0] < '0' || b.buf[0] > '9')
				abort();
			qms_buf_release(&b);
		}
		double v;
		if (qms_percent_parse(&v, line) == 0 && (v < 0 || v > 100))
			abort();
		qms_number_parse(&v, line);
		qms_clause_valid(line);
		qms_id_valid(line);
		size_t dist = qms_edit_distance(line, prev, 3);
		if (dist > 4)
			abort();
		prev = line;
	}
	free(text);
	return 0;
}

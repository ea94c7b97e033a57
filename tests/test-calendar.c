/* The working-day calendar at its edges: limits ending on a holiday, a
 * make-up Saturday, days off across a year end, leap years, the calendar
 * files of the example workspace, and a brute-force cross-check of the
 * closed-form counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "calendar.h"
#include "values.h"

static int32_t D(const char *s)
{
	int32_t d = qms_date_parse(s);
	assert_true(d >= 0);
	return d;
}

static void assert_day(int32_t got, const char *want)
{
	char s[11];
	qms_date_format(s, got);
	assert_string_equal(s, want);
}

/* The 2020 days off of Viet Nam (calendar/2020.yaml). */
static void viet_nam_2020(struct qms_calendar *cal, struct qms_arena *arena)
{
	static const char *const off[] = {"2020-01-01", "2020-01-23", "2020-01-24", "2020-01-25",
					  "2020-01-26", "2020-01-27", "2020-01-28", "2020-01-29",
					  "2020-04-02", "2020-04-30", "2020-05-01", "2020-09-02"};
	int32_t days[QMS_ARRAY_LEN(off)];
	for (size_t i = 0; i < QMS_ARRAY_LEN(off); i++)
		days[i] = D(off[i]);
	qms_calendar_init(cal, 8);
	qms_calendar_set(cal, arena, days, QMS_ARRAY_LEN(days), NULL, 0, NULL, 0);
}

static void test_weekends_only(void **state)
{
	(void)state;
	struct qms_calendar cal;
	qms_calendar_init(&cal, 0);
	assert_true(cal.workday_hours == 8);
	assert_true(qms_calendar_is_working_day(&cal, D("2020-06-15"))); /* Monday */
	assert_false(qms_calendar_is_working_day(&cal, D("2020-06-13"))); /* Saturday */
	assert_false(qms_calendar_is_working_day(&cal, D("2020-06-14"))); /* Sunday */
	/* vn-procedures.md: 12 working days from a Monday end on Wednesday of
	 * week 3 (day 16); 15 calendar days end on Tuesday of week 3 (day 15) */
	assert_day(qms_calendar_add_working_days(&cal, D("2020-06-15"), 12), "2020-07-01");
	assert_day(qms_calendar_civil_end(&cal, D("2020-06-15"), 15), "2020-06-30");
	assert_int_equal(qms_calendar_count_working_days(&cal, D("2020-06-15"), D("2020-07-01")), 12);
	assert_int_equal(qms_calendar_count_working_days(&cal, D("2020-06-15"), D("2020-06-15")), 0);
	assert_int_equal(qms_calendar_count_working_days(&cal, D("2020-06-16"), D("2020-06-15")), 0);
	/* received on a Friday: the first working day after it is Monday */
	assert_day(qms_calendar_add_working_days(&cal, D("2020-06-19"), 1), "2020-06-22");
	/* n = 0: the day itself when it is a working day, else the next one */
	assert_day(qms_calendar_add_working_days(&cal, D("2020-06-19"), 0), "2020-06-19");
	assert_day(qms_calendar_add_working_days(&cal, D("2020-06-20"), 0), "2020-06-22");
	assert_day(qms_calendar_add_working_days(&cal, D("2020-06-19"), -3), "2020-06-19");
	/* received on a Saturday (online): counted from the Monday */
	assert_day(qms_calendar_add_working_days(&cal, D("2020-06-20"), 1), "2020-06-22");
	assert_day(qms_calendar_next_working_day(&cal, D("2020-06-20")), "2020-06-22");
	assert_false(qms_calendar_declares_year(&cal, 2020));
}

static void test_limit_ends_on_holiday(void **state)
{
	(void)state;
	struct qms_arena arena = {0};
	struct qms_calendar cal;
	viet_nam_2020(&cal, &arena);
	assert_true(qms_calendar_declares_year(&cal, 2020));
	assert_false(qms_calendar_declares_year(&cal, 2021));
	assert_false(qms_calendar_is_working_day(&cal, D("2020-04-30")));
	/* 10 calendar days from Monday 20/4 end Thursday 30/4, a holiday;
	 * Friday 1/5 is one too, then a weekend: the limit ends Monday 4/5 */
	assert_day(qms_calendar_civil_end(&cal, D("2020-04-20"), 10), "2020-05-04");
	/* a limit whose last day is a Sunday ends on the Monday */
	assert_day(qms_calendar_civil_end(&cal, D("2020-06-01"), 6), "2020-06-08");
	/* and one that ends on a working day ends that day */
	assert_day(qms_calendar_civil_end(&cal, D("2020-06-01"), 3), "2020-06-04");
	/* 5 working days from Monday 27/4: Tue 28, Wed 29, (30/4, 1/5, weekend
	 * off) Mon 4, Tue 5, Wed 6 */
	assert_day(qms_calendar_add_working_days(&cal, D("2020-04-27"), 5), "2020-05-06");
	assert_int_equal(qms_calendar_count_working_days(&cal, D("2020-04-27"), D("2020-05-06")), 5);
	/* across Tết 2020 (23-29/01): 3 working days from Wednesday 22/01 */
	assert_day(qms_calendar_add_working_days(&cal, D("2020-01-22"), 3), "2020-02-03");
	/* received during Tết: the next working day is Thursday 30/01 */
	assert_day(qms_calendar_next_working_day(&cal, D("2020-01-25")), "2020-01-30");
	/* 15 calendar days from 10/01 end on Saturday 25/01 in Tết: the limit
	 * ends at the end of the next working day, Thursday 30/01 */
	assert_day(qms_calendar_civil_end(&cal, D("2020-01-10"), 15), "2020-01-30");
	qms_arena_release(&arena);
}

static void test_make_up_saturday(void **state)
{
	(void)state;
	struct qms_arena arena = {0};
	struct qms_calendar cal;
	qms_calendar_init(&cal, 8);
	/* a made-up year: Monday 29/4/2019 off, Saturday 4/5/2019 worked */
	int32_t off[] = {D("2019-04-29"), D("2019-04-30"), D("2019-05-01")};
	int32_t on[] = {D("2019-05-04")};
	qms_calendar_set(&cal, &arena, off, 3, on, 1, NULL, 0);
	assert_true(qms_calendar_is_working_day(&cal, D("2019-05-04")));
	assert_false(qms_calendar_is_working_day(&cal, D("2019-05-05")));
	assert_false(qms_calendar_is_working_day(&cal, D("2019-04-29")));
	/* from Friday 26/4: Thu 2/5, Fri 3/5, Sat 4/5 (worked), Mon 6/5 */
	assert_day(qms_calendar_add_working_days(&cal, D("2019-04-26"), 3), "2019-05-04");
	assert_day(qms_calendar_add_working_days(&cal, D("2019-04-26"), 4), "2019-05-06");
	assert_int_equal(qms_calendar_count_working_days(&cal, D("2019-04-26"), D("2019-05-06")), 4);
	/* a calendar-day limit may end on the make-up Saturday */
	assert_day(qms_calendar_civil_end(&cal, D("2019-04-24"), 10), "2019-05-04");
	assert_day(qms_calendar_next_working_day(&cal, D("2019-04-27")), "2019-05-02");
	qms_arena_release(&arena);
}

static void test_declared_both_and_ignored(void **state)
{
	(void)state;
	struct qms_arena arena = {0};
	struct qms_calendar cal;
	qms_calendar_init(&cal, 7.5);
	/* Saturday 4/5/2019 in both lists: a day off. A holiday on a Sunday
	 * and a make-up Wednesday change nothing. Duplicates are fine. */
	int32_t off[] = {D("2019-05-04"), D("2019-05-05"), D("2019-05-05")};
	int32_t on[] = {D("2019-05-04"), D("2019-05-08"), D("2019-05-11"), D("2019-05-11")};
	int years[] = {2018};
	qms_calendar_set(&cal, &arena, off, 3, on, 4, years, 1);
	assert_true(cal.workday_hours == 7.5);
	assert_false(qms_calendar_is_working_day(&cal, D("2019-05-04")));
	assert_true(qms_calendar_is_working_day(&cal, D("2019-05-08")));
	assert_true(qms_calendar_is_working_day(&cal, D("2019-05-11")));
	assert_int_equal(cal.ndays_off, 0);
	assert_int_equal(cal.nmake_up, 1);
	assert_true(qms_calendar_declares_year(&cal, 2018));
	assert_true(qms_calendar_declares_year(&cal, 2019));
	assert_int_equal(cal.nyears, 2);
	qms_arena_release(&arena);
}

static void test_year_end(void **state)
{
	(void)state;
	struct qms_arena arena = {0};
	struct qms_calendar cal;
	qms_calendar_init(&cal, 8);
	/* days off across a year end (a made-up Tết from Thursday 31/12/2026
	 * to Tuesday 5/01/2027) and a make-up Saturday 9/01/2027 */
	int32_t off[6];
	for (int i = 0; i < 6; i++)
		off[i] = D("2026-12-31") + i;
	int32_t on[] = {D("2027-01-09")};
	qms_calendar_set(&cal, &arena, off, 6, on, 1, NULL, 0);
	assert_true(qms_calendar_declares_year(&cal, 2026));
	assert_true(qms_calendar_declares_year(&cal, 2027));
	/* from Wednesday 30/12: Wed 6/01, Thu 7, Fri 8, Sat 9 (worked), Mon 11 */
	assert_day(qms_calendar_add_working_days(&cal, D("2026-12-30"), 1), "2027-01-06");
	assert_day(qms_calendar_add_working_days(&cal, D("2026-12-30"), 4), "2027-01-09");
	assert_day(qms_calendar_add_working_days(&cal, D("2026-12-30"), 5), "2027-01-11");
	assert_int_equal(qms_calendar_count_working_days(&cal, D("2026-12-25"), D("2027-01-11")), 8);
	/* 3 calendar days from 29/12 end on 1/01, off: next working day 6/01 */
	assert_day(qms_calendar_civil_end(&cal, D("2026-12-29"), 3), "2027-01-06");
	qms_arena_release(&arena);
}

static void test_leap_years(void **state)
{
	(void)state;
	struct qms_calendar cal;
	qms_calendar_init(&cal, 8);
	/* 29/02/2020 was a Saturday: 10 days from 19/02 end on it, so on
	 * Monday 2/03 */
	assert_day(qms_calendar_civil_end(&cal, D("2020-02-19"), 10), "2020-03-02");
	assert_day(qms_calendar_civil_end(&cal, D("2020-02-20"), 10), "2020-03-02");
	assert_day(qms_calendar_civil_end(&cal, D("2020-02-21"), 10), "2020-03-02");
	/* 2024: 29/02 a Thursday, a working day */
	assert_true(qms_calendar_is_working_day(&cal, D("2024-02-29")));
	assert_day(qms_calendar_add_working_days(&cal, D("2024-02-27"), 2), "2024-02-29");
	assert_day(qms_calendar_add_working_days(&cal, D("2024-02-27"), 3), "2024-03-01");
	/* 2100 is no leap year: 1 day from Saturday 27/02/2100 ends on Sunday
	 * 28/02, so on Monday 1/03 */
	assert_day(qms_calendar_civil_end(&cal, D("2100-02-27"), 1), "2100-03-01");
	/* across 29/02/2000, a leap day (the year 2000 is one) */
	assert_int_equal(qms_calendar_count_working_days(&cal, D("2000-02-25"), D("2000-03-03")), 5);
}

static void test_large_and_far(void **state)
{
	(void)state;
	struct qms_calendar cal;
	qms_calendar_init(&cal, 8);
	/* a year of working days without days off: 52 weeks and one day */
	int32_t d = qms_calendar_add_working_days(&cal, D("2021-01-01"), 261);
	assert_day(d, "2022-01-03");
	assert_int_equal(qms_calendar_count_working_days(&cal, D("2021-01-01"), d), 261);
	/* huge counts are cut, never overflow */
	int32_t far = qms_calendar_add_working_days(&cal, D("2021-01-01"), 1L << 40);
	assert_true(far > D("9000-01-01"));
	assert_true(qms_calendar_civil_end(&cal, INT32_MAX, 1L << 40) > 0);
	assert_true(qms_calendar_count_working_days(&cal, INT32_MIN, INT32_MAX) > 0);
	/* before 1970 too */
	assert_true(qms_calendar_is_working_day(&cal, -1)); /* 1969-12-31, a Wednesday */
	assert_int_equal(qms_calendar_count_working_days(&cal, -10, 0), 8); /* 23/12/1969 to 1/01/1970 */
}

/* A calendar with a day off every week and a make-up Saturday every
 * three weeks, from 2019-12-01 (returned) for some 400 days. */
static int32_t weekly_calendar(struct qms_calendar *cal, struct qms_arena *arena)
{
	int32_t base = D("2019-12-01");
	int32_t off[40], on[10];
	size_t noff = 0, non = 0;
	for (int32_t i = 0; i < 400; i += 7) {
		if (noff < 40)
			off[noff++] = base + i + (i % 5);
		if (non < 10 && i % 3 == 0)
			on[non++] = base + i + (5 - qms_date_weekday(base + i) + 7) % 7; /* a Saturday */
	}
	qms_calendar_init(cal, 8);
	qms_calendar_set(cal, arena, off, noff, on, non, NULL, 0);
	return base;
}

/* The closed form against a day-by-day count, on a calendar with days off
 * and make-up days everywhere. */
static void test_against_brute_force(void **state)
{
	(void)state;
	struct qms_arena arena = {0};
	struct qms_calendar cal;
	int32_t base = weekly_calendar(&cal, &arena);
	for (int32_t from = base - 10; from < base + 300; from += 3) {
		long count = 0;
		for (int32_t to = from + 1; to < from + 90; to++) {
			count += qms_calendar_is_working_day(&cal, to);
			assert_int_equal(qms_calendar_count_working_days(&cal, from, to), count);
			if (qms_calendar_is_working_day(&cal, to) && count > 0)
				assert_int_equal(qms_calendar_add_working_days(&cal, from, count), to);
		}
	}
	qms_arena_release(&arena);
}

/* The tables of a filled calendar against its lists (a copy without
 * tables answers from the lists), on every day around the tables' range:
 * the lookups may only be faster, never different. */
static void assert_tables_agree(const struct qms_calendar *cal)
{
	static const long counts[] = {0, 1, 2, 5, 12, 20, 29, 60, 120, 300, 800, 5000};
	struct qms_calendar lists = *cal;
	lists.table_len = 0;
	assert_true(cal->table_len > 366);
	for (int32_t d = cal->table_from - 60; d < cal->table_from + (int32_t)cal->table_len + 60; d++) {
		assert_int_equal(qms_calendar_is_working_day(cal, d), qms_calendar_is_working_day(&lists, d));
		assert_int_equal(qms_calendar_next_working_day(cal, d), qms_calendar_next_working_day(&lists, d));
		for (size_t k = 0; k < QMS_ARRAY_LEN(counts); k++) {
			long n = counts[k];
			assert_int_equal(qms_calendar_add_working_days(cal, d, n),
					 qms_calendar_add_working_days(&lists, d, n));
			assert_int_equal(qms_calendar_civil_end(cal, d, n), qms_calendar_civil_end(&lists, d, n));
			assert_int_equal(qms_calendar_count_working_days(cal, d, d + (int32_t)n),
					 qms_calendar_count_working_days(&lists, d, d + (int32_t)n));
		}
	}
}

static void test_tables(void **state)
{
	(void)state;
	struct qms_arena arena = {0};
	struct qms_calendar cal;
	struct qms_diags diags;
	qms_diags_init(&diags);
	qms_calendar_load(&cal, &arena, QMS_SOURCE_ROOT, NULL, &diags);
	assert_tables_agree(&cal);
	viet_nam_2020(&cal, &arena);
	assert_tables_agree(&cal);
	weekly_calendar(&cal, &arena);
	assert_tables_agree(&cal);
	/* no declared year: no tables, the lists answer */
	qms_calendar_init(&cal, 8);
	qms_calendar_set(&cal, &arena, NULL, 0, NULL, 0, NULL, 0);
	assert_int_equal(cal.table_len, 0);
	qms_diags_release(&diags);
	qms_arena_release(&arena);
}

static void test_example_workspace(void **state)
{
	(void)state;
	struct qms_arena arena = {0};
	struct qms_calendar cal;
	struct qms_diags diags;
	qms_diags_init(&diags);
	qms_calendar_load(&cal, &arena, QMS_SOURCE_ROOT, NULL, &diags);
	assert_int_equal(diags.len, 0);
	assert_true(qms_calendar_declares_year(&cal, 2020));
	assert_true(qms_calendar_declares_year(&cal, 2021));
	/* Tết 2021: 10-16/02; 1/05/2021 a Saturday, off on Monday 3/05 */
	assert_false(qms_calendar_is_working_day(&cal, D("2021-02-10")));
	assert_false(qms_calendar_is_working_day(&cal, D("2021-02-16")));
	assert_true(qms_calendar_is_working_day(&cal, D("2021-02-17")));
	assert_false(qms_calendar_is_working_day(&cal, D("2021-05-03")));
	assert_false(qms_calendar_is_working_day(&cal, D("2021-09-03")));
	assert_false(qms_calendar_is_working_day(&cal, D("2020-01-23")));
	/* 2020 has 366 days, 262 weekdays and 10 weekdays off */
	assert_int_equal(qms_calendar_count_working_days(&cal, D("2019-12-31"), D("2020-12-31")), 252);
	/* across the year end: 31/12/2020 (Thursday) + 1 working day is
	 * Monday 4/01/2021 (1/01 off, then a weekend) */
	assert_day(qms_calendar_add_working_days(&cal, D("2020-12-31"), 1), "2021-01-04");
	qms_diags_release(&diags);
	qms_arena_release(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekends_only),     cmocka_unit_test(test_limit_ends_on_holiday),
		cmocka_unit_test(test_make_up_saturday),  cmocka_unit_test(test_declared_both_and_ignored),
		cmocka_unit_test(test_year_end),          cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_large_and_far),     cmocka_unit_test(test_against_brute_force),
		cmocka_unit_test(test_example_workspace), cmocka_unit_test(test_tables),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

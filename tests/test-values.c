/* Value parsers: dates, durations, percentages, clause numbers, ids, and
 * the helpers behind messages (numbers, suggestions). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "util.h"
#include "tthc.h"
#include "values.h"

static void test_dates(void **state)
{
	(void)state;
	assert_int_equal(qms_date_parse("1970-01-01"), 0);
	assert_int_equal(qms_date_parse("2020-09-30"), 18535);
	assert_int_equal(qms_date_parse("2020-02-29"), 18321);
	assert_int_equal(qms_date_parse("2020-02-30"), -1);
	assert_int_equal(qms_date_parse("2019-02-29"), -1);
	assert_int_equal(qms_date_parse("2000-02-29"), 11016);
	assert_int_equal(qms_date_parse("1900-02-29"), -1);
	assert_int_equal(qms_date_parse("2020-13-01"), -1);
	assert_int_equal(qms_date_parse("2020-04-31"), -1);
	assert_int_equal(qms_date_parse("2020-4-30"), -1);
	assert_int_equal(qms_date_parse("30/04/2020"), -1);
	assert_int_equal(qms_date_parse("2020-04-30 "), -1);
	char out[11];
	qms_date_format(out, 18535);
	assert_string_equal(out, "2020-09-30");
	qms_date_format(out, qms_date_parse("2024-12-31"));
	assert_string_equal(out, "2024-12-31");
	/* 2020-09-30 was a Wednesday (0 = Monday) */
	assert_int_equal(qms_date_weekday(18535), 2);
}

static void assert_duration(const char *text, double amount, enum qms_duration_unit unit)
{
	struct qms_duration d;
	assert_int_equal(qms_duration_parse(&d, text), 0);
	assert_true(d.amount > amount - 1e-9 && d.amount < amount + 1e-9);
	assert_int_equal(d.unit, unit);
}

static void test_durations(void **state)
{
	(void)state;
	assert_duration("4 hours", 4, QMS_UNIT_HOURS);
	assert_duration("1 hour", 1, QMS_UNIT_HOURS);
	assert_duration("0.5 h", 0.5, QMS_UNIT_HOURS);
	assert_duration("0,5 giờ làm việc", 0.5, QMS_UNIT_WORKING_HOURS);
	assert_duration("2 working hours", 2, QMS_UNIT_WORKING_HOURS);
	assert_duration("2 giờ", 2, QMS_UNIT_HOURS);
	assert_duration("2 working days", 2, QMS_UNIT_WORKING_DAYS);
	assert_duration("1 working day", 1, QMS_UNIT_WORKING_DAYS);
	assert_duration("3 wd", 3, QMS_UNIT_WORKING_DAYS);
	assert_duration("3 ngày làm việc", 3, QMS_UNIT_WORKING_DAYS);
	assert_duration("2 Working Days", 2, QMS_UNIT_WORKING_DAYS);
	/* the law's "ngày" is a calendar day */
	assert_duration("1,5 ngày", 1.5, QMS_UNIT_CALENDAR_DAYS);
	assert_duration("15 Ngày", 15, QMS_UNIT_CALENDAR_DAYS);
	assert_duration("10 days", 10, QMS_UNIT_CALENDAR_DAYS);
	assert_duration("10 calendar days", 10, QMS_UNIT_CALENDAR_DAYS);
	assert_duration("1d", 1, QMS_UNIT_CALENDAR_DAYS);
	assert_duration("15 phút", 15, QMS_UNIT_MINUTES);
	assert_duration("15 minutes", 15, QMS_UNIT_MINUTES);
	assert_duration("1 minute", 1, QMS_UNIT_MINUTES);
	assert_duration("30 min", 30, QMS_UNIT_MINUTES);
	assert_duration("trong ngày", 1, QMS_UNIT_SAME_DAY);
	assert_duration(" ngay trong ngày ", 1, QMS_UNIT_SAME_DAY);
	assert_duration("trong ngày làm việc", 1, QMS_UNIT_SAME_DAY);
	assert_duration("Same Day", 1, QMS_UNIT_SAME_DAY);
	assert_duration("same working day", 1, QMS_UNIT_SAME_DAY);
	struct qms_duration d;
	assert_int_equal(qms_duration_parse(&d, "4"), -1);
	assert_int_equal(qms_duration_parse(&d, "hours"), -1);
	assert_int_equal(qms_duration_parse(&d, "4 weeks"), -1);
	assert_int_equal(qms_duration_parse(&d, "0 hours"), -1);
	assert_int_equal(qms_duration_parse(&d, "-1 hours"), -1);
	assert_int_equal(qms_duration_parse(&d, "1.5.2 hours"), -1);
	assert_int_equal(qms_duration_parse(&d, "4 hourss"), -1);
	assert_int_equal(qms_duration_parse(&d, "1e3 hours"), -1);
	assert_int_equal(qms_duration_parse(&d, "2 trong ngày"), -1);
	assert_int_equal(qms_duration_parse(&d, "trong"), -1);
	assert_int_equal(qms_duration_parse(&d, "0 phút"), -1);
	assert_int_equal(qms_duration_parse(&d, ""), -1);
	/* working time */
	d.amount = 1.5;
	d.unit = QMS_UNIT_WORKING_DAYS;
	assert_true(qms_duration_working_hours(&d, 8) == 12);
	assert_false(qms_duration_is_calendar(&d));
	d.unit = QMS_UNIT_MINUTES;
	d.amount = 90;
	assert_true(qms_duration_working_hours(&d, 8) == 1.5);
	d.unit = QMS_UNIT_SAME_DAY;
	assert_true(qms_duration_working_hours(&d, 7.5) == 7.5);
	d.unit = QMS_UNIT_CALENDAR_DAYS;
	assert_true(qms_duration_is_calendar(&d));
	assert_true(qms_duration_working_hours(&d, 8) == 0);
}

static void test_clock(void **state)
{
	(void)state;
	int m = -1;
	assert_int_equal(qms_clock_parse(&m, "15:00"), 0);
	assert_int_equal(m, 900);
	assert_int_equal(qms_clock_parse(&m, " 7:30 "), 0);
	assert_int_equal(m, 450);
	assert_int_equal(qms_clock_parse(&m, "15h"), 0);
	assert_int_equal(m, 900);
	assert_int_equal(qms_clock_parse(&m, "16 giờ"), 0);
	assert_int_equal(m, 960);
	assert_int_equal(qms_clock_parse(&m, "0:00"), 0);
	assert_int_equal(m, 0);
	assert_int_equal(qms_clock_parse(&m, "23:59"), 0);
	assert_int_equal(m, 1439);
	assert_int_equal(qms_clock_parse(&m, "24:00"), -1);
	assert_int_equal(qms_clock_parse(&m, "15:60"), -1);
	assert_int_equal(qms_clock_parse(&m, "15:5"), -1);
	assert_int_equal(qms_clock_parse(&m, "150:00"), -1);
	assert_int_equal(qms_clock_parse(&m, "15"), -1);
	assert_int_equal(qms_clock_parse(&m, ":15"), -1);
	assert_int_equal(qms_clock_parse(&m, "15:00 pm"), -1);
	assert_int_equal(qms_clock_parse(&m, ""), -1);
}

static void test_percent_and_numbers(void **state)
{
	(void)state;
	double v;
	assert_int_equal(qms_percent_parse(&v, "40%"), 0);
	assert_true(v == 40);
	assert_int_equal(qms_percent_parse(&v, "37,5 %"), 0);
	assert_true(v == 37.5);
	assert_int_equal(qms_percent_parse(&v, "40"), -1);
	assert_int_equal(qms_percent_parse(&v, "140%"), -1);
	assert_int_equal(qms_percent_parse(&v, "forty%"), -1);
	assert_int_equal(qms_number_parse(&v, "7,5"), 0);
	assert_true(v == 7.5);
	assert_int_equal(qms_number_parse(&v, "8 hours"), -1);
}

static void test_clauses(void **state)
{
	(void)state;
	static const char *const good[] = {"4", "4.4.1", "7.1.5.1", "10.2.2", "8.5.6", "1.2"};
	static const char *const bad[] = {"",          "0",    "11",  "4.",  ".4",      "4..1",
					  "7.1.5.1.1", "04.1", "8.0", "8.a", "8.5.100", "8,5"};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(qms_clause_valid(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(qms_clause_valid(bad[i]));
}

static void test_ids(void **state)
{
	(void)state;
	assert_true(qms_id_valid("STP-QT-01"));
	assert_true(qms_id_valid("tiep_nhan.2"));
	assert_false(qms_id_valid(""));
	assert_false(qms_id_valid("tiếp-nhận"));
	assert_false(qms_id_valid("a b"));
	assert_false(qms_id_valid("../x"));
}

static void test_number_format(void **state)
{
	(void)state;
	static const struct {
		double v;
		const char *s;
	} cases[] = {{7.5, "7.5"}, {6, "6"}, {0.25, "0.25"}, {1.0 / 3, "0.33"}, {40, "40"}, {2.999, "3"}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct qms_buf b;
		qms_buf_init(&b);
		qms_buf_add_number(&b, cases[i].v);
		assert_string_equal(b.buf, cases[i].s);
		qms_buf_release(&b);
	}
}

/* Issue 17, finding 14: sums of huge durations printed a negative number
 * (a double converted to an integer out of range). */
static void test_number_format_any_double(void **state)
{
	(void)state;
	static const struct {
		double v;
		const char *s;
	} cases[] = {{8e17, "800000000000000000"},
		     {-8e17, "-800000000000000000"},
		     {9.2233720368547758e16, "92233720368547760"},
		     {8.99e15, "8990000000000000"},
		     {-1.5, "-1.5"},
		     {0.0 / 0.0, "?"}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct qms_buf b;
		qms_buf_init(&b);
		qms_buf_add_number(&b, cases[i].v);
		assert_string_equal(b.buf, cases[i].s);
		qms_buf_release(&b);
	}
}

static void test_duration_limit(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		bool ok;
	} cases[] = {{"3660 days", true}, {"3660.000001 days", false},  {"87840 hours", true},
		     {"87841 h", false},  {"999999999999 days", false}, {"0.000001 h", true}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct qms_duration d;
		assert_int_equal(qms_duration_parse(&d, cases[i].text), 0);
		assert_int_equal(qms_duration_within_limit(&d), cases[i].ok);
	}
}

static void test_suggestions(void **state)
{
	(void)state;
	static const char *const keys[] = {"code", "title", "agency", "steps", "time_limit"};
	assert_string_equal(qms_closest("tittle", keys, 5), "title");
	assert_string_equal(qms_closest("step", keys, 5), "steps");
	assert_string_equal(qms_closest("time-limit", keys, 5), "time_limit");
	assert_null(qms_closest("purpose", keys, 5));
	assert_int_equal(qms_edit_distance("ngày", "ngay", 5), 1);
	assert_int_equal(qms_edit_distance("abc", "xyz", 1), 2);
	assert_int_equal(qms_edit_distance("A-20", "A-02", 3), 1);
	assert_int_equal(qms_edit_distance("kitten", "sitting", 5), 3);
}

static void test_tthc_codes(void **state)
{
	(void)state;
	assert_true(qms_tthc_code_valid("1.001193"));
	assert_true(qms_tthc_code_valid("2.001417"));
	assert_true(qms_tthc_code_valid("1.004227.000.00.00"));
	assert_false(qms_tthc_code_valid("1001193")); /* one group */
	assert_false(qms_tthc_code_valid("1-001193"));
	assert_false(qms_tthc_code_valid("1..001193"));
	assert_false(qms_tthc_code_valid("1.001193."));
	assert_false(qms_tthc_code_valid(".001193"));
	assert_false(qms_tthc_code_valid("1.00119 3"));
	assert_false(qms_tthc_code_valid(""));
}

static void assert_amount(const char *text, long long want)
{
	long long got = -1;
	assert_int_equal(qms_amount_parse(&got, text), 0);
	assert_true(got == want);
}

static void test_amounts(void **state)
{
	(void)state;
	assert_amount("50.000 đồng", 50000);
	assert_amount("1.000.000 đồng/hồ sơ", 1000000);
	assert_amount("200.000 đồng/lần/người", 200000);
	assert_amount("100000 đồng", 100000);
	assert_amount("50.000đ", 50000);
	assert_amount("15000 VND", 15000);
	assert_amount("0 đồng", 0);
	long long v;
	assert_int_equal(qms_amount_parse(&v, "50 nghìn đồng"), -1);
	assert_int_equal(qms_amount_parse(&v, "50.00 đồng"), -1); /* groups of three */
	assert_int_equal(qms_amount_parse(&v, "5.0000 đồng"), -1);
	assert_int_equal(qms_amount_parse(&v, "50.000"), -1); /* no unit */
	assert_int_equal(qms_amount_parse(&v, "50.000 đồng/"), -1); /* per nothing */
	assert_int_equal(qms_amount_parse(&v, "đồng"), -1);
	assert_int_equal(qms_amount_parse(&v, "99999999999999999999 đồng"), -1);
}

static void test_strmap(void **state)
{
	(void)state;
	struct qms_strmap m = {0};
	char keys[1000][8];
	for (int i = 0; i < 1000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%d", i);
		assert_int_equal(qms_strmap_put(&m, keys[i], (size_t)i), SIZE_MAX);
	}
	assert_int_equal(qms_strmap_put(&m, "k7", 99), 7);
	assert_int_equal(qms_strmap_get(&m, "k999"), 999);
	assert_int_equal(qms_strmap_get(&m, "k1000"), SIZE_MAX);
	qms_strmap_release(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),          cmocka_unit_test(test_tthc_codes),
		cmocka_unit_test(test_amounts),        cmocka_unit_test(test_durations),
		cmocka_unit_test(test_clock),          cmocka_unit_test(test_percent_and_numbers),
		cmocka_unit_test(test_clauses),        cmocka_unit_test(test_ids),
		cmocka_unit_test(test_number_format),  cmocka_unit_test(test_number_format_any_double),
		cmocka_unit_test(test_duration_limit), cmocka_unit_test(test_suggestions),
		cmocka_unit_test(test_strmap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

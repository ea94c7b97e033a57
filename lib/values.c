#include "values.h"

#include <string.h>

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Days from civil, after Howard Hinnant's algorithm. */
static int32_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int32_t qms_date_parse(const char *t)
{
	if (strlen(t) != 10 || t[4] != '-' || t[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(t[i]))
			return -1;
	int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
	int m = (t[5] - '0') * 10 + (t[6] - '0');
	int d = (t[8] - '0') * 10 + (t[9] - '0');
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	return days_from_civil(y, m, d);
}

void qms_date_format(char out[11], int32_t z)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = yoe + era * 400;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

int32_t qms_date_jan1(int year)
{
	return year < 1970 || year > 9999 ? -1 : days_from_civil(year, 1, 1);
}

int qms_date_year(int32_t days)
{
	char s[11];
	qms_date_format(s, days);
	return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

int qms_date_weekday(int32_t days)
{
	/* 1970-01-01 was a Thursday */
	int w = (int)((days % 7 + 7 + 3) % 7);
	return w;
}

/* Parse a decimal number at *p (`.` or `,` as the decimal mark), moving *p
 * past it. Locale-free on purpose. */
static int parse_decimal(double *out, const char **p)
{
	const char *s = *p;
	double v = 0;
	int digits = 0;
	while (is_digit(*s)) {
		if (digits < 12)
			v = v * 10 + (*s - '0');
		else
			return -1;
		digits++;
		s++;
	}
	if (!digits)
		return -1;
	if ((*s == '.' || *s == ',') && is_digit(s[1])) {
		s++;
		double scale = 0.1;
		int frac = 0;
		while (is_digit(*s)) {
			if (++frac > 6)
				return -1;
			v += (*s - '0') * scale;
			scale /= 10;
			s++;
		}
	}
	*out = v;
	*p = s;
	return 0;
}

static int strncasecmp_ascii(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char ca = a[i], cb = b[i];
		if (ca >= 'A' && ca <= 'Z')
			ca = (char)(ca - 'A' + 'a');
		if (cb >= 'A' && cb <= 'Z')
			cb = (char)(cb - 'A' + 'a');
		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (!ca)
			return 0;
	}
	return 0;
}

static const char *skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int qms_number_parse(double *out, const char *text)
{
	const char *p = skip_spaces(text);
	if (parse_decimal(out, &p) < 0)
		return -1;
	return *skip_spaces(p) ? -1 : 0;
}

/* A unit or a same-day name as it is written, with its length. */
struct unit_name {
	const char *name;
	size_t len;
	enum qms_duration_unit unit;
};

#define UNIT(s, u)                                                                                                     \
	{                                                                                                              \
		s, sizeof(s) - 1, u                                                                                    \
	}

static const struct unit_name duration_units[] = {
	UNIT("working days", QMS_UNIT_WORKING_DAYS),
	UNIT("working day", QMS_UNIT_WORKING_DAYS),
	UNIT("wd", QMS_UNIT_WORKING_DAYS),
	UNIT("ngày làm việc", QMS_UNIT_WORKING_DAYS),
	UNIT("calendar days", QMS_UNIT_CALENDAR_DAYS),
	UNIT("calendar day", QMS_UNIT_CALENDAR_DAYS),
	UNIT("days", QMS_UNIT_CALENDAR_DAYS),
	UNIT("day", QMS_UNIT_CALENDAR_DAYS),
	UNIT("d", QMS_UNIT_CALENDAR_DAYS),
	UNIT("ngày", QMS_UNIT_CALENDAR_DAYS),
	UNIT("working hours", QMS_UNIT_WORKING_HOURS),
	UNIT("working hour", QMS_UNIT_WORKING_HOURS),
	UNIT("giờ làm việc", QMS_UNIT_WORKING_HOURS),
	UNIT("hours", QMS_UNIT_HOURS),
	UNIT("hour", QMS_UNIT_HOURS),
	UNIT("h", QMS_UNIT_HOURS),
	UNIT("giờ", QMS_UNIT_HOURS),
	UNIT("minutes", QMS_UNIT_MINUTES),
	UNIT("minute", QMS_UNIT_MINUTES),
	UNIT("min", QMS_UNIT_MINUTES),
	UNIT("phút", QMS_UNIT_MINUTES),
};

/* Same-day limits are written without a number. */
static const struct unit_name same_day_names[] = {
	UNIT("trong ngày", QMS_UNIT_SAME_DAY),          UNIT("ngay trong ngày", QMS_UNIT_SAME_DAY),
	UNIT("trong ngày làm việc", QMS_UNIT_SAME_DAY), UNIT("same day", QMS_UNIT_SAME_DAY),
	UNIT("same working day", QMS_UNIT_SAME_DAY),
};

/* Whether p[0..len) is `name`, ASCII letters in any case. */
static bool word_is(const char *p, size_t len, const char *name)
{
	return strlen(name) == len && !strncasecmp_ascii(p, name, len);
}

/* The entry of names[0..n) that p[0..len) is, ASCII letters in any case,
 * or NULL. */
static const struct unit_name *unit_named(const struct unit_name *names, size_t n, const char *p, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (names[i].len == len && !strncasecmp_ascii(p, names[i].name, len))
			return &names[i];
	return NULL;
}

static size_t trimmed_len(const char *p)
{
	size_t len = strlen(p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	return len;
}

int qms_duration_parse(struct qms_duration *out, const char *text)
{
	const char *p = skip_spaces(text);
	if (!is_digit(*p) &&
	    unit_named(same_day_names, sizeof(same_day_names) / sizeof(same_day_names[0]), p, trimmed_len(p))) {
		out->amount = 1;
		out->unit = QMS_UNIT_SAME_DAY;
		return 0;
	}
	double amount;
	if (parse_decimal(&amount, &p) < 0)
		return -1;
	p = skip_spaces(p);
	const struct unit_name *u =
		unit_named(duration_units, sizeof(duration_units) / sizeof(duration_units[0]), p, trimmed_len(p));
	if (!u || amount <= 0)
		return -1;
	out->amount = amount;
	out->unit = u->unit;
	return 0;
}

bool qms_duration_is_calendar(const struct qms_duration *d)
{
	return d->unit == QMS_UNIT_CALENDAR_DAYS;
}

double qms_duration_working_hours(const struct qms_duration *d, double workday_hours)
{
	switch (d->unit) {
	case QMS_UNIT_MINUTES: return d->amount / 60.0;
	case QMS_UNIT_HOURS:
	case QMS_UNIT_WORKING_HOURS: return d->amount;
	case QMS_UNIT_WORKING_DAYS: return d->amount * workday_hours;
	case QMS_UNIT_SAME_DAY: return workday_hours;
	case QMS_UNIT_CALENDAR_DAYS: break;
	}
	return 0;
}

int qms_clock_parse(int *out, const char *text)
{
	const char *p = skip_spaces(text);
	int h = 0, m = 0, digits = 0;
	while (is_digit(*p) && digits < 2) {
		h = h * 10 + (*p++ - '0');
		digits++;
	}
	if (!digits)
		return -1;
	if (*p == ':') {
		p++;
		if (!is_digit(p[0]) || !is_digit(p[1]))
			return -1;
		m = (p[0] - '0') * 10 + (p[1] - '0');
		p += 2;
	} else {
		p = skip_spaces(p);
		size_t len = trimmed_len(p);
		if (!word_is(p, len, "h") && !word_is(p, len, "giờ"))
			return -1;
		p += len;
	}
	if (*skip_spaces(p) || h > 23 || m > 59)
		return -1;
	*out = h * 60 + m;
	return 0;
}

int qms_percent_parse(double *out, const char *text)
{
	const char *p = skip_spaces(text);
	double v;
	if (parse_decimal(&v, &p) < 0)
		return -1;
	p = skip_spaces(p);
	if (*p != '%' || *skip_spaces(p + 1) || v > 100)
		return -1;
	*out = v;
	return 0;
}

bool qms_clause_valid(const char *t)
{
	int parts = 0;
	const char *p = t;
	for (;;) {
		const char *start = p;
		int v = 0;
		while (is_digit(*p)) {
			v = v * 10 + (*p - '0');
			p++;
			if (p - start > 2)
				return false;
		}
		if (p == start || (p - start == 2 && *start == '0'))
			return false;
		if (parts == 0 && (v < 1 || v > 10))
			return false;
		if (parts > 0 && v < 1)
			return false;
		parts++;
		if (*p == '\0')
			break;
		if (*p != '.' || parts == 4)
			return false;
		p++;
	}
	return true;
}

/* The bytes an id may hold: ASCII letters, digits, '-', '_', '.'. */
static const bool id_byte[256] = {
	['-'] = true, ['.'] = true, ['_'] = true, ['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true, ['4'] = true,
	['5'] = true, ['6'] = true, ['7'] = true, ['8'] = true, ['9'] = true, ['A'] = true, ['B'] = true, ['C'] = true,
	['D'] = true, ['E'] = true, ['F'] = true, ['G'] = true, ['H'] = true, ['I'] = true, ['J'] = true, ['K'] = true,
	['L'] = true, ['M'] = true, ['N'] = true, ['O'] = true, ['P'] = true, ['Q'] = true, ['R'] = true, ['S'] = true,
	['T'] = true, ['U'] = true, ['V'] = true, ['W'] = true, ['X'] = true, ['Y'] = true, ['Z'] = true, ['a'] = true,
	['b'] = true, ['c'] = true, ['d'] = true, ['e'] = true, ['f'] = true, ['g'] = true, ['h'] = true, ['i'] = true,
	['j'] = true, ['k'] = true, ['l'] = true, ['m'] = true, ['n'] = true, ['o'] = true, ['p'] = true, ['q'] = true,
	['r'] = true, ['s'] = true, ['t'] = true, ['u'] = true, ['v'] = true, ['w'] = true, ['x'] = true, ['y'] = true,
	['z'] = true,
};

bool qms_id_valid(const char *t)
{
	size_t n = 0;
	while (id_byte[(unsigned char)t[n]])
		n++;
	/* a leading '.' would name a hidden file (audits/.x.yaml) that
	 * every folder walk skips */
	return !t[n] && n > 0 && n <= 64 && t[0] != '.';
}

bool qms_duration_within_limit(const struct qms_duration *d)
{
	switch (d->unit) {
	case QMS_UNIT_CALENDAR_DAYS:
	case QMS_UNIT_WORKING_DAYS:
	case QMS_UNIT_SAME_DAY: return d->amount <= QMS_DURATION_MAX_DAYS;
	case QMS_UNIT_HOURS:
	case QMS_UNIT_WORKING_HOURS: return d->amount <= QMS_DURATION_MAX_DAYS * 24.0;
	case QMS_UNIT_MINUTES: return d->amount <= QMS_DURATION_MAX_DAYS * 24.0 * 60.0;
	}
	return false;
}

/* The rules of the working-day calendar (T009): each day in the year of
 * its file, well-formed runs of days, make-up working days on weekends,
 * and no day declared both off and worked. */
#include "calendar.h"

#include <stdlib.h>
#include <string.h>

#include "timelimit.h"

struct day_ref {
	int32_t day;
	uint32_t line, col;
	bool off;
};

static int day_ref_cmp(const void *a, const void *b)
{
	const struct day_ref *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

struct days {
	struct day_ref *items;
	size_t len, cap;
};

static void days_push(struct days *d, int32_t day, const struct qms_value *v, bool off)
{
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->items = qms_xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	d->items[d->len++] = (struct day_ref){day, v->line, v->col, off};
}

static void check_make_up(const struct qms_value *v, const char *path, struct qms_diags *diags)
{
	if (qms_date_weekday(v->date) < 5)
		qms_diags_add(diags, path, v->line, v->col, QMS_RULE_T009,
			      "make-up working day '%s' is a %s, a working day already; make-up days are Saturdays or "
			      "Sundays declared working days",
			      v->text, qms_gettext(qms_weekday_name(v->date, QMS_LANG_EN)));
}

/* A day declared both off and worked, reported at its later mention. */
static void check_both(struct days *d, const char *path, struct qms_diags *diags)
{
	if (d->len > 1)
		qsort(d->items, d->len, sizeof(*d->items), day_ref_cmp);
	for (size_t i = 0; i < d->len;) {
		size_t j = i;
		bool off = false, on = false;
		while (j < d->len && d->items[j].day == d->items[i].day) {
			off |= d->items[j].off;
			on |= !d->items[j].off;
			j++;
		}
		if (off && on) {
			char s[11];
			qms_date_format(s, d->items[i].day);
			const struct day_ref *last = &d->items[j - 1];
			qms_diags_add(diags, path, last->line, last->col, QMS_RULE_T009,
				      "'%s' is declared both a day off and a make-up working day; keep the one the "
				      "announcement gives",
				      s);
		}
		i = j;
	}
	free(d->items);
}

/* One entry of a calendar file: its days go to d. */
static void check_entry(const struct qms_calendar_day *e, long year, bool off, const char *path, struct days *d,
			struct qms_diags *diags)
{
	bool has_run = e->from.line || e->to.line;
	if (!e->date.line && !has_run) {
		qms_diags_add(diags, path, e->obj.line, e->obj.col, QMS_RULE_T009,
			      "a day needs 'date', or 'from' and 'to'");
		return;
	}
	if (e->date.line && has_run) {
		qms_diags_add(diags, path, e->obj.line, e->obj.col, QMS_RULE_T009,
			      "give either 'date' or 'from' and 'to', not both");
		return;
	}
	if (has_run && (!e->from.line || !e->to.line)) {
		qms_diags_add(diags, path, e->obj.line, e->obj.col, QMS_RULE_T009,
			      "a run of days needs both 'from' and 'to'");
		return;
	}
	const struct qms_value *first = e->date.line ? &e->date : &e->from;
	const struct qms_value *last = e->date.line ? &e->date : &e->to;
	if (!first->text || !last->text)
		return; /* a bad date, reported by the schema */
	if (last->date < first->date) {
		qms_diags_add(diags, path, last->line, last->col, QMS_RULE_T009, "'to' %s is before 'from' %s",
			      last->text, first->text);
		return;
	}
	if (last->date - first->date > 366) {
		qms_diags_add(diags, path, last->line, last->col, QMS_RULE_T009,
			      "a run of days longer than a year; write each year in its own file");
		return;
	}
	for (const struct qms_value *v = first;; v = last) {
		if (year && qms_date_year(v->date) != year)
			qms_diags_add(diags, path, v->line, v->col, QMS_RULE_T009,
				      "'%s' is not in %ld, the year of this calendar; put it in calendar/%d.yaml",
				      v->text, year, qms_date_year(v->date));
		if (v == last)
			break;
	}
	if (!off && e->date.line)
		check_make_up(&e->date, path, diags);
	else if (!off)
		for (int32_t day = first->date; day <= last->date; day++)
			if (qms_date_weekday(day) < 5) {
				qms_diags_add(diags, path, first->line, first->col, QMS_RULE_T009,
					      "make-up working days from %s to %s include Monday to Friday, working "
					      "days already; list the Saturdays and Sundays declared working days",
					      first->text, last->text);
				break;
			}
	for (int32_t day = first->date; day <= last->date; day++)
		days_push(d, day, first, off);
}

/* The stem of the file name ("2020" of "calendar/2020.yaml"). */
static const char *stem(const char *path, size_t *len)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	const char *dot = strrchr(name, '.');
	*len = dot ? (size_t)(dot - name) : strlen(name);
	return name;
}

void qms_calendar_check_year(const struct qms_calendar_year *y, const char *path, struct qms_diags *diags)
{
	long year = y->year.text ? y->year.integer : 0;
	if (year) {
		size_t n;
		const char *name = stem(path, &n);
		if (strlen(y->year.text) != n || strncmp(name, y->year.text, n))
			qms_diags_add(diags, path, y->year.line, y->year.col, QMS_RULE_T009,
				      "the calendar of %ld is in a file named '%.*s'; name it calendar/%ld.yaml", year,
				      (int)n, name, year);
	}
	struct days d = {0};
	const struct qms_calendar_day *off = y->holidays.items, *on = y->make_up_days.items;
	for (size_t i = 0; i < y->holidays.len; i++)
		check_entry(&off[i], year, true, path, &d, diags);
	for (size_t i = 0; i < y->make_up_days.len; i++)
		check_entry(&on[i], year, false, path, &d, diags);
	check_both(&d, path, diags);
}

void qms_calendar_check_workspace(const struct qms_workspace_cfg *w, const char *path, struct qms_diags *diags)
{
	struct days d = {0};
	const struct qms_value *off = w->holidays.items, *on = w->make_up_days.items;
	for (size_t i = 0; i < w->holidays.len; i++)
		if (off[i].text)
			days_push(&d, off[i].date, &off[i], true);
	for (size_t i = 0; i < w->make_up_days.len; i++) {
		if (!on[i].text)
			continue;
		check_make_up(&on[i], path, diags);
		days_push(&d, on[i].date, &on[i], false);
	}
	check_both(&d, path, diags);
}

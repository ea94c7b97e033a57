/* Dossier results (results.h): one streaming pass over the exports, then
 * the step events, into counts and histograms bounded by the number of
 * groups. */
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "i18n.h"
#include "index.h"
#include "status.h"
#include "workspace.h"
#include "model.h"
#include "results.h"
#include "schema.h"
#include "tabread.h"
#include "timelimit.h"

const char *const qms_results_column_keys[QMS_COL_COUNT + 1] = {
	"dossier",  "procedure", "tthc",    "agency", "field", "level", "received", "due",
	"finished", "status",    "apology", "step",   "start", "end",   "handler",  NULL,
};

/* Header names recognised by default, folded (fold_name()): lower case,
 * no diacritics, đ as d, single spaces. */
static const char *const aliases[QMS_COL_COUNT][10] = {
	[QMS_COL_DOSSIER] = {"ma ho so", "so ho so", "ma hs", "so bien nhan", "ma bien nhan", "dossier", "dossier id",
			     "dossier code", NULL},
	[QMS_COL_PROCEDURE] = {"ma quy trinh", "procedure", "procedure code", "process", NULL},
	[QMS_COL_TTHC] = {"ma thu tuc", "ma tthc", "tthc", "ma thu tuc hanh chinh", "tthc code", "procedure id", NULL},
	[QMS_COL_AGENCY] = {"co quan", "don vi", "co quan giai quyet", "don vi giai quyet", "agency", NULL},
	[QMS_COL_FIELD] = {"linh vuc", "field", "sector", NULL},
	[QMS_COL_LEVEL] = {"cap", "cap giai quyet", "cap thuc hien", "level", NULL},
	[QMS_COL_RECEIVED] = {"ngay tiep nhan", "ngay nhan", "ngay nop", "thoi gian tiep nhan", "received",
			      "received at", "receipt", NULL},
	[QMS_COL_DUE] = {"ngay hen tra", "han giai quyet", "han xu ly", "ngay hen tra ket qua", "due", "due date",
			 NULL},
	[QMS_COL_FINISHED] = {"ngay co ket qua", "ngay ket qua", "ngay hoan thanh", "ngay tra ket qua", "finished",
			      "resolved", "result date", NULL},
	[QMS_COL_STATUS] = {"trang thai", "tinh trang", "status", NULL},
	[QMS_COL_APOLOGY] = {"xin loi", "phieu xin loi", "thu xin loi", "apology", NULL},
	[QMS_COL_STEP] = {"buoc", "ma buoc", "buoc xu ly", "step", NULL},
	[QMS_COL_START] = {"bat dau", "thoi gian bat dau", "ngay bat dau", "start", NULL},
	[QMS_COL_END] = {"ket thuc", "thoi gian ket thuc", "ngay ket thuc", "end", NULL},
	[QMS_COL_HANDLER] = {"nguoi xu ly", "can bo xu ly", "handler", NULL},
};

/* A hash table of strings to indexes for the lookups of every row: the
 * keys (borrowed) with their lengths and hashes, open addressing. */
struct fent {
	uint64_t h;
	const char *key;
	size_t len, value;
};

struct ftab {
	struct fent *e;
	size_t cap, len;
};

static uint64_t fhash(const char *s, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xff51afd7ed558ccdull);
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t v;
		memcpy(&v, s, 8);
		h = (h ^ v) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 29;
	}
	uint64_t v = 0;
	memcpy(&v, s, n);
	h = (h ^ v) * 0x94d049bb133111ebull;
	return h ^ (h >> 31);
}

static size_t ftab_get(const struct ftab *t, const char *s, size_t n, uint64_t h)
{
	if (!t->cap)
		return SIZE_MAX;
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		const struct fent *e = &t->e[i];
		if (!e->key)
			return SIZE_MAX;
		if (e->h == h && e->len == n && memcmp(e->key, s, n) == 0)
			return e->value;
	}
}

/* Insert unless there; key borrowed. */
static void ftab_put(struct ftab *t, const char *key, size_t n, uint64_t h, size_t value)
{
	if ((t->len + 1) * 2 > t->cap) {
		struct ftab bigger = {qms_xcalloc(t->cap ? t->cap * 2 : 64, sizeof(struct fent)),
				      t->cap ? t->cap * 2 : 64, 0};
		for (size_t i = 0; i < t->cap; i++)
			if (t->e[i].key)
				ftab_put(&bigger, t->e[i].key, t->e[i].len, t->e[i].h, t->e[i].value);
		free(t->e);
		*t = bigger;
	}
	for (size_t i = h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		struct fent *e = &t->e[i];
		if (!e->key) {
			*e = (struct fent){h, key, n, value};
			t->len++;
			return;
		}
		if (e->h == h && e->len == n && memcmp(e->key, key, n) == 0)
			return;
	}
}

static void ftab_release(struct ftab *t)
{
	free(t->e);
	memset(t, 0, sizeof(*t));
}

/* A procedure of the workspace as the results need it. */
struct wsproc {
	const char *code, *title, *agency, *tthc, *level;
	bool has_committed, has_statutory;
	struct qms_duration committed, statutory;
	struct qms_results_step *steps;
	size_t nsteps;
};

struct grouping {
	struct qms_results_group *items;
	size_t n, cap;
	struct ftab map;
	bool full_reported;
};

/* What one row says, once read. */
struct row {
	const char *dossier, *agency, *field, *level, *status;
	const char *codes[2]; /* procedure, tthc */
	int32_t received, due, finished;
	int rmin, fmin;
	bool apology, returned;
};

struct ctx {
	struct qms_results *r;
	const struct qms_results_options *opt;
	const struct qms_calendar *cal;
	struct qms_calendar own_cal;
	double wh;
	/* working days before each day of [cum_base, cum_base + ncum) */
	int32_t cum_base;
	int32_t *cum;
	size_t ncum;
	struct grouping g[QMS_RD_COUNT];
	struct wsproc *procs;
	size_t nprocs;
	size_t *pgroup; /* per procedure: its group in g, SIZE_MAX until used */
	struct ftab codes; /* procedure codes, then TTHC codes -> procs */
	const char *ws_columns[QMS_COL_COUNT]; /* qms.yaml dossier_columns */
	struct qms_strmap ag_level;
	struct ftab status_class; /* status text -> 0 ordinary, 1 returned */
	struct ftab level_class; /* level text -> enum qms_level, 3: other */
	struct {
		const char *name, *level;
	} * agencies;
	size_t nagencies, cap_agencies;
	/* the file being read */
	const char *file;
	bool header_seen, file_bad, steps_file;
	int col[QMS_COL_COUNT];
	const char *colname[QMS_COL_COUNT];
	/* step events: the dossier whose events are being gathered */
	char *ev_dossier;
	size_t ev_group;
	struct qms_buf ev_steps; /* indexes (size_t) of the steps seen, in order */
	bool ev_late;
	struct qms_strmap dossier_proc; /* with step events and no procedure column */
	struct qms_arena dossier_arena;
};

static const char *const unmatched_msgid = N_("no procedure of the workspace has this code (procedure or TTHC)");
static const char *const too_many_msgid = N_("too many distinct values: the rest are counted as one");

/* ---- small helpers ---- */

static const char *intern(struct ctx *c, const char *s)
{
	return qms_arena_strdup(&c->r->arena, s);
}

/* lower case, no diacritics, đ as d, '_' as a space, spaces single and trimmed. Caller frees. */
static char *fold_name(const char *s)
{
	utf8proc_uint8_t *m = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &m,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
				 UTF8PROC_STRIPMARK) < 0)
		return qms_xstrdup(s);
	char *o = (char *)m;
	size_t w = 0;
	bool space = true;
	for (size_t i = 0; o[i]; i++) {
		char ch = o[i] == '_' || o[i] == '\t' ? ' ' : o[i];
		if ((unsigned char)o[i] == 0xC4 && (unsigned char)o[i + 1] == 0x91) { /* đ */
			ch = 'd';
			i++;
		}
		if (ch == ' ') {
			if (!space)
				o[w++] = ' ';
			space = true;
		} else {
			o[w++] = ch;
			space = false;
		}
	}
	while (w && o[w - 1] == ' ')
		w--;
	o[w] = '\0';
	return o;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

static void problem_in(struct ctx *c, unsigned long line, unsigned long col, const char *msgid, const char *column,
		       const char *detail)
{
	struct qms_results *r = c->r;
	r->nproblems_total++;
	size_t k = 0;
	while (k < r->nkinds && r->kinds[k].msgid != msgid)
		k++;
	if (k == r->nkinds && k < QMS_ARRAY_LEN(r->kinds))
		r->kinds[r->nkinds++].msgid = msgid;
	if (k < QMS_ARRAY_LEN(r->kinds))
		r->kinds[k].n++;
	if (r->nproblems >= QMS_RESULTS_MAX_PROBLEMS)
		return;
	if (!r->problems)
		r->problems = qms_arena_alloc(&r->arena, QMS_RESULTS_MAX_PROBLEMS * sizeof(*r->problems));
	r->problems[r->nproblems++] = (struct qms_results_problem){c->file,
								   line,
								   col,
								   msgid,
								   column ? intern(c, column) : NULL,
								   detail ? intern(c, detail) : NULL,
								   msgid == unmatched_msgid || msgid == too_many_msgid};
}

static void problem(struct ctx *c, unsigned long line, unsigned long col, const char *msgid, const char *detail)
{
	problem_in(c, line, col, msgid, NULL, detail);
}

static void on_read_error(void *ctx, unsigned long line, unsigned long col, const char *msgid)
{
	struct ctx *c = ctx;
	if (c->steps_file)
		c->r->step_rows++;
	else
		c->r->rows_read++, c->r->rows_rejected++;
	problem(c, line, col, msgid, NULL);
}

/* ---- dates and working time ---- */

static int32_t civil_days(int y, int m, int d)
{
	/* days from civil (H. Hinnant) */
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + (int)doe - 719468);
}

static int mdays(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : n[m - 1];
}

/* Digits at *p: between 1 and max of them. */
static int digits(const char **p, int min, int max)
{
	int v = 0, n = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= min ? v : -1;
}

static int parse_clock(const char **p, int *minute)
{
	int h = digits(p, 1, 2);
	if (h < 0 || h > 23 || **p != ':')
		return -1;
	(*p)++;
	int mi = digits(p, 2, 2);
	if (mi < 0 || mi > 59)
		return -1;
	if (**p == ':') {
		(*p)++;
		int s = digits(p, 2, 2);
		if (s < 0 || s > 60)
			return -1;
	}
	*minute = h * 60 + mi;
	return 0;
}

int qms_results_parse_date(int32_t *day, int *minute, const char *text, bool serial)
{
	const char *p = text;
	while (*p == ' ')
		p++;
	int y, m, d;
	*minute = 0;
	const char *q = p;
	int a = digits(&q, 1, 4);
	if (a < 0)
		return -1;
	if (q - p == 4 && *q == '-') { /* ISO 8601 */
		y = a;
		q++;
		m = digits(&q, 2, 2);
		if (m < 0 || *q != '-')
			return -1;
		q++;
		d = digits(&q, 2, 2);
		if (*q == 'T' || (*q == ' ' && q[1] >= '0' && q[1] <= '9')) {
			q++;
			if (parse_clock(&q, minute) < 0)
				return -1;
			/* a fraction of a second or a zone: ignored */
			while (*q == '.' || *q == ',' || *q == 'Z' || *q == '+' || *q == '-' || *q == ':' ||
			       (*q >= '0' && *q <= '9'))
				q++;
		}
	} else if (q - p <= 2 && (*q == '/' || *q == '-' || *q == '.')) {
		char sep = *q++;
		d = a;
		m = digits(&q, 1, 2);
		if (m < 0 || *q != sep)
			return -1;
		q++;
		y = digits(&q, 4, 4);
		if (*q == ' ' || *q == 'T') {
			while (*q == ' ' || *q == 'T')
				q++;
			if (*q && parse_clock(&q, minute) < 0)
				return -1;
		}
	} else if (serial) {
		char *end;
		double v = strtod(p, &end);
		while (*end == ' ')
			end++;
		if (*end || !(v >= 1 && v < 2958466))
			return -1;
		double whole = floor(v);
		*day = (int32_t)whole - 25569; /* 1970-01-01 is serial 25569 */
		*minute = (int)lround((v - whole) * 1440.0);
		if (*minute >= 1440)
			*minute = 1439;
		return 0;
	} else {
		return -1;
	}
	while (*q == ' ')
		q++;
	if (*q || y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays(y, m))
		return -1;
	*day = civil_days(y, m, d);
	return 0;
}

void qms_results_half_year(int32_t *from, int32_t *to, int32_t day)
{
	char s[11];
	qms_date_format(s, day);
	int y = atoi(s), m = atoi(s + 5);
	*from = civil_days(y, m <= 6 ? 1 : 7, 1);
	*to = m <= 6 ? civil_days(y, 6, 30) : civil_days(y, 12, 31);
}

/* The working-day prefix table over 1990-2100; outside it, the calendar. */
static void build_cum(struct ctx *c)
{
	c->cum_base = civil_days(1990, 1, 1);
	c->ncum = (size_t)(civil_days(2101, 1, 1) - c->cum_base) + 1;
	c->cum = qms_xmalloc(c->ncum * sizeof(*c->cum));
	int32_t n = 0;
	for (size_t i = 0; i < c->ncum; i++) {
		c->cum[i] = n; /* working days before day base + i */
		n += qms_calendar_is_working_day(c->cal, c->cum_base + (int32_t)i);
	}
}

/* Working days after `from` up to and including `to`. */
static long working_days(const struct ctx *c, int32_t from, int32_t to)
{
	if (to <= from)
		return 0;
	int64_t a = (int64_t)from + 1 - c->cum_base, b = (int64_t)to + 1 - c->cum_base;
	if (a >= 0 && b < (int64_t)c->ncum)
		return c->cum[b] - c->cum[a];
	return qms_calendar_count_working_days(c->cal, from, to);
}

/* Working minutes from (d1, m1) to (d2, m2): whole working days between
 * the two days, then the difference of the times of day; never negative. */
static long working_minutes(const struct ctx *c, int32_t d1, int m1, int32_t d2, int m2)
{
	long v = working_days(c, d1, d2) * lround(c->wh * 60) + (m2 - m1);
	return v < 0 ? 0 : v;
}

static bool unit_in_minutes(enum qms_duration_unit u)
{
	return u == QMS_UNIT_MINUTES || u == QMS_UNIT_HOURS || u == QMS_UNIT_WORKING_HOURS;
}

static double limit_minutes(const struct qms_duration *d, double wh)
{
	return d->unit == QMS_UNIT_MINUTES ? d->amount : d->amount * 60.0 * (d->unit == QMS_UNIT_SAME_DAY ? wh : 1);
}

/* Whether a dossier received (rd, rm) and finished (fd, fm) ran past lim. */
static bool over_limit(const struct ctx *c, const struct qms_duration *lim, int32_t rd, int rm, int32_t fd, int fm)
{
	switch (lim->unit) {
	case QMS_UNIT_CALENDAR_DAYS: return fd > qms_calendar_civil_end(c->cal, rd, (long)ceil(lim->amount));
	case QMS_UNIT_WORKING_DAYS: return (double)working_days(c, rd, fd) > lim->amount;
	case QMS_UNIT_SAME_DAY: return working_days(c, rd, fd) > 0;
	default: return (double)working_minutes(c, rd, rm, fd, fm) > limit_minutes(lim, c->wh);
	}
}

/* ---- histograms ---- */

#define HIST_MAX_BINS (1u << 18)

static void hist_add(struct qms_results_hist *h, long v)
{
	if (v < 0)
		v = 0;
	h->n++;
	if (v > h->max)
		h->max = v;
	if ((unsigned long)v >= HIST_MAX_BINS) {
		h->over++;
		return;
	}
	if ((size_t)v >= h->nbins) {
		size_t n = h->nbins ? h->nbins : 64;
		while (n <= (size_t)v)
			n *= 2;
		h->bins = qms_xrealloc(h->bins, n * sizeof(*h->bins));
		memset(h->bins + h->nbins, 0, (n - h->nbins) * sizeof(*h->bins));
		h->nbins = n;
	}
	h->bins[v]++;
}

long qms_results_hist_rank(const struct qms_results_hist *h, double q)
{
	if (!h->n)
		return -1;
	uint64_t rank = (uint64_t)ceil(q * (double)h->n);
	if (rank < 1)
		rank = 1;
	uint64_t seen = 0;
	for (size_t i = 0; i < h->nbins; i++) {
		seen += h->bins[i];
		if (seen >= rank)
			return (long)i;
	}
	return h->max; /* in the durations beyond the last bin: the largest is what is known */
}

/* ---- the workspace ---- */

static const char *value_text(const struct qms_value *v)
{
	return v->text && *v->text ? v->text : NULL;
}

/* Steps on every path from the start to an end: without them no end is
 * reachable. */
static void mark_required(struct qms_results_step *st, size_t n, const struct qms_process *p)
{
	const struct qms_step *steps = p->steps.items;
	size_t start = SIZE_MAX;
	for (size_t i = 0; i < n; i++)
		if (steps[i].kind.text && strcmp(steps[i].kind.text, "start") == 0 && start == SIZE_MAX)
			start = i;
	if (start == SIZE_MAX)
		start = 0;
	size_t *succ = qms_xcalloc(n * 8 + 1, sizeof(size_t)), *nsucc = qms_xcalloc(n + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		const struct qms_value *nx = steps[i].next.items;
		const struct qms_branch *br = steps[i].branches.items;
		for (size_t k = 0; k < steps[i].next.len + steps[i].branches.len && nsucc[i] < 8; k++) {
			const char *id = k < steps[i].next.len ? nx[k].text : br[k - steps[i].next.len].next.text;
			for (size_t j = 0; id && j < n; j++)
				if (st[j].id && strcmp(st[j].id, id) == 0)
					succ[i * 8 + nsucc[i]++] = j;
		}
	}
	bool *seen = qms_xmalloc(n + 1);
	size_t *stack = qms_xmalloc((n + 1) * sizeof(size_t));
	for (size_t x = 0; x < n; x++) {
		if (x == start || (steps[x].kind.text && strcmp(steps[x].kind.text, "end") == 0))
			continue;
		memset(seen, 0, n);
		size_t sp = 0;
		bool reach_end = false;
		stack[sp++] = start;
		seen[start] = true;
		while (sp && !reach_end) {
			size_t i = stack[--sp];
			if ((steps[i].kind.text && strcmp(steps[i].kind.text, "end") == 0) ||
			    (nsucc[i] == 0 && i != start))
				reach_end = true;
			for (size_t k = 0; k < nsucc[i]; k++) {
				size_t j = succ[i * 8 + k];
				if (j != x && !seen[j]) {
					seen[j] = true;
					stack[sp++] = j;
				}
			}
		}
		st[x].required = !reach_end && st[x].has_duration;
	}
	free(seen);
	free(stack);
	free(succ);
	free(nsucc);
}

static void copy_steps(struct ctx *c, struct wsproc *w, const struct qms_process *p)
{
	size_t n = p->steps.len;
	const struct qms_step *steps = p->steps.items;
	w->steps = qms_arena_alloc(&c->r->arena, (n + 1) * sizeof(*w->steps));
	memset(w->steps, 0, (n + 1) * sizeof(*w->steps));
	for (size_t i = 0; i < n; i++) {
		struct qms_results_step *s = &w->steps[i];
		s->id = steps[i].id.text ? intern(c, steps[i].id.text) : "?";
		s->name = steps[i].name.text ? intern(c, steps[i].name.text) : s->id;
		s->has_duration = steps[i].duration.text != NULL;
		s->duration = steps[i].duration.duration;
	}
	w->nsteps = n;
	mark_required(w->steps, n, p);
}

static const char *level_name(int level)
{
	return level >= 0 && level <= QMS_LEVEL_COMMUNE ? qms_level_names[level] : NULL;
}

static void add_process(struct ctx *c, const struct qms_process *p)
{
	if (!value_text(&p->code))
		return;
	size_t n = strlen(p->code.text);
	uint64_t h = fhash(p->code.text, n);
	size_t known = ftab_get(&c->codes, p->code.text, n, h);
	if (known != SIZE_MAX && strcmp(c->procs[known].code, p->code.text) == 0)
		return;
	struct wsproc *w = &c->procs[c->nprocs];
	w->code = intern(c, p->code.text);
	w->title = value_text(&p->title) ? intern(c, p->title.text) : NULL;
	w->agency = value_text(&p->agency) ? intern(c, p->agency.text) : NULL;
	if (p->tthc.len) {
		const struct qms_tthc *t = p->tthc.items;
		w->tthc = value_text(&t->id) ? intern(c, t->id.text) : NULL;
		w->level = t->level.text ? level_name(t->level.choice) : NULL;
	}
	w->has_committed = p->time_limit.committed.text != NULL;
	w->committed = p->time_limit.committed.duration;
	w->has_statutory = p->time_limit.statutory.text != NULL;
	w->statutory = p->time_limit.statutory.duration;
	copy_steps(c, w, p);
	c->nprocs++;
}

_Static_assert(offsetof(struct qms_ws_columns, handler) - offsetof(struct qms_ws_columns, dossier) ==
		       QMS_COL_HANDLER * sizeof(struct qms_value),
	       "the members of qms_ws_columns follow enum qms_results_column");

/* The `dossier_columns` of qms.yaml, after those of the options. */
static void read_columns(struct ctx *c)
{
	char *cfg = qms_path_join(c->opt->root, "qms.yaml");
	struct qms_document d;
	struct qms_diags diags;
	qms_diags_init(&diags);
	if (qms_is_file(cfg) && qms_document_load(&d, cfg, &diags) == 0) {
		if (d.kind == QMS_KIND_WORKSPACE) {
			const struct qms_ws_columns *wc =
				&((const struct qms_workspace_file *)d.data)->workspace.dossier_columns;
			const struct qms_value *v = &wc->dossier;
			for (int k = 0; k < QMS_COL_COUNT; k++)
				if (value_text(&v[k]))
					c->ws_columns[k] = intern(c, v[k].text);
		}
		qms_document_release(&d);
	}
	qms_diags_release(&diags);
	free(cfg);
}

static void add_agency(struct ctx *c, const struct qms_agency *a)
{
	if (c->nagencies == c->cap_agencies) {
		c->cap_agencies = c->cap_agencies ? c->cap_agencies * 2 : 64;
		c->agencies = qms_xrealloc(c->agencies, c->cap_agencies * sizeof(*c->agencies));
	}
	size_t i = c->nagencies++;
	c->agencies[i].name = value_text(&a->name) ? intern(c, a->name.text) : NULL;
	c->agencies[i].level = a->level.text ? level_name(a->level.choice) : NULL;
	if (value_text(&a->id))
		qms_strmap_put(&c->ag_level, intern(c, a->id.text), i);
	if (c->agencies[i].name)
		qms_strmap_put(&c->ag_level, c->agencies[i].name, i);
}

/* What the results need of the workspace: its settings and calendar, its
 * procedures (processes/) and its agencies (audits/). Files that cannot
 * be read are left out: `qms check` reports them. */
static int load_workspace(struct ctx *c, char **err)
{
	struct qms_diags diags;
	qms_diags_init(&diags);
	struct qms_settings st;
	qms_settings_read(&st, &c->r->arena, c->opt->root, &diags);
	qms_diags_release(&diags);
	c->cal = st.calendar;
	c->wh = st.time.workday_hours > 0 ? st.time.workday_hours : 8;
	read_columns(c);
	for (int k = 0; k < 2; k++) {
		struct qms_strlist files = {0};
		char *dir = qms_path_join(c->opt->root, k ? "audits" : "processes");
		qms_collect_yaml(&files, dir);
		free(dir);
		qms_strlist_sort(&files);
		if (!k)
			c->procs = qms_xcalloc(files.len + 1, sizeof(*c->procs));
		for (size_t i = 0; i < files.len; i++) {
			struct qms_document d;
			qms_diags_init(&diags);
			int lrc = qms_document_load(&d, files.items[i], &diags);
			qms_diags_release(&diags);
			if (lrc < 0)
				continue;
			if (d.kind == QMS_KIND_PROCESS && !k)
				add_process(c, &((const struct qms_process_file *)d.data)->process);
			else if (d.kind == QMS_KIND_AGENCY && k)
				add_agency(c, &((const struct qms_agency_file *)d.data)->agency);
			qms_document_release(&d);
		}
		qms_strlist_release(&files);
	}
	for (size_t i = 0; i < c->nprocs; i++)
		ftab_put(&c->codes, c->procs[i].code, strlen(c->procs[i].code),
			 fhash(c->procs[i].code, strlen(c->procs[i].code)), i);
	for (size_t i = 0; i < c->nprocs; i++)
		if (c->procs[i].tthc)
			ftab_put(&c->codes, c->procs[i].tthc, strlen(c->procs[i].tthc),
				 fhash(c->procs[i].tthc, strlen(c->procs[i].tthc)), i);
	(void)err;
	return 0;
}

/* ---- groups ---- */

static size_t group_find(struct ctx *c, enum qms_results_dim dim, const char *key)
{
	struct grouping *g = &c->g[dim];
	size_t n = strlen(key);
	uint64_t h = fhash(key, n);
	size_t i = ftab_get(&g->map, key, n, h);
	if (i != SIZE_MAX)
		return i;
	if (g->n >= QMS_RESULTS_MAX_GROUPS) {
		if (!g->full_reported)
			problem(c, 0, 0, too_many_msgid, key);
		g->full_reported = true;
		key = "…";
		n = strlen(key);
		h = fhash(key, n);
		i = ftab_get(&g->map, key, n, h);
		if (i != SIZE_MAX)
			return i;
	}
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->items = qms_xrealloc(g->items, g->cap * sizeof(*g->items));
	}
	i = g->n++;
	memset(&g->items[i], 0, sizeof(g->items[i]));
	g->items[i].key = intern(c, key);
	ftab_put(&g->map, g->items[i].key, n, h, i);
	if (dim == QMS_RD_AGENCY) {
		size_t a = qms_strmap_get(&c->ag_level, key);
		if (a != SIZE_MAX) {
			g->items[i].level = c->agencies[a].level;
			g->items[i].name = c->agencies[a].name;
		}
	}
	return i;
}

/* The group of a procedure of the workspace (made on first use). */
static size_t proc_group(struct ctx *c, size_t wi)
{
	if (c->pgroup[wi] != SIZE_MAX)
		return c->pgroup[wi];
	size_t gi = group_find(c, QMS_RD_PROCEDURE, c->procs[wi].code);
	c->pgroup[wi] = gi;
	struct qms_results_group *g = &c->g[QMS_RD_PROCEDURE].items[gi];
	if (!g->matched) {
		const struct wsproc *w = &c->procs[wi];
		g->matched = true;
		g->name = w->title;
		g->tthc = w->tthc;
		g->level = w->level;
		g->has_committed = w->has_committed, g->committed = w->committed;
		g->has_statutory = w->has_statutory, g->statutory = w->statutory;
		const struct qms_duration *u = w->has_committed   ? &w->committed
					       : w->has_statutory ? &w->statutory
								  : NULL;
		g->unit = u ? u->unit : QMS_UNIT_WORKING_DAYS;
		if (g->unit == QMS_UNIT_SAME_DAY)
			g->unit = QMS_UNIT_WORKING_DAYS;
		g->minutes = unit_in_minutes(g->unit);
		g->steps = w->steps;
		g->nsteps = w->nsteps;
	}
	return gi;
}

/* The workspace procedure of a row: by procedure code, then by TTHC code. */
static size_t match(struct ctx *c, const struct row *rw)
{
	for (int k = 0; k < 2; k++) {
		const char *s = rw->codes[k];
		if (!s || !*s)
			continue;
		size_t n = strlen(s);
		size_t i = ftab_get(&c->codes, s, n, fhash(s, n));
		if (i != SIZE_MAX)
			return i;
	}
	return SIZE_MAX;
}

/* ---- rows ---- */

enum outcome { O_NONE, O_BEFORE, O_ON, O_LATE, O_OPEN_WITHIN, O_OPEN_LATE, O_RETURNED };

static void count(struct qms_results_counts *k, bool received, enum outcome o, bool apology)
{
	if (received)
		k->received++;
	else
		k->carried++;
	switch (o) {
	case O_BEFORE: k->resolved++, k->before++; break;
	case O_ON: k->resolved++, k->on_due++; break;
	case O_LATE: k->resolved++, k->late++; break;
	case O_OPEN_WITHIN: k->open_within++; break;
	case O_OPEN_LATE: k->open_late++; break;
	case O_RETURNED: k->returned++; break;
	default: break;
	}
	if ((o == O_LATE || o == O_OPEN_LATE) && apology)
		k->late_apology++;
}

static bool status_returned(struct ctx *c, const char *s)
{
	if (!*s)
		return false;
	size_t len = strlen(s);
	uint64_t h = fhash(s, len);
	size_t v = ftab_get(&c->status_class, s, len, h);
	if (v != SIZE_MAX)
		return v == 1;
	char *f = fold_name(s);
	/* Vietnamese words whole, English ones by their stem */
	static const char *const words[] = {"tra lai", "rut", "rut ho so", "tu choi", "huy", "da huy", NULL};
	static const char *const stems[] = {"withdr", "return", "reject", "cancel", NULL};
	bool ret = false;
	for (size_t i = 0; words[i] && !ret; i++) {
		size_t n = strlen(words[i]);
		for (const char *w = strstr(f, words[i]); w && !ret; w = strstr(w + 1, words[i]))
			ret = (w == f || w[-1] == ' ') && (w[n] == '\0' || w[n] == ' ');
	}
	for (size_t i = 0; stems[i] && !ret; i++) {
		const char *w = strstr(f, stems[i]);
		ret = w && (w == f || w[-1] == ' ');
	}
	free(f);
	if (c->status_class.len < 4096)
		ftab_put(&c->status_class, intern(c, s), len, h, ret ? 1 : 0);
	return ret;
}

/* A level as the export writes it ("Cấp tỉnh", "tỉnh", "Province",
 * "UBND xã", "phường") as province, district or commune when a word of it
 * says so; else the text itself. */
static const char *level_of(struct ctx *c, const char *s)
{
	size_t len = strlen(s);
	uint64_t h = fhash(s, len);
	size_t v = ftab_get(&c->level_class, s, len, h);
	if (v == SIZE_MAX) {
		/* phrases before the words they hold: "thành phố thuộc tỉnh" is a district */
		static const struct {
			const char *word;
			size_t level;
		} words[] = {
			{"thanh pho thuoc tinh", 1},
			{"thanh pho truc thuoc trung uong", 0},
			{"thi xa", 1},
			{"thi tran", 2},
			{"tinh", 0},
			{"province", 0},
			{"provincial", 0},
			{"huyen", 1},
			{"quan", 1},
			{"district", 1},
			{"xa", 2},
			{"phuong", 2},
			{"commune", 2},
			{"ward", 2},
		};
		char *f = fold_name(s);
		v = 3;
		for (size_t i = 0; i < QMS_ARRAY_LEN(words) && v == 3; i++) {
			size_t n = strlen(words[i].word);
			for (const char *w = strstr(f, words[i].word); w && v == 3; w = strstr(w + 1, words[i].word))
				if ((w == f || w[-1] == ' ') && (w[n] == '\0' || w[n] == ' '))
					v = words[i].level;
		}
		free(f);
		if (c->level_class.len < 4096)
			ftab_put(&c->level_class, intern(c, s), len, h, v);
	}
	return v < 3 ? qms_level_names[v] : s;
}

static bool yes(const char *s)
{
	while (*s == ' ')
		s++;
	if (!*s)
		return false;
	static const char *const no[] = {"0",  "không", "Không", "KHÔNG", "khong", "no", "No",
					 "NO", "false", "FALSE", "-",     "x̄",     NULL};
	for (size_t i = 0; no[i]; i++)
		if (strcmp(s, no[i]) == 0)
			return false;
	return true;
}

static const char *field(const struct qms_tabrow *tr, const struct ctx *c, enum qms_results_column k)
{
	int i = c->col[k];
	return i >= 0 && (size_t)i < tr->nfields ? tr->fields[i] : NULL;
}

static unsigned long field_col(const struct qms_tabrow *tr, const struct ctx *c, enum qms_results_column k)
{
	int i = c->col[k];
	return i >= 0 && (size_t)i < tr->nfields ? qms_tabrow_column(tr, (size_t)i) : 1;
}

/* Read a date column: 0, 1 when empty, or -1 after reporting it. */
static int read_date(struct ctx *c, const struct qms_tabrow *tr, enum qms_results_column k, int32_t *day, int *minute,
		     const char *missing)
{
	const char *s = field(tr, c, k);
	if (!s || blank(s)) {
		if (missing) {
			problem_in(c, tr->line, field_col(tr, c, k), missing, c->colname[k], NULL);
			return -1;
		}
		return 1;
	}
	if (qms_results_parse_date(day, minute, s, tr->flags & QMS_ROW_XLSX) < 0) {
		problem_in(c, tr->line, field_col(tr, c, k),
			   N_("not a date (dd/mm/yyyy, dd/mm/yyyy HH:MM or yyyy-mm-dd)"), c->colname[k], s);
		return -1;
	}
	return 0;
}

static void keep_late(struct ctx *c, const struct row *rw, const char *proc)
{
	struct qms_results *r = c->r;
	r->nlate_total++;
	if (r->nlate >= QMS_RESULTS_MAX_LATE)
		return;
	if (!r->late)
		r->late = qms_arena_alloc(&r->arena, QMS_RESULTS_MAX_LATE * sizeof(*r->late));
	r->late[r->nlate++] = (struct qms_results_late){intern(c, rw->dossier ? rw->dossier : ""),
							proc,
							intern(c, rw->agency),
							rw->received,
							rw->due,
							rw->finished,
							rw->apology};
}

static void use_row(struct ctx *c, const struct qms_tabrow *tr, const struct row *rw)
{
	struct qms_results *r = c->r;
	int32_t from = r->from, to = r->to;
	bool finished = rw->finished >= 0;
	if (rw->received > to || (finished && rw->finished < from)) {
		r->rows_outside++;
		return;
	}
	enum outcome o;
	if (rw->returned)
		o = O_RETURNED;
	else if (finished && rw->finished <= to)
		o = rw->finished < rw->due ? O_BEFORE : rw->finished == rw->due ? O_ON : O_LATE;
	else
		o = rw->due >= to ? O_OPEN_WITHIN : O_OPEN_LATE;
	bool received = rw->received >= from;
	size_t wi = c->nprocs ? match(c, rw) : SIZE_MAX;
	size_t pg;
	if (wi != SIZE_MAX) {
		pg = proc_group(c, wi);
	} else {
		const char *code = rw->codes[0] && *rw->codes[0] ? rw->codes[0] : rw->codes[1];
		pg = group_find(c, QMS_RD_PROCEDURE, code && *code ? code : "?");
		struct qms_results_group *g = &c->g[QMS_RD_PROCEDURE].items[pg];
		r->unmatched_rows++;
		if (!g->rows) {
			g->first_file = c->file;
			g->first_line = tr->line;
			if (r->has_workspace)
				problem(c, tr->line,
					field_col(tr, c,
						  c->col[QMS_COL_PROCEDURE] >= 0 ? QMS_COL_PROCEDURE : QMS_COL_TTHC),
					unmatched_msgid, g->key);
		}
	}
	struct qms_results_group *pgr = &c->g[QMS_RD_PROCEDURE].items[pg];
	pgr->rows++;
	count(&r->total, received, o, rw->apology);
	count(&pgr->c, received, o, rw->apology);
	size_t ag = group_find(c, QMS_RD_AGENCY, rw->agency);
	count(&c->g[QMS_RD_AGENCY].items[ag].c, received, o, rw->apology);
	size_t fg = group_find(c, QMS_RD_FIELD, rw->field);
	count(&c->g[QMS_RD_FIELD].items[fg].c, received, o, rw->apology);
	const char *level = rw->level && *rw->level ? level_of(c, rw->level) : c->g[QMS_RD_AGENCY].items[ag].level;
	if (!level && wi != SIZE_MAX)
		level = pgr->level;
	size_t lg = group_find(c, QMS_RD_LEVEL, level ? level : "");
	count(&c->g[QMS_RD_LEVEL].items[lg].c, received, o, rw->apology);
	if (o == O_LATE || o == O_OPEN_LATE) {
		struct row lr = *rw;
		if (o == O_OPEN_LATE)
			lr.finished = -1; /* in progress at the end of the period */
		keep_late(c, &lr, pgr->key);
	}
	if (wi != SIZE_MAX && (o == O_BEFORE || o == O_ON || o == O_LATE)) {
		long v;
		if (pgr->minutes)
			v = working_minutes(c, rw->received, rw->rmin, rw->finished, rw->fmin);
		else if (pgr->unit == QMS_UNIT_CALENDAR_DAYS)
			v = rw->finished - rw->received;
		else
			v = working_days(c, rw->received, rw->finished);
		hist_add(&pgr->hist, v);
		if (pgr->has_committed &&
		    over_limit(c, &pgr->committed, rw->received, rw->rmin, rw->finished, rw->fmin))
			pgr->over_committed++;
		if (pgr->has_statutory &&
		    over_limit(c, &pgr->statutory, rw->received, rw->rmin, rw->finished, rw->fmin))
			pgr->over_statutory++;
	}
	if (c->opt->steps) {
		/* the procedure of each dossier, for step events without a procedure column */
		if (rw->dossier && *rw->dossier && wi != SIZE_MAX && c->dossier_proc.len < (1u << 26))
			qms_strmap_put(&c->dossier_proc, qms_arena_strdup(&c->dossier_arena, rw->dossier),
				       pg * 2 + (o == O_LATE || o == O_OPEN_LATE));
	}
}

/* ---- the header ---- */

static void read_header(struct ctx *c, const struct qms_tabrow *tr)
{
	for (int k = 0; k < QMS_COL_COUNT; k++)
		c->col[k] = -1, c->colname[k] = NULL;
	char *folded_cfg[QMS_COL_COUNT] = {0};
	for (int k = 0; k < QMS_COL_COUNT; k++)
		if (c->opt->columns[k] || c->ws_columns[k])
			folded_cfg[k] = fold_name(c->opt->columns[k] ? c->opt->columns[k] : c->ws_columns[k]);
	for (size_t i = 0; i < tr->nfields; i++) {
		char *f = fold_name(tr->fields[i]);
		int role = -1;
		for (int k = 0; k < QMS_COL_COUNT && role < 0; k++)
			if (folded_cfg[k] && strcmp(folded_cfg[k], f) == 0)
				role = k;
		for (int k = 0; k < QMS_COL_COUNT && role < 0; k++)
			for (size_t a = 0; aliases[k][a] && role < 0; a++)
				if (strcmp(aliases[k][a], f) == 0)
					role = k;
		if (role >= 0 && c->col[role] < 0) {
			c->col[role] = (int)i;
			c->colname[role] = intern(c, tr->fields[i]);
		}
		free(f);
	}
	for (int k = 0; k < QMS_COL_COUNT; k++)
		free(folded_cfg[k]);
	static const enum qms_results_column need_export[] = {QMS_COL_RECEIVED, QMS_COL_DUE};
	static const enum qms_results_column need_steps[] = {QMS_COL_DOSSIER, QMS_COL_STEP, QMS_COL_START, QMS_COL_END};
	const enum qms_results_column *need = c->steps_file ? need_steps : need_export;
	size_t nneed = c->steps_file ? QMS_ARRAY_LEN(need_steps) : QMS_ARRAY_LEN(need_export);
	for (size_t i = 0; i < nneed; i++)
		if (c->col[need[i]] < 0) {
			problem(c, tr->line, 1, N_("the header has no column for this; rows of the file are not used"),
				qms_results_column_keys[need[i]]);
			c->file_bad = true;
		}
	if (!c->steps_file && c->col[QMS_COL_PROCEDURE] < 0 && c->col[QMS_COL_TTHC] < 0) {
		problem(c, tr->line, 1, N_("the header has no column for this; rows of the file are not used"),
			"procedure | tthc");
		c->file_bad = true;
	}
}

static int on_export_row(void *ctx, const struct qms_tabrow *tr)
{
	struct ctx *c = ctx;
	if (!c->header_seen) {
		c->header_seen = true;
		read_header(c, tr);
		return 0;
	}
	struct qms_results *r = c->r;
	r->rows_read++;
	if (c->file_bad) {
		r->rows_rejected++;
		return 0;
	}
	struct row rw = {0};
	rw.finished = -1;
	int rc = read_date(c, tr, QMS_COL_RECEIVED, &rw.received, &rw.rmin, N_("no date of receipt"));
	if (rc == 0)
		rc = read_date(c, tr, QMS_COL_DUE, &rw.due, &(int){0}, N_("no due date"));
	if (rc == 0) {
		rc = read_date(c, tr, QMS_COL_FINISHED, &rw.finished, &rw.fmin, NULL);
		if (rc == 1)
			rw.finished = -1, rc = 0;
	}
	if (rc < 0) {
		r->rows_rejected++;
		return 0;
	}
	const char *v;
	rw.dossier = field(tr, c, QMS_COL_DOSSIER);
	rw.codes[0] = field(tr, c, QMS_COL_PROCEDURE);
	rw.codes[1] = field(tr, c, QMS_COL_TTHC);
	rw.agency = (v = field(tr, c, QMS_COL_AGENCY)) ? v : "";
	rw.field = (v = field(tr, c, QMS_COL_FIELD)) ? v : "";
	rw.level = field(tr, c, QMS_COL_LEVEL);
	rw.returned = (v = field(tr, c, QMS_COL_STATUS)) && status_returned(c, v);
	rw.apology = (v = field(tr, c, QMS_COL_APOLOGY)) && yes(v);
	if ((!rw.codes[0] || !*rw.codes[0]) && (!rw.codes[1] || !*rw.codes[1])) {
		problem(c, tr->line,
			field_col(tr, c, c->col[QMS_COL_PROCEDURE] >= 0 ? QMS_COL_PROCEDURE : QMS_COL_TTHC),
			N_("no procedure code"), NULL);
		r->rows_rejected++;
		return 0;
	}
	r->rows_used++;
	use_row(c, tr, &rw);
	return 0;
}

/* ---- step events ---- */

static size_t find_step(const struct qms_results_group *g, const char *id)
{
	for (size_t i = 0; i < g->nsteps; i++)
		if (strcmp(g->steps[i].id, id) == 0 || strcmp(g->steps[i].name, id) == 0)
			return i;
	return SIZE_MAX;
}

static void fault(struct ctx *c, enum qms_results_fault k, const char *dossier, const char *step)
{
	struct qms_results *r = c->r;
	r->faults[k]++;
	if (r->nfault_examples[k] < QMS_RESULTS_MAX_EXAMPLES)
		r->fault_examples[k][r->nfault_examples[k]++] = qms_arena_printf(&r->arena, "%s: %s", dossier, step);
}

/* The events of one dossier are all read: skipped steps. */
static void end_dossier(struct ctx *c)
{
	if (!c->ev_dossier)
		return;
	if (c->ev_group != SIZE_MAX) {
		const struct qms_results_group *g = &c->g[QMS_RD_PROCEDURE].items[c->ev_group];
		const size_t *seen = (const size_t *)c->ev_steps.buf;
		size_t nseen = c->ev_steps.len / sizeof(size_t);
		for (size_t i = 0; i < g->nsteps; i++) {
			if (!g->steps[i].required)
				continue;
			bool found = false;
			for (size_t k = 0; k < nseen && !found; k++)
				found = seen[k] == i;
			if (!found)
				fault(c, QMS_FAULT_SKIPPED, c->ev_dossier, g->steps[i].id);
		}
	}
	free(c->ev_dossier);
	c->ev_dossier = NULL;
	qms_buf_reset(&c->ev_steps);
}

static void start_dossier(struct ctx *c, const struct qms_tabrow *tr, const char *dossier)
{
	end_dossier(c);
	c->ev_dossier = qms_xstrdup(dossier);
	c->ev_group = SIZE_MAX;
	c->ev_late = false;
	c->r->step_dossiers++;
	const char *code = field(tr, c, QMS_COL_PROCEDURE);
	if (!code || !*code)
		code = field(tr, c, QMS_COL_TTHC);
	size_t v = qms_strmap_get(&c->dossier_proc, dossier);
	if (v != SIZE_MAX) {
		c->ev_group = v / 2;
		c->ev_late = v % 2;
	}
	if (code && *code) {
		struct row rw = {.codes = {code, NULL}};
		size_t wi = match(c, &rw);
		c->ev_group = wi != SIZE_MAX ? proc_group(c, wi) : SIZE_MAX;
	}
	if (c->ev_group == SIZE_MAX)
		problem(c, tr->line, field_col(tr, c, QMS_COL_DOSSIER),
			N_("step events of a dossier whose procedure is not known"), dossier);
	else
		c->g[QMS_RD_PROCEDURE].items[c->ev_group].step_dossiers++;
}

static int on_step_row(void *ctx, const struct qms_tabrow *tr)
{
	struct ctx *c = ctx;
	if (!c->header_seen) {
		c->header_seen = true;
		read_header(c, tr);
		return 0;
	}
	c->r->step_rows++;
	if (c->file_bad)
		return 0;
	const char *dossier = field(tr, c, QMS_COL_DOSSIER), *step = field(tr, c, QMS_COL_STEP);
	if (!dossier || !*dossier || !step || !*step) {
		problem(c, tr->line, field_col(tr, c, dossier && *dossier ? QMS_COL_STEP : QMS_COL_DOSSIER),
			N_("a step event without a dossier or a step"), NULL);
		return 0;
	}
	int32_t sd, ed;
	int sm, em;
	if (read_date(c, tr, QMS_COL_START, &sd, &sm, N_("no start time")) < 0)
		return 0;
	int rc = read_date(c, tr, QMS_COL_END, &ed, &em, NULL);
	if (rc < 0)
		return 0;
	if (!c->ev_dossier || strcmp(c->ev_dossier, dossier) != 0)
		start_dossier(c, tr, dossier);
	if (c->ev_group == SIZE_MAX)
		return 0;
	struct qms_results_group *g = &c->g[QMS_RD_PROCEDURE].items[c->ev_group];
	size_t si = find_step(g, step);
	if (si == SIZE_MAX) {
		fault(c, QMS_FAULT_UNKNOWN_STEP, dossier, step);
		return 0;
	}
	size_t nseen = c->ev_steps.len / sizeof(size_t);
	if (nseen && ((const size_t *)c->ev_steps.buf)[nseen - 1] > si)
		fault(c, QMS_FAULT_ORDER, dossier, step);
	if (nseen < 4096)
		qms_buf_add(&c->ev_steps, (const char *)&si, sizeof(si));
	if (rc == 1)
		return 0; /* not ended yet */
	struct qms_results_step *s = &g->steps[si];
	long v = working_minutes(c, sd, sm, ed, em);
	hist_add(&s->hist, v);
	if (c->ev_late && s->has_duration && !qms_duration_is_calendar(&s->duration)) {
		double plan = limit_minutes(&s->duration, c->wh);
		if (s->duration.unit == QMS_UNIT_WORKING_DAYS)
			plan = s->duration.amount * c->wh * 60;
		if ((double)v > plan)
			s->excess_minutes += (uint64_t)((double)v - plan);
	}
	return 0;
}

/* ---- the run ---- */

static int read_parallel(struct ctx *c, const char *path, char **err);

static int read_file(struct ctx *c, const char *path, qms_tabrow_fn fn, char **err)
{
	if (fn == on_export_row) {
		int p = read_parallel(c, path, err);
		if (p <= 0)
			return p;
	}
	c->file = intern(c, path);
	c->header_seen = false;
	c->file_bad = false;
	char *why = NULL;
	int rc = qms_tabread_is_zip(path) ? qms_xlsx_read_file(path, fn, on_read_error, c, &why)
					  : qms_csv_read_file(path, fn, on_read_error, c, &why);
	if (rc < 0) {
		qms_error(err, (enum qms_err)rc, "%s: %s", path, why);
		free(why);
		return rc;
	}
	return 0;
}

/* ---- one CSV file in several threads ---- */

#define PARALLEL_MIN_SIZE (8 << 20)
#define MAX_WORKERS 16

struct worker {
	struct ctx c;
	struct qms_results r;
	struct qms_csv_range rg;
	const char *path;
	int rc;
	char *err;
};

static void ctx_worker_init(struct ctx *w, const struct ctx *main, struct qms_results *r)
{
	*w = *main;
	w->r = r;
	memset(r, 0, sizeof(*r));
	r->from = main->r->from;
	r->to = main->r->to;
	r->has_workspace = main->r->has_workspace;
	memset(w->g, 0, sizeof(w->g));
	memset(&w->status_class, 0, sizeof(w->status_class));
	memset(&w->level_class, 0, sizeof(w->level_class));
	w->pgroup = qms_xmalloc((main->nprocs + 1) * sizeof(size_t));
	for (size_t i = 0; i <= main->nprocs; i++)
		w->pgroup[i] = SIZE_MAX;
}

static void *worker_run(void *arg)
{
	struct worker *wk = arg;
	wk->rc = qms_csv_read_range(wk->path, &wk->rg, on_export_row, on_read_error, &wk->c, &wk->err);
	return NULL;
}

static void *worker_thread(void *arg)
{
	worker_run(arg);
	qms_thread_cache_release();
	return NULL;
}

static void counts_add(struct qms_results_counts *a, const struct qms_results_counts *b)
{
	a->received += b->received, a->carried += b->carried, a->resolved += b->resolved;
	a->before += b->before, a->on_due += b->on_due, a->late += b->late;
	a->open_within += b->open_within, a->open_late += b->open_late;
	a->returned += b->returned, a->late_apology += b->late_apology;
}

static void hist_merge(struct qms_results_hist *a, const struct qms_results_hist *b)
{
	if (b->nbins > a->nbins) {
		a->bins = qms_xrealloc(a->bins, b->nbins * sizeof(*a->bins));
		memset(a->bins + a->nbins, 0, (b->nbins - a->nbins) * sizeof(*a->bins));
		a->nbins = b->nbins;
	}
	for (size_t i = 0; i < b->nbins; i++)
		a->bins[i] += b->bins[i];
	a->n += b->n;
	a->over += b->over;
	if (b->max > a->max)
		a->max = b->max;
}

/* Add what worker w read (its lines start after `offset` lines) to c. */
static void merge_worker(struct ctx *c, struct worker *w, unsigned long offset)
{
	struct qms_results *r = c->r, *s = &w->r;
	r->rows_read += s->rows_read, r->rows_used += s->rows_used;
	r->rows_rejected += s->rows_rejected, r->rows_outside += s->rows_outside;
	r->unmatched_rows += s->unmatched_rows;
	counts_add(&r->total, &s->total);
	for (size_t i = 0; i < s->nproblems; i++) {
		const struct qms_results_problem *p = &s->problems[i];
		if (p->msgid == unmatched_msgid && p->detail) {
			size_t n = strlen(p->detail);
			size_t g = ftab_get(&c->g[QMS_RD_PROCEDURE].map, p->detail, n, fhash(p->detail, n));
			if (g != SIZE_MAX && c->g[QMS_RD_PROCEDURE].items[g].rows) {
				s->nproblems_total--;
				for (size_t k = 0; k < s->nkinds; k++)
					if (s->kinds[k].msgid == p->msgid)
						s->kinds[k].n--;
				continue;
			}
		}
		problem_in(c, p->line ? p->line + offset : 0, p->col, p->msgid, p->column, p->detail);
		r->nproblems_total--; /* counted below */
		for (size_t k = 0; k < r->nkinds; k++)
			if (r->kinds[k].msgid == p->msgid)
				r->kinds[k].n--;
	}
	r->nproblems_total += s->nproblems_total;
	for (size_t k = 0; k < s->nkinds; k++) {
		size_t j = 0;
		while (j < r->nkinds && r->kinds[j].msgid != s->kinds[k].msgid)
			j++;
		if (j == r->nkinds && j < QMS_ARRAY_LEN(r->kinds))
			r->kinds[r->nkinds++].msgid = s->kinds[k].msgid;
		if (j < QMS_ARRAY_LEN(r->kinds))
			r->kinds[j].n += s->kinds[k].n;
	}
	for (size_t i = 0; i < s->nlate && r->nlate < QMS_RESULTS_MAX_LATE; i++) {
		if (!r->late)
			r->late = qms_arena_alloc(&r->arena, QMS_RESULTS_MAX_LATE * sizeof(*r->late));
		r->late[r->nlate++] = s->late[i];
	}
	r->nlate_total += s->nlate_total;
	for (int d = 0; d < QMS_RD_COUNT; d++) {
		struct grouping *wg = &w->c.g[d];
		for (size_t i = 0; i < wg->n; i++) {
			const struct qms_results_group *src = &wg->items[i];
			size_t gi = group_find(c, (enum qms_results_dim)d, src->key);
			struct qms_results_group *dst = &c->g[d].items[gi];
			if (src->matched && !dst->matched) {
				struct qms_results_group keep = *dst;
				*dst = *src;
				memset(&dst->c, 0, sizeof(dst->c));
				memset(&dst->hist, 0, sizeof(dst->hist));
				dst->over_committed = dst->over_statutory = 0;
				dst->key = keep.key;
				dst->rows = keep.rows;
				dst->first_file = keep.first_file;
				dst->first_line = keep.first_line;
			}
			if (!dst->rows && src->rows) {
				dst->first_file = src->first_file;
				dst->first_line = src->first_line + offset;
			}
			if (!dst->level)
				dst->level = src->level;
			if (!dst->name)
				dst->name = src->name;
			counts_add(&dst->c, &src->c);
			hist_merge(&dst->hist, &src->hist);
			dst->rows += src->rows;
			dst->over_committed += src->over_committed;
			dst->over_statutory += src->over_statutory;
		}
	}
}

static void worker_release(struct ctx *main, struct worker *w)
{
	for (int d = 0; d < QMS_RD_COUNT; d++) {
		for (size_t i = 0; i < w->c.g[d].n; i++)
			free(w->c.g[d].items[i].hist.bins);
		free(w->c.g[d].items);
		ftab_release(&w->c.g[d].map);
	}
	ftab_release(&w->c.status_class);
	ftab_release(&w->c.level_class);
	free(w->c.pgroup);
	/* strings merged into main point into the worker's arena */
	qms_arena_adopt(&main->r->arena, &w->r.arena);
	free(w->err);
}

/* The first line start at or after `off`, or size. */
static int64_t line_start(int fd, int64_t off, int64_t size)
{
	char buf[65536];
	if (off <= 0)
		return 0;
	for (int64_t at = off - 1; at < size;) {
		ssize_t n = pread(fd, buf, sizeof(buf), (off_t)at);
		if (n <= 0)
			return size;
		const char *nl = memchr(buf, '\n', (size_t)n);
		if (nl)
			return at + (nl - buf) + 1;
		at += n;
	}
	return size;
}

static uint64_t count_quotes(int fd, int64_t from, int64_t to)
{
	char buf[65536];
	uint64_t q = 0;
	while (from < to) {
		size_t want = (size_t)(to - from < (int64_t)sizeof(buf) ? to - from : (int64_t)sizeof(buf));
		ssize_t n = pread(fd, buf, want, (off_t)from);
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			q += buf[i] == '"';
		from += n;
	}
	return q;
}

static unsigned job_count(const struct qms_results_options *opt)
{
	long n = opt->jobs ? (long)opt->jobs : sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_WORKERS ? MAX_WORKERS : (unsigned)n;
}

/* Read the CSV file at path in parallel. Returns 0, -1 with *err, or 1
 * when it must be read in one go (small, a bad header, or a quoted field
 * across the parts). */
static int read_parallel(struct ctx *c, const char *path, char **err)
{
	unsigned nw = job_count(c->opt);
	struct stat st;
	if (nw < 2 || c->opt->steps || stat(path, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < PARALLEL_MIN_SIZE ||
	    qms_tabread_is_zip(path))
		return 1;
	c->file = intern(c, path);
	c->header_seen = false;
	c->file_bad = false;
	struct qms_csv_range head = {.start = 0, .stop = 1, .first_line = 1};
	char *why = NULL;
	int rc = qms_csv_read_range(path, &head, on_export_row, on_read_error, c, &why);
	if (rc < 0) {
		qms_error(err, (enum qms_err)rc, "%s: %s", path, why);
		free(why);
		return rc;
	}
	if (c->file_bad || !c->header_seen)
		return 1; /* nothing was counted yet but header problems: read again in one go */
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 1;
	int64_t size = st.st_size, hend = head.next;
	int64_t bound[MAX_WORKERS + 1];
	bound[0] = hend;
	for (unsigned i = 1; i < nw; i++)
		bound[i] = line_start(fd, hend + (size - hend) / nw * (int64_t)i, size);
	bound[nw] = size;
	uint64_t quotes = count_quotes(fd, 0, hend);
	close(fd);
	struct worker *w = qms_xcalloc(nw, sizeof(*w));
	pthread_t th[MAX_WORKERS];
	bool started[MAX_WORKERS] = {0};
	for (unsigned i = 0; i < nw; i++) {
		ctx_worker_init(&w[i].c, c, &w[i].r);
		w[i].path = path;
		w[i].rg = (struct qms_csv_range){.start = bound[i],
						 .stop = bound[i + 1] > bound[i] ? bound[i + 1] : bound[i],
						 .delim = head.delim,
						 .first_line = 1};
		if (i > 0)
			started[i] = pthread_create(&th[i], NULL, worker_thread, &w[i]) == 0;
	}
	worker_run(&w[0]);
	for (unsigned i = 1; i < nw; i++)
		if (started[i])
			pthread_join(th[i], NULL);
		else
			worker_run(&w[i]);
	rc = 0;
	bool aligned = true;
	for (unsigned i = 0; i < nw; i++) {
		if (w[i].rc < 0 && rc == 0)
			rc = qms_error(err, (enum qms_err)w[i].rc, "%s: %s", path, w[i].err);
		quotes += w[i].rg.quotes;
		if (i + 1 < nw && (w[i].rg.next != bound[i + 1] || quotes % 2))
			aligned = false;
	}
	if (rc == 0 && aligned) {
		unsigned long offset = head.lines;
		for (unsigned i = 0; i < nw; i++) {
			merge_worker(c, &w[i], offset);
			offset += w[i].rg.lines;
		}
	}
	for (unsigned i = 0; i < nw; i++)
		worker_release(c, &w[i]);
	free(w);
	return rc < 0 ? rc : aligned ? 0 : 1;
}

static int group_cmp(const void *pa, const void *pb)
{
	const struct qms_results_group *a = pa, *b = pb;
	if (a->matched != b->matched)
		return a->matched ? -1 : 1;
	return strcmp(a->key, b->key);
}

static void finish(struct ctx *c)
{
	struct qms_results *r = c->r;
	for (int d = 0; d < QMS_RD_COUNT; d++) {
		struct grouping *g = &c->g[d];
		if (g->n > 1)
			qsort(g->items, g->n, sizeof(*g->items), group_cmp);
		/* the arrays move into the arena's keeping: copy */
		r->groups[d] = qms_arena_alloc(&r->arena, (g->n + 1) * sizeof(*g->items));
		if (g->n)
			memcpy(r->groups[d], g->items, g->n * sizeof(*g->items));
		r->ngroups[d] = g->n;
		free(g->items);
		ftab_release(&g->map);
	}
}

int qms_results_compute(struct qms_results *out, const struct qms_results_options *opt, char **err)
{
	memset(out, 0, sizeof(*out));
	out->from = opt->from;
	out->to = opt->to;
	struct ctx c = {.r = out, .opt = opt};
	qms_buf_init(&c.ev_steps);
	int rc = 0;
	if (opt->root) {
		rc = load_workspace(&c, err);
		out->has_workspace = rc == 0;
	}
	if (!c.cal) {
		qms_calendar_init(&c.own_cal, 8);
		c.cal = &c.own_cal;
		c.wh = 8;
	}
	out->workday_hours = c.wh;
	if (rc == 0)
		build_cum(&c);
	c.pgroup = qms_xmalloc((c.nprocs + 1) * sizeof(size_t));
	for (size_t i = 0; i <= c.nprocs; i++)
		c.pgroup[i] = SIZE_MAX;
	for (size_t i = 0; rc == 0 && i < opt->nexports; i++)
		rc = read_file(&c, opt->exports[i], on_export_row, err);
	if (rc == 0 && opt->steps) {
		out->has_steps = true;
		c.steps_file = true;
		rc = read_file(&c, opt->steps, on_step_row, err);
		end_dossier(&c);
		/* the steps of the procedures live in the arena; their histograms are freed in release */
	}
	finish(&c);
	/* histogram bins are heap memory referenced from the groups: kept until release */
	free(c.cum);
	free(c.procs);
	free(c.pgroup);
	ftab_release(&c.codes);
	qms_strmap_release(&c.ag_level);
	ftab_release(&c.status_class);
	ftab_release(&c.level_class);
	qms_strmap_release(&c.dossier_proc);
	qms_arena_release(&c.dossier_arena);
	qms_buf_release(&c.ev_steps);
	free(c.ev_dossier);
	free(c.agencies);
	return rc;
}

void qms_results_release(struct qms_results *r)
{
	for (int d = 0; d < QMS_RD_COUNT; d++)
		for (size_t i = 0; i < r->ngroups[d]; i++) {
			struct qms_results_group *g = &r->groups[d][i];
			free(g->hist.bins);
			if (d == QMS_RD_PROCEDURE && g->matched)
				for (size_t s = 0; s < g->nsteps; s++) {
					free(g->steps[s].hist.bins);
					g->steps[s].hist.bins = NULL;
				}
		}
	qms_arena_release(&r->arena);
	memset(r, 0, sizeof(*r));
}

#include "diag.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct qms_rule rules[QMS_RULE_COUNT] = {
#define QMS_RULE(id, code, sev, name, what, fix) {code, QMS_##sev, name, what, fix},
#include "rules.def"
#undef QMS_RULE
};

const struct qms_rule *qms_rule_get(enum qms_rule_id id)
{
	return id < QMS_RULE_COUNT ? &rules[id] : NULL;
}

const struct qms_rule *qms_rule_find(const char *code)
{
	for (size_t i = 0; i < QMS_RULE_COUNT; i++)
		if (!strcasecmp(rules[i].code, code))
			return &rules[i];
	return NULL;
}

void qms_diags_init(struct qms_diags *d)
{
	d->items = NULL;
	d->len = d->cap = 0;
}

void qms_diags_release(struct qms_diags *d)
{
	for (size_t i = 0; i < d->len; i++) {
		free(d->items[i].file);
		free(d->items[i].message);
	}
	free(d->items);
	qms_diags_init(d);
}

static struct qms_diag *diags_push(struct qms_diags *d)
{
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = qms_xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	return &d->items[d->len++];
}

void qms_diags_vadd(struct qms_diags *d, const char *file, unsigned line, unsigned col, enum qms_rule_id rule,
		    const char *fmt, va_list ap)
{
	struct qms_buf msg;
	qms_buf_init(&msg);
	/* the English format is the msgid: diagnostics are translated here,
	 * once, for every caller */
	qms_buf_vprintf(&msg, qms_gettext(fmt), ap);
	struct qms_diag *diag = diags_push(d);
	diag->file = qms_xstrdup(file ? file : "");
	diag->line = line;
	diag->col = col;
	diag->end_line = diag->end_col = 0;
	diag->rule = rule;
	diag->message = qms_buf_detach(&msg);
}

void qms_diags_add(struct qms_diags *d, const char *file, unsigned line, unsigned col, enum qms_rule_id rule,
		   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qms_diags_vadd(d, file, line, col, rule, fmt, ap);
	va_end(ap);
}

void qms_diags_move(struct qms_diags *dst, struct qms_diags *src)
{
	for (size_t i = 0; i < src->len; i++)
		*diags_push(dst) = src->items[i];
	free(src->items);
	qms_diags_init(src);
}

static int diag_cmp(const void *pa, const void *pb)
{
	const struct qms_diag *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	c = strcmp(rules[a->rule].code, rules[b->rule].code);
	if (c)
		return c;
	return strcmp(a->message, b->message);
}

void qms_diags_sort(struct qms_diags *d)
{
	if (d->len > 1)
		qsort(d->items, d->len, sizeof(*d->items), diag_cmp);
	size_t out = 0;
	for (size_t i = 0; i < d->len; i++) {
		if (out && !diag_cmp(&d->items[out - 1], &d->items[i])) {
			free(d->items[i].file);
			free(d->items[i].message);
			continue;
		}
		d->items[out++] = d->items[i];
	}
	d->len = out;
}

size_t qms_diags_count(const struct qms_diags *d, enum qms_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < d->len; i++)
		n += rules[d->items[i].rule].severity == sev;
	return n;
}

const char *qms_severity_word(enum qms_severity sev)
{
	return sev == QMS_ERROR ? _("error") : _("warning");
}

void qms_diag_format(struct qms_buf *out, const struct qms_diag *diag)
{
	const struct qms_rule *r = &rules[diag->rule];
	/* file names and the values quoted in messages are anybody's bytes:
	 * made visible, and kept on one line */
	qms_buf_add_printable(out, diag->file, strlen(diag->file), false);
	qms_buf_printf(out, ":%u:%u: %s[%s]: ", diag->line, diag->col, qms_severity_word(r->severity), r->code);
	qms_buf_add_printable(out, diag->message, strlen(diag->message), false);
}

/* Diagnostics: the problems a check finds, as values. The library never
 * prints; callers own a `struct qms_diags` and decide what to do with it. */
#ifndef QMS_DIAG_H
#define QMS_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum qms_severity {
	QMS_ERROR,
	QMS_WARNING,
};

enum qms_rule_id {
#define QMS_RULE(id, code, sev, name, what, fix) QMS_RULE_##id,
#include "rules.def"
#undef QMS_RULE
	QMS_RULE_COUNT
};

struct qms_rule {
	const char *code;
	enum qms_severity severity;
	const char *name;
	const char *what;
	const char *fix;
};

/* The rule table, in documentation order. */
const struct qms_rule *qms_rule_get(enum qms_rule_id id);
/* NULL when no rule has this code (case-insensitive). */
const struct qms_rule *qms_rule_find(const char *code);

struct qms_diag {
	char *file; /* owned */
	unsigned line; /* 1-based; 0 when the problem has no position */
	unsigned col; /* 1-based, in characters */
	unsigned end_line; /* where the word or value ends; 0 until qms_diags_fill_ends() */
	unsigned end_col; /* just past its last character */
	enum qms_rule_id rule;
	char *message; /* owned; lower case, no final period */
};

struct qms_diags {
	struct qms_diag *items;
	size_t len;
	size_t cap;
};

void qms_diags_init(struct qms_diags *d);
void qms_diags_release(struct qms_diags *d);

void qms_diags_add(struct qms_diags *d, const char *file, unsigned line, unsigned col, enum qms_rule_id rule,
		   const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void qms_diags_vadd(struct qms_diags *d, const char *file, unsigned line, unsigned col, enum qms_rule_id rule,
		    const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* Move every item of src to the end of dst; src is left empty. */
void qms_diags_move(struct qms_diags *dst, struct qms_diags *src);

/* Sort by file, line, column, code, message: the order never depends on
 * the order in which work was done. Exact duplicates are dropped. */
void qms_diags_sort(struct qms_diags *d);

size_t qms_diags_count(const struct qms_diags *d, enum qms_severity sev);

/* "error" or "warning" in the language of messages. */
const char *qms_severity_word(enum qms_severity sev);

/* `file:line:col: error[CODE]: message` (the severity word translated),
 * on one line, with file and message through qms_buf_add_printable(). */
void qms_diag_format(struct qms_buf *out, const struct qms_diag *diag);

#endif

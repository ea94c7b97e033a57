/* Diagnostics written for people and for machines: text, JSON, SARIF
 * 2.1.0, GitHub workflow commands and GitLab Code Quality. Every writer
 * appends to a caller-owned buffer, in the order of the list (sort it
 * first), with messages as they were made (in the process-wide language).
 * The machine formats need the ends of the diagnostics
 * (qms_diags_fill_ends()). */
#ifndef QMS_DIAG_FORMAT_H
#define QMS_DIAG_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct qms_diag_output {
	const char *tool_version; /* "0.1.0" */
	const char *rules_uri; /* where docs/rules.md is installed (file:// URI), or NULL */
	size_t files; /* documents checked */
};

/* `file:line:col: severity[CODE]: message` lines (coloured with ANSI
 * escapes when color), then the count line. */
void qms_diags_write_text(struct qms_buf *out, const struct qms_diags *d, const struct qms_diag_output *o, bool color);
void qms_diags_write_json(struct qms_buf *out, const struct qms_diags *d, const struct qms_diag_output *o);
void qms_diags_write_sarif(struct qms_buf *out, const struct qms_diags *d, const struct qms_diag_output *o);
void qms_diags_write_github(struct qms_buf *out, const struct qms_diags *d);
void qms_diags_write_gitlab(struct qms_buf *out, const struct qms_diags *d);

/* One rule as JSON (`qms check --explain CODE --format json`), and every
 * rule (`--list-rules --format json`), in the process-wide language. */
void qms_rule_write_json(struct qms_buf *out, const struct qms_rule *r);
void qms_rules_write_json(struct qms_buf *out);

#endif

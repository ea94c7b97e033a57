#include "diag-format.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "json.h"

static const char *severity_name(const struct qms_rule *r)
{
	return r->severity == QMS_ERROR ? "error" : "warning";
}

void qms_diags_write_text(struct qms_buf *out, const struct qms_diags *d, const struct qms_diag_output *o, bool color)
{
	for (size_t i = 0; i < d->len; i++) {
		const struct qms_diag *g = &d->items[i];
		const struct qms_rule *rule = qms_rule_get(g->rule);
		if (color) {
			/* file names and values in messages are anybody's
			 * bytes: through the terminal escaper, as in
			 * qms_diag_format() */
			bool err = rule->severity == QMS_ERROR;
			qms_buf_adds(out, "\033[1m");
			qms_buf_add_printable(out, g->file, strlen(g->file), false);
			qms_buf_printf(out, ":%u:%u:\033[0m %s%s[%s]\033[0m: ", g->line, g->col,
				       err ? "\033[1;31m" : "\033[1;33m", qms_severity_word(rule->severity),
				       rule->code);
			qms_buf_add_printable(out, g->message, strlen(g->message), false);
			qms_buf_addc(out, '\n');
		} else {
			qms_diag_format(out, g);
			qms_buf_addc(out, '\n');
		}
	}
	size_t errors = qms_diags_count(d, QMS_ERROR);
	size_t warnings = qms_diags_count(d, QMS_WARNING);
	qms_buf_printf(out, o->files == 1 ? _("checked %zu file: ") : _("checked %zu files: "), o->files);
	if (!errors && !warnings) {
		qms_buf_printf(out, "%s\n", _("no problems"));
		return;
	}
	qms_buf_printf(out, errors == 1 ? _("%zu error") : _("%zu errors"), errors);
	qms_buf_adds(out, ", ");
	qms_buf_printf(out, warnings == 1 ? _("%zu warning") : _("%zu warnings"), warnings);
	qms_buf_addc(out, '\n');
}

static void position(struct qms_json *j, const struct qms_diag *g)
{
	qms_json_kv_int(j, "line", g->line);
	qms_json_kv_int(j, "column", g->col);
	qms_json_kv_int(j, "end_line", g->end_line ? g->end_line : g->line);
	qms_json_kv_int(j, "end_column", g->end_col ? g->end_col : g->col);
}

void qms_diags_write_json(struct qms_buf *out, const struct qms_diags *d, const struct qms_diag_output *o)
{
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_object(&j);
	qms_json_key(&j, "tool");
	qms_json_object(&j);
	qms_json_kv_string(&j, "name", "qms");
	qms_json_kv_string(&j, "version", o->tool_version);
	qms_json_end(&j);
	qms_json_kv_string(&j, "lang", qms_lang_get() == QMS_LANG_VI ? "vi" : "en");
	qms_json_kv_int(&j, "files", (long long)o->files);
	qms_json_kv_int(&j, "errors", (long long)qms_diags_count(d, QMS_ERROR));
	qms_json_kv_int(&j, "warnings", (long long)qms_diags_count(d, QMS_WARNING));
	qms_json_key(&j, "diagnostics");
	qms_json_array(&j);
	for (size_t i = 0; i < d->len; i++) {
		const struct qms_diag *g = &d->items[i];
		const struct qms_rule *rule = qms_rule_get(g->rule);
		qms_json_object(&j);
		qms_json_kv_string(&j, "file", g->file);
		position(&j, g);
		qms_json_kv_string(&j, "severity", severity_name(rule));
		qms_json_kv_string(&j, "code", rule->code);
		qms_json_kv_string(&j, "rule", rule->name);
		qms_json_kv_string(&j, "message", g->message);
		qms_json_end(&j);
	}
	qms_json_end(&j);
	qms_json_end(&j);
}

/* ---- SARIF 2.1.0 ---- */

static void lower_code(char *out, size_t n, const char *code)
{
	size_t i = 0;
	for (; code[i] && i + 1 < n; i++)
		out[i] = (char)tolower((unsigned char)code[i]);
	out[i] = '\0';
}

static void sarif_rule(struct qms_json *j, const struct qms_rule *r, const struct qms_diag_output *o)
{
	enum qms_lang other = qms_lang_get() == QMS_LANG_VI ? QMS_LANG_EN : QMS_LANG_VI;
	qms_json_object(j);
	qms_json_kv_string(j, "id", r->code);
	qms_json_kv_string(j, "name", r->name);
	qms_json_key(j, "shortDescription");
	qms_json_object(j);
	qms_json_kv_string(j, "text", _(r->what));
	qms_json_end(j);
	qms_json_key(j, "help");
	qms_json_object(j);
	qms_json_kv_string(j, "text", _(r->fix));
	qms_json_end(j);
	if (o->rules_uri) {
		char anchor[16];
		lower_code(anchor, sizeof(anchor), r->code);
		struct qms_buf uri;
		qms_buf_init(&uri);
		qms_buf_printf(&uri, "%s#%s", o->rules_uri, anchor);
		qms_json_kv_string(j, "helpUri", uri.buf);
		qms_buf_release(&uri);
	}
	qms_json_key(j, "defaultConfiguration");
	qms_json_object(j);
	qms_json_kv_string(j, "level", severity_name(r));
	qms_json_end(j);
	/* the help in the other language, for readers of both */
	qms_json_key(j, "properties");
	qms_json_object(j);
	qms_json_kv_string(j, other == QMS_LANG_VI ? "description-vi" : "description-en", qms_tr(other, r->what));
	qms_json_kv_string(j, other == QMS_LANG_VI ? "help-vi" : "help-en", qms_tr(other, r->fix));
	qms_json_end(j);
	qms_json_end(j);
}

static void sarif_result(struct qms_json *j, const struct qms_diag *g)
{
	const struct qms_rule *rule = qms_rule_get(g->rule);
	qms_json_object(j);
	qms_json_kv_string(j, "ruleId", rule->code);
	qms_json_kv_int(j, "ruleIndex", (long long)g->rule);
	qms_json_kv_string(j, "level", severity_name(rule));
	qms_json_key(j, "message");
	qms_json_object(j);
	qms_json_kv_string(j, "text", g->message);
	qms_json_end(j);
	qms_json_key(j, "locations");
	qms_json_array(j);
	qms_json_object(j);
	qms_json_key(j, "physicalLocation");
	qms_json_object(j);
	qms_json_key(j, "artifactLocation");
	qms_json_object(j);
	qms_json_kv_string(j, "uri", g->file);
	qms_json_end(j);
	if (g->line) {
		qms_json_key(j, "region");
		qms_json_object(j);
		qms_json_kv_int(j, "startLine", g->line);
		qms_json_kv_int(j, "startColumn", g->col ? g->col : 1);
		qms_json_kv_int(j, "endLine", g->end_line ? g->end_line : g->line);
		qms_json_kv_int(j, "endColumn", g->end_col ? g->end_col : (g->col ? g->col : 1) + 1);
		qms_json_end(j);
	}
	qms_json_end(j);
	qms_json_end(j);
	qms_json_end(j);
	qms_json_end(j);
}

void qms_diags_write_sarif(struct qms_buf *out, const struct qms_diags *d, const struct qms_diag_output *o)
{
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_object(&j);
	qms_json_kv_string(&j, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	qms_json_kv_string(&j, "version", "2.1.0");
	qms_json_key(&j, "runs");
	qms_json_array(&j);
	qms_json_object(&j);
	qms_json_key(&j, "tool");
	qms_json_object(&j);
	qms_json_key(&j, "driver");
	qms_json_object(&j);
	qms_json_kv_string(&j, "name", "qms");
	qms_json_kv_string(&j, "version", o->tool_version);
	qms_json_kv_string(&j, "language", qms_lang_get() == QMS_LANG_VI ? "vi" : "en");
	qms_json_key(&j, "rules");
	qms_json_array(&j);
	for (int i = 0; i < QMS_RULE_COUNT; i++)
		sarif_rule(&j, qms_rule_get((enum qms_rule_id)i), o);
	qms_json_end(&j);
	qms_json_end(&j);
	qms_json_end(&j);
	qms_json_kv_string(&j, "columnKind", "unicodeCodePoints");
	qms_json_key(&j, "results");
	qms_json_array(&j);
	for (size_t i = 0; i < d->len; i++)
		sarif_result(&j, &d->items[i]);
	qms_json_end(&j);
	qms_json_end(&j);
	qms_json_end(&j);
	qms_json_end(&j);
}

/* ---- GitHub workflow commands ---- */

/* The escaping of workflow commands: `%`, CR and LF in data, and also
 * `:` and `,` in property values. */
static void github_escape(struct qms_buf *out, const char *text, bool property)
{
	/* a CI log is a terminal too: control characters made visible */
	struct qms_buf shown;
	qms_buf_init(&shown);
	qms_buf_add_printable(&shown, text, strlen(text), false);
	for (const char *s = shown.buf; *s; s++) {
		switch (*s) {
		case '%': qms_buf_adds(out, "%25"); break;
		case '\r': qms_buf_adds(out, "%0D"); break;
		case '\n': qms_buf_adds(out, "%0A"); break;
		case ':': qms_buf_adds(out, property ? "%3A" : ":"); break;
		case ',': qms_buf_adds(out, property ? "%2C" : ","); break;
		default: qms_buf_addc(out, *s); break;
		}
	}
	qms_buf_release(&shown);
}

void qms_diags_write_github(struct qms_buf *out, const struct qms_diags *d)
{
	for (size_t i = 0; i < d->len; i++) {
		const struct qms_diag *g = &d->items[i];
		const struct qms_rule *rule = qms_rule_get(g->rule);
		qms_buf_printf(out, "::%s file=", severity_name(rule));
		github_escape(out, g->file, true);
		if (g->line) {
			qms_buf_printf(out, ",line=%u,col=%u", g->line, g->col);
			if (g->end_line)
				qms_buf_printf(out, ",endLine=%u,endColumn=%u", g->end_line, g->end_col);
		}
		qms_buf_adds(out, ",title=");
		struct qms_buf title;
		qms_buf_init(&title);
		qms_buf_printf(&title, "qms %s %s", rule->code, rule->name);
		github_escape(out, title.buf, true);
		qms_buf_release(&title);
		qms_buf_adds(out, "::");
		github_escape(out, g->message, false);
		qms_buf_addc(out, '\n');
	}
}

/* ---- GitLab Code Quality ---- */

static unsigned long long fnv1a(unsigned long long h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h ^ 0xff; /* a separator between fields */
}

void qms_diags_write_gitlab(struct qms_buf *out, const struct qms_diags *d)
{
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_array(&j);
	for (size_t i = 0; i < d->len; i++) {
		const struct qms_diag *g = &d->items[i];
		const struct qms_rule *rule = qms_rule_get(g->rule);
		char line[32], fp[40];
		snprintf(line, sizeof(line), "%u:%u", g->line, g->col);
		unsigned long long h =
			fnv1a(fnv1a(fnv1a(fnv1a(14695981039346656037ULL, g->file), line), rule->code), g->message);
		snprintf(fp, sizeof(fp), "%016llx", h);
		qms_json_object(&j);
		qms_json_kv_string(&j, "description", g->message);
		qms_json_kv_string(&j, "check_name", rule->code);
		qms_json_kv_string(&j, "fingerprint", fp);
		qms_json_kv_string(&j, "severity", rule->severity == QMS_ERROR ? "major" : "minor");
		qms_json_key(&j, "location");
		qms_json_object(&j);
		qms_json_kv_string(&j, "path", g->file);
		qms_json_key(&j, "lines");
		qms_json_object(&j);
		qms_json_kv_int(&j, "begin", g->line ? g->line : 1);
		qms_json_kv_int(&j, "end", g->end_line ? g->end_line : (g->line ? g->line : 1));
		qms_json_end(&j);
		qms_json_end(&j);
		qms_json_end(&j);
	}
	qms_json_end(&j);
}

/* ---- rules ---- */

static void rule_object(struct qms_json *j, const struct qms_rule *r)
{
	qms_json_object(j);
	qms_json_kv_string(j, "code", r->code);
	qms_json_kv_string(j, "severity", severity_name(r));
	qms_json_kv_string(j, "name", r->name);
	qms_json_kv_string(j, "what", _(r->what));
	qms_json_kv_string(j, "fix", _(r->fix));
	qms_json_end(j);
}

void qms_rule_write_json(struct qms_buf *out, const struct qms_rule *r)
{
	struct qms_json j;
	qms_json_init(&j, out, true);
	rule_object(&j, r);
}

void qms_rules_write_json(struct qms_buf *out)
{
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_array(&j);
	for (int i = 0; i < QMS_RULE_COUNT; i++)
		rule_object(&j, qms_rule_get((enum qms_rule_id)i));
	qms_json_end(&j);
}

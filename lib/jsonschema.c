#include "jsonschema.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "json.h"
#include "schema.h"

/* The patterns of the scalar types. Loose where the language is rich
 * (durations: `4 giờ`, `1,5 ngày làm việc`, `trong ngày`): the editor
 * catches a missing unit, `qms check` the rest. */
#define ID_PATTERN "^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$"
#define DATE_PATTERN "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#define DURATION_PATTERN "^([0-9]+([.,][0-9]+)?\\s*\\S.*|.*ngày.*|same( working)? day|<.*>)$"
#define CLOCK_PATTERN "^[0-9]{1,2}(:[0-9]{2}|\\s*(h|giờ))$"
#define PERCENT_PATTERN "^[0-9]+([.,][0-9]+)?\\s*%$"
#define CLAUSE_PATTERN "^[0-9]+(\\.[0-9]+)*$"

static void description(struct qms_json *j, const char *doc)
{
	if (!doc)
		return;
	const char *vi = qms_tr(QMS_LANG_VI, doc);
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_adds(&b, doc);
	if (strcmp(vi, doc))
		qms_buf_printf(&b, " — %s", vi);
	qms_json_kv_string(j, "description", b.buf);
	qms_buf_release(&b);
}

static void string_with(struct qms_json *j, const char *pattern, bool numbers_too)
{
	qms_json_key(j, "type");
	if (numbers_too) {
		/* YAML reads `8.1` and `2020` as numbers */
		qms_json_array(j);
		qms_json_string(j, "string");
		qms_json_string(j, "number");
		qms_json_end(j);
	} else {
		qms_json_string(j, "string");
	}
	if (pattern)
		qms_json_kv_string(j, "pattern", pattern);
}

static void scalar(struct qms_json *j, const struct qms_field *f)
{
	switch (f->type) {
	case QMS_T_TEXT: string_with(j, NULL, true); break;
	case QMS_T_ID: string_with(j, ID_PATTERN, false); break;
	case QMS_T_DATE: string_with(j, DATE_PATTERN, false); break;
	case QMS_T_DURATION: string_with(j, DURATION_PATTERN, false); break;
	case QMS_T_PERCENT: string_with(j, PERCENT_PATTERN, false); break;
	case QMS_T_CLOCK: string_with(j, CLOCK_PATTERN, false); break;
	case QMS_T_CLAUSE: string_with(j, CLAUSE_PATTERN, true); break;
	case QMS_T_INT:
	case QMS_T_NUMBER:
		qms_json_kv_string(j, "type", f->type == QMS_T_INT ? "integer" : "number");
		if (f->max > f->min) {
			qms_json_key(j, "minimum");
			qms_json_int(j, (long long)f->min);
			qms_json_key(j, "maximum");
			qms_json_int(j, (long long)f->max);
		}
		break;
	case QMS_T_CHOICE:
		qms_json_key(j, "enum");
		qms_json_array(j);
		for (size_t i = 0; f->choices[i]; i++)
			qms_json_string(j, f->choices[i]);
		qms_json_end(j);
		break;
	case QMS_T_MAP: {
		char ref[128];
		snprintf(ref, sizeof(ref), "#/definitions/%s", f->schema->name);
		for (char *p = ref; *p; p++)
			if (*p == ' ')
				*p = '-';
		qms_json_kv_string(j, "$ref", ref);
		break;
	}
	}
}

static void field(struct qms_json *j, const struct qms_field *f)
{
	qms_json_key(j, f->key);
	qms_json_object(j);
	description(j, f->doc);
	if (f->flags & QMS_F_LIST) {
		if (f->flags & QMS_F_ONE_OR_LIST) {
			qms_json_key(j, "anyOf");
			qms_json_array(j);
			qms_json_object(j);
			scalar(j, f);
			qms_json_end(j);
			qms_json_object(j);
		}
		qms_json_kv_string(j, "type", "array");
		qms_json_key(j, "items");
		qms_json_object(j);
		scalar(j, f);
		qms_json_end(j);
		if (f->flags & QMS_F_ONE_OR_LIST) {
			qms_json_end(j);
			qms_json_end(j);
		}
	} else {
		scalar(j, f);
	}
	qms_json_end(j);
}

/* An object of a table: its keys, the required ones, no other. */
static void object(struct qms_json *j, const struct qms_schema *s)
{
	qms_json_kv_string(j, "type", "object");
	qms_json_key(j, "properties");
	qms_json_object(j);
	for (const struct qms_field *f = s->fields; f->key; f++)
		field(j, f);
	qms_json_end(j);
	qms_json_key(j, "required");
	qms_json_array(j);
	for (const struct qms_field *f = s->fields; f->key; f++)
		if (f->flags & QMS_F_REQUIRED)
			qms_json_string(j, f->key);
	qms_json_end(j);
	qms_json_key(j, "additionalProperties");
	qms_json_bool(j, false);
}

/* Every table reachable from s, once, in the order met. */
static void collect(const struct qms_schema *s, const struct qms_schema **seen, size_t *n, size_t cap)
{
	for (size_t i = 0; i < *n; i++)
		if (seen[i] == s)
			return;
	if (*n == cap)
		return;
	seen[(*n)++] = s;
	for (const struct qms_field *f = s->fields; f->key; f++)
		if (f->type == QMS_T_MAP)
			collect(f->schema, seen, n, cap);
}

void qms_jsonschema_write(struct qms_buf *out, enum qms_kind kind)
{
	const struct qms_kind_info *k = qms_kind_info(kind);
	const struct qms_schema *seen[128];
	size_t n = 0;
	collect(k->root, seen, &n, QMS_ARRAY_LEN(seen));
	struct qms_json j;
	qms_json_init(&j, out, true);
	qms_json_object(&j);
	qms_json_kv_string(&j, "$schema", "http://json-schema.org/draft-07/schema#");
	char title[128];
	snprintf(title, sizeof(title), "qms %s", k->key);
	qms_json_kv_string(&j, "title", title);
	object(&j, k->root);
	qms_json_key(&j, "definitions");
	qms_json_object(&j);
	for (size_t i = 1; i < n; i++) {
		char name[128];
		snprintf(name, sizeof(name), "%s", seen[i]->name);
		for (char *p = name; *p; p++)
			if (*p == ' ')
				*p = '-';
		qms_json_key(&j, name);
		qms_json_object(&j);
		object(&j, seen[i]);
		qms_json_end(&j);
	}
	qms_json_end(&j);
	qms_json_end(&j);
}

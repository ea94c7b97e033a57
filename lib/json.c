#include "json.h"

#include <stdlib.h>

#include "values.h"

void qms_json_init(struct qms_json *j, struct qms_buf *out, bool pretty)
{
	j->out = out;
	j->pretty = pretty;
	j->fragment = false;
	j->depth = 0;
	j->first[0] = true;
	j->one_line[0] = false;
	j->after_key = false;
}

void qms_json_init_fragment(struct qms_json *j, struct qms_buf *out)
{
	qms_json_init(j, out, true);
	j->fragment = true;
}

/* A new line, indented by the multi-line containers open around it. */
static void indent(struct qms_json *j)
{
	if (!j->pretty)
		return;
	qms_buf_addc(j->out, '\n');
	for (int i = 1; i <= j->depth; i++)
		if (!j->one_line[i])
			qms_buf_adds(j->out, "  ");
}

/* Before a member: the comma, and the space or the new line it needs. */
static void separate(struct qms_json *j)
{
	if (j->depth > 0) {
		bool first = j->first[j->depth];
		if (!first)
			qms_buf_addc(j->out, ',');
		if (!j->one_line[j->depth])
			indent(j);
		else if (!first && j->pretty)
			qms_buf_addc(j->out, ' ');
	}
	j->first[j->depth] = false;
}

/* Before a value: its separator, unless it follows its key. */
static void before_value(struct qms_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0 && j->is_object[j->depth]) /* a member of an object needs its key */
		abort();
	separate(j);
}

static void open(struct qms_json *j, char c, bool object, bool one_line)
{
	before_value(j);
	if (j->depth + 1 >= QMS_JSON_DEPTH)
		abort();
	qms_buf_addc(j->out, c);
	j->depth++;
	j->first[j->depth] = true;
	j->is_object[j->depth] = object;
	j->one_line[j->depth] = one_line;
}

void qms_json_object(struct qms_json *j)
{
	open(j, '{', true, false);
}

void qms_json_array(struct qms_json *j)
{
	open(j, '[', false, false);
}

void qms_json_object_inline(struct qms_json *j)
{
	open(j, '{', true, true);
}

void qms_json_array_inline(struct qms_json *j)
{
	open(j, '[', false, true);
}

void qms_json_end(struct qms_json *j)
{
	if (j->depth == 0 || j->after_key)
		abort();
	bool empty = j->first[j->depth];
	bool one_line = j->one_line[j->depth];
	char c = j->is_object[j->depth] ? '}' : ']';
	j->depth--;
	if (!empty && !one_line)
		indent(j);
	qms_buf_addc(j->out, c);
	if (j->depth == 0 && !j->fragment)
		qms_buf_addc(j->out, '\n');
}

void qms_json_key(struct qms_json *j, const char *key)
{
	if (j->depth == 0 || !j->is_object[j->depth] || j->after_key)
		abort();
	separate(j);
	qms_buf_add_json_string(j->out, key);
	qms_buf_adds(j->out, j->pretty ? ": " : ":");
	j->after_key = true;
}

void qms_json_string(struct qms_json *j, const char *s)
{
	before_value(j);
	if (s)
		qms_buf_add_json_string(j->out, s);
	else
		qms_buf_adds(j->out, "null");
}

void qms_json_int(struct qms_json *j, long long v)
{
	before_value(j);
	qms_buf_printf(j->out, "%lld", v);
}

void qms_json_uint(struct qms_json *j, unsigned long long v)
{
	before_value(j);
	qms_buf_printf(j->out, "%llu", v);
}

void qms_json_decimal(struct qms_json *j, long long v, unsigned places)
{
	before_value(j);
	unsigned long long scale = 1, mag = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	for (unsigned i = 0; i < places && i < 9; i++)
		scale *= 10;
	if (v < 0)
		qms_buf_addc(j->out, '-');
	qms_buf_printf(j->out, "%llu", mag / scale);
	if (scale > 1)
		qms_buf_printf(j->out, ".%0*llu", (int)(places < 9 ? places : 9), mag % scale);
}

void qms_json_date(struct qms_json *j, int32_t days)
{
	char s[11];
	if (days < 0) {
		qms_json_null(j);
		return;
	}
	qms_date_format(s, days);
	qms_json_string(j, s);
}

void qms_json_bool(struct qms_json *j, bool v)
{
	before_value(j);
	qms_buf_adds(j->out, v ? "true" : "false");
}

void qms_json_null(struct qms_json *j)
{
	before_value(j);
	qms_buf_adds(j->out, "null");
}

void qms_json_kv_string(struct qms_json *j, const char *key, const char *s)
{
	qms_json_key(j, key);
	qms_json_string(j, s);
}

void qms_json_kv_int(struct qms_json *j, const char *key, long long v)
{
	qms_json_key(j, key);
	qms_json_int(j, v);
}

void qms_json_kv_uint(struct qms_json *j, const char *key, unsigned long long v)
{
	qms_json_key(j, key);
	qms_json_uint(j, v);
}

void qms_json_kv_bool(struct qms_json *j, const char *key, bool v)
{
	qms_json_key(j, key);
	qms_json_bool(j, v);
}

void qms_json_kv_null(struct qms_json *j, const char *key)
{
	qms_json_key(j, key);
	qms_json_null(j);
}

void qms_json_kv_date(struct qms_json *j, const char *key, int32_t days)
{
	qms_json_key(j, key);
	qms_json_date(j, days);
}

void qms_json_kv_name(struct qms_json *j, const char *key, const char *const *names, int i)
{
	qms_json_kv_string(j, key, i >= 0 ? names[i] : NULL);
}

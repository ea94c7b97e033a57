#include "json.h"

#include <stdlib.h>

void qms_json_init(struct qms_json *j, struct qms_buf *out, bool pretty)
{
	j->out = out;
	j->pretty = pretty;
	j->depth = 0;
	j->first[0] = true;
	j->after_key = false;
}

static void indent(struct qms_json *j)
{
	if (!j->pretty)
		return;
	qms_buf_addc(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		qms_buf_adds(j->out, "  ");
}

/* Before a value: the comma and the indent it needs, unless it follows
 * its key. */
static void before_value(struct qms_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth > 0) {
		if (!j->first[j->depth])
			qms_buf_addc(j->out, ',');
		indent(j);
	}
	j->first[j->depth] = false;
}

static void open(struct qms_json *j, char c, bool object)
{
	before_value(j);
	if (j->depth + 1 >= QMS_JSON_DEPTH)
		abort();
	qms_buf_addc(j->out, c);
	j->depth++;
	j->first[j->depth] = true;
	j->is_object[j->depth] = object;
}

void qms_json_object(struct qms_json *j)
{
	open(j, '{', true);
}

void qms_json_array(struct qms_json *j)
{
	open(j, '[', false);
}

void qms_json_end(struct qms_json *j)
{
	bool empty = j->first[j->depth];
	char c = j->is_object[j->depth] ? '}' : ']';
	j->depth--;
	if (!empty)
		indent(j);
	qms_buf_addc(j->out, c);
	if (j->depth == 0)
		qms_buf_addc(j->out, '\n');
}

void qms_json_key(struct qms_json *j, const char *key)
{
	before_value(j);
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

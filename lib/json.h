/* A streaming JSON writer: the one way qms writes JSON. It places the
 * commas, the colons and the indentation itself and escapes every string
 * (qms_buf_add_json_string), so callers say only what they write:
 *
 *	struct qms_json j;
 *	qms_json_init(&j, &buf, true);
 *	qms_json_object(&j);
 *	qms_json_key(&j, "files"); qms_json_uint(&j, 3);
 *	qms_json_end(&j);
 *
 * Layout. A pretty writer puts each member of an object or array on a
 * line of its own, indented two spaces per enclosing multi-line
 * container. A container opened with qms_json_object_inline() or
 * qms_json_array_inline() keeps its members on one line, separated by
 * ", " (a record in a list reads best so: `{"agency": "so-a", "done":
 * 3}`); a container opened inside it may be inline or multi-line again,
 * and its lines are indented by the multi-line containers around it only.
 * A compact writer (pretty false) writes no space and no newline at all.
 * An empty container is `[]` or `{}`; after the outermost container, a
 * newline (unless qms_json_init_fragment()).
 *
 * The writer appends to a caller-owned buffer and owns nothing. Nesting
 * deeper than QMS_JSON_DEPTH, a key outside an object and a value without
 * its key in one are programming errors (abort). */
#ifndef QMS_JSON_H
#define QMS_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define QMS_JSON_DEPTH 32

struct qms_json {
	struct qms_buf *out;
	bool pretty; /* newlines and two-space indents */
	bool fragment; /* no newline after the outermost value */
	int depth;
	bool first[QMS_JSON_DEPTH]; /* nothing written yet at this level */
	bool is_object[QMS_JSON_DEPTH];
	bool one_line[QMS_JSON_DEPTH]; /* an inline container */
	bool after_key; /* a key was written: its value comes next */
};

void qms_json_init(struct qms_json *j, struct qms_buf *out, bool pretty);
/* A writer for one value inside text the caller lays out itself: as
 * qms_json_init(), pretty, with no newline after the value. */
void qms_json_init_fragment(struct qms_json *j, struct qms_buf *out);
void qms_json_object(struct qms_json *j);
void qms_json_array(struct qms_json *j);
/* Containers whose members stay on the line of their opening bracket. */
void qms_json_object_inline(struct qms_json *j);
void qms_json_array_inline(struct qms_json *j);
/* Close the innermost object or array; after the outermost one a newline. */
void qms_json_end(struct qms_json *j);
void qms_json_key(struct qms_json *j, const char *key);
void qms_json_string(struct qms_json *j, const char *s); /* NULL writes null */
void qms_json_int(struct qms_json *j, long long v);
void qms_json_uint(struct qms_json *j, unsigned long long v);
/* v / 10^places with exactly `places` decimals: 45, 1 -> 4.5; -5, 1 ->
 * -0.5 (places at most 9) */
void qms_json_decimal(struct qms_json *j, long long v, unsigned places);
/* A date, days since 1970, as "YYYY-MM-DD"; a negative one (no date)
 * as null. */
void qms_json_date(struct qms_json *j, int32_t days);
void qms_json_bool(struct qms_json *j, bool v);
void qms_json_null(struct qms_json *j);

/* key and value in one call */
void qms_json_kv_string(struct qms_json *j, const char *key, const char *s);
void qms_json_kv_int(struct qms_json *j, const char *key, long long v);
void qms_json_kv_uint(struct qms_json *j, const char *key, unsigned long long v);
void qms_json_kv_bool(struct qms_json *j, const char *key, bool v);
void qms_json_kv_null(struct qms_json *j, const char *key);
void qms_json_kv_date(struct qms_json *j, const char *key, int32_t days);
/* names[i], a name from a table of names (qms_stage_names...); null when
 * i is negative (none) */
void qms_json_kv_name(struct qms_json *j, const char *key, const char *const *names, int i);

#endif

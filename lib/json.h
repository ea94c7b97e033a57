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
 * The writer appends to a caller-owned buffer and owns nothing. Nesting
 * deeper than QMS_JSON_DEPTH is a programming error (abort). */
#ifndef QMS_JSON_H
#define QMS_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define QMS_JSON_DEPTH 32

struct qms_json {
	struct qms_buf *out;
	bool pretty;                     /* newlines and two-space indents */
	int depth;
	bool first[QMS_JSON_DEPTH];      /* nothing written yet at this level */
	bool is_object[QMS_JSON_DEPTH];
	bool after_key;                  /* a key was written: its value comes next */
};

void qms_json_init(struct qms_json *j, struct qms_buf *out, bool pretty);
void qms_json_object(struct qms_json *j);
void qms_json_array(struct qms_json *j);
/* Close the innermost object or array; after the outermost one a newline. */
void qms_json_end(struct qms_json *j);
void qms_json_key(struct qms_json *j, const char *key);
void qms_json_string(struct qms_json *j, const char *s); /* NULL writes null */
void qms_json_int(struct qms_json *j, long long v);
void qms_json_uint(struct qms_json *j, unsigned long long v);
void qms_json_bool(struct qms_json *j, bool v);
void qms_json_null(struct qms_json *j);

/* key and value in one call */
void qms_json_kv_string(struct qms_json *j, const char *key, const char *s);
void qms_json_kv_int(struct qms_json *j, const char *key, long long v);

#endif

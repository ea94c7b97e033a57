/* Table-driven schemas: one table per document kind says which keys exist,
 * their type, whether they are required and where the decoded value goes.
 * The same tables give unknown-key detection with suggestions, and the
 * reference part of docs/format.md. */
#ifndef QMS_SCHEMA_H
#define QMS_SCHEMA_H

#include "diag.h"
#include "doc.h"
#include "model.h"

enum qms_type {
	QMS_T_TEXT,
	QMS_T_ID,
	QMS_T_INT,
	QMS_T_NUMBER,
	QMS_T_DATE,
	QMS_T_DURATION,
	QMS_T_PERCENT,
	QMS_T_CLAUSE,
	QMS_T_CHOICE,
	QMS_T_CLOCK,
	QMS_T_MAP,
};

enum {
	QMS_F_REQUIRED = 1 << 0,
	QMS_F_LIST = 1 << 1, /* a list of `type` */
	QMS_F_ONE_OR_LIST = 1 << 2, /* with QMS_F_LIST: a single item is accepted too */
};

struct qms_schema;

struct qms_field {
	const char *key;
	enum qms_type type;
	unsigned flags;
	size_t offset; /* of the qms_value, qms_list or struct */
	const struct qms_schema *schema; /* QMS_T_MAP: the item's table */
	const char *const *choices; /* QMS_T_CHOICE: NULL-terminated */
	double min, max; /* QMS_T_INT, QMS_T_NUMBER: range */
	const char *doc; /* one line for docs/format.md */
};

struct qms_schema {
	const char *name; /* for messages: "process", "step" ... */
	size_t size; /* of the struct a mapping decodes into */
	const struct qms_field *fields; /* ends with a field whose key is NULL */
	bool is_root; /* the table of a whole file */
};

struct qms_kind_info {
	const char *key; /* top-level key naming the kind */
	const struct qms_schema *root; /* table of the whole file */
	const char *where; /* where such files live, for the docs */
};

const struct qms_kind_info *qms_kind_info(enum qms_kind kind);

/* A decoded document: `data` points to a qms_<kind>_file struct in the
 * arena of `doc`. */
struct qms_document {
	enum qms_kind kind;
	void *data;
	struct qms_doc *doc; /* owned, unless shared */
	bool shared; /* kept by a source (source.h): qms_document_release() leaves it */
};

/* Decode a loaded document: find its kind from the top-level key, check it
 * against the kind's table and fill the model. Problems go to diags; the
 * model is filled as far as it can be (bad values stay absent). Returns 0
 * when the kind was recognised (even with schema errors), -1 otherwise.
 * On success *out owns doc. */
int qms_document_decode(struct qms_document *out, struct qms_doc *doc, struct qms_diags *diags);
void qms_document_release(struct qms_document *d);

/* A copy of the model of d (its data, every string and list) in arena,
 * without the tree it was decoded from: for a model kept long after its
 * file, which then takes its own size, not a block of the loader's.
 * out->doc is NULL: qms_document_release() does nothing to it; arena
 * frees it. */
void qms_document_copy(struct qms_document *out, const struct qms_document *d, struct qms_arena *arena);

/* Load and decode a file in one go. */
int qms_document_load(struct qms_document *out, const char *path, struct qms_diags *diags);

/* True for a placeholder of a skeleton (`qms new`): text in angle
 * brackets, `<tên quy trình>`. */
bool qms_is_placeholder(const char *text);

/* The Markdown reference of every kind, key and type (docs/format.md). */
void qms_schema_format_md(struct qms_buf *out);

#endif

/* The document tree: what a YAML file says, with the position of every
 * node. Built by the loader (load.c, the only code that includes yaml.h);
 * read by the schema decoder. */
#ifndef QMS_DOC_H
#define QMS_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "util.h"

enum qms_node_type {
	QMS_NODE_SCALAR,
	QMS_NODE_MAP,
	QMS_NODE_SEQ,
};

struct qms_node {
	uint8_t type; /* enum qms_node_type */
	bool plain; /* scalar written without quotes or block style */
	uint32_t line; /* 1-based */
	uint32_t col; /* 1-based, in characters */
	uint32_t end_line; /* position just after the node, 1-based */
	uint32_t end_col;
	uint32_t len; /* scalar: length of text in bytes */
	uint32_t count; /* sequence: items; mapping: keys */
	struct qms_node *next; /* next item of the parent sequence, or next key of the parent mapping */
	struct qms_node *value; /* for a mapping key: its value */
	const char *text; /* scalar: NUL-terminated, holds no NUL (refused by the loader) */
	struct qms_node *first; /* sequence: first item; mapping: first key (each with ->value) */
};

/* A loaded document. Owns every node and string through its arena, in
 * which the struct itself lives too. */
struct qms_doc {
	const char *path; /* as given to the loader */
	struct qms_node *root; /* NULL when the file held no document */
	struct qms_arena arena;
};

/* Limits: every one of them is an error with a position, never a crash. */
#define QMS_MAX_FILE_SIZE (16u * 1024 * 1024)
#define QMS_MAX_SCALAR_SIZE (1u * 1024 * 1024)
#define QMS_MAX_DEPTH 64

/* Parse buf[0..len) as the YAML document of `path`. On success *out is a
 * new document (free with qms_doc_free()) and 0 is returned. On a refusal
 * the reasons are added to diags, *out is NULL and -1 is returned. */
int qms_doc_parse(struct qms_doc **out, const char *path, const char *buf, size_t len, struct qms_diags *diags);

/* Read the file at path (at most QMS_MAX_FILE_SIZE bytes, a regular
 * file) into a buffer of this thread: *out is valid until the thread's
 * next read (qms_thread_buffer(); in a check, the batch this thread read
 * ahead, until its next batch). Returns 0, or -1 with the reason in diags
 * (rule L006 or L012). */
int qms_doc_read_file(const char **out, size_t *len, const char *path, struct qms_diags *diags);

/* Read and parse the file at path (at most QMS_MAX_FILE_SIZE bytes); the
 * bytes come from the source installed in this process when there is one
 * (source.h), else from the disk. */
int qms_doc_load(struct qms_doc **out, const char *path, struct qms_diags *diags);

void qms_doc_free(struct qms_doc *doc);

/* The value of `key` in mapping `map`, or NULL. */
struct qms_node *qms_node_get(const struct qms_node *map, const char *key);

/* True for an empty plain scalar, `~` or `null`: YAML's "no value". */
static inline bool qms_node_is_null(const struct qms_node *node)
{
	if (!node)
		return true;
	if (node->type != QMS_NODE_SCALAR || !node->plain)
		return false;
	switch (node->len) {
	case 0: return true;
	case 1: return node->text[0] == '~';
	case 4:
		return !memcmp(node->text, "null", 4) || !memcmp(node->text, "Null", 4) ||
		       !memcmp(node->text, "NULL", 4);
	default: return false;
	}
}

/* "text", "a list" or "a mapping": for messages. */
const char *qms_node_type_name(const struct qms_node *node);

#endif

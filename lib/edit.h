/* Editing YAML documents in place, and writing files safely.
 *
 * An edit never re-emits a document: it changes the text at the positions
 * the loader recorded (doc.h) and leaves every other byte as the person
 * wrote it: comments, key order, quoting, flow or block style, blank
 * lines, CRLF line ends, a BOM. New text follows the style around it: an
 * item appended to a list of `{...}` items is a `{...}` item, one appended
 * to a list of block mappings is a block mapping with the same
 * indentation; a value that needs quotes gets them.
 *
 * Usage: qms_edit_init() on the text and the document parsed from it,
 * any number of operations (each refers to nodes of that document, i.e.
 * to positions in the original text), then qms_edit_apply() for the new
 * text. Each operation is checked against those before it: one that
 * cannot be done safely, or whose change would touch text another one
 * changes, gets -1 with e->error and leaves the session as it was; so
 * qms_edit_apply() succeeds once every operation did.
 *
 * What one session refuses, since the result would be ambiguous (do it in
 * two sessions, the second on the text of the first):
 *  - changing anything inside an entry that it removes, in either order
 *    (a value set, a key put, an item added or removed under it);
 *  - removing items of a list and adding items to it;
 *  - setting one value twice, adding one key twice to a mapping.
 * And what no session does, since YAML cannot say it there:
 *  - a block entry with an explicit key (`? key`): it is not removed,
 *    given a list or mapping, or followed by a new key, and gets a value
 *    only after its `:`; a flow key without a value gets one only when it
 *    is on one line (it becomes an implicit key);
 *  - a new key in a mapping of one pair inside a flow list (`[a: b]`);
 *  - a quoted value (or a collection) where a plain one is followed, in
 *    block context, by lines starting with a tab: only a plain value
 *    takes those in (in flow context it is the other way round: a value
 *    written before such lines is quoted);
 *  - a text a block scalar cannot hold (see qms_edit_set_scalar());
 *  - anything in a text with a byte order mark after its start, with
 *    mixed line ends (LF, CRLF, CR), with a key written as a block
 *    scalar (`? |-`), or with a line starting with `---` or `...` and
 *    more text: refused before any change, with the reason (fuzzing found
 *    a wrong result for each).
 *
 * Files are locked, read and written by fs.h. */
#ifndef QMS_EDIT_H
#define QMS_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "util.h"

/* A value to write: a scalar, or a list or mapping of values. Built by
 * the caller (usually on the stack); the editor only reads it. */
enum qms_yval_type {
	QMS_YVAL_SCALAR,
	QMS_YVAL_SEQ,
	QMS_YVAL_MAP,
};

struct qms_yval {
	enum qms_yval_type type;
	const char *text; /* SCALAR: the value (written quoted when it must be) */
	const char *const *keys; /* MAP: n keys (plain words) */
	const struct qms_yval *items; /* SEQ: n items; MAP: the n values */
	size_t n;
	bool flow; /* SEQ, MAP: `[a, b]` / `{k: v}` rather than block style */
};

struct qms_edit_splice;

/* An edit session on one text. */
struct qms_edit {
	const char *text; /* borrowed: the text the document was parsed from */
	size_t len;
	const struct qms_doc *doc; /* borrowed: parsed from text */
	size_t base; /* bytes before line 1, column 1 (a UTF-8 BOM) */
	size_t *line_start; /* byte offset of each line; [0] is line 1 */
	size_t *line_end; /* offset of the line break ending each line, or len */
	size_t nlines;
	const char *eol; /* the text's line end: "\n", "\r\n" or "\r" */
	int map_step; /* indentation of a nested block mapping (2) */
	int seq_offset; /* indentation of a block list under its key (2; 0 when indentless) */
	int dash_gap; /* spaces after the `-` of a block list item (1) */
	struct qms_edit_splice *splices;
	size_t nsplices, cap;
	/* keys inserted by qms_edit_map_put(), so the same key is not added
	 * twice to one mapping (the document does not show them yet) */
	struct qms_edit_added {
		const struct qms_node *map;
		char *key; /* owned */
	} * added;
	size_t nadded;
	/* lists that lost items (removed) or got new ones (grown) in this
	 * session: one session does not do both to one list, since a new item
	 * would be written next to one that is going */
	const struct qms_node **removed_from, **grown;
	size_t nremoved_from, ngrown;
	const struct qms_node **set; /* values already given a value */
	size_t nset;
	/* entries removed: the item of a list, or the key of a mapping entry
	 * (with its value); their text is cut when the edit is applied, from
	 * all the removals of one collection together */
	struct qms_edit_removal {
		const struct qms_node *coll, *entry;
	} * removals;
	size_t nremovals;
	/* nodes whose text an operation changes or inserts into: a removal
	 * of an entry holding one of them is refused, and so is an operation
	 * on a node inside a removed entry */
	const struct qms_node **touched;
	size_t ntouched;
	bool inner_bom; /* a U+FEFF after the start: columns are not what they seem */
	const char *layout; /* why every operation is refused (a layout the editor cannot
			     * change safely: mixed line ends, ...), or NULL; static */
	char *error; /* why the last operation failed, or NULL; owned */
};

/* Start editing text[0..len), from which doc was parsed (qms_doc_parse()
 * of the same bytes). Both are borrowed until qms_edit_release(). */
void qms_edit_init(struct qms_edit *e, const struct qms_doc *doc, const char *text, size_t len);
void qms_edit_release(struct qms_edit *e);

/* Byte offset in the text of a 1-based line and column (in characters),
 * as recorded in the nodes. */
size_t qms_edit_offset(const struct qms_edit *e, uint32_t line, uint32_t col);

/* Replace the value of a scalar node (a mapping value or a list item)
 * with `value`. Quoted scalars stay quoted with the same quote; a plain
 * scalar stays plain when the value allows it; a block scalar (`|`, `>`)
 * keeps its header and indentation, so the line breaks at the end of the
 * value read back are the header's (none with `-`, one without, all the
 * block's with `+`), and it refuses a value with control characters or,
 * without an indentation indicator, one whose first line starts with a
 * blank; an empty value gets one. Returns 0, or -1 with e->error. */
int qms_edit_set_scalar(struct qms_edit *e, const struct qms_node *node, const char *value);

/* Set `key` in mapping `map`. When the key is there with a scalar (or
 * empty) value, the value is replaced as by qms_edit_set_scalar() (or
 * filled in); when it is not, `key: value` is inserted: right after the
 * entry, among those whose key is in `after` (NULL-terminated, may be
 * NULL), written last in the file; before the first entry when `after` is
 * given and none of its keys is present; at the end of the mapping when
 * `after` is NULL. Returns 0, or -1 with e->error (e.g. the key holds a
 * list). */
int qms_edit_map_put(struct qms_edit *e, const struct qms_node *map, const char *key, const struct qms_yval *value,
		     const char *const *after);

/* Remove `key` and its value from `map`, with the lines they occupy in
 * block style (comments inside the entry go with it); the first entry of
 * a list item (`- key: v`) gives its place to the next one that stays.
 * Returns 0, or -1 with e->error when the key is absent, or is the last
 * one of the mapping that the session would leave (remove the mapping
 * itself). */
int qms_edit_map_remove(struct qms_edit *e, const struct qms_node *map, const char *key);

/* Append `item` to the list `seq`, in the style of its items: a flow item
 * in a flow list; in a block list the same dash column and gap as the
 * neighbour item, and for a mapping or list block style when any item of
 * that kind is in block style, flow when all are (item->flow decides only
 * when the list has no such item). Returns 0 or -1. */
int qms_edit_seq_append(struct qms_edit *e, const struct qms_node *seq, const struct qms_yval *item);

/* Insert `item` into `seq` right after the item `after` (a node of seq),
 * or before the first item when `after` is NULL; styled as by
 * qms_edit_seq_append(). Returns 0 or -1. */
int qms_edit_seq_insert(struct qms_edit *e, const struct qms_node *seq, const struct qms_node *after,
			const struct qms_yval *item);

/* Remove `item` (a node of seq) with its `-` line(s) or its comma.
 * Several items of one list are removed together; a list left without
 * items is written `[]`. Returns 0 or -1. */
int qms_edit_seq_remove(struct qms_edit *e, const struct qms_node *seq, const struct qms_node *item);

/* The edited text: the original with every operation applied. Appends to
 * out. Returns 0, or -1 with e->error when two operations overlap. */
int qms_edit_apply(struct qms_edit *e, struct qms_buf *out);

/* Append `value` to b as a YAML scalar: plain when that reads back as the
 * same text in a block (or, with `flow`, a flow) context, else in double
 * quotes with escapes. */
void qms_yaml_add_scalar(struct qms_buf *b, const char *value, bool flow);

#endif

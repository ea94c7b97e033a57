/* Fuzz target: the in-place editor of `qms audit` and `qms migrate --apply`.
 * The input is a YAML text, then (after a line "---edits---") bytes that
 * choose edits: which node, which operation, which value. Whatever the
 * editor does with a text that parsed, the result must parse again, and an
 * edit it refuses must leave an error message, never a crash. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "edit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every value and item of the tree, in document order. */
static size_t collect(const struct qms_node *n, const struct qms_node **out, size_t cap, size_t len)
{
	if (!n || len >= cap)
		return len;
	out[len++] = n;
	/* values and items only: keys are not the editor's to change */
	for (const struct qms_node *c = n->first; c; c = c->next)
		len = collect(n->type == QMS_NODE_MAP ? c->value : c, out, cap, len);
	return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n---edits---\n";
	const uint8_t *edits = NULL;
	size_t nedits = 0;
	for (size_t i = 0; i + sizeof(sep) - 1 <= size; i++)
		if (!memcmp(data + i, sep, sizeof(sep) - 1)) {
			edits = data + i + sizeof(sep) - 1;
			nedits = size - i - (sizeof(sep) - 1);
			size = i + 1;
			break;
		}
	struct qms_diags diags;
	qms_diags_init(&diags);
	struct qms_doc *doc;
	if (qms_doc_parse(&doc, "fuzz.yaml", (const char *)data, size, &diags) < 0) {
		qms_diags_release(&diags);
		return 0;
	}
	const struct qms_node *nodes[256];
	size_t nnodes = collect(doc->root, nodes, 256, 0);
	struct qms_edit e;
	qms_edit_init(&e, doc, (const char *)data, size);
	static const char *const values[] = {"2020-09-30", "a: b", "# not a comment", "x\ny",
					     "\"quoted\"", "", "Tiếp nhận, kiểm tra", "- item", "[a, b]",
					     "{k: v}", "'", "  lead", "trail  ", "null", "8.5.3"};
	for (size_t i = 0; i + 2 < nedits && i < 24; i += 3) {
		const struct qms_node *n = nodes[edits[i] % nnodes];
		const char *v = values[edits[i + 2] % (sizeof(values) / sizeof(values[0]))];
		struct qms_yval item = {.type = QMS_YVAL_SCALAR, .text = v};
		int rc = 0;
		switch (edits[i + 1] % 5) {
		case 0:
			if (n->type == QMS_NODE_SCALAR)
				rc = qms_edit_set_scalar(&e, n, v);
			break;
		case 1:
			if (n->type == QMS_NODE_SEQ)
				rc = qms_edit_seq_append(&e, n, &item);
			break;
		case 2:
			if (n->type == QMS_NODE_SEQ && n->first)
				rc = qms_edit_seq_remove(&e, n, n->first);
			break;
		case 3:
			if (n->type == QMS_NODE_MAP)
				rc = qms_edit_map_put(&e, n, "note", &item, NULL);
			break;
		case 4:
			if (n->type == QMS_NODE_MAP && n->first && n->count > 1)
				rc = qms_edit_map_remove(&e, n, n->first->text);
			break;
		}
		if (rc < 0 && !e.error)
			abort(); /* a refusal says why */
	}
	struct qms_buf out;
	qms_buf_init(&out);
	if (qms_edit_apply(&e, &out) == 0) {
		struct qms_diags after;
		qms_diags_init(&after);
		struct qms_doc *again;
		if (qms_doc_parse(&again, "fuzz.yaml", out.buf, out.len, &after) < 0) {
			/* an edit turned valid YAML into invalid YAML */
			fprintf(stderr, "before:\n%.*s\nafter:\n%s\nerror: %s\n", (int)size,
				(const char *)data, out.buf, after.len ? after.items[0].message : "?");
			abort();
		}
		qms_doc_free(again);
		qms_diags_release(&after);
	}
	qms_buf_release(&out);
	qms_edit_release(&e);
	qms_doc_free(doc);
	qms_diags_release(&diags);
	return 0;
}

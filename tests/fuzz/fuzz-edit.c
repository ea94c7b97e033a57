/* Fuzz target: the in-place editor of `qms audit` and `qms migrate --apply`.
 * The input is a YAML text, then (after a line "---edits---") bytes that
 * choose edits, three per edit: which node, which operation (and which
 * item, key or place), which value (and its shape). Whatever the editor
 * does with a text that parsed, the result must parse again and say what
 * was asked: the fuzzer keeps a model of the document, applies each edit
 * the editor accepts to it, and compares it with the result read back. An
 * edit it refuses must leave an error message and change nothing, never
 * crash; qms_edit_apply() must not fail once every edit was accepted; new
 * lines end as the text's lines do (checked: no CR in a text without
 * one).
 * FUZZ_EDIT_VERBOSE=1 in the environment prints every input's edits and
 * result. */
#include <stdbool.h>
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

/* ---- the model: what the document should say after the edits ---- */

struct model {
	const struct qms_node *orig; /* NULL for a new node */
	uint8_t type; /* enum qms_node_type */
	char *text; /* scalar */
	bool block; /* a block scalar given a new text: its header decides the final breaks */
	char *key; /* the key, for an entry of a mapping */
	bool removed;
	struct model **kids; /* entries of the original collection, in order */
	size_t n;
	struct slot {
		struct model **v;
		size_t n;
	} * slots; /* new entries before original entry i; [n]: at the end */
	struct model *all_next; /* every model node, to find them and free them */
};

static struct model *model_new(struct model **all, uint8_t type, const struct qms_node *orig)
{
	struct model *m = calloc(1, sizeof(*m));
	m->type = type;
	m->orig = orig;
	m->all_next = *all;
	*all = m;
	return m;
}

static struct model *model_of_node(struct model **all, const struct qms_node *n)
{
	struct model *m = model_new(all, n->type, n);
	if (n->type == QMS_NODE_SCALAR) {
		m->text = strdup(n->text);
		return m;
	}
	m->n = n->count;
	m->kids = calloc(m->n + 1, sizeof(*m->kids));
	m->slots = calloc(m->n + 1, sizeof(*m->slots));
	size_t i = 0;
	for (const struct qms_node *c = n->first; c; c = c->next, i++) {
		if (n->type == QMS_NODE_MAP) {
			m->kids[i] = model_of_node(all, c->value);
			m->kids[i]->key = strdup(c->text);
		} else {
			m->kids[i] = model_of_node(all, c);
		}
	}
	return m;
}

static struct model *model_of_value(struct model **all, const struct qms_yval *v)
{
	static const uint8_t types[] = {
		[QMS_YVAL_SCALAR] = QMS_NODE_SCALAR, [QMS_YVAL_SEQ] = QMS_NODE_SEQ, [QMS_YVAL_MAP] = QMS_NODE_MAP};
	struct model *m = model_new(all, types[v->type], NULL);
	if (v->type == QMS_YVAL_SCALAR) {
		m->text = strdup(v->text);
		return m;
	}
	m->slots = calloc(1, sizeof(*m->slots));
	m->slots[0].v = calloc(v->n + 1, sizeof(*m->slots[0].v));
	for (size_t i = 0; i < v->n; i++) {
		struct model *k = model_of_value(all, &v->items[i]);
		if (v->type == QMS_YVAL_MAP)
			k->key = strdup(v->keys[i]);
		m->slots[0].v[m->slots[0].n++] = k;
	}
	return m;
}

static struct model *model_find(struct model *all, const struct qms_node *n)
{
	for (struct model *m = all; m; m = m->all_next)
		if (m->orig == n)
			return m;
	abort(); /* every node of the document has a model */
}

static void slot_add(struct model *coll, size_t i, struct model *m)
{
	struct slot *s = &coll->slots[i];
	s->v = realloc(s->v, (s->n + 1) * sizeof(*s->v));
	s->v[s->n++] = m;
}

static void model_free(struct model *all)
{
	while (all) {
		struct model *next = all->all_next;
		free(all->text);
		free(all->key);
		if (all->slots)
			for (size_t i = 0; i <= all->n; i++)
				free(all->slots[i].v);
		free(all->slots);
		free(all->kids);
		free(all);
		all = next;
	}
}

static size_t strip_breaks(const char *s)
{
	size_t n = strlen(s);
	while (n && s[n - 1] == '\n')
		n--;
	return n;
}

/* Where the result differs from the model, or NULL. */
static const char *model_diff(const struct model *m, const struct qms_node *n)
{
	if (m->type != n->type)
		return "a node of another type";
	if (m->type == QMS_NODE_SCALAR) {
		if (m->block) {
			size_t a = strip_breaks(m->text), b = strip_breaks(n->text);
			return a == b && !memcmp(m->text, n->text, a) ? NULL : "another text (in a block)";
		}
		return strcmp(m->text, n->text) ? "another text" : NULL;
	}
	const struct qms_node *c = n->first;
	for (size_t i = 0; i <= m->n; i++) {
		for (size_t j = 0; j <= m->slots[i].n; j++) {
			const struct model *k = j < m->slots[i].n ? m->slots[i].v[j] : i < m->n ? m->kids[i] : NULL;
			if (!k || k->removed)
				continue;
			if (!c)
				return "fewer entries";
			if (m->type == QMS_NODE_MAP && strcmp(k->key, c->text))
				return "another key";
			const char *d = model_diff(k, m->type == QMS_NODE_MAP ? c->value : c);
			if (d)
				return d;
			c = c->next;
		}
	}
	return c ? "more entries" : NULL;
}

static bool block_scalar(const struct qms_edit *e, const struct qms_node *n)
{
	if (n->type != QMS_NODE_SCALAR || n->plain)
		return false;
	size_t s = qms_edit_offset(e, n->line, n->col);
	if (s < e->len && e->text[s] == '!') /* a tag (ASCII), then blanks */
		while (s < e->len && (unsigned char)e->text[s] < 0x80 && !strchr(" \t\r\n", e->text[s]))
			s++;
	for (bool blank = true;;) { /* blanks, breaks, BOMs, comments */
		const char *t = e->text + s;
		size_t left = e->len - s;
		if (left && (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n'))
			s++, blank = true;
		else if (left >= 2 && !memcmp(t, "\xc2\x85", 2))
			s += 2, blank = true;
		else if (left >= 3 && (!memcmp(t, "\xe2\x80\xa8", 3) || !memcmp(t, "\xe2\x80\xa9", 3)))
			s += 3, blank = true;
		else if (left >= 3 && !memcmp(t, "\xef\xbb\xbf", 3))
			s += 3;
		else if (left && *t == '#' && blank)
			while (s < e->len && e->text[s] != '\r' && e->text[s] != '\n' &&
			       memcmp(e->text + s, "\xc2\x85", e->len - s >= 2 ? 2 : 0) &&
			       (e->len - s < 3 ||
				(memcmp(e->text + s, "\xe2\x80\xa8", 3) && memcmp(e->text + s, "\xe2\x80\xa9", 3))))
				s++;
		else
			break;
	}
	return s < e->len && (e->text[s] == '|' || e->text[s] == '>');
}

static const struct qms_node *nth(const struct qms_node *coll, size_t i)
{
	const struct qms_node *c = coll->first;
	while (c && i--)
		c = c->next;
	return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int verbose = -1;
	if (verbose < 0)
		verbose = getenv("FUZZ_EDIT_VERBOSE") != NULL;
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
	struct model *all = NULL;
	struct model *root = model_of_node(&all, doc->root);
	struct qms_edit e;
	qms_edit_init(&e, doc, (const char *)data, size);
	static const char *const values[] = {
		"2020-09-30", "a: b",   "# not a comment", "x\ny", "\"quoted\"", "",        "Tiếp nhận, kiểm tra",
		"- item",     "[a, b]", "{k: v}",          "'",    "  lead",     "trail  ", "null",
		"8.5.3"};
	static const char *const nothing[] = {"nothing", NULL};
	/* what was asked, for the message when the result is wrong */
	struct qms_buf log;
	qms_buf_init(&log);
	for (size_t i = 0; i + 2 < nedits && i < 24; i += 3) {
		const struct qms_node *n = nodes[edits[i] % nnodes];
		unsigned op = edits[i + 1] % 5, sub = edits[i + 1] / 5;
		const char *v = values[edits[i + 2] % (sizeof(values) / sizeof(values[0]))];
		/* the value: a text, a block list, a block mapping, a flow list */
		const char *const keys[] = {"id", "tags"};
		struct qms_yval leaf[] = {{.type = QMS_YVAL_SCALAR, .text = v}, {.type = QMS_YVAL_SCALAR, .text = "x"}};
		struct qms_yval inner = {.type = QMS_YVAL_SEQ, .items = leaf, .n = 1, .flow = true};
		struct qms_yval mvals[] = {leaf[0], inner};
		struct qms_yval shapes[] = {
			leaf[0],
			{.type = QMS_YVAL_SEQ, .items = leaf, .n = 2},
			{.type = QMS_YVAL_MAP, .keys = keys, .items = mvals, .n = 2},
			{.type = QMS_YVAL_SEQ, .items = leaf, .n = 1, .flow = true},
		};
		const struct qms_yval *item = &shapes[(edits[i + 2] / 15) % 4];
		const struct qms_node *target = NULL; /* an item or key */
		const char *const *after = NULL;
		const char *first_key[2] = {NULL, NULL};
		size_t slot = 0;
		int rc = 1; /* stays 1 when the operation does not apply to the node */
		free(e.error); /* so that each refusal must give its own reason */
		e.error = NULL;
		switch (op) {
		case 0:
			if (n->type == QMS_NODE_SCALAR)
				rc = qms_edit_set_scalar(&e, n, v);
			break;
		case 1:
			if (n->type != QMS_NODE_SEQ)
				break;
			if (sub % 3 == 0 || !n->first) {
				rc = qms_edit_seq_append(&e, n, item);
				slot = n->count;
			} else {
				target = sub % 3 == 1 ? NULL : n->first;
				rc = qms_edit_seq_insert(&e, n, target, item);
				slot = target ? 1 : 0;
			}
			break;
		case 2:
			if (n->type == QMS_NODE_SEQ && n->first) {
				target = nth(n, sub % n->count);
				rc = qms_edit_seq_remove(&e, n, target);
			}
			break;
		case 3:
			if (n->type != QMS_NODE_MAP)
				break;
			if (sub % 3 == 1) {
				after = nothing;
			} else if (sub % 3 == 2 && n->first) {
				first_key[0] = n->first->text;
				after = first_key;
			}
			rc = qms_edit_map_put(&e, n, "note", item, after);
			/* after the last entry whose key is listed, else first */
			slot = after ? 0 : n->count;
			for (size_t k = 0; after && k < n->count; k++)
				if (!strcmp(nth(n, k)->text, after[0]))
					slot = k + 1;
			break;
		case 4:
			if (n->type == QMS_NODE_MAP && n->first) {
				target = nth(n, sub % n->count);
				rc = qms_edit_map_remove(&e, n, target->text);
			}
			break;
		}
		if (rc < 0 && !e.error)
			abort(); /* a refusal says why */
		if (rc > 0)
			continue;
		static const char *const names[] = {"set_scalar", "seq_insert", "seq_remove", "map_put note",
						    "map_remove"};
		qms_buf_printf(&log, "  %s %u:%u", names[op], n->line, n->col);
		if (op == 1)
			qms_buf_printf(&log, " %s", slot == 0 ? "first" : target ? "after the first" : "last");
		if (op == 2 || op == 4)
			qms_buf_printf(&log, " %u:%u", target->line, target->col);
		if (op == 3)
			qms_buf_printf(&log, " %s%s", !after ? "last" : "after ", after ? after[0] : "");
		if (op != 2 && op != 4)
			qms_buf_printf(&log, " \"%s\"%s", v,
				       op == 0 || item->type == QMS_YVAL_SCALAR ? "" : " (a collection)");
		qms_buf_printf(&log, ": %s\n", rc < 0 ? e.error : "done");
		if (rc < 0)
			continue;
		/* the model follows */
		struct model *m = model_find(all, n);
		switch (op) {
		case 0:
			free(m->text);
			m->text = strdup(v);
			m->block = block_scalar(&e, n);
			break;
		case 1: slot_add(m, slot, model_of_value(&all, item)); break;
		case 2:
		case 4: {
			size_t k = 0;
			while (nth(n, k) != target)
				k++;
			m->kids[k]->removed = true;
			break;
		}
		case 3: {
			size_t k = 0;
			while (k < m->n && strcmp(m->kids[k]->key, "note"))
				k++;
			if (k == m->n) {
				struct model *nm = model_of_value(&all, item);
				nm->key = strdup("note");
				slot_add(m, slot, nm);
			} else if (item->type == QMS_YVAL_SCALAR) {
				struct model *old = m->kids[k];
				free(old->text);
				old->text = strdup(item->text);
				old->block = block_scalar(&e, old->orig);
			} else {
				struct model *nm = model_of_value(&all, item);
				nm->key = strdup("note");
				m->kids[k] = nm;
			}
			break;
		}
		}
	}
	struct qms_buf out;
	qms_buf_init(&out);
	if (qms_edit_apply(&e, &out) < 0) {
		/* every operation was accepted, so they fit together */
		fprintf(stderr, "before:\n%.*s\nedits:\n%sapply failed: %s\n", (int)size, (const char *)data,
			log.buf ? log.buf : "", e.error);
		abort();
	}
	struct qms_diags after;
	qms_diags_init(&after);
	struct qms_doc *again;
	const char *wrong = NULL;
	if (qms_doc_parse(&again, "fuzz.yaml", out.buf, out.len, &after) < 0) {
		/* an edit turned valid YAML into invalid YAML */
		wrong = after.len ? after.items[0].message : "?";
	} else if (!memchr(data, '\r', size) && memchr(out.buf, '\r', out.len)) {
		/* new lines end as the text's do (a value holds no raw CR) */
		wrong = "a CR in a text without one";
		qms_doc_free(again);
	} else {
		wrong = model_diff(root, again->root);
		qms_doc_free(again);
	}
	if (wrong || verbose)
		fprintf(stderr, "before:\n%.*s\nedits:\n%safter:\n%s\n%s%s\n", (int)size, (const char *)data,
			log.buf ? log.buf : "", out.buf, wrong ? "error: " : "", wrong ? wrong : "ok");
	if (wrong)
		abort();
	qms_diags_release(&after);
	qms_buf_release(&out);
	qms_buf_release(&log);
	qms_edit_release(&e);
	model_free(all);
	qms_doc_free(doc);
	qms_diags_release(&diags);
	return 0;
}

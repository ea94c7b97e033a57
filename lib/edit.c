/* In-place edits of YAML text at the positions the loader recorded, and
 * the locked, atomic writes of the edited files. See edit.h. */
#include "edit.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct qms_edit_splice {
	size_t at;   /* offset in the original text */
	size_t del;  /* bytes removed from there */
	char *ins;   /* owned; inserted at `at` */
	int indent;  /* whole lines inserted: their indentation; else -1 */
	size_t seq;  /* order of creation */
};

static int edit_fail(struct qms_edit *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int edit_fail(struct qms_edit *e, const char *fmt, ...)
{
	struct qms_buf b;
	va_list ap;
	qms_buf_init(&b);
	va_start(ap, fmt);
	qms_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(e->error);
	e->error = qms_buf_detach(&b);
	return -1;
}

/* ---- positions ---- */

/* Length of the line break at text[i], as libyaml counts them (LF, CRLF,
 * CR, NEL, LS, PS), or 0. */
static size_t break_len(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if (c == '\n')
		return 1;
	if (c == '\r')
		return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
	if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0x85)
		return 2;
	if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9))
		return 3;
	return 0;
}

static void push_line(struct qms_edit *e, size_t *cap, size_t start)
{
	if (e->nlines == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		e->line_start = qms_xrealloc(e->line_start, *cap * sizeof(*e->line_start));
		e->line_end = qms_xrealloc(e->line_end, *cap * sizeof(*e->line_end));
	}
	e->line_start[e->nlines] = start;
	e->line_end[e->nlines] = start;
	e->nlines++;
}

static void index_lines(struct qms_edit *e)
{
	size_t cap = 0;
	const char *s = e->text;
	push_line(e, &cap, e->base);
	e->eol = NULL;
	for (size_t i = e->base; i < e->len;) {
		size_t n = break_len(s, e->len, i);
		if (!n) {
			i++;
			continue;
		}
		if (!e->eol && n <= 2)
			e->eol = s[i] == '\n' ? "\n" : n == 2 ? "\r\n" : "\r";
		e->line_end[e->nlines - 1] = i;
		i += n;
		push_line(e, &cap, i);
	}
	e->line_end[e->nlines - 1] = e->len;
	if (!e->eol)
		e->eol = "\n";
}

size_t qms_edit_offset(const struct qms_edit *e, uint32_t line, uint32_t col)
{
	if (line == 0)
		return e->base;
	if (line > e->nlines)
		return e->len;
	size_t i = e->line_start[line - 1];
	for (uint32_t c = 1; c < col && i < e->len; c++) {
		i++;
		while (i < e->len && ((unsigned char)e->text[i] & 0xc0) == 0x80)
			i++;
	}
	return i;
}

/* Index (0-based) of the line holding offset `off`. */
static size_t line_of(const struct qms_edit *e, size_t off)
{
	size_t lo = 0, hi = e->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (e->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Start of the line after the one holding `off`, or len at the end. */
static size_t after_line(const struct qms_edit *e, size_t off)
{
	size_t l = line_of(e, off);
	return l + 1 < e->nlines ? e->line_start[l + 1] : e->len;
}

static size_t node_start(const struct qms_edit *e, const struct qms_node *n)
{
	return qms_edit_offset(e, n->line, n->col);
}

static size_t node_end(const struct qms_edit *e, const struct qms_node *n)
{
	return qms_edit_offset(e, n->end_line, n->end_col);
}

static bool is_block_scalar(const struct qms_edit *e, const struct qms_node *n)
{
	if (n->type != QMS_NODE_SCALAR || n->plain)
		return false;
	size_t s = node_start(e, n);
	return s < e->len && (e->text[s] == '|' || e->text[s] == '>');
}

static bool is_flow(const struct qms_edit *e, const struct qms_node *n)
{
	if (n->type == QMS_NODE_SCALAR)
		return false;
	size_t s = node_start(e, n);
	return s < e->len && (e->text[s] == '[' || e->text[s] == '{');
}

static bool blank_line(const struct qms_edit *e, size_t l)
{
	for (size_t i = e->line_start[l]; i < e->line_end[l]; i++)
		if (e->text[i] != ' ' && e->text[i] != '\t')
			return false;
	return true;
}

/* Where the text of a subtree ends: after its last character that is not
 * a line break, blank line or the indentation of what follows (block
 * collections end, for libyaml, where the next token starts). */
static size_t content_end(const struct qms_edit *e, const struct qms_node *n)
{
	if (n->type == QMS_NODE_SCALAR) {
		if (!is_block_scalar(e, n))
			return node_end(e, n);
		/* a block scalar ends at the start of the line after it, blank
		 * lines included: back to its last line with text */
		size_t first = line_of(e, node_start(e, n));
		size_t end = node_end(e, n);
		size_t l = line_of(e, end);
		if (end == e->line_start[l] && l > first)
			l--;
		while (l > first && blank_line(e, l))
			l--;
		return e->line_end[l];
	}
	if (is_flow(e, n) || !n->first)
		return node_end(e, n);
	const struct qms_node *last = n->first;
	while (last->next)
		last = last->next;
	return content_end(e, n->type == QMS_NODE_MAP ? last->value : last);
}

/* ---- session ---- */

static void infer_style(struct qms_edit *e, const struct qms_node *n)
{
	if (!n || n->type == QMS_NODE_SCALAR)
		return;
	if (n->type == QMS_NODE_SEQ) {
		bool flow = is_flow(e, n);
		for (const struct qms_node *it = n->first; it; it = it->next) {
			if (!flow && e->dash_gap < 0 && it->line == n->line && it->col > n->col)
				e->dash_gap = (int)(it->col - n->col - 1);
			infer_style(e, it);
		}
		return;
	}
	for (const struct qms_node *k = n->first; k; k = k->next) {
		const struct qms_node *v = k->value;
		if (v && v->line > k->line && !is_flow(e, v)) {
			if (v->type == QMS_NODE_MAP && e->map_step < 0 && v->col > k->col)
				e->map_step = (int)(v->col - k->col);
			if (v->type == QMS_NODE_SEQ && e->seq_offset < 0 && v->col >= k->col)
				e->seq_offset = (int)(v->col - k->col);
		}
		infer_style(e, v);
	}
}

void qms_edit_init(struct qms_edit *e, const struct qms_doc *doc, const char *text, size_t len)
{
	memset(e, 0, sizeof(*e));
	e->text = text;
	e->len = len;
	e->doc = doc;
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		e->base = 3;
	index_lines(e);
	e->map_step = e->seq_offset = e->dash_gap = -1;
	if (doc)
		infer_style(e, doc->root);
	if (e->map_step < 1)
		e->map_step = 2;
	if (e->seq_offset < 0)
		e->seq_offset = 2;
	if (e->dash_gap < 1)
		e->dash_gap = 1;
}

void qms_edit_release(struct qms_edit *e)
{
	for (size_t i = 0; i < e->nsplices; i++)
		free(e->splices[i].ins);
	free(e->splices);
	for (size_t i = 0; i < e->nadded; i++)
		free(e->added[i].key);
	free(e->added);
	free(e->removed_from);
	free(e->grown);
	free(e->set);
	free(e->line_start);
	free(e->line_end);
	free(e->error);
	memset(e, 0, sizeof(*e));
}

/* Replace text[at..at+del) with ins (owned by the splice from now on). */
static void add_splice(struct qms_edit *e, size_t at, size_t del, char *ins)
{
	if (e->nsplices == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->splices = qms_xrealloc(e->splices, e->cap * sizeof(*e->splices));
	}
	e->splices[e->nsplices] = (struct qms_edit_splice){at, del, ins, -1, e->nsplices};
	e->nsplices++;
}

static bool ends_with_break(const struct qms_edit *e)
{
	return e->nlines > 1 && e->line_start[e->nlines - 1] == e->len;
}

/* Insert whole lines (text ending with e->eol), indented by `indent`, at
 * a line start. At the end of a text without a final line break, the
 * break goes first instead. */
static void insert_lines(struct qms_edit *e, size_t at, int indent, struct qms_buf *lines)
{
	if (at >= e->len && e->len > e->base && !ends_with_break(e)) {
		size_t n = strlen(e->eol);
		struct qms_buf b;
		qms_buf_init(&b);
		qms_buf_adds(&b, e->eol);
		qms_buf_add(&b, lines->buf, lines->len >= n ? lines->len - n : lines->len);
		qms_buf_release(lines);
		*lines = b;
	}
	add_splice(e, at, 0, qms_buf_detach(lines));
	e->splices[e->nsplices - 1].indent = indent;
}

/* Order of splices at one offset: lines that belong to a deeper block
 * first (a list item appended inside the last item of an outer list goes
 * before the item appended to the outer list), else as created. */
static bool splice_before(const struct qms_edit_splice *a, const struct qms_edit_splice *b)
{
	if (a->at != b->at)
		return a->at < b->at;
	if (a->indent >= 0 && b->indent >= 0 && a->indent != b->indent)
		return a->indent > b->indent;
	return a->seq < b->seq;
}

int qms_edit_apply(struct qms_edit *e, struct qms_buf *out)
{
	struct qms_edit_splice *s = e->splices;
	size_t n = e->nsplices;
	/* insertion sort: lists are short */
	for (size_t i = 1; i < n; i++) {
		struct qms_edit_splice t = s[i];
		size_t j = i;
		while (j > 0 && splice_before(&t, &s[j - 1])) {
			s[j] = s[j - 1];
			j--;
		}
		s[j] = t;
	}
	size_t pos = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i].at < pos)
			return edit_fail(e, "two changes touch the same text");
		qms_buf_add(out, e->text + pos, s[i].at - pos);
		qms_buf_adds(out, s[i].ins);
		pos = s[i].at + s[i].del;
	}
	if (pos > e->len)
		return edit_fail(e, "a change runs past the end of the text");
	qms_buf_add(out, e->text + pos, e->len - pos);
	return 0;
}

/* ---- writing values ---- */

static bool needs_quotes(const char *v, bool flow)
{
	size_t n = strlen(v);
	if (n == 0)
		return true;
	if (strchr("-?:,[]{}#&*!|>'\"%@`", v[0]) || v[0] == ' ' || v[n - 1] == ' ' ||
	    v[n - 1] == ':')
		return true;
	if (!strcmp(v, "~") || !strcmp(v, "null") || !strcmp(v, "Null") || !strcmp(v, "NULL"))
		return true;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return true;
		if (*p == ':' && (p[1] == ' ' || (flow && strchr(",[]{}", p[1]))))
			return true;
		if (*p == '#' && p > (const unsigned char *)v && p[-1] == ' ')
			return true;
		if (flow && strchr(",[]{}", *p))
			return true;
		/* line and paragraph separators, NEL: breaks for YAML */
		if ((*p == 0xc2 && p[1] == 0x85) || (*p == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)))
			return true;
	}
	return false;
}

static void add_double_quoted(struct qms_buf *b, const char *v)
{
	qms_buf_addc(b, '"');
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		switch (*p) {
		case '"': qms_buf_adds(b, "\\\""); break;
		case '\\': qms_buf_adds(b, "\\\\"); break;
		case '\n': qms_buf_adds(b, "\\n"); break;
		case '\r': qms_buf_adds(b, "\\r"); break;
		case '\t': qms_buf_adds(b, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				qms_buf_printf(b, "\\x%02x", *p);
			else if (*p == 0xc2 && p[1] == 0x85)
				qms_buf_adds(b, "\\N"), p++;
			else if (*p == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
				qms_buf_adds(b, p[2] == 0xa8 ? "\\L" : "\\P"), p += 2;
			else
				qms_buf_addc(b, (char)*p);
		}
	}
	qms_buf_addc(b, '"');
}

static bool single_quotable(const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] == 0x85) ||
		    (*p == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)))
			return false;
	return true;
}

void qms_yaml_add_scalar(struct qms_buf *b, const char *value, bool flow)
{
	if (needs_quotes(value, flow))
		add_double_quoted(b, value);
	else
		qms_buf_adds(b, value);
}

/* A scalar in the quoting style `quote` ('"', '\'' or 0 for plain when
 * possible). */
static void add_scalar_styled(struct qms_buf *b, const char *v, bool flow, char quote)
{
	if (quote == '\'' && single_quotable(v)) {
		qms_buf_addc(b, '\'');
		for (const char *p = v; *p; p++) {
			if (*p == '\'')
				qms_buf_addc(b, '\'');
			qms_buf_addc(b, *p);
		}
		qms_buf_addc(b, '\'');
	} else if (quote) {
		add_double_quoted(b, v);
	} else {
		qms_yaml_add_scalar(b, v, flow);
	}
}

static void add_spaces(struct qms_buf *b, int n)
{
	for (int i = 0; i < n; i++)
		qms_buf_addc(b, ' ');
}

static void render_flow(struct qms_buf *b, const struct qms_yval *v)
{
	switch (v->type) {
	case QMS_YVAL_SCALAR:
		qms_yaml_add_scalar(b, v->text, true);
		return;
	case QMS_YVAL_SEQ:
		qms_buf_addc(b, '[');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				qms_buf_adds(b, ", ");
			render_flow(b, &v->items[i]);
		}
		qms_buf_addc(b, ']');
		return;
	case QMS_YVAL_MAP:
		qms_buf_addc(b, '{');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				qms_buf_adds(b, ", ");
			qms_buf_adds(b, v->keys[i]);
			qms_buf_adds(b, ": ");
			render_flow(b, &v->items[i]);
		}
		qms_buf_addc(b, '}');
		return;
	}
}

static bool block_collection(const struct qms_yval *v)
{
	return v->type != QMS_YVAL_SCALAR && !v->flow && v->n > 0;
}

static void render_item(const struct qms_edit *e, struct qms_buf *b, const struct qms_yval *v, int col);

/* What follows `key:` in block context, the key at column `indent`
 * (0-based): ` value`, or the lines of a block collection. */
static void render_after_key(const struct qms_edit *e, struct qms_buf *b, const struct qms_yval *v,
			     int indent)
{
	if (!block_collection(v)) {
		qms_buf_addc(b, ' ');
		if (v->type == QMS_YVAL_SCALAR)
			qms_yaml_add_scalar(b, v->text, false);
		else
			render_flow(b, v);
		return;
	}
	if (v->type == QMS_YVAL_MAP) {
		for (size_t i = 0; i < v->n; i++) {
			qms_buf_adds(b, e->eol);
			add_spaces(b, indent + e->map_step);
			qms_buf_adds(b, v->keys[i]);
			qms_buf_addc(b, ':');
			render_after_key(e, b, &v->items[i], indent + e->map_step);
		}
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		qms_buf_adds(b, e->eol);
		add_spaces(b, indent + e->seq_offset);
		qms_buf_addc(b, '-');
		add_spaces(b, e->dash_gap);
		render_item(e, b, &v->items[i], indent + e->seq_offset + 1 + e->dash_gap);
	}
}

/* A list item in block context, written after its `- `; its content
 * starts at column `col` (0-based). */
static void render_item(const struct qms_edit *e, struct qms_buf *b, const struct qms_yval *v, int col)
{
	if (!block_collection(v)) {
		if (v->type == QMS_YVAL_SCALAR)
			qms_yaml_add_scalar(b, v->text, false);
		else
			render_flow(b, v);
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		if (i) {
			qms_buf_adds(b, e->eol);
			add_spaces(b, col);
		}
		if (v->type == QMS_YVAL_MAP) {
			qms_buf_adds(b, v->keys[i]);
			qms_buf_addc(b, ':');
			render_after_key(e, b, &v->items[i], col);
		} else {
			qms_buf_addc(b, '-');
			add_spaces(b, e->dash_gap);
			render_item(e, b, &v->items[i], col + 1 + e->dash_gap);
		}
	}
}

/* ---- finding a node's context ---- */

/* True when `target` is n or lies under it; *flow is set when a flow
 * collection encloses target (target itself excluded), *parent to the
 * collection holding it directly, *key to its key when that is a map. */
static bool find_context(const struct qms_edit *e, const struct qms_node *n,
			 const struct qms_node *target, bool in_flow, bool *flow,
			 const struct qms_node **parent, const struct qms_node **key)
{
	if (n == target) {
		*flow = in_flow;
		return true;
	}
	if (!n || n->type == QMS_NODE_SCALAR)
		return false;
	bool f = in_flow || is_flow(e, n);
	for (const struct qms_node *c = n->first; c; c = c->next) {
		const struct qms_node *child = n->type == QMS_NODE_MAP ? c->value : c;
		if (child == target) {
			*flow = f;
			*parent = n;
			*key = n->type == QMS_NODE_MAP ? c : NULL;
			return true;
		}
		if (find_context(e, child, target, f, flow, parent, key))
			return true;
	}
	return false;
}

static bool in_flow_context(const struct qms_edit *e, const struct qms_node *node)
{
	bool flow = false;
	const struct qms_node *parent = NULL, *key = NULL;
	if (e->doc)
		find_context(e, e->doc->root, node, false, &flow, &parent, &key);
	return flow;
}

/* ---- operations ---- */

static int line_indent(const struct qms_edit *e, size_t l)
{
	int n = 0;
	for (size_t i = e->line_start[l]; i < e->line_end[l] && e->text[i] == ' '; i++)
		n++;
	return n;
}

static int set_block_scalar(struct qms_edit *e, const struct qms_node *node, const char *value)
{
	size_t start = node_start(e, node);
	char style = e->text[start];
	size_t header = line_of(e, start);
	size_t end = content_end(e, node);
	size_t last = line_of(e, end);
	int indent = -1;
	for (size_t l = header + 1; l <= last && l < e->nlines; l++)
		if (!blank_line(e, l)) {
			indent = line_indent(e, l);
			break;
		}
	if (indent < 0)
		indent = line_indent(e, header) + e->map_step;
	struct qms_buf b;
	qms_buf_init(&b);
	const char *p = value;
	bool more = true;
	while (more) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n) {
			add_spaces(&b, indent);
			qms_buf_add(&b, p, n);
		}
		qms_buf_adds(&b, e->eol);
		if (nl && style == '>')
			qms_buf_adds(&b, e->eol); /* folded: a lone break reads as a space */
		more = nl != NULL;
		p = nl ? nl + 1 : p + n;
	}
	size_t from = header + 1 < e->nlines ? e->line_start[header + 1] : e->len;
	size_t to = last > header ? after_line(e, end) : from;
	if (from >= e->len && !ends_with_break(e)) {
		insert_lines(e, e->len, indent, &b);
		return 0;
	}
	add_splice(e, from, to - from, qms_buf_detach(&b));
	return 0;
}

static bool in_list(const struct qms_node *const *list, size_t n, const struct qms_node *seq);
static void note_list(const struct qms_node ***list, size_t *n, const struct qms_node *seq);

int qms_edit_set_scalar(struct qms_edit *e, const struct qms_node *node, const char *value)
{
	if (!node || node->type != QMS_NODE_SCALAR)
		return edit_fail(e, "not a single value");
	/* an empty value is replaced by an insertion, which a second one would
	 * not overlap: count the node instead */
	if (in_list(e->set, e->nset, node))
		return edit_fail(e, "this value is already changed by this edit");
	note_list(&e->set, &e->nset, node);
	if (is_block_scalar(e, node))
		return set_block_scalar(e, node, value);
	size_t s = node_start(e, node), end = node_end(e, node);
	bool flow = in_flow_context(e, node);
	struct qms_buf b;
	qms_buf_init(&b);
	if (s == end) {
		/* an empty value right after `key:` or `-` */
		if (s > 0 && e->text[s - 1] != ' ')
			qms_buf_addc(&b, ' ');
		qms_yaml_add_scalar(&b, value, flow);
		add_splice(e, s, 0, qms_buf_detach(&b));
		return 0;
	}
	char quote = e->text[s] == '"' || e->text[s] == '\'' ? e->text[s] : 0;
	add_scalar_styled(&b, value, flow, quote);
	add_splice(e, s, end - s, qms_buf_detach(&b));
	return 0;
}

static const struct qms_node *map_key(const struct qms_node *map, const char *key)
{
	for (const struct qms_node *k = map->first; k; k = k->next)
		if (!strcmp(k->text, key))
			return k;
	return NULL;
}

static bool listed(const char *const *keys, const char *key)
{
	for (size_t i = 0; keys && keys[i]; i++)
		if (!strcmp(keys[i], key))
			return true;
	return false;
}

/* Fill the empty (or `~`) value of `k` with a value. */
static int fill_empty(struct qms_edit *e, const struct qms_node *map, const struct qms_node *k,
		      const struct qms_yval *value, bool flow)
{
	const struct qms_node *v = k->value;
	if (value->type == QMS_YVAL_SCALAR)
		return qms_edit_set_scalar(e, v, value->text);
	struct qms_buf b;
	qms_buf_init(&b);
	size_t s = node_start(e, v), end = node_end(e, v);
	if (flow || !block_collection(value)) {
		if (s == end && s > 0 && e->text[s - 1] != ' ')
			qms_buf_addc(&b, ' ');
		render_flow(&b, value);
		add_splice(e, s, end - s, qms_buf_detach(&b));
		return 0;
	}
	if (s != end)
		add_splice(e, s, end - s, qms_xstrdup(""));
	render_after_key(e, &b, value, (int)map->col - 1);
	/* after the key's line, its comment included */
	add_splice(e, e->line_end[line_of(e, node_start(e, k))], 0, qms_buf_detach(&b));
	return 0;
}

int qms_edit_map_put(struct qms_edit *e, const struct qms_node *map, const char *key,
		     const struct qms_yval *value, const char *const *after)
{
	if (!map || map->type != QMS_NODE_MAP)
		return edit_fail(e, "not a mapping");
	bool flow = is_flow(e, map) || in_flow_context(e, map);
	const struct qms_node *k = map_key(map, key);
	if (k) {
		if (k->value->type != QMS_NODE_SCALAR)
			return edit_fail(e, "'%s' holds %s, not a single value", key,
					 qms_node_type_name(k->value));
		if (qms_node_is_null(k->value))
			return fill_empty(e, map, k, value, flow);
		if (value->type != QMS_YVAL_SCALAR)
			return edit_fail(e, "'%s' holds a single value", key);
		return qms_edit_set_scalar(e, k->value, value->text);
	}
	for (size_t i = 0; i < e->nadded; i++)
		if (e->added[i].map == map && !strcmp(e->added[i].key, key))
			return edit_fail(e, "'%s' is already added to this mapping by this edit", key);
	e->added = qms_xrealloc(e->added, (e->nadded + 1) * sizeof(*e->added));
	e->added[e->nadded++] = (struct qms_edit_added){map, qms_xstrdup(key)};
	const struct qms_node *anchor = NULL;
	for (const struct qms_node *c = map->first; c; c = c->next)
		if (!after || listed(after, c->text))
			anchor = c;
	struct qms_buf b;
	qms_buf_init(&b);
	if (flow) {
		if (anchor) {
			qms_buf_adds(&b, ", ");
			qms_buf_adds(&b, key);
			qms_buf_adds(&b, ": ");
			render_flow(&b, value);
			add_splice(e, content_end(e, anchor->value), 0, qms_buf_detach(&b));
		} else if (map->first) {
			qms_buf_adds(&b, key);
			qms_buf_adds(&b, ": ");
			render_flow(&b, value);
			qms_buf_adds(&b, ", ");
			add_splice(e, node_start(e, map->first), 0, qms_buf_detach(&b));
		} else {
			qms_buf_adds(&b, key);
			qms_buf_adds(&b, ": ");
			render_flow(&b, value);
			add_splice(e, node_start(e, map) + 1, 0, qms_buf_detach(&b));
		}
		return 0;
	}
	int indent = (int)map->col - 1;
	if (anchor) {
		add_spaces(&b, indent);
		qms_buf_adds(&b, key);
		qms_buf_addc(&b, ':');
		render_after_key(e, &b, value, indent);
		qms_buf_adds(&b, e->eol);
		insert_lines(e, after_line(e, content_end(e, anchor->value)), indent, &b);
		return 0;
	}
	/* first: before the first key, on its line (after a `- ` too) */
	qms_buf_adds(&b, key);
	qms_buf_addc(&b, ':');
	render_after_key(e, &b, value, indent);
	qms_buf_adds(&b, e->eol);
	add_spaces(&b, indent);
	add_splice(e, node_start(e, map->first), 0, qms_buf_detach(&b));
	return 0;
}

/* Offset of the `-` of a block list item: the first character before the
 * item that is not blank. */
static size_t dash_of(const struct qms_edit *e, const struct qms_node *item)
{
	size_t i = node_start(e, item);
	while (i > e->base) {
		char c = e->text[i - 1];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			return i - 1;
		i--;
	}
	return i;
}

static bool in_list(const struct qms_node *const *list, size_t n, const struct qms_node *seq)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == seq)
			return true;
	return false;
}

static void note_list(const struct qms_node ***list, size_t *n, const struct qms_node *seq)
{
	if (in_list(*list, *n, seq))
		return;
	*list = qms_xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[(*n)++] = seq;
}

int qms_edit_seq_insert(struct qms_edit *e, const struct qms_node *seq, const struct qms_node *after,
			const struct qms_yval *item)
{
	if (!seq || seq->type != QMS_NODE_SEQ)
		return edit_fail(e, "not a list");
	if (in_list(e->removed_from, e->nremoved_from, seq))
		return edit_fail(e, "this edit already removes items of the list; add items in another edit");
	note_list(&e->grown, &e->ngrown, seq);
	const struct qms_node *it = seq->first;
	while (it && after && it != after)
		it = it->next;
	if (after && !it)
		return edit_fail(e, "the item is not in the list");
	struct qms_buf b;
	qms_buf_init(&b);
	if (is_flow(e, seq)) {
		if (after) {
			qms_buf_adds(&b, ", ");
			render_flow(&b, item);
			add_splice(e, content_end(e, after), 0, qms_buf_detach(&b));
		} else if (seq->first) {
			render_flow(&b, item);
			qms_buf_adds(&b, ", ");
			add_splice(e, node_start(e, seq->first), 0, qms_buf_detach(&b));
		} else {
			render_flow(&b, item);
			add_splice(e, node_start(e, seq) + 1, 0, qms_buf_detach(&b));
		}
		return 0;
	}
	/* A block list has at least one item: the new one takes the style
	 * of its neighbour (the one before it, else the first). */
	const struct qms_node *model = after ? after : seq->first;
	int dash_col = (int)seq->col - 1;
	int gap = e->dash_gap;
	size_t dash = dash_of(e, model);
	if (line_of(e, dash) == model->line - 1 && model->col > seq->col)
		gap = (int)(model->col - seq->col - 1);
	/* A mapping or list joins in block style when any item of its kind is
	 * written so (block is the full form; `{...}` lines are shorthand for
	 * short items), in flow style when all are flow. */
	struct qms_yval copy = *item;
	if (item->type != QMS_YVAL_SCALAR) {
		bool any = false, all_flow = true;
		for (const struct qms_node *n = seq->first; n; n = n->next)
			if (n->type != QMS_NODE_SCALAR) {
				any = true;
				all_flow = all_flow && is_flow(e, n);
			}
		copy.flow = any ? all_flow : item->flow;
	}
	add_spaces(&b, dash_col);
	qms_buf_addc(&b, '-');
	add_spaces(&b, gap);
	render_item(e, &b, &copy, dash_col + 1 + gap);
	qms_buf_adds(&b, e->eol);
	if (after)
		insert_lines(e, after_line(e, content_end(e, after)), dash_col, &b);
	else
		insert_lines(e, e->line_start[line_of(e, dash)], dash_col, &b);
	return 0;
}

int qms_edit_seq_append(struct qms_edit *e, const struct qms_node *seq, const struct qms_yval *item)
{
	if (!seq || seq->type != QMS_NODE_SEQ)
		return edit_fail(e, "not a list");
	const struct qms_node *last = seq->first;
	while (last && last->next)
		last = last->next;
	return qms_edit_seq_insert(e, seq, last, item);
}

/* Remove one entry of a flow collection: [start, end) of the entry, with
 * the comma before it (or after it, for the first). */
static void remove_flow_entry(struct qms_edit *e, const struct qms_node *prev_end_node,
			      size_t start, size_t end, const struct qms_node *next_start)
{
	if (prev_end_node)
		add_splice(e, content_end(e, prev_end_node), end - content_end(e, prev_end_node),
		       qms_xstrdup(""));
	else if (next_start)
		add_splice(e, start, node_start(e, next_start) - start, qms_xstrdup(""));
	else
		add_splice(e, start, end - start, qms_xstrdup(""));
}

/* After removing the only item of a block list under a key, the key
 * would be left empty: write `[]` after its colon. */
static void empty_list_after_key(struct qms_edit *e, const struct qms_node *seq)
{
	bool flow = false;
	const struct qms_node *parent = NULL, *key = NULL;
	if (!e->doc || !find_context(e, e->doc->root, seq, false, &flow, &parent, &key) || !key)
		return;
	size_t i = node_end(e, key);
	while (i < e->len && e->text[i] != ':')
		i++;
	if (i < e->len)
		add_splice(e, i + 1, 0, qms_xstrdup(" []"));
}

int qms_edit_seq_remove(struct qms_edit *e, const struct qms_node *seq, const struct qms_node *item)
{
	if (!seq || seq->type != QMS_NODE_SEQ)
		return edit_fail(e, "not a list");
	const struct qms_node *prev = NULL, *it;
	for (it = seq->first; it && it != item; it = it->next)
		prev = it;
	if (!it)
		return edit_fail(e, "the item is not in the list");
	if (in_list(e->grown, e->ngrown, seq))
		return edit_fail(e, "this edit already adds items to the list; remove items in another edit");
	note_list(&e->removed_from, &e->nremoved_from, seq);
	if (is_flow(e, seq)) {
		remove_flow_entry(e, prev, node_start(e, item), content_end(e, item), item->next);
		return 0;
	}
	size_t from = e->line_start[line_of(e, dash_of(e, item))];
	size_t to = after_line(e, content_end(e, item));
	add_splice(e, from, to - from, qms_xstrdup(""));
	if (!prev && !item->next)
		empty_list_after_key(e, seq);
	return 0;
}

int qms_edit_map_remove(struct qms_edit *e, const struct qms_node *map, const char *key)
{
	if (!map || map->type != QMS_NODE_MAP)
		return edit_fail(e, "not a mapping");
	const struct qms_node *prev = NULL, *k;
	for (k = map->first; k && strcmp(k->text, key); k = k->next)
		prev = k;
	if (!k)
		return edit_fail(e, "no key '%s'", key);
	if (is_flow(e, map)) {
		remove_flow_entry(e, prev ? prev->value : NULL, node_start(e, k),
				  content_end(e, k->value), k->next);
		return 0;
	}
	size_t start = node_start(e, k);
	size_t l = line_of(e, start);
	bool alone = true; /* nothing but indentation before the key on its line */
	for (size_t i = e->line_start[l]; i < start; i++)
		if (e->text[i] != ' ')
			alone = false;
	if (!alone) {
		if (!k->next)
			return edit_fail(e, "'%s' is the only key of a list item; remove the item", key);
		add_splice(e, start, node_start(e, k->next) - start, qms_xstrdup(""));
		return 0;
	}
	if (!prev && !k->next)
		return edit_fail(e, "'%s' is the only key of the mapping", key);
	size_t to = after_line(e, content_end(e, k->value));
	add_splice(e, e->line_start[l], to - e->line_start[l], qms_xstrdup(""));
	return 0;
}

/* ---- files ---- */

static int file_fail(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int file_fail(char **err, const char *fmt, ...)
{
	int saved = errno;
	struct qms_buf b;
	va_list ap;
	qms_buf_init(&b);
	va_start(ap, fmt);
	qms_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (err)
		*err = qms_buf_detach(&b);
	else
		qms_buf_release(&b);
	errno = saved;
	return -1;
}

/* Folder and name of path; the folder is "." for a bare name. */
static void split_path(const char *path, char **dir, const char **name)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*dir = qms_xstrdup(".");
		*name = path;
	} else {
		*dir = slash == path ? qms_xstrdup("/") : qms_xstrndup(path, (size_t)(slash - path));
		*name = slash + 1;
	}
}

static char *sibling(const char *path, const char *prefix, const char *suffix)
{
	char *dir;
	const char *name;
	split_path(path, &dir, &name);
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_printf(&b, "%s/%s%s%s", dir, prefix, name, suffix);
	free(dir);
	return qms_buf_detach(&b);
}

int qms_file_lock(const char *path, char **err)
{
	char *lock = sibling(path, ".", ".lock");
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		file_fail(err, "cannot create the lock file '%s': %s", lock, strerror(errno));
		free(lock);
		return -1;
	}
	while (flock(fd, LOCK_EX) < 0) {
		if (errno == EINTR)
			continue;
		file_fail(err, "cannot lock '%s': %s", lock, strerror(errno));
		close(fd);
		free(lock);
		return -1;
	}
	free(lock);
	return fd;
}

void qms_file_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* releases the flock */
}

int qms_file_read(struct qms_buf *out, const char *path, char **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return file_fail(err, "cannot open '%s': %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return file_fail(err, "'%s' is not a regular file", path);
	}
	if ((unsigned long long)st.st_size > QMS_MAX_FILE_SIZE) {
		close(fd);
		errno = EFBIG;
		return file_fail(err, "'%s' is over the limit of %u bytes", path, QMS_MAX_FILE_SIZE);
	}
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			close(fd);
			errno = saved;
			return file_fail(err, "cannot read '%s': %s", path, strerror(errno));
		}
		if (n == 0)
			break;
		qms_buf_add(out, chunk, (size_t)n);
		if (out->len > QMS_MAX_FILE_SIZE) {
			close(fd);
			errno = EFBIG;
			return file_fail(err, "'%s' is over the limit of %u bytes", path, QMS_MAX_FILE_SIZE);
		}
	}
	close(fd);
	return 0;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int qms_file_write_atomic(const char *path, const char *data, size_t len, unsigned flags, char **err)
{
	char *tmp = sibling(path, ".", ".tmp-XXXXXX");
	char *dir;
	const char *name;
	split_path(path, &dir, &name);
	int rc = -1;
	mode_t mode;
	struct stat st;
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(022); /* read it back: there is no other way */
		umask(mask);
		mode = 0666 & ~mask;
	}
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		file_fail(err, "cannot create a temporary file in '%s': %s", dir, strerror(errno));
		goto out;
	}
	/* errors name the user's file: the temporary one is gone after them */
	if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		file_fail(err, "cannot write '%s': %s", path, strerror(errno));
		close(fd);
		goto fail;
	}
	if (close(fd) < 0) {
		file_fail(err, "cannot write '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (flags & QMS_WRITE_NEW) {
		if (link(tmp, path) < 0) {
			file_fail(err, errno == EEXIST ? "'%s' already exists" : "cannot create '%s': %s",
				  path, strerror(errno));
			goto fail;
		}
		unlink(tmp);
	} else if (rename(tmp, path) < 0) {
		file_fail(err, "cannot replace '%s': %s", path, strerror(errno));
		goto fail;
	}
	if (fsync_dir(dir) < 0) {
		file_fail(err, "cannot sync the folder '%s': %s", dir, strerror(errno));
		goto out;
	}
	rc = 0;
	goto out;
fail: {
	int saved = errno;
	unlink(tmp);
	errno = saved;
}
out:
	free(tmp);
	free(dir);
	return rc;
}

void qms_file_remove_stale(const char *path)
{
	char *dir;
	const char *name;
	split_path(path, &dir, &name);
	struct qms_buf prefix;
	qms_buf_init(&prefix);
	qms_buf_printf(&prefix, ".%s.tmp-", name);
	DIR *d = opendir(dir);
	if (d) {
		int dfd = dirfd(d);
		struct dirent *ent;
		while ((ent = readdir(d)))
			if (!strncmp(ent->d_name, prefix.buf, prefix.len) &&
			    strlen(ent->d_name) == prefix.len + 6)
				unlinkat(dfd, ent->d_name, 0);
		closedir(d);
	}
	qms_buf_release(&prefix);
	free(dir);
}

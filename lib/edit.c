/* In-place edits of YAML text at the positions the loader recorded. See
 * edit.h; the files are written by fs.c. */
#include "edit.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct qms_edit_splice {
	size_t at; /* offset in the original text */
	size_t del; /* bytes removed from there */
	char *ins; /* owned; inserted at `at` */
	int depth; /* depth in the tree of the node changed or inserted into; -1 for a removal */
	size_t seq; /* order of creation */
	bool planned; /* made by plan() from the removals, not by an operation */
};

static int edit_fail(struct qms_edit *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int edit_fail(struct qms_edit *e, const char *fmt, ...)
{
	struct qms_buf b;
	va_list ap;
	qms_buf_init(&b);
	va_start(ap, fmt);
	qms_buf_vprintf(&b, _(fmt), ap); /* the English format is the msgid */
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
		if (!e->eol && (s[i] == '\n' || s[i] == '\r')) /* not NEL, LS, PS */
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
	for (uint32_t c = 1; c < col && i < e->len; c++)
		i += qms_utf8_column_len(e->text + i, e->len - i); /* as the loader counts columns */
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

static size_t skip_space(const struct qms_edit *e, size_t i);

/* Where the node proper starts: after its tag, if any (libyaml starts the
 * node at the tag). */
static size_t after_tag(const struct qms_edit *e, const struct qms_node *n)
{
	size_t s = node_start(e, n);
	if (s < e->len && e->text[s] == '!') {
		while (s < e->len && e->text[s] != ' ' && e->text[s] != '\t' && !break_len(e->text, e->len, s))
			s++;
		s = skip_space(e, s);
	}
	return s;
}

static bool is_block_scalar(const struct qms_edit *e, const struct qms_node *n)
{
	if (n->type != QMS_NODE_SCALAR || n->plain)
		return false;
	size_t s = after_tag(e, n);
	return s < e->len && (e->text[s] == '|' || e->text[s] == '>');
}

/* Offset of the `[` or `{` of a flow collection (after its tag, if any),
 * or (size_t)-1 for a block one. */
static size_t flow_open(const struct qms_edit *e, const struct qms_node *n)
{
	if (n->type == QMS_NODE_SCALAR)
		return (size_t)-1;
	size_t s = after_tag(e, n);
	return s < e->len && (e->text[s] == '[' || e->text[s] == '{') ? s : (size_t)-1;
}

static bool is_flow(const struct qms_edit *e, const struct qms_node *n)
{
	return flow_open(e, n) != (size_t)-1;
}

static bool blank_line(const struct qms_edit *e, size_t l)
{
	for (size_t i = e->line_start[l]; i < e->line_end[l]; i++)
		if (e->text[i] != ' ' && e->text[i] != '\t')
			return false;
	return true;
}

static int line_indent(const struct qms_edit *e, size_t l)
{
	int n = 0;
	for (size_t i = e->line_start[l]; i < e->line_end[l] && e->text[i] == ' '; i++)
		n++;
	return n;
}

/* Column (0-based, in characters) of offset `off` on its line. */
static int col_at(const struct qms_edit *e, size_t off)
{
	int c = 0;
	for (size_t i = e->line_start[line_of(e, off)]; i < off; c++)
		i += qms_utf8_column_len(e->text + i, off - i);
	return c;
}

/* True when only spaces come before `off` on its line. */
static bool starts_line(const struct qms_edit *e, size_t off)
{
	for (size_t i = e->line_start[line_of(e, off)]; i < off; i++)
		if (e->text[i] != ' ')
			return false;
	return true;
}

/* Lines that start (after spaces) with a tab, from `off` to the next
 * token: in block context only a plain scalar before them takes them in
 * (as its trailing blanks); after any other token the tab is an error. So
 * what comes before them must stay a plain scalar, or move after them.
 * Returns the start of the line after the last of them, or NO_TRAP. */
#define NO_TRAP ((size_t)-1)

static size_t trap_end(const struct qms_edit *e, size_t off)
{
	size_t i = off, last = NO_TRAP;
	if (i < e->len && i != e->line_start[line_of(e, i)]) {
		/* the rest of the line: blanks and a comment, or a token */
		while (i < e->len && (e->text[i] == ' ' || e->text[i] == '\t'))
			i++;
		if (i < e->len && e->text[i] == '#')
			i = e->line_end[line_of(e, i)];
		if (i < e->len && !break_len(e->text, e->len, i))
			return NO_TRAP;
		i = after_line(e, i);
	}
	while (i < e->len) {
		while (i < e->len && e->text[i] == ' ')
			i++;
		if (i >= e->len)
			break;
		if (e->text[i] == '\t')
			last = after_line(e, i);
		else if (e->text[i] != '#' && !break_len(e->text, e->len, i))
			break; /* the next token */
		i = after_line(e, i);
	}
	return last;
}

static bool tab_trap(const struct qms_edit *e, size_t off)
{
	return trap_end(e, off) != NO_TRAP;
}

/* A line start to insert lines at, or the end of lines removed: after
 * such lines, if any. */
static size_t past_trap(const struct qms_edit *e, size_t at)
{
	size_t t = trap_end(e, at);
	return t == NO_TRAP ? at : t;
}

#define TAB_TRAP                                                                                                       \
	N_("a line after it starts with a tab, which YAML allows there only after a plain value; remove the tab "      \
	   "first")

/* ---- the tree ---- */

/* True when n is root or lies under it (keys included). */
static bool under(const struct qms_node *root, const struct qms_node *n)
{
	if (!root)
		return false;
	if (root == n)
		return true;
	if (root->type == QMS_NODE_SCALAR)
		return false;
	for (const struct qms_node *c = root->first; c; c = c->next)
		if (under(c, n) || (root->type == QMS_NODE_MAP && under(c->value, n)))
			return true;
	return false;
}

/* True when `target` is n or lies under it; *flow is set when a flow
 * collection encloses target (target itself excluded), *parent to the
 * collection holding it directly, *key to its key when that is a map. */
static bool find_context(const struct qms_edit *e, const struct qms_node *n, const struct qms_node *target,
			 bool in_flow, bool *flow, const struct qms_node **parent, const struct qms_node **key)
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

static const struct qms_node *parent_of(const struct qms_edit *e, const struct qms_node *node,
					const struct qms_node **key)
{
	bool flow = false;
	const struct qms_node *parent = NULL;
	*key = NULL;
	if (e->doc)
		find_context(e, e->doc->root, node, false, &flow, &parent, key);
	return parent;
}

/* ---- block structure ---- */

#define NO_DASH ((size_t)-1)

/* Offset of the `-` of a block list item, or NO_DASH: the last `-` before
 * the item on its line (`- - a`), or on the nearest line above holding
 * nothing but dashes, blanks and a comment (`- # note` then the item). */
static size_t dash_of(const struct qms_edit *e, const struct qms_node *item)
{
	size_t s = node_start(e, item);
	size_t first = line_of(e, s);
	for (size_t l = first;; l--) {
		size_t end = l == first ? s : e->line_end[l];
		size_t dash = NO_DASH;
		for (size_t i = e->line_start[l]; i < end; i++) {
			char c = e->text[i];
			if (c == '#' && (i == e->line_start[l] || e->text[i - 1] == ' ' || e->text[i - 1] == '\t'))
				break; /* a comment */
			if (c == '-')
				dash = i;
			else if (c != ' ' && c != '\t')
				return NO_DASH;
		}
		if (dash != NO_DASH)
			return dash;
		if (l == 0)
			return NO_DASH;
	}
}

/* True when the `#` at j (on the line starting at ls) starts a comment:
 * after a blank, or, in a flow collection, right after a `?` indicator
 * (`{ ?#note`: libyaml reads the `?` as an indicator there and the rest of
 * the line as a comment). *flow caches whether k's mapping is in flow: -1
 * unknown. */
static bool comment_starts(const struct qms_edit *e, size_t ls, size_t j, const struct qms_node *k, int *flow)
{
	if (j == ls || e->text[j - 1] == ' ' || e->text[j - 1] == '\t')
		return true;
	if (e->text[j - 1] != '?')
		return false;
	if (*flow < 0) /* a flow collection encloses k's value: k's mapping is in flow */
		*flow = in_flow_context(e, k->value);
	return *flow;
}

/* Where a mapping entry starts: its key, or the `?` of an explicit key,
 * which may be on a line above it (with blank or comment lines between). */
static size_t key_start(const struct qms_edit *e, const struct qms_node *k)
{
	size_t s = node_start(e, k);
	int flow = -1; /* in a flow collection: computed when needed */
	for (size_t l = line_of(e, s), end = s;; l--, end = e->line_end[l]) {
		size_t ls = e->line_start[l], i = end;
		if (end != s) /* a line above: without its comment */
			for (size_t j = ls; j < end; j++)
				if (e->text[j] == '#' && comment_starts(e, ls, j, k, &flow)) {
					i = j;
					break;
				}
		while (i > ls && (e->text[i - 1] == ' ' || e->text[i - 1] == '\t'))
			i--;
		if (i > ls) {
			/* a `?` indicator: after nothing but the indentation and other
			 * indicators on its line (`- ? key`, `: ? key`), or a flow `{`
			 * or `,` */
			if (e->text[i - 1] != '?')
				return s;
			size_t q = i - 1, j = q;
			while (j > ls && (e->text[j - 1] == ' ' || e->text[j - 1] == '\t'))
				j--;
			if (j > ls && (e->text[j - 1] == '{' || e->text[j - 1] == ',' || e->text[j - 1] == '['))
				return q;
			while (j > ls && (e->text[j - 1] == '-' || e->text[j - 1] == '?' || e->text[j - 1] == ':') &&
			       (e->text[j] == ' ' || e->text[j] == '\t')) {
				j--;
				while (j > ls && (e->text[j - 1] == ' ' || e->text[j - 1] == '\t'))
					j--;
			}
			return j == ls ? q : s;
		}
		if (l == 0)
			return s;
	}
}

static bool explicit_key(const struct qms_edit *e, const struct qms_node *k)
{
	return key_start(e, k) != node_start(e, k);
}

/* Start of an entry of a block collection: the `-` of an item, the key
 * (or `?`) of a mapping entry; NO_DASH when an item has no dash. */
static size_t entry_start(const struct qms_edit *e, const struct qms_node *coll, const struct qms_node *entry)
{
	return coll->type == QMS_NODE_MAP ? key_start(e, entry) : dash_of(e, entry);
}

/* Indentation (column of the entries) of a block collection. */
static int block_col(const struct qms_edit *e, const struct qms_node *coll)
{
	size_t s = entry_start(e, coll, coll->first);
	return s == NO_DASH ? (int)coll->col - 1 : col_at(e, s);
}

/* The indentation of a block scalar's content: from the indentation
 * indicator of its header, else from its first line with text, else -1;
 * *digit is the indicator (0 when none). */
static int block_scalar_indent(const struct qms_edit *e, const struct qms_node *n, int *digit)
{
	size_t start = after_tag(e, n);
	*digit = 0;
	for (size_t i = start + 1; i < e->len && i < start + 3; i++) {
		if (e->text[i] >= '1' && e->text[i] <= '9')
			*digit = e->text[i] - '0';
		else if (e->text[i] != '+' && e->text[i] != '-')
			break;
	}
	if (*digit) {
		const struct qms_node *key;
		const struct qms_node *p = parent_of(e, n, &key);
		int parent = p ? block_col(e, p) : -1;
		return (parent >= 0 ? parent : 0) + *digit;
	}
	size_t header = line_of(e, start);
	size_t end = node_end(e, n);
	for (size_t l = header + 1; l < e->nlines && e->line_start[l] < end; l++)
		if (!blank_line(e, l))
			return line_indent(e, l);
	return -1;
}

/* True when line l is only a line break in a block scalar whose text is
 * indented by `indent` (-1: not known yet): spaces, no more than that;
 * more spaces, or a tab, are text. */
static bool break_line(const struct qms_edit *e, size_t l, int indent)
{
	int n = line_indent(e, l);
	return e->line_start[l] + (size_t)n == e->line_end[l] && (indent < 0 || n <= indent);
}

static bool keeps_breaks(const struct qms_edit *e, const struct qms_node *n)
{
	size_t start = after_tag(e, n);
	for (size_t i = start + 1; i < e->len && i < start + 3; i++)
		if (e->text[i] == '+')
			return true;
	return false;
}

/* Skip blanks, line breaks, comments and BOMs (which libyaml skips at
 * the start of a line) from `i`. */
static size_t skip_space(const struct qms_edit *e, size_t i)
{
	bool blank = true; /* after a blank or break: a `#` starts a comment */
	while (i < e->len) {
		char c = e->text[i];
		size_t n = break_len(e->text, e->len, i);
		if (c == ' ' || c == '\t' || n) {
			i += n ? n : 1;
			blank = true;
		} else if (e->len - i >= 3 && !memcmp(e->text + i, "\xef\xbb\xbf", 3)) {
			i += 3;
		} else if (c == '#' && (blank || i == e->base)) {
			i = e->line_end[line_of(e, i)];
		} else {
			break;
		}
	}
	return i;
}

static size_t value_end(const struct qms_edit *e, const struct qms_node *k);

/* Where the text of a subtree ends: after its last character that is not
 * a line break, blank line or the indentation of what follows (block
 * collections end, for libyaml, where the next token starts). */
static size_t content_end(const struct qms_edit *e, const struct qms_node *n)
{
	if (n->type == QMS_NODE_SCALAR) {
		if (!is_block_scalar(e, n))
			return node_end(e, n);
		/* a block scalar ends at the start of the line after it, blank
		 * lines included: back to its last line that counts (with `+`
		 * all of them count; else those with text, or with more spaces
		 * than the indentation, which are text too) */
		int digit;
		int indent = block_scalar_indent(e, n, &digit);
		size_t first = line_of(e, after_tag(e, n));
		size_t end = node_end(e, n);
		size_t l = line_of(e, end);
		if (end == e->line_start[l] && l > first)
			l--;
		if (keeps_breaks(e, n))
			return e->line_end[l];
		while (l > first && break_line(e, l, indent))
			l--;
		return e->line_end[l];
	}
	if (is_flow(e, n) || !n->first)
		return node_end(e, n);
	const struct qms_node *last = n->first;
	while (last->next)
		last = last->next;
	return n->type == QMS_NODE_MAP ? value_end(e, last) : content_end(e, last);
}

/* Where the entry of key k ends: where its value does; for an empty
 * value, after its `:`, or after the key when there is none (`? key`,
 * `{key, ...}`: libyaml puts the empty value where the next token starts,
 * maybe lines further on). */
static size_t value_end(const struct qms_edit *e, const struct qms_node *k)
{
	const struct qms_node *v = k->value;
	size_t s = node_start(e, v);
	if (v->type != QMS_NODE_SCALAR || s != node_end(e, v))
		return content_end(e, v);
	size_t ke = content_end(e, k), mark = skip_space(e, ke);
	return mark < s && e->text[mark] == ':' ? s : ke;
}

/* End of an entry of a collection (its item, or its key's value). */
static size_t entry_end(const struct qms_edit *e, const struct qms_node *coll, const struct qms_node *entry)
{
	return coll->type == QMS_NODE_MAP ? value_end(e, entry) : content_end(e, entry);
}

/* ---- session ---- */

static void infer_style(struct qms_edit *e, const struct qms_node *n)
{
	if (!n || n->type == QMS_NODE_SCALAR)
		return;
	if (n->type == QMS_NODE_SEQ) {
		bool flow = is_flow(e, n);
		for (const struct qms_node *it = n->first; it; it = it->next) {
			if (!flow && e->dash_gap < 0) {
				size_t d = dash_of(e, it), s = node_start(e, it);
				if (d != NO_DASH && line_of(e, d) == line_of(e, s) && s > d + 1)
					e->dash_gap = col_at(e, s) - col_at(e, d) - 1;
			}
			infer_style(e, it);
		}
		return;
	}
	for (const struct qms_node *k = n->first; k; k = k->next) {
		const struct qms_node *v = k->value;
		if (v && v->type != QMS_NODE_SCALAR && v->first && !is_flow(e, v)) {
			size_t vs = entry_start(e, v, v->first);
			size_t ks = key_start(e, k);
			if (vs != NO_DASH && line_of(e, vs) > line_of(e, ks)) {
				int step = col_at(e, vs) - col_at(e, ks);
				if (v->type == QMS_NODE_MAP && e->map_step < 0 && step > 0)
					e->map_step = step;
				if (v->type == QMS_NODE_SEQ && e->seq_offset < 0 && step >= 0)
					e->seq_offset = step;
			}
		}
		infer_style(e, v);
	}
}

/* LF, CRLF and a lone CR mixed: libyaml takes each as a line break, but
 * the editor's new lines and the block scalars it changes would not match
 * them all (a lone CR in a block scalar of an LF text). */
static const char *mixed_breaks(const struct qms_edit *e)
{
	bool lf = false, crlf = false, cr = false;
	for (size_t i = e->base; i < e->len; i++) {
		size_t n = break_len(e->text, e->len, i);
		if (e->text[i] == '\n')
			lf = true;
		else if (e->text[i] == '\r')
			*(n == 2 ? &crlf : &cr) = true;
		i += n ? n - 1 : 0;
	}
	if (lf + crlf + cr > 1)
		return N_("the text mixes line ends (LF, CRLF, CR); save it with one kind of line end first");
	return NULL;
}

/* NEL (U+0085), LS (U+2028) and PS (U+2029) end a line for libyaml but
 * not for the editor's line index: positions would not agree (issue 17,
 * found by fuzz-edit). */
static const char *unicode_breaks(const struct qms_edit *e)
{
	for (size_t i = e->base; i < e->len; i++)
		if (break_len(e->text, e->len, i) && e->text[i] != '\n' && e->text[i] != '\r')
			return N_("the text holds a Unicode line or paragraph separator (U+0085, U+2028 or U+2029), "
				  "which YAML counts as a line end; replace it with a line break or a space first");
	return NULL;
}

/* A combining mark right after a blank, an indicator or a line start: the
 * loader counts it in the column of what is before it, libyaml starts a
 * value at it, and the two positions of that value would not agree (issue
 * 17, fuzz-edit's 60-minute run). Typed text puts marks after letters. */
static const char *stray_marks(const struct qms_edit *e)
{
	unsigned char prev = '\n';
	for (size_t i = e->base; i < e->len;) {
		uint32_t cp;
		size_t n = qms_utf8_decode(e->text + i, e->len - i, &cp);
		if (!n)
			return NULL; /* the loader refused it before */
		if (cp >= 0x300 && qms_is_combining(cp) && prev < 0x80 && strchr(" \t\r\n-:,[{\"'?", prev))
			return N_("a combining accent follows a blank or a sign, not a letter; retype the word with "
				  "its accent");
		prev = (unsigned char)e->text[i];
		i += n;
	}
	return NULL;
}

/* A line starting with `---` or `...` followed by more than a blank: text
 * (`...,x` in a flow list) that an edit next to it could turn into the
 * start or the end of a document. */
static const char *marker_lines(const struct qms_edit *e)
{
	for (size_t l = 0; l < e->nlines; l++) {
		size_t i = e->line_start[l], end = e->line_end[l];
		if (end - i < 4 || (memcmp(e->text + i, "---", 3) && memcmp(e->text + i, "...", 3)))
			continue;
		if (!strchr(" \t", e->text[i + 3]))
			return N_("a line starts with '---' or '...' and more text, which a change could turn into the "
				  "start or the end of the document; indent that line first");
	}
	return NULL;
}

/* Layouts YAML allows but the editor cannot change safely, found before
 * any change (fuzzing made a wrong text of each once): a key written as a
 * block scalar (`? |-`: what an entry removed after it leaves behind would
 * join the key). */
static const char *layout_problem(const struct qms_edit *e, const struct qms_node *n)
{
	if (!n || n->type == QMS_NODE_SCALAR)
		return NULL;
	for (const struct qms_node *c = n->first; c; c = c->next) {
		if (n->type == QMS_NODE_MAP && is_block_scalar(e, c))
			return N_("a key is written as a block scalar ('? |'); write it as a plain key first");
		const char *why = layout_problem(e, n->type == QMS_NODE_MAP ? c->value : c);
		if (why)
			return why;
	}
	return NULL;
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
	for (size_t i = e->base; i + 3 <= len && !e->inner_bom; i++)
		e->inner_bom = !memcmp(text + i, "\xef\xbb\xbf", 3);
	e->map_step = e->seq_offset = e->dash_gap = -1;
	e->layout = mixed_breaks(e);
	if (!e->layout)
		e->layout = unicode_breaks(e);
	if (!e->layout)
		e->layout = stray_marks(e);
	if (!e->layout)
		e->layout = marker_lines(e);
	if (doc) {
		infer_style(e, doc->root);
		if (!e->layout)
			e->layout = layout_problem(e, doc->root);
	}
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
	free(e->removals);
	free(e->touched);
	free(e->line_start);
	free(e->line_end);
	free(e->error);
	memset(e, 0, sizeof(*e));
}

/* Depth of `target` under n (n is at `d`), or -1. */
static int depth_under(const struct qms_node *n, const struct qms_node *target, int d)
{
	if (!n)
		return -1;
	if (n == target)
		return d;
	if (n->type == QMS_NODE_SCALAR)
		return -1;
	for (const struct qms_node *c = n->first; c; c = c->next) {
		int r = depth_under(n->type == QMS_NODE_MAP ? c->value : c, target, d + 1);
		if (r >= 0)
			return r;
	}
	return -1;
}

/* Replace text[at..at+del) of the node `into` (or insert into it) with
 * ins (owned by the splice from now on). */
static void add_splice(struct qms_edit *e, size_t at, size_t del, char *ins, const struct qms_node *into)
{
	if (e->nsplices == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->splices = qms_xrealloc(e->splices, e->cap * sizeof(*e->splices));
	}
	int d = e->doc ? depth_under(e->doc->root, into, 0) : 0;
	e->splices[e->nsplices] = (struct qms_edit_splice){at, del, ins, d < 0 ? 0 : d, e->nsplices, false};
	e->nsplices++;
}

static bool ends_with_break(const struct qms_edit *e)
{
	return e->nlines > 1 && e->line_start[e->nlines - 1] == e->len;
}

/* Insert whole lines (text ending with e->eol) into the node `into`, at a
 * line start. At the end of a text without a final line break, the break
 * goes first instead. */
static void insert_lines(struct qms_edit *e, size_t at, const struct qms_node *into, struct qms_buf *lines)
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
	add_splice(e, at, 0, qms_buf_detach(lines), into);
}

/* ---- the plan: every splice, those of the removals included ---- */

struct plan {
	struct qms_edit_splice *s;
	size_t n, cap;
};

static void plan_add(struct plan *p, size_t at, size_t del, const char *ins, int depth, bool planned)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->s = qms_xrealloc(p->s, p->cap * sizeof(*p->s));
	}
	p->s[p->n] = (struct qms_edit_splice){at, del, (char *)ins, depth, p->n, planned};
	if (planned)
		p->s[p->n].ins = qms_xstrdup(ins);
	p->n++;
}

static void plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->s[i].planned)
			free(p->s[i].ins);
	free(p->s);
	memset(p, 0, sizeof(*p));
}

/* Order of splices at one offset: an insertion before a change of the
 * text there (the inserted text goes before what follows, which the
 * change replaces); of two insertions, the one into the deeper node first
 * (what is inserted at one offset goes at the end of nested nodes: a list
 * item appended inside the last item of an outer list goes before the
 * item appended to the outer list, even when both lists have the same
 * indentation, `key:` then `- item`; the value written for an empty key
 * before an entry added after that key), else as created. */
static int splice_cmp(const void *pa, const void *pb)
{
	const struct qms_edit_splice *a = pa, *b = pb;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if ((a->del == 0) != (b->del == 0))
		return a->del == 0 ? -1 : 1;
	if (a->depth != b->depth)
		return a->depth > b->depth ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The last scalar of a subtree in block style: what text after it
 * follows. */
static const struct qms_node *last_leaf(const struct qms_edit *e, const struct qms_node *n)
{
	while (n && n->type != QMS_NODE_SCALAR && n->first && !is_flow(e, n)) {
		const struct qms_node *last = n->first;
		while (last->next)
			last = last->next;
		/* an empty value without a `:` (`? key`): the key comes last */
		if (n->type == QMS_NODE_MAP && value_end(e, last) == content_end(e, last) &&
		    last->value->type == QMS_NODE_SCALAR && node_start(e, last->value) == node_end(e, last->value))
			n = last;
		else
			n = n->type == QMS_NODE_MAP ? last->value : last;
	}
	return n;
}

/* Lines from `to` on that a block scalar before them would take in as its
 * own once what is between goes: blank lines with more spaces than its
 * indentation (or any, with `+`), comments indented as its text. Returns
 * the end of the last of them, or `to`. */
static size_t past_absorbed(const struct qms_edit *e, const struct qms_node *scalar, size_t to)
{
	int digit;
	int indent = block_scalar_indent(e, scalar, &digit);
	if (indent < 0) {
		/* no text yet: its text would be indented deeper than its parent */
		const struct qms_node *key;
		const struct qms_node *p = parent_of(e, scalar, &key);
		indent = p ? block_col(e, p) + 1 : 1;
	}
	bool keep = keeps_breaks(e, scalar);
	size_t end = to;
	for (size_t i = to; i < e->len; i = after_line(e, i)) {
		size_t l = line_of(e, i);
		int n = line_indent(e, l);
		size_t first = e->line_start[l] + (size_t)n;
		if (first == e->line_end[l]) {
			if (keep || n > indent)
				end = after_line(e, i);
			continue;
		}
		if ((e->text[first] != '#' && e->text[first] != '\t') || n < indent)
			break; /* a token, or what ends the block */
		end = after_line(e, i);
	}
	return end;
}

/* True when a node of the subtree n that is only a tag (an empty value,
 * `!t`) ends at `off`. */
static bool tag_ends_at(const struct qms_edit *e, const struct qms_node *n, size_t off)
{
	if (!n)
		return false;
	if (n->type == QMS_NODE_SCALAR)
		return n->len == 0 && node_end(e, n) == off && node_start(e, n) < off &&
		       e->text[node_start(e, n)] == '!';
	for (const struct qms_node *c = n->first; c; c = c->next)
		if (tag_ends_at(e, c, off) || (n->type == QMS_NODE_MAP && tag_ends_at(e, c->value, off)))
			return true;
	return false;
}

/* Start of an entry of a flow collection: its item, its key or the `?`
 * before it. */
static size_t flow_entry_start(const struct qms_edit *e, const struct qms_node *coll, const struct qms_node *entry)
{
	return coll->type == QMS_NODE_MAP ? key_start(e, entry) : node_start(e, entry);
}

/* A block list whose items all go: `[]` where the list was. */
static int plan_empty_list(struct qms_edit *e, struct plan *p, const struct qms_node *seq, size_t first)
{
	size_t s = node_start(e, seq);
	if (s < first) {
		/* a tag before the items: the empty list after it */
		size_t i = s;
		while (i < e->len && e->text[i] != ' ' && e->text[i] != '\t' && !break_len(e->text, e->len, i))
			i++;
		plan_add(p, i, 0, " []", -1, true);
		return 0;
	}
	const struct qms_node *key;
	const struct qms_node *parent = parent_of(e, seq, &key);
	if (key) {
		size_t i = skip_space(e, node_end(e, key));
		if (i >= e->len || e->text[i] != ':')
			return edit_fail(e, "cannot find the ':' after '%s'", key->text);
		plan_add(p, i + 1, 0, " []", -1, true);
		return 0;
	}
	if (parent) {
		size_t d = dash_of(e, seq);
		if (d == NO_DASH)
			return edit_fail(e, "cannot find the '-' of the list");
		plan_add(p, d + 1, 0, " []", -1, true);
		return 0;
	}
	struct qms_buf b;
	qms_buf_init(&b);
	qms_buf_adds(&b, "[]");
	qms_buf_adds(&b, e->eol);
	plan_add(p, e->line_start[line_of(e, first)], 0, b.buf, 0, true);
	qms_buf_release(&b);
	return 0;
}

/* The entries of a collection in order, and which of them the session
 * removes: ent[i], gone[i] for i < n. */
struct entries {
	const struct qms_node **ent;
	bool *gone;
	size_t n;
	bool all; /* every entry goes */
};

static void entries_of(const struct qms_edit *e, const struct qms_node *coll, struct entries *es)
{
	es->n = 0;
	for (const struct qms_node *c = coll->first; c; c = c->next)
		es->n++;
	es->ent = qms_xmalloc(es->n * sizeof(*es->ent));
	es->gone = qms_xmalloc(es->n * sizeof(*es->gone));
	es->all = true;
	size_t i = 0;
	for (const struct qms_node *c = coll->first; c; c = c->next, i++) {
		es->ent[i] = c;
		es->gone[i] = false;
		for (size_t r = 0; r < e->nremovals; r++)
			if (e->removals[r].coll == coll && e->removals[r].entry == c)
				es->gone[i] = true;
		es->all = es->all && es->gone[i];
	}
}

/* The end of the run of removed entries that starts at i. */
static size_t run_end(const struct entries *es, size_t i)
{
	size_t j = i;
	while (j + 1 < es->n && es->gone[j + 1])
		j++;
	return j;
}

/* Removes entries i..j of a flow collection. */
static void plan_flow_run(struct qms_edit *e, struct plan *p, const struct qms_node *coll, const struct entries *es,
			  size_t i, size_t j)
{
	const struct qms_node *const *ent = es->ent;
	size_t n = es->n, from, to;
	if (j + 1 < n) { /* up to the entry that follows */
		from = flow_entry_start(e, coll, ent[i]);
		to = flow_entry_start(e, coll, ent[j + 1]);
	} else if (i > 0) {
		/* from the comma after the entry before: what separates
		 * them stays (a tag must not end up against the bracket) */
		from = entry_end(e, coll, ent[i - 1]);
		size_t c = skip_space(e, from);
		if (c < e->len && e->text[c] == ',')
			from = c;
		to = entry_end(e, coll, ent[j]);
		/* the entry before may end with a plain scalar, which would
		 * take in lines starting with a tab: up to the bracket then */
		if (tab_trap(e, to))
			to = skip_space(e, to);
	} else { /* all of them, and a final comma */
		from = flow_entry_start(e, coll, ent[0]);
		to = entry_end(e, coll, ent[j]);
		size_t c = skip_space(e, to);
		if (c < e->len && e->text[c] == ',')
			to = c + 1;
	}
	/* what starts its line after the cut starts it then: not a tab,
	 * which would indent it (`[a\n,!\t]`) */
	if (starts_line(e, from))
		while (to < e->len && (e->text[to] == ' ' || e->text[to] == '\t'))
			to++;
	/* a tag needs a blank after it, or a comma: `[!, a]` */
	bool map = coll->type == QMS_NODE_MAP;
	bool tag = i > 0 && j + 1 == n &&
		   (tag_ends_at(e, ent[i - 1], from) || (map && tag_ends_at(e, ent[i - 1]->value, from)));
	plan_add(p, from, to - from, tag ? " " : "", -1, true);
}

/* Removes entries 0..j of a block collection whose first entry shares its
 * line (`- a: 1`, `- - x`): the next entry that stays moves up into its
 * place. */
static int plan_block_first(struct qms_edit *e, struct plan *p, const struct qms_node *coll, const struct entries *es,
			    size_t s0, size_t j)
{
	if (j + 1 < es->n) {
		size_t to = entry_start(e, coll, es->ent[j + 1]);
		if (to == NO_DASH)
			return edit_fail(e, "cannot find the '-' of an item");
		plan_add(p, s0, to - s0, "", -1, true);
		return 0;
	}
	size_t to = entry_end(e, coll, es->ent[j]);
	if (tab_trap(e, to))
		return edit_fail(e, "cannot empty the list: %s", _(TAB_TRAP));
	plan_add(p, s0, to - s0, coll->type == QMS_NODE_MAP ? "{}" : "[]", -1, true);
	return 0;
}

static bool touched_under(const struct qms_edit *e, const struct qms_node *sub);

/* Removes entries i..j of a block collection as whole lines; after a
 * block scalar, what is between the entries goes with them, and what it
 * would take in after them. */
static int plan_block_run(struct qms_edit *e, struct plan *p, const struct qms_node *coll, const struct entries *es,
			  size_t i, size_t j)
{
	const struct qms_node *const *ent = es->ent;
	bool map = coll->type == QMS_NODE_MAP;
	const struct qms_node *leaf = i > 0 ? last_leaf(e, map ? ent[i - 1]->value : ent[i - 1]) : NULL;
	bool block = leaf && is_block_scalar(e, leaf);
	if (block && touched_under(e, leaf))
		/* what it takes in depends on its new text (an empty block
		 * takes the indentation of the next line) */
		return edit_fail(e, _("this edit changes a block text ('|' or '>') and removes the entry after it; "
				      "make them in two edits"));
	size_t run_from = 0;
	for (size_t k = i; k <= j; k++) {
		size_t st = entry_start(e, coll, ent[k]);
		if (st == NO_DASH || !starts_line(e, st))
			return edit_fail(e, "cannot remove an entry that does not start its line");
		size_t from = e->line_start[line_of(e, st)];
		size_t to = past_trap(e, after_line(e, entry_end(e, coll, ent[k])));
		if (!block) {
			plan_add(p, from, to - from, "", -1, true);
			continue;
		}
		if (k == i)
			run_from = from;
		if (k == j) {
			to = past_absorbed(e, leaf, to);
			plan_add(p, run_from, to - run_from, "", -1, true);
		}
	}
	return 0;
}

static int plan_block_removals(struct qms_edit *e, struct plan *p, const struct qms_node *coll,
			       const struct entries *es)
{
	size_t s0 = entry_start(e, coll, es->ent[0]);
	if (s0 == NO_DASH)
		return edit_fail(e, "cannot find the '-' of the first item");
	bool alone = starts_line(e, s0);
	for (size_t i = 0; i < es->n;) {
		if (!es->gone[i]) {
			i++;
			continue;
		}
		size_t j = run_end(es, i);
		int rc = i == 0 && !alone ? plan_block_first(e, p, coll, es, s0, j)
					  : plan_block_run(e, p, coll, es, i, j);
		if (rc < 0)
			return rc;
		i = j + 1;
	}
	return es->all && alone ? plan_empty_list(e, p, coll, s0) : 0;
}

/* The splices that remove the entries of `coll` the session removes, all
 * together: the text between the entries that stay has to stay valid. */
static int plan_removals(struct qms_edit *e, struct plan *p, const struct qms_node *coll)
{
	struct entries es;
	entries_of(e, coll, &es);
	int rc = 0;
	if (is_flow(e, coll)) {
		for (size_t i = 0; i < es.n;) {
			if (!es.gone[i]) {
				i++;
				continue;
			}
			size_t j = run_end(&es, i);
			plan_flow_run(e, p, coll, &es, i, j);
			i = j + 1;
		}
	} else {
		rc = plan_block_removals(e, p, coll, &es);
	}
	free(es.ent);
	free(es.gone);
	return rc;
}

/* All the splices of the session, in order; -1 with e->error when two of
 * them touch the same text. */
static int plan(struct qms_edit *e, struct plan *p)
{
	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < e->nsplices; i++) {
		const struct qms_edit_splice *s = &e->splices[i];
		plan_add(p, s->at, s->del, s->ins, s->depth, false);
	}
	for (size_t r = 0; r < e->nremovals; r++) {
		size_t q = 0;
		while (q < r && e->removals[q].coll != e->removals[r].coll)
			q++;
		if (q == r && plan_removals(e, p, e->removals[r].coll) < 0)
			return -1;
	}
	if (p->n > 1)
		qsort(p->s, p->n, sizeof(*p->s), splice_cmp);
	size_t pos = 0;
	for (size_t i = 0; i < p->n; i++) {
		if (p->s[i].at < pos)
			return edit_fail(e, "this change touches text that another change of this edit changes");
		pos = p->s[i].at + p->s[i].del;
	}
	if (pos > e->len)
		return edit_fail(e, "a change runs past the end of the text");
	return 0;
}

/* Lines of s[0..n) that are a document marker for YAML: `---` or `...`
 * at the start of a line, then a blank or the end of the line. */
static size_t marker_count(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i + 3 <= n; i++) {
		if (i && s[i - 1] != '\n' && s[i - 1] != '\r')
			continue;
		if (memcmp(s + i, "---", 3) && memcmp(s + i, "...", 3))
			continue;
		count += i + 3 == n || strchr(" \t\r\n", s[i + 3]);
	}
	return count;
}

int qms_edit_apply(struct qms_edit *e, struct qms_buf *out)
{
	struct plan p;
	if (plan(e, &p) < 0) {
		plan_release(&p);
		return -1;
	}
	size_t pos = 0, start = out->len;
	for (size_t i = 0; i < p.n; i++) {
		qms_buf_add(out, e->text + pos, p.s[i].at - pos);
		qms_buf_adds(out, p.s[i].ins);
		pos = p.s[i].at + p.s[i].del;
		/* A comment after the change must stay one: `#` right after
		 * a value would join it (`{note: x#c`). Where the original
		 * had a blank, a line start or a bracket before it, the
		 * result has a blank (right after a closing quote a comment
		 * may start at once: that, and the value's quotes, stay). */
		char last = out->len > start ? out->buf[out->len - 1] : '\n';
		if (pos < e->len && e->text[pos] == '#' && !strchr(" \t\r\n", last) &&
		    (pos == e->base || strchr(" \t\r\n[{,", e->text[pos - 1])))
			qms_buf_addc(out, ' ');
	}
	qms_buf_add(out, e->text + pos, e->len - pos);
	plan_release(&p);
	/* what the splices join may start a line with `...` or `---` (a
	 * flow list over lines losing `..+,`): the end or the start of a
	 * document, the rest lost (issue 17, fuzz-edit's 60-minute run) */
	if (marker_count(out->buf + start, out->len - start) > marker_count(e->text, e->len)) {
		out->len = start;
		out->buf[start] = '\0';
		return edit_fail(e, "the change would start a line with '...' or '---', which ends or starts a "
				    "document; first move that text to the line before");
	}
	return 0;
}

/* ---- operations as transactions ---- */

/* What a session held before an operation: a refused operation leaves
 * nothing behind. */
struct snapshot {
	size_t nsplices, nadded, nremoved_from, ngrown, nset, nremovals, ntouched;
};

static struct snapshot begin(const struct qms_edit *e)
{
	return (struct snapshot){e->nsplices, e->nadded,    e->nremoved_from, e->ngrown,
				 e->nset,     e->nremovals, e->ntouched};
}

/* Operations on a text with a BOM after its start are refused: libyaml
 * skips it at the start of a line but counts it as a column. So are those
 * on a layout the editor cannot change safely (layout_problem()). */
static int refused(struct qms_edit *e)
{
	if (e->inner_bom)
		return edit_fail(e, "the text holds a byte order mark (U+FEFF) after its start; remove it first");
	if (e->layout)
		return edit_fail(e, "%s", _(e->layout));
	return 0;
}

/* Check that the operation fits with the others (no two changes of one
 * text), and undo it when it failed or does not. */
static int finish(struct qms_edit *e, const struct snapshot *s, int rc)
{
	if (rc == 0) {
		/* the whole text as it would be: the splices fit, and what
		 * they join makes no document marker */
		struct qms_buf t;
		qms_buf_init(&t);
		rc = qms_edit_apply(e, &t);
		qms_buf_release(&t);
	}
	if (rc < 0) {
		for (size_t i = s->nsplices; i < e->nsplices; i++)
			free(e->splices[i].ins);
		for (size_t i = s->nadded; i < e->nadded; i++)
			free(e->added[i].key);
		e->nsplices = s->nsplices;
		e->nadded = s->nadded;
		e->nremoved_from = s->nremoved_from;
		e->ngrown = s->ngrown;
		e->nset = s->nset;
		e->nremovals = s->nremovals;
		e->ntouched = s->ntouched;
	}
	return rc;
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

/* True when n is a removed entry or lies inside one. */
static bool in_removed(const struct qms_edit *e, const struct qms_node *n)
{
	for (size_t i = 0; i < e->nremovals; i++) {
		const struct qms_edit_removal *r = &e->removals[i];
		if (r->entry == n || under(r->coll->type == QMS_NODE_MAP ? r->entry->value : r->entry, n))
			return true;
	}
	return false;
}

/* True when an operation of the session changes a node under sub. */
static bool touched_under(const struct qms_edit *e, const struct qms_node *sub)
{
	for (size_t i = 0; i < e->ntouched; i++)
		if (under(sub, e->touched[i]))
			return true;
	return false;
}

static void touch(struct qms_edit *e, const struct qms_node *n)
{
	note_list(&e->touched, &e->ntouched, n);
}

/* ---- writing values ---- */

static bool needs_quotes(const char *v, bool flow)
{
	size_t n = strlen(v);
	if (n == 0)
		return true;
	if (strchr("-?:,[]{}#&*!|>'\"%@`", v[0]) || v[0] == ' ' || v[n - 1] == ' ' || v[n - 1] == ':')
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
	case QMS_YVAL_SCALAR: qms_yaml_add_scalar(b, v->text, true); return;
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

/* A value in flow style, written before the text at `at`. A plain scalar
 * takes in the blanks and line breaks after it, and a tab that starts one
 * of those lines (in flow context too) is an error then: quoted instead. */
static void render_flow_at(const struct qms_edit *e, struct qms_buf *b, const struct qms_yval *v, size_t at)
{
	if (v->type == QMS_YVAL_SCALAR && !needs_quotes(v->text, true) && tab_trap(e, at))
		add_double_quoted(b, v->text);
	else
		render_flow(b, v);
}

static bool block_collection(const struct qms_yval *v)
{
	return v->type != QMS_YVAL_SCALAR && !v->flow && v->n > 0;
}

static void render_item(const struct qms_edit *e, struct qms_buf *b, const struct qms_yval *v, int col);

/* What follows `key:` in block context, the key at column `indent`
 * (0-based): ` value`, or the lines of a block collection. */
static void render_after_key(const struct qms_edit *e, struct qms_buf *b, const struct qms_yval *v, int indent)
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

/* ---- operations ---- */

/* Why `value` cannot be the text of a block scalar (with an indentation
 * indicator or not), or NULL. */
static const char *block_unfit(const char *value, bool indicator)
{
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			return N_("it holds a control character");
		if ((*p == 0xc2 && p[1] == 0x85) || (*p == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)))
			return N_("it holds a line separator");
	}
	const char *p = value;
	while (*p == '\n')
		p++;
	if (!indicator && (*p == ' ' || *p == '\t'))
		return N_("its first line starts with a blank, which the block's indentation would take");
	return NULL;
}

/* True when a block scalar left without text would take in a comment
 * that follows from `to` (after blank lines): a block without text takes
 * its indentation from the next line, and a comment indented deeper than
 * the parent becomes its text (issue 17, fuzz-edit's 60-minute run). */
static bool absorbs_when_empty(const struct qms_edit *e, const struct qms_node *node, size_t to)
{
	const struct qms_node *key;
	const struct qms_node *p = parent_of(e, node, &key);
	int parent = p ? block_col(e, p) : 0;
	for (size_t i = to; i < e->len; i = after_line(e, i)) {
		size_t l = line_of(e, i);
		int n = line_indent(e, l);
		size_t first = e->line_start[l] + (size_t)n;
		if (first == e->line_end[l])
			continue;
		return e->text[first] == '#' && n > parent;
	}
	return false;
}

static int set_block_scalar(struct qms_edit *e, const struct qms_node *node, const char *value)
{
	size_t start = after_tag(e, node);
	char style = e->text[start];
	size_t header = line_of(e, start);
	size_t end = content_end(e, node);
	size_t last = line_of(e, end);
	int digit;
	int indent = block_scalar_indent(e, node, &digit);
	if (indent < 0) {
		/* no text yet: deeper than the parent, and no less than its blank
		 * lines, from which libyaml took its indentation (what follows at
		 * less ended it, and must still) */
		const struct qms_node *key;
		const struct qms_node *p = parent_of(e, node, &key);
		int parent = p ? block_col(e, p) : -1;
		indent = (parent >= 0 ? parent : 0) + e->map_step;
		size_t stop = node_end(e, node);
		for (size_t l = header + 1; l < e->nlines && e->line_start[l] < stop; l++)
			if (break_line(e, l, -1) && line_indent(e, l) > indent)
				indent = line_indent(e, l);
	}
	const char *why = block_unfit(value, digit != 0);
	if (why)
		return edit_fail(e, "cannot write this text in the %s block: %s", style == '>' ? "'>'" : "'|'", _(why));
	/* the line breaks at the end are the header's (`-`, `+` or none) */
	size_t vlen = strlen(value);
	while (vlen && value[vlen - 1] == '\n')
		vlen--;
	struct qms_buf b;
	qms_buf_init(&b);
	/* a folded block joins two lines of text with a space, unless one
	 * starts with a blank: a break between two such lines is written as
	 * an empty line more */
	int prev = 0; /* the last line with text: 0 none, 1 plain, 2 starting with a blank */
	for (size_t i = 0; vlen && i <= vlen;) {
		const char *nl = memchr(value + i, '\n', vlen - i);
		size_t n = nl ? (size_t)(nl - (value + i)) : vlen - i;
		if (n) {
			int kind = value[i] == ' ' || value[i] == '\t' ? 2 : 1;
			if (style == '>' && prev == 1 && kind == 1)
				qms_buf_adds(&b, e->eol);
			prev = kind;
			add_spaces(&b, indent);
			qms_buf_add(&b, value + i, n);
		}
		qms_buf_adds(&b, e->eol);
		i += n + 1;
	}
	size_t from = header + 1 < e->nlines ? e->line_start[header + 1] : e->len;
	size_t to = last > header ? after_line(e, end) : from;
	/* the lines of the block kept after the new text must be line breaks
	 * at its indentation, not text */
	size_t stop = node_end(e, node);
	for (size_t l = last + 1; l < e->nlines && e->line_start[l] < stop; l++)
		if (!break_line(e, l, indent))
			to = after_line(e, e->line_start[l]);
	if (!vlen && absorbs_when_empty(e, node, to)) {
		qms_buf_release(&b);
		return edit_fail(e, "emptying this block would make the comment after it part of its text; move the "
				    "comment to the key's indentation first");
	}
	/* the new lines go in like those of a collection, before what is
	 * inserted at the same place into the nodes around (after a block
	 * without text, that is where the lines it had start); the old ones
	 * go */
	if (to > from)
		add_splice(e, from, to - from, qms_xstrdup(""), node);
	if (b.len)
		insert_lines(e, from, node, &b);
	qms_buf_release(&b);
	return 0;
}

/* What to write before a value at the empty node n: " " right after
 * the `:` after its key or the `-` of its item, "" after a space there;
 * ": " after a flow key without a value (which becomes an implicit key: it
 * must be on one line, and short); NULL when there is no place for a
 * value. */
static const char *empty_prefix(const struct qms_edit *e, const struct qms_node *n, bool flow, size_t *at)
{
	size_t s = node_start(e, n);
	*at = s;
	const struct qms_node *key;
	const struct qms_node *parent = parent_of(e, n, &key);
	size_t mark; /* the indicator */
	if (key) {
		mark = skip_space(e, node_end(e, key));
		if (mark >= s || e->text[mark] != ':') {
			size_t ks = node_start(e, key);
			if (!flow || line_of(e, ks) != line_of(e, s) || s - ks > 1000)
				return NULL;
			*at = content_end(e, key); /* where the entry ends (value_end()) */
			/* a key that is only a tag (`!t`): a `:` next to it would be
			 * part of the tag */
			return key->len == 0 && *at > ks ? " : " : ": ";
		}
	} else if (parent && !flow) {
		mark = dash_of(e, n);
		if (mark == NO_DASH || mark >= s)
			return NULL;
	} else {
		return NULL;
	}
	/* the value goes on the indicator's line, after blanks only */
	if (line_of(e, mark) != line_of(e, s))
		return NULL;
	for (size_t i = mark + 1; i < s; i++)
		if (e->text[i] != ' ' && e->text[i] != '\t')
			return NULL;
	return s == mark + 1 ? " " : "";
}

static int set_scalar(struct qms_edit *e, const struct qms_node *node, const char *value)
{
	if (!node || node->type != QMS_NODE_SCALAR)
		return edit_fail(e, "not a single value");
	if (in_removed(e, node))
		return edit_fail(e, "the value is in an entry this edit removes");
	/* an empty value is replaced by an insertion, which a second one would
	 * not overlap: count the node instead */
	if (in_list(e->set, e->nset, node))
		return edit_fail(e, "this value is already changed by this edit");
	note_list(&e->set, &e->nset, node);
	touch(e, node);
	if (is_block_scalar(e, node))
		return set_block_scalar(e, node, value);
	size_t s = node_start(e, node), end = node_end(e, node);
	bool flow = in_flow_context(e, node);
	struct qms_buf b;
	qms_buf_init(&b);
	if (s == end) {
		/* an empty value right after `key:` or `-` */
		size_t at;
		const char *prefix = empty_prefix(e, node, flow, &at);
		if (!prefix)
			return edit_fail(e, "there is no ':' or '-' to write the value after, and none can be added");
		qms_buf_adds(&b, prefix);
		if (flow && tab_trap(e, at)) /* see render_flow_at() */
			add_double_quoted(&b, value);
		else
			qms_yaml_add_scalar(&b, value, flow);
		add_splice(e, at, 0, qms_buf_detach(&b), node);
		return 0;
	}
	/* the value proper, after its tag (which stays); after a tag alone,
	 * the value goes next to it */
	size_t vs = after_tag(e, node);
	if (vs >= end) {
		vs = end;
		qms_buf_addc(&b, ' ');
	}
	char quote = e->text[vs] == '"' || e->text[vs] == '\'' ? e->text[vs] : 0;
	if (vs == end)
		quote = 0;
	if (flow && !quote && tab_trap(e, end))
		quote = '"'; /* see render_flow_at() */
	add_scalar_styled(&b, value, flow, quote);
	if (!flow && node->plain && b.buf[vs == end] != e->text[vs] &&
	    (b.buf[vs == end] == '"' || b.buf[vs == end] == '\'') && tab_trap(e, end)) {
		qms_buf_release(&b);
		return edit_fail(e, "cannot quote the value: %s", _(TAB_TRAP));
	}
	/* a comment right after a closing quote: a plain value would take
	 * the `#` in */
	char last = b.buf[b.len - 1];
	if (end < e->len && e->text[end] == '#' && last != '"' && last != '\'')
		qms_buf_addc(&b, ' ');
	add_splice(e, vs, end - vs, qms_buf_detach(&b), node);
	return 0;
}

int qms_edit_set_scalar(struct qms_edit *e, const struct qms_node *node, const char *value)
{
	if (refused(e) < 0)
		return -1;
	struct snapshot s = begin(e);
	return finish(e, &s, set_scalar(e, node, value));
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
		return set_scalar(e, v, value->text);
	if (in_list(e->set, e->nset, v))
		return edit_fail(e, "this value is already changed by this edit");
	note_list(&e->set, &e->nset, v);
	touch(e, v);
	struct qms_buf b;
	qms_buf_init(&b);
	size_t s = node_start(e, v), end = node_end(e, v);
	if (!flow && tab_trap(e, end))
		return edit_fail(e, "cannot write a list or mapping for '%s': %s", k->text, _(TAB_TRAP));
	if (flow || !block_collection(value)) {
		size_t at = s;
		if (s == end) {
			const char *prefix = empty_prefix(e, v, flow, &at);
			if (!prefix)
				return edit_fail(e, "there is no ':' to write the value of '%s' after", k->text);
			qms_buf_adds(&b, prefix);
		}
		render_flow_at(e, &b, value, end);
		add_splice(e, at, end - s, qms_buf_detach(&b), v);
		return 0;
	}
	if (explicit_key(e, k))
		return edit_fail(e, "'%s' is written as an explicit key ('? '); edit it by hand", k->text);
	size_t at;
	if (s == end && !empty_prefix(e, v, false, &at))
		return edit_fail(e, "there is no ':' to write the value of '%s' after", k->text);
	if (s != end)
		add_splice(e, s, end - s, qms_xstrdup(""), v);
	render_after_key(e, &b, value, block_col(e, map));
	/* after the key's line, its comment included */
	add_splice(e, e->line_end[line_of(e, node_start(e, k))], 0, qms_buf_detach(&b), v);
	return 0;
}

static int map_put(struct qms_edit *e, const struct qms_node *map, const char *key, const struct qms_yval *value,
		   const char *const *after)
{
	if (!map || map->type != QMS_NODE_MAP)
		return edit_fail(e, "not a mapping");
	if (in_removed(e, map))
		return edit_fail(e, "the mapping is in an entry this edit removes");
	bool flow = is_flow(e, map) || in_flow_context(e, map);
	const struct qms_node *k = map_key(map, key);
	if (k) {
		if (in_removed(e, k))
			return edit_fail(e, "'%s' is removed by this edit", key);
		if (k->value->type != QMS_NODE_SCALAR)
			return edit_fail(e, "'%s' holds %s, not a single value", key, qms_node_type_name(k->value));
		if (qms_node_is_null(k->value))
			return fill_empty(e, map, k, value, flow);
		if (value->type != QMS_YVAL_SCALAR)
			return edit_fail(e, "'%s' holds a single value", key);
		return set_scalar(e, k->value, value->text);
	}
	if (flow && !is_flow(e, map))
		return edit_fail(e, "cannot add '%s': a mapping of one pair in a flow list ('[a: b]') holds no more",
				 key);
	for (size_t i = 0; i < e->nadded; i++)
		if (e->added[i].map == map && !strcmp(e->added[i].key, key))
			return edit_fail(e, "'%s' is already added to this mapping by this edit", key);
	e->added = qms_xrealloc(e->added, (e->nadded + 1) * sizeof(*e->added));
	e->added[e->nadded++] = (struct qms_edit_added){map, qms_xstrdup(key)};
	touch(e, map);
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
			render_flow_at(e, &b, value, value_end(e, anchor));
			add_splice(e, value_end(e, anchor), 0, qms_buf_detach(&b), map);
		} else if (map->first) {
			qms_buf_adds(&b, key);
			qms_buf_adds(&b, ": ");
			render_flow(&b, value);
			qms_buf_adds(&b, ", ");
			add_splice(e, key_start(e, map->first), 0, qms_buf_detach(&b), map);
		} else {
			/* `{}`: after the keys this edit already put in */
			for (size_t i = 0; i + 1 < e->nadded; i++)
				if (e->added[i].map == map) {
					qms_buf_adds(&b, ", ");
					break;
				}
			qms_buf_adds(&b, key);
			qms_buf_adds(&b, ": ");
			render_flow_at(e, &b, value, flow_open(e, map) + 1);
			add_splice(e, flow_open(e, map) + 1, 0, qms_buf_detach(&b), map);
		}
		return 0;
	}
	if (!map->first)
		return edit_fail(e, "cannot tell how the mapping is written");
	int indent = block_col(e, map);
	if (anchor) {
		if (explicit_key(e, anchor))
			return edit_fail(e, "'%s' is written as an explicit key ('? '); edit it by hand", anchor->text);
		size_t at = past_trap(e, after_line(e, value_end(e, anchor)));
		add_spaces(&b, indent);
		qms_buf_adds(&b, key);
		qms_buf_addc(&b, ':');
		render_after_key(e, &b, value, indent);
		qms_buf_adds(&b, e->eol);
		insert_lines(e, at, map, &b);
		return 0;
	}
	/* first: before the first key; on its line when something comes
	 * before it there (`- `), else as lines of their own */
	size_t first = key_start(e, map->first);
	if (starts_line(e, first)) {
		add_spaces(&b, indent);
		qms_buf_adds(&b, key);
		qms_buf_addc(&b, ':');
		render_after_key(e, &b, value, indent);
		qms_buf_adds(&b, e->eol);
		insert_lines(e, e->line_start[line_of(e, first)], map, &b);
		return 0;
	}
	qms_buf_adds(&b, key);
	qms_buf_addc(&b, ':');
	render_after_key(e, &b, value, indent);
	qms_buf_adds(&b, e->eol);
	add_spaces(&b, indent);
	add_splice(e, first, 0, qms_buf_detach(&b), map);
	return 0;
}

int qms_edit_map_put(struct qms_edit *e, const struct qms_node *map, const char *key, const struct qms_yval *value,
		     const char *const *after)
{
	if (refused(e) < 0)
		return -1;
	struct snapshot s = begin(e);
	return finish(e, &s, map_put(e, map, key, value, after));
}

static int seq_insert(struct qms_edit *e, const struct qms_node *seq, const struct qms_node *after,
		      const struct qms_yval *item)
{
	if (!seq || seq->type != QMS_NODE_SEQ)
		return edit_fail(e, "not a list");
	if (in_removed(e, seq))
		return edit_fail(e, "the list is in an entry this edit removes");
	if (in_list(e->removed_from, e->nremoved_from, seq))
		return edit_fail(e, "this edit already removes items of the list; add items in another edit");
	const struct qms_node *it = seq->first;
	while (it && after && it != after)
		it = it->next;
	if (after && !it)
		return edit_fail(e, "the item is not in the list");
	bool again = in_list(e->grown, e->ngrown, seq);
	note_list(&e->grown, &e->ngrown, seq);
	touch(e, seq);
	struct qms_buf b;
	qms_buf_init(&b);
	if (is_flow(e, seq)) {
		if (after) {
			qms_buf_adds(&b, ", ");
			render_flow_at(e, &b, item, content_end(e, after));
			add_splice(e, content_end(e, after), 0, qms_buf_detach(&b), seq);
		} else if (seq->first) {
			render_flow(&b, item);
			qms_buf_adds(&b, ", ");
			add_splice(e, node_start(e, seq->first), 0, qms_buf_detach(&b), seq);
		} else {
			/* `[]`: after the items this edit already put in */
			if (again)
				qms_buf_adds(&b, ", ");
			render_flow_at(e, &b, item, flow_open(e, seq) + 1);
			add_splice(e, flow_open(e, seq) + 1, 0, qms_buf_detach(&b), seq);
		}
		return 0;
	}
	/* A block list has at least one item: the new one takes the style
	 * of its neighbour (the one before it, else the first). */
	if (!seq->first)
		return edit_fail(e, "cannot tell how the list is written");
	const struct qms_node *model = after ? after : seq->first;
	size_t first = dash_of(e, seq->first), dash = dash_of(e, model);
	if (first == NO_DASH || dash == NO_DASH)
		return edit_fail(e, "cannot find the '-' of an item");
	int dash_col = col_at(e, first);
	int gap = e->dash_gap;
	size_t ms = node_start(e, model);
	if (line_of(e, dash) == line_of(e, ms) && ms > dash + 1)
		gap = col_at(e, ms) - col_at(e, dash) - 1;
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
	if (!after && !starts_line(e, first)) {
		/* before a first item that shares its line (`- - x`): on that line */
		qms_buf_addc(&b, '-');
		add_spaces(&b, gap);
		render_item(e, &b, &copy, dash_col + 1 + gap);
		qms_buf_adds(&b, e->eol);
		add_spaces(&b, dash_col);
		add_splice(e, first, 0, qms_buf_detach(&b), seq);
		return 0;
	}
	add_spaces(&b, dash_col);
	qms_buf_addc(&b, '-');
	add_spaces(&b, gap);
	render_item(e, &b, &copy, dash_col + 1 + gap);
	qms_buf_adds(&b, e->eol);
	if (after)
		insert_lines(e, past_trap(e, after_line(e, content_end(e, after))), seq, &b);
	else
		insert_lines(e, e->line_start[line_of(e, first)], seq, &b);
	return 0;
}

int qms_edit_seq_insert(struct qms_edit *e, const struct qms_node *seq, const struct qms_node *after,
			const struct qms_yval *item)
{
	if (refused(e) < 0)
		return -1;
	struct snapshot s = begin(e);
	return finish(e, &s, seq_insert(e, seq, after, item));
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

static void add_removal(struct qms_edit *e, const struct qms_node *coll, const struct qms_node *entry)
{
	e->removals = qms_xrealloc(e->removals, (e->nremovals + 1) * sizeof(*e->removals));
	e->removals[e->nremovals++] = (struct qms_edit_removal){coll, entry};
	touch(e, coll);
}

static int seq_remove(struct qms_edit *e, const struct qms_node *seq, const struct qms_node *item)
{
	if (!seq || seq->type != QMS_NODE_SEQ)
		return edit_fail(e, "not a list");
	const struct qms_node *it;
	for (it = seq->first; it && it != item; it = it->next)
		;
	if (!it)
		return edit_fail(e, "the item is not in the list");
	if (in_removed(e, seq))
		return edit_fail(e, "the list is in an entry this edit removes");
	if (in_removed(e, item))
		return edit_fail(e, "the item is already removed by this edit");
	if (in_list(e->grown, e->ngrown, seq))
		return edit_fail(e, "this edit already adds items to the list; remove items in another edit");
	if (touched_under(e, item))
		return edit_fail(e, "this edit already changes the item; remove it in another edit");
	note_list(&e->removed_from, &e->nremoved_from, seq);
	add_removal(e, seq, item);
	return 0;
}

int qms_edit_seq_remove(struct qms_edit *e, const struct qms_node *seq, const struct qms_node *item)
{
	if (refused(e) < 0)
		return -1;
	struct snapshot s = begin(e);
	return finish(e, &s, seq_remove(e, seq, item));
}

static int map_remove(struct qms_edit *e, const struct qms_node *map, const char *key)
{
	if (!map || map->type != QMS_NODE_MAP)
		return edit_fail(e, "not a mapping");
	const struct qms_node *k;
	for (k = map->first; k && strcmp(k->text, key); k = k->next)
		;
	if (!k)
		return edit_fail(e, "no key '%s'", key);
	if (in_removed(e, map))
		return edit_fail(e, "the mapping is in an entry this edit removes");
	if (in_removed(e, k))
		return edit_fail(e, "'%s' is already removed by this edit", key);
	if (touched_under(e, k->value))
		return edit_fail(e, "this edit already changes the value of '%s'; remove it in another edit", key);
	if (!is_flow(e, map) && explicit_key(e, k))
		return edit_fail(e, "'%s' is written as an explicit key ('? '); edit it by hand", key);
	bool last = true; /* the only key the mapping would keep */
	for (const struct qms_node *c = map->first; c && last; c = c->next)
		if (c != k && !in_removed(e, c))
			last = false;
	if (last)
		return edit_fail(e, "'%s' is the last key of the mapping; remove the mapping instead", key);
	add_removal(e, map, k);
	return 0;
}

int qms_edit_map_remove(struct qms_edit *e, const struct qms_node *map, const char *key)
{
	if (refused(e) < 0)
		return -1;
	struct snapshot s = begin(e);
	return finish(e, &s, map_remove(e, map, key));
}

/* The YAML loader: the only code of the project that includes yaml.h.
 * It checks the bytes first (UTF-8, no NUL, size), then drives libyaml's
 * event parser and builds a qms_node tree in an arena, refusing what the
 * format does not allow (aliases, duplicate keys, deep nesting, several
 * documents). */
#include "doc.h"
#include "i18n.h"
#include "readahead.h"
#include "source.h"
#include "textscan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>
#include <yaml.h>

struct loader {
	struct qms_doc *doc;
	struct qms_diags *diags;
	const char *path;
	const unsigned char *bytes; /* the text being parsed, BOM removed */
	size_t len;
	bool combining; /* it holds combining marks: columns need counting */
	bool plain; /* text_facts(): a scalar without escapes needs no check */
	/* where the last column was counted: marks come in document order */
	size_t cur_line, cur_cp, cur_col, cur_at, cur_line_at;
	struct qms_node *spare_nodes, *spare_end; /* new_node()'s chunk, in doc's arena */
};

/* The 1-based column of a libyaml mark (code points from the line start)
 * as people count characters: a combining mark (Vietnamese typed in
 * decomposed form) is no column of its own (qms_utf8_column_len), so a
 * text in NFD has the columns of its NFC twin. */
static unsigned column_of(struct loader *ld, const yaml_mark_t *m)
{
	if (!ld->combining)
		return (unsigned)m->column + 1;
	if (m->line < ld->cur_line || (m->line == ld->cur_line && m->column < ld->cur_cp)) {
		ld->cur_line = ld->cur_cp = ld->cur_col = ld->cur_at = ld->cur_line_at = 0;
	}
	const unsigned char *s = ld->bytes;
	size_t i = ld->cur_at;
	while (ld->cur_line < m->line && i < ld->len) { /* line ends as libyaml counts them */
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= ld->len || s[i + 1] != '\n'))) {
			ld->cur_line++;
			ld->cur_line_at = i + 1;
			ld->cur_cp = ld->cur_col = 0;
		}
		i++;
	}
	if (ld->cur_line < m->line)
		return (unsigned)m->column + 1;
	i = ld->cur_line == m->line && i < ld->cur_line_at ? ld->cur_line_at : i;
	while (ld->cur_cp < m->column && i < ld->len && s[i] != '\n' && s[i] != '\r') {
		size_t n = qms_utf8_column_len((const char *)s + i, ld->len - i);
		for (size_t k = 0; k < n; k++) /* code points in this column */
			ld->cur_cp += (s[i + k] & 0xc0) != 0x80;
		i += n;
		ld->cur_col++;
	}
	ld->cur_at = i;
	return (unsigned)ld->cur_col + 1;
}

static void load_error(struct loader *ld, unsigned line, unsigned col, enum qms_rule_id rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void load_error(struct loader *ld, unsigned line, unsigned col, enum qms_rule_id rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qms_diags_vadd(ld->diags, ld->path, line, col, rule, fmt, ap);
	va_end(ap);
}

enum byte_problem {
	BYTES_OK,
	BYTES_NUL,
	BYTES_CONTROL,
	BYTES_INVALID,
};

/* Find the first byte that is not valid UTF-8 or is a control character
 * YAML refuses. Returns its kind; *at is its offset and *cp the control
 * character. Tight on purpose: it reads every byte of every file. */
static enum byte_problem scan_bytes(const unsigned char *s, size_t len, size_t *at, uint32_t *cp_out)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		*at = i;
		if (c < 0x80) {
			if (c == '\n' || c == '\r' || c == '\t') {
				i++;
				continue;
			}
			*cp_out = c;
			return c == 0 ? BYTES_NUL : BYTES_CONTROL;
		}
		size_t n;
		uint32_t cp, min;
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			return BYTES_INVALID;
		}
		if (i + n >= len)
			return BYTES_INVALID;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return BYTES_INVALID;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return BYTES_INVALID;
		if ((cp >= 0x80 && cp <= 0x9f && cp != 0x85) || cp == 0xfffe || cp == 0xffff) {
			*cp_out = cp;
			return BYTES_CONTROL;
		}
		i += n + 1;
	}
	return BYTES_OK;
}

/* Line and column (1-based, columns in characters) of byte offset `at`,
 * counting line ends as libyaml does: LF, CRLF or a lone CR. */
static void position_of(const unsigned char *s, size_t at, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < at; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) {
			l++;
			c = 1;
		} else if (s[i] != '\r' && (s[i] & 0xc0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

/* Refuse a text in UTF-16 or UTF-32: its BOM or the zero bytes of its
 * first character. */
static int check_encoding(struct loader *ld, const unsigned char *s, size_t len)
{
	if ((len >= 2 && ((s[0] == 0xff && s[1] == 0xfe) || (s[0] == 0xfe && s[1] == 0xff))) ||
	    (len >= 2 && (s[0] == 0 || s[1] == 0))) {
		load_error(ld, 1, 1, QMS_RULE_L003, "the file is UTF-16 or UTF-32; save it as UTF-8");
		return -1;
	}
	return 0;
}

/* Check the raw bytes: no NUL or control characters, valid UTF-8 (no
 * overlongs, no surrogates). Reports the first problem with its line and
 * column. */
static int check_bytes(struct loader *ld, const unsigned char *s, size_t len)
{
	size_t at = 0;
	uint32_t cp = 0;
	enum byte_problem problem = scan_bytes(s, len, &at, &cp);
	if (problem == BYTES_OK)
		return 0;
	unsigned line, col;
	position_of(s, at, &line, &col);
	switch (problem) {
	case BYTES_NUL:
		load_error(ld, line, col, QMS_RULE_L004, "NUL byte in the file; it is binary or damaged");
		break;
	case BYTES_CONTROL:
		if (cp < 0x80)
			load_error(ld, line, col, QMS_RULE_L004,
				   "control character 0x%02x is not allowed in YAML; delete it", (unsigned)cp);
		else
			load_error(ld, line, col, QMS_RULE_L004,
				   "control character U+%04X is not allowed in YAML; delete it", (unsigned)cp);
		break;
	default:
		load_error(ld, line, col, QMS_RULE_L003, "invalid UTF-8 byte 0x%02x; save the file as UTF-8", s[at]);
		break;
	}
	return -1;
}

/* Check a scalar as libyaml decoded it: the escapes of a double-quoted
 * scalar ("\e", "\0", "\x9b", "\u0085") give what the raw bytes may not
 * hold. No NUL (other YAML readers see the text after it, qms would not),
 * no control character a terminal or another program acts on; tab and
 * newline only in values, never in keys. Reports at the scalar. */
static int check_decoded(struct loader *ld, const yaml_event_t *ev, bool key)
{
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	unsigned line = (unsigned)ev->start_mark.line + 1, col = (unsigned)ev->start_mark.column + 1;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = qms_utf8_decode(s + i, n - i, &c);
		if (!len) { /* libyaml writes valid UTF-8; never trust it blindly */
			load_error(ld, line, col, QMS_RULE_L003,
				   "this text decodes to invalid UTF-8; write it without escapes");
			return -1;
		}
		i += len;
		if (!qms_is_control(c) || (!key && (c == '\t' || c == '\n')))
			continue;
		if (c == 0)
			load_error(ld, line, col, QMS_RULE_L004,
				   "this text holds a NUL character (an escape such as \\0); other programs would read "
				   "it differently: delete it");
		else if (key)
			load_error(ld, line, col, QMS_RULE_L004,
				   "this key holds control character U+%04X; write keys as plain words", (unsigned)c);
		else
			load_error(ld, line, col, QMS_RULE_L004,
				   "this text holds control character U+%04X, written as an escape such as \\e or "
				   "\\x1b; terminals and other programs act on it: delete it",
				   (unsigned)c);
		return -1;
	}
	return 0;
}

/* Nodes come from the document's arena NODE_CHUNK at a time: a procedure
 * has some 400, and one arena call each was a tenth of the loader's own
 * work. At most a chunk less one node is left unused per document. A
 * chunk starts on a 64-byte line, so that each node (64 bytes) fills one
 * cache line instead of straddling two (no measurable cost; the gain on
 * issue 10's bench is within its noise, see docs/benchmarks.md). */
#define NODE_CHUNK 32

static struct qms_node *new_node(struct loader *ld, enum qms_node_type type, unsigned line, unsigned col)
{
	if (ld->spare_nodes == ld->spare_end) {
		char *raw = qms_arena_alloc_raw(&ld->doc->arena, NODE_CHUNK * sizeof(struct qms_node) + 48);
		ld->spare_nodes = (struct qms_node *)(raw + (64 - (uintptr_t)raw % 64) % 64); /* raw: 16-aligned */
		ld->spare_end = ld->spare_nodes + NODE_CHUNK;
	}
	struct qms_node *n = ld->spare_nodes++;
	*n = (struct qms_node){.type = type, .line = line, .col = col};
	return n;
}

static void set_end(struct loader *ld, struct qms_node *n, const yaml_mark_t *mark)
{
	n->end_line = (uint32_t)mark->line + 1;
	n->end_col = column_of(ld, mark);
}

/* The byte at a 1-based line and column (in characters), or NULL. */
static const unsigned char *byte_at(const unsigned char *s, size_t len, unsigned line, unsigned col)
{
	size_t i = 0;
	for (unsigned l = 1; l < line; l++) {
		const unsigned char *nl = memchr(s + i, '\n', len - i);
		if (!nl)
			return NULL;
		i = (size_t)(nl - s) + 1;
	}
	for (unsigned c = 1; c < col && i < len; c++) {
		i++;
		while (i < len && (s[i] & 0xc0) == 0x80)
			i++;
	}
	return i < len ? s + i : NULL;
}

/* libyaml's messages, so that they are translated too (xgettext finds
 * them here); any other is shown as libyaml wrote it. */
static const char *const yaml_messages[] = {
	N_("could not find expected ':'"),
	N_("did not find expected key"),
	N_("did not find expected '-' indicator"),
	N_("did not find expected ',' or ']'"),
	N_("did not find expected ',' or '}'"),
	N_("did not find expected node content"),
	N_("did not find expected <document start>"),
	N_("did not find expected whitespace or line break"),
	N_("did not find expected comment or line break"),
	N_("did not find expected alphabetic or numeric character"),
	N_("did not find expected hexdecimal number"),
	N_("did not find the expected '>'"),
	N_("found character that cannot start any token"),
	N_("found unexpected end of stream"),
	N_("found unexpected ':'"),
	N_("found unexpected document indicator"),
	N_("found unknown escape character"),
	N_("found invalid Unicode character escape code"),
	N_("found a tab character that violates indentation"),
	N_("found a tab character where an indentation space is expected"),
	N_("found an indentation indicator equal to 0"),
	N_("found undefined tag handle"),
	N_("mapping values are not allowed in this context"),
	N_("mapping keys are not allowed in this context"),
	N_("block sequence entries are not allowed in this context"),
	N_("control characters are not allowed"),
	N_("while scanning a simple key"),
	N_("while scanning a plain scalar"),
	N_("while scanning a quoted scalar"),
	N_("while scanning a block scalar"),
	N_("while scanning an anchor"),
	N_("while scanning an alias"),
	N_("while scanning a tag"),
	N_("while scanning a directive"),
	N_("while scanning for the next token"),
	N_("while parsing a block mapping"),
	N_("while parsing a block collection"),
	N_("while parsing a block node"),
	N_("while parsing a flow mapping"),
	N_("while parsing a flow sequence"),
	N_("while parsing a flow node"),
	N_("while parsing a node"),
};

static const char *yaml_text(const char *s)
{
	for (size_t i = 0; s && i < QMS_ARRAY_LEN(yaml_messages); i++)
		if (!strcmp(s, yaml_messages[i]))
			return _(yaml_messages[i]);
	return s;
}

static void report_parser_error(struct loader *ld, const yaml_parser_t *p)
{
	unsigned line = (unsigned)p->problem_mark.line + 1;
	unsigned col = (unsigned)p->problem_mark.column + 1;
	const char *problem = p->problem ? yaml_text(p->problem) : _("unknown problem");
	if (p->error == YAML_READER_ERROR) {
		load_error(ld, 1, 1, QMS_RULE_L003, "%s (at byte %zu)", problem, p->problem_offset);
		return;
	}
	const unsigned char *at = byte_at(ld->bytes, ld->len, line, col);
	col = column_of(ld, &p->problem_mark);
	if (at && *at == '\t') {
		load_error(ld, line, col, QMS_RULE_L001,
			   "tab character: YAML indents with spaces only; replace the tab with spaces");
		return;
	}
	if (p->context)
		load_error(ld, line, col, QMS_RULE_L001, "%s %s (line %u, column %u)", problem, yaml_text(p->context),
			   (unsigned)p->context_mark.line + 1, (unsigned)p->context_mark.column + 1);
	else
		load_error(ld, line, col, QMS_RULE_L001, "%s", problem);
}

static int key_cmp(const void *pa, const void *pb)
{
	const struct qms_node *a = *(struct qms_node *const *)pa;
	const struct qms_node *b = *(struct qms_node *const *)pb;
	int c = strcmp(a->text, b->text);
	if (c)
		return c;
	return a->line != b->line ? (a->line < b->line ? -1 : 1) : (a->col < b->col ? -1 : a->col > b->col);
}

static void report_duplicate(struct loader *ld, const struct qms_node *first, const struct qms_node *dup)
{
	load_error(ld, dup->line, dup->col, QMS_RULE_L002, "duplicate key '%s' (first at line %u); keep one of them",
		   dup->text, first->line);
}

/* Duplicate keys: pairwise for small mappings (a procedure has some 20
 * keys: cheaper than a malloc and a sort per file), by sorting for large
 * ones, so a hostile mapping of 100,000 keys stays fast. */
static int check_duplicate_keys(struct loader *ld, const struct qms_node *map)
{
	int found = 0;
	if (map->count <= 32) {
		for (const struct qms_node *b = map->first; b; b = b->next)
			for (const struct qms_node *a = map->first; a != b; a = a->next)
				if (a->len == b->len && a->text[0] == b->text[0] && !memcmp(a->text, b->text, a->len)) {
					report_duplicate(ld, a, b); /* against the first only */
					found = 1;
					break;
				}
		return found ? -1 : 0;
	}
	struct qms_node **keys = qms_xmalloc(map->count * sizeof(*keys));
	size_t n = 0;
	for (struct qms_node *k = map->first; k; k = k->next)
		keys[n++] = k;
	qsort(keys, n, sizeof(*keys), key_cmp);
	for (size_t i = 1; i < n; i++) {
		if (!strcmp(keys[i - 1]->text, keys[i]->text)) {
			size_t first = i - 1;
			while (first > 0 && !strcmp(keys[first - 1]->text, keys[i]->text))
				first--;
			report_duplicate(ld, keys[first], keys[i]);
			found = 1;
		}
	}
	free(keys);
	return found ? -1 : 0;
}

/* One open container while parsing. */
struct frame {
	struct qms_node *node;
	struct qms_node *last; /* last item or key appended */
	struct qms_node *pending; /* mapping: key waiting for its value */
};

static void append(struct frame *f, struct qms_node *child)
{
	if (f->node->type == QMS_NODE_MAP) {
		if (!f->pending) {
			f->pending = child;
			if (f->last)
				f->last->next = child;
			else
				f->node->first = child;
			f->last = child;
			f->node->count++;
		} else {
			f->pending->value = child;
			f->pending = NULL;
		}
		return;
	}
	if (f->last)
		f->last->next = child;
	else
		f->node->first = child;
	f->last = child;
	f->node->count++;
}

static int is_key_position(const struct frame *f)
{
	return f && f->node->type == QMS_NODE_MAP && !f->pending;
}

/* ---- text as people type it ---- */

/* True when s[0..n) is surely NFC without asking utf8proc: every code
 * point is below U+0300 (Latin, Latin-1, Extended-A and -B: no combining
 * mark, no singleton, nothing that composes with what follows), in Latin
 * Extended Additional (U+1E00-U+1EFF, the composed Vietnamese letters) or
 * in U+2010-U+2027 (dashes, quotes, ellipsis). Vietnamese typed composed
 * is all such; a combining mark (typed decomposed) takes utf8proc's path.
 * The normalisation took a quarter of `qms check` (issue 10's bench). */
static bool nfc_as_is(uint32_t cp)
{
	return cp < 0x300 || (cp >= 0x1e00 && cp <= 0x1eff) || (cp >= 0x2010 && cp <= 0x2027);
}

static bool surely_nfc(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = qms_utf8_decode(s + i, n - i, &cp);
		if (!len)
			return false;
		if (!nfc_as_is(cp))
			return false;
		i += len;
	}
	return true;
}

/* What one pass over a decoded scalar tells, so that the usual text
 * (clean, composed, nothing invisible) is read once instead of by each
 * check in turn. A flag that is not sure sends the scalar down the
 * check's own path, which reports exactly as before. */
struct scalar_scan {
	bool clean; /* valid UTF-8, no control character here: check_decoded() would pass */
	bool ascii; /* only bytes below 0x80 */
	bool nfc; /* surely NFC, as surely_nfc() judges */
	bool invisible; /* holds a code point of invisibles[]: check_invisible() must look */
};

static bool maybe_invisible(uint32_t cp)
{
	return cp == 0x00a0 || cp == 0x00ad || (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff;
}

static struct scalar_scan scan_scalar(const char *s, size_t n, bool key)
{
	static const struct scalar_scan unsure = {false, false, false, true};
	struct scalar_scan r = {.clean = true, .ascii = true, .nfc = true};
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if (c < 0x80) { /* C0 or DEL: only tab and newline, in values */
			if (key || (c != '\t' && c != '\n'))
				return unsure;
			i++;
			continue;
		}
		r.ascii = false;
		size_t len = qms_composed_letter((const unsigned char *)s + i, n - i);
		if (len) {
			i += len;
			continue;
		}
		uint32_t cp;
		len = qms_utf8_decode(s + i, n - i, &cp);
		if (!len || cp <= 0x9f) /* invalid, or C1 */
			return unsure;
		r.nfc = r.nfc && nfc_as_is(cp);
		r.invisible = r.invisible || maybe_invisible(cp);
		i += len;
	}
	return r;
}

/* What the loader must know of the whole text before libyaml reads it,
 * from one quick pass that decodes only the characters that may matter.
 * It validates nothing: libyaml's reader refuses every byte that
 * check_bytes() refuses (no more), and check_bytes() reports them when a
 * parse fails. On such a text the facts may be wrong (a lone lead byte is
 * skipped), which is harmless: the parse fails and what it said is
 * dropped for check_bytes()'s report. */
static void text_facts(struct loader *ld, const unsigned char *s, size_t len)
{
	bool combining = false;
	/* no tab, CR, NEL, nothing invisible, every code point nfc_as_is() */
	bool plain = !memchr(s, '\t', len) && !memchr(s, '\r', len);
	size_t i = 0;
	while (plain || !combining) {
		i = qms_text_skip_plain(s, i, len);
		if (i == len)
			break;
		size_t n = qms_composed_letter(s + i, len - i);
		if (!n) {
			uint32_t cp = 0;
			n = qms_utf8_decode((const char *)s + i, len - i, &cp);
			combining = combining || qms_is_combining(cp);
			plain = plain && n && cp > 0x9f && nfc_as_is(cp) && !maybe_invisible(cp);
		}
		i += n ? n : 1;
	}
	ld->combining = combining;
	ld->plain = plain;
}

/* The text of a scalar, in Unicode NFC: what Unikey's or Word's
 * decomposed letters (NFD) type compares, sorts and measures like the
 * composed ones. Most text (ASCII, composed Vietnamese) is copied as it
 * is: as_is says the caller knows it to be NFC already. */
static void set_text(struct loader *ld, struct qms_node *node, const char *s, size_t n, bool as_is)
{
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t m = as_is || surely_nfc(s, n) ? -1
						       : utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
								      &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (m >= 0) {
		s = (const char *)nfc;
		n = (size_t)m;
	}
	node->text = qms_arena_strndup_packed(&ld->doc->arena, s, n);
	node->len = (uint32_t)n;
	if (nfc)
		free(nfc);
}

/* Characters that cannot be seen and make equal-looking texts differ:
 * pasted from Word or web pages. A non-breaking space is fine in a text
 * (it keeps "30 ngày" together) but not in a key. */
struct invisible {
	uint32_t cp;
	const char *name;
	bool key_only;
};

static const struct invisible invisibles[] = {
	{0x00a0, N_("a non-breaking space"), true}, {0x00ad, N_("a soft hyphen"), false},
	{0x200b, N_("a zero-width space"), false},  {0x200c, N_("a zero-width non-joiner"), false},
	{0x200d, N_("a zero-width joiner"), false}, {0x2060, N_("a word joiner"), false},
	{0xfeff, N_("a byte order mark"), false},
};

/* Flag the first invisible character of scalar text s[0..n) (decoded):
 * at its own column when the scalar is on one line, else at the
 * scalar's start. */
static void check_invisible(struct loader *ld, const struct qms_node *node, const char *s, size_t n, bool key,
			    bool quoted)
{
	size_t chars = 0;
	bool one_line = true;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			one_line = false;
		if (c < 0x80) {
			i++;
			chars++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t len =
			utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0)
			return; /* the loader refused invalid UTF-8 before */
		for (size_t k = 0; k < QMS_ARRAY_LEN(invisibles); k++) {
			if ((uint32_t)cp != invisibles[k].cp || (invisibles[k].key_only && !key))
				continue;
			unsigned col = node->col;
			if (one_line && !memchr(s + i, '\n', n - i))
				col += (unsigned)chars + (quoted ? 1 : 0);
			if (key)
				load_error(
					ld, node->line, col, QMS_RULE_L013,
					"the key holds %s (U+%04X) that cannot be seen; delete it and retype the key",
					_(invisibles[k].name), (unsigned)cp);
			else
				load_error(ld, node->line, col, QMS_RULE_L013,
					   "the text holds %s (U+%04X) that cannot be seen; delete it and retype the "
					   "word around it",
					   _(invisibles[k].name), (unsigned)cp);
			return;
		}
		i += (size_t)len;
		chars += !qms_is_combining((uint32_t)cp);
	}
}

/* A scalar event as a node (*out, in the document's arena), after the
 * checks of its decoded text. -1 when the text is refused (reported). */
static int load_scalar(struct loader *ld, const yaml_event_t *ev, bool key, unsigned col, struct qms_node **out)
{
	const char *value = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	/* In a plain text a scalar without escapes holds only what the text
	 * holds, line breaks as '\n': nothing to refuse, NFC, nothing invisible.
	 * A key must hold no line break either. */
	static const struct scalar_scan as_written = {.clean = true, .nfc = true};
	bool raw = ld->plain && ev->data.scalar.style != YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
		   (!key || !memchr(value, '\n', len));
	struct scalar_scan scan = raw ? as_written : scan_scalar(value, len, key);
	if (!scan.clean && check_decoded(ld, ev, key) < 0)
		return -1;
	struct qms_node *node = new_node(ld, QMS_NODE_SCALAR, (unsigned)ev->start_mark.line + 1, col);
	set_end(ld, node, &ev->end_mark);
	node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	set_text(ld, node, value, len, scan.nfc);
	if (!scan.ascii && (!scan.nfc || scan.invisible)) /* else it holds nothing invisible */
		check_invisible(ld, node, node->text, node->len, key,
				ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
					ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE);
	*out = node;
	return 0;
}

/* The loop over libyaml's events: one stack of frames that every kind of
 * event pushes, pops or fills.
 * Long: a single switch over the event kinds sharing that stack and the
 * error exits; split, each part would need the whole loop state. */
static int parse_events(struct loader *ld, yaml_parser_t *parser)
{
	struct frame stack[QMS_MAX_DEPTH + 1];
	unsigned depth = 0;
	unsigned documents = 0;
	int rc = -1;
	yaml_event_t ev;

	for (;;) {
		if (!yaml_parser_parse(parser, &ev)) {
			report_parser_error(ld, parser);
			return -1;
		}
		const yaml_mark_t *m = &ev.start_mark;
		unsigned line = (unsigned)m->line + 1, col = column_of(ld, m);
		struct frame *top = depth ? &stack[depth - 1] : NULL;
		bool key = is_key_position(top);
		struct qms_node *node = NULL;
		const yaml_char_t *anchor = NULL;

		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			if (!ld->doc->root) {
				load_error(ld, 1, 1, QMS_RULE_L008, "the file holds no document");
				return -1;
			}
			return 0;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				load_error(ld, line, col, QMS_RULE_L009,
					   "a second document starts here; put each document in its own file");
				goto out;
			}
			break;
		case YAML_ALIAS_EVENT:
			load_error(ld, line, col, QMS_RULE_L007,
				   "alias '*%s' is not allowed; write the value out in full",
				   (const char *)ev.data.alias.anchor);
			goto out;
		case YAML_SCALAR_EVENT:
			anchor = ev.data.scalar.anchor;
			if (anchor)
				break;
			if (ev.data.scalar.length > QMS_MAX_SCALAR_SIZE) {
				load_error(ld, line, col, QMS_RULE_L006,
					   "a text value of %zu bytes is over the limit of %u bytes",
					   ev.data.scalar.length, QMS_MAX_SCALAR_SIZE);
				goto out;
			}
			if (load_scalar(ld, &ev, key, col, &node) < 0)
				goto out;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			anchor = ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.anchor
								      : ev.data.mapping_start.anchor;
			if (anchor)
				break;
			if (depth >= QMS_MAX_DEPTH) {
				load_error(ld, line, col, QMS_RULE_L005,
					   "nesting deeper than %d levels; check the indentation", QMS_MAX_DEPTH);
				goto out;
			}
			node = new_node(ld, ev.type == YAML_SEQUENCE_START_EVENT ? QMS_NODE_SEQ : QMS_NODE_MAP, line,
					col);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			struct qms_node *done = top->node;
			set_end(ld, done, &ev.end_mark);
			depth--;
			if (done->type == QMS_NODE_MAP && check_duplicate_keys(ld, done) < 0)
				goto out;
			break;
		}
		default: break;
		}
		if (anchor) {
			load_error(ld, line, col, QMS_RULE_L007,
				   "anchor '&%s' is not allowed; write the value out where it is used",
				   (const char *)anchor);
			goto out;
		}
		if (node) {
			if (key && node->type != QMS_NODE_SCALAR) {
				load_error(ld, line, col, QMS_RULE_L011, "a key must be plain text, not %s",
					   qms_node_type_name(node));
				goto out;
			}
			if (top)
				append(top, node);
			else
				ld->doc->root = node;
			if (node->type != QMS_NODE_SCALAR)
				stack[depth++] = (struct frame){.node = node};
		}
		yaml_event_delete(&ev);
	}
out:
	yaml_event_delete(&ev);
	return rc;
}

/* Parse bytes[0..len) into a new document (*out) with libyaml. The
 * reasons of a refusal go to ld->diags. */
static int parse_text(struct loader *ld, struct qms_doc **out, const unsigned char *bytes, size_t len)
{
	/* The document lives in its own arena: no malloc of its own. */
	struct qms_arena arena = {0};
	struct qms_doc *doc = qms_arena_alloc(&arena, sizeof(*doc));
	doc->arena = arena;
	doc->path = qms_arena_strdup(&doc->arena, ld->path);
	ld->doc = doc;
	ld->spare_nodes = ld->spare_end = NULL;
	*out = NULL;

	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		qms_doc_free(doc);
		load_error(ld, 1, 1, QMS_RULE_L012, "cannot start the YAML parser");
		return -1;
	}
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	yaml_parser_set_input_string(&parser, bytes, len);
	int rc = parse_events(ld, &parser);
	yaml_parser_delete(&parser);
	if (rc < 0) {
		qms_doc_free(doc);
		return -1;
	}
	*out = doc;
	return 0;
}

int qms_doc_parse(struct qms_doc **out, const char *path, const char *buf, size_t len, struct qms_diags *diags)
{
	struct loader ld = {.diags = diags, .path = path};
	*out = NULL;
	if (len > QMS_MAX_FILE_SIZE) {
		qms_diags_add(diags, path, 1, 1, QMS_RULE_L006, "the file is %zu bytes, over the limit of %u bytes",
			      len, QMS_MAX_FILE_SIZE);
		return -1;
	}
	const unsigned char *bytes = (const unsigned char *)buf;
	if (len >= 3 && bytes[0] == 0xef && bytes[1] == 0xbb && bytes[2] == 0xbf) {
		bytes += 3; /* UTF-8 BOM: fine, and not part of the document */
		len -= 3;
	}
	if (check_encoding(&ld, bytes, len) < 0)
		return -1;
	ld.bytes = bytes;
	ld.len = len;
	text_facts(&ld, bytes, len);

	/* The bytes are checked only when the parse fails (libyaml refuses
	 * them too), and a bad byte is then the one problem reported, as if
	 * it had been checked first: what the parse said is dropped. */
	struct qms_diags parse_diags;
	qms_diags_init(&parse_diags);
	ld.diags = &parse_diags;
	int rc = parse_text(&ld, out, bytes, len);
	ld.diags = diags;
	if (rc < 0 && check_bytes(&ld, bytes, len) < 0)
		qms_diags_release(&parse_diags);
	else
		qms_diags_move(diags, &parse_diags);
	return rc;
}

/* What a file that is not a regular one is, for messages. */
static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return N_("a folder");
	if (S_ISFIFO(mode))
		return N_("a FIFO (named pipe)");
	if (S_ISSOCK(mode))
		return N_("a socket");
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return N_("a device");
	return N_("a special file");
}

int qms_doc_read_file(const char **out, size_t *len_out, const char *path, struct qms_diags *diags)
{
	*out = NULL;
	*len_out = 0;
	if (qms_readahead_take(path, out, len_out))
		return 0;
	/* O_NONBLOCK: opening a FIFO (or a terminal) must not wait for a
	 * writer; what is not a regular file is refused before any read. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		qms_diags_add(diags, path, 1, 1, QMS_RULE_L012, "cannot open: %s", strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) < 0) {
		qms_diags_add(diags, path, 1, 1, QMS_RULE_L012, "cannot read: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		qms_diags_add(diags, path, 1, 1, QMS_RULE_L012,
			      "this is %s, not a regular file; rename it or move it out of the workspace",
			      qms_gettext(file_kind(st.st_mode)));
		close(fd);
		return -1;
	}
	if ((unsigned long long)st.st_size > QMS_MAX_FILE_SIZE) {
		qms_diags_add(diags, path, 1, 1, QMS_RULE_L006, "the file is %lld bytes, over the limit of %u bytes",
			      (long long)st.st_size, QMS_MAX_FILE_SIZE);
		close(fd);
		return -1;
	}
	/* Read one byte more than the size says: a file that grows while
	 * being read is caught instead of silently cut. Once the bytes fstat
	 * counted are in, a read that came short was at the end: no further
	 * read to hear it again (one system call a file, a seventh of what
	 * reading costs; issue 10's bench). The buffer is kept per thread:
	 * nothing points into it once the document is built. */
	size_t cap = (size_t)st.st_size + 1;
	char *buf = qms_thread_buffer(cap);
	size_t len = 0;
	for (;;) {
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			qms_diags_add(diags, path, 1, 1, QMS_RULE_L012, "cannot read: %s", strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len == cap - 1)
			break; /* as long as fstat said: this read came one short */
		if (len == cap) {
			qms_diags_add(diags, path, 1, 1, QMS_RULE_L012,
				      "the file changed while it was read; check again");
			close(fd);
			return -1;
		}
	}
	close(fd);
	*out = buf;
	*len_out = len;
	return 0;
}

int qms_doc_load(struct qms_doc **out, const char *path, struct qms_diags *diags)
{
	*out = NULL;
	const char *buf;
	size_t len;
	/* a workspace open in this process has the bytes, read once (source.h) */
	int rc = qms_source_bytes(qms_source_installed(), &buf, &len, path, diags);
	if (rc == 1)
		rc = qms_doc_read_file(&buf, &len, path, diags);
	if (rc < 0)
		return -1;
	return qms_doc_parse(out, path, buf, len, diags);
}

void qms_doc_free(struct qms_doc *doc)
{
	if (!doc)
		return;
	struct qms_arena arena = doc->arena; /* doc itself is in it */
	qms_arena_release(&arena);
}

struct qms_node *qms_node_get(const struct qms_node *map, const char *key)
{
	if (!map || map->type != QMS_NODE_MAP)
		return NULL;
	for (struct qms_node *k = map->first; k; k = k->next)
		if (!strcmp(k->text, key))
			return k->value;
	return NULL;
}

const char *qms_node_type_name(const struct qms_node *node)
{
	switch (node->type) {
	case QMS_NODE_SCALAR: return _("text");
	case QMS_NODE_MAP: return _("a mapping");
	case QMS_NODE_SEQ: return _("a list");
	}
	return "?";
}

/* Small shared helpers: an arena allocator, a growable string buffer, and
 * the edit distance used for "did you mean" suggestions. */
#ifndef QMS_UTIL_H
#define QMS_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "i18n.h"

#define QMS_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Abort with a message when memory runs out: every allocation in the
 * project goes through these, so callers never see NULL. */
void *qms_xmalloc(size_t size);
void *qms_xcalloc(size_t n, size_t size);
void *qms_xrealloc(void *ptr, size_t size);
char *qms_xstrdup(const char *s);
char *qms_xstrndup(const char *s, size_t n);

/* An arena: many small allocations freed at once. Zero-initialise
 * (`struct qms_arena a = {0};`) before use; qms_arena_release() frees
 * every block. Memory from the arena is zeroed. */
struct qms_arena_block;
struct qms_arena {
	struct qms_arena_block *head;
	size_t used_total;
};

void *qms_arena_alloc(struct qms_arena *arena, size_t size);
/* Like qms_arena_alloc() but not zeroed: for the loader's nodes, which
 * are written whole at once. */
void *qms_arena_alloc_raw(struct qms_arena *arena, size_t size);
/* Copy of s[0..n) with a terminating NUL, owned by the arena. */
char *qms_arena_strndup(struct qms_arena *arena, const char *s, size_t n);
/* Copy of s owned by the arena, packed (see below); NULL for NULL. */
char *qms_arena_strdup(struct qms_arena *arena, const char *s);
/* Like qms_arena_strndup() but without alignment padding: for the many
 * short strings of a document. */
char *qms_arena_strndup_packed(struct qms_arena *arena, const char *s, size_t n);
char *qms_arena_printf(struct qms_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void qms_arena_release(struct qms_arena *arena);
/* Move every block of src into dst: what was allocated from src now lives
 * as long as dst. src is left empty. */
void qms_arena_adopt(struct qms_arena *dst, struct qms_arena *src);
/* Free what this thread keeps for reuse between arenas. Call it before a
 * thread that used arenas ends (leak checkers notice otherwise). */
void qms_thread_cache_release(void);

/* Ask for the process's heap to be backed by huge pages where the kernel
 * allows it (transparent huge pages in "madvise" mode): a command that
 * reads thousands of files otherwise takes a page fault and a TLB miss
 * for each 4 KiB it touches (issue 10: about 4,700 faults fewer and 5%
 * of `qms check` at 10,000 procedures). The heap then grows 64 MiB at a
 * time (address space, not memory) and is not given back to the system
 * before the process ends. Call it first in main(); does nothing under
 * AddressSanitizer or outside glibc. */
void qms_heap_prefer_huge_pages(void);

/* A function of a shared library opened with qms_dso_open(): its name
 * and where its pointer goes in the caller's table of function pointers. */
struct qms_dso_symbol {
	const char *name;
	size_t offset;
};

/* The entry of symbols[] for function prefix##f kept in member f of the
 * table type: QMS_DSO_SYMBOL("zip_", struct zip_fns, open). */
#define QMS_DSO_SYMBOL(prefix, type, f)                                                                                \
	{                                                                                                              \
		prefix #f, offsetof(type, f)                                                                           \
	}

/* Open the first of files[0..nfiles) that loads (sonames, most wanted
 * first) and fill the function pointers of table from symbols. The
 * handle (the library stays loaded until the process ends), or NULL
 * with *why in the user's language ("không nạp được libzip.so.4: ...",
 * "libzip.so.4 không có hàm zip_open"), owned by the caller. For
 * libraries that only some commands use: not loading them makes every
 * other command start faster. */
void *qms_dso_open(const char *const *files, size_t nfiles, const struct qms_dso_symbol *symbols, size_t nsymbols,
		   void *table, char **why);
/* A buffer of at least size bytes owned by the calling thread, valid until
 * the thread's next call. */
char *qms_thread_buffer(size_t size);

/* A string buffer: `buf` is never NULL after qms_buf_init() and always
 * NUL-terminated. Free the contents with qms_buf_release(). */
struct qms_buf {
	char *buf;
	size_t len;
	size_t cap;
};

void qms_buf_init(struct qms_buf *b);
void qms_buf_release(struct qms_buf *b);
void qms_buf_reset(struct qms_buf *b);
void qms_buf_add(struct qms_buf *b, const char *s, size_t n);
void qms_buf_adds(struct qms_buf *b, const char *s);
void qms_buf_addc(struct qms_buf *b, char c);
void qms_buf_printf(struct qms_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void qms_buf_vprintf(struct qms_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Append s as a JSON string literal, quotes included: the one JSON string
 * writer of qms. Valid UTF-8 is kept; `"`, `\`, control characters (C0,
 * DEL, C1) and U+2028/U+2029 are escaped; a byte that is not valid UTF-8
 * becomes U+FFFD (JSON text is UTF-8: the byte cannot be kept). */
void qms_buf_add_json_string(struct qms_buf *b, const char *s);
/* Append s[0..n) for a person, on a terminal or in a text file: the one
 * escaper of text output. Valid UTF-8 is kept; a control character a
 * terminal would act on (C0 other than tab and, when keep_newlines,
 * newline; DEL; C1) becomes a visible `\x1b` (`\u0085` for C1, `\n` for a
 * newline not kept), and so does each byte that is not valid UTF-8. */
void qms_buf_add_printable(struct qms_buf *b, const char *s, size_t n, bool keep_newlines);

/* The code point of the UTF-8 sequence at s[0..n): its length (1 to 4),
 * or 0 when none starts there (n == 0, a stray or missing continuation
 * byte, an overlong form, a surrogate, beyond U+10FFFF). */
static inline size_t qms_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* The last QMS_RING_LEN strings handed out, for helpers that format a
 * value into a string the caller uses a few lines later (several in one
 * call: `printf("%s / %s", N(a), N(b))`). Each string lives until
 * QMS_RING_LEN more are taken; none is cut. Zero-initialise;
 * qms_ring_release() frees them. */
#define QMS_RING_LEN 16
struct qms_ring {
	char *s[QMS_RING_LEN];
	unsigned i;
};

/* b's text, owned by the ring; b is reset. */
const char *qms_ring_take(struct qms_ring *r, struct qms_buf *b);
void qms_ring_release(struct qms_ring *r);

/* Appends code point c (at most U+10FFFF; not a surrogate) as UTF-8. */
void qms_buf_add_utf8(struct qms_buf *b, uint32_t c);
/* s with its first letter in lower case ("Đánh giá nội bộ" -> "đánh giá
 * nội bộ"), for a label that sits mid-sentence. */
void qms_buf_add_lower_first(struct qms_buf *b, const char *s);
/* C0 (below U+0020), DEL or C1 (U+0080 to U+009F). */
bool qms_is_control(uint32_t c);
/* Hand the contents to the caller (free with free()); b is reset. */
char *qms_buf_detach(struct qms_buf *b);

/* Text positions count characters as people see them: a code point with
 * the combining marks after it (U+0300-036F, 1AB0-1AFF, 1DC0-1DFF,
 * 20D0-20FF, FE20-FE2F: Vietnamese typed in decomposed form) is one
 * column, so "ế" in NFD is where it is in NFC. */
static inline bool qms_is_combining(uint32_t cp);
/* Bytes of the column at s[0..n): one code point (a byte that is not
 * UTF-8 counts alone) and the combining marks after it; 0 when n is 0. */
size_t qms_utf8_column_len(const char *s, size_t n);

/* What kind of failure a function returns (qms.h, "Errors"): the value
 * itself, negative, so that `rc < 0` tests for any failure and the caller
 * passes rc on. The CLI maps each kind to one exit status. */
enum qms_err {
	QMS_OK = 0,
	/* What was asked cannot be done as asked: an unknown agency, audit or
	 * procedure, a folder that is not a workspace, a name that is a folder,
	 * a file that already exists. Also a bare -1. (exit status 2) */
	QMS_ERR_USAGE = -1,
	/* The system failed: a file or folder could not be read, written,
	 * locked or watched; a program (chromium) could not run; the limit
	 * of a file's size. (exit status 3) */
	QMS_ERR_IO = -2,
	/* A document the command needs cannot be used as it is: not YAML,
	 * not the kind expected, a workbook that does not unpack, an edit
	 * its layout refuses. Fix the document. (exit status 1) */
	QMS_ERR_DATA = -3,
};

/* An error for a caller that takes `char **err`: *err (when err is not
 * NULL; caller frees) is fmt in the language of messages (the English
 * format is the msgid) filled with the arguments. errno is kept. Returns
 * kind (negative), so that `return qms_error(err, kind, ...);` fails the
 * caller with it. */
int qms_error(char **err, enum qms_err kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Levenshtein distance between a and b, counting UTF-8 code points,
 * or `limit + 1` as soon as it is known to exceed `limit`. */
size_t qms_edit_distance(const char *a, const char *b, size_t limit);

/* The candidate closest to `word` that is close enough to be a plausible
 * typo (distance <= max(1, strlen/3)), or NULL. */
const char *qms_closest(const char *word, const char *const *candidates, size_t n);

/* Format a number of hours or days for messages: at most two decimals,
 * trailing zeros dropped, '.' as the decimal mark whatever the locale.
 * Defined for any double: beyond +-9e15 whole digits, NaN as '?'. */
void qms_buf_add_number(struct qms_buf *b, double value);
/* The same in `lang`: the decimal comma in Vietnamese ("1,5"). The one
 * formatter of decimal numbers for people. */
void qms_buf_add_number_lang(struct qms_buf *b, double value, enum qms_lang lang);

/* A 64-bit hash of s (FNV-1a): stable across runs and machines, for
 * names and tables, not for security. */
uint64_t qms_hash(const char *s);

/* A map from borrowed NUL-terminated strings to indexes, open addressing.
 * The keys are not copied: they must outlive the map. Zero-initialise,
 * free with qms_strmap_release(). */
struct qms_strmap {
	const char **keys;
	size_t *values;
	size_t cap;
	size_t len;
	struct qms_arena *arena; /* when set, the tables live there (not freed by release) */
};

/* Insert key -> value unless the key is there. Returns the index already
 * stored for the key, or SIZE_MAX when it was inserted. */
size_t qms_strmap_put(struct qms_strmap *m, const char *key, size_t value);
/* Room for n keys in all, so that putting them grows the table no more
 * (each growth hashes every key again). */
void qms_strmap_reserve(struct qms_strmap *m, size_t n);
/* The index stored for key, or SIZE_MAX. */
size_t qms_strmap_get(const struct qms_strmap *m, const char *key);
void qms_strmap_release(struct qms_strmap *m);

/* Inline: it runs for every character the loader checks. */
static inline size_t qms_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	if (!n)
		return 0;
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	size_t len;
	uint32_t c, min;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
		min = 0x80;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
		min = 0x800;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((p[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static inline bool qms_is_combining(uint32_t cp)
{
	return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x1dc0 && cp <= 0x1dff) ||
	       (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f);
}

#endif

#include "util.h"

#include <utf8proc.h>

#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "i18n.h"

static void die_oom(void)
{
	fputs("qms: out of memory\n", stderr);
	abort();
}

void *qms_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *qms_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *qms_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

char *qms_xstrdup(const char *s)
{
	return qms_xstrndup(s, strlen(s));
}

char *qms_xstrndup(const char *s, size_t n)
{
	char *p = qms_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- the heap ---- */

#define HEAP_RESERVE (64u << 20)
#define HUGE_PAGE (2u << 20)

void qms_heap_prefer_huge_pages(void)
{
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
	/* glibc grows its heap by HEAP_RESERVE at a time and keeps it;
	 * a probe under the mmap threshold makes it grow now, and only
	 * what it added is advised (nothing when it did not grow) */
	if (!mallopt(M_TOP_PAD, (int)HEAP_RESERVE) || !mallopt(M_TRIM_THRESHOLD, (int)(2 * HEAP_RESERVE)))
		return;
	uintptr_t before = (uintptr_t)sbrk(0);
	void *volatile probe = malloc(120u << 10);
	uintptr_t after = (uintptr_t)sbrk(0);
	free(probe);
	uintptr_t start = (before + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	uintptr_t end = after & ~(uintptr_t)(HUGE_PAGE - 1);
	if (after - before >= HEAP_RESERVE && start < end)
		madvise((void *)start, end - start, MADV_HUGEPAGE); /* advice: a failure changes nothing */
#endif
}

/* ---- shared libraries opened on use ---- */

void *qms_dso_open(const char *const *files, size_t nfiles, const struct qms_dso_symbol *symbols, size_t nsymbols,
		   void *table, char **why)
{
	void *h = NULL;
	for (size_t i = 0; i < nfiles && !h; i++)
		h = dlopen(files[i], RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		qms_error(why, QMS_ERR_IO, "cannot load %s: %s", files[0], dlerror());
		return NULL;
	}
	for (size_t i = 0; i < nsymbols; i++) {
		void *sym = dlsym(h, symbols[i].name);
		if (!sym) {
			qms_error(why, QMS_ERR_IO, "%s has no %s", files[0], symbols[i].name);
			dlclose(h);
			return NULL;
		}
		memcpy((char *)table + symbols[i].offset, &sym, sizeof(sym)); /* POSIX: the same size */
	}
	return h;
}

/* ---- arena ---- */

struct qms_arena_block {
	struct qms_arena_block *next;
	size_t size;
	size_t used;
	max_align_t data[];
};

#define ARENA_BLOCK_SIZE (64 * 1024)

/* Standard blocks kept per thread between uses (a document's arena, the
 * scratch arenas of its rules, which are open at the same time), up to
 * SPARE_BLOCKS (4 MiB): checking thousands of files would otherwise
 * malloc and free 64 KiB several times for each. A thread keeps as many
 * as it once had open at a time (six for a check of the bench's
 * procedures); with only four, the other two went back to malloc after
 * each file, among libyaml's buffers of like size (issue 10's bench
 * could not tell the two apart beyond its noise, see docs/benchmarks.md;
 * instructions are the same). qms_thread_cache_release() frees them. */
#define SPARE_BLOCKS 64
static _Thread_local struct qms_arena_block *spare_blocks; /* linked by next */
static _Thread_local unsigned spare_count;

static struct qms_arena_block *new_block(size_t cap)
{
	struct qms_arena_block *b;
	if (cap == ARENA_BLOCK_SIZE && spare_blocks) {
		b = spare_blocks;
		spare_blocks = b->next;
		spare_count--;
	} else {
		b = qms_xmalloc(sizeof(*b) + cap);
		b->size = cap;
	}
	b->used = 0;
	return b;
}

static void free_block(struct qms_arena_block *b)
{
	if (b->size == ARENA_BLOCK_SIZE && spare_count < SPARE_BLOCKS) {
		b->next = spare_blocks;
		spare_blocks = b;
		spare_count++;
	} else {
		free(b);
	}
}

static _Thread_local char *thread_buf;
static _Thread_local size_t thread_buf_cap;

char *qms_thread_buffer(size_t size)
{
	if (size > thread_buf_cap) {
		free(thread_buf);
		thread_buf_cap = size < 64 * 1024 ? 64 * 1024 : size;
		thread_buf = qms_xmalloc(thread_buf_cap);
	}
	return thread_buf;
}

void qms_thread_cache_release(void)
{
	while (spare_blocks) {
		struct qms_arena_block *next = spare_blocks->next;
		free(spare_blocks);
		spare_blocks = next;
	}
	spare_count = 0;
	free(thread_buf);
	thread_buf = NULL;
	thread_buf_cap = 0;
}

void *qms_arena_alloc_raw(struct qms_arena *arena, size_t size)
{
	const size_t align = sizeof(max_align_t);
	size = (size + align - 1) / align * align;
	struct qms_arena_block *b = arena->head;
	if (!b || b->size - b->used < size) {
		size_t cap = size > ARENA_BLOCK_SIZE / 4 ? size : ARENA_BLOCK_SIZE;
		b = new_block(cap);
		if (size > ARENA_BLOCK_SIZE / 4 && arena->head) {
			/* a large block goes behind the current one so the
			 * current one's free space is not wasted */
			b->next = arena->head->next;
			arena->head->next = b;
		} else {
			b->next = arena->head;
			arena->head = b;
		}
	}
	size_t pad = (align - b->used % align) % align;
	if (b->size - b->used < size + pad) {
		/* the packed strings of this block took the room: start a new one */
		struct qms_arena_block *nb = new_block(size > ARENA_BLOCK_SIZE / 4 ? size : ARENA_BLOCK_SIZE);
		nb->next = arena->head;
		arena->head = nb;
		b = nb;
		pad = 0;
	}
	void *p = (char *)b->data + b->used + pad;
	b->used += size + pad;
	arena->used_total += size + pad;
	return p;
}

void *qms_arena_alloc(struct qms_arena *arena, size_t size)
{
	void *p = qms_arena_alloc_raw(arena, size);
	memset(p, 0, size);
	return p;
}

char *qms_arena_strndup(struct qms_arena *arena, const char *s, size_t n)
{
	char *p = qms_arena_alloc_raw(arena, n + 1); /* written whole below */
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *qms_arena_strndup_packed(struct qms_arena *arena, const char *s, size_t n)
{
	struct qms_arena_block *b = arena->head;
	if (!b || b->size - b->used < n + 1 || n + 1 > ARENA_BLOCK_SIZE / 4)
		return qms_arena_strndup(arena, s, n);
	char *p = (char *)b->data + b->used;
	b->used += n + 1;
	arena->used_total += n + 1;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *qms_arena_strdup(struct qms_arena *arena, const char *s)
{
	return s ? qms_arena_strndup_packed(arena, s, strlen(s)) : NULL;
}

char *qms_arena_printf(struct qms_arena *arena, const char *fmt, ...)
{
	struct qms_buf b;
	va_list ap;
	qms_buf_init(&b);
	va_start(ap, fmt);
	qms_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *p = qms_arena_strndup(arena, b.buf, b.len);
	qms_buf_release(&b);
	return p;
}

void qms_arena_release(struct qms_arena *arena)
{
	struct qms_arena_block *b = arena->head;
	while (b) {
		struct qms_arena_block *next = b->next;
		free_block(b);
		b = next;
	}
	arena->head = NULL;
	arena->used_total = 0;
}

void qms_arena_adopt(struct qms_arena *dst, struct qms_arena *src)
{
	if (!src->head)
		return;
	struct qms_arena_block *last = src->head;
	while (last->next)
		last = last->next;
	/* dst keeps allocating from its own head block */
	if (dst->head) {
		last->next = dst->head->next;
		dst->head->next = src->head;
	} else {
		dst->head = src->head;
	}
	dst->used_total += src->used_total;
	src->head = NULL;
	src->used_total = 0;
}

/* ---- string buffer ---- */

static char empty_buf[1];

void qms_buf_init(struct qms_buf *b)
{
	b->buf = empty_buf;
	b->len = 0;
	b->cap = 0;
}

void qms_buf_release(struct qms_buf *b)
{
	if (b->cap)
		free(b->buf);
	qms_buf_init(b);
}

void qms_buf_reset(struct qms_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->buf[0] = '\0';
}

static void buf_grow(struct qms_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	if (b->cap) {
		b->buf = qms_xrealloc(b->buf, cap);
	} else {
		b->buf = qms_xmalloc(cap);
		b->buf[0] = '\0';
	}
	b->cap = cap;
}

void qms_buf_add(struct qms_buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void qms_buf_adds(struct qms_buf *b, const char *s)
{
	qms_buf_add(b, s, strlen(s));
}

void qms_buf_addc(struct qms_buf *b, char c)
{
	qms_buf_add(b, &c, 1);
}

void qms_buf_vprintf(struct qms_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	char small[256];
	int n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		qms_buf_add(b, small, (size_t)n);
		return;
	}
	buf_grow(b, (size_t)n);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void qms_buf_printf(struct qms_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	qms_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

bool qms_is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

void qms_buf_add_printable(struct qms_buf *b, const char *s, size_t n, bool keep_newlines)
{
	size_t i = 0, start = 0;
	while (i < n) {
		uint32_t c;
		size_t len = qms_utf8_decode(s + i, n - i, &c);
		if (len && (!qms_is_control(c) || c == '\t' || (c == '\n' && keep_newlines))) {
			i += len;
			continue;
		}
		qms_buf_add(b, s + start, i - start);
		if (!len)
			qms_buf_printf(b, "\\x%02x", (unsigned char)s[i]);
		else if (c == '\n')
			qms_buf_adds(b, "\\n");
		else if (c < 0x80)
			qms_buf_printf(b, "\\x%02x", (unsigned)c);
		else
			qms_buf_printf(b, "\\u%04x", (unsigned)c);
		i += len ? len : 1;
		start = i;
	}
	qms_buf_add(b, s + start, n - start);
}

void qms_buf_add_json_string(struct qms_buf *b, const char *s)
{
	size_t n = strlen(s);
	qms_buf_addc(b, '"');
	size_t i = 0;
	while (i < n) {
		uint32_t c;
		size_t len = qms_utf8_decode(s + i, n - i, &c);
		if (!len) {
			qms_buf_adds(b, "\\ufffd"); /* JSON is UTF-8: a stray byte cannot be kept */
			i++;
			continue;
		}
		switch (c) {
		case '"': qms_buf_adds(b, "\\\""); break;
		case '\\': qms_buf_adds(b, "\\\\"); break;
		case '\n': qms_buf_adds(b, "\\n"); break;
		case '\r': qms_buf_adds(b, "\\r"); break;
		case '\t': qms_buf_adds(b, "\\t"); break;
		default:
			/* controls, and the two line separators JavaScript
			 * did not allow in strings */
			if (qms_is_control(c) || c == 0x2028 || c == 0x2029)
				qms_buf_printf(b, "\\u%04x", (unsigned)c);
			else
				qms_buf_add(b, s + i, len);
		}
		i += len;
	}
	qms_buf_addc(b, '"');
}

const char *qms_ring_take(struct qms_ring *r, struct qms_buf *b)
{
	char **slot = &r->s[r->i++ % QMS_RING_LEN];
	free(*slot);
	*slot = qms_buf_detach(b);
	return *slot;
}

void qms_ring_release(struct qms_ring *r)
{
	for (size_t i = 0; i < QMS_RING_LEN; i++)
		free(r->s[i]);
	memset(r, 0, sizeof(*r));
}

void qms_buf_add_utf8(struct qms_buf *b, uint32_t c)
{
	char u[4];
	size_t n;
	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	qms_buf_add(b, u, n);
}

char *qms_buf_detach(struct qms_buf *b)
{
	char *p = b->cap ? b->buf : qms_xstrdup("");
	qms_buf_init(b);
	return p;
}

int qms_error(char **err, enum qms_err kind, const char *fmt, ...)
{
	int saved = errno;
	if (err) {
		struct qms_buf b;
		qms_buf_init(&b);
		va_list ap;
		va_start(ap, fmt);
		qms_buf_vprintf(&b, _(fmt), ap); /* the English format is the msgid */
		va_end(ap);
		*err = qms_buf_detach(&b);
	}
	errno = saved;
	return (int)kind;
}

void qms_buf_add_number(struct qms_buf *b, double value)
{
	qms_buf_add_number_lang(b, value, QMS_LANG_EN);
}

void qms_buf_add_number_lang(struct qms_buf *b, double value, enum qms_lang lang)
{
	/* Beyond 2^53 hundredths a double has no hundredths to print, and
	 * converting it to an integer could overflow: whole digits, no
	 * decimal mark (so no locale), for any value. */
	if (!(value > -9e15 && value < 9e15)) {
		if (value != value)
			qms_buf_addc(b, '?');
		else
			qms_buf_printf(b, "%.0f", value);
		return;
	}
	/* Integers and hundredths only: no locale-dependent printf. */
	long long hundredths = (long long)(value * 100.0 + (value < 0 ? -0.5 : 0.5));
	if (hundredths < 0) {
		qms_buf_addc(b, '-');
		hundredths = -hundredths;
	}
	qms_buf_printf(b, "%lld", hundredths / 100);
	int frac = (int)(hundredths % 100);
	if (frac) {
		char mark = lang == QMS_LANG_VI ? ',' : '.';
		if (frac % 10)
			qms_buf_printf(b, "%c%02d", mark, frac);
		else
			qms_buf_printf(b, "%c%d", mark, frac / 10);
	}
}

/* ---- columns ---- */

/* The code point at s[0..n) and its length in bytes (1 for a byte that
 * does not start valid UTF-8). */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];
	size_t len = c < 0x80 ? 1 : c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
	if (!len || len > n) {
		*cp = 0xfffd;
		return 1;
	}
	uint32_t v = len == 1 ? c : c & (0x7fu >> len);
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		v = (v << 6) | (s[k] & 0x3f);
	}
	*cp = v;
	return len;
}

size_t qms_utf8_column_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	if (!n)
		return 0;
	uint32_t cp;
	size_t i = utf8_next(p, n, &cp);
	while (i < n && p[i] >= 0xcc) { /* combining marks start at U+0300 (0xcc 0x80) */
		size_t k = utf8_next(p + i, n - i, &cp);
		if (!qms_is_combining(cp))
			break;
		i += k;
	}
	return i;
}

/* ---- suggestions ---- */

static size_t utf8_decode_all(const char *s, uint32_t *out, size_t cap)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && n < cap) {
		uint32_t c = *p++;
		int extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
		if (extra)
			c &= 0x3f >> extra;
		while (extra-- && (*p & 0xc0) == 0x80)
			c = (c << 6) | (*p++ & 0x3f);
		out[n++] = c;
	}
	return n;
}

#define EDIT_MAX 64

size_t qms_edit_distance(const char *a, const char *b, size_t limit)
{
	/* Optimal string alignment: insertions, deletions, substitutions and
	 * swaps of two neighbours ("A-20" for "A-02") each cost one. */
	uint32_t ca[EDIT_MAX], cb[EDIT_MAX];
	size_t na = utf8_decode_all(a, ca, EDIT_MAX);
	size_t nb = utf8_decode_all(b, cb, EDIT_MAX);
	size_t diff = na > nb ? na - nb : nb - na;
	if (diff > limit)
		return limit + 1;
	size_t rows[3][EDIT_MAX + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = i;
		size_t best = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t cost = ca[i - 1] == cb[j - 1] ? 0 : 1;
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca[i - 1] == cb[j - 2] && ca[i - 2] == cb[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	/* the rows stayed within the limit but the distance itself may not */
	return prev[nb] > limit ? limit + 1 : prev[nb];
}

const char *qms_closest(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word);
	size_t limit = len / 3 > 1 ? len / 3 : 1;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		if (!candidates[i])
			continue;
		size_t d = qms_edit_distance(word, candidates[i], best_d - 1 < limit ? best_d - 1 : limit);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
			if (d == 0)
				break;
		}
	}
	return best;
}

/* ---- string map ---- */

uint64_t qms_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

/* The hash of a map's key: eight bytes at a time (the keys are paths of
 * some 80 bytes, ids, codes), mixed as splitmix64 does. Not qms_hash(),
 * which names files (qms_name_bound()) and must not change; nothing
 * depends on the order of a map's slots. */
static uint64_t key_hash(const char *s)
{
	size_t n = strlen(s), i = 0;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
		h ^= h >> 29;
	}
	uint64_t w = 0;
	memcpy(&w, s + i, n - i);
	h = (h ^ w) * 0x94d049bb133111ebull;
	return h ^ (h >> 32);
}

static void strmap_resize(struct qms_strmap *m, size_t cap)
{
	const char **keys = m->arena ? qms_arena_alloc(m->arena, cap * sizeof(*keys)) : qms_xcalloc(cap, sizeof(*keys));
	size_t *values =
		m->arena ? qms_arena_alloc(m->arena, cap * sizeof(*values)) : qms_xmalloc(cap * sizeof(*values));
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = key_hash(m->keys[i]) & (cap - 1);
		while (keys[j])
			j = (j + 1) & (cap - 1);
		keys[j] = m->keys[i];
		values[j] = m->values[i];
	}
	if (!m->arena) {
		free(m->keys);
		free(m->values);
	}
	m->keys = keys;
	m->values = values;
	m->cap = cap;
}

static void strmap_grow(struct qms_strmap *m)
{
	strmap_resize(m, m->cap ? m->cap * 2 : 16);
}

void qms_strmap_reserve(struct qms_strmap *m, size_t n)
{
	size_t cap = m->cap ? m->cap : 16;
	while ((n + 1) * 2 > cap)
		cap *= 2;
	if (cap > m->cap)
		strmap_resize(m, cap);
}

size_t qms_strmap_put(struct qms_strmap *m, const char *key, size_t value)
{
	if ((m->len + 1) * 2 > m->cap)
		strmap_grow(m);
	size_t j = key_hash(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (!strcmp(m->keys[j], key))
			return m->values[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = key;
	m->values[j] = value;
	m->len++;
	return SIZE_MAX;
}

size_t qms_strmap_get(const struct qms_strmap *m, const char *key)
{
	if (!m->cap)
		return SIZE_MAX;
	size_t j = key_hash(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (!strcmp(m->keys[j], key))
			return m->values[j];
		j = (j + 1) & (m->cap - 1);
	}
	return SIZE_MAX;
}

void qms_strmap_release(struct qms_strmap *m)
{
	if (!m->arena) {
		free(m->keys);
		free(m->values);
	}
	memset(m, 0, sizeof(*m));
}

void qms_buf_add_lower_first(struct qms_buf *b, const char *s)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
	if (len <= 0) {
		qms_buf_adds(b, s);
		return;
	}
	utf8proc_uint8_t enc[4];
	utf8proc_ssize_t n = utf8proc_encode_char(utf8proc_tolower(cp), enc);
	qms_buf_add(b, (const char *)enc, (size_t)n);
	qms_buf_adds(b, s + len);
}

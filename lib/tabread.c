/* The CSV reader of tabread.h: one buffer, refilled in large chunks, each
 * record parsed in two passes (find the fields, then unquote and end them
 * in place), so that a record cut by the end of the buffer is simply
 * parsed again once more is read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "i18n.h"
#include "tabread.h"
#include "util.h"

#define CHUNK (1u << 20)
/* readable bytes after the end of the data (find_end()) */
#define SLACK 16

struct csv {
	char *buf;
	size_t len, cap, pos;
	int fd; /* -1: everything is in buf */
	bool seekable; /* read with pread() from foff */
	int64_t foff; /* file offset of the next read */
	int64_t base; /* file offset of buf[0] */
	int64_t stop; /* no record that starts at or after this offset is parsed */
	uint64_t quotes; /* '"' bytes read before `stop` */
	bool eof;
	bool skip_line; /* discard up to the next line break first */
	char delim; /* 0 until the first record is seen */
	unsigned long line; /* line of buf[pos] */
	qms_tabrow_fn on_row;
	qms_taberr_fn on_err;
	void *ctx;
	const char *fields[QMS_TABREAD_MAX_FIELDS];
	uint32_t cols[QMS_TABREAD_MAX_FIELDS];
	size_t fs[QMS_TABREAD_MAX_FIELDS], fe[QMS_TABREAD_MAX_FIELDS];
	bool fq[QMS_TABREAD_MAX_FIELDS];
};

/* Read more into the buffer, keeping buf[pos..len) (moved to the front).
 * Returns -1 on a read error (errno set). */
static int refill(struct csv *c)
{
	if (c->fd < 0) {
		c->eof = true;
		c->buf[c->len] = '\n';
		return 0;
	}
	if (c->pos > 0) {
		memmove(c->buf, c->buf + c->pos, c->len - c->pos);
		c->len -= c->pos;
		c->base += (int64_t)c->pos;
		c->pos = 0;
	}
	while (!c->eof && c->len + 1 < c->cap) {
		size_t room = c->cap - 1 - c->len;
		ssize_t n = c->seekable ? pread(c->fd, c->buf + c->len, room, (off_t)c->foff)
					: read(c->fd, c->buf + c->len, room);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			c->eof = true;
		if (c->foff < c->stop) {
			const char *q = c->buf + c->len;
			size_t m = (size_t)n;
			if ((int64_t)m > c->stop - c->foff)
				m = (size_t)(c->stop - c->foff);
			for (const char *e = q + m; (q = memchr(q, '"', (size_t)(e - q))) != NULL; q++)
				c->quotes++;
		}
		c->foff += n;
		c->len += (size_t)n;
		if (c->len >= CHUNK)
			break;
	}
	c->buf[c->len] = '\n';
	return 0;
}

/* 1-based column of s[n] in the line that starts at s, in characters
 * (a character and its combining marks count one). */
static unsigned long char_column(const char *s, size_t n)
{
	unsigned long col = 1;
	for (size_t i = 0; i < n; col++) {
		size_t k = qms_utf8_column_len(s + i, n - i);
		i += k ? k : 1;
	}
	return col;
}

unsigned long qms_tabrow_column(const struct qms_tabrow *row, size_t field)
{
	if (field >= row->nfields)
		return 0;
	if (!row->raw)
		return row->cols[field];
	size_t off = row->cols[field], start = 0;
	for (size_t i = 0; i < off; i++)
		if (row->raw[i] == '\n')
			start = i + 1;
	return char_column(row->raw + start, off - start);
}

/* The delimiter of the record at pos: the most used of , ; tab outside
 * quotes on its first line (a comma when none). */
static char detect_delim(const struct csv *c)
{
	size_t n[3] = {0, 0, 0};
	bool q = false;
	for (size_t i = c->pos; i < c->len && (q || c->buf[i] != '\n'); i++) {
		char ch = c->buf[i];
		if (ch == '"')
			q = !q;
		else if (!q)
			n[0] += ch == ',', n[1] += ch == ';', n[2] += ch == '\t';
	}
	if (n[1] > n[0] && n[1] >= n[2])
		return ';';
	if (n[2] > n[0] && n[2] > n[1])
		return '\t';
	return ',';
}

enum scan { SCAN_OK, SCAN_MORE, SCAN_BAD };

/* The first delimiter or line break at or after s: 16 bytes at a time
 * where SSE2 is there. The buffer holds a '\n' at its end and SLACK
 * readable bytes after it. */
static const char *find_end(const char *s, char delim)
{
#ifdef __SSE2__
	const __m128i d = _mm_set1_epi8(delim), nl = _mm_set1_epi8('\n');
	for (;; s += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, nl)));
		if (m)
			return s + __builtin_ctz(m);
	}
#else
	while (*s != delim && *s != '\n')
		s++;
	return s;
#endif
}

struct bad {
	const char *msgid;
	size_t at; /* offset in buf of the fault */
	unsigned long line;
	size_t resume; /* where reading resumes, (size_t)-1: at the next line break after `at` */
};

/* Find the fields of the record at c->pos: fills fs/fe/fq, *nf, *next
 * (offset after the record) and *lines (line breaks in it). */
static enum scan scan_record(struct csv *c, size_t *nf, size_t *next, unsigned long *lines, struct bad *bad)
{
	const char *b = c->buf;
	size_t len = c->len, p = c->pos, n = 0;
	unsigned long ln = 0;
	for (;;) {
		size_t k = n < QMS_TABREAD_MAX_FIELDS ? n : QMS_TABREAD_MAX_FIELDS - 1;
		if (p < len && b[p] == '"') {
			size_t open = p, q = p + 1;
			unsigned long inner = 0;
			bool closed = false;
			for (;;) {
				const char *f = memchr(b + q, '"', len - q);
				size_t stop = f ? (size_t)(f - b) : len;
				for (const char *nl = memchr(b + q, '\n', stop - q); nl;
				     nl = memchr(nl + 1, '\n', (size_t)(b + stop - nl - 1)))
					inner++;
				if (!f)
					break;
				q = stop + 1;
				if (q == len && !c->eof)
					return SCAN_MORE;
				if (q < len && b[q] == '"') {
					q++;
					continue;
				}
				closed = true;
				break;
			}
			if (!closed) {
				if (!c->eof)
					return SCAN_MORE;
				*bad = (struct bad){N_("a quote left open"), open, c->line + ln, (size_t)-1};
				return SCAN_BAD;
			}
			ln += inner;
			c->fs[k] = open + 1, c->fe[k] = q - 1, c->fq[k] = true;
			n++;
			if (q == len) {
				*next = len;
				break;
			}
			if (b[q] == c->delim) {
				p = q + 1;
				continue;
			}
			if (b[q] == '\n' || (b[q] == '\r' && q + 1 < len && b[q + 1] == '\n')) {
				*next = q + (b[q] == '\r' ? 2 : 1);
				ln++;
				break;
			}
			if (b[q] == '\r' && q + 1 == len && !c->eof)
				return SCAN_MORE;
			*bad = (struct bad){inner ? N_("a quote left open") : N_("text after a closing quote"),
					    inner ? open : q, c->line + ln - inner, (size_t)-1};
			return SCAN_BAD;
		}
		/* buf[len] is a '\n' sentinel (refill()): no bound to check */
		const char *q = find_end(b + p, c->delim);
		size_t e = (size_t)(q - b);
		if (e == len && !c->eof)
			return SCAN_MORE;
		c->fs[k] = p, c->fe[k] = e, c->fq[k] = false;
		n++;
		if (e < len && *q == c->delim) {
			p = e + 1;
			continue;
		}
		if (e > p && b[e - 1] == '\r')
			c->fe[k] = e - 1;
		*next = e < len ? e + 1 : len;
		if (e < len)
			ln++;
		break;
	}
	*nf = n;
	*lines = ln;
	return SCAN_OK;
}

/* Unquote the fields in place and end each with a NUL. */
static void finish_fields(struct csv *c, size_t nf)
{
	for (size_t i = 0; i < nf; i++) {
		char *s = c->buf + c->fs[i];
		size_t n = c->fe[i] - c->fs[i];
		if (c->fq[i] && memchr(s, '"', n)) {
			size_t w = 0;
			for (size_t r = 0; r < n; r++) {
				s[w++] = s[r];
				if (s[r] == '"' && r + 1 < n && s[r + 1] == '"')
					r++;
			}
			n = w;
		}
		s[n] = '\0';
		c->fields[i] = s;
		c->cols[i] = (uint32_t)(c->fs[i] - c->pos - (c->fq[i] ? 1 : 0));
	}
}

static bool is_blank_line(const struct csv *c, size_t *next)
{
	size_t p = c->pos;
	if (p < c->len && c->buf[p] == '\r')
		p++;
	if (p < c->len && c->buf[p] == '\n') {
		*next = p + 1;
		return true;
	}
	return false;
}

static void report_bad(struct csv *c, const struct bad *bad)
{
	size_t ls = bad->at;
	while (ls > c->pos && c->buf[ls - 1] != '\n')
		ls--;
	unsigned long col = char_column(c->buf + ls, bad->at - ls);
	if (c->on_err)
		c->on_err(c->ctx, bad->line, col, bad->msgid);
	/* resume on the line after the one that holds the fault's record start */
	const char *nl = memchr(c->buf + c->pos, '\n', c->len - c->pos);
	if (nl) {
		c->pos = (size_t)(nl - c->buf) + 1;
		c->line++;
	} else {
		c->pos = c->len;
		c->skip_line = !c->eof;
	}
}

/* Discard up to the next line break; false when more must be read. */
static bool skip_line(struct csv *c)
{
	const char *nl = memchr(c->buf + c->pos, '\n', c->len - c->pos);
	if (!nl) {
		c->pos = c->len;
		return c->eof;
	}
	c->pos = (size_t)(nl - c->buf) + 1;
	c->line++;
	c->skip_line = false;
	return true;
}

static int run(struct csv *c, char **err)
{
	bool first = c->base == 0;
	for (;;) {
		if (c->pos >= c->len || (c->pos + 1 >= c->len && !c->eof)) {
			if (c->eof && c->pos >= c->len)
				return 0;
			if (refill(c) < 0)
				return qms_error(err, QMS_ERR_IO, "cannot read: %s", strerror(errno));
			if (c->eof && c->pos >= c->len)
				return 0;
		}
		if (first) {
			if (c->len - c->pos >= 3 && memcmp(c->buf + c->pos, "\xEF\xBB\xBF", 3) == 0)
				c->pos += 3;
			first = false;
		}
		if (c->base + (int64_t)c->pos >= c->stop)
			return 0;
		if (c->skip_line) {
			if (!skip_line(c) && refill(c) < 0)
				return qms_error(err, QMS_ERR_IO, "cannot read: %s", strerror(errno));
			continue;
		}
		size_t next, nf;
		unsigned long lines;
		if (is_blank_line(c, &next)) {
			c->pos = next;
			c->line++;
			continue;
		}
		if (!c->delim) {
			if (!c->eof && !memchr(c->buf + c->pos, '\n', c->len - c->pos) &&
			    c->len - c->pos < QMS_TABREAD_MAX_RECORD) {
				if (refill(c) < 0)
					return qms_error(err, QMS_ERR_IO, "cannot read: %s", strerror(errno));
				if (!c->eof || memchr(c->buf + c->pos, '\n', c->len - c->pos))
					continue;
			}
			c->delim = detect_delim(c);
		}
		struct bad bad;
		enum scan s = scan_record(c, &nf, &next, &lines, &bad);
		if (s == SCAN_MORE) {
			if (c->len - c->pos >= QMS_TABREAD_MAX_RECORD) {
				bad = (struct bad){N_("a record longer than 1 MiB (a quote left open?)"), c->pos,
						   c->line, (size_t)-1};
				report_bad(c, &bad);
				continue;
			}
			if (refill(c) < 0)
				return qms_error(err, QMS_ERR_IO, "cannot read: %s", strerror(errno));
			continue;
		}
		if (s == SCAN_BAD) {
			report_bad(c, &bad);
			continue;
		}
		if (nf > QMS_TABREAD_MAX_FIELDS) {
			if (c->on_err)
				c->on_err(c->ctx, c->line, 1, N_("more than 256 fields"));
			nf = QMS_TABREAD_MAX_FIELDS;
		}
		finish_fields(c, nf);
		struct qms_tabrow row = {c->fields, c->cols, nf, c->line, c->buf + c->pos, 0};
		int rc = c->on_row(c->ctx, &row);
		if (rc)
			return rc;
		c->pos = next;
		c->line += lines;
	}
}

static void csv_init(struct csv *c, qms_tabrow_fn on_row, qms_taberr_fn on_err, void *ctx)
{
	memset(c, 0, sizeof(*c));
	c->cap = QMS_TABREAD_MAX_RECORD + CHUNK + 1;
	c->buf = qms_xcalloc(c->cap + SLACK, 1);
	c->on_row = on_row, c->on_err = on_err, c->ctx = ctx;
	c->stop = INT64_MAX;
	c->line = 1;
}

int qms_csv_read_file(const char *path, qms_tabrow_fn on_row, qms_taberr_fn on_err, void *ctx, char **err)
{
	bool is_stdin = !path || strcmp(path, "-") == 0;
	int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return qms_error(err, QMS_ERR_IO, "cannot open: %s", strerror(errno));
	struct csv c;
	csv_init(&c, on_row, on_err, ctx);
	c.fd = fd;
	int rc = run(&c, err);
	free(c.buf);
	if (!is_stdin)
		close(fd);
	return rc;
}

int qms_csv_read_range(const char *path, struct qms_csv_range *rg, qms_tabrow_fn on_row, qms_taberr_fn on_err,
		       void *ctx, char **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return qms_error(err, QMS_ERR_IO, "cannot open: %s", strerror(errno));
	struct csv c;
	csv_init(&c, on_row, on_err, ctx);
	c.fd = fd;
	c.seekable = true;
	c.foff = c.base = rg->start;
	c.stop = rg->stop;
	c.delim = rg->delim;
	c.line = rg->first_line;
	int rc = run(&c, err);
	rg->delim = c.delim;
	rg->next = c.base + (int64_t)c.pos;
	rg->lines = c.line - rg->first_line;
	rg->quotes = c.quotes;
	free(c.buf);
	close(fd);
	return rc;
}

int qms_csv_read_mem(const char *data, size_t len, qms_tabrow_fn on_row, qms_taberr_fn on_err, void *ctx, char **err)
{
	struct csv c = {0};
	c.cap = len + 1;
	c.buf = qms_xcalloc(c.cap + SLACK, 1);
	c.stop = INT64_MAX;
	c.line = 1;
	if (len)
		memcpy(c.buf, data, len);
	c.len = len;
	c.buf[len] = '\n'; /* the sentinel of find_end() */
	c.fd = -1;
	c.eof = true;
	c.on_row = on_row, c.on_err = on_err, c.ctx = ctx;
	int rc = run(&c, err);
	free(c.buf);
	return rc;
}

bool qms_tabread_is_zip(const char *path)
{
	if (!path || strcmp(path, "-") == 0)
		return false;
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	unsigned char m[4] = {0};
	size_t n = fread(m, 1, 4, f);
	fclose(f);
	return n == 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4;
}

/* The files one command reads, each read from the disk once (source.h). */
#include "source.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "schema.h"
#include "util.h"

/* One file. Its lock guards everything below it. */
struct entry {
	char *abs;
	pthread_mutex_t lock;
	bool have_bytes;
	char *bytes; /* owned */
	size_t len;
	bool have_doc; /* doc_rc, doc and doc_diags are set */
	int doc_rc;
	struct qms_document doc; /* owned, when doc_rc is 0 */
	struct qms_diags doc_diags; /* what loading and decoding reported, under the first reader's name */
};

struct qms_source {
	bool keep_documents;
	pthread_mutex_t lock; /* guards the table, not the entries */
	struct entry **entries;
	size_t len, cap;
	struct qms_strmap by_abs; /* abs -> index in entries */
	atomic_size_t disk_reads, hits;
	/* the current folder when the source was made: relative paths are
	 * keyed from it (one getcwd() per command, not one per file) */
	char cwd[PATH_MAX];
};

static struct qms_source *installed;

struct qms_source *qms_source_new(bool keep_documents)
{
	struct qms_source *s = qms_xcalloc(1, sizeof(*s));
	s->keep_documents = keep_documents;
	if (!getcwd(s->cwd, sizeof(s->cwd)))
		strcpy(s->cwd, "/");
	pthread_mutex_init(&s->lock, NULL);
	atomic_init(&s->disk_reads, 0);
	atomic_init(&s->hits, 0);
	return s;
}

static void drop_bytes(struct entry *e)
{
	free(e->bytes);
	e->bytes = NULL;
	e->len = 0;
	e->have_bytes = false;
}

static void entry_clear(struct entry *e)
{
	drop_bytes(e);
	if (e->have_doc) {
		e->doc.shared = false;
		if (e->doc_rc == 0)
			qms_document_release(&e->doc);
		qms_diags_release(&e->doc_diags);
	}
	e->have_doc = false;
}

void qms_source_free(struct qms_source *s)
{
	if (!s)
		return;
	if (installed == s)
		installed = NULL;
	for (size_t i = 0; i < s->len; i++) {
		entry_clear(s->entries[i]);
		pthread_mutex_destroy(&s->entries[i]->lock);
		free(s->entries[i]->abs);
		free(s->entries[i]);
	}
	free(s->entries);
	qms_strmap_release(&s->by_abs);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

void qms_source_install(struct qms_source *s)
{
	installed = s;
}

struct qms_source *qms_source_installed(void)
{
	return installed;
}

/* path as an absolute path without "." or ".." parts, a relative one
 * taken from s->cwd; that folder is a physical one (getcwd()), so
 * dropping a part before ".." is what the kernel would do. Caller frees. */
static char *absolute(const struct qms_source *s, const char *path)
{
	struct qms_buf b;
	qms_buf_init(&b);
	if (path[0] != '/')
		qms_buf_adds(&b, s->cwd);
	const char *p = path;
	while (*p) {
		while (*p == '/')
			p++;
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			char *slash = strrchr(b.buf, '/');
			if (slash) {
				b.len = (size_t)(slash - b.buf);
				b.buf[b.len] = '\0';
			}
		} else {
			qms_buf_addc(&b, '/');
			qms_buf_add(&b, p, n);
		}
		p += n;
	}
	if (!b.len)
		qms_buf_addc(&b, '/');
	return qms_buf_detach(&b);
}

/* The entry of path, or NULL: a lookup only. */
static struct entry *entry_found(struct qms_source *s, const char *path)
{
	char *abs = absolute(s, path);
	pthread_mutex_lock(&s->lock);
	size_t i = qms_strmap_get(&s->by_abs, abs);
	struct entry *e = i == SIZE_MAX ? NULL : s->entries[i];
	pthread_mutex_unlock(&s->lock);
	free(abs);
	return e;
}

/* The entry of path, made when missing. */
static struct entry *entry_of(struct qms_source *s, const char *path)
{
	char *abs = absolute(s, path);
	pthread_mutex_lock(&s->lock);
	size_t i = qms_strmap_get(&s->by_abs, abs);
	struct entry *e;
	if (i != SIZE_MAX) {
		e = s->entries[i];
		free(abs);
	} else {
		if (s->len == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			s->entries = qms_xrealloc(s->entries, s->cap * sizeof(*s->entries));
		}
		e = qms_xcalloc(1, sizeof(*e));
		e->abs = abs;
		pthread_mutex_init(&e->lock, NULL);
		s->entries[s->len] = e;
		qms_strmap_put(&s->by_abs, e->abs, s->len++);
	}
	pthread_mutex_unlock(&s->lock);
	return e;
}

/* A copy of buf[0..len) as the bytes of e; e->lock held. */
static void entry_set_bytes(struct entry *e, const char *buf, size_t len)
{
	e->bytes = qms_xmalloc(len + 1);
	memcpy(e->bytes, buf, len);
	e->bytes[len] = '\0';
	e->len = len;
	e->have_bytes = true;
}

/* The bytes of e, read when missing; e->lock held. */
static int entry_bytes(struct qms_source *s, struct entry *e, const char *path, struct qms_diags *diags)
{
	if (e->have_bytes) {
		atomic_fetch_add(&s->hits, 1);
		return 0;
	}
	const char *buf;
	size_t len;
	atomic_fetch_add(&s->disk_reads, 1);
	if (qms_doc_read_file(&buf, &len, path, diags) < 0)
		return -1; /* not kept: the next reader tries again */
	entry_set_bytes(e, buf, len);
	return 0;
}

int qms_source_bytes(struct qms_source *s, const char **out, size_t *len, const char *path, struct qms_diags *diags)
{
	*out = NULL;
	*len = 0;
	if (!s)
		return 1;
	struct entry *e = entry_of(s, path);
	pthread_mutex_lock(&e->lock);
	int rc = entry_bytes(s, e, path, diags);
	if (rc == 0) {
		*out = e->bytes;
		*len = e->len;
	}
	pthread_mutex_unlock(&e->lock);
	return rc;
}

int qms_source_bytes_once(struct qms_source *s, const char **out, size_t *len, bool *kept, const char *path,
			  struct qms_diags *diags)
{
	*kept = false;
	if (s && s->keep_documents) {
		*kept = true;
		return qms_source_bytes(s, out, len, path, diags);
	}
	if (s) {
		struct entry *e = entry_found(s, path); /* no entry is made for a file read once */
		if (e) {
			pthread_mutex_lock(&e->lock);
			int rc = entry_bytes(s, e, path, diags);
			if (rc == 0) {
				*out = e->bytes;
				*len = e->len;
				*kept = true;
			}
			pthread_mutex_unlock(&e->lock);
			return rc;
		}
		atomic_fetch_add(&s->disk_reads, 1);
	}
	return qms_doc_read_file(out, len, path, diags);
}

void qms_source_keep(struct qms_source *s, const char *path, const char *bytes, size_t len)
{
	if (!s)
		return;
	struct entry *e = entry_of(s, path);
	pthread_mutex_lock(&e->lock);
	if (!e->have_bytes)
		entry_set_bytes(e, bytes, len);
	pthread_mutex_unlock(&e->lock);
}

static void replay(struct qms_diags *diags, const struct qms_diags *kept, const char *path)
{
	for (size_t i = 0; i < kept->len; i++) {
		const struct qms_diag *d = &kept->items[i];
		qms_diags_add(diags, path, d->line, d->col, d->rule, "%s", d->message);
	}
}

int qms_source_document(struct qms_source *s, struct qms_document *out, const char *path, struct qms_diags *diags)
{
	if (!s || !s->keep_documents)
		return 1;
	memset(out, 0, sizeof(*out));
	struct entry *e = entry_of(s, path);
	pthread_mutex_lock(&e->lock);
	int rc = 0;
	if (!e->have_doc) {
		if (entry_bytes(s, e, path, diags) < 0) {
			rc = -1; /* a reading error is not kept */
			goto out;
		}
		qms_diags_init(&e->doc_diags);
		struct qms_doc *doc;
		e->doc_rc = qms_doc_parse(&doc, path, e->bytes, e->len, &e->doc_diags);
		if (e->doc_rc == 0 && qms_document_decode(&e->doc, doc, &e->doc_diags) < 0) {
			qms_doc_free(doc);
			e->doc_rc = -1;
		}
		e->doc.shared = true;
		e->have_doc = true;
	} else {
		atomic_fetch_add(&s->hits, 1);
	}
	replay(diags, &e->doc_diags, path);
	rc = e->doc_rc;
	if (rc == 0)
		*out = e->doc;
out:
	pthread_mutex_unlock(&e->lock);
	return rc;
}

void qms_source_done(struct qms_source *s, const char *path)
{
	if (!s || s->keep_documents)
		return;
	struct entry *e = entry_found(s, path);
	if (!e)
		return;
	pthread_mutex_lock(&e->lock);
	drop_bytes(e);
	pthread_mutex_unlock(&e->lock);
}

bool qms_source_forget(struct qms_source *s, const char *abs)
{
	if (!s)
		return false;
	char *key = absolute(s, abs);
	size_t i = qms_strmap_get(&s->by_abs, key);
	free(key);
	if (i == SIZE_MAX)
		return false;
	bool held = s->entries[i]->have_bytes || s->entries[i]->have_doc;
	entry_clear(s->entries[i]);
	return held;
}

size_t qms_source_disk_reads(const struct qms_source *s)
{
	return atomic_load(&((struct qms_source *)s)->disk_reads);
}

size_t qms_source_hits(const struct qms_source *s)
{
	return atomic_load(&((struct qms_source *)s)->hits);
}

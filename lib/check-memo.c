/* What a long-lived process keeps of each file's check (check.h,
 * qms_check_memo_new()). */
#include "check.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "render-cache.h"
#include "util.h"

struct entry {
	char *abs; /* owned; the key */
	char *path; /* as the diagnostics name it */
	struct qms_render_digest digest; /* of the file's bytes */
	int lang;
	struct qms_diags diags;
};

struct qms_check_memo {
	pthread_mutex_t lock; /* the check's workers ask at once */
	struct entry *entries;
	size_t len, cap;
	struct qms_strmap by_abs;
};

static struct qms_check_memo *installed;

struct qms_check_memo *qms_check_memo_new(void)
{
	struct qms_check_memo *m = qms_xcalloc(1, sizeof(*m));
	pthread_mutex_init(&m->lock, NULL);
	return m;
}

void qms_check_memo_clear(struct qms_check_memo *m)
{
	for (size_t i = 0; i < m->len; i++) {
		free(m->entries[i].abs);
		free(m->entries[i].path);
		qms_diags_release(&m->entries[i].diags);
	}
	m->len = 0;
	qms_strmap_release(&m->by_abs);
}

void qms_check_memo_free(struct qms_check_memo *m)
{
	if (!m)
		return;
	if (installed == m)
		installed = NULL;
	qms_check_memo_clear(m);
	free(m->entries);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

void qms_check_memo_install(struct qms_check_memo *m)
{
	installed = m;
}

static void copy_diags(struct qms_diags *to, const struct qms_diags *from, size_t start)
{
	for (size_t i = start; i < from->len; i++) {
		const struct qms_diag *d = &from->items[i];
		qms_diags_add(to, d->file, d->line, d->col, d->rule, "%s", d->message);
		to->items[to->len - 1].end_line = d->end_line;
		to->items[to->len - 1].end_col = d->end_col;
	}
}

static struct entry *find(struct qms_check_memo *m, const char *abs)
{
	size_t i = qms_strmap_get(&m->by_abs, abs);
	return i == SIZE_MAX ? NULL : &m->entries[i];
}

bool qms_check_memo_get(const char *abs, const char *path, const char *bytes, size_t len, struct qms_diags *out)
{
	struct qms_check_memo *m = installed;
	if (!m)
		return false;
	struct qms_render_digest d = qms_render_digest_of(bytes, len);
	pthread_mutex_lock(&m->lock);
	struct entry *e = find(m, abs);
	bool hit = e && e->digest.a == d.a && e->digest.b == d.b && e->lang == (int)qms_lang_get() &&
		   !strcmp(e->path, path);
	if (hit)
		copy_diags(out, &e->diags, 0);
	pthread_mutex_unlock(&m->lock);
	return hit;
}

void qms_check_memo_put(const char *abs, const char *path, const char *bytes, size_t len, const struct qms_diags *diags,
			size_t start)
{
	struct qms_check_memo *m = installed;
	if (!m)
		return;
	struct qms_render_digest d = qms_render_digest_of(bytes, len);
	pthread_mutex_lock(&m->lock);
	struct entry *e = find(m, abs);
	if (!e) {
		if (m->len == m->cap) {
			m->cap = m->cap ? 2 * m->cap : 256;
			m->entries = qms_xrealloc(m->entries, m->cap * sizeof(*m->entries));
		}
		e = &m->entries[m->len];
		memset(e, 0, sizeof(*e));
		e->abs = qms_xstrdup(abs);
		qms_diags_init(&e->diags);
		qms_strmap_put(&m->by_abs, e->abs, m->len++);
	}
	free(e->path);
	e->path = qms_xstrdup(path);
	e->digest = d;
	e->lang = (int)qms_lang_get();
	qms_diags_release(&e->diags);
	qms_diags_init(&e->diags);
	copy_diags(&e->diags, diags, start);
	pthread_mutex_unlock(&m->lock);
}

bool qms_check_memo_installed(void)
{
	return installed != NULL;
}

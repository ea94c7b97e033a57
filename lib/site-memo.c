/* What `qms serve` keeps between builds of its site (site.h, site-memo.h). */
#include "site-memo.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct qms_site_memo *qms_site_memo_new(void)
{
	struct qms_site_memo *m = qms_xcalloc(1, sizeof(*m));
	m->diagrams = qms_render_cache_new();
	m->pages = qms_render_cache_new();
	return m;
}

void qms_site_memo_free(struct qms_site_memo *m)
{
	if (!m)
		return;
	qms_render_cache_free(m->diagrams);
	qms_render_cache_free(m->pages);
	free(m);
}

void qms_site_memo_counts(const struct qms_site_memo *m, size_t *written, size_t *unchanged,
			  size_t *diagrams_made)
{
	*written = m->written;
	*unchanged = m->unchanged;
	*diagrams_made = m->diagrams_made;
}

int qms_site_memo_write(struct qms_site_memo *m, bool in_place, const struct qms_dir *d, const char *rel,
			const char *data, size_t len, char **err)
{
	struct qms_render_digest digest = qms_render_digest_of(data, len);
	if (in_place && qms_render_cache_same(m->pages, rel, digest)) {
		m->unchanged++;
		return 0;
	}
	if (qms_dir_write(d, rel, data, len, QMS_WRITE_NO_SYNC, err) < 0)
		return -1;
	qms_render_cache_put(m->pages, rel, digest, NULL, 0);
	m->written++;
	return 0;
}

bool qms_site_memo_has_diagram(struct qms_site_memo *m, const char *rel)
{
	return qms_render_cache_current(m->diagrams, rel);
}

void qms_site_memo_begin(struct qms_site_memo *m)
{
	m->written = m->unchanged = 0;
	m->made_before = qms_render_cache_made(m->diagrams);
}

void qms_site_memo_end(struct qms_site_memo *m, bool published)
{
	m->diagrams_made = qms_render_cache_made(m->diagrams) - m->made_before;
	/* what this site holds, no more */
	qms_render_cache_prune(m->diagrams);
	qms_render_cache_prune(m->pages);
	m->built |= published;
}

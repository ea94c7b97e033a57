/* What `qms serve` keeps between builds of its site (site.h, site-memo.h). */
#include "site-memo.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "report.h"
#include "util.h"

struct qms_site_memo *qms_site_memo_new(void)
{
	struct qms_site_memo *m = qms_xcalloc(1, sizeof(*m));
	m->diagrams = qms_render_cache_new();
	m->pages = qms_render_cache_new();
	m->inlined = qms_render_cache_new();
	m->keys = qms_render_cache_new();
	m->all_changed = true;
	return m;
}

void qms_site_memo_free(struct qms_site_memo *m)
{
	if (!m)
		return;
	qms_render_cache_free(m->diagrams);
	qms_render_cache_free(m->pages);
	qms_render_cache_free(m->inlined);
	qms_render_cache_free(m->keys);
	qms_strlist_release(&m->changed);
	qms_strlist_release(&m->proc_paths);
	qms_strlist_release(&m->proc_agencies);
	free(m);
}

void qms_site_memo_counts(const struct qms_site_memo *m, size_t *written, size_t *unchanged, size_t *diagrams_made)
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
	int rc = qms_dir_write(d, rel, data, len, QMS_WRITE_NO_SYNC, err);
	if (rc < 0)
		return rc;
	qms_render_cache_put(m->pages, rel, digest, NULL, 0);
	m->written++;
	return 0;
}

void qms_site_memo_changed(struct qms_site_memo *m, const char *abs)
{
	if (abs)
		qms_strlist_push(&m->changed, qms_xstrdup(abs));
	else
		m->all_changed = true;
}

bool qms_site_memo_keep_page(struct qms_site_memo *m, const char *rel, struct qms_render_digest key,
			     const char *inlined)
{
	if (!qms_render_cache_same(m->keys, rel, key) || !qms_render_cache_touch(m->pages, rel))
		return false;
	if (inlined)
		qms_render_cache_touch(m->inlined, inlined);
	m->unchanged++;
	return true;
}

bool qms_site_memo_has_diagram(struct qms_site_memo *m, const char *rel)
{
	return qms_render_cache_current(m->diagrams, rel);
}

int qms_site_memo_add_svg(struct qms_site_memo *m, struct qms_buf *b, const char *rel, const char *file,
			  const char *label, const char *prefix,
			  int (*link)(struct qms_buf *out, const char *href, void *ctx), void *ctx)
{
	/* the diagram as this build made or kept it: its digest is that of
	 * its DOT text, which the SVG is made from */
	struct qms_render_digest d;
	size_t svglen;
	const char *svg = qms_render_cache_kept(m->diagrams, file, &d, &svglen);
	if (!svg)
		return 1;
	struct qms_buf key, name;
	qms_buf_init(&key);
	qms_buf_init(&name);
	qms_buf_printf(&key, "%016llx%016llx%016llx%016llx%s%c%s", (unsigned long long)d.a, (unsigned long long)d.b,
		       (unsigned long long)m->codes.a, (unsigned long long)m->codes.b, label, '\0', prefix);
	d = qms_render_digest_of(key.buf, key.len);
	qms_buf_printf(&name, "%s %s", rel, prefix);
	size_t len;
	const char *kept = qms_render_cache_get(m->inlined, name.buf, d, &len);
	int rc = 0;
	if (kept) {
		qms_buf_add(b, kept, len);
	} else {
		size_t start = b->len;
		rc = qms_html_add_svg(b, svg, svglen, label, "diagram", link, ctx);
		if (rc == 0) /* what failed is not kept: the caller writes an <img> instead */
			qms_render_cache_put(m->inlined, name.buf, d, b->buf + start, b->len - start);
	}
	qms_buf_release(&key);
	qms_buf_release(&name);
	return rc;
}

void qms_site_memo_begin(struct qms_site_memo *m, const struct qms_report *r)
{
	/* the procedures an inline diagram may link to (diagram_link()) */
	struct qms_buf codes;
	qms_buf_init(&codes);
	for (size_t i = 0; i < r->nprocedures; i++)
		if (!r->procedures[i].duplicate)
			qms_buf_printf(&codes, "%s\n", r->procedures[i].code);
	m->codes = qms_render_digest_of(codes.buf, codes.len);
	qms_buf_release(&codes);
	m->written = m->unchanged = 0;
	m->made_before = qms_render_cache_made(m->diagrams);
}

void qms_site_memo_end(struct qms_site_memo *m, bool published)
{
	m->diagrams_made = qms_render_cache_made(m->diagrams) - m->made_before;
	/* what this site holds, no more */
	qms_render_cache_prune(m->diagrams);
	qms_render_cache_prune(m->pages);
	qms_render_cache_prune(m->inlined);
	qms_render_cache_prune(m->keys);
	m->built |= published;
	/* a build that failed may have left pages of an older one: the next
	 * makes every page */
	qms_strlist_release(&m->changed);
	m->all_changed = !published;
}

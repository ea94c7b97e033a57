/* What site.c asks of a site memo (site.h, qms_site_memo_new()). */
#ifndef QMS_SITE_MEMO_H
#define QMS_SITE_MEMO_H

#include <stdbool.h>
#include <stddef.h>

#include "fs.h"
#include "render-cache.h"
#include "site.h"

struct qms_site_memo {
	struct qms_render_cache *diagrams; /* by name under diagrams/ */
	struct qms_render_cache *pages; /* digests only, by name in the site */
	struct qms_render_cache *inlined; /* diagrams as pages inline them, by name and prefix */
	struct qms_render_digest codes; /* of the procedures pages link to, this build */
	bool built; /* a build of this memo was published */
	size_t written, unchanged; /* files, in the last build */
	size_t made_before; /* diagrams made before the last build */
	size_t diagrams_made; /* by the last build */
};

/* Write rel into d unless the memo's last build wrote the same bytes there
 * (in_place); remember what was written. Returns 0, or -1 with *err. */
int qms_site_memo_write(struct qms_site_memo *m, bool in_place, const struct qms_dir *d, const char *rel,
			const char *data, size_t len, char **err);
/* Whether the diagram rel (under diagrams/) was made or kept by this build. */
bool qms_site_memo_has_diagram(struct qms_site_memo *m, const char *rel);
/* The inline form of diagram rel, diagrams/<file> (qms_html_add_svg() of
 * its SVG with label, links through link with ctx) appended to b: made
 * again only when the diagram, label, prefix or the procedures that links
 * may name (m->codes) changed. Returns what qms_html_add_svg() returns, or
 * 1 (b unchanged) when this build neither made nor kept the diagram. */
int qms_site_memo_add_svg(struct qms_site_memo *m, struct qms_buf *b, const char *rel, const char *file,
			  const char *label, const char *prefix,
			  int (*link)(struct qms_buf *out, const char *href, void *ctx), void *ctx);
/* Start and end a build of the site of r. */
void qms_site_memo_begin(struct qms_site_memo *m, const struct qms_report *r);
void qms_site_memo_end(struct qms_site_memo *m, bool published);

#endif

/* What site.c asks of a site memo (site.h, qms_site_memo_new()). */
#ifndef QMS_SITE_MEMO_H
#define QMS_SITE_MEMO_H

#include <stdbool.h>
#include <stddef.h>

#include "fs.h"
#include "render-cache.h"
#include "site.h"
#include "workspace.h"

struct qms_site_memo {
	struct qms_render_cache *diagrams; /* by name under diagrams/ */
	struct qms_render_cache *pages; /* digests only, by name in the site */
	struct qms_render_cache *inlined; /* diagrams as pages inline them, by name and prefix */
	struct qms_render_digest codes; /* of the procedures pages link to, this build */
	bool built; /* a build of this memo was published */
	size_t written, unchanged; /* files, in the last build */
	size_t made_before; /* diagrams made before the last build */
	size_t diagrams_made; /* by the last build */
	/* what changed since the last published build (qms_site_memo_changed()) */
	bool all_changed;
	struct qms_strlist changed; /* absolute paths */
	/* each procedure file of the last build (absolute) and its agency's id */
	struct qms_strlist proc_paths, proc_agencies;
	struct qms_render_cache *keys; /* digests only: of what each page was made from (site-deps.c) */
	struct qms_render_digest diagram_inputs; /* of what every diagram shows of the others, last build */
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
/* Whether page rel, made from inputs of digest key, is the one the last
 * build left in place; then it, and the inline form of its diagram
 * (inlined, as qms_site_memo_add_svg() names it, or NULL), stay kept. */
bool qms_site_memo_keep_page(struct qms_site_memo *m, const char *rel, struct qms_render_digest key,
			     const char *inlined);
/* Start and end a build of the site of r. */
void qms_site_memo_begin(struct qms_site_memo *m, const struct qms_report *r);
void qms_site_memo_end(struct qms_site_memo *m, bool published);

#endif

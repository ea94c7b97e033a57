/* The static site (`qms site`): the report and the evidence behind it as
 * HTML pages that open from the folder, offline (no server, no CDN, no
 * script, relative links, one local style sheet):
 *
 *   index.html                 the report, the migration board, the agencies
 *   board.svg                  the board (qms_board_svg())
 *   report.md, report.json, report.csv   the report in its other formats
 *   style.css
 *   agencies/<id>.html         stages as a timeline, audits and findings,
 *                              coverage matrix, procedures, interaction map
 *   procedures/<code>.html     the procedure in the layout of the official
 *                              document beside its diagram, findings marked
 *   diagrams/<code>.svg, diagrams/maps/<agency>.svg   (qms_render_paths())
 *   .qms-site                  marks the folder as a site and lists its files
 *
 * The new site is built in a hidden folder inside the site folder and
 * swapped in at the end (site-dir.h): a run that fails leaves the previous
 * site whole; other entries at the top of the folder are the user's and
 * stay; nothing outside the folder is written or removed.
 *
 * Page names come from qms_html_add_page_name(). Every user string is
 * escaped; diagrams are inlined only when qms_html_add_svg() finds them
 * safe, else shown with <img>. The same report gives the same bytes. */
#ifndef QMS_SITE_H
#define QMS_SITE_H

#include <stddef.h>

#include "render.h"
#include "report.h"

/* The file that marks a folder as a site qms made. */
#define QMS_SITE_MARKER ".qms-site"

struct qms_site_options {
	const char *out_dir; /* created when missing */
	unsigned jobs; /* render workers; 0: one per core */
	/* Called in the calling process after each diagram; may be NULL. */
	void (*progress)(size_t done, size_t total, void *ctx);
	void *progress_ctx;
	/* What the previous builds of this folder by this process left
	 * (`qms serve`); NULL: none. See qms_site_memo_new(). */
	struct qms_site_memo *memo;
};

/* What a long-lived process keeps between builds of one site folder: a
 * digest of every file it wrote there, and the diagrams it made
 * (render.h). With it, the first build is made as without it; the next
 * ones update the folder in place: a file is written only when its bytes
 * changed, a diagram made only when its DOT text changed, and files the
 * new site has not are removed. The folder is then the site a fresh
 * build would write, but a build that fails half-way leaves it partly
 * updated (the next one completes it). Free with qms_site_memo_free(). */
struct qms_site_memo;
struct qms_site_memo *qms_site_memo_new(void);
void qms_site_memo_free(struct qms_site_memo *m);
/* The file at abs (absolute) changed, or (abs NULL) anything may have:
 * the next build makes again the pages that file's content reaches
 * (lib/site-deps.c); the others it keeps as the last build left them. */
void qms_site_memo_changed(struct qms_site_memo *m, const char *abs);
/* Files and diagrams written, and left as they were, by the last build. */
void qms_site_memo_counts(const struct qms_site_memo *m, size_t *written, size_t *unchanged, size_t *diagrams_made);

struct qms_site_result {
	size_t pages; /* HTML pages written */
	size_t diagrams; /* SVG diagrams written */
	/* Diagrams that could not be made (the pages show none for them),
	 * and documents skipped for reading errors: as `qms render` reports
	 * them. */
	struct qms_render_result render;
	struct qms_render_result maps; /* the agency maps, rendered in one batch
					* (their reading errors are in render.diags) */
	/* A folder left in the site folder since it holds files qms did not
	 * write (put into the old site while this one was built); NULL
	 * normally. Owned. */
	char *kept;
};

/* Whether dir may be written: it does not exist, is an empty folder, or
 * holds QMS_SITE_MARKER and the folders it names are real folders holding
 * only what it lists. Returns 0, or -1 with *err (caller frees). */
int qms_site_check_dir(const char *dir, char **err);

/* Write the site of report r into opt->out_dir: refuse (-1) a folder
 * qms_site_check_dir() refuses; build the new site beside the old one and
 * swap it in; remove the files the marker of the previous site lists (and
 * nothing else). Returns 0 and fills *out (release with
 * qms_site_result_release()), or -1 with *err (caller frees). */
int qms_site_build(struct qms_site_result *out, const struct qms_report *r, const struct qms_site_options *opt,
		   char **err);
void qms_site_result_release(struct qms_site_result *res);

#endif

/* Flow diagrams of procedures and interaction maps of agencies.
 *
 * Three layers, one file each:
 *  - the graph builder (render-dot.c) turns a procedure, or the procedures
 *    of an agency, into DOT text. It needs no Graphviz and is what
 *    `qms render --format dot` writes;
 *  - the Graphviz adapter (render.c, the only code that includes cgraph or
 *    gvc) lays that DOT out, puts the lanes in their declared order and
 *    renders SVG, PNG or PDF;
 *  - the batch (render-batch.c) finds the procedures under some paths,
 *    renders each in a worker process (Graphviz is not thread-safe) and
 *    writes the files.
 *
 * The library never prints: problems come back as values. */
#ifndef QMS_RENDER_H
#define QMS_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"
#include "util.h"

enum qms_render_format {
	QMS_RENDER_SVG,
	QMS_RENDER_PNG,
	QMS_RENDER_PDF,
	QMS_RENDER_DOT,
};

/* "svg", "png", "pdf", "dot", in the order of the enum, NULL-terminated. */
extern const char *const qms_render_format_names[];

enum qms_render_lanes {
	QMS_LANES_VERTICAL, /* lanes are columns, the flow goes down */
	QMS_LANES_HORIZONTAL, /* lanes are rows, the flow goes right */
};

enum qms_render_edges {
	QMS_EDGES_ORTHO, /* horizontal and vertical lines around the boxes (default) */
	QMS_EDGES_SPLINE, /* curves, routed by Graphviz between the same boxes */
};

/* "ortho", "spline", in the order of the enum, NULL-terminated. */
extern const char *const qms_render_edges_names[];

/* Defaults of the limits of one diagram. */
#define QMS_RENDER_MAX_STEPS 2000
#define QMS_RENDER_TIMEOUT 60 /* seconds */

/* How diagrams look; the same for every diagram of a run. */
struct qms_render_options {
	enum qms_render_format format;
	enum qms_render_lanes lanes;
	enum qms_render_edges edges;
	enum qms_lang lang; /* of the legend and the title block */
	double workday_hours; /* for the critical path; 0 means 8 */
	int32_t as_of; /* days since 1970-01-01: findings raised after it are
			* left out, findings closed on or before it are closed */
};

/* ---- graph builder ---- */

/* One audit finding against a procedure, as the overlay needs it. The
 * strings are borrowed; absent ones are NULL, absent dates -1. */
struct qms_render_finding {
	const char *audit; /* id of the audit that raised it */
	int32_t audit_date;
	const char *id;
	int grade; /* index into qms_grade_names, -1 when absent */
	const char *clause, *step, *text;
	int32_t due, closed;
};

/* The actual time of a step from the one-stop system's step events
 * (`qms render --results`, results.h). */
struct qms_render_step_time {
	const char *step; /* its id */
	double median_hours; /* working hours, median of its events */
	double planned_hours; /* its duration in working hours; -1 when none or in calendar days */
	unsigned long events;
};

/* What a procedure's diagram needs from the rest of the workspace. Every
 * member may be empty. Borrowed. */
struct qms_render_context {
	const char *agency_name; /* shown in the title block */
	const struct qms_render_finding *findings; /* whose process is this procedure */
	size_t nfindings;
	/* Codes of the procedures of the workspace: a subprocess links to the
	 * diagram of the procedure it calls only when the code is here. NULL:
	 * link every call. */
	const struct qms_strmap *codes;
	const char *link_ext; /* extension of linked diagrams; NULL: "svg" */
	/* Steps coloured by their actual median against their planned
	 * duration: green within it, amber up to half again, red beyond,
	 * grey without a plan; the figures in the tooltip. */
	const struct qms_render_step_time *step_times;
	size_t nstep_times;
};

/* Append the DOT text of the diagram of p to out: one cluster per lane,
 * named cluster_lane_<n> in declared order with its header node lane_<n>,
 * steps named s<i> by their position, fork and join bars fork<i> and
 * join<i>, rework loops constraint=false, a legend in cluster_legend whose
 * nodes are named legend_<row>_<role>, and the graph attribute qms_edges
 * ("ortho" or "spline": how the adapter draws the edges; Graphviz ignores
 * it). User text is escaped: the output is valid DOT whatever p holds. */
void qms_render_process_dot(struct qms_buf *out, const struct qms_process *p, const struct qms_render_context *ctx,
			    const struct qms_render_options *opt);

/* One procedure of the workspace, for the interaction map. Borrowed. */
struct qms_render_map_proc {
	const char *code, *title, *agency, *owner;
	const char *const *calls; /* codes called by its subprocess steps, in file order */
	size_t ncalls;
};

/* Append the DOT text of the interaction map of `agency` to out: its
 * procedures grouped by owner unit, an edge for each procedure it calls,
 * procedures of other agencies and unknown codes drawn apart. procs are all
 * the procedures of the workspace, sorted by code. A box links to
 * `../<code>.<link_ext>`: the map sits in QMS_RENDER_MAPS/ beside the
 * diagrams. */
void qms_render_map_dot(struct qms_buf *out, const char *agency, const char *agency_name,
			const struct qms_render_map_proc *procs, size_t nprocs, const char *link_ext,
			const struct qms_render_options *opt);

/* Escaping of user text, exposed for the tests. The text of an HTML-like
 * label: `& < > "` as entities, backslashes doubled (Graphviz expands \N in
 * those labels too), characters XML 1.0 forbids as U+FFFD, a newline as
 * `<BR/>`. */
void qms_render_add_html(struct qms_buf *b, const char *s);
/* The inside of a quoted DOT attribute that Graphviz 2.42 unescapes twice
 * (tooltip, URL): `& < >` as entities (Graphviz writes entities through
 * as they are), each backslash as four, `"` and newlines escaped. */
void qms_render_add_attr(struct qms_buf *b, const char *s);

/* ---- Graphviz adapter ---- */

/* A Graphviz context: one per process, created after fork() in a worker.
 * Only one in the life of a process: Graphviz's pango plugin keeps a
 * pointer into the first context, so a second one, made after the first
 * is freed, reads freed memory (seen by AddressSanitizer). */
struct qms_renderer;

/* Returns 0 and a new renderer in *out (free with qms_renderer_free()), or
 * -1 with *err set (caller frees). */
int qms_renderer_new(struct qms_renderer **out, char **err);
void qms_renderer_free(struct qms_renderer *r);

/* Lay out `dot` (DOT text from the builder) and render it in `format`
 * (not QMS_RENDER_DOT), appending the bytes to out.
 *
 * Lanes: a graph with clusters cluster_lane_0, cluster_lane_1, ... is laid
 * out by render-layout.c, not by dot (which does not keep clusters in the
 * order they are written): Graphviz measures the nodes and labels, the
 * layout puts the lanes side by side in that order (left to right with
 * rankdir=TB, top to bottom with rankdir=LR), their header nodes lane_<n>
 * across their tops, the steps in ranks and columns, and routes the edges
 * (orthogonal, around every box; with qms_edges="spline" Graphviz routes
 * curves between the same boxes); cluster_legend goes beside the lanes,
 * and Graphviz's nop2 engine draws it all where it was put. Other graphs
 * (the map) are laid out by dot.
 *
 * PDF: the creation date Graphviz (cairo) writes is replaced by `date`
 * (days since 1970-01-01; -1 for 1970-01-01) so the bytes only depend on
 * the input. Returns 0, or -1 with *err set (caller frees) when Graphviz
 * refuses the input. */
int qms_renderer_render(struct qms_renderer *r, struct qms_buf *out, const char *dot, enum qms_render_format format,
			int32_t date, char **err);

/* ---- batch ---- */

struct qms_index;
struct qms_results;

struct qms_render_request {
	const char *const *paths; /* files or folders, as `qms check` takes them; none: "." */
	size_t npaths;
	const char *out_dir; /* created when missing */
	bool staged; /* out_dir is a new folder the caller flushes
		      * (qms_dir_sync()) before it shows it: no
		      * fsync per file */
	const char *map_agency; /* NULL: one diagram per procedure; else the map of that agency */
	/* Or the maps of several agencies of the workspace of paths[0], in
	 * one batch (the workspace read once): agencies the workspace does
	 * not know are left out. Used when nmap_agencies > 0. */
	const char *const *map_agencies;
	size_t nmap_agencies;
	/* The index of the workspace of paths[0] when the caller has it
	 * (borrowed; not read again), else NULL. */
	const struct qms_index *index;
	const struct qms_diags *index_diags; /* what loading it reported (borrowed), or NULL */
	struct qms_render_options opt;
	bool lang_set; /* opt.lang given; otherwise the workspace's (qms.yaml), else vi */
	unsigned jobs; /* worker processes; 0: one per core */
	unsigned timeout; /* seconds per diagram; 0: QMS_RENDER_TIMEOUT */
	size_t max_steps; /* 0: QMS_RENDER_MAX_STEPS */
	/* Actual step times to colour the diagrams with (qms render
	 * --results); NULL: none. Read by the worker processes. */
	const struct qms_results *results;
	/* Called in the calling process after each diagram; may be NULL. */
	void (*progress)(size_t done, size_t total, void *ctx);
	void *progress_ctx;
	/* Diagrams made before (not owned; NULL: none): a diagram whose DOT
	 * text is the one it was made from last time is written from here,
	 * without Graphviz; the others are made and kept. */
	struct qms_render_cache *cache;
	/* out_dir holds what the cache's diagrams were last written as (a
	 * site updated in place): a diagram found in the cache is not written
	 * again, and the file of one that could not be made is removed. */
	bool cache_in_place;
	/* With cache_in_place: whether the diagram of procedure file source
	 * (as displayed) would be made from the same DOT text as the one the
	 * cache keeps under its name (the caller knows its inputs did not
	 * change); then that one is kept without making the text. NULL: never. */
	bool (*unchanged)(const char *source, void *ctx);
	void *unchanged_ctx;
};

/* The diagrams a long-lived process (`qms serve`) made, by output name,
 * with a digest of the DOT text each was made from: the same text gives
 * the same bytes, so only a changed diagram is made again. */
struct qms_render_cache;
struct qms_render_cache *qms_render_cache_new(void);
/* Drop the diagrams no batch used since the last call (deleted or renamed
 * procedures): the cache holds what one site holds. */
void qms_render_cache_prune(struct qms_render_cache *c);
/* Diagrams written from the cache, and made by Graphviz, since it was made. */
size_t qms_render_cache_hits(const struct qms_render_cache *c);
size_t qms_render_cache_made(const struct qms_render_cache *c);
void qms_render_cache_free(struct qms_render_cache *c);

/* A diagram that could not be made: where and why. */
struct qms_render_problem {
	char *file; /* as displayed; owned */
	unsigned line, col;
	char *message; /* owned; lower case, no final period */
};

struct qms_render_result {
	struct qms_diags diags; /* load and schema errors of the documents read (those
				 * procedures were skipped), sorted */
	struct qms_render_problem *problems; /* sorted by file */
	size_t nproblems;
	size_t total; /* diagrams to make */
	size_t written; /* diagrams written */
};

/* The subfolder of the output folder that holds the maps: a name no
 * procedure diagram can take (codes have no '/'). */
#define QMS_RENDER_MAPS "maps"

/* Render the procedures under the paths (or the map of req->map_agency)
 * into req->out_dir as <code>.<format> (QMS_RENDER_MAPS/<agency>.<format>),
 * through fs.h's qms_dir_write(). Returns 0
 * and fills *out (release with qms_render_result_release()), or -1 with
 * *err set (caller frees) for a path that cannot be used, an output folder
 * that cannot be made or an unknown agency. */
int qms_render_paths(struct qms_render_result *out, const struct qms_render_request *req, char **err);
void qms_render_result_release(struct qms_render_result *r);

#endif

/* The geometry of a swimlane diagram, without Graphviz (internal to the
 * renderer): render.c measures the nodes and labels with Graphviz, this
 * places them and routes the edges, render.c draws the result.
 *
 * One frame for both directions: lanes side by side across x, in declared
 * order, the flow going down y (y grows downwards). render.c turns it into
 * Graphviz's frame for rankdir=TB or LR. Widths are across the flow,
 * heights along it; every length is in points.
 *
 * What the layout guarantees, by construction:
 *  - every node inside its lane, lanes in order, headers on top;
 *  - no edge through a box that is not one of its ends: edges run
 *    horizontally only in the channels between ranks and vertically only
 *    in gaps beside the columns of the lanes, in cells no node holds, or
 *    inside the room reserved beside their own end;
 *  - orthogonal edges, entering a box from the side facing the flow
 *    (forward edges from above, rework loops from the side of their gap);
 *  - rework loops along a gap at the side of a lane;
 *  - labels beside the first segment of their edge, in room reserved for
 *    them (no other edge, no box there);
 *  - fork and join bars (QMS_LAY_BAR) as wide as the branches they join.
 * Deterministic: the same input gives the same output. */
#ifndef QMS_RENDER_LAYOUT_H
#define QMS_RENDER_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum qms_lay_shape {
	QMS_LAY_BOX,
	QMS_LAY_ELLIPSE,
	QMS_LAY_DIAMOND, /* edges leave and enter at its corners */
	QMS_LAY_BAR, /* a fork or join bar: stretched across its branches */
};

struct qms_lay_point {
	double x, y;
};

struct qms_lay_node {
	size_t lane; /* in: 0 .. nlanes - 1 */
	enum qms_lay_shape shape; /* in */
	double w, h; /* in: size; out for bars */
	double x, y; /* out: centre */
};

struct qms_lay_edge {
	size_t tail, head; /* in: node indexes */
	bool back; /* in: a rework loop (drawn against the flow) */
	bool arrow; /* in: an arrowhead at the head */
	double lw, lh; /* in: size of the label; 0 without one */
	/* out: the polyline from the border of the tail to the border of the
	 * head (the tip of the arrow), every segment horizontal or vertical;
	 * allocated in the layout's arena */
	struct qms_lay_point *pts;
	size_t npts;
	/* out: the line to draw, as cubic Bézier control points (3k + 1),
	 * in the arena: the polyline itself, or with `curved` its jogs as
	 * S-bends inside the channels and its other corners rounded; the last
	 * piece is straight and longer than an arrowhead */
	struct qms_lay_point *bez;
	size_t nbez;
	double lx, ly; /* out: centre of the label */
};

struct qms_lay {
	struct qms_lay_node *nodes; /* borrowed */
	size_t nnodes;
	struct qms_lay_edge *edges; /* borrowed */
	size_t nedges;
	size_t nlanes; /* at least 1 */
	const double *lane_min_w; /* in, per lane: the width its header needs */
	double header_h; /* in: height of the lane headers */
	bool curved; /* in: draw curves rather than corners (same routes) */
	/* out, in the arena: the extent of each lane across; all lanes run
	 * from y = 0 to `height`, their headers centred on header_y */
	double *lane_x0, *lane_x1;
	double header_y, height;
	struct qms_arena arena; /* zero before use; release with qms_arena_release() */
};

/* Lay l out: fill the out members of its nodes, edges and lanes. */
void qms_lay_run(struct qms_lay *l);

#endif

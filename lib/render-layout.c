/* The swimlane layout (see render-layout.h): a grid of ranks and lane
 * columns, edges routed in the free space between them.
 *
 *  1. ranks: rework loops (and any other cycle) set aside, every node one
 *     rank below its lowest predecessor (the longest path from the start),
 *     so a step, and the end, comes where the flow reaches it; a fork or
 *     join bar gets its rank to itself across the lanes it spans;
 *  2. columns: each lane has as many columns as it has nodes on one rank;
 *     a few sweeps order the nodes of a lane on a rank by the median
 *     position of their neighbours (fewer crossings, straight edges);
 *  3. routes, in grid terms: an edge to the next rank goes down through
 *     the channel between the ranks; a longer one also needs a vertical
 *     run through the ranks in between: a column whose cells there are
 *     free, or a gap beside the columns; a rework loop runs along a gap at
 *     the side of a lane, leaving and entering its boxes from that side;
 *  4. tracks: vertical runs sharing a gap and horizontal segments sharing
 *     a channel get tracks of their own, ordered to avoid crossings;
 *  5. coordinates: columns as wide as their widest node plus the room its
 *     edges and labels need, gaps as wide as their tracks, lanes at least
 *     as wide as their headers; ranks as tall as their tallest node,
 *     channels as tall as their tracks and the labels hanging into them.
 *
 * Columns, gaps and lanes are numbered across the diagram by "slots":
 * lane L is gap 0, column 0, gap 1, ..., column k-1, gap k. Along the flow
 * positions are "ordinals": 4c for channel c (the one above rank c), 4r+2
 * for the middle of rank r. */
#include "render-layout.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_INSET 4.0 /* around the lane headers */
#define GAP_MARGIN 12.0 /* a gap at the side of a lane, at least */
#define GAP_INNER 18.0 /* a gap between two columns of a lane, at least */
#define TRACK_SEP 8.0 /* between parallel edges */
#define CHANNEL_MIN 22.0 /* between two ranks, at least */
#define CHANNEL_TOP 8.0 /* above the first track of a channel */
#define CHANNEL_BOTTOM 13.0 /* below the last one: room for an arrowhead */
#define TURN 14.0 /* from a port on a side to where its edge turns */
#define LABEL_GAP 4.0 /* between a label and its edge */
#define PORT_SEP 12.0 /* between edges on one side of a box */
#define BAR_PAD 4.0 /* a bar beyond its outermost branch */
#define BAR_MIN 16.0

enum side { SIDE_BOTTOM, SIDE_TOP, SIDE_LEFT, SIDE_RIGHT };
enum route_kind { ROUTE_HOP, ROUTE_LONG, ROUTE_LOOP, ROUTE_SELF, ROUTE_NONE };

#define OCC_PASS UINT32_MAX /* a cell a vertical run goes through */

/* One end of an edge on a node. */
struct end {
	int side;
	bool direct; /* loops: the stub reaches the gap at the port's height */
	double x, y; /* the port */
	double turn; /* side ports: x where the edge turns up or down */
};

struct route {
	int kind;
	struct end t, h;
	size_t a, b; /* slots of the tail and the head */
	size_t slot; /* ROUTE_LONG, ROUTE_LOOP: where the vertical run goes */
	size_t track; /* in a gap */
	double vx; /* its x */
	size_t seg[2]; /* horizontal segments near the tail and the head, or SIZE_MAX */
};

/* A horizontal segment in a channel; its pins are where it meets the
 * vertical pieces at its two ends, going up (-1) or down (+1). */
struct seg {
	size_t edge, channel;
	double x0, x1;
	double pin_x[2];
	int pin_dir[2];
	size_t track;
	double y;
};

/* A vertical run in a gap, between two ordinals. */
struct run {
	size_t edge, slot;
	long lo, hi;
	size_t track;
};

/* Routes on the grid, to count what a loop would cross. */
struct gridh {
	size_t channel, lo, hi; /* slots */
};

struct gridv {
	size_t slot;
	long lo, hi; /* ordinals */
};

struct bar_cover {
	size_t node, rank, lo, hi; /* slots covered at that rank */
};

struct lay {
	struct qms_lay *l;
	struct qms_arena *a;
	size_t n, m;
	size_t *out_start, *out_e, *in_start, *in_e;
	bool *rev; /* per edge: against the flow (a loop) */
	size_t *rank, nranks;
	size_t *col; /* per node: its column in its lane */
	size_t *ncols, *first_col, ncols_total;
	size_t *slot_base, nslots;
	size_t *slot_lane;
	uint32_t *occ; /* nranks x ncols_total: 0 free, node + 1, OCC_PASS */
	struct bar_cover *bars;
	size_t nbars;
	struct route *routes;
	struct gridh *gh; /* horizontal pieces of the routes so far, for the loops to avoid */
	size_t ngh;
	struct gridv *gv; /* and vertical runs */
	size_t ngv;
	struct run *runs;
	size_t nruns, runs_cap;
	struct seg *segs;
	size_t nsegs, segs_cap;
	size_t *gap_tracks; /* per slot */
	double *pad_l, *pad_r; /* per node: from its side to the turn of its side ports */
	double *ext_l, *ext_r; /* per node: room left and right for labels below it */
	int *label_side; /* per edge leaving a bottom: its label left or right of it */
	double *label_dy; /* ... and how far down (labels stacked on one side) */
	double *band_need; /* per node: height its rank band needs */
	double *slot_x0, *slot_x1, *col_lext;
	double *band_y0, *band_y1;
	double *chan_y0, *chan_y1, *chan_zone;
	size_t *chan_tracks;
};

static void *alloc(struct lay *L, size_t n, size_t size)
{
	return qms_arena_alloc(L->a, (n ? n : 1) * size);
}

static bool is_bar(const struct lay *L, size_t v)
{
	return L->l->nodes[v].shape == QMS_LAY_BAR;
}

static bool is_diamond(const struct lay *L, size_t v)
{
	return L->l->nodes[v].shape == QMS_LAY_DIAMOND;
}

static bool edge_ok(const struct lay *L, size_t e)
{
	const struct qms_lay_edge *ed = &L->l->edges[e];
	return ed->tail < L->n && ed->head < L->n;
}

/* ---- 1. graph, cycles, ranks ---- */

static void build_adjacency(struct lay *L)
{
	size_t n = L->n, m = L->m;
	L->out_start = alloc(L, n + 1, sizeof(size_t));
	L->in_start = alloc(L, n + 1, sizeof(size_t));
	L->out_e = alloc(L, m, sizeof(size_t));
	L->in_e = alloc(L, m, sizeof(size_t));
	for (size_t e = 0; e < m; e++)
		if (edge_ok(L, e)) {
			L->out_start[L->l->edges[e].tail + 1]++;
			L->in_start[L->l->edges[e].head + 1]++;
		}
	for (size_t v = 0; v < n; v++) {
		L->out_start[v + 1] += L->out_start[v];
		L->in_start[v + 1] += L->in_start[v];
	}
	size_t *fo = alloc(L, n, sizeof(size_t)), *fi = alloc(L, n, sizeof(size_t));
	for (size_t e = 0; e < m; e++) {
		if (!edge_ok(L, e))
			continue;
		size_t t = L->l->edges[e].tail, h = L->l->edges[e].head;
		L->out_e[L->out_start[t] + fo[t]++] = e;
		L->in_e[L->in_start[h] + fi[h]++] = e;
	}
}

/* Loops stay loops; any other cycle (among steps the start does not
 * reach) is broken where a depth-first walk in node order closes it. */
static void break_cycles(struct lay *L)
{
	size_t n = L->n;
	L->rev = alloc(L, L->m, sizeof(bool));
	for (size_t e = 0; e < L->m; e++)
		L->rev[e] = edge_ok(L, e) && (L->l->edges[e].back || L->l->edges[e].tail == L->l->edges[e].head);
	unsigned char *state = alloc(L, n, 1); /* 0 new, 1 on the stack, 2 done */
	size_t *stack = alloc(L, n, sizeof(size_t)), *next = alloc(L, n, sizeof(size_t));
	for (size_t s = 0; s < n; s++) {
		if (state[s])
			continue;
		size_t top = 0;
		stack[top++] = s;
		state[s] = 1;
		next[s] = L->out_start[s];
		while (top) {
			size_t v = stack[top - 1];
			if (next[v] == L->out_start[v + 1]) {
				state[v] = 2;
				top--;
				continue;
			}
			size_t e = L->out_e[next[v]++];
			if (L->rev[e])
				continue;
			size_t w = L->l->edges[e].head;
			if (state[w] == 1) {
				L->rev[e] = true;
			} else if (!state[w]) {
				state[w] = 1;
				next[w] = L->out_start[w];
				stack[top++] = w;
			}
		}
	}
}

/* Nodes in an order where every forward edge goes forwards. */
static size_t *topological_order(struct lay *L)
{
	size_t n = L->n;
	size_t *indeg = alloc(L, n, sizeof(size_t)), *order = alloc(L, n, sizeof(size_t));
	for (size_t e = 0; e < L->m; e++)
		if (edge_ok(L, e) && !L->rev[e])
			indeg[L->l->edges[e].head]++;
	size_t len = 0;
	for (size_t v = 0; v < n; v++)
		if (!indeg[v])
			order[len++] = v;
	for (size_t i = 0; i < len; i++) {
		size_t v = order[i];
		for (size_t k = L->out_start[v]; k < L->out_start[v + 1]; k++) {
			size_t e = L->out_e[k];
			if (!L->rev[e] && !--indeg[L->l->edges[e].head])
				order[len++] = L->l->edges[e].head;
		}
	}
	return order; /* len == n: break_cycles() left no cycle */
}

static void longest_path(struct lay *L, const size_t *order, const size_t *minrank)
{
	L->nranks = 0;
	for (size_t i = 0; i < L->n; i++) {
		size_t v = order[i], r = minrank[v];
		for (size_t k = L->in_start[v]; k < L->in_start[v + 1]; k++) {
			size_t e = L->in_e[k];
			if (!L->rev[e] && L->rank[L->l->edges[e].tail] + 1 > r)
				r = L->rank[L->l->edges[e].tail] + 1;
		}
		L->rank[v] = r;
		if (r + 1 > L->nranks)
			L->nranks = r + 1;
	}
}

/* The lanes a bar spans: its own and those of its neighbours. */
static void bar_lanes(const struct lay *L, size_t b, size_t *lo, size_t *hi)
{
	*lo = *hi = L->l->nodes[b].lane;
	for (int dir = 0; dir < 2; dir++) {
		const size_t *start = dir ? L->in_start : L->out_start, *es = dir ? L->in_e : L->out_e;
		for (size_t k = start[b]; k < start[b + 1]; k++) {
			const struct qms_lay_edge *e = &L->l->edges[es[k]];
			size_t lane = L->l->nodes[dir ? e->tail : e->head].lane;
			if (lane < *lo)
				*lo = lane;
			if (lane > *hi)
				*hi = lane;
		}
	}
}

/* A bar shares its rank with no node of the lanes it spans: such a node
 * goes one rank down (and what follows it). Returns whether any moved. */
static bool push_from_bars(struct lay *L, size_t *minrank)
{
	bool moved = false;
	for (size_t b = 0; b < L->n; b++) {
		if (!is_bar(L, b))
			continue;
		size_t lo, hi;
		bar_lanes(L, b, &lo, &hi);
		for (size_t v = 0; v < L->n; v++) {
			if (v == b || L->rank[v] != L->rank[b])
				continue;
			bool clash;
			if (is_bar(L, v)) {
				size_t vlo, vhi;
				bar_lanes(L, v, &vlo, &vhi);
				clash = v > b && vlo <= hi && lo <= vhi;
			} else {
				clash = L->l->nodes[v].lane >= lo && L->l->nodes[v].lane <= hi;
			}
			if (clash && minrank[v] < L->rank[b] + 1) {
				minrank[v] = L->rank[b] + 1;
				moved = true;
			}
		}
	}
	return moved;
}

static void assign_ranks(struct lay *L)
{
	L->rank = alloc(L, L->n, sizeof(size_t));
	size_t *order = topological_order(L);
	size_t *minrank = alloc(L, L->n, sizeof(size_t));
	longest_path(L, order, minrank);
	bool any_bar = false;
	for (size_t v = 0; v < L->n; v++)
		any_bar |= is_bar(L, v);
	/* each round moves a node down a rank; a bound keeps a pathological
	 * graph from taking long (bars then may share a rank) */
	for (size_t round = 0; any_bar && round < 4 * L->n + 8; round++) {
		if (!push_from_bars(L, minrank))
			break;
		longest_path(L, order, minrank);
	}
}

/* ---- 2. columns ---- */

static size_t col_slot(const struct lay *L, size_t lane, size_t c)
{
	return L->slot_base[lane] + 2 * c + 1;
}

static size_t node_slot(const struct lay *L, size_t v)
{
	return col_slot(L, L->l->nodes[v].lane, L->col[v]);
}

static bool slot_is_col(const struct lay *L, size_t s)
{
	return (s - L->slot_base[L->slot_lane[s]]) % 2 == 1;
}

static size_t slot_col(const struct lay *L, size_t s)
{
	size_t lane = L->slot_lane[s];
	return L->first_col[lane] + (s - L->slot_base[lane] - 1) / 2;
}

/* Where a neighbour is across the diagram, in slots; a bar is where the
 * other neighbours of it are, on average. */
static double position_of(const struct lay *L, size_t v, size_t except)
{
	if (!is_bar(L, v))
		return (double)node_slot(L, v);
	double sum = 0;
	size_t cnt = 0;
	for (int dir = 0; dir < 2; dir++) {
		const size_t *start = dir ? L->in_start : L->out_start, *es = dir ? L->in_e : L->out_e;
		for (size_t k = start[v]; k < start[v + 1]; k++) {
			const struct qms_lay_edge *e = &L->l->edges[es[k]];
			size_t w = dir ? e->tail : e->head;
			if (w != except && w != v && !is_bar(L, w)) {
				sum += (double)node_slot(L, w);
				cnt++;
			}
		}
	}
	return cnt ? sum / (double)cnt : (double)L->slot_base[L->l->nodes[v].lane] + 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The median position of v's forward neighbours above (down) or below. */
static bool neighbour_median(const struct lay *L, size_t v, bool down, double *buf, double *out)
{
	const size_t *start = down ? L->in_start : L->out_start, *es = down ? L->in_e : L->out_e;
	size_t cnt = 0;
	for (size_t k = start[v]; k < start[v + 1]; k++) {
		size_t e = es[k];
		if (L->rev[e])
			continue;
		size_t w = down ? L->l->edges[e].tail : L->l->edges[e].head;
		buf[cnt++] = position_of(L, w, v);
	}
	if (!cnt)
		return false;
	qsort(buf, cnt, sizeof(double), cmp_double);
	*out = cnt % 2 ? buf[cnt / 2] : (buf[cnt / 2 - 1] + buf[cnt / 2]) / 2;
	return true;
}

struct keyed {
	double key;
	size_t col, node;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return (x->node > y->node) - (x->node < y->node);
}

/* Give the m nodes of ks (sorted) distinct columns of their lane, in
 * order, each as close to its key as the others allow. */
static void fit_columns(struct lay *L, struct keyed *ks, size_t m, size_t lane)
{
	size_t k = L->ncols[lane];
	double *f = alloc(L, m * k, sizeof(double));
	size_t *from = alloc(L, m * k, sizeof(size_t));
	for (size_t i = 0; i < m; i++) {
		double best = INFINITY;
		size_t arg = 0;
		for (size_t c = 0; c < k; c++) {
			double here = fabs(ks[i].key - (double)col_slot(L, lane, c));
			if (i == 0) {
				f[c] = here;
				continue;
			}
			/* best of the previous node in a column left of c */
			if (c > 0 && f[(i - 1) * k + c - 1] < best) {
				best = f[(i - 1) * k + c - 1];
				arg = c - 1;
			}
			f[i * k + c] = c >= i ? best + here : INFINITY;
			from[i * k + c] = arg;
		}
	}
	size_t c = 0;
	for (size_t d = 1; d < k; d++)
		if (f[(m - 1) * k + d] < f[(m - 1) * k + c])
			c = d;
	for (size_t i = m; i-- > 0;) {
		L->col[ks[i].node] = c;
		if (i)
			c = from[i * k + c];
	}
}

/* Nodes grouped by (rank, lane), bars left out: cells[cell_start[r * nlanes + lane] ...]. */
static size_t *group_cells(struct lay *L, size_t **cells_out)
{
	size_t nl = L->l->nlanes, ncell = L->nranks * nl;
	size_t *start = alloc(L, ncell + 1, sizeof(size_t)), *cells = alloc(L, L->n, sizeof(size_t));
	for (size_t v = 0; v < L->n; v++)
		if (!is_bar(L, v))
			start[L->rank[v] * nl + L->l->nodes[v].lane + 1]++;
	for (size_t c = 0; c < ncell; c++)
		start[c + 1] += start[c];
	size_t *fill = alloc(L, ncell, sizeof(size_t));
	for (size_t v = 0; v < L->n; v++) {
		if (is_bar(L, v))
			continue;
		size_t c = L->rank[v] * nl + L->l->nodes[v].lane;
		cells[start[c] + fill[c]++] = v;
	}
	*cells_out = cells;
	return start;
}

static void set_up_slots(struct lay *L, const size_t *start)
{
	size_t nl = L->l->nlanes;
	L->ncols = alloc(L, nl, sizeof(size_t));
	L->first_col = alloc(L, nl, sizeof(size_t));
	L->slot_base = alloc(L, nl, sizeof(size_t));
	for (size_t lane = 0; lane < nl; lane++) {
		L->ncols[lane] = 1;
		for (size_t r = 0; r < L->nranks; r++) {
			size_t c = r * nl + lane, cnt = start[c + 1] - start[c];
			if (cnt > L->ncols[lane])
				L->ncols[lane] = cnt;
		}
		L->first_col[lane] = L->ncols_total;
		L->slot_base[lane] = L->nslots;
		L->ncols_total += L->ncols[lane];
		L->nslots += 2 * L->ncols[lane] + 1;
	}
	L->slot_lane = alloc(L, L->nslots, sizeof(size_t));
	for (size_t lane = 0; lane < nl; lane++)
		for (size_t s = 0; s < 2 * L->ncols[lane] + 1; s++)
			L->slot_lane[L->slot_base[lane] + s] = lane;
}

static void assign_columns(struct lay *L)
{
	size_t nl = L->l->nlanes, *cells;
	size_t *start = group_cells(L, &cells);
	set_up_slots(L, start);
	L->col = alloc(L, L->n, sizeof(size_t));
	for (size_t c = 0; c < L->nranks * nl; c++)
		for (size_t i = start[c]; i < start[c + 1]; i++)
			L->col[cells[i]] = i - start[c];
	size_t maxdeg = 1;
	for (size_t v = 0; v < L->n; v++) {
		size_t d = L->in_start[v + 1] - L->in_start[v] + L->out_start[v + 1] - L->out_start[v];
		if (d > maxdeg)
			maxdeg = d;
	}
	double *buf = alloc(L, maxdeg, sizeof(double));
	struct keyed *ks = alloc(L, L->n, sizeof(*ks));
	for (int sweep = 0; sweep < 3; sweep++) {
		bool down = sweep != 1;
		for (size_t i = 0; i < L->nranks; i++) {
			size_t r = down ? i : L->nranks - 1 - i;
			for (size_t lane = 0; lane < nl; lane++) {
				size_t c = r * nl + lane, m = start[c + 1] - start[c];
				if (!m)
					continue;
				for (size_t j = 0; j < m; j++) {
					size_t v = cells[start[c] + j];
					ks[j] = (struct keyed){(double)node_slot(L, v), L->col[v], v};
					neighbour_median(L, v, down, buf, &ks[j].key);
				}
				qsort(ks, m, sizeof(*ks), cmp_keyed);
				fit_columns(L, ks, m, lane);
			}
		}
	}
	L->occ = alloc(L, L->nranks * L->ncols_total, sizeof(uint32_t));
	for (size_t v = 0; v < L->n; v++)
		if (!is_bar(L, v))
			L->occ[L->rank[v] * L->ncols_total + L->first_col[L->l->nodes[v].lane] + L->col[v]] =
				(uint32_t)v + 1;
}

/* ---- 3. routes on the grid ---- */

static void cover_bars(struct lay *L)
{
	L->bars = alloc(L, L->n, sizeof(*L->bars));
	for (size_t b = 0; b < L->n; b++) {
		if (!is_bar(L, b))
			continue;
		struct bar_cover *c = &L->bars[L->nbars++];
		*c = (struct bar_cover){b, L->rank[b], SIZE_MAX, 0};
		for (int dir = 0; dir < 2; dir++) {
			const size_t *start = dir ? L->in_start : L->out_start, *es = dir ? L->in_e : L->out_e;
			for (size_t k = start[b]; k < start[b + 1]; k++) {
				const struct qms_lay_edge *e = &L->l->edges[es[k]];
				size_t w = dir ? e->tail : e->head;
				if (w == b || is_bar(L, w))
					continue;
				size_t s = node_slot(L, w);
				c->lo = s < c->lo ? s : c->lo;
				c->hi = s > c->hi ? s : c->hi;
			}
		}
		if (c->lo == SIZE_MAX)
			c->lo = c->hi = col_slot(L, L->l->nodes[b].lane, 0);
	}
}

static struct bar_cover *bar_of(struct lay *L, size_t v)
{
	for (size_t i = 0; i < L->nbars; i++)
		if (L->bars[i].node == v)
			return &L->bars[i];
	return NULL;
}

/* Where an edge meets node v across the diagram, in slots. */
static size_t slot_of(struct lay *L, size_t v)
{
	if (!is_bar(L, v))
		return node_slot(L, v);
	return bar_of(L, v)->lo;
}

/* Whether a vertical run in `slot` may cross ranks r0..r1 (none when
 * r0 > r1): no node, other run or bar there. */
static bool run_free(const struct lay *L, size_t slot, size_t r0, size_t r1)
{
	for (size_t i = 0; i < L->nbars; i++)
		if (L->bars[i].rank >= r0 && L->bars[i].rank <= r1 && slot >= L->bars[i].lo && slot <= L->bars[i].hi)
			return false;
	if (!slot_is_col(L, slot))
		return true;
	size_t c = slot_col(L, slot);
	for (size_t r = r0; r <= r1 && r < L->nranks; r++)
		if (L->occ[r * L->ncols_total + c])
			return false;
	return true;
}

/* Whether a horizontal stub at the middle of rank r can go from slot a to
 * slot b without crossing a box. */
static bool stub_clear(const struct lay *L, size_t r, size_t a, size_t b)
{
	size_t lo = a < b ? a : b, hi = a < b ? b : a;
	for (size_t s = lo + 1; s < hi; s++) {
		if (slot_is_col(L, s)) {
			uint32_t o = L->occ[r * L->ncols_total + slot_col(L, s)];
			if (o && o != OCC_PASS)
				return false;
		}
		for (size_t i = 0; i < L->nbars; i++)
			if (L->bars[i].rank == r && s >= L->bars[i].lo && s <= L->bars[i].hi)
				return false;
	}
	return true;
}

static void add_run(struct lay *L, size_t e, size_t slot, long a, long b)
{
	if (L->nruns == L->runs_cap) {
		L->runs_cap = L->runs_cap ? 2 * L->runs_cap : 16;
		struct run *grown = alloc(L, L->runs_cap, sizeof(*grown));
		if (L->nruns)
			memcpy(grown, L->runs, L->nruns * sizeof(*grown));
		L->runs = grown;
	}
	L->runs[L->nruns++] = (struct run){e, slot, a < b ? a : b, a < b ? b : a, 0};
}

static double passage_cost(const struct lay *L, size_t p, size_t a, size_t b)
{
	double cost = (p != a ? 20 : 0) + (p != b ? 20.5 : 0);
	cost += (double)(p > a ? p - a : a - p) + (double)(p > b ? p - b : b - p);
	return cost + (slot_is_col(L, p) ? 0 : 1);
}

static void add_candidate(size_t *c, size_t *n, size_t s, size_t nslots)
{
	if (s >= nslots)
		return;
	for (size_t i = 0; i < *n; i++)
		if (c[i] == s)
			return;
	c[(*n)++] = s;
}

/* A forward edge over more than one rank: the run through the ranks in
 * between, as straight as a free column or gap near its ends allows. */
static size_t choose_passage(struct lay *L, size_t e, size_t a, size_t b, size_t r0, size_t r1)
{
	const struct qms_lay_edge *ed = &L->l->edges[e];
	size_t cand[16], nc = 0;
	for (int d = -2; d <= 2; d++) {
		add_candidate(cand, &nc, b + (size_t)(ptrdiff_t)d, L->nslots);
		add_candidate(cand, &nc, a + (size_t)(ptrdiff_t)d, L->nslots);
	}
	size_t lanes[2] = {L->l->nodes[ed->tail].lane, L->l->nodes[ed->head].lane};
	for (int k = 0; k < 2; k++) {
		add_candidate(cand, &nc, L->slot_base[lanes[k]], L->nslots);
		add_candidate(cand, &nc, L->slot_base[lanes[k]] + 2 * L->ncols[lanes[k]], L->nslots);
	}
	size_t best = SIZE_MAX;
	double best_cost = INFINITY;
	for (size_t i = 0; i < nc; i++) {
		double cost = passage_cost(L, cand[i], a, b);
		if (cost < best_cost && run_free(L, cand[i], r0, r1)) {
			best = cand[i];
			best_cost = cost;
		}
	}
	/* every slot near the ends blocked (bars): the nearest free gap; the
	 * outermost gaps always are (a bar spans columns, and the gaps
	 * between them) */
	for (size_t d = 0; best == SIZE_MAX && d < L->nslots; d++)
		for (size_t k = 0; k < 2 && best == SIZE_MAX; k++) {
			size_t g = k ? b + d : b - d;
			if (g < L->nslots && !slot_is_col(L, g) && run_free(L, g, r0, r1))
				best = g;
		}
	return best == SIZE_MAX ? 0 : best;
}

static void route_forward(struct lay *L, size_t e)
{
	const struct qms_lay_edge *ed = &L->l->edges[e];
	struct route *rt = &L->routes[e];
	size_t u = ed->tail, v = ed->head, r = L->rank[u], s = L->rank[v];
	rt->t.side = SIDE_BOTTOM;
	rt->h.side = SIDE_TOP;
	size_t a = is_bar(L, u) ? slot_of(L, v) : node_slot(L, u);
	size_t b = is_bar(L, v) ? a : node_slot(L, v);
	if (is_bar(L, u) && !is_bar(L, v))
		a = b;
	rt->a = a;
	rt->b = b;
	if (s == r + 1) {
		rt->kind = ROUTE_HOP;
		return;
	}
	rt->kind = ROUTE_LONG;
	rt->slot = choose_passage(L, e, a, b, r + 1, s - 1);
	if (slot_is_col(L, rt->slot)) {
		size_t c = slot_col(L, rt->slot);
		for (size_t k = r + 1; k < s; k++)
			L->occ[k * L->ncols_total + c] = OCC_PASS;
	} else {
		add_run(L, e, rt->slot, 4 * (long)(r + 1), 4 * (long)s);
	}
}

/* The slot an edge goes to from its tail: its run, or its head. */
static size_t next_slot(struct lay *L, size_t e)
{
	struct route *rt = &L->routes[e];
	return rt->kind == ROUTE_LONG ? rt->slot : slot_of(L, L->l->edges[e].head);
}

/* A decision with several forward branches: the straightest leaves by the
 * bottom corner, the others by the side corner towards where they go. */
static void diamond_sides(struct lay *L, size_t u)
{
	size_t su = node_slot(L, u), bottom = SIZE_MAX, bottom_d = SIZE_MAX;
	for (size_t k = L->out_start[u]; k < L->out_start[u + 1]; k++) {
		size_t e = L->out_e[k];
		if (L->rev[e])
			continue;
		size_t ns = next_slot(L, e), d = ns > su ? ns - su : su - ns;
		if (d < bottom_d ||
		    (d == bottom_d && L->routes[e].kind == ROUTE_HOP && L->routes[bottom].kind != ROUTE_HOP)) {
			bottom = e;
			bottom_d = d;
		}
	}
	bool taken[4] = {true, true, false, false};
	for (size_t k = L->out_start[u]; k < L->out_start[u + 1]; k++) {
		size_t e = L->out_e[k];
		if (L->rev[e] || e == bottom)
			continue;
		size_t ns = next_slot(L, e);
		int side = ns < su ? SIDE_LEFT : ns > su ? SIDE_RIGHT : !taken[SIDE_LEFT] ? SIDE_LEFT : SIDE_RIGHT;
		if (taken[side])
			side = SIDE_BOTTOM;
		taken[side] = true;
		L->routes[e].t.side = side;
	}
}

static bool side_taken(struct lay *L, size_t v, int side)
{
	for (size_t k = L->out_start[v]; k < L->out_start[v + 1]; k++)
		if (!L->rev[L->out_e[k]] && L->routes[L->out_e[k]].t.side == side)
			return true;
	return false;
}

/* A decision several forward edges go into: the straightest comes in by
 * the top corner, the others by the side corner they come from (rather
 * than all meeting at the top). */
static void diamond_entries(struct lay *L, size_t v)
{
	size_t sv = node_slot(L, v), top = SIZE_MAX, top_d = SIZE_MAX, n = 0;
	for (size_t k = L->in_start[v]; k < L->in_start[v + 1]; k++) {
		size_t e = L->in_e[k];
		if (L->rev[e])
			continue;
		size_t ps = L->routes[e].kind == ROUTE_LONG ? L->routes[e].slot : L->routes[e].a;
		size_t d = ps > sv ? ps - sv : sv - ps;
		n++;
		if (d < top_d || (d == top_d && L->routes[e].kind == ROUTE_HOP && L->routes[top].kind != ROUTE_HOP)) {
			top = e;
			top_d = d;
		}
	}
	if (n < 2)
		return;
	bool taken[4] = {false, true, side_taken(L, v, SIDE_LEFT), side_taken(L, v, SIDE_RIGHT)};
	for (size_t k = L->in_start[v]; k < L->in_start[v + 1]; k++) {
		size_t e = L->in_e[k];
		if (L->rev[e] || e == top)
			continue;
		size_t ps = L->routes[e].kind == ROUTE_LONG ? L->routes[e].slot : L->routes[e].a;
		int side = ps < sv ? SIDE_LEFT : ps > sv ? SIDE_RIGHT : !taken[SIDE_LEFT] ? SIDE_LEFT : SIDE_RIGHT;
		if (!taken[side]) {
			taken[side] = true;
			L->routes[e].h.side = side;
		}
	}
}

/* Which way the forward flow leaves u: -1 left, 1 right, 0 neither. */
static int flow_side(struct lay *L, size_t u)
{
	long sum = 0;
	size_t su = slot_of(L, u);
	for (size_t k = L->out_start[u]; k < L->out_start[u + 1]; k++) {
		size_t e = L->out_e[k];
		if (!L->rev[e]) {
			size_t ns = next_slot(L, e);
			sum += ns > su ? 1 : ns < su ? -1 : 0;
		}
	}
	return sum > 0 ? 1 : sum < 0 ? -1 : 0;
}

static bool strictly_between(size_t x, size_t a, size_t b)
{
	return a < b ? a < x && x < b : b < x && x < a;
}

/* Where a loop's ends meet its run, in ordinals: at the middle of their
 * rank (direct stubs) or in the channel towards the other end. */
static void loop_ends(const struct lay *L, size_t e, const struct route *rt, long *yu, long *yv)
{
	const struct qms_lay_edge *ed = &L->l->edges[e];
	size_t r = L->rank[ed->tail], s = L->rank[ed->head];
	bool up = s <= r;
	*yu = rt->t.direct ? 4 * (long)r + 2 : up ? 4 * (long)r : 4 * (long)(r + 1);
	*yv = rt->h.direct ? 4 * (long)s + 2 : up ? 4 * (long)(s + 1) : 4 * (long)s;
}

/* About how many edges a loop up the gap g would cross. */
static double loop_crossings(const struct lay *L, size_t e, size_t g, const struct route *rt)
{
	const struct qms_lay_edge *ed = &L->l->edges[e];
	size_t su = slot_of((struct lay *)L, ed->tail), sv = slot_of((struct lay *)L, ed->head);
	long yu, yv;
	loop_ends(L, e, rt, &yu, &yv);
	long lo = yu < yv ? yu : yv, hi = yu < yv ? yv : yu;
	double n = 0;
	for (size_t i = 0; i < L->ngh; i++) {
		const struct gridh *h = &L->gh[i];
		long y = 4 * (long)h->channel;
		if (y <= lo || y >= hi)
			continue;
		n += strictly_between(g, h->lo, h->hi) ? 1 : g == h->lo || g == h->hi ? 0.5 : 0;
	}
	for (size_t i = 0; i < L->ngv; i++) {
		const struct gridv *v = &L->gv[i];
		n += strictly_between(v->slot, su, g) && v->lo < yu && yu < v->hi;
		n += strictly_between(v->slot, sv, g) && v->lo < yv && yv < v->hi;
	}
	return n;
}

static void add_gridh(struct lay *L, size_t channel, size_t a, size_t b)
{
	if (a != b)
		L->gh[L->ngh++] = (struct gridh){channel, a < b ? a : b, a < b ? b : a};
}

/* The pieces of the forward routes, for loop_crossings(). */
static void grid_lines(struct lay *L)
{
	L->gh = alloc(L, 2 * L->m, sizeof(*L->gh)); /* two per edge at most */
	L->gv = alloc(L, L->m, sizeof(*L->gv)); /* one per edge at most */
	for (size_t e = 0; e < L->m; e++) {
		const struct route *rt = &L->routes[e];
		const struct qms_lay_edge *ed = &L->l->edges[e];
		size_t r = rt->kind == ROUTE_NONE ? 0 : L->rank[ed->tail],
		       s = rt->kind == ROUTE_NONE ? 0 : L->rank[ed->head];
		if (rt->kind == ROUTE_HOP) {
			add_gridh(L, s, rt->a, rt->b);
		} else if (rt->kind == ROUTE_LONG) {
			if (!rt->t.direct)
				add_gridh(L, r + 1, rt->a, rt->slot);
			if (!rt->h.direct)
				add_gridh(L, s, rt->slot, rt->b);
			L->gv[L->ngv++] = (struct gridv){rt->slot, rt->t.direct ? 4 * (long)r + 2 : 4 * (long)(r + 1),
							 rt->h.direct ? 4 * (long)s + 2 : 4 * (long)s};
		}
	}
}

/* A decision's branch leaving by a side corner towards a run in a gap on
 * that side goes straight to it when no box is in the way; so does one
 * coming into a side corner from a run beside it. */
static void straight_side_ends(struct lay *L)
{
	for (size_t e = 0; e < L->m; e++) {
		struct route *rt = &L->routes[e];
		if (rt->kind != ROUTE_LONG || slot_is_col(L, rt->slot))
			continue;
		for (int tail = 1; tail >= 0; tail--) {
			struct end *end = tail ? &rt->t : &rt->h;
			size_t v = tail ? L->l->edges[e].tail : L->l->edges[e].head, r = L->rank[v],
			       sv = node_slot(L, v);
			if ((end->side != SIDE_LEFT && end->side != SIDE_RIGHT) ||
			    (rt->slot < sv) != (end->side == SIDE_LEFT) || !stub_clear(L, r, sv, rt->slot) ||
			    !run_free(L, rt->slot, r, r))
				continue;
			end->direct = true;
			for (size_t i = 0; i < L->nruns; i++) {
				if (L->runs[i].edge != e)
					continue;
				if (tail)
					L->runs[i].lo = 4 * (long)r + 2;
				else
					L->runs[i].hi = 4 * (long)r + 2;
			}
		}
	}
}

/* The cost of running a loop u -> v up the gap g. */
static double loop_cost(struct lay *L, size_t e, size_t g, struct route *out)
{
	const struct qms_lay_edge *ed = &L->l->edges[e];
	size_t u = ed->tail, v = ed->head, r = L->rank[u], s = L->rank[v];
	size_t su = slot_of(L, u), sv = slot_of(L, v);
	out->t.side = g < su ? SIDE_LEFT : SIDE_RIGHT;
	out->h.side = g < sv ? SIDE_LEFT : SIDE_RIGHT;
	out->t.direct = stub_clear(L, r, su, g);
	out->h.direct = stub_clear(L, s, sv, g);
	if (!run_free(L, g, r < s ? r : s, r < s ? s : r))
		return INFINITY;
	double cost = (out->t.direct ? 0 : 8) + (out->h.direct ? 0 : 8);
	cost += 0.5 * (double)((g > su ? g - su : su - g) + (g > sv ? g - sv : sv - g));
	if (is_diamond(L, u) && side_taken(L, u, out->t.side))
		cost += 40;
	if (is_diamond(L, v) && side_taken(L, v, out->h.side))
		cost += 40;
	int flow = flow_side(L, u);
	if (flow && (flow > 0) == (out->t.side == SIDE_RIGHT))
		cost += 3; /* keep the loop off the side the flow goes on to */
	return cost + 6 * loop_crossings(L, e, g, out);
}

static void route_loop(struct lay *L, size_t e)
{
	const struct qms_lay_edge *ed = &L->l->edges[e];
	struct route *rt = &L->routes[e];
	size_t u = ed->tail, v = ed->head, r = L->rank[u], s = L->rank[v];
	size_t lu = L->l->nodes[u].lane, lv = L->l->nodes[v].lane;
	size_t lo = lu < lv ? lu : lv, hi = lu < lv ? lv : lu;
	size_t cand[8], nc = 0;
	/* the sides of the lanes from one end to the other; more than a few
	 * lanes apart, the sides facing each other */
	for (size_t lane = lo; lane <= hi && nc + 2 <= 6; lane++) {
		if (hi - lo > 2 && lane != lo && lane != hi)
			continue;
		cand[nc++] = L->slot_base[lane];
		cand[nc++] = L->slot_base[lane] + 2 * L->ncols[lane];
	}
	/* when bars block these: the outermost gaps of the diagram */
	cand[nc++] = 0;
	cand[nc++] = L->nslots - 1;
	double best = INFINITY;
	struct route pick = *rt, trial;
	for (size_t i = 0; i < nc; i++) {
		trial = *rt;
		double cost = loop_cost(L, e, cand[i], &trial);
		if (cost < best) {
			best = cost;
			pick = trial;
			pick.slot = cand[i];
		}
	}
	for (size_t g = 0; best == INFINITY && g < L->nslots; g++) { /* bars block those: any gap */
		trial = *rt;
		double cost = slot_is_col(L, g) ? INFINITY : loop_cost(L, e, g, &trial);
		if (cost < best) {
			best = cost;
			pick = trial;
			pick.slot = g;
		}
	}
	if (best == INFINITY) {
		pick.slot = cand[0];
		loop_cost(L, e, cand[0], &pick);
	}
	*rt = pick;
	rt->kind = ROUTE_LOOP;
	rt->a = slot_of(L, u);
	rt->b = slot_of(L, v);
	long yu, yv;
	loop_ends(L, e, rt, &yu, &yv);
	add_run(L, e, rt->slot, yu, yv);
	L->gv[L->ngv++] = (struct gridv){rt->slot, yu < yv ? yu : yv, yu < yv ? yv : yu};
	if (!rt->t.direct)
		add_gridh(L, s <= r ? r : r + 1, rt->a, rt->slot);
	if (!rt->h.direct)
		add_gridh(L, s <= r ? s + 1 : s, rt->slot, rt->b);
}

/* Ends of edges on a side of v so far. */
static size_t side_ends(const struct lay *L, size_t v, int side)
{
	size_t n = 0;
	for (int tail = 0; tail < 2; tail++) {
		const size_t *start = tail ? L->out_start : L->in_start, *es = tail ? L->out_e : L->in_e;
		for (size_t i = start[v]; i < start[v + 1]; i++) {
			const struct route *rt = &L->routes[es[i]];
			n += rt->kind != ROUTE_NONE && (tail ? rt->t.side : rt->h.side) == side;
		}
	}
	return n;
}

/* A step that goes on to itself: a small loop on its less busy side. */
static void route_self(struct lay *L, size_t e)
{
	struct route *rt = &L->routes[e];
	size_t v = L->l->edges[e].tail;
	rt->t.side = rt->h.side = side_ends(L, v, SIDE_LEFT) < side_ends(L, v, SIDE_RIGHT) ? SIDE_LEFT : SIDE_RIGHT;
	rt->kind = ROUTE_SELF;
}

static int cmp_size(const void *a, const void *b)
{
	const size_t *x = a, *y = b;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return (x[1] > y[1]) - (x[1] < y[1]);
}

static void route_all(struct lay *L)
{
	L->routes = alloc(L, L->m, sizeof(*L->routes));
	for (size_t e = 0; e < L->m; e++)
		L->routes[e] = (struct route){.kind = ROUTE_NONE, .seg = {SIZE_MAX, SIZE_MAX}};
	cover_bars(L);
	/* forward edges: those of bars first (they set how far a bar spans),
	 * then those whose ends are in one column (they may run straight down
	 * it), the shorter before the longer */
	size_t(*order)[2] = alloc(L, L->m, sizeof(*order));
	size_t n = 0;
	for (size_t e = 0; e < L->m; e++) {
		if (!edge_ok(L, e) || L->rev[e])
			continue;
		const struct qms_lay_edge *ed = &L->l->edges[e];
		bool bar = is_bar(L, ed->tail) || is_bar(L, ed->head);
		bool aligned = !bar && node_slot(L, ed->tail) == node_slot(L, ed->head);
		size_t span = L->rank[ed->head] - L->rank[ed->tail];
		order[n][0] = ((bar ? 0 : aligned ? 1 : 2) * (L->nranks + 1) + span);
		order[n++][1] = e;
	}
	qsort(order, n, sizeof(*order), cmp_size);
	for (size_t i = 0; i < n; i++)
		route_forward(L, order[i][1]);
	for (size_t v = 0; v < L->n; v++)
		if (is_diamond(L, v))
			diamond_sides(L, v);
	for (size_t v = 0; v < L->n; v++)
		if (is_diamond(L, v))
			diamond_entries(L, v);
	straight_side_ends(L);
	grid_lines(L);
	for (size_t e = 0; e < L->m; e++)
		if (edge_ok(L, e) && L->rev[e] && L->l->edges[e].tail != L->l->edges[e].head)
			route_loop(L, e);
	for (size_t e = 0; e < L->m; e++)
		if (edge_ok(L, e) && L->l->edges[e].tail == L->l->edges[e].head)
			route_self(L, e);
}

/* ---- 4. tracks in the gaps ---- */

static int cmp_run(const void *a, const void *b)
{
	const struct run *x = a, *y = b;
	if (x->slot != y->slot)
		return x->slot < y->slot ? -1 : 1;
	if (x->hi - x->lo != y->hi - y->lo)
		return x->hi - x->lo < y->hi - y->lo ? -1 : 1;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return (x->edge > y->edge) - (x->edge < y->edge);
}

/* The shorter a run, the closer to the columns: nested loops do not cross. */
static void assign_gap_tracks(struct lay *L)
{
	L->gap_tracks = alloc(L, L->nslots, sizeof(size_t));
	if (L->nruns)
		qsort(L->runs, L->nruns, sizeof(*L->runs), cmp_run);
	for (size_t i = 0, first = 0; i < L->nruns; i++) {
		struct run *r = &L->runs[i];
		if (i && r->slot != L->runs[i - 1].slot)
			first = i;
		for (size_t t = 0;; t++) {
			bool clash = false;
			for (size_t j = first; j < i && !clash; j++)
				clash = L->runs[j].track == t && L->runs[j].lo <= r->hi && r->lo <= L->runs[j].hi;
			if (!clash) {
				r->track = t;
				break;
			}
		}
		if (r->track + 1 > L->gap_tracks[r->slot])
			L->gap_tracks[r->slot] = r->track + 1;
		L->routes[r->edge].track = r->track;
	}
}

/* ---- 5. room beside the nodes, x ---- */

static void need_side(struct lay *L, size_t v, int side, double need)
{
	double *pad = side == SIDE_LEFT ? L->pad_l : side == SIDE_RIGHT ? L->pad_r : NULL;
	if (pad && need > pad[v])
		pad[v] = need;
}

static void max_into(double *at, double v)
{
	if (v > *at)
		*at = v;
}

struct labelled {
	size_t next, edge;
};

static int cmp_labelled(const void *a, const void *b)
{
	const struct labelled *x = a, *y = b;
	if (x->next != y->next)
		return x->next < y->next ? -1 : 1;
	return (x->edge > y->edge) - (x->edge < y->edge);
}

/* Labels of the edges leaving u by its bottom: beside the edge, on the
 * right; when several leave there, the one going furthest left has its
 * label on the left, the others stack on the right. */
static void bottom_labels(struct lay *L, size_t u, struct labelled *buf)
{
	size_t k = 0;
	for (size_t i = L->out_start[u]; i < L->out_start[u + 1]; i++) {
		size_t e = L->out_e[i];
		const struct route *rt = &L->routes[e];
		if (L->l->edges[e].lw > 0 && rt->kind != ROUTE_NONE && rt->kind != ROUTE_SELF &&
		    rt->t.side == SIDE_BOTTOM)
			buf[k++] = (struct labelled){rt->kind == ROUTE_LOOP ? rt->slot : next_slot(L, e), e};
	}
	qsort(buf, k, sizeof(*buf), cmp_labelled);
	double dy = 0;
	for (size_t i = 0; i < k; i++) {
		const struct qms_lay_edge *ed = &L->l->edges[buf[i].edge];
		bool left = k > 1 && i == 0;
		L->label_side[buf[i].edge] = left ? SIDE_LEFT : SIDE_RIGHT;
		L->label_dy[buf[i].edge] = left ? 0 : dy;
		if (!left)
			dy += ed->lh + 2;
		max_into(left ? &L->ext_l[u] : &L->ext_r[u], LABEL_GAP + ed->lw + 2);
	}
}

/* Labels of the edges leaving by a side stack up above the highest port
 * on that side; the rank must be tall enough for them. */
static void side_labels(struct lay *L)
{
	for (size_t v = 0; v < L->n; v++)
		for (int side = SIDE_LEFT; side <= SIDE_RIGHT; side++) {
			size_t ports = side_ends(L, v, side);
			double dy = 0;
			for (size_t i = L->out_start[v]; i < L->out_start[v + 1]; i++) {
				size_t e = L->out_e[i];
				const struct route *rt = &L->routes[e];
				if (L->l->edges[e].lw <= 0 || rt->kind == ROUTE_NONE || rt->kind == ROUTE_SELF ||
				    rt->t.side != side)
					continue;
				L->label_dy[e] = dy;
				dy += L->l->edges[e].lh + 2;
			}
			double spread = is_diamond(L, v) || ports < 2 ? 0 : (double)(ports - 1) / 2 * PORT_SEP;
			if (dy > 0)
				max_into(&L->band_need[v], 2 * (spread + LABEL_GAP + dy) + 4);
		}
}

/* Room for turns and labels beside each node. */
static void reserve_room(struct lay *L)
{
	L->pad_l = alloc(L, L->n, sizeof(double));
	L->pad_r = alloc(L, L->n, sizeof(double));
	L->ext_l = alloc(L, L->n, sizeof(double));
	L->ext_r = alloc(L, L->n, sizeof(double));
	L->band_need = alloc(L, L->n, sizeof(double));
	L->label_side = alloc(L, L->m, sizeof(int));
	L->label_dy = alloc(L, L->m, sizeof(double));
	for (size_t e = 0; e < L->m; e++) {
		const struct route *rt = &L->routes[e];
		const struct qms_lay_edge *ed = &L->l->edges[e];
		if (rt->kind == ROUTE_NONE)
			continue;
		double label = ed->lw > 0 ? ed->lw + 2 * LABEL_GAP + 2 : 0;
		if (rt->kind == ROUTE_SELF) {
			need_side(L, ed->tail, rt->t.side, TURN + label);
			continue;
		}
		need_side(L, ed->tail, rt->t.side, label > TURN ? label : TURN);
		need_side(L, ed->head, rt->h.side, TURN);
	}
	side_labels(L);
	struct labelled *buf = alloc(L, L->m, sizeof(*buf));
	for (size_t v = 0; v < L->n; v++) {
		bottom_labels(L, v, buf);
		max_into(&L->band_need[v], L->l->nodes[v].h);
		/* a turn beside clears the labels below */
		double half = L->l->nodes[v].w / 2;
		if (L->ext_r[v] > 0 && L->pad_r[v] > 0)
			max_into(&L->pad_r[v], L->ext_r[v] + 2 * LABEL_GAP - half);
		if (L->ext_l[v] > 0 && L->pad_l[v] > 0)
			max_into(&L->pad_l[v], L->ext_l[v] + 2 * LABEL_GAP - half);
	}
}

static double slot_width(struct lay *L, size_t s, const double *lext, const double *rext)
{
	size_t lane = L->slot_lane[s], i = s - L->slot_base[lane];
	if (slot_is_col(L, s))
		return lext[slot_col(L, s)] + rext[slot_col(L, s)];
	double min = i == 0 || i == 2 * L->ncols[lane] ? GAP_MARGIN : GAP_INNER;
	double tracks = TRACK_SEP * (double)(L->gap_tracks[s] + 1);
	return tracks > min ? tracks : min;
}

static void place_x(struct lay *L)
{
	double *lext = alloc(L, L->ncols_total, sizeof(double)), *rext = alloc(L, L->ncols_total, sizeof(double));
	for (size_t c = 0; c < L->ncols_total; c++)
		lext[c] = rext[c] = 10;
	for (size_t v = 0; v < L->n; v++) {
		if (is_bar(L, v))
			continue;
		size_t c = L->first_col[L->l->nodes[v].lane] + L->col[v];
		double half = L->l->nodes[v].w / 2;
		max_into(&lext[c], half + L->pad_l[v]);
		max_into(&rext[c], half + L->pad_r[v]);
		max_into(&rext[c], L->ext_r[v]);
		max_into(&lext[c], L->ext_l[v]);
	}
	L->slot_x0 = alloc(L, L->nslots, sizeof(double));
	L->slot_x1 = alloc(L, L->nslots, sizeof(double));
	L->col_lext = lext;
	L->l->lane_x0 = alloc(L, L->l->nlanes, sizeof(double));
	L->l->lane_x1 = alloc(L, L->l->nlanes, sizeof(double));
	double x = 0;
	for (size_t lane = 0; lane < L->l->nlanes; lane++) {
		size_t first = L->slot_base[lane], last = first + 2 * L->ncols[lane];
		double width = 0;
		for (size_t s = first; s <= last; s++)
			width += slot_width(L, s, lext, rext);
		double extra = L->l->lane_min_w && L->l->lane_min_w[lane] > width ? L->l->lane_min_w[lane] - width : 0;
		L->l->lane_x0[lane] = x;
		for (size_t s = first; s <= last; s++) {
			double w = slot_width(L, s, lext, rext) + (s == first || s == last ? extra / 2 : 0);
			L->slot_x0[s] = x;
			x += w;
			L->slot_x1[s] = x;
		}
		L->l->lane_x1[lane] = x;
	}
	for (size_t v = 0; v < L->n; v++)
		if (!is_bar(L, v))
			L->l->nodes[v].x =
				L->slot_x0[node_slot(L, v)] + lext[L->first_col[L->l->nodes[v].lane] + L->col[v]];
}

static double track_x(const struct lay *L, size_t slot, size_t track)
{
	size_t lane = L->slot_lane[slot], i = slot - L->slot_base[lane];
	if (i == 0)
		return L->slot_x1[slot] - TRACK_SEP * (double)(track + 1);
	if (i == 2 * L->ncols[lane])
		return L->slot_x0[slot] + TRACK_SEP * (double)(track + 1);
	double mid = (L->slot_x0[slot] + L->slot_x1[slot]) / 2;
	return mid + ((double)track - (double)(L->gap_tracks[slot] - 1) / 2) * TRACK_SEP;
}

static void run_x(struct lay *L)
{
	for (size_t e = 0; e < L->m; e++) {
		struct route *rt = &L->routes[e];
		if (rt->kind != ROUTE_LONG && rt->kind != ROUTE_LOOP)
			continue;
		if (slot_is_col(L, rt->slot))
			rt->vx = L->slot_x0[rt->slot] + L->col_lext[slot_col(L, rt->slot)];
		else
			rt->vx = track_x(L, rt->slot, rt->track);
	}
}

/* ---- 6. ports across ---- */

struct endref {
	struct end *end;
	size_t edge;
	double want; /* where the edge would like to meet the side */
};

static int cmp_endref(const void *a, const void *b)
{
	const struct endref *x = a, *y = b;
	if (x->want != y->want)
		return x->want < y->want ? -1 : 1;
	return (x->edge > y->edge) - (x->edge < y->edge);
}

static double turn_x(const struct lay *L, size_t v, int side)
{
	const struct qms_lay_node *n = &L->l->nodes[v];
	return side == SIDE_LEFT ? n->x - n->w / 2 - L->pad_l[v] : n->x + n->w / 2 + L->pad_r[v];
}

/* Where an edge leaves its tail downwards: its bottom port, or the turn
 * of its side port. */
static double exit_x(const struct lay *L, size_t e)
{
	const struct route *rt = &L->routes[e];
	return rt->t.side == SIDE_BOTTOM ? rt->t.x : rt->t.turn;
}

/* Where an edge comes down into its head: its top port, or the turn of
 * its side port. */
static double entry_x(const struct lay *L, size_t e)
{
	const struct route *rt = &L->routes[e];
	return rt->h.side == SIDE_TOP ? rt->h.x : rt->h.turn;
}

/* Ports along the top or bottom of v: one in the middle; several spread,
 * in the order of where their edges come from or go, the one that comes
 * straight in the middle. A diamond takes every edge at its corner. */
static void spread_across(const struct lay *L, size_t v, struct endref *ends, size_t k)
{
	const struct qms_lay_node *n = &L->l->nodes[v];
	double half = n->shape == QMS_LAY_BOX ? n->w / 2 - 8 : n->shape == QMS_LAY_ELLIPSE ? n->w * 0.3 : 0;
	qsort(ends, k, sizeof(*ends), cmp_endref);
	size_t anchor = SIZE_MAX;
	for (size_t i = 0; i < k && anchor == SIZE_MAX; i++)
		if (fabs(ends[i].want - n->x) < 0.5)
			anchor = i;
	if (k == 1 || half <= 0) {
		for (size_t i = 0; i < k; i++)
			ends[i].end->x = n->x;
		return;
	}
	if (anchor == SIZE_MAX) {
		double sp = 2 * half / (double)(k - 1);
		sp = sp < PORT_SEP ? sp : PORT_SEP;
		for (size_t i = 0; i < k; i++)
			ends[i].end->x = n->x + ((double)i - (double)(k - 1) / 2) * sp;
		return;
	}
	size_t most = anchor > k - 1 - anchor ? anchor : k - 1 - anchor;
	double sp = half / (double)most;
	sp = sp < PORT_SEP ? sp : PORT_SEP;
	for (size_t i = 0; i < k; i++)
		ends[i].end->x = n->x + ((double)i - (double)anchor) * sp;
}

/* The forward ends on the bottom (tails) or top (heads) of a node. */
static size_t flow_ends(struct lay *L, size_t v, bool tails, struct endref *out)
{
	const size_t *start = tails ? L->out_start : L->in_start, *es = tails ? L->out_e : L->in_e;
	size_t k = 0;
	for (size_t i = start[v]; i < start[v + 1]; i++) {
		size_t e = es[i];
		struct route *rt = &L->routes[e];
		if (rt->kind != ROUTE_HOP && rt->kind != ROUTE_LONG)
			continue;
		if (tails ? rt->t.side != SIDE_BOTTOM : rt->h.side != SIDE_TOP)
			continue;
		const struct qms_lay_edge *ed = &L->l->edges[e];
		size_t other = tails ? ed->head : ed->tail;
		double want = rt->kind == ROUTE_LONG ? rt->vx
			      : is_bar(L, other)     ? L->l->nodes[v].x
			      : tails                ? L->l->nodes[other].x
						     : exit_x(L, e);
		out[k++] = (struct endref){tails ? &rt->t : &rt->h, e, want};
	}
	return k;
}

static void set_turns(struct lay *L, bool bars)
{
	for (size_t e = 0; e < L->m; e++) {
		struct route *rt = &L->routes[e];
		if (rt->kind == ROUTE_NONE)
			continue;
		const struct qms_lay_edge *ed = &L->l->edges[e];
		if (is_bar(L, ed->tail) == bars && (rt->t.side == SIDE_LEFT || rt->t.side == SIDE_RIGHT))
			rt->t.turn = turn_x(L, ed->tail, rt->t.side);
		if (is_bar(L, ed->head) == bars && (rt->h.side == SIDE_LEFT || rt->h.side == SIDE_RIGHT))
			rt->h.turn = turn_x(L, ed->head, rt->h.side);
	}
}

/* Where a run in `slot` meets bar b: straight above or below it when the
 * bar spans that slot, else near the end of the bar's outermost column on
 * that side (the edge jogs there in the channel beside the bar). */
static double bar_port(const struct lay *L, size_t b, size_t slot, double vx)
{
	const struct bar_cover *c = NULL;
	for (size_t i = 0; i < L->nbars && !c; i++)
		if (L->bars[i].node == b)
			c = &L->bars[i];
	if (slot < c->lo)
		return L->slot_x0[c->lo] + 6;
	if (slot > c->hi)
		return L->slot_x1[c->hi] - 6;
	return vx;
}

/* A bar: wherever its edges meet it, and as wide as they are apart. */
static void stretch_bar(struct lay *L, size_t b)
{
	double lo = INFINITY, hi = -INFINITY;
	for (int tails = 1; tails >= 0; tails--) {
		const size_t *start = tails ? L->out_start : L->in_start, *es = tails ? L->out_e : L->in_e;
		for (size_t i = start[b]; i < start[b + 1]; i++) {
			size_t e = es[i];
			struct route *rt = &L->routes[e];
			const struct qms_lay_edge *ed = &L->l->edges[e];
			size_t other = tails ? ed->head : ed->tail;
			struct end *end = tails ? &rt->t : &rt->h;
			if (rt->kind != ROUTE_HOP && rt->kind != ROUTE_LONG)
				continue;
			if (rt->kind == ROUTE_LONG)
				end->x = bar_port(L, b, rt->slot, rt->vx);
			else if (is_bar(L, other))
				continue;
			else
				end->x = tails ? rt->h.x : exit_x(L, e);
			lo = end->x < lo ? end->x : lo;
			hi = end->x > hi ? end->x : hi;
		}
	}
	struct qms_lay_node *n = &L->l->nodes[b];
	if (lo > hi)
		lo = hi = L->slot_x0[L->slot_base[n->lane] + 1] + L->col_lext[L->first_col[n->lane]];
	n->x = (lo + hi) / 2;
	n->w = hi - lo + 2 * BAR_PAD;
	if (n->w < BAR_MIN)
		n->w = BAR_MIN;
}

static void place_ports_x(struct lay *L)
{
	size_t maxdeg = 1;
	for (size_t v = 0; v < L->n; v++) {
		size_t d = L->in_start[v + 1] - L->in_start[v] + L->out_start[v + 1] - L->out_start[v];
		maxdeg = d > maxdeg ? d : maxdeg;
	}
	struct endref *ends = alloc(L, maxdeg, sizeof(*ends));
	set_turns(L, false);
	for (int tails = 1; tails >= 0; tails--)
		for (size_t v = 0; v < L->n; v++)
			if (!is_bar(L, v))
				spread_across(L, v, ends, flow_ends(L, v, tails, ends));
	for (size_t v = 0; v < L->n; v++)
		if (is_bar(L, v))
			stretch_bar(L, v);
	for (size_t e = 0; e < L->m; e++) { /* from a bar to a bar: within both, jogging between */
		const struct qms_lay_edge *ed = &L->l->edges[e];
		if (L->routes[e].kind != ROUTE_HOP || !is_bar(L, ed->tail) || !is_bar(L, ed->head))
			continue;
		const struct qms_lay_node *t = &L->l->nodes[ed->tail], *h = &L->l->nodes[ed->head];
		L->routes[e].t.x = fmin(fmax(h->x, t->x - t->w / 2 + BAR_PAD), t->x + t->w / 2 - BAR_PAD);
		L->routes[e].h.x = fmin(fmax(L->routes[e].t.x, h->x - h->w / 2 + BAR_PAD), h->x + h->w / 2 - BAR_PAD);
	}
	set_turns(L, true);
}

/* ---- 7. channels ---- */

static size_t add_seg(struct lay *L, size_t e, size_t ch, double xa, int da, double xb, int db)
{
	if (fabs(xa - xb) < 0.5)
		return SIZE_MAX;
	if (L->nsegs == L->segs_cap) {
		L->segs_cap = L->segs_cap ? 2 * L->segs_cap : 32;
		struct seg *grown = alloc(L, L->segs_cap, sizeof(*grown));
		if (L->nsegs)
			memcpy(grown, L->segs, L->nsegs * sizeof(*grown));
		L->segs = grown;
	}
	L->segs[L->nsegs] = (struct seg){e, ch, xa < xb ? xa : xb, xa < xb ? xb : xa, {xa, xb}, {da, db}, 0, 0};
	return L->nsegs++;
}

/* The horizontal segments of every edge, in the channels (the one above
 * rank c is channel c). Pins: -1 the vertical piece goes up, +1 down. */
static void make_segments(struct lay *L)
{
	for (size_t e = 0; e < L->m; e++) {
		struct route *rt = &L->routes[e];
		const struct qms_lay_edge *ed = &L->l->edges[e];
		size_t r = rt->kind == ROUTE_NONE ? 0 : L->rank[ed->tail],
		       s = rt->kind == ROUTE_NONE ? 0 : L->rank[ed->head];
		if (rt->kind == ROUTE_HOP) {
			rt->seg[0] = add_seg(L, e, s, exit_x(L, e), -1, entry_x(L, e), 1);
		} else if (rt->kind == ROUTE_LONG) {
			if (!rt->t.direct)
				rt->seg[0] = add_seg(L, e, r + 1, exit_x(L, e), -1, rt->vx, 1);
			if (!rt->h.direct)
				rt->seg[1] = add_seg(L, e, s, rt->vx, -1, entry_x(L, e), 1);
		} else if (rt->kind == ROUTE_LOOP) {
			bool up = s <= r;
			if (!rt->t.direct)
				rt->seg[0] =
					add_seg(L, e, up ? r : r + 1, rt->t.turn, up ? 1 : -1, rt->vx, up ? -1 : 1);
			if (!rt->h.direct)
				rt->seg[1] =
					add_seg(L, e, up ? s + 1 : s, rt->vx, up ? 1 : -1, rt->h.turn, up ? -1 : 1);
		}
	}
}

static bool strictly_in(double x, const struct seg *s)
{
	return x > s->x0 + 0.5 && x < s->x1 - 0.5;
}

/* Crossings caused by putting a above b in one channel. */
static int above_cost(const struct seg *a, const struct seg *b)
{
	int c = 0;
	for (int i = 0; i < 2; i++) {
		c += a->pin_dir[i] > 0 && strictly_in(a->pin_x[i], b);
		c += b->pin_dir[i] < 0 && strictly_in(b->pin_x[i], a);
	}
	return c;
}

/* Order the segments of one channel top to bottom: repeatedly the one that
 * crosses least by going above all the others left; then give each the
 * track below every earlier one it overlaps. */
static size_t order_channel(struct lay *L, size_t *idx, size_t k)
{
	for (size_t i = 0; i < k && k <= 48; i++) {
		size_t best = i;
		long best_score = LONG_MAX;
		for (size_t a = i; a < k; a++) {
			long score = 0;
			for (size_t b = i; b < k; b++)
				if (a != b)
					score += above_cost(&L->segs[idx[a]], &L->segs[idx[b]]) -
						 above_cost(&L->segs[idx[b]], &L->segs[idx[a]]);
			if (score < best_score) {
				best = a;
				best_score = score;
			}
		}
		size_t t = idx[i];
		idx[i] = idx[best];
		idx[best] = t;
	}
	size_t tracks = 0;
	for (size_t i = 0; i < k; i++) {
		struct seg *a = &L->segs[idx[i]];
		a->track = 0;
		for (size_t j = 0; j < i; j++) {
			const struct seg *b = &L->segs[idx[j]];
			if (a->x0 < b->x1 + TRACK_SEP && b->x0 < a->x1 + TRACK_SEP && b->track + 1 > a->track)
				a->track = b->track + 1;
		}
		if (a->track + 1 > tracks)
			tracks = a->track + 1;
	}
	return tracks;
}

struct seg_key {
	size_t channel;
	double x0;
	size_t edge, index;
};

static int cmp_seg_key(const void *pa, const void *pb)
{
	const struct seg_key *a = pa, *b = pb;
	if (a->channel != b->channel)
		return a->channel < b->channel ? -1 : 1;
	if (a->x0 != b->x0)
		return a->x0 < b->x0 ? -1 : 1;
	if (a->edge != b->edge)
		return a->edge < b->edge ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

static void assign_channel_tracks(struct lay *L)
{
	L->chan_tracks = alloc(L, L->nranks + 1, sizeof(size_t));
	size_t *idx = alloc(L, L->nsegs, sizeof(size_t));
	struct seg_key *keys = alloc(L, L->nsegs, sizeof(*keys));
	for (size_t i = 0; i < L->nsegs; i++)
		keys[i] = (struct seg_key){L->segs[i].channel, L->segs[i].x0, L->segs[i].edge, i};
	if (L->nsegs)
		qsort(keys, L->nsegs, sizeof(*keys), cmp_seg_key);
	for (size_t i = 0; i < L->nsegs; i++)
		idx[i] = keys[i].index;
	for (size_t i = 0; i < L->nsegs;) {
		size_t j = i, ch = L->segs[idx[i]].channel;
		while (j < L->nsegs && L->segs[idx[j]].channel == ch)
			j++;
		if (ch <= L->nranks)
			L->chan_tracks[ch] = order_channel(L, idx + i, j - i);
		i = j;
	}
}

/* ---- 8. y ---- */

static void place_y(struct lay *L)
{
	size_t R = L->nranks;
	double *band = alloc(L, R, sizeof(double));
	L->chan_zone = alloc(L, R + 1, sizeof(double));
	for (size_t v = 0; v < L->n; v++)
		max_into(&band[L->rank[v]], L->band_need[v]);
	for (size_t e = 0; e < L->m; e++) { /* labels below a node hang into the channel */
		const struct qms_lay_edge *ed = &L->l->edges[e];
		if (ed->lw <= 0 || L->routes[e].kind == ROUTE_NONE || L->routes[e].t.side != SIDE_BOTTOM)
			continue;
		size_t r = L->rank[ed->tail];
		double below = (band[r] - L->l->nodes[ed->tail].h) / 2;
		max_into(&L->chan_zone[r + 1], LABEL_GAP + L->label_dy[e] + ed->lh + 3 - below);
	}
	L->chan_y0 = alloc(L, R + 1, sizeof(double));
	L->chan_y1 = alloc(L, R + 1, sizeof(double));
	L->band_y0 = alloc(L, R, sizeof(double));
	L->band_y1 = alloc(L, R, sizeof(double));
	L->l->header_y = HEADER_INSET + L->l->header_h / 2;
	double y = L->l->header_h + 2 * HEADER_INSET;
	for (size_t c = 0; c <= R; c++) {
		size_t t = L->chan_tracks[c];
		double h = L->chan_zone[c] + (t ? CHANNEL_TOP + (double)(t - 1) * TRACK_SEP + CHANNEL_BOTTOM : 6);
		double min = c == R ? 14 : CHANNEL_MIN;
		L->chan_y0[c] = y;
		y += h > min ? h : min;
		L->chan_y1[c] = y;
		if (c < R) {
			L->band_y0[c] = y;
			y += band[c];
			L->band_y1[c] = y;
		}
	}
	L->l->height = y;
	for (size_t v = 0; v < L->n; v++)
		L->l->nodes[v].y = (L->band_y0[L->rank[v]] + L->band_y1[L->rank[v]]) / 2;
	for (size_t i = 0; i < L->nsegs; i++) {
		struct seg *s = &L->segs[i];
		s->y = L->chan_y0[s->channel] + L->chan_zone[s->channel] + CHANNEL_TOP + (double)s->track * TRACK_SEP;
	}
}

/* ---- 9. ports along, paths, labels ---- */

/* How far the border of a node is from its centre along one axis, at d
 * from the centre along the other: `half` and `other` are half its size on
 * those axes. */
static double border_reach(enum qms_lay_shape shape, double half, double other, double d)
{
	double q = fabs(d) / other;
	q = q > 1 ? 1 : q;
	if (shape == QMS_LAY_ELLIPSE)
		return half * sqrt(1 - q * q);
	if (shape == QMS_LAY_DIAMOND)
		return half * (1 - q);
	return half;
}

/* The border of node n above (side TOP) or below its centre at x. */
static double border_y(const struct qms_lay_node *n, double x, int side)
{
	return n->y + (side == SIDE_TOP ? -1 : 1) * border_reach(n->shape, n->h / 2, n->w / 2, x - n->x);
}

/* The border of node n left (side LEFT) or right of its centre at y. */
static double border_x(const struct qms_lay_node *n, double y, int side)
{
	return n->x + (side == SIDE_LEFT ? -1 : 1) * border_reach(n->shape, n->w / 2, n->h / 2, y - n->y);
}

/* Whether the edge at this end goes on upwards from the side port. */
static bool end_goes_up(const struct lay *L, size_t e, bool tail)
{
	const struct qms_lay_edge *ed = &L->l->edges[e];
	if (L->routes[e].kind != ROUTE_LOOP)
		return false; /* a forward edge leaving by a side turns down */
	bool up = L->rank[ed->head] <= L->rank[ed->tail];
	return tail ? up : !up;
}

struct side_end {
	struct end *end;
	int up; /* 0 goes up, 1 goes down: the upper ports for those going up */
	size_t edge;
};

static int cmp_side_end(const void *a, const void *b)
{
	const struct side_end *x = a, *y = b;
	if (x->up != y->up)
		return x->up < y->up ? -1 : 1;
	return (x->edge > y->edge) - (x->edge < y->edge);
}

static void spread_along(struct lay *L, size_t v, int side, struct side_end *ends)
{
	const struct qms_lay_node *n = &L->l->nodes[v];
	size_t k = 0;
	for (int tail = 0; tail < 2; tail++) {
		const size_t *start = tail ? L->out_start : L->in_start, *es = tail ? L->out_e : L->in_e;
		for (size_t i = start[v]; i < start[v + 1]; i++) {
			size_t e = es[i];
			struct route *rt = &L->routes[e];
			struct end *end = tail ? &rt->t : &rt->h;
			if (rt->kind == ROUTE_NONE || rt->kind == ROUTE_SELF || end->side != side)
				continue;
			ends[k++] = (struct side_end){end, end_goes_up(L, e, tail) ? 0 : 1, e};
		}
	}
	qsort(ends, k, sizeof(*ends), cmp_side_end);
	double room = n->shape == QMS_LAY_DIAMOND ? 0 : n->h * 0.6;
	double sp = k > 1 ? room / (double)(k - 1) : 0;
	sp = sp < PORT_SEP ? sp : PORT_SEP;
	for (size_t i = 0; i < k; i++) {
		ends[i].end->y = n->y + ((double)i - (double)(k - 1) / 2) * sp;
		ends[i].end->x = border_x(n, ends[i].end->y, side);
	}
}

static void place_ports_y(struct lay *L)
{
	size_t maxdeg = 1;
	for (size_t v = 0; v < L->n; v++) {
		size_t d = L->in_start[v + 1] - L->in_start[v] + L->out_start[v + 1] - L->out_start[v];
		maxdeg = d > maxdeg ? d : maxdeg;
	}
	struct side_end *ends = alloc(L, maxdeg, sizeof(*ends));
	for (size_t v = 0; v < L->n; v++) {
		spread_along(L, v, SIDE_LEFT, ends);
		spread_along(L, v, SIDE_RIGHT, ends);
	}
	for (size_t e = 0; e < L->m; e++) {
		struct route *rt = &L->routes[e];
		const struct qms_lay_edge *ed = &L->l->edges[e];
		if (rt->kind == ROUTE_NONE)
			continue;
		if (rt->t.side == SIDE_BOTTOM || rt->t.side == SIDE_TOP)
			rt->t.y = border_y(&L->l->nodes[ed->tail], rt->t.x, rt->t.side);
		if (rt->h.side == SIDE_BOTTOM || rt->h.side == SIDE_TOP)
			rt->h.y = border_y(&L->l->nodes[ed->head], rt->h.x, rt->h.side);
	}
}

struct path {
	struct qms_lay_point p[16];
	size_t n;
};

/* Append a corner, dropping repeats and points on a straight line. */
static void path_add(struct path *p, double x, double y)
{
	if (p->n && fabs(p->p[p->n - 1].x - x) < 0.01 && fabs(p->p[p->n - 1].y - y) < 0.01)
		return;
	if (p->n >= 2) {
		struct qms_lay_point a = p->p[p->n - 2], b = p->p[p->n - 1];
		if ((fabs(a.x - b.x) < 0.01 && fabs(b.x - x) < 0.01) ||
		    (fabs(a.y - b.y) < 0.01 && fabs(b.y - y) < 0.01)) {
			p->p[p->n - 1] = (struct qms_lay_point){x, y};
			return;
		}
	}
	if (p->n < QMS_ARRAY_LEN(p->p))
		p->p[p->n++] = (struct qms_lay_point){x, y};
}

static double seg_y(const struct lay *L, size_t seg)
{
	return L->segs[seg].y;
}

static void forward_path(struct lay *L, size_t e, struct path *p)
{
	const struct route *rt = &L->routes[e];
	path_add(p, rt->t.x, rt->t.y);
	double x = exit_x(L, e), xi = rt->h.direct ? rt->vx : entry_x(L, e);
	if (rt->t.side != SIDE_BOTTOM) {
		x = rt->t.direct ? rt->vx : x;
		path_add(p, x, rt->t.y);
	}
	if (rt->kind == ROUTE_LONG && rt->seg[0] != SIZE_MAX) {
		path_add(p, x, seg_y(L, rt->seg[0]));
		path_add(p, rt->vx, seg_y(L, rt->seg[0]));
	}
	if (rt->kind == ROUTE_LONG)
		x = rt->vx;
	size_t last = rt->kind == ROUTE_LONG ? rt->seg[1] : rt->seg[0];
	if (last != SIZE_MAX) {
		path_add(p, x, seg_y(L, last));
		path_add(p, xi, seg_y(L, last));
		x = xi;
	}
	if (rt->h.side != SIDE_TOP)
		path_add(p, x, rt->h.y);
	path_add(p, rt->h.x, rt->h.y);
}

static void loop_path(struct lay *L, size_t e, struct path *p)
{
	const struct route *rt = &L->routes[e];
	path_add(p, rt->t.x, rt->t.y);
	if (rt->t.direct || rt->seg[0] == SIZE_MAX) {
		path_add(p, rt->vx, rt->t.y);
	} else {
		path_add(p, rt->t.turn, rt->t.y);
		path_add(p, rt->t.turn, seg_y(L, rt->seg[0]));
		path_add(p, rt->vx, seg_y(L, rt->seg[0]));
	}
	if (rt->h.direct || rt->seg[1] == SIZE_MAX) {
		path_add(p, rt->vx, rt->h.y);
	} else {
		path_add(p, rt->vx, seg_y(L, rt->seg[1]));
		path_add(p, rt->h.turn, seg_y(L, rt->seg[1]));
		path_add(p, rt->h.turn, rt->h.y);
	}
	path_add(p, rt->h.x, rt->h.y);
}

/* A loop to itself in the lower half of the side: the side stubs of other
 * edges and their labels are at the middle and above. */
static void self_path(struct lay *L, size_t e, struct path *p)
{
	size_t v = L->l->edges[e].tail;
	const struct qms_lay_node *n = &L->l->nodes[v];
	int side = L->routes[e].t.side;
	double turn = n->x + (side == SIDE_LEFT ? -1 : 1) * (n->w / 2 + TURN);
	double y0 = n->y + n->h / 8, y1 = n->y + 3 * n->h / 8;
	path_add(p, border_x(n, y0, side), y0);
	path_add(p, turn, y0);
	path_add(p, turn, y1);
	path_add(p, border_x(n, y1, side), y1);
	L->routes[e].t.turn = turn;
}

static void place_label(struct lay *L, size_t e)
{
	struct qms_lay_edge *ed = &L->l->edges[e];
	const struct route *rt = &L->routes[e];
	if (ed->lw <= 0)
		return;
	if (rt->kind == ROUTE_SELF) {
		const struct qms_lay_node *n = &L->l->nodes[ed->tail];
		ed->lx = rt->t.turn + (rt->t.side == SIDE_LEFT ? -1 : 1) * (LABEL_GAP + ed->lw / 2);
		ed->ly = n->y + n->h / 4;
	} else if (rt->t.side == SIDE_BOTTOM || rt->t.side == SIDE_TOP) {
		double s = L->label_side[e] == SIDE_LEFT ? -1 : 1;
		ed->lx = rt->t.x + s * (LABEL_GAP + ed->lw / 2);
		ed->ly = rt->t.y + (rt->t.side == SIDE_BOTTOM ? 1 : -1) * (LABEL_GAP + L->label_dy[e] + ed->lh / 2);
	} else {
		double s = rt->t.side == SIDE_LEFT ? -1 : 1, top = rt->t.y;
		size_t v = ed->tail;
		for (int tail = 0; tail < 2; tail++) { /* above the highest port on that side */
			const size_t *start = tail ? L->out_start : L->in_start, *es = tail ? L->out_e : L->in_e;
			for (size_t i = start[v]; i < start[v + 1]; i++) {
				const struct route *o = &L->routes[es[i]];
				const struct end *end = tail ? &o->t : &o->h;
				if (o->kind != ROUTE_NONE && o->kind != ROUTE_SELF && end->side == rt->t.side &&
				    end->y < top)
					top = end->y;
			}
		}
		ed->lx = border_x(&L->l->nodes[v], top, rt->t.side) + s * (LABEL_GAP + ed->lw / 2);
		ed->ly = top - LABEL_GAP - L->label_dy[e] - ed->lh / 2;
	}
}

#define ARROW_ROOM 9.0 /* straight at the end: an arrowhead and a little */
#define ROUND 6.0 /* radius of a rounded corner */
#define BEND_MAX 30.0 /* how far along its verticals an S-bend reaches */

struct bez {
	struct qms_lay_point *p;
	size_t n;
};

static void bez_line(struct bez *b, struct qms_lay_point to)
{
	struct qms_lay_point a = b->p[b->n - 1];
	b->p[b->n++] = (struct qms_lay_point){a.x + (to.x - a.x) / 3, a.y + (to.y - a.y) / 3};
	b->p[b->n++] = (struct qms_lay_point){a.x + 2 * (to.x - a.x) / 3, a.y + 2 * (to.y - a.y) / 3};
	b->p[b->n++] = to;
}

static void bez_curve(struct bez *b, struct qms_lay_point c1, struct qms_lay_point c2, struct qms_lay_point to)
{
	b->p[b->n++] = c1;
	b->p[b->n++] = c2;
	b->p[b->n++] = to;
}

static struct qms_lay_point along(struct qms_lay_point from, struct qms_lay_point to, double d)
{
	double dx = to.x - from.x, dy = to.y - from.y, len = sqrt(dx * dx + dy * dy);
	if (len < 1e-9)
		return from;
	return (struct qms_lay_point){from.x + dx / len * d, from.y + dy / len * d};
}

static double seg_len(struct qms_lay_point a, struct qms_lay_point b)
{
	return fabs(a.x - b.x) + fabs(a.y - b.y); /* orthogonal */
}

/* How far a bend may reach up (toward smaller y) and down from a
 * horizontal piece at y: inside its channel, below the labels at its
 * top; 0 when y is not in a channel (a stub beside a node). */
static void bend_room(const struct lay *L, double y, double *up, double *down)
{
	*up = *down = 0;
	for (size_t c = 0; c <= L->nranks; c++)
		if (y > L->chan_y0[c] && y < L->chan_y1[c]) {
			*up = y - (L->chan_y0[c] + L->chan_zone[c]) - 1;
			*down = L->chan_y1[c] - y - 1;
			*up = *up > 0 ? *up : 0;
		}
}

/* The Bézier of a polyline: straight, or with curves in the free space
 * its corners already use. */
static void make_bezier(struct lay *L, struct qms_lay_edge *ed)
{
	size_t n = ed->npts;
	struct bez b = {alloc(L, 6 * n + 1, sizeof(struct qms_lay_point)), 1}; /* a line and a curve per corner */
	b.p[0] = ed->pts[0];
	const struct qms_lay_point *p = ed->pts;
	for (size_t i = 1; i < n; i++) {
		bool last = i + 1 == n;
		/* a horizontal jog between two verticals: one S- or U-bend */
		if (L->l->curved && i + 2 < n && fabs(p[i].y - p[i + 1].y) < 0.01) {
			double up, down;
			bend_room(L, p[i].y, &up, &down);
			double room1 = p[i - 1].y < p[i].y ? up : down, room2 = p[i + 2].y < p[i + 1].y ? up : down;
			double l1 = seg_len(p[i - 1], p[i]), l2 = seg_len(p[i + 1], p[i + 2]);
			double d1 = fmin(fmin(l1 / 2, room1), BEND_MAX);
			double d2 = fmin(fmin(i + 2 == n - 1 ? l2 - ARROW_ROOM : l2 / 2, room2), BEND_MAX);
			if (d1 > 2 && d2 > 2) {
				bez_line(&b, along(p[i], p[i - 1], d1));
				bez_curve(&b, p[i], p[i + 1], along(p[i + 1], p[i + 2], d2));
				i++;
				continue;
			}
		}
		if (L->l->curved && !last) { /* any other corner: rounded */
			double r = fmin(fmin(ROUND, seg_len(p[i - 1], p[i]) / 2),
					i + 1 == n - 1 ? seg_len(p[i], p[i + 1]) - ARROW_ROOM
						       : seg_len(p[i], p[i + 1]) / 2);
			if (r > 1) {
				struct qms_lay_point a = along(p[i], p[i - 1], r), z = along(p[i], p[i + 1], r);
				bez_line(&b, a);
				bez_curve(&b, along(a, p[i], r * 0.55), along(z, p[i], r * 0.55), z);
				continue;
			}
		}
		bez_line(&b, p[i]);
	}
	ed->bez = b.p;
	ed->nbez = b.n;
}

static void build_paths(struct lay *L)
{
	for (size_t e = 0; e < L->m; e++) {
		struct qms_lay_edge *ed = &L->l->edges[e];
		struct path p = {.n = 0};
		ed->pts = NULL;
		ed->npts = 0;
		switch (L->routes[e].kind) {
		case ROUTE_HOP:
		case ROUTE_LONG: forward_path(L, e, &p); break;
		case ROUTE_LOOP: loop_path(L, e, &p); break;
		case ROUTE_SELF: self_path(L, e, &p); break;
		default: continue;
		}
		ed->pts = alloc(L, p.n, sizeof(*ed->pts));
		memcpy(ed->pts, p.p, p.n * sizeof(*ed->pts));
		ed->npts = p.n;
		make_bezier(L, ed);
		place_label(L, e);
	}
}

void qms_lay_run(struct qms_lay *l)
{
	struct lay L = {.l = l, .a = &l->arena, .n = l->nnodes, .m = l->nedges};
	if (!l->nlanes)
		l->nlanes = 1;
	for (size_t v = 0; v < L.n; v++)
		if (l->nodes[v].lane >= l->nlanes)
			l->nodes[v].lane = l->nlanes - 1;
	build_adjacency(&L);
	break_cycles(&L);
	assign_ranks(&L);
	assign_columns(&L);
	route_all(&L);
	assign_gap_tracks(&L);
	reserve_room(&L);
	place_x(&L);
	run_x(&L);
	place_ports_x(&L);
	make_segments(&L);
	assign_channel_tracks(&L);
	place_y(&L);
	place_ports_y(&L);
	build_paths(&L);
}

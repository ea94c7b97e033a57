/* The cache of diagrams (render.h, qms_render_cache_new()): what the
 * batch (render-batch.c) asks of it. Not thread-safe: the calling process
 * only, between its workers' runs. */
#ifndef QMS_RENDER_CACHE_H
#define QMS_RENDER_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render.h"

/* A digest of DOT text (two independent 64-bit hashes). */
struct qms_render_digest {
	uint64_t a, b;
};

struct qms_render_digest qms_render_digest_of(const char *text, size_t len);

/* The bytes of diagram `name` when it was made from text with digest d
 * (owned by c, valid until the next put or prune), else NULL. */
const char *qms_render_cache_get(struct qms_render_cache *c, const char *name, struct qms_render_digest d, size_t *len);
/* Keep the bytes of diagram `name` made from text with digest d (copied;
 * bytes NULL: the digest only, for qms_render_cache_same()). */
void qms_render_cache_put(struct qms_render_cache *c, const char *name, struct qms_render_digest d, const char *bytes,
			  size_t len);
/* Whether `name` was kept with digest d (then it counts as used). */
bool qms_render_cache_same(struct qms_render_cache *c, const char *name, struct qms_render_digest d);
/* Whether `name` was kept or found since the last prune. */
bool qms_render_cache_current(struct qms_render_cache *c, const char *name);
/* Whether `name` was kept (then it counts as used). */
bool qms_render_cache_touch(struct qms_render_cache *c, const char *name);
/* Whether `name` was kept with its bytes: then it counts as used, and *d
 * is the digest it was kept with. */
bool qms_render_cache_reuse(struct qms_render_cache *c, const char *name, struct qms_render_digest *d);
/* The bytes of `name` when it was kept or found since the last prune, and
 * the digest it was kept with (*d); else NULL. */
const char *qms_render_cache_kept(struct qms_render_cache *c, const char *name, struct qms_render_digest *d,
				  size_t *len);

#endif

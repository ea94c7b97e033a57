/* The cache of diagrams of a long-lived process (render.h, render-cache.h). */
#include "render-cache.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct slot {
	char *name; /* owned */
	struct qms_render_digest digest;
	char *bytes; /* owned */
	size_t len;
	bool used; /* since the last prune */
};

struct qms_render_cache {
	struct slot *slots;
	size_t len, cap;
	struct qms_strmap by_name; /* name -> index in slots */
	size_t hits, made;
};

static uint64_t mix(uint64_t x)
{
	/* the finaliser of MurmurHash3 */
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

struct qms_render_digest qms_render_digest_of(const char *text, size_t len)
{
	/* two independent 64-bit lanes over 8 bytes at a time (a page of
	 * qms serve is digested at each build: byte by byte was a sixth of
	 * its time); a collision of both on two texts of one file is not a
	 * concern */
	uint64_t a = 0x9e3779b97f4a7c15ull ^ len, b = 0xc2b2ae3d27d4eb4full + len;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, text + i, 8);
		a = (a ^ w) * 0x100000001b3ull;
		a ^= a >> 29;
		b = (b + w) * 0x87c37b91114253d5ull;
		b = (b << 31) | (b >> 33);
	}
	uint64_t w = 0;
	if (len > i)
		memcpy(&w, text + i, len - i);
	a = (a ^ w) * 0x100000001b3ull;
	b = (b + w) * 0x87c37b91114253d5ull;
	return (struct qms_render_digest){mix(a), mix(b ^ a)};
}

struct qms_render_cache *qms_render_cache_new(void)
{
	return qms_xcalloc(1, sizeof(struct qms_render_cache));
}

static struct slot *find(struct qms_render_cache *c, const char *name)
{
	size_t i = qms_strmap_get(&c->by_name, name);
	return i == SIZE_MAX ? NULL : &c->slots[i];
}

const char *qms_render_cache_get(struct qms_render_cache *c, const char *name, struct qms_render_digest d, size_t *len)
{
	struct slot *s = find(c, name);
	if (!s || !s->bytes || s->digest.a != d.a || s->digest.b != d.b)
		return NULL;
	s->used = true;
	c->hits++;
	*len = s->len;
	return s->bytes;
}

void qms_render_cache_put(struct qms_render_cache *c, const char *name, struct qms_render_digest d, const char *bytes,
			  size_t len)
{
	struct slot *s = find(c, name);
	if (!s) {
		if (c->len == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 256;
			c->slots = qms_xrealloc(c->slots, c->cap * sizeof(*c->slots));
			/* the map points at the names, which stay where they are */
		}
		s = &c->slots[c->len];
		memset(s, 0, sizeof(*s));
		s->name = qms_xstrdup(name);
		qms_strmap_put(&c->by_name, s->name, c->len++);
	}
	free(s->bytes);
	s->bytes = NULL;
	if (bytes) {
		s->bytes = qms_xmalloc(len + 1);
		memcpy(s->bytes, bytes, len);
	}
	s->len = len;
	s->digest = d;
	s->used = true;
	c->made++;
}

bool qms_render_cache_same(struct qms_render_cache *c, const char *name, struct qms_render_digest d)
{
	struct slot *s = find(c, name);
	if (!s || s->digest.a != d.a || s->digest.b != d.b)
		return false;
	s->used = true;
	return true;
}

bool qms_render_cache_current(struct qms_render_cache *c, const char *name)
{
	struct slot *s = find(c, name);
	return s && s->used;
}

bool qms_render_cache_touch(struct qms_render_cache *c, const char *name)
{
	struct slot *s = find(c, name);
	if (s)
		s->used = true;
	return s != NULL;
}

bool qms_render_cache_reuse(struct qms_render_cache *c, const char *name, struct qms_render_digest *d)
{
	struct slot *s = find(c, name);
	if (!s || !s->bytes)
		return false;
	s->used = true;
	c->hits++;
	*d = s->digest;
	return true;
}

const char *qms_render_cache_kept(struct qms_render_cache *c, const char *name, struct qms_render_digest *d,
				  size_t *len)
{
	struct slot *s = find(c, name);
	if (!s || !s->used || !s->bytes)
		return NULL;
	*d = s->digest;
	*len = s->len;
	return s->bytes;
}

void qms_render_cache_prune(struct qms_render_cache *c)
{
	size_t kept = 0;
	qms_strmap_release(&c->by_name);
	for (size_t i = 0; i < c->len; i++) {
		struct slot *s = &c->slots[i];
		if (!s->used) {
			free(s->name);
			free(s->bytes);
			continue;
		}
		s->used = false;
		c->slots[kept] = *s;
		qms_strmap_put(&c->by_name, c->slots[kept].name, kept);
		kept++;
	}
	c->len = kept;
}

size_t qms_render_cache_hits(const struct qms_render_cache *c)
{
	return c->hits;
}

size_t qms_render_cache_made(const struct qms_render_cache *c)
{
	return c->made;
}

void qms_render_cache_free(struct qms_render_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->len; i++) {
		free(c->slots[i].name);
		free(c->slots[i].bytes);
	}
	free(c->slots);
	qms_strmap_release(&c->by_name);
	free(c);
}

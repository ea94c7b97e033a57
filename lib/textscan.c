/* Where a text needs a closer look (textscan.h): most of a procedure is
 * ASCII and composed Vietnamese, one character in three or four not
 * ASCII, and every byte of every file passes here once. */
#include "textscan.h"

#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* What the tail of every way does, a byte at a time. */
static size_t skip_bytes(const unsigned char *s, size_t i, size_t len)
{
	for (; i < len; i++)
		if (s[i] >= 0xc2 && !qms_composed_letter(s + i, len - i))
			return i;
	return len;
}

#define BYTES_ONES 0x0101010101010101ull
#define BYTES_HIGHS 0x8080808080808080ull

/* The high bit of each byte of w that is zero, and nothing else. */
static uint64_t zero_bytes(uint64_t w)
{
	return ~(((w & ~BYTES_HIGHS) + ~BYTES_HIGHS) | w | ~BYTES_HIGHS);
}

/* The high bit of each byte of w (eight bytes of text) that starts a
 * character that needs a look: 0xc2 (U+0080-U+00BF: C1 controls, the
 * non-breaking space, the soft hyphen) and every lead byte from 0xcc on,
 * except 0xe1 followed by 0xb8-0xbb (U+1E00-U+1EFF, composed Vietnamese).
 * ASCII, continuation bytes and 0xc3-0xcb (U+00C0-U+02FF) need no look.
 * A 0xe1 in the last byte is flagged: its next byte is in the next word. */
static uint64_t unusual_bytes(uint64_t w)
{
	/* (b & 0x7f) + 0x34 carries into the high bit when b & 0x7f >= 0x4c */
	uint64_t from_cc = w & ((w & ~BYTES_HIGHS) + BYTES_ONES * 0x34) & BYTES_HIGHS;
	uint64_t c2 = zero_bytes(w ^ (BYTES_ONES * 0xc2));
	uint64_t e1 = zero_bytes(w ^ (BYTES_ONES * 0xe1));
	uint64_t b8_bb = zero_bytes((w & (BYTES_ONES * 0xfc)) ^ (BYTES_ONES * 0xb8));
	return (from_cc & ~(e1 & (b8_bb >> 8))) | c2;
}

size_t qms_text_skip_plain_swar(const unsigned char *s, size_t i, size_t len)
{
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		uint64_t u = unusual_bytes(w);
		if (u)
			return i + (size_t)(__builtin_ctzll(u) >> 3);
	}
	return skip_bytes(s, i, len);
}

#if defined(__SSE2__)
/* The same flags as unusual_bytes() for sixteen bytes, with the byte
 * after each 0xe1 read from a second load one byte further on: hence
 * i + 17 <= len, and no 0xe1 is flagged for want of its next byte. */
size_t qms_text_skip_plain_sse2(const unsigned char *s, size_t i, size_t len)
{
	const __m128i cc = _mm_set1_epi8((char)0xcc), c2 = _mm_set1_epi8((char)0xc2);
	const __m128i e1 = _mm_set1_epi8((char)0xe1), fc = _mm_set1_epi8((char)0xfc);
	const __m128i b8 = _mm_set1_epi8((char)0xb8);
	for (; i + 17 <= len; i += 16) {
		__m128i w = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i next = _mm_loadu_si128((const __m128i *)(s + i + 1));
		__m128i from_cc = _mm_cmpeq_epi8(_mm_max_epu8(w, cc), w); /* w >= 0xcc, unsigned */
		__m128i composed3 = _mm_and_si128(_mm_cmpeq_epi8(w, e1), _mm_cmpeq_epi8(_mm_and_si128(next, fc), b8));
		__m128i u = _mm_or_si128(_mm_andnot_si128(composed3, from_cc), _mm_cmpeq_epi8(w, c2));
		unsigned mask = (unsigned)_mm_movemask_epi8(u);
		if (mask)
			return i + (size_t)__builtin_ctz(mask);
	}
	return qms_text_skip_plain_swar(s, i, len);
}
#else
size_t qms_text_skip_plain_sse2(const unsigned char *s, size_t i, size_t len)
{
	return qms_text_skip_plain_swar(s, i, len);
}
#endif

size_t qms_text_skip_plain(const unsigned char *s, size_t i, size_t len)
{
	return qms_text_skip_plain_sse2(s, i, len);
}

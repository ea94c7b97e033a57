/* The loader's quick look at a text before libyaml reads it: where the
 * next character starts that is neither ASCII nor composed Vietnamese.
 * Internal to the library (load.c); its own header so that a test can
 * hold each way of scanning against a byte-by-byte reference. */
#ifndef QMS_TEXTSCAN_H
#define QMS_TEXTSCAN_H

#include <stdbool.h>
#include <stddef.h>

/* The length of the character at s[0..n) when it is one of composed
 * Vietnamese (U+00C0-U+02FF, U+1E00-U+1EFF): NFC, visible, neither a
 * control character nor a combining mark; else 0. */
static inline size_t qms_composed_letter(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] >= 0xc3 && s[0] <= 0xcb && (s[1] & 0xc0) == 0x80)
		return 2;
	if (n >= 3 && s[0] == 0xe1 && s[1] >= 0xb8 && s[1] <= 0xbb && (s[2] & 0xc0) == 0x80)
		return 3;
	return 0;
}

/* The first i' >= i (or len) where a character of s[0..len) starts that
 * needs a look: a lead byte that is neither ASCII nor that of a
 * qms_composed_letter(). Continuation bytes are passed over. On valid
 * UTF-8 it may stop early only at 0xe1 (the SWAR way cannot see the next
 * word), never late; on invalid UTF-8 it may pass over a lone lead byte
 * (the loader's check_bytes() reports those). This one picks the fastest
 * way the machine has. */
size_t qms_text_skip_plain(const unsigned char *s, size_t i, size_t len);

/* The same, eight bytes at a time in plain C (every machine). */
size_t qms_text_skip_plain_swar(const unsigned char *s, size_t i, size_t len);

/* The same, sixteen bytes at a time with SSE2 (x86-64); the SWAR way
 * where there is no SSE2. */
size_t qms_text_skip_plain_sse2(const unsigned char *s, size_t i, size_t len);

#endif

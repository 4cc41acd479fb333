/* ts_text: the display width of UTF-8 text in a terminal, the same in any
 * locale (no wcwidth, no setlocale): Hangul, CJK and other East Asian wide
 * characters take two columns, combining marks and zero-width format
 * characters none, controls none, everything else one. An invalid or
 * truncated UTF-8 sequence counts as one byte of one column. The lesson
 * renderer wraps with it and the UI's panes pad with it, so they agree. */
#ifndef TS_TEXT_H
#define TS_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* The code point ts_text_decode gives for an invalid or truncated sequence. */
#define TS_TEXT_INVALID 0xFFFFFFFFu

/* Decodes the UTF-8 character at s (n bytes available, n >= 1): returns its
 * length in bytes (1..4) and sets *cp; an invalid byte (bad lead, missing
 * continuation, overlong, surrogate, above U+10FFFF) is 1 byte and
 * *cp = TS_TEXT_INVALID. Returns 0 when n is 0. */
size_t ts_text_decode(const char *s, size_t n, uint32_t *cp);

/* Display columns of code point cp: 0, 1 or 2 (TS_TEXT_INVALID: 1). */
unsigned ts_text_cp_width(uint32_t cp);

/* Decodes the character at s (n >= 1 bytes available): returns its length
 * in bytes and sets *cols to its display columns. Returns 0 when n is 0. */
size_t ts_text_char(const char *s, size_t n, unsigned *cols);

/* Display columns of the n bytes of UTF-8 at s. */
size_t ts_text_width(const char *s, size_t n);

#endif

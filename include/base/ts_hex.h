/* ts_hex: hex strings and hex dumps. Functions that can fail return ts_err. */
#ifndef TS_HEX_H
#define TS_HEX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"

/* Writes 2*n lowercase hex digits and a NUL to out (2*n+1 bytes). */
void ts_hex_encode(const uint8_t *data, size_t n, char *out);

/* Returns a malloc'd lowercase hex string of data (caller frees), or NULL. */
char *ts_hex_strdup(const uint8_t *data, size_t n);

/* The value of hex digit c (0-9, a-f, A-F), or -1 for any other byte. */
int ts_hex_digit(unsigned char c);

/* Appends the bytes of text to out. text holds hex digit pairs; spaces, tabs,
 * newlines, ':' and '-' between pairs are ignored, as is a leading "0x".
 * Odd digit counts or other characters give TS_ERR_HEX and *bad_at (if not
 * NULL) the offset of the offending character. */
ts_err ts_hex_decode(const char *text, ts_buf *out, size_t *bad_at);

/* Decodes text of exactly n bytes (strictly: digits only) into out. */
ts_err ts_hex_decode_exact(const char *text, uint8_t *out, size_t n);

/* Prints a hex dump of data to f: offset, 16 bytes per line, and the ASCII
 * column; each line starts with indent. */
void ts_hex_dump(FILE *f, const char *indent, const uint8_t *data, size_t n);

/* Copies the n bytes at src to dst (cap bytes, cap >= 1) as safe text:
 * printable ASCII as is, a backslash as \\, any other byte (controls, ESC,
 * DEL, every byte >= 0x80) as \xNN, so peer-controlled bytes can never
 * drive a terminal. Stops before an escape that would not fit; always
 * NUL-terminates. Returns the length written. */
size_t ts_hex_escape_text(char *dst, size_t cap, const uint8_t *src, size_t n);

#endif

/* ts_hex: hex strings and hex dumps, written and read. Functions that can
 * fail return ts_err. */
#ifndef TS_HEX_H
#define TS_HEX_H

#include <stdbool.h>
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

/* Reading hex text: a plain hex stream, or a hex dump with offsets as
 * Wireshark ("Copy as Hex Dump"), xxd and hexdump -C print them.
 *
 *   0000   16 03 03 00 04 0e 00 00 00 14 03 03 00 01 01 16   ................
 *   00000000: 1603 0300 040e 0000 0014 0303 0001 0116  ................
 *   00000000  16 03 03 00 04 0e 00 00  00 14 03 03 00 01 01 16  |................|
 *
 * A dump line is an offset (1..16 hex digits, then ':' and/or a space),
 * groups of an even number of hex digits (at most 16), then an optional
 * text column, which is ignored. */

/* True when the n bytes at text look like hex text rather than binary:
 * only hex digits, whitespace, ':' and '-' (and a "0x" before the first
 * digit), or a hex dump whose first non-blank line starts with an offset
 * of at least four zeros. False for NULL or n == 0. Cannot fail. */
bool ts_hex_is_text(const uint8_t *text, size_t n);

/* Appends the bytes that the n bytes of hex text at text stand for to out:
 * a hex dump when the first line looks like one (each line's offset must
 * follow on from the bytes before; the last line's width is found from its
 * spacing, so a text column that looks like hex is not read), else a plain
 * hex stream read as by ts_hex_decode (a '\r' counts as a space; a NUL byte
 * is an error). TS_ERR_ARG for a NULL text or out; TS_ERR_HEX, with
 * *bad_at (if not NULL) the offset in text of the offending character, for
 * anything else; TS_ERR_NOMEM. out is appended to only on success. */
ts_err ts_hex_decode_text(const uint8_t *text, size_t n, ts_buf *out, size_t *bad_at);

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

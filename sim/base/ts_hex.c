/* ts_hex: hex strings and hex dumps. */
#include "base/ts_hex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char lower_digits[] = "0123456789abcdef";

void ts_hex_encode(const uint8_t *data, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = lower_digits[data[i] >> 4];
        out[2 * i + 1] = lower_digits[data[i] & 15];
    }
    out[2 * n] = '\0';
}

char *ts_hex_strdup(const uint8_t *data, size_t n)
{
    if (n > (SIZE_MAX - 1) / 2) {
        return NULL;
    }
    char *s = malloc(2 * n + 1);
    if (s != NULL) {
        ts_hex_encode(data, n, s);
    }
    return s;
}

int ts_hex_digit(unsigned char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

static int is_separator(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':' || c == '-';
}

ts_err ts_hex_decode(const char *text, ts_buf *out, size_t *bad_at)
{
    size_t i = 0;
    while (is_separator(text[i])) {
        i++;
    }
    if (text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X')) {
        i += 2;
    }
    for (;;) {
        while (is_separator(text[i])) {
            i++;
        }
        if (text[i] == '\0') {
            return TS_OK;
        }
        int hi = ts_hex_digit((unsigned char)text[i]);
        int lo = hi < 0 ? -1 : ts_hex_digit((unsigned char)text[i + 1]);
        if (hi < 0 || lo < 0) {
            if (bad_at != NULL) {
                *bad_at = hi < 0 ? i : i + 1;
            }
            return TS_ERR_HEX;
        }
        TS_GUARD(ts_buf_write_u8(out, (uint8_t)(hi << 4 | lo)));
        i += 2;
    }
}

ts_err ts_hex_decode_exact(const char *text, uint8_t *out, size_t n)
{
    TS_ENSURE(strlen(text) == 2 * n, TS_ERR_HEX);
    for (size_t i = 0; i < n; i++) {
        int hi = ts_hex_digit((unsigned char)text[2 * i]);
        int lo = ts_hex_digit((unsigned char)text[2 * i + 1]);
        TS_ENSURE(hi >= 0 && lo >= 0, TS_ERR_HEX);
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return TS_OK;
}

void ts_hex_dump(FILE *f, const char *indent, const uint8_t *data, size_t n)
{
    for (size_t off = 0; off < n; off += 16) {
        fprintf(f, "%s%04zx  ", indent, off);
        for (size_t i = 0; i < 16; i++) {
            if (off + i < n) {
                fprintf(f, "%02x ", data[off + i]);
            } else {
                fputs("   ", f);
            }
            if (i == 7) {
                fputc(' ', f);
            }
        }
        fputs(" |", f);
        for (size_t i = 0; i < 16 && off + i < n; i++) {
            unsigned char c = data[off + i];
            fputc(c >= 0x20 && c < 0x7f ? c : '.', f);
        }
        fputs("|\n", f);
    }
}

size_t ts_hex_escape_text(char *dst, size_t cap, const uint8_t *src, size_t n)
{
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = src[i];
        char esc[5];
        size_t len;
        if (c == '\\') {
            memcpy(esc, "\\\\", 2);
            len = 2;
        } else if (c >= 0x20 && c < 0x7f) {
            esc[0] = (char)c;
            len = 1;
        } else {
            snprintf(esc, sizeof(esc), "\\x%02x", c);
            len = 4;
        }
        if (at + len >= cap) {
            break;
        }
        memcpy(dst + at, esc, len);
        at += len;
    }
    dst[at] = '\0';
    return at;
}

/* ts_hex: hex strings and hex dumps, written and read. */
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

/* ---- reading hex text: streams and dumps ------------------------------- */

static bool is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* One line of text: [start, end), without its '\n'. */
typedef struct {
    size_t start, end;
} line_span;

/* The next non-blank line at or after *pos; false at the end. */
static bool next_line(const uint8_t *t, size_t n, size_t *pos, line_span *l)
{
    while (*pos < n) {
        size_t s = *pos, e = s;
        while (e < n && t[e] != '\n') {
            e++;
        }
        *pos = e < n ? e + 1 : e;
        size_t k = s;
        while (k < e && is_space(t[k])) {
            k++;
        }
        if (k < e) {
            l->start = k;
            l->end = e;
            return true;
        }
    }
    return false;
}

/* Reads the offset at the start of line l: hex digits (1..16), then ':'
 * and/or whitespace or the line's end. *after: where the data starts. */
static bool line_offset(const uint8_t *t, const line_span *l, uint64_t *off, size_t *after)
{
    size_t k = l->start;
    uint64_t v = 0;
    while (k < l->end && ts_hex_digit(t[k]) >= 0 && k - l->start < 16) {
        v = v << 4 | (uint64_t)ts_hex_digit(t[k]);
        k++;
    }
    if (k == l->start) {
        return false;
    }
    if (k < l->end && t[k] == ':') {
        k++;
    }
    if (k < l->end && !is_space(t[k])) {
        return false;
    }
    *off = v;
    *after = k;
    return true;
}

static bool looks_like_dump(const uint8_t *t, size_t n)
{
    size_t pos = 0;
    line_span l;
    if (!next_line(t, n, &pos, &l)) {
        return false;
    }
    size_t zeros = 0;
    while (l.start + zeros < l.end && t[l.start + zeros] == '0') {
        zeros++;
    }
    uint64_t off;
    size_t after;
    return zeros >= 4 && line_offset(t, &l, &off, &after) && off == 0;
}

bool ts_hex_is_text(const uint8_t *text, size_t n)
{
    if (text == NULL || n == 0) {
        return false;
    }
    if (looks_like_dump(text, n)) {
        return true;
    }
    size_t digits = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = text[i];
        if (ts_hex_digit(c) >= 0) {
            digits++;
        } else if (!(is_space(c) || c == '\n' || c == ':' || c == '-' ||
                     ((c == 'x' || c == 'X') && digits == 1 && text[i - 1] == '0'))) {
            return false;
        }
    }
    return digits > 0;
}

/* Parses the data groups of one dump line from *k into out, at most max
 * bytes (SIZE_MAX: unknown, stop at a text column). */
static ts_err dump_line(const uint8_t *t, const line_span *l, size_t k, size_t max, ts_buf *out,
                        size_t *count, size_t *bad_at)
{
    *count = 0;
    while (k < l->end && *count < max) {
        size_t gap = 0;
        while (k < l->end && is_space(t[k])) {
            k++;
            gap++;
        }
        if (k == l->end) {
            break;
        }
        /* Unknown width (the last line): two or more spaces after data
         * start the text column, except the gap in the middle of a
         * hexdump -C line, after 8 bytes. */
        if (max == SIZE_MAX && *count > 0 && (gap >= 3 || (gap == 2 && *count != 8))) {
            break;
        }
        size_t s = k;
        while (k < l->end && !is_space(t[k])) {
            k++;
        }
        size_t len = k - s;
        bool group = len % 2 == 0 && len <= 16;
        for (size_t i = s; group && i < k; i++) {
            group = ts_hex_digit(t[i]) >= 0;
        }
        if (!group) {
            if (*count == 0) {
                *bad_at = s;
                return TS_ERR_HEX;
            }
            break; /* the text column */
        }
        if (*count + len / 2 > max) {
            *bad_at = s;
            return TS_ERR_HEX;
        }
        for (size_t i = s; i < k; i += 2) {
            int byte = ts_hex_digit(t[i]) << 4 | ts_hex_digit(t[i + 1]);
            TS_GUARD(ts_buf_write_u8(out, (uint8_t)byte));
        }
        *count += len / 2;
    }
    return TS_OK;
}

static ts_err parse_dump(const uint8_t *t, size_t n, ts_buf *out, size_t *bad_at)
{
    size_t pos = 0;
    line_span l;
    uint64_t expect = 0;
    bool have = next_line(t, n, &pos, &l);
    while (have) {
        uint64_t off;
        size_t after;
        if (!line_offset(t, &l, &off, &after) || off != expect) {
            *bad_at = l.start;
            return TS_ERR_HEX;
        }
        line_span next;
        size_t next_pos = pos;
        uint64_t next_off = 0;
        size_t next_after;
        bool more = next_line(t, n, &next_pos, &next);
        size_t max = SIZE_MAX;
        if (more && line_offset(t, &next, &next_off, &next_after) && next_off >= off) {
            max = (size_t)(next_off - off);
        }
        size_t count;
        TS_GUARD(dump_line(t, &l, after, max, out, &count, bad_at));
        if (max != SIZE_MAX && count != max) {
            *bad_at = next.start; /* its offset does not follow on from this line */
            return TS_ERR_HEX;
        }
        expect = off + count;
        l = next;
        pos = next_pos;
        have = more;
    }
    return TS_OK;
}

ts_err ts_hex_decode_text(const uint8_t *text, size_t n, ts_buf *out, size_t *bad_at)
{
    TS_ENSURE(text != NULL && out != NULL, TS_ERR_ARG);
    size_t bad = 0;
    ts_buf tmp;
    ts_buf_init(&tmp);
    ts_err err;
    if (looks_like_dump(text, n)) {
        err = parse_dump(text, n, &tmp, &bad);
    } else {
        /* ts_hex_decode wants a C string; '\r' and NUL are not hex text. */
        char *s = malloc(n + 1);
        TS_ENSURE(s != NULL, TS_ERR_NOMEM);
        err = TS_OK;
        for (size_t i = 0; i < n && err == TS_OK; i++) {
            if (text[i] == '\0') {
                bad = i;
                err = TS_ERR_HEX;
            }
            s[i] = text[i] == '\r' ? ' ' : (char)text[i];
        }
        s[n] = '\0';
        if (err == TS_OK) {
            err = ts_hex_decode(s, &tmp, &bad);
        }
        free(s);
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(out, tmp.data, tmp.len);
    } else if (bad_at != NULL) {
        *bad_at = bad;
    }
    ts_buf_free(&tmp);
    return err;
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

/* ts_pem: PEM blocks (RFC 7468) with libsodium's base64.
 *
 *   explanatory text (ignored)
 *   -----BEGIN LABEL-----
 *   base64, 64 columns (any line width and CR LF are accepted on reading)
 *   -----END LABEL----- */
#include "crypto/ts_pem.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define PEM_COLUMNS 64

static const char BEGIN[] = "-----BEGIN ";
static const char END[] = "-----END ";
static const char DASHES[] = "-----";

ts_err ts_pem_encode(const char *label, const uint8_t *data, size_t n, ts_buf *out)
{
    TS_ENSURE(label != NULL && (data != NULL || n == 0), TS_ERR_ARG);
    size_t label_len = strlen(label);
    TS_ENSURE(label_len > 0 && label_len <= TS_PEM_LABEL_MAX, TS_ERR_ARG);
    TS_ENSURE(n <= TS_BUF_DEFAULT_LIMIT, TS_ERR_TOO_LONG);
    size_t b64_cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(b64_cap);
    TS_ENSURE(b64 != NULL, TS_ERR_NOMEM);
    sodium_bin2base64(b64, b64_cap, n == 0 ? (const uint8_t *)"" : data, n,
                      sodium_base64_VARIANT_ORIGINAL);
    size_t b64_len = strlen(b64);
    ts_err err = ts_buf_write_bytes(out, (const uint8_t *)BEGIN, sizeof(BEGIN) - 1);
    if (err == TS_OK) {
        err = ts_buf_write_bytes(out, (const uint8_t *)label, label_len);
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(out, (const uint8_t *)"-----\n", 6);
    }
    for (size_t at = 0; err == TS_OK && at < b64_len; at += PEM_COLUMNS) {
        size_t line = b64_len - at < PEM_COLUMNS ? b64_len - at : PEM_COLUMNS;
        err = ts_buf_write_bytes(out, (const uint8_t *)b64 + at, line);
        if (err == TS_OK) {
            err = ts_buf_write_u8(out, '\n');
        }
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(out, (const uint8_t *)END, sizeof(END) - 1);
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(out, (const uint8_t *)label, label_len);
    }
    if (err == TS_OK) {
        err = ts_buf_write_bytes(out, (const uint8_t *)"-----\n", 6);
    }
    free(b64);
    return err;
}

/* Offset of the first occurrence of needle in text[from, len), or len. */
static size_t find(const char *text, size_t len, size_t from, const char *needle)
{
    size_t n = strlen(needle);
    if (from > len || len - from < n) {
        return len;
    }
    const char *hit = memmem(text + from, len - from, needle, n);
    return hit == NULL ? len : (size_t)(hit - text);
}

/* Offset just past the end of the line at at (LF or CR LF), or len. */
static size_t skip_eol(const char *text, size_t len, size_t at)
{
    if (at < len && text[at] == '\r') {
        at++;
    }
    if (at < len && text[at] == '\n') {
        at++;
    }
    return at;
}

static bool is_eol(const char *text, size_t len, size_t at)
{
    return at == len || text[at] == '\n' || (text[at] == '\r' && at + 1 < len && text[at + 1] == '\n');
}

/* Decodes the base64 body text[from, to) and appends it to out. */
static ts_err decode_body(const char *text, size_t from, size_t to, ts_buf *out)
{
    size_t n = to - from;
    size_t cap = n / 4 * 3 + 3;
    size_t at;
    TS_GUARD(ts_buf_write_zeros(out, cap, &at));
    size_t bin_len = 0;
    const char *b64_end = NULL;
    int rc = sodium_base642bin(out->data + at, cap, text + from, n, " \t\r\n", &bin_len, &b64_end,
                               sodium_base64_VARIANT_ORIGINAL);
    if (rc != 0 || b64_end != text + to) {
        out->len = at;
        return TS_ERR_BASE64;
    }
    out->len = at + bin_len;
    return TS_OK;
}

ts_err ts_pem_read(const char *text, size_t len, size_t *pos, const char *const *labels,
                   size_t n_labels, size_t *which, ts_buf *out)
{
    TS_ENSURE(text != NULL && pos != NULL && labels != NULL, TS_ERR_ARG);
    size_t at = *pos;
    for (;;) {
        size_t begin = find(text, len, at, BEGIN);
        TS_ENSURE(begin < len, TS_ERR_PEM);
        size_t label_at = begin + sizeof(BEGIN) - 1;
        size_t label_end = find(text, len, label_at, DASHES);
        TS_ENSURE(label_end < len, TS_ERR_PEM);
        size_t label_len = label_end - label_at;
        size_t line_end = label_end + sizeof(DASHES) - 1;
        at = label_at;
        if (label_len > TS_PEM_LABEL_MAX || memchr(text + label_at, '\n', label_len) != NULL ||
            !is_eol(text, len, line_end)) {
            continue; /* not a BEGIN line */
        }
        size_t idx = n_labels;
        for (size_t i = 0; i < n_labels; i++) {
            if (strlen(labels[i]) == label_len && memcmp(labels[i], text + label_at, label_len) == 0) {
                idx = i;
                break;
            }
        }
        if (idx == n_labels) {
            continue; /* another label: skip this block */
        }
        size_t body = skip_eol(text, len, line_end);
        size_t end = find(text, len, body, END);
        TS_ENSURE(end < len, TS_ERR_PEM);
        size_t end_label = end + sizeof(END) - 1;
        TS_ENSURE(len - end_label >= label_len + sizeof(DASHES) - 1 &&
                      memcmp(text + end_label, text + label_at, label_len) == 0 &&
                      memcmp(text + end_label + label_len, DASHES, sizeof(DASHES) - 1) == 0,
                  TS_ERR_PEM);
        size_t after = end_label + label_len + sizeof(DASHES) - 1;
        TS_ENSURE(is_eol(text, len, after), TS_ERR_PEM);
        TS_GUARD(decode_body(text, body, end, out));
        if (which != NULL) {
            *which = idx;
        }
        *pos = skip_eol(text, len, after);
        return TS_OK;
    }
}

ts_err ts_pem_decode(const char *text, size_t len, const char *label, ts_buf *out)
{
    size_t pos = 0;
    const char *labels[1] = {label};
    return ts_pem_read(text, len, &pos, labels, 1, NULL, out);
}

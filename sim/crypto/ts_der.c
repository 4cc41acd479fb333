/* ts_der: a strict DER reader and a DER writer over ts_buf.
 *
 * A TLV on the wire:
 *   tag (1 byte: low-tag-number form only)
 *   length: 0x00..0x7F            short form, the length itself
 *           0x81..0x84 L1..Ln     long form, n big-endian bytes, minimal
 *                                 (no leading zero, and >= 0x80)
 *           0x80 (indefinite), 0x85.., 0xFF: rejected
 *   content (length bytes) */
#include "crypto/ts_der.h"

#include <string.h>

#define OID(name, ...)                                                         \
    static const uint8_t name##_bytes[] = {__VA_ARGS__};                       \
    const ts_der_oid name = {name##_bytes, sizeof(name##_bytes)}

OID(TS_OID_RSA_ENCRYPTION, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01);
OID(TS_OID_SHA256_WITH_RSA, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B);
OID(TS_OID_SHA256, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01);
OID(TS_OID_SHA384, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02);
OID(TS_OID_SHA512, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03);
OID(TS_OID_COMMON_NAME, 0x55, 0x04, 0x03);
OID(TS_OID_ORGANIZATION, 0x55, 0x04, 0x0A);
OID(TS_OID_BASIC_CONSTRAINTS, 0x55, 0x1D, 0x13);
OID(TS_OID_KEY_USAGE, 0x55, 0x1D, 0x0F);
OID(TS_OID_SUBJECT_ALT_NAME, 0x55, 0x1D, 0x11);
OID(TS_OID_SUBJECT_KEY_ID, 0x55, 0x1D, 0x0E);
OID(TS_OID_AUTHORITY_KEY_ID, 0x55, 0x1D, 0x23);

/* Longest content the writer and reader handle (4 length bytes). */
#define DER_MAX_LEN 0xFFFFFFFFu

/* --- writing --- */

static unsigned length_bytes(size_t n)
{
    unsigned k = 0;
    while (n > 0) {
        k++;
        n >>= 8;
    }
    return k;
}

static ts_err write_length(ts_buf *b, size_t n)
{
    TS_ENSURE(n <= DER_MAX_LEN, TS_ERR_TOO_LONG);
    if (n < 0x80) {
        return ts_buf_write_u8(b, (uint8_t)n);
    }
    unsigned k = length_bytes(n);
    TS_GUARD(ts_buf_write_u8(b, (uint8_t)(0x80 | k)));
    for (unsigned i = 0; i < k; i++) {
        TS_GUARD(ts_buf_write_u8(b, (uint8_t)(n >> (8 * (k - 1 - i)))));
    }
    return TS_OK;
}

ts_err ts_der_write_tlv(ts_buf *b, uint8_t tag, const uint8_t *data, size_t n)
{
    TS_ENSURE(data != NULL || n == 0, TS_ERR_ARG);
    TS_GUARD(ts_buf_write_u8(b, tag));
    TS_GUARD(write_length(b, n));
    if (n > 0) {
        TS_GUARD(ts_buf_write_bytes(b, data, n));
    }
    return TS_OK;
}

ts_err ts_der_begin(ts_buf *b, uint8_t tag, size_t *mark)
{
    TS_GUARD(ts_buf_write_u8(b, tag));
    TS_GUARD(ts_buf_write_u8(b, 0)); /* length placeholder, fixed by end */
    *mark = b->len;
    return TS_OK;
}

ts_err ts_der_end(ts_buf *b, size_t mark)
{
    TS_ENSURE(b->growable && mark >= 2 && mark <= b->len, TS_ERR_ARG);
    size_t n = b->len - mark;
    TS_ENSURE(n <= DER_MAX_LEN, TS_ERR_TOO_LONG);
    if (n < 0x80) {
        b->data[mark - 1] = (uint8_t)n;
        return TS_OK;
    }
    unsigned k = length_bytes(n);
    TS_GUARD(ts_buf_write_zeros(b, k, NULL));
    memmove(b->data + mark + k, b->data + mark, n);
    b->data[mark - 1] = (uint8_t)(0x80 | k);
    for (unsigned i = 0; i < k; i++) {
        b->data[mark + i] = (uint8_t)(n >> (8 * (k - 1 - i)));
    }
    return TS_OK;
}

ts_err ts_der_write_uint(ts_buf *b, const uint8_t *mag, size_t n)
{
    TS_ENSURE(mag != NULL || n == 0, TS_ERR_ARG);
    ts_buf in;
    ts_buf_view(&in, mag, n);
    uint8_t first = 0;
    while (ts_buf_remaining(&in) > 0 && *ts_buf_cursor(&in) == 0) {
        TS_GUARD(ts_buf_skip(&in, 1));
    }
    size_t len = ts_buf_remaining(&in);
    if (len > 0) {
        first = *ts_buf_cursor(&in);
    }
    bool pad = len == 0 || (first & 0x80) != 0;
    TS_GUARD(ts_buf_write_u8(b, TS_DER_INTEGER));
    TS_GUARD(write_length(b, len + (pad ? 1 : 0)));
    if (pad) {
        TS_GUARD(ts_buf_write_u8(b, 0));
    }
    if (len > 0) {
        TS_GUARD(ts_buf_write_bytes(b, ts_buf_cursor(&in), len));
    }
    return TS_OK;
}

ts_err ts_der_write_small(ts_buf *b, uint64_t v)
{
    uint8_t mag[8];
    for (unsigned i = 0; i < 8; i++) {
        mag[i] = (uint8_t)(v >> (8 * (7 - i)));
    }
    return ts_der_write_uint(b, mag, sizeof(mag));
}

ts_err ts_der_write_oid(ts_buf *b, const ts_der_oid *oid)
{
    TS_ENSURE(oid != NULL && oid->len > 0, TS_ERR_ARG);
    return ts_der_write_tlv(b, TS_DER_OID, oid->bytes, oid->len);
}

ts_err ts_der_write_null(ts_buf *b)
{
    return ts_der_write_tlv(b, TS_DER_NULL, NULL, 0);
}

/* --- reading --- */

ts_err ts_der_peek(const ts_buf *b, uint8_t *tag)
{
    TS_ENSURE(ts_buf_remaining(b) > 0, TS_ERR_SHORT);
    *tag = *ts_buf_cursor(b);
    return TS_OK;
}

/* Reads tag and length from a copy of b; on success consumes the header
 * and makes content a view of the content bytes. */
static ts_err read_tlv(ts_buf *b, uint8_t *tag, ts_buf *content, ts_buf *whole)
{
    TS_ENSURE(ts_buf_remaining(b) > 0, TS_ERR_SHORT);
    ts_buf r = *b;
    uint8_t t;
    uint8_t l0;
    TS_GUARD(ts_buf_read_u8(&r, &t));
    TS_ENSURE((t & 0x1F) != 0x1F, TS_ERR_DER); /* high-tag-number form */
    TS_ENSURE(ts_buf_read_u8(&r, &l0) == TS_OK, TS_ERR_DER);
    size_t len = l0;
    if (l0 & 0x80) {
        unsigned k = l0 & 0x7F;
        TS_ENSURE(k >= 1 && k <= 4, TS_ERR_DER); /* indefinite or too long */
        len = 0;
        for (unsigned i = 0; i < k; i++) {
            uint8_t v;
            TS_ENSURE(ts_buf_read_u8(&r, &v) == TS_OK, TS_ERR_DER);
            TS_ENSURE(!(i == 0 && v == 0), TS_ERR_DER); /* leading zero */
            len = (len << 8) | v;
        }
        TS_ENSURE(len >= 0x80, TS_ERR_DER); /* short form would do */
    }
    TS_ENSURE(ts_buf_remaining(&r) >= len, TS_ERR_DER);
    size_t start = b->pos;
    ts_buf c;
    TS_GUARD(ts_buf_read_view(&r, len, &c));
    if (whole != NULL) {
        ts_buf w = *b;
        TS_GUARD(ts_buf_read_view(&w, r.pos - start, whole));
    }
    *content = c;
    *tag = t;
    b->pos = r.pos;
    return TS_OK;
}

ts_err ts_der_read_any(ts_buf *b, uint8_t *tag, ts_buf *content, ts_buf *whole)
{
    return read_tlv(b, tag, content, whole);
}

ts_err ts_der_read(ts_buf *b, uint8_t tag, ts_buf *content, ts_buf *whole)
{
    uint8_t t;
    TS_GUARD(ts_der_peek(b, &t));
    TS_ENSURE(t == tag, TS_ERR_DER);
    return read_tlv(b, &t, content, whole);
}

ts_err ts_der_read_uint(ts_buf *b, ts_buf *mag)
{
    ts_buf r = *b;
    ts_buf c;
    TS_GUARD(ts_der_read(&r, TS_DER_INTEGER, &c, NULL));
    size_t n = ts_buf_remaining(&c);
    TS_ENSURE(n > 0, TS_ERR_DER);
    const uint8_t *p = ts_buf_cursor(&c);
    TS_ENSURE((p[0] & 0x80) == 0, TS_ERR_DER); /* negative */
    if (p[0] == 0 && n > 1) {
        TS_ENSURE((p[1] & 0x80) != 0, TS_ERR_DER); /* non-minimal */
    }
    if (p[0] == 0) {
        TS_GUARD(ts_buf_skip(&c, 1));
    }
    TS_GUARD(ts_buf_read_view(&c, ts_buf_remaining(&c), mag));
    *b = r;
    return TS_OK;
}

ts_err ts_der_read_small(ts_buf *b, uint64_t *v)
{
    ts_buf r = *b;
    ts_buf mag;
    TS_GUARD(ts_der_read_uint(&r, &mag));
    TS_ENSURE(ts_buf_remaining(&mag) <= 8, TS_ERR_DER);
    uint64_t x = 0;
    while (ts_buf_remaining(&mag) > 0) {
        uint8_t byte;
        TS_GUARD(ts_buf_read_u8(&mag, &byte));
        x = (x << 8) | byte;
    }
    *v = x;
    *b = r;
    return TS_OK;
}

ts_err ts_der_read_oid(ts_buf *b, ts_buf *content)
{
    ts_buf r = *b;
    ts_buf c;
    TS_GUARD(ts_der_read(&r, TS_DER_OID, &c, NULL));
    size_t n = ts_buf_remaining(&c);
    const uint8_t *p = ts_buf_cursor(&c);
    TS_ENSURE(n > 0 && (p[n - 1] & 0x80) == 0, TS_ERR_DER);
    for (size_t i = 0; i < n; i++) {
        /* a sub-identifier may not start with 0x80 (non-minimal) */
        bool starts = i == 0 || (p[i - 1] & 0x80) == 0;
        TS_ENSURE(!(starts && p[i] == 0x80), TS_ERR_DER);
    }
    *content = c;
    *b = r;
    return TS_OK;
}

bool ts_der_oid_equal(const ts_buf *content, const ts_der_oid *oid)
{
    return ts_buf_remaining(content) == oid->len &&
           memcmp(ts_buf_cursor(content), oid->bytes, oid->len) == 0;
}

ts_err ts_der_read_bits(ts_buf *b, ts_buf *content)
{
    ts_buf r = *b;
    ts_buf c;
    uint8_t unused;
    TS_GUARD(ts_der_read(&r, TS_DER_BIT_STRING, &c, NULL));
    TS_ENSURE(ts_buf_read_u8(&c, &unused) == TS_OK && unused == 0, TS_ERR_DER);
    *content = c;
    *b = r;
    return TS_OK;
}

/* ts_der: a bounded DER (ITU-T X.690) reader and writer over ts_buf.
 * The reader is strict: definite, minimal lengths only; every read checks
 * the bounds and returns ts_err (TS_ERR_DER on malformed input). */
#ifndef TS_DER_H
#define TS_DER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"

enum {
    TS_DER_BOOLEAN = 0x01,
    TS_DER_INTEGER = 0x02,
    TS_DER_BIT_STRING = 0x03,
    TS_DER_OCTET_STRING = 0x04,
    TS_DER_NULL = 0x05,
    TS_DER_OID = 0x06,
    TS_DER_UTF8_STRING = 0x0C,
    TS_DER_PRINTABLE_STRING = 0x13,
    TS_DER_IA5_STRING = 0x16,
    TS_DER_UTC_TIME = 0x17,
    TS_DER_GENERALIZED_TIME = 0x18,
    TS_DER_SEQUENCE = 0x30,
    TS_DER_SET = 0x31,
    TS_DER_CONTEXT_0 = 0xA0, /* [0] constructed */
    TS_DER_CONTEXT_1 = 0xA1,
    TS_DER_CONTEXT_2 = 0xA2,
    TS_DER_CONTEXT_3 = 0xA3
};

/* Well-known OIDs, as content bytes (without tag and length). */
typedef struct {
    const uint8_t *bytes;
    size_t len;
} ts_der_oid;

extern const ts_der_oid TS_OID_RSA_ENCRYPTION;      /* 1.2.840.113549.1.1.1 */
extern const ts_der_oid TS_OID_SHA256_WITH_RSA;     /* 1.2.840.113549.1.1.11 */
extern const ts_der_oid TS_OID_SHA256;              /* 2.16.840.1.101.3.4.2.1 */
extern const ts_der_oid TS_OID_SHA384;              /* 2.16.840.1.101.3.4.2.2 */
extern const ts_der_oid TS_OID_SHA512;              /* 2.16.840.1.101.3.4.2.3 */
extern const ts_der_oid TS_OID_COMMON_NAME;         /* 2.5.4.3 */
extern const ts_der_oid TS_OID_ORGANIZATION;        /* 2.5.4.10 */
extern const ts_der_oid TS_OID_BASIC_CONSTRAINTS;   /* 2.5.29.19 */
extern const ts_der_oid TS_OID_KEY_USAGE;           /* 2.5.29.15 */
extern const ts_der_oid TS_OID_SUBJECT_ALT_NAME;    /* 2.5.29.17 */
extern const ts_der_oid TS_OID_SUBJECT_KEY_ID;      /* 2.5.29.14 */
extern const ts_der_oid TS_OID_AUTHORITY_KEY_ID;    /* 2.5.29.35 */

/* --- writing --- */

/* Writes tag, length and n content bytes. */
ts_err ts_der_write_tlv(ts_buf *b, uint8_t tag, const uint8_t *data, size_t n);

/* Opens a constructed value (SEQUENCE, SET, [n], or a wrapping OCTET/BIT
 * STRING); *mark remembers where its content starts. */
ts_err ts_der_begin(ts_buf *b, uint8_t tag, size_t *mark);

/* Closes the value opened at mark, writing its length (moving the content
 * when the length needs more than one byte). */
ts_err ts_der_end(ts_buf *b, size_t mark);

/* Writes a non-negative INTEGER from a big-endian magnitude (leading zero
 * bytes dropped, a 0x00 prepended when the top bit is set). */
ts_err ts_der_write_uint(ts_buf *b, const uint8_t *mag, size_t n);

/* Writes a small non-negative INTEGER. */
ts_err ts_der_write_small(ts_buf *b, uint64_t v);

/* Writes an OBJECT IDENTIFIER. */
ts_err ts_der_write_oid(ts_buf *b, const ts_der_oid *oid);

/* Writes NULL. */
ts_err ts_der_write_null(ts_buf *b);

/* --- reading --- */

/* Peeks at the next tag without consuming it; TS_ERR_SHORT at the end. */
ts_err ts_der_peek(const ts_buf *b, uint8_t *tag);

/* Reads one value whose tag must be tag; content becomes a view of its
 * content bytes. If whole is not NULL, it becomes a view of the entire TLV
 * (tag, length and content), as signatures over DER need. */
ts_err ts_der_read(ts_buf *b, uint8_t tag, ts_buf *content, ts_buf *whole);

/* Reads one value of any tag. */
ts_err ts_der_read_any(ts_buf *b, uint8_t *tag, ts_buf *content, ts_buf *whole);

/* Reads a non-negative minimal INTEGER; mag becomes a view of its
 * magnitude with any leading 0x00 removed (TS_ERR_DER if negative). */
ts_err ts_der_read_uint(ts_buf *b, ts_buf *mag);

/* Reads a non-negative INTEGER that fits in 64 bits. */
ts_err ts_der_read_small(ts_buf *b, uint64_t *v);

/* Reads an OBJECT IDENTIFIER and tells whether it equals oid. */
ts_err ts_der_read_oid(ts_buf *b, ts_buf *content);

/* True when the content view equals oid. */
bool ts_der_oid_equal(const ts_buf *content, const ts_der_oid *oid);

/* Reads a BIT STRING with no unused bits; content is its bytes after the
 * unused-bits octet. */
ts_err ts_der_read_bits(ts_buf *b, ts_buf *content);

#endif

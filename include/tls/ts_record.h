/* ts_record: the record layer of TLS 1.2 (RFC 5246 §6.2) and TLS 1.3 (RFC
 * 8446 §5): framing records on the wire, and protecting them in one
 * direction with the suite's cipher: AES-256-GCM (RFC 5288), ChaCha20-
 * Poly1305 (RFC 7905) or the NULL suite's HMAC-SHA256 (RFC 5246 §6.2.3.1).
 * A state made with a TLS 1.3 suite protects the 1.3 way: the real content
 * type goes inside, after the content and before any zero padding
 * (TLSInnerPlaintext); outside, every protected record says
 * application_data, 03 03; the nonce is the IV XOR the sequence number and
 * the additional data is the 5-byte header (RFC 8446 §5.2, §5.3).
 *
 *   struct {
 *       ContentType type;                    1 byte: 20..23
 *       ProtocolVersion version;             2 bytes: 0x0303 for TLS 1.2
 *       uint16 length;                       <= 2^14 + 2048
 *       opaque fragment[TLSCiphertext.length];
 *   } TLSCiphertext;
 *
 * Functions that can fail return ts_err; outputs are appended only on
 * success (a failed call leaves out/plain and the sequence number as they
 * were). ts_rng_global_init must have run before sealing or opening. */
#ifndef TS_RECORD_H
#define TS_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_suite.h"
#include "tls/msg/ts_content_type.h" /* TS_CT_* */


#define TS_VERSION_TLS10 0x0301 /* record version of some first ClientHellos */
#define TS_VERSION_TLS12 0x0303
#define TS_VERSION_TLS13 0x0304 /* in supported_versions only: records say 03 03 */

#define TS_RECORD_HEADER_LEN 5
#define TS_MAX_FRAGMENT 16384                        /* 2^14: plaintext */
#define TS_MAX_CIPHERTEXT (TS_MAX_FRAGMENT + 2048)   /* 2^14 + 2048 */
#define TS_RECORD_MAC_LEN 32                         /* HMAC-SHA256, NULL suite */
#define TS_RECORD_OVERHEAD_MAX 32                    /* largest of 8+16, 16, 32 */
#define TS_MAX_CIPHERTEXT13 (TS_MAX_FRAGMENT + 256)  /* RFC 8446 §5.2 */

/* "change_cipher_spec", "alert", "handshake", "application_data";
 * "unknown" for any other byte. */
const char *ts_record_type_name(uint8_t type);

/* True for the four content types above. */
bool ts_record_type_known(uint8_t type);

/* A record as read from the wire. fragment is a view into the input buffer:
 * valid while that buffer is neither freed, compacted nor written to. */
typedef struct {
    uint8_t type;
    uint16_t version;
    uint16_t length;   /* of the fragment */
    ts_buf fragment;   /* view of the length bytes after the header */
    size_t total_len;  /* TS_RECORD_HEADER_LEN + length */
} ts_record;

/* Frames the record at in's read cursor by its length alone, without
 * consuming it or judging it: any content type, version and length (the
 * channel carries whatever an endpoint writes; the decoder names what is
 * wrong itself). TS_ERR_ARG for a NULL argument; TS_ERR_SHORT when fewer
 * than 5 bytes are there (rec untouched). With the 5 header bytes there,
 * rec's type, version, length and total_len are always set; fragment is
 * the view of the length bytes after the header and the result TS_OK, or,
 * when fewer follow, the view of those that do and TS_ERR_SHORT (so a
 * caller can judge the header before waiting for the rest). */
ts_err ts_record_frame(const ts_buf *in, ts_record *rec);

/* Looks at the record at in's read cursor without consuming it: framed by
 * ts_record_frame, then judged. TS_ERR_SHORT when fewer than 5 bytes or
 * the fragment is incomplete (wait for more); TS_ERR_RECORD_TYPE for an
 * unknown content type (RFC 5246 §6: unexpected_message); TS_ERR_RECORD for
 * a version whose major byte is not 3; TS_ERR_RECORD_OVERFLOW when length >
 * 2^14 + 2048. Header errors are reported as soon as the 5 header bytes
 * are there. rec is written only on success. */
ts_err ts_record_parse_header(const ts_buf *in, ts_record *rec);

/* As ts_record_parse_header, then consumes the whole record from in. */
ts_err ts_record_next(ts_buf *in, ts_record *rec);

/* One direction's protection state. */
typedef struct {
    const ts_suite *suite; /* NULL: plaintext (before ChangeCipherSpec) */
    uint8_t key[32];       /* write key (AEAD suites) */
    uint8_t iv[12];        /* fixed IV: 4-byte GCM salt, 12 bytes ChaCha */
    uint8_t mac_key[32];   /* MAC key (NULL suite) */
    uint64_t seq;          /* sequence number of the next record */
    bool tls13;            /* protects the TLS 1.3 way (set from the suite) */
    size_t padding;        /* TLS 1.3: zero bytes added to each sealed record */
} ts_record_state;

/* Makes s the plaintext state (no protection, seq 0); cannot fail. */
void ts_record_state_init_plain(ts_record_state *s);

/* Makes s protect records with suite, seq 0, copying suite->sizes bytes of
 * key, iv and mac_key (each may be NULL when its size is 0); a TLS 1.3
 * suite makes a TLS 1.3 state (padding 0). TS_ERR_ARG for a NULL suite or
 * a size the state cannot hold. */
ts_err ts_record_state_init(ts_record_state *s, const ts_suite *suite, const uint8_t *key,
                            const uint8_t *iv, const uint8_t *mac_key);

/* Wipes the keys of s and makes it the plaintext state again. */
void ts_record_state_wipe(ts_record_state *s);

/* The most content one record of s can carry: 2^14, less the padding in
 * TLS 1.3 (the inner plaintext is at most 2^14 + 1 bytes, RFC 8446 §5.4). */
size_t ts_record_max_content(const ts_record_state *s);

/* Bytes a protected record adds to its plaintext, header excluded:
 * 8 + 16 for GCM, 16 for ChaCha20-Poly1305, 32 for NULL, 0 for plaintext;
 * TLS 1.3: 16 + 1 (the content type) + the padding. */
size_t ts_record_overhead(const ts_record_state *s);

/* What a protected record is made of, for the trace. For the NULL suite,
 * aad holds the 13-byte header the MAC covers and tag the MAC; for the
 * plaintext state only seq and plain_len are set. */
typedef struct {
    uint64_t seq;
    uint8_t nonce[12];         /* the nonce given to the AEAD */
    size_t nonce_len;          /* 12 for AEAD, else 0 */
    uint8_t explicit_nonce[8]; /* GCM: sent in the record */
    size_t explicit_len;       /* 8 for GCM, else 0 */
    uint8_t aad[13];           /* seq || type || version || plaintext length;
                                  TLS 1.3: the 5-byte record header */
    size_t aad_len;            /* 13, 5 (TLS 1.3), or 0 for plaintext */
    uint8_t tag[32];
    size_t tag_len;            /* 16 for AEAD, 32 for the NULL suite's HMAC */
    size_t plain_len;          /* the content's length (TLS 1.3: without the
                                  type byte and the padding) */
    uint8_t content_type;      /* the real content type: the header's, or in
                                  TLS 1.3 the one inside the protection */
    size_t padding_len;        /* TLS 1.3: zero bytes after the type */
} ts_record_info;

/* Appends one record of type and version carrying the n bytes at plain
 * (n <= ts_record_max_content(s) else TS_ERR_RECORD_OVERFLOW), protected by s, then advances
 * s->seq; TS_ERR_ARG when s->seq is 2^64 - 1 (it must not wrap). plain must
 * not point into out. info (may be NULL) receives what the record holds.
 * A TLS 1.3 state puts type inside and writes application_data, 03 03
 * outside (version is then ignored). */
ts_err ts_record_seal(ts_record_state *s, uint8_t type, uint16_t version, const uint8_t *plain,
                      size_t n, ts_buf *out, ts_record_info *info);

/* Checks and removes the protection of rec, appends its plaintext to plain
 * and advances s->seq. TS_ERR_DECRYPT when the tag or MAC does not verify
 * or the fragment is too short to hold nonce and tag (bad_record_mac);
 * TS_ERR_RECORD_OVERFLOW when the plaintext exceeds 2^14; TS_ERR_RECORD when
 * rec->length disagrees with its fragment. info may be NULL. A TLS 1.3
 * state also gives TS_ERR_UNEXPECTED for a protected record whose header
 * is not application_data or whose inner plaintext is all zeros (no
 * content type: unexpected_message), TS_ERR_RECORD_OVERFLOW for an inner
 * plaintext over 2^14 + 1 bytes; info->content_type says the real type. */
ts_err ts_record_open(ts_record_state *s, const ts_record *rec, ts_buf *plain,
                      ts_record_info *info);

/* Seals n bytes of data as consecutive records of at most max_fragment
 * (1..2^14, else TS_ERR_ARG) plaintext bytes each; n == 0 gives one empty
 * record. On failure nothing is appended and s->seq is unchanged. */
ts_err ts_record_seal_all(ts_record_state *s, uint8_t type, uint16_t version, const uint8_t *data,
                          size_t n, size_t max_fragment, ts_buf *out);

#endif

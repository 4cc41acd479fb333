/* ts_msg_server_key_exchange: the ServerKeyExchange body for ECDHE_RSA
 * (RFC 8422 §5.4) and DHE_RSA (RFC 5246 §7.4.3): the server's key exchange
 * parameters, then a signature over client_random + server_random + params.
 *
 * Writing is in two steps so the caller can sign the exact params bytes:
 * ts_msg_ske_write_params (into out, or into a scratch buffer to sign), then
 * ts_msg_ske_write_signature. Parsing records the params bytes exactly as
 * they came (m->params, or ts_msg_ske_params) for verification.
 * Return convention and lifetimes: see ts_msg_handshake.h. */
#ifndef TS_MSG_SERVER_KEY_EXCHANGE_H
#define TS_MSG_SERVER_KEY_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "crypto/ts_hash.h"
#include "tls/msg/ts_msg_handshake.h"

/* The two forms (the suite decides which one the peer sends). */
#define TS_SKE_ECDHE TS_KX_ECDHE
#define TS_SKE_DHE TS_KX_DHE

/* ECCurveType named_curve (RFC 8422 §5.4); the only one accepted. */
#define TS_EC_CURVE_TYPE_NAMED 3

typedef struct {
    ts_kx kind;             /* TS_KX_ECDHE or TS_KX_DHE */
    /* ECDHE: ServerECDHParams */
    uint8_t curve_type;     /* TS_EC_CURVE_TYPE_NAMED */
    uint16_t group;         /* NamedCurve, e.g. TS_GROUP_X25519 */
    ts_msg_bytes point;     /* public value, 1..255 bytes */
    /* DHE: ServerDHParams, big-endian integers, each 1..2^16-1 bytes */
    ts_msg_bytes dh_p;
    ts_msg_bytes dh_g;
    ts_msg_bytes dh_ys;
    /* digitally-signed */
    uint16_t sigalg;        /* SignatureAndHashAlgorithm, e.g. 0x0401 */
    ts_msg_bytes signature; /* 0..2^16-1 bytes */
    /* parse only: the params bytes exactly as on the wire */
    ts_msg_bytes params;
} ts_msg_ske;

/* Appends the params of m->kind (ECDHE or DHE form) as they are signed. */
ts_err ts_msg_ske_write_params(ts_buf *out, const ts_msg_ske *m);

/* Appends the signature part: sigalg (u16) and the signature vector. */
ts_err ts_msg_ske_write_signature(ts_buf *out, uint16_t sigalg, const uint8_t *sig,
                                  size_t sig_len);

/* The hash of a SignatureAndHashAlgorithm the engine signs and verifies
 * with (rsa_pkcs1_sha256, _sha384, _sha512); false for any other. */
bool ts_msg_ske_sigalg_hash(uint16_t sigalg, ts_hash_alg *alg);

/* The digest a ServerKeyExchange signature covers (RFC 5246 §7.4.3):
 * Hash(client_random + server_random + params), into out (the hash's
 * length). Client and server both build it here. */
void ts_msg_ske_digest(ts_hash_alg alg, const uint8_t client_random[TS_RANDOM_LEN],
                       const uint8_t server_random[TS_RANDOM_LEN], const uint8_t *params,
                       size_t params_len, uint8_t out[TS_HASH_MAX_LEN]);

/* Appends the whole body: params, then m->sigalg and m->signature. */
ts_err ts_msg_ske_write(ts_buf *out, const ts_msg_ske *m);

/* Parses a whole body of the given kind (TS_SKE_ECDHE or TS_SKE_DHE, else
 * TS_ERR_ARG). A curve_type other than named_curve is TS_ERR_ILLEGAL; the
 * group, sizes and signature are left to the engine. */
ts_err ts_msg_ske_parse(ts_buf *body, ts_kx kind, ts_msg_ske *m, ts_fields *f);

/* Makes view a read-only view of the params bytes of a parsed m. */
ts_err ts_msg_ske_params(const ts_msg_ske *m, ts_buf *view);

#endif

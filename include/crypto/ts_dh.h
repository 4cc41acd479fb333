/* ts_dh: finite-field Diffie-Hellman on GMP, for the DHE suite. Numbers
 * cross the interface as big-endian unsigned bytes (mpz_t never leaves
 * ts_dh.c), so the same calls work for a named group and for whatever p and
 * g a server sends in ServerKeyExchange. Functions that can fail return
 * ts_err; results are appended to ts_buf outputs only on success. */
#ifndef TS_DH_H
#define TS_DH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_rng.h"

#define TS_DH_MAX_BITS 8192
#define TS_DH_MAX_LEN (TS_DH_MAX_BITS / 8)

typedef enum {
    TS_DH_FFDHE2048, /* RFC 7919 Appendix A.1, g = 2 */
    TS_DH_TOY,       /* a 64-bit safe prime for lessons, g = 2 */
    TS_DH_FFDHE3072, /* RFC 7919 Appendix A.2 */
    TS_DH_FFDHE4096, /* A.3 */
    TS_DH_FFDHE6144, /* A.4 */
    TS_DH_FFDHE8192, /* A.5 */
    TS_DH_GROUP_COUNT
} ts_dh_group_id;

/* A group: prime p and generator g, big-endian. In every built-in group p
 * is a safe prime (p = 2q + 1, q prime) with p = 7 mod 8, so g = 2 is a
 * quadratic residue and generates the subgroup of prime order q. */
typedef struct {
    const char *name;  /* "ffdhe2048", "toy64" */
    const uint8_t *p;
    size_t p_len;
    const uint8_t *g;
    size_t g_len;
    unsigned bits;     /* bit length of p */
    uint16_t named;    /* its TLS NamedGroup code (256..260), 0 for the toy group */
} ts_dh_group;

/* Returns the built-in group with that id, or NULL for an unknown id. */
const ts_dh_group *ts_dh_group_get(ts_dh_group_id id);

/* The RFC 7919 group with TLS NamedGroup code named (256 ffdhe2048 ..
 * 260 ffdhe8192); false for any other code. */
bool ts_dh_group_by_named(uint16_t named, ts_dh_group_id *id);

/* Checks a group as received: p odd, p of at least min_bits bits (and at
 * most TS_DH_MAX_BITS), 1 < g < p - 1. TS_ERR_DH_PUBLIC otherwise. p is not
 * tested for primality (that costs too much for every handshake). */
ts_err ts_dh_check_group(const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len,
                         unsigned min_bits);

/* Checks a peer's public value: 1 < y < p - 1 (RFC 7919 §5.1), else
 * TS_ERR_DH_PUBLIC. */
ts_err ts_dh_check_public(const uint8_t *p, size_t p_len, const uint8_t *y, size_t y_len);

/* Draws a private exponent x from rng, uniform in [2, p - 2] for groups of
 * at most 512 bits and in [2, 2^256 - 1] above (RFC 7919 §5.2), computes
 * y = g^x mod p. Appends x to priv and y to pub, both big-endian and
 * left-padded with zeros to the byte length of p (as RFC 7919 §3 asks of
 * the public value). The group must pass ts_dh_check_group with min_bits 2
 * (TS_ERR_DH_PUBLIC otherwise). Same rng state, same keys. */
ts_err ts_dh_keypair(ts_rng *rng, const uint8_t *p, size_t p_len, const uint8_t *g, size_t g_len,
                     ts_buf *priv, ts_buf *pub);

/* Computes Z = peer_pub^priv mod p and appends it to shared, big-endian
 * with leading zero bytes stripped (RFC 5246 §8.1.2). TS_ERR_DH_PUBLIC when
 * peer_pub fails ts_dh_check_public or Z is 1; TS_ERR_ARG when p is even
 * or priv is zero. */
ts_err ts_dh_shared(const uint8_t *p, size_t p_len, const uint8_t *priv, size_t priv_len,
                    const uint8_t *peer_pub, size_t peer_len, ts_buf *shared);

#endif

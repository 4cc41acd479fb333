/* ts_x25519: X25519 key agreement (RFC 7748) on libsodium, for the ECDHE
 * suite. Keys are 32-byte strings as they travel in TLS (RFC 8422 §5.11).
 * Functions that can fail return ts_err. */
#ifndef TS_X25519_H
#define TS_X25519_H

#include <stdint.h>

#include "base/ts_err.h"
#include "crypto/ts_rng.h"

#define TS_X25519_LEN 32

/* Draws a private key of 32 bytes from rng (clamped by libsodium when used,
 * not here) and writes the matching public key X25519(priv, 9) to pub. */
ts_err ts_x25519_keypair(ts_rng *rng, uint8_t priv[TS_X25519_LEN], uint8_t pub[TS_X25519_LEN]);

/* Computes the shared secret X25519(priv, peer_pub). TS_ERR_DH_PUBLIC when
 * it is all zeros (peer_pub is a small-order point, RFC 7748 §6.1); shared
 * then holds zeros. */
ts_err ts_x25519_shared(const uint8_t priv[TS_X25519_LEN], const uint8_t peer_pub[TS_X25519_LEN],
                        uint8_t shared[TS_X25519_LEN]);

#endif

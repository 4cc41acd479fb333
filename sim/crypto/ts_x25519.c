/* ts_x25519: X25519 on libsodium's crypto_scalarmult_curve25519. */
#include "crypto/ts_x25519.h"

#include <sodium.h>

#include "crypto/ts_secret.h"

ts_err ts_x25519_keypair(ts_rng *rng, uint8_t priv[TS_X25519_LEN], uint8_t pub[TS_X25519_LEN])
{
    TS_ENSURE(rng != NULL && priv != NULL && pub != NULL, TS_ERR_ARG);
    uint8_t k[TS_X25519_LEN];
    ts_rng_bytes(rng, k, sizeof k);
    if (crypto_scalarmult_curve25519_base(pub, k) != 0) {
        /* Cannot happen for a clamped scalar; kept for the contract. */
        ts_secret_wipe(k, sizeof k);
        return TS_ERR_RNG;
    }
    for (size_t i = 0; i < TS_X25519_LEN; i++) {
        priv[i] = k[i];
    }
    ts_secret_wipe(k, sizeof k);
    return TS_OK;
}

ts_err ts_x25519_shared(const uint8_t priv[TS_X25519_LEN], const uint8_t peer_pub[TS_X25519_LEN],
                        uint8_t shared[TS_X25519_LEN])
{
    TS_ENSURE(priv != NULL && peer_pub != NULL && shared != NULL, TS_ERR_ARG);
    /* libsodium returns -1 when the result is the all-zero point. */
    if (crypto_scalarmult_curve25519(shared, priv, peer_pub) != 0) {
        ts_secret_wipe(shared, TS_X25519_LEN);
        return TS_ERR_DH_PUBLIC;
    }
    return TS_OK;
}

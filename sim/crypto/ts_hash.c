/* ts_hash: SHA-256, SHA-384 and SHA-512 on libsodium, HMAC over them, and the
 * handshake hash. SHA-384 is SHA-512 with the FIPS 180-4 §5.3.4 initial
 * values and its output truncated to 48 bytes (FIPS 180-4 §6.5). */
#include "crypto/ts_hash.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "crypto/ts_secret.h"

_Static_assert(sizeof(crypto_hash_sha256_state) <= sizeof(((ts_hash_ctx *)0)->state),
               "SHA-256 state fits in ts_hash_ctx");
_Static_assert(sizeof(crypto_hash_sha512_state) <= sizeof(((ts_hash_ctx *)0)->state),
               "SHA-512 state fits in ts_hash_ctx");
_Static_assert(_Alignof(crypto_hash_sha512_state) <= _Alignof(uint64_t),
               "libsodium states need no more than uint64_t alignment");

#define TS_HMAC_MAX_BLOCK 128

/* FIPS 180-4 §5.3.4: SHA-384 initial hash value. */
static const uint64_t sha384_iv[8] = {
    0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
    0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
};

size_t ts_hash_len(ts_hash_alg alg)
{
    return alg == TS_HASH_SHA512 ? TS_SHA512_LEN
           : alg == TS_HASH_SHA384 ? TS_SHA384_LEN : TS_SHA256_LEN;
}

size_t ts_hash_block_len(ts_hash_alg alg)
{
    return alg == TS_HASH_SHA256 ? 64 : 128;
}

const char *ts_hash_name(ts_hash_alg alg)
{
    return alg == TS_HASH_SHA512 ? "sha512" : alg == TS_HASH_SHA384 ? "sha384" : "sha256";
}

ts_err ts_hash_from_name(const char *name, ts_hash_alg *alg)
{
    TS_ENSURE(name != NULL && alg != NULL, TS_ERR_ARG);
    if (strcasecmp(name, "sha256") == 0 || strcasecmp(name, "sha-256") == 0) {
        *alg = TS_HASH_SHA256;
        return TS_OK;
    }
    if (strcasecmp(name, "sha384") == 0 || strcasecmp(name, "sha-384") == 0) {
        *alg = TS_HASH_SHA384;
        return TS_OK;
    }
    if (strcasecmp(name, "sha512") == 0 || strcasecmp(name, "sha-512") == 0) {
        *alg = TS_HASH_SHA512;
        return TS_OK;
    }
    return TS_ERR_HASH;
}

static crypto_hash_sha256_state *sha256_state(ts_hash_ctx *c)
{
    return (crypto_hash_sha256_state *)(void *)c->state;
}

static crypto_hash_sha512_state *sha512_state(ts_hash_ctx *c)
{
    return (crypto_hash_sha512_state *)(void *)c->state;
}

void ts_hash_init(ts_hash_ctx *c, ts_hash_alg alg)
{
    memset(c, 0, sizeof(*c));
    c->alg = alg;
    if (alg == TS_HASH_SHA384) {
        crypto_hash_sha512_state *st = sha512_state(c);
        crypto_hash_sha512_init(st);
        memcpy(st->state, sha384_iv, sizeof(sha384_iv));
    } else if (alg == TS_HASH_SHA512) {
        crypto_hash_sha512_init(sha512_state(c));
    } else {
        crypto_hash_sha256_init(sha256_state(c));
    }
}

void ts_hash_update(ts_hash_ctx *c, const uint8_t *data, size_t n)
{
    if (n == 0) {
        return;
    }
    if (c->alg != TS_HASH_SHA256) {
        crypto_hash_sha512_update(sha512_state(c), data, n);
    } else {
        crypto_hash_sha256_update(sha256_state(c), data, n);
    }
}

void ts_hash_final(ts_hash_ctx *c, uint8_t *out)
{
    if (c->alg == TS_HASH_SHA384) {
        uint8_t full[crypto_hash_sha512_BYTES];
        crypto_hash_sha512_final(sha512_state(c), full);
        memcpy(out, full, TS_SHA384_LEN);
        ts_secret_wipe(full, sizeof(full));
    } else if (c->alg == TS_HASH_SHA512) {
        crypto_hash_sha512_final(sha512_state(c), out);
    } else {
        crypto_hash_sha256_final(sha256_state(c), out);
    }
    ts_secret_wipe(c->state, sizeof(c->state));
}

void ts_hash(ts_hash_alg alg, const uint8_t *data, size_t n, uint8_t *out)
{
    ts_hash_ctx c;
    ts_hash_init(&c, alg);
    ts_hash_update(&c, data, n);
    ts_hash_final(&c, out);
}

void ts_hmac_init(ts_hmac_ctx *c, ts_hash_alg alg, const uint8_t *key, size_t key_len)
{
    size_t block = ts_hash_block_len(alg);
    uint8_t k[TS_HMAC_MAX_BLOCK] = {0};
    if (key_len > block) {
        ts_hash(alg, key, key_len, k); /* RFC 2104 §2: long keys are hashed */
    } else if (key_len > 0) {
        memcpy(k, key, key_len);
    }
    uint8_t pad[TS_HMAC_MAX_BLOCK];
    for (size_t i = 0; i < block; i++) {
        pad[i] = k[i] ^ 0x36;
    }
    ts_hash_init(&c->inner, alg);
    ts_hash_update(&c->inner, pad, block);
    for (size_t i = 0; i < block; i++) {
        pad[i] = k[i] ^ 0x5c;
    }
    ts_hash_init(&c->outer, alg);
    ts_hash_update(&c->outer, pad, block);
    ts_secret_wipe(k, sizeof(k));
    ts_secret_wipe(pad, sizeof(pad));
}

void ts_hmac_update(ts_hmac_ctx *c, const uint8_t *data, size_t n)
{
    ts_hash_update(&c->inner, data, n);
}

void ts_hmac_final(ts_hmac_ctx *c, uint8_t *out)
{
    uint8_t inner[TS_HASH_MAX_LEN];
    size_t len = ts_hash_len(c->inner.alg);
    ts_hash_final(&c->inner, inner);
    ts_hash_update(&c->outer, inner, len);
    ts_hash_final(&c->outer, out);
    ts_secret_wipe(inner, sizeof(inner));
}

void ts_hmac(ts_hash_alg alg, const uint8_t *key, size_t key_len,
             const uint8_t *data, size_t n, uint8_t *out)
{
    ts_hmac_ctx c;
    ts_hmac_init(&c, alg, key, key_len);
    ts_hmac_update(&c, data, n);
    ts_hmac_final(&c, out);
}

void ts_hs_hash_init(ts_hs_hash *h)
{
    ts_buf_init(&h->messages);
}

ts_err ts_hs_hash_add(ts_hs_hash *h, const uint8_t *msg, size_t n)
{
    return ts_buf_write_bytes(&h->messages, msg, n);
}

void ts_hs_hash_value(const ts_hs_hash *h, ts_hash_alg alg, uint8_t *out)
{
    ts_hash(alg, h->messages.data, h->messages.len, out);
}

void ts_hs_hash_free(ts_hs_hash *h)
{
    ts_buf_free(&h->messages);
}

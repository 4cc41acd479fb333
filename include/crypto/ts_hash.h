/* ts_hash: SHA-256, SHA-384 (built on libsodium's SHA-512 state with the
 * FIPS 180-4 SHA-384 initial values), HMAC over both for keys of any length,
 * and the running handshake hash. Functions that can fail return ts_err. */
#ifndef TS_HASH_H
#define TS_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"

typedef enum {
    TS_HASH_SHA256,
    TS_HASH_SHA384,
    TS_HASH_SHA512  /* for rsa_pkcs1_sha512 signatures */
} ts_hash_alg;

#define TS_SHA256_LEN 32
#define TS_SHA384_LEN 48
#define TS_SHA512_LEN 64
#define TS_HASH_MAX_LEN 64

/* Digest length of alg in bytes. */
size_t ts_hash_len(ts_hash_alg alg);

/* Block length of alg in bytes (64 or 128), as HMAC uses it. */
size_t ts_hash_block_len(ts_hash_alg alg);

/* Lower-case name: "sha256", "sha384". */
const char *ts_hash_name(ts_hash_alg alg);

/* Parses "sha256"/"sha384" (also "SHA-256", "SHA384"); else TS_ERR_HASH. */
ts_err ts_hash_from_name(const char *name, ts_hash_alg *alg);

/* An incremental hash; copy it by assignment to fork the running value. */
typedef struct {
    ts_hash_alg alg;
    uint64_t state[32]; /* libsodium state, opaque here */
} ts_hash_ctx;

/* Starts an incremental hash of alg. */
void ts_hash_init(ts_hash_ctx *c, ts_hash_alg alg);
/* Feeds n bytes. */
void ts_hash_update(ts_hash_ctx *c, const uint8_t *data, size_t n);
/* Writes ts_hash_len(alg) bytes to out and wipes c. */
void ts_hash_final(ts_hash_ctx *c, uint8_t *out);

/* One-shot digest of data into out (ts_hash_len bytes). */
void ts_hash(ts_hash_alg alg, const uint8_t *data, size_t n, uint8_t *out);

/* An incremental HMAC (RFC 2104) over alg. */
typedef struct {
    ts_hash_ctx inner;
    ts_hash_ctx outer;
} ts_hmac_ctx;

/* Starts HMAC with a key of any length (longer than a block: hashed first). */
void ts_hmac_init(ts_hmac_ctx *c, ts_hash_alg alg, const uint8_t *key, size_t key_len);
/* Feeds n bytes. */
void ts_hmac_update(ts_hmac_ctx *c, const uint8_t *data, size_t n);
/* Writes ts_hash_len(alg) bytes to out and wipes c. */
void ts_hmac_final(ts_hmac_ctx *c, uint8_t *out);

/* One-shot HMAC. */
void ts_hmac(ts_hash_alg alg, const uint8_t *key, size_t key_len,
             const uint8_t *data, size_t n, uint8_t *out);

/* The handshake hash: keeps every handshake message so that it can be
 * hashed with either algorithm at any point (the suite, and so the hash, is
 * known only after ServerHello) and so a front end can show its exact input. */
typedef struct {
    ts_buf messages; /* concatenated handshake messages, headers included */
} ts_hs_hash;

/* Starts an empty handshake hash. */
void ts_hs_hash_init(ts_hs_hash *h);
/* Appends one handshake message (4-byte header and body). */
ts_err ts_hs_hash_add(ts_hs_hash *h, const uint8_t *msg, size_t n);
/* Writes Hash(all messages so far) to out (ts_hash_len(alg) bytes). */
void ts_hs_hash_value(const ts_hs_hash *h, ts_hash_alg alg, uint8_t *out);
/* Frees the kept messages. */
void ts_hs_hash_free(ts_hs_hash *h);

#endif

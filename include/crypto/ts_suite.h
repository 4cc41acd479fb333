/* ts_suite: the cipher suites tlsstep speaks (DESIGN.md §1), in one table:
 * four of TLS 1.2 and two of TLS 1.3. Names on the CLI, in the RFCs and in
 * OpenSSL, the two-byte code on the wire, the protocol version, the key
 * exchange, the record protection, the PRF (1.2) or HKDF (1.3) hash and the
 * sizes of the keys (RFC 5246 §6.3; RFC 8446 §7.3: a 12-byte IV).
 *
 * TLS_AES_128_GCM_SHA256, the suite every TLS 1.3 peer must implement, is
 * not here: libsodium 1.0.18 has AES-256-GCM but no AES-128-GCM. Every
 * real peer also offers the two 1.3 suites below. */
#ifndef TS_SUITE_H
#define TS_SUITE_H

#include <stdbool.h>
#include <stdint.h>

#include "crypto/ts_aead.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_prf.h"

typedef enum {
    TS_SUITE_RSA,   /* TLS_RSA_WITH_AES_256_GCM_SHA384, the default */
    TS_SUITE_ECDHE, /* TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 */
    TS_SUITE_DHE,   /* TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 */
    TS_SUITE_NULL,  /* TLS_RSA_WITH_NULL_SHA256 */
    TS_SUITE_TLS13_AES,    /* TLS_AES_256_GCM_SHA384 (TLS 1.3) */
    TS_SUITE_TLS13_CHACHA, /* TLS_CHACHA20_POLY1305_SHA256 (TLS 1.3) */
    TS_SUITE_COUNT
} ts_suite_id;

typedef enum {
    TS_KX_RSA,   /* premaster secret encrypted with the server's RSA key */
    TS_KX_ECDHE, /* X25519, parameters signed with RSA */
    TS_KX_DHE,   /* finite-field Diffie-Hellman, parameters signed with RSA */
    TS_KX_TLS13  /* TLS 1.3: the suite names no key exchange; key_share does
                    ((EC)DHE on a named group), CertificateVerify signs */
} ts_kx;

typedef enum {
    TS_CIPHER_AES256GCM,         /* RFC 5288 */
    TS_CIPHER_CHACHA20POLY1305,  /* RFC 7905 */
    TS_CIPHER_NULL_SHA256        /* no encryption, HMAC-SHA256 (RFC 5246) */
} ts_cipher;

typedef struct {
    ts_suite_id id;
    const char *cli_name;     /* "rsa" */
    const char *iana_name;    /* "TLS_RSA_WITH_AES_256_GCM_SHA384" */
    const char *openssl_name; /* "AES256-GCM-SHA384" */
    uint16_t code;            /* 0x009D */
    uint16_t version;         /* 0x0303 (TLS 1.2) or 0x0304 (TLS 1.3) */
    ts_kx kx;
    ts_cipher cipher;
    ts_hash_alg prf_hash;     /* PRF and Finished hash; HKDF's in TLS 1.3 */
    ts_key_sizes sizes;       /* MAC key, encryption key, fixed IV */
} ts_suite;

/* The suite with this id; NULL when id is out of range. */
const ts_suite *ts_suite_get(ts_suite_id id);

/* The suite with this wire code; NULL when it is not one of ours. */
const ts_suite *ts_suite_by_code(uint16_t code);

/* The suite named name: its CLI name (any case), IANA or OpenSSL name;
 * NULL when none matches or name is NULL. */
const ts_suite *ts_suite_by_name(const char *name);

/* True when suite can run here: false for AES-256-GCM without AES-NI. */
bool ts_suite_usable(const ts_suite *suite);

/* True when suite protects records with an AEAD; then *alg (if not NULL)
 * receives it. False for the NULL suite and for NULL. */
bool ts_suite_aead(const ts_suite *suite, ts_aead_alg *alg);

/* True for a TLS 1.3 suite (NULL: false). */
bool ts_suite_is_tls13(const ts_suite *suite);

/* "RSA", "ECDHE_RSA", "DHE_RSA", "(EC)DHE (key_share)" ("unknown" otherwise). */
const char *ts_kx_name(ts_kx kx);

/* "AES-256-GCM", "ChaCha20-Poly1305", "NULL (HMAC-SHA256)" ("unknown"). */
const char *ts_cipher_name(ts_cipher cipher);

#endif

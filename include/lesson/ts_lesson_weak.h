/* ts_lesson_weak: the weak PKI of a lesson's `run: weak_key:` (and of the
 * exercises that teach it), made from the seed so the same seed gives the
 * same keys. Each weak key draws its keys from the stream of its exercise
 * (ts_rng_init_for(ID, seed, TS_ACTOR_KEYGEN)) in that exercise's order, so
 * the key a student steps through in `tlsstep run --lesson fermat --bits
 * 2048 --seed S` is the one `tlsstep exercise fermat --seed S` hands out:
 *
 *   close-primes (stream "fermat"): a CA key of TS_WEAK_CA_BITS bits, then
 *     the server's key with close primes (gap bits/4 + TS_WEAKKEY_GAP_OVER
 *     bits: Fermat factors it in a few thousand steps);
 *   shared-prime (stream "shared-prime"): a CA key of bits bits, then two
 *     keys sharing a prime; the server uses the first;
 *   e3 (stream "e3-forgery"): the CA's key of TS_WEAK_E3_CA_BITS bits with
 *     e = 3, then the server's ordinary key;
 *
 * then the CA's self-signed certificate and the server's, signed by the CA
 * (serials drawn from the stream). none and tiny make no PKI (tiny is a
 * textbook key, too small for a handshake). Functions return ts_err. */
#ifndef TS_LESSON_WEAK_H
#define TS_LESSON_WEAK_H

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_x509.h"
#include "lesson/ts_lesson_types.h"
#include "simulation/ts_session.h"

#define TS_WEAK_CA_BITS 1024    /* the CA of close-primes (the fermat exercise's) */
#define TS_WEAK_E3_CA_BITS 2048 /* the e = 3 CA (the e3-forgery exercise's) */

/* A weak PKI: keys and DER certificates (ts_weak_pki_free). */
typedef struct {
    ts_rsa_key *ca_key;     /* signs both certificates */
    ts_rsa_key *server_key; /* the server's private key */
    ts_rsa_key *other_key;  /* shared-prime: the key sharing server_key's prime; else NULL */
    ts_buf ca_der, server_der;
} ts_weak_pki;

/* Makes p empty; cannot fail. */
void ts_weak_pki_init(ts_weak_pki *p);

/* Wipes and frees p's keys and certificates; p is empty again. */
void ts_weak_pki_free(ts_weak_pki *p);

/* The exercise whose key stream w uses ("fermat", "shared-prime",
 * "e3-forgery"); NULL for none and tiny. */
const char *ts_weak_key_stream(ts_weak_key w);

/* The longest session seed a weak key can be derived from (the stream's
 * name and '/' come first, within TS_RNG_SEED_MAX); 0 for none and tiny. */
size_t ts_weak_key_seed_max(ts_weak_key w);

/* Appends to ca_der a self-signed CA certificate for ca_key (CN
 * TS_X509_CA_CN, O TS_X509_CA_ORG, valid [now - 1 day, now + 3652 days])
 * and to server_der a certificate for server_pub naming host (SAN; the CN
 * too when it fits in 64 bytes, else "tlsstep server"), signed by ca_key,
 * valid [now - 1 day, now + 365 days]; two 8-byte serials (top bit clear,
 * next set) from rng, the CA's first: the certificates of
 * ts_x509_make_certs (with now = TS_SESSION_DEFAULT_NOW, those the
 * exercises hand out). */
ts_err ts_weak_pki_certs(ts_rng *rng, const ts_rsa_key *ca_key, const ts_rsa_key *server_pub,
                         const char *host, ts_time now, ts_buf *ca_der, ts_buf *server_der);

/* Draws the keys of w (see the top of this file; bits: the server's
 * modulus, 512..4096) and then the certificates (ts_weak_pki_certs) from
 * rng into out (initialised here). TS_ERR_ARG for none and tiny; on failure
 * out is empty. */
ts_err ts_weak_pki_make(ts_rng *rng, ts_weak_key w, unsigned bits, const char *host, ts_time now,
                        ts_weak_pki *out);

/* Makes s's runs use the weak PKI of w for s's seed, bits, host and clock
 * (rng: ts_rng_init_for(ts_weak_key_stream(w), seed, TS_ACTOR_KEYGEN)),
 * installed with ts_session_use_pki. none: nothing changes. TS_ERR_RSA_SIZE
 * for tiny (a key too small for a handshake), TS_ERR_ARG for a seed longer
 * than ts_weak_key_seed_max(w). */
ts_err ts_lesson_apply_weak_key(ts_session *s, ts_weak_key w);

#endif

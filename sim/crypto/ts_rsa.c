/* ts_rsa: toy RSA on GMP (keys, textbook operations, DER and PEM
 * encodings; PKCS#1 v1.5 padding is in ts_rsa_pkcs1.c).
 *
 * d = e^-1 mod (p-1)(q-1), as in the textbook and in OpenSSL's classic
 * generator; any d with e*d = 1 mod lcm(p-1, q-1) is accepted on import.
 * Private operations use the CRT with mpz_powm and are checked by
 * re-applying the public exponent. mpz_powm, not mpz_powm_sec: its timing
 * depends on the exponent, which a production library must avoid, but these
 * are teaching keys on a simulator, and mpz_powm is twice as fast, which
 * keeps a 2048-bit handshake close to OpenSSL's (make bench). Secret numbers are wiped before they are
 * freed (GMP's own temporaries are not). */
#include "crypto/ts_rsa.h"

#include <gmp.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ts_der.h"
#include "crypto/ts_pem.h"
#include "crypto/ts_secret.h"

struct ts_rsa_key {
    bool priv;
    unsigned bits;
    size_t len;
    mpz_t n, e, d, p, q, dp, dq, qinv;
};

/* Rounds of mpz_probab_prime_p: Baillie-PSW plus one Miller-Rabin round. */
#define PRIME_REPS 25
/* Sieve: odd primes below SIEVE_BOUND, a window of SIEVE_WINDOW odd numbers. */
#define SIEVE_BOUND 8192
#define SIEVE_WINDOW 4096
/* Candidate draws before giving up (only reachable with a hostile e). */
#define MAX_DRAWS 100000

/* --- numbers --- */

/* Overwrites every limb x has allocated, then frees it. */
static void mpz_wipe(mpz_t x)
{
    size_t alloc = (size_t)x->_mp_alloc;
    if (alloc > 0) {
        mp_limb_t *limbs = mpz_limbs_write(x, (mp_size_t)alloc);
        ts_secret_wipe(limbs, alloc * sizeof(mp_limb_t));
        mpz_limbs_finish(x, 0);
    }
    mpz_clear(x);
}

static void mpz_from_bytes(mpz_t x, const uint8_t *in, size_t n)
{
    if (n == 0) {
        mpz_set_ui(x, 0);
        return;
    }
    mpz_import(x, n, 1, 1, 0, 0, in);
}

/* Writes x (< 256^k) big-endian into exactly k bytes. */
static void mpz_to_fixed(const mpz_t x, uint8_t *out, size_t k)
{
    size_t n = (mpz_sizeinbase(x, 2) + 7) / 8;
    memset(out, 0, k);
    if (mpz_sgn(x) != 0 && n <= k) {
        mpz_export(out + (k - n), NULL, 1, 1, 0, 0, x);
    }
}

static size_t mpz_bytes(const mpz_t x)
{
    return mpz_sgn(x) == 0 ? 1 : (mpz_sizeinbase(x, 2) + 7) / 8;
}

/* Calls emit(b, bytes, n) with x as minimal big-endian bytes (>= 1 byte);
 * the temporary copy is wiped. */
static ts_err with_bytes(const mpz_t x, ts_buf *b,
                         ts_err (*emit)(ts_buf *, const uint8_t *, size_t))
{
    size_t n = mpz_bytes(x);
    uint8_t *tmp = malloc(n);
    TS_ENSURE(tmp != NULL, TS_ERR_NOMEM);
    mpz_to_fixed(x, tmp, n);
    ts_err err = emit(b, tmp, n);
    ts_secret_wipe(tmp, n);
    free(tmp);
    return err;
}

static ts_err emit_raw(ts_buf *b, const uint8_t *data, size_t n)
{
    return ts_buf_write_bytes(b, data, n);
}

/* --- keys --- */

static ts_rsa_key *key_new(void)
{
    ts_rsa_key *k = calloc(1, sizeof(*k));
    if (k == NULL) {
        return NULL;
    }
    mpz_inits(k->n, k->e, k->d, k->p, k->q, k->dp, k->dq, k->qinv, NULL);
    return k;
}

void ts_rsa_free(ts_rsa_key *k)
{
    if (k == NULL) {
        return;
    }
    mpz_wipe(k->n);
    mpz_wipe(k->e);
    mpz_wipe(k->d);
    mpz_wipe(k->p);
    mpz_wipe(k->q);
    mpz_wipe(k->dp);
    mpz_wipe(k->dq);
    mpz_wipe(k->qinv);
    ts_secret_wipe(k, sizeof(*k));
    free(k);
}

/* Checks n and e of k and sets its sizes. */
static ts_err key_check_public(ts_rsa_key *k)
{
    size_t bits = mpz_sizeinbase(k->n, 2);
    TS_ENSURE(mpz_sgn(k->n) > 0 && bits <= TS_RSA_MAX_BITS && mpz_odd_p(k->n) &&
                  mpz_cmp_ui(k->n, 15) >= 0,
              TS_ERR_RSA_SIZE);
    /* e may exceed a textbook-sized n: e = 65537 with a 16-bit modulus works */
    TS_ENSURE(mpz_odd_p(k->e) && mpz_cmp_ui(k->e, 3) >= 0, TS_ERR_RSA_EXPONENT);
    k->bits = (unsigned)bits;
    k->len = (bits + 7) / 8;
    return TS_OK;
}

/* From p, q, e (and d when have_d), computes n (when !have_n), d, dp, dq,
 * qinv, and checks that they fit together. */
static ts_err key_complete(ts_rsa_key *k, bool have_n, bool have_d)
{
    TS_ENSURE(mpz_cmp_ui(k->p, 3) >= 0 && mpz_cmp_ui(k->q, 3) >= 0 && mpz_odd_p(k->p) &&
                  mpz_odd_p(k->q) && mpz_cmp(k->p, k->q) != 0,
              TS_ERR_RSA_KEY);
    mpz_t pn, p1, q1, phi, t;
    mpz_inits(pn, p1, q1, phi, t, NULL);
    ts_err err = TS_OK;
    mpz_mul(pn, k->p, k->q);
    if (have_n && mpz_cmp(pn, k->n) != 0) {
        err = TS_ERR_RSA_KEY;
    }
    mpz_set(k->n, pn);
    if (err == TS_OK) {
        err = key_check_public(k);
    }
    mpz_sub_ui(p1, k->p, 1);
    mpz_sub_ui(q1, k->q, 1);
    mpz_mul(phi, p1, q1);
    if (err == TS_OK && !have_d && mpz_invert(k->d, k->e, phi) == 0) {
        err = TS_ERR_RSA_EXPONENT;
    }
    if (err == TS_OK) {
        /* e*d = 1 mod p-1 and mod q-1 (so mod lcm) */
        mpz_mul(t, k->e, k->d);
        mpz_sub_ui(t, t, 1);
        if (mpz_sgn(k->d) <= 0 || !mpz_divisible_p(t, p1) || !mpz_divisible_p(t, q1)) {
            err = TS_ERR_RSA_KEY;
        }
    }
    if (err == TS_OK) {
        mpz_mod(k->dp, k->d, p1);
        mpz_mod(k->dq, k->d, q1);
        if (mpz_invert(k->qinv, k->q, k->p) == 0) {
            err = TS_ERR_RSA_KEY;
        }
    }
    mpz_wipe(pn);
    mpz_wipe(p1);
    mpz_wipe(q1);
    mpz_wipe(phi);
    mpz_wipe(t);
    k->priv = err == TS_OK;
    return err;
}

/* Fills the sieve window for candidates c, c+2, ..., c+2(SIEVE_WINDOW-1):
 * composite[j] is set when c+2j has a factor among the odd primes. */
static void sieve_window(const mpz_t c, const uint16_t *primes, size_t n_primes, bool *composite)
{
    memset(composite, 0, SIEVE_WINDOW * sizeof(bool));
    for (size_t i = 0; i < n_primes; i++) {
        unsigned long pr = primes[i];
        unsigned long r = mpz_fdiv_ui(c, pr);
        /* c + 2j = 0 mod pr  <=>  j = (pr - r) * (pr + 1)/2 mod pr */
        unsigned long j = ((pr - r) % pr) * ((pr + 1) / 2) % pr;
        for (; j < SIEVE_WINDOW; j += pr) {
            composite[j] = true;
        }
    }
}

static size_t small_primes(uint16_t *out, size_t cap)
{
    bool not_prime[SIEVE_BOUND];
    memset(not_prime, 0, sizeof(not_prime));
    size_t n = 0;
    for (unsigned i = 3; i < SIEVE_BOUND && n < cap; i += 2) {
        if (not_prime[i]) {
            continue;
        }
        out[n++] = (uint16_t)i;
        for (unsigned j = i * i; j < SIEVE_BOUND; j += 2 * i) {
            not_prime[j] = true;
        }
    }
    return n;
}

/* Whether c is a usable prime factor: gcd(c-1, e) = 1 and c prime. */
static bool good_prime(const mpz_t c, unsigned long e)
{
    mpz_t c1;
    mpz_init(c1);
    mpz_sub_ui(c1, c, 1);
    bool ok = mpz_gcd_ui(NULL, c1, e) == 1;
    mpz_clear(c1);
    return ok && mpz_probab_prime_p(c, PRIME_REPS) > 0;
}

/* Draws a prime of exactly bits bits with its top two bits set and
 * gcd(p-1, e) = 1: a random odd start, then the next such prime below
 * 2^bits (else a new start). */
static ts_err gen_prime(ts_rng *rng, unsigned bits, unsigned long e, mpz_t out)
{
    size_t nbytes = (bits + 7) / 8;
    uint8_t buf[TS_RSA_MAX_LEN];
    uint16_t primes[SIEVE_BOUND / 2];
    bool composite[SIEVE_WINDOW];
    size_t n_primes = bits > 32 ? small_primes(primes, SIEVE_BOUND / 2) : 0;
    mpz_t c;
    mpz_init(c);
    ts_err err = TS_ERR_RSA_EXPONENT;
    for (unsigned draw = 0; draw < MAX_DRAWS && err != TS_OK; draw++) {
        ts_rng_bytes(rng, buf, nbytes);
        mpz_from_bytes(c, buf, nbytes);
        mpz_fdiv_r_2exp(c, c, bits);
        mpz_setbit(c, bits - 1);
        mpz_setbit(c, bits - 2);
        mpz_setbit(c, 0);
        if (n_primes > 0) {
            sieve_window(c, primes, n_primes, composite);
            unsigned long at = 0;
            for (unsigned long j = 0; j < SIEVE_WINDOW; j++) {
                if (composite[j]) {
                    continue;
                }
                mpz_add_ui(c, c, 2 * (j - at));
                at = j;
                if (mpz_sizeinbase(c, 2) != bits) {
                    break;
                }
                if (good_prime(c, e)) {
                    err = TS_OK;
                    break;
                }
            }
        } else {
            for (; mpz_sizeinbase(c, 2) == bits; mpz_add_ui(c, c, 2)) {
                if (good_prime(c, e)) {
                    err = TS_OK;
                    break;
                }
            }
        }
    }
    if (err == TS_OK) {
        mpz_set(out, c);
    }
    ts_secret_wipe(buf, sizeof(buf));
    mpz_wipe(c);
    return err;
}

ts_err ts_rsa_generate(ts_rng *rng, unsigned bits, unsigned long e, ts_rsa_key **out)
{
    TS_ENSURE(rng != NULL && out != NULL, TS_ERR_ARG);
    TS_ENSURE(bits >= TS_RSA_MIN_BITS && bits <= TS_RSA_MAX_BITS, TS_ERR_RSA_SIZE);
    TS_ENSURE(e >= 3 && (e & 1) == 1, TS_ERR_RSA_EXPONENT);
    ts_rsa_key *k = key_new();
    TS_ENSURE(k != NULL, TS_ERR_NOMEM);
    mpz_set_ui(k->e, e);
    unsigned p_bits = bits / 2;
    unsigned q_bits = bits - p_bits;
    ts_err err = gen_prime(rng, p_bits, e, k->p);
    do {
        if (err == TS_OK) {
            err = gen_prime(rng, q_bits, e, k->q);
        }
    } while (err == TS_OK && mpz_cmp(k->p, k->q) == 0);
    if (err == TS_OK && mpz_cmp(k->p, k->q) < 0) {
        mpz_swap(k->p, k->q); /* p > q, as OpenSSL writes keys */
    }
    if (err == TS_OK) {
        err = key_complete(k, false, false);
    }
    if (err == TS_OK && k->bits != bits) {
        err = TS_ERR_RSA_KEY; /* cannot happen: top two bits of p and q set */
    }
    if (err != TS_OK) {
        ts_rsa_free(k);
        return err;
    }
    *out = k;
    return TS_OK;
}

ts_err ts_rsa_from_factors(const uint8_t *p, size_t p_len, const uint8_t *q, size_t q_len,
                           unsigned long e, ts_rsa_key **out)
{
    TS_ENSURE(out != NULL && (p != NULL || p_len == 0) && (q != NULL || q_len == 0), TS_ERR_ARG);
    TS_ENSURE(p_len <= TS_RSA_MAX_LEN && q_len <= TS_RSA_MAX_LEN, TS_ERR_RSA_SIZE);
    TS_ENSURE(e >= 3 && (e & 1) == 1, TS_ERR_RSA_EXPONENT);
    ts_rsa_key *k = key_new();
    TS_ENSURE(k != NULL, TS_ERR_NOMEM);
    mpz_from_bytes(k->p, p, p_len);
    mpz_from_bytes(k->q, q, q_len);
    mpz_set_ui(k->e, e);
    ts_err err = TS_OK;
    if (mpz_cmp_ui(k->p, 3) < 0 || mpz_cmp_ui(k->q, 3) < 0 || mpz_cmp(k->p, k->q) == 0 ||
        mpz_probab_prime_p(k->p, PRIME_REPS) == 0 || mpz_probab_prime_p(k->q, PRIME_REPS) == 0) {
        err = TS_ERR_RSA_KEY;
    }
    if (err == TS_OK) {
        err = key_complete(k, false, false);
    }
    if (err != TS_OK) {
        ts_rsa_free(k);
        return err;
    }
    *out = k;
    return TS_OK;
}

ts_err ts_rsa_from_public(const uint8_t *n, size_t n_len, const uint8_t *e, size_t e_len,
                          ts_rsa_key **out)
{
    TS_ENSURE(out != NULL && (n != NULL || n_len == 0) && (e != NULL || e_len == 0), TS_ERR_ARG);
    TS_ENSURE(n_len <= TS_RSA_MAX_LEN + 1, TS_ERR_RSA_SIZE);
    TS_ENSURE(e_len <= TS_RSA_MAX_LEN + 1, TS_ERR_RSA_EXPONENT);
    ts_rsa_key *k = key_new();
    TS_ENSURE(k != NULL, TS_ERR_NOMEM);
    mpz_from_bytes(k->n, n, n_len);
    mpz_from_bytes(k->e, e, e_len);
    ts_err err = key_check_public(k);
    if (err != TS_OK) {
        ts_rsa_free(k);
        return err;
    }
    *out = k;
    return TS_OK;
}

ts_rsa_key *ts_rsa_public_copy(const ts_rsa_key *k)
{
    if (k == NULL) {
        return NULL;
    }
    ts_rsa_key *c = key_new();
    if (c == NULL) {
        return NULL;
    }
    mpz_set(c->n, k->n);
    mpz_set(c->e, k->e);
    c->bits = k->bits;
    c->len = k->len;
    return c;
}

unsigned ts_rsa_bits(const ts_rsa_key *k)
{
    return k->bits;
}

size_t ts_rsa_len(const ts_rsa_key *k)
{
    return k->len;
}

bool ts_rsa_is_private(const ts_rsa_key *k)
{
    return k->priv;
}

ts_err ts_rsa_get(const ts_rsa_key *k, ts_rsa_part part, ts_buf *out)
{
    TS_ENSURE(k != NULL && out != NULL, TS_ERR_ARG);
    const mpz_t *parts[] = {
        [TS_RSA_N] = &k->n,   [TS_RSA_E] = &k->e,   [TS_RSA_D] = &k->d,
        [TS_RSA_P] = &k->p,   [TS_RSA_Q] = &k->q,   [TS_RSA_DP] = &k->dp,
        [TS_RSA_DQ] = &k->dq, [TS_RSA_QINV] = &k->qinv,
    };
    TS_ENSURE((int)part >= 0 && (size_t)part < sizeof(parts) / sizeof(parts[0]), TS_ERR_ARG);
    TS_ENSURE(part == TS_RSA_N || part == TS_RSA_E || k->priv, TS_ERR_RSA_KEY);
    return with_bytes(*parts[part], out, emit_raw);
}

bool ts_rsa_same_public(const ts_rsa_key *a, const ts_rsa_key *b)
{
    return a != NULL && b != NULL && mpz_cmp(a->n, b->n) == 0 && mpz_cmp(a->e, b->e) == 0;
}

/* --- textbook operations --- */

ts_err ts_rsa_public_raw(const ts_rsa_key *k, const uint8_t *in, size_t in_len, uint8_t *out)
{
    TS_ENSURE(k != NULL && out != NULL && (in != NULL || in_len == 0), TS_ERR_ARG);
    mpz_t x;
    mpz_init(x);
    mpz_from_bytes(x, in, in_len);
    ts_err err = mpz_cmp(x, k->n) < 0 ? TS_OK : TS_ERR_RSA_RANGE;
    if (err == TS_OK) {
        mpz_powm(x, x, k->e, k->n);
        mpz_to_fixed(x, out, k->len);
    }
    mpz_wipe(x);
    return err;
}

/* x = x^d mod n through the CRT, checked with the public exponent. */
static ts_err private_op(const ts_rsa_key *k, mpz_t x)
{
    mpz_t m1, m2, h;
    mpz_inits(m1, m2, h, NULL);
    mpz_mod(m1, x, k->p);
    mpz_powm(m1, m1, k->dp, k->p);
    mpz_mod(m2, x, k->q);
    mpz_powm(m2, m2, k->dq, k->q);
    mpz_sub(h, m1, m2);
    mpz_mul(h, h, k->qinv);
    mpz_mod(h, h, k->p);
    mpz_mul(h, h, k->q);
    mpz_add(m1, m2, h); /* m1 = result */
    mpz_powm(h, m1, k->e, k->n);
    ts_err err = mpz_cmp(h, x) == 0 ? TS_OK : TS_ERR_RSA_KEY;
    if (err == TS_OK) {
        mpz_set(x, m1);
    }
    mpz_wipe(m1);
    mpz_wipe(m2);
    mpz_wipe(h);
    return err;
}

ts_err ts_rsa_private_raw(const ts_rsa_key *k, const uint8_t *in, size_t in_len, uint8_t *out)
{
    TS_ENSURE(k != NULL && out != NULL && (in != NULL || in_len == 0), TS_ERR_ARG);
    TS_ENSURE(k->priv, TS_ERR_RSA_KEY);
    mpz_t x;
    mpz_init(x);
    mpz_from_bytes(x, in, in_len);
    ts_err err = mpz_cmp(x, k->n) < 0 ? TS_OK : TS_ERR_RSA_RANGE;
    if (err == TS_OK) {
        err = private_op(k, x);
    }
    if (err == TS_OK) {
        mpz_to_fixed(x, out, k->len);
    }
    mpz_wipe(x);
    return err;
}

/* --- DER ---
 *
 * RSAPrivateKey ::= SEQUENCE { version INTEGER (0), n, e, d, p, q, dp, dq, qinv INTEGER }
 * RSAPublicKey  ::= SEQUENCE { n INTEGER, e INTEGER }
 * SubjectPublicKeyInfo ::= SEQUENCE {
 *     SEQUENCE { OID rsaEncryption, NULL }, BIT STRING (RSAPublicKey) }
 * PrivateKeyInfo ::= SEQUENCE { version INTEGER (0 or 1),
 *     SEQUENCE { OID rsaEncryption, NULL }, OCTET STRING (RSAPrivateKey),
 *     [0] attributes OPTIONAL, [1] publicKey OPTIONAL } */

static ts_err write_mpz(ts_buf *b, const mpz_t x)
{
    return with_bytes(x, b, ts_der_write_uint);
}

static ts_err read_mpz(ts_buf *b, mpz_t x)
{
    ts_buf mag;
    TS_GUARD(ts_der_read_uint(b, &mag));
    TS_ENSURE(ts_buf_remaining(&mag) <= TS_RSA_MAX_LEN, TS_ERR_RSA_SIZE);
    mpz_from_bytes(x, ts_buf_cursor(&mag), ts_buf_remaining(&mag));
    return TS_OK;
}

ts_err ts_rsa_to_private_der(const ts_rsa_key *k, ts_buf *out)
{
    TS_ENSURE(k != NULL && out != NULL, TS_ERR_ARG);
    TS_ENSURE(k->priv, TS_ERR_RSA_KEY);
    size_t mark;
    TS_GUARD(ts_der_begin(out, TS_DER_SEQUENCE, &mark));
    TS_GUARD(ts_der_write_small(out, 0));
    TS_GUARD(write_mpz(out, k->n));
    TS_GUARD(write_mpz(out, k->e));
    TS_GUARD(write_mpz(out, k->d));
    TS_GUARD(write_mpz(out, k->p));
    TS_GUARD(write_mpz(out, k->q));
    TS_GUARD(write_mpz(out, k->dp));
    TS_GUARD(write_mpz(out, k->dq));
    TS_GUARD(write_mpz(out, k->qinv));
    return ts_der_end(out, mark);
}

ts_err ts_rsa_to_public_der(const ts_rsa_key *k, ts_buf *out)
{
    TS_ENSURE(k != NULL && out != NULL, TS_ERR_ARG);
    size_t mark;
    TS_GUARD(ts_der_begin(out, TS_DER_SEQUENCE, &mark));
    TS_GUARD(write_mpz(out, k->n));
    TS_GUARD(write_mpz(out, k->e));
    return ts_der_end(out, mark);
}

static ts_err write_rsa_alg_id(ts_buf *out)
{
    size_t mark;
    TS_GUARD(ts_der_begin(out, TS_DER_SEQUENCE, &mark));
    TS_GUARD(ts_der_write_oid(out, &TS_OID_RSA_ENCRYPTION));
    TS_GUARD(ts_der_write_null(out));
    return ts_der_end(out, mark);
}

ts_err ts_rsa_to_spki_der(const ts_rsa_key *k, ts_buf *out)
{
    TS_ENSURE(k != NULL && out != NULL, TS_ERR_ARG);
    size_t spki;
    size_t bits;
    TS_GUARD(ts_der_begin(out, TS_DER_SEQUENCE, &spki));
    TS_GUARD(write_rsa_alg_id(out));
    TS_GUARD(ts_der_begin(out, TS_DER_BIT_STRING, &bits));
    TS_GUARD(ts_buf_write_u8(out, 0)); /* no unused bits */
    TS_GUARD(ts_rsa_to_public_der(k, out));
    TS_GUARD(ts_der_end(out, bits));
    return ts_der_end(out, spki);
}

/* Reads AlgorithmIdentifier { rsaEncryption, NULL or absent }. */
static ts_err read_rsa_alg_id(ts_buf *b)
{
    ts_buf alg;
    ts_buf oid;
    ts_buf null;
    TS_GUARD(ts_der_read(b, TS_DER_SEQUENCE, &alg, NULL));
    TS_GUARD(ts_der_read_oid(&alg, &oid));
    TS_ENSURE(ts_der_oid_equal(&oid, &TS_OID_RSA_ENCRYPTION), TS_ERR_RSA_KEY);
    if (ts_buf_remaining(&alg) > 0) {
        TS_GUARD(ts_der_read(&alg, TS_DER_NULL, &null, NULL));
        TS_ENSURE(ts_buf_remaining(&null) == 0, TS_ERR_DER);
    }
    return ts_buf_expect_end(&alg) == TS_OK ? TS_OK : TS_ERR_DER;
}

/* Parses RSAPrivateKey filling the whole of der. */
static ts_err parse_pkcs1_private(ts_buf *der, ts_rsa_key *k)
{
    ts_buf seq;
    uint64_t version;
    TS_GUARD(ts_der_read(der, TS_DER_SEQUENCE, &seq, NULL));
    TS_ENSURE(ts_buf_expect_end(der) == TS_OK, TS_ERR_DER);
    TS_GUARD(ts_der_read_small(&seq, &version));
    TS_ENSURE(version == 0, TS_ERR_RSA_KEY); /* 1 is multi-prime */
    mpz_t *parts[] = {&k->n, &k->e, &k->d, &k->p, &k->q, &k->dp, &k->dq, &k->qinv};
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        TS_GUARD(read_mpz(&seq, *parts[i]));
    }
    TS_ENSURE(ts_buf_expect_end(&seq) == TS_OK, TS_ERR_DER);
    mpz_t dp;
    mpz_t dq;
    mpz_t qinv;
    mpz_init_set(dp, k->dp);
    mpz_init_set(dq, k->dq);
    mpz_init_set(qinv, k->qinv);
    ts_err err = key_complete(k, true, true);
    if (err == TS_OK &&
        (mpz_cmp(dp, k->dp) != 0 || mpz_cmp(dq, k->dq) != 0 || mpz_cmp(qinv, k->qinv) != 0)) {
        err = TS_ERR_RSA_KEY;
    }
    mpz_wipe(dp);
    mpz_wipe(dq);
    mpz_wipe(qinv);
    k->priv = err == TS_OK;
    return err;
}

/* Parses PrivateKeyInfo filling the whole of der. */
static ts_err parse_pkcs8(ts_buf *der, ts_rsa_key *k)
{
    ts_buf seq;
    ts_buf inner;
    uint64_t version;
    TS_GUARD(ts_der_read(der, TS_DER_SEQUENCE, &seq, NULL));
    TS_ENSURE(ts_buf_expect_end(der) == TS_OK, TS_ERR_DER);
    TS_GUARD(ts_der_read_small(&seq, &version));
    TS_ENSURE(version <= 1, TS_ERR_RSA_KEY);
    TS_GUARD(read_rsa_alg_id(&seq));
    TS_GUARD(ts_der_read(&seq, TS_DER_OCTET_STRING, &inner, NULL));
    while (ts_buf_remaining(&seq) > 0) { /* [0] attributes, [1] public key */
        uint8_t tag;
        ts_buf skip;
        TS_GUARD(ts_der_read_any(&seq, &tag, &skip, NULL));
        TS_ENSURE((tag & 0xC0) == 0x80, TS_ERR_DER);
    }
    return parse_pkcs1_private(&inner, k);
}

/* Parses RSAPublicKey filling the whole of der. */
static ts_err parse_pkcs1_public(ts_buf *der, ts_rsa_key *k)
{
    ts_buf seq;
    TS_GUARD(ts_der_read(der, TS_DER_SEQUENCE, &seq, NULL));
    TS_ENSURE(ts_buf_expect_end(der) == TS_OK, TS_ERR_DER);
    TS_GUARD(read_mpz(&seq, k->n));
    TS_GUARD(read_mpz(&seq, k->e));
    TS_ENSURE(ts_buf_expect_end(&seq) == TS_OK, TS_ERR_DER);
    return key_check_public(k);
}

/* Parses SubjectPublicKeyInfo filling the whole of der. */
static ts_err parse_spki(ts_buf *der, ts_rsa_key *k)
{
    ts_buf seq;
    ts_buf bits;
    TS_GUARD(ts_der_read(der, TS_DER_SEQUENCE, &seq, NULL));
    TS_ENSURE(ts_buf_expect_end(der) == TS_OK, TS_ERR_DER);
    TS_GUARD(read_rsa_alg_id(&seq));
    TS_GUARD(ts_der_read_bits(&seq, &bits));
    TS_ENSURE(ts_buf_expect_end(&seq) == TS_OK, TS_ERR_DER);
    return parse_pkcs1_public(&bits, k);
}

/* Tag of the second element of the outer SEQUENCE (tells the formats apart). */
static ts_err second_tag(const uint8_t *der, size_t n, uint8_t *tag)
{
    ts_buf b;
    ts_buf seq;
    ts_buf first;
    ts_buf_view(&b, der, n);
    TS_GUARD(ts_der_read(&b, TS_DER_SEQUENCE, &seq, NULL));
    TS_GUARD(ts_der_read_any(&seq, tag, &first, NULL));
    if (*tag == TS_DER_INTEGER && ts_buf_remaining(&seq) > 0) {
        TS_GUARD(ts_der_peek(&seq, tag));
    }
    return TS_OK;
}

typedef ts_err (*key_parser)(ts_buf *der, ts_rsa_key *k);

static ts_err parse_with(key_parser parse, const uint8_t *der, size_t n, ts_rsa_key **out)
{
    TS_ENSURE(out != NULL && (der != NULL || n == 0), TS_ERR_ARG);
    ts_rsa_key *k = key_new();
    TS_ENSURE(k != NULL, TS_ERR_NOMEM);
    ts_buf b;
    ts_buf_view(&b, der, n);
    ts_err err = parse(&b, k);
    if (err == TS_ERR_SHORT || err == TS_ERR_TRAILING) {
        err = TS_ERR_DER;
    }
    if (err != TS_OK) {
        ts_rsa_free(k);
        return err;
    }
    *out = k;
    return TS_OK;
}

ts_err ts_rsa_from_private_der(const uint8_t *der, size_t n, ts_rsa_key **out)
{
    uint8_t tag = 0;
    TS_ENSURE(der != NULL || n == 0, TS_ERR_ARG);
    ts_err err = second_tag(der, n, &tag);
    TS_ENSURE(err != TS_ERR_SHORT, TS_ERR_DER);
    TS_GUARD(err);
    return parse_with(tag == TS_DER_SEQUENCE ? parse_pkcs8 : parse_pkcs1_private, der, n, out);
}

ts_err ts_rsa_from_spki_der(const uint8_t *der, size_t n, ts_rsa_key **out)
{
    uint8_t tag = 0;
    TS_ENSURE(der != NULL || n == 0, TS_ERR_ARG);
    ts_buf b;
    ts_buf seq;
    ts_buf_view(&b, der, n);
    ts_err err = ts_der_read(&b, TS_DER_SEQUENCE, &seq, NULL);
    if (err == TS_OK) {
        err = ts_der_peek(&seq, &tag);
    }
    TS_ENSURE(err == TS_OK, TS_ERR_DER);
    return parse_with(tag == TS_DER_SEQUENCE ? parse_spki : parse_pkcs1_public, der, n, out);
}

/* --- PEM --- */

static const char *const PEM_LABELS[] = {"RSA PRIVATE KEY", "PRIVATE KEY", "PUBLIC KEY",
                                         "RSA PUBLIC KEY"};
static const key_parser PEM_PARSERS[] = {parse_pkcs1_private, parse_pkcs8, parse_spki,
                                         parse_pkcs1_public};

ts_err ts_rsa_from_pem(const char *pem, ts_rsa_key **out)
{
    TS_ENSURE(pem != NULL && out != NULL, TS_ERR_ARG);
    ts_buf der;
    ts_buf_init(&der);
    size_t pos = 0;
    size_t which = 0;
    ts_err err = ts_pem_read(pem, strlen(pem), &pos, PEM_LABELS,
                             sizeof(PEM_LABELS) / sizeof(PEM_LABELS[0]), &which, &der);
    if (err == TS_OK) {
        err = parse_with(PEM_PARSERS[which], der.data, der.len, out);
    }
    ts_secret_free_buf(&der);
    return err;
}

static ts_err to_pem(const ts_rsa_key *k, ts_err (*to_der)(const ts_rsa_key *, ts_buf *),
                     const char *label, ts_buf *out)
{
    ts_buf der;
    ts_buf_init(&der);
    ts_err err = to_der(k, &der);
    if (err == TS_OK) {
        err = ts_pem_encode(label, der.data, der.len, out);
    }
    ts_secret_free_buf(&der);
    return err;
}

ts_err ts_rsa_to_private_pem(const ts_rsa_key *k, ts_buf *out)
{
    TS_ENSURE(k != NULL && out != NULL, TS_ERR_ARG);
    return to_pem(k, ts_rsa_to_private_der, "RSA PRIVATE KEY", out);
}

ts_err ts_rsa_to_public_pem(const ts_rsa_key *k, ts_buf *out)
{
    TS_ENSURE(k != NULL && out != NULL, TS_ERR_ARG);
    return to_pem(k, ts_rsa_to_spki_der, "PUBLIC KEY", out);
}

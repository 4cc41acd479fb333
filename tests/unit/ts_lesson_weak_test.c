/* Unit tests for ts_lesson_weak: each weak key becomes a session's PKI
 * with its weakness (Fermat factors the server's modulus, the second key
 * shares a prime, the CA's e is 3), the run still completes, the same seed
 * gives the same keys, the certificates are those of ts_exercise_certs, and
 * none / tiny / a long seed / bad arguments behave as documented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/attack/ts_rsa_math.h"
#include "crypto/ts_x509_parse.h"
#include "exercise/ts_exercise.h"
#include "lesson/ts_lesson_weak.h"
#include "simulation/ts_session_custom.h"

static ts_buf part(const ts_rsa_key *k, ts_rsa_part which)
{
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_rsa_get(k, which, &b), TS_OK);
    return b;
}

/* A session of seed and bits, not yet run. */
static ts_session *session(const char *seed, unsigned bits)
{
    ts_session_config cfg = {.seed = seed, .bits = bits};
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    return s;
}

/* The public exponent of a DER certificate's key, as one byte (0: longer). */
static unsigned cert_e(const ts_buf *der)
{
    ts_cert c;
    assert_int_equal(ts_x509_parse(der->data, der->len, &c), TS_OK);
    ts_buf e = part(c.pub, TS_RSA_E);
    unsigned v = e.len == 1 ? e.data[0] : 0;
    ts_buf_free(&e);
    ts_x509_free(&c);
    return v;
}

static void test_close_primes_session(void **state)
{
    (void)state;
    ts_session *s = session("unit-weak", 1024);
    assert_int_equal(ts_lesson_apply_weak_key(s, TS_WEAK_CLOSE_PRIMES), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    assert_int_equal(ts_session_result(s)->kind, TS_RESULT_OK);
    assert_int_equal(ts_session_keygen_count(s), 0); /* the weak PKI, not the seed's */
    const ts_rsa_key *k = ts_session_server_key(s);
    assert_non_null(k);
    assert_int_equal(ts_rsa_bits(k), 1024);
    ts_buf n = part(k, TS_RSA_N), p = part(k, TS_RSA_P), fp, fq;
    ts_buf_init(&fp);
    ts_buf_init(&fq);
    uint64_t iters = 0;
    assert_int_equal(ts_rsa_math_fermat(n.data, n.len, 100000, &fp, &fq, &iters), TS_OK);
    assert_true(ts_rsa_math_cmp(fp.data, fp.len, p.data, p.len) == 0 ||
                ts_rsa_math_cmp(fq.data, fq.len, p.data, p.len) == 0);
    /* the certificate the client saw holds that key */
    ts_cert c;
    const ts_buf *der = ts_session_server_der(s);
    assert_int_equal(ts_x509_parse(der->data, der->len, &c), TS_OK);
    assert_true(ts_rsa_same_public(c.pub, k));
    ts_x509_free(&c);
    /* same seed, same key; another seed, another */
    ts_session *s2 = session("unit-weak", 1024), *s3 = session("unit-weak-2", 1024);
    assert_int_equal(ts_lesson_apply_weak_key(s2, TS_WEAK_CLOSE_PRIMES), TS_OK);
    assert_int_equal(ts_lesson_apply_weak_key(s3, TS_WEAK_CLOSE_PRIMES), TS_OK);
    assert_true(ts_rsa_same_public(ts_session_server_key(s2), k));
    assert_false(ts_rsa_same_public(ts_session_server_key(s3), k));
    ts_session_free(s3);
    ts_session_free(s2);
    ts_buf_free(&n);
    ts_buf_free(&p);
    ts_buf_free(&fp);
    ts_buf_free(&fq);
    ts_session_free(s);
}

static void test_shared_prime(void **state)
{
    (void)state;
    ts_rng rng;
    assert_int_equal(ts_rng_init_for(&rng, "shared-prime", "unit-weak", TS_ACTOR_KEYGEN), TS_OK);
    ts_weak_pki p;
    assert_int_equal(ts_weak_pki_make(&rng, TS_WEAK_SHARED_PRIME, 512, "a.example",
                                      TS_SESSION_DEFAULT_NOW, &p),
                     TS_OK);
    ts_rng_wipe(&rng);
    assert_non_null(p.other_key);
    ts_buf a = part(p.server_key, TS_RSA_N), b = part(p.other_key, TS_RSA_N), g;
    ts_buf_init(&g);
    assert_int_equal(ts_rsa_math_gcd(a.data, a.len, b.data, b.len, &g), TS_OK);
    assert_int_equal(g.len, 32); /* the shared 256-bit prime */
    ts_buf_free(&a);
    ts_buf_free(&b);
    ts_buf_free(&g);
    ts_weak_pki_free(&p);
    assert_null(p.server_key);
    /* in a session: the run completes with the first key */
    ts_session *s = session("unit-weak", 512);
    assert_int_equal(ts_lesson_apply_weak_key(s, TS_WEAK_SHARED_PRIME), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    assert_int_equal(ts_session_result(s)->kind, TS_RESULT_OK);
    ts_session_free(s);
}

static void test_e3_session(void **state)
{
    (void)state;
    ts_session *s = session("unit-weak", 512);
    assert_int_equal(ts_lesson_apply_weak_key(s, TS_WEAK_E3), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    assert_int_equal(ts_session_result(s)->kind, TS_RESULT_OK);
    assert_int_equal(cert_e(ts_session_ca_der(s)), 3);
    assert_int_equal(cert_e(ts_session_server_der(s)), 0); /* 65537 */
    ts_cert ca;
    const ts_buf *der = ts_session_ca_der(s);
    assert_int_equal(ts_x509_parse(der->data, der->len, &ca), TS_OK);
    assert_int_equal(ts_rsa_bits(ca.pub), TS_WEAK_E3_CA_BITS);
    ts_x509_free(&ca);
    ts_session_free(s);
}

/* With the default clock, the certificates are ts_exercise_certs's. */
static void test_certs_match_exercise(void **state)
{
    (void)state;
    ts_rng r1, r2, kg;
    assert_int_equal(ts_rng_init(&kg, "unit-weak-certs", TS_ACTOR_KEYGEN), TS_OK);
    ts_rsa_key *ca = NULL, *sv = NULL;
    assert_int_equal(ts_rsa_generate(&kg, 512, 65537, &ca), TS_OK);
    assert_int_equal(ts_rsa_generate(&kg, 512, 65537, &sv), TS_OK);
    assert_int_equal(ts_rng_init(&r1, "unit-weak-certs", TS_ACTOR_SERVER), TS_OK);
    assert_int_equal(ts_rng_init(&r2, "unit-weak-certs", TS_ACTOR_SERVER), TS_OK);
    ts_buf ca1, sv1, ca2, sv2;
    ts_buf_init(&ca1);
    ts_buf_init(&sv1);
    ts_buf_init(&ca2);
    ts_buf_init(&sv2);
    assert_int_equal(ts_weak_pki_certs(&r1, ca, sv, "b.example", TS_SESSION_DEFAULT_NOW, &ca1,
                                       &sv1),
                     TS_OK);
    assert_int_equal(ts_exercise_certs(&r2, ca, sv, "b.example", &ca2, &sv2), TS_OK);
    assert_int_equal(ca1.len, ca2.len);
    assert_memory_equal(ca1.data, ca2.data, ca1.len);
    assert_int_equal(sv1.len, sv2.len);
    assert_memory_equal(sv1.data, sv2.data, sv1.len);
    /* another clock, other certificates */
    ts_buf ca3, sv3;
    ts_buf_init(&ca3);
    ts_buf_init(&sv3);
    assert_int_equal(ts_weak_pki_certs(&kg, ca, sv, "b.example", TS_SESSION_DEFAULT_NOW + 86400,
                                       &ca3, &sv3),
                     TS_OK);
    assert_false(sv3.len == sv1.len && memcmp(sv3.data, sv1.data, sv1.len) == 0);
    /* a host too long for a CN still gets its SAN */
    const char *host = "a-label-of-thirty-bytes-123456.another-label-of-thirty-bytes.example";
    assert_true(strlen(host) > 64);
    ts_buf_free(&sv3);
    ts_buf_free(&ca3);
    assert_int_equal(ts_weak_pki_certs(&kg, ca, sv, host, TS_SESSION_DEFAULT_NOW, &ca3, &sv3),
                     TS_OK);
    ts_cert c;
    assert_int_equal(ts_x509_parse(sv3.data, sv3.len, &c), TS_OK);
    assert_true(ts_x509_names_host(&c, host));
    ts_x509_free(&c);
    ts_buf *bufs[] = {&ca1, &sv1, &ca2, &sv2, &ca3, &sv3};
    for (size_t i = 0; i < 6; i++) {
        ts_buf_free(bufs[i]);
    }
    ts_rsa_free(ca);
    ts_rsa_free(sv);
    ts_rng_wipe(&r1);
    ts_rng_wipe(&r2);
    ts_rng_wipe(&kg);
}

static void test_none_tiny_and_errors(void **state)
{
    (void)state;
    ts_session *s = session("unit-weak", 512);
    assert_int_equal(ts_lesson_apply_weak_key(s, TS_WEAK_NONE), TS_OK);
    assert_null(ts_session_server_key(s)); /* nothing installed */
    assert_int_equal(ts_lesson_apply_weak_key(s, TS_WEAK_TINY), TS_ERR_RSA_SIZE);
    assert_null(ts_session_server_key(s));
    assert_int_equal(ts_lesson_apply_weak_key(NULL, TS_WEAK_E3), TS_ERR_ARG);
    ts_session_free(s);
    /* a seed with no room for the stream's name */
    char seed[TS_RNG_SEED_MAX + 1];
    memset(seed, 's', TS_RNG_SEED_MAX);
    seed[TS_RNG_SEED_MAX] = '\0';
    s = session(seed, 512);
    assert_int_equal(ts_lesson_apply_weak_key(s, TS_WEAK_CLOSE_PRIMES), TS_ERR_ARG);
    ts_session_free(s);
    seed[ts_weak_key_seed_max(TS_WEAK_SHARED_PRIME)] = '\0';
    s = session(seed, 512);
    assert_int_equal(ts_lesson_apply_weak_key(s, TS_WEAK_SHARED_PRIME), TS_OK);
    ts_session_free(s);
    assert_string_equal(ts_weak_key_stream(TS_WEAK_CLOSE_PRIMES), "fermat");
    assert_null(ts_weak_key_stream(TS_WEAK_TINY));
    assert_int_equal(ts_weak_key_seed_max(TS_WEAK_NONE), 0);
    ts_rng rng;
    ts_weak_pki p;
    assert_int_equal(ts_rng_init(&rng, "unit", TS_ACTOR_KEYGEN), TS_OK);
    assert_int_equal(ts_weak_pki_make(&rng, TS_WEAK_TINY, 512, "x", 1, &p), TS_ERR_ARG);
    assert_int_equal(ts_weak_pki_make(&rng, TS_WEAK_E3, 256, "x", 1, &p), TS_ERR_RSA_SIZE);
    assert_null(p.ca_key);
    ts_rng_wipe(&rng);
}

int main(void)
{
    assert_int_equal(ts_rng_global_init(), TS_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_close_primes_session),
        cmocka_unit_test(test_shared_prime),
        cmocka_unit_test(test_e3_session),
        cmocka_unit_test(test_certs_match_exercise),
        cmocka_unit_test(test_none_tiny_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

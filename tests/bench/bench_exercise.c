/* bench_exercise: the costs of the exercises that break signatures.
 *   fermat2048 median=MS iters=N runs=R        Fermat's method on 2048-bit close-prime keys
 *   e3forge2048 median=MS runs=R               the e=3 cube-root forgery, verified by the lax verifier
 *   robotBITS queries=Q decrypt=D seconds=S runs=R
 *                                              Bleichenbacher through a "00 02" oracle (two
 *                                              threads asking): the premaster of an encrypted
 *                                              48-byte secret (D queries), then a signature
 *                                              (blinding first); Q and S for both; medians
 *                                              over seeds
 * Usage: bench_exercise [ROBOT_RUNS_512 [ROBOT_RUNS_1024]]. tests/bench/run.sh prints the
 * comparison lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto/attack/ts_bleich.h"
#include "crypto/attack/ts_oracle.h"
#include "crypto/attack/ts_rsa_math.h"
#include "crypto/attack/ts_weakkey.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_rsa_pkcs1.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, unsigned n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int fail(const char *what, ts_err err)
{
    fprintf(stderr, "bench_exercise: %s: %s\n", what, ts_err_str(err, TS_LANG_EN));
    return 1;
}

static int bench_fermat(unsigned runs)
{
    double ms[16], iters[16];
    for (unsigned i = 0; i < runs; i++) {
        char seed[32];
        snprintf(seed, sizeof(seed), "fermat-%u", i);
        ts_rng rng;
        ts_rsa_key *k = NULL;
        ts_err err = ts_rng_init(&rng, seed, TS_ACTOR_KEYGEN);
        if (err == TS_OK) {
            err = ts_weakkey_close_primes(&rng, 2048, 2048 / 4 + TS_WEAKKEY_GAP_OVER, &k);
        }
        ts_buf n, p, q;
        ts_buf_init(&n);
        ts_buf_init(&p);
        ts_buf_init(&q);
        if (err == TS_OK) {
            err = ts_rsa_get(k, TS_RSA_N, &n);
        }
        uint64_t it = 0;
        double t0 = now_s();
        if (err == TS_OK) {
            err = ts_rsa_math_fermat(n.data, n.len, 10000000, &p, &q, &it);
        }
        ms[i] = (now_s() - t0) * 1e3;
        iters[i] = (double)it;
        ts_rsa_free(k);
        ts_buf_free(&n);
        ts_buf_free(&p);
        ts_buf_free(&q);
        if (err != TS_OK) {
            return fail("fermat", err);
        }
    }
    printf("fermat2048 median=%.3f iters=%.0f runs=%u\n", median(ms, runs), median(iters, runs), runs);
    return 0;
}

static int bench_e3(unsigned runs)
{
    static const uint8_t info[19] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                     0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    ts_rng rng;
    ts_rsa_key *ca = NULL;
    ts_err err = ts_rng_init(&rng, "e3-bench", TS_ACTOR_KEYGEN);
    if (err == TS_OK) {
        err = ts_weakkey_e3(&rng, 2048, &ca);
    }
    if (err != TS_OK) {
        return fail("e3 key", err);
    }
    double ms[64];
    for (unsigned i = 0; i < runs && err == TS_OK; i++) {
        uint8_t h[32], block[256], sig[256];
        char msg[32];
        snprintf(msg, sizeof(msg), "forged-%u", i);
        double t0 = now_s();
        ts_hash(TS_HASH_SHA256, (const uint8_t *)msg, strlen(msg), h);
        memset(block, 0, sizeof(block));
        block[1] = 0x01;
        memset(block + 2, 0xFF, 8);
        memcpy(block + 11, info, sizeof(info));
        memcpy(block + 11 + sizeof(info), h, sizeof(h));
        ts_buf root;
        ts_buf_init(&root);
        err = ts_rsa_math_root(block, sizeof(block), 3, true, &root);
        if (err == TS_OK && root.len <= sizeof(sig)) {
            memset(sig, 0, sizeof(sig));
            memcpy(sig + sizeof(sig) - root.len, root.data, root.len);
            err = ts_rsa_verify_lax(ca, TS_HASH_SHA256, h, sig, sizeof(sig));
        }
        ms[i] = (now_s() - t0) * 1e3;
        if (err == TS_OK && ts_rsa_verify(ca, TS_HASH_SHA256, h, sig, sizeof(sig)) == TS_OK) {
            err = TS_ERR_SIGNATURE; /* a strict verifier must refuse it */
        }
        ts_buf_free(&root);
    }
    ts_rsa_free(ca);
    if (err != TS_OK) {
        return fail("e3 forgery", err);
    }
    printf("e3forge2048 median=%.4f runs=%u\n", median(ms, runs), runs);
    return 0;
}

static ts_err ask(void *ctx, const uint8_t *ct, size_t len, bool *ok)
{
    return ts_oracle_query(ctx, ct, len, ok);
}

/* One run: decrypt an encrypted premaster (*decrypt queries), then sign;
 * *queries and *seconds for both. */
static ts_err robot_once(unsigned bits, unsigned i, double *queries, double *decrypt,
                         double *seconds)
{
    char seed[32];
    snprintf(seed, sizeof(seed), "robot-%u-%u", bits, i);
    ts_rng rng;
    ts_rsa_key *k = NULL;
    TS_GUARD(ts_rng_init(&rng, seed, TS_ACTOR_KEYGEN));
    TS_GUARD(ts_rsa_generate(&rng, bits, 65537, &k));
    uint8_t pms[48], ct[TS_RSA_MAX_LEN], h[32], block[TS_RSA_MAX_LEN];
    ts_rng_bytes(&rng, pms, sizeof(pms));
    size_t klen = ts_rsa_len(k);
    ts_oracle o;
    ts_buf n, e, m, sig;
    ts_buf_init(&n);
    ts_buf_init(&e);
    ts_buf_init(&m);
    ts_buf_init(&sig);
    ts_err err = ts_rsa_encrypt(k, &rng, pms, sizeof(pms), ct);
    if (err == TS_OK) {
        err = ts_oracle_init(&o, k, TS_ORACLE_PREFIX);
    }
    if (err == TS_OK) {
        err = ts_rsa_get(k, TS_RSA_N, &n);
    }
    if (err == TS_OK) {
        err = ts_rsa_get(k, TS_RSA_E, &e);
    }
    ts_bleich_cfg cfg = {.n = n.data, .n_len = n.len, .e = e.data, .e_len = e.len,
                         .oracle = ask, .oracle_ctx = &o, .rng = &rng, .blind = true,
                         .threads = 2, .exact_oracle = true};
    double t0 = now_s();
    uint64_t dq = 0;
    if (err == TS_OK) {
        err = ts_bleich_attack(&cfg, ct, klen, &m, &dq);
    }
    *decrypt = (double)dq;
    if (err == TS_OK && memcmp(m.data + klen - sizeof(pms), pms, sizeof(pms)) != 0) {
        err = TS_ERR_DECRYPT;
    }
    ts_hash(TS_HASH_SHA256, (const uint8_t *)seed, strlen(seed), h);
    if (err == TS_OK) { /* the signature block, as ts_rsa_sign would make it */
        uint8_t ref[TS_RSA_MAX_LEN];
        err = ts_rsa_sign(k, TS_HASH_SHA256, h, ref);
        if (err == TS_OK) {
            err = ts_rsa_public_raw(k, ref, klen, block);
        }
    }
    if (err == TS_OK) {
        err = ts_bleich_attack(&cfg, block, klen, &sig, NULL);
    }
    *seconds = now_s() - t0;
    if (err == TS_OK) {
        err = ts_rsa_verify(k, TS_HASH_SHA256, h, sig.data, sig.len);
    }
    *queries = (double)o.queries;
    ts_buf_free(&n);
    ts_buf_free(&e);
    ts_buf_free(&m);
    ts_buf_free(&sig);
    ts_rsa_free(k);
    return err;
}

static int bench_robot(unsigned bits, unsigned runs)
{
    double q[16], d[16], s[16];
    for (unsigned i = 0; i < runs; i++) {
        ts_err err = robot_once(bits, i, &q[i], &d[i], &s[i]);
        if (err != TS_OK) {
            return fail("robot", err);
        }
    }
    printf("robot%u queries=%.0f decrypt=%.0f seconds=%.3f runs=%u\n", bits, median(q, runs),
           median(d, runs), median(s, runs), runs);
    return 0;
}

int main(int argc, char **argv)
{
    unsigned r512 = argc > 1 ? (unsigned)atoi(argv[1]) : 5;
    unsigned r1024 = argc > 2 ? (unsigned)atoi(argv[2]) : 5;
    if (ts_rng_global_init() != TS_OK || r512 < 1 || r512 > 16 || r1024 < 1 || r1024 > 16) {
        return 1;
    }
    if (bench_fermat(5) != 0 || bench_e3(31) != 0 || bench_robot(512, r512) != 0 ||
        bench_robot(1024, r1024) != 0) {
        return 1;
    }
    return 0;
}

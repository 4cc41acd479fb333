/* bench_rsa: times toy-RSA key generation (median and mean over several
 * seeds) and the private operation (a PKCS#1 v1.5 SHA-256 signature) at
 * 1024 and 2048 bits. Prints one line per figure, in milliseconds:
 *   rsa1024_keygen median=M mean=A runs=N
 *   rsa1024_sign mean=A runs=N
 * tests/bench/run.sh compares them with OpenSSL. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "crypto/ts_hash.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_rsa_pkcs1.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Generates runs keys of bits bits from seeds "bench-BITS-I"; returns the
 * last key (for the signing figure) and prints the keygen line. */
static ts_rsa_key *bench_keygen(unsigned bits, unsigned runs)
{
    double *ms = calloc(runs, sizeof(double));
    ts_rsa_key *last = NULL;
    double sum = 0;
    if (ms == NULL) {
        return NULL;
    }
    for (unsigned i = 0; i < runs; i++) {
        char seed[64];
        snprintf(seed, sizeof(seed), "bench-%u-%u", bits, i);
        ts_rng rng;
        ts_rsa_key *k = NULL;
        if (ts_rng_init(&rng, seed, TS_ACTOR_KEYGEN) != TS_OK) {
            free(ms);
            return NULL;
        }
        double t0 = now_ms();
        ts_err err = ts_rsa_generate(&rng, bits, 65537, &k);
        ms[i] = now_ms() - t0;
        if (err != TS_OK) {
            fprintf(stderr, "bench_rsa: keygen %u: %s\n", bits, ts_err_str(err, TS_LANG_EN));
            free(ms);
            ts_rsa_free(last);
            return NULL;
        }
        sum += ms[i];
        ts_rsa_free(last);
        last = k;
    }
    qsort(ms, runs, sizeof(double), cmp_double);
    double median = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
    printf("rsa%u_keygen median=%.3f mean=%.3f runs=%u\n", bits, median, sum / runs, runs);
    free(ms);
    return last;
}

/* Signs for about budget_ms milliseconds; prints the mean time per signature. */
static int bench_sign(const ts_rsa_key *k, unsigned bits, double budget_ms)
{
    uint8_t digest[TS_SHA256_LEN];
    uint8_t sig[TS_RSA_MAX_LEN];
    ts_hash(TS_HASH_SHA256, (const uint8_t *)"bench", 5, digest);
    unsigned runs = 0;
    double t0 = now_ms();
    double elapsed = 0;
    while (elapsed < budget_ms || runs < 10) {
        digest[0] = (uint8_t)runs;
        if (ts_rsa_sign(k, TS_HASH_SHA256, digest, sig) != TS_OK) {
            fprintf(stderr, "bench_rsa: sign %u failed\n", bits);
            return 1;
        }
        runs++;
        elapsed = now_ms() - t0;
    }
    printf("rsa%u_sign mean=%.4f runs=%u\n", bits, elapsed / runs, runs);
    return 0;
}

int main(void)
{
    static const struct {
        unsigned bits;
        unsigned keygen_runs;
    } sizes[] = {{1024, 21}, {2048, 9}};
    if (ts_rng_global_init() != TS_OK) {
        return 1;
    }
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        ts_rsa_key *k = bench_keygen(sizes[i].bits, sizes[i].keygen_runs);
        if (k == NULL) {
            return 1;
        }
        int rc = bench_sign(k, sizes[i].bits, 1000.0);
        ts_rsa_free(k);
        if (rc != 0) {
            return 1;
        }
    }
    return 0;
}

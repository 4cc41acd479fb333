/* ts_exercise_fermat: the server's 2048-bit key has primes too close
 * together; Fermat's method factors n in a few thousand steps. Rebuild
 * the private key and impersonate the server.
 * Answer: the private key (PEM) or the factor p (hex). The checker runs a
 * session in which a server holding that key presents the real certificate
 * to a client that checks everything: solved when the client verifies
 * Finished and receives the file. */
#include "ts_exercise.h"

#include <stdlib.h>

#include "ts_secret.h"
#include "ts_weakkey.h"
#include "ts_x509.h"

#define BITS 2048
#define CA_BITS 1024
#define HOST "shop.example"

typedef struct {
    ts_rsa_key *ca_key, *server_key;
    ts_buf ca_der, server_der;
} problem;

static void problem_free(problem *p)
{
    ts_rsa_free(p->ca_key);
    ts_rsa_free(p->server_key);
    ts_buf_free(&p->ca_der);
    ts_buf_free(&p->server_der);
}

static ts_err problem_make(const char *seed, problem *p)
{
    p->ca_key = p->server_key = NULL;
    ts_buf_init(&p->ca_der);
    ts_buf_init(&p->server_der);
    ts_rng rng;
    TS_GUARD(ts_exercise_rng(&rng, "fermat", seed, TS_ACTOR_KEYGEN));
    ts_err err = ts_rsa_generate(&rng, CA_BITS, 65537, &p->ca_key);
    if (err == TS_OK) {
        err = ts_weakkey_close_primes(&rng, BITS, BITS / 4 + TS_WEAKKEY_GAP_OVER, &p->server_key);
    }
    if (err == TS_OK) {
        err = ts_exercise_certs(&rng, p->ca_key, p->server_key, HOST, &p->ca_der, &p->server_der);
    }
    ts_rng_wipe(&rng);
    return err;
}

static ts_err material(const char *seed, ts_exercise_material *m)
{
    problem p;
    ts_err err = problem_make(seed, &p);
    ts_buf n;
    ts_buf_init(&n);
    if (err == TS_OK) {
        err = ts_exercise_add_cert(m, "server.pem", &p.server_der);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_cert(m, "ca.pem", &p.ca_der);
    }
    if (err == TS_OK) {
        err = ts_rsa_get(p.server_key, TS_RSA_N, &n);
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m, "server: %s, RSA %u bits, e = 65537", HOST, BITS);
    }
    if (err == TS_OK) {
        err = ts_exercise_number(m, NULL, "n", n.data, n.len);
    }
    ts_buf_free(&n);
    problem_free(&p);
    return err;
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    char *text = ts_exercise_answer_text(answer, len);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    problem p;
    ts_err err = problem_make(seed, &p);
    ts_rsa_key *key = NULL;
    const char *why = NULL;
    if (err == TS_OK) {
        err = ts_exercise_answer_key(text, p.server_key, &key, &why);
    }
    if (err == TS_OK && key == NULL) {
        ts_exercise_verdict_set(v, false, "%s", why);
    } else if (err == TS_OK) {
        err = ts_exercise_check_impostor(seed, HOST, key, p.server_key, &p.server_der, &p.ca_der, v);
    }
    ts_rsa_free(key);
    problem_free(&p);
    ts_secret_wipe(text, len);
    free(text);
    return err;
}

const ts_exercise ts_exercise_fermat = {
    .id = "fermat",
    .title = "Factor a server key whose primes are too close (Fermat)",
    .incident = "Böck, \"Fermat Factorization in the Wild\" (ePrint 2023/026), CVE-2022-26320",
    .answer = "the server's private key (PEM) or its factor p (hex)",
    .material = material,
    .check = check,
};

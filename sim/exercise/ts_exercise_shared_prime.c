/* ts_exercise_shared_prime: two servers' keys were made with a poor random
 * generator and share a prime; one GCD factors both moduli.
 * Answer: the shared prime p (hex), or both private keys (two PEM blocks,
 * alpha's then beta's, in either order). The checker impersonates each
 * server with the recovered key to a client that checks everything:
 * solved when both runs end well. */
#include "exercise/ts_exercise.h"

#include "base/ts_i18n.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/attack/ts_weakkey.h"

#define BITS 1024
static const char *const HOSTS[2] = {"alpha.example", "beta.example"};

typedef struct {
    ts_rsa_key *ca_key, *keys[2];
    ts_buf ca_der, ders[2];
} problem;

static void problem_free(problem *p)
{
    ts_rsa_free(p->ca_key);
    ts_buf_free(&p->ca_der);
    for (int i = 0; i < 2; i++) {
        ts_rsa_free(p->keys[i]);
        ts_buf_free(&p->ders[i]);
    }
}

static ts_err problem_make(const char *seed, problem *p)
{
    memset(p, 0, sizeof(*p));
    ts_buf_init(&p->ca_der);
    ts_buf_init(&p->ders[0]);
    ts_buf_init(&p->ders[1]);
    ts_rng rng;
    TS_GUARD(ts_rng_init_for(&rng, "shared-prime", seed, TS_ACTOR_KEYGEN));
    ts_err err = ts_rsa_generate(&rng, BITS, 65537, &p->ca_key);
    if (err == TS_OK) {
        err = ts_weakkey_shared_prime(&rng, BITS, &p->keys[0], &p->keys[1]);
    }
    for (int i = 0; i < 2 && err == TS_OK; i++) {
        ts_buf ca; /* the CA certificate is made once; later copies are dropped */
        ts_buf_init(&ca);
        err = ts_exercise_certs(&rng, p->ca_key, p->keys[i], HOSTS[i], i == 0 ? &p->ca_der : &ca,
                                &p->ders[i]);
        ts_buf_free(&ca);
    }
    ts_rng_wipe(&rng);
    return err;
}

static ts_err material(const char *seed, ts_exercise_material *m)
{
    problem p;
    ts_err err = problem_make(seed, &p);
    const char *files[2] = {"alpha.pem", "beta.pem"};
    for (int i = 0; i < 2 && err == TS_OK; i++) {
        err = ts_exercise_add_cert(m, files[i], &p.ders[i]);
        ts_buf n;
        ts_buf_init(&n);
        if (err == TS_OK) {
            err = ts_rsa_get(p.keys[i], TS_RSA_N, &n);
        }
        if (err == TS_OK) {
            err = ts_exercise_number(m, NULL, i == 0 ? "n_alpha" : "n_beta", n.data, n.len);
        }
        ts_buf_free(&n);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_cert(m, "ca.pem", &p.ca_der);
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m, N_("servers: %s and %s, RSA %u bits, e = 65537"), HOSTS[0], HOSTS[1],
                               BITS);
    }
    problem_free(&p);
    return err;
}

/* The recovered keys from the answer: a hex prime, or PEM blocks. */
static ts_err answer_keys(const char *text, const problem *p, ts_rsa_key *keys[2],
                          const char **why)
{
    keys[0] = keys[1] = NULL;
    if (strstr(text, "-----BEGIN") == NULL) {
        TS_GUARD(ts_exercise_answer_key(text, p->keys[0], &keys[0], why));
        if (keys[0] != NULL) {
            TS_GUARD(ts_exercise_answer_key(text, p->keys[1], &keys[1], why));
        }
        return TS_OK;
    }
    const char *at = text;
    for (int i = 0; i < 2; i++) {
        const char *begin = strstr(at, "-----BEGIN");
        ts_rsa_key *k = NULL;
        if (begin == NULL) {
            *why = N_("give both private keys (two PEM blocks)");
            break;
        }
        TS_GUARD(ts_exercise_answer_key(begin, p->keys[0], &k, why));
        if (k == NULL) {
            break;
        }
        int slot = ts_rsa_same_public(k, p->keys[1]) ? 1 : 0;
        ts_rsa_free(keys[slot]);
        keys[slot] = k;
        const char *end = strstr(begin, "-----END");
        at = end != NULL ? end + 8 : begin + 10;
    }
    return TS_OK;
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    char *text = ts_exercise_answer_text(answer, len);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    problem p;
    ts_rsa_key *keys[2] = {NULL, NULL};
    const char *why = N_("give both private keys");
    ts_err err = problem_make(seed, &p);
    if (err == TS_OK) {
        err = answer_keys(text, &p, keys, &why);
    }
    ts_exercise_verdict both[2] = {{.lang = v->lang}, {.lang = v->lang}};
    bool solved = err == TS_OK && keys[0] != NULL && keys[1] != NULL;
    for (int i = 0; i < 2 && solved && err == TS_OK; i++) {
        err = ts_exercise_check_impostor(seed, HOSTS[i], keys[i], p.keys[i], &p.ders[i], &p.ca_der,
                                         &both[i]);
        solved = err == TS_OK && both[i].solved;
        if (!solved && err == TS_OK) {
            ts_exercise_verdict_set(v, false, "%s", both[i].why);
        }
    }
    if (err == TS_OK && keys[0] != NULL && keys[1] != NULL && solved) {
        ts_exercise_verdict_set(v, true,
                                N_("both keys recovered: a server holding each one fooled a "
                                "checking client for %s and for %s"),
                                HOSTS[0], HOSTS[1]);
    } else if (err == TS_OK && (keys[0] == NULL || keys[1] == NULL)) {
        ts_exercise_verdict_set(v, false, "%s", ts_tr(v->lang, why));
    }
    ts_rsa_free(keys[0]);
    ts_rsa_free(keys[1]);
    problem_free(&p);
    ts_exercise_answer_free(text, len);
    return err;
}

const ts_exercise ts_exercise_shared_prime = {
    .id = "shared-prime",
    .title = N_("Two servers' keys share a prime: recover both with a GCD"),
    /* The lesson's exercise.incident, word for word: ts_tr finds either. */
    /* xgettext:no-c-format */
    .incident = N_("Heninger, Durumeric, Wustrow, Halderman, \"Mining Your Ps and Qs\", "
                   "USENIX Security 2012 (0.50% of TLS hosts); Debian OpenSSL CVE-2008-0166"),
    .answer = N_("the shared prime p (hex), or both private keys (two PEM blocks)"),
    .material = material,
    .check = check,
};

/* ts_exercise_fermat: the server's 2048-bit key has primes too close
 * together; Fermat's method factors n in a few thousand steps. Rebuild
 * the private key and impersonate the server.
 * Answer: the private key (PEM) or the factor p (hex). The checker runs a
 * session in which a server holding that key presents the real certificate
 * to a client that checks everything: solved when the client verifies
 * Finished and receives the file. */
#include "exercise/ts_exercise.h"

#include "base/ts_i18n.h"

#include <stdlib.h>

#include "crypto/attack/ts_weakkey.h"
#include "crypto/ts_x509.h"

#define BITS 2048
#define CA_BITS 1024
#define HOST "shop.example"

typedef ts_exercise_pki problem;

/* The CA's key is ordinary; the server's primes are too close. */
static ts_err make_keys(ts_rng *rng, ts_rsa_key **ca_key, ts_rsa_key **server_key)
{
    TS_GUARD(ts_rsa_generate(rng, CA_BITS, 65537, ca_key));
    return ts_weakkey_close_primes(rng, BITS, BITS / 4 + TS_WEAKKEY_GAP_OVER, server_key);
}

static ts_err problem_make(const char *seed, problem *p)
{
    return ts_exercise_pki_make("fermat", seed, HOST, make_keys, p);
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
        err = ts_exercise_fact(m, N_("server: %s, RSA %u bits, e = 65537"), HOST, BITS);
    }
    if (err == TS_OK) {
        err = ts_exercise_number(m, NULL, "n", n.data, n.len);
    }
    ts_buf_free(&n);
    ts_exercise_pki_free(&p);
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
        ts_exercise_verdict_set(v, false, "%s", ts_tr(v->lang, why));
    } else if (err == TS_OK) {
        err = ts_exercise_check_impostor(seed, HOST, key, p.server_key, &p.server_der, &p.ca_der, v);
    }
    ts_rsa_free(key);
    ts_exercise_pki_free(&p);
    ts_exercise_answer_free(text, len);
    return err;
}

const ts_exercise ts_exercise_fermat = {
    .id = "fermat",
    .title = N_("Factor a server key whose primes are too close (Fermat)"),
    /* The lesson's exercise.incident, word for word: ts_tr finds either. */
    .incident = N_("Böck, \"Fermat Factorization in the Wild\" (ePrint 2023/026), "
                   "CVE-2022-26320 (Rambus SafeZone keys in Canon and Fujifilm printers)"),
    .answer = N_("the server's private key (PEM) or its factor p (hex)"),
    .material = material,
    .check = check,
};

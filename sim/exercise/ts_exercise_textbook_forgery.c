/* ts_exercise_textbook_forgery: RSA without padding is multiplicative:
 * from signatures s1 on m1 and s2 on m2, s1 s2 mod n signs m1 m2 mod n,
 * a message the key's owner never signed.
 * Answer: the signature on m = m1 m2 mod n, in hex. The checker computes
 * s^e mod n with the public key and compares it with m. */
#include "exercise/ts_exercise.h"

#include <string.h>

#include "crypto/attack/ts_rsa_math.h"
#include "crypto/ts_secret.h"

#define BITS 1024
#define MSG_LEN 40 /* bytes of m1 and m2: their product stays below n */

typedef struct {
    ts_rsa_key *key;
    uint8_t m1[MSG_LEN], m2[MSG_LEN];
    uint8_t s1[BITS / 8], s2[BITS / 8];
    ts_buf n, m; /* m = m1 m2 mod n, BITS/8 bytes */
} problem;

static void problem_free(problem *p)
{
    ts_rsa_free(p->key);
    ts_buf_free(&p->n);
    ts_buf_free(&p->m);
}

static ts_err problem_make(const char *seed, problem *p)
{
    memset(p, 0, sizeof(*p));
    ts_buf_init(&p->n);
    ts_buf_init(&p->m);
    ts_rng rng;
    TS_GUARD(ts_rng_init_for(&rng, "textbook-forgery", seed, TS_ACTOR_KEYGEN));
    ts_err err = ts_rsa_generate(&rng, BITS, 65537, &p->key);
    if (err == TS_OK) {
        ts_rng_bytes(&rng, p->m1, MSG_LEN);
        ts_rng_bytes(&rng, p->m2, MSG_LEN);
        p->m1[0] |= 0x80;
        p->m2[0] |= 0x80;
        err = ts_rsa_private_raw(p->key, p->m1, MSG_LEN, p->s1);
    }
    if (err == TS_OK) {
        err = ts_rsa_private_raw(p->key, p->m2, MSG_LEN, p->s2);
    }
    if (err == TS_OK) {
        err = ts_rsa_get(p->key, TS_RSA_N, &p->n);
    }
    if (err == TS_OK) {
        err = ts_rsa_math_mulmod(p->m1, MSG_LEN, p->m2, MSG_LEN, p->n.data, p->n.len, BITS / 8,
                                 &p->m);
    }
    ts_rng_wipe(&rng);
    return err;
}

static ts_err material(const char *seed, ts_exercise_material *m)
{
    problem p;
    ts_err err = problem_make(seed, &p);
    ts_buf nums, pem;
    ts_buf_init(&nums);
    ts_buf_init(&pem);
    const uint8_t e[3] = {0x01, 0x00, 0x01};
    struct { const char *name; const uint8_t *v; size_t n; } rows[] = {
        {"n", p.n.data, p.n.len}, {"e", e, sizeof(e)},      {"m1", p.m1, MSG_LEN},
        {"s1", p.s1, BITS / 8},   {"m2", p.m2, MSG_LEN},    {"s2", p.s2, BITS / 8},
        {"m", p.m.data, p.m.len},
    };
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]) && err == TS_OK; i++) {
        err = ts_exercise_number(m, &nums, rows[i].name, rows[i].v, rows[i].n);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "textbook.txt", nums.data, nums.len);
    }
    if (err == TS_OK) {
        err = ts_rsa_to_public_pem(p.key, &pem);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "public.pem", pem.data, pem.len);
    }
    ts_buf_free(&nums);
    ts_buf_free(&pem);
    problem_free(&p);
    return err;
}

static ts_err verdict(const problem *p, const ts_buf *sig, ts_exercise_verdict *v)
{
    if (sig->len > BITS / 8 || ts_rsa_math_cmp(sig->data, sig->len, p->n.data, p->n.len) >= 0) {
        return ts_exercise_verdict_set(v, false, N_("the signature must be a number below n"));
    }
    uint8_t got[BITS / 8];
    TS_GUARD(ts_rsa_public_raw(p->key, sig->data, sig->len, got));
    if (ts_rsa_math_cmp(sig->data, sig->len, p->s1, BITS / 8) == 0 ||
        ts_rsa_math_cmp(sig->data, sig->len, p->s2, BITS / 8) == 0) {
        return ts_exercise_verdict_set(v, false, N_("that is one of the two signatures you were given"));
    }
    if (memcmp(got, p->m.data, BITS / 8) != 0) {
        return ts_exercise_verdict_set(v, false,
                                       N_("s^e mod n is not m = m1*m2 mod n: this does not sign m"));
    }
    return ts_exercise_verdict_set(v, true,
                                   N_("s^e mod n = m1*m2 mod n: a valid textbook signature on a "
                                   "message the key's owner never signed"));
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    ts_buf sig;
    ts_buf_init(&sig);
    if (ts_exercise_answer_hex(answer, len, &sig) != TS_OK) {
        ts_buf_free(&sig);
        return ts_exercise_verdict_set(v, false, N_("the answer must be the signature in hex"));
    }
    problem p;
    ts_err err = problem_make(seed, &p);
    if (err == TS_OK) {
        err = verdict(&p, &sig, v);
    }
    problem_free(&p);
    ts_buf_free(&sig);
    return err;
}

const ts_exercise ts_exercise_textbook_forgery = {
    .id = "textbook-forgery",
    .title = N_("Forge a textbook-RSA signature from two signed messages"),
    .incident = N_("RSA's multiplicative property (Boneh, \"Twenty Years of Attacks on the RSA "
                "Cryptosystem\", 1999)"),
    .answer = N_("the signature on m = m1*m2 mod n, in hex"),
    .material = material,
    .check = check,
};

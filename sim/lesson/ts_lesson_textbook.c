/* ts_lesson_textbook: the textbook-RSA lesson's numbers, computed with
 * ts_rsa (a key from the factors, raw public and private operations) and
 * shown beside the narration of each textbook step. */
#include "base/ts_i18n.h"
#include "lesson/ts_lesson_textbook.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_buf.h"
#include "crypto/ts_rsa.h"
#include "lesson/ts_lesson_play.h"
#include "simulation/ts_steps.h"

typedef struct {
    uint64_t p, q, n, phi, e, d;
    unsigned bits;
    uint64_t m, c, mdec, s, v;         /* one message */
    uint64_t m2, c2, s2;               /* a second one */
    uint64_t m12, c12, d12, s12, v12;  /* their products */
    uint64_t c0, c1;                   /* 0 and 1 encrypt to themselves */
} numbers;

static size_t to_bytes(uint64_t v, uint8_t out[8])
{
    for (int i = 7; i >= 0; i--) {
        out[i] = (uint8_t)(v & 0xff);
        v >>= 8;
    }
    return 8;
}

static uint64_t from_bytes(const uint8_t *b, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        v = (v << 8) | b[i];
    }
    return v;
}

/* out = in^e mod n (public) or in^d mod n (private). */
static ts_err raw(const ts_rsa_key *k, bool private_op, uint64_t in, uint64_t *out)
{
    uint8_t b[8], res[TS_RSA_MAX_LEN];
    to_bytes(in, b);
    TS_GUARD(private_op ? ts_rsa_private_raw(k, b, 8, res) : ts_rsa_public_raw(k, b, 8, res));
    *out = from_bytes(res, ts_rsa_len(k));
    return TS_OK;
}

static ts_err part(const ts_rsa_key *k, ts_rsa_part which, uint64_t *out)
{
    ts_buf b;
    ts_buf_init(&b);
    ts_err err = ts_rsa_get(k, which, &b);
    if (err == TS_OK) {
        *out = from_bytes(b.data, b.len);
    }
    ts_buf_free(&b);
    return err;
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t n)
{
    return (uint64_t)(((unsigned __int128)a * b) % n);
}

static ts_err compute(const ts_lesson_run *r, numbers *x)
{
    uint8_t pb[8], qb[8];
    ts_rsa_key *k = NULL;
    to_bytes(r->tb_p, pb);
    to_bytes(r->tb_q, qb);
    TS_GUARD(ts_rsa_from_factors(pb, 8, qb, 8, (unsigned long)r->tb_e, &k));
    *x = (numbers){.p = r->tb_p, .q = r->tb_q, .e = r->tb_e, .m = r->tb_m, .m2 = r->tb_m2};
    x->phi = (x->p - 1) * (x->q - 1);
    x->bits = ts_rsa_bits(k);
    ts_err err = part(k, TS_RSA_N, &x->n);
    if (err == TS_OK) {
        err = part(k, TS_RSA_D, &x->d);
    }
    uint64_t *outs[] = {&x->c, &x->mdec, &x->s, &x->v, &x->c2, &x->s2, &x->c0, &x->c1};
    const uint64_t *ins[] = {&x->m, &x->c, &x->m, &x->s, &x->m2, &x->m2, NULL, NULL};
    static const bool priv[] = {false, true, true, false, false, true, false, false};
    static const uint64_t consts[] = {0, 0, 0, 0, 0, 0, 0, 1};
    for (size_t i = 0; err == TS_OK && i < 8; i++) {
        err = raw(k, priv[i], ins[i] != NULL ? *ins[i] : consts[i], outs[i]);
    }
    if (err == TS_OK) {
        x->m12 = mulmod(x->m, x->m2, x->n);
        x->c12 = mulmod(x->c, x->c2, x->n);
        x->s12 = mulmod(x->s, x->s2, x->n);
        err = raw(k, true, x->c12, &x->d12);
    }
    if (err == TS_OK) {
        err = raw(k, false, x->s12, &x->v12);
    }
    ts_rsa_free(k);
    return err;
}

static bool value(void *ctx, const char *name, char *out, size_t cap)
{
    const numbers *x = ctx;
    static const char *const names[] = {"p", "q", "n", "phi", "e", "d", "m", "c", "s", "m2",
                                        "c2", "s2", "m12", "c12", "s12", "bits"};
    const uint64_t vals[] = {x->p, x->q, x->n, x->phi, x->e, x->d, x->m, x->c, x->s, x->m2,
                             x->c2, x->s2, x->m12, x->c12, x->s12, x->bits};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(name, names[i]) == 0) {
            snprintf(out, cap, "%" PRIu64, vals[i]);
            return true;
        }
    }
    return false;
}

typedef unsigned long long ull; /* the numbers as the translated formats print them */

/* The line of numbers shown under a step's title, its words in lang. */
static void formula(FILE *f, const char *step, const numbers *x, ts_lang lang)
{
    const char *ok = x->mdec == x->m ? "=" : "!=";
    if (strcmp(step, "rsa_primes") == 0) {
        fprintf(f, "  p = %" PRIu64 ", q = %" PRIu64 "\n", x->p, x->q);
    } else if (strcmp(step, "rsa_modulus") == 0) {
        fprintf(f, ts_tr(lang, N_("  n = p * q = %llu * %llu = %llu (%u bits)\n")), (ull)x->p,
                (ull)x->q, (ull)x->n, x->bits);
    } else if (strcmp(step, "rsa_totient") == 0) {
        fprintf(f, "  phi(n) = (p-1)(q-1) = %" PRIu64 " * %" PRIu64 " = %" PRIu64 "\n",
                x->p - 1, x->q - 1, x->phi);
    } else if (strcmp(step, "rsa_public_exponent") == 0) {
        fprintf(f, ts_tr(lang, N_("  e = %llu   public key (n, e) = (%llu, %llu)\n")), (ull)x->e,
                (ull)x->n, (ull)x->e);
    } else if (strcmp(step, "rsa_private_exponent") == 0) {
        fprintf(f, ts_tr(lang, N_("  d = e^-1 mod phi(n) = %llu   check: e*d mod phi(n) = %llu\n")),
                (ull)x->d, (ull)mulmod(x->e, x->d, x->phi));
    } else if (strcmp(step, "rsa_encrypt") == 0) {
        fprintf(f, "  c = m^e mod n = %" PRIu64 "^%" PRIu64 " mod %" PRIu64 " = %" PRIu64 "\n",
                x->m, x->e, x->n, x->c);
    } else if (strcmp(step, "rsa_decrypt") == 0) {
        fprintf(f, "  c^d mod n = %" PRIu64 "^%" PRIu64 " mod %" PRIu64 " = %" PRIu64 " %s m\n",
                x->c, x->d, x->n, x->mdec, ok);
    } else if (strcmp(step, "rsa_sign") == 0) {
        fprintf(f, "  s = m^d mod n = %" PRIu64 "^%" PRIu64 " mod %" PRIu64 " = %" PRIu64 "\n",
                x->m, x->d, x->n, x->s);
    } else if (strcmp(step, "rsa_verify") == 0) {
        fprintf(f, "  s^e mod n = %" PRIu64 "^%" PRIu64 " mod %" PRIu64 " = %" PRIu64 " %s m\n",
                x->s, x->e, x->n, x->v, x->v == x->m ? "=" : "!=");
    } else if (strcmp(step, "rsa_malleability") == 0) {
        fprintf(f, "  m2 = %" PRIu64 ", c2 = %" PRIu64 ", s2 = %" PRIu64 "\n", x->m2, x->c2, x->s2);
        fprintf(f, ts_tr(lang, N_("  c*c2 mod n = %llu -> decrypts to %llu = m*m2 mod n = %llu\n")),
                (ull)x->c12, (ull)x->d12, (ull)x->m12);
        fprintf(f, ts_tr(lang, N_("  s*s2 mod n = %llu -> verifies as %llu = m*m2 mod n\n")),
                (ull)x->s12, (ull)x->v12);
    } else if (strcmp(step, "rsa_padding") == 0) {
        fprintf(f, ts_tr(lang, N_("  0^e mod n = %llu, 1^e mod n = %llu, and m always gives "
                                  "c = %llu\n")),
                (ull)x->c0, (ull)x->c1, (ull)x->c);
    }
}

ts_err ts_lesson_play_textbook(FILE *f, const ts_lesson *l, ts_lang lang, unsigned width)
{
    TS_ENSURE(f != NULL && l != NULL && lang < TS_LANG_COUNT, TS_ERR_ARG);
    TS_ENSURE(l->run.play == TS_LESSON_PLAY_TEXTBOOK, TS_ERR_ARG);
    numbers x;
    TS_GUARD(compute(&l->run, &x));
    fprintf(f, "%s: %s - %s\n  %s\n\n", ts_tr(lang, N_("lesson")), l->id, l->title[lang],
            l->summary[lang]);
    if (l->intro[lang].markdown[0] != '\0') {
        TS_GUARD(ts_lesson_print_section(f, &l->intro[lang], width, value, &x));
        fputc('\n', f);
    }
    for (size_t i = 0; i < ts_steps_count(); i++) {
        const ts_step_info *info = ts_steps_get(i);
        if (info->group != TS_STEPS_TEXTBOOK) {
            continue;
        }
        const ts_lesson_section *sec = ts_lesson_section_for(l, lang, info->name, TS_SIDE_CLIENT);
        if (sec == NULL) {
            continue;
        }
        fprintf(f, "[%s] %s\n", info->name, ts_tr(lang, info->desc));
        formula(f, info->name, &x, lang);
        TS_GUARD(ts_lesson_print_section(f, sec, width, value, &x));
        fputc('\n', f);
    }
    bool ok = x.mdec == x.m && x.v == x.m && x.d12 == x.m12 && x.v12 == x.m12;
    fprintf(f, "%s: %s\n", ts_tr(lang, N_("result")),
            ts_tr(lang, ok ? N_("ok") : N_("the numbers do not agree")));
    return ferror(f) ? TS_ERR_IO : ok ? TS_OK : TS_ERR_RSA_KEY;
}

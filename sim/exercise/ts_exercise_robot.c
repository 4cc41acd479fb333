/* ts_exercise_robot: a server that leaks whether an RSA ciphertext has
 * PKCS#1 v1.5 padding, through the alert it sends (Bleichenbacher 1998;
 * ROBOT 2018). From a recorded rsa session, the public key and that oracle
 * alone, recover the session's premaster secret; then, blinding first,
 * sign a message with the server's key.
 * Answer: "premaster HEX" (48 bytes) and/or "signature HEX" (on the
 * exercise's message, SHA-256, PKCS#1 v1.5); a bare hex string is taken by
 * its length. The checker compares the premaster with the one both sides
 * used in the recorded run, and verifies the signature with the server's
 * public key. */
#include "exercise/ts_exercise.h"

#include "base/ts_i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "crypto/attack/ts_bleich.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_rsa_pkcs1.h"
#include "crypto/ts_secret.h"
#include "simulation/ts_session_custom.h"
#include "tls/msg/ts_msg_client_key_exchange.h" /* TS_PREMASTER_LEN */

#define CKE_AT 11 /* record header 5, handshake header 4, length 2 */

/* SHA-256 DigestInfo prefix (RFC 8017 §9.2, note 1). */
static const uint8_t SHA256_INFO[19] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                        0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};

/* The message to sign for seed. */
static void message(const char *seed, char *out, size_t cap)
{
    snprintf(out, cap, "tlsstep robot exercise, seed %s: transfer 1000 to mallory\n", seed);
}

/* The recorded session of seed (rsa, 1024 bits) and its encrypted premaster. */
static ts_err recorded(const char *seed, ts_session **s, ts_buf *ct)
{
    ts_session_config cfg = {.seed = seed};
    TS_GUARD(ts_exercise_run(&cfg, NULL, 0, s));
    const ts_chan *ch = ts_session_chan(*s);
    for (size_t n = 1; n <= ts_chan_count(ch); n++) {
        const ts_chan_record *r = ts_chan_get(ch, n);
        if (strcmp(r->type_name, "ClientKeyExchange") == 0 && r->sent.len > CKE_AT) {
            return ts_buf_write_bytes(ct, r->sent.data + CKE_AT, r->sent.len - CKE_AT);
        }
    }
    ts_session_free(*s);
    *s = NULL;
    return TS_ERR_UNEXPECTED;
}

static ts_err material(const char *seed, ts_exercise_material *m)
{
    ts_session *s = NULL;
    ts_buf ct, text;
    ts_buf_init(&ct);
    ts_buf_init(&text);
    ts_err err = recorded(seed, &s, &ct);
    if (err == TS_OK) {
        err = ts_exercise_transcript(s, &text);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "transcript.txt", text.data, text.len);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_cert(m, "server.pem", ts_session_server_der(s));
    }
    if (err == TS_OK) {
        ts_buf_reset(&text);
        err = ts_rsa_to_public_pem(ts_session_server_key(s), &text);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "public.pem", text.data, text.len);
    }
    char *hex = err == TS_OK ? ts_hex_strdup(ct.data, ct.len) : NULL;
    if (err == TS_OK && hex == NULL) {
        err = TS_ERR_NOMEM;
    }
    if (err == TS_OK) {
        ts_buf_reset(&text);
        err = ts_buf_write_bytes(&text, (const uint8_t *)hex, strlen(hex));
        if (err == TS_OK) {
            err = ts_buf_write_u8(&text, '\n');
        }
    }
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "encrypted_premaster.hex", text.data, text.len);
    }
    char msg[256];
    message(seed, msg, sizeof(msg));
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "message.txt", (const uint8_t *)msg, strlen(msg));
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m, N_("the oracle: tlsstep exercise robot --seed %s --oracle (one hex "
                                  "ciphertext per line in, the server's alert out: 20 = padding "
                                  "good, 51 = bad)"),
                               seed);
    }
    free(hex);
    ts_buf_free(&ct);
    ts_buf_free(&text);
    ts_session_free(s);
    return err;
}

const char *ts_exercise_oracle_name(ts_oracle_strength strength, ts_lang lang)
{
    /* ts_oracle_strength_name's words (crypto/ takes no language) */
    return ts_tr(lang, strength == TS_ORACLE_PKCS1 ? N_("full PKCS#1") : N_("00 02 only"));
}

ts_err ts_exercise_robot_oracle(const char *seed, ts_oracle_strength strength, ts_rsa_key **key,
                                ts_oracle *o)
{
    ts_session *s = NULL;
    ts_buf ct;
    ts_buf_init(&ct);
    ts_err err = recorded(seed, &s, &ct);
    if (err == TS_OK) {
        err = ts_session_key_copy(ts_session_server_key(s), key);
    }
    if (err == TS_OK) {
        err = ts_oracle_init(o, *key, strength);
        if (err != TS_OK) {
            ts_rsa_free(*key);
            *key = NULL;
        }
    }
    ts_buf_free(&ct);
    ts_session_free(s);
    return err;
}

typedef struct {
    ts_oracle *oracle;
    ts_exercise_progress_fn fn;
    void *ctx;
    const char *what; /* an English msgid: what is being recovered */
    uint64_t base;    /* queries before this attack */
    ts_lang lang;     /* of the progress lines */
} attack_ctx;

/* The attack's oracle: called from its two threads at once (ts_oracle_query
 * is thread-safe). */
static ts_err ask(void *ctx, const uint8_t *ct, size_t len, bool *ok)
{
    attack_ctx *a = ctx;
    return ts_oracle_query(a->oracle, ct, len, ok);
}

/* The attack's phase in lang: its steps keep their paper's names ("1",
 * "2a", "2b", "2c"); the words are translated. */
static const char *phase_name(const char *phase, ts_lang lang)
{
    static const char *const words[] = {N_("blinding"), N_("trim"), N_("done")};
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        if (strcmp(phase, words[i]) == 0) {
            return ts_tr(lang, words[i]);
        }
    }
    return phase;
}

static void show(void *ctx, const ts_bleich_progress *p)
{
    attack_ctx *a = ctx;
    if (a->fn == NULL) {
        return;
    }
    char line[400];
    snprintf(line, sizeof(line),
             ts_trn(a->lang,
                    "%s: queries %llu (total %llu)  step %s  s_%u found  M: %zu interval, width "
                    "2^%u of 2^%u",
                    "%s: queries %llu (total %llu)  step %s  s_%u found  M: %zu intervals, width "
                    "2^%u of 2^%u",
                    p->intervals),
             ts_tr(a->lang, a->what), (unsigned long long)p->queries,
             (unsigned long long)(a->base + p->queries), phase_name(p->phase, a->lang), p->iteration,
             p->intervals,
             p->width_bits, p->total_bits);
    a->fn(a->ctx, line);
}

static ts_err append_line(ts_buf *out, const char *fmt, const char *a, const uint8_t *v, size_t n)
{
    char *hex = ts_hex_strdup(v, n);
    TS_ENSURE(hex != NULL, TS_ERR_NOMEM);
    char line[1400];
    int k = snprintf(line, sizeof(line), fmt, a, hex);
    free(hex);
    TS_ENSURE(k > 0 && (size_t)k < sizeof(line), TS_ERR_TOO_LONG);
    return ts_buf_write_bytes(out, (const uint8_t *)line, (size_t)k);
}

/* Runs the attack on c with the oracle; appends c^d mod n to m. */
static ts_err run(attack_ctx *a, const ts_rsa_key *pub, const uint8_t *c, size_t len, bool blind,
                  ts_rng *rng, ts_buf *m)
{
    ts_buf n, e;
    ts_buf_init(&n);
    ts_buf_init(&e);
    ts_err err = ts_rsa_get(pub, TS_RSA_N, &n);
    if (err == TS_OK) {
        err = ts_rsa_get(pub, TS_RSA_E, &e);
    }
    ts_bleich_cfg cfg = {
        .n = n.data, .n_len = n.len, .e = e.data, .e_len = e.len, .oracle = ask,
        .oracle_ctx = a, .progress = show, .progress_ctx = a, .progress_every = 512,
        .max_queries = 20000000, .blind = blind, .rng = rng, .threads = 2,
        .exact_oracle = a->oracle->strength == TS_ORACLE_PREFIX,
    };
    if (err == TS_OK) {
        err = ts_bleich_attack(&cfg, c, len, m, NULL);
    }
    ts_buf_free(&n);
    ts_buf_free(&e);
    return err;
}

/* The PKCS#1 v1.5 signature block of msg for a k-byte modulus. */
static ts_err sig_block(const char *msg, size_t k, ts_buf *block)
{
    uint8_t h[32];
    ts_hash(TS_HASH_SHA256, (const uint8_t *)msg, strlen(msg), h);
    size_t ps = k - 3 - sizeof(SHA256_INFO) - sizeof(h);
    TS_GUARD(ts_buf_write_u8(block, 0x00));
    TS_GUARD(ts_buf_write_u8(block, 0x01));
    for (size_t i = 0; i < ps; i++) {
        TS_GUARD(ts_buf_write_u8(block, 0xFF));
    }
    TS_GUARD(ts_buf_write_u8(block, 0x00));
    TS_GUARD(ts_buf_write_bytes(block, SHA256_INFO, sizeof(SHA256_INFO)));
    return ts_buf_write_bytes(block, h, sizeof(h));
}

/* The premaster inside a decrypted block: after the first 00 past 00 02. */
static ts_err unpad(const ts_buf *m, ts_buf *pms)
{
    size_t i = 2;
    while (i < m->len && m->data[i] != 0) {
        i++;
    }
    TS_ENSURE(m->len >= 2 && m->data[1] == 0x02 && i + 1 + TS_PREMASTER_LEN == m->len, TS_ERR_PADDING);
    return ts_buf_write_bytes(pms, m->data + i + 1, TS_PREMASTER_LEN);
}

ts_err ts_exercise_robot_attack(const char *seed, const ts_robot_opts *o, ts_exercise_progress_fn fn,
                                void *ctx, ts_buf *out, uint64_t *queries)
{
    ts_rsa_key *key = NULL;
    ts_oracle oracle;
    TS_GUARD(ts_exercise_robot_oracle(seed, o->strength, &key, &oracle));
    ts_rsa_key *pub = ts_rsa_public_copy(key); /* all the attack itself sees */
    ts_session *s = NULL;
    ts_buf ct, m, pms, block, sig;
    ts_buf_init(&ct);
    ts_buf_init(&m);
    ts_buf_init(&pms);
    ts_buf_init(&block);
    ts_buf_init(&sig);
    ts_err err = pub == NULL ? TS_ERR_NOMEM : recorded(seed, &s, &ct);
    attack_ctx a = {.oracle = &oracle, .fn = fn, .ctx = ctx, .what = N_("premaster"),
                    .lang = o->lang};
    if (err == TS_OK) {
        err = run(&a, pub, ct.data, ct.len, false, NULL, &m);
    }
    if (err == TS_OK) {
        err = unpad(&m, &pms);
    }
    if (err == TS_OK) {
        err = append_line(out, "%spremaster %s\n", "", pms.data, pms.len);
    }
    uint64_t first = oracle.queries;
    if (err == TS_OK && o->sign) {
        char msg[256];
        message(seed, msg, sizeof(msg));
        ts_rng rng;
        err = ts_rng_init_for(&rng, "robot", seed, TS_ACTOR_ATTACKER);
        if (err == TS_OK) {
            err = sig_block(msg, ts_rsa_len(pub), &block);
        }
        a.what = N_("signature");
        a.base = first;
        if (err == TS_OK) {
            err = run(&a, pub, block.data, block.len, true, &rng, &sig);
        }
        ts_rng_wipe(&rng);
        if (err == TS_OK) {
            err = append_line(out, "%ssignature %s\n", "", sig.data, sig.len);
        }
    }
    char summary[400];
    snprintf(summary, sizeof(summary),
             ts_tr(o->lang, o->sign ? N_("queries: %llu for the premaster then the signature, %llu "
                                         "in all (oracle: %s)\n")
                                    : N_("queries: %llu for the premaster, %llu in all (oracle: "
                                         "%s)\n")),
             (unsigned long long)first, (unsigned long long)oracle.queries,
             ts_exercise_oracle_name(o->strength, o->lang));
    if (err == TS_OK) {
        err = ts_buf_write_bytes(out, (const uint8_t *)summary, strlen(summary));
    }
    if (queries != NULL) {
        *queries = oracle.queries;
    }
    ts_secret_free_buf(&m);
    ts_secret_free_buf(&pms);
    ts_buf_free(&ct);
    ts_buf_free(&block);
    ts_buf_free(&sig);
    ts_session_free(s);
    ts_rsa_free(pub);
    ts_rsa_free(key);
    return err;
}

static ts_err check_pms(const ts_session *s, const ts_buf *pms, ts_exercise_verdict *v)
{
    const ts_step *st = ts_trace_find(ts_session_trace(s), "premaster_secret", TS_SIDE_SERVER);
    if (st == NULL || st->ev.value_len != TS_PREMASTER_LEN || pms->len != TS_PREMASTER_LEN ||
        !ts_secret_equal(st->ev.value, pms->data, TS_PREMASTER_LEN)) {
        return ts_exercise_verdict_set(v, false, N_("that is not the recorded session's premaster "
                                                 "secret"));
    }
    const ts_step *ms = ts_trace_find(ts_session_trace(s), "master_secret", TS_SIDE_SERVER);
    char head[17] = "";
    if (ms != NULL && ms->ev.value_len >= 8) {
        ts_hex_encode(ms->ev.value, 8, head);
    }
    return ts_exercise_verdict_set(v, true,
                                   N_("premaster recovered: with the randoms of the transcript it "
                                   "gives the master secret %s... and every key of the recorded "
                                   "session, so its traffic decrypts"),
                                   head);
}

static ts_err check_sig(const char *seed, const ts_session *s, const ts_buf *sig,
                        ts_exercise_verdict *v)
{
    char msg[256];
    message(seed, msg, sizeof(msg));
    uint8_t h[32];
    ts_hash(TS_HASH_SHA256, (const uint8_t *)msg, strlen(msg), h);
    if (ts_rsa_verify(ts_session_server_key(s), TS_HASH_SHA256, h, sig->data, sig->len) != TS_OK) {
        return ts_exercise_verdict_set(v, false, N_("the signature does not verify on message.txt "
                                                 "with the server's public key"));
    }
    return ts_exercise_verdict_set(v, true, N_("the signature on message.txt verifies with the "
                                            "server's public key: the oracle signed for you"));
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    char *text = ts_exercise_answer_text(answer, len);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    char pms_hex[256] = "", *sig_hex = malloc(2 * TS_RSA_MAX_LEN + 16);
    ts_buf pms, sig, bare;
    ts_buf_init(&pms);
    ts_buf_init(&sig);
    ts_buf_init(&bare);
    ts_err err = sig_hex == NULL ? TS_ERR_NOMEM : TS_OK;
    bool has_pms = err == TS_OK && ts_exercise_answer_field(text, "premaster", pms_hex, sizeof(pms_hex)) &&
                   ts_hex_decode(pms_hex, &pms, NULL) == TS_OK;
    bool has_sig = err == TS_OK &&
                   ts_exercise_answer_field(text, "signature", sig_hex, 2 * TS_RSA_MAX_LEN + 16) &&
                   ts_hex_decode(sig_hex, &sig, NULL) == TS_OK;
    if (err == TS_OK && !has_pms && !has_sig && ts_exercise_answer_hex(answer, len, &bare) == TS_OK) {
        has_pms = bare.len == TS_PREMASTER_LEN;
        has_sig = !has_pms;
        TS_GUARD(ts_buf_write_bytes(has_pms ? &pms : &sig, bare.data, bare.len));
    }
    ts_session *s = NULL;
    ts_buf ct;
    ts_buf_init(&ct);
    if (err == TS_OK && !has_pms && !has_sig) {
        ts_exercise_verdict_set(v, false, N_("answer: 'premaster HEX' and/or 'signature HEX'"));
    } else if (err == TS_OK) {
        err = recorded(seed, &s, &ct);
        ts_exercise_verdict pv = {.solved = true, .lang = v->lang}, sv = {.solved = true, .lang = v->lang};
        if (err == TS_OK && has_pms) {
            err = check_pms(s, &pms, &pv);
        }
        if (err == TS_OK && has_sig) {
            err = check_sig(seed, s, &sig, &sv);
        }
        if (err == TS_OK) {
            const ts_exercise_verdict *bad = !pv.solved ? &pv : !sv.solved ? &sv : NULL;
            ts_exercise_verdict_set(v, bad == NULL, "%s%s%s",
                                    bad != NULL ? bad->why : has_pms ? pv.why : sv.why,
                                    bad == NULL && has_pms && has_sig ? "; " : "",
                                    bad == NULL && has_pms && has_sig ? sv.why : "");
        }
    }
    ts_session_free(s);
    ts_buf_free(&ct);
    ts_secret_free_buf(&pms);
    ts_buf_free(&sig);
    ts_secret_free_buf(&bare);
    free(sig_hex);
    free(text);
    return err;
}

const ts_exercise ts_exercise_robot = {
    .id = "robot",
    .title = N_("Decrypt a recorded session and sign through a padding oracle (ROBOT)"),
    /* The lesson's exercise.incident, word for word: ts_tr finds either. */
    .incident = N_("Bleichenbacher, CRYPTO 1998; ROBOT: Böck, Somorovsky, Young, USENIX "
                   "Security 2018 (F5, Citrix, Cisco, Facebook)"),
    .answer = N_("'premaster HEX' (the recorded session's) and/or 'signature HEX' (on message.txt)"),
    .material = material,
    .check = check,
};

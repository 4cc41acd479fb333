/* ts_exercise: the registry of exercises and the helpers their checkers share. */
#include "exercise/ts_exercise.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/ts_hex.h"
#include "base/ts_i18n.h"
#include "crypto/attack/ts_rsa_math.h"
#include "crypto/ts_secret.h"
#include "crypto/ts_x509_build.h"
#include "export/ts_transcript.h"
#include "simulation/ts_action_parse.h"
#include "simulation/ts_session_custom.h"

static const ts_exercise *const EXERCISES[] = {
    &ts_exercise_tamper_cert,    &ts_exercise_downgrade,      &ts_exercise_textbook_forgery,
    &ts_exercise_fermat,         &ts_exercise_shared_prime,   &ts_exercise_e3_forgery,
    &ts_exercise_no_verify_mitm, &ts_exercise_goto_fail,      &ts_exercise_robot,
    &ts_exercise_downgrade_sentinel, &ts_exercise_tls13_tamper, &ts_exercise_tls13_decrypt,
};

const ts_exercise *ts_exercise_at(size_t i)
{
    return i < sizeof(EXERCISES) / sizeof(EXERCISES[0]) ? EXERCISES[i] : NULL;
}

const ts_exercise *ts_exercise_find(const char *id)
{
    for (size_t i = 0; id != NULL && ts_exercise_at(i) != NULL; i++) {
        if (strcmp(ts_exercise_at(i)->id, id) == 0) {
            return ts_exercise_at(i);
        }
    }
    return NULL;
}

void ts_exercise_material_init(ts_exercise_material *m)
{
    memset(m, 0, sizeof(*m));
    for (size_t i = 0; i < TS_EXERCISE_MAX_FILES; i++) {
        ts_buf_init(&m->files[i].data);
    }
    ts_buf_init(&m->facts);
}

void ts_exercise_material_free(ts_exercise_material *m)
{
    for (size_t i = 0; i < TS_EXERCISE_MAX_FILES; i++) {
        ts_buf_free(&m->files[i].data);
    }
    ts_buf_free(&m->facts);
    ts_exercise_material_init(m);
}

ts_err ts_exercise_add_file(ts_exercise_material *m, const char *name, const uint8_t *data,
                            size_t n)
{
    TS_ENSURE(m->n_files < TS_EXERCISE_MAX_FILES && strlen(name) < sizeof(m->files[0].name),
              TS_ERR_ARG);
    ts_exercise_file *f = &m->files[m->n_files];
    snprintf(f->name, sizeof(f->name), "%s", name);
    TS_GUARD(ts_buf_write_bytes(&f->data, data, n));
    m->n_files++;
    return TS_OK;
}

static ts_err vappend(ts_buf *b, const char *fmt, va_list ap)
{
    char line[2048];
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    TS_ENSURE(n >= 0 && (size_t)n < sizeof(line), TS_ERR_TOO_LONG);
    TS_GUARD(ts_buf_write_bytes(b, (const uint8_t *)line, (size_t)n));
    return ts_buf_write_u8(b, '\n');
}

ts_err ts_exercise_fact(ts_exercise_material *m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ts_err err = vappend(&m->facts, ts_tr(m->lang, fmt), ap);
    va_end(ap);
    return err;
}

/* A line of the facts that is the same in every language ("n = HEX"). */
static ts_err fact_line(ts_buf *facts, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static ts_err fact_line(ts_buf *facts, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ts_err err = vappend(facts, fmt, ap);
    va_end(ap);
    return err;
}

ts_err ts_exercise_number(ts_exercise_material *m, ts_buf *numbers, const char *name,
                          const uint8_t *v, size_t n)
{
    char *hex = ts_hex_strdup(v, n);
    TS_ENSURE(hex != NULL, TS_ERR_NOMEM);
    ts_err err = fact_line(&m->facts, "%s = %s", name, hex);
    if (err == TS_OK && numbers != NULL) {
        const char *parts[] = {name, " ", hex, "\n"};
        for (size_t i = 0; i < 4 && err == TS_OK; i++) {
            err = ts_buf_write_bytes(numbers, (const uint8_t *)parts[i], strlen(parts[i]));
        }
    }
    free(hex);
    return err;
}

ts_err ts_exercise_verdict_set(ts_exercise_verdict *v, bool solved, const char *fmt, ...)
{
    v->solved = solved;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->why, sizeof(v->why), ts_tr(v->lang, fmt), ap);
    va_end(ap);
    for (char *p = v->why; *p != '\0'; p++) {
        if (*p == '\n') {
            *p = ' ';
        }
    }
    return TS_OK;
}

ts_err ts_exercise_verdict_bad_spec(ts_exercise_verdict *v, const char *spec, const char *why)
{
    char shown[2 * TS_ACTION_WHY_CAP];
    const char *detail = ts_tr_text(v->lang, why, shown, sizeof(shown));
    if (v->lang != TS_LANG_EN && detail == why) { /* no translation of the reason */
        return ts_exercise_verdict_set(v, false, N_("the tamper spec '%s' is not N,OFFSET,XOR"), spec);
    }
    return ts_exercise_verdict_set(v, false, N_("the tamper spec N,OFFSET,XOR is wrong: %s"), detail);
}

char *ts_exercise_answer_text(const uint8_t *answer, size_t len)
{
    char *s = malloc(len + 1);
    if (s != NULL) {
        if (len > 0) {
            memcpy(s, answer, len);
        }
        s[len] = '\0';
    }
    return s;
}

void ts_exercise_answer_free(char *text, size_t len)
{
    if (text != NULL) {
        ts_secret_wipe(text, len);
        free(text);
    }
}

ts_err ts_exercise_answer_hex(const uint8_t *answer, size_t len, ts_buf *out)
{
    char *s = ts_exercise_answer_text(answer, len);
    TS_ENSURE(s != NULL, TS_ERR_NOMEM);
    char *start = s;
    while (isspace((unsigned char)*start)) {
        start++;
    }
    size_t n = strlen(start);
    while (n > 0 && isspace((unsigned char)start[n - 1])) {
        start[--n] = '\0';
    }
    ts_err err = n == 0 ? TS_ERR_HEX : ts_hex_decode(start, out, NULL);
    free(s);
    return err;
}

bool ts_exercise_answer_field(const char *text, const char *key, char *out, size_t cap)
{
    size_t klen = strlen(key);
    for (const char *line = text; line != NULL && *line != '\0';) {
        const char *end = strchr(line, '\n');
        size_t len = end != NULL ? (size_t)(end - line) : strlen(line);
        const char *p = line;
        while (p < line + len && isspace((unsigned char)*p)) {
            p++;
        }
        if ((size_t)(line + len - p) > klen && strncasecmp(p, key, klen) == 0 &&
            (p[klen] == ' ' || p[klen] == '=' || p[klen] == ':' || p[klen] == '\t')) {
            p += klen;
            while (p < line + len && (isspace((unsigned char)*p) || *p == '=' || *p == ':')) {
                p++;
            }
            size_t vlen = (size_t)(line + len - p);
            while (vlen > 0 && isspace((unsigned char)p[vlen - 1])) {
                vlen--;
            }
            if (vlen + 1 > cap) {
                return false;
            }
            memcpy(out, p, vlen);
            out[vlen] = '\0';
            return true;
        }
        line = end != NULL ? end + 1 : NULL;
    }
    return false;
}

/* Runs s when its set-up went well (err TS_OK) and hands it to *out; frees
 * it on any failure. */
static ts_err run_or_free(ts_session *s, ts_err err, ts_session **out)
{
    if (err == TS_OK) {
        err = ts_session_run(s);
    }
    if (err != TS_OK) {
        ts_session_free(s);
        return err;
    }
    *out = s;
    return TS_OK;
}

ts_err ts_exercise_run(const ts_session_config *cfg, const ts_action *acts, size_t n,
                       ts_session **out)
{
    ts_session *s = NULL;
    TS_GUARD(ts_session_new(cfg, &s));
    return run_or_free(s, ts_session_set_actions(s, acts, n), out);
}

ts_err ts_exercise_run_seed(const char *seed, const ts_action *acts, size_t n, ts_session **out)
{
    ts_session_config cfg = {.seed = seed};
    return ts_exercise_run(&cfg, acts, n, out);
}

ts_err ts_exercise_transcript(const ts_session *s, ts_buf *out)
{
    char *text = NULL;
    size_t len = 0;
    ts_err err = ts_transcript_text(s, &text, &len);
    if (err == TS_OK) {
        err = ts_buf_write_bytes(out, (const uint8_t *)text, len);
    }
    free(text);
    return err;
}

ts_err ts_exercise_add_transcript(ts_exercise_material *m, const char *name, const ts_session *s)
{
    ts_buf text;
    ts_buf_init(&text);
    ts_err err = ts_exercise_transcript(s, &text);
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, name, text.data, text.len);
    }
    ts_buf_free(&text);
    return err;
}

const char *ts_exercise_cert_check_name(ts_err err)
{
    switch (err) {
    case TS_ERR_CERT_SIGNATURE: return "signature";
    case TS_ERR_CERT_ISSUER: return "issuer";
    case TS_ERR_CERT_CA: return "ca";
    case TS_ERR_CERT_EXPIRED: return "validity";
    case TS_ERR_CERT_HOST: return "host";
    default: return "parse";
    }
}

bool ts_exercise_client_check(const ts_session *s, const char *name, ts_err *err)
{
    const ts_trace *t = ts_session_trace(s);
    const ts_step *st = t != NULL ? ts_trace_find(t, name, TS_SIDE_CLIENT) : NULL;
    if (st == NULL || st->ev.kind != TS_EV_CHECK) {
        return false;
    }
    if (err != NULL) {
        *err = st->ev.ok ? TS_OK : st->ev.err;
    }
    return true;
}

void ts_exercise_result_line(const ts_session *s, ts_lang lang, char *out, size_t cap)
{
    if (lang == TS_LANG_EN) {
        ts_transcript_result_line(s, out, cap);
        return;
    }
    const ts_result *r = ts_session_result(s);
    char reason[2 * sizeof(r->reason)];
    const char *why = ts_tr_text(lang, r->reason, reason, sizeof(reason));
    switch (r->kind) {
    case TS_RESULT_OK:
        snprintf(out, cap, "%s", ts_tr(lang, N_("ok")));
        break;
    case TS_RESULT_ALERT:
        snprintf(out, cap,
                 ts_tr(lang, r->alert_from == TS_SIDE_SERVER     ? N_("%s (sent by the server: %s)")
                             : r->alert_from == TS_SIDE_ATTACKER ? N_("%s (sent by the attacker: %s)")
                                                                 : N_("%s (sent by the client: %s)")),
                 r->alert_name, why);
        break;
    case TS_RESULT_STALLED:
        snprintf(out, cap, ts_tr(lang, N_("stalled (%s)")), why);
        break;
    default:
        snprintf(out, cap, ts_tr(lang, N_("wrong (%s)")), why);
        break;
    }
}

ts_err ts_exercise_certs(ts_rng *rng, const ts_rsa_key *ca_key, const ts_rsa_key *server_pub,
                         const char *host, ts_buf *ca_der, ts_buf *server_der)
{
    return ts_x509_make_certs(rng, ca_key, server_pub, host, TS_SESSION_DEFAULT_NOW, ca_der,
                              server_der);
}

ts_err ts_exercise_pki_make(const char *id, const char *seed, const char *host,
                            ts_exercise_keys_fn keys, ts_exercise_pki *p)
{
    p->ca_key = p->server_key = NULL;
    ts_buf_init(&p->ca_der);
    ts_buf_init(&p->server_der);
    ts_rng rng;
    TS_GUARD(ts_rng_init_for(&rng, id, seed, TS_ACTOR_KEYGEN));
    ts_err err = keys(&rng, &p->ca_key, &p->server_key);
    if (err == TS_OK) {
        err = ts_exercise_certs(&rng, p->ca_key, p->server_key, host, &p->ca_der, &p->server_der);
    }
    ts_rng_wipe(&rng);
    return err;
}

void ts_exercise_pki_free(ts_exercise_pki *p)
{
    ts_rsa_free(p->ca_key);
    ts_rsa_free(p->server_key);
    ts_buf_free(&p->ca_der);
    ts_buf_free(&p->server_der);
}

ts_err ts_exercise_impersonate(const ts_exercise_run_opts *o, const ts_rsa_key *server_key,
                               const ts_buf *server_der, const ts_buf *ca_der, ts_session **out)
{
    ts_session_config cfg = {
        .seed = o->seed, .host = o->host, .suite = o->suite, .lax_pkcs1 = o->lax_pkcs1,
        .no_verify = o->no_verify, .payload = o->payload, .payload_len = o->payload_len,
    };
    unsigned bits = ts_rsa_bits(server_key);
    cfg.bits = bits < TS_SESSION_MIN_BITS ? TS_SESSION_MIN_BITS
               : bits > TS_SESSION_MAX_BITS ? TS_SESSION_MAX_BITS : bits;
    ts_session *s = NULL;
    TS_GUARD(ts_session_new(&cfg, &s));
    return run_or_free(s,
                       ts_session_use_pki(s, server_key, server_der->data, server_der->len,
                                          ca_der->data, ca_der->len),
                       out);
}

ts_err ts_exercise_answer_key(const char *text, const ts_rsa_key *pub, ts_rsa_key **key,
                              const char **why)
{
    *key = NULL;
    if (strstr(text, "-----BEGIN") != NULL) {
        ts_rsa_key *k = NULL;
        if (ts_rsa_from_pem(text, &k) != TS_OK) {
            *why = N_("the PEM block is not an RSA key this tool reads");
            return TS_OK;
        }
        if (!ts_rsa_is_private(k)) {
            ts_rsa_free(k);
            *why = N_("the PEM block is a public key: the answer is the private key");
            return TS_OK;
        }
        *key = k;
        return TS_OK;
    }
    ts_buf p, n, e, q;
    ts_buf_init(&p);
    ts_buf_init(&n);
    ts_buf_init(&e);
    ts_buf_init(&q);
    ts_err err = TS_OK;
    if (ts_exercise_answer_hex((const uint8_t *)text, strlen(text), &p) != TS_OK) {
        *why = N_("the answer is neither a PEM private key nor a hex factor");
    } else {
        err = ts_rsa_get(pub, TS_RSA_N, &n);
        if (err == TS_OK) {
            err = ts_rsa_get(pub, TS_RSA_E, &e);
        }
        if (err == TS_OK && !ts_rsa_math_is_factor(p.data, p.len, n.data, n.len)) {
            *why = N_("that number does not divide the modulus");
        } else if (err == TS_OK) {
            err = ts_rsa_math_divexact(n.data, n.len, p.data, p.len, &q);
            unsigned long ev = 0;
            for (size_t i = 0; i < e.len && i < sizeof(ev); i++) {
                ev = (ev << 8) | e.data[i];
            }
            if (err == TS_OK && ts_rsa_from_factors(p.data, p.len, q.data, q.len, ev, key) != TS_OK) {
                *why = N_("the factors do not make a usable key");
            }
        }
    }
    ts_secret_free_buf(&p);
    ts_buf_free(&n);
    ts_buf_free(&e);
    ts_secret_free_buf(&q);
    return err;
}

ts_err ts_exercise_check_impostor(const char *seed, const char *host,
                                  const ts_rsa_key *key, const ts_rsa_key *real,
                                  const ts_buf *server_der, const ts_buf *ca_der,
                                  ts_exercise_verdict *v)
{
    if (!ts_rsa_same_public(key, real)) {
        return ts_exercise_verdict_set(v, false, N_("that key's modulus is not the server's (%s)"), host);
    }
    ts_exercise_run_opts o = {.seed = seed, .host = host};
    ts_session *s = NULL;
    TS_GUARD(ts_exercise_impersonate(&o, key, server_der, ca_der, &s));
    const ts_result *r = ts_session_result(s);
    char line[TS_EXERCISE_LINE];
    ts_exercise_result_line(s, v->lang, line, sizeof(line));
    if (r->kind == TS_RESULT_OK) {
        ts_exercise_verdict_set(v, true,
                                N_("impersonation works: the client checked the real certificate "
                                   "for %s, verified Finished from your server and got the file"),
                                host);
    } else {
        ts_exercise_verdict_set(v, false, N_("impersonation of %s failed: %s"), host, line);
    }
    ts_session_free(s);
    return TS_OK;
}

ts_err ts_exercise_add_cert(ts_exercise_material *m, const char *name, const ts_buf *der)
{
    ts_buf pem;
    ts_buf_init(&pem);
    ts_err err = ts_x509_to_pem(der->data, der->len, &pem);
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, name, pem.data, pem.len);
    }
    ts_buf_free(&pem);
    return err;
}

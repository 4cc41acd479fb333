/* ts_exercise_e3_forgery: the CA's key has e = 3 and the client's PKCS#1
 * v1.5 verifier parses the DigestInfo and ignores what follows it
 * (CVE-2006-4339). A cube root of 00 01 FF..FF 00 DigestInfo H || garbage
 * makes a signature it accepts without the CA's private key.
 * Answer: the forged certificate (PEM), optionally followed by the private
 * key (PEM) of the public key it holds. The checker runs two sessions in
 * which the server presents the forged certificate: one with the lax
 * client, one with a strict client. Solved when the lax client accepts it
 * and the strict one rejects its signature. */
#include "exercise/ts_exercise.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/attack/ts_weakkey.h"
#include "crypto/ts_x509.h"
#include "crypto/ts_x509_parse.h"

#define CA_BITS 2048
#define SERVER_BITS 1024
#define HOST "bank.example"

typedef ts_exercise_pki problem;

/* The CA's key has e = 3; the server's is ordinary. */
static ts_err make_keys(ts_rng *rng, ts_rsa_key **ca_key, ts_rsa_key **server_key)
{
    TS_GUARD(ts_weakkey_e3(rng, CA_BITS, ca_key));
    return ts_rsa_generate(rng, SERVER_BITS, 65537, server_key);
}

static ts_err problem_make(const char *seed, problem *p)
{
    return ts_exercise_pki_make("e3-forgery", seed, HOST, make_keys, p);
}

static ts_err material(const char *seed, ts_exercise_material *m)
{
    problem p;
    ts_err err = problem_make(seed, &p);
    if (err == TS_OK) {
        err = ts_exercise_add_cert(m, "ca.pem", &p.ca_der);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_cert(m, "server.pem", &p.server_der);
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m, N_("the CA: RSA %u bits, e = 3; the server: %s"), CA_BITS, HOST);
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m, N_("the client checks certificates with a lax PKCS#1 v1.5 verifier "
                                  "(00 01, at least 8 FF, 00, DigestInfo, then anything)"));
    }
    ts_exercise_pki_free(&p);
    return err;
}

/* Runs the forged certificate against a client; *accepted: its certificate
 * check passed; line: how the run ended, in lang. */
static ts_err try_client(const char *seed, bool lax, const ts_rsa_key *key, const ts_buf *der,
                         const ts_buf *ca_der, ts_lang lang, bool *accepted, ts_result_kind *kind,
                         char *line, size_t cap)
{
    ts_exercise_run_opts o = {.seed = seed, .host = HOST, .lax_pkcs1 = lax};
    ts_session *s = NULL;
    TS_GUARD(ts_exercise_impersonate(&o, key, der, ca_der, &s));
    ts_err check = TS_ERR_CERT_SIGNATURE;
    *accepted = ts_exercise_client_check(s, "certificate_chain", &check) && check == TS_OK;
    *kind = ts_session_result(s)->kind;
    ts_exercise_result_line(s, lang, line, cap);
    ts_session_free(s);
    return TS_OK;
}

static ts_err decide(const char *seed, const problem *p, const ts_buf *der, const ts_rsa_key *key,
                     ts_exercise_verdict *v)
{
    ts_cert cert;
    if (ts_x509_parse(der->data, der->len, &cert) != TS_OK) {
        return ts_exercise_verdict_set(v, false, N_("the certificate is not DER X.509 this client reads"));
    }
    ts_x509_free(&cert);
    bool lax_ok = false, strict_ok = false;
    ts_result_kind lax_kind, strict_kind;
    char lax_line[TS_EXERCISE_LINE], strict_line[TS_EXERCISE_LINE];
    TS_GUARD(try_client(seed, true, key, der, &p->ca_der, v->lang, &lax_ok, &lax_kind, lax_line,
                        sizeof(lax_line)));
    TS_GUARD(try_client(seed, false, key, der, &p->ca_der, v->lang, &strict_ok, &strict_kind, strict_line,
                        sizeof(strict_line)));
    if (!lax_ok) {
        return ts_exercise_verdict_set(v, false, N_("the lax client rejected it: %s"), lax_line);
    }
    if (strict_ok) {
        return ts_exercise_verdict_set(v, false,
                                       N_("a strict client accepts it too: the CA really signed "
                                       "this certificate, nothing was forged"));
    }
    if (lax_kind == TS_RESULT_OK) {
        return ts_exercise_verdict_set(v, true,
                                       N_("the lax client accepted a certificate the CA never signed "
                                       "and completed the handshake with your server (Finished "
                                       "verified); a strict client says: %s"),
                                       strict_line);
    }
    return ts_exercise_verdict_set(v, true,
                                   N_("the lax client accepted a certificate the CA never signed "
                                   "(its run then ended: %s; add your private key to finish "
                                   "the impersonation); a strict client says: %s"),
                                   lax_line, strict_line);
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    char *text = ts_exercise_answer_text(answer, len);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    ts_buf der;
    ts_buf_init(&der);
    problem p;
    ts_rsa_key *key = NULL;
    ts_err err = problem_make(seed, &p);
    if (err == TS_OK && ts_x509_from_pem(text, len, &der) != TS_OK) {
        ts_exercise_verdict_set(v, false, N_("the answer holds no PEM CERTIFICATE block"));
    } else if (err == TS_OK) {
        if (strstr(text, "PRIVATE KEY-----") != NULL &&
            (ts_rsa_from_pem(text, &key) != TS_OK || !ts_rsa_is_private(key))) {
            ts_exercise_verdict_set(v, false, N_("the private key block could not be read"));
        } else {
            err = decide(seed, &p, &der, key != NULL ? key : p.server_key, v);
        }
    }
    ts_rsa_free(key);
    ts_exercise_pki_free(&p);
    ts_buf_free(&der);
    ts_exercise_answer_free(text, len);
    return err;
}

const ts_exercise ts_exercise_e3_forgery = {
    .id = "e3-forgery",
    .title = N_("Forge a certificate for a lax PKCS#1 verifier and a CA key with e = 3"),
    /* The lesson's exercise.incident, word for word: ts_tr finds either. */
    .incident = N_("Bleichenbacher, CRYPTO 2006 rump session; OpenSSL CVE-2006-4339; NSS "
                   "BERserk CVE-2014-1568"),
    .answer = N_("the forged certificate (PEM), optionally followed by the private key (PEM) of the "
              "key it holds"),
    .material = material,
    .check = check,
};

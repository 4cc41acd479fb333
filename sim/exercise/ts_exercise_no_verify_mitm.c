/* ts_exercise_no_verify_mitm: a client that never checks the server's
 * certificate. The student, on the channel, answers the client with a
 * certificate and key of their own while talking to the real server
 * themselves.
 * Answer: the attacker's certificate (PEM, self-signed is enough) and its
 * private key (PEM), in one file. The checker runs the man in the middle
 * (ts_attacker) against the flawed client, then the same certificate
 * against a client that checks: solved when the flawed client completes
 * the handshake with the attacker, Finished verified on both legs, the
 * attacker reads the file in the clear, and the checking client refuses
 * the certificate. */
#include "exercise/ts_exercise.h"

#include "base/ts_i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ts_x509.h"
#include "crypto/ts_x509_parse.h"
#include "simulation/ts_attacker.h"

static ts_err material(const char *seed, ts_exercise_material *m)
{
    ts_session *s = NULL;
    TS_GUARD(ts_exercise_run_seed(seed, NULL, 0, &s));
    ts_err err = ts_exercise_add_cert(m, "server.pem", ts_session_server_der(s));
    if (err == TS_OK) {
        err = ts_exercise_add_cert(m, "ca.pem", ts_session_ca_der(s));
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m, N_("the client connects to localhost and skips certificate "
                                  "verification (--no-verify); you sit on the channel"));
    }
    ts_session_free(s);
    return err;
}

/* Runs the attack with flaw on or off; fills *r (the caller frees it). */
static ts_err attack(const char *seed, bool no_verify, const ts_rsa_key *key, const ts_buf *der,
                     ts_attacker_run *r)
{
    ts_attacker_cfg cfg = {
        .seed = seed, .no_verify = no_verify, .key = key, .cert = der->data, .cert_len = der->len,
    };
    return ts_attacker_mitm(&cfg, r);
}

static ts_err decide(const char *seed, const ts_rsa_key *key, const ts_buf *der,
                     ts_exercise_verdict *v)
{
    ts_attacker_run flawed, checking;
    TS_GUARD(attack(seed, true, key, der, &flawed));
    ts_err err = attack(seed, false, key, der, &checking);
    if (err != TS_OK) {
        ts_attacker_run_free(&flawed);
        return err;
    }
    const ts_result *up = ts_session_result(flawed.upstream);
    const ts_result *vic = ts_session_result(flawed.victim);
    const ts_result *chk = ts_session_result(checking.victim);
    char line[TS_EXERCISE_LINE];
    if (vic->kind != TS_RESULT_OK) {
        ts_exercise_result_line(flawed.victim, v->lang, line, sizeof(line));
        ts_exercise_verdict_set(v, false, N_("the flawed client did not complete the handshake with "
                                          "you: %s"), line);
    } else if (chk->kind == TS_RESULT_OK) {
        ts_exercise_verdict_set(v, false, N_("a client that checks certificates accepts this one "
                                          "too: that is no attack"));
    } else {
        ts_exercise_result_line(checking.victim, v->lang, line, sizeof(line));
        ts_exercise_verdict_set(v, true,
                                N_("Finished verified, attacker reads application data: the flawed "
                                "client and the real server (%s) each completed a handshake with "
                                "you, and you read the %zu bytes it served in the clear; a "
                                "checking client says: %s"),
                                ts_tr(v->lang, up->kind == TS_RESULT_OK ? N_("run ok") : N_("run failed")),
                                flawed.relayed.len, line);
    }
    ts_attacker_run_free(&flawed);
    ts_attacker_run_free(&checking);
    return TS_OK;
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    char *text = ts_exercise_answer_text(answer, len);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    ts_buf der;
    ts_buf_init(&der);
    ts_rsa_key *key = NULL;
    ts_cert cert;
    memset(&cert, 0, sizeof(cert));
    ts_err err = TS_OK;
    if (ts_x509_from_pem(text, len, &der) != TS_OK || ts_x509_parse(der.data, der.len, &cert) != TS_OK) {
        ts_exercise_verdict_set(v, false, N_("the answer needs a certificate (PEM) this client reads"));
    } else if (ts_rsa_from_pem(text, &key) != TS_OK || !ts_rsa_is_private(key)) {
        ts_exercise_verdict_set(v, false, N_("the answer needs the certificate's private key (PEM)"));
    } else if (!ts_rsa_same_public(key, cert.pub)) {
        ts_exercise_verdict_set(v, false, N_("the private key does not match the certificate"));
    } else {
        err = decide(seed, key, &der, v);
    }
    ts_x509_free(&cert);
    ts_rsa_free(key);
    ts_buf_free(&der);
    ts_exercise_answer_free(text, len);
    return err;
}

const ts_exercise ts_exercise_no_verify_mitm = {
    .id = "no-verify-mitm",
    .title = N_("A client that skips certificate verification meets a man in the middle"),
    .incident = N_("Georgiev et al., \"The Most Dangerous Code in the World: Validating SSL "
                "Certificates in Non-Browser Software\", ACM CCS 2012"),
    .answer = N_("your certificate (PEM, self-signed is enough) and its private key (PEM), in one file"),
    .material = material,
    .check = check,
};

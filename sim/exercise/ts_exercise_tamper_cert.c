/* ts_exercise_tamper_cert: change one byte of the certificate in flight;
 * the client rejects it; name the check that failed.
 * Answer: "N,OFFSET,XOR CHECK" (the --tamper syntax of `tlsstep run`, then
 * one of signature, issuer, ca, validity, host, parse). The checker runs
 * the seed's session with that tamper and reads the client's certificate
 * check from the trace. */
#include "exercise/ts_exercise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/ts_x509.h"
#include "base/ts_i18n.h"
#include "simulation/ts_action_parse.h"

/* Where the server certificate starts in the Certificate record: record
 * header (5), handshake header (4), certificate_list length (3), the
 * certificate's length (3). */
#define CERT_AT 15

static ts_err material(const char *seed, ts_exercise_material *m)
{
    ts_session *s = NULL;
    TS_GUARD(ts_exercise_run_seed(seed, NULL, 0, &s));
    ts_buf text;
    ts_buf_init(&text);
    ts_err err = ts_exercise_transcript(s, &text);
    if (err == TS_OK) {
        err = ts_exercise_add_file(m, "transcript.txt", text.data, text.len);
    }
    const ts_buf *ders[] = {ts_session_server_der(s), ts_session_ca_der(s)};
    const char *names[] = {"server.pem", "ca.pem"};
    for (size_t i = 0; i < 2 && err == TS_OK; i++) {
        ts_buf_reset(&text);
        err = ts_x509_to_pem(ders[i]->data, ders[i]->len, &text);
        if (err == TS_OK) {
            err = ts_exercise_add_file(m, names[i], text.data, text.len);
        }
    }
    const ts_chan *ch = ts_session_chan(s);
    for (size_t n = 1; err == TS_OK && n <= ts_chan_count(ch); n++) {
        const ts_chan_record *r = ts_chan_get(ch, n);
        if (strcmp(r->type_name, "Certificate") == 0) {
            err = ts_exercise_fact(m,
                                   N_("record #%zu is the Certificate: the server certificate is "
                                   "bytes %d..%zu of it (%zu bytes)"),
                                   n, CERT_AT, CERT_AT + ts_session_server_der(s)->len - 1,
                                   ts_session_server_der(s)->len);
        }
    }
    ts_buf_free(&text);
    ts_session_free(s);
    return err;
}

static ts_err verdict(const ts_session *s, size_t cert_len, const ts_action *act,
                      const char *claimed, ts_exercise_verdict *v)
{
    const ts_chan_record *r = ts_chan_get(ts_session_chan(s), act->record);
    if (r == NULL || strcmp(r->type_name, "Certificate") != 0) {
        return ts_exercise_verdict_set(v, false, N_("record #%zu is not the Certificate record"),
                                       act->record);
    }
    if (act->offset < CERT_AT || act->offset >= CERT_AT + cert_len) {
        return ts_exercise_verdict_set(v, false,
                                       N_("offset %zu is outside the certificate (bytes %d..%zu of "
                                       "record #%zu): change a byte of the certificate itself"),
                                       act->offset, CERT_AT, CERT_AT + cert_len - 1, act->record);
    }
    ts_err err = TS_OK;
    if (!ts_exercise_client_check(s, "certificate_chain", &err)) {
        char line[TS_EXERCISE_LINE];
        ts_exercise_result_line(s, v->lang, line, sizeof(line));
        return ts_exercise_verdict_set(v, false, N_("the client never checked the certificate: %s"),
                                       line);
    }
    if (err == TS_OK) {
        return ts_exercise_verdict_set(v, false, N_("the client accepted the changed certificate"));
    }
    const ts_result *res = ts_session_result(s);
    const char *failed = ts_exercise_cert_check_name(err);
    if (strcmp(failed, claimed) != 0) {
        return ts_exercise_verdict_set(v, false,
                                       N_("the client rejected it, but the check that failed is "
                                       "'%s', not '%s'"),
                                       failed, claimed);
    }
    return ts_exercise_verdict_set(v, true,
                                   N_("the client rejected the certificate with %s (%d): the '%s' "
                                   "check failed (%s)"),
                                   res->alert_name, res->alert, failed, ts_err_str(err, v->lang));
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    char *text = ts_exercise_answer_text(answer, len);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    char spec[128] = "", claimed[32] = "";
    ts_action act;
    int fields = sscanf(text, " %127s %31s", spec, claimed);
    free(text);
    if (fields != 2) {
        return ts_exercise_verdict_set(v, false,
                                       N_("answer must be 'N,OFFSET,XOR CHECK' (CHECK: signature, "
                                       "issuer, ca, validity, host or parse)"));
    }
    char why[TS_ACTION_WHY_CAP];
    if (ts_action_parse(TS_ACT_TAMPER, spec, &act, why, sizeof(why)) != TS_OK) {
        return ts_exercise_verdict_bad_spec(v, spec, why);
    }
    for (char *p = claimed; *p != '\0'; p++) {
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    }
    ts_session *s = NULL;
    TS_GUARD(ts_exercise_run_seed(seed, &act, 1, &s));
    ts_err err = verdict(s, ts_session_server_der(s)->len, &act, claimed, v);
    ts_session_free(s);
    return err;
}

const ts_exercise ts_exercise_tamper_cert = {
    .id = "tamper-cert",
    .title = N_("Change one byte of the certificate in flight"),
    /* The lesson's exercise.incident, word for word: ts_tr finds either. */
    .incident = N_("None: the check every TLS client makes (RFC 5280 path validation)"),
    .answer = N_("N,OFFSET,XOR CHECK  e.g. '3,200,01 signature' (CHECK: signature, issuer, ca, "
              "validity, host, parse)"),
    .material = material,
    .check = check,
};

/* ts_exercise_tls13_tamper: change one byte of the encrypted Certificate of
 * a TLS 1.3 run. The record's AEAD tag fails when the client decrypts it:
 * bad_record_mac, before the certificate is even parsed. In TLS 1.2 the
 * Certificate travels in the clear, so the same byte of the certificate
 * reaches the client's certificate check (the tamper-cert exercise).
 * Answer, three lines: "tamper N,OFFSET,XOR" (a byte of the certificate
 * inside the encrypted record), "tls13 ALERT CHECK" and "tls12 ALERT
 * CHECK": the alert and the check that failed in the TLS 1.3 run, and in
 * the TLS 1.2 run of the same seed with the same byte of the certificate
 * changed. CHECK: aead (the record's tag, at decryption), or a certificate
 * check (signature, issuer, ca, validity, host, parse). The checker runs
 * both sessions and reads their traces. */
#include "exercise/ts_exercise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/ts_i18n.h"
#include "simulation/ts_action_parse.h"
#include "tls/msg/ts_msg_alert.h"

/* Where the certificate starts: in the TLS 1.3 record, the header (5), the
 * handshake header (4), the empty request context (1), the list length
 * (3) and the entry's length (3), all encrypted but the header; in the
 * TLS 1.2 Certificate record, the same without the context. */
#define CERT13_AT 16
#define CERT12_AT 15

static ts_err run13(const char *seed, const ts_action *acts, size_t n, ts_session **out)
{
    ts_session_config cfg = {.seed = seed, .suite = ts_suite_get(TS_SUITE_TLS13_AES)};
    return ts_exercise_run(&cfg, acts, n, out);
}

/* The number of the record that carries the Certificate in s's run (for
 * TLS 1.3 the protected one, inner type handshake), 0 when none. */
static size_t cert_record(const ts_session *s)
{
    const ts_chan *ch = ts_session_chan(s);
    for (size_t n = 1; n <= ts_chan_count(ch); n++) {
        const ts_chan_record *r = ts_chan_get(ch, n);
        if (strcmp(r->type_name, "Certificate") == 0 && r->dir == TS_DIR_S2C) {
            return n;
        }
    }
    return 0;
}

static ts_err material(const char *seed, ts_exercise_material *m)
{
    ts_session *s13 = NULL, *s12 = NULL;
    TS_GUARD(run13(seed, NULL, 0, &s13));
    ts_err err = ts_exercise_run_seed(seed, NULL, 0, &s12);
    if (err == TS_OK) {
        err = ts_exercise_add_transcript(m, "transcript13.txt", s13);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_transcript(m, "transcript12.txt", s12);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_cert(m, "server.pem", ts_session_server_der(s13));
    }
    size_t len = err == TS_OK ? ts_session_server_der(s13)->len : 0;
    if (err == TS_OK) {
        err = ts_exercise_fact(m,
                               N_("transcript13.txt: record #%zu carries the Certificate, "
                                  "encrypted; the server certificate is bytes %d..%zu of it (%zu "
                                  "bytes)"),
                               cert_record(s13), CERT13_AT, CERT13_AT + len - 1, len);
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m,
                               N_("transcript12.txt: the TLS 1.2 run of the same seed; record #%zu "
                                  "is the Certificate, in the clear: the same certificate is "
                                  "bytes %d..%zu of it"),
                               cert_record(s12), CERT12_AT, CERT12_AT + len - 1);
    }
    ts_session_free(s12);
    ts_session_free(s13);
    return err;
}

/* What failed in s's run: the alert the client sent, and where: "aead"
 * when a record failed its tag (no certificate check ran), else the
 * certificate check that failed; false when the run did not end on the
 * client's alert. */
static bool failure_of(const ts_session *s, const char **alert, int *code, const char **where)
{
    const ts_result *r = ts_session_result(s);
    if (r->kind != TS_RESULT_ALERT || r->alert_from != TS_SIDE_CLIENT) {
        return false;
    }
    *alert = r->alert_name;
    *code = r->alert;
    ts_err err = TS_OK;
    if (ts_exercise_client_check(s, "certificate_chain", &err)) {
        *where = err != TS_OK ? ts_exercise_cert_check_name(err) : "none";
    } else {
        *where = r->alert == TS_ALERT_BAD_RECORD_MAC ? "aead" : "none";
    }
    return true;
}

/* True when the answer's "ALERT CHECK" names alert (or its number) and where. */
static bool same_failure(const char *claimed_alert, const char *claimed_check, const char *alert,
                         int code, const char *where)
{
    char number[8];
    snprintf(number, sizeof(number), "%d", code);
    return (strcasecmp(claimed_alert, alert) == 0 || strcmp(claimed_alert, number) == 0) &&
           strcasecmp(claimed_check, where) == 0;
}

typedef struct {
    ts_action act;
    char alert13[64], check13[64], alert12[64], check12[64];
} answer_t;

/* The TLS 1.2 side: the same certificate byte in the clear. */
static ts_err verdict12(const char *seed, const answer_t *a, const ts_result *r13,
                        const char *where13, ts_exercise_verdict *v)
{
    ts_session *clean = NULL;
    TS_GUARD(ts_exercise_run_seed(seed, NULL, 0, &clean));
    ts_action act = a->act;
    act.record = cert_record(clean);
    act.offset = a->act.offset - CERT13_AT + CERT12_AT;
    ts_session_free(clean);
    ts_session *s = NULL;
    TS_GUARD(ts_exercise_run_seed(seed, &act, 1, &s));
    const char *alert = "", *where = "none";
    int code = -1;
    bool failed = failure_of(s, &alert, &code, &where);
    char line[TS_EXERCISE_LINE];
    ts_exercise_result_line(s, v->lang, line, sizeof(line));
    ts_err err = TS_OK;
    if (!failed || strcmp(where, "aead") == 0 || strcmp(where, "none") == 0) {
        err = ts_exercise_verdict_set(v, false,
                                      N_("in TLS 1.2 the same byte (record #%zu, byte %zu) did not "
                                         "end on a certificate check (%s): change a byte the "
                                         "certificate check reads"),
                                      act.record, act.offset, line);
    } else if (!same_failure(a->alert12, a->check12, alert, code, where)) {
        err = ts_exercise_verdict_set(v, false,
                                      N_("in TLS 1.2 the same byte of the certificate (record "
                                         "#%zu, byte %zu, in the clear) reaches the certificate "
                                         "check: it fails '%s' with %s (%d), not '%s %s'"),
                                      act.record, act.offset, where, alert, code, a->alert12,
                                      a->check12);
    } else {
        err = ts_exercise_verdict_set(v, true,
                                      N_("TLS 1.3: record #%zu failed its AEAD tag when the client "
                                         "decrypted it, %s (%d), before the Certificate was read "
                                         "('%s'); TLS 1.2: the same byte, in the clear, reached "
                                         "the certificate check, which failed '%s' with %s (%d)"),
                                      a->act.record, r13->alert_name, r13->alert, where13, where,
                                      alert, code);
    }
    ts_session_free(s);
    return err;
}

static ts_err verdict(const char *seed, const ts_session *s, size_t cert_len, const answer_t *a,
                      ts_exercise_verdict *v)
{
    const ts_chan_record *r = ts_chan_get(ts_session_chan(s), a->act.record);
    if (r == NULL || strcmp(r->type_name, "Certificate") != 0 || !r->protected_record) {
        return ts_exercise_verdict_set(v, false,
                                       N_("record #%zu is not the record carrying the encrypted "
                                          "Certificate"),
                                       a->act.record);
    }
    if (a->act.offset < CERT13_AT || a->act.offset >= CERT13_AT + cert_len) {
        return ts_exercise_verdict_set(v, false,
                                       N_("offset %zu is outside the encrypted certificate (bytes "
                                          "%d..%zu of record #%zu): change a byte of the "
                                          "certificate itself"),
                                       a->act.offset, CERT13_AT, CERT13_AT + cert_len - 1,
                                       a->act.record);
    }
    const char *alert = "", *where = "none";
    int code = -1;
    if (!failure_of(s, &alert, &code, &where) || strcmp(where, "aead") != 0) {
        char line[TS_EXERCISE_LINE];
        ts_exercise_result_line(s, v->lang, line, sizeof(line));
        return ts_exercise_verdict_set(v, false, N_("the TLS 1.3 run did not fail its record "
                                                    "check: %s"),
                                       line);
    }
    if (strcasecmp(a->check13, where) != 0) {
        return ts_exercise_verdict_set(v, false,
                                       N_("in TLS 1.3 the client never reached the certificate "
                                          "check: record #%zu failed its AEAD tag when it was "
                                          "decrypted (check 'aead'), not '%s'"),
                                       a->act.record, a->check13);
    }
    if (!same_failure(a->alert13, a->check13, alert, code, where)) {
        return ts_exercise_verdict_set(v, false,
                                       N_("record #%zu failed its AEAD tag and the client sent %s "
                                          "(%d), not '%s'"),
                                       a->act.record, alert, code, a->alert13);
    }
    return verdict12(seed, a, ts_session_result(s), where, v);
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    char *text = ts_exercise_answer_text(answer, len);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    answer_t a;
    memset(&a, 0, sizeof(a));
    char spec[128] = "", l13[160] = "", l12[160] = "", why[TS_ACTION_WHY_CAP] = "";
    bool have = ts_exercise_answer_field(text, "tamper", spec, sizeof(spec)) &&
                ts_exercise_answer_field(text, "tls13", l13, sizeof(l13)) &&
                ts_exercise_answer_field(text, "tls12", l12, sizeof(l12));
    free(text);
    char extra[2];
    if (!have || sscanf(l13, "%63s %63s %1s", a.alert13, a.check13, extra) != 2 ||
        sscanf(l12, "%63s %63s %1s", a.alert12, a.check12, extra) != 2) {
        return ts_exercise_verdict_set(v, false,
                                       N_("answer must be three lines: 'tamper N,OFFSET,XOR', "
                                          "'tls13 ALERT CHECK' and 'tls12 ALERT CHECK' (CHECK: "
                                          "aead, signature, issuer, ca, validity, host or parse)"));
    }
    if (ts_action_parse(TS_ACT_TAMPER, spec, &a.act, why, sizeof(why)) != TS_OK) {
        return ts_exercise_verdict_bad_spec(v, spec, why);
    }
    ts_session *s = NULL;
    TS_GUARD(run13(seed, &a.act, 1, &s));
    ts_err err = verdict(seed, s, ts_session_server_der(s)->len, &a, v);
    ts_session_free(s);
    return err;
}

const ts_exercise ts_exercise_tls13_tamper = {
    .id = "tls13-tamper",
    .title = N_("Change one byte of the encrypted Certificate (TLS 1.3)"),
    /* The lesson's exercise.incident, word for word: ts_tr finds either. */
    .incident = N_("None: RFC 8446 2 and 5.2, the handshake after ServerHello is encrypted and "
                   "authenticated (AEAD), unlike TLS 1.2's"),
    .answer = N_("three lines: 'tamper N,OFFSET,XOR', 'tls13 ALERT CHECK' and 'tls12 ALERT "
                 "CHECK' (CHECK: aead, signature, issuer, ca, validity, host, parse)"),
    .material = material,
    .check = check,
};

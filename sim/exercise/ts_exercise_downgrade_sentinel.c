/* ts_exercise_downgrade_sentinel: strip TLS 1.3 from the ClientHello of a
 * TLS 1.3 run in flight; the server, which speaks 1.3, answers TLS 1.2 and
 * ends its random with DOWNGRD 01 (RFC 8446 §4.1.3), which the 1.3 client
 * refuses before any key is used. A client that speaks only TLS 1.2 sees
 * the same random and goes on: the material has its run against the same
 * server (client_max_version), and the checker runs it again.
 * Answer, four lines: "tamper N,OFFSET,XOR" (the --tamper syntax), "alert
 * NAME" (the alert the client sent, or its number), "check STEP" (the
 * client's check that failed, as the trace names it) and "tls12 RESULT"
 * (how the 1.2-only client's run ended: ok, or the alert that ended it).
 * The checker runs the seed's session with the tamper and reads the trace. */
#include "exercise/ts_exercise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/ts_i18n.h"
#include "simulation/ts_action_parse.h"
#include "tls/msg/ts_msg_alert.h"

/* The TLS 1.3 session of seed (tls12_only: its client speaks only 1.2). */
static ts_err run13(const char *seed, bool tls12_only, const ts_action *acts, size_t n,
                    ts_session **out)
{
    ts_session_config cfg = {.seed = seed, .suite = ts_suite_get(TS_SUITE_TLS13_AES)};
    cfg.client_max_version = tls12_only ? TS_VERSION_TLS12 : 0;
    return ts_exercise_run(&cfg, acts, n, out);
}

static ts_err material(const char *seed, ts_exercise_material *m)
{
    ts_session *s = NULL, *old = NULL;
    TS_GUARD(run13(seed, false, NULL, 0, &s));
    ts_err err = ts_exercise_add_transcript(m, "transcript.txt", s);
    if (err == TS_OK) {
        err = run13(seed, true, NULL, 0, &old);
    }
    if (err == TS_OK) {
        err = ts_exercise_add_transcript(m, "tls12-client.txt", old);
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m, N_("transcript.txt: a TLS 1.3 run (%s); record #1 is the "
                                     "ClientHello, whose supported_versions offers TLS 1.3 and 1.2"),
                               ts_session_config_of(s)->suite->iana_name);
    }
    if (err == TS_OK) {
        err = ts_exercise_fact(m, N_("tls12-client.txt: the same server, and a client that speaks "
                                     "only TLS 1.2"));
    }
    ts_session_free(old);
    ts_session_free(s);
    return err;
}

/* The alert as the answer gives it: a name or a number; -1 when neither. */
static int alert_of(const char *word)
{
    char *end = NULL;
    long n = strtol(word, &end, 10);
    if (end != word && *end == '\0') {
        return n >= 0 && n <= 255 ? (int)n : -1;
    }
    for (int d = 0; d <= 255; d++) {
        const char *name = ts_alert_name((uint8_t)d);
        if (name != NULL && strcasecmp(name, word) == 0) {
            return d;
        }
    }
    return -1;
}

/* How s ended, as the tls12 line names it: "ok" or the alert's name. */
static const char *ending_word(const ts_session *s)
{
    const ts_result *r = ts_session_result(s);
    return r->kind == TS_RESULT_ALERT ? r->alert_name : ts_result_kind_name(r->kind);
}

typedef struct {
    ts_action act;
    char alert[64], check[64], tls12[64];
} answer_t;

static ts_err verdict(const char *seed, const ts_session *s, const answer_t *a,
                      ts_exercise_verdict *v)
{
    const ts_trace *t = ts_session_trace(s);
    const ts_step *sentinel = ts_trace_find(t, "downgrade_sentinel", TS_SIDE_CLIENT);
    const ts_result *r = ts_session_result(s);
    char line[TS_EXERCISE_LINE];
    ts_exercise_result_line(s, v->lang, line, sizeof(line));
    if (sentinel == NULL || sentinel->ev.ok || r->kind != TS_RESULT_ALERT) {
        return ts_exercise_verdict_set(v, false,
                                       N_("the server did not fall back to TLS 1.2 with its "
                                          "sentinel (the run: %s): change supported_versions so "
                                          "the server no longer sees TLS 1.3 offered"),
                                       line);
    }
    int claimed = alert_of(a->alert);
    if (claimed != r->alert) {
        return ts_exercise_verdict_set(v, false,
                                       N_("the downgrade was caught, but the client sent %s (%d), "
                                          "not '%s'"),
                                       r->alert_name, r->alert, a->alert);
    }
    if (strcasecmp(a->check, sentinel->ev.name) != 0) {
        return ts_exercise_verdict_set(v, false,
                                       N_("the client's check that failed is '%s' (the trace's "
                                          "step name), not '%s'"),
                                       sentinel->ev.name, a->check);
    }
    ts_session *old = NULL;
    TS_GUARD(run13(seed, true, NULL, 0, &old));
    char old_word[64];
    snprintf(old_word, sizeof(old_word), "%s", ending_word(old));
    ts_session_free(old);
    if (strcasecmp(a->tls12, old_word) != 0) {
        return ts_exercise_verdict_set(v, false,
                                       N_("a client that speaks only TLS 1.2 got the same DOWNGRD "
                                          "01 random, and its run ended '%s' (tls12-client.txt), "
                                          "not '%s'"),
                                       old_word, a->tls12);
    }
    bool keys = ts_trace_find(t, "master_secret", TS_SIDE_CLIENT) != NULL ||
                ts_trace_find(t, "client_handshake_traffic_secret", TS_SIDE_CLIENT) != NULL;
    return ts_exercise_verdict_set(v, true,
                                   keys ? N_("the server answered TLS 1.2 with DOWNGRD 01 in its "
                                             "random; the client's '%s' check failed: %s (%d); a "
                                             "client that speaks only TLS 1.2 took the same "
                                             "random and ended '%s'")
                                        : N_("the server answered TLS 1.2 with DOWNGRD 01 in its "
                                             "random; the client's '%s' check failed: %s (%d), "
                                             "before any key existed; a client that speaks only "
                                             "TLS 1.2 took the same random and ended '%s'"),
                                   sentinel->ev.name, r->alert_name, r->alert, old_word);
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    char *text = ts_exercise_answer_text(answer, len);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    answer_t a;
    memset(&a, 0, sizeof(a));
    char spec[128] = "", why[TS_ACTION_WHY_CAP] = "";
    bool have = ts_exercise_answer_field(text, "tamper", spec, sizeof(spec)) &&
                ts_exercise_answer_field(text, "alert", a.alert, sizeof(a.alert)) &&
                ts_exercise_answer_field(text, "check", a.check, sizeof(a.check)) &&
                ts_exercise_answer_field(text, "tls12", a.tls12, sizeof(a.tls12));
    free(text);
    if (!have) {
        return ts_exercise_verdict_set(v, false,
                                       N_("answer must be four lines: 'tamper N,OFFSET,XOR', "
                                          "'alert NAME', 'check STEP' and 'tls12 RESULT'"));
    }
    if (ts_action_parse(TS_ACT_TAMPER, spec, &a.act, why, sizeof(why)) != TS_OK) {
        return ts_exercise_verdict_bad_spec(v, spec, why);
    }
    if (a.act.record != 1) {
        return ts_exercise_verdict_set(v, false,
                                       N_("record #%zu is not the ClientHello: supported_versions "
                                          "is in record #1"),
                                       a.act.record);
    }
    ts_session *s = NULL;
    TS_GUARD(run13(seed, false, &a.act, 1, &s));
    ts_err err = verdict(seed, s, &a, v);
    ts_session_free(s);
    return err;
}

const ts_exercise ts_exercise_downgrade_sentinel = {
    .id = "downgrade-sentinel",
    .title = N_("Strip TLS 1.3 from the ClientHello; the downgrade sentinel catches it"),
    /* The lesson's exercise.incident, word for word: ts_tr finds either. */
    .incident = N_("POODLE (CVE-2014-3566, 2014): a forced fallback to SSL 3.0, then "
                   "TLS_FALLBACK_SCSV (RFC 7507); TLS 1.3's answer is the downgrade sentinel "
                   "(RFC 8446 4.1.3)"),
    .answer = N_("four lines: 'tamper N,OFFSET,XOR', 'alert NAME', 'check STEP' (the client's "
                 "failed check) and 'tls12 RESULT' (how a 1.2-only client's run ends)"),
    .material = material,
    .check = check,
};

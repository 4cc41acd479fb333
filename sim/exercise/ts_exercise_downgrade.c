/* ts_exercise_downgrade: tamper with the ClientHello's cipher list in
 * flight; the server goes on, and Finished catches it, because both sides
 * hash every handshake message they saw.
 * Answer: two lines, "N,OFFSET,XOR" (the --tamper syntax) and
 * "differs K": the offset, in the handshake messages the client and the
 * server hash, of the first byte where the two hash inputs differ. The
 * checker runs the seed's session with the tamper and reads the trace. */
#include "exercise/ts_exercise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_i18n.h"
#include "simulation/ts_action_parse.h"

#define HEADER 5        /* record header */
#define SID_LEN_AT 43   /* 5 + 4 (handshake header) + 2 (version) + 32 (random) */

static ts_err material(const char *seed, ts_exercise_material *m)
{
    ts_session *s = NULL;
    TS_GUARD(ts_exercise_run_seed(seed, NULL, 0, &s));
    ts_err err = ts_exercise_add_transcript(m, "transcript.txt", s);
    if (err == TS_OK) {
        err = ts_exercise_fact(m, N_("record #1 is the ClientHello; the client offers every suite it "
                                  "knows, the server picks %s"),
                               ts_session_config_of(s)->suite->iana_name);
    }
    ts_session_free(s);
    return err;
}

/* The bytes [*from, *to) of the cipher suites in ClientHello record rec. */
static bool suites_span(const ts_buf *rec, size_t *from, size_t *to)
{
    if (rec->len < SID_LEN_AT + 3) {
        return false;
    }
    size_t sid = rec->data[SID_LEN_AT];
    size_t at = SID_LEN_AT + 1 + sid;
    if (rec->len < at + 2) {
        return false;
    }
    size_t n = ((size_t)rec->data[at] << 8) | rec->data[at + 1];
    *from = at + 2;
    *to = at + 2 + n;
    return *to <= rec->len;
}

static ts_err verdict(const ts_session *s, const ts_action *act, long differs,
                      ts_exercise_verdict *v)
{
    const ts_chan_record *r = ts_chan_get(ts_session_chan(s), act->record);
    size_t from = 0, to = 0;
    if (r == NULL || strcmp(r->type_name, "ClientHello") != 0 || !suites_span(&r->sent, &from, &to)) {
        return ts_exercise_verdict_set(v, false, N_("record #%zu is not the ClientHello"), act->record);
    }
    if (act->offset < from || act->offset >= to) {
        return ts_exercise_verdict_set(v, false,
                                       N_("offset %zu is not in the cipher suite list (bytes %zu..%zu "
                                       "of record #1)"),
                                       act->offset, from, to - 1);
    }
    const ts_trace *t = ts_session_trace(s);
    const ts_step *fin = ts_trace_find(t, "check_client_finished", TS_SIDE_SERVER);
    const ts_result *res = ts_session_result(s);
    if (ts_trace_find(t, "server_hello", TS_SIDE_SERVER) == NULL) {
        char line[TS_EXERCISE_LINE];
        ts_exercise_result_line(s, v->lang, line, sizeof(line));
        return ts_exercise_verdict_set(v, false,
                                       N_("the server refused the changed ClientHello (%s): keep a "
                                       "suite it accepts in the list"),
                                       line);
    }
    if (fin == NULL || fin->ev.ok || res->alert != 51) {
        char line[TS_EXERCISE_LINE];
        ts_exercise_result_line(s, v->lang, line, sizeof(line));
        return ts_exercise_verdict_set(v, false, N_("the run did not end on a Finished check: %s"),
                                       line);
    }
    long want = (long)act->offset - HEADER;
    if (differs != want) {
        return ts_exercise_verdict_set(v, false,
                                       N_("Finished caught it (decrypt_error, 51), but the hash inputs "
                                       "first differ at byte %ld of the handshake messages, not %ld"),
                                       want, differs);
    }
    return ts_exercise_verdict_set(v, true,
                                   N_("the server accepted the changed list, then its Finished check "
                                   "failed: decrypt_error (51); the hashed ClientHello differs at "
                                   "byte %ld"),
                                   want);
}

static ts_err check(const char *seed, const uint8_t *answer, size_t len, ts_exercise_verdict *v)
{
    char *text = ts_exercise_answer_text(answer, len);
    TS_ENSURE(text != NULL, TS_ERR_NOMEM);
    char spec[128] = "", diff[64] = "", why[TS_ACTION_WHY_CAP] = "";
    ts_action act;
    bool have_spec = sscanf(text, " %127s", spec) == 1;
    bool spec_ok = have_spec && ts_action_parse(TS_ACT_TAMPER, spec, &act, why, sizeof(why)) ==
                                    TS_OK;
    bool ok = spec_ok && ts_exercise_answer_field(text, "differs", diff, sizeof(diff));
    free(text);
    if (have_spec && !spec_ok) {
        return ts_exercise_verdict_bad_spec(v, spec, why);
    }
    char *end = NULL;
    long differs = ok ? strtol(diff, &end, 10) : -1;
    if (!ok || end == diff || *end != '\0') {
        return ts_exercise_verdict_set(v, false,
                                       N_("answer must be two lines: 'N,OFFSET,XOR' and 'differs K'"));
    }
    ts_session *s = NULL;
    TS_GUARD(ts_exercise_run_seed(seed, &act, 1, &s));
    ts_err err = verdict(s, &act, differs, v);
    ts_session_free(s);
    return err;
}

const ts_exercise ts_exercise_downgrade = {
    .id = "downgrade",
    .title = N_("Tamper with the ClientHello's cipher list; Finished detects it"),
    /* The lesson's exercise.incident, word for word: ts_tr finds either. */
    .incident = N_("FREAK (CVE-2015-0204) and Logjam (CVE-2015-4000): downgrades of the cipher "
                   "suite in flight"),
    .answer = N_("two lines: 'N,OFFSET,XOR' (a byte of the cipher list) and 'differs K' (first "
              "differing byte of the hashed handshake messages)"),
    .material = material,
    .check = check,
};

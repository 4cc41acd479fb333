/* ts_lesson_suite: the lesson written for a suite, and the sentence shown
 * when a lesson's suite and a run's differ in key exchange. */
#include "lesson/ts_lesson_suite.h"

#include <stdio.h>
#include <string.h>

#include "base/ts_i18n.h"
#include "crypto/ts_suite.h"

/* The built-in lessons written for each key exchange of the suite table. */
const char *ts_lesson_for_suite(const char *suite)
{
    const ts_suite *s = suite != NULL ? ts_suite_by_name(suite) : NULL;
    if (s == NULL) {
        return NULL;
    }
    if (s->id == TS_SUITE_NULL) {
        return "records";
    }
    if (ts_suite_is_tls13(s)) {
        return "tls13-handshake";
    }
    return s->kx == TS_KX_RSA ? "rsa-handshake" : "forward-secrecy";
}

const char *ts_lesson_suite(const ts_lesson *l)
{
    if (l == NULL || l->run.play != TS_LESSON_PLAY_HANDSHAKE) {
        return NULL;
    }
    return l->run.suite[0] != '\0' ? l->run.suite : ts_suite_get(TS_SUITE_RSA)->cli_name;
}

/* RSA key transport, an ephemeral Diffie-Hellman of TLS 1.2 (ECDHE or
 * DHE), or TLS 1.3: the steps a lesson narrates are those of its family. */
static int family(const ts_suite *s)
{
    return ts_suite_is_tls13(s) ? 2 : s->kx == TS_KX_ECDHE || s->kx == TS_KX_DHE ? 1 : 0;
}

bool ts_lesson_suite_mismatch(const ts_lesson *l, const char *suite, ts_lang lang, char *buf,
                              size_t cap)
{
    if (buf != NULL && cap > 0) {
        buf[0] = '\0';
    }
    const char *written = ts_lesson_suite(l);
    const ts_suite *want = written != NULL ? ts_suite_by_name(written) : NULL;
    const ts_suite *got = suite != NULL ? ts_suite_by_name(suite) : ts_suite_get(TS_SUITE_RSA);
    if (want == NULL || got == NULL || family(want) == family(got)) {
        return false;
    }
    if (buf != NULL && cap > 0 && (family(want) == 2) != (family(got) == 2)) {
        snprintf(buf, cap,
                 ts_tr(lang, N_("This lesson is written for TLS %s (%s); this run is TLS %s "
                                "(%s), so the narration of steps that did not happen is left "
                                "out.")),
                 family(want) == 2 ? "1.3" : "1.2", want->cli_name,
                 family(got) == 2 ? "1.3" : "1.2", got->cli_name);
    } else if (buf != NULL && cap > 0) {
        snprintf(buf, cap,
                 ts_tr(lang, N_("This lesson assumes the %s key exchange; this run uses %s, so "
                                "the narration of steps that did not happen is left out.")),
                 want->cli_name, got->cli_name);
    }
    return true;
}

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
    return s->kx == TS_KX_RSA ? "rsa-handshake" : "forward-secrecy";
}

const char *ts_lesson_suite(const ts_lesson *l)
{
    if (l == NULL || l->run.play != TS_LESSON_PLAY_HANDSHAKE) {
        return NULL;
    }
    return l->run.suite[0] != '\0' ? l->run.suite : ts_suite_get(TS_SUITE_RSA)->cli_name;
}

/* RSA key transport, or an ephemeral Diffie-Hellman (ECDHE or DHE): the
 * steps a lesson narrates are those of its family. */
static bool ephemeral(const ts_suite *s)
{
    return s->kx == TS_KX_ECDHE || s->kx == TS_KX_DHE;
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
    if (want == NULL || got == NULL || ephemeral(want) == ephemeral(got)) {
        return false;
    }
    if (buf != NULL && cap > 0) {
        snprintf(buf, cap,
                 ts_tr(lang, N_("This lesson assumes the %s key exchange; this run uses %s, so "
                                "the narration of steps that did not happen is left out.")),
                 want->cli_name, got->cli_name);
    }
    return true;
}

/* ts_lesson_suite: which lesson is written for which cipher suite, and the
 * sentence a front end shows when a lesson plays over a run whose key
 * exchange is not the one its narration describes (a lesson written for
 * rsa, run with --suite ecdhe: the narration of the steps that did not
 * happen is left out, and the reader is told why). Suites are named as on
 * the command line ("rsa", "ecdhe", "dhe", "null"; ts_suite_by_name's
 * other spellings too). */
#ifndef TS_LESSON_SUITE_H
#define TS_LESSON_SUITE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ts_lang.h"
#include "lesson/ts_lesson_types.h"

/* The id of the built-in lesson written for suite: "rsa-handshake" for
 * rsa, "forward-secrecy" for ecdhe and dhe, "records" for null,
 * "tls13-handshake" for the TLS 1.3 suites; NULL when suite is NULL or
 * names no suite. A static string. */
const char *ts_lesson_for_suite(const char *suite);

/* The suite l's narration is written for, as its command-line name: its
 * run.suite, else "rsa" (the session's default); NULL for a lesson that
 * plays no handshake (play: textbook) or when l is NULL. */
const char *ts_lesson_suite(const ts_lesson *l);

/* Whether a run with suite (NULL: the default, rsa) has another key
 * exchange than the one l is written for (ECDHE and DHE count as one: the
 * same steps, narrated together). When it has, writes into buf (cap bytes,
 * truncated to fit) one plain sentence in lang saying so, "This lesson
 * assumes the rsa key exchange; this run uses ecdhe, so the narration of
 * steps that did not happen is left out.", and returns true; otherwise
 * (same family, a textbook lesson, l NULL, or an unknown suite name)
 * writes "" and returns false. buf may be NULL when cap is 0. */
bool ts_lesson_suite_mismatch(const ts_lesson *l, const char *suite, ts_lang lang, char *buf,
                              size_t cap);

#endif

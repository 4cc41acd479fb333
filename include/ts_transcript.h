/* ts_transcript: the readable text transcript of a run, as `tlsstep run`
 * prints it. Stable: the same seed and options give byte-identical text.
 *
 *   seed: S                          (always the first line)
 *   options (suite, bits, ems, flaws, host, clock, payload, actions)
 *   every step in order: records numbered as they cross the channel with
 *   their decoded fields and hex (tampered ones: sent and delivered bytes
 *   and which bytes differ), each value as it appears with side, name, how,
 *   formula, inputs and hex (secrets included: it is a teaching tool),
 *   checks (ok / FAILED and why), alerts, the wipe
 *   result: ok | result: ALERT (sent by SIDE: reason) | result: stalled (...)
 *
 * Hex dumps of application data are cut after the first 256 bytes. */
#ifndef TS_TRANSCRIPT_H
#define TS_TRANSCRIPT_H

#include <stdio.h>

#include "ts_err.h"
#include "ts_session.h"

/* Writes the transcript of s's last run to f; TS_ERR_ARG before a run,
 * TS_ERR_IO when f reports an error. */
ts_err ts_transcript_write(FILE *f, const ts_session *s);

/* The one-line result: "ok", "bad_record_mac (sent by client: REASON)",
 * "stalled (REASON)", "wrong (REASON)"; written to out (cap bytes). */
void ts_transcript_result_line(const ts_session *s, char *out, size_t cap);

#endif

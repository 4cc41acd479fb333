/* ts_transcript: the readable text transcript of a run, as `tlsstep run`
 * prints it. Stable: the same seed and options give byte-identical text.
 *
 *   seed: S                          (always the first line)
 *   options (suite, the version agreed, bits, ems, flaws, host, clock,
 *   payload, actions)
 *   every step in order: records numbered as they cross the channel with
 *   their decoded fields and hex (tampered ones: sent and delivered bytes
 *   and which bytes differ; protected TLS 1.3 ones: the content type inside,
 *   the padding and the nonce as IV XOR sequence number), each value as it
 *   appears with side, name, how, formula, inputs, the commands that
 *   reproduce it (PRF and HKDF values: export/ts_reproduce, tlsstep's and
 *   openssl's, one "reproduce:" line each) and hex (secrets included: it is
 *   a teaching tool),
 *   checks (ok / FAILED and why), alerts, the wipe
 *   result: ok | result: ALERT (sent by SIDE: reason) | result: stalled (...)
 *
 * Hex dumps of application data are cut after the first 256 bytes.
 *
 * The per-step printer is shared with network mode (ts_net_log), which
 * prints one endpoint's steps as they happen. A view says whose run it is:
 * TS_SIDE_CHANNEL for a simulated run (the channel sees every record and
 * labels each with its fate: delivered, dropped, tampered, replayed), or
 * the endpoint's side (each record is labelled "sent" or "received").
 *
 * In a language other than English (the _lang functions) every label and
 * sentence is translated (base/ts_i18n), the engine's own sentences (how,
 * formula, reasons, field notes) through ts_tr_text, and an event's name is
 * shown in people's words (ts_steps_label); field names, protocol names,
 * numbers and hex stay as they are, and so do the "[N]" and "#N" that
 * begin step and record lines. The English transcript is the default. */
#ifndef TS_TRANSCRIPT_H
#define TS_TRANSCRIPT_H

#include <stdint.h>
#include <stdio.h>

#include "base/ts_err.h"
#include "base/ts_lang.h"
#include "simulation/ts_chan.h"
#include "simulation/ts_session.h"
#include "simulation/ts_trace.h"
#include "tls/ts_event.h"

/* Writes step st (of a run whose records are on ch) as the transcript
 * shows it in lang, seen from view (TS_SIDE_CHANNEL, TS_SIDE_CLIENT or
 * TS_SIDE_SERVER, as above). */
void ts_transcript_write_step(FILE *f, const ts_chan *ch, ts_side view, const ts_step *st,
                              ts_lang lang);

/* "sent" when record r went out from the endpoint on side view, else
 * "received" (English, as JSON writes it; a msgid). */
const char *ts_transcript_direction(const ts_chan_record *r, ts_side view);

/* The suite s's last run agreed on (the server's choice, else the
 * client's), whose version is the one spoken; NULL when no hello chose one. */
const ts_suite *ts_transcript_agreed(const ts_session *s);

/* The name of an alert level: "warning", "fatal" or "unknown". */
const char *ts_transcript_alert_level(uint8_t level);

/* Writes the transcript of s's last run to f (view TS_SIDE_CHANNEL) in
 * lang; TS_ERR_ARG before a run, TS_ERR_IO when f reports an error. */
ts_err ts_transcript_write_lang(FILE *f, const ts_session *s, ts_lang lang);

/* ts_transcript_write_lang in English. */
ts_err ts_transcript_write(FILE *f, const ts_session *s);

/* The same transcript in lang as a malloc'd NUL-terminated string (*text,
 * caller frees) of *len bytes; *text is NULL on failure (errors as
 * ts_transcript_write, TS_ERR_NOMEM). */
ts_err ts_transcript_text_lang(const ts_session *s, ts_lang lang, char **text, size_t *len);

/* ts_transcript_text_lang in English. */
ts_err ts_transcript_text(const ts_session *s, char **text, size_t *len);

/* The one-line result in lang: "ok", "bad_record_mac (sent by client:
 * REASON)", "stalled (REASON)", "wrong (REASON)"; written to out (cap
 * bytes). */
void ts_transcript_result_line_lang(const ts_session *s, ts_lang lang, char *out, size_t cap);

/* ts_transcript_result_line_lang in English. */
void ts_transcript_result_line(const ts_session *s, char *out, size_t cap);

#endif

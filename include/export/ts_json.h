/* ts_json: the JSON of a run (DESIGN.md §3), built with jansson: one object
 * with seed, suite (IANA name, as configured), version and version_code
 * (the protocol version the hellos agreed on, "TLS 1.3" and "0x0304", from
 * the suite the server chose; both null when none was), bits, messages
 * (number, from, to, type: what the record carries, content_type: its
 * header's, hex as sent, delivered_hex when tampered, dropped, decoded
 * fields and, for protected records, plaintext_hex, plaintext_fields, seq,
 * nonce_hex, tag_hex; a protected TLS 1.3 record also inner_type, the
 * content type inside, and padding_length, and its plaintext_hex is the
 * content without that type byte and the padding: for handshake records
 * the messages exactly as they enter the transcript hash), secrets
 * (every value the client derived, then those only the server derived, as
 * hex), certificates (PEM), client_verify_data, server_verify_data, alerts,
 * result ("ok", the alert name, "stalled" or "wrong"), reason,
 * payload_sha256, payload_bytes, and steps. Stable: the same seed and
 * options give byte-identical text.
 *
 * The building blocks below take a trace and a channel, not a session, so
 * network mode (ts_net_log) builds its object with them too. A view says
 * whose run it is, as in ts_transcript.h: TS_SIDE_CHANNEL for a simulated
 * run, or the side of the endpoint whose log it is (messages then carry
 * "direction": "sent"/"received" instead of "status", and alerts list
 * those sent and received with their level and description by name).
 * Each block returns a new reference and clears *ok on any failure (it
 * never sets *ok to true), so a whole object is built and checked once. */
#ifndef TS_JSON_H
#define TS_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "simulation/ts_chan.h"
#include "simulation/ts_session.h"
#include "simulation/ts_trace.h"
#include "tls/ts_event.h"

/* Sets *out to the JSON text of s's last run, ending in a newline
 * (malloc'd; the caller frees). TS_ERR_ARG before a run. */
ts_err ts_json_session(const ts_session *s, char **out);

/* A JSON string of text (NULL: ""); bytes that are not printable ASCII
 * become '?' when text is not valid UTF-8. NULL when out of memory. */
json_t *ts_json_str(const char *text);

/* A JSON string of n bytes as lowercase hex. NULL when out of memory. */
json_t *ts_json_hex(const uint8_t *p, size_t n);

/* Sets root's "version" ("TLS 1.3") and "version_code" ("0x0304") from
 * the suite agreed on; null both when agreed is NULL. */
void ts_json_put_version(json_t *root, const ts_suite *agreed, bool *ok);

/* Sets o[key] = v (stealing v); a NULL v or a failure clears *ok. */
void ts_json_put(json_t *o, const char *key, json_t *v, bool *ok);

/* Appends v to array a (stealing v); a NULL v or a failure clears *ok. */
void ts_json_push(json_t *a, json_t *v, bool *ok);

/* The decoded fields: [{name, value, offset, length, depth}, ...]. */
json_t *ts_json_fields(const ts_fields *f, bool *ok);

/* One record as it crossed the channel, seen from view. */
json_t *ts_json_message(const ts_chan_record *r, ts_side view, bool *ok);

/* Every record of ch in number order, seen from view. */
json_t *ts_json_messages(const ts_chan *ch, ts_side view, bool *ok);

/* {name: hex} of every non-empty value in t: the client's, then those only
 * the server derived (first occurrence of each name). */
json_t *ts_json_secrets(const ts_trace *t, bool *ok);

/* Copies client_verify_data and server_verify_data from secrets into root;
 * a missing one becomes null when keep_missing, else is left out. */
void ts_json_put_verify_data(json_t *root, const json_t *secrets, bool keep_missing, bool *ok);

/* The alerts of t as {from, level, description (numbers), name}: seen from
 * TS_SIDE_CHANNEL those both parties sent; from an endpoint those it sent
 * and those it received from its real peer. */
json_t *ts_json_alerts(const ts_trace *t, ts_side view, bool *ok);

/* One step: {index, side, kind, name, record, how, formula, ok, alert,
 * level, value (hex)}, the optional ones only when they apply. */
json_t *ts_json_step(const ts_step *st, bool *ok);

/* Every step of t. */
json_t *ts_json_steps(const ts_trace *t, bool *ok);

/* The PEM text of the n DER bytes of a certificate. */
json_t *ts_json_pem(const uint8_t *der, size_t n, bool *ok);

/* The PEM of each of the n certificates der[i] (len[i] bytes) in order;
 * NULL entries are skipped. */
json_t *ts_json_certificates(const uint8_t *const der[], const size_t len[], size_t n, bool *ok);

/* Consumes root: when ok, sets *out to its text (indented by 2, ending in
 * a newline, malloc'd); TS_ERR_NOMEM otherwise. */
ts_err ts_json_finish(json_t *root, bool ok, char **out);

#endif

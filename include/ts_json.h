/* ts_json: the JSON of a run (DESIGN.md §3), built with jansson: one object
 * with seed, suite (IANA name), bits, messages (number, from, to, type,
 * hex as sent, delivered_hex when tampered, dropped, decoded fields and,
 * for protected records, plaintext_hex, seq, nonce_hex, tag_hex), secrets
 * (every value the client derived, then those only the server derived, as
 * hex), certificates (PEM), client_verify_data, server_verify_data, alerts,
 * result ("ok", the alert name, "stalled" or "wrong"), reason,
 * payload_sha256, payload_bytes, and steps. Stable: the same seed and
 * options give byte-identical text. */
#ifndef TS_JSON_H
#define TS_JSON_H

#include "ts_err.h"
#include "ts_session.h"

/* Sets *out to the JSON text of s's last run, ending in a newline
 * (malloc'd; the caller frees). TS_ERR_ARG before a run. */
ts_err ts_json_session(const ts_session *s, char **out);

#endif

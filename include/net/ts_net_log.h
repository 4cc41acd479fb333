/* ts_net_log: the transcript of one network connection. The local endpoint
 * (ts_conn) reports through its event hook and ts_net reports each record
 * that crosses the socket; both become steps of a trace (ts_trace) and
 * records of a channel (ts_chan), as in a simulated run, and each step can
 * be printed as it happens, in the format of `tlsstep run`'s transcript
 * (ts_transcript.h). The peer's records are numbered on the channel as they
 * arrive and shown once our endpoint has opened them (TS_EV_OPENED), with
 * the plaintext it read inside.
 * Functions that can fail return ts_err. */
#ifndef TS_NET_LOG_H
#define TS_NET_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/ts_err.h"
#include "base/ts_lang.h"
#include "simulation/ts_chan.h"
#include "simulation/ts_trace.h"
#include "tls/ts_conn.h"
#include "tls/ts_event.h"

typedef struct ts_net_log ts_net_log;

/* Creates a log for the endpoint on side ours (client or server); each
 * step is printed to live as it happens (live NULL: nothing printed). */
ts_err ts_net_log_new(ts_side ours, FILE *live, ts_net_log **out);

/* Wipes the steps (they hold secrets) and frees the log (NULL is fine). */
void ts_net_log_free(ts_net_log *l);

/* Sets the language of the printed transcript and closing lines (English
 * until set); the JSON is English always. */
void ts_net_log_set_lang(ts_net_log *l, ts_lang lang);

/* Sets the key exchange used to decode ServerKeyExchange/ClientKeyExchange
 * records written afterwards. */
void ts_net_log_set_kx(ts_net_log *l, ts_kx kx);

/* The event hook to give ts_conn_new (ctx = the log). */
void ts_net_log_event(void *ctx, const ts_event *ev);

/* The ts_net_tap.record callback (ctx = the log): a record left or
 * arrived on the socket. */
void ts_net_log_record(void *ctx, bool outgoing, const uint8_t *rec, size_t n);

/* Shows a received record still waiting for our endpoint to open it (call
 * once the connection is over; events and records call it themselves). */
void ts_net_log_flush(ts_net_log *l);

/* The first machinery error met while logging (TS_OK when none). */
ts_err ts_net_log_error(const ts_net_log *l);

const ts_trace *ts_net_log_trace(const ts_net_log *l);
const ts_chan *ts_net_log_chan(const ts_net_log *l);

/* Prints step (one of this log's) as `tlsstep run` does. */
void ts_net_log_print_step(FILE *f, const ts_net_log *l, const ts_step *step);

/* How a connection ended, for the closing lines and the JSON. */
typedef struct {
    const char *mode;        /* "serve" or "connect" */
    const char *seed;
    unsigned bits;
    const char *peer;        /* "127.0.0.1:4433" */
    const char *transport;   /* ts_net_stats.why ("" when none) */
    bool timed_out;          /* ts_net_stats.timed_out: a time-out or deadline ended it */
    size_t number;           /* serve: the connection's number (0: none); the
                              * JSON then carries it as "connection" and is
                              * one line */
    bool ok;                 /* ended as the protocol says */
    const ts_conn *conn;
    const uint8_t *ca_der;   /* certificates to list in the JSON (may be NULL) */
    size_t ca_len;
    const uint8_t *server_der;
    size_t server_len;
} ts_net_log_outcome;

/* The result word: "ok", the alert's name, or "closed"/"timeout"/"failed". */
const char *ts_net_log_result(const ts_net_log_outcome *o);

/* Prints the closing lines (response or request summary, "result: ..."). */
void ts_net_log_print_end(FILE *f, const ts_net_log *l, const ts_net_log_outcome *o);

/* Sets *out to the JSON of the connection (connection when numbered, seed, mode, peer, suite, bits,
 * messages, secrets, certificates, alerts, result, reason, http_status,
 * payload_sha256, payload_bytes, steps), ending in a newline (malloc'd). */
ts_err ts_net_log_json(const ts_net_log *l, const ts_net_log_outcome *o, char **out);

#endif

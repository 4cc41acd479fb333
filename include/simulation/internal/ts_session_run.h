/* ts_session_run: the inside of a session (its state, shared by
 * ts_session.c and ts_session_run.c) and the run loop: the endpoints' events
 * become steps, their records cross the channel one at a time, the user's
 * actions apply on the way. Front ends use ts_session.h. */
#ifndef TS_SESSION_RUN_H
#define TS_SESSION_RUN_H

#include <stdbool.h>

#include "simulation/ts_session.h"
#include "simulation/ts_session_pki.h"

/* The context of an endpoint's event hook: the session and its side. */
typedef struct {
    ts_session *s;
    ts_side side;
} ts_session_side;

struct ts_session {
    ts_session_config cfg;          /* pointers into the fields below */
    char seed[TS_RNG_SEED_MAX + 1];
    char *host;
    char payload_name[256];
    ts_buf payload;
    ts_action *acts;
    bool *applied;
    size_t n_acts;
    ts_session_pki pki;
    /* the last run */
    ts_trace *trace;
    ts_chan *chan;
    ts_conn *client, *server;
    ts_rng client_rng, server_rng;
    ts_session_side client_ctx, server_ctx;
    ts_err run_err;                 /* first machinery error inside a hook */
    ts_result result;
    size_t cursor;
};

/* Runs the whole handshake and transfer into s's fresh trace and channel
 * (the previous run already freed): PKI from the cache, endpoints made,
 * records delivered oldest first until none is left for a live receiver,
 * then the result. Machinery errors only (a protocol failure is a result). */
ts_err ts_session_run_all(ts_session *s);

#endif

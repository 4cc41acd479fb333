/* ts_net_server: many connections at once, each its own endpoint, moved by
 * one poll(2) loop (ts_net_stream per connection), so a slow or silent
 * peer never delays another. Each connection has three deadlines (the
 * handshake, idleness, the whole connection); a connection beyond the
 * maximum is accepted and refused at once with a fatal internal_error
 * alert and a close. The front end makes each endpoint and hears how each
 * ended through hooks. */
#ifndef TS_NET_SERVER_H
#define TS_NET_SERVER_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/ts_err.h"
#include "net/ts_net.h"
#include "tls/ts_conn.h"

#define TS_NET_DEFAULT_MAX_CONNS 256u
#define TS_NET_DEFAULT_HANDSHAKE_MS 10000u
#define TS_NET_DEFAULT_LIFETIME_MS 60000u
#define TS_NET_STOP_GRACE_MS 2000u

typedef struct {
    unsigned max_conns;    /* open at once; one more is refused */
    unsigned handshake_ms; /* from accept to the end of the handshake */
    unsigned idle_ms;      /* the peer silent (or not reading) this long */
    unsigned lifetime_ms;  /* from accept to the end */
    size_t max_bytes_in;   /* bytes a peer may send in all (0: no limit); more
                            * ends the connection (so its memory stays bounded) */
    bool once;             /* accept one connection; return when it ends */
} ts_net_server_limits;

/* How many connections stand where (for a status line). */
typedef struct {
    size_t open;       /* connected now */
    size_t handshake;  /* of those, still in the handshake */
    size_t done;       /* ended as the protocol says */
    size_t failed;     /* ended otherwise */
    size_t refused;    /* turned away at the maximum */
} ts_net_server_counts;

typedef struct {
    /* Connection number (1, 2, ... in accept order) from peer was accepted:
     * sets *c (a new endpoint, not started), *tap and *user. False when it
     * cannot be made (the connection is then closed). */
    bool (*open)(void *ctx, size_t number, const char *peer, ts_conn **c, ts_net_tap *tap,
                 void **user);
    /* Connection user ended (its socket closed): st says how the transport
     * ended. Returns true when it ended as the protocol says; frees c. */
    bool (*close)(void *ctx, void *user, const ts_net_stats *st);
    /* A connection from peer was refused: open connections were open. */
    void (*refused)(void *ctx, const char *peer, size_t open);
    /* The counts changed (may be NULL). */
    void (*status)(void *ctx, const ts_net_server_counts *n);
    void *ctx;
} ts_net_server_hooks;

/* Serves connections on the listening socket lfd until *stop becomes
 * nonzero (a signal handler sets it; then no more are accepted, and the
 * open ones end within TS_NET_STOP_GRACE_MS, at once when *stop reaches 2),
 * or, with once, the first connection has ended. *last_ok (if not NULL)
 * says whether the last connection ended as the protocol says. TS_ERR_NET
 * when poll itself fails, TS_ERR_NOMEM. */
ts_err ts_net_serve(int lfd, const ts_net_server_limits *lim, const ts_net_server_hooks *h,
                    volatile sig_atomic_t *stop, bool *last_ok);

#endif

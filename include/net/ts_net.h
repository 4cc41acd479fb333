/* ts_net: network mode's transport. Moves bytes between one endpoint
 * (ts_conn, which never touches a socket) and a connected TCP socket: every
 * read waits at most a time-out (poll), buffers are bounded, the peer's
 * close becomes ts_conn_eof, and nothing ever blocks forever. Incoming bytes
 * are framed into records so an observer (ts_net_tap) sees each whole record
 * before the endpoint parses it (the pump itself, ts_net_pump, is in
 * ts_net_stream.h). Functions return ts_err (TS_ERR_NET for a
 * socket failure, TS_ERR_TIMEOUT when the peer went quiet). */
#ifndef TS_NET_H
#define TS_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "base/ts_lang.h"
#include "tls/ts_conn.h"

#define TS_NET_DEFAULT_TIMEOUT_MS 10000u
#define TS_NET_DEFAULT_PORT 4433u

/* What the pump tells an observer; every callback may be NULL. Data is
 * borrowed for the duration of the call. */
typedef struct {
    /* A whole record crossed: outgoing after it was written to the socket,
     * incoming before the endpoint reads it. */
    void (*record)(void *ctx, bool outgoing, const uint8_t *rec, size_t n);
    /* Raw bytes as written to or read from the socket (for a capture). */
    void (*bytes)(void *ctx, bool outgoing, const uint8_t *data, size_t n);
    void *ctx;
} ts_net_tap;

/* How a pump ended, beside the endpoint's own status. */
typedef struct {
    bool timed_out;      /* the peer sent nothing for the time-out (or a
                          * deadline passed: ts_net_stream_expire) */
    bool peer_closed;    /* the peer closed (or reset) its side */
    bool write_failed;   /* the peer stopped reading (reset, broken pipe) */
    size_t bytes_in, bytes_out;
    size_t records_in, records_out;
    char why[160];       /* one line when the transport ended it ("" otherwise) */
} ts_net_stats;

/* Listens on addr:port (IPv4 or IPv6 literal or name; port 0 picks a free
 * one); *fd receives the socket and *bound the port actually bound. */
ts_err ts_net_listen(const char *addr, uint16_t port, int *fd, uint16_t *bound);

/* Waits for a connection on lfd; *fd receives it and peer (at least 64
 * bytes) "ADDR:PORT". TS_ERR_CLOSED when a signal interrupted the wait. */
ts_err ts_net_accept(int lfd, int *fd, char *peer, size_t peer_cap);

/* A reason the transport wrote (ts_net_stats.why, ts_net_connect's why),
 * in lang: written into out (cap bytes) and returned, or why itself when
 * lang is English or the reason is not one of ts_net's. The system's own
 * words at the end of some (strerror) stay as the system wrote them. */
const char *ts_net_why_text(ts_lang lang, const char *why, char *out, size_t cap);

/* Connects to host:port within timeout_ms; *fd receives the socket.
 * why (cap bytes) gets a one-line reason on failure. */
ts_err ts_net_connect(const char *host, const char *port, unsigned timeout_ms, int *fd,
                      char *why, size_t why_cap);

/* Splits "HOST:PORT" (or "[V6]:PORT") into host and port; false if not. */
bool ts_net_split_hostport(const char *s, char *host, size_t host_cap, char *port,
                           size_t port_cap);

/* Why a connection was ended from outside (ts_net_stream_expire). */
typedef enum {
    TS_NET_END_IDLE,      /* the peer sent nothing (or read nothing) for ms */
    TS_NET_END_HANDSHAKE, /* the handshake took longer than ms */
    TS_NET_END_LIFETIME,  /* the connection lasted longer than ms */
    TS_NET_END_STOP,      /* the server is stopping */
    TS_NET_END_TOO_MUCH,  /* the peer sent more than ms bytes (a count, here) */
} ts_net_end;

/* Writes into why (cap bytes) the transport's reason for ending a
 * connection for reason after ms (sending: bytes were waiting to go out,
 * so the peer was not reading), as ts_net_stats.why holds it. */
void ts_net_why_end(ts_net_end reason, unsigned ms, bool sending, char *why, size_t cap);

/* Writes into why (cap bytes) the transport's reason after a socket
 * error (errno error) while sending or receiving, or the peer's close
 * (error 0 while receiving). */
void ts_net_why_errno(bool sending, int error, char *why, size_t cap);

/* True when the socket fd is bound to a loopback address (127.0.0.0/8,
 * ::1, or ::ffff:127.x). */
bool ts_net_is_loopback(int fd);

/* Closes fd (ignored when negative). */
void ts_net_close(int fd);

#endif

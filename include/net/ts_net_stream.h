/* ts_net_stream: one endpoint (ts_conn) over one non-blocking TCP socket,
 * for an event loop that serves many at once (ts_net_server). It never
 * waits: the loop polls the socket for ts_net_stream_events and calls
 * ts_net_stream_ready when it is ready. Incoming bytes are framed into
 * records for the observer (ts_net_tap); outgoing bytes
 * wait in a buffer until the socket takes them, and no byte is read while
 * any wait (so a peer that does not read cannot make it grow). Memory per
 * stream: at most one record and one read of incoming bytes, and what the
 * endpoint wrote in one turn. */
#ifndef TS_NET_STREAM_H
#define TS_NET_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "net/ts_net.h"
#include "tls/ts_conn.h"

typedef struct {
    int fd;
    ts_conn *c;
    ts_net_tap tap;
    ts_net_stats st;
    ts_buf pend;     /* incoming bytes not yet framed into whole records */
    size_t fed;      /* bytes at the front of pend already given to c */
    ts_buf tx;       /* outgoing bytes the socket has not taken yet */
    bool finished;   /* nothing more to do: the caller closes fd */
} ts_net_stream;

/* Makes fd non-blocking, starts c (ts_conn_start) and queues what it
 * writes; tap may be NULL. Does not take ownership of fd or c. */
ts_err ts_net_stream_start(ts_net_stream *s, int fd, ts_conn *c, const ts_net_tap *tap);

/* The poll events the stream waits for (POLLIN, POLLOUT); 0 once finished. */
short ts_net_stream_events(const ts_net_stream *s);

/* Does what the socket allows after poll reported revents: sends what
 * waits, or reads one chunk and gives its records to the endpoint. On the
 * peer's close or a socket error the endpoint is told (ts_conn_eof) and
 * the stream finishes. TS_ERR_NOMEM is the only error. */
ts_err ts_net_stream_ready(ts_net_stream *s, short revents);

/* True once the endpoint is closed or failed and its last bytes went out
 * (or could not): then the write side has been shut down. */
bool ts_net_stream_finished(const ts_net_stream *s);

/* True while bytes wait to be sent (the peer is not reading). */
bool ts_net_stream_sending(const ts_net_stream *s);

/* Ends the stream now for reason (ms the limit that passed; a byte count
 * for TS_NET_END_TOO_MUCH): the endpoint
 * is told that nothing more will come, its last bytes (an alert) are sent
 * if the socket takes them at once, and the stream finishes. */
void ts_net_stream_expire(ts_net_stream *s, ts_net_end reason, unsigned ms);

/* Wipes and frees the buffers (not fd, not c). */
void ts_net_stream_free(ts_net_stream *s);

/* One connection alone, waiting (tlsstep connect): runs c over fd until c is closed or failed, the peer closes, or it says
 * nothing for timeout_ms: starts c (ts_conn_start), sends what it writes,
 * feeds it what arrives, record by record. On the peer's close or a
 * time-out, calls ts_conn_eof. It is a stream
 * waited on with poll. A signal does not end it (the wait goes on,
 * bounded by the time-out). Returns TS_OK when the transport did its
 * part (the outcome is c's status); TS_ERR_NET for a socket error. Does not
 * close fd. */
ts_err ts_net_pump(int fd, ts_conn *c, unsigned timeout_ms, const ts_net_tap *tap,
                   ts_net_stats *st);


#endif

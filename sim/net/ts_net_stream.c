/* ts_net_stream: an endpoint over a non-blocking socket, one step at a
 * time, for ts_net_server's event loop. */
#include "net/ts_net_stream.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "crypto/ts_secret.h"
#include "tls/ts_record.h"

#define READ_CHUNK 16384
/* pending incoming bytes: at most one record and one read */
#define PENDING_MAX (TS_RECORD_HEADER_LEN + TS_MAX_CIPHERTEXT + READ_CHUNK)

static bool alive(const ts_conn *c)
{
    ts_conn_status s = ts_conn_status_of(c);
    return s == TS_CONN_HANDSHAKE || s == TS_CONN_OPEN;
}

/* Moves what c wrote into tx; the observer sees the bytes and each record
 * as they are queued, in the order the endpoint wrote them. */
static ts_err take_out(ts_net_stream *s)
{
    ts_buf *out = ts_conn_out(s->c);
    size_t n = ts_buf_remaining(out);
    if (n == 0) {
        return TS_OK;
    }
    ts_err err = ts_buf_write_bytes(&s->tx, ts_buf_cursor(out), n);
    if (err == TS_OK) {
        if (s->tap.bytes != NULL) {
            s->tap.bytes(s->tap.ctx, true, ts_buf_cursor(out), n);
        }
        ts_record rec;
        while (ts_record_parse_header(out, &rec) == TS_OK) {
            if (s->tap.record != NULL) {
                s->tap.record(s->tap.ctx, true, ts_buf_cursor(out), rec.total_len);
            }
            s->st.records_out++;
            (void)ts_buf_skip(out, rec.total_len);
        }
    }
    ts_buf_reset(out);
    return err;
}

/* Sends what the socket takes now; false after a socket error. */
static bool send_some(ts_net_stream *s)
{
    while (ts_buf_remaining(&s->tx) > 0) {
        ssize_t w = send(s->fd, ts_buf_cursor(&s->tx), ts_buf_remaining(&s->tx),
                         MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return true;
        }
        if (w < 0) {
            ts_net_why_errno(true, errno, s->st.why, sizeof(s->st.why));
            s->st.write_failed = true;
            ts_buf_reset(&s->tx);
            return false;
        }
        s->st.bytes_out += (size_t)w;
        (void)ts_buf_skip(&s->tx, (size_t)w);
    }
    ts_buf_reset(&s->tx);
    return true;
}

/* Finishes once the endpoint is over and its bytes are out (or cannot go). */
static void settle(ts_net_stream *s)
{
    if (s->finished || alive(s->c)) {
        return;
    }
    if (s->st.write_failed) {
        s->finished = true;
    } else if (ts_buf_remaining(&s->tx) == 0) {
        (void)shutdown(s->fd, SHUT_WR);
        s->finished = true;
    }
}

ts_err ts_net_stream_start(ts_net_stream *s, int fd, ts_conn *c, const ts_net_tap *tap)
{
    TS_ENSURE(s != NULL && fd >= 0 && c != NULL, TS_ERR_ARG);
    memset(s, 0, sizeof(*s));
    s->fd = fd;
    s->c = c;
    if (tap != NULL) {
        s->tap = *tap;
    }
    ts_buf_init(&s->pend);
    ts_buf_set_limit(&s->pend, PENDING_MAX);
    ts_buf_init(&s->tx);
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0) {
        (void)fcntl(fd, F_SETFL, flags | O_NONBLOCK);
    }
    (void)ts_conn_start(c);
    ts_err err = take_out(s);
    if (err == TS_OK) {
        (void)send_some(s);
        settle(s);
    }
    return err;
}

short ts_net_stream_events(const ts_net_stream *s)
{
    if (s->finished) {
        return 0;
    }
    return ts_buf_remaining(&s->tx) > 0 ? POLLOUT : POLLIN;
}

bool ts_net_stream_sending(const ts_net_stream *s)
{
    return ts_buf_remaining(&s->tx) > 0;
}

/* Gives c the bytes of pend from fed up to upto (relative to the cursor). */
static ts_err feed(ts_net_stream *s, size_t upto)
{
    if (upto > s->fed) {
        TS_GUARD(ts_buf_write_bytes(ts_conn_in(s->c), ts_buf_cursor(&s->pend) + s->fed,
                                    upto - s->fed));
        s->fed = upto;
    }
    (void)ts_conn_process(s->c); /* a protocol failure is an outcome, not an error */
    return take_out(s);
}

/* Frames pend into whole records: each is shown to the
 * observer, then given to c; a partial record is given too, so a bad header
 * fails at once. */
static ts_err on_bytes(ts_net_stream *s)
{
    while (alive(s->c)) {
        ts_record rec;
        if (ts_record_parse_header(&s->pend, &rec) == TS_OK) {
            if (s->tap.record != NULL) {
                s->tap.record(s->tap.ctx, false, ts_buf_cursor(&s->pend), rec.total_len);
            }
            s->st.records_in++;
            TS_GUARD(feed(s, rec.total_len));
            (void)ts_buf_skip(&s->pend, rec.total_len);
            s->fed = 0;
            continue;
        }
        TS_GUARD(feed(s, ts_buf_remaining(&s->pend)));
        break;
    }
    size_t keep = ts_buf_remaining(&s->pend);
    ts_buf_compact(&s->pend);
    s->fed = s->fed < keep ? s->fed : keep;
    return TS_OK;
}

/* The peer is gone or broke the socket: the endpoint hears no more. */
static ts_err peer_gone(ts_net_stream *s)
{
    if (alive(s->c)) {
        ts_conn_eof(s->c);
    }
    ts_err err = take_out(s);
    if (!s->st.write_failed) {
        (void)send_some(s);
    }
    s->finished = true; /* a last alert goes out only if the socket takes it now */
    if (!s->st.write_failed) {
        (void)shutdown(s->fd, SHUT_WR);
    }
    return err;
}

/* Reads one chunk; TS_OK also when there was nothing to read yet. */
static ts_err read_some(ts_net_stream *s)
{
    uint8_t chunk[READ_CHUNK];
    ssize_t n = recv(s->fd, chunk, sizeof(chunk), MSG_DONTWAIT);
    if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
        return TS_OK;
    }
    if (n <= 0) {
        s->st.peer_closed = true;
        ts_net_why_errno(false, n == 0 ? 0 : errno, s->st.why, sizeof(s->st.why));
        return peer_gone(s);
    }
    s->st.bytes_in += (size_t)n;
    if (s->tap.bytes != NULL) {
        s->tap.bytes(s->tap.ctx, false, chunk, (size_t)n);
    }
    ts_err err = ts_buf_write_bytes(&s->pend, chunk, (size_t)n);
    ts_secret_wipe(chunk, (size_t)n);
    if (err != TS_OK) { /* cannot happen with one read after each record */
        snprintf(s->st.why, sizeof(s->st.why), "too many bytes pending");
        return peer_gone(s);
    }
    err = on_bytes(s);
    if (err == TS_OK) {
        (void)send_some(s);
    }
    return err;
}

ts_err ts_net_stream_ready(ts_net_stream *s, short revents)
{
    ts_err err = TS_OK;
    if (s->finished) {
        return TS_OK;
    }
    if (ts_buf_remaining(&s->tx) > 0) {
        if (revents & (POLLOUT | POLLERR | POLLHUP)) {
            if (!send_some(s)) {
                (void)peer_gone(s);
            }
        }
    } else if (revents & (POLLIN | POLLERR | POLLHUP)) {
        err = read_some(s);
    }
    if (s->st.write_failed && !s->finished) {
        (void)peer_gone(s);
    }
    settle(s);
    return err;
}

bool ts_net_stream_finished(const ts_net_stream *s)
{
    return s->finished;
}

void ts_net_stream_expire(ts_net_stream *s, ts_net_end reason, unsigned ms)
{
    if (s->finished) {
        return;
    }
    ts_net_why_end(reason, ms, ts_buf_remaining(&s->tx) > 0, s->st.why, sizeof(s->st.why));
    s->st.timed_out = reason != TS_NET_END_STOP && reason != TS_NET_END_TOO_MUCH;
    (void)peer_gone(s);
}

void ts_net_stream_free(ts_net_stream *s)
{
    ts_secret_free_buf(&s->pend);
    ts_secret_free_buf(&s->tx);
}

ts_err ts_net_pump(int fd, ts_conn *c, unsigned timeout_ms, const ts_net_tap *tap,
                   ts_net_stats *st)
{
    TS_ENSURE(fd >= 0 && c != NULL && st != NULL, TS_ERR_ARG);
    unsigned wait = timeout_ms > 0 ? timeout_ms : 1;
    ts_net_stream s;
    ts_err err = ts_net_stream_start(&s, fd, c, tap);
    while (err == TS_OK && !ts_net_stream_finished(&s)) {
        struct pollfd pf = {.fd = fd, .events = ts_net_stream_events(&s)};
        int r = poll(&pf, 1, (int)wait);
        if (r < 0 && errno == EINTR) {
            continue; /* a signal: the front end decides after this connection */
        }
        if (r == 0) {
            ts_net_stream_expire(&s, TS_NET_END_IDLE, wait);
            break;
        }
        err = ts_net_stream_ready(&s, r > 0 ? pf.revents : POLLERR);
    }
    *st = s.st;
    ts_net_stream_free(&s);
    return err == TS_ERR_NOMEM ? err : TS_OK;
}

/* ts_net_server: the poll loop that serves many connections at once. */
#include "net/ts_net_server.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "net/ts_net_stream.h"

#define ACCEPTS_PER_TURN 64
#define ACCEPT_PAUSE_MS 100 /* after accept failed (out of descriptors) */

typedef struct {
    bool used;
    ts_net_stream s;
    ts_conn *c;
    void *user;
    uint64_t start, last; /* ms, monotonic */
    size_t seen_in, seen_out;
} slot;

typedef struct {
    int lfd;
    const ts_net_server_limits *lim;
    const ts_net_server_hooks *h;
    slot *slots;
    struct pollfd *pfd;
    size_t *owner; /* pfd[i + 1] belongs to slots[owner[i]] */
    size_t accepted;
    ts_net_server_counts n, shown;
    bool stopping;
    uint64_t stop_at, accept_after;
    bool last_ok;
} server;

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Turns a connection away: a fatal internal_error alert (a TLS 1.2 record,
 * which a TLS 1.3 client also reads before the ServerHello), the write side
 * closed, what already arrived read and dropped (so the close is a FIN, not
 * a reset), and the socket closed. Nothing here waits. */
static void refuse(int fd)
{
    static const uint8_t alert[] = {21, 3, 3, 0, 2, 2, 80};
    (void)send(fd, alert, sizeof(alert), MSG_NOSIGNAL | MSG_DONTWAIT);
    (void)shutdown(fd, SHUT_WR);
    uint8_t sink[4096];
    for (int i = 0; i < 16 && recv(fd, sink, sizeof(sink), MSG_DONTWAIT) > 0; i++) {
    }
    ts_net_close(fd);
}

static void finish(server *sv, slot *sl)
{
    bool ok = sv->h->close(sv->h->ctx, sl->user, &sl->s.st);
    ts_net_close(sl->s.fd);
    ts_net_stream_free(&sl->s);
    sl->used = false;
    sv->n.open--;
    if (ok) {
        sv->n.done++;
    } else {
        sv->n.failed++;
    }
    sv->last_ok = ok;
}

static ts_err take(server *sv, int fd, const char *peer, uint64_t now)
{
    if (sv->n.open >= sv->lim->max_conns) {
        refuse(fd);
        sv->n.refused++;
        if (sv->h->refused != NULL) {
            sv->h->refused(sv->h->ctx, peer, sv->n.open);
        }
        return TS_OK;
    }
    slot *sl = NULL;
    for (size_t i = 0; i < sv->lim->max_conns && sl == NULL; i++) {
        if (!sv->slots[i].used) {
            sl = &sv->slots[i];
        }
    }
    memset(sl, 0, sizeof(*sl));
    ts_net_tap tap = {0};
    size_t number = ++sv->accepted;
    if (!sv->h->open(sv->h->ctx, number, peer, &sl->c, &tap, &sl->user)) {
        ts_net_close(fd);
        sv->n.failed++;
        return TS_OK;
    }
    sl->used = true;
    sl->start = sl->last = now;
    sv->n.open++;
    ts_err err = ts_net_stream_start(&sl->s, fd, sl->c, &tap);
    if (err != TS_OK) {
        sl->s.fd = fd;
        finish(sv, sl);
    }
    return err;
}

/* Accepts what waits on the listening socket (a bounded number per turn). */
static ts_err accept_some(server *sv, uint64_t now)
{
    for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
        if (sv->lim->once && sv->accepted > 0) {
            return TS_OK;
        }
        int fd = -1;
        char peer[80] = "?";
        errno = 0;
        if (ts_net_accept(sv->lfd, &fd, peer, sizeof(peer)) != TS_OK) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
                errno != ECONNABORTED) {
                sv->accept_after = now + ACCEPT_PAUSE_MS; /* e.g. out of descriptors */
            }
            return TS_OK;
        }
        TS_GUARD(take(sv, fd, peer, now));
    }
    return TS_OK;
}

/* The earliest deadline of sl (ms, monotonic), and which it is. */
static uint64_t deadline(const server *sv, const slot *sl, ts_net_end *why, unsigned *ms)
{
    const ts_net_server_limits *l = sv->lim;
    uint64_t at = sl->last + l->idle_ms;
    *why = TS_NET_END_IDLE;
    *ms = l->idle_ms;
    if (sl->start + l->lifetime_ms < at) {
        at = sl->start + l->lifetime_ms;
        *why = TS_NET_END_LIFETIME;
        *ms = l->lifetime_ms;
    }
    if (ts_conn_status_of(sl->c) == TS_CONN_HANDSHAKE && sl->start + l->handshake_ms < at) {
        at = sl->start + l->handshake_ms;
        *why = TS_NET_END_HANDSHAKE;
        *ms = l->handshake_ms;
    }
    if (sv->stopping && sv->stop_at < at) {
        at = sv->stop_at;
        *why = TS_NET_END_STOP;
        *ms = 0;
    }
    return at;
}

/* Runs the slots poll reported on, ends those past a deadline, and closes
 * the finished ones. */
static ts_err run_slots(server *sv, size_t npfd, uint64_t now)
{
    ts_err err = TS_OK;
    for (size_t i = 1; i < npfd; i++) {
        slot *sl = &sv->slots[sv->owner[i - 1]];
        if (sv->pfd[i].revents != 0 && err == TS_OK) {
            err = ts_net_stream_ready(&sl->s, sv->pfd[i].revents);
        }
    }
    for (size_t i = 0; i < sv->lim->max_conns; i++) {
        slot *sl = &sv->slots[i];
        if (!sl->used) {
            continue;
        }
        if (sl->s.st.bytes_in != sl->seen_in || sl->s.st.bytes_out != sl->seen_out) {
            sl->seen_in = sl->s.st.bytes_in;
            sl->seen_out = sl->s.st.bytes_out;
            sl->last = now;
        }
        ts_net_end why;
        unsigned ms;
        size_t cap = sv->lim->max_bytes_in;
        if (!ts_net_stream_finished(&sl->s) && cap > 0 && sl->s.st.bytes_in > cap) {
            ts_net_stream_expire(&sl->s, TS_NET_END_TOO_MUCH, (unsigned)cap);
        }
        if (!ts_net_stream_finished(&sl->s) && now >= deadline(sv, sl, &why, &ms)) {
            ts_net_stream_expire(&sl->s, why, ms);
        }
        if (ts_net_stream_finished(&sl->s)) {
            finish(sv, sl);
        }
    }
    return err;
}

/* Fills pfd (the listening socket first, when accepting) and returns how
 * many entries; *wait gets poll's time-out (ms, -1: none). */
static size_t build(server *sv, uint64_t now, int *wait)
{
    bool accepting = !sv->stopping && !(sv->lim->once && sv->accepted > 0) &&
                     now >= sv->accept_after;
    sv->pfd[0].fd = accepting ? sv->lfd : -1;
    sv->pfd[0].events = POLLIN;
    sv->pfd[0].revents = 0;
    uint64_t next = UINT64_MAX;
    if (!accepting && !sv->stopping && now < sv->accept_after) {
        next = sv->accept_after;
    }
    size_t k = 1;
    for (size_t i = 0; i < sv->lim->max_conns; i++) {
        slot *sl = &sv->slots[i];
        if (!sl->used) {
            continue;
        }
        sv->pfd[k].fd = sl->s.fd;
        sv->pfd[k].events = ts_net_stream_events(&sl->s);
        sv->pfd[k].revents = 0;
        sv->owner[k - 1] = i;
        k++;
        ts_net_end why;
        unsigned ms;
        uint64_t at = deadline(sv, sl, &why, &ms);
        next = at < next ? at : next;
    }
    *wait = next == UINT64_MAX ? -1 : next <= now ? 0 : (int)(next - now);
    return k;
}

static bool counts_changed(const ts_net_server_counts *a, const ts_net_server_counts *b)
{
    return memcmp(a, b, sizeof(*a)) != 0;
}

static void count_handshakes(server *sv)
{
    sv->n.handshake = 0;
    for (size_t i = 0; i < sv->lim->max_conns; i++) {
        if (sv->slots[i].used && ts_conn_status_of(sv->slots[i].c) == TS_CONN_HANDSHAKE) {
            sv->n.handshake++;
        }
    }
}

static ts_err loop(server *sv, volatile sig_atomic_t *stop)
{
    ts_err err = TS_OK;
    while (err == TS_OK) {
        uint64_t now = now_ms();
        if (*stop && !sv->stopping) {
            sv->stopping = true;
            sv->stop_at = now + (*stop >= 2 ? 0 : TS_NET_STOP_GRACE_MS);
        }
        if (*stop >= 2) {
            sv->stop_at = now;
        }
        if ((sv->stopping || (sv->lim->once && sv->accepted > 0)) && sv->n.open == 0) {
            break;
        }
        int wait;
        size_t npfd = build(sv, now, &wait);
        int r = poll(sv->pfd, npfd, wait);
        if (r < 0 && errno != EINTR) {
            return TS_ERR_NET;
        }
        now = now_ms();
        if (r < 0) {
            for (size_t i = 0; i < npfd; i++) {
                sv->pfd[i].revents = 0;
            }
        }
        err = run_slots(sv, npfd, now);
        if (err == TS_OK && (sv->pfd[0].revents & POLLIN)) {
            err = accept_some(sv, now);
        }
        count_handshakes(sv);
        if (sv->h->status != NULL && counts_changed(&sv->n, &sv->shown)) {
            sv->shown = sv->n;
            sv->h->status(sv->h->ctx, &sv->n);
        }
    }
    return err;
}

ts_err ts_net_serve(int lfd, const ts_net_server_limits *lim, const ts_net_server_hooks *h,
                    volatile sig_atomic_t *stop, bool *last_ok)
{
    TS_ENSURE(lfd >= 0 && lim != NULL && lim->max_conns > 0 && h != NULL && h->open != NULL &&
                  h->close != NULL && stop != NULL,
              TS_ERR_ARG);
    server sv = {.lfd = lfd, .lim = lim, .h = h};
    sv.slots = calloc(lim->max_conns, sizeof(*sv.slots));
    sv.pfd = calloc((size_t)lim->max_conns + 1, sizeof(*sv.pfd));
    sv.owner = calloc(lim->max_conns, sizeof(*sv.owner));
    ts_err err = TS_ERR_NOMEM;
    if (sv.slots != NULL && sv.pfd != NULL && sv.owner != NULL) {
        int flags = fcntl(lfd, F_GETFL);
        if (flags >= 0) {
            (void)fcntl(lfd, F_SETFL, flags | O_NONBLOCK);
        }
        err = loop(&sv, stop);
        for (size_t i = 0; i < lim->max_conns; i++) { /* after an error: end the rest */
            if (sv.slots[i].used) {
                ts_net_stream_expire(&sv.slots[i].s, TS_NET_END_STOP, 0);
                finish(&sv, &sv.slots[i]);
            }
        }
    }
    if (last_ok != NULL) {
        *last_ok = sv.last_ok;
    }
    free(sv.slots);
    free(sv.pfd);
    free(sv.owner);
    return err;
}

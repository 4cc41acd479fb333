/* bench_class: a load generator for `tlsstep serve` (issue 17) on
 * tlsstep's own client engine: IDLE sockets that connect and send nothing,
 * then ACTIVE clients started at once, each a ts_conn client (TLS 1.3,
 * X25519, the certificate verified against CA_PEM) doing a whole HTTPS GET
 * over a non-blocking socket (ts_net_stream), all moved by one poll loop.
 * Prints one line:
 *   class active=N idle=M completed=K p50=MS p99=MS max=MS
 * where a connection's time runs from before connect() to the end of the
 * exchange (HTTP 200 received and the connection closed).
 * With HOLD_MS, the idle sockets stay open that long after the active
 * clients are done (for a reading of the server's memory meanwhile).
 * usage: bench_class PORT CA_PEM ACTIVE IDLE [HOLD_MS] */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/ts_file.h"
#include "crypto/ts_suite.h"
#include "crypto/ts_x509.h"
#include "net/ts_net.h"
#include "net/ts_net_stream.h"
#include "tls/ts_conn.h"

#define DEADLINE_MS 120000.0

typedef struct {
    int fd;
    ts_rng rng;
    ts_conn *c;
    ts_net_stream s;
    double t0, ms;
    bool live, ok;
} client;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double pct(const double *v, size_t n, double p)
{
    if (n == 0) {
        return 0;
    }
    size_t i = (size_t)(p * (double)n + 0.999999) - 1; /* nearest rank */
    return v[i < n ? i : n - 1];
}

static bool start(client *cl, const ts_conn_config *cfg, const char *port, size_t i)
{
    char seed[32], why[160];
    snprintf(seed, sizeof(seed), "bench-class-%zu", i);
    cl->t0 = now_ms();
    if (ts_net_connect("127.0.0.1", port, 10000, &cl->fd, why, sizeof(why)) != TS_OK) {
        fprintf(stderr, "bench_class: %s\n", why);
        return false;
    }
    if (ts_rng_init(&cl->rng, seed, TS_ACTOR_CLIENT) != TS_OK ||
        ts_conn_new(TS_ROLE_CLIENT, cfg, &cl->rng, NULL, NULL, &cl->c) != TS_OK ||
        ts_net_stream_start(&cl->s, cl->fd, cl->c, NULL) != TS_OK) {
        return false;
    }
    cl->live = true;
    return true;
}

int main(int argc, char **argv)
{
    if (argc != 5 && argc != 6) {
        fprintf(stderr, "usage: bench_class PORT CA_PEM ACTIVE IDLE [HOLD_MS]\n");
        return 2;
    }
    const char *port = argv[1];
    size_t active = strtoul(argv[3], NULL, 10), idle = strtoul(argv[4], NULL, 10);
    ts_buf pem, ca;
    ts_buf_init(&pem);
    ts_buf_init(&ca);
    if (ts_file_read(argv[2], 1u << 20, &pem) != TS_OK ||
        ts_x509_from_pem((const char *)pem.data, pem.len, &ca) != TS_OK) {
        fprintf(stderr, "bench_class: cannot read %s\n", argv[2]);
        return 1;
    }
    ts_conn_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.max_version = TS_VERSION_TLS13;
    cfg.suite13 = ts_suite_get(TS_SUITE_TLS13_AES); /* as `tlsstep connect` offers */
    if (!ts_suite_usable(cfg.suite13)) {
        cfg.suite13 = ts_suite_get(TS_SUITE_TLS13_CHACHA); /* no AES-NI here */
    }
    cfg.suite = ts_suite_get(TS_SUITE_ECDHE);
    cfg.offer_all = true;
    cfg.host = "localhost";
    cfg.now = (ts_time)time(NULL);
    cfg.ca_der = ca.data;
    cfg.ca_len = ca.len;
    cfg.path = "/";
    int *idle_fd = calloc(idle + 1, sizeof(*idle_fd));
    client *cl = calloc(active + 1, sizeof(*cl));
    struct pollfd *pfd = calloc(active + 1, sizeof(*pfd));
    size_t *who = calloc(active + 1, sizeof(*who));
    double *ms = calloc(active + 1, sizeof(*ms));
    if (idle_fd == NULL || cl == NULL || pfd == NULL || who == NULL || ms == NULL) {
        return 1;
    }
    char why[160];
    for (size_t i = 0; i < idle; i++) {
        if (ts_net_connect("127.0.0.1", port, 10000, &idle_fd[i], why, sizeof(why)) != TS_OK) {
            fprintf(stderr, "bench_class: idle %zu: %s\n", i, why);
            return 1;
        }
    }
    for (size_t i = 0; i < active; i++) {
        if (!start(&cl[i], &cfg, port, i)) {
            return 1;
        }
    }
    double begin = now_ms();
    size_t live = active, fails = 0;
    while (live > 0 && now_ms() - begin < DEADLINE_MS) {
        size_t n = 0;
        for (size_t i = 0; i < active; i++) {
            if (cl[i].live) {
                pfd[n].fd = cl[i].fd;
                pfd[n].events = ts_net_stream_events(&cl[i].s);
                pfd[n].revents = 0;
                who[n++] = i;
            }
        }
        if (poll(pfd, n, 1000) < 0) {
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            client *c = &cl[who[k]];
            if (pfd[k].revents != 0) {
                (void)ts_net_stream_ready(&c->s, pfd[k].revents);
            }
            if (ts_net_stream_finished(&c->s)) {
                c->ms = now_ms() - c->t0;
                c->ok = ts_conn_status_of(c->c) == TS_CONN_CLOSED && ts_conn_http_status(c->c) == 200;
                c->live = false;
                if (!c->ok && fails++ == 0) {
                    fprintf(stderr, "bench_class: client %zu: %s\n", who[k], ts_conn_reason(c->c));
                }
                live--;
            }
        }
    }
    size_t done = 0;
    for (size_t i = 0; i < active; i++) {
        if (cl[i].ok) {
            ms[done++] = cl[i].ms;
        }
        ts_net_stream_free(&cl[i].s);
        ts_net_close(cl[i].fd);
        ts_conn_free(cl[i].c);
        ts_rng_wipe(&cl[i].rng);
    }
    qsort(ms, done, sizeof(*ms), cmp_double);
    printf("class active=%zu idle=%zu completed=%zu p50=%.1f p99=%.1f max=%.1f\n", active, idle,
           done, pct(ms, done, 0.50), pct(ms, done, 0.99), done > 0 ? ms[done - 1] : 0.0);
    if (argc == 6) {
        unsigned long hold = strtoul(argv[5], NULL, 10);
        struct timespec ts = {.tv_sec = (time_t)(hold / 1000), .tv_nsec = (long)(hold % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    for (size_t i = 0; i < idle; i++) {
        ts_net_close(idle_fd[i]);
    }
    free(idle_fd);
    free(cl);
    free(pfd);
    free(who);
    free(ms);
    ts_buf_free(&pem);
    ts_buf_free(&ca);
    return done == active ? 0 : 1;
}

/* cli_serve_conns: each served connection's session, transcript and
 * summary; the live status line. */
#include "cli/cli_serve_conns.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define CMD "serve"

typedef struct {
    cli_serve_conns *sc;
    size_t number;
    char peer[80];
    char seed[TS_RNG_SEED_MAX + 1];
    cli_net_session *s;
    FILE *mem; /* the transcript so far (open_memstream) */
    char *text;
    size_t len;
} serve_conn;

static bool drawn; /* the status line is on the screen */

static void clear_status(const cli_serve_conns *sc)
{
    if (sc->status_line && drawn) {
        fputs("\r\033[K", stdout);
        drawn = false;
    }
}

static void draw_status(void *ctx, const ts_net_server_counts *n)
{
    cli_serve_conns *sc = ctx;
    if (!sc->status_line) {
        return;
    }
    fputs("\r\033[K", stdout);
    printf(cli_tr("connected %zu, in the handshake %zu, done %zu, failed %zu"), n->open,
           n->handshake, n->done, n->failed);
    if (n->refused > 0) {
        printf(cli_tr(", refused %zu"), n->refused);
    }
    fflush(stdout);
    drawn = true;
}

static void conn_free(serve_conn *sv)
{
    if (sv->mem != NULL) {
        fclose(sv->mem);
    }
    free(sv->text);
    free(sv);
}

static bool on_open(void *ctx, size_t number, const char *peer, ts_conn **c, ts_net_tap *tap,
                    void **user)
{
    cli_serve_conns *sc = ctx;
    serve_conn *sv = calloc(1, sizeof(*sv));
    if (sv == NULL) {
        return false;
    }
    sv->sc = sc;
    sv->number = number;
    snprintf(sv->peer, sizeof(sv->peer), "%s", peer);
    snprintf(sv->seed, sizeof(sv->seed), number == 1 ? "%s" : "%s#%zu", sc->opts->seed, number);
    sv->mem = open_memstream(&sv->text, &sv->len);
    cli_net_conn nc = {.cmd = CMD, .opts = sc->opts, .role = TS_ROLE_SERVER, .cfg = sc->cfg,
                       .rng_seed = sv->seed, .peer = sv->peer, .ca_der = sc->ca_der,
                       .server_der = sc->server_der, .number = number};
    sv->s = sv->mem != NULL ? cli_net_begin(&nc, sv->mem) : NULL;
    if (sv->s == NULL) {
        conn_free(sv);
        return false;
    }
    *c = cli_net_session_conn(sv->s);
    *tap = cli_net_session_tap(sv->s);
    *user = sv;
    return true;
}

/* Writes the transcript to DIR/conn-N.txt (.json); false on failure. */
static bool write_log(const serve_conn *sv, char *path, size_t cap)
{
    snprintf(path, cap, "%s/conn-%zu.%s", sv->sc->log_dir, sv->number,
             sv->sc->opts->json ? "json" : "txt");
    return cli_write_file(path, (const uint8_t *)sv->text, sv->len) == TS_OK;
}

static bool on_close(void *ctx, void *user, const ts_net_stats *st)
{
    cli_serve_conns *sc = ctx;
    serve_conn *sv = user;
    char result[64];
    snprintf(result, sizeof(result), "%s", cli_net_session_result(sv->s, st));
    bool machinery = false;
    bool ok = cli_net_end(sv->s, st, sv->mem, &machinery);
    int closed = fclose(sv->mem);
    sv->mem = NULL;
    clear_status(sc);
    if (closed != 0 || sv->text == NULL) {
        machinery = true;
    } else if (sc->log_dir == NULL) {
        fwrite(sv->text, 1, sv->len, stdout);
    } else {
        char path[4096];
        if (!write_log(sv, path, sizeof(path))) {
            cli_fail(CLI_EXIT_FAIL, CMD, "cannot write %s: %s", path, cli_strerror(errno));
            machinery = true;
        } else if (!sc->opts->json) {
            /* an alert's name is no msgid: ts_tr gives it back as it is */
            printf(cli_tr("connection %zu from %s: %s (%s)\n"), sv->number, sv->peer,
                   cli_tr(result), path);
        }
    }
    fflush(stdout);
    sc->machinery = sc->machinery || machinery;
    sc->ended++;
    conn_free(sv);
    return ok && !machinery;
}

static void on_refused(void *ctx, const char *peer, size_t open)
{
    cli_serve_conns *sc = ctx;
    clear_status(sc);
    fflush(stdout);
    fprintf(stderr, cli_tr("serve: refused %s: %zu connections open (--max-conn); sent alert "
                           "internal_error and closed\n"),
            peer, open);
}

ts_net_server_hooks cli_serve_conns_hooks(cli_serve_conns *sc)
{
    ts_net_server_hooks h = {.open = on_open, .close = on_close, .refused = on_refused,
                             .status = draw_status, .ctx = sc};
    return h;
}

void cli_serve_conns_done(cli_serve_conns *sc)
{
    if (sc->status_line && drawn) {
        fputs("\n", stdout);
        fflush(stdout);
        drawn = false;
    }
}

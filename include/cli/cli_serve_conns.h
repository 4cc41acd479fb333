/* cli_serve_conns: `tlsstep serve`'s side of ts_net_serve's hooks. Each
 * connection gets its own endpoint and random stream (seed "S#N" for
 * N > 1); its transcript (or JSON line) is kept in memory and written
 * whole when it ends, to stdout or to DIR/conn-N.txt (.json) with
 * --log-dir, so many connections never interleave. On a terminal a live
 * status line counts the connections. Front-end code (layer 5). */
#ifndef CLI_SERVE_CONNS_H
#define CLI_SERVE_CONNS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ts_buf.h"
#include "cli/cli_net.h"
#include "net/ts_net_server.h"

typedef struct {
    const cli_net_opts *opts;
    const ts_conn_config *cfg;
    const ts_buf *ca_der, *server_der;
    const char *log_dir;  /* NULL: transcripts to stdout */
    bool status_line;     /* draw the live status line on stdout */
    bool machinery;       /* set when an output could not be written */
    size_t ended;         /* connections ended so far */
} cli_serve_conns;

/* The hooks for ts_net_serve, with ctx = sc. */
ts_net_server_hooks cli_serve_conns_hooks(cli_serve_conns *sc);

/* Clears the status line, if drawn (before the program ends). */
void cli_serve_conns_done(cli_serve_conns *sc);

#endif

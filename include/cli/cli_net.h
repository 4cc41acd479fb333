/* cli_net: what `tlsstep serve` and `tlsstep connect` share: their common
 * options, and running one connection over a socket with its transcript
 * (or JSON), capture and key log. Front-end code (layer 5). */
#ifndef CLI_NET_H
#define CLI_NET_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/ts_buf.h"
#include "cli/cli_proto.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_suite.h"
#include "net/ts_net.h"
#include "tls/ts_conn.h"

typedef struct {
    cli_proto_opts proto;    /* --suite, --tls, --group, --key-update */
    unsigned bits;           /* 0 until --bits */
    const char *seed;        /* NULL: a fresh one (seed_buf) */
    char seed_buf[TS_RNG_SEED_MAX + 1];
    bool ems;
    bool json;
    unsigned timeout_ms;
    const char *pcap;
    const char *keylog;
} cli_net_opts;

/* getopt_long values of the common options (--bits is serve's alone: a
 * client takes the server's key size from its certificate). */
enum {
    CLI_NET_SUITE = 400, CLI_NET_BITS, CLI_NET_SEED, CLI_NET_EMS, CLI_NET_JSON,
    CLI_NET_TIMEOUT, CLI_NET_PCAP, CLI_NET_KEYLOG, CLI_NET_LANG, CLI_NET_TLS, CLI_NET_GROUP,
    CLI_NET_PAD, CLI_NET_FIRST_OWN
};

#define CLI_NET_LONGOPTS                                               \
    {"suite", required_argument, NULL, CLI_NET_SUITE},                 \
    {"tls", required_argument, NULL, CLI_NET_TLS},                     \
    {"group", required_argument, NULL, CLI_NET_GROUP},                 \
    {"pad", required_argument, NULL, CLI_NET_PAD},                     \
    {"seed", required_argument, NULL, CLI_NET_SEED},                   \
    {"ems", no_argument, NULL, CLI_NET_EMS},                           \
    {"json", no_argument, NULL, CLI_NET_JSON},                         \
    {"timeout", required_argument, NULL, CLI_NET_TIMEOUT},             \
    {"pcap", required_argument, NULL, CLI_NET_PCAP},                   \
    {"keylog", required_argument, NULL, CLI_NET_KEYLOG},               \
    {"lang", required_argument, NULL, CLI_NET_LANG}

/* The option lines of the common options, for --help (a msgid). */
extern const char *const cli_net_common_help;

/* Sets the defaults (bits 1024, time-out 10 s). */
void cli_net_opts_init(cli_net_opts *o);

/* Handles one of a command's own options (values from CLI_NET_FIRST_OWN);
 * returns CLI_EXIT_OK or the exit status of a bad value (message printed). */
typedef int (*cli_net_own_fn)(void *ctx, int opt, const char *arg);

/* Parses argv's options with longs (CLI_NET_LONGOPTS and the command's own,
 * ending in a zero row): common ones into o, own ones to own(ctx, ...).
 * Returns CLI_EXIT_OK, optind then at the first operand, or the exit status
 * of the first bad option (message printed). */
int cli_net_parse(const char *cmd, cli_net_opts *o, const struct option *longs,
                  cli_net_own_fn own, void *ctx, int argc, char **argv);

/* Fills in the seed (a fresh one when none was given). */
void cli_net_finish_opts(cli_net_opts *o);

/* Fills cfg's versions and suites from o, as a real stack does unless
 * told otherwise: TLS 1.3 and 1.2 both, the named suite for its version
 * and the default for the other; offer_all when no suite of 1.3 (server)
 * or none at all (client) was named; the group. */
void cli_net_versions(const cli_net_opts *o, ts_role role, ts_conn_config *cfg);

/* A line per version cfg allows, with its suites as role uses them, for a
 * transcript's head ("tls 1.3: TLS_AES_256_GCM_SHA384 (tls13-aes,
 * 0x1302)..."), and the group when one is named. */
void cli_net_print_versions(const ts_conn_config *cfg, ts_role role);

/* One connection to run. */
typedef struct {
    const char *cmd;          /* "serve" or "connect" */
    const cli_net_opts *opts;
    ts_role role;
    const ts_conn_config *cfg;
    const char *rng_seed;     /* seed of this connection's random stream */
    const char *peer;         /* "ADDR:PORT" */
    const ts_buf *ca_der;     /* listed in the JSON (may be NULL) */
    const ts_buf *server_der;
    size_t number;            /* connection number (serve), 0 for connect */
} cli_net_conn;

/* One connection's endpoint, log, capture and random stream, for a front
 * end that moves its bytes itself (serve's event loop). */
typedef struct cli_net_session cli_net_session;

/* Makes the session of nc (copied; its strings must outlive the session):
 * prints the connection's head to out and gives it each step as it
 * happens (unless --json). NULL when it cannot be made. */
cli_net_session *cli_net_begin(const cli_net_conn *nc, FILE *out);

/* The session's endpoint (not started) and the tap to give the transport. */
ts_conn *cli_net_session_conn(cli_net_session *s);
ts_net_tap cli_net_session_tap(cli_net_session *s);

/* The result word the connection would end with now (ts_net_log_result). */
const char *cli_net_session_result(cli_net_session *s, const ts_net_stats *st);

/* Ends the session after the transport ended with st: prints the closing
 * lines or the JSON to out, writes --pcap and --keylog, frees s. Returns
 * and sets *machinery as cli_net_run. */
bool cli_net_end(cli_net_session *s, const ts_net_stats *st, FILE *out, bool *machinery);

/* Runs the connection over fd (closing it), printing its transcript live
 * or its JSON at the end, writing --pcap and --keylog. Returns true when
 * it ended as the protocol says (closed after a complete HTTP exchange);
 * *machinery (if not NULL) is set when something other than the protocol
 * failed (memory, an output file). */
bool cli_net_run(const cli_net_conn *nc, int fd, bool *machinery);

#endif

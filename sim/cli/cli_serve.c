/* cli_serve: `tlsstep serve`, the simulator's server on a real TCP socket:
 * a real TLS 1.3 or 1.2 client (openssl s_client, curl, a browser) connects, and
 * every record and value is printed as in `tlsstep run`. This front end
 * reads the wall clock (cli_wall_clock: the certificates' validity); the
 * library never does. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/ts_file.h"
#include "base/ts_hex.h"
#include "cli/cli.h"
#include "cli/cli_net.h"
#include "cli/cli_serve_conns.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_x509.h"
#include "crypto/ts_x509_build.h"
#include "net/ts_net.h"
#include "net/ts_net_server.h"
#include "simulation/ts_sample.h"
#include "tls/ts_http_type.h"

#define CMD "serve"

static const char *const usage_text = N_(
    "usage: tlsstep serve [OPTIONS]\n"
    "Runs the simulator's TLS 1.3 and 1.2 server on a real TCP socket. It makes a\n"
    "toy PKI (a CA and a server certificate for the host, keys from the seed),\n"
    "writes the CA certificate to DIR/ca.pem for the client to trust, prints\n"
    "\"listening on ADDR:PORT\", and answers any HTTP GET with the file. Every record\n"
    "and every value is printed as in 'tlsstep run'.\n"
    "\n"
    "  --port P          TCP port (default 4433; 0: pick a free one, printed)\n"
    "  --bind ADDR       address to listen on (default 127.0.0.1)\n"
    "  --once            serve one connection, then exit (default: serve many at\n"
    "                    once until SIGINT or SIGTERM)\n"
    "  --max-conn N      connections open at once, 1..4096 (default 256); one more\n"
    "                    is sent a fatal internal_error alert and closed at once\n"
    "  --handshake-timeout S\n"
    "                    end a connection whose handshake takes longer than S\n"
    "                    seconds, 1..3600 (default 10)\n"
    "  --conn-timeout S  end a connection open longer than S seconds, 1..3600\n"
    "                    (default 60)\n"
    "  --max-request N   longest HTTP request accepted, 64..65536 bytes (default\n"
    "                    8192); a longer one ends the connection with an alert\n"
    "  --log-dir DIR     write each connection's transcript (or JSON) to\n"
    "                    DIR/conn-N.txt (.json), made if missing, and print one\n"
    "                    line per connection\n"
    "  --host NAME       the DNS name in the server certificate (default localhost)\n"
    "  --file PATH       the file served (default: the built-in sample.bmp)\n"
    "  --out-dir DIR     where ca.pem is written, made if missing (default .)\n"
    "  --bits N          RSA modulus size of the keys it makes, 512..4096 (default 2048:\n                    what stock clients accept at their default security level)\n"
    "%s"
    "\n"
    "Every connection has its own endpoint; a slow or silent peer never delays\n"
    "another. Each connection's transcript is written whole when it ends. On a\n"
    "terminal a status line counts the connections open, in the handshake, done\n"
    "and failed. --timeout is each connection's idle limit. --bind to an address\n"
    "other than loopback prints a warning: this is a teaching server with toy keys.\n"
    "With --json the \"listening on\" line goes to stderr and stdout holds one JSON\n"
    "line per connection, with its number (\"connection\"). Each connection N > 1\n"
    "draws its random bytes from the seed \"S#N\" (S the seed), so connection 1 can\n"
    "be replayed with 'tlsstep run'.\n"
    "Exit status (--once): 0 when the connection ended as the protocol says (a\n"
    "complete HTTP exchange and a close), 1 otherwise, 2 for bad usage.\n"
    "\n"
    "example: tlsstep serve --port 4433 --once &\n"
    "         openssl s_client -tls1_2 -cipher 'AES256-GCM-SHA384' \\\n"
    "             -CAfile ca.pem -connect 127.0.0.1:4433 -servername localhost\n");

enum {
    OPT_PORT = CLI_NET_FIRST_OWN, OPT_BIND, OPT_ONCE, OPT_HOST, OPT_FILE, OPT_OUT_DIR,
    OPT_MAX_CONN, OPT_HS_TIMEOUT, OPT_CONN_TIMEOUT, OPT_MAX_REQUEST, OPT_LOG_DIR
};

typedef struct {
    cli_net_opts net;
    unsigned long port;
    const char *bind;
    bool once;
    const char *host;
    const char *file;
    const char *out_dir;
    unsigned long max_conn, hs_timeout, conn_timeout, max_request;
    const char *log_dir;
} serve_opts;

/* Bytes a client may send beyond its request: a handshake takes a few KiB
 * (a browser's ClientHello about 2), so this bounds each connection's
 * memory without touching a real client. */
#define SERVE_MAX_IN (64u * 1024u)

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = stop_requested < 2 ? stop_requested + 1 : 2; /* the second: at once */
}

static int own_option(void *ctx, int opt, const char *arg)
{
    serve_opts *o = ctx;
    switch (opt) {
    case OPT_PORT:
        if (!cli_parse_ulong(arg, 0, 65535, &o->port)) {
            return cli_usage_error(CMD, "--port must be 0..65535, not '%s'", arg);
        }
        break;
    case OPT_BIND: o->bind = arg; break;
    case OPT_ONCE: o->once = true; break;
    case OPT_HOST:
        if (!ts_x509_dns_name_valid(arg, false)) {
            return cli_usage_error(CMD, "--host must be a DNS name, not '%s'", arg);
        }
        o->host = arg;
        break;
    case OPT_FILE: o->file = arg; break;
    case OPT_OUT_DIR: o->out_dir = arg; break;
    case OPT_MAX_CONN:
        if (!cli_parse_ulong(arg, 1, 4096, &o->max_conn)) {
            return cli_usage_error(CMD, "--max-conn must be 1..4096, not '%s'", arg);
        }
        break;
    case OPT_HS_TIMEOUT:
        if (!cli_parse_ulong(arg, 1, 3600, &o->hs_timeout)) {
            return cli_usage_error(CMD, "--handshake-timeout must be 1..3600 seconds, not '%s'",
                                   arg);
        }
        break;
    case OPT_CONN_TIMEOUT:
        if (!cli_parse_ulong(arg, 1, 3600, &o->conn_timeout)) {
            return cli_usage_error(CMD, "--conn-timeout must be 1..3600 seconds, not '%s'", arg);
        }
        break;
    case OPT_MAX_REQUEST:
        if (!cli_parse_ulong(arg, 64, 65536, &o->max_request)) {
            return cli_usage_error(CMD, "--max-request must be 64..65536 bytes, not '%s'", arg);
        }
        break;
    case OPT_LOG_DIR: o->log_dir = arg; break;
    default:
        return cli_usage_error(CMD, "unexpected option");
    }
    return CLI_EXIT_OK;
}

/* Raises the soft limit on open files to the hard one; a usage error when
 * --max-conn connections would not fit. */
static int enough_descriptors(const serve_opts *o)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        return CLI_EXIT_OK;
    }
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        (void)setrlimit(RLIMIT_NOFILE, &rl);
        (void)getrlimit(RLIMIT_NOFILE, &rl);
    }
    rlim_t need = (rlim_t)o->max_conn + 32; /* the listening socket, stdio, files, spare */
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
        return cli_fail(CLI_EXIT_USAGE, CMD,
                        "--max-conn %lu needs %llu file descriptors; the limit is %llu (ulimit -n)",
                        o->max_conn, (unsigned long long)need, (unsigned long long)rl.rlim_cur);
    }
    return CLI_EXIT_OK;
}

static int parse(serve_opts *o, int argc, char **argv)
{
    static const struct option longs[] = {
        CLI_NET_LONGOPTS,
        {"bits", required_argument, NULL, CLI_NET_BITS},
        {"port", required_argument, NULL, OPT_PORT},
        {"bind", required_argument, NULL, OPT_BIND},
        {"once", no_argument, NULL, OPT_ONCE},
        {"host", required_argument, NULL, OPT_HOST},
        {"file", required_argument, NULL, OPT_FILE},
        {"out-dir", required_argument, NULL, OPT_OUT_DIR},
        {"max-conn", required_argument, NULL, OPT_MAX_CONN},
        {"handshake-timeout", required_argument, NULL, OPT_HS_TIMEOUT},
        {"conn-timeout", required_argument, NULL, OPT_CONN_TIMEOUT},
        {"max-request", required_argument, NULL, OPT_MAX_REQUEST},
        {"log-dir", required_argument, NULL, OPT_LOG_DIR},
        {NULL, 0, NULL, 0},
    };
    int rc = cli_net_parse(CMD, &o->net, longs, own_option, o, argc, argv);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (optind < argc) {
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    }
    if (ts_file_mkdirs(o->out_dir) != TS_OK) { /* as mkdir -p */
        return cli_fail(CLI_EXIT_USAGE, CMD, "cannot make the directory --out-dir '%s': %s",
                        o->out_dir, cli_strerror(errno));
    }
    if (o->log_dir != NULL && ts_file_mkdirs(o->log_dir) != TS_OK) {
        return cli_fail(CLI_EXIT_USAGE, CMD, "cannot make the directory --log-dir '%s': %s",
                        o->log_dir, cli_strerror(errno));
    }
    cli_net_finish_opts(&o->net);
    return enough_descriptors(o);
}

/* Everything a connection needs that is made once. */
typedef struct {
    ts_rsa_key *ca_key, *server_key;
    ts_buf ca_der, server_der, payload;
} serve_state;

static void state_free(serve_state *s)
{
    ts_rsa_free(s->ca_key);
    ts_rsa_free(s->server_key);
    ts_buf_free(&s->ca_der);
    ts_buf_free(&s->server_der);
    ts_buf_free(&s->payload);
}

static int prepare(const serve_opts *o, serve_state *s, ts_time now)
{
    if (o->file != NULL) {
        int rc = cli_read_input(CMD, "--file ", o->file, &s->payload);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
    } else if (ts_sample_write(&s->payload) != TS_OK) {
        return cli_fail(CLI_EXIT_FAIL, CMD, "cannot make the sample payload");
    }
    ts_rng kg;
    ts_err err = ts_rng_init(&kg, o->net.seed, TS_ACTOR_KEYGEN);
    if (err == TS_OK) {
        err = ts_x509_make_pki(&kg, o->net.bits, o->host, now, &s->ca_key, &s->ca_der,
                               &s->server_key, &s->server_der);
    }
    ts_rng_wipe(&kg);
    if (err != TS_OK) {
        return cli_fail(CLI_EXIT_FAIL, CMD, "cannot make the keys: %s", ts_err_str(err, cli_lang()));
    }
    ts_buf pem;
    ts_buf_init(&pem);
    char path[4096];
    snprintf(path, sizeof(path), "%s/ca.pem", o->out_dir);
    err = ts_x509_to_pem(s->ca_der.data, s->ca_der.len, &pem);
    if (err == TS_OK) {
        err = cli_write_file(path, pem.data, pem.len);
    }
    ts_buf_free(&pem);
    if (err != TS_OK) {
        return cli_fail(CLI_EXIT_FAIL, CMD, "cannot write %s", path);
    }
    return CLI_EXIT_OK;
}

static void print_head(const serve_opts *o, const serve_state *s, ts_time now)
{
    if (o->net.json) {
        return;
    }
    char when[32];
    ts_x509_time_format(now, when);
    printf(cli_tr("seed: %s\n"), o->net.seed);
    printf("%s\n", cli_tr("mode: serve (the simulator's server, a real client)"));
    ts_conn_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cli_net_versions(&o->net, TS_ROLE_SERVER, &cfg);
    cli_net_print_versions(&cfg, TS_ROLE_SERVER);
    printf(cli_tr("bits: %u\n"), o->net.bits);
    printf("%s\n", o->net.ems ? cli_tr("ems: on") : cli_tr("ems: off"));
    printf(cli_tr("host: %s\nclock: %s (%lld)\n"), o->host, when, (long long)now);
    uint8_t digest[TS_SHA256_LEN];
    char hex[2 * TS_SHA256_LEN + 1];
    ts_hash(TS_HASH_SHA256, s->payload.data, s->payload.len, digest);
    ts_hex_encode(digest, sizeof(digest), hex);
    const char *name = o->file != NULL ? o->file : ts_sample_name();
    printf(cli_tr("payload: %s, %zu bytes, %s, sha256 %s\nca: %s/ca.pem\n"), name,
           s->payload.len, ts_http_content_type(name), hex, o->out_dir);
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: accept and poll return EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

static int serve_loop(const serve_opts *o, serve_state *s, ts_time now, int lfd)
{
    ts_conn_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cli_net_versions(&o->net, TS_ROLE_SERVER, &cfg);
    cfg.ems = o->net.ems;
    cfg.host = o->host;
    cfg.now = now;
    cfg.dh_group = TS_DH_FFDHE2048;
    cfg.server_key = s->server_key;
    cfg.certs[0] = s->server_der.data;
    cfg.cert_lens[0] = s->server_der.len;
    cfg.n_certs = 1;
    cfg.payload = s->payload.data != NULL ? s->payload.data : (const uint8_t *)"";
    cfg.payload_len = s->payload.len;
    cfg.content_type = ts_http_content_type(o->file != NULL ? o->file : ts_sample_name());
    cfg.request_max = o->max_request;
    cli_serve_conns sc = {.opts = &o->net, .cfg = &cfg, .ca_der = &s->ca_der,
                          .server_der = &s->server_der, .log_dir = o->log_dir,
                          .status_line = !o->net.json && isatty(STDOUT_FILENO)};
    ts_net_server_limits lim = {.max_conns = (unsigned)o->max_conn,
                                .handshake_ms = (unsigned)o->hs_timeout * 1000u,
                                .idle_ms = o->net.timeout_ms,
                                .lifetime_ms = (unsigned)o->conn_timeout * 1000u,
                                .max_bytes_in = SERVE_MAX_IN + o->max_request,
                                .once = o->once};
    ts_net_server_hooks h = cli_serve_conns_hooks(&sc);
    bool last_ok = false;
    ts_err err = ts_net_serve(lfd, &lim, &h, &stop_requested, &last_ok);
    cli_serve_conns_done(&sc);
    if (err != TS_OK) {
        return cli_fail(CLI_EXIT_FAIL, CMD, "the connection loop failed: %s",
                        ts_err_str(err, cli_lang()));
    }
    if (o->once && sc.ended > 0) { /* stopped before any connection: 0, as ever */
        return last_ok && !sc.machinery ? CLI_EXIT_OK : CLI_EXIT_FAIL;
    }
    return CLI_EXIT_OK;
}

int cli_serve(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf(cli_tr(usage_text), cli_tr(cli_net_common_help));
        return CLI_EXIT_OK;
    }
    serve_opts o;
    memset(&o, 0, sizeof(o));
    cli_net_opts_init(&o.net);
    o.net.bits = 2048; /* Debian's OpenSSL, GnuTLS, Python and Chromium refuse less */
    o.port = TS_NET_DEFAULT_PORT;
    o.bind = "127.0.0.1";
    o.host = "localhost";
    o.out_dir = ".";
    o.max_conn = TS_NET_DEFAULT_MAX_CONNS;
    o.hs_timeout = TS_NET_DEFAULT_HANDSHAKE_MS / 1000u;
    o.conn_timeout = TS_NET_DEFAULT_LIFETIME_MS / 1000u;
    o.max_request = TS_HTTP_REQUEST_DEFAULT;
    int rc = parse(&o, argc, argv);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    ts_time now = cli_wall_clock();
    serve_state s;
    memset(&s, 0, sizeof(s));
    ts_buf_init(&s.ca_der);
    ts_buf_init(&s.server_der);
    ts_buf_init(&s.payload);
    rc = prepare(&o, &s, now);
    int lfd = -1;
    uint16_t port = 0;
    if (rc == CLI_EXIT_OK && ts_net_listen(o.bind, (uint16_t)o.port, &lfd, &port) != TS_OK) {
        rc = cli_fail(CLI_EXIT_FAIL, CMD, "cannot listen on %s:%lu: %s", o.bind, o.port,
                      cli_strerror(errno));
    }
    if (rc == CLI_EXIT_OK) {
        catch_signals();
        print_head(&o, &s, now);
        FILE *f = o.net.json ? stderr : stdout;
        fprintf(f, strchr(o.bind, ':') != NULL ? cli_tr("listening on [%s]:%u\n")
                                               : cli_tr("listening on %s:%u\n"),
                o.bind, (unsigned)port);
        fflush(f);
        if (!ts_net_is_loopback(lfd)) {
            fprintf(stderr, "%s\n", cli_tr("warning: not bound to loopback: anyone on this network "
                                           "can connect; this is a teaching server with toy keys "
                                           "(never for real secrets)"));
        }
        rc = serve_loop(&o, &s, now, lfd);
    }
    ts_net_close(lfd);
    state_free(&s);
    return rc;
}

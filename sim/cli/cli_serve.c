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
#include <sys/stat.h>

#include "base/ts_file.h"
#include "base/ts_hex.h"
#include "cli/cli.h"
#include "cli/cli_net.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_rsa.h"
#include "crypto/ts_x509.h"
#include "crypto/ts_x509_build.h"
#include "net/ts_net.h"
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
    "  --once            serve one connection, then exit (default: serve one after\n"
    "                    another until SIGINT or SIGTERM)\n"
    "  --host NAME       the DNS name in the server certificate (default localhost)\n"
    "  --file PATH       the file served (default: the built-in sample.bmp)\n"
    "  --out-dir DIR     where ca.pem is written, made if missing (default .)\n"
    "  --bits N          RSA modulus size of the keys it makes, 512..4096 (default 2048:\n                    what stock clients accept at their default security level)\n"
    "%s"
    "\n"
    "With --json the \"listening on\" line goes to stderr and stdout holds one JSON\n"
    "object per connection. Each connection N > 1 draws its random bytes from the\n"
    "seed \"S#N\" (S the seed), so connection 1 can be replayed with 'tlsstep run'.\n"
    "Exit status (--once): 0 when the connection ended as the protocol says (a\n"
    "complete HTTP exchange and a close), 1 otherwise, 2 for bad usage.\n"
    "\n"
    "example: tlsstep serve --port 4433 --once &\n"
    "         openssl s_client -tls1_2 -cipher 'AES256-GCM-SHA384' \\\n"
    "             -CAfile ca.pem -connect 127.0.0.1:4433 -servername localhost\n");

enum { OPT_PORT = CLI_NET_FIRST_OWN, OPT_BIND, OPT_ONCE, OPT_HOST, OPT_FILE, OPT_OUT_DIR };

typedef struct {
    cli_net_opts net;
    unsigned long port;
    const char *bind;
    bool once;
    const char *host;
    const char *file;
    const char *out_dir;
} serve_opts;

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
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
    default:
        return cli_usage_error(CMD, "unexpected option");
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
    cli_net_finish_opts(&o->net);
    return CLI_EXIT_OK;
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
    int rc = CLI_EXIT_OK;
    for (size_t n = 1; !stop_requested; n++) {
        int fd = -1;
        char peer[80] = "?";
        ts_err err = ts_net_accept(lfd, &fd, peer, sizeof(peer));
        if (err == TS_ERR_CLOSED) {
            n--;
            continue; /* a signal: the loop condition decides */
        }
        if (err != TS_OK) {
            return cli_fail(CLI_EXIT_FAIL, CMD, "accept failed: %s", cli_strerror(errno));
        }
        char seed[TS_RNG_SEED_MAX + 1];
        snprintf(seed, sizeof(seed), n == 1 ? "%s" : "%s#%zu", o->net.seed, n);
        cli_net_conn nc = {.cmd = CMD, .opts = &o->net, .role = TS_ROLE_SERVER, .cfg = &cfg,
                           .rng_seed = seed, .peer = peer, .ca_der = &s->ca_der,
                           .server_der = &s->server_der, .number = n};
        bool ok = cli_net_run(&nc, fd, NULL);
        if (o->once) {
            rc = ok ? CLI_EXIT_OK : CLI_EXIT_FAIL;
            break;
        }
    }
    return rc;
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
        rc = serve_loop(&o, &s, now, lfd);
    }
    ts_net_close(lfd);
    state_free(&s);
    return rc;
}

/* cli_connect: `tlsstep connect HOST:PORT`, the simulator's client against a
 * real TLS 1.3 or 1.2 server (openssl s_server, a web server): the handshake, an
 * HTTP GET, the response's status, size and SHA-256, and every record and
 * value printed as in `tlsstep run`. This front end reads the wall clock
 * (cli_wall_clock: certificate validity); the library never does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_net.h"
#include "crypto/ts_x509.h"
#include "net/ts_net.h"

#define CMD "connect"

static const char *const usage_text = N_(
    "usage: tlsstep connect HOST:PORT (--cafile FILE | --no-verify) [OPTIONS]\n"
    "Runs the simulator's TLS 1.3 and 1.2 client against a real server: the handshake,\n"
    "an HTTP/1.1 GET, and the response (status, size, SHA-256). Every record and\n"
    "every value is printed as in 'tlsstep run'.\n"
    "\n"
    "  --cafile FILE     the CA certificate (PEM) the server's certificate must\n"
    "                    chain to (e.g. the ca.pem 'tlsstep serve' or 'tlsstep\n"
    "                    cert' writes)\n"
    "  --no-verify       client flaw: accept any certificate (no --cafile needed)\n"
    "  --host NAME       the name sent as SNI and checked in the certificate\n"
    "                    (default HOST)\n"
    "  --path PATH       the path of the GET (default /)\n"
    "  --key-update      TLS 1.3: send KeyUpdate (update_requested) before the GET\n"
    "%s"
    "\n"
    "Exit status: 0 when the handshake verified and an HTTP response arrived,\n"
    "1 otherwise, 2 for bad usage.\n"
    "\n"
    "example: tlsstep cert --bits 2048 --out-dir pki\n"
    "         openssl s_server -tls1_2 -www -cert pki/server.pem -key pki/server.key \\\n"
    "             -accept 4433 &\n"
    "         tlsstep connect localhost:4433 --cafile pki/ca.pem\n");

enum { OPT_CAFILE = CLI_NET_FIRST_OWN, OPT_HOST, OPT_NO_VERIFY, OPT_PATH, OPT_KEY_UPDATE };

typedef struct {
    cli_net_opts net;
    const char *target;
    const char *cafile;
    const char *host;
    bool no_verify;
    const char *path;
} connect_opts;

static int own_option(void *ctx, int opt, const char *arg)
{
    connect_opts *o = ctx;
    switch (opt) {
    case OPT_CAFILE: o->cafile = arg; break;
    case OPT_HOST:
        if (arg[0] == '\0' || strlen(arg) > 253) {
            return cli_usage_error(CMD, "--host must be 1..253 characters");
        }
        o->host = arg;
        break;
    case OPT_NO_VERIFY: o->no_verify = true; break;
    case OPT_KEY_UPDATE: o->net.proto.key_update = true; break;
    case OPT_PATH:
        if (arg[0] != '/' || strlen(arg) > 512 || strpbrk(arg, " \r\n") != NULL) {
            return cli_usage_error(CMD, "--path must start with '/' and hold no spaces or "
                                   "line breaks (at most 512 characters)");
        }
        o->path = arg;
        break;
    default:
        return cli_usage_error(CMD, "unexpected option");
    }
    return CLI_EXIT_OK;
}

static int parse(connect_opts *o, int argc, char **argv)
{
    static const struct option longs[] = {
        CLI_NET_LONGOPTS,
        {"cafile", required_argument, NULL, OPT_CAFILE},
        {"host", required_argument, NULL, OPT_HOST},
        {"no-verify", no_argument, NULL, OPT_NO_VERIFY},
        {"path", required_argument, NULL, OPT_PATH},
        {"key-update", no_argument, NULL, OPT_KEY_UPDATE},
        {NULL, 0, NULL, 0},
    };
    int rc = cli_net_parse(CMD, &o->net, longs, own_option, o, argc, argv);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (optind >= argc) {
        return cli_usage_error(CMD, "HOST:PORT is required");
    }
    o->target = argv[optind++];
    if (optind < argc) {
        return cli_usage_error(CMD, "unexpected argument '%s'", argv[optind]);
    }
    if (o->net.proto.key_update && o->net.proto.tls == TS_VERSION_TLS12) {
        return cli_usage_error(CMD, "--key-update is for TLS 1.3 (TLS 1.2 has no KeyUpdate)");
    }
    if (o->cafile == NULL && !o->no_verify) {
        return cli_usage_error(CMD, "give --cafile FILE (the CA to trust) or --no-verify");
    }
    cli_net_finish_opts(&o->net);
    return CLI_EXIT_OK;
}

static void print_head(const connect_opts *o, const ts_conn_config *cfg)
{
    if (o->net.json) {
        return;
    }
    char when[32];
    ts_x509_time_format(cfg->now, when);
    printf(cli_tr("seed: %s\n"), o->net.seed);
    printf("%s\n", cli_tr("mode: connect (the simulator's client, a real server)"));
    cli_net_print_versions(cfg, TS_ROLE_CLIENT);
    printf("%s\n", o->net.ems ? cli_tr("ems: on") : cli_tr("ems: off"));
    printf("%s\n", o->no_verify ? cli_tr("flaws: no-verify") : cli_tr("flaws: none"));
    printf(cli_tr("host: %s\nclock: %s (%lld)\n"), cfg->host, when, (long long)cfg->now);
    printf(cli_tr("path: %s\n"), cfg->path);
    if (o->cafile != NULL) {
        printf(cli_tr("ca: %s\n"), o->cafile);
    } else {
        printf("%s\n", cli_tr("ca: (none)"));
    }
}

static int run(const connect_opts *o, const ts_buf *ca, const char *host, const char *port)
{
    ts_conn_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cli_net_versions(&o->net, TS_ROLE_CLIENT, &cfg);
    cfg.ems = o->net.ems;
    cfg.no_verify = o->no_verify;
    cfg.host = o->host != NULL ? o->host : host;
    cfg.now = cli_wall_clock();
    cfg.dh_group = TS_DH_FFDHE2048;
    cfg.ca_der = ca->len > 0 ? ca->data : NULL;
    cfg.ca_len = ca->len;
    cfg.path = o->path != NULL ? o->path : "/";
    print_head(o, &cfg);
    int fd = -1;
    char why[200] = "";
    if (ts_net_connect(host, port, o->net.timeout_ms, &fd, why, sizeof(why)) != TS_OK) {
        char text[400];
        return cli_fail(CLI_EXIT_FAIL, CMD, "%s", ts_net_why_text(cli_lang(), why, text,
                                                                  sizeof(text)));
    }
    char peer[300];
    snprintf(peer, sizeof(peer), strchr(host, ':') != NULL ? "[%s]:%s" : "%s:%s", host, port);
    cli_net_conn nc = {.cmd = CMD, .opts = &o->net, .role = TS_ROLE_CLIENT, .cfg = &cfg,
                       .rng_seed = o->net.seed, .peer = peer, .ca_der = ca->len > 0 ? ca : NULL};
    return cli_net_run(&nc, fd, NULL) ? CLI_EXIT_OK : CLI_EXIT_FAIL;
}

int cli_connect(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf(cli_tr(usage_text), cli_tr(cli_net_common_help));
        return CLI_EXIT_OK;
    }
    connect_opts o;
    memset(&o, 0, sizeof(o));
    cli_net_opts_init(&o.net);
    int rc = parse(&o, argc, argv);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    char host[256], port[8];
    if (!ts_net_split_hostport(o.target, host, sizeof(host), port, sizeof(port))) {
        return cli_usage_error(CMD, "'%s' is not HOST:PORT (port 1..65535)", o.target);
    }
    ts_buf ca;
    ts_buf_init(&ca);
    if (o.cafile != NULL) {
        ts_buf pem;
        rc = cli_read_input(CMD, "--cafile ", o.cafile, &pem);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
        ts_err err = ts_x509_from_pem((const char *)pem.data, pem.len, &ca);
        ts_buf_free(&pem);
        if (err != TS_OK) {
            ts_buf_free(&ca);
            return cli_fail(CLI_EXIT_USAGE, CMD, "--cafile '%s' holds no PEM certificate",
                            o.cafile);
        }
    }
    rc = run(&o, &ca, host, port);
    ts_buf_free(&ca);
    return rc;
}

/* cli_net: common options and the per-connection run of serve/connect. */
#include "cli/cli_net.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "crypto/ts_secret.h"
#include "tls/msg/ts_msg_extensions.h"
#include "export/ts_keylog.h"
#include "export/ts_pcap.h"
#include "net/ts_net.h"
#include "net/ts_net_log.h"
#include "net/ts_net_stream.h"

const char *const cli_net_common_help = N_( /* translated where it is printed */
    "  --suite rsa|ecdhe|dhe|null|tls13-aes|tls13-chacha\n"
    "                    cipher suite, the first four TLS 1.2, the last two TLS 1.3;\n"
    "                    serve: the one it picks for its version (default rsa and,\n"
    "                    for 1.3, either); connect: the one it offers for its\n"
    "                    version (default: offer all)\n"
    "  --tls 1.2|1.3     speak only this version (default: both, the newer preferred)\n"
    "  --group x25519|ffdhe2048|ffdhe3072|ffdhe4096\n"
    "                    TLS 1.3; serve: the group it requires (HelloRetryRequest\n"
    "                    when the client's share is another); connect: its first\n"
    "                    key share\n"
    "  --pad N           TLS 1.3: N zero bytes (0..255) of padding in every\n"
    "                    protected record it sends\n"
    "  --seed S          seed of every random byte (default: a fresh one, printed)\n"
    "  --ems             extended master secret (RFC 7627)\n"
    "  --json            print one JSON object per connection instead of the transcript\n"
    "  --timeout S       give up on a peer silent for S seconds, 1..3600 (default 10)\n"
    "  --pcap FILE       write what crossed the socket as a capture (pcapng with the\n"
    "                    key log inside when FILE ends in .pcapng); serve: each\n"
    "                    connection replaces it (the last one is kept)\n"
    "  --keylog FILE     append the NSS key log lines (SSLKEYLOGFILE format)\n"
    "  --lang en|ko      language of the messages and the transcript (default: from\n"
    "                    the locale); the JSON is English always\n");

void cli_net_opts_init(cli_net_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->bits = 1024;
    o->timeout_ms = TS_NET_DEFAULT_TIMEOUT_MS;
}

/* Handles common option opt with arg; returns CLI_EXIT_OK or the exit
 * status of a bad value (the message printed). */
static int net_option(const char *cmd, cli_net_opts *o, int opt, const char *arg)
{
    unsigned long v;
    switch (opt) {
    case CLI_NET_SUITE:
        return cli_proto_suite(cmd, arg, &o->proto);
    case CLI_NET_TLS:
        return cli_proto_tls(cmd, arg, &o->proto);
    case CLI_NET_GROUP:
        return cli_proto_group(cmd, arg, &o->proto);
    case CLI_NET_PAD:
        return cli_proto_pad(cmd, arg, &o->proto);
    case CLI_NET_BITS:
        if (!cli_parse_ulong(arg, 512, 4096, &v)) {
            return cli_usage_error(cmd, "--bits must be 512..4096, not '%s'", arg);
        }
        o->bits = (unsigned)v;
        return CLI_EXIT_OK;
    case CLI_NET_SEED:
        if (arg[0] == '\0' || strlen(arg) > TS_RNG_SEED_MAX - 16) {
            return cli_usage_error(cmd, "--seed must be 1..%d characters", TS_RNG_SEED_MAX - 16);
        }
        o->seed = arg;
        return CLI_EXIT_OK;
    case CLI_NET_EMS:
        o->ems = true;
        return CLI_EXIT_OK;
    case CLI_NET_JSON:
        o->json = true;
        return CLI_EXIT_OK;
    case CLI_NET_TIMEOUT:
        if (!cli_parse_ulong(arg, 1, 3600, &v)) {
            return cli_usage_error(cmd, "--timeout must be 1..3600 seconds, not '%s'", arg);
        }
        o->timeout_ms = (unsigned)v * 1000u;
        return CLI_EXIT_OK;
    case CLI_NET_PCAP:
        o->pcap = arg;
        return CLI_EXIT_OK;
    case CLI_NET_KEYLOG:
        o->keylog = arg;
        return CLI_EXIT_OK;
    case CLI_NET_LANG: {
        return cli_parse_lang_option(cmd, arg) ? CLI_EXIT_OK : CLI_EXIT_USAGE;
    }
    default:
        return cli_usage_error(cmd, "unexpected option");
    }
}

/* Reports a getopt '?'/':' result as a usage error. */
static int getopt_error(const char *cmd, char **argv)
{
    if (optopt != 0) {
        return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
    }
    return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
}

int cli_net_parse(const char *cmd, cli_net_opts *o, const struct option *longs,
                  cli_net_own_fn own, void *ctx, int argc, char **argv)
{
    opterr = 0;
    optind = 1;
    int opt;
    while ((opt = getopt_long(argc, argv, ":", longs, NULL)) != -1) {
        int rc;
        if (opt == '?' || opt == ':') {
            rc = getopt_error(cmd, argv);
        } else if (opt >= CLI_NET_FIRST_OWN) {
            rc = own(ctx, opt, optarg);
        } else {
            rc = net_option(cmd, o, opt, optarg);
        }
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
    }
    return cli_proto_check(cmd, &o->proto);
}

void cli_net_versions(const cli_net_opts *o, ts_role role, ts_conn_config *cfg)
{
    const cli_proto_opts *p = &o->proto;
    bool named13 = ts_suite_is_tls13(p->suite);
    bool named12 = p->suite != NULL && !named13;
    cfg->max_version = p->tls == TS_VERSION_TLS12 ? 0 : TS_VERSION_TLS13;
    cfg->min_version = p->tls == TS_VERSION_TLS13 ? TS_VERSION_TLS13 : TS_VERSION_TLS12;
    cfg->suite = named12 ? p->suite : p->tls == TS_VERSION_TLS13 ? NULL : cli_proto_default12();
    cfg->suite13 = cfg->max_version == 0 ? NULL : named13 ? p->suite : cli_proto_default13();
    cfg->offer_all = role == TS_ROLE_SERVER ? !named13 : p->suite == NULL;
    cfg->group = p->group;
    cfg->key_update = p->key_update;
    cfg->padding = p->padding;
}

void cli_net_print_versions(const ts_conn_config *cfg, ts_role role)
{
    /* a server's offer_all lets it take either 1.3 suite; for 1.2 it picks
     * its one suite */
    bool others12 = cfg->offer_all && role == TS_ROLE_CLIENT;
    if (cfg->suite13 != NULL) {
        printf(cfg->offer_all ? cli_tr("tls 1.3: %s (%s, 0x%04x), and the other TLS 1.3 suite\n")
                              : cli_tr("tls 1.3: %s (%s, 0x%04x)\n"),
               cfg->suite13->iana_name, cfg->suite13->cli_name, cfg->suite13->code);
    }
    if (cfg->suite != NULL) {
        printf(others12 ? cli_tr("tls 1.2: %s (%s, 0x%04x), and the other usable suites\n")
                              : cli_tr("tls 1.2: %s (%s, 0x%04x)\n"),
               cfg->suite->iana_name, cfg->suite->cli_name, cfg->suite->code);
    }
    if (cfg->group != 0) {
        printf(cli_tr("group: %s\n"), ts_group_name(cfg->group));
    }
}

void cli_net_finish_opts(cli_net_opts *o)
{
    if (o->seed == NULL) {
        ts_rng_new_seed(o->seed_buf);
        o->seed = o->seed_buf;
    }
}

/* --- one connection --- */

typedef struct {
    ts_net_log *log;
    ts_pcap *pcap;
    ts_err pcap_err;
    bool client_side; /* our endpoint is the client */
} taps;

static void on_record(void *ctx, bool outgoing, const uint8_t *rec, size_t n)
{
    taps *t = ctx;
    ts_net_log_record(t->log, outgoing, rec, n);
}

static void on_bytes(void *ctx, bool outgoing, const uint8_t *data, size_t n)
{
    taps *t = ctx;
    if (t->pcap == NULL || t->pcap_err != TS_OK || n == 0) {
        return;
    }
    bool c2s = outgoing == t->client_side;
    t->pcap_err = ts_pcap_segment(t->pcap, c2s ? TS_DIR_C2S : TS_DIR_S2C, data, n);
}

/* True when the endpoint's last "done" step says it ended well. */
static bool ended_well(const ts_net_log *l, const ts_conn *c, ts_role role)
{
    if (ts_conn_status_of(c) != TS_CONN_CLOSED) {
        return false;
    }
    const ts_trace *t = ts_net_log_trace(l);
    for (size_t i = ts_trace_count(t); i > 0; i--) {
        const ts_event *ev = &ts_trace_get(t, i - 1)->ev;
        if (ev->kind == TS_EV_DONE) {
            return ev->ok && (role == TS_ROLE_SERVER || ts_conn_http_status(c) != 0);
        }
    }
    return false;
}

static ts_err write_outputs(const cli_net_conn *nc, const ts_net_log *l, taps *t)
{
    const cli_net_opts *o = nc->opts;
    ts_side ours = nc->role == TS_ROLE_CLIENT ? TS_SIDE_CLIENT : TS_SIDE_SERVER;
    /* the key log from our side's values: TLS 1.2's line or TLS 1.3's */
    char *keys = NULL;
    ts_err err = ts_keylog_of_trace(ts_net_log_trace(l), ours, &keys);
    bool have_keys = err == TS_OK && keys[0] != '\0';
    if (o->keylog != NULL && have_keys) {
        err = ts_keylog_append(o->keylog, keys);
    }
    if (t->pcap != NULL) {
        if (have_keys) {
            (void)ts_pcap_add_secrets(t->pcap, keys);
        }
        if (ts_pcap_packet_count(t->pcap) > 0) {
            (void)ts_pcap_tcp_close(t->pcap, TS_DIR_C2S);
        }
        ts_err e = t->pcap_err != TS_OK ? t->pcap_err : ts_pcap_save(t->pcap, o->pcap);
        err = err != TS_OK ? err : e;
    }
    if (keys != NULL) {
        ts_secret_wipe(keys, strlen(keys));
        free(keys);
    }
    return err;
}

static ts_pcap *open_pcap(const cli_net_conn *nc)
{
    if (nc->opts->pcap == NULL) {
        return NULL;
    }
    ts_pcap_config pc;
    ts_pcap_config_default(&pc);
    pc.format = ts_pcap_format_for(nc->opts->pcap);
    pc.start_sec = (int64_t)cli_wall_clock();
    ts_pcap *p = NULL;
    if (ts_pcap_open(&pc, &p) != TS_OK || ts_pcap_tcp_handshake(p) != TS_OK) {
        ts_pcap_free(p);
        return NULL;
    }
    return p;
}

static void print_head(const cli_net_conn *nc, FILE *out)
{
    if (nc->number > 0) {
        fprintf(out, cli_tr("\nconnection %zu from %s\n"), nc->number, nc->peer);
    } else {
        fprintf(out, cli_tr("connected to %s\n"), nc->peer);
    }
    if (strcmp(nc->rng_seed, nc->opts->seed) != 0) {
        fprintf(out, cli_tr("random stream seed: %s\n"), nc->rng_seed);
    }
    fflush(out);
}

struct cli_net_session {
    cli_net_conn nc;
    ts_net_log *log;
    ts_conn *c;
    ts_rng rng;
    taps t;
    bool broke;
};

static void session_free(cli_net_session *s)
{
    ts_pcap_free(s->t.pcap);
    ts_conn_free(s->c);
    ts_net_log_free(s->log);
    ts_rng_wipe(&s->rng);
    free(s);
}

cli_net_session *cli_net_begin(const cli_net_conn *nc, FILE *out)
{
    cli_net_session *s = calloc(1, sizeof(*s));
    if (s == NULL) {
        return NULL;
    }
    s->nc = *nc;
    s->t.client_side = nc->role == TS_ROLE_CLIENT;
    ts_side ours = nc->role == TS_ROLE_CLIENT ? TS_SIDE_CLIENT : TS_SIDE_SERVER;
    ts_err err = ts_rng_init(&s->rng, nc->rng_seed,
                             nc->role == TS_ROLE_CLIENT ? TS_ACTOR_CLIENT : TS_ACTOR_SERVER);
    if (!nc->opts->json) {
        print_head(nc, out);
    }
    if (err == TS_OK) {
        err = ts_net_log_new(ours, nc->opts->json ? NULL : out, &s->log);
    }
    if (err == TS_OK) {
        ts_net_log_set_lang(s->log, cli_lang());
        if (nc->cfg->suite != NULL && nc->cfg->max_version < TS_VERSION_TLS13) {
            ts_net_log_set_kx(s->log, nc->cfg->suite->kx);
        }
        s->t.log = s->log;
        err = ts_conn_new(nc->role, nc->cfg, &s->rng, ts_net_log_event, s->log, &s->c);
    }
    if (err != TS_OK) {
        session_free(s);
        return NULL;
    }
    s->t.pcap = open_pcap(nc);
    if (nc->opts->pcap != NULL && s->t.pcap == NULL) {
        s->broke = true;
    }
    return s;
}

ts_conn *cli_net_session_conn(cli_net_session *s)
{
    return s->c;
}

ts_net_tap cli_net_session_tap(cli_net_session *s)
{
    ts_net_tap tap = {.record = on_record, .bytes = on_bytes, .ctx = &s->t};
    return tap;
}

const char *cli_net_session_result(cli_net_session *s, const ts_net_stats *st)
{
    ts_net_log_outcome out = {.transport = st->why, .timed_out = st->timed_out,
                              .ok = ended_well(s->log, s->c, s->nc.role), .conn = s->c};
    return ts_net_log_result(&out);
}

bool cli_net_end(cli_net_session *s, const ts_net_stats *st, FILE *out, bool *machinery)
{
    const cli_net_conn *nc = &s->nc;
    ts_net_log_flush(s->log);
    bool ok = ts_net_log_error(s->log) == TS_OK && ended_well(s->log, s->c, nc->role);
    ts_net_log_outcome o = {
        .mode = nc->cmd, .seed = nc->rng_seed,
        .bits = nc->role == TS_ROLE_CLIENT ? ts_conn_peer_bits(s->c) : nc->opts->bits,
        .peer = nc->peer, .transport = st->why, .timed_out = st->timed_out, .ok = ok,
        .conn = s->c, .number = nc->number,
        .ca_der = nc->ca_der != NULL ? nc->ca_der->data : NULL,
        .ca_len = nc->ca_der != NULL ? nc->ca_der->len : 0,
        .server_der = nc->server_der != NULL ? nc->server_der->data : NULL,
        .server_len = nc->server_der != NULL ? nc->server_der->len : 0,
    };
    if (nc->opts->json) {
        char *text = NULL;
        if (ts_net_log_json(s->log, &o, &text) == TS_OK) {
            fputs(text, out);
        } else {
            s->broke = true;
        }
        free(text);
    } else {
        ts_net_log_print_end(out, s->log, &o);
    }
    fflush(out);
    if (write_outputs(nc, s->log, &s->t) != TS_OK) {
        cli_fail(CLI_EXIT_FAIL, nc->cmd, "cannot write the capture or key log");
        s->broke = true;
    }
    bool broke = s->broke;
    session_free(s);
    if (machinery != NULL) {
        *machinery = broke;
    }
    return ok && !broke;
}

bool cli_net_run(const cli_net_conn *nc, int fd, bool *machinery)
{
    cli_net_session *s = cli_net_begin(nc, stdout);
    if (s == NULL) {
        ts_net_close(fd);
        if (machinery != NULL) {
            *machinery = true;
        }
        return false;
    }
    ts_net_tap tap = cli_net_session_tap(s);
    ts_net_stats st;
    ts_err err = ts_net_pump(fd, s->c, nc->opts->timeout_ms, &tap, &st);
    if (err != TS_OK) {
        s->broke = true;
    }
    bool ok = cli_net_end(s, &st, stdout, machinery);
    ts_net_close(fd);
    return ok;
}

/* cli_run: `tlsstep run`, the whole handshake and transfer without UI:
 * the text transcript (or --json) on stdout. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_compare.h"
#include "cli/cli_mtls.h"
#include "cli/cli_proto.h"
#include "cli/cli_run_lesson.h"
#include "crypto/ts_x509.h"
#include "export/ts_capture.h"
#include "export/ts_json.h"
#include "export/ts_transcript.h"
#include "lesson/ts_lesson_handout.h"
#include "simulation/ts_action_parse.h"
#include "simulation/ts_session.h"

#define MAX_ACTIONS 64

static const char *const usage_text = N_(
    "usage: tlsstep run [OPTIONS]\n"
    "Runs a whole TLS 1.2 (or 1.3) handshake, an HTTPS GET of a file and the close\n"
    "between a simulated client and server, and prints every record and every\n"
    "derived value (a readable transcript; --json for JSON). The first line is the\n"
    "seed: the same seed and options give byte-identical output.\n"
    "\n"
    "  --suite rsa|ecdhe|dhe|null|tls13-aes|tls13-chacha\n"
    "                    cipher suite: the first four TLS 1.2, the last two TLS\n"
    "                    1.3 (default rsa; with --tls 1.3, tls13-aes)\n"
    "%s"
    "  --key-update      TLS 1.3: the client sends KeyUpdate before its request\n"
    "  --bits N          RSA modulus size, 512..4096 (default 1024)\n"
    "  --seed S          seed of every random byte (default: a fresh one, printed)\n"
    "  --ems             extended master secret (RFC 7627)\n"
    "  --no-verify       client flaw: accept any certificate\n"
    "  --skip-ske-check  client flaw: do not check the ServerKeyExchange signature\n"
    "  --lax-pkcs1       client flaw: lax PKCS#1 v1.5 signature verifier\n"
    "  --host NAME       server name the client expects (default localhost)\n"
    "  --now UNIX        the session clock, seconds since 1970 (default\n"
    "                    1767225600 = 2026-01-01T00:00:00Z)\n"
    "  --file PATH       the file served over HTTPS (default: a built-in\n"
    "                    sample.bmp of about 40 KiB)\n"
    "  --tamper N,OFFSET,XOR  XOR byte OFFSET (counted from the first byte of the\n"
    "                    5-byte record header) of record N with hex byte XOR\n"
    "                    before delivery (repeatable)\n"
    "  --drop N          never deliver record N (repeatable)\n"
    "  --replay N        deliver record N a second time right after it (repeatable)\n"
    "  --json            print JSON instead of the transcript\n"
    "  --compare         run the same seed and options as TLS 1.2 and as TLS 1.3\n"
    "                    and print them side by side: the messages lined up, the\n"
    "                    round trips, what is encrypted, where the keys come from,\n"
    "                    where the server's signature is, the values only one has\n"
    "                    (--json: as JSON). The run's suite is one of the pair;\n"
    "                    --group, --key-update and --pad go to the TLS 1.3 run.\n"
    "                    Not with --tamper, --drop, --replay, --lesson, --pcap,\n"
    "                    --keylog or --html. Exit status 0 when both complete.\n"
    "  --pcap FILE       write the records that crossed the channel as a capture\n"
    "                    for Wireshark: TCP 127.0.0.1:49152 -> 127.0.0.2:443, times\n"
    "                    from the session clock; pcapng with the key log embedded\n"
    "                    (opens already decrypted) when FILE ends in .pcapng, else\n"
    "                    pcap. A dropped record never crossed: it is not in it.\n"
    "  --keylog FILE     append the key log (NSS format, as SSLKEYLOGFILE; TLS 1.2:\n"
    "                    CLIENT_RANDOM <client random> <master secret>; TLS 1.3:\n"
    "                    a line per traffic secret, CLIENT_HANDSHAKE_TRAFFIC_SECRET\n"
    "                    ... EXPORTER_SECRET), for tshark -o tls.keylog_file:FILE\n"
    "  --html FILE       also write the run as one self-contained HTML page (a\n"
    "                    handout: the sequence diagram, every record's bytes\n"
    "                    annotated, the plaintexts, every value with its formula\n"
    "                    and reproduce commands, the lesson's narration, the\n"
    "                    certificates, a tampered run beside the untampered one)\n"
    "                    in the --lang language; opens from disk, prints on A4\n"
    "                    (FILE -: the page on stdout instead of the transcript)\n"
    "  --lesson ID       play lesson ID (or a lesson file): its set-up is the run's\n"
    "                    (options given here win) and its narration comes before\n"
    "                    each step (see 'tlsstep lessons')\n"
    "  --lang en|ko      language of the transcript, the narration and the\n"
    "                    messages (default: from the locale); --json is English\n"
    "                    always\n"
    "  --lessons DIR     look for lessons in DIR first\n"
    "\n"
    "Records are numbered 1, 2, ... in the order they are written to the channel\n"
    "(a replayed copy takes the next number).\n"
    "Exit status: 0 when the run ends as the protocol says it must: without\n"
    "--tamper/--drop/--replay, a completed run with the file intact; with them,\n"
    "a run that ends in an alert or stalls (a changed, missing or repeated\n"
    "record must never let the run complete), except that changing only the\n"
    "minor version byte of a record header the protocol leaves unauthenticated\n"
    "completes: in TLS 1.2 the ClientHello's or ServerHello's (RFC 5246 E.1), in\n"
    "TLS 1.3 that of any record sent in the clear (RFC 8446 5.1: ignored). With\n"
    "--client-auth and a client certificate the server must refuse (none with\n"
    "require, expired, foreign or stolen), a run that ends in an alert. 1 when\n"
    "it ends otherwise; 2 for bad usage or input, or an action whose record\n"
    "never crossed the channel.\n");

typedef struct {
    ts_session_config cfg;
    cli_proto_opts proto; /* --suite, --tls, --group, --key-update */
    ts_action acts[MAX_ACTIONS];
    size_t n_acts;
    bool json;
    bool compare; /* --compare */
    const char *pcap, *keylog; /* --pcap, --keylog */
    const char *html;          /* --html */
    const char *file;
    cli_run_lesson lesson; /* --lesson, --lang, --lessons */
    bool client_cert;      /* --client-cert given */
} run_opts;

enum { OPT_SUITE = 256, OPT_BITS, OPT_SEED, OPT_EMS, OPT_NO_VERIFY, OPT_SKIP_SKE, OPT_LAX,
       OPT_HOST, OPT_NOW, OPT_FILE, OPT_TAMPER, OPT_DROP, OPT_REPLAY, OPT_JSON,
       OPT_LESSON, OPT_LANG, OPT_LESSONS, OPT_PCAP, OPT_KEYLOG, OPT_TLS, OPT_GROUP,
       OPT_KEY_UPDATE, OPT_PAD, OPT_COMPARE, OPT_CLIENT_AUTH, OPT_CLIENT_CERT, OPT_HTML };

static const struct option longopts[] = {
    {"suite", required_argument, NULL, OPT_SUITE},
    {"tls", required_argument, NULL, OPT_TLS},
    {"group", required_argument, NULL, OPT_GROUP},
    {"key-update", no_argument, NULL, OPT_KEY_UPDATE},
    {"pad", required_argument, NULL, OPT_PAD},
    {"client-auth", required_argument, NULL, OPT_CLIENT_AUTH},
    {"client-cert", required_argument, NULL, OPT_CLIENT_CERT},
    {"bits", required_argument, NULL, OPT_BITS},
    {"seed", required_argument, NULL, OPT_SEED},
    {"ems", no_argument, NULL, OPT_EMS},
    {"no-verify", no_argument, NULL, OPT_NO_VERIFY},
    {"skip-ske-check", no_argument, NULL, OPT_SKIP_SKE},
    {"lax-pkcs1", no_argument, NULL, OPT_LAX},
    {"host", required_argument, NULL, OPT_HOST},
    {"now", required_argument, NULL, OPT_NOW},
    {"file", required_argument, NULL, OPT_FILE},
    {"tamper", required_argument, NULL, OPT_TAMPER},
    {"drop", required_argument, NULL, OPT_DROP},
    {"replay", required_argument, NULL, OPT_REPLAY},
    {"json", no_argument, NULL, OPT_JSON},
    {"compare", no_argument, NULL, OPT_COMPARE},
    {"pcap", required_argument, NULL, OPT_PCAP},
    {"keylog", required_argument, NULL, OPT_KEYLOG},
    {"html", required_argument, NULL, OPT_HTML},
    {"lesson", required_argument, NULL, OPT_LESSON},
    {"lang", required_argument, NULL, OPT_LANG},
    {"lessons", required_argument, NULL, OPT_LESSONS},
    {NULL, 0, NULL, 0},
};

static int add_action(run_opts *o, const ts_action *a)
{
    if (o->n_acts == MAX_ACTIONS) {
        return cli_usage_error("run", "at most %d actions", MAX_ACTIONS);
    }
    o->acts[o->n_acts++] = *a;
    return CLI_EXIT_OK;
}

static int parse_one(run_opts *o, int opt, const char *arg)
{
    unsigned long v;
    ts_action a;
    char why[TS_ACTION_WHY_CAP];
    switch (opt) {
    case OPT_SUITE:
        return cli_proto_suite("run", arg, &o->proto);
    case OPT_TLS:
        return cli_proto_tls("run", arg, &o->proto);
    case OPT_GROUP:
        return cli_proto_group("run", arg, &o->proto);
    case OPT_PAD:
        return cli_proto_pad("run", arg, &o->proto);
    case OPT_CLIENT_AUTH:
        return cli_mtls_client_auth("run", arg, &o->cfg);
    case OPT_CLIENT_CERT:
        return cli_mtls_client_cert("run", arg, &o->cfg, &o->client_cert);
    case OPT_BITS:
        if (!cli_parse_ulong(arg, TS_SESSION_MIN_BITS, TS_SESSION_MAX_BITS, &v)) {
            return cli_usage_error("run", "--bits must be %d..%d, not '%s'", TS_SESSION_MIN_BITS,
                                   TS_SESSION_MAX_BITS, arg);
        }
        o->cfg.bits = (unsigned)v;
        return CLI_EXIT_OK;
    case OPT_SEED:
        if (arg[0] == '\0' || strlen(arg) > TS_RNG_SEED_MAX) {
            return cli_usage_error("run", "--seed must be 1..%d characters", TS_RNG_SEED_MAX);
        }
        o->cfg.seed = arg;
        return CLI_EXIT_OK;
    case OPT_HOST:
        if (!ts_x509_dns_name_valid(arg, false)) {
            return cli_usage_error("run", "--host '%s' is not a DNS host name", arg);
        }
        o->cfg.host = arg;
        return CLI_EXIT_OK;
    case OPT_NOW:
        if (!cli_parse_ulong(arg, 1, 253402300799UL, &v)) {
            return cli_usage_error("run", "--now must be seconds since 1970, 1..253402300799, "
                                   "not '%s'", arg);
        }
        o->cfg.now = (ts_time)v;
        return CLI_EXIT_OK;
    case OPT_TAMPER:
        if (ts_action_parse(TS_ACT_TAMPER, arg, &a, why, sizeof(why)) != TS_OK) {
            return cli_usage_error("run", "--tamper wants N,OFFSET,XOR, not '%s': %s", arg, why);
        }
        return add_action(o, &a);
    case OPT_DROP:
    case OPT_REPLAY:
        if (ts_action_parse(opt == OPT_DROP ? TS_ACT_DROP : TS_ACT_REPLAY, arg, &a, NULL, 0) !=
            TS_OK) {
            return cli_usage_error("run", "--%s wants a record number >= 1, not '%s'",
                                   opt == OPT_DROP ? "drop" : "replay", arg);
        }
        return add_action(o, &a);
    }
    return CLI_EXIT_OK;
}

/* --compare: the options it cannot take, and the run's suite (either
 * version: the TLS 1.3 options go to the TLS 1.3 run of the pair). */
static int compare_options(run_opts *o)
{
    const char *bad = o->n_acts > 0 ? "--tamper, --drop and --replay"
                      : o->lesson.id != NULL ? "--lesson"
                      : o->pcap != NULL || o->keylog != NULL || o->html != NULL
                          ? "--pcap, --keylog and --html"
                                                             : NULL;
    if (bad != NULL) {
        return cli_usage_error("run", "--compare runs two clean runs side by side: %s are for one "
                               "run, leave them out", bad);
    }
    int rc = cli_proto_check("run", &o->proto);
    o->cfg.suite = o->proto.suite != NULL            ? o->proto.suite
                   : o->proto.tls == TS_VERSION_TLS13 ? cli_proto_default13()
                                                      : NULL;
    return rc;
}

static int parse(run_opts *o, int argc, char **argv)
{
    opterr = 0;
    optind = 1;
    int opt;
    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        int rc = CLI_EXIT_OK;
        switch (opt) {
        case OPT_EMS: o->cfg.ems = true; break;
        case OPT_NO_VERIFY: o->cfg.no_verify = true; break;
        case OPT_SKIP_SKE: o->cfg.skip_ske_check = true; break;
        case OPT_LAX: o->cfg.lax_pkcs1 = true; break;
        case OPT_KEY_UPDATE: o->proto.key_update = true; break;
        case OPT_JSON: o->json = true; break;
        case OPT_COMPARE: o->compare = true; break;
        case OPT_PCAP: o->pcap = optarg; break;
        case OPT_KEYLOG: o->keylog = optarg; break;
        case OPT_HTML: o->html = optarg; break;
        case OPT_FILE: o->file = optarg; break;
        case OPT_LESSON: o->lesson.id = optarg; break;
        case OPT_LANG: o->lesson.lang_arg = optarg; break;
        case OPT_LESSONS: o->lesson.dir = optarg; break;
        case '?':
        case ':':
            if (optopt != 0) {
                return cli_usage_error("run", "option '%s' needs a value",
                                       argv[optind - 1]);
            }
            return cli_usage_error("run", "unknown option '%s'", argv[optind - 1]);
        default:
            rc = parse_one(o, opt, optarg);
        }
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
    }
    if (optind < argc) {
        return cli_usage_error("run", "unexpected argument '%s'", argv[optind]);
    }
    int rc = o->compare ? compare_options(o) : cli_proto_sim_suite("run", &o->proto, &o->cfg.suite);
    if (rc == CLI_EXIT_OK) {
        rc = cli_mtls_check("run", &o->cfg, o->client_cert);
    }
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    o->cfg.group = o->proto.group;
    o->cfg.key_update = o->proto.key_update;
    o->cfg.padding = o->proto.padding;
    return cli_run_lesson_lang(&o->lesson);
}

/* Exit 2 when an action's record never crossed (or was too short). */
static int check_actions(const ts_session *s)
{
    size_t m = ts_chan_count(ts_session_chan(s));
    for (size_t i = 0; i < ts_session_action_count(s); i++) {
        if (ts_session_action_applied(s, i)) {
            continue;
        }
        const ts_action *a = ts_session_action(s, i);
        const ts_chan_record *r = ts_chan_get(ts_session_chan(s), a->record);
        if (r == NULL || r->step_delivered == TS_CHAN_NO_STEP) {
            return cli_fail(CLI_EXIT_USAGE, "run", "record %zu never crossed the channel (the "
                            "run had %zu)", a->record, m);
        }
        return cli_fail(CLI_EXIT_USAGE, "run", "record %zu has %zu bytes: offset %zu is beyond "
                        "it", a->record, r->sent.len, a->offset);
    }
    return CLI_EXIT_OK;
}

/* True when every action changed only bytes the protocol leaves
 * unauthenticated (ts_chan_unauthenticated), so the run may complete. */
static bool only_unauthenticated(const ts_session *s)
{
    for (size_t i = 0; i < ts_session_action_count(s); i++) {
        const ts_action *a = ts_session_action(s, i);
        const ts_chan_record *r = ts_chan_get(ts_session_chan(s), a->record);
        if (a->kind != TS_ACT_TAMPER || r == NULL ||
            ts_chan_unauthenticated(ts_session_chan(s), a->record, a->offset) == NULL) {
            return false;
        }
    }
    return true;
}

/* True when the run ended as the protocol says it must: untouched, it
 * completes with the file intact; with authenticated bytes changed, dropped
 * or replayed, it ends in an alert or stalls (never completes); with a
 * client certificate the server must refuse, it ends in an alert. */
static bool ended_as_expected(const ts_session *s)
{
    const ts_result *res = ts_session_result(s);
    const ts_session_config *c = ts_session_config_of(s);
    bool refused = c->client_auth != TS_CLIENT_AUTH_NONE && c->client_cert != TS_CLIENT_CERT_GOOD &&
                   (c->client_cert != TS_CLIENT_CERT_NONE || c->client_auth == TS_CLIENT_AUTH_REQUIRE);
    if (refused) { /* a client certificate the server must refuse */
        return res->kind == TS_RESULT_ALERT;
    }
    if (ts_session_action_count(s) == 0 || only_unauthenticated(s)) {
        return res->kind == TS_RESULT_OK && res->payload_intact;
    }
    return res->kind == TS_RESULT_ALERT || res->kind == TS_RESULT_STALLED;
}

/* Writes the transcript or JSON to stdout in one piece. */
static ts_err output(const ts_session *s, bool json, const cli_run_lesson *lesson)
{
    if (!json && lesson->lesson != NULL) {
        return cli_run_lesson_write(lesson, s);
    }
    if (json) {
        char *text = NULL;
        TS_GUARD(ts_json_session(s, &text));
        ts_err err = cli_write_file("-", (const uint8_t *)text, strlen(text));
        free(text);
        return err;
    }
    char *text = NULL;
    size_t n = 0;
    ts_err err = ts_transcript_text_lang(s, lesson->lang, &text, &n);
    if (err == TS_OK) {
        err = cli_write_file("-", (const uint8_t *)text, n);
    }
    free(text);
    return err;
}

/* --pcap and --keylog: what Wireshark sees of the run (ts_capture). */
static int write_capture(const ts_session *s, const run_opts *o)
{
    if (o->pcap != NULL && ts_capture_write_session(s, o->pcap, NULL) != TS_OK) {
        return cli_fail(CLI_EXIT_USAGE, "run", "cannot write --pcap '%s'", o->pcap);
    }
    if (o->keylog != NULL && ts_capture_write_session(s, NULL, o->keylog) != TS_OK) {
        return cli_fail(CLI_EXIT_USAGE, "run", "cannot write --keylog '%s'", o->keylog);
    }
    if (o->html != NULL &&
        ts_lesson_handout_write(o->html, s, o->lesson.lesson, o->lesson.lang) != TS_OK) {
        return cli_fail(CLI_EXIT_USAGE, "run", "cannot write --html '%s'", o->html);
    }
    return CLI_EXIT_OK;
}

static int run(run_opts *o)
{
    ts_session *s = NULL;
    ts_err err = ts_session_new(&o->cfg, &s);
    if (err == TS_OK) {
        err = cli_run_lesson_session(&o->lesson, s); /* the lesson's weak key, if any */
    }
    if (err == TS_OK) {
        err = ts_session_set_actions(s, o->acts, o->n_acts);
    }
    if (err == TS_OK) {
        err = ts_session_run(s);
    }
    if (err != TS_OK) {
        ts_session_free(s);
        return cli_fail(CLI_EXIT_FAIL, "run", "the simulation failed: %s", ts_err_str(err, cli_lang()));
    }
    int rc = check_actions(s);
    if (rc == CLI_EXIT_OK) {
        rc = write_capture(s, o);
    }
    bool page_only = o->html != NULL && strcmp(o->html, "-") == 0; /* the page is stdout */
    if (rc == CLI_EXIT_OK && !page_only && output(s, o->json, &o->lesson) != TS_OK) {
        rc = cli_fail(CLI_EXIT_FAIL, "run", "cannot write the output");
    }
    if (rc == CLI_EXIT_OK) {
        rc = ended_as_expected(s) ? CLI_EXIT_OK : CLI_EXIT_FAIL;
    }
    ts_session_free(s);
    return rc;
}

int cli_run(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        char options[4096];
        snprintf(options, sizeof(options), "%s%s", cli_tr(cli_proto_help), cli_tr(cli_mtls_help));
        printf(cli_tr(usage_text), options);
        return CLI_EXIT_OK;
    }
    run_opts o;
    memset(&o, 0, sizeof(o));
    int rc = parse(&o, argc, argv);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (o.lesson.id != NULL) {
        bool done = false;
        rc = cli_run_lesson_setup(&o.lesson, &o.cfg, o.acts, &o.n_acts, MAX_ACTIONS, &done);
        if (rc != CLI_EXIT_OK || done) {
            cli_run_lesson_free(&o.lesson);
            return rc;
        }
    }
    rc = o.compare ? CLI_EXIT_OK /* the TLS 1.3 options go to the pair's TLS 1.3 run */
                   : cli_proto_sim_final("run", &o.proto, o.cfg.suite); /* the lesson's suite counts */
    if (rc != CLI_EXIT_OK) {
        cli_run_lesson_free(&o.lesson);
        return rc;
    }
    ts_buf file;
    ts_buf_init(&file);
    if (o.file != NULL) {
        if (cli_read_input("run", "--file ", o.file, &file) != CLI_EXIT_OK) {
            cli_run_lesson_free(&o.lesson);
            return CLI_EXIT_USAGE;
        }
        const char *slash = strrchr(o.file, '/');
        o.cfg.payload = file.data != NULL ? file.data : (const uint8_t *)"";
        o.cfg.payload_len = file.len;
        o.cfg.payload_name = slash != NULL ? slash + 1 : o.file;
    }
    rc = o.compare ? cli_compare_print(&o.cfg, o.json, o.lesson.lang) : run(&o);
    ts_buf_free(&file);
    cli_run_lesson_free(&o.lesson);
    return rc;
}

/* cli_ui: `tlsstep ui [LESSON] [OPTIONS]`, the step-through terminal UI on
 * a lesson (found, set up and overridden as `tlsstep run --lesson` does:
 * cli_run_lesson.h). Without a terminal it falls back to `tlsstep run
 * --lesson LESSON` with the same options (the narrated transcript); a
 * textbook lesson, which has no handshake to step through, is printed. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_mtls.h"
#include "cli/cli_proto.h"
#include "tls/msg/ts_msg_extensions.h"
#include "cli/cli_run_lesson.h"
#include "crypto/ts_rng.h"
#include "crypto/ts_suite.h"
#include "lesson/ts_lesson_suite.h"
#include "simulation/ts_session.h"
#include "ui/ui_color.h"
#include "ui/ui_main.h"

static const char *const usage_text = N_(
    "usage: tlsstep ui [LESSON] [OPTIONS]\n"
    "Steps through a TLS 1.2 (or 1.3) handshake in the terminal: the client and\n"
    "the server with what each knows, the records crossing the channel between\n"
    "them, the lesson's narration of each step, an inspector for records and\n"
    "values, and a hex editor to tamper with a record in flight. Press ? inside\n"
    "for every key.\n"
    "Without a terminal on stdout it prints the `tlsstep run --lesson` transcript\n"
    "instead.\n"
    "\n"
    "  LESSON            a lesson or exercise id, or a lesson file (default: the\n"
    "                    lesson written for --suite, else rsa-handshake; 'tlsstep\n"
    "                    lessons' lists them). Its set-up is the run's; the\n"
    "                    options below win over it (the narration says so when\n"
    "                    --suite differs from the lesson's)\n"
    "  --lessons DIR     look for lessons in DIR first\n"
    "  --suite rsa|ecdhe|dhe|null|tls13-aes|tls13-chacha\n"
    "                    cipher suite: the first four TLS 1.2, the last two TLS\n"
    "                    1.3 (default: the lesson's, else rsa; with --tls 1.3,\n"
    "                    tls13-aes)\n"
    "  --tls 1.2|1.3     the protocol version (default: the suite's, else 1.2)\n"
    "  --group x25519|ffdhe2048|ffdhe3072|ffdhe4096\n"
    "                    TLS 1.3: the group the server requires (another than\n"
    "                    x25519 makes a HelloRetryRequest)\n"
    "  --key-update      TLS 1.3: the client sends KeyUpdate before its request\n"
    "  --pad N           TLS 1.3: N zero bytes (0..255) of padding in every\n"
    "                    protected record\n"
    "  --bits N          RSA modulus size, 512..4096 (default 1024)\n"
    "  --seed S          seed of every random byte (default: the lesson's, else a\n"
    "                    fresh one, shown)\n"
    "  --lang en|ko      language (default: from the locale, ko_* gives Korean)\n"
    "  --ems             extended master secret (RFC 7627)\n"
    "  --no-verify       client flaw: accept any certificate\n"
    "  --skip-ske-check  client flaw: do not check the ServerKeyExchange signature\n"
    "  --lax-pkcs1       client flaw: lax PKCS#1 v1.5 signature verifier\n"
    "  --theme default|high-contrast  colours; high-contrast is bold and bright on\n"
    "                    black, for a projector (NO_COLOR turns colours off)\n"
    "  --compare         open on TLS 1.2 beside TLS 1.3: the same seed and options\n"
    "                    run as both versions, the messages lined up, stepped\n"
    "                    together (the v key opens and closes it at any step;\n"
    "                    --group, --key-update and --pad go to the TLS 1.3 run).\n"
    "                    Without a terminal: 'tlsstep run --compare'\n");

#define MAX_ACTIONS 64

/* What the command line gave, and the lesson it names. */
typedef struct {
    ts_session_config cfg;
    cli_proto_opts proto; /* --suite, --tls, --group, --key-update */
    cli_run_lesson les; /* id, --lessons, --lang; the loaded lesson */
    ts_action acts[MAX_ACTIONS];
    size_t n_acts;
    int theme;             /* ui_theme */
    bool compare;          /* --compare */
    char picked[64];       /* the lesson picked for --suite ("" when none) */
    bool client_cert;      /* --client-cert given */
} ui_cli;

enum { OPT_SUITE = 256, OPT_BITS, OPT_SEED, OPT_LANG, OPT_EMS, OPT_NO_VERIFY, OPT_SKIP_SKE,
       OPT_LAX, OPT_LESSONS, OPT_THEME, OPT_TLS, OPT_GROUP, OPT_KEY_UPDATE, OPT_PAD,
       OPT_COMPARE, OPT_CLIENT_AUTH, OPT_CLIENT_CERT };

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
    {"lang", required_argument, NULL, OPT_LANG},
    {"ems", no_argument, NULL, OPT_EMS},
    {"no-verify", no_argument, NULL, OPT_NO_VERIFY},
    {"skip-ske-check", no_argument, NULL, OPT_SKIP_SKE},
    {"lax-pkcs1", no_argument, NULL, OPT_LAX},
    {"lessons", required_argument, NULL, OPT_LESSONS},
    {"theme", required_argument, NULL, OPT_THEME},
    {"compare", no_argument, NULL, OPT_COMPARE},
    {NULL, 0, NULL, 0},
};

static int parse_value(ui_cli *o, int opt, const char *arg)
{
    unsigned long v;
    switch (opt) {
    case OPT_SUITE:
        return cli_proto_suite("ui", arg, &o->proto);
    case OPT_TLS:
        return cli_proto_tls("ui", arg, &o->proto);
    case OPT_GROUP:
        return cli_proto_group("ui", arg, &o->proto);
    case OPT_PAD:
        return cli_proto_pad("ui", arg, &o->proto);
    case OPT_CLIENT_AUTH:
        return cli_mtls_client_auth("ui", arg, &o->cfg);
    case OPT_CLIENT_CERT:
        return cli_mtls_client_cert("ui", arg, &o->cfg, &o->client_cert);
    case OPT_KEY_UPDATE:
        o->proto.key_update = true;
        return CLI_EXIT_OK;
    case OPT_BITS:
        if (!cli_parse_ulong(arg, TS_SESSION_MIN_BITS, TS_SESSION_MAX_BITS, &v)) {
            return cli_usage_error("ui", "--bits must be %d..%d, not '%s'", TS_SESSION_MIN_BITS,
                                   TS_SESSION_MAX_BITS, arg);
        }
        o->cfg.bits = (unsigned)v;
        return CLI_EXIT_OK;
    case OPT_SEED:
        if (arg[0] == '\0' || strlen(arg) > TS_RNG_SEED_MAX) {
            return cli_usage_error("ui", "--seed must be 1..%d characters", TS_RNG_SEED_MAX);
        }
        o->cfg.seed = arg;
        return CLI_EXIT_OK;
    case OPT_LANG: o->les.lang_arg = arg; return CLI_EXIT_OK;
    case OPT_LESSONS: o->les.dir = arg; return CLI_EXIT_OK;
    case OPT_THEME: {
        ui_theme t;
        if (!ui_color_parse_theme(arg, &t)) {
            return cli_usage_error("ui", "unknown theme '%s' (default or high-contrast)", arg);
        }
        o->theme = (int)t;
        return CLI_EXIT_OK;
    }
    case OPT_EMS: o->cfg.ems = true; return CLI_EXIT_OK;
    case OPT_COMPARE: o->compare = true; return CLI_EXIT_OK;
    case OPT_NO_VERIFY: o->cfg.no_verify = true; return CLI_EXIT_OK;
    case OPT_SKIP_SKE: o->cfg.skip_ske_check = true; return CLI_EXIT_OK;
    case OPT_LAX: o->cfg.lax_pkcs1 = true; return CLI_EXIT_OK;
    default: return CLI_EXIT_OK;
    }
}

static int parse(ui_cli *o, int argc, char **argv)
{
    opterr = 0;
    optind = 1;
    int opt;
    while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1 || optind < argc) {
        if (opt == -1) {
            if (o->les.id != NULL) {
                return cli_usage_error("ui", "unexpected argument '%s'", argv[optind]);
            }
            o->les.id = argv[optind++];
            continue;
        }
        if (opt == '?' || opt == ':') {
            if (optopt != 0) {
                return cli_usage_error("ui", "option '%s' needs a value", argv[optind - 1]);
            }
            return cli_usage_error("ui", "unknown option '%s'", argv[optind - 1]);
        }
        int rc = parse_value(o, opt, optarg);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
    }
    int rc = o->compare ? cli_proto_check("ui", &o->proto) /* 1.3 options: the pair's 1.3 run */
                        : cli_proto_sim_suite("ui", &o->proto, &o->cfg.suite);
    if (rc == CLI_EXIT_OK) {
        rc = cli_mtls_check("ui", &o->cfg, o->client_cert);
    }
    if (o->compare) {
        o->cfg.suite = o->proto.suite != NULL            ? o->proto.suite
                       : o->proto.tls == TS_VERSION_TLS13 ? cli_proto_default13()
                                                          : NULL;
    }
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    o->cfg.group = o->proto.group;
    o->cfg.key_update = o->proto.key_update;
    o->cfg.padding = o->proto.padding;
    return cli_run_lesson_lang(&o->les);
}

/* `tlsstep run` with the lesson and the run options of o, for when there is
 * no terminal (builtin: no lessons folder, so no --lesson). */
static int fallback(const ui_cli *o, bool builtin)
{
    char bits[16];
    char *av[32];
    int n = 0;
    av[n++] = "run";
    if (o->compare) {
        av[n++] = "--compare";
    } else if (!builtin) {
        av[n++] = "--lesson";
        av[n++] = (char *)o->les.id;
    }
    if (o->les.dir != NULL) {
        av[n++] = "--lessons";
        av[n++] = (char *)o->les.dir;
    }
    if (o->les.lang_arg != NULL) {
        av[n++] = "--lang";
        av[n++] = (char *)o->les.lang_arg;
    }
    if (o->cfg.suite != NULL) {
        av[n++] = "--suite";
        av[n++] = (char *)o->cfg.suite->cli_name;
    }
    if (o->cfg.bits != 0) {
        snprintf(bits, sizeof(bits), "%u", o->cfg.bits);
        av[n++] = "--bits";
        av[n++] = bits;
    }
    if (o->cfg.seed != NULL) {
        av[n++] = "--seed";
        av[n++] = (char *)o->cfg.seed;
    }
    if (o->cfg.ems) {
        av[n++] = "--ems";
    }
    if (o->cfg.no_verify) {
        av[n++] = "--no-verify";
    }
    if (o->cfg.skip_ske_check) {
        av[n++] = "--skip-ske-check";
    }
    if (o->cfg.lax_pkcs1) {
        av[n++] = "--lax-pkcs1";
    }
    if (o->cfg.group != 0) {
        av[n++] = "--group";
        av[n++] = (char *)ts_group_name(o->cfg.group);
    }
    if (o->cfg.key_update) {
        av[n++] = "--key-update";
    }
    if (o->cfg.client_auth != TS_CLIENT_AUTH_NONE) {
        av[n++] = "--client-auth";
        av[n++] = (char *)ts_client_auth_name(o->cfg.client_auth);
        av[n++] = "--client-cert";
        av[n++] = (char *)ts_client_cert_name(o->cfg.client_cert);
    }
    char pad[24];
    if (o->cfg.padding > 0) {
        snprintf(pad, sizeof(pad), "%zu", o->cfg.padding);
        av[n++] = "--pad";
        av[n++] = pad;
    }
    av[n] = NULL;
    return cli_run(n, av);
}

/* --suite without a lesson: the lesson written for that suite becomes the
 * lesson (ts_lesson_for_suite), so the narration tells what happens; when
 * it is the default or cannot be found, the default stays (and its
 * narration says it assumes another key exchange). */
static void pick_for_suite(ui_cli *o)
{
    if (o->les.id != NULL || o->cfg.suite == NULL) {
        return;
    }
    const char *id = ts_lesson_for_suite(o->cfg.suite->cli_name);
    if (id != NULL && strcmp(id, UI_DEFAULT_LESSON) != 0 && ts_lesson_found(id, o->les.dir)) {
        snprintf(o->picked, sizeof(o->picked), "%s", id);
        o->les.id = o->picked;
    }
}

/* The lesson's own suite when the run's key exchange is another, else NULL. */
static const char *suite_mismatch(const ui_cli *o)
{
    const ts_lesson *l = o->les.lesson;
    if (l == NULL || o->cfg.suite == NULL ||
        !ts_lesson_suite_mismatch(l, o->cfg.suite->cli_name, o->les.lang, NULL, 0)) {
        return NULL;
    }
    return ts_lesson_suite(l);
}

/* The UI on the loaded lesson (or the built-in narration). */
static int start(ui_cli *o, bool builtin)
{
    if (!builtin && o->les.lesson->run.play == TS_LESSON_PLAY_TEXTBOOK) {
        return cli_run_lesson_textbook(&o->les); /* no handshake to step through */
    }
    if (!builtin) {
        int rc = cli_run_lesson_apply(&o->les, &o->cfg, o->acts, &o->n_acts, MAX_ACTIONS);
        if (rc != CLI_EXIT_OK) {
            return rc;
        }
    }
    int rc = o->compare ? CLI_EXIT_OK /* the TLS 1.3 options go to the pair's TLS 1.3 run */
                        : cli_proto_sim_final("ui", &o->proto, o->cfg.suite); /* the lesson's suite counts */
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    const char *lesson_suite = builtin ? NULL : suite_mismatch(o);
    ui_options u = {
        .cfg = o->cfg,
        .lesson = builtin ? UI_DEFAULT_LESSON : o->les.lesson->id,
        .les = o->les.lesson,
        .acts = o->acts,
        .n_acts = o->n_acts,
        .lang = o->les.lang,
        .lang_set = true,
        .no_lessons = builtin,
        .theme = o->theme,
        .lesson_suite = lesson_suite,
        .picked_for = o->picked[0] != '\0' ? o->cfg.suite->cli_name : NULL,
        .compare = o->compare,
    };
    return ui_run(&u);
}

int cli_ui(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_tr(usage_text), stdout);
        fputs(cli_tr(cli_mtls_help), stdout);
        return CLI_EXIT_OK;
    }
    ui_cli o;
    memset(&o, 0, sizeof(o));
    o.les.cmd = "ui";
    int rc = parse(&o, argc, argv);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    pick_for_suite(&o);
    /* The default lesson with no lessons folder at all: built-in narration. */
    bool builtin = (o.les.id == NULL || strcmp(o.les.id, UI_DEFAULT_LESSON) == 0) &&
                   o.les.dir == NULL && !cli_run_lesson_have_dirs(NULL);
    if (o.les.id == NULL) {
        o.les.id = UI_DEFAULT_LESSON;
    }
    if (!builtin && (rc = cli_run_lesson_load(&o.les)) != CLI_EXIT_OK) {
        return rc;
    }
    if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
        rc = fallback(&o, builtin);
    } else {
        rc = start(&o, builtin);
    }
    cli_run_lesson_free(&o.les);
    return rc;
}

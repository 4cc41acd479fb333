/* cli_ui: `tlsstep ui [LESSON] [OPTIONS]`, the step-through terminal UI.
 * Without a terminal on stdout it falls back to `tlsstep run` with the same
 * run options (the transcript). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ts_rng.h"
#include "ts_session.h"
#include "ts_suite.h"
#include "ui_main.h"

/* Declared here until include/cli.h lists them (compatible redeclarations). */
int cli_ui(int argc, char **argv);
int cli_run(int argc, char **argv);

static const char usage_text[] =
    "usage: tlsstep ui [LESSON] [OPTIONS]\n"
    "Steps through a TLS 1.2 handshake in the terminal: the client and the server\n"
    "with what each knows, the records crossing the channel between them, the\n"
    "narration of each step, an inspector for records and values, and a hex\n"
    "editor to tamper with a record in flight. Press ? inside for every key.\n"
    "Without a terminal on stdout it prints the `tlsstep run` transcript instead.\n"
    "\n"
    "  LESSON            the lesson (default and only one so far: rsa-handshake)\n"
    "  --suite rsa|ecdhe|dhe|null  cipher suite (default rsa)\n"
    "  --bits N          RSA modulus size, 512..4096 (default 1024)\n"
    "  --seed S          seed of every random byte (default: a fresh one, shown)\n"
    "  --lang en|ko      language (default: from the locale, ko_* gives Korean)\n"
    "  --ems             extended master secret (RFC 7627)\n"
    "  --no-verify       client flaw: accept any certificate\n"
    "  --skip-ske-check  client flaw: do not check the ServerKeyExchange signature\n"
    "  --lax-pkcs1       client flaw: lax PKCS#1 v1.5 signature verifier\n";

enum { OPT_SUITE = 256, OPT_BITS, OPT_SEED, OPT_LANG, OPT_EMS, OPT_NO_VERIFY, OPT_SKIP_SKE,
       OPT_LAX };

static const struct option longopts[] = {
    {"suite", required_argument, NULL, OPT_SUITE},
    {"bits", required_argument, NULL, OPT_BITS},
    {"seed", required_argument, NULL, OPT_SEED},
    {"lang", required_argument, NULL, OPT_LANG},
    {"ems", no_argument, NULL, OPT_EMS},
    {"no-verify", no_argument, NULL, OPT_NO_VERIFY},
    {"skip-ske-check", no_argument, NULL, OPT_SKIP_SKE},
    {"lax-pkcs1", no_argument, NULL, OPT_LAX},
    {NULL, 0, NULL, 0},
};

static int parse_value(ui_options *o, int opt, const char *arg)
{
    unsigned long v;
    switch (opt) {
    case OPT_SUITE:
        o->cfg.suite = ts_suite_by_name(arg);
        if (o->cfg.suite == NULL) {
            return cli_usage_error("ui", "unknown suite '%s' (rsa, ecdhe, dhe or null)", arg);
        }
        if (!ts_suite_usable(o->cfg.suite)) {
            return cli_fail(CLI_EXIT_USAGE, "ui", "suite %s needs AES-NI, which this CPU "
                            "lacks; use --suite ecdhe, dhe or null", o->cfg.suite->cli_name);
        }
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
    case OPT_LANG:
        if (!ui_lang_parse(arg, &o->lang)) {
            return cli_usage_error("ui", "--lang must be en or ko, not '%s'", arg);
        }
        o->lang_set = true;
        return CLI_EXIT_OK;
    case OPT_EMS: o->cfg.ems = true; return CLI_EXIT_OK;
    case OPT_NO_VERIFY: o->cfg.no_verify = true; return CLI_EXIT_OK;
    case OPT_SKIP_SKE: o->cfg.skip_ske_check = true; return CLI_EXIT_OK;
    case OPT_LAX: o->cfg.lax_pkcs1 = true; return CLI_EXIT_OK;
    default: return CLI_EXIT_OK;
    }
}

static int parse(ui_options *o, int argc, char **argv)
{
    opterr = 0;
    optind = 1;
    int opt;
    while ((opt = getopt_long(argc, argv, "+", longopts, NULL)) != -1 || optind < argc) {
        if (opt == -1) {
            if (o->lesson != NULL) {
                return cli_usage_error("ui", "unexpected argument '%s'", argv[optind]);
            }
            o->lesson = argv[optind++];
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
    if (o->lesson != NULL && strcmp(o->lesson, UI_DEFAULT_LESSON) != 0) {
        return cli_usage_error("ui", "unknown lesson '%s' (lessons: %s)", o->lesson,
                               UI_DEFAULT_LESSON);
    }
    return CLI_EXIT_OK;
}

/* `tlsstep run` with the run options of o, for when there is no terminal. */
static int fallback(const ui_options *o)
{
    char bits[16];
    char *av[16];
    int n = 0;
    av[n++] = "run";
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
    av[n] = NULL;
    return cli_run(n, av);
}

int cli_ui(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(usage_text, stdout);
        return CLI_EXIT_OK;
    }
    ui_options o;
    memset(&o, 0, sizeof(o));
    int rc = parse(&o, argc, argv);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
        return fallback(&o);
    }
    return ui_run(&o);
}

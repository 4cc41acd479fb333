/* main: the tlsstep command line; dispatches to one function per command. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/ts_i18n.h"
#include "crypto/ts_rng.h"

#include "cli/cli.h"

/* The version; the Makefile passes -DTS_VERSION="$(VERSION)", the one place
 * it is defined (tests/install checks that this default agrees). */
#ifndef TS_VERSION
#define TS_VERSION "0.2.0"
#endif

/* `tlsstep version` (and `tlsstep --version`): prints "tlsstep X.Y.Z". */
static int version(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_tr("usage: tlsstep version\n"
                     "Prints \"tlsstep X.Y.Z\", the version of this program, as\n"
                     "'tlsstep --version' does.\n"), stdout);
        return CLI_EXIT_OK;
    }
    if (argc > 1) {
        return cli_usage_error("version", "unexpected argument '%s'", argv[1]);
    }
    printf("tlsstep %s\n", TS_VERSION);
    return CLI_EXIT_OK;
}

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary; /* a msgid */
} command;

static const command commands[] = {
    {"ui", cli_ui, N_("the step-through terminal UI (the default on a terminal)")},
    {"run", cli_run, N_("run a whole handshake and transfer without UI (transcript; --json)")},
    {"lessons", cli_lessons, N_("list the lessons and exercises")},
    {"exercise", cli_exercise, N_("print an exercise and write its public material")},
    {"check", cli_check, N_("check an exercise answer (exit 0 when solved)")},
    {"serve", cli_serve, N_("the simulator's server for a real TLS 1.3 or 1.2 client (openssl, curl)")},
    {"connect", cli_connect, N_("the simulator's client against a real TLS 1.3 or 1.2 server")},
    {"decode", cli_decode, N_("decode TLS records given as raw bytes or hex")},
    {"prf", cli_prf, N_("compute the TLS 1.2 PRF (hex out)")},
    {"hkdf", cli_hkdf, N_("compute HKDF and TLS 1.3's Expand-Label and Derive-Secret (hex out)")},
    {"aead", cli_aead, N_("open or seal a record with AES-256-GCM or ChaCha20-Poly1305 (hex out)")},
    {"rsa", cli_rsa, N_("toy RSA: keygen, from-factors, pub, encrypt, decrypt, sign, verify")},
    {"cert", cli_cert, N_("write a toy CA and a server certificate with its key")},
    {"version", version, N_("print the version (also: tlsstep --version)")},
};

static void usage(FILE *f)
{
    fputs(cli_tr("usage: tlsstep COMMAND [OPTIONS]\n"
                 "An educational, step-through TLS 1.2 and TLS 1.3 handshake simulator.\n\n"
                 "commands:\n"),
          f);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        fprintf(f, "  %-10s %s\n", commands[i].name, cli_tr(commands[i].summary));
    }
    fputs(cli_tr("\noptions:\n"
                 "  -h, --help   this list\n"
                 "  --version    print \"tlsstep X.Y.Z\"\n"
                 "  --lang en|ko the language of messages, help and output (default: from\n"
                 "               LANGUAGE, LC_ALL, LC_MESSAGES or LANG); every command takes it\n"
                 "\n'tlsstep COMMAND --help' documents each command; 'man tlsstep' all of\n"
                 "them.\n"), f);
}

/* Prints "tlsstep: MESSAGE (see 'tlsstep --help')" in the CLI's language;
 * returns CLI_EXIT_USAGE. */
static int main_usage_error(const char *fmt, const char *arg)
{
    fputs("tlsstep: ", stderr);
    fprintf(stderr, cli_tr(fmt), arg);
    fprintf(stderr, " %s\n", cli_tr("(see 'tlsstep --help')"));
    return CLI_EXIT_USAGE;
}

/* Says once, in English (there is nothing to translate it with), when the
 * language asked for has no catalogue where the program looks for it. */
static void warn_no_catalogue(ts_lang lang)
{
    char where[512];
    if (!ts_i18n_available(lang, where, sizeof(where))) {
        fprintf(stderr,
                "tlsstep: no '%s' catalogue (%s/LC_MESSAGES/tlsstep.mo) beside the program or in "
                "%s; messages stay in English (run 'make' to build it)\n",
                ts_lang_code(lang), ts_lang_code(lang), where);
    }
}

int main(int argc, char **argv)
{
    cli_set_lang(cli_lang_from_args(argc, argv));
    warn_no_catalogue(cli_lang());
    if (ts_rng_global_init() != TS_OK) {
        fprintf(stderr, "tlsstep: %s\n", cli_tr("libsodium failed to initialise"));
        return 1;
    }
    /* `tlsstep --lang ko COMMAND ...`: the language before the command */
    int first = 1;
    if (argc > 1 && (strcmp(argv[1], "--lang") == 0 || strncmp(argv[1], "--lang=", 7) == 0)) {
        bool split = strcmp(argv[1], "--lang") == 0;
        const char *v = split ? (argc > 2 ? argv[2] : "") : argv[1] + 7;
        ts_lang l;
        if (!ts_lang_parse(v, &l)) {
            return main_usage_error(N_("--lang must be en or ko, not '%s'"), v);
        }
        first = split ? 3 : 2;
        if (first > argc) {
            first = argc;
        }
    }
    argc -= first - 1;
    argv += first - 1;
    if (argc < 2) {
        /* On a terminal the UI on the default lesson; otherwise its transcript. */
        static char ui[] = "ui", run[] = "run";
        char *args[] = {isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) ? ui : run, NULL};
        return args[0] == ui ? cli_ui(1, args) : cli_run(1, args);
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        return version(1, argv + 1);
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    return main_usage_error(N_("unknown command '%s'"), argv[1]);
}

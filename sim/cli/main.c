/* main: the tlsstep command line; dispatches to one function per command. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
        fputs("usage: tlsstep version\n"
              "Prints \"tlsstep X.Y.Z\", the version of this program, as\n"
              "'tlsstep --version' does.\n", stdout);
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
    const char *summary;
} command;

static const command commands[] = {
    {"ui", cli_ui, "the step-through terminal UI (the default on a terminal)"},
    {"run", cli_run, "run a whole handshake and transfer without UI (transcript; --json)"},
    {"lessons", cli_lessons, "list the lessons and exercises"},
    {"exercise", cli_exercise, "print an exercise and write its public material"},
    {"check", cli_check, "check an exercise answer (exit 0 when solved)"},
    {"serve", cli_serve, "the simulator's server for a real TLS 1.2 client (openssl, curl)"},
    {"connect", cli_connect, "the simulator's client against a real TLS 1.2 server"},
    {"decode", cli_decode, "decode TLS records given as raw bytes or hex"},
    {"prf", cli_prf, "compute the TLS 1.2 PRF (hex out)"},
    {"rsa", cli_rsa, "toy RSA: keygen, from-factors, pub, encrypt, decrypt, sign, verify"},
    {"cert", cli_cert, "write a toy CA and a server certificate with its key"},
    {"version", version, "print the version (also: tlsstep --version)"},
};

static void usage(FILE *f)
{
    fputs("usage: tlsstep COMMAND [OPTIONS]\n"
          "An educational, step-through TLS 1.2 handshake simulator.\n\ncommands:\n", f);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    }
    fputs("\noptions:\n"
          "  -h, --help   this list\n"
          "  --version    print \"tlsstep X.Y.Z\"\n"
          "\n'tlsstep COMMAND --help' documents each command; 'man tlsstep' all of\n"
          "them.\n", f);
}

int main(int argc, char **argv)
{
    if (ts_rng_global_init() != TS_OK) {
        fputs("tlsstep: libsodium failed to initialise\n", stderr);
        return 1;
    }
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
    fprintf(stderr, "tlsstep: unknown command '%s' (see 'tlsstep --help')\n", argv[1]);
    return CLI_EXIT_USAGE;
}

/* cli: the command-line front end. Each command is a function
 * `int cli_NAME(int argc, char **argv)` (argv[0] is the command name) that
 * returns the process exit status: 0 success, 1 the thing checked failed
 * (a signature that does not verify, a run that ended wrongly), 2 bad usage
 * or bad input (one clear line on stderr, nothing partial written). */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_lang.h"
#include "crypto/ts_x509.h" /* ts_time */

#define CLI_EXIT_OK 0
#define CLI_EXIT_FAIL 1
#define CLI_EXIT_USAGE 2

/* The commands, one per sim/cli_NAME.c (see `tlsstep NAME --help`). */
int cli_prf(int argc, char **argv);
int cli_hkdf(int argc, char **argv);
int cli_aead(int argc, char **argv);
int cli_rsa(int argc, char **argv);
int cli_cert(int argc, char **argv);
int cli_run(int argc, char **argv);
int cli_ui(int argc, char **argv);
int cli_lessons(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_connect(int argc, char **argv);
int cli_decode(int argc, char **argv);
int cli_exercise(int argc, char **argv);
int cli_check(int argc, char **argv);

/* The language of the commands' messages, help and output: main sets it
 * once from --lang or the locale (cli_lang_from_args); English before. */
void cli_set_lang(ts_lang lang);
ts_lang cli_lang(void);

/* msgid in cli_lang() (ts_tr). */
const char *cli_tr(const char *msgid);

/* The language argv asks for: the value of its last valid "--lang L" or
 * "--lang=L" before any "--", else the locale's (ts_lang_default). An
 * invalid value is left for the command's own parser to report. */
ts_lang cli_lang_from_args(int argc, char **argv);

/* strerror(err) in cli_lang(): the system's English in English, the
 * catalogue's words for the errors commands meet on files and sockets
 * (ENOENT, EACCES, ECONNREFUSED, ...), strerror's otherwise. */
const char *cli_strerror(int err);

/* A command's --lang ARG: sets cli_lang() and returns true, or prints the
 * usage error (for cmd) and returns false when ARG is not en or ko. */
bool cli_parse_lang_option(const char *cmd, const char *arg);

/* Prints "tlsstep CMD: MESSAGE" and a hint to stderr; returns CLI_EXIT_USAGE.
 * fmt is a msgid (the Makefile's xgettext keyword): it is translated into
 * cli_lang() before the arguments fill it, as for cli_fail. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints "tlsstep CMD: MESSAGE" to stderr; returns status. */
int cli_fail(int status, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Parses a decimal integer in [min, max] (the whole string); false if not. */
bool cli_parse_ulong(const char *s, unsigned long min, unsigned long max, unsigned long *out);

/* Reads a whole file ("-" is stdin) into out (initialised here), at most
 * 64 MiB (ts_file_read); TS_ERR_IO on failure (errno says why),
 * TS_ERR_TOO_LONG past the bound. */
ts_err cli_read_file(const char *path, ts_buf *out);

/* Reads a whole file as cli_read_file; when that fails, prints "tlsstep CMD:
 * cannot read WHAT'PATH': WHY" (WHAT: "--cafile ", "" ...; WHY as the system
 * says it, "No such file or directory", ...) and returns CLI_EXIT_USAGE.
 * CLI_EXIT_OK when read. */
int cli_read_input(const char *cmd, const char *what, const char *path, ts_buf *out);

/* Writes n bytes to path atomically (a temporary file renamed into place),
 * so a failure leaves nothing partial; "-" writes to stdout. */
ts_err cli_write_file(const char *path, const uint8_t *data, size_t n);

/* As cli_write_file, readable by the owner only (0600): for private keys. */
ts_err cli_write_secret_file(const char *path, const uint8_t *data, size_t n);

/* Decodes the hex value text of option --name into out (initialised here,
 * freed again on failure); a usage error (exit 2) names the bad offset. */
int cli_hex_option(const char *cmd, const char *name, const char *text, ts_buf *out);

/* Parses the options of a calculator's mode (tlsstep hkdf, tlsstep aead)
 * from argv[first] on: each option's val is its index below count, and
 * opt[index] (count entries, NULL-initialised by the caller) receives its
 * value; the option at lang_index is checked as --lang. CLI_EXIT_OK, or
 * the usage error's status (a missing value, an unknown option or a stray
 * argument). */
struct option;
int cli_mode_options(const char *cmd, int argc, char **argv, int first,
                     const struct option *options, int count, int lang_index, const char **opt);

/* Prints n bytes as one line of lowercase hex on stdout (the calculators'
 * output), wiping the text after; CLI_EXIT_OK or a failure message. */
int cli_print_hex(const char *cmd, const uint8_t *data, size_t n);

/* The real time now (CLOCK_REALTIME), in seconds since 1970; the only
 * place tlsstep reads the wall clock. */
ts_time cli_wall_clock(void);

/* True when argv holds "-h" or "--help" before any "--". */
bool cli_wants_help(int argc, char **argv);

#endif

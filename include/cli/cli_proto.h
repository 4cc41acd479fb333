/* cli_proto: the protocol options run, ui, serve and connect share:
 * --suite, --tls 1.2|1.3, --group and --key-update, parsed and reconciled
 * in one place (a suite names its version; --tls must agree with it). */
#ifndef CLI_PROTO_H
#define CLI_PROTO_H

#include <stdbool.h>
#include <stdint.h>

#include "crypto/ts_suite.h"

typedef struct {
    const ts_suite *suite; /* --suite (NULL: not given) */
    uint16_t tls;          /* --tls: 0 (not given), 0x0303 or 0x0304 */
    uint16_t group;        /* --group: a NamedGroup, 0 when not given */
    bool key_update;       /* --key-update */
    unsigned padding;      /* --pad */
} cli_proto_opts;

/* The option lines of run's --help for --tls and --group (a msgid). */
extern const char *const cli_proto_help;

/* Parses --suite's value into o (a usage error for an unknown name, a
 * failure for a suite this CPU cannot run); returns CLI_EXIT_OK or the
 * exit status (the message printed). */
int cli_proto_suite(const char *cmd, const char *arg, cli_proto_opts *o);

/* Parses --tls's value ("1.2" or "1.3"). */
int cli_proto_tls(const char *cmd, const char *arg, cli_proto_opts *o);

/* Parses --group's value (x25519, ffdhe2048, ffdhe3072, ffdhe4096). */
int cli_proto_group(const char *cmd, const char *arg, cli_proto_opts *o);

/* Parses --pad's value (0..255). */
int cli_proto_pad(const char *cmd, const char *arg, cli_proto_opts *o);

/* Checks the options together: --tls against --suite's version, --group
 * and --key-update only with TLS 1.3 possible. Returns CLI_EXIT_OK or the
 * usage error's status. */
int cli_proto_check(const char *cmd, const cli_proto_opts *o);

/* For run and ui (one version per run, TLS 1.2 unless told): checks o
 * and sets *suite to the suite of the run (NULL: not named, so the
 * lesson's, else the session's default, rsa); a named suite goes through
 * cli_proto_sim_final at once. */
int cli_proto_sim_suite(const char *cmd, const cli_proto_opts *o, const ts_suite **suite);

/* Once the run's suite is known (NULL: rsa), the TLS 1.3 options (--group,
 * --key-update, --pad) need a TLS 1.3 suite: else a usage error. */
int cli_proto_sim_final(const char *cmd, const cli_proto_opts *o, const ts_suite *suite);

/* The TLS 1.3 suite to use when none was named: tls13-aes when this CPU
 * has AES-NI, else tls13-chacha. */
const ts_suite *cli_proto_default13(void);

/* The TLS 1.2 suite to use when none was named: rsa when this CPU has
 * AES-NI, else ecdhe. */
const ts_suite *cli_proto_default12(void);

#endif

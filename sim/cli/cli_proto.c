/* cli_proto: --suite, --tls, --group and --key-update. */
#include "cli/cli_proto.h"

#include <string.h>

#include "cli/cli.h"
#include "tls/ts_conn.h"
#include "tls/msg/ts_msg_extensions.h"
#include "tls/msg/ts_msg_handshake.h"

const char *const cli_proto_help = N_( /* translated where it is printed */
    "  --tls 1.2|1.3     the protocol version (default: the suite's, else 1.2, the\n"
    "                    notes' handshake)\n"
    "  --group x25519|ffdhe2048|ffdhe3072|ffdhe4096\n"
    "                    TLS 1.3 key exchange group: the group the server\n"
    "                    requires, so another one makes a HelloRetryRequest\n"
    "  --pad N           TLS 1.3: N zero bytes (0..255) after the content type in\n"
    "                    every protected record, which hide the true length\n"
    "                    (RFC 8446 5.4)\n");

static const struct {
    const char *name;
    uint16_t code;
} groups[] = {
    {"x25519", TS_GROUP_X25519},
    {"ffdhe2048", TS_GROUP_FFDHE2048},
    {"ffdhe3072", TS_GROUP_FFDHE3072},
    {"ffdhe4096", TS_GROUP_FFDHE4096},
};

int cli_proto_suite(const char *cmd, const char *arg, cli_proto_opts *o)
{
    o->suite = ts_suite_by_name(arg);
    if (o->suite == NULL) {
        return cli_usage_error(cmd, "unknown suite '%s' (rsa, ecdhe, dhe, null, tls13-aes or "
                               "tls13-chacha)", arg);
    }
    if (!ts_suite_usable(o->suite)) {
        return cli_fail(CLI_EXIT_USAGE, cmd, "suite %s needs AES-NI, which this CPU lacks; use "
                        "--suite ecdhe, dhe, null or tls13-chacha", o->suite->cli_name);
    }
    return CLI_EXIT_OK;
}

int cli_proto_tls(const char *cmd, const char *arg, cli_proto_opts *o)
{
    if (strcmp(arg, "1.2") == 0) {
        o->tls = TS_VERSION_TLS12;
    } else if (strcmp(arg, "1.3") == 0) {
        o->tls = TS_VERSION_TLS13;
    } else {
        return cli_usage_error(cmd, "--tls must be 1.2 or 1.3, not '%s'", arg);
    }
    return CLI_EXIT_OK;
}

int cli_proto_group(const char *cmd, const char *arg, cli_proto_opts *o)
{
    for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
        if (strcmp(arg, groups[i].name) == 0) {
            o->group = groups[i].code;
            return CLI_EXIT_OK;
        }
    }
    return cli_usage_error(cmd, "--group must be x25519, ffdhe2048, ffdhe3072 or ffdhe4096, "
                           "not '%s'", arg);
}

int cli_proto_pad(const char *cmd, const char *arg, cli_proto_opts *o)
{
    unsigned long v;
    if (!cli_parse_ulong(arg, 0, TS_MAX_PADDING, &v)) {
        return cli_usage_error(cmd, "--pad must be 0..%d bytes, not '%s'", TS_MAX_PADDING, arg);
    }
    o->padding = (unsigned)v;
    return CLI_EXIT_OK;
}

int cli_proto_check(const char *cmd, const cli_proto_opts *o)
{
    if (o->suite != NULL && o->tls != 0 && o->suite->version != o->tls) {
        return cli_usage_error(cmd, "--suite %s is a TLS %s suite, but --tls says %s",
                               o->suite->cli_name,
                               o->suite->version == TS_VERSION_TLS13 ? "1.3" : "1.2",
                               o->tls == TS_VERSION_TLS13 ? "1.3" : "1.2");
    }
    bool only12 = o->tls == TS_VERSION_TLS12;
    if (only12 && o->group != 0) {
        return cli_usage_error(cmd, "--group is for TLS 1.3 (TLS 1.2's ECDHE and DHE suites "
                               "choose their group themselves)");
    }
    if (only12 && o->key_update) {
        return cli_usage_error(cmd, "--key-update is for TLS 1.3 (TLS 1.2 has no KeyUpdate)");
    }
    if (only12 && o->padding > 0) {
        return cli_usage_error(cmd, "--pad is for TLS 1.3 (TLS 1.2 records have no padding "
                               "of their own)");
    }
    return CLI_EXIT_OK;
}

const ts_suite *cli_proto_default13(void)
{
    const ts_suite *s = ts_suite_get(TS_SUITE_TLS13_AES);
    return ts_suite_usable(s) ? s : ts_suite_get(TS_SUITE_TLS13_CHACHA);
}

const ts_suite *cli_proto_default12(void)
{
    const ts_suite *s = ts_suite_get(TS_SUITE_RSA);
    return ts_suite_usable(s) ? s : ts_suite_get(TS_SUITE_ECDHE);
}

int cli_proto_sim_suite(const char *cmd, const cli_proto_opts *o, const ts_suite **suite)
{
    int rc = cli_proto_check(cmd, o);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    *suite = o->suite != NULL ? o->suite
             : o->tls == TS_VERSION_TLS13 ? cli_proto_default13()
                                          : NULL;
    if (*suite != NULL) {
        return cli_proto_sim_final(cmd, o, *suite);
    }
    return CLI_EXIT_OK; /* a lesson may still name a TLS 1.3 suite */
}

int cli_proto_sim_final(const char *cmd, const cli_proto_opts *o, const ts_suite *suite)
{
    if (!ts_suite_is_tls13(suite) && (o->group != 0 || o->key_update || o->padding > 0)) {
        return cli_usage_error(cmd, "--group, --key-update and --pad are for TLS 1.3: add --tls "
                               "1.3");
    }
    return CLI_EXIT_OK;
}

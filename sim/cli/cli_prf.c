/* cli_prf: `tlsstep prf`, the TLS 1.2 PRF as a calculator. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_prf.h"
#include "crypto/ts_secret.h"

#define CLI_PRF_MAX_LEN 65536

static const char *const cli_prf_usage = N_(
    "usage: tlsstep prf --hash sha256|sha384 --secret HEX --label TEXT --seed HEX --length N\n"
    "                   [--lang en|ko]\n"
    "Prints PRF(secret, label, seed) of RFC 5246 section 5, N bytes (1..65536),\n"
    "as lowercase hex. The label's bytes are prepended to the seed, as TLS does;\n"
    "HEX may be empty (\"\") and may contain ':', '-' or spaces between bytes.\n"
    "The same value from OpenSSL:\n"
    "  openssl kdf -keylen N -kdfopt digest:SHA256 -kdfopt hexsecret:HEX\n"
    "      -kdfopt hexseed:HEX(label)HEX(seed) TLS1-PRF\n");

/* Computes the PRF and prints it; the decoded inputs are already in place. */
static int run_prf(ts_hash_alg alg, const ts_buf *secret, const char *label, const ts_buf *seed,
                   size_t len)
{
    uint8_t *out = malloc(len);
    if (out == NULL) {
        return cli_fail(CLI_EXIT_FAIL, "prf", "%s", ts_err_str(TS_ERR_NOMEM, cli_lang()));
    }
    ts_err err = ts_prf(alg, ts_buf_cursor(secret), ts_buf_remaining(secret), label,
                        ts_buf_cursor(seed), ts_buf_remaining(seed), out, len);
    int rc = err == TS_OK ? cli_print_hex("prf", out, len)
                          : cli_fail(CLI_EXIT_FAIL, "prf", "%s", ts_err_str(err, cli_lang()));
    ts_secret_wipe(out, len);
    free(out);
    return rc;
}

int cli_prf(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_tr(cli_prf_usage), stdout);
        return CLI_EXIT_OK;
    }
    static const struct option options[] = {
        {"hash", required_argument, NULL, 'H'},
        {"secret", required_argument, NULL, 's'},
        {"label", required_argument, NULL, 'l'},
        {"seed", required_argument, NULL, 'S'},
        {"length", required_argument, NULL, 'n'},
        {"lang", required_argument, NULL, 'L'},
        {NULL, 0, NULL, 0},
    };
    const char *hash = NULL, *secret_hex = NULL, *label = NULL, *seed_hex = NULL,
               *length = NULL;
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
        switch (c) {
        case 'H': hash = optarg; break;
        case 's': secret_hex = optarg; break;
        case 'l': label = optarg; break;
        case 'S': seed_hex = optarg; break;
        case 'n': length = optarg; break;
        case 'L':
            if (!cli_parse_lang_option("prf", optarg)) {
                return CLI_EXIT_USAGE;
            }
            break;
        case ':': return cli_usage_error("prf", "%s needs a value", argv[optind - 1]);
        default: return cli_usage_error("prf", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc) {
        return cli_usage_error("prf", "unexpected argument '%s'", argv[optind]);
    }
    if (hash == NULL || secret_hex == NULL || label == NULL || seed_hex == NULL ||
        length == NULL) {
        return cli_usage_error("prf", "--hash, --secret, --label, --seed and --length are all "
                                      "required");
    }
    ts_hash_alg alg;
    if (ts_hash_from_name(hash, &alg) != TS_OK || alg == TS_HASH_SHA512) {
        /* TLS 1.2's PRF is defined with SHA-256 and SHA-384 suites only */
        return cli_usage_error("prf", "--hash: '%s' is not sha256 or sha384", hash);
    }
    unsigned long len;
    if (!cli_parse_ulong(length, 1, CLI_PRF_MAX_LEN, &len)) {
        return cli_usage_error("prf", "--length: '%s' is not a number from 1 to %d", length,
                               CLI_PRF_MAX_LEN);
    }
    ts_buf secret, seed;
    int rc = cli_hex_option("prf", "secret", secret_hex, &secret);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    rc = cli_hex_option("prf", "seed", seed_hex, &seed);
    if (rc == CLI_EXIT_OK) {
        rc = run_prf(alg, &secret, label, &seed, len);
        ts_secret_free_buf(&seed);
    }
    ts_secret_free_buf(&secret);
    return rc;
}

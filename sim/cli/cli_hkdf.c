/* cli_hkdf: `tlsstep hkdf`, HKDF (RFC 5869) and the TLS 1.3 key schedule's
 * functions (RFC 8446 §7.1) as a calculator, beside `tlsstep prf`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "cli/cli.h"
#include "crypto/ts_hash.h"
#include "crypto/ts_hkdf.h"
#include "crypto/ts_secret.h"

static const char *const cli_hkdf_usage = N_(
    "usage: tlsstep hkdf extract --hash H --salt HEX --ikm HEX\n"
    "       tlsstep hkdf expand --hash H --prk HEX --info HEX --length N\n"
    "       tlsstep hkdf expand-label --hash H --secret HEX --label TEXT --context HEX\n"
    "                                 --length N\n"
    "       tlsstep hkdf derive-secret --hash H --secret HEX --label TEXT\n"
    "                                  --transcript-hash HEX\n"
    "       [--lang en|ko]\n"
    "Each command prints its value as lowercase hex.\n"
    "commands:\n"
    "  extract        HKDF-Extract(salt, IKM) of RFC 5869 (an empty salt is\n"
    "                 Hash.length zero bytes)\n"
    "  expand         HKDF-Expand(PRK, info, N), N bytes (1..255 * Hash.length)\n"
    "  expand-label   HKDF-Expand-Label(secret, label, context, N) of RFC 8446\n"
    "                 section 7.1: the label gets the \"tls13 \" prefix\n"
    "  derive-secret  Derive-Secret(secret, label, messages), given the\n"
    "                 transcript hash of the messages (Hash.length bytes)\n"
    "H is sha256 or sha384 (sha512 too). HEX may be empty (\"\") and may\n"
    "contain ':', '-' or spaces between bytes. The same values from OpenSSL 3:\n"
    "  openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt mode:EXTRACT_ONLY\n"
    "      -kdfopt hexkey:IKM -kdfopt hexsalt:SALT HKDF\n"
    "  openssl kdf -keylen N -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY\n"
    "      -kdfopt hexkey:PRK -kdfopt hexinfo:INFO HKDF\n"
    "  openssl kdf -keylen N -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY\n"
    "      -kdfopt hexkey:SECRET -kdfopt 'prefix:tls13 ' -kdfopt label:LABEL\n"
    "      -kdfopt hexdata:CONTEXT TLS13-KDF\n");

typedef enum { HKDF_EXTRACT, HKDF_EXPAND, HKDF_EXPAND_LABEL, HKDF_DERIVE_SECRET } hkdf_mode;

/* The options, indexed as the option table's values. */
enum { O_HASH, O_SALT, O_IKM, O_PRK, O_INFO, O_SECRET, O_LABEL, O_CONTEXT, O_TRANSCRIPT,
       O_LENGTH, O_LANG, O_COUNT };

/* What each mode reads: its key (salt, PRK or secret) and data (IKM, info,
 * context or transcript hash) options, whether it takes a label and a
 * length, and the sentence naming them all. */
static const struct {
    const char *name;
    int key, data;
    bool label, length;
    const char *need;
} modes[] = {
    [HKDF_EXTRACT] = {"extract", O_SALT, O_IKM, false, false, "--hash, --salt and --ikm"},
    [HKDF_EXPAND] = {"expand", O_PRK, O_INFO, false, true, "--hash, --prk, --info and --length"},
    [HKDF_EXPAND_LABEL] = {"expand-label", O_SECRET, O_CONTEXT, true, true,
                           "--hash, --secret, --label, --context and --length"},
    [HKDF_DERIVE_SECRET] = {"derive-secret", O_SECRET, O_TRANSCRIPT, true, false,
                            "--hash, --secret, --label and --transcript-hash"},
};

static const struct option options[] = {
    {"hash", required_argument, NULL, O_HASH},
    {"salt", required_argument, NULL, O_SALT},
    {"ikm", required_argument, NULL, O_IKM},
    {"prk", required_argument, NULL, O_PRK},
    {"info", required_argument, NULL, O_INFO},
    {"secret", required_argument, NULL, O_SECRET},
    {"label", required_argument, NULL, O_LABEL},
    {"context", required_argument, NULL, O_CONTEXT},
    {"transcript-hash", required_argument, NULL, O_TRANSCRIPT},
    {"length", required_argument, NULL, O_LENGTH},
    {"lang", required_argument, NULL, O_LANG},
    {NULL, 0, NULL, 0},
};

/* The limits of the mode's inputs and of RFC 8446's HkdfLabel. */
static int check_sizes(hkdf_mode mode, const char *label, size_t hlen, const ts_buf *key,
                       const ts_buf *data)
{
    if (modes[mode].key == O_SECRET && key->len != hlen) {
        return cli_usage_error("hkdf", "--secret must be %zu bytes (the hash's length), not %zu",
                               hlen, key->len);
    }
    if (mode == HKDF_DERIVE_SECRET && data->len != hlen) {
        return cli_usage_error("hkdf", "--transcript-hash must be %zu bytes, not %zu", hlen,
                               data->len);
    }
    size_t label_len = modes[mode].label ? strlen(label) : 1;
    if (label_len < 1 || label_len > 249 || (mode == HKDF_EXPAND_LABEL && data->len > 255)) {
        return cli_usage_error("hkdf", "--label must be 1..249 bytes and --context at most 255 "
                                       "bytes");
    }
    return CLI_EXIT_OK;
}

/* Computes the mode's value from the decoded inputs and prints it. */
static int compute(hkdf_mode mode, ts_hash_alg alg, const char *label, const ts_buf *key,
                   const ts_buf *data, size_t len)
{
    uint8_t *out = malloc(len);
    if (out == NULL) {
        return cli_fail(CLI_EXIT_FAIL, "hkdf", "%s", ts_err_str(TS_ERR_NOMEM, cli_lang()));
    }
    ts_err err = TS_ERR_ARG;
    switch (mode) {
    case HKDF_EXTRACT:
        err = ts_hkdf_extract(alg, key->data, key->len, data->data, data->len, out);
        break;
    case HKDF_EXPAND:
        err = ts_hkdf_expand(alg, key->data, key->len, data->data, data->len, out, len);
        break;
    case HKDF_EXPAND_LABEL:
        err = ts_hkdf_expand_label(alg, key->data, key->len, label, data->data, data->len, out,
                                   len);
        break;
    case HKDF_DERIVE_SECRET:
        err = ts_hkdf_derive_secret(alg, key->data, label, data->data, out);
        break;
    }
    int rc = err == TS_OK ? cli_print_hex("hkdf", out, len)
                          : cli_fail(CLI_EXIT_FAIL, "hkdf", "%s", ts_err_str(err, cli_lang()));
    ts_secret_wipe(out, len);
    free(out);
    return rc;
}

/* Checks that the mode has what it needs, the hash and the length, decodes
 * the two hex inputs, computes. */
static int run_mode(hkdf_mode mode, const char *const *opt)
{
    int key = modes[mode].key, data = modes[mode].data;
    if (opt[O_HASH] == NULL || opt[key] == NULL || opt[data] == NULL ||
        (modes[mode].label && opt[O_LABEL] == NULL) ||
        (modes[mode].length && opt[O_LENGTH] == NULL)) {
        return cli_usage_error("hkdf", "this mode needs %s", modes[mode].need);
    }
    ts_hash_alg alg;
    if (ts_hash_from_name(opt[O_HASH], &alg) != TS_OK) {
        return cli_usage_error("hkdf", "--hash: '%s' is not sha256, sha384 or sha512",
                               opt[O_HASH]);
    }
    size_t hlen = ts_hash_len(alg);
    unsigned long len = hlen;
    if (modes[mode].length && !cli_parse_ulong(opt[O_LENGTH], 1, 255 * hlen, &len)) {
        return cli_usage_error("hkdf", "--length: '%s' is not a number from 1 to %zu",
                               opt[O_LENGTH], 255 * hlen);
    }
    ts_buf k, d;
    int rc = cli_hex_option("hkdf", options[key].name, opt[key], &k);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    if ((rc = cli_hex_option("hkdf", options[data].name, opt[data], &d)) == CLI_EXIT_OK) {
        if ((rc = check_sizes(mode, opt[O_LABEL], hlen, &k, &d)) == CLI_EXIT_OK) {
            rc = compute(mode, alg, opt[O_LABEL], &k, &d, len);
        }
        ts_secret_free_buf(&d);
    }
    ts_secret_free_buf(&k);
    return rc;
}

int cli_hkdf(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_tr(cli_hkdf_usage), stdout);
        return CLI_EXIT_OK;
    }
    if (argc < 2 || argv[1][0] == '-') {
        return cli_usage_error("hkdf", "expected a mode: extract, expand, expand-label or "
                                       "derive-secret");
    }
    int mode = -1;
    for (int i = 0; i < (int)(sizeof(modes) / sizeof(modes[0])); i++) {
        if (strcmp(argv[1], modes[i].name) == 0) {
            mode = i;
        }
    }
    if (mode < 0) {
        return cli_usage_error("hkdf", "unknown mode '%s' (extract, expand, expand-label or "
                                       "derive-secret)", argv[1]);
    }
    const char *opt[O_COUNT] = {NULL};
    int rc = cli_mode_options("hkdf", argc, argv, 2, options, O_COUNT, O_LANG, opt);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    return run_mode((hkdf_mode)mode, opt);
}

/* cli_aead: `tlsstep aead`, the record ciphers (AES-256-GCM and
 * ChaCha20-Poly1305) as a calculator: open or seal one record's bytes with
 * a key, a nonce and additional data given in hex, beside `tlsstep hkdf`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "crypto/ts_aead.h"
#include "crypto/ts_secret.h"

static const char *const cli_aead_usage = N_(
    "usage: tlsstep aead open|seal --cipher aes-256-gcm|chacha20-poly1305\n"
    "                              --key HEX --nonce HEX --aad HEX --data HEX\n"
    "Each command prints its result as lowercase hex.\n"
    "commands:\n"
    "  open           checks the tag (the last 16 bytes of --data, after the\n"
    "                 ciphertext) and prints the plaintext; exit 1 when the tag\n"
    "                 does not verify\n"
    "  seal           encrypts --data and prints the ciphertext, then its 16-byte tag\n"
    "options:\n"
    "  --cipher aes-256-gcm|chacha20-poly1305\n"
    "                 the AEAD (AES-256-GCM needs AES-NI)\n"
    "  --key HEX      the key, 32 bytes\n"
    "  --nonce HEX    the nonce, 12 bytes\n"
    "  --aad HEX      the additional data (may be empty)\n"
    "  --data HEX     open: the ciphertext, then the tag; seal: the plaintext\n"
    "  --lang en|ko   language of the messages (default: from the locale)\n"
    "A TLS 1.3 record (RFC 8446 5.2, 5.3): the nonce is the traffic IV XOR the\n"
    "record's sequence number (8 bytes, big-endian, left-padded with zeros to\n"
    "12), the additional data is the record's 5-byte header and the data is\n"
    "everything after it; the plaintext ends with the content type, then the\n"
    "padding zeros. HEX may be empty (\"\") and may contain ':', '-' or spaces\n"
    "between bytes.\n");

typedef enum { AEAD_OPEN, AEAD_SEAL } aead_mode;

enum { O_CIPHER, O_KEY, O_NONCE, O_AAD, O_DATA, O_LANG, O_COUNT };

static const struct option options[] = {
    {"cipher", required_argument, NULL, O_CIPHER},
    {"key", required_argument, NULL, O_KEY},
    {"nonce", required_argument, NULL, O_NONCE},
    {"aad", required_argument, NULL, O_AAD},
    {"data", required_argument, NULL, O_DATA},
    {"lang", required_argument, NULL, O_LANG},
    {NULL, 0, NULL, 0},
};

/* The hex inputs, decoded: key, nonce, aad, data. */
typedef struct {
    ts_buf key, nonce, aad, data;
} aead_inputs;

static void inputs_free(aead_inputs *in)
{
    ts_secret_free_buf(&in->key);
    ts_buf_free(&in->nonce);
    ts_buf_free(&in->aad);
    ts_secret_free_buf(&in->data);
}

/* Decodes the four hex options into in (all freed again on failure). */
static int decode_inputs(const char *const *opt, aead_inputs *in)
{
    ts_buf *bufs[] = {&in->key, &in->nonce, &in->aad, &in->data};
    const int ids[] = {O_KEY, O_NONCE, O_AAD, O_DATA};
    for (size_t i = 0; i < 4; i++) {
        ts_buf_init(bufs[i]);
    }
    for (size_t i = 0; i < 4; i++) {
        int rc = cli_hex_option("aead", options[ids[i]].name, opt[ids[i]], bufs[i]);
        if (rc != CLI_EXIT_OK) {
            inputs_free(in);
            return rc;
        }
    }
    if (in->key.len != TS_AEAD_KEY_LEN || in->nonce.len != TS_AEAD_NONCE_LEN) {
        inputs_free(in);
        return cli_usage_error("aead", "--key must be %d bytes and --nonce %d", TS_AEAD_KEY_LEN,
                               TS_AEAD_NONCE_LEN);
    }
    return CLI_EXIT_OK;
}

/* Opens or seals in with alg and prints the result. */
static int compute(aead_mode mode, ts_aead_alg alg, const aead_inputs *in)
{
    if (mode == AEAD_OPEN && in->data.len < TS_AEAD_TAG_LEN) {
        return cli_usage_error("aead", "--data must hold at least the %d-byte tag",
                               TS_AEAD_TAG_LEN);
    }
    size_t n = mode == AEAD_OPEN ? in->data.len - TS_AEAD_TAG_LEN : in->data.len + TS_AEAD_TAG_LEN;
    uint8_t *out = malloc(n + 1);
    if (out == NULL) {
        return cli_fail(CLI_EXIT_FAIL, "aead", "%s", ts_err_str(TS_ERR_NOMEM, cli_lang()));
    }
    ts_err err = mode == AEAD_OPEN
                     ? ts_aead_open(alg, in->key.data, in->nonce.data, in->aad.data, in->aad.len,
                                    in->data.data, in->data.len, out)
                     : ts_aead_seal(alg, in->key.data, in->nonce.data, in->aad.data, in->aad.len,
                                    in->data.data, in->data.len, out);
    int rc;
    if (err == TS_ERR_DECRYPT) {
        rc = cli_fail(CLI_EXIT_FAIL, "aead", "%s",
                      cli_tr(N_("the tag does not verify: a wrong key, nonce, additional data "
                                "or ciphertext")));
    } else if (err != TS_OK) {
        rc = cli_fail(CLI_EXIT_FAIL, "aead", "%s", ts_err_str(err, cli_lang()));
    } else {
        rc = cli_print_hex("aead", out, n);
    }
    ts_secret_wipe(out, n + 1);
    free(out);
    return rc;
}

static int run_mode(aead_mode mode, const char *const *opt)
{
    for (int i = O_CIPHER; i <= O_DATA; i++) {
        if (opt[i] == NULL) {
            return cli_usage_error("aead", "this mode needs --cipher, --key, --nonce, --aad and "
                                           "--data");
        }
    }
    ts_aead_alg alg;
    if (strcmp(opt[O_CIPHER], "aes-256-gcm") == 0) {
        alg = TS_AEAD_AES256GCM;
    } else if (strcmp(opt[O_CIPHER], "chacha20-poly1305") == 0) {
        alg = TS_AEAD_CHACHA20POLY1305;
    } else {
        return cli_usage_error("aead", "--cipher: '%s' is not aes-256-gcm or chacha20-poly1305",
                               opt[O_CIPHER]);
    }
    if (!ts_aead_available(alg)) {
        return cli_fail(CLI_EXIT_USAGE, "aead", "%s",
                        ts_err_str(TS_ERR_AEAD_UNAVAILABLE, cli_lang()));
    }
    aead_inputs in;
    int rc = decode_inputs(opt, &in);
    if (rc == CLI_EXIT_OK) {
        rc = compute(mode, alg, &in);
        inputs_free(&in);
    }
    return rc;
}

int cli_aead(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        fputs(cli_tr(cli_aead_usage), stdout);
        return CLI_EXIT_OK;
    }
    if (argc < 2 || argv[1][0] == '-') {
        return cli_usage_error("aead", "expected a mode: open or seal");
    }
    aead_mode mode;
    if (strcmp(argv[1], "open") == 0) {
        mode = AEAD_OPEN;
    } else if (strcmp(argv[1], "seal") == 0) {
        mode = AEAD_SEAL;
    } else {
        return cli_usage_error("aead", "unknown mode '%s' (open or seal)", argv[1]);
    }
    const char *opt[O_COUNT] = {NULL};
    int rc = cli_mode_options("aead", argc, argv, 2, options, O_COUNT, O_LANG, opt);
    if (rc != CLI_EXIT_OK) {
        return rc;
    }
    return run_mode(mode, opt);
}

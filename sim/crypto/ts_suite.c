/* ts_suite: the table of the cipher suites. */
#include "crypto/ts_suite.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

/* Key block sizes (RFC 5246 §6.3): {mac_key_len, enc_key_len, fixed_iv_len}.
 * GCM takes a 4-byte salt (RFC 5288 §3), ChaCha20-Poly1305 a 12-byte IV
 * (RFC 7905 §2), the NULL suite only a 32-byte HMAC-SHA256 key. */
static const ts_suite suites[TS_SUITE_COUNT] = {
    [TS_SUITE_RSA] = {
        .id = TS_SUITE_RSA,
        .cli_name = "rsa",
        .iana_name = "TLS_RSA_WITH_AES_256_GCM_SHA384",
        .openssl_name = "AES256-GCM-SHA384",
        .code = 0x009D,
        .version = 0x0303,
        .kx = TS_KX_RSA,
        .cipher = TS_CIPHER_AES256GCM,
        .prf_hash = TS_HASH_SHA384,
        .sizes = {0, 32, 4},
    },
    [TS_SUITE_ECDHE] = {
        .id = TS_SUITE_ECDHE,
        .cli_name = "ecdhe",
        .iana_name = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        .openssl_name = "ECDHE-RSA-CHACHA20-POLY1305",
        .code = 0xCCA8,
        .version = 0x0303,
        .kx = TS_KX_ECDHE,
        .cipher = TS_CIPHER_CHACHA20POLY1305,
        .prf_hash = TS_HASH_SHA256,
        .sizes = {0, 32, 12},
    },
    [TS_SUITE_DHE] = {
        .id = TS_SUITE_DHE,
        .cli_name = "dhe",
        .iana_name = "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        .openssl_name = "DHE-RSA-CHACHA20-POLY1305",
        .code = 0xCCAA,
        .version = 0x0303,
        .kx = TS_KX_DHE,
        .cipher = TS_CIPHER_CHACHA20POLY1305,
        .prf_hash = TS_HASH_SHA256,
        .sizes = {0, 32, 12},
    },
    [TS_SUITE_NULL] = {
        .id = TS_SUITE_NULL,
        .cli_name = "null",
        .iana_name = "TLS_RSA_WITH_NULL_SHA256",
        .openssl_name = "NULL-SHA256",
        .code = 0x003B,
        .version = 0x0303,
        .kx = TS_KX_RSA,
        .cipher = TS_CIPHER_NULL_SHA256,
        .prf_hash = TS_HASH_SHA256,
        .sizes = {32, 0, 0},
    },
    /* RFC 8446 §7.3: key and a 12-byte IV from HKDF-Expand-Label */
    [TS_SUITE_TLS13_AES] = {
        .id = TS_SUITE_TLS13_AES,
        .cli_name = "tls13-aes",
        .iana_name = "TLS_AES_256_GCM_SHA384",
        .openssl_name = "TLS_AES_256_GCM_SHA384",
        .code = 0x1302,
        .version = 0x0304,
        .kx = TS_KX_TLS13,
        .cipher = TS_CIPHER_AES256GCM,
        .prf_hash = TS_HASH_SHA384,
        .sizes = {0, 32, 12},
    },
    [TS_SUITE_TLS13_CHACHA] = {
        .id = TS_SUITE_TLS13_CHACHA,
        .cli_name = "tls13-chacha",
        .iana_name = "TLS_CHACHA20_POLY1305_SHA256",
        .openssl_name = "TLS_CHACHA20_POLY1305_SHA256",
        .code = 0x1303,
        .version = 0x0304,
        .kx = TS_KX_TLS13,
        .cipher = TS_CIPHER_CHACHA20POLY1305,
        .prf_hash = TS_HASH_SHA256,
        .sizes = {0, 32, 12},
    },
};

const ts_suite *ts_suite_get(ts_suite_id id)
{
    if ((unsigned)id >= TS_SUITE_COUNT) {
        return NULL;
    }
    return &suites[id];
}

const ts_suite *ts_suite_by_code(uint16_t code)
{
    for (size_t i = 0; i < TS_SUITE_COUNT; i++) {
        if (suites[i].code == code) {
            return &suites[i];
        }
    }
    return NULL;
}

const ts_suite *ts_suite_by_name(const char *name)
{
    if (name == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < TS_SUITE_COUNT; i++) {
        const ts_suite *s = &suites[i];
        if (strcasecmp(name, s->cli_name) == 0 || strcmp(name, s->iana_name) == 0 ||
            strcmp(name, s->openssl_name) == 0) {
            return s;
        }
    }
    return NULL;
}

bool ts_suite_aead(const ts_suite *suite, ts_aead_alg *alg)
{
    if (suite == NULL) {
        return false;
    }
    ts_aead_alg a;
    switch (suite->cipher) {
    case TS_CIPHER_AES256GCM:
        a = TS_AEAD_AES256GCM;
        break;
    case TS_CIPHER_CHACHA20POLY1305:
        a = TS_AEAD_CHACHA20POLY1305;
        break;
    default:
        return false;
    }
    if (alg != NULL) {
        *alg = a;
    }
    return true;
}

bool ts_suite_usable(const ts_suite *suite)
{
    if (suite == NULL) {
        return false;
    }
    ts_aead_alg alg;
    if (ts_suite_aead(suite, &alg)) {
        return ts_aead_available(alg);
    }
    return suite->cipher == TS_CIPHER_NULL_SHA256;
}

bool ts_suite_is_tls13(const ts_suite *suite)
{
    return suite != NULL && suite->version == 0x0304;
}

const char *ts_kx_name(ts_kx kx)
{
    switch (kx) {
    case TS_KX_RSA:
        return "RSA";
    case TS_KX_ECDHE:
        return "ECDHE_RSA";
    case TS_KX_DHE:
        return "DHE_RSA";
    case TS_KX_TLS13:
        return "(EC)DHE (key_share)";
    }
    return "unknown";
}

const char *ts_cipher_name(ts_cipher cipher)
{
    switch (cipher) {
    case TS_CIPHER_AES256GCM:
        return "AES-256-GCM";
    case TS_CIPHER_CHACHA20POLY1305:
        return "ChaCha20-Poly1305";
    case TS_CIPHER_NULL_SHA256:
        return "NULL (HMAC-SHA256)";
    }
    return "unknown";
}

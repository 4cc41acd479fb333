/* ts_reproduce: tlsstep and openssl commands that recompute PRF and HKDF
 * values. */
#include "export/ts_reproduce.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_hex.h"
#include "crypto/ts_hash.h"

/* "SHA256", as openssl's digest option names it. */
static const char *openssl_digest(ts_hash_alg alg)
{
    return alg == TS_HASH_SHA512 ? "SHA512" : alg == TS_HASH_SHA384 ? "SHA384" : "SHA256";
}

/* text single-quoted for a POSIX shell (a ' inside becomes '\''); malloc'd. */
static char *quoted(const char *prefix, const char *text)
{
    size_t n = strlen(prefix) + 3;
    for (const char *p = text; *p; p++) {
        n += *p == '\'' ? 4 : 1;
    }
    char *q = malloc(n);
    if (q == NULL) {
        return NULL;
    }
    char *o = q;
    *o++ = '\'';
    o += sprintf(o, "%s", prefix);
    for (const char *p = text; *p; p++) {
        if (*p == '\'') {
            memcpy(o, "'\\''", 4);
            o += 4;
        } else {
            *o++ = *p;
        }
    }
    *o++ = '\'';
    *o = '\0';
    return q;
}

/* The n bytes at p as hex for tlsstep: '' when empty; malloc'd. */
static char *hex_arg(const uint8_t *p, size_t n)
{
    return n == 0 ? strdup("''") : ts_hex_strdup(p, n);
}

/* The n bytes at p as hex for openssl (empty stays empty); malloc'd. */
static char *hex_opt(const uint8_t *p, size_t n)
{
    return n == 0 ? strdup("") : ts_hex_strdup(p, n);
}

/* vasprintf into a malloc'd string, NULL on failure. */
static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0) {
        s = NULL;
    }
    va_end(ap);
    return s;
}

char *ts_reproduce_prf(const ts_ev_prf *prf, ts_repro_tool tool)
{
    if (prf == NULL || !prf->used || prf->label == NULL) {
        return NULL;
    }
    char *sec = ts_hex_strdup(prf->secret, prf->secret_len);
    char *seed = ts_hex_strdup(prf->seed, prf->seed_len);
    char *label = quoted("", prf->label);
    char *seed_opt = quoted("seed:", prf->label);
    char *cmd = NULL;
    if (sec != NULL && seed != NULL && label != NULL && seed_opt != NULL) {
        if (tool == TS_REPRO_OPENSSL) {
            /* openssl concatenates the seed options in order: label, then seed */
            cmd = format("openssl kdf -keylen %zu -kdfopt digest:%s -kdfopt hexsecret:%s "
                         "-kdfopt %s -kdfopt hexseed:%s TLS1-PRF",
                         prf->out_len, openssl_digest(prf->hash), sec, seed_opt, seed);
        } else if (tool == TS_REPRO_TLSSTEP) {
            cmd = format("tlsstep prf --hash %s --secret %s --label %s --seed %s --length %zu",
                         ts_hash_name(prf->hash), sec, label, seed, prf->out_len);
        }
    }
    free(sec);
    free(seed);
    free(label);
    free(seed_opt);
    return cmd;
}

/* openssl's TLS13-KDF: HKDF-Expand-Label(key, label, data, n). */
static char *tls13_kdf(const ts_ev_hkdf *h, const char *key, const char *data, size_t n)
{
    char *label = quoted("label:", h->label);
    char *cmd = label == NULL ? NULL
                              : format("openssl kdf -keylen %zu -kdfopt digest:%s -kdfopt "
                                       "mode:EXPAND_ONLY -kdfopt hexkey:%s -kdfopt 'prefix:tls13 ' "
                                       "-kdfopt %s -kdfopt hexdata:%s TLS13-KDF",
                                       n, openssl_digest(h->hash), key, label, data);
    free(label);
    return cmd;
}

/* tlsstep hkdf expand-label / derive-secret. */
static char *tlsstep_label(const ts_ev_hkdf *h, const char *key, const char *data)
{
    char *label = quoted("", h->label);
    char *cmd = NULL;
    if (label != NULL && h->mode == TS_HKDF_DERIVE_SECRET) {
        cmd = format("tlsstep hkdf derive-secret --hash %s --secret %s --label %s "
                     "--transcript-hash %s",
                     ts_hash_name(h->hash), key, label, data);
    } else if (label != NULL) {
        cmd = format("tlsstep hkdf expand-label --hash %s --secret %s --label %s --context %s "
                     "--length %zu",
                     ts_hash_name(h->hash), key, label, data, h->out_len);
    }
    free(label);
    return cmd;
}

char *ts_reproduce_hkdf(const ts_ev_hkdf *h, ts_repro_tool tool)
{
    if (h == NULL || !h->used || tool >= TS_REPRO_TOOL_COUNT ||
        (h->mode != TS_HKDF_EXTRACT && h->label == NULL)) {
        return NULL;
    }
    bool openssl = tool == TS_REPRO_OPENSSL;
    char *key = openssl ? hex_opt(h->key, h->key_len) : hex_arg(h->key, h->key_len);
    char *data = openssl ? hex_opt(h->data, h->data_len) : hex_arg(h->data, h->data_len);
    char *cmd = NULL;
    if (key == NULL || data == NULL) {
        /* out of memory: no command */
    } else if (h->mode == TS_HKDF_EXTRACT && openssl) {
        cmd = format("openssl kdf -keylen %zu -kdfopt digest:%s -kdfopt mode:EXTRACT_ONLY "
                     "-kdfopt hexkey:%s -kdfopt hexsalt:%s HKDF",
                     ts_hash_len(h->hash), openssl_digest(h->hash), data, key);
    } else if (h->mode == TS_HKDF_EXTRACT) {
        cmd = format("tlsstep hkdf extract --hash %s --salt %s --ikm %s", ts_hash_name(h->hash),
                     key, data);
    } else if (h->mode == TS_HKDF_EXPAND_LABEL || h->mode == TS_HKDF_DERIVE_SECRET) {
        size_t n = h->mode == TS_HKDF_DERIVE_SECRET ? ts_hash_len(h->hash) : h->out_len;
        cmd = openssl ? tls13_kdf(h, key, data, n) : tlsstep_label(h, key, data);
    }
    free(key);
    free(data);
    return cmd;
}

char *ts_reproduce_sig(const ts_ev_sig *s, const uint8_t *sig, size_t sig_len,
                       ts_repro_tool tool)
{
    if (s == NULL || !s->used || s->signer == NULL || tool != TS_REPRO_OPENSSL || sig_len == 0) {
        return NULL;
    }
    char *sig_hex = ts_hex_strdup(sig, sig_len);
    char *data = hex_arg(s->data, s->data_len);
    const char *cert = s->signer; /* "client" or "server": ours, never a peer's */
    char *cmd = NULL;
    if (sig_hex != NULL && data != NULL) {
        cmd = format("openssl dgst -%s%s -verify <(openssl x509 -in %s.pem -pubkey -noout) "
                     "-signature <(echo %s | xxd -r -p) <(echo %s | xxd -r -p)",
                     ts_hash_name(s->hash),
                     s->pss ? " -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest" : "",
                     cert, sig_hex, data);
    }
    free(sig_hex);
    free(data);
    return cmd;
}

char *ts_reproduce_command(const ts_event *ev, ts_repro_tool tool)
{
    if (ev == NULL) {
        return NULL;
    }
    if (ev->sig.used) {
        return ts_reproduce_sig(&ev->sig, ev->value, ev->value_len, tool);
    }
    return ev->prf.used ? ts_reproduce_prf(&ev->prf, tool) : ts_reproduce_hkdf(&ev->hkdf, tool);
}

size_t ts_reproduce_commands(const ts_event *ev, char **cmds, size_t max)
{
    size_t n = 0;
    for (int t = 0; t < TS_REPRO_TOOL_COUNT && n < max; t++) {
        char *cmd = ts_reproduce_command(ev, (ts_repro_tool)t);
        if (cmd != NULL) {
            cmds[n++] = cmd;
        }
    }
    return n;
}

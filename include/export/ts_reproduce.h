/* ts_reproduce: the shell commands that recompute a derived value by hand
 * from the data its event carries, in two tools:
 *
 *   TLS 1.2's PRF (ev->prf)
 *     tlsstep prf --hash H --secret HEX --label 'L' --seed HEX --length N
 *     openssl kdf -keylen N -kdfopt digest:H -kdfopt hexsecret:HEX
 *         -kdfopt 'seed:L' -kdfopt hexseed:HEX TLS1-PRF
 *   TLS 1.3's HKDF (ev->hkdf, RFC 8446 §7.1)
 *     extract        tlsstep hkdf extract --hash H --salt HEX --ikm HEX
 *                    openssl kdf ... -kdfopt mode:EXTRACT_ONLY
 *                        -kdfopt hexkey:IKM -kdfopt hexsalt:SALT HKDF
 *     expand-label   tlsstep hkdf expand-label --hash H --secret HEX
 *                        --label 'L' --context HEX --length N
 *                    openssl kdf -keylen N ... -kdfopt mode:EXPAND_ONLY
 *                        -kdfopt hexkey:SECRET -kdfopt 'prefix:tls13 '
 *                        -kdfopt 'label:L' -kdfopt hexdata:CONTEXT TLS13-KDF
 *     derive-secret  tlsstep hkdf derive-secret --hash H --secret HEX
 *                        --label 'L' --transcript-hash HEX
 *                    the TLS13-KDF command of expand-label with the
 *                    transcript hash as context and N = Hash.length
 *
 *   a signature (ev->sig), checked with the signer's certificate saved as
 *   SIGNER.pem (from the run's JSON) and the exact bytes it signs; bash
 *   (process substitution) and xxd
 *     openssl dgst -sha256 [-sigopt rsa_padding_mode:pss
 *         -sigopt rsa_pss_saltlen:digest]
 *         -verify <(openssl x509 -in client.pem -pubkey -noout)
 *         -signature <(echo SIG | xxd -r -p) <(echo DATA | xxd -r -p)
 *     (no tlsstep command: NULL)
 *
 * tlsstep prints lowercase hex, openssl uppercase bytes joined by ':'.
 * Hex arguments are whole (never cut); an empty one is written '' for
 * tlsstep and as nothing after the colon for openssl (which both take).
 * The text transcript and the UI's inspector show these commands. */
#ifndef TS_REPRODUCE_H
#define TS_REPRODUCE_H

#include <stddef.h>

#include "tls/ts_event.h"

typedef enum {
    TS_REPRO_TLSSTEP, /* tlsstep prf, tlsstep hkdf */
    TS_REPRO_OPENSSL, /* openssl kdf (OpenSSL 3) */
    TS_REPRO_TOOL_COUNT
} ts_repro_tool;

/* The command of tool for a PRF value, malloc'd (the caller frees); NULL
 * when prf is unused or out of memory. */
char *ts_reproduce_prf(const ts_ev_prf *prf, ts_repro_tool tool);

/* The command of tool for an HKDF value, malloc'd; NULL when h is unused,
 * its mode unknown, or out of memory. */
char *ts_reproduce_hkdf(const ts_ev_hkdf *h, ts_repro_tool tool);

/* The command of tool that checks a signature value sig (its ev->sig
 * data), malloc'd; NULL when s is unused, for tlsstep, or out of memory. */
char *ts_reproduce_sig(const ts_ev_sig *s, const uint8_t *sig, size_t sig_len,
                       ts_repro_tool tool);

/* The command of tool that reproduces ev's value (its PRF or HKDF data) or
 * checks it (a signature), malloc'd; NULL when ev carries none. */
char *ts_reproduce_command(const ts_event *ev, ts_repro_tool tool);

/* Every command that reproduces ev's value, tlsstep's then openssl's,
 * malloc'd into cmds (up to max; the caller frees each); how many (0 when
 * ev carries no reproduce data). */
size_t ts_reproduce_commands(const ts_event *ev, char **cmds, size_t max);

#endif

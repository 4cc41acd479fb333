/* ts_tls13_keys: the steps of the TLS 1.3 key schedule (RFC 8446 §7.1,
 * §7.3, §4.4.4, §7.2) on top of ts_hkdf, one function per rung so the
 * engine can show each value with its inputs:
 *
 *   early = Extract(0, PSK or 0)           derived = Derive-Secret(., "derived", "")
 *   handshake = Extract(derived, (EC)DHE)  master = Extract(derived', 0)
 *   traffic secrets = Derive-Secret(stage, "c hs traffic" | ..., transcript)
 *   key, iv = Expand-Label(traffic secret, "key" | "iv", "", len)
 *   verify_data = HMAC(Expand-Label(base, "finished", "", Hash.length), transcript)
 *
 * Functions return ts_err as ts_hkdf does; outputs are ts_hash_len(alg)
 * bytes unless said otherwise. */
#ifndef TS_TLS13_KEYS_H
#define TS_TLS13_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "crypto/ts_hash.h"

#define TS_TLS13_IV_LEN 12 /* every TLS 1.3 AEAD's nonce */

/* The next stage of the schedule: derived = Derive-Secret(prev, "derived",
 * Hash("")), then next = HKDF-Extract(derived, ikm), where ikm NULL means
 * Hash.length zero bytes (the master secret's input). prev NULL starts the
 * schedule: next = HKDF-Extract(0, ikm) is the early secret, derived is not
 * written (may be NULL). */
ts_err ts_tls13_next_stage(ts_hash_alg alg, const uint8_t *prev, const uint8_t *ikm,
                           size_t ikm_len, uint8_t *derived, uint8_t *next);

/* A traffic secret's key (key_len bytes: 16 or 32) and IV (12 bytes). */
ts_err ts_tls13_traffic_keys(ts_hash_alg alg, const uint8_t *secret, size_t key_len,
                             uint8_t *key, uint8_t *iv);

/* finished_key = HKDF-Expand-Label(base, "finished", "", Hash.length) and
 * verify_data = HMAC(finished_key, transcript_hash) (RFC 8446 §4.4.4);
 * finished_key may be NULL when not wanted. */
ts_err ts_tls13_finished(ts_hash_alg alg, const uint8_t *base, const uint8_t *transcript_hash,
                         uint8_t *finished_key, uint8_t *verify_data);

/* application_traffic_secret_N+1 = HKDF-Expand-Label(secret_N, "traffic
 * upd", "", Hash.length) (RFC 8446 §7.2, after a KeyUpdate). */
ts_err ts_tls13_update_secret(ts_hash_alg alg, const uint8_t *secret, uint8_t *next);

/* The per-record nonce (RFC 8446 §5.3): the 64-bit sequence number,
 * big-endian and left-padded to 12 bytes, XORed with iv. Cannot fail. */
void ts_tls13_nonce(const uint8_t iv[TS_TLS13_IV_LEN], uint64_t seq,
                    uint8_t nonce[TS_TLS13_IV_LEN]);

#endif

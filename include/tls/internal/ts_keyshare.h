/* ts_keyshare: a TLS 1.3 key share (RFC 8446 §4.2.8) as either side makes
 * and uses it: X25519 or an RFC 7919 group, the public value reported as
 * <side>_share, the private one as <side>_private, and the shared secret
 * (an FFDHE one left-padded to the prime's length, §7.4.1) as
 * shared_secret into the endpoint's premaster. Part of the endpoint family
 * (tls/internal/ts_endpoint.h). */
#ifndef TS_KEYSHARE_H
#define TS_KEYSHARE_H

#include "tls/internal/ts_endpoint.h"

/* True for a group ts_ks_make takes: x25519 and ffdhe2048..ffdhe8192. */
bool ts_ks_known(uint16_t group);

/* A fresh key pair of group for c's side, reported; *pub and *len point
 * at the public value (in c, valid until the next call). */
ts_err ts_ks_make(ts_conn *c, uint16_t group, const uint8_t **pub, size_t *len);

/* Checks the peer's public value of group (X25519: 32 bytes; FFDHE: the
 * prime's length and 2..p-2), keeps it and reports it as <peer>_share,
 * received in how; illegal_parameter (the alert sent) when it is unusable.
 * For the server, before its own ts_ks_make of the same group. */
ts_err ts_ks_take(ts_conn *c, uint16_t group, const uint8_t *peer, size_t len, const char *how);

/* The shared secret of c's private value and the kept peer value, into
 * c->premaster, reported; illegal_parameter (sent) when it degenerates. */
ts_err ts_ks_shared(ts_conn *c, uint16_t group);

#endif

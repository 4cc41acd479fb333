/* ts_handshake13: the TLS 1.3 full handshake as data (RFC 8446 §2, §4):
 * its own table beside TLS 1.2's, with the HelloRetryRequest branch and
 * the middlebox-compatibility ChangeCipherSpec records as states of their
 * own, so each is a step a student sees. The dispatcher of ts_handshake.h
 * runs it once the hellos agree on TLS 1.3. */
#ifndef TS_HANDSHAKE13_H
#define TS_HANDSHAKE13_H

#include "tls/ts_handshake.h"

/* The entry of state (a ts_hs13_state), or NULL beyond the table. */
const ts_hs_entry *ts_handshake13_entry(unsigned state);

/* Handles a ChangeCipherSpec record received in TLS 1.3 (RFC 8446 §5):
 * the single byte 01, unprotected, during the handshake, is dropped once;
 * anything else is unexpected_message. */
ts_err ts_handshake13_on_ccs(ts_conn *c, const ts_buf *payload, bool protected_record);

/* Handles a handshake message after the TLS 1.3 handshake: NewSessionTicket
 * (client), KeyUpdate (both); anything else is unexpected_message. */
ts_err ts_handshake13_post(ts_conn *c, uint8_t type, const uint8_t *msg, size_t n,
                           ts_buf *body);

#endif

/* ts_msg_client_key_exchange: the ClientKeyExchange body (RFC 5246 §7.4.7,
 * RFC 8422 §5.7) in its three forms; the suite decides which one.
 * Return convention and lifetimes: see ts_msg_handshake.h. */
#ifndef TS_MSG_CLIENT_KEY_EXCHANGE_H
#define TS_MSG_CLIENT_KEY_EXCHANGE_H

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_handshake.h"

/* The premaster secret of the RSA key exchange (RFC 5246 §7.4.7.1), sent
 * encrypted in ClientKeyExchange:
 *
 *   struct {
 *       ProtocolVersion client_version;      2 bytes: the ClientHello's version
 *       opaque random[46];
 *   } PreMasterSecret;                       48 bytes in all
 *
 * (ECDHE and DHE premasters are the shared secret, of the group's size.) */
#define TS_PREMASTER_LEN 48
#define TS_PREMASTER_RANDOM_LEN (TS_PREMASTER_LEN - 2)

typedef struct {
    ts_kx kind;
    /* TS_KX_RSA: EncryptedPreMasterSecret (1..2^16-1 bytes);
     * TS_KX_ECDHE: the client's point (1..255 bytes);
     * TS_KX_DHE: dh_Yc (1..2^16-1 bytes). */
    ts_msg_bytes exchange;
} ts_msg_cke;

/* Appends the body: exchange as a u16 vector (RSA, DHE) or u8 vector (ECDHE). */
ts_err ts_msg_cke_write(ts_buf *out, const ts_msg_cke *m);

/* Parses a whole body of the given kind; m->exchange views into body. */
ts_err ts_msg_cke_parse(ts_buf *body, ts_kx kind, ts_msg_cke *m, ts_fields *f);

#endif

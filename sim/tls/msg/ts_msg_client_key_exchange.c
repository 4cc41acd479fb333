/* ts_msg_client_key_exchange: ClientKeyExchange body codec. */
#include "tls/msg/ts_msg_client_key_exchange.h"

#include <stdio.h>
#include <string.h>

/* Length prefix width of each form. */
static unsigned width_of(ts_kx kind)
{
    return kind == TS_KX_ECDHE ? 1 : 2;
}

ts_err ts_msg_cke_write(ts_buf *out, const ts_msg_cke *m)
{
    TS_ENSURE(m->kind == TS_KX_RSA || m->kind == TS_KX_ECDHE || m->kind == TS_KX_DHE,
              TS_ERR_ARG);
    return ts_buf_write_vec(out, width_of(m->kind), m->exchange.data, m->exchange.len);
}

/*
 * struct {
 *     select (KeyExchangeAlgorithm) {
 *         case rsa:             EncryptedPreMasterSecret;  -- opaque <0..2^16-1>
 *         case dhe_rsa:         ClientDiffieHellmanPublic; -- opaque dh_Yc<1..2^16-1>
 *         case ec_diffie_hellman: ClientECDiffieHellmanPublic;
 *                                                          -- opaque point <1..2^8-1>
 *     } exchange_keys;
 * } ClientKeyExchange;
 *
 * RSA, DHE:                          ECDHE:
 * +--------+-----------------+       +-----+--------------+
 * | len u16| encrypted / Yc  |       | len | point        |
 * +--------+-----------------+       +-----+--------------+
 */
ts_err ts_msg_cke_parse(ts_buf *body, ts_kx kind, ts_msg_cke *m, ts_fields *f)
{
    TS_ENSURE(kind == TS_KX_RSA || kind == TS_KX_ECDHE || kind == TS_KX_DHE, TS_ERR_ARG);
    memset(m, 0, sizeof(*m));
    m->kind = kind;
    ts_fields_begin(f, body);
    unsigned w = width_of(kind);
    const char *name = kind == TS_KX_RSA ? "encrypted_premaster" : kind == TS_KX_ECDHE
                                                                     ? "pubkey"
                                                                     : "dh_Yc";
    char len_name[32];
    snprintf(len_name, sizeof(len_name), "%s_length", name);
    ts_buf v;
    size_t at = ts_fields_offset(f, body);
    TS_GUARD(ts_msg_body_err(ts_buf_read_vec(body, w, 1, w == 1 ? 0xFF : 0xFFFF, &v)));
    m->exchange.data = v.data;
    m->exchange.len = v.len;
    TS_GUARD(ts_fields_add(f, 0, len_name, at, w, "%zu", v.len));
    TS_GUARD(ts_fields_add_hex(f, 0, name, at + w, v.data, v.len));
    return ts_buf_expect_end(body);
}

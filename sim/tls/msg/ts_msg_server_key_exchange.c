/* ts_msg_server_key_exchange: ServerKeyExchange body codec. */
#include "tls/msg/ts_msg_server_key_exchange.h"

#include <stdio.h>
#include <string.h>

#include "tls/msg/ts_msg_extensions.h"

#define OFF(f, b) ts_fields_offset((f), (b))

ts_err ts_msg_ske_write_params(ts_buf *out, const ts_msg_ske *m)
{
    if (m->kind == TS_KX_ECDHE) {
        TS_GUARD(ts_buf_write_u8(out, m->curve_type));
        TS_GUARD(ts_buf_write_u16(out, m->group));
        return ts_buf_write_vec(out, 1, m->point.data, m->point.len);
    }
    TS_ENSURE(m->kind == TS_KX_DHE, TS_ERR_ARG);
    TS_GUARD(ts_buf_write_vec(out, 2, m->dh_p.data, m->dh_p.len));
    TS_GUARD(ts_buf_write_vec(out, 2, m->dh_g.data, m->dh_g.len));
    return ts_buf_write_vec(out, 2, m->dh_ys.data, m->dh_ys.len);
}

ts_err ts_msg_ske_write_signature(ts_buf *out, uint16_t sigalg, const uint8_t *sig,
                                  size_t sig_len)
{
    TS_GUARD(ts_buf_write_u16(out, sigalg));
    return ts_buf_write_vec(out, 2, sig, sig_len);
}

bool ts_msg_ske_sigalg_hash(uint16_t sigalg, ts_hash_alg *alg)
{
    if (sigalg == TS_SIGALG_RSA_PKCS1_SHA256) {
        *alg = TS_HASH_SHA256;
        return true;
    }
    if (sigalg == TS_SIGALG_RSA_PKCS1_SHA384) {
        *alg = TS_HASH_SHA384;
        return true;
    }
    if (sigalg == TS_SIGALG_RSA_PKCS1_SHA512) {
        *alg = TS_HASH_SHA512;
        return true;
    }
    return false;
}

void ts_msg_ske_digest(ts_hash_alg alg, const uint8_t client_random[TS_RANDOM_LEN],
                       const uint8_t server_random[TS_RANDOM_LEN], const uint8_t *params,
                       size_t params_len, uint8_t out[TS_HASH_MAX_LEN])
{
    ts_hash_ctx h;
    ts_hash_init(&h, alg);
    ts_hash_update(&h, client_random, TS_RANDOM_LEN);
    ts_hash_update(&h, server_random, TS_RANDOM_LEN);
    ts_hash_update(&h, params, params_len);
    ts_hash_final(&h, out);
}

ts_err ts_msg_ske_write(ts_buf *out, const ts_msg_ske *m)
{
    TS_GUARD(ts_msg_ske_write_params(out, m));
    return ts_msg_ske_write_signature(out, m->sigalg, m->signature.data, m->signature.len);
}

/*
 * struct {
 *     select (KeyExchangeAlgorithm) {
 *         case ec_diffie_hellman: ServerECDHParams params;   -- RFC 8422 §5.4
 *         case diffie_hellman:    ServerDHParams params;     -- RFC 5246 §7.4.3
 *     };
 *     digitally-signed struct {
 *         opaque client_random[32];
 *         opaque server_random[32];
 *         ServerParams params;
 *     } signed_params;
 * } ServerKeyExchange;
 *
 * ServerECDHParams: ECParameters { ECCurveType curve_type (u8, 3);
 *                                  NamedCurve namedcurve (u16); }
 *                   ECPoint { opaque point<1..2^8-1>; }
 * ServerDHParams:   opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>;
 *                   opaque dh_Ys<1..2^16-1>;
 * digitally-signed: SignatureAndHashAlgorithm (u8 hash, u8 signature);
 *                   opaque signature<0..2^16-1>;
 *
 * ECDHE:
 * +------+-----------+-----+-------------+-------+---------+-----------+
 * | 0x03 | group u16 | len | point       | sigalg| sig len | signature |
 * +------+-----------+-----+-------------+-------+---------+-----------+
 * DHE:
 * +-------+-----+-------+-----+--------+------+-------+---------+-----------+
 * | p len | p   | g len | g   | Ys len | Ys   | sigalg| sig len | signature |
 * +-------+-----+-------+-----+--------+------+-------+---------+-----------+
 * |<------------------------- params ---------------->|
 */
static ts_err parse_ecdhe(ts_buf *body, ts_msg_ske *m, ts_fields *f)
{
    ts_buf point;
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_u8(body, &m->curve_type));
    TS_GUARD(ts_fields_add(f, 1, "curve_type", at, 1, "%s (%u)",
                           m->curve_type == TS_EC_CURVE_TYPE_NAMED ? "named_curve" : "unsupported",
                           m->curve_type));
    TS_ENSURE(m->curve_type == TS_EC_CURVE_TYPE_NAMED, TS_ERR_ILLEGAL);
    at = OFF(f, body);
    TS_GUARD(ts_buf_read_u16(body, &m->group));
    TS_GUARD(ts_fields_add(f, 1, "named_curve", at, 2, "%s (0x%04x)", ts_group_name(m->group),
                           m->group));
    at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 1, 1, 0xFF, &point));
    m->point.data = point.data;
    m->point.len = point.len;
    TS_GUARD(ts_fields_add(f, 1, "pubkey_length", at, 1, "%zu", point.len));
    return ts_fields_add_hex(f, 1, "pubkey", at + 1, point.data, point.len);
}

static ts_err parse_dh_value(ts_buf *body, const char *name, ts_msg_bytes *v, ts_fields *f)
{
    ts_buf x;
    char len_name[32];
    size_t at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 2, 1, 0xFFFF, &x));
    v->data = x.data;
    v->len = x.len;
    snprintf(len_name, sizeof(len_name), "%s_length", name);
    TS_GUARD(ts_fields_add(f, 1, len_name, at, 2, "%zu", x.len));
    return ts_fields_add_hex(f, 1, name, at + 2, x.data, x.len);
}

static ts_err parse_body(ts_buf *body, ts_kx kind, ts_msg_ske *m, ts_fields *f)
{
    ts_buf sig, params;
    ts_buf before = *body; /* to take a view of the params once their end is known */
    size_t at = OFF(f, body);
    size_t parent = f != NULL ? f->n : 0;
    TS_GUARD(ts_fields_add(f, 0, "params", at, 0, "%s",
                           kind == TS_KX_ECDHE ? "ServerECDHParams" : "ServerDHParams"));
    if (kind == TS_KX_ECDHE) {
        TS_GUARD(parse_ecdhe(body, m, f));
    } else {
        TS_GUARD(parse_dh_value(body, "dh_p", &m->dh_p, f));
        TS_GUARD(parse_dh_value(body, "dh_g", &m->dh_g, f));
        TS_GUARD(parse_dh_value(body, "dh_Ys", &m->dh_ys, f));
    }
    TS_GUARD(ts_buf_read_view(&before, body->pos - before.pos, &params));
    m->params.data = params.data;
    m->params.len = params.len;
    if (f != NULL) {
        f->items[parent].len = m->params.len;
    }
    at = OFF(f, body);
    TS_GUARD(ts_buf_read_u16(body, &m->sigalg));
    TS_GUARD(ts_fields_add(f, 0, "signature_algorithm", at, 2, "%s (0x%04x)",
                           ts_sigalg_name(m->sigalg), m->sigalg));
    at = OFF(f, body);
    TS_GUARD(ts_buf_read_vec(body, 2, 0, 0xFFFF, &sig));
    m->signature.data = sig.data;
    m->signature.len = sig.len;
    TS_GUARD(ts_fields_add(f, 0, "signature_length", at, 2, "%zu", sig.len));
    TS_GUARD(ts_fields_add_hex(f, 0, "signature", at + 2, sig.data, sig.len));
    return ts_buf_expect_end(body);
}

ts_err ts_msg_ske_parse(ts_buf *body, ts_kx kind, ts_msg_ske *m, ts_fields *f)
{
    TS_ENSURE(kind == TS_KX_ECDHE || kind == TS_KX_DHE, TS_ERR_ARG);
    memset(m, 0, sizeof(*m));
    m->kind = kind;
    ts_fields_begin(f, body);
    return ts_msg_body_err(parse_body(body, kind, m, f));
}

ts_err ts_msg_ske_params(const ts_msg_ske *m, ts_buf *view)
{
    TS_ENSURE(m->params.data != NULL, TS_ERR_ARG);
    ts_buf_view(view, m->params.data, m->params.len);
    return TS_OK;
}

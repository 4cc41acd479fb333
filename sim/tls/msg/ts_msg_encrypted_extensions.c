/* ts_msg_encrypted_extensions: EncryptedExtensions body codec. */
#include "tls/msg/ts_msg_encrypted_extensions.h"

#include "tls/msg/ts_msg_handshake.h"

ts_err ts_msg_encrypted_extensions_write(ts_buf *out, const ts_msg_exts *e)
{
    size_t before = out->len;
    TS_GUARD(ts_msg_exts_write(out, TS_EXT_CTX_ENCRYPTED_EXTENSIONS, e));
    /* nothing written means e has no block: the message still has one */
    return out->len == before ? ts_buf_write_u16(out, 0) : TS_OK;
}

/*
 * struct {
 *     Extension extensions<0..2^16-1>;
 * } EncryptedExtensions;
 *
 *  0        2
 * +--------+--------+-----------------+--------+--------+----------------+---
 * | extensions len  | extension_type  | data length     | extension_data | ...
 * +--------+--------+-----------------+--------+--------+----------------+---
 *
 * Sent by the server under the handshake keys, right after ServerHello:
 * server_name (empty: the name was used), supported_groups (the server's
 * preference, for next time), ALPN, ... never anything that shapes the
 * key exchange (RFC 8446 §4.3.1).
 */
static ts_err parse_body(ts_buf *body, ts_msg_exts *e, ts_fields *f)
{
    TS_ENSURE(ts_buf_remaining(body) >= 2, TS_ERR_DECODE); /* the block is not optional */
    TS_GUARD(ts_msg_exts_parse(body, TS_EXT_CTX_ENCRYPTED_EXTENSIONS, e, f));
    return ts_buf_expect_end(body);
}

ts_err ts_msg_encrypted_extensions_parse(ts_buf *body, ts_msg_exts *e, ts_fields *f)
{
    ts_fields_begin(f, body);
    return ts_msg_body_err(parse_body(body, e, f));
}

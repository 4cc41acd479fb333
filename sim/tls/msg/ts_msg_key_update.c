/* ts_msg_key_update: KeyUpdate body codec. */
#include "tls/msg/ts_msg_key_update.h"

#include "tls/msg/ts_msg_handshake.h"

ts_err ts_msg_key_update_write(ts_buf *out, bool update_requested)
{
    return ts_buf_write_u8(out, update_requested ? 1 : 0);
}

/*
 * enum {
 *     update_not_requested(0), update_requested(1), (255)
 * } KeyUpdateRequest;
 *
 * struct {
 *     KeyUpdateRequest request_update;        -- u8
 * } KeyUpdate;
 *
 * +----------------+
 * | request_update |
 * +----------------+
 *
 * The sender's next records use its next traffic secret (RFC 8446 §7.2);
 * update_requested asks the peer to send a KeyUpdate of its own.
 */
static ts_err parse_body(ts_buf *body, uint8_t *v, ts_fields *f)
{
    size_t at = ts_fields_offset(f, body);
    TS_GUARD(ts_buf_read_u8(body, v));
    TS_GUARD(ts_fields_add(f, 0, "request_update", at, 1, "%s (%u)",
                           *v == 0   ? "update_not_requested"
                           : *v == 1 ? "update_requested"
                                     : "unknown",
                           *v));
    return ts_buf_expect_end(body);
}

ts_err ts_msg_key_update_parse(ts_buf *body, bool *update_requested, ts_fields *f)
{
    uint8_t v = 0;
    *update_requested = false;
    ts_fields_begin(f, body);
    TS_GUARD(ts_msg_body_err(parse_body(body, &v, f)));
    /* RFC 8446 §4.6.3: any other value is an illegal_parameter */
    TS_ENSURE(v <= 1, TS_ERR_ILLEGAL);
    *update_requested = v == 1;
    return TS_OK;
}

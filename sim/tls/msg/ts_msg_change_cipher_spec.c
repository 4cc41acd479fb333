/* ts_msg_change_cipher_spec: ChangeCipherSpec payload codec. */
#include "tls/msg/ts_msg_change_cipher_spec.h"

ts_err ts_msg_ccs_write(ts_buf *out)
{
    return ts_buf_write_u8(out, TS_CCS_VALUE);
}

/*
 * struct {
 *     enum { change_cipher_spec(1), (255) } type;
 * } ChangeCipherSpec;
 *
 * +------+
 * | 0x01 |
 * +------+
 */
ts_err ts_msg_ccs_parse(ts_buf *in, ts_fields *f)
{
    uint8_t v;
    ts_fields_begin(f, in);
    size_t at = ts_fields_offset(f, in);
    TS_ENSURE(ts_buf_remaining(in) == 1, TS_ERR_DECODE);
    TS_GUARD(ts_buf_read_u8(in, &v));
    TS_GUARD(ts_fields_add(f, 0, "change_cipher_spec", at, 1, "%u", v));
    TS_ENSURE(v == TS_CCS_VALUE, TS_ERR_ILLEGAL);
    return TS_OK;
}

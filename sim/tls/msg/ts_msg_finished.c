/* ts_msg_finished: Finished body codec. */
#include "tls/msg/ts_msg_finished.h"

ts_err ts_msg_finished_write(ts_buf *out, const uint8_t verify_data[TS_VERIFY_DATA_LEN])
{
    return ts_buf_write_bytes(out, verify_data, TS_VERIFY_DATA_LEN);
}

/*
 * struct {
 *     opaque verify_data[verify_data_length];   -- 12 bytes in TLS 1.2
 * } Finished;
 *
 * verify_data = PRF(master_secret, finished_label,
 *                   Hash(handshake_messages))[0..11]
 *
 * +-------------------------------------------------+
 * | verify_data (12)                                |
 * +-------------------------------------------------+
 */
ts_err ts_msg_finished_parse(ts_buf *body, uint8_t verify_data[TS_VERIFY_DATA_LEN],
                             ts_fields *f)
{
    ts_fields_begin(f, body);
    size_t at = ts_fields_offset(f, body);
    TS_ENSURE(ts_buf_remaining(body) == TS_VERIFY_DATA_LEN, TS_ERR_DECODE);
    TS_GUARD(ts_buf_read_bytes(body, verify_data, TS_VERIFY_DATA_LEN));
    return ts_fields_add_hex(f, 0, "verify_data", at, verify_data, TS_VERIFY_DATA_LEN);
}

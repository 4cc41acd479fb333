/* ts_msg_server_hello_done: ServerHelloDone body codec. */
#include "tls/msg/ts_msg_server_hello_done.h"

ts_err ts_msg_server_hello_done_write(ts_buf *out)
{
    return ts_buf_write_bytes(out, NULL, 0);
}

/*
 * struct { } ServerHelloDone;
 *
 * +--+
 * |  |   (no bytes: the handshake header's length is 0)
 * +--+
 */
ts_err ts_msg_server_hello_done_parse(ts_buf *body, ts_fields *f)
{
    (void)f;
    TS_ENSURE(ts_buf_remaining(body) == 0, TS_ERR_DECODE);
    return TS_OK;
}

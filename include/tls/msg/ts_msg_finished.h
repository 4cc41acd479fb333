/* ts_msg_finished: the Finished body (RFC 5246 §7.4.9): verify_data, 12
 * bytes for every TLS 1.2 suite tlsstep knows. Comparing it with the
 * expected value (ts_secret_equal) is the engine's job.
 * Return convention: see ts_msg_handshake.h. */
#ifndef TS_MSG_FINISHED_H
#define TS_MSG_FINISHED_H

#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "crypto/ts_prf.h" /* TS_VERIFY_DATA_LEN (12) */

/* Appends the body: the 12 bytes of verify_data. */
ts_err ts_msg_finished_write(ts_buf *out, const uint8_t verify_data[TS_VERIFY_DATA_LEN]);

/* Parses a whole body of exactly 12 bytes into verify_data (else
 * TS_ERR_DECODE). */
ts_err ts_msg_finished_parse(ts_buf *body, uint8_t verify_data[TS_VERIFY_DATA_LEN],
                             ts_fields *f);

#endif

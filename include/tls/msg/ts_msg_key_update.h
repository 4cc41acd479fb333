/* ts_msg_key_update: the KeyUpdate body (RFC 8446 §4.6.3): one byte saying
 * whether the sender asks the peer to update its keys too. Return
 * convention: see ts_msg_handshake.h.
 *
 *   enum { update_not_requested(0), update_requested(1), (255) } KeyUpdateRequest;
 *   struct { KeyUpdateRequest request_update; } KeyUpdate;
 */
#ifndef TS_MSG_KEY_UPDATE_H
#define TS_MSG_KEY_UPDATE_H

#include <stdbool.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"

/* Appends the one-byte body. */
ts_err ts_msg_key_update_write(ts_buf *out, bool update_requested);

/* Parses a whole body; a value other than 0 or 1 is TS_ERR_ILLEGAL (RFC
 * 8446 §4.6.3: illegal_parameter). */
ts_err ts_msg_key_update_parse(ts_buf *body, bool *update_requested, ts_fields *f);

#endif

/* ts_msg_change_cipher_spec: the ChangeCipherSpec payload (RFC 5246 §7.1),
 * its own content type (20, TS_CT_CHANGE_CIPHER_SPEC in ts_record.h), not a
 * handshake message. Return convention: see ts_msg_handshake.h. */
#ifndef TS_MSG_CHANGE_CIPHER_SPEC_H
#define TS_MSG_CHANGE_CIPHER_SPEC_H

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"

#define TS_CCS_VALUE 1

/* Appends the one-byte payload (1). */
ts_err ts_msg_ccs_write(ts_buf *out);

/* Parses a whole payload: not exactly one byte is TS_ERR_DECODE, a byte
 * other than 1 is TS_ERR_ILLEGAL. */
ts_err ts_msg_ccs_parse(ts_buf *in, ts_fields *f);

#endif

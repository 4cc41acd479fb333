/* ts_msg_encrypted_extensions: the EncryptedExtensions body (RFC 8446
 * §4.3.1): the server's extensions that need no key exchange, sent as the
 * first encrypted message. Return convention and lifetimes: see
 * ts_msg_handshake.h.
 *
 *   struct {
 *       Extension extensions<0..2^16-1>;
 *   } EncryptedExtensions;
 */
#ifndef TS_MSG_ENCRYPTED_EXTENSIONS_H
#define TS_MSG_ENCRYPTED_EXTENSIONS_H

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "base/ts_fields.h"
#include "tls/msg/ts_msg_extensions.h"

/* Appends the body: e's extensions in the EncryptedExtensions forms (the
 * block is always written, even empty). */
ts_err ts_msg_encrypted_extensions_write(ts_buf *out, const ts_msg_exts *e);

/* Parses a whole body into e (a block must be there: two bytes at least). */
ts_err ts_msg_encrypted_extensions_parse(ts_buf *body, ts_msg_exts *e, ts_fields *f);

#endif

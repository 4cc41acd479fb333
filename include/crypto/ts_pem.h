/* ts_pem: PEM text (RFC 7468): "-----BEGIN LABEL-----", base64 in lines of
 * 64 columns, "-----END LABEL-----". Base64 comes from libsodium. Functions
 * return ts_err (TS_ERR_PEM for a missing or mismatched block,
 * TS_ERR_BASE64 for a malformed body). */
#ifndef TS_PEM_H
#define TS_PEM_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"

/* Longest label accepted. */
#define TS_PEM_LABEL_MAX 64

/* Appends the PEM block of n bytes of data under label to out (no NUL). */
ts_err ts_pem_encode(const char *label, const uint8_t *data, size_t n, ts_buf *out);

/* Finds the first block at or after *pos in the len bytes of text whose
 * label is one of the n_labels labels (others are skipped); appends its
 * decoded bytes to out, sets *which (if not NULL) to the label's index and
 * *pos just past the END line, so a second call finds the next block. */
ts_err ts_pem_read(const char *text, size_t len, size_t *pos, const char *const *labels,
                   size_t n_labels, size_t *which, ts_buf *out);

/* Decodes the first block labelled label in text (len bytes) into out. */
ts_err ts_pem_decode(const char *text, size_t len, const char *label, ts_buf *out);

#endif

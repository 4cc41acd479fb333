/* ts_keylog: the NSS key log format, as SSLKEYLOGFILE writes it, which
 * Wireshark and tshark read to decrypt TLS 1.2: one line per connection,
 *
 *   CLIENT_RANDOM <64 hex digits: client random> <96 hex digits: master secret>
 *
 * (NSS "Key Log Format"; lowercase hex, '\n' at the end). Functions that
 * can fail return ts_err. */
#ifndef TS_KEYLOG_H
#define TS_KEYLOG_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "crypto/ts_prf.h" /* TS_RANDOM_LEN */

#define TS_KEYLOG_MASTER_LEN 48
/* "CLIENT_RANDOM " + 64 + " " + 96 + "\n" + NUL */
#define TS_KEYLOG_LINE_MAX (14 + 64 + 1 + 96 + 1 + 1)

/* Writes the line (with its '\n' and a NUL) for a connection to out.
 * TS_ERR_ARG unless master_len is 48. */
ts_err ts_keylog_line(const uint8_t client_random[TS_RANDOM_LEN], const uint8_t *master,
                      size_t master_len, char out[TS_KEYLOG_LINE_MAX]);

/* Appends line to the file at path, creating it (mode 0600: it holds
 * secrets) if missing, in one write, as SSLKEYLOGFILE writers do.
 * TS_ERR_IO on failure. */
ts_err ts_keylog_append(const char *path, const char *line);

#endif

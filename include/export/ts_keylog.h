/* ts_keylog: the NSS key log format, as SSLKEYLOGFILE writes it, which
 * Wireshark and tshark read to decrypt TLS: lines of
 *
 *   LABEL <64 hex digits: client random> <hex digits: the secret>
 *
 * (NSS "Key Log Format"; lowercase hex, '\n' at the end of each). TLS 1.2
 * has one line per connection, CLIENT_RANDOM with the 48-byte master
 * secret; TLS 1.3 one per traffic secret (RFC 8446 §7.1): the handshake
 * ones, CLIENT_HANDSHAKE_TRAFFIC_SECRET and SERVER_HANDSHAKE_TRAFFIC_SECRET,
 * the application ones, CLIENT_TRAFFIC_SECRET_N and SERVER_TRAFFIC_SECRET_N
 * (N = 0, then 1, 2, ... after each KeyUpdate), and EXPORTER_SECRET.
 * Functions that can fail return ts_err. */
#ifndef TS_KEYLOG_H
#define TS_KEYLOG_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_buf.h"
#include "base/ts_err.h"
#include "crypto/ts_prf.h" /* TS_RANDOM_LEN */
#include "simulation/ts_trace.h"

#define TS_KEYLOG_MASTER_LEN 48
/* "CLIENT_RANDOM " + 64 + " " + 96 + "\n" + NUL */
#define TS_KEYLOG_LINE_MAX (14 + 64 + 1 + 96 + 1 + 1)

/* Writes the TLS 1.2 line (with its '\n' and a NUL) for a connection to
 * out. TS_ERR_ARG unless master_len is 48. */
ts_err ts_keylog_line(const uint8_t client_random[TS_RANDOM_LEN], const uint8_t *master,
                      size_t master_len, char out[TS_KEYLOG_LINE_MAX]);

/* Appends "label <client random> <secret>\n" to out (no NUL). TS_ERR_ARG
 * for an empty label or secret, or a secret over 64 bytes. */
ts_err ts_keylog_append_line(ts_buf *out, const char *label,
                             const uint8_t client_random[TS_RANDOM_LEN], const uint8_t *secret,
                             size_t secret_len);

/* The key log of a connection from the values in trace t derived by side
 * (TS_SIDE_CHANNEL: each value as the client derived it, else as the
 * server did): the TLS 1.3 lines of every traffic secret and the exporter
 * secret derived (client_handshake_traffic_secret ...
 * server_application_traffic_secret_N, exporter_master_secret), or, for
 * TLS 1.2, the CLIENT_RANDOM line of master_secret. Sets *text to the
 * lines, NUL-terminated and malloc'd (the caller frees; "" when nothing
 * was derived yet, or no client_random). TS_ERR_NOMEM. */
ts_err ts_keylog_of_trace(const ts_trace *t, ts_side side, char **text);

/* Appends line to the file at path, creating it (mode 0600: it holds
 * secrets) if missing, in one write, as SSLKEYLOGFILE writers do.
 * TS_ERR_IO on failure. */
ts_err ts_keylog_append(const char *path, const char *line);

#endif

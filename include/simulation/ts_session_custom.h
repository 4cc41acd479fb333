/* ts_session_custom: runs of a session with keys and certificates chosen
 * by an exercise (a weak server key, a forged or self-signed certificate, a
 * CA with e = 3) instead of the PKI made from the seed. Functions return
 * ts_err. */
#ifndef TS_SESSION_CUSTOM_H
#define TS_SESSION_CUSTOM_H

#include <stddef.h>
#include <stdint.h>

#include "base/ts_err.h"
#include "crypto/ts_rsa.h"
#include "simulation/ts_session.h"

/* Makes s's next runs use server_key (a private key, copied) and the
 * certificate server_der as the server's, and ca_der as the client's trust
 * anchor (both copied), instead of the PKI of its seed. The server's key
 * need not match the certificate (an impostor's run). TS_ERR_ARG for a
 * public-only key or empty certificates. */
ts_err ts_session_use_pki(ts_session *s, const ts_rsa_key *server_key, const uint8_t *server_der,
                          size_t server_len, const uint8_t *ca_der, size_t ca_len);

/* The server's private key of s's PKI (the seed's, or the one given to
 * ts_session_use_pki); NULL before the first run. The exercises' padding
 * oracle holds it, as the real server does. */
const ts_rsa_key *ts_session_server_key(const ts_session *s);

/* Returns a new copy of the private key k in *out (ts_rsa_free). */
ts_err ts_session_key_copy(const ts_rsa_key *k, ts_rsa_key **out);

#endif

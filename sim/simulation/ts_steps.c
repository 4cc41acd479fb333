/* ts_steps: the table of step names and their one-line descriptions. */
#include "simulation/ts_steps.h"

#include <stdlib.h>
#include <string.h>

#include "base/ts_i18n.h"

#define H TS_STEPS_HANDSHAKE
#define A TS_STEPS_ALERT
#define T TS_STEPS_TEXTBOOK

static const ts_step_info steps[] = {
    /* the handshake, in the order of a default rsa run */
    {"client_random", H, N_("client random"),
     N_("32 random bytes the client picks (client random)")},
    {"client_hello", H, N_("ClientHello"),
     N_("the client's offer: version, cipher suites, client random, extensions")},
    {"handshake", H, N_("handshake record"),
     N_("a handshake record sealed for the channel")},
    {"record", H, N_("record on the channel"),
     N_("a record crosses the channel (what an eavesdropper sees)")},
    {"cipher_suite", H, N_("cipher suite"),
     N_("the cipher suite the server chose")},
    {"server_random", H, N_("server random"),
     N_("32 bytes the server picks (server random)")},
    {"server_hello", H, N_("ServerHello"),
     N_("the server's answer: chosen suite, server random")},
    {"certificate", H, N_("Certificate"),
     N_("the server's X.509 certificate, signed by the CA")},
    {"server_private", H, N_("server's ephemeral private key"),
     N_("the server's ephemeral private key (ECDHE/DHE)")},
    {"server_share", H, N_("server's ephemeral public share"),
     N_("the server's ephemeral public share (ECDHE/DHE)")},
    {"ske_signature", H, N_("server's signature"),
     N_("the server's RSA signature over the randoms and its share")},
    {"server_key_exchange", H, N_("ServerKeyExchange"),
     N_("ServerKeyExchange: the signed ephemeral share")},
    {"server_hello_done", H, N_("ServerHelloDone"),
     N_("the server has sent everything for now")},
    {"certificate_chain", H, N_("certificate check"),
     N_("the client checks the CA's signature, host name and validity")},
    {"server_public_key", H, N_("server's public key"),
     N_("the server's RSA public key, taken from the certificate")},
    {"premaster_secret", H, N_("premaster secret"),
     N_("the secret both sides start from (48 bytes with RSA)")},
    {"encrypted_premaster", H, N_("encrypted premaster secret"),
     N_("the premaster secret encrypted with the server's public key")},
    {"client_private", H, N_("client's ephemeral private key"),
     N_("the client's ephemeral private key (ECDHE/DHE)")},
    {"client_share", H, N_("client's ephemeral public share"),
     N_("the client's ephemeral public share (ECDHE/DHE)")},
    {"client_key_exchange", H, N_("ClientKeyExchange"),
     N_("ClientKeyExchange: encrypted premaster or the client's share")},
    {"session_hash", H, N_("session hash"),
     N_("hash of the handshake so far (extended master secret)")},
    {"master_secret", H, N_("master secret"),
     N_("48 bytes from the PRF over premaster and both randoms")},
    {"premaster_secret_wiped", H, N_("premaster secret wiped"),
     N_("the premaster secret is wiped from memory")},
    {"key_block", H, N_("key block"),
     N_("the PRF output cut into the session keys")},
    {"client_write_key", H, N_("client's write key"),
     N_("session key: client to server")},
    {"server_write_key", H, N_("server's write key"),
     N_("session key: server to client")},
    {"client_write_iv", H, N_("client's write IV"),
     N_("fixed nonce part: client to server")},
    {"server_write_iv", H, N_("server's write IV"),
     N_("fixed nonce part: server to client")},
    {"client_write_mac_key", H, N_("client's MAC key"),
     N_("MAC key: client to server (null suite)")},
    {"server_write_mac_key", H, N_("server's MAC key"),
     N_("MAC key: server to client (null suite)")},
    {"client_change_cipher_spec", H, N_("client's ChangeCipherSpec"),
     N_("the client switches to the session keys")},
    {"change_cipher_spec", H, N_("ChangeCipherSpec record"),
     N_("a ChangeCipherSpec record sealed for the channel")},
    {"client_finished_hash", H, N_("client's transcript hash"),
     N_("hash of every handshake message the client saw")},
    {"client_verify_data", H, N_("client's verify data"),
     N_("12 bytes proving the client's view of the handshake")},
    {"client_finished", H, N_("client's Finished"),
     N_("the client's Finished, the first encrypted message")},
    {"check_client_finished", H, N_("check of the client's Finished"),
     N_("the server compares the client's verify_data")},
    {"server_change_cipher_spec", H, N_("server's ChangeCipherSpec"),
     N_("the server switches to the session keys")},
    {"server_finished_hash", H, N_("server's transcript hash"),
     N_("hash of every handshake message the server saw")},
    {"server_verify_data", H, N_("server's verify data"),
     N_("12 bytes proving the server's view of the handshake")},
    {"server_finished", H, N_("server's Finished"),
     N_("the server's Finished")},
    {"check_server_finished", H, N_("check of the server's Finished"),
     N_("the client compares the server's verify_data")},
    {"handshake_complete", H, N_("handshake complete"),
     N_("the handshake is done: application data may flow")},
    {"http_request", H, N_("HTTP request"),
     N_("the HTTP GET, sent inside encrypted records")},
    {"application_data", H, N_("application data"),
     N_("an application-data record (encrypted, except with null)")},
    {"http_response", H, N_("HTTP response"),
     N_("the HTTP response: headers and the file, over several records")},
    {"alert", H, NULL,
     N_("an alert record sealed for the channel")},
    {"payload_sha256", H, N_("SHA-256 of the file received"),
     N_("SHA-256 of the file the client received")},
    {"session_keys_wiped", H, N_("session keys wiped"),
     N_("the session keys are discarded")},
    {"closed", H, N_("connection closed"),
     N_("the endpoint closed cleanly")},
    {"failed", H, N_("handshake failed"),
     N_("the endpoint stopped after a fatal alert")},
    /* TLS 1.3 (ts_handshake13, ts_schedule13): the names only a 1.3 run emits */
    {"legacy_session_id", H, N_("legacy session ID"),
     N_("32 random bytes in ClientHello's session_id, only for middleboxes (TLS 1.3)")},
    {"hello_retry_request", H, N_("HelloRetryRequest"),
     N_("the server asks for a share in another group (TLS 1.3)")},
    {"message_hash", H, N_("message_hash"),
     N_("the first ClientHello replaced by its hash in the transcript (after a HelloRetryRequest)")},
    {"client_hello_2", H, N_("second ClientHello"),
     N_("the ClientHello sent again with a share in the group the server asked for")},
    {"downgrade_sentinel", H, N_("downgrade sentinel"),
     N_("the client checks the server random for the TLS 1.3 downgrade sentinel")},
    {"shared_secret", H, N_("shared secret"),
     N_("the (EC)DHE secret both sides compute from the shares (TLS 1.3)")},
    {"shared_secret_wiped", H, N_("shared secret wiped"),
     N_("the shared secret is wiped once the handshake secret exists")},
    {"early_secret", H, N_("early secret"),
     N_("HKDF-Extract of zeros: the first secret of the TLS 1.3 key schedule")},
    {"early_derived_secret", H, N_("derived secret (early)"),
     N_("Derive-Secret(early secret, \"derived\", \"\"): the salt of the handshake secret")},
    {"handshake_secret", H, N_("handshake secret"),
     N_("HKDF-Extract of the shared secret: the handshake traffic secrets come from it")},
    {"transcript_hash_server_hello", H, N_("transcript hash (to ServerHello)"),
     N_("hash of ClientHello and ServerHello")},
    {"client_handshake_traffic_secret", H, N_("client handshake traffic secret"),
     N_("the secret of the client's handshake keys")},
    {"server_handshake_traffic_secret", H, N_("server handshake traffic secret"),
     N_("the secret of the server's handshake keys")},
    {"client_handshake_key", H, N_("client handshake key"),
     N_("key of the client's encrypted handshake messages")},
    {"client_handshake_iv", H, N_("client handshake IV"),
     N_("IV of the client's encrypted handshake messages")},
    {"server_handshake_key", H, N_("server handshake key"),
     N_("key of the server's encrypted handshake messages")},
    {"server_handshake_iv", H, N_("server handshake IV"),
     N_("IV of the server's encrypted handshake messages")},
    {"encrypted_extensions", H, N_("EncryptedExtensions"),
     N_("the server's extensions, the first encrypted message (TLS 1.3)")},
    {"certificate_request", H, N_("CertificateRequest"),
     N_("the server asks the client for a certificate")},
    {"server_certificate_verify_hash", H, N_("CertificateVerify transcript hash"),
     N_("hash of the handshake up to Certificate, which CertificateVerify signs")},
    {"server_signed_digest", H, N_("signed digest"),
     N_("the content CertificateVerify signs: padding, context string, transcript hash")},
    {"server_signature", H, N_("server's signature"),
     N_("the server's RSA-PSS signature in CertificateVerify")},
    {"certificate_verify", H, N_("CertificateVerify"),
     N_("the server signs the transcript with its certificate's key (TLS 1.3)")},
    {"server_finished_key", H, N_("server's finished key"),
     N_("HKDF-Expand-Label(server handshake traffic secret, \"finished\")")},
    {"client_certificate", H, N_("client's Certificate"),
     N_("the client's certificate, when the server asked for one")},
    {"client_certificate_chain", H, N_("client certificate check"),
     N_("the server checks the client's certificate: its CA's signature and validity")},
    {"client_public_key", H, N_("client's public key"),
     N_("the client's RSA public key, taken from its certificate")},
    {"client_certificate_verify_hash", H, N_("client's CertificateVerify hash"),
     N_("hash of the handshake messages the client signs in CertificateVerify")},
    {"client_signed_digest", H, N_("client's signed digest"),
     N_("the content the client's CertificateVerify signs: padding, context string, "
        "transcript hash")},
    {"client_signature", H, N_("client's signature"),
     N_("the client's signature over the handshake, made with its certificate's key")},
    {"client_certificate_verify", H, N_("client's CertificateVerify"),
     N_("the client proves it holds its certificate's private key (mutual TLS)")},
    {"handshake_derived_secret", H, N_("derived secret (handshake)"),
     N_("Derive-Secret(handshake secret, \"derived\", \"\"): the salt of the master secret")},
    {"transcript_hash_server_finished", H, N_("transcript hash (to server Finished)"),
     N_("hash of the handshake up to the server's Finished")},
    {"client_application_traffic_secret_0", H, N_("client application traffic secret"),
     N_("the secret of the client's application keys")},
    {"server_application_traffic_secret_0", H, N_("server application traffic secret"),
     N_("the secret of the server's application keys")},
    {"exporter_master_secret", H, N_("exporter master secret"),
     N_("the secret applications derive their own keys from")},
    {"client_application_key", H, N_("client application key"),
     N_("session key: client to server (TLS 1.3)")},
    {"client_application_iv", H, N_("client application IV"),
     N_("nonce base: client to server (TLS 1.3)")},
    {"server_application_key", H, N_("server application key"),
     N_("session key: server to client (TLS 1.3)")},
    {"server_application_iv", H, N_("server application IV"),
     N_("nonce base: server to client (TLS 1.3)")},
    {"client_finished_key", H, N_("client's finished key"),
     N_("HKDF-Expand-Label(client handshake traffic secret, \"finished\")")},
    {"transcript_hash_client_finished", H, N_("transcript hash (to client Finished)"),
     N_("hash of the handshake up to the client's Finished")},
    {"resumption_master_secret", H, N_("resumption master secret"),
     N_("the secret session tickets are derived from")},
    {"resumption_psk", H, N_("resumption PSK"),
     N_("the pre-shared key a ticket stands for, to resume the session")},
    {"new_session_ticket", H, N_("NewSessionTicket"),
     N_("the server's ticket for resuming the session later (TLS 1.3)")},
    {"session_ticket", H, N_("session ticket"),
     N_("the ticket the client keeps from NewSessionTicket")},
    {"client_key_update", H, N_("client's KeyUpdate"),
     N_("the client moves to the next generation of its keys")},
    {"server_key_update", H, N_("server's KeyUpdate"),
     N_("the server moves to the next generation of its keys")},
    {"key_update", H, N_("key update"),
     N_("a side's new traffic keys after KeyUpdate")},
    {"client_application_traffic_secret_1", H, N_("client application traffic secret (next)"),
     N_("the client's traffic secret after KeyUpdate")},
    {"server_application_traffic_secret_1", H, N_("server application traffic secret (next)"),
     N_("the server's traffic secret after KeyUpdate")},
    {"client_application_key_1", H, N_("client application key (next)"),
     N_("the client's key after KeyUpdate")},
    {"client_application_iv_1", H, N_("client application IV (next)"),
     N_("the client's IV after KeyUpdate")},
    {"server_application_key_1", H, N_("server application key (next)"),
     N_("the server's key after KeyUpdate")},
    {"server_application_iv_1", H, N_("server application IV (next)"),
     N_("the server's IV after KeyUpdate")},
    /* alert names (steps alert_sent / alert_received) */
    {"close_notify", A, NULL,
     N_("close_notify: I will send nothing more")},
    {"unexpected_message", A, NULL,
     N_("alert: a message came out of order")},
    {"bad_record_mac", A, NULL,
     N_("alert: a record failed its tag or MAC check")},
    {"record_overflow", A, NULL,
     N_("alert: a record is too long")},
    {"handshake_failure", A, NULL,
     N_("alert: no acceptable parameters")},
    {"bad_certificate", A, NULL,
     N_("alert: the certificate is corrupt or its signature fails")},
    {"unsupported_certificate", A, NULL,
     N_("alert: certificate of an unsupported type")},
    {"certificate_expired", A, NULL,
     N_("alert: the certificate is not valid now")},
    {"certificate_unknown", A, NULL,
     N_("alert: the certificate is unacceptable")},
    {"illegal_parameter", A, NULL,
     N_("alert: a field holds an illegal value")},
    {"unknown_ca", A, NULL,
     N_("alert: the certificate's CA is not trusted")},
    {"decode_error", A, NULL,
     N_("alert: a message could not be decoded")},
    {"decrypt_error", A, NULL,
     N_("alert: a signature or Finished check failed")},
    {"protocol_version", A, NULL,
     N_("alert: unsupported protocol version")},
    {"internal_error", A, NULL,
     N_("alert: an internal error")},
    /* the textbook-RSA lesson */
    {"rsa_primes", T, N_("primes p and q"),
     N_("pick two primes p and q")},
    {"rsa_modulus", T, N_("modulus n"),
     N_("n = p * q, the public modulus")},
    {"rsa_totient", T, N_("totient φ(n)"),
     N_("phi(n) = (p-1)(q-1)")},
    {"rsa_public_exponent", T, N_("public exponent e"),
     N_("e, coprime to phi(n)")},
    {"rsa_private_exponent", T, N_("private exponent d"),
     N_("d = e^-1 mod phi(n)")},
    {"rsa_encrypt", T, N_("RSA encryption"),
     N_("c = m^e mod n")},
    {"rsa_decrypt", T, N_("RSA decryption"),
     N_("m = c^d mod n")},
    {"rsa_sign", T, N_("RSA signature"),
     N_("s = m^d mod n")},
    {"rsa_verify", T, N_("RSA verification"),
     N_("s^e mod n == m ?")},
    {"rsa_malleability", T, N_("malleability"),
     N_("raw RSA multiplies: (m1 m2)^e = m1^e m2^e")},
    {"rsa_padding", T, N_("padding"),
     N_("why real RSA pads: PKCS#1 v1.5, OAEP, PSS")},
};

size_t ts_steps_count(void)
{
    return sizeof(steps) / sizeof(steps[0]);
}

const ts_step_info *ts_steps_get(size_t i)
{
    return i < ts_steps_count() ? &steps[i] : NULL;
}

const ts_step_info *ts_steps_find(const char *name)
{
    for (size_t i = 0; name != NULL && i < ts_steps_count(); i++) {
        if (strcmp(steps[i].name, name) == 0) {
            return &steps[i];
        }
    }
    return NULL;
}

const char *ts_steps_desc(const char *name, ts_lang lang)
{
    const ts_step_info *s = ts_steps_find(name);
    return s != NULL ? ts_tr(lang, s->desc) : NULL;
}

const char *ts_steps_label(const char *name, ts_lang lang)
{
    const ts_step_info *s = ts_steps_find(name);
    return s != NULL && s->label != NULL ? ts_tr(lang, s->label) : name;
}

/* Levenshtein distance of two short strings (longer ones are cut at 63). */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a) > 63 ? 63 : strlen(a);
    size_t lb = strlen(b) > 63 ? 63 : strlen(b);
    size_t row[64];
    for (size_t j = 0; j <= lb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] == b[j - 1] ? 0 : 1);
            if (up + 1 < best) {
                best = up + 1;
            }
            if (row[j - 1] + 1 < best) {
                best = row[j - 1] + 1;
            }
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

size_t ts_steps_nearest(const char *name, unsigned mask, const char **out, size_t max)
{
    size_t n = 0;
    size_t dist[16];
    if (max > 16) {
        max = 16;
    }
    for (size_t i = 0; name != NULL && i < ts_steps_count(); i++) {
        if (mask != 0 && (mask & TS_STEPS_MASK(steps[i].group)) == 0) {
            continue;
        }
        size_t d = distance(name, steps[i].name);
        size_t at = n;
        while (at > 0 && dist[at - 1] > d) {
            at--;
        }
        if (at >= max) {
            continue;
        }
        size_t last = n < max ? n : max - 1;
        for (size_t j = last; j > at; j--) {
            out[j] = out[j - 1];
            dist[j] = dist[j - 1];
        }
        out[at] = steps[i].name;
        dist[at] = d;
        if (n < max) {
            n++;
        }
    }
    return n;
}

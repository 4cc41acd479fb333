/* ui_steps: one short description per step name (prompts/steps.md), in
 * English (msgids; the catalogue translates them when drawn). Matched on kind, side (-1: any) and name (NULL: any);
 * the first matching row wins, so specific rows come before generic ones. */
#include "ui/ui_steps.h"

#include <string.h>

#include "base/ts_i18n.h"

typedef struct {
    ts_ev_kind kind;
    int side;
    const char *name;
    const char *text; /* a msgid */
} step_text;

#define C TS_SIDE_CLIENT
#define S TS_SIDE_SERVER

static const step_text table[] = {
    {TS_EV_VALUE, C, "client_random", N_("The client draws 32 random bytes, the client random. They will go to the server in the clear and make this session's keys unique.")},
    {TS_EV_VALUE, S, "client_random", N_("The server reads the client random from the ClientHello. Anyone on the wire can read it too: it is not secret.")},
    {TS_EV_VALUE, S, "server_random", N_("The server draws its own 32 random bytes, the server random.")},
    {TS_EV_VALUE, C, "server_random", N_("The client reads the server random from the ServerHello. Both randoms are now known to both sides.")},
    {TS_EV_VALUE, S, "cipher_suite", N_("The server picks one cipher suite from the client's list.")},
    {TS_EV_VALUE, C, "cipher_suite", N_("The client learns which cipher suite the server chose.")},
    {TS_EV_VALUE, C, "server_public_key", N_("The client takes the server's RSA public key out of the certificate it has just checked.")},
    {TS_EV_VALUE, C, "premaster_secret", N_("The client now has the premaster secret, the secret everything else is derived from. An eavesdropper must never learn it.")},
    {TS_EV_VALUE, S, "premaster_secret", N_("The server recovers the same premaster secret (RSA: it decrypts it with its private key; only it can).")},
    {TS_EV_VALUE, C, "encrypted_premaster", N_("The client encrypts the premaster secret with the server's public key (PKCS#1 v1.5).")},
    {TS_EV_VALUE, -1, "server_private", N_("The server draws an ephemeral private key for this session only.")},
    {TS_EV_VALUE, -1, "server_share", N_("The server's public key share, sent in the ServerKeyExchange.")},
    {TS_EV_VALUE, -1, "ske_signature", N_("The server signs its key share with its RSA key, so the client can tell it is not an attacker's.")},
    {TS_EV_VALUE, -1, "client_private", N_("The client draws an ephemeral private key.")},
    {TS_EV_VALUE, -1, "client_share", N_("The client's public key share, sent in the ClientKeyExchange.")},
    {TS_EV_VALUE, -1, "session_hash", N_("Extended master secret: the hash of the handshake so far binds the master secret to this very handshake.")},
    {TS_EV_VALUE, -1, "master_secret", N_("The master secret: the PRF mixes the premaster secret with both randoms. Both sides compute it alone; it never crosses the wire.")},
    {TS_EV_VALUE, -1, "key_block", N_("The key block: the PRF stretches the master secret into as many key bytes as the suite needs.")},
    {TS_EV_VALUE, -1, "client_write_key", N_("The key that protects what the client sends.")},
    {TS_EV_VALUE, -1, "server_write_key", N_("The key that protects what the server sends.")},
    {TS_EV_VALUE, -1, "client_write_iv", N_("The fixed part of the nonce for the client's records.")},
    {TS_EV_VALUE, -1, "server_write_iv", N_("The fixed part of the nonce for the server's records.")},
    {TS_EV_VALUE, -1, "client_write_mac_key", N_("The MAC key for the client's records (no encryption in the NULL suite).")},
    {TS_EV_VALUE, -1, "server_write_mac_key", N_("The MAC key for the server's records.")},
    {TS_EV_VALUE, -1, "client_finished_hash", N_("A hash of every handshake message so far, as this side saw them.")},
    {TS_EV_VALUE, -1, "server_finished_hash", N_("A hash of every handshake message so far, as this side saw them.")},
    {TS_EV_VALUE, -1, "client_verify_data", N_("verify_data = PRF(master secret, \"client finished\", hash): proof the client has the same keys and saw the same handshake.")},
    {TS_EV_VALUE, -1, "server_verify_data", N_("verify_data = PRF(master secret, \"server finished\", hash): the server's proof.")},
    {TS_EV_VALUE, -1, "payload_sha256", N_("The client hashes the file it received, to compare with the original.")},
    {TS_EV_MESSAGE, -1, "client_hello", N_("The client writes its ClientHello: version, client random, the cipher suites it offers, extensions.")},
    {TS_EV_MESSAGE, -1, "server_hello", N_("The server answers with a ServerHello: the server random and the chosen suite.")},
    {TS_EV_MESSAGE, -1, "certificate", N_("The server sends its certificate: its public key, signed by a CA the client trusts.")},
    {TS_EV_MESSAGE, -1, "server_key_exchange", N_("The server sends its signed key share.")},
    {TS_EV_MESSAGE, -1, "server_hello_done", N_("ServerHelloDone: the server has said all it has to say; the client's turn.")},
    {TS_EV_MESSAGE, -1, "client_key_exchange", N_("ClientKeyExchange carries the encrypted premaster secret (or the client's share) to the server.")},
    {TS_EV_MESSAGE, -1, "client_change_cipher_spec", N_("ChangeCipherSpec: from the next record on, the client encrypts.")},
    {TS_EV_MESSAGE, -1, "server_change_cipher_spec", N_("ChangeCipherSpec: from the next record on, the server encrypts.")},
    {TS_EV_MESSAGE, -1, "client_finished", N_("The client's Finished, the first encrypted handshake message.")},
    {TS_EV_MESSAGE, -1, "server_finished", N_("The server's Finished, encrypted with the server's key.")},
    {TS_EV_MESSAGE, -1, "http_request", N_("The handshake is done: the client sends its HTTP GET, encrypted.")},
    {TS_EV_MESSAGE, -1, "http_response", N_("The server answers with the file, split over several encrypted records.")},
    {TS_EV_SEALED, -1, NULL, N_("The message is sealed into a record and put on the channel.")},
    {TS_EV_RECORD, -1, NULL, N_("A record crosses the channel. An attacker here could read, change, drop or replay it (try e or d before it is delivered).")},
    {TS_EV_PARSED, -1, "application_data", N_("Encrypted application data arrives; the receiver checks its tag and decrypts it.")},
    {TS_EV_PARSED, -1, "client_finished", N_("The server decrypts the client's Finished and will compare verify_data.")},
    {TS_EV_PARSED, -1, "server_finished", N_("The client decrypts the server's Finished and will compare verify_data.")},
    {TS_EV_PARSED, -1, NULL, N_("The message arrives and is parsed, field by field.")},
    {TS_EV_CHECK, -1, "certificate_chain", N_("The client checks the certificate: the CA's signature, the host name, the dates. Without this anyone could pretend to be the server.")},
    {TS_EV_CHECK, -1, "ske_signature", N_("The client checks the server's signature over its key share.")},
    {TS_EV_CHECK, -1, "check_client_finished", N_("The server compares the client's verify_data with its own: same keys, same handshake.")},
    {TS_EV_CHECK, -1, "check_server_finished", N_("The client compares the server's verify_data with its own.")},
    {TS_EV_CHECK, -1, "handshake_complete", N_("Both Finished messages verified: the handshake is complete.")},
    {TS_EV_CHECK, -1, "http_response", N_("The client checks the HTTP response and the file it carried.")},
    {TS_EV_ALERT_SENT, -1, "close_notify", N_("close_notify: this side says it will send nothing more.")},
    {TS_EV_ALERT_RECEIVED, -1, "close_notify", N_("The peer's close_notify arrives.")},
    {TS_EV_ALERT_SENT, -1, NULL, N_("A fatal alert: this side found something wrong and ends the connection. The reason is below.")},
    {TS_EV_ALERT_RECEIVED, -1, NULL, N_("The peer's fatal alert arrives: the connection is over.")},
    {TS_EV_WIPE, -1, "premaster_secret_wiped", N_("The premaster secret is wiped: the master secret replaces it.")},
    {TS_EV_WIPE, -1, NULL, N_("The session keys are overwritten with zeros.")},
    {TS_EV_DONE, -1, "closed", N_("This side has closed the connection cleanly.")},
    {TS_EV_DONE, -1, NULL, N_("This side gave up: the connection failed.")},
};

static const step_text check_failed = {
    TS_EV_CHECK, -1, NULL,
    N_("The check FAILED. This side will not go on: it sends an alert and stops. Why it failed is below.")};

static const step_text fallback = {TS_EV_VALUE, -1, NULL, N_("A step of the run.")};

static const char *pick(const step_text *t, ts_lang lang)
{
    return ts_tr(lang, t->text);
}

const char *ui_steps_text(const ts_step *step, ts_lang lang)
{
    if (step == NULL) {
        return pick(&fallback, lang);
    }
    const ts_event *ev = &step->ev;
    if (ev->kind == TS_EV_CHECK && !ev->ok) {
        return pick(&check_failed, lang);
    }
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        const step_text *t = &table[i];
        if (t->kind != ev->kind || (t->side >= 0 && t->side != (int)ev->side)) {
            continue;
        }
        if (t->name == NULL || (ev->name != NULL && strcmp(t->name, ev->name) == 0)) {
            return pick(t, lang);
        }
    }
    return pick(&fallback, lang);
}

/* ui_steps: one short description per step name (prompts/steps.md), in
 * English and Korean. Matched on kind, side (-1: any) and name (NULL: any);
 * the first matching row wins, so specific rows come before generic ones. */
#include "ui/ui_steps.h"

#include <string.h>

typedef struct {
    ts_ev_kind kind;
    int side;
    const char *name;
    const char *en, *ko;
} step_text;

#define C TS_SIDE_CLIENT
#define S TS_SIDE_SERVER

static const step_text table[] = {
    {TS_EV_VALUE, C, "client_random", "The client draws 32 random bytes, client_random. They will go to the server in the clear and make this session's keys unique.",
     "클라이언트가 32바이트 난수 client_random을 만듭니다. 평문으로 서버에 보내지며 이 세션의 키를 고유하게 만듭니다."},
    {TS_EV_VALUE, S, "client_random", "The server reads client_random from the ClientHello. Anyone on the wire can read it too: it is not secret.",
     "서버가 ClientHello에서 client_random을 읽습니다. 회선 위의 누구나 읽을 수 있으니 비밀이 아닙니다."},
    {TS_EV_VALUE, S, "server_random", "The server draws its own 32 random bytes, server_random.",
     "서버가 자신의 32바이트 난수 server_random을 만듭니다."},
    {TS_EV_VALUE, C, "server_random", "The client reads server_random from the ServerHello. Both randoms are now known to both sides.",
     "클라이언트가 ServerHello에서 server_random을 읽습니다. 이제 양쪽 모두 두 난수를 압니다."},
    {TS_EV_VALUE, S, "cipher_suite", "The server picks one cipher suite from the client's list.",
     "서버가 클라이언트의 목록에서 암호 스위트 하나를 고릅니다."},
    {TS_EV_VALUE, C, "cipher_suite", "The client learns which cipher suite the server chose.",
     "클라이언트가 서버가 고른 암호 스위트를 알게 됩니다."},
    {TS_EV_VALUE, C, "server_public_key", "The client takes the server's RSA public key out of the certificate it has just checked.",
     "클라이언트가 방금 검사한 인증서에서 서버의 RSA 공개키를 꺼냅니다."},
    {TS_EV_VALUE, C, "premaster_secret", "The client now has the premaster secret, the secret everything else is derived from. An eavesdropper must never learn it.",
     "클라이언트가 프리마스터 시크릿을 갖게 됩니다. 다른 모든 키가 여기서 나옵니다. 도청자는 절대 알아서는 안 됩니다."},
    {TS_EV_VALUE, S, "premaster_secret", "The server recovers the same premaster secret (RSA: it decrypts it with its private key; only it can).",
     "서버가 같은 프리마스터 시크릿을 얻습니다 (RSA: 자신의 개인키로 복호화하며, 서버만 할 수 있습니다)."},
    {TS_EV_VALUE, C, "encrypted_premaster", "The client encrypts the premaster secret with the server's public key (PKCS#1 v1.5).",
     "클라이언트가 서버의 공개키로 프리마스터 시크릿을 암호화합니다 (PKCS#1 v1.5)."},
    {TS_EV_VALUE, -1, "server_private", "The server draws an ephemeral private key for this session only.",
     "서버가 이 세션에만 쓸 임시 개인키를 만듭니다."},
    {TS_EV_VALUE, -1, "server_share", "The server's public key share, sent in the ServerKeyExchange.",
     "서버의 공개 키 조각으로, ServerKeyExchange에 담겨 갑니다."},
    {TS_EV_VALUE, -1, "ske_signature", "The server signs its key share with its RSA key, so the client can tell it is not an attacker's.",
     "서버가 자기 RSA 키로 키 조각에 서명합니다. 클라이언트는 공격자의 것이 아님을 알 수 있습니다."},
    {TS_EV_VALUE, -1, "client_private", "The client draws an ephemeral private key.",
     "클라이언트가 임시 개인키를 만듭니다."},
    {TS_EV_VALUE, -1, "client_share", "The client's public key share, sent in the ClientKeyExchange.",
     "클라이언트의 공개 키 조각으로, ClientKeyExchange에 담겨 갑니다."},
    {TS_EV_VALUE, -1, "session_hash", "Extended master secret: the hash of the handshake so far binds the master secret to this very handshake.",
     "확장 마스터 시크릿: 지금까지의 핸드셰이크 해시가 마스터 시크릿을 이 핸드셰이크에 묶습니다."},
    {TS_EV_VALUE, -1, "master_secret", "The master secret: the PRF mixes the premaster secret with both randoms. Both sides compute it alone; it never crosses the wire.",
     "마스터 시크릿: PRF가 프리마스터 시크릿과 두 난수를 섞습니다. 양쪽이 각자 계산하며 회선으로 보내지 않습니다."},
    {TS_EV_VALUE, -1, "key_block", "The key block: the PRF stretches the master secret into as many key bytes as the suite needs.",
     "키 블록: PRF가 마스터 시크릿을 스위트에 필요한 만큼의 키 바이트로 늘립니다."},
    {TS_EV_VALUE, -1, "client_write_key", "The key that protects what the client sends.", "클라이언트가 보내는 것을 보호하는 키입니다."},
    {TS_EV_VALUE, -1, "server_write_key", "The key that protects what the server sends.", "서버가 보내는 것을 보호하는 키입니다."},
    {TS_EV_VALUE, -1, "client_write_iv", "The fixed part of the nonce for the client's records.", "클라이언트 레코드 논스의 고정 부분입니다."},
    {TS_EV_VALUE, -1, "server_write_iv", "The fixed part of the nonce for the server's records.", "서버 레코드 논스의 고정 부분입니다."},
    {TS_EV_VALUE, -1, "client_write_mac_key", "The MAC key for the client's records (no encryption in the NULL suite).",
     "클라이언트 레코드의 MAC 키입니다 (NULL 스위트는 암호화하지 않음)."},
    {TS_EV_VALUE, -1, "server_write_mac_key", "The MAC key for the server's records.", "서버 레코드의 MAC 키입니다."},
    {TS_EV_VALUE, -1, "client_finished_hash", "A hash of every handshake message so far, as this side saw them.",
     "지금까지의 모든 핸드셰이크 메시지를 이쪽이 본 그대로 해시한 값입니다."},
    {TS_EV_VALUE, -1, "server_finished_hash", "A hash of every handshake message so far, as this side saw them.",
     "지금까지의 모든 핸드셰이크 메시지를 이쪽이 본 그대로 해시한 값입니다."},
    {TS_EV_VALUE, -1, "client_verify_data", "verify_data = PRF(master secret, \"client finished\", hash): proof the client has the same keys and saw the same handshake.",
     "verify_data = PRF(마스터 시크릿, \"client finished\", 해시): 같은 키를 갖고 같은 핸드셰이크를 봤다는 증거입니다."},
    {TS_EV_VALUE, -1, "server_verify_data", "verify_data = PRF(master secret, \"server finished\", hash): the server's proof.",
     "verify_data = PRF(마스터 시크릿, \"server finished\", 해시): 서버의 증거입니다."},
    {TS_EV_VALUE, -1, "payload_sha256", "The client hashes the file it received, to compare with the original.",
     "클라이언트가 받은 파일을 해시해 원본과 비교합니다."},
    {TS_EV_MESSAGE, -1, "client_hello", "The client writes its ClientHello: version, client_random, the cipher suites it offers, extensions.",
     "클라이언트가 ClientHello를 씁니다: 버전, client_random, 제안하는 암호 스위트, 확장."},
    {TS_EV_MESSAGE, -1, "server_hello", "The server answers with a ServerHello: server_random and the chosen suite.",
     "서버가 ServerHello로 답합니다: server_random과 고른 스위트."},
    {TS_EV_MESSAGE, -1, "certificate", "The server sends its certificate: its public key, signed by a CA the client trusts.",
     "서버가 인증서를 보냅니다: 클라이언트가 믿는 CA가 서명한 서버의 공개키."},
    {TS_EV_MESSAGE, -1, "server_key_exchange", "The server sends its signed key share.", "서버가 서명한 키 조각을 보냅니다."},
    {TS_EV_MESSAGE, -1, "server_hello_done", "ServerHelloDone: the server has said all it has to say; the client's turn.",
     "ServerHelloDone: 서버가 할 말을 다 했습니다. 이제 클라이언트 차례입니다."},
    {TS_EV_MESSAGE, -1, "client_key_exchange", "ClientKeyExchange carries the encrypted premaster secret (or the client's share) to the server.",
     "ClientKeyExchange가 암호화된 프리마스터 시크릿(또는 클라이언트의 키 조각)을 서버로 나릅니다."},
    {TS_EV_MESSAGE, -1, "client_change_cipher_spec", "ChangeCipherSpec: from the next record on, the client encrypts.",
     "ChangeCipherSpec: 다음 레코드부터 클라이언트가 암호화합니다."},
    {TS_EV_MESSAGE, -1, "server_change_cipher_spec", "ChangeCipherSpec: from the next record on, the server encrypts.",
     "ChangeCipherSpec: 다음 레코드부터 서버가 암호화합니다."},
    {TS_EV_MESSAGE, -1, "client_finished", "The client's Finished, the first encrypted handshake message.",
     "클라이언트의 Finished, 처음으로 암호화된 핸드셰이크 메시지입니다."},
    {TS_EV_MESSAGE, -1, "server_finished", "The server's Finished, encrypted with the server's key.",
     "서버의 Finished, 서버 키로 암호화됩니다."},
    {TS_EV_MESSAGE, -1, "http_request", "The handshake is done: the client sends its HTTP GET, encrypted.",
     "핸드셰이크가 끝났습니다. 클라이언트가 HTTP GET을 암호화해 보냅니다."},
    {TS_EV_MESSAGE, -1, "http_response", "The server answers with the file, split over several encrypted records.",
     "서버가 파일로 답하며, 여러 암호화 레코드로 나누어 보냅니다."},
    {TS_EV_SEALED, -1, NULL, "The message is sealed into a record and put on the channel.",
     "메시지를 레코드에 담아 채널에 올립니다."},
    {TS_EV_RECORD, -1, NULL, "A record crosses the channel. An attacker here could read, change, drop or replay it (try e or d before it is delivered).",
     "레코드가 채널을 건넙니다. 여기의 공격자는 읽고, 바꾸고, 버리고, 재전송할 수 있습니다 (전달 전에 e나 d를 눌러 보세요)."},
    {TS_EV_PARSED, -1, "application_data", "Encrypted application data arrives; the receiver checks its tag and decrypts it.",
     "암호화된 응용 데이터가 도착합니다. 받는 쪽이 태그를 검사하고 복호화합니다."},
    {TS_EV_PARSED, -1, "client_finished", "The server decrypts the client's Finished and will compare verify_data.",
     "서버가 클라이언트의 Finished를 복호화하고 verify_data를 비교할 것입니다."},
    {TS_EV_PARSED, -1, "server_finished", "The client decrypts the server's Finished and will compare verify_data.",
     "클라이언트가 서버의 Finished를 복호화하고 verify_data를 비교할 것입니다."},
    {TS_EV_PARSED, -1, NULL, "The message arrives and is parsed, field by field.",
     "메시지가 도착해 필드별로 해석됩니다."},
    {TS_EV_CHECK, -1, "certificate_chain", "The client checks the certificate: the CA's signature, the host name, the dates. Without this anyone could pretend to be the server.",
     "클라이언트가 인증서를 검사합니다: CA 서명, 호스트 이름, 유효 기간. 이것이 없으면 누구나 서버인 척할 수 있습니다."},
    {TS_EV_CHECK, -1, "ske_signature", "The client checks the server's signature over its key share.",
     "클라이언트가 키 조각에 대한 서버의 서명을 검사합니다."},
    {TS_EV_CHECK, -1, "check_client_finished", "The server compares the client's verify_data with its own: same keys, same handshake.",
     "서버가 클라이언트의 verify_data를 자기 값과 비교합니다: 같은 키, 같은 핸드셰이크."},
    {TS_EV_CHECK, -1, "check_server_finished", "The client compares the server's verify_data with its own.",
     "클라이언트가 서버의 verify_data를 자기 값과 비교합니다."},
    {TS_EV_CHECK, -1, "handshake_complete", "Both Finished messages verified: the handshake is complete.",
     "두 Finished 메시지가 모두 확인되었습니다. 핸드셰이크 완료."},
    {TS_EV_CHECK, -1, "http_response", "The client checks the HTTP response and the file it carried.",
     "클라이언트가 HTTP 응답과 받은 파일을 검사합니다."},
    {TS_EV_ALERT_SENT, -1, "close_notify", "close_notify: this side says it will send nothing more.",
     "close_notify: 이쪽은 더 보낼 것이 없다고 알립니다."},
    {TS_EV_ALERT_RECEIVED, -1, "close_notify", "The peer's close_notify arrives.", "상대의 close_notify가 도착합니다."},
    {TS_EV_ALERT_SENT, -1, NULL, "A fatal alert: this side found something wrong and ends the connection. The reason is below.",
     "치명적 경고: 이쪽이 잘못된 것을 발견하고 연결을 끝냅니다. 이유는 아래에 있습니다."},
    {TS_EV_ALERT_RECEIVED, -1, NULL, "The peer's fatal alert arrives: the connection is over.",
     "상대의 치명적 경고가 도착합니다. 연결이 끝났습니다."},
    {TS_EV_WIPE, -1, "premaster_secret_wiped", "The premaster secret is wiped: the master secret replaces it.",
     "프리마스터 시크릿을 지웁니다. 이제 마스터 시크릿이 대신합니다."},
    {TS_EV_WIPE, -1, NULL, "The session keys are overwritten with zeros.", "세션 키를 0으로 덮어씁니다."},
    {TS_EV_DONE, -1, "closed", "This side has closed the connection cleanly.", "이쪽이 연결을 깔끔하게 닫았습니다."},
    {TS_EV_DONE, -1, NULL, "This side gave up: the connection failed.", "이쪽이 포기했습니다. 연결이 실패했습니다."},
};

static const step_text check_failed = {
    TS_EV_CHECK, -1, NULL,
    "The check FAILED. This side will not go on: it sends an alert and stops. Why it failed is below.",
    "검사가 실패했습니다. 이쪽은 더 진행하지 않고 경고를 보낸 뒤 멈춥니다. 실패 이유는 아래에 있습니다."};

static const step_text fallback = {TS_EV_VALUE, -1, NULL, "A step of the run.", "실행의 한 단계입니다."};

static const char *pick(const step_text *t, ts_lang lang)
{
    return lang == TS_LANG_KO ? t->ko : t->en;
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

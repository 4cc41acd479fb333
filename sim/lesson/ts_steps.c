/* ts_steps: the table of step names and their one-line descriptions. */
#include "lesson/ts_steps.h"

#include <stdlib.h>
#include <string.h>

#define H TS_STEPS_HANDSHAKE
#define A TS_STEPS_ALERT
#define T TS_STEPS_TEXTBOOK

static const ts_step_info steps[] = {
    /* the handshake, in the order of a default rsa run */
    {"client_random", H, {"32 random bytes the client picks (client random)",
                          "클라이언트가 만든 32바이트 난수(클라이언트 랜덤)"}},
    {"client_hello", H, {"the client's offer: version, cipher suites, client random, extensions",
                         "클라이언트의 제안: 버전, 암호화 제품군, 클라이언트 랜덤, 확장"}},
    {"handshake", H, {"a handshake record sealed for the channel",
                      "채널로 보낼 핸드셰이크 레코드"}},
    {"record", H, {"a record crosses the channel (what an eavesdropper sees)",
                   "레코드가 채널을 건너감 (도청자가 보는 것)"}},
    {"cipher_suite", H, {"the cipher suite the server chose",
                         "서버가 선택한 암호화 제품군"}},
    {"server_random", H, {"32 bytes the server picks (server random)",
                          "서버가 만든 32바이트 난수(서버 랜덤)"}},
    {"server_hello", H, {"the server's answer: chosen suite, server random",
                         "서버의 응답: 선택한 암호화 제품군, 서버 랜덤"}},
    {"certificate", H, {"the server's X.509 certificate, signed by the CA",
                        "인증기관(CA)이 서명한 서버의 X.509 인증서"}},
    {"server_private", H, {"the server's ephemeral private key (ECDHE/DHE)",
                           "서버의 임시 개인키 (ECDHE/DHE)"}},
    {"server_share", H, {"the server's ephemeral public share (ECDHE/DHE)",
                         "서버의 임시 공개값 (ECDHE/DHE)"}},
    {"ske_signature", H, {"the server's RSA signature over the randoms and its share",
                          "두 랜덤과 서버 공개값에 대한 서버의 RSA 서명"}},
    {"server_key_exchange", H, {"ServerKeyExchange: the signed ephemeral share",
                                "ServerKeyExchange: 서명된 임시 공개값"}},
    {"server_hello_done", H, {"the server has sent everything for now",
                              "서버가 보낼 메시지를 모두 보냈음"}},
    {"certificate_chain", H, {"the client checks the CA's signature, host name and validity",
                              "클라이언트가 인증기관의 서명, 호스트 이름, 유효기간을 확인"}},
    {"server_public_key", H, {"the server's RSA public key, taken from the certificate",
                              "인증서에서 꺼낸 서버의 RSA 공개키"}},
    {"premaster_secret", H, {"the secret both sides start from (48 bytes with RSA)",
                             "양쪽이 출발점으로 삼는 비밀값 (RSA에서는 48바이트)"}},
    {"encrypted_premaster", H, {"the premaster secret encrypted with the server's public key",
                                "서버의 공개키로 암호화한 premaster secret"}},
    {"client_private", H, {"the client's ephemeral private key (ECDHE/DHE)",
                           "클라이언트의 임시 개인키 (ECDHE/DHE)"}},
    {"client_share", H, {"the client's ephemeral public share (ECDHE/DHE)",
                         "클라이언트의 임시 공개값 (ECDHE/DHE)"}},
    {"client_key_exchange", H, {"ClientKeyExchange: encrypted premaster or the client's share",
                                "ClientKeyExchange: 암호화된 premaster secret 또는 클라이언트 공개값"}},
    {"session_hash", H, {"hash of the handshake so far (extended master secret)",
                         "지금까지의 핸드셰이크 해시 (extended master secret)"}},
    {"master_secret", H, {"48 bytes from the PRF over premaster and both randoms",
                          "premaster secret과 두 랜덤으로 PRF가 만든 48바이트"}},
    {"premaster_secret_wiped", H, {"the premaster secret is wiped from memory",
                                   "premaster secret을 메모리에서 지움"}},
    {"key_block", H, {"the PRF output cut into the session keys",
                      "세션 키로 잘라 쓸 PRF 출력"}},
    {"client_write_key", H, {"session key: client to server", "세션 키: 클라이언트 → 서버"}},
    {"server_write_key", H, {"session key: server to client", "세션 키: 서버 → 클라이언트"}},
    {"client_write_iv", H, {"fixed nonce part: client to server",
                            "nonce의 고정 부분: 클라이언트 → 서버"}},
    {"server_write_iv", H, {"fixed nonce part: server to client",
                            "nonce의 고정 부분: 서버 → 클라이언트"}},
    {"client_write_mac_key", H, {"MAC key: client to server (null suite)",
                                 "MAC 키: 클라이언트 → 서버 (null 제품군)"}},
    {"server_write_mac_key", H, {"MAC key: server to client (null suite)",
                                 "MAC 키: 서버 → 클라이언트 (null 제품군)"}},
    {"client_change_cipher_spec", H, {"the client switches to the session keys",
                                      "클라이언트가 세션 키로 전환함을 알림"}},
    {"change_cipher_spec", H, {"a ChangeCipherSpec record sealed for the channel",
                               "채널로 보낼 ChangeCipherSpec 레코드"}},
    {"client_finished_hash", H, {"hash of every handshake message the client saw",
                                 "클라이언트가 본 모든 핸드셰이크 메시지의 해시"}},
    {"client_verify_data", H, {"12 bytes proving the client's view of the handshake",
                               "클라이언트가 본 핸드셰이크를 증명하는 12바이트"}},
    {"client_finished", H, {"the client's Finished, the first encrypted message",
                            "클라이언트의 Finished, 첫 암호화 메시지"}},
    {"check_client_finished", H, {"the server compares the client's verify_data",
                                  "서버가 클라이언트의 verify_data를 비교"}},
    {"server_change_cipher_spec", H, {"the server switches to the session keys",
                                      "서버가 세션 키로 전환함을 알림"}},
    {"server_finished_hash", H, {"hash of every handshake message the server saw",
                                 "서버가 본 모든 핸드셰이크 메시지의 해시"}},
    {"server_verify_data", H, {"12 bytes proving the server's view of the handshake",
                               "서버가 본 핸드셰이크를 증명하는 12바이트"}},
    {"server_finished", H, {"the server's Finished", "서버의 Finished"}},
    {"check_server_finished", H, {"the client compares the server's verify_data",
                                  "클라이언트가 서버의 verify_data를 비교"}},
    {"handshake_complete", H, {"the handshake is done: application data may flow",
                               "핸드셰이크 완료: 이제 애플리케이션 데이터를 주고받음"}},
    {"http_request", H, {"the HTTP GET, sent inside encrypted records",
                         "암호화된 레코드 안에 담긴 HTTP GET 요청"}},
    {"application_data", H, {"an application-data record (encrypted, except with null)",
                             "애플리케이션 데이터 레코드 (null 제품군이 아니면 암호화됨)"}},
    {"http_response", H, {"the HTTP response: headers and the file, over several records",
                          "HTTP 응답: 헤더와 파일, 여러 레코드에 나뉘어 전송"}},
    {"alert", H, {"an alert record sealed for the channel", "채널로 보낼 경고(alert) 레코드"}},
    {"payload_sha256", H, {"SHA-256 of the file the client received",
                           "클라이언트가 받은 파일의 SHA-256"}},
    {"session_keys_wiped", H, {"the session keys are discarded", "세션 키를 폐기함"}},
    {"closed", H, {"the endpoint closed cleanly", "정상적으로 연결을 닫음"}},
    {"failed", H, {"the endpoint stopped after a fatal alert", "치명적 경고로 연결을 중단함"}},
    /* alert names (steps alert_sent / alert_received) */
    {"close_notify", A, {"close_notify: I will send nothing more", "close_notify: 더 보낼 것이 없음"}},
    {"unexpected_message", A, {"alert: a message came out of order", "경고: 순서에 맞지 않는 메시지"}},
    {"bad_record_mac", A, {"alert: a record failed its tag or MAC check",
                           "경고: 레코드의 태그(MAC) 검증 실패"}},
    {"record_overflow", A, {"alert: a record is too long", "경고: 레코드가 너무 김"}},
    {"handshake_failure", A, {"alert: no acceptable parameters", "경고: 받아들일 수 있는 매개변수 없음"}},
    {"bad_certificate", A, {"alert: the certificate is corrupt or its signature fails",
                            "경고: 인증서가 손상되었거나 서명 검증 실패"}},
    {"unsupported_certificate", A, {"alert: certificate of an unsupported type",
                                    "경고: 지원하지 않는 인증서"}},
    {"certificate_expired", A, {"alert: the certificate is not valid now",
                                "경고: 인증서 유효기간이 아님"}},
    {"certificate_unknown", A, {"alert: the certificate is unacceptable",
                                "경고: 받아들일 수 없는 인증서"}},
    {"illegal_parameter", A, {"alert: a field holds an illegal value", "경고: 필드 값이 잘못됨"}},
    {"unknown_ca", A, {"alert: the certificate's CA is not trusted",
                       "경고: 신뢰하지 않는 인증기관"}},
    {"decode_error", A, {"alert: a message could not be decoded", "경고: 메시지를 해석할 수 없음"}},
    {"decrypt_error", A, {"alert: a signature or Finished check failed",
                          "경고: 서명 또는 Finished 검증 실패"}},
    {"protocol_version", A, {"alert: unsupported protocol version", "경고: 지원하지 않는 프로토콜 버전"}},
    {"internal_error", A, {"alert: an internal error", "경고: 내부 오류"}},
    /* the textbook-RSA lesson */
    {"rsa_primes", T, {"pick two primes p and q", "두 소수 p와 q를 고른다"}},
    {"rsa_modulus", T, {"n = p * q, the public modulus", "공개 모듈러스 n = p × q"}},
    {"rsa_totient", T, {"phi(n) = (p-1)(q-1)", "φ(n) = (p-1)(q-1)"}},
    {"rsa_public_exponent", T, {"e, coprime to phi(n)", "φ(n)과 서로소인 e"}},
    {"rsa_private_exponent", T, {"d = e^-1 mod phi(n)", "d = e⁻¹ mod φ(n)"}},
    {"rsa_encrypt", T, {"c = m^e mod n", "암호화: c = mᵉ mod n"}},
    {"rsa_decrypt", T, {"m = c^d mod n", "복호화: m = cᵈ mod n"}},
    {"rsa_sign", T, {"s = m^d mod n", "서명: s = mᵈ mod n"}},
    {"rsa_verify", T, {"s^e mod n == m ?", "검증: sᵉ mod n = m 인가?"}},
    {"rsa_malleability", T, {"raw RSA multiplies: (m1 m2)^e = m1^e m2^e",
                             "raw RSA의 곱셈 성질: (m₁m₂)ᵉ = m₁ᵉm₂ᵉ"}},
    {"rsa_padding", T, {"why real RSA pads: PKCS#1 v1.5, OAEP, PSS",
                        "실제 RSA가 패딩을 쓰는 이유: PKCS#1 v1.5, OAEP, PSS"}},
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
    return s != NULL && lang < TS_LANG_COUNT ? s->desc[lang] : NULL;
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

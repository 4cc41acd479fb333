/* ts_err: error codes of tlsstep and their text, in one table.
 *
 * Return convention (stated once, for the whole project): a function that
 * can fail returns ts_err; TS_OK (0) means success, anything else names the
 * failure. Outputs are written only on success unless a contract says so. */
#ifndef TS_ERR_H
#define TS_ERR_H

#include "base/ts_lang.h"

/* Every error code with its English and Korean text, in one list (an
 * X-macro): X(code, english, korean). The enum, the name table and the text
 * tables are all built from it, so a code cannot lack a text. */
#define TS_ERR_LIST(X)                                                                    \
    X(TS_OK, "success", "성공")                                                       \
    /* base */                                                                        \
    X(TS_ERR_NOMEM, "out of memory", "메모리가 부족합니다")                            \
    X(TS_ERR_ARG, "invalid argument", "잘못된 인자입니다")                              \
    X(TS_ERR_SHORT, "data ends too early", "데이터가 너무 일찍 끝납니다")               \
    X(TS_ERR_TOO_LONG, "length exceeds what the field can carry",                     \
      "길이가 필드에 담을 수 있는 한도를 넘습니다")                                     \
    X(TS_ERR_TRAILING, "unexpected bytes after the end", "끝 뒤에 예상하지 못한 바이트가 있습니다") \
    X(TS_ERR_HEX, "malformed hex string", "16진수 문자열 형식이 잘못되었습니다")        \
    X(TS_ERR_IO, "file could not be read or written", "파일을 읽거나 쓸 수 없습니다")   \
    X(TS_ERR_BASE64, "malformed base64", "base64 형식이 잘못되었습니다")               \
    X(TS_ERR_PEM, "malformed PEM or wrong PEM label", "PEM 형식이나 PEM 레이블이 잘못되었습니다") \
    /* crypto */                                                                      \
    X(TS_ERR_RNG, "random stream misused", "난수 스트림을 잘못 사용했습니다")           \
    X(TS_ERR_HASH, "unknown hash", "알 수 없는 해시입니다")                             \
    X(TS_ERR_RSA_SIZE, "RSA modulus size out of range", "RSA 모듈러스 크기가 범위를 벗어났습니다") \
    X(TS_ERR_RSA_EXPONENT, "RSA public exponent unusable", "RSA 공개 지수를 쓸 수 없습니다") \
    X(TS_ERR_RSA_KEY, "RSA key inconsistent", "RSA 키가 서로 맞지 않습니다")            \
    X(TS_ERR_RSA_RANGE, "RSA input is not smaller than the modulus",                  \
      "RSA 입력이 모듈러스보다 작지 않습니다")                                          \
    X(TS_ERR_RSA_MSG_LEN, "message too long for the RSA modulus",                     \
      "메시지가 RSA 모듈러스에 비해 너무 깁니다")                                       \
    X(TS_ERR_PADDING, "PKCS#1 padding invalid", "PKCS#1 패딩이 올바르지 않습니다")      \
    X(TS_ERR_SIGNATURE, "signature does not verify", "서명이 검증되지 않습니다")         \
    X(TS_ERR_DH_PUBLIC, "Diffie-Hellman public value invalid",                        \
      "디피-헬먼 공개값이 올바르지 않습니다")                                           \
    X(TS_ERR_AEAD_UNAVAILABLE,                                                        \
      "AES-256-GCM needs AES-NI, which this CPU lacks; use --suite ecdhe, dhe or null", \
      "AES-256-GCM에는 AES-NI가 필요한데 이 CPU에는 없습니다. --suite ecdhe, dhe 또는 null을 쓰세요") \
    X(TS_ERR_DECRYPT, "authentication tag or MAC does not verify",                    \
      "인증 태그나 MAC이 검증되지 않습니다")                                            \
    X(TS_ERR_DER, "malformed DER", "DER 형식이 잘못되었습니다")                         \
    X(TS_ERR_X509, "certificate structure not supported", "지원하지 않는 인증서 구조입니다") \
    X(TS_ERR_CERT_SIGNATURE, "certificate signature does not verify with the CA's key", \
      "인증서 서명이 CA의 키로 검증되지 않습니다")                                      \
    X(TS_ERR_CERT_ISSUER, "certificate issuer does not match the CA",                 \
      "인증서 발급자가 CA와 일치하지 않습니다")                                         \
    X(TS_ERR_CERT_HOST, "certificate does not name the host",                         \
      "인증서에 이 호스트 이름이 없습니다")                                             \
    X(TS_ERR_CERT_EXPIRED, "certificate is not valid at the session's time",          \
      "인증서가 세션 시각에 유효하지 않습니다")                                         \
    X(TS_ERR_CERT_CA, "issuer is not a certificate authority", "발급자가 인증 기관(CA)이 아닙니다") \
    /* protocol */                                                                    \
    X(TS_ERR_RECORD, "malformed record header", "레코드 헤더 형식이 잘못되었습니다")     \
    X(TS_ERR_RECORD_OVERFLOW, "record longer than TLS allows",                        \
      "레코드가 TLS가 허용하는 길이보다 깁니다")                                        \
    X(TS_ERR_VERSION, "protocol version not supported", "지원하지 않는 프로토콜 버전입니다") \
    X(TS_ERR_UNEXPECTED, "message not expected in this state",                        \
      "이 상태에서는 예상하지 않은 메시지입니다")                                       \
    X(TS_ERR_DECODE, "message could not be decoded", "메시지를 해독(디코딩)할 수 없습니다") \
    X(TS_ERR_ILLEGAL, "field has an illegal value", "필드 값이 허용되지 않습니다")       \
    X(TS_ERR_NO_SUITE, "no cipher suite in common", "공통 암호 스위트가 없습니다")       \
    X(TS_ERR_INSUFFICIENT, "the peer offers only parameters too weak or unknown",     \
      "상대가 너무 약하거나 알 수 없는 매개변수만 제안합니다")                          \
    X(TS_ERR_RECORD_TYPE, "record of an unknown content type",                        \
      "알 수 없는 콘텐츠 유형의 레코드입니다")                                          \
    X(TS_ERR_FINISHED, "Finished verify_data does not match",                         \
      "Finished의 verify_data가 일치하지 않습니다")                                     \
    X(TS_ERR_ALERT, "peer sent a fatal alert", "상대가 치명적 경고(alert)를 보냈습니다") \
    X(TS_ERR_CLOSED, "connection closed", "연결이 닫혔습니다")                          \
    X(TS_ERR_TIMEOUT, "peer did not answer in time", "상대가 제때 응답하지 않았습니다")   \
    X(TS_ERR_NET, "network error", "네트워크 오류입니다")                               \
    /* content */                                                                     \
    X(TS_ERR_LESSON, "lesson file invalid", "레슨 파일이 올바르지 않습니다")             \
    X(TS_ERR_USAGE, "command line invalid", "명령줄이 올바르지 않습니다")

typedef enum {
#define TS_ERR_ENUM_(code, en, ko) code,
    TS_ERR_LIST(TS_ERR_ENUM_)
#undef TS_ERR_ENUM_
    TS_ERR_COUNT
} ts_err;

/* Returns the one-line text of err in lang (English or Korean); never NULL. */
const char *ts_err_str(ts_err err, ts_lang lang);

/* Returns the symbolic name of err ("TS_ERR_SHORT"); never NULL. */
const char *ts_err_name(ts_err err);

/* Evaluates expr once; returns its error from the calling function if any. */
#define TS_GUARD(expr)                                                         \
    do {                                                                       \
        ts_err ts_guard_err_ = (expr);                                         \
        if (ts_guard_err_ != TS_OK) {                                          \
            return ts_guard_err_;                                              \
        }                                                                      \
    } while (0)

/* Returns err from the calling function when cond is false. */
#define TS_ENSURE(cond, err)                                                   \
    do {                                                                       \
        if (!(cond)) {                                                         \
            return (err);                                                      \
        }                                                                      \
    } while (0)

#endif

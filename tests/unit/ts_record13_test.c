/* The TLS 1.3 record layer (RFC 8446 §5.2-5.4): a record built here by
 * hand with the AEAD alone (header as additional data, nonce = IV XOR the
 * sequence number, content || type || zeros inside) must open, and what
 * ts_record_seal writes must be exactly that; padding is stripped, an
 * inner plaintext of zeros only is unexpected_message, an outer type other
 * than application_data is refused, a changed header byte fails the tag,
 * and a fragment over 2^14 + 256 is record_overflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/ts_aead.h"
#include "crypto/ts_rng.h"
#include "tls/ts_record.h"

static const uint8_t key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};
static const uint8_t iv[12] = {0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5,
                               0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab};

static const ts_suite *chacha(void)
{
    return ts_suite_get(TS_SUITE_TLS13_CHACHA);
}

/* A record of inner plaintext inner (n bytes) at sequence seq, by hand. */
static void by_hand(const uint8_t *inner, size_t n, uint64_t seq, uint8_t outer, ts_buf *out)
{
    uint8_t header[5] = {outer, 3, 3, (uint8_t)((n + 16) >> 8), (uint8_t)(n + 16)};
    uint8_t nonce[12];
    memcpy(nonce, iv, 12);
    for (int i = 0; i < 8; i++) {
        nonce[11 - i] ^= (uint8_t)(seq >> (8 * i));
    }
    size_t at;
    assert_int_equal(ts_buf_write_bytes(out, header, 5), TS_OK);
    assert_int_equal(ts_buf_write_zeros(out, n + 16, &at), TS_OK);
    assert_int_equal(ts_aead_seal(TS_AEAD_CHACHA20POLY1305, key, nonce, header, 5, inner, n,
                                  out->data + at),
                     TS_OK);
}

static ts_err open_one(ts_record_state *s, ts_buf *wire, ts_buf *plain, ts_record_info *info)
{
    ts_record rec;
    TS_GUARD(ts_record_next(wire, &rec));
    return ts_record_open(s, &rec, plain, info);
}

static void test_seal_is_the_rfc_construction(void **state)
{
    (void)state;
    ts_record_state w, r;
    assert_int_equal(ts_record_state_init(&w, chacha(), key, iv, NULL), TS_OK);
    assert_true(w.tls13);
    static const uint8_t msg[] = "GET / HTTP/1.1\r\n\r\n";
    ts_buf sealed, hand, plain;
    ts_buf_init(&sealed);
    ts_buf_init(&hand);
    ts_buf_init(&plain);
    for (uint64_t seq = 0; seq < 3; seq++) {
        ts_buf_reset(&sealed);
        ts_buf_reset(&hand);
        ts_record_info info;
        assert_int_equal(ts_record_seal(&w, TS_CT_APPLICATION_DATA, TS_VERSION_TLS12, msg,
                                        sizeof(msg) - 1, &sealed, &info),
                         TS_OK);
        uint8_t inner[sizeof(msg)];
        memcpy(inner, msg, sizeof(msg) - 1);
        inner[sizeof(msg) - 1] = TS_CT_APPLICATION_DATA;
        by_hand(inner, sizeof(inner), seq, TS_CT_APPLICATION_DATA, &hand);
        assert_int_equal(sealed.len, hand.len);
        assert_memory_equal(sealed.data, hand.data, hand.len);
        assert_int_equal(info.aad_len, 5);
        assert_memory_equal(info.aad, hand.data, 5);
    }
    /* a handshake message travels as application_data, its type inside */
    ts_buf_reset(&sealed);
    assert_int_equal(ts_record_seal(&w, TS_CT_HANDSHAKE, TS_VERSION_TLS12, msg, 4, &sealed, NULL),
                     TS_OK);
    assert_int_equal(sealed.data[0], TS_CT_APPLICATION_DATA);
    assert_int_equal(ts_record_state_init(&r, chacha(), key, iv, NULL), TS_OK);
    r.seq = 3;
    ts_record_info info;
    assert_int_equal(open_one(&r, &sealed, &plain, &info), TS_OK);
    assert_int_equal(info.content_type, TS_CT_HANDSHAKE);
    assert_int_equal(plain.len, 4);
    ts_buf_free(&sealed);
    ts_buf_free(&hand);
    ts_buf_free(&plain);
}

static void test_padding_and_zeros(void **state)
{
    (void)state;
    ts_record_state r;
    ts_buf wire, plain;
    ts_buf_init(&wire);
    ts_buf_init(&plain);
    /* content "hi", type 23, then 7 zeros */
    static const uint8_t padded[] = {'h', 'i', 23, 0, 0, 0, 0, 0, 0, 0};
    by_hand(padded, sizeof(padded), 0, TS_CT_APPLICATION_DATA, &wire);
    assert_int_equal(ts_record_state_init(&r, chacha(), key, iv, NULL), TS_OK);
    ts_record_info info;
    assert_int_equal(open_one(&r, &wire, &plain, &info), TS_OK);
    assert_int_equal(info.padding_len, 7);
    assert_int_equal(info.plain_len, 2);
    assert_memory_equal(plain.data, "hi", 2);

    /* zeros only: no content type (RFC 8446 5.4) */
    static const uint8_t zeros[8] = {0};
    ts_buf_reset(&wire);
    by_hand(zeros, sizeof(zeros), 1, TS_CT_APPLICATION_DATA, &wire);
    assert_int_equal(open_one(&r, &wire, &plain, NULL), TS_ERR_UNEXPECTED);
    assert_int_equal(r.seq, 1); /* a failed open leaves the sequence number */

    /* a protected record must say application_data outside */
    ts_buf_reset(&wire);
    by_hand(padded, sizeof(padded), 1, TS_CT_HANDSHAKE, &wire);
    assert_int_equal(open_one(&r, &wire, &plain, NULL), TS_ERR_UNEXPECTED);

    /* the header is the additional data: a changed version byte fails the tag */
    ts_buf_reset(&wire);
    by_hand(padded, sizeof(padded), 1, TS_CT_APPLICATION_DATA, &wire);
    wire.data[2] ^= 1;
    assert_int_equal(open_one(&r, &wire, &plain, NULL), TS_ERR_DECRYPT);
    ts_buf_free(&wire);
    ts_buf_free(&plain);
}

static void test_sender_padding_and_limits(void **state)
{
    (void)state;
    ts_record_state w, r;
    assert_int_equal(ts_record_state_init(&w, chacha(), key, iv, NULL), TS_OK);
    assert_int_equal(ts_record_state_init(&r, chacha(), key, iv, NULL), TS_OK);
    w.padding = 100;
    assert_int_equal(ts_record_overhead(&w), 16 + 1 + 100);
    ts_buf wire, plain;
    ts_buf_init(&wire);
    ts_buf_init(&plain);
    assert_int_equal(ts_record_seal(&w, TS_CT_ALERT, 0, (const uint8_t *)"\1\0", 2, &wire, NULL),
                     TS_OK);
    assert_int_equal(wire.len, 5 + 2 + 1 + 100 + 16);
    ts_record_info info;
    assert_int_equal(open_one(&r, &wire, &plain, &info), TS_OK);
    assert_int_equal(info.content_type, TS_CT_ALERT);
    assert_int_equal(info.padding_len, 100);
    /* the inner plaintext is at most 2^14 + 1 bytes (RFC 8446 5.4): with 100
     * bytes of padding, 16284 bytes of content fit and 16285 do not */
    static uint8_t big[16384 + 2];
    assert_int_equal(ts_record_max_content(&w), 16284);
    ts_buf_reset(&wire);
    assert_int_equal(ts_record_seal(&w, TS_CT_APPLICATION_DATA, 0, big, 16285, &wire, NULL),
                     TS_ERR_RECORD_OVERFLOW);
    assert_int_equal(wire.len, 0);
    assert_int_equal(ts_record_seal(&w, TS_CT_APPLICATION_DATA, 0, big, 16284, &wire, NULL),
                     TS_OK);
    assert_int_equal(wire.len, 5 + 16384 + 1 + 16);
    assert_int_equal(open_one(&r, &wire, &plain, &info), TS_OK);
    /* one byte more inside, made by hand, is record_overflow at the receiver */
    ts_buf_reset(&wire);
    big[16384] = TS_CT_APPLICATION_DATA; /* content || type: 2^14 + 2 bytes */
    by_hand(big, 16384 + 2, r.seq, TS_CT_APPLICATION_DATA, &wire);
    assert_int_equal(open_one(&r, &wire, &plain, NULL), TS_ERR_RECORD_OVERFLOW);
    ts_buf_free(&wire);
    ts_buf_free(&plain);
}

int main(void)
{
    assert_int_equal(ts_rng_global_init(), TS_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seal_is_the_rfc_construction),
        cmocka_unit_test(test_padding_and_zeros),
        cmocka_unit_test(test_sender_padding_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

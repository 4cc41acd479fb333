/* Unit tests for ts_msg_handshake: the 4-byte header and the names. */
#include "ts_msg_test_util.h"

#include "tls/msg/ts_msg_handshake.h"

static void test_round_trip(void **state)
{
    (void)state;
    ts_buf out;
    ts_buf_init(&out);
    size_t mark;
    assert_int_equal(ts_msg_hs_write_begin(&out, TS_HS_FINISHED, &mark), TS_OK);
    assert_int_equal(ts_buf_write_bytes(&out, (const uint8_t *)"abcdefghijkl", 12), TS_OK);
    assert_int_equal(ts_msg_hs_write_end(&out, mark), TS_OK);
    assert_int_equal(ts_msg_hs_write_begin(&out, TS_HS_SERVER_HELLO_DONE, &mark), TS_OK);
    assert_int_equal(ts_msg_hs_write_end(&out, mark), TS_OK);
    /* Known bytes: type 20, length 00 00 0c. */
    static const uint8_t want[] = {20, 0, 0, 12, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h',
                                   'i', 'j', 'k', 'l', 14, 0, 0, 0};
    assert_int_equal(out.len, sizeof(want));
    assert_memory_equal(out.data, want, sizeof(want));

    uint8_t type;
    size_t len;
    ts_buf body;
    assert_int_equal(ts_msg_hs_peek(&out, &type, &len), TS_OK);
    assert_int_equal(type, TS_HS_FINISHED);
    assert_int_equal(len, 12);
    assert_int_equal(out.pos, 0);
    assert_int_equal(ts_msg_hs_parse(&out, &type, &body), TS_OK);
    assert_int_equal(type, TS_HS_FINISHED);
    assert_int_equal(body.len, 12);
    assert_memory_equal(body.data, "abcdefghijkl", 12);
    assert_int_equal(ts_msg_hs_parse(&out, &type, &body), TS_OK);
    assert_int_equal(type, TS_HS_SERVER_HELLO_DONE);
    assert_int_equal(ts_buf_remaining(&body), 0);
    assert_int_equal(ts_buf_remaining(&out), 0);
    ts_buf_free(&out);
}

static void test_incomplete_is_short_and_keeps_cursor(void **state)
{
    (void)state;
    static const uint8_t msg[] = {1, 0, 0, 3, 0xaa, 0xbb, 0xcc};
    for (size_t k = 0; k < sizeof(msg); k++) {
        ts_buf in, body;
        uint8_t type = 0x77;
        ts_buf_view(&in, msg, k);
        assert_int_equal(ts_msg_hs_parse(&in, &type, &body), TS_ERR_SHORT);
        assert_int_equal(in.pos, 0);
        assert_int_equal(type, 0x77);
    }
    ts_buf in, body;
    uint8_t type;
    ts_buf_view(&in, msg, sizeof(msg));
    assert_int_equal(ts_msg_hs_parse(&in, &type, &body), TS_OK);
    assert_int_equal(in.pos, sizeof(msg));
}

static void test_huge_length_is_short(void **state)
{
    (void)state;
    static const uint8_t msg[] = {11, 0xff, 0xff, 0xff, 0};
    ts_buf in, body;
    uint8_t type;
    size_t len;
    ts_buf_view(&in, msg, sizeof(msg));
    assert_int_equal(ts_msg_hs_peek(&in, &type, &len), TS_OK);
    assert_int_equal(len, 0xFFFFFF);
    assert_int_equal(ts_msg_hs_parse(&in, &type, &body), TS_ERR_SHORT);
}

static void test_write_end_too_long(void **state)
{
    (void)state;
    ts_buf out;
    ts_buf_init(&out);
    size_t mark;
    assert_int_equal(ts_msg_hs_write_begin(&out, TS_HS_CERTIFICATE, &mark), TS_OK);
    assert_int_equal(ts_buf_write_zeros(&out, 0x1000000, NULL), TS_OK);
    assert_int_equal(ts_msg_hs_write_end(&out, mark), TS_ERR_TOO_LONG);
    ts_buf_free(&out);
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(ts_msg_hs_name(TS_HS_CLIENT_HELLO), "ClientHello");
    assert_string_equal(ts_msg_hs_name(TS_HS_SERVER_HELLO), "ServerHello");
    assert_string_equal(ts_msg_hs_name(TS_HS_CERTIFICATE), "Certificate");
    assert_string_equal(ts_msg_hs_name(TS_HS_SERVER_KEY_EXCHANGE), "ServerKeyExchange");
    assert_string_equal(ts_msg_hs_name(TS_HS_SERVER_HELLO_DONE), "ServerHelloDone");
    assert_string_equal(ts_msg_hs_name(TS_HS_CLIENT_KEY_EXCHANGE), "ClientKeyExchange");
    assert_string_equal(ts_msg_hs_name(TS_HS_FINISHED), "Finished");
    assert_string_equal(ts_msg_hs_name(99), "unknown");
    assert_string_equal(ts_version_name(TS_VERSION_TLS12), "TLS 1.2");
    assert_string_equal(ts_version_name(TS_VERSION_TLS10), "TLS 1.0");
    assert_string_equal(ts_version_name(0x7f1c), "unknown");
    /* IANA TLS Cipher Suites registry. */
    assert_string_equal(ts_suite_name(0x009D), "TLS_RSA_WITH_AES_256_GCM_SHA384");
    assert_string_equal(ts_suite_name(0xCCA8), "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    assert_string_equal(ts_suite_name(0xCCAA), "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    assert_string_equal(ts_suite_name(0x003B), "TLS_RSA_WITH_NULL_SHA256");
    assert_string_equal(ts_suite_name(0x00FF), "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
    assert_string_equal(ts_suite_name(0xC02F), "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    assert_string_equal(ts_suite_name(0xC030), "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    assert_string_equal(ts_suite_name(0x009C), "TLS_RSA_WITH_AES_128_GCM_SHA256");
    assert_string_equal(ts_suite_name(0x1234), "unknown");
}

static void test_body_err(void **state)
{
    (void)state;
    assert_int_equal(ts_msg_body_err(TS_ERR_SHORT), TS_ERR_DECODE);
    assert_int_equal(ts_msg_body_err(TS_OK), TS_OK);
    assert_int_equal(ts_msg_body_err(TS_ERR_ILLEGAL), TS_ERR_ILLEGAL);
    assert_int_equal(ts_msg_body_err(TS_ERR_TRAILING), TS_ERR_TRAILING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_incomplete_is_short_and_keeps_cursor),
        cmocka_unit_test(test_huge_length_is_short),
        cmocka_unit_test(test_write_end_too_long),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_body_err),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

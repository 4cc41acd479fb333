/* Unit tests for the small messages: ServerHelloDone, ChangeCipherSpec,
 * Finished and Alert. */
#include "ts_msg_test_util.h"

#include "tls/msg/ts_msg_alert.h"
#include "tls/msg/ts_msg_change_cipher_spec.h"
#include "tls/msg/ts_msg_finished.h"
#include "tls/msg/ts_msg_server_hello_done.h"

static void test_server_hello_done(void **state)
{
    (void)state;
    ts_buf out, b;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_server_hello_done_write(&out), TS_OK);
    assert_int_equal(out.len, 0);
    assert_int_equal(ts_msg_server_hello_done_parse(&out, NULL), TS_OK);
    ts_buf_view(&b, (const uint8_t *)"\0", 1);
    assert_int_equal(ts_msg_server_hello_done_parse(&b, NULL), TS_ERR_DECODE);
    ts_buf_free(&out);
}

static void test_ccs(void **state)
{
    (void)state;
    ts_buf out, b;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_ccs_write(&out), TS_OK);
    assert_int_equal(out.len, 1);
    assert_int_equal(out.data[0], 1);
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_ccs_parse(&out, &f), TS_OK);
    assert_int_equal(f.n, 1);
    assert_int_equal(f.items[0].len, 1);
    ts_fields_free(&f);
    ts_buf_view(&b, (const uint8_t *)"\2", 1);
    assert_int_equal(ts_msg_ccs_parse(&b, NULL), TS_ERR_ILLEGAL);
    ts_buf_view(&b, (const uint8_t *)"\1\1", 2);
    assert_int_equal(ts_msg_ccs_parse(&b, NULL), TS_ERR_DECODE);
    ts_buf_view(&b, (const uint8_t *)"", 0);
    assert_int_equal(ts_msg_ccs_parse(&b, NULL), TS_ERR_DECODE);
    ts_buf_free(&out);
}

static void test_finished(void **state)
{
    (void)state;
    const uint8_t vd[TS_VERIFY_DATA_LEN] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    uint8_t got[TS_VERIFY_DATA_LEN] = {0};
    ts_buf out, b;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_finished_write(&out, vd), TS_OK);
    assert_int_equal(out.len, 12);
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_finished_parse(&out, got, &f), TS_OK);
    assert_memory_equal(got, vd, 12);
    assert_string_equal(f.items[0].name, "verify_data");
    assert_string_equal(f.items[0].value, "0102030405060708090a0b0c");
    ts_fields_free(&f);
    for (size_t n = 0; n < 20; n++) {
        uint8_t big[20] = {0};
        if (n == 12) {
            continue;
        }
        ts_buf_view(&b, big, n);
        assert_int_equal(ts_msg_finished_parse(&b, got, NULL), TS_ERR_DECODE);
    }
    ts_buf_free(&out);
}

static void test_alert(void **state)
{
    (void)state;
    ts_msg_alert a = {TS_ALERT_FATAL, TS_ALERT_BAD_RECORD_MAC}, got;
    ts_buf out, b;
    ts_buf_init(&out);
    assert_int_equal(ts_msg_alert_write(&out, &a), TS_OK);
    assert_int_equal(out.len, 2);
    assert_memory_equal(out.data, "\x02\x14", 2);
    ts_fields f;
    ts_fields_init(&f);
    assert_int_equal(ts_msg_alert_parse(&out, &got, &f), TS_OK);
    assert_int_equal(got.level, 2);
    assert_int_equal(got.desc, 20);
    assert_string_equal(f.items[0].value, "fatal (2)");
    assert_string_equal(f.items[1].value, "bad_record_mac (20)");
    assert_int_equal(f.items[1].offset, 1);
    ts_fields_free(&f);
    ts_buf_view(&b, (const uint8_t *)"\x03\x00", 2);
    assert_int_equal(ts_msg_alert_parse(&b, &got, NULL), TS_ERR_ILLEGAL);
    ts_buf_view(&b, (const uint8_t *)"\x01", 1);
    assert_int_equal(ts_msg_alert_parse(&b, &got, NULL), TS_ERR_DECODE);
    ts_buf_view(&b, (const uint8_t *)"\x01\x00\x00", 3);
    assert_int_equal(ts_msg_alert_parse(&b, &got, NULL), TS_ERR_DECODE);
    ts_buf_view(&b, (const uint8_t *)"\x01\xee", 2); /* unknown description: accepted */
    assert_int_equal(ts_msg_alert_parse(&b, &got, NULL), TS_OK);
    ts_buf_free(&out);
}

static void test_alert_names(void **state)
{
    (void)state;
    /* RFC 5246 §7.2, RFC 7507 §2, RFC 6066 §3. */
    static const struct {
        uint8_t desc;
        const char *name;
    } want[] = {
        {0, "close_notify"},           {10, "unexpected_message"},
        {20, "bad_record_mac"},        {22, "record_overflow"},
        {30, "decompression_failure"}, {40, "handshake_failure"},
        {42, "bad_certificate"},       {43, "unsupported_certificate"},
        {44, "certificate_revoked"},   {45, "certificate_expired"},
        {46, "certificate_unknown"},   {47, "illegal_parameter"},
        {48, "unknown_ca"},            {49, "access_denied"},
        {50, "decode_error"},          {51, "decrypt_error"},
        {70, "protocol_version"},      {71, "insufficient_security"},
        {80, "internal_error"},        {86, "inappropriate_fallback"},
        {90, "user_canceled"},         {100, "no_renegotiation"},
        {110, "unsupported_extension"}, {112, "unrecognized_name"},
        {255, "unknown"},
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        assert_string_equal(ts_alert_name(want[i].desc), want[i].name);
    }
    assert_string_equal(ts_alert_level_name(1), "warning");
    assert_string_equal(ts_alert_level_name(2), "fatal");
    assert_string_equal(ts_alert_level_name(0), "unknown");
    assert_int_equal(ts_alert_for_err(TS_ERR_DECODE), TS_ALERT_DECODE_ERROR);
    assert_int_equal(ts_alert_for_err(TS_ERR_TRAILING), TS_ALERT_DECODE_ERROR);
    assert_int_equal(ts_alert_for_err(TS_ERR_ILLEGAL), TS_ALERT_ILLEGAL_PARAMETER);
    assert_int_equal(ts_alert_for_err(TS_ERR_DECRYPT), TS_ALERT_BAD_RECORD_MAC);
    assert_int_equal(ts_alert_for_err(TS_ERR_FINISHED), TS_ALERT_DECRYPT_ERROR);
    assert_int_equal(ts_alert_for_err(TS_ERR_UNEXPECTED), TS_ALERT_UNEXPECTED_MESSAGE);
    assert_int_equal(ts_alert_for_err(TS_ERR_NOMEM), TS_ALERT_INTERNAL_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_server_hello_done), cmocka_unit_test(test_ccs),
        cmocka_unit_test(test_finished),          cmocka_unit_test(test_alert),
        cmocka_unit_test(test_alert_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* ts_compare: TLS 1.2 beside TLS 1.3, checked against the runs themselves.
 * For each pair of suites (with and without a HelloRetryRequest and
 * KeyUpdate): every message of each run is in exactly one row, in the
 * run's order; paired messages are the same message or the server's two
 * signature messages; each row's record and its encryption are the
 * channel's; the round trips are those of the protocols (2 for TLS 1.2, 1
 * for TLS 1.3, 2 after a HelloRetryRequest); the server's signature is in
 * ServerKeyExchange (ECDHE, DHE), nowhere (RSA) or in CertificateVerify;
 * the values only one version has are those the other trace lacks; and a
 * row's cursor maps back to the row. A tampered run that ends in an alert
 * still compares. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/ts_rng.h"
#include "simulation/ts_compare.h"
#include "tls/msg/ts_msg_extensions.h"

static ts_session *run(const ts_session_config *cfg, const ts_action *acts, size_t n)
{
    ts_session *s = NULL;
    assert_int_equal(ts_session_new(cfg, &s), TS_OK);
    assert_int_equal(ts_session_set_actions(s, acts, n), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    return s;
}

static bool has_value(const ts_session *s, const char *name)
{
    for (size_t k = 0; k < ts_session_count(s); k++) {
        const ts_step *st = ts_session_get_step(s, k);
        if (st->ev.kind == TS_EV_VALUE && strcmp(st->ev.name, name) == 0) {
            return true;
        }
    }
    return false;
}

/* The rows hold every message of v's run once, in order, with the
 * channel's record and protection. */
static void check_column(const ts_compare *c, ts_cmp_ver v)
{
    const ts_session *s = c->v[v].s;
    size_t next = 0;
    for (size_t r = 0; r < c->n_rows; r++) {
        const ts_cmp_msg *m = &c->rows[r].m[v];
        if (!m->present) {
            continue;
        }
        for (; next < ts_session_count(s); next++) {
            ts_ev_kind kind = ts_session_get_step(s, next)->ev.kind;
            if (kind == TS_EV_MESSAGE || kind == TS_EV_ALERT_SENT) {
                break;
            }
        }
        assert_int_equal(m->step, next); /* the run's next message, none skipped */
        assert_string_equal(m->name, ts_session_get_step(s, next)->ev.name);
        next++;
        if (m->record != 0) {
            const ts_chan_record *rec = ts_chan_get(ts_session_chan(s), m->record);
            assert_non_null(rec);
            assert_int_equal(m->encrypted, rec->protected_record); /* AEAD suites here */
            assert_int_equal(m->from == TS_SIDE_CLIENT, rec->dir == TS_DIR_C2S);
        }
        assert_int_equal(ts_compare_row_of(c, v, ts_compare_cursor(c, v, r)), r);
    }
    for (; next < ts_session_count(s); next++) {
        ts_ev_kind kind = ts_session_get_step(s, next)->ev.kind;
        assert_false(kind == TS_EV_MESSAGE || kind == TS_EV_ALERT_SENT);
    }
}

static void check_pair(ts_suite_id id12, uint16_t group, bool key_update, size_t trips13)
{
    ts_session_config base;
    memset(&base, 0, sizeof(base));
    base.seed = "compare";
    base.bits = 768;
    base.group = group;
    base.key_update = key_update;
    const ts_suite *s12, *s13;
    ts_compare_pair(ts_suite_get(id12), &s12, &s13);
    assert_ptr_equal(s12, ts_suite_get(id12));
    assert_true(ts_suite_is_tls13(s13));
    assert_int_equal(s13->cipher, id12 == TS_SUITE_RSA ? TS_CIPHER_AES256GCM
                                                      : TS_CIPHER_CHACHA20POLY1305);
    ts_session_config c12, c13;
    ts_compare_configs(&base, s12, s13, &c12, &c13);
    assert_int_equal(c12.group, 0);
    assert_false(c12.key_update);
    assert_int_equal(c13.group, group);
    ts_session *a = run(&c12, NULL, 0), *b = run(&c13, NULL, 0);
    ts_compare *c = malloc(sizeof(*c));
    assert_non_null(c);
    assert_int_equal(ts_compare_build(a, b, c), TS_OK);
    check_column(c, TS_CMP_12);
    check_column(c, TS_CMP_13);
    for (size_t r = 0; r < c->n_rows; r++) {
        const ts_cmp_row *row = &c->rows[r];
        if (row->m[TS_CMP_12].present && row->m[TS_CMP_13].present &&
            strcmp(row->m[TS_CMP_12].name, row->m[TS_CMP_13].name) != 0) {
            assert_string_equal(row->m[TS_CMP_12].name, "server_key_exchange");
            assert_string_equal(row->m[TS_CMP_13].name, "certificate_verify");
        }
    }
    assert_int_equal(c->v[TS_CMP_12].round_trips, 2);
    assert_int_equal(c->v[TS_CMP_13].round_trips, trips13);
    /* TLS 1.2 encrypts the two Finished only; 1.3 the certificate too */
    assert_int_equal(c->v[TS_CMP_12].n_encrypted, 2);
    assert_true(c->v[TS_CMP_13].n_encrypted >= 5);
    if (id12 == TS_SUITE_RSA) {
        assert_null(c->v[TS_CMP_12].sig_message);
        assert_true(c->v[TS_CMP_12].kx_rsa);
    } else {
        assert_string_equal(c->v[TS_CMP_12].sig_message, "server_key_exchange");
        assert_false(c->v[TS_CMP_12].kx_rsa);
    }
    assert_string_equal(c->v[TS_CMP_13].sig_message, "certificate_verify");
    assert_non_null(c->v[TS_CMP_13].sig_digest);
    assert_string_equal(c->v[TS_CMP_12].kx->ev.name, "premaster_secret");
    assert_string_equal(c->v[TS_CMP_13].kx->ev.name, "shared_secret");
    /* the values only one version has: absent from the other trace */
    for (int v = 0; v < TS_CMP_N; v++) {
        for (size_t i = 0; i < c->v[v].n_only; i++) {
            assert_true(has_value(c->v[v].s, c->v[v].only[i]));
            assert_false(has_value(c->v[1 - v].s, c->v[v].only[i]));
        }
    }
    assert_true(ts_compare_only(c, TS_CMP_12, "key_block"));
    assert_true(ts_compare_only(c, TS_CMP_13, "handshake_secret"));
    assert_false(ts_compare_only(c, TS_CMP_13, "master_secret"));
    assert_false(ts_compare_only(c, TS_CMP_12, "client_random"));
    assert_int_equal(ts_compare_only(c, TS_CMP_13, "client_application_traffic_secret_1"),
                     key_update);
    free(c);
    ts_session_free(a);
    ts_session_free(b);
}

static void test_rsa(void **state)
{
    (void)state;
    check_pair(TS_SUITE_RSA, 0, false, 1);
}

static void test_ecdhe_hrr_key_update(void **state)
{
    (void)state;
    check_pair(TS_SUITE_ECDHE, TS_GROUP_FFDHE2048, true, 2);
}

static void test_dhe(void **state)
{
    (void)state;
    check_pair(TS_SUITE_DHE, 0, false, 1);
}

/* The pair of a TLS 1.3 suite, and of the NULL suite (no TLS 1.3 twin). */
static void test_pair(void **state)
{
    (void)state;
    const ts_suite *s12, *s13;
    ts_compare_pair(ts_suite_get(TS_SUITE_TLS13_CHACHA), &s12, &s13);
    assert_ptr_equal(s12, ts_suite_get(TS_SUITE_ECDHE));
    assert_ptr_equal(s13, ts_suite_get(TS_SUITE_TLS13_CHACHA));
    ts_compare_pair(ts_suite_get(TS_SUITE_NULL), &s12, &s13);
    assert_ptr_equal(s12, ts_suite_get(TS_SUITE_NULL));
    assert_true(ts_suite_is_tls13(s13));
    ts_compare_pair(NULL, &s12, &s13);
    assert_ptr_equal(s12, ts_suite_get(TS_SUITE_RSA));
}

/* A run cut short by an alert still lines up with the other. */
static void test_tampered(void **state)
{
    (void)state;
    ts_session_config base, c12, c13;
    memset(&base, 0, sizeof(base));
    base.seed = "compare";
    base.bits = 768;
    ts_compare_configs(&base, ts_suite_get(TS_SUITE_RSA), ts_suite_get(TS_SUITE_TLS13_AES), &c12,
                       &c13);
    ts_action tamper = {.kind = TS_ACT_TAMPER, .record = 5, .offset = 20, .xor_mask = 1};
    ts_session *a = run(&c12, NULL, 0), *b = run(&c13, &tamper, 1);
    ts_compare *c = malloc(sizeof(*c));
    assert_non_null(c);
    assert_int_equal(ts_compare_build(a, b, c), TS_OK);
    check_column(c, TS_CMP_12);
    check_column(c, TS_CMP_13);
    assert_int_equal(c->v[TS_CMP_13].round_trips, 0); /* it never sent application data */
    assert_int_equal(ts_compare_build(a, NULL, c), TS_ERR_ARG);
    free(c);
    ts_session_free(a);
    ts_session_free(b);
}

int main(void)
{
    assert_int_equal(ts_rng_global_init(), TS_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rsa),
        cmocka_unit_test(test_ecdhe_hrr_key_update),
        cmocka_unit_test(test_dhe),
        cmocka_unit_test(test_pair),
        cmocka_unit_test(test_tampered),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

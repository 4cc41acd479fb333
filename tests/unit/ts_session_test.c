/* Unit tests for ts_session: determinism, stepping, replay after a changed
 * action, the PKI cache, results, and bad options. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/ts_rng.h"
#include "crypto/ts_secret.h"
#include "export/ts_json.h"
#include "simulation/ts_session.h"

static ts_session *run_with(const char *seed, ts_suite_id suite, const ts_action *acts,
                            size_t n)
{
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.seed = seed;
    cfg.suite = ts_suite_get(suite);
    if (!ts_suite_usable(cfg.suite)) {
        cfg.suite = ts_suite_get(TS_SUITE_ECDHE);
    }
    cfg.bits = ts_suite_is_tls13(cfg.suite) ? 640 : 512; /* RSA-PSS needs 528 bits */
    ts_session *s;
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(ts_session_set_actions(s, acts, n), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    return s;
}

static bool bytes_equal(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    return an == bn && (an == 0 || (a != NULL && b != NULL && memcmp(a, b, an) == 0));
}

static bool str_equal(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool step_equal(const ts_step *x, const ts_step *y)
{
    const ts_event *a = &x->ev, *b = &y->ev;
    return x->index == y->index && x->record == y->record && a->kind == b->kind &&
           a->side == b->side && str_equal(a->name, b->name) && str_equal(a->how, b->how) &&
           bytes_equal(a->value, a->value_len, b->value, b->value_len) &&
           bytes_equal(a->record, a->record_len, b->record, b->record_len) && a->ok == b->ok &&
           a->alert == b->alert;
}

static void test_same_seed_same_run(void **state)
{
    (void)state;
    for (int suite = 0; suite < TS_SUITE_COUNT; suite++) {
        ts_session *a = run_with("unit-1", (ts_suite_id)suite, NULL, 0);
        ts_session *b = run_with("unit-1", (ts_suite_id)suite, NULL, 0);
        assert_int_equal(ts_session_result(a)->kind, TS_RESULT_OK);
        assert_true(ts_session_result(a)->payload_intact);
        assert_int_equal(ts_session_count(a), ts_session_count(b));
        for (size_t i = 0; i < ts_session_count(a); i++) {
            assert_true(step_equal(ts_session_get_step(a, i), ts_session_get_step(b, i)));
        }
        char *ja, *jb;
        assert_int_equal(ts_json_session(a, &ja), TS_OK);
        assert_int_equal(ts_json_session(b, &jb), TS_OK);
        assert_string_equal(ja, jb);
        free(ja);
        free(jb);
        /* A different seed: different randoms. */
        ts_session *c = run_with("unit-2", (ts_suite_id)suite, NULL, 0);
        const ts_step *ra = ts_trace_find(ts_session_trace(a), "client_random", TS_SIDE_CLIENT);
        const ts_step *rc = ts_trace_find(ts_session_trace(c), "client_random", TS_SIDE_CLIENT);
        assert_non_null(ra);
        assert_non_null(rc);
        assert_false(bytes_equal(ra->ev.value, ra->ev.value_len, rc->ev.value, rc->ev.value_len));
        ts_session_free(a);
        ts_session_free(b);
        ts_session_free(c);
    }
}

typedef struct {
    uint8_t digest[64];
    size_t n;
} collect;

static void collect_fn(void *ctx, const ts_step *st)
{
    collect *c = ctx;
    for (size_t i = 0; i < st->ev.value_len; i++) {
        c->digest[(c->n + i) % sizeof(c->digest)] ^= st->ev.value[i];
    }
    c->n++;
}

static collect known_at(const ts_session *s, size_t k)
{
    collect c;
    memset(&c, 0, sizeof(c));
    ts_session_known(s, TS_SIDE_CLIENT, k, collect_fn, &c);
    return c;
}

static void test_goto_back_forward(void **state)
{
    (void)state;
    ts_session *s = run_with("unit-1", TS_SUITE_RSA, NULL, 0);
    size_t count = ts_session_count(s);
    assert_true(count > 20);
    assert_int_equal(ts_session_cursor(s), 0);
    assert_int_equal(ts_session_known(s, TS_SIDE_CLIENT, 0, NULL, NULL), 0);
    size_t k = count / 2;
    assert_int_equal(ts_session_goto(s, k), k);
    collect first = known_at(s, ts_session_cursor(s));
    assert_true(first.n > 0);
    assert_int_equal(ts_session_step(s, -1), k - 1);
    collect back = known_at(s, ts_session_cursor(s));
    assert_int_equal(ts_session_step(s, 1), k);
    collect again = known_at(s, ts_session_cursor(s));
    assert_memory_equal(&first, &again, sizeof(first));
    assert_true(back.n <= first.n);
    /* Clamping at both ends. */
    assert_int_equal(ts_session_step(s, -100000), 0);
    assert_int_equal(ts_session_step(s, 100000), count);
    assert_int_equal(ts_session_goto(s, count + 5), count);
    /* Records: written before crossed; all crossed at the end. */
    assert_false(ts_session_record_crossed(s, 1, 0));
    assert_true(ts_session_record_written(s, 1, count));
    assert_true(ts_session_record_crossed(s, 1, count));
    /* A re-run keeps the cursor and changes nothing. */
    ts_session_goto(s, k);
    assert_int_equal(ts_session_run(s), TS_OK);
    assert_int_equal(ts_session_cursor(s), k);
    collect rerun = known_at(s, k);
    assert_memory_equal(&first, &rerun, sizeof(first));
    ts_session_free(s);
}

static void test_changed_action_keeps_prefix_and_cache(void **state)
{
    (void)state;
    ts_session *s = run_with("unit-3", TS_SUITE_RSA, NULL, 0);
    assert_int_equal(ts_session_keygen_count(s), 1);
    ts_session *orig = run_with("unit-3", TS_SUITE_RSA, NULL, 0);
    /* Tamper with the client's Finished (record 7): everything before its
     * delivery is the same, and the run ends in bad_record_mac. */
    const ts_chan_record *fin = ts_chan_get(ts_session_chan(orig), 7);
    assert_non_null(fin);
    assert_string_equal(fin->type_name, "Finished");
    ts_action a = {.kind = TS_ACT_TAMPER, .record = 7, .offset = 20, .xor_mask = 0x40};
    assert_int_equal(ts_session_set_actions(s, &a, 1), TS_OK);
    ts_session_goto(s, 5);
    assert_int_equal(ts_session_run(s), TS_OK);
    assert_int_equal(ts_session_cursor(s), 5);
    assert_int_equal(ts_session_keygen_count(s), 1); /* cache hit: no new keys */
    assert_true(ts_session_action_applied(s, 0));
    const ts_result *r = ts_session_result(s);
    assert_int_equal(r->kind, TS_RESULT_ALERT);
    assert_string_equal(r->alert_name, "bad_record_mac");
    assert_int_equal(r->alert_from, TS_SIDE_SERVER);
    assert_true(ts_chan_get(ts_session_chan(s), 7)->tampered);
    size_t prefix = ts_chan_get(ts_session_chan(s), 7)->step_delivered;
    assert_int_equal(prefix, fin->step_delivered);
    for (size_t i = 0; i < prefix; i++) {
        assert_true(step_equal(ts_session_get_step(s, i), ts_session_get_step(orig, i)));
    }
    assert_false(step_equal(ts_session_get_step(s, prefix), ts_session_get_step(orig, prefix)));
    /* Back to no actions: identical to the original run again. */
    assert_int_equal(ts_session_set_actions(s, NULL, 0), TS_OK);
    assert_int_equal(ts_session_run(s), TS_OK);
    assert_int_equal(ts_session_count(s), ts_session_count(orig));
    assert_int_equal(ts_session_result(s)->kind, TS_RESULT_OK);
    assert_int_equal(ts_session_keygen_count(s), 1);
    ts_session_free(s);
    ts_session_free(orig);
}

static void test_drop_stalls_and_keys_wiped(void **state)
{
    (void)state;
    ts_action drop = {.kind = TS_ACT_DROP, .record = 4};
    ts_session *s = run_with("unit-1", TS_SUITE_RSA, &drop, 1);
    const ts_chan_record *r4 = ts_chan_get(ts_session_chan(s), 4);
    assert_string_equal(r4->type_name, "ServerHelloDone");
    assert_int_equal(r4->status, TS_REC_DROPPED);
    const ts_result *r = ts_session_result(s);
    assert_int_equal(r->kind, TS_RESULT_STALLED);
    assert_true(r->client_waiting);
    assert_true(r->server_waiting);
    assert_non_null(strstr(r->reason, "#4"));
    ts_session_free(s);
    /* After a clean close both sides have wiped their secrets. */
    s = run_with("unit-1", TS_SUITE_DHE, NULL, 0);
    assert_int_equal(ts_session_result(s)->kind, TS_RESULT_OK);
    for (int side = TS_SIDE_CLIENT; side <= TS_SIDE_SERVER; side++) {
        const uint8_t *ptrs[16];
        size_t lens[16];
        size_t n = ts_conn_secret_areas(ts_session_conn(s, (ts_side)side), ptrs, lens, 16);
        assert_true(n > 0);
        for (size_t i = 0; i < n; i++) {
            assert_true(ts_secret_is_zero(ptrs[i], lens[i]));
        }
    }
    assert_non_null(ts_trace_find(ts_session_trace(s), "session_keys_wiped", TS_SIDE_CLIENT));
    ts_session_free(s);
}

static void test_replay_and_unapplied(void **state)
{
    (void)state;
    /* ecdhe: #12 is the server's first application data record. */
    ts_action acts[2] = {{.kind = TS_ACT_REPLAY, .record = 12},
                         {.kind = TS_ACT_TAMPER, .record = 500, .offset = 0, .xor_mask = 1}};
    ts_session *s = run_with("unit-1", TS_SUITE_ECDHE, acts, 2);
    const ts_result *r = ts_session_result(s);
    assert_int_equal(r->kind, TS_RESULT_ALERT);
    assert_string_equal(r->alert_name, "bad_record_mac");
    assert_int_equal(r->alert_from, TS_SIDE_CLIENT);
    assert_true(ts_session_action_applied(s, 0));
    assert_false(ts_session_action_applied(s, 1));
    /* The copy takes the next free number (the server had written #12..#15
     * at once) and is delivered right after the original. */
    const ts_chan *ch = ts_session_chan(s);
    const ts_chan_record *copy = ts_chan_get(ch, 16);
    assert_non_null(copy);
    assert_int_equal(copy->origin, TS_REC_REPLAYED);
    assert_true(copy->step_delivered > ts_chan_get(ch, 12)->step_delivered);
    assert_int_equal(ts_chan_get(ch, 13)->step_delivered, TS_CHAN_NO_STEP);
    assert_int_equal(copy->copy_of, 12);
    assert_string_equal(copy->type_name, "ApplicationData");
    ts_session_free(s);
}

static void test_bad_options(void **state)
{
    (void)state;
    ts_session_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    ts_session *s = NULL;
    cfg.bits = 7;
    assert_int_equal(ts_session_new(&cfg, &s), TS_ERR_ARG);
    cfg.bits = 8192;
    assert_int_equal(ts_session_new(&cfg, &s), TS_ERR_ARG);
    cfg.bits = 0;
    cfg.seed = "";
    assert_int_equal(ts_session_new(&cfg, &s), TS_ERR_ARG);
    cfg.seed = NULL;
    cfg.host = "";
    assert_int_equal(ts_session_new(&cfg, &s), TS_ERR_ARG);
    assert_null(s);
    /* Defaults: a fresh 16-digit seed, 1024 bits, the clock, the sample. */
    cfg.host = NULL;
    cfg.suite = ts_suite_get(TS_SUITE_NULL);
    assert_int_equal(ts_session_new(&cfg, &s), TS_OK);
    assert_int_equal(strlen(ts_session_seed(s)), 16);
    assert_int_equal(ts_session_config_of(s)->bits, TS_SESSION_DEFAULT_BITS);
    assert_int_equal(ts_session_config_of(s)->now, TS_SESSION_DEFAULT_NOW);
    assert_string_equal(ts_session_config_of(s)->host, "localhost");
    assert_true(ts_session_payload(s)->len > 30000);
    assert_int_equal(ts_session_count(s), 0);
    ts_action bad = {.kind = TS_ACT_TAMPER, .record = 0, .xor_mask = 1};
    assert_int_equal(ts_session_set_actions(s, &bad, 1), TS_ERR_ARG);
    bad.record = 1;
    bad.xor_mask = 0;
    assert_int_equal(ts_session_set_actions(s, &bad, 1), TS_ERR_ARG);
    ts_session_free(s);
}

static int setup(void **state)
{
    (void)state;
    return ts_rng_global_init() == TS_OK ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_run),
        cmocka_unit_test(test_goto_back_forward),
        cmocka_unit_test(test_changed_action_keeps_prefix_and_cache),
        cmocka_unit_test(test_drop_stalls_and_keys_wiped),
        cmocka_unit_test(test_replay_and_unapplied),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}

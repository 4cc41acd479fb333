/* Unit tests for ts_trace: steps are deep copies of the events. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "simulation/ts_trace.h"

/* An event whose every pointer points into the caller's buffers. */
static ts_event sample_event(char *name, char *how, uint8_t *value, size_t n, uint8_t *secret,
                             char *label)
{
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = TS_EV_VALUE;
    ev.side = TS_SIDE_CLIENT;
    ev.name = name;
    ev.how = how;
    ev.formula = "PRF(secret, label, seed)";
    ev.value = value;
    ev.value_len = n;
    ev.inputs[0] = (ts_ev_input){"secret", secret, 4, false};
    ev.inputs[1] = (ts_ev_input){"label", (const uint8_t *)label, strlen(label), true};
    ev.n_inputs = 2;
    ev.prf = (ts_ev_prf){true, TS_HASH_SHA256, label, secret, 4, value, n, n};
    ev.record = value;
    ev.record_len = n;
    ev.secret = true;
    return ev;
}

static void test_append_copies_everything(void **state)
{
    (void)state;
    ts_trace *t;
    assert_int_equal(ts_trace_new(&t), TS_OK);
    char name[] = "master_secret", how[] = "computed", label[] = "master secret";
    uint8_t value[8] = {1, 2, 3, 4, 5, 6, 7, 8}, secret[4] = {9, 9, 9, 9};
    ts_event ev = sample_event(name, how, value, sizeof(value), secret, label);
    size_t index = 99;
    assert_int_equal(ts_trace_append(t, &ev, 3, &index), TS_OK);
    assert_int_equal(index, 0);
    /* Scribble over every source buffer: the step must not change. */
    memset(name, 'x', sizeof(name) - 1);
    memset(how, 'x', sizeof(how) - 1);
    memset(label, 'x', sizeof(label) - 1);
    memset(value, 0, sizeof(value));
    memset(secret, 0, sizeof(secret));
    const ts_step *st = ts_trace_get(t, 0);
    assert_non_null(st);
    assert_int_equal(st->index, 0);
    assert_int_equal(st->record, 3);
    assert_string_equal(st->ev.name, "master_secret");
    assert_string_equal(st->ev.how, "computed");
    assert_string_equal(st->ev.formula, "PRF(secret, label, seed)");
    const uint8_t want[8] = {1, 2, 3, 4, 5, 6, 7, 8}, want_secret[4] = {9, 9, 9, 9};
    assert_int_equal(st->ev.value_len, 8);
    assert_memory_equal(st->ev.value, want, 8);
    assert_ptr_not_equal(st->ev.value, value);
    assert_memory_equal(st->ev.record, want, 8);
    assert_int_equal(st->ev.n_inputs, 2);
    assert_string_equal(st->ev.inputs[0].name, "secret");
    assert_memory_equal(st->ev.inputs[0].data, want_secret, 4);
    assert_true(st->ev.inputs[1].text);
    assert_memory_equal(st->ev.inputs[1].data, "master secret", 13);
    assert_true(st->ev.prf.used);
    assert_string_equal(st->ev.prf.label, "master secret");
    assert_memory_equal(st->ev.prf.secret, want_secret, 4);
    assert_memory_equal(st->ev.prf.seed, want, 8);
    assert_true(st->ev.secret);
    ts_trace_free(t);
}

static void test_count_get_find(void **state)
{
    (void)state;
    ts_trace *t;
    assert_int_equal(ts_trace_new(&t), TS_OK);
    assert_int_equal(ts_trace_count(t), 0);
    assert_null(ts_trace_get(t, 0));
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    const char *names[] = {"client_random", "server_random", "client_random"};
    const ts_side sides[] = {TS_SIDE_CLIENT, TS_SIDE_SERVER, TS_SIDE_SERVER};
    /* Many steps, so the array grows and steps keep their contents. */
    for (size_t i = 0; i < 200; i++) {
        ev.name = names[i % 3];
        ev.side = sides[i % 3];
        ev.kind = TS_EV_VALUE;
        assert_int_equal(ts_trace_append(t, &ev, 0, NULL), TS_OK);
    }
    assert_int_equal(ts_trace_count(t), 200);
    assert_string_equal(ts_trace_get(t, 199)->ev.name, names[199 % 3]);
    assert_int_equal(ts_trace_get(t, 150)->index, 150);
    assert_null(ts_trace_get(t, 200));
    const ts_step *st = ts_trace_find(t, "client_random", TS_SIDE_SERVER);
    assert_non_null(st);
    assert_int_equal(st->index, 2);
    st = ts_trace_find_from(t, 3, "client_random", TS_SIDE_SERVER);
    assert_int_equal(st->index, 5);
    assert_null(ts_trace_find(t, "master_secret", TS_SIDE_CLIENT));
    assert_null(ts_trace_find(t, "server_random", TS_SIDE_CLIENT));
    assert_null(ts_trace_find(t, NULL, TS_SIDE_CLIENT));
    ts_trace_free(t);
}

static void test_null_pointers_and_limits(void **state)
{
    (void)state;
    ts_trace *t;
    assert_int_equal(ts_trace_new(&t), TS_OK);
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    /* An event with no name, no bytes: the copy keeps NULLs. */
    assert_int_equal(ts_trace_append(t, &ev, 0, NULL), TS_OK);
    assert_null(ts_trace_get(t, 0)->ev.name);
    assert_null(ts_trace_get(t, 0)->ev.value);
    /* Empty (non-NULL) bytes stay non-NULL with length 0. */
    uint8_t one = 7;
    ev.value = &one;
    ev.value_len = 0;
    ev.n_inputs = 99; /* more than TS_EV_MAX_INPUTS: clamped */
    assert_int_equal(ts_trace_append(t, &ev, 0, NULL), TS_OK);
    assert_non_null(ts_trace_get(t, 1)->ev.value);
    assert_int_equal(ts_trace_get(t, 1)->ev.value_len, 0);
    assert_int_equal(ts_trace_get(t, 1)->ev.n_inputs, TS_EV_MAX_INPUTS);
    assert_int_equal(ts_trace_append(t, NULL, 0, NULL), TS_ERR_ARG);
    assert_int_equal(ts_trace_append(NULL, &ev, 0, NULL), TS_ERR_ARG);
    assert_int_equal(ts_trace_count(t), 2);
    assert_int_equal(ts_trace_count(NULL), 0);
    ts_trace_free(t);
    ts_trace_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_copies_everything),
        cmocka_unit_test(test_count_get_find),
        cmocka_unit_test(test_null_pointers_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

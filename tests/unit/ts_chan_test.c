/* Unit tests for ts_chan: numbering, framing, hooks that modify, drop,
 * replay and inject (the original always kept), observers, decoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "simulation/ts_chan.h"

/* Plaintext records (RFC 5246 wire format). */
static const uint8_t hello_done[] = {0x16, 0x03, 0x03, 0x00, 0x04, 0x0e, 0x00, 0x00, 0x00};
static const uint8_t ccs[] = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};
static const uint8_t alert[] = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x14};

static ts_event sealed_event(const uint8_t *rec, size_t n)
{
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = TS_EV_SEALED;
    ev.content_type = rec[0];
    ev.record = rec;
    ev.record_len = n;
    ev.value = rec + 5;
    ev.value_len = n - 5;
    return ev;
}

static void test_sealed_then_written(void **state)
{
    (void)state;
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    ts_event ev = sealed_event(hello_done, sizeof(hello_done));
    size_t number = 0;
    assert_int_equal(ts_chan_sealed(ch, TS_DIR_S2C, &ev, 7, &number), TS_OK);
    assert_int_equal(number, 1);
    assert_int_equal(ts_chan_get(ch, 1)->status, TS_REC_SEALED);
    assert_int_equal(ts_chan_next(ch, true, true), 0); /* not on the wire yet */
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, hello_done, sizeof(hello_done), 9), TS_OK);
    assert_int_equal(ts_chan_count(ch), 1);
    const ts_chan_record *r = ts_chan_get(ch, 1);
    assert_int_equal(r->status, TS_REC_IN_FLIGHT);
    assert_int_equal(r->step_written, 7);
    assert_true(r->has_plain);
    assert_int_equal(r->plaintext.len, 4);
    assert_string_equal(r->type_name, "ServerHelloDone");
    assert_non_null(ts_fields_find(&r->fields, "content_type", 0));
    /* Only a live receiver gets records. */
    assert_int_equal(ts_chan_next(ch, true, false), 0);
    assert_int_equal(ts_chan_next(ch, false, true), 1);
    ts_chan_free(ch);
}

static void test_write_frames_and_rejects(void **state)
{
    (void)state;
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    uint8_t two[sizeof(ccs) + sizeof(alert)];
    memcpy(two, ccs, sizeof(ccs));
    memcpy(two + sizeof(ccs), alert, sizeof(alert));
    /* Cut short: nothing goes on the wire. */
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, two, sizeof(two) - 1, 0), TS_ERR_RECORD);
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, two, 3, 0), TS_ERR_RECORD);
    assert_int_equal(ts_chan_count(ch), 0);
    /* Unannounced records get numbers in order. */
    assert_int_equal(ts_chan_write(ch, TS_DIR_C2S, two, sizeof(two), 4), TS_OK);
    assert_int_equal(ts_chan_count(ch), 2);
    assert_string_equal(ts_chan_get(ch, 1)->type_name, "ChangeCipherSpec");
    assert_string_equal(ts_chan_get(ch, 2)->type_name, "Alert");
    assert_false(ts_chan_get(ch, 2)->has_plain);
    assert_int_equal(ts_chan_get(ch, 2)->step_written, 4);
    const ts_field *f = ts_fields_find(&ts_chan_get(ch, 2)->fields, "description", 0);
    assert_non_null(f);
    assert_int_equal(f->offset, 6);
    assert_non_null(strstr(f->value, "bad_record_mac"));
    assert_null(ts_chan_get(ch, 3));
    assert_null(ts_chan_get(ch, 0));
    /* Framed by length alone: an unknown type and a bad version still cross. */
    const uint8_t odd[] = {0x80, 0x02, 0x00, 0x00, 0x01, 0x00, 0x16, 0xfe, 0xff, 0x00, 0x00};
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, odd, sizeof(odd), 5), TS_OK);
    assert_int_equal(ts_chan_count(ch), 4);
    assert_int_equal(ts_chan_get(ch, 3)->content_type, 0x80);
    assert_int_equal(ts_chan_get(ch, 3)->sent.len, 6);
    assert_int_equal(ts_chan_get(ch, 4)->content_type, 0x16);
    assert_int_equal(ts_chan_get(ch, 4)->sent.len, 5);
    ts_chan_free(ch);
}

typedef struct {
    int mode; /* 0 flip byte 5, 1 drop, 2 replay, 3 inject */
    size_t calls;
    size_t observed;
} hook_state;

static ts_chan_verdict hook(void *ctx, const ts_chan_record *rec, ts_chan_delivery *d)
{
    hook_state *h = ctx;
    h->calls++;
    if (rec->origin != TS_REC_ORIGINAL) {
        return TS_CHAN_PASS;
    }
    switch (h->mode) {
    case 0:
        d->bytes.data[5] ^= 0x01;
        return TS_CHAN_PASS;
    case 1:
        return TS_CHAN_DROP;
    case 2:
        d->replay = rec->number;
        return TS_CHAN_PASS;
    default:
        assert_int_equal(ts_buf_write_bytes(&d->inject, alert, sizeof(alert)), TS_OK);
        return TS_CHAN_PASS;
    }
}

static void observe(void *ctx, const ts_chan_record *rec)
{
    (void)rec;
    ((hook_state *)ctx)->observed++;
}

/* Puts hello_done and ccs on the wire with the hook in mode, delivers #1. */
static ts_chan *deliver_first(hook_state *h, ts_buf *out, bool *dropped)
{
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    ts_chan_set_hook(ch, hook, h);
    assert_int_equal(ts_chan_observe(ch, observe, h), TS_OK);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, hello_done, sizeof(hello_done), 0), TS_OK);
    assert_int_equal(ts_chan_write(ch, TS_DIR_S2C, ccs, sizeof(ccs), 0), TS_OK);
    assert_int_equal(ts_chan_next(ch, true, true), 1);
    assert_int_equal(ts_chan_deliver(ch, 1, 12, out, dropped), TS_OK);
    return ch;
}

static void test_hook_modifies_keeps_original(void **state)
{
    (void)state;
    hook_state h = {0, 0, 0};
    ts_buf out;
    bool dropped = true;
    ts_chan *ch = deliver_first(&h, &out, &dropped);
    assert_false(dropped);
    const ts_chan_record *r = ts_chan_get(ch, 1);
    assert_memory_equal(r->sent.data, hello_done, sizeof(hello_done));
    assert_int_equal(out.len, sizeof(hello_done));
    assert_int_equal(out.data[5], 0x0f);
    assert_memory_equal(r->delivered.data, out.data, out.len);
    assert_true(r->tampered);
    assert_int_equal(r->status, TS_REC_DELIVERED);
    assert_int_equal(r->step_delivered, 12);
    assert_int_equal(h.observed, 1);
    /* Delivering twice is refused. */
    ts_buf again;
    assert_int_equal(ts_chan_deliver(ch, 1, 13, &again, NULL), TS_ERR_ARG);
    assert_int_equal(ts_chan_next(ch, true, true), 2);
    ts_buf_free(&out);
    ts_chan_free(ch);
}

static void test_hook_drops(void **state)
{
    (void)state;
    hook_state h = {1, 0, 0};
    ts_buf out;
    bool dropped = false;
    ts_chan *ch = deliver_first(&h, &out, &dropped);
    assert_true(dropped);
    assert_int_equal(out.len, 0);
    const ts_chan_record *r = ts_chan_get(ch, 1);
    assert_int_equal(r->status, TS_REC_DROPPED);
    assert_false(r->tampered);
    assert_memory_equal(r->sent.data, hello_done, sizeof(hello_done));
    assert_int_equal(h.observed, 1);
    assert_int_equal(ts_chan_next(ch, true, true), 2);
    ts_buf_free(&out);
    ts_chan_free(ch);
}

static void test_hook_replays_and_injects(void **state)
{
    (void)state;
    for (int mode = 2; mode <= 3; mode++) {
        hook_state h = {mode, 0, 0};
        ts_buf out;
        bool dropped = true;
        ts_chan *ch = deliver_first(&h, &out, &dropped);
        assert_false(dropped);
        assert_false(ts_chan_get(ch, 1)->tampered);
        assert_int_equal(ts_chan_count(ch), 3);
        const ts_chan_record *copy = ts_chan_get(ch, 3);
        assert_int_equal(copy->origin, mode == 2 ? TS_REC_REPLAYED : TS_REC_INJECTED);
        assert_int_equal(copy->copy_of, mode == 2 ? 1 : 0);
        assert_int_equal(copy->dir, TS_DIR_S2C);
        if (mode == 2) {
            assert_memory_equal(copy->sent.data, hello_done, sizeof(hello_done));
        } else {
            assert_memory_equal(copy->sent.data, alert, sizeof(alert));
        }
        /* The copy goes before the older record #2. */
        assert_int_equal(ts_chan_next(ch, true, true), 3);
        ts_buf out2;
        assert_int_equal(ts_chan_deliver(ch, 3, 14, &out2, NULL), TS_OK);
        assert_int_equal(out2.len, copy->sent.len);
        assert_int_equal(ts_chan_next(ch, true, true), 2);
        assert_int_equal(h.observed, 2);
        ts_buf_free(&out);
        ts_buf_free(&out2);
        ts_chan_free(ch);
    }
}

static void test_bad_arguments(void **state)
{
    (void)state;
    ts_chan *ch;
    assert_int_equal(ts_chan_new(&ch), TS_OK);
    ts_buf out;
    assert_int_equal(ts_chan_deliver(ch, 1, 0, &out, NULL), TS_ERR_ARG);
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    ev.kind = TS_EV_VALUE;
    assert_int_equal(ts_chan_sealed(ch, TS_DIR_C2S, &ev, 0, NULL), TS_ERR_ARG);
    assert_int_equal(ts_chan_observe(ch, NULL, NULL), TS_ERR_ARG);
    assert_string_equal(ts_dir_arrow(TS_DIR_C2S), "client → server");
    assert_string_equal(ts_rec_status_name(TS_REC_DROPPED), "dropped");
    ts_chan_free(ch);
    ts_chan_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sealed_then_written),
        cmocka_unit_test(test_write_frames_and_rejects),
        cmocka_unit_test(test_hook_modifies_keeps_original),
        cmocka_unit_test(test_hook_drops),
        cmocka_unit_test(test_hook_replays_and_injects),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

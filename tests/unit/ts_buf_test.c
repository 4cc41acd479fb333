/* Unit tests for ts_buf: cursors, integers, vectors, views and limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/ts_buf.h"

static void test_write_read_integers(void **state)
{
    (void)state;
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_buf_write_u8(&b, 0x01), TS_OK);
    assert_int_equal(ts_buf_write_u16(&b, 0x0203), TS_OK);
    assert_int_equal(ts_buf_write_u24(&b, 0x040506), TS_OK);
    assert_int_equal(ts_buf_write_u32(&b, 0x0708090a), TS_OK);
    assert_int_equal(ts_buf_write_u64(&b, 0x0b0c0d0e0f101112ULL), TS_OK);
    static const uint8_t want[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18};
    assert_int_equal(b.len, sizeof(want));
    assert_memory_equal(b.data, want, sizeof(want)); /* big-endian */
    uint8_t u8;
    uint16_t u16;
    uint32_t u24, u32;
    uint64_t u64;
    assert_int_equal(ts_buf_read_u8(&b, &u8), TS_OK);
    assert_int_equal(ts_buf_read_u16(&b, &u16), TS_OK);
    assert_int_equal(ts_buf_read_u24(&b, &u24), TS_OK);
    assert_int_equal(ts_buf_read_u32(&b, &u32), TS_OK);
    assert_int_equal(ts_buf_read_u64(&b, &u64), TS_OK);
    assert_int_equal(u8, 0x01);
    assert_int_equal(u16, 0x0203);
    assert_int_equal(u24, 0x040506);
    assert_int_equal(u32, 0x0708090a);
    assert_true(u64 == 0x0b0c0d0e0f101112ULL);
    assert_int_equal(ts_buf_expect_end(&b), TS_OK);
    assert_int_equal(ts_buf_remaining(&b), 0);
    assert_int_equal(ts_buf_write_u24(&b, 0x1000000), TS_ERR_TOO_LONG);
    assert_int_equal(b.len, sizeof(want));
    ts_buf_free(&b);
}

/* Every read past the end fails with TS_ERR_SHORT and leaves pos alone. */
static void test_short_reads_keep_cursor(void **state)
{
    (void)state;
    static const uint8_t data[] = {0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x11};
    for (size_t have = 0; have < 8; have++) {
        ts_buf b;
        ts_buf_view(&b, data, sizeof(data));
        b.pos = sizeof(data) - have; /* exactly `have` bytes left */
        size_t pos = b.pos;
        uint8_t u8;
        uint16_t u16;
        uint32_t u32;
        uint64_t u64;
        uint8_t out[16];
        ts_buf sub;
        if (have < 1) {
            assert_int_equal(ts_buf_read_u8(&b, &u8), TS_ERR_SHORT);
        }
        if (have < 2) {
            assert_int_equal(ts_buf_read_u16(&b, &u16), TS_ERR_SHORT);
        }
        if (have < 3) {
            assert_int_equal(ts_buf_read_u24(&b, &u32), TS_ERR_SHORT);
        }
        if (have < 4) {
            assert_int_equal(ts_buf_read_u32(&b, &u32), TS_ERR_SHORT);
        }
        assert_int_equal(ts_buf_read_u64(&b, &u64), TS_ERR_SHORT);
        assert_int_equal(ts_buf_read_bytes(&b, out, have + 1), TS_ERR_SHORT);
        assert_int_equal(ts_buf_read_view(&b, have + 1, &sub), TS_ERR_SHORT);
        assert_int_equal(ts_buf_skip(&b, have + 1), TS_ERR_SHORT);
        assert_int_equal(ts_buf_skip(&b, SIZE_MAX), TS_ERR_SHORT);
        assert_int_equal(b.pos, pos);
        assert_int_equal(ts_buf_read_bytes(&b, out, have), TS_OK);
        assert_int_equal(ts_buf_expect_end(&b), TS_OK);
    }
}

static void test_read_vec(void **state)
{
    (void)state;
    /* 1-byte length 3, "abc"; 2-byte length 2, "de"; 3-byte length 1, "f" */
    static const uint8_t data[] = {3, 'a', 'b', 'c', 0, 2, 'd', 'e', 0, 0, 1, 'f'};
    ts_buf b, sub;
    ts_buf_view(&b, data, sizeof(data));
    assert_int_equal(ts_buf_read_vec(&b, 1, 4, 10, &sub), TS_ERR_DECODE); /* below min */
    assert_int_equal(ts_buf_read_vec(&b, 1, 0, 2, &sub), TS_ERR_DECODE);  /* above max */
    assert_int_equal(b.pos, 0);
    assert_int_equal(ts_buf_read_vec(&b, 1, 3, 3, &sub), TS_OK);
    assert_int_equal(sub.len, 3);
    assert_memory_equal(ts_buf_cursor(&sub), "abc", 3);
    assert_int_equal(ts_buf_read_vec(&b, 2, 0, 65535, &sub), TS_OK);
    assert_memory_equal(ts_buf_cursor(&sub), "de", 2);
    assert_int_equal(ts_buf_read_vec(&b, 4, 0, 10, &sub), TS_ERR_ARG);
    assert_int_equal(ts_buf_read_vec(&b, 0, 0, 10, &sub), TS_ERR_ARG);
    assert_int_equal(ts_buf_read_vec(&b, 3, 1, 1, &sub), TS_OK);
    assert_memory_equal(ts_buf_cursor(&sub), "f", 1);
    assert_int_equal(ts_buf_expect_end(&b), TS_OK);

    /* length says 5 but only 2 bytes follow: SHORT, cursor back at the length */
    static const uint8_t cut[] = {0, 5, 'x', 'y'};
    ts_buf_view(&b, cut, sizeof(cut));
    assert_int_equal(ts_buf_read_vec(&b, 2, 0, 100, &sub), TS_ERR_SHORT);
    assert_int_equal(b.pos, 0);
    /* the length itself cut short */
    ts_buf_view(&b, cut, 2);
    assert_int_equal(ts_buf_read_vec(&b, 3, 0, 100, &sub), TS_ERR_SHORT);
    assert_int_equal(b.pos, 0);
    /* sub is a view: writes refused */
    ts_buf_view(&b, data, sizeof(data));
    assert_int_equal(ts_buf_read_vec(&b, 1, 0, 255, &sub), TS_OK);
    assert_int_equal(ts_buf_write_u8(&sub, 1), TS_ERR_ARG);
    /* trailing bytes are reported */
    assert_int_equal(ts_buf_expect_end(&b), TS_ERR_TRAILING);
}

static void test_write_vec(void **state)
{
    (void)state;
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_buf_write_vec(&b, 1, (const uint8_t *)"ab", 2), TS_OK);
    assert_int_equal(ts_buf_write_vec(&b, 2, (const uint8_t *)"c", 1), TS_OK);
    assert_int_equal(ts_buf_write_vec(&b, 3, NULL, 0), TS_OK);
    static const uint8_t want[] = {2, 'a', 'b', 0, 1, 'c', 0, 0, 0};
    assert_int_equal(b.len, sizeof(want));
    assert_memory_equal(b.data, want, sizeof(want));
    uint8_t big[256] = {0};
    assert_int_equal(ts_buf_write_vec(&b, 1, big, 256), TS_ERR_TOO_LONG);
    assert_int_equal(ts_buf_write_vec(&b, 1, big, 255), TS_OK);
    assert_int_equal(ts_buf_write_vec(&b, 0, big, 1), TS_ERR_ARG);
    assert_int_equal(ts_buf_write_vec(&b, 4, big, 1), TS_ERR_ARG);
    assert_int_equal(b.len, sizeof(want) + 256);
    ts_buf_free(&b);
}

static void test_vec_begin_end(void **state)
{
    (void)state;
    ts_buf b;
    ts_buf_init(&b);
    size_t outer, inner;
    assert_int_equal(ts_buf_vec_begin(&b, 3, &outer), TS_OK);
    assert_int_equal(ts_buf_write_u8(&b, 0x16), TS_OK);
    assert_int_equal(ts_buf_vec_begin(&b, 2, &inner), TS_OK);
    assert_int_equal(ts_buf_write_bytes(&b, (const uint8_t *)"hello", 5), TS_OK);
    assert_int_equal(ts_buf_vec_end(&b, 2, inner), TS_OK);
    assert_int_equal(ts_buf_vec_end(&b, 3, outer), TS_OK);
    static const uint8_t want[] = {0, 0, 8, 0x16, 0, 5, 'h', 'e', 'l', 'l', 'o'};
    assert_int_equal(b.len, sizeof(want));
    assert_memory_equal(b.data, want, sizeof(want));

    /* bad widths and marks */
    assert_int_equal(ts_buf_vec_begin(&b, 0, &inner), TS_ERR_ARG);
    assert_int_equal(ts_buf_vec_begin(&b, 4, &inner), TS_ERR_ARG);
    assert_int_equal(ts_buf_vec_end(&b, 2, b.len + 1), TS_ERR_ARG);
    assert_int_equal(ts_buf_vec_end(&b, 3, 2), TS_ERR_ARG);

    /* overlong: 256 bytes in a 1-byte vector, 65536 in a 2-byte one */
    ts_buf_reset(&b);
    assert_int_equal(ts_buf_vec_begin(&b, 1, &inner), TS_OK);
    assert_int_equal(ts_buf_write_zeros(&b, 256, NULL), TS_OK);
    assert_int_equal(ts_buf_vec_end(&b, 1, inner), TS_ERR_TOO_LONG);
    ts_buf_reset(&b);
    assert_int_equal(ts_buf_vec_begin(&b, 2, &inner), TS_OK);
    assert_int_equal(ts_buf_write_zeros(&b, 65535, NULL), TS_OK);
    assert_int_equal(ts_buf_vec_end(&b, 2, inner), TS_OK);
    assert_int_equal(b.data[0], 0xff);
    assert_int_equal(b.data[1], 0xff);
    assert_int_equal(ts_buf_write_u8(&b, 0), TS_OK);
    assert_int_equal(ts_buf_vec_end(&b, 2, inner), TS_ERR_TOO_LONG);

    /* 3-byte widths: 2^24 - 1 bytes fit, 2^24 do not */
    ts_buf_reset(&b);
    assert_int_equal(ts_buf_vec_begin(&b, 3, &inner), TS_OK);
    assert_int_equal(ts_buf_write_zeros(&b, 0xffffff, NULL), TS_OK);
    assert_int_equal(ts_buf_vec_end(&b, 3, inner), TS_OK);
    assert_int_equal(b.data[0], 0xff);
    assert_int_equal(b.data[2], 0xff);
    assert_int_equal(ts_buf_write_u8(&b, 0), TS_OK);
    assert_int_equal(ts_buf_vec_end(&b, 3, inner), TS_ERR_TOO_LONG);
    ts_buf_free(&b);
}

static void test_views_refuse_writes(void **state)
{
    (void)state;
    uint8_t data[4] = {1, 2, 3, 4};
    ts_buf v;
    ts_buf_view(&v, data, sizeof(data));
    size_t mark;
    assert_int_equal(ts_buf_write_u8(&v, 9), TS_ERR_ARG);
    assert_int_equal(ts_buf_write_u16(&v, 9), TS_ERR_ARG);
    assert_int_equal(ts_buf_write_bytes(&v, data, 1), TS_ERR_ARG);
    assert_int_equal(ts_buf_write_bytes(&v, NULL, 0), TS_ERR_ARG);
    assert_int_equal(ts_buf_write_zeros(&v, 1, NULL), TS_ERR_ARG);
    assert_int_equal(ts_buf_write_vec(&v, 1, data, 1), TS_ERR_ARG);
    assert_int_equal(ts_buf_vec_begin(&v, 2, &mark), TS_ERR_ARG);
    assert_int_equal(ts_buf_reserve(&v, 1), TS_ERR_ARG);
    assert_int_equal(v.len, 4);
    assert_memory_equal(data, ((uint8_t[]){1, 2, 3, 4}), 4);
    ts_buf_compact(&v); /* no effect on a view */
    assert_int_equal(v.len, 4);
    ts_buf_free(&v); /* a view is only emptied; data is not freed */
    assert_int_equal(v.len, 0);
    assert_null(v.data);
}

static void test_limit(void **state)
{
    (void)state;
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(b.limit, TS_BUF_DEFAULT_LIMIT);
    ts_buf_set_limit(&b, 4);
    assert_int_equal(ts_buf_write_u32(&b, 1), TS_OK);
    assert_int_equal(ts_buf_write_u8(&b, 1), TS_ERR_TOO_LONG);
    assert_int_equal(b.len, 4);
    ts_buf_reset(&b);
    assert_int_equal(ts_buf_write_bytes(&b, (const uint8_t *)"12345", 5), TS_ERR_TOO_LONG);
    assert_int_equal(ts_buf_reserve(&b, SIZE_MAX), TS_ERR_TOO_LONG);
    assert_int_equal(ts_buf_write_zeros(&b, 4, NULL), TS_OK);
    assert_true(b.cap <= 4);
    ts_buf_free(&b);
    assert_int_equal(b.limit, 4); /* the limit survives free */
    assert_true(b.growable);
}

static void test_cursor_helpers(void **state)
{
    (void)state;
    ts_buf b, c;
    ts_buf_init(&b);
    assert_non_null(ts_buf_cursor(&b)); /* never NULL, even when empty */
    assert_int_equal(ts_buf_write_bytes(&b, (const uint8_t *)"abcdef", 6), TS_OK);
    size_t at;
    assert_int_equal(ts_buf_write_zeros(&b, 2, &at), TS_OK);
    assert_int_equal(at, 6);
    assert_int_equal(b.data[6], 0);
    assert_int_equal(ts_buf_skip(&b, 2), TS_OK);
    assert_int_equal(ts_buf_remaining(&b), 6);
    assert_int_equal(*ts_buf_cursor(&b), 'c');
    assert_int_equal(ts_buf_copy(&c, &b), TS_OK);
    assert_int_equal(c.len, 6);
    assert_memory_equal(c.data, "cdef", 4);
    ts_buf_compact(&b);
    assert_int_equal(b.pos, 0);
    assert_int_equal(b.len, 6);
    assert_memory_equal(b.data, "cdef", 4);
    ts_buf sub;
    assert_int_equal(ts_buf_read_view(&b, 2, &sub), TS_OK);
    assert_false(sub.growable);
    assert_memory_equal(ts_buf_cursor(&sub), "cd", 2);
    assert_int_equal(ts_buf_remaining(&b), 4);
    ts_buf_reset(&b);
    assert_int_equal(ts_buf_remaining(&b), 0);
    assert_int_equal(ts_buf_write_bytes(&b, NULL, 1), TS_ERR_ARG);
    ts_buf_free(&b);
    ts_buf_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_read_integers),
        cmocka_unit_test(test_short_reads_keep_cursor),
        cmocka_unit_test(test_read_vec),
        cmocka_unit_test(test_write_vec),
        cmocka_unit_test(test_vec_begin_end),
        cmocka_unit_test(test_views_refuse_writes),
        cmocka_unit_test(test_limit),
        cmocka_unit_test(test_cursor_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for ts_rsa_math: mulmod, add, divexact, gcd, compare, factor
 * test, next prime, integer roots and Fermat's method. Small values are
 * checked by hand; the prime facts from the sources named beside them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/attack/ts_rsa_math.h"

/* Writes v big-endian into out (8 bytes) and returns 8. */
static size_t be64(uint64_t v, uint8_t out[8])
{
    for (int i = 7; i >= 0; i--, v >>= 8) {
        out[i] = (uint8_t)v;
    }
    return 8;
}

/* The minimal big-endian number in b as an integer (it must fit 64 bits). */
static uint64_t value(const ts_buf *b)
{
    assert_true(b->len <= 8);
    uint64_t v = 0;
    for (size_t i = 0; i < b->len; i++) {
        v = (v << 8) | b->data[i];
    }
    return v;
}

static void test_mulmod(void **state)
{
    (void)state;
    uint8_t a[8], b[8], n[8];
    ts_buf out;
    ts_buf_init(&out);
    /* 123456789 * 987654321 mod 1000000007 = 259106859 (Python: pow-free product) */
    be64(123456789, a);
    be64(987654321, b);
    be64(1000000007, n);
    assert_int_equal(ts_rsa_math_mulmod(a, 8, b, 8, n, 8, 0, &out), TS_OK);
    assert_int_equal(value(&out), (123456789ULL * 987654321ULL) % 1000000007ULL);
    ts_buf_reset(&out);
    assert_int_equal(ts_rsa_math_mulmod(a, 8, b, 8, n, 8, 6, &out), TS_OK);
    assert_int_equal(out.len, 6);
    assert_int_equal(out.data[0], 0);
    ts_buf_reset(&out);
    assert_int_equal(ts_rsa_math_mulmod(a, 8, b, 8, n, 8, 2, &out), TS_ERR_TOO_LONG);
    memset(n, 0, sizeof(n));
    assert_int_equal(ts_rsa_math_mulmod(a, 8, b, 8, n, 8, 0, &out), TS_ERR_ARG);
    ts_buf_free(&out);
}

static void test_add_div_gcd_cmp(void **state)
{
    (void)state;
    uint8_t a[8], b[8];
    ts_buf out;
    ts_buf_init(&out);
    be64(0xFFFFFFFFULL, a);
    be64(1, b);
    assert_int_equal(ts_rsa_math_add(a, 8, b, 8, &out), TS_OK);
    assert_int_equal(value(&out), 0x100000000ULL);
    ts_buf_reset(&out);
    be64(3233, a); /* 61 * 53, the textbook key */
    be64(61, b);
    assert_int_equal(ts_rsa_math_divexact(a, 8, b, 8, &out), TS_OK);
    assert_int_equal(value(&out), 53);
    ts_buf_reset(&out);
    be64(60, b);
    assert_int_equal(ts_rsa_math_divexact(a, 8, b, 8, &out), TS_ERR_ARG);
    assert_true(ts_rsa_math_is_factor((const uint8_t[]){61}, 1, a, 8));
    assert_false(ts_rsa_math_is_factor((const uint8_t[]){1}, 1, a, 8));
    assert_false(ts_rsa_math_is_factor(a, 8, a, 8));
    assert_false(ts_rsa_math_is_factor((const uint8_t[]){59}, 1, a, 8));
    be64(3233, a);
    be64(61 * 59, b);
    assert_int_equal(ts_rsa_math_gcd(a, 8, b, 8, &out), TS_OK);
    assert_int_equal(value(&out), 61);
    assert_int_equal(ts_rsa_math_cmp(a, 8, (const uint8_t[]){0x0c, 0xa1}, 2), 0);
    assert_int_equal(ts_rsa_math_cmp(a, 8, b, 8), -1);
    assert_int_equal(ts_rsa_math_cmp(b, 8, a, 8), 1);
    ts_buf_free(&out);
}

static void test_next_prime(void **state)
{
    (void)state;
    ts_buf out;
    ts_buf_init(&out);
    /* 2^32 + 15 is the first prime after 2^32 (OEIS A014210) */
    uint8_t start[5] = {1, 0, 0, 0, 0};
    assert_int_equal(ts_rsa_math_next_prime(start, 5, 0, &out), TS_OK);
    assert_int_equal(value(&out), 4294967311ULL);
    ts_buf_reset(&out);
    /* a prime start is its own answer; with e = 3, 7 is refused (3 | 6), 11 is taken */
    assert_int_equal(ts_rsa_math_next_prime((const uint8_t[]){7}, 1, 0, &out), TS_OK);
    assert_int_equal(value(&out), 7);
    ts_buf_reset(&out);
    assert_int_equal(ts_rsa_math_next_prime((const uint8_t[]){7}, 1, 3, &out), TS_OK);
    assert_int_equal(value(&out), 11);
    ts_buf_free(&out);
}

static void test_root(void **state)
{
    (void)state;
    uint8_t x[8];
    ts_buf out;
    ts_buf_init(&out);
    be64(1000000, x);
    assert_int_equal(ts_rsa_math_root(x, 8, 3, false, &out), TS_OK);
    assert_int_equal(value(&out), 100);
    ts_buf_reset(&out);
    assert_int_equal(ts_rsa_math_root(x, 8, 3, true, &out), TS_OK);
    assert_int_equal(value(&out), 100); /* exact: no rounding up */
    ts_buf_reset(&out);
    be64(1000001, x);
    assert_int_equal(ts_rsa_math_root(x, 8, 3, true, &out), TS_OK);
    assert_int_equal(value(&out), 101);
    ts_buf_reset(&out);
    assert_int_equal(ts_rsa_math_root(x, 8, 3, false, &out), TS_OK);
    assert_int_equal(value(&out), 100);
    assert_int_equal(ts_rsa_math_root(x, 8, 1, false, &out), TS_ERR_ARG);
    ts_buf_free(&out);
}

static void test_fermat(void **state)
{
    (void)state;
    uint8_t n[8];
    ts_buf p, q;
    ts_buf_init(&p);
    ts_buf_init(&q);
    uint64_t iters = 0;
    /* 1000003 * 1000033: both prime, 30 apart: the first a works */
    be64(1000003ULL * 1000033ULL, n);
    assert_int_equal(ts_rsa_math_fermat(n, 8, 10, &p, &q, &iters), TS_OK);
    assert_int_equal(value(&p), 1000003);
    assert_int_equal(value(&q), 1000033);
    assert_int_equal(iters, 1);
    /* 101 * 1000003 are far apart: not within 10 steps */
    ts_buf_reset(&p);
    ts_buf_reset(&q);
    be64(101ULL * 1000003ULL, n);
    assert_int_equal(ts_rsa_math_fermat(n, 8, 10, &p, &q, &iters), TS_ERR_RSA_KEY);
    assert_int_equal(iters, 10);
    /* an even number is refused */
    be64(1000002, n);
    assert_int_equal(ts_rsa_math_fermat(n, 8, 10, &p, &q, NULL), TS_ERR_RSA_KEY);
    ts_buf_free(&p);
    ts_buf_free(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mulmod),     cmocka_unit_test(test_add_div_gcd_cmp),
        cmocka_unit_test(test_next_prime), cmocka_unit_test(test_root),
        cmocka_unit_test(test_fermat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for ts_secret: wiping and constant-time comparison. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "crypto/ts_rng.h"
#include "crypto/ts_secret.h"

static void test_wipe(void **state)
{
    (void)state;
    uint8_t key[37];
    memset(key, 0xa5, sizeof(key));
    ts_secret_wipe(key + 1, 35);
    assert_int_equal(key[0], 0xa5);
    assert_int_equal(key[36], 0xa5);
    assert_true(ts_secret_is_zero(key + 1, 35));
    assert_false(ts_secret_is_zero(key, 37));
    ts_secret_wipe(NULL, 0);
    ts_secret_wipe(NULL, 10);
    ts_secret_wipe(key, 0);
    assert_int_equal(key[0], 0xa5);
}

static void test_equal(void **state)
{
    (void)state;
    uint8_t a[48], b[48];
    memset(a, 7, sizeof(a));
    memset(b, 7, sizeof(b));
    assert_true(ts_secret_equal(a, b, 48));
    for (size_t i = 0; i < 48; i++) {
        b[i] ^= 0x80; /* a single flipped bit anywhere is seen */
        assert_false(ts_secret_equal(a, b, 48));
        b[i] ^= 0x80;
    }
    b[47] = 0;
    assert_true(ts_secret_equal(a, b, 47));
    assert_true(ts_secret_equal(NULL, NULL, 0));
}

static void test_is_zero(void **state)
{
    (void)state;
    uint8_t z[16] = {0};
    assert_true(ts_secret_is_zero(z, 16));
    z[15] = 1;
    assert_false(ts_secret_is_zero(z, 16));
    assert_true(ts_secret_is_zero(z, 15));
    assert_true(ts_secret_is_zero(NULL, 0));
}

static void test_free_buf(void **state)
{
    (void)state;
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_buf_write_bytes(&b, (const uint8_t *)"premaster", 9), TS_OK);
    ts_secret_free_buf(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    ts_secret_free_buf(&b); /* twice is fine */
    uint8_t data[3] = {1, 2, 3};
    ts_buf v;
    ts_buf_view(&v, data, 3);
    ts_secret_free_buf(&v); /* a view's bytes are not its to wipe */
    assert_int_equal(data[0], 1);
    assert_int_equal(v.len, 0);
}

static int setup(void **state)
{
    (void)state;
    return ts_rng_global_init() == TS_OK ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wipe),
        cmocka_unit_test(test_equal),
        cmocka_unit_test(test_is_zero),
        cmocka_unit_test(test_free_buf),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}

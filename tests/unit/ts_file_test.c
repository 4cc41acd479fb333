/* Unit tests for ts_file: bounded reads and atomic writes. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/ts_file.h"

/* A fresh temporary folder per test. */
static int make_dir(void **state)
{
    char *dir = malloc(64);
    assert_non_null(dir);
    snprintf(dir, 64, "/tmp/ts_file_testXXXXXX");
    assert_non_null(mkdtemp(dir));
    *state = dir;
    return 0;
}

/* Number of entries in dir besides . and .. */
static size_t entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    }
    closedir(d);
    return n;
}

static int remove_dir(void **state)
{
    char *dir = *state;
    DIR *d = opendir(dir);
    if (d != NULL) {
        for (struct dirent *e; (e = readdir(d)) != NULL;) {
            char p[600];
            snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
                struct stat st;
                if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
                    rmdir(p);
                } else {
                    unlink(p);
                }
            }
        }
        closedir(d);
    }
    rmdir(dir);
    free(dir);
    return 0;
}

static void test_write_then_read(void **state)
{
    const char *dir = *state;
    char path[256];
    snprintf(path, sizeof(path), "%s/out.bin", dir);
    const uint8_t data[] = {0x00, 0x01, 0xfe, 0xff, 'a', '\n'};
    assert_int_equal(ts_file_write_atomic(path, data, sizeof(data), 0600), TS_OK);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(entries(dir), 1); /* no temporary file left */
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_file_read(path, SIZE_MAX, &b), TS_OK);
    assert_int_equal(b.len, sizeof(data));
    assert_memory_equal(b.data, data, sizeof(data));
    /* a second write replaces the file, with the new mode */
    assert_int_equal(ts_file_write_atomic(path, data, 2, 0644), TS_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    assert_int_equal(st.st_size, 2);
    /* reading appends */
    assert_int_equal(ts_file_read(path, SIZE_MAX, &b), TS_OK);
    assert_int_equal(b.len, sizeof(data) + 2);
    assert_memory_equal(b.data + sizeof(data), data, 2);
    ts_buf_free(&b);
    /* an empty file */
    assert_int_equal(ts_file_write_atomic(path, NULL, 0, 0644), TS_OK);
    ts_buf_init(&b);
    assert_int_equal(ts_file_read(path, 0, &b), TS_OK);
    assert_int_equal(b.len, 0);
    ts_buf_free(&b);
}

static void test_bound(void **state)
{
    const char *dir = *state;
    char path[256];
    snprintf(path, sizeof(path), "%s/big.bin", dir);
    static uint8_t big[100000];
    memset(big, 0x5a, sizeof(big));
    assert_int_equal(ts_file_write_atomic(path, big, sizeof(big), 0644), TS_OK);
    ts_buf b;
    ts_buf_init(&b);
    assert_int_equal(ts_file_read(path, sizeof(big), &b), TS_OK); /* exactly the bound */
    assert_int_equal(b.len, sizeof(big));
    ts_buf_free(&b);
    ts_buf_init(&b);
    assert_int_equal(ts_file_read(path, sizeof(big) - 1, &b), TS_ERR_TOO_LONG);
    ts_buf_free(&b);
    ts_buf_init(&b);
    assert_int_equal(ts_file_read(path, 10, &b), TS_ERR_TOO_LONG);
    ts_buf_free(&b);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    ts_buf_init(&b);
    assert_int_equal(ts_file_read_stream(f, SIZE_MAX, &b), TS_OK);
    assert_int_equal(b.len, sizeof(big));
    assert_int_equal(b.data[sizeof(big) - 1], 0x5a);
    fclose(f);
    ts_buf_free(&b);
}

static void test_failures(void **state)
{
    const char *dir = *state;
    char path[256];
    ts_buf b;
    ts_buf_init(&b);
    snprintf(path, sizeof(path), "%s/missing", dir);
    errno = 0;
    assert_int_equal(ts_file_read(path, SIZE_MAX, &b), TS_ERR_IO);
    assert_int_equal(errno, ENOENT); /* errno says why */
    errno = 0;
    assert_int_equal(ts_file_read(dir, SIZE_MAX, &b), TS_ERR_IO); /* a folder */
    assert_int_equal(errno, EISDIR);
    FILE *f = fopen(dir, "r");
    if (f != NULL) {
        assert_int_equal(ts_file_read_stream(f, SIZE_MAX, &b), TS_ERR_IO);
        fclose(f);
    }
    assert_int_equal(b.len, 0);
    ts_buf_free(&b);
    const uint8_t x = 1;
    /* a folder in the way: refused, the folder stays, nothing else made */
    snprintf(path, sizeof(path), "%s/sub", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(ts_file_write_atomic(path, &x, 1, 0644), TS_ERR_IO);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(entries(dir), 1);
    /* a folder that does not exist */
    snprintf(path, sizeof(path), "%s/no/such/file", dir);
    assert_int_equal(ts_file_write_atomic(path, &x, 1, 0644), TS_ERR_IO);
    assert_int_equal(entries(dir), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_write_then_read, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_bound, make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_failures, make_dir, remove_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for ts_reproduce: the exact text of each command (tlsstep and
 * openssl) for a PRF value and for each HKDF mode, empty arguments, a label
 * that needs shell quoting, and events without reproduce data. That the
 * commands print the values is checked by running them: tests/engine/kdf13.sh
 * (every command of TLS 1.3 runs) and tests/ui/keys.sh (a copied PRF one). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "export/ts_reproduce.h"

static const uint8_t k2[2] = {0x01, 0x02}, d2[2] = {0xaa, 0xbb};

/* Fails unless cmd (which it frees) is want. */
static void expect(char *cmd, const char *want)
{
    assert_non_null(cmd);
    assert_string_equal(cmd, want);
    free(cmd);
}

static void test_prf(void **state)
{
    (void)state;
    ts_ev_prf prf = {.used = true, .hash = TS_HASH_SHA256, .label = "master secret",
                     .secret = k2, .secret_len = 2, .seed = d2, .seed_len = 2, .out_len = 16};
    expect(ts_reproduce_prf(&prf, TS_REPRO_TLSSTEP),
           "tlsstep prf --hash sha256 --secret 0102 --label 'master secret' --seed aabb "
           "--length 16");
    /* openssl concatenates the seed options: label then seed (both commands
     * print 56c556dba9c9efeb1ef1c734ad70ec8c, checked by hand) */
    expect(ts_reproduce_prf(&prf, TS_REPRO_OPENSSL),
           "openssl kdf -keylen 16 -kdfopt digest:SHA256 -kdfopt hexsecret:0102 "
           "-kdfopt 'seed:master secret' -kdfopt hexseed:aabb TLS1-PRF");
    prf.hash = TS_HASH_SHA384;
    char *c = ts_reproduce_prf(&prf, TS_REPRO_OPENSSL);
    assert_non_null(strstr(c, "digest:SHA384"));
    free(c);
    prf.used = false;
    assert_null(ts_reproduce_prf(&prf, TS_REPRO_TLSSTEP));
    assert_null(ts_reproduce_prf(NULL, TS_REPRO_TLSSTEP));
}

static void test_hkdf_extract(void **state)
{
    (void)state;
    ts_ev_hkdf h = {.used = true, .hash = TS_HASH_SHA384, .mode = TS_HKDF_EXTRACT, .key = k2,
                    .key_len = 2, .data = d2, .data_len = 2, .out_len = 48};
    expect(ts_reproduce_hkdf(&h, TS_REPRO_TLSSTEP),
           "tlsstep hkdf extract --hash sha384 --salt 0102 --ikm aabb");
    expect(ts_reproduce_hkdf(&h, TS_REPRO_OPENSSL),
           "openssl kdf -keylen 48 -kdfopt digest:SHA384 -kdfopt mode:EXTRACT_ONLY "
           "-kdfopt hexkey:aabb -kdfopt hexsalt:0102 HKDF");
    /* the early secret's salt is empty */
    h.key_len = 0;
    h.hash = TS_HASH_SHA256;
    expect(ts_reproduce_hkdf(&h, TS_REPRO_TLSSTEP),
           "tlsstep hkdf extract --hash sha256 --salt '' --ikm aabb");
    expect(ts_reproduce_hkdf(&h, TS_REPRO_OPENSSL),
           "openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt mode:EXTRACT_ONLY "
           "-kdfopt hexkey:aabb -kdfopt hexsalt: HKDF");
}

static void test_hkdf_expand_label(void **state)
{
    (void)state;
    ts_ev_hkdf h = {.used = true, .hash = TS_HASH_SHA256, .mode = TS_HKDF_EXPAND_LABEL,
                    .key = k2, .key_len = 2, .label = "iv", .data = d2, .data_len = 0,
                    .out_len = 12};
    expect(ts_reproduce_hkdf(&h, TS_REPRO_TLSSTEP),
           "tlsstep hkdf expand-label --hash sha256 --secret 0102 --label 'iv' --context '' "
           "--length 12");
    expect(ts_reproduce_hkdf(&h, TS_REPRO_OPENSSL),
           "openssl kdf -keylen 12 -kdfopt digest:SHA256 -kdfopt mode:EXPAND_ONLY "
           "-kdfopt hexkey:0102 -kdfopt 'prefix:tls13 ' -kdfopt 'label:iv' -kdfopt hexdata: "
           "TLS13-KDF");
    /* a quote in a label stays one shell word */
    h.label = "it's";
    h.data_len = 2;
    expect(ts_reproduce_hkdf(&h, TS_REPRO_TLSSTEP),
           "tlsstep hkdf expand-label --hash sha256 --secret 0102 --label 'it'\\''s' "
           "--context aabb --length 12");
    h.label = NULL;
    assert_null(ts_reproduce_hkdf(&h, TS_REPRO_TLSSTEP));
}

static void test_hkdf_derive_secret(void **state)
{
    (void)state;
    ts_ev_hkdf h = {.used = true, .hash = TS_HASH_SHA384, .mode = TS_HKDF_DERIVE_SECRET,
                    .key = k2, .key_len = 2, .label = "c hs traffic", .data = d2,
                    .data_len = 2, .out_len = 48};
    expect(ts_reproduce_hkdf(&h, TS_REPRO_TLSSTEP),
           "tlsstep hkdf derive-secret --hash sha384 --secret 0102 --label 'c hs traffic' "
           "--transcript-hash aabb");
    /* Derive-Secret is Expand-Label with the transcript hash, Hash.length long */
    expect(ts_reproduce_hkdf(&h, TS_REPRO_OPENSSL),
           "openssl kdf -keylen 48 -kdfopt digest:SHA384 -kdfopt mode:EXPAND_ONLY "
           "-kdfopt hexkey:0102 -kdfopt 'prefix:tls13 ' -kdfopt 'label:c hs traffic' "
           "-kdfopt hexdata:aabb TLS13-KDF");
}

static void test_event(void **state)
{
    (void)state;
    ts_event ev;
    memset(&ev, 0, sizeof(ev));
    char *cmds[4];
    assert_int_equal(ts_reproduce_commands(&ev, cmds, 4), 0);
    assert_null(ts_reproduce_command(&ev, TS_REPRO_TLSSTEP));
    assert_null(ts_reproduce_command(NULL, TS_REPRO_TLSSTEP));
    ev.hkdf = (ts_ev_hkdf){.used = true, .hash = TS_HASH_SHA256, .mode = TS_HKDF_EXTRACT,
                           .key = k2, .key_len = 2, .data = d2, .data_len = 2, .out_len = 32};
    assert_int_equal(ts_reproduce_commands(&ev, cmds, 4), 2);
    assert_true(strncmp(cmds[0], "tlsstep hkdf extract ", 21) == 0);
    assert_true(strncmp(cmds[1], "openssl kdf ", 12) == 0);
    free(cmds[0]);
    free(cmds[1]);
    assert_int_equal(ts_reproduce_commands(&ev, cmds, 1), 1);
    free(cmds[0]);
    assert_null(ts_reproduce_command(&ev, TS_REPRO_TOOL_COUNT));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prf),
        cmocka_unit_test(test_hkdf_extract),
        cmocka_unit_test(test_hkdf_expand_label),
        cmocka_unit_test(test_hkdf_derive_secret),
        cmocka_unit_test(test_event),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for ts_action_parse: the tamper spec N,OFFSET,XOR and the
 * record numbers of drop and replay, good and bad, with the reason naming
 * the part that is wrong. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "simulation/ts_action_parse.h"

/* spec parses as a tamper of record rec, byte off, mask x. */
static void tamper_ok(const char *spec, size_t rec, size_t off, uint8_t x)
{
    ts_action a;
    memset(&a, 0xee, sizeof(a));
    char why[TS_ACTION_WHY_CAP] = "untouched";
    if (ts_action_parse(TS_ACT_TAMPER, spec, &a, why, sizeof(why)) != TS_OK) {
        fail_msg("'%s' refused: %s", spec, why);
    }
    assert_int_equal(a.kind, TS_ACT_TAMPER);
    assert_int_equal(a.record, rec);
    assert_int_equal(a.offset, off);
    assert_int_equal(a.xor_mask, x);
    assert_null(a.bytes);
    assert_int_equal(a.len, 0);
    assert_string_equal(why, "untouched");
}

/* spec of kind is refused, *out untouched, with a reason containing want. */
static void refused(ts_action_kind kind, const char *spec, const char *want)
{
    ts_action a;
    memset(&a, 0xee, sizeof(a));
    ts_action before = a;
    char why[TS_ACTION_WHY_CAP] = "";
    assert_int_equal(ts_action_parse(kind, spec, &a, why, sizeof(why)), TS_ERR_ARG);
    assert_memory_equal(&a, &before, sizeof(a));
    if (strstr(why, want) == NULL) {
        fail_msg("'%s': reason '%s' does not say '%s'", spec, why, want);
    }
    assert_null(strchr(why, '\n'));
    /* no reason wanted: still refused */
    assert_int_equal(ts_action_parse(kind, spec, &a, NULL, 0), TS_ERR_ARG);
}

static void test_tamper_good(void **state)
{
    (void)state;
    tamper_ok("3,300,01", 3, 300, 0x01);
    tamper_ok("3,1,ff", 3, 1, 0xff);
    tamper_ok("1,0,1", 1, 0, 0x01);
    tamper_ok("7,20,A0", 7, 20, 0xa0);
    tamper_ok("3,1,0x01", 3, 1, 0x01);
    tamper_ok("3,1,0XfF", 3, 1, 0xff);
    tamper_ok("03,007,40", 3, 7, 0x40); /* leading zeros are still decimal */
    tamper_ok("1000000,1000000,80", TS_ACTION_MAX_RECORD, TS_ACTION_MAX_OFFSET, 0x80);
}

static void test_tamper_bad(void **state)
{
    (void)state;
    refused(TS_ACT_TAMPER, "3,-1,ff", "byte OFFSET '-1' is not a whole number 0..1000000");
    refused(TS_ACT_TAMPER, "3,+1,ff", "byte OFFSET '+1'");
    refused(TS_ACT_TAMPER, "0,1,01", "record N '0' is not a whole number 1..1000000");
    refused(TS_ACT_TAMPER, "-3,1,01", "record N '-3'");
    refused(TS_ACT_TAMPER, "3,1,00", "XOR '00' is zero");
    refused(TS_ACT_TAMPER, "3,1,0x0", "XOR '0x0' is zero");
    refused(TS_ACT_TAMPER, "3,1,100", "XOR '100' is not one or two hex digits");
    refused(TS_ACT_TAMPER, "3,1,001", "XOR '001'");
    refused(TS_ACT_TAMPER, "3,1,zz", "XOR 'zz'");
    refused(TS_ACT_TAMPER, "3,1,0x", "XOR '0x'");
    refused(TS_ACT_TAMPER, "3,1,0x100", "XOR '0x100'");
    refused(TS_ACT_TAMPER, "3,,01", "byte OFFSET is missing");
    refused(TS_ACT_TAMPER, ",1,01", "record N is missing");
    refused(TS_ACT_TAMPER, "3,1,", "XOR is missing");
    refused(TS_ACT_TAMPER, " 3,1,01", "record N ' 3'");
    refused(TS_ACT_TAMPER, "3, 1,01", "byte OFFSET ' 1'");
    refused(TS_ACT_TAMPER, "3,1,01 ", "XOR '01 '");
    refused(TS_ACT_TAMPER, "3,1.5,01", "byte OFFSET '1.5'");
    refused(TS_ACT_TAMPER, "3,99999999999999999999,01",
            "byte OFFSET '99999999999999999999' is not a whole number");
    refused(TS_ACT_TAMPER, "99999999999999999999,1,01", "record N '99999999999999999999'");
    refused(TS_ACT_TAMPER, "18446744073709551617,1,01", "record N");
    refused(TS_ACT_TAMPER, "1000001,1,01", "record N '1000001'");
    refused(TS_ACT_TAMPER, "3,1000001,01", "byte OFFSET '1000001'");
    refused(TS_ACT_TAMPER, "", "expected three parts separated by commas, got 1");
    refused(TS_ACT_TAMPER, "3,1", "got 2");
    refused(TS_ACT_TAMPER, "3,1,01,4", "got 4");
    refused(TS_ACT_TAMPER, "3;1;01", "got 1");
    refused(TS_ACT_TAMPER, "a,b,c", "record N 'a'");
}

static void test_long_part_is_cut(void **state)
{
    (void)state;
    char spec[400];
    memset(spec, '7', sizeof(spec));
    spec[0] = '3';
    spec[1] = ',';
    memcpy(spec + sizeof(spec) - 4, ",01", 4);
    char why[TS_ACTION_WHY_CAP];
    ts_action a;
    assert_int_equal(ts_action_parse(TS_ACT_TAMPER, spec, &a, why, sizeof(why)), TS_ERR_ARG);
    char want[96] = "'";
    memset(want + 1, '7', 32); /* the first 32 bytes, then "..." */
    strcpy(want + 33, "...' is not a whole number 0..1000000");
    assert_non_null(strstr(why, want));
    /* what is quoted is escaped: the reason stays one line of plain text */
    refused(TS_ACT_TAMPER, "3,1\n,01", "byte OFFSET '1\\x0a' is not");
    refused(TS_ACT_TAMPER, "3,1,\x1b[2J", "XOR '\\x1b[2J'");
    refused(TS_ACT_DROP, "4\\", "record N '4\\\\'");
    /* a small why is cut, still terminated */
    char tiny[8];
    assert_int_equal(ts_action_parse(TS_ACT_TAMPER, "0,1,01", &a, tiny, sizeof(tiny)),
                     TS_ERR_ARG);
    assert_int_equal(strlen(tiny), sizeof(tiny) - 1);
}

static void test_drop_replay(void **state)
{
    (void)state;
    ts_action a;
    memset(&a, 0xee, sizeof(a));
    assert_int_equal(ts_action_parse(TS_ACT_DROP, "4", &a, NULL, 0), TS_OK);
    assert_int_equal(a.kind, TS_ACT_DROP);
    assert_int_equal(a.record, 4);
    assert_int_equal(a.offset, 0);
    assert_int_equal(a.xor_mask, 0);
    assert_int_equal(ts_action_parse(TS_ACT_REPLAY, "0010", &a, NULL, 0), TS_OK);
    assert_int_equal(a.kind, TS_ACT_REPLAY);
    assert_int_equal(a.record, 10);
    assert_int_equal(ts_action_parse(TS_ACT_REPLAY, "1000000", &a, NULL, 0), TS_OK);
    assert_int_equal(a.record, TS_ACTION_MAX_RECORD);
    refused(TS_ACT_DROP, "0", "record N '0' is not a whole number 1..1000000");
    refused(TS_ACT_DROP, "x", "record N 'x'");
    refused(TS_ACT_DROP, "-1", "record N '-1'");
    refused(TS_ACT_DROP, "+4", "record N '+4'");
    refused(TS_ACT_DROP, " 4", "record N ' 4'");
    refused(TS_ACT_DROP, "4 ", "record N '4 '");
    refused(TS_ACT_REPLAY, "1000001", "record N '1000001'");
    refused(TS_ACT_REPLAY, "99999999999999999999", "record N '99999999999999999999'");
    refused(TS_ACT_REPLAY, "", "record N is missing");
    refused(TS_ACT_REPLAY, "3,1,01", "record N '3,1,01'");
}

static void test_misuse(void **state)
{
    (void)state;
    ts_action a;
    char why[TS_ACTION_WHY_CAP];
    assert_int_equal(ts_action_parse(TS_ACT_TAMPER, NULL, &a, why, sizeof(why)), TS_ERR_ARG);
    assert_int_equal(ts_action_parse(TS_ACT_TAMPER, "3,1,01", NULL, why, sizeof(why)),
                     TS_ERR_ARG);
    assert_int_equal(ts_action_parse(TS_ACT_EDIT, "3", &a, why, sizeof(why)), TS_ERR_ARG);
    assert_non_null(strstr(why, "no text form"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tamper_good),
        cmocka_unit_test(test_tamper_bad),
        cmocka_unit_test(test_long_part_is_cut),
        cmocka_unit_test(test_drop_replay),
        cmocka_unit_test(test_misuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

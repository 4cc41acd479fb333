/* fuzz_exercise: what `tlsstep check` reads from a student: the answer
 * helpers (hex, "key: value" fields, N,OFFSET,XOR tampers read by
 * ts_action_parse, a private key as PEM or as a factor) on every input,
 * and one exercise's checker, picked by the first byte, on the rest. A
 * wrong or malformed answer must be a verdict with one line of reason,
 * never an error or a crash. The ROBOT checker runs a whole attack per
 * answer and is left to its own tests. */
#include "fuzz_util.h"

#include "base/ts_buf.h"
#include "exercise/ts_exercise.h"
#include "simulation/ts_action_parse.h"
#include "simulation/ts_session.h"

#define FUZZ_EX_SEED "fuzz"

static void helpers(const uint8_t *data, size_t size)
{
    ts_buf hex;
    ts_buf_init(&hex);
    (void)ts_exercise_answer_hex(data, size, &hex);
    ts_buf_free(&hex);
    char *text = ts_exercise_answer_text(data, size);
    FUZZ_ASSERT(text != NULL);
    char value[128];
    static const char *const keys[] = {"p", "q", "n", "tamper", "record", "offset"};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        if (ts_exercise_answer_field(text, keys[i], value, sizeof(value))) {
            FUZZ_ASSERT(strlen(value) < sizeof(value));
        }
    }
    ts_action act;
    char why[TS_ACTION_WHY_CAP] = "";
    if (ts_action_parse(TS_ACT_TAMPER, text, &act, why, sizeof(why)) == TS_OK) {
        FUZZ_ASSERT(act.kind == TS_ACT_TAMPER && act.record >= 1 &&
                    act.record <= TS_ACTION_MAX_RECORD && act.offset <= TS_ACTION_MAX_OFFSET &&
                    act.xor_mask != 0);
    } else {
        FUZZ_ASSERT(why[0] != '\0' && strchr(why, '\n') == NULL);
    }
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    helpers(data, size);
    if (size < 1) {
        return 0;
    }
    size_t count = 0;
    while (ts_exercise_at(count) != NULL) {
        count++;
    }
    if (count == 0) {
        return 0;
    }
    const ts_exercise *ex = ts_exercise_at(data[0] % count);
    if (strstr(ex->id, "robot") != NULL || ex->check == NULL) {
        return 0;
    }
    ts_exercise_verdict v;
    memset(&v, 0, sizeof(v));
    ts_err err = ex->check(FUZZ_EX_SEED, data + 1, size - 1, &v);
    FUZZ_ASSERT(err == TS_OK);
    FUZZ_ASSERT(v.why[0] != '\0' && strchr(v.why, '\n') == NULL);
    return 0;
}

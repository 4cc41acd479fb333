/* fuzz_lesson: the lesson loader (YAML front matter and Markdown body) on
 * arbitrary text: it must load or say why in one line, never crash, in
 * either language (the messages are translated formats filled with what the
 * file holds). */
#include "fuzz_util.h"

#include "lesson/ts_lesson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    for (int lang = 0; lang < TS_LANG_COUNT; lang++) {
        char why[512];
        why[0] = '\0';
        ts_lesson *l = NULL;
        ts_err err = ts_lesson_parse((const char *)data, size, "fuzz.md", (ts_lang)lang, &l, why,
                                     sizeof(why));
        if (err != TS_OK) {
            FUZZ_ASSERT(l == NULL);
            FUZZ_ASSERT(why[0] != '\0' && strchr(why, '\n') == NULL);
        }
        ts_lesson_free(l);
    }
    return 0;
}

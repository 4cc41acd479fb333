/* ts_lang: the language enum and the locale's default. */
#include "base/ts_lang.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The first language of a LANGUAGE list ("ja:ko:en") that tlsstep speaks,
 * or false when it names none. */
static bool from_language_list(const char *list, ts_lang *out)
{
    while (list != NULL && *list != '\0') {
        const char *end = strchr(list, ':');
        size_t n = end != NULL ? (size_t)(end - list) : strlen(list);
        if (n >= 2 && strncasecmp(list, "ko", 2) == 0) {
            *out = TS_LANG_KO;
            return true;
        }
        if (n >= 2 && strncasecmp(list, "en", 2) == 0) {
            *out = TS_LANG_EN;
            return true;
        }
        list = end != NULL ? end + 1 : NULL;
    }
    return false;
}

ts_lang ts_lang_default(void)
{
    ts_lang l;
    if (from_language_list(getenv("LANGUAGE"), &l)) {
        return l;
    }
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && v[0] != '\0') {
            return strncasecmp(v, "ko", 2) == 0 ? TS_LANG_KO : TS_LANG_EN;
        }
    }
    return TS_LANG_EN;
}

bool ts_lang_parse(const char *s, ts_lang *out)
{
    if (s == NULL) {
        return false;
    }
    if (strcasecmp(s, "en") == 0 || strcasecmp(s, "english") == 0) {
        *out = TS_LANG_EN;
        return true;
    }
    if (strcasecmp(s, "ko") == 0 || strcasecmp(s, "kr") == 0 || strcasecmp(s, "korean") == 0) {
        *out = TS_LANG_KO;
        return true;
    }
    return false;
}

const char *ts_lang_code(ts_lang lang)
{
    return lang == TS_LANG_KO ? "ko" : "en";
}

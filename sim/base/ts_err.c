/* ts_err: the error tables, built from TS_ERR_LIST. */
#include "base/ts_err.h"

#include <stddef.h>

static const struct {
    const char *name;
    const char *text[TS_LANG_COUNT];
} ts_err_table[TS_ERR_COUNT] = {
#define TS_ERR_ROW_(code, en, ko) [code] = {#code, {[TS_LANG_EN] = en, [TS_LANG_KO] = ko}},
    TS_ERR_LIST(TS_ERR_ROW_)
#undef TS_ERR_ROW_
};

const char *ts_err_str(ts_err err, ts_lang lang)
{
    if ((int)err < 0 || err >= TS_ERR_COUNT) {
        return lang == TS_LANG_KO ? "알 수 없는 오류" : "unknown error";
    }
    return ts_err_table[err].text[(unsigned)lang < TS_LANG_COUNT ? lang : TS_LANG_EN];
}

const char *ts_err_name(ts_err err)
{
    if ((int)err < 0 || err >= TS_ERR_COUNT) {
        return "TS_ERR_UNKNOWN";
    }
    return ts_err_table[err].name;
}

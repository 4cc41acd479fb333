/* ts_err: the error tables, built from TS_ERR_LIST. */
#include "base/ts_err.h"

#include <stddef.h>

static const struct {
    const char *name;
    const char *text; /* English: the msgid of the other languages */
} ts_err_table[TS_ERR_COUNT] = {
#define TS_ERR_ROW_(code, en) [code] = {#code, en},
    TS_ERR_LIST(TS_ERR_ROW_)
#undef TS_ERR_ROW_
};

const char *ts_err_str(ts_err err, ts_lang lang)
{
    if ((int)err < 0 || err >= TS_ERR_COUNT) {
        return ts_tr(lang, N_("unknown error"));
    }
    return ts_tr(lang, ts_err_table[err].text);
}

const char *ts_err_name(ts_err err)
{
    if ((int)err < 0 || err >= TS_ERR_COUNT) {
        return "TS_ERR_UNKNOWN";
    }
    return ts_err_table[err].name;
}

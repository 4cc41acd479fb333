/* ts_templates: the list ts_tr_text tries, built from TS_TEMPLATE_LIST. */
#include "base/ts_templates.h"

#define TS_TPL_ROW_(name) name,
const char *const ts_templates[] = {TS_TEMPLATE_LIST(TS_TPL_ROW_) NULL};
#undef TS_TPL_ROW_

const size_t ts_templates_count = sizeof(ts_templates) / sizeof(ts_templates[0]) - 1;

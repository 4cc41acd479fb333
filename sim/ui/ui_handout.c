/* ui_handout: the H key, the current run as an HTML handout. */
#include "ui/ui_handout.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lesson/ts_lesson_handout.h"
#include "ui/ui_text.h"

void ui_handout_name(const char *seed, char *out, size_t cap)
{
    size_t n = snprintf(out, cap, "tlsstep-") > 0 ? strlen(out) : 0;
    for (const char *p = seed; *p != '\0' && n + 6 < cap; p++) {
        char c = *p;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || (c == '.' && n > 8);
        out[n++] = keep ? c : '_';
    }
    snprintf(out + n, cap - n, ".html");
}

void ui_handout_write(ui_app *a)
{
    char name[128], where[PATH_MAX + 160];
    ui_handout_name(ts_session_seed(a->s), name, sizeof(name));
    ts_err err = ts_lesson_handout_write(name, a->s, a->les, a->lang);
    if (err != TS_OK) {
        ui_app_msg(a, true, ui_t(UI_T_HANDOUT_FAILED, a->lang), name, ts_err_str(err, a->lang));
        return;
    }
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof(cwd)) != NULL) {
        snprintf(where, sizeof(where), "%s/%s", cwd, name);
    } else {
        snprintf(where, sizeof(where), "%s", name);
    }
    ui_app_msg(a, false, ui_t(UI_T_HANDOUT_WRITTEN, a->lang), where);
}

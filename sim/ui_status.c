/* ui_status: the bottom line. */
#include "ui_status.h"

#include <ncurses.h>
#include <stdio.h>

#include "ts_suite.h"
#include "ui_color.h"
#include "ui_wide.h"

void ui_status_draw(ui_app *a, const ui_rect *r)
{
    const ts_session_config *cfg = ts_session_config_of(a->s);
    const char *suite = cfg->suite != NULL ? cfg->suite->cli_name : "rsa";
    ui_lang l = a->lang;
    char left[256];
    int n = snprintf(left, sizeof(left), " %s │ %s %zu/%zu │ %s │ %u %s │ %s %s │ %s │ ",
                     a->lesson, ui_t(UI_T_STEP, l), ui_app_k(a), ui_app_count(a), suite,
                     cfg->bits, ui_t(UI_T_BITS, l), ui_t(UI_T_SEED, l), ts_session_seed(a->s),
                     ui_lang_label(l));
    if (a->msg[0] != '\0') {
        n = snprintf(left, sizeof(left), " %s %zu/%zu │ ", ui_t(UI_T_STEP, l), ui_app_k(a),
                     ui_app_count(a));
    }
    if (n < 0) {
        left[0] = '\0';
    }
    int lw = ui_wide_width(left);
    if (lw > r->w) {
        lw = r->w;
    }
    ui_wide_put(stdscr, r->y, r->x, left, lw, ui_attr(UI_C_STATUS));
    const char *right = a->msg[0] != '\0' ? a->msg : ui_t(UI_T_HINTS, l);
    ui_role role = a->msg[0] == '\0' ? UI_C_STATUS : a->msg_alert ? UI_C_ALERT : UI_C_NEW;
    ui_wide_put(stdscr, r->y, r->x + lw, right, r->w - lw, ui_attr(role));
}

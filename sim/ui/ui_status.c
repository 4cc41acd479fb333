/* ui_status: the bottom line. */
#include "ui/ui_status.h"

#include <ncurses.h>
#include <stdio.h>
#include <string.h>

#include "crypto/ts_suite.h"
#include "ui/ui_color.h"
#include "ui/ui_sections.h"
#include "ui/ui_wide.h"

#define TITLE_MIN_COLS 140 /* the lesson's title is shown from this width on */

/* The lesson part: its id (an exercise marked so), and on a wide terminal
 * its title in the current language. */
static void lesson_part(const ui_app *a, int cols, char *buf, size_t n)
{
    const ts_lesson *l = a->les;
    const char *id = a->lesson != NULL ? a->lesson : "";
    if (l == NULL) {
        snprintf(buf, n, "%s", id);
        return;
    }
    bool ex = l->kind == TS_LESSON_KIND_EXERCISE;
    const char *title = l->title[a->lang] != NULL ? l->title[a->lang] : "";
    if (cols >= TITLE_MIN_COLS && title[0] != '\0') {
        snprintf(buf, n, "%s: %s", id, title); /* an exercise's title says so */
    } else {
        snprintf(buf, n, "%s%s%s", ex ? ui_t(UI_T_EXERCISE, a->lang) : "", ex ? " " : "", id);
    }
}

void ui_status_draw(ui_app *a, const ui_rect *r)
{
    const ts_session_config *cfg = ts_session_config_of(a->s);
    const char *suite = cfg->suite != NULL ? cfg->suite->cli_name : "rsa";
    ts_lang l = a->lang;
    char lesson[256];
    lesson_part(a, r->w, lesson, sizeof(lesson));
    char left[512], sec[128] = "";
    size_t cur = 0, nsec = ui_sections_count(a, &cur);
    if (nsec > 0) {
        snprintf(sec, sizeof(sec), " │ %s %zu/%zu", ui_t(UI_T_SECTION, l), cur, nsec);
    }
    if (a->eavesdrop) { /* the w view stays said while it is on */
        size_t o = strlen(sec);
        snprintf(sec + o, sizeof(sec) - o, " │ %s", ui_t(UI_T_EAVESDROP, l));
    }
    int n = snprintf(left, sizeof(left), " %s │ %s %zu/%zu%s │ %s │ %u %s │ %s %s │ %s │ ",
                     lesson, ui_t(UI_T_STEP, l), ui_app_k(a), ui_app_count(a), sec, suite,
                     cfg->bits, ui_t(UI_T_BITS, l), ui_t(UI_T_SEED, l), ts_session_seed(a->s),
                     ui_lang_label(l));
    if (a->msg[0] != '\0') {
        n = snprintf(left, sizeof(left), " %s %zu/%zu%s │ ", ui_t(UI_T_STEP, l), ui_app_k(a),
                     ui_app_count(a), sec);
    }
    if (n < 0) {
        left[0] = '\0';
    }
    int lw = ui_wide_width(left);
    if (a->msg[0] != '\0' && lw + ui_wide_width(a->msg) > r->w) {
        lw = 0; /* a long message takes the whole line */
    }
    if (lw > r->w) {
        lw = r->w;
    }
    ui_wide_put(stdscr, r->y, r->x, left, lw, ui_attr(UI_C_STATUS));
    const char *right = a->msg[0] != '\0'              ? a->msg
                        : a->view == UI_VIEW_COMPARE ? ui_t(UI_T_COMPARE_HINTS, l)
                                                     : ui_t(UI_T_HINTS, l);
    ui_role role = a->msg[0] == '\0' ? UI_C_STATUS : a->msg_alert ? UI_C_ALERT : UI_C_NEW;
    ui_wide_put(stdscr, r->y, r->x + lw, right, r->w - lw, ui_attr(role));
}

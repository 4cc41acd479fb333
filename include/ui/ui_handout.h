/* ui_handout: the UI's H key: writes the current run as the HTML handout
 * (lesson/ts_lesson_handout.h, with the lesson's narration, in the UI's
 * language) to tlsstep-SEED.html in the current folder (the seed's bytes
 * other than letters, digits, '-', '_' and '.' become '_'), and says where
 * on the status line. */
#ifndef UI_HANDOUT_H
#define UI_HANDOUT_H

#include <stddef.h>

#include "ui/ui_app.h"

/* The file name of the handout of seed into out (cap bytes). */
void ui_handout_name(const char *seed, char *out, size_t cap);

/* Writes a's run to ui_handout_name in the current folder; the status
 * line says where (its full path) or why it could not. */
void ui_handout_write(ui_app *a);

#endif

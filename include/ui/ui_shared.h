/* ui_shared: what several screens share, below all of them: a pane's title
 * and rule, and the words for a value's origin, a wiped value and a
 * record's fate. Includes no screen. */
#ifndef UI_SHARED_H
#define UI_SHARED_H

#include <stdbool.h>
#include <stddef.h>

#include "simulation/ts_chan.h"
#include "ui/ui_app.h"

/* Writes a pane title across w columns at (y, x), reversed when focused. */
void ui_shared_title(int y, int x, int w, const char *title, bool focus);

/* Draws a dim horizontal rule w columns wide at (y, x). */
void ui_shared_rule(int y, int x, int w);

/* How a value was got, in lang ("generated", "decrypted", ...), from the
 * event's how; the engine's own text, translated into buf (cap bytes),
 * when it fits no category. */
const char *ui_shared_how(const ts_event *ev, ts_lang lang, char *buf, size_t cap);

/* True when the event's how says no more than its category word (so the
 * engine's sentence need not be shown beside it). */
bool ui_shared_how_plain(const ts_event *ev);

/* What people call the event's name in lang ("premaster secret"); the
 * name itself for a protocol name (ts_steps_label). */
const char *ui_shared_name(const ts_event *ev, ts_lang lang);

/* The mark after a record's status in lang: "edited", "TAMPERED" or ""
 * (a dropped record shows only that it was dropped). */
const char *ui_shared_record_mark(const ui_app *a, const ts_chan_record *rec);

/* True when value step st of side has been wiped within the first k steps. */
bool ui_shared_wiped(const ui_app *a, const ts_step *st, size_t k);

/* What became of record rec at the cursor, in a's language ("in flight",
 * "delivered", "dropped"). */
const char *ui_shared_record_status(const ui_app *a, const ts_chan_record *rec);

#endif

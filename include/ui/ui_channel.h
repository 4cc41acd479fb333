/* ui_channel: the channel between the two sides as a sequence diagram: one
 * numbered arrow per record written so far (client → server pointing right),
 * dashed while in flight; the current record highlighted, a tampered,
 * edited or dropped one marked (a drop alone when it replaced an edit), a
 * fatal alert in red with ✗, a close_notify by its name with ✓; a
 * protected record drawn with a double line (═) and said protected. In the
 * eavesdropper's view (ui_observer) a protected record is named by its outer
 * content type, its header and first opaque bytes below. */
#ifndef UI_CHANNEL_H
#define UI_CHANNEL_H

#include <stdbool.h>

#include "simulation/ts_chan.h"
#include "ui/ui_app.h"

/* Draws the channel pane in r. */
void ui_channel_draw(ui_app *a, const ui_rect *r);

/* Handles ↑/↓/j/k (previous/next record) and Enter (inspect); false when
 * the key is not the pane's. */
bool ui_channel_key(ui_app *a, int key);

/* The alert's name when rec is an alert record the simulation can read
 * ("close_notify", "bad_certificate"; "Alert" for an unknown one), else
 * NULL. */
const char *ui_channel_alert_name(const ts_chan_record *rec);

/* True when rec carries a fatal alert. */
bool ui_channel_fatal_alert(const ts_chan_record *rec);

#endif

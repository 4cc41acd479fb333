/* ui_inspect_value: the inspector on one step of a side: for a value its
 * formula, how it was got, its bytes in full, the exact input bytes and,
 * for a PRF or HKDF output, the commands that reproduce it (tlsstep prf or
 * hkdf, openssl kdf TLS1-PRF, HKDF or TLS13-KDF: export/ts_reproduce) built
 * from the step's ts_ev_prf or ts_ev_hkdf; for a check or an alert, what
 * happened and why. */
#ifndef UI_INSPECT_VALUE_H
#define UI_INSPECT_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "simulation/ts_trace.h"
#include "tls/ts_event.h"
#include "ui/ui_app.h"

/* Draws the inspector on step a->insp.step in r. */
void ui_inspect_value_draw(ui_app *a, const ui_rect *r);

/* Draws insp's step in r; panel: beside the diagram (no key hints). The
 * commands are drawn one line each, never wrapped, from column a->cmd_x. */
void ui_inspect_value_draw_in(ui_app *a, ui_inspect *insp, const ui_rect *r, bool panel);

/* The commands that reproduce st's value (ts_reproduce_commands: tlsstep's,
 * then openssl's), each malloc'd into cmds (up to max; the caller frees
 * them); how many. */
size_t ui_inspect_value_commands(const ts_step *st, char **cmds, size_t max);

/* ↑/↓/j/k scroll a line, PgUp/PgDn a page, c selects the next command,
 * < > scroll it sideways; false for other keys. */
bool ui_inspect_value_key(ui_app *a, int key);

#endif

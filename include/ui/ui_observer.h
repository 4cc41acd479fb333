/* ui_observer: a record as a passive eavesdropper sees it (the UI's w
 * view): a protected record shows only its outer header (content type,
 * version 03 03, length) and opaque bytes, no message name, no alert, no
 * nonce; a record in the clear (ClientHello, ServerHello, a
 * ChangeCipherSpec) reads as it is. */
#ifndef UI_OBSERVER_H
#define UI_OBSERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/ts_fields.h"
#include "base/ts_lang.h"
#include "simulation/ts_chan.h"
#include "ui/ui_app.h"

/* True when the eavesdropper's view is on and rec is protected: only its
 * outer header is shown. */
bool ui_observer_hides(const ui_app *a, const ts_chan_record *rec);

/* The content type's name as the header says it ("application_data",
 * "handshake", "alert", "change_cipher_spec"; "unknown" otherwise). */
const char *ui_observer_type(uint8_t content_type);

/* Fills out (up to max) with what an observer can decode of rec: its
 * header's fields, then its body as one opaque field (its value in lang);
 * returns how many. */
size_t ui_observer_fields(const ts_chan_record *rec, ts_lang lang, ts_field *out, size_t max);

#endif

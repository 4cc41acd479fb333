/* ui_observer: the eavesdropper's view of a record. */
#include "ui/ui_observer.h"

#include <stdio.h>

#include "ui/ui_text.h"

#define HEADER_LEN 5 /* type, version, length (RFC 5246 6.2.1, RFC 8446 5.1) */

bool ui_observer_hides(const ui_app *a, const ts_chan_record *rec)
{
    return a->eavesdrop && rec != NULL && rec->protected_record;
}

const char *ui_observer_type(uint8_t content_type)
{
    switch (content_type) {
    case 20: return "change_cipher_spec";
    case 21: return "alert";
    case 22: return "handshake";
    case 23: return "application_data";
    default: return "unknown";
    }
}

size_t ui_observer_fields(const ts_chan_record *rec, ts_lang lang, ts_field *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < rec->fields.n && n < max; i++) {
        const ts_field *f = &rec->fields.items[i];
        if (f->depth == 0 && f->offset + f->len <= HEADER_LEN) {
            out[n++] = *f;
        }
    }
    if (n < max && rec->sent.len > HEADER_LEN) {
        ts_field *f = &out[n++];
        *f = (ts_field){.offset = HEADER_LEN, .len = rec->sent.len - HEADER_LEN, .depth = 0};
        snprintf(f->name, sizeof(f->name), "encrypted_record");
        snprintf(f->value, sizeof(f->value), ui_t(UI_T_OPAQUE, lang), f->len);
    }
    return n;
}

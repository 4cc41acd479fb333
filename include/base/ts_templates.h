/* ts_templates: the formats of the sentences the engine builds from parts
 * ("received %s while expecting %s"). The engine writes them in English,
 * with snprintf and these macros (so the compiler checks the arguments);
 * ts_tr_text recognises a finished sentence by its template and shows it
 * in the reader's language. Every TS_TPL_ macro is in TS_TEMPLATE_LIST
 * (tests/i18n checks it). Conversions: %s, %zu, %u and %d only; an
 * argument that is itself a catalogue entry or a template is translated
 * too. */
#ifndef TS_TEMPLATES_H
#define TS_TEMPLATES_H

#include <stddef.h>

#include "base/ts_lang.h"

/* tls/ts_handshake: a message the state machine did not expect. */
#define TS_TPL_RECEIVED_WHILE_EXPECTING N_("received %s while expecting %s")
#define TS_TPL_HANDSHAKE_TYPE N_("handshake message type %u")

#define TS_TEMPLATE_LIST(X)              \
    X(TS_TPL_RECEIVED_WHILE_EXPECTING)   \
    X(TS_TPL_HANDSHAKE_TYPE)

/* The templates, in the order ts_tr_text tries them. */
extern const char *const ts_templates[];
extern const size_t ts_templates_count;

#endif

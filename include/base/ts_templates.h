/* ts_templates: the formats of the sentences the engine builds from parts
 * ("received %s while expecting %s"). The engine writes them in English,
 * with snprintf and these macros (so the compiler checks the arguments);
 * ts_tr_text recognises a finished sentence by its template and shows it
 * in the reader's language. Every TS_TPL_ macro is in TS_TEMPLATE_LIST
 * (tests/i18n checks it). Conversions: %s, %zu, %u and %d only; an
 * argument that is itself a catalogue entry or a template is translated
 * too.
 *
 * Matching (base/ts_i18n.c) is left to right, each %s as short as lets the
 * rest match, and the first template of the list that matches the whole
 * sentence wins; so a template whose %s could swallow the text of a longer
 * sentence comes after the template for that longer sentence ("... was
 * dropped; %s" before "... was dropped"), and a %s is followed by text
 * its argument never holds. */
#ifndef TS_TEMPLATES_H
#define TS_TEMPLATES_H

#include <stddef.h>

#include "base/ts_lang.h"

/* --- tls/ts_handshake: a message the state machine did not expect --- */
#define TS_TPL_RECEIVED_WHILE_EXPECTING N_("received %s while expecting %s")
#define TS_TPL_HANDSHAKE_TYPE N_("handshake message type %u")
#define TS_TPL_AFTER_HANDSHAKE13 \
    N_("received %s after the TLS 1.3 handshake, where only NewSessionTicket and KeyUpdate may come")

/* --- tls/ts_conn: the peer ended the connection (%s: the alert's name) --- */
#define TS_TPL_SERVER_SENT_FATAL N_("the server sent a fatal %s alert")
#define TS_TPL_CLIENT_SENT_FATAL N_("the client sent a fatal %s alert")

/* --- tls/ts_server: the suite the server insists on is not offered --- */
#define TS_TPL_CLIENT_DOES_NOT_OFFER N_("the client does not offer %s")

/* --- tls/ts_http: the client's check of the response (status, size, SHA-256 in hex) --- */
#define TS_TPL_HTTP_RESPONSE N_("HTTP %d, %zu bytes, SHA-256 %s")

/* --- simulation/ts_chan: a record crossing (number, type, state) --- */
#define TS_TPL_RECORD_C2S N_("#%zu client → server %s %s")
#define TS_TPL_RECORD_S2C N_("#%zu server → client %s %s")
/* the record's state ("delivered"), and what kind of record it was */
#define TS_TPL_STATE_REPLAYED N_("%s (replayed copy)")
#define TS_TPL_STATE_INJECTED N_("%s (injected)")
#define TS_TPL_STATE_TAMPERED N_("%s (tampered)")

/* --- simulation/ts_session_result: how a run ended --- */
#define TS_TPL_RESULT_OK                                                                        \
    N_("handshake completed; %zu bytes arrived intact; both sides sent close_notify and wiped " \
       "their keys")
#define TS_TPL_RESULT_WRONG                                                                     \
    N_("closed, but the client received %zu bytes (HTTP %d) instead of the %zu bytes served")
/* a stalled run, then the records dropped (TS_TPL_DROPPED...) */
#define TS_TPL_STALLED_BOTH_DROPS \
    N_("nothing left to deliver: client and server both wait for a record that never comes; %s")
#define TS_TPL_STALLED_CLIENT_DROPS \
    N_("nothing left to deliver: the client waits for a record that never comes; %s")
#define TS_TPL_STALLED_SERVER_DROPS \
    N_("nothing left to deliver: the server waits for a record that never comes; %s")
#define TS_TPL_STALLED_NEITHER_DROPS \
    N_("nothing left to deliver: neither side finished for a record that never comes; %s")
/* one dropped record (number; type and direction), and more after it */
#define TS_TPL_DROPPED_MORE N_("record #%zu (%s) was dropped; %s")
#define TS_TPL_DROPPED N_("record #%zu (%s) was dropped")
/* a record's type and its direction */
#define TS_TPL_TYPE_C2S N_("%s, client → server")
#define TS_TPL_TYPE_S2C N_("%s, server → client")

/* --- simulation/ts_action_parse: why a --tamper, --drop or --replay spec is wrong --- */
#define TS_TPL_ACTION_RECORD_MISSING N_("record N is missing (a whole number 1..%d)")
#define TS_TPL_ACTION_RECORD_BAD \
    N_("record N '%s' is not a whole number 1..%d (decimal digits, no sign)")
#define TS_TPL_ACTION_PARTS N_("expected three parts separated by commas, got %zu")
#define TS_TPL_ACTION_OFFSET_MISSING N_("byte OFFSET is missing (a whole number 0..%d)")
#define TS_TPL_ACTION_OFFSET_BAD \
    N_("byte OFFSET '%s' is not a whole number 0..%d (decimal digits, no sign)")
#define TS_TPL_ACTION_XOR_BAD N_("XOR '%s' is not one or two hex digits (01..ff)")
#define TS_TPL_ACTION_XOR_ZERO N_("XOR '%s' is zero, which changes nothing (01..ff)")

/* --- decoded fields' notes (tls/msg, simulation/ts_chan_describe, base/ts_fields) --- */
#define TS_TPL_FIELD_SUITES N_("%zu (%zu suites)")
#define TS_TPL_FIELD_ENTRIES N_("%zu (%zu entries)")
#define TS_TPL_FIELD_NTH_BYTES N_("#%zu, %zu bytes")
/* an extension: "name (type)" as the decoders write it, and its length */
#define TS_TPL_FIELD_EXTENSION N_("%s, %zu bytes")
/* a ServerHello's random that makes it a HelloRetryRequest (RFC 8446 §4.1.3), in hex */
#define TS_TPL_FIELD_HRR_RANDOM N_("%s (HelloRetryRequest: SHA-256 of \"HelloRetryRequest\")")
#define TS_TPL_FIELD_NOT_ENCRYPTED N_("%zu bytes, not encrypted")
/* a TLS 1.3 record's encrypted TLSInnerPlaintext: its size, the content's, the padding's */
#define TS_TPL_FIELD_INNER_PLAINTEXT \
    N_("%zu bytes: %zu of content, 1 of content type, %zu of padding, encrypted")
#define TS_TPL_FIELD_HEX_CUT N_("%s... (%zu bytes)")
#define TS_TPL_BYTES N_("%zu bytes")

#define TS_TEMPLATE_LIST(X)              \
    X(TS_TPL_RECEIVED_WHILE_EXPECTING)   \
    X(TS_TPL_HANDSHAKE_TYPE)             \
    X(TS_TPL_AFTER_HANDSHAKE13)          \
    X(TS_TPL_SERVER_SENT_FATAL)          \
    X(TS_TPL_CLIENT_SENT_FATAL)          \
    X(TS_TPL_CLIENT_DOES_NOT_OFFER)      \
    X(TS_TPL_HTTP_RESPONSE)              \
    X(TS_TPL_RECORD_C2S)                 \
    X(TS_TPL_RECORD_S2C)                 \
    X(TS_TPL_STATE_REPLAYED)             \
    X(TS_TPL_STATE_INJECTED)             \
    X(TS_TPL_STATE_TAMPERED)             \
    X(TS_TPL_RESULT_OK)                  \
    X(TS_TPL_RESULT_WRONG)               \
    X(TS_TPL_STALLED_BOTH_DROPS)         \
    X(TS_TPL_STALLED_CLIENT_DROPS)       \
    X(TS_TPL_STALLED_SERVER_DROPS)       \
    X(TS_TPL_STALLED_NEITHER_DROPS)      \
    X(TS_TPL_DROPPED_MORE)               \
    X(TS_TPL_DROPPED)                    \
    X(TS_TPL_TYPE_C2S)                   \
    X(TS_TPL_TYPE_S2C)                   \
    X(TS_TPL_ACTION_RECORD_MISSING)      \
    X(TS_TPL_ACTION_RECORD_BAD)          \
    X(TS_TPL_ACTION_PARTS)               \
    X(TS_TPL_ACTION_OFFSET_MISSING)      \
    X(TS_TPL_ACTION_OFFSET_BAD)          \
    X(TS_TPL_ACTION_XOR_BAD)             \
    X(TS_TPL_ACTION_XOR_ZERO)            \
    X(TS_TPL_FIELD_SUITES)               \
    X(TS_TPL_FIELD_ENTRIES)              \
    X(TS_TPL_FIELD_NTH_BYTES)            \
    X(TS_TPL_FIELD_EXTENSION)            \
    X(TS_TPL_FIELD_HRR_RANDOM)           \
    X(TS_TPL_FIELD_NOT_ENCRYPTED)        \
    X(TS_TPL_FIELD_INNER_PLAINTEXT)      \
    X(TS_TPL_FIELD_HEX_CUT)              \
    X(TS_TPL_BYTES)

/* The templates, in the order ts_tr_text tries them. */
extern const char *const ts_templates[];
extern const size_t ts_templates_count;

#endif

/* ui_text: every piece of UI text, in one table indexed by id: the English
 * is the msgid (N_), the other languages come from the catalogue
 * (base/ts_i18n, sim/po) when the text is drawn, which is what lets the l
 * key switch language live. The language is ts_lang (ts_lang.h): one rule
 * for the locale (ts_lang_default) and for --lang (ts_lang_parse) in the
 * whole program. Also the words the UI puts around the engine's names: a
 * step kind, a side, a direction. */
#ifndef UI_TEXT_H
#define UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/ts_lang.h"
#include "simulation/ts_chan.h"
#include "tls/ts_event.h"

typedef enum {
    UI_T_CLIENT,
    UI_T_SERVER,
    UI_T_CHANNEL,
    UI_T_NARRATION,
    UI_T_INSPECTOR,
    UI_T_EDITOR,
    UI_T_HELP,
    UI_T_LESSON,
    UI_T_STEP,
    UI_T_SEED,
    UI_T_BITS,
    UI_T_LANGUAGE,
    UI_T_HINTS,
    UI_T_TOO_SMALL,
    UI_T_START,
    UI_T_NOTHING_YET,
    UI_T_NO_RECORDS,
    UI_T_HOW_GENERATED,
    UI_T_HOW_RECEIVED,
    UI_T_HOW_DECRYPTED,
    UI_T_HOW_COMPUTED,
    UI_T_HOW_SPLIT,
    UI_T_HOW_ENCRYPTED,
    UI_T_HOW_CERT,
    UI_T_WIPED,
    UI_T_CHECK_OK,
    UI_T_CHECK_FAILED,
    UI_T_ALERT_SENT,
    UI_T_ALERT_RECEIVED,
    UI_T_SENT_SHORT,
    UI_T_RECEIVED_SHORT,
    UI_T_DONE,
    UI_T_IN_FLIGHT,
    UI_T_DELIVERED,
    UI_T_DROPPED,
    UI_T_TAMPERED,
    UI_T_EDITED,
    UI_T_CAN_TAMPER,
    UI_T_CHANGED_BYTES,
    UI_T_RECORD,
    UI_T_FIELDS,
    UI_T_BYTES_SENT,
    UI_T_BYTES_DELIVERED,
    UI_T_PLAINTEXT,
    UI_T_NONCE,
    UI_T_TAG,
    UI_T_SEQ,
    UI_T_VALUE,
    UI_T_FORMULA,
    UI_T_INPUTS,
    UI_T_HOW,
    UI_T_REPRODUCE,
    UI_T_SECRET_NOTE,
    UI_T_EDIT_HINTS,
    UI_T_INSPECT_HINTS,
    UI_T_NOT_IN_FLIGHT,
    UI_T_NO_RECORD_SELECTED,
    UI_T_EDIT_APPLIED,
    UI_T_EDIT_CANCELLED,
    UI_T_DROP_SET,
    UI_T_DROP_CLEARED,
    UI_T_AUTOPLAY_ON,
    UI_T_AUTOPLAY_OFF,
    UI_T_PACE,
    UI_T_RESULT_OK,
    UI_T_RESULT_ALERT,
    UI_T_RESULT_STALLED,
    UI_T_RESULT_WRONG,
    UI_T_RUN_FAILED,
    UI_T_NOTHING_TO_INSPECT,
    UI_T_HELP_KEYS,
    UI_T_HELP_CLOSE,
    UI_T_NO_LESSONS,
    UI_T_TASK,
    UI_T_INCIDENT,
    UI_T_MORE,
    UI_T_EXERCISE,
    UI_T_SECTION,
    UI_T_STEP_N,
    UI_T_OFFER_GOTO,
    UI_T_NO_NEXT_MESSAGE,
    UI_T_NO_PREV_MESSAGE,
    UI_T_NO_NEXT_SECTION,
    UI_T_NO_PREV_SECTION,
    UI_T_NO_SECTIONS,
    UI_T_COPIED,
    UI_T_NO_COMMAND,
    UI_T_COMMAND_HINTS,
    UI_T_SUITE_MISMATCH,
    UI_T_SUITE_PICKED,
    UI_T_EDIT_OFFSET,
    UI_T_ALERT_LINE,
    UI_T_FATAL,
    UI_T_WARNING,
    UI_T_MORE_BELOW,
    UI_T_RFC_NAME,
    UI_T_NO_TERMINAL,
    UI_T_WEAK_KEY_FAILED,
    UI_T_COMPARE,
    UI_T_COMPARE_ROW,
    UI_T_COMPARE_NEW,
    UI_T_COMPARE_ABSENT,
    UI_T_COMPARE_NOTHING,
    UI_T_COMPARE_ONLY,
    UI_T_COMPARE_TRIPS,
    UI_T_COMPARE_ENCRYPTED,
    UI_T_COMPARE_KEYS,
    UI_T_COMPARE_SIGNATURE,
    UI_T_COMPARE_HINTS,
    UI_T_COMPARE_FAILED,
    UI_T_LADDER,
    UI_T_LADDER_PSK,
    UI_T_LADDER_NOT_YET,
    UI_T_LADDER_HINTS,
    UI_T_LADDER_NOT_DERIVED,
    UI_T_LADDER_PMS_DH,
    UI_T_LADDER_PMS_RSA,
    UI_T_PROTECTED,
    UI_T_EAVESDROP,
    UI_T_EAVESDROP_ON,
    UI_T_EAVESDROP_OFF,
    UI_T_OPAQUE,
    UI_T_HANDOUT_WRITTEN,
    UI_T_HANDOUT_FAILED,
    UI_T_COUNT
} ui_text_id;

/* The text of id in lang (never NULL; English when lang is out of range). */
const char *ui_t(ui_text_id id, ts_lang lang);

/* "EN" or "한국어". */
const char *ui_lang_label(ts_lang lang);

/* What an event kind is, in lang ("parsed", "해석함"); "" for an unknown kind. */
const char *ui_kind_word(ts_ev_kind kind, ts_lang lang);

/* A side in lang ("client", "클라이언트"). */
const char *ui_side_word(ts_side side, ts_lang lang);

/* A direction in lang ("client → server", "클라이언트 → 서버"). */
const char *ui_dir_word(ts_dir dir, ts_lang lang);

/* An engine sentence (a how, a formula, a reason) in lang, through the
 * catalogue or its templates (ts_tr_text), written to buf (cap bytes; the
 * English itself when nothing matches); "" for NULL. Returns buf. */
const char *ui_engine(const char *english, ts_lang lang, char *buf, size_t cap);

#endif

/* ui_text: the UI's words, one English msgid per id; the catalogue gives
 * the other languages when they are drawn. */
#include "ui/ui_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/ts_i18n.h"

static const char *const texts[UI_T_COUNT] = {
    [UI_T_CLIENT] = N_("Client"),
    [UI_T_SERVER] = N_("Server"),
    [UI_T_CHANNEL] = N_("Channel"),
    [UI_T_NARRATION] = N_("Narration"),
    [UI_T_INSPECTOR] = N_("Inspector"),
    [UI_T_EDITOR] = N_("Hex editor"),
    [UI_T_HELP] = N_("Help"),
    /* TRANSLATORS: the lesson's id follows on the status line */
    [UI_T_LESSON] = N_("lesson"),
    /* TRANSLATORS: "step 5/100" on the status line */
    [UI_T_STEP] = N_("step"),
    [UI_T_SEED] = N_("seed"),
    [UI_T_BITS] = N_("bits"),
    [UI_T_LANGUAGE] = N_("lang"),
    /* TRANSLATORS: the keys on the status line; key names stay as they are,
     * the last item names the other language */
    [UI_T_HINTS] = N_("? help  q quit  n/p step  ]/[ message  }/{ section  Tab pane  "
                      "Enter inspect  s keys  w eavesdrop  v 1.2|1.3  e edit  d drop  J/K scroll  a auto  l 한국어"),
    [UI_T_TOO_SMALL] = N_("The terminal is %d×%d; tlsstep needs at least %d×%d. Please enlarge it."),
    [UI_T_START] = N_("Nothing has happened yet. Press n (or →, space) to take the first step: "
                      "the client is about to greet the server."),
    [UI_T_NOTHING_YET] = N_("(knows nothing yet)"),
    [UI_T_NO_RECORDS] = N_("(no record yet)"),
    [UI_T_HOW_GENERATED] = N_("generated"),
    [UI_T_HOW_RECEIVED] = N_("received"),
    [UI_T_HOW_DECRYPTED] = N_("decrypted"),
    [UI_T_HOW_COMPUTED] = N_("computed"),
    [UI_T_HOW_SPLIT] = N_("split from key block"),
    [UI_T_HOW_ENCRYPTED] = N_("encrypted"),
    [UI_T_HOW_CERT] = N_("from certificate"),
    [UI_T_WIPED] = N_("wiped"),
    [UI_T_CHECK_OK] = N_("check passed"),
    [UI_T_CHECK_FAILED] = N_("CHECK FAILED"),
    [UI_T_ALERT_SENT] = N_("alert sent"),
    [UI_T_ALERT_RECEIVED] = N_("alert received"),
    [UI_T_SENT_SHORT] = N_("sent"),
    /* TRANSLATORS: short for "received", beside an alert's name */
    [UI_T_RECEIVED_SHORT] = N_("recv"),
    [UI_T_DONE] = N_("finished"),
    [UI_T_IN_FLIGHT] = N_("in flight"),
    [UI_T_DELIVERED] = N_("delivered"),
    [UI_T_DROPPED] = N_("DROPPED"),
    [UI_T_TAMPERED] = N_("TAMPERED"),
    [UI_T_EDITED] = N_("edited"),
    [UI_T_CHANGED_BYTES] = N_("%zu byte(s) changed"),
    [UI_T_CAN_TAMPER] = N_("e: edit it  d: drop it"),
    [UI_T_RECORD] = N_("Record"),
    [UI_T_FIELDS] = N_("Fields"),
    [UI_T_BYTES_SENT] = N_("bytes as sent"),
    [UI_T_BYTES_DELIVERED] = N_("bytes as delivered"),
    [UI_T_PLAINTEXT] = N_("plaintext (the simulation holds the keys)"),
    [UI_T_NONCE] = N_("nonce"),
    [UI_T_TAG] = N_("tag"),
    /* TRANSLATORS: a record's sequence number */
    [UI_T_SEQ] = N_("seq"),
    [UI_T_VALUE] = N_("Value"),
    [UI_T_FORMULA] = N_("Formula"),
    [UI_T_INPUTS] = N_("Inputs"),
    [UI_T_HOW] = N_("How"),
    [UI_T_REPRODUCE] = N_("Reproduce it"),
    [UI_T_SECRET_NOTE] = N_("secret: only this side knows it"),
    [UI_T_EDIT_HINTS] = N_("arrows move  0-9a-f type  Backspace restore byte  r reset  "
                           "Enter apply  Esc cancel"),
    [UI_T_INSPECT_HINTS] = N_("↑/↓/j/k field  PgUp/PgDn scroll  Esc close"),
    [UI_T_NOT_IN_FLIGHT] = N_("record %zu is not in flight now: step to where it was written "
                              "but not yet delivered"),
    [UI_T_NO_RECORD_SELECTED] = N_("select a record in the channel pane first (Tab)"),
    [UI_T_EDIT_APPLIED] = N_("record %zu edited; the run was replayed with the change"),
    [UI_T_EDIT_CANCELLED] = N_("edit cancelled"),
    [UI_T_DROP_SET] = N_("record %zu will be dropped; the run was replayed"),
    [UI_T_DROP_CLEARED] = N_("record %zu is delivered again; the run was replayed"),
    [UI_T_AUTOPLAY_ON] = N_("autoplay on (+/- pace)"),
    [UI_T_AUTOPLAY_OFF] = N_("autoplay off"),
    [UI_T_PACE] = N_("pace %.1f s per step"),
    [UI_T_RESULT_OK] = N_("handshake complete, file intact, closed"),
    [UI_T_RESULT_ALERT] = N_("ended by a fatal alert"),
    [UI_T_RESULT_STALLED] = N_("stalled: a side waits for a record that never comes"),
    [UI_T_RESULT_WRONG] = N_("closed, but the file arrived altered"),
    [UI_T_RUN_FAILED] = N_("the simulation failed: %s"),
    [UI_T_NOTHING_TO_INSPECT] = N_("nothing selected to inspect"),
    /* TRANSLATORS: the help box; keep the key names in the first column and
     * the columns aligned */
    [UI_T_HELP_KEYS] = N_("→  n  space   next step\n"
                          "←  p          back one step (exact replay)\n"
                          "g  G          first / last step (Home / End)\n"
                          "]  [          next / previous message\n"
                          "}  {          next / previous lesson section\n"
                          "Tab           next pane (client, channel, server)\n"
                          "↑ ↓  j k      move in the pane\n"
                          "Enter         inspect the highlighted record or value\n"
                          "Esc           close the inspector, editor or help\n"
                          "s  w          key-schedule ladder, eavesdropper's view (on/off)\n"
                          "e             edit the selected record in flight (hex editor)\n"
                          "d             drop the selected record in flight (again: undo)\n"
                          "y  c  < >     copy a command (OSC 52), next command, scroll it\n"
                          "a  +  -       autoplay on/off, faster / slower\n"
                          "J  K          scroll the narration down / up\n"
                          "v             TLS 1.2 beside TLS 1.3, same seed (n p step both)\n"
                          "H             write this run as an HTML handout (tlsstep-SEED.html)\n"
                          "l             한국어 / English\n"
                          "?  q          this help, quit"),
    [UI_T_HELP_CLOSE] = N_("press any key to close"),
    [UI_T_NO_LESSONS] = N_("no lessons folder found: built-in narration only (see 'tlsstep lessons')"),
    [UI_T_TASK] = N_("Task"),
    [UI_T_INCIDENT] = N_("Incident"),
    [UI_T_MORE] = N_("more: J down, K up"),
    [UI_T_EXERCISE] = N_("exercise"),
    /* TRANSLATORS: "section 2/9" on the status line: a part of the lesson */
    [UI_T_SECTION] = N_("section"),
    [UI_T_STEP_N] = N_("step %zu"),
    /* TRANSLATORS: record number, step delivered, key, step in flight */
    [UI_T_OFFER_GOTO] = N_("record %zu was delivered at step %zu; press %s again or Enter to go "
                           "to step %zu, where it is in flight"),
    [UI_T_NO_NEXT_MESSAGE] = N_("no message after this step"),
    [UI_T_NO_PREV_MESSAGE] = N_("no message before this step"),
    [UI_T_NO_NEXT_SECTION] = N_("this is the lesson's last section"),
    [UI_T_NO_PREV_SECTION] = N_("this is the lesson's first section"),
    [UI_T_NO_SECTIONS] = N_("no lesson loaded: no sections to jump between"),
    [UI_T_COPIED] = N_("command sent to the clipboard (OSC 52; in tmux: set -g set-clipboard on)"),
    [UI_T_NO_COMMAND] = N_("no command to copy here: open a value that has one (Enter)"),
    [UI_T_COMMAND_HINTS] = N_("y copy  c next command  < > scroll"),
    /* TRANSLATORS: the lesson's suite, then the run's */
    [UI_T_SUITE_MISMATCH] = N_("This lesson assumes the %s suite; this run uses %s, so some steps "
                               "it describes do not happen here."),
    /* TRANSLATORS: the suite, then the lesson's id */
    [UI_T_SUITE_PICKED] = N_("narration: the lesson written for --suite %s, %s"),
    /* TRANSLATORS: the hex editor's line: offset, offset in hex, byte, old byte */
    [UI_T_EDIT_OFFSET] = N_("offset %zu (0x%04zx): %02x (was %02x)"),
    /* TRANSLATORS: alert number, name, level number, level word */
    [UI_T_ALERT_LINE] = N_("alert %u (%s), level %u (%s)"),
    [UI_T_FATAL] = N_("fatal"),
    [UI_T_WARNING] = N_("warning"),
    [UI_T_MORE_BELOW] = N_("▼ more below: J scrolls down"),
    [UI_T_RFC_NAME] = N_("name in the RFC"),
    [UI_T_NO_TERMINAL] = N_("cannot use this terminal (is TERM set?)"),
    /* TRANSLATORS: the lesson's weak_key setting (a name), then why it failed */
    [UI_T_WEAK_KEY_FAILED] = N_("the lesson's weak key %s could not be installed: %s"),
    /* TRANSLATORS: the comparison's title; the two suites, then the seed follow */
    [UI_T_COMPARE] = N_("TLS 1.2 beside TLS 1.3, same seed"),
    /* TRANSLATORS: "row 5/16" of the comparison */
    [UI_T_COMPARE_ROW] = N_("row %zu/%zu"),
    /* TRANSLATORS: the values a version derives for the message of the comparison's row */
    [UI_T_COMPARE_NEW] = N_("derives:"),
    [UI_T_COMPARE_ABSENT] = N_("no message of its own here"),
    [UI_T_COMPARE_NOTHING] = N_("nothing derived"),
    [UI_T_COMPARE_ONLY] = N_("★ the other version lacks it"),
    /* TRANSLATORS: TLS 1.2's figure | TLS 1.3's */
    [UI_T_COMPARE_TRIPS] = N_("round trips: %zu | %zu    encrypted handshake messages: %zu of %zu | "
                              "%zu of %zu"),
    /* TRANSLATORS: "keys from: premaster secret (the client alone) | shared secret (both sides)" */
    [UI_T_COMPARE_KEYS] = N_("keys from"),
    [UI_T_COMPARE_SIGNATURE] = N_("server's signature"),
    [UI_T_COMPARE_ENCRYPTED] = N_("* encrypted   → to the server   ← to the client"),
    [UI_T_COMPARE_HINTS] = N_("n/p step both  g/G first/last  v/Esc back to this step of the run  "
                              "l language  ? help  q quit"),
    [UI_T_COMPARE_FAILED] = N_("the comparison could not be made: %s"),
    /* TRANSLATORS: the title of the key-schedule ladder (key s) */
    [UI_T_LADDER] = N_("Key schedule"),
    /* TRANSLATORS: the ladder's first input in TLS 1.3 without resumption */
    [UI_T_LADDER_PSK] = N_("PSK: zeros (no resumption)"),
    /* TRANSLATORS: a rung of the ladder not derived at this step */
    [UI_T_LADDER_NOT_YET] = N_("not yet"),
    [UI_T_LADDER_HINTS] = N_("↑/↓/j/k rung  Enter inspect  n/p step  y copy  s/Esc back"),
    /* TRANSLATORS: the rung's name */
    [UI_T_LADDER_NOT_DERIVED] = N_("%s is not derived yet at this step: press n to go on"),
    [UI_T_LADDER_PMS_DH] = N_("the (EC)DHE shared secret of the two shares"),
    [UI_T_LADDER_PMS_RSA] = N_("48 bytes the client picks and sends encrypted with RSA"),
    /* TRANSLATORS: a record the keys protect, beside its direction and status */
    [UI_T_PROTECTED] = N_("protected"),
    /* TRANSLATORS: on the status line while the eavesdropper's view (w) is on */
    [UI_T_EAVESDROP] = N_("eavesdropper"),
    /* TRANSLATORS: the full path of the file written */
    [UI_T_HANDOUT_WRITTEN] = N_("handout written to %s (open it in a browser; prints on A4)"),
    /* TRANSLATORS: the file name, then why */
    [UI_T_HANDOUT_FAILED] = N_("cannot write the handout %s: %s"),
    [UI_T_EAVESDROP_ON] = N_("eavesdropper's view: protected records show only what a passive "
                             "observer sees (w: back)"),
    [UI_T_EAVESDROP_OFF] = N_("eavesdropper's view off: the simulation holds the keys again"),
    /* TRANSLATORS: an encrypted record's body in the eavesdropper's view */
    [UI_T_OPAQUE] = N_("%zu bytes, opaque without the keys"),
};

const char *ui_t(ui_text_id id, ts_lang lang)
{
    if ((int)id < 0 || id >= UI_T_COUNT || texts[id] == NULL) {
        return "";
    }
    return ts_tr(lang, texts[id]);
}

const char *ui_lang_label(ts_lang lang)
{
    return lang == TS_LANG_KO ? "한국어" : "EN";
}

const char *ui_kind_word(ts_ev_kind kind, ts_lang lang)
{
    static const char *const words[TS_EV_KIND_COUNT] = {
        /* TRANSLATORS: what a step did, in the narration's heading */
        [TS_EV_MESSAGE] = N_("writes"),
        [TS_EV_SEALED] = N_("seals a record"),
        [TS_EV_PARSED] = N_("parses"),
        [TS_EV_VALUE] = N_("gets a value"),
        [TS_EV_CHECK] = N_("checks"),
        [TS_EV_ALERT_SENT] = N_("sends an alert"),
        [TS_EV_ALERT_RECEIVED] = N_("receives an alert"),
        [TS_EV_WIPE] = N_("wipes"),
        [TS_EV_DONE] = N_("ends"),
        [TS_EV_RECORD] = N_("record crosses"),
        [TS_EV_OPENED] = N_("opens a record"),
    };
    return (unsigned)kind < TS_EV_KIND_COUNT && words[kind] != NULL ? ts_tr(lang, words[kind])
                                                                     : "";
}

const char *ui_side_word(ts_side side, ts_lang lang)
{
    switch (side) {
    case TS_SIDE_CLIENT: return ts_tr(lang, N_("client"));
    case TS_SIDE_SERVER: return ts_tr(lang, N_("server"));
    case TS_SIDE_CHANNEL: return ts_tr(lang, N_("channel"));
    default: return ts_tr(lang, N_("attacker"));
    }
}

const char *ui_dir_word(ts_dir dir, ts_lang lang)
{
    return dir == TS_DIR_S2C ? ts_tr(lang, N_("server → client"))
                             : ts_tr(lang, N_("client → server"));
}

const char *ui_engine(const char *english, ts_lang lang, char *buf, size_t cap)
{
    if (english == NULL) {
        if (cap > 0) {
            buf[0] = '\0';
        }
        return buf;
    }
    const char *t = ts_tr_text(lang, english, buf, cap);
    if (t != buf && cap > 0) {
        snprintf(buf, cap, "%s", t);
    }
    return buf;
}

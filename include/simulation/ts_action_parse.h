/* ts_action_parse: the text forms of the user's actions on the channel,
 * read by one set of rules wherever they are given (`tlsstep run --tamper
 * --drop --replay`, an exercise's answer, a lesson's run.tamper, run.drop
 * and run.replay):
 *
 *   tamper  N,OFFSET,XOR   XOR byte OFFSET of record N (counted from the
 *                          first byte of its 5-byte header) with XOR
 *   drop    N              never deliver record N
 *   replay  N              deliver record N a second time
 *
 * N is a record number 1..TS_ACTION_MAX_RECORD and OFFSET a byte offset
 * 0..TS_ACTION_MAX_OFFSET, both decimal digits only (leading zeros are
 * fine; no sign, no spaces); XOR is one or two hex digits, optionally after
 * "0x", and not zero. Nothing else may come before, between or after the
 * parts: the caller cuts the spec out of its surroundings. */
#ifndef TS_ACTION_PARSE_H
#define TS_ACTION_PARSE_H

#include <stddef.h>

#include "base/ts_err.h"
#include "simulation/ts_session.h"

#define TS_ACTION_MAX_RECORD 1000000
#define TS_ACTION_MAX_OFFSET 1000000

/* Room for any reason ts_action_parse writes (the part quoted is cut to
 * 32 bytes, escaped as ts_hex_escape_text does, so the reason is one line
 * of printable text). */
#define TS_ACTION_WHY_CAP 256

/* Parses text as an action of kind: "N,OFFSET,XOR" for TS_ACT_TAMPER, "N"
 * for TS_ACT_DROP and TS_ACT_REPLAY. On success *out is the whole action
 * (fields the kind does not use are zero). TS_ERR_ARG when text is not
 * such a spec, and for a NULL text or out or a kind with no text form
 * (TS_ACT_EDIT); then *out is untouched and why (cap bytes; may be NULL
 * when cap is 0) receives one line naming the part that is wrong, e.g.
 * "byte OFFSET '-1' is not a whole number 0..1000000 (decimal digits, no
 * sign)". */
ts_err ts_action_parse(ts_action_kind kind, const char *text, ts_action *out, char *why,
                       size_t cap);

#endif

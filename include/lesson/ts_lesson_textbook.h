/* ts_lesson_textbook: plays the textbook-RSA lesson (run.play: textbook)
 * without a handshake: key generation, encryption, decryption, signing,
 * verification and the multiplicative property, on small numbers computed
 * with ts_rsa's raw operations. */
#ifndef TS_LESSON_TEXTBOOK_H
#define TS_LESSON_TEXTBOOK_H

#include <stdio.h>

#include "base/ts_lang.h"
#include "lesson/ts_lesson.h"

/* Prints l's introduction, then every textbook step (in the table's order)
 * with a line of its numbers and its narration in lang, wrapped to width.
 * Placeholders: {{p}} {{q}} {{n}} {{bits}} {{phi}} {{e}} {{d}} {{m}} {{c}}
 * {{s}} {{m2}} {{c2}} {{s2}} {{m12}} {{c12}} {{s12}}. TS_ERR_ARG when l is
 * not a textbook lesson; ts_rsa's error when the numbers make no key. */
ts_err ts_lesson_play_textbook(FILE *f, const ts_lesson *l, ts_lang lang, unsigned width);

#endif

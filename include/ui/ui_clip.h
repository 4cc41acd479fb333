/* ui_clip: copying a text to the terminal's clipboard with OSC 52
 * ("ESC ] 52 ; c ; BASE64 BEL"), which xterm, kitty, iTerm2, Windows
 * Terminal and tmux (set -g set-clipboard on) understand; a terminal that
 * does not simply ignores it. */
#ifndef UI_CLIP_H
#define UI_CLIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Writes the base64 of data (len bytes) and a NUL into out (cap bytes);
 * false when it does not fit. */
bool ui_clip_base64(const unsigned char *data, size_t len, char *out, size_t cap);

/* Sends text to the clipboard through the terminal on f (flushed); false
 * when text is too long or the write fails. */
bool ui_clip_copy(FILE *f, const char *text);

#endif

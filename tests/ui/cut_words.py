#!/usr/bin/env python3
"""Words cut in two in the narration pane of captured UI screens.

Usage: cut_words.py WIDTH FILE...
Each FILE is one screen (tmux capture-pane -p) of a WIDTH-column terminal.
The narration pane runs from its heading ("Narration — " or "설명 — ") to
the status line (the last line). The UI wraps the narration one column
short of the pane's edge, so a line that reaches the edge (display width
WIDTH - 1) ending in a letter, followed by a line of the pane that starts
with a letter, is a word cut in two (English or Korean: a Hangul syllable
is a letter). Prints one line per cut and exits 1 when there is any."""
import sys
import unicodedata


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)


def cuts(lines, w):
    found = []
    start = next((i for i, l in enumerate(lines)
                  if l.startswith('Narration — ') or l.startswith('설명 — ')), None)
    if start is None:
        return found
    pane = lines[start + 1:len(lines) - 1]
    for a, b in zip(pane, pane[1:]):
        a = a.rstrip()
        body = b.strip()
        if a and body and width(a) >= w - 1 and a[-1].isalpha() and body[0].isalpha():
            found.append(f'{a[-20:]!r} / {body[:20]!r}')
    return found


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    w = int(argv[0])
    total = 0
    for f in argv[1:]:
        with open(f, encoding='utf-8', errors='replace') as fh:
            for c in cuts(fh.read().split('\n'), w):
                total += 1
                print(f'{f}: word cut at the edge: {c}')
    return 1 if total else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

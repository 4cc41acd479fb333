#!/usr/bin/env bash
# The UI's H key (issue 16): writes the current run as the HTML handout to
# tlsstep-SEED.html in the current folder, with the lesson's narration, in
# the language shown, and says where on the status line; the page is the
# one `tlsstep run --lesson ... --html` writes for the same run. In Korean
# too; a folder it cannot write to gives a message, not a crash.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

mkdir -p "$TMP/en" "$TMP/ko" "$TMP/ro"
TM_DIR=$TMP/en ui_start 100 30 -- rsa-handshake --seed 42 --lang en
keys H
ok "H says where the handout went" wait_for "handout written to"
ok "H wrote tlsstep-42.html in the current folder" test -s "$TMP/en/tlsstep-42.html"
"$TLSSTEP" run --lesson rsa-handshake --seed 42 --lang en --html "$TMP/run-en.html" >/dev/null
ok "the page is the one run --lesson --html writes for the same run" \
    cmp -s "$TMP/en/tlsstep-42.html" "$TMP/run-en.html"
keys n
ok "n after H: step 1" wait_for "step 1/"
keys q
same "q quits with status 0" "$(exit_status)" 0

TM_DIR=$TMP/ko ui_start 100 30 -- rsa-handshake --seed x/y --lang ko
keys H
ok "H in Korean: the status line says so in Korean" wait_for "유인물을"
ok "H in Korean: the seed's / becomes _ in the name" test -s "$TMP/ko/tlsstep-x_y.html"
ok "H in Korean: the page is Korean" grep -q '<html lang="ko"' "$TMP/ko/tlsstep-x_y.html"
keys q

# A folder in the file's place: the write fails, the UI says so and goes on.
mkdir -p "$TMP/ro/tlsstep-42.html"
TM_DIR=$TMP/ro ui_start 100 30 -- --seed 42 --lang en
keys H
ok "H where the file cannot be written: a message" wait_for "cannot write the handout"
keys n
ok "...and the UI goes on" wait_for "step 1/"
keys q
same "...and quits with status 0" "$(exit_status)" 0

#!/usr/bin/env bash
# Terminal conduct: the UI redraws on resize (100×30 → 80×24 → too small →
# back), says how big it must be when too small; NO_COLOR keeps meaning in
# attributes (reverse/bold, no colour codes); autoplay advances on its own;
# q exits 0 and restores the terminal.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

ui_start 100 30 -- --seed 7
keys n n n
wait_for "step 3/"
ok "the status line shows the lesson, suite, bits and seed" \
    wait_for "rsa-handshake │ step 3/100 │ section "
ok "... with the section beside the step" \
    grep -qE "step 3/100 │ section [0-9]+/[0-9]+ │ rsa │ 1024 bits │ seed 7 │ EN" <<<"$(screen)"
TM resize-window -t 0 -x 80 -y 24
ok "after a resize to 80×24 the UI redraws" wait_for "step 3/"
# a lesson's narration takes a third of the height: 8 rows of 24, under 15
ok "the redrawn narration heading is where 80×24 puts it" \
    test "$(screen | grep -n '^Narration' | cut -d: -f1)" = 17
TM resize-window -t 0 -x 60 -y 20
ok "too small: it says the size it needs" wait_for "needs at least 80×24"
ok "too small: it says the size it has" wait_for "60×20"
TM resize-window -t 0 -x 100 -y 30
ok "back to 100×30, the panes return" wait_for "step 3/100"
ok "the size message is gone" bash -c "! grep -qF 'needs at least' <<<\"\$1\"" _ "$(screen)"
keys a + + + + + +
ok "autoplay advances by itself" wait_for "step 6/" 8
keys a
ok "a stops autoplay" wait_for "autoplay off"
keys '?'
ok "? opens the help" wait_for "this help"
keys Escape
TM resize-window -t 0 -x 80 -y 24
keys '?'
ok "at 80×24 the help box holds every key, to its last line" wait_for "this help, quit"
ok "at 80×24 the help box ends with how to close it" wait_for "press any key to close"
keys Escape q
status=$(exit_status)
ok "q ends the program" test -n "$status"
same "q exits with status 0" "$status" 0
for ((i = 0; i < 60; i++)); do
    pane_status=$(TM display -p -t 0 '#{pane_dead}:#{pane_dead_status}')
    [ "${pane_status%%:*}" = 1 ] && break
    sleep 0.05
done
ok "tmux agrees: the pane is dead with status 0 (or not yet reaped)" \
    bash -c '[ "$1" = 1:0 ] || [ "$1" = 1: ]' _ "$pane_status"
ok "the terminal is restored (the UI is gone from the screen)" \
    bash -c "! grep -qF Narration <<<\"\$1\"" _ "$(screen)"

ui_start 80 24 NO_COLOR=1 -- --seed 7
keys n
wait_for "step 1/"
TM capture-pane -e -p -t 0 >"$TMP/esc.txt"
ok "NO_COLOR: no colour codes" bash -c "! grep -qE $'\e\\\\[[0-9;]*3[0-7]m' \"\$1\"" _ "$TMP/esc.txt"
ok "NO_COLOR: the status line and focus are reversed" grep -qE $'\e\\[[0-9;]*;7m' "$TMP/esc.txt"
ok "NO_COLOR: new values and titles are bold" grep -qE $'\e\\[([0-9;]*;)?1[;m]' "$TMP/esc.txt"
keys q
ui_start 80 24 -- --seed 7
keys n
wait_for "step 1/"
TM capture-pane -e -p -t 0 >"$TMP/esc.txt"
ok "with colours, colour codes are used" grep -qE $'\e\\[[0-9;]*3[0-7]m' "$TMP/esc.txt"
keys q

#!/usr/bin/env bash
# The keys a class uses: the focused pane's title marked, J/K scroll the
# narration (which says when more follows); ] and [ jump from message to message, } and { from
# lesson section to section (the status line counts sections beside steps),
# y copies the selected reproduce command to the clipboard with OSC 52
# (tmux keeps it as a buffer with set-clipboard on), commands are drawn
# whole on one line, never wrapped; --theme high-contrast draws bold
# bright text on black with nothing dim; on a large terminal the selected
# record or value shows beside the diagram without Enter, and not at 80×24.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

# status_k: the step k on the status line; status_sec: "k/N" of its section.
status_k() { screen | tail -1 | sed -n 's/.* \(step\|단계\) \([0-9]*\)\/.*/\2/p'; }
status_sec() { screen | tail -1 | sed -n 's/.* \(section\|절\) \([0-9]*\/[0-9]*\).*/\2/p'; }

ui_start 100 30 -- --seed 7
msgs=$(trace | awk '$2 == "message" || $2 == "alert_sent" { print NR }' | tr '\n' ' ')
first=$(cut -d' ' -f1 <<<"$msgs")
second=$(cut -d' ' -f2 <<<"$msgs")
keys ']'
ok "] goes to the first message ($first)" wait_for " $first/100"
keys ']'
ok "] again to the next message ($second)" wait_for " $second/100"
read -r side kind name < <(heading)
same "... which is a message" "$kind" message
keys '['
ok "[ goes back to the previous message" wait_for " $first/100"
keys g '['
ok "[ at the start says there is none before" wait_for "no message before this step"

keys g
wait_for "step 0/"
sec0=$(status_sec)
ok "the status line shows section k/N beside step k/N" grep -qE '^1/[0-9]+$' <<<"$sec0"
n=${sec0#*/}
keys '}'
sleep 0.2
ok "} goes to the next section" test "$(status_sec)" = "2/$n"
k2=$(status_k)
ok "... which starts at a later step" test "${k2:-0}" -gt 0
keys '}'
sleep 0.2
keys '{'
sleep 0.2
ok "{ goes back to the previous section's start" test "$(status_sec) $(status_k)" = "2/$n $k2"
keys G '}'
ok "} at the last section says so" wait_for "this is the lesson's last section"
keys l
keys g
ok "the Korean status line counts sections too" wait_for "단계 0/100 │ 절 1/$n"
keys '?'
ok "the help lists the jump keys in Korean" wait_for "다음 / 이전 메시지"
keys x l '?'
ok "the help lists the jump keys in English" wait_for "next / previous lesson section"
keys x q
ui_start 200 50 -- --seed 7
ok "the hint line names them" wait_for "]/[ message  }/{ section"
keys q

# Focus at a glance, and narration that says more follows.
ui_start 80 24 -- --seed 7
ok "the focused pane's title is marked (the channel at first)" grep -qF "▶ Channel" <<<"$(screen | head -1)"
keys Tab
ok "Tab moves the mark to the server" \
    bash -c 'grep -qF "▶ Server" <<<"$1" && ! grep -qF "▶ Channel" <<<"$1"' _ "$(screen | head -1)"
ok "80×24: a lesson longer than the pane says more follows" wait_for "▼ more below: J scrolls down"
before=$(screen | sed -n '/^Narration — /,$p' | sed -n 2p)
keys J
sleep 0.2
ok "J scrolls the narration down" test "$(screen | sed -n '/^Narration — /,$p' | sed -n 2p)" != "$before"
keys K
sleep 0.2
same "K scrolls it back up" "$(screen | sed -n '/^Narration — /,$p' | sed -n 2p)" "$before"
keys q

# y: OSC 52, caught by tmux as a paste buffer.
printf 'set -g set-clipboard on\n' >>"$TMP/tmux.conf"
ui_start 100 30 -- --seed 7
kb=$(trace | grep -n '^client value key_block$' | cut -d: -f1)
step_to "$kb"
keys Tab Tab Enter
ok "the inspector on the key block" wait_for "Inspector"
for ((i = 0; i < 40; i++)); do keys j; done
ok "the reproduce commands are there" wait_for "\$ tlsstep prf"
cmdline=$(screen | grep -F '$ tlsstep prf')
ok "a command is drawn on one line, cut at the edge with …, not wrapped" \
    bash -c '[[ "$1" == *… ]] && ! grep -qE "^ *[0-9a-f]{8}" <<<"$2"' _ "$cmdline" \
    "$(screen | grep -A1 -F '$ tlsstep prf' | tail -1)"
keys y
ok "y says the command was sent to the clipboard" wait_for "command sent to the clipboard"
sleep 0.3
buf=$(TM show-buffer 2>/dev/null)
ok "the clipboard holds the whole tlsstep prf command" \
    grep -qE '^tlsstep prf --hash sha(256|384) --secret [0-9a-f]{96} --label .key expansion. --seed [0-9a-f]{128} --length [0-9]+$' <<<"$buf"
kbhex=$("$TLSSTEP" run --lesson rsa-handshake --seed 7 --json |
    python3 -c 'import json, sys
print(next(s["value"] for s in json.load(sys.stdin)["steps"] if s["side"] == "client" and s.get("name") == "key_block"))')
got=$(eval "${buf/tlsstep/$TLSSTEP}" 2>&1 | tr -d ' \n' | grep -oE '[0-9a-f]{32,}' | head -1)
same "the copied command reproduces the key block" "$got" "$kbhex"
keys c y
sleep 0.3
ok "c then y copies the openssl command" bash -c 'TM() { tmux -L "$1" -f "$2" "${@:3}"; }; TM "$1" "$2" show-buffer | grep -q "^openssl kdf "' _ "$SOCK" "$TMP/tmux.conf"
keys '>'
sleep 0.2
ok "> scrolls the command sideways" bash -c '! grep -qF "\$ tlsstep prf" <<<"$1" && grep -qF "▶ \$" <<<"$1"' _ "$(screen)"
keys Escape Tab y
ok "y with nothing to copy says so" wait_for "no command to copy here"
keys q

# --theme
ui_start 100 30 -- --seed 7 --theme high-contrast
keys n
wait_for "step 1/"
esc=$(TM capture-pane -e -p -t 0)
ok "high-contrast: bold text" grep -qF $'\e[1m' <<<"$esc"
ok "high-contrast: a black background" grep -qE $'\e\\[[0-9;]*(40|48;5;0)[;m]' <<<"$esc"
ok "high-contrast: nothing dim" bash -c '! grep -qE $'"'"'\e\[([0-9;]*;)?2(;[0-9;]*)?m'"'"' <<<"$1"' _ "$esc"
keys q
ui_start 100 30 -- --seed 7 --theme default
keys n
wait_for "step 1/"
ok "the default theme uses dim hints" grep -qE $'\e\\[([0-9;]*;)?2(;[0-9;]*)?m' <<<"$(TM capture-pane -e -p -t 0)"
keys q
ui_start 100 30 NO_COLOR=1 -- --seed 7 --theme high-contrast
keys n
wait_for "step 1/"
ok "NO_COLOR wins over the theme: no colour codes" \
    bash -c '! grep -qE $'"'"'\e\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7])(;[0-9;]*)?m'"'"' <<<"$1"' _ "$(TM capture-pane -e -p -t 0)"
keys q
fails "an unknown theme exits 2" 2 "$TLSSTEP" ui --theme pastel
ok "the usage names --theme" bash -c '"$1" ui --help | grep -qF -- "--theme default|high-contrast"' _ "$TLSSTEP"
ok "the man page names --theme" grep -qF 'Fl \-theme Cm default | high\-contrast' sim/cli/tlsstep.1
ok "the completion offers the themes" bash -c 'source sim/cli/tlsstep.bash && _tlsstep_opts "$1" ui | grep -qxF -- "--theme default|high-contrast"' _ "$TLSSTEP"

# The large layout: the selected item beside the diagram, no Enter needed.
ui_start 200 50 -- --seed 7
step_to 5
ok "200×50: the selected record's fields and hex beside the diagram" \
    bash -c 'grep -qF "Inspector — Record #1 ClientHello" <<<"$1" && grep -qF "content_type: handshake (22)" <<<"$1" && grep -qF "0000 16 03 03" <<<"$1"' _ "$(screen)"
keys Tab Tab
ok "200×50: the client's selected value, its formula and inputs, beside it" \
    bash -c 'grep -qF "Inspector — client random — client" <<<"$1" && grep -qF "Formula:" <<<"$1"' _ "$(screen)"
keys G
ok "200×50: the narration takes the lines it needs (the end's result shows)" wait_for "⇒ handshake complete"
keys q
ui_start 80 24 -- --seed 7
step_to 5
ok "80×24: no detail pane beside the diagram" bash -c '! grep -qF "Inspector —" <<<"$1"' _ "$(screen)"
keys q

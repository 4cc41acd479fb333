#!/usr/bin/env bash
# The key schedule as a ladder (key s) and the eavesdropper's view of the
# channel (key w), in tmux: in a TLS 1.3 and a TLS 1.2 run, at 80×24 and
# 200×50, in English and Korean. The ladder's rungs are empty before their
# step and hold the run's value (short hex, from `tlsstep run --json`)
# after it, n/p keep stepping inside the view, the rung derived last is
# selected and Enter opens the inspector on it with a reproduce command
# that y copies and that prints the value; on a large terminal the
# selected rung's inspector shows beside the ladder. In the eavesdropper's
# view the protected records lose their message names (EncryptedExtensions,
# Finished) and show the outer type, the ClientHello and ServerHello stay
# named, and the record inspector shows the header and opaque bytes only.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

# first_value NAME ARGS...: the first value named NAME (either side) of
# `tlsstep run ARGS --json`, in hex.
first_value() {
    local name=$1
    shift
    "$TLSSTEP" run "$@" --json 2>/dev/null | python3 -c 'import json, sys
print(next(s["value"] for s in json.load(sys.stdin)["steps"] if s.get("name") == sys.argv[1]))' "$name"
}

# first_step NAME: the line (= the k after it) of the first value NAME in the trace.
first_step() { trace | grep -n " value $1\$" | head -1 | cut -d: -f1; }

# row LABEL: the ladder's line for LABEL (the first one).
row() { screen | grep -F -- "$1" | head -1; }

printf 'set -g set-clipboard on\n' >>"$TMP/tmux.conf"

# --- TLS 1.3, 80×24, English -------------------------------------------------
ARGS=(forward-secrecy --tls 1.3 --seed 42 --key-update)
ui_start 80 24 -- "${ARGS[@]}"
keys s
ok "1.3, 80×24: s opens the key schedule ladder" wait_for "Key schedule — TLS 1.3"
ok "... with its key hints on the last line above the status" wait_for "s/Esc back"
hs_label=$(label handshake_secret)
ok "at step 0 the handshake secret's rung is empty" \
    grep -qF "(not yet)" <<<"$(row "● $hs_label")"
hs=$(first_value handshake_secret --lesson "${ARGS[@]}")
k=$(first_step handshake_secret)
ok "the trace derives a handshake secret" test -n "$hs" -a -n "$k"
step_to $((k - 1))
ok "one step before it, its rung is still empty" grep -qF "(not yet)" <<<"$(row "● $hs_label")"
keys n
ok "n in the ladder steps, and the rung fills with the value" wait_for "${hs:0:32}"
ok "... on the handshake secret's line" grep -qF "${hs:0:32}" <<<"$(row "● $hs_label")"
ok "the master secret's rung is still empty" \
    grep -qF "(not yet)" <<<"$(row "● $(label master_secret)")"
ok "the shared secret comes in from the side" \
    grep -qF "│◀── $(label shared_secret)" <<<"$(screen)"
ok "the PSK of zeros comes in first" grep -qF "PSK: zeros (no resumption)" <<<"$(screen)"
ok "the footer says how the selected rung (derived last) is derived" \
    wait_for "$hs_label = HKDF-Extract(salt = early_derived_secret, IKM = shared"
keys p
ok "p steps back and the rung empties" \
    bash -c 'sleep 0.2; grep -qF "(not yet)" <<<"$1"' _ "$(sleep 0.2; row "● $hs_label")"
keys n Enter
ok "Enter on the rung opens the inspector on the value" wait_for "Inspector — $hs_label —"
for ((i = 0; i < 40; i++)); do keys j; done
ok "the inspector shows the tlsstep hkdf command" wait_for "\$ tlsstep hkdf extract --hash sha384"
keys y
ok "y copies it" wait_for "command sent to the clipboard"
sleep 0.3
buf=$(TM show-buffer 2>/dev/null)
same "the copied command prints the handshake secret" "$(eval "${buf/tlsstep/$TLSSTEP}" 2>&1)" "$hs"
keys Escape
ok "Esc goes back to the ladder" wait_for "Key schedule — TLS 1.3"
keys G
ok "G goes to the end inside the ladder" wait_for "step $(trace | wc -l)/"
ok "KeyUpdate's next traffic secrets are rungs" \
    wait_for "$(label client_application_key_1 | cut -c1-30)"
ok "at the end no rung is empty" bash -c '! grep -qF "(not yet)" <<<"$1"' _ "$(screen)"
mk=$(label master_secret)
for ((i = 0; i < 40; i++)); do keys k; done
for ((i = 0; i < 13; i++)); do keys j; done
ok "j/k select rungs: the master secret" wait_for "$mk = HKDF-Extract(salt = handshake_derived_secret, IKM = 0)"
ok "at 80×24 the ladder scrolls and says more follows" grep -qF "▼" <<<"$(screen)"
keys s
ok "s closes the ladder" wait_for "Channel"
keys q

# --- Korean --------------------------------------------------------------------
ui_start 80 24 LANG=ko_KR.UTF-8 -- "${ARGS[@]}"
keys s
ok "Korean: the ladder's title" wait_for "키 스케줄 — TLS 1.3"
ok "Korean: empty rungs" wait_for "(아직 없음)"
ok "Korean: the rungs in people's words" wait_for "핸드셰이크 시크릿"
step_to "$k"
ok "Korean: the rung fills as n steps" grep -qF "${hs:0:32}" <<<"$(screen)"
keys Enter
ok "Korean: Enter opens the inspector" wait_for "검사기 — 핸드셰이크 시크릿"
keys q

# --- 200×50: the inspector beside the ladder -------------------------------------
ui_start 200 50 -- "${ARGS[@]}"
keys s G
ok "200×50: the ladder shows every rung with its derivation" \
    wait_for 'Derive-Secret(., "c hs traffic", CH..SH)'
ok "... and the selected rung's inspector beside it, with its commands" \
    wait_for "\$ tlsstep hkdf expand-label"
keys q

# --- TLS 1.2 --------------------------------------------------------------------
ARGS12=(rsa-handshake --seed 42)
ui_start 80 24 -- "${ARGS12[@]}"
keys s
ok "1.2: the same key shows TLS 1.2's ladder" wait_for "Key schedule — TLS 1.2"
ok "1.2: the premaster secret comes in first" wait_for "┌◀── $(label premaster_secret)"
ok "1.2: the key block's keys hang under it" wait_for "└ $(label server_write_iv)"
ms=$(first_value master_secret --lesson "${ARGS12[@]}")
k12=$(first_step master_secret)
step_to "$k12"
ok "1.2: the master secret's rung fills at its step" \
    grep -qF "${ms:0:32}" <<<"$(row "● $(label master_secret)")"
ok "1.2: the key block is not derived yet" \
    grep -qF "(not yet)" <<<"$(row "● $(label key_block)")"
keys Enter
for ((i = 0; i < 40; i++)); do keys j; done
ok "1.2: Enter on the master secret shows its tlsstep prf command" wait_for "\$ tlsstep prf"
keys q

ui_start 80 24 -- rsa-handshake --suite ecdhe --ems --seed 42
keys s G
for ((i = 0; i < 12; i++)); do keys k; done
ok "1.2 ECDHE with EMS: the premaster is the (EC)DHE shared secret" \
    wait_for "$(label premaster_secret): the (EC)DHE shared secret of the two shares"
ok "1.2 with EMS: the session hash comes in" wait_for "$(label session_hash)"
keys q

# --- The channel and the eavesdropper's view, TLS 1.3 ---------------------------
ui_start 80 24 -- "${ARGS[@]}"
step_to 110
ch=$(pane 2)
ok "1.3: the channel names the protected records by what they carry" \
    grep -qF "EncryptedExtensions" <<<"$ch"
ok "1.3: ServerHello is drawn with a single line (in the clear)" \
    grep -qE "◀─ServerHello─" <<<"$ch"
after=$(sed -n '/ServerHello/,/^ *$/p' <<<"$ch" | grep -E '^ *[0-9]+ ' | sed 1d | grep -v ChangeCipherSpec)
ok "1.3: the records after ServerHello (but the ChangeCipherSpecs) are there" \
    test "$(wc -l <<<"$after")" -ge 5
ok "1.3: ... and every one is drawn with a double line (protected)" \
    bash -c '! grep -v "[═╍]" <<<"$1"' _ "$after"
ok "1.3: the detail says the selected record is protected" wait_for "#9 Finished, 74 B"
keys w
ok "w: the status line says the eavesdropper's view is on" wait_for "eavesdropper's view: protected"
keys j
ok "w: the status line keeps saying it" wait_for "│ eavesdropper │"
ch=$(pane 2)
ok "w: no message names on protected records" \
    bash -c '! grep -qE "EncryptedExtensions|CertificateVerify|Finished|Certificate" <<<"$1"' _ "$ch"
ok "w: their outer type instead" grep -qF "application_data" <<<"$ch"
ok "w: ClientHello and ServerHello stay readable" \
    bash -c 'grep -qF ClientHello <<<"$1" && grep -qF ServerHello <<<"$1"' _ "$ch"
for ((i = 0; i < 20; i++)); do keys k; done
keys j j j Enter
ok "w: the record inspector on #4 shows its outer type" wait_for "Record #4 application_data"
ok "w: its body as opaque bytes" wait_for "encrypted_record: "
ok "w: ... no plaintext, no nonce" \
    bash -c '! grep -qE "plaintext|nonce|EncryptedExtensions" <<<"$1"' _ "$(screen)"
keys Escape w
ok "w again: the simulation's view, with the names" wait_for "EncryptedExtensions"
keys l w
ok "Korean: the status line says 도청자 시점" wait_for "도청자 시점"
ok "Korean: no message names either" \
    bash -c '! grep -qE "EncryptedExtensions|Finished" <<<"$1"' _ "$(pane 2)"
keys q

# --- The eavesdropper's view, TLS 1.2, at 80×24 and 200×50 ------------------------
ui_start 80 24 -- "${ARGS12[@]}"
fin=$(trace | grep -n "^server message server_finished" | cut -d: -f1)
step_to $((fin + 2))
ok "1.2: the channel names the Finished" grep -qF "Finished" <<<"$(pane 2)"
keys w
sleep 0.3
ch=$(pane 2)
ok "1.2 w: the encrypted Finished is shown by its outer type only" \
    bash -c '! grep -qF Finished <<<"$1" && grep -qF "═handshake═" <<<"$1"' _ "$ch"
ok "1.2 w: records before ChangeCipherSpec stay readable" \
    bash -c 'grep -qF ClientKeyExchange <<<"$1" && grep -qF ServerHelloDone <<<"$1"' _ "$ch"
keys q
ui_start 200 50 -- "${ARGS12[@]}"
step_to $((fin + 2))
ok "1.2, 200×50: the detail beside the diagram shows the Finished's plaintext" \
    wait_for "plaintext (the simulation"
keys w
ok "1.2 w, 200×50: the channel's detail shows the outer header (03 03, length)" \
    wait_for "handshake 03 03 0028, 45 B"
ok "1.2 w, 200×50: the inspector beside the diagram shows no plaintext" \
    bash -c '! grep -qF "plaintext (the simulation" <<<"$1"' _ "$(screen)"
keys w
ok "1.2: w off: the plaintext again" wait_for "plaintext (the simulation"
keys q

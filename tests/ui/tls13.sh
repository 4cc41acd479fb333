#!/usr/bin/env bash
# A TLS 1.3 run in the UI (the full 1.3 teaching UI is a later issue; this
# one must not break): `tlsstep ui --tls 1.3` steps key by key through the
# whole run to its end, in English and in Korean, also with a
# HelloRetryRequest and KeyUpdate, and back; the channel names the
# protected records by what they carry; the inspector on an HKDF value
# (the client's handshake_secret) shows its reproduce commands, and the
# copied tlsstep hkdf and openssl kdf commands print the value; an encrypted
# record's inspector shows its nonce as the IV XOR the sequence number.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

# status_k / status_n: step k and the step count N on the status line.
status_k() { screen | tail -1 | sed -n 's/.* \(step\|단계\) \([0-9]*\)\/.*/\2/p'; }
status_n() { screen | tail -1 | sed -n 's/.* \(step\|단계\) [0-9]*\/\([0-9]*\).*/\2/p'; }

# walk NAME: presses n once per step, then checks the status line is at the
# end (N/N) and the UI still runs.
walk() {
    local n k i
    n=$(status_n)
    for ((i = 0; i < n; i++)); do
        keys n
        ((i % 20 == 19)) && sleep 0.1 # let the UI keep up
    done
    wait_for " $n/$n" 10
    k=$(status_k)
    ok "$1: n steps through all $n steps to the end" test "${n:-0}" -gt 100 -a "$k" = "$n"
}

# English: the whole run, then back to the start.
ui_start 120 40 -- forward-secrecy --tls 1.3 --seed 7
ok "1.3 run: the status line names the suite" grep -qF "tls13-aes" <<<"$(screen | tail -1)"
walk "1.3 run, English"
ok "1.3 run, English: the end says the handshake completed" wait_for "⇒ handshake complete"
ok "1.3 run: the channel names the encrypted records by what they carry" \
    bash -c 'grep -qF "EncryptedExtensions" <<<"$1" || grep -qF "CertificateVerify" <<<"$1"' \
    _ "$(screen)"
keys p p p p p
ok "p steps back from the end" wait_for " $(($(status_n) - 5))/$(status_n)"
keys g
ok "g goes back to the start" wait_for "step 0/"
same "the UI still runs" "$(exit_status)" ""
keys q
same "q ends it with status 0" "$(exit_status)" 0

# Korean, with a HelloRetryRequest (the server requires ffdhe2048) and KeyUpdate.
ui_start 120 40 LANG=ko_KR.UTF-8 -- forward-secrecy --tls 1.3 --suite tls13-chacha \
    --group ffdhe2048 --key-update --seed 7
ok "1.3 run, Korean: it starts in Korean" wait_for "단계 0/"
walk "1.3 run with HelloRetryRequest and KeyUpdate, Korean"
ok "1.3 run, Korean: the end says the handshake completed" wait_for "핸드셰이크 완료"
keys q
same "q ends the Korean run with status 0" "$(exit_status)" 0

# The inspector on an HKDF value: its commands, copied (OSC 52 caught by
# tmux as a buffer) and run.
printf 'set -g set-clipboard on\n' >>"$TMP/tmux.conf"
ui_start 120 40 -- forward-secrecy --tls 1.3 --seed 7
hs=$(trace | grep -n '^client value handshake_secret$' | cut -d: -f1)
ok "the trace has the client's handshake_secret" test -n "$hs"
want=$("$TLSSTEP" run --lesson forward-secrecy --tls 1.3 --seed 7 --json |
    python3 -c 'import json, sys
print(next(s["value"] for s in json.load(sys.stdin)["steps"] if s["side"] == "client" and s.get("name") == "handshake_secret"))')
step_to "$hs"
keys Tab Tab Enter
ok "the inspector on the handshake secret" wait_for "Inspector — $(label handshake_secret) — client"
for ((i = 0; i < 40; i++)); do keys j; done
ok "its tlsstep hkdf command is shown" wait_for "\$ tlsstep hkdf extract --hash sha384"
ok "its openssl kdf command is shown" wait_for "\$ openssl kdf -keylen 48"
keys y
ok "y sends the command to the clipboard" wait_for "command sent to the clipboard"
sleep 0.3
buf=$(TM show-buffer 2>/dev/null)
ok "the clipboard holds the whole tlsstep hkdf extract command" \
    grep -qE '^tlsstep hkdf extract --hash sha384 --salt [0-9a-f]{96} --ikm [0-9a-f]{64}$' <<<"$buf"
same "the copied tlsstep command prints the handshake secret" \
    "$(eval "${buf/tlsstep/$TLSSTEP}" 2>&1)" "$want"
keys c y
sleep 0.3
buf=$(TM show-buffer 2>/dev/null)
ok "c then y copies the openssl command" grep -q '^openssl kdf .* HKDF$' <<<"$buf"
same "the copied openssl command prints the handshake secret" \
    "$(eval "$buf" 2>&1 | tr -d ':\n' | tr 'A-F' 'a-f')" "$want"
keys l
ok "in Korean the inspector keeps the commands" wait_for "\$ openssl kdf -keylen 48"
keys q

# The large layout shows the selected record beside the diagram: an
# encrypted TLS 1.3 record named by what it carries, its nonce as the IV
# XOR the sequence number, the encrypted record and tag fields.
ui_start 200 50 -- forward-secrecy --tls 1.3 --seed 7
ee=$(trace | grep -n '^channel record' | sed -n 4p | cut -d: -f1)
step_to "$ee"
ok "200×50: record #4, EncryptedExtensions, beside the diagram" \
    wait_for "Inspector — Record #4 EncryptedExtensions"
ok "its nonce is shown as the IV XOR the sequence number" \
    bash -c 'grep -qE "nonce = IV [0-9a-f]{24} XOR seq 0" <<<"$1"' _ "$(screen)"
ok "its fields: the encrypted record and the tag" \
    bash -c 'grep -qF "encrypted_record: " <<<"$1" && grep -qF "tag: " <<<"$1"' _ "$(screen)"
keys q

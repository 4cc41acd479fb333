#!/usr/bin/env bash
# Tampering through the UI at 80×24: the hex editor changes one byte of the
# Certificate record in flight; the client's check fails and it sends
# bad_certificate; the edit is kept when stepping back and forth (replay).
# Dropping the first record in flight stalls the run.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

ui_start 80 24 -- --seed 7
# Step until the Certificate record is written but not yet delivered.
for ((k = 1; k < 40; k++)); do
    keys n
    wait_for " $k/"
    s=$(screen)
    grep -qF "#3 Certificate" <<<"$s" && grep -qF "in flight" <<<"$s" && break
done
ok "the Certificate record is in flight" grep -qF "in flight" <<<"$(screen)"
at=$k
keys e
ok "e opens the hex editor" wait_for "Hex editor"
for ((i = 0; i < 30; i++)); do keys j; done
sleep 0.3
pos=$(screen | sed -n 's/^offset \([0-9]* (0x[0-9a-f]*)\): \([0-9a-f]*\) (was.*/\1 \2/p')
read -r off hexoff byte <<<"$pos"
ok "the cursor moved into the certificate" test "${off:-0}" -gt 100
new=$([ "$byte" = 5a ] && echo a5 || echo 5a)
keys "${new:0:1}" "${new:1:1}"
ok "the byte changes in the editor" wait_for "1 byte(s) changed"
keys Left
ok "the editor shows the new byte beside the old" wait_for "offset $off $hexoff: $new (was $byte)"
keys Enter
ok "the edit re-runs the session" wait_for "record 3 edited"
ok "the cursor stays at its step" wait_for "step $at/"
ok "the record is marked tampered" grep -qF "!Certificate" <<<"$(pane 2)"
keys G
wait_for "failed"
client=$(pane 1)
ok "the client's certificate check fails" grep -qF "✗ certificate check" <<<"$client"
ok "the client sends bad_certificate" grep -qF "! bad_certificate (sent)" <<<"$client"
ok "the server receives bad_certificate" grep -qF "! bad_certificate (recv)" <<<"$(pane 3)"
ok "the narration says why" wait_for "fatal alert: the CA's signature"
keys g
wait_for "step 0/"
for ((i = 0; i < at + 4; i++)); do keys n; done
wait_for "step $((at + 4))/"
ok "stepping again replays the edit" grep -qF "!Certificate" <<<"$(pane 2)"
keys q

ui_start 80 24 -- --seed 7
keys n n n
wait_for "step 3/"
ok "the ClientHello is in flight" wait_for "client → server, in flight"
keys d
ok "d drops the record" wait_for "record 1 will be dropped"
keys G
ok "a dropped ClientHello stalls the run" wait_for "stalled"
keys g n n n d
ok "d again delivers it" wait_for "record 1 is delivered again"
keys G
ok "the run completes again" wait_for "handshake complete"
keys g n n n n e
ok "e on a delivered record offers the step where it is in flight" \
    wait_for "record 1 was delivered at step 4; press e again or Enter to go to step 3"
keys e
ok "e again goes there and opens the editor" wait_for "Hex editor"
ok "... at the step where it is in flight" wait_for "step 3/"
keys Escape
wait_for "edit cancelled"
keys n e x
ok "any other key drops the offer" bash -c '! grep -qF "press e again" <<<"$1"' _ "$(screen)"
keys q

# An edit that a drop replaced shows only the drop; close_notify is not a fatal alert.
ui_start 80 24 -- --seed 7
keys n n n
wait_for "step 3/"
keys e
wait_for "Hex editor"
keys Right 0 0 Enter
wait_for "record 1 edited"
keys d
wait_for "record 1 will be dropped"
keys n
wait_for "step 4/"
ok "a dropped record that had an edit shows only the drop" \
    bash -c 'grep -qF "DROPPED" <<<"$1" && ! grep -qF "edited" <<<"$1" && ! grep -qF "TAMPERED" <<<"$1"' _ "$(pane 2)"
keys q
ui_start 100 40 -- --seed 7
keys G
wait_for "handshake complete"
ok "close_notify is marked as a clean close in the channel" grep -qF "close_notify ✓" <<<"$(pane 2)"
ok "... and not as a fatal alert" bash -c '! grep -qF "✗ close_notify" <<<"$1"' _ "$(pane 2)"
keys q

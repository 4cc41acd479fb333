#!/usr/bin/env bash
# The UI at 100×30 and at 80×24: every value appears on the side that derived it at the
# very step it is derived (marked new, in people's words: "premaster secret"), never early on the other side; the
# premaster secret reaches the server only when it decrypts it; G goes to
# the end, g back to a screen equal to the first one.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

walk() { # W H: the checks at one terminal size, names suffixed with it
    ui_start "$1" "$2" -- --seed 7
    ok "$1x$2: ui starts at step 0" wait_for "step 0/"
    first=$(screen)
    total=$(sed -n 's/.*step 0\/\([0-9]*\).*/\1/p' <<<"$first" | head -1)
    ok "$1x$2: ui knows the step count" test "${total:-0}" -gt 50

    bad=""          # steps where a value was not on its side's pane, marked new
    early=""        # values seen on a side before that side derived them
    seen_server_pms=no
    seen_client_sr=no
    for ((k = 1; k <= total; k++)); do
        keys n
        wait_for " $k/$total" || { bad+=" timeout@$k"; break; }
        read -r side kind name < <(heading)
        shown=$(label "$name")
        shown=${shown:0:20} # a narrow pane cuts a long name with …
        cpane=$(pane 1)
        spane=$(pane 3)
        if [ "$kind" = value ]; then
            mine=$([ "$side" = client ] && echo "$cpane" || echo "$spane")
            peer=$([ "$side" = client ] && echo "$spane" || echo "$cpane")
            grep -qF "+ $shown" <<<"$mine" || bad+=" $side:$name@$k"
            grep -qF "+ $shown" <<<"$peer" && bad+=" peer-new:$name@$k"
            [ "$side/$name" = server/premaster_secret ] && seen_server_pms=yes
            [ "$side/$name" = client/server_random ] && seen_client_sr=yes
        fi
        if [ $seen_server_pms = no ] && grep -q '^[ +] premaster secret' <<<"$spane"; then
            early+=" server:premaster_secret@$k"
        fi
        if [ $seen_client_sr = no ] && grep -q '^[ +] server random' <<<"$cpane"; then
            early+=" client:server_random@$k"
        fi
        if [ "$side/$kind/$name" = "server/value/premaster_secret" ]; then
            pms_screen=$(screen)
        fi
    done
    same "$1x$2: each value appears on its side at its step, marked new" "$bad" ""
    same "$1x$2: no value shows on a side before it has it" "$early" ""
    ok "$1x$2: the server got the premaster secret by decrypting it" \
        grep -q "premaster secret (48 B): decrypted" <<<"${pms_screen:-}"
    ok "$1x$2: the client knows the premaster secret before the server" \
        grep -qF "premaster secret" <<<"$(awk -F'│' 'NF == 3 { print $1 }' <<<"${pms_screen:-}")"
    ok "$1x$2: the run ends with the handshake complete" wait_for "handshake complete"

    keys g
    wait_for "step 0/$total"
    same "$1x$2: g goes back to a screen equal to the first" "$(screen)" "$first"
    keys G
    ok "$1x$2: G goes to the last step" wait_for "step $total/$total"
    ok "$1x$2: the end shows the session keys wiped" grep -qF "session keys wiped" <<<"$(pane 1)"
    keys Home
    ok "$1x$2: Home goes to the first step" wait_for "step 0/$total"
    keys End Left
    ok "$1x$2: ← steps back one" wait_for "step $((total - 1))/$total"
    keys q
}

walk 100 30
walk 80 24

#!/usr/bin/env bash
# The UI under valgrind memcheck, driven by keys in tmux: the default
# lesson stepped to its end and back, the inspector on a record and on a
# value, the hex editor, a dropped record, the comparison of TLS 1.2 and
# TLS 1.3 (v, n, l, G, ?, back), Korean, a TLS 1.3 run with a
# HelloRetryRequest, the key-schedule ladder (s, a rung inspected) and the
# eavesdropper's view (w); then q. Any memory error or definite leak fails
# (memcheck's log must be empty), as must an exit status other than 0.
# What it found first: the narration compared a line with text[-1].
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

VG="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
--show-leak-kinds=definite,indirect"

# vg_ui NAME KEYS -- ARGS...: the UI under memcheck, the keys sent one by
# one (slowly: memcheck is some twenty times slower), then q.
vg_ui() {
    local name=$1 log=$TMP/vg-$RANDOM.log k
    shift
    local keyseq=()
    while [ "$1" != "--" ]; do keyseq+=("$1"); shift; done
    shift
    tm_start 120 40 -- $VG --log-file="$log" "$TLSSTEP" ui "$@"
    for k in "${keyseq[@]}"; do
        keys "$k"
        sleep 0.3
    done
    keys q
    local st i
    for ((i = 0; i < 200; i++)); do
        [ -s "$STATUS_FILE" ] && break
        sleep 0.1
    done
    st=$(cat "$STATUS_FILE" 2>/dev/null)
    same "memcheck ui $name: exit status 0" "$st" 0
    ok "memcheck ui $name: no memory error, no leak" test ! -s "$log"
    if [ -s "$log" ]; then
        sed 's/^/    # /' "$log" | head -30
    fi
}

vg_ui "default lesson: to the end and back, inspector, editor, drop" \
    G g n n n n n n Tab Enter Escape Tab Enter Escape ']' ']' e Escape d d J K -- --seed vg --bits 768
vg_ui "comparison, both languages" \
    n n n n l G '?' x p v n n v Escape -- --compare --seed vg --bits 768
vg_ui "TLS 1.3 with HelloRetryRequest and KeyUpdate, Korean" \
    G p p p g n n n n n n n n Enter Escape v n v s j j Enter Escape s w n w -- --tls 1.3 --group ffdhe2048 --key-update \
    --lang ko --seed vg --bits 768

#!/usr/bin/env bash
# TLS 1.2 beside TLS 1.3 in the UI (`tlsstep ui --compare`, the v key), in
# English and in Korean, at 80×24 and on a large screen: the two columns
# with their suites, the rows of `tlsstep run --compare` in the same order,
# n stepping both together (the row's note and values follow), v back to
# the main view at the run's step that matches the row (the step of the
# run's next message, read from `tlsstep run --json`) and v again to the
# same row, l switching language in place, ? and back, q with status 0.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

# row_n: the row number on the comparison's title line.
row_n() { screen | head -1 | sed -n 's/.*\(row\|행\) \([0-9]*\)\/.*/\2/p'; }

ui_start 80 24 -- --compare --seed 42
ok "--compare opens on the comparison" wait_for "TLS 1.2 beside TLS 1.3, same seed"
ok "the TLS 1.2 column names its suite" wait_for "TLS 1.2 (rsa)"
ok "the TLS 1.3 column names its suite" wait_for "TLS 1.3 (tls13-aes)"
same "it starts at row 1" "$(row_n)" 1
# The rows' messages, in the order `run --compare --json` gives them.
"$TLSSTEP" run --compare --seed 42 --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
print((d["rows"][4]["tls12"] or {}).get("record"), (d["rows"][4]["tls13"] or {}).get("record"))' \
    >"$TMP/row5"
same "row 5 is the certificate: record 3 in TLS 1.2, record 5 in TLS 1.3" "$(cat "$TMP/row5")" "3 5"
ok "row 5 on screen: Certificate #3 beside Certificate #5, encrypted" \
    grep -q "  5  ← Certificate #3  *  *← Certificate #5 \*" <<<"$(screen)"
keys n n n n
ok "n steps both columns: row 5" wait_for "row 5/"
ok "row 5's note: who reads the certificate" wait_for "anyone on the path reads the certificate"
ok "row 5: what TLS 1.3 derives for its Certificate" wait_for "TLS 1.3 derives:"
ok "the round trips, 2 against 1" wait_for "round trips: 2 | 1"
ok "the server's signature: none in rsa, CertificateVerify in 1.3" \
    wait_for "server's signature: none | CertificateVerify"
keys p
ok "p steps back: row 4" wait_for "row 4/"
keys n
wait_for "row 5/"
# v: back to the main view at the step of TLS 1.2's next message after row 5.
want=$("$TLSSTEP" run --lesson rsa-handshake --seed 42 --json | python3 -c '
import json, sys
s = json.load(sys.stdin)["steps"]
print(next(i for i, x in enumerate(s) if x["kind"] == "message" and x["name"] == "server_hello_done"))')
keys v
ok "v goes back to the main view at step $want (ServerHelloDone is next)" wait_for "step $want/"
ok "the main view is drawn again (the channel pane)" wait_for "Channel"
keys v
ok "v again opens the comparison at the same row" wait_for "row 5/"
keys '?'
ok "? opens the help, which lists v" wait_for "TLS 1.2 beside TLS 1.3, same seed (n p step both)"
keys x
ok "a key closes the help, back on the comparison" wait_for "row 5/"
keys l
ok "l: the comparison in Korean" wait_for "TLS 1.2와 TLS 1.3 나란히, 같은 시드"
ok "l: the row's note in Korean" wait_for "핸드셰이크 키로 암호화됩니다"
ok "l: the legend in Korean" wait_for "★ 다른 버전에는 없는 값"
rows=$("$TLSSTEP" run --compare --seed 42 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["rows"]))')
keys G
ok "G: the last row, $rows/$rows as in run --compare" wait_for "행 $rows/$rows"
keys q
same "q ends it with status 0" "$(exit_status)" 0

# Korean from the locale, a TLS 1.3 run with a HelloRetryRequest, on a large screen.
ui_start 160 45 LANG=ko_KR.UTF-8 -- --tls 1.3 --group ffdhe2048 --seed 7
keys v
ok "Korean: v opens the comparison" wait_for "TLS 1.2와 TLS 1.3 나란히, 같은 시드"
ok "Korean, large: the HelloRetryRequest row, only in TLS 1.3" wait_for "← HelloRetryRequest #2"
ok "Korean, large: the round trips with the HelloRetryRequest, 2 against 2" wait_for "왕복: 2 | 2"
ok "Korean, large: the facts line whole (no cut)" \
    bash -c 'screen_line=$(grep "암호화된 핸드셰이크 메시지" <<<"$1"); [ -n "$screen_line" ] && ! grep -q "…" <<<"$screen_line"' \
    _ "$(screen)"
keys Escape
ok "Korean: Esc goes back to the main view" wait_for "단계 0/"
keys q
same "q ends the Korean run with status 0" "$(exit_status)" 0

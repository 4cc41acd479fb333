#!/usr/bin/env bash
# Languages and the command line: l switches English ⇄ Korean live (labels
# and narration), a Korean locale starts in Korean, --lang overrides it, wide
# characters keep the pane separators aligned; bad options exit 2, and
# without a terminal `tlsstep ui LESSON` prints the `tlsstep run --lesson`
# transcript.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

# The distinct display columns of the first pane separator over the top
# lines (a Hangul syllable takes two columns): one value when aligned.
sep_columns() {
    local line left hangul LC_ALL=C.UTF-8
    screen | head -n 20 | grep -F '│' | while IFS= read -r line; do
        left=${line%%│*}
        hangul=$(LC_ALL=C.UTF-8 grep -oP '[\x{AC00}-\x{D7A3}]' <<<"$left" | wc -l)
        echo $(( ${#left} + hangul ))
    done | sort -u | tr '\n' ' '
}

ui_start 100 30 -- --seed 7
ok "English by default under LANG=C.UTF-8" wait_for "Narration"
keys l
ok "l shows Korean labels" wait_for "클라이언트"
ok "l shows the Korean status line" wait_for "단계 0/"
ok "l shows Korean narration" wait_for "아직 아무 일도"
keys n
ok "Korean narration of the first step" wait_for "클라이언트 랜덤 (32 B): 생성함"
s=$(screen)
ok "the Korean pane titles are there" grep -qF "서버" <<<"$s"
ok "the channel pane title is Korean" grep -qF "채널" <<<"$s"
keys '?'
ok "the help is Korean too" wait_for "도움말"
keys x l
ok "l switches back to English" wait_for "Client"
ok "English narration again" wait_for "client random (32 B): generated"
keys q

ui_start 100 30 LANG=ko_KR.UTF-8 -- --seed 7
ok "a Korean locale starts in Korean" wait_for "설명"
keys n n n n n n n n n n n n n n n n n n n n
wait_for "단계 20/"
same "Korean text keeps the pane separators aligned" "$(sep_columns)" "32 "
keys G
ok "Korean end of run" wait_for "핸드셰이크 완료"
keys q
ui_start 100 30 LANG=ko_KR.UTF-8 -- --seed 7 --lang en
ok "--lang en overrides a Korean locale" wait_for "Narration"
keys q

fails "--lang xx exits 2" 2 "$TLSSTEP" ui --lang xx
fails "an unknown lesson exits 2" 2 "$TLSSTEP" ui no-such-lesson
fails "an unknown option exits 2" 2 "$TLSSTEP" ui --frobnicate
fails "--bits out of range exits 2" 2 "$TLSSTEP" ui --bits 100
ok "--help exits 0" "$TLSSTEP" ui --help
"$TLSSTEP" run --lesson rsa-handshake --seed 7 --suite ecdhe --lang ko >"$TMP/run.txt" 2>&1
"$TLSSTEP" ui rsa-handshake --seed 7 --suite ecdhe --lang ko >"$TMP/ui.txt" 2>&1 </dev/null
ok "without a terminal, ui prints the lesson's run transcript" cmp "$TMP/run.txt" "$TMP/ui.txt"
ok "the fallback transcript is not empty" test -s "$TMP/ui.txt"
ok "the fallback transcript carries the Korean narration" grep -qF "클라이언트" "$TMP/ui.txt"
"$TLSSTEP" run --lesson forward-secrecy --lessons lessons --seed 7 >"$TMP/run2.txt" 2>&1
"$TLSSTEP" ui forward-secrecy --lessons lessons --seed 7 >"$TMP/ui2.txt" 2>&1 </dev/null
ok "the fallback passes the lesson and --lessons on" cmp "$TMP/run2.txt" "$TMP/ui2.txt"
ok "the fallback runs the lesson's suite" grep -qF "suite: TLS_ECDHE_RSA" "$TMP/ui2.txt"

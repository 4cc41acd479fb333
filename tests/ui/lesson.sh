#!/usr/bin/env bash
# Lessons in the UI: `tlsstep ui rsa-handshake` shows at every step the
# section of lessons/rsa-handshake.md in force there (the latest one at or
# before the step, read from the file itself, so edits to the text keep the
# test true), in English, in Korean with --lang ko, and switched live with
# l; placeholders are filled with the run's values; the lesson's front
# matter sets up the run (forward-secrecy: ecdhe); an exercise shows its
# task; an unknown lesson exits 2 naming the lessons there are; a bare
# `tlsstep` opens the UI on rsa-handshake; with no lessons folder at all the
# UI still works with its built-in narration and says so once.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

LESSON=lessons/rsa-handshake.md

# sections LANG: one line per section of the LANG part of $LESSON:
# "SPEC<TAB>TITLE<TAB>FIRST WORDS" (SPEC "side:name" or "name"; Markdown
# emphasis and code marks dropped, as the UI shows them).
sections() {
    awk -v want="$1" '
        function plain(s) { gsub(/[*`]/, "", s); return s }
        /^# / { part = $2; next }
        part != want { next }
        /^## / {
            h = substr($0, 4); spec = h; title = h
            if (match(h, /\{step=[^}]*\}/)) {
                spec = substr(h, RSTART + 6, RLENGTH - 7); title = substr(h, 1, RSTART - 1)
            }
            gsub(/ /, "", spec); sub(/ +$/, "", title)
            cur = spec "\t" plain(title); need = 1; next
        }
        need && NF > 0 {
            line = plain($0); sub(/\{\{.*/, "", line)
            n = split(line, w, " "); first = w[1]
            for (i = 2; i <= 3 && i <= n; i++) first = first " " w[i]
            print cur "\t" first; need = 0
        }' "$LESSON"
}

# section_for LANG SIDE NAME: "TITLE<TAB>FIRST WORDS" of the section for
# that step (one for the side wins over one for any side), or nothing.
section_for() {
    local all
    all=$(sections "$1")
    awk -F'\t' -v s="$2:$3" '$1 == s { print $2 "\t" $3; exit }' <<<"$all" | grep . ||
        awk -F'\t' -v s="$3" '$1 == s { print $2 "\t" $3; exit }' <<<"$all"
}

# narration: the narration pane's text (below its heading).
narration() { screen | sed -n '/^\(Narration\|설명\) — /,$p' | sed '1d;$d'; }

# walk LANG K: steps from 0 to K and checks at each step that the narration
# shows the title of the section in force; sets BAD to the steps where it
# does not, CHANGES to how many times the section changed and SEEN to the
# titles shown, one a line.
walk() {
    local k expect="" got side kind name bad=""
    CHANGES=0 BAD="" SEEN=""
    for ((k = 1; k <= $2; k++)); do
        keys n
        wait_for " $k/" || { bad+=" timeout@$k"; break; }
        read -r side kind name < <(heading)
        got=$(section_for "$1" "$side" "$name" | cut -f1)
        if [ -n "$got" ] && [ "$got" != "$expect" ]; then
            expect=$got
            CHANGES=$((CHANGES + 1))
            SEEN+="$got"$'\n'
        fi
        [ -z "$expect" ] && continue
        narration | grep -qF -- " $expect" || bad+=" $k:$name"
    done
    BAD=$bad
}

ok "the lesson file has English sections" test "$(sections en | wc -l)" -gt 10
ok "the lesson file has Korean sections" test "$(sections ko | wc -l)" -gt 10

ui_start 100 30 -- rsa-handshake --seed 3
ok "rsa-handshake: the status line names the lesson" wait_for " rsa-handshake │ step 0/"
intro=$(awk '/^# en/ { on = 1; next } on && NF { gsub(/[*`]/, ""); print $1, $2; exit }' "$LESSON")
ok "step 0: the lesson's English introduction" wait_for "$intro"
keys n
wait_for " 1/"
read -r side kind name < <(heading)
IFS=$'\t' read -r title first < <(section_for en "$side" "$name")
ok "step 1 ($side $name) has a section in the lesson" test -n "${title:-}"
ok "step 1: the English section's title, as the narration's first line" \
    test "$(narration | head -1 | sed 's/^ *//; s/ *$//')" = "${title:-none}"
ok "step 1: the English section's text" wait_for "${first:-none}"
ok "step 1: the step's own detail is below it" wait_for "client random (32 B): generated"
ok "step 1: the built-in description does not repeat the section written for this step" \
    bash -c '! grep -qF "The client draws 32 random bytes" <<<"$1"' _ "$(narration)"
value=$(pane 1 | sed -n 's/.*client random \([0-9a-f]\{8\}\).*/\1/p' | head -1)
ok "step 1: {{client:client_random}} is filled with the run's value" \
    bash -c 'grep -qF "$1" <<<"$2"' _ "${value:-none}" "$(narration)"
ok "step 1: no placeholder is left" bash -c '! grep -qF "{{" <<<"$1"' _ "$(narration)"
total=$(screen | sed -n 's/.*step 1\/\([0-9]*\).*/\1/p' | head -1)
keys g
wait_for "step 0/"
walk en "${total:-0}"
same "every step shows the English section in force" "$BAD" ""
ok "the section changes as the run goes on (a later section shows)" test "$CHANGES" -gt 10
hello=$(section_for en client client_hello | cut -f1)
ok "the ClientHello section ($hello) showed when the client sent it" \
    grep -qxF -- "${hello:-none}" <<<"$SEEN"
keys g
wait_for "step 0/"
step_to 1
keys l
ko_title=$(section_for ko "$side" "$name" | cut -f1)
ok "l switches the section to Korean live" wait_for "설명 — 단계 1/"
ok "l shows the Korean section's title" \
    test "$(narration | head -1 | sed 's/^ *//; s/ *$//')" = "${ko_title:-none}"
keys l
ok "l switches back to English" wait_for "${first:-none}"
keys q

ui_start 100 30 -- rsa-handshake --seed 3 --lang ko
ok "--lang ko: Korean status line" wait_for "rsa-handshake │ 단계 0/"
walk ko 25
same "--lang ko: the first 25 steps show the Korean section in force" "$BAD" ""
IFS=$'\t' read -r ko_title ko_first < <(section_for ko client client_hello)
keys g
wait_for "단계 0/"
for ((k = 1; k <= 25; k++)); do
    keys n
    wait_for " $k/"
    read -r side kind name < <(heading)
    [ "$side $name" = "client client_hello" ] && break
done
ok "--lang ko: the Korean ClientHello section's text" wait_for "${ko_first:-none}"
keys q

ui_start 100 30 -- forward-secrecy --seed 3
ok "forward-secrecy: the status line names it" wait_for " forward-secrecy │ step 0/"
ok "forward-secrecy: the run uses the lesson's suite (ecdhe)" wait_for "│ ecdhe │"
step_to 8
ok "forward-secrecy: the server chose TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305 (0xcca8)" \
    grep -qF "cipher suite cca8" <<<"$(pane 3)"
keys q
ui_start 100 30 -- forward-secrecy --seed 3 --suite dhe
ok "the command line wins over the lesson's suite" wait_for "│ dhe │"
ok "dhe is ephemeral too: the lesson's steps all happen, no note" \
    bash -c '! grep -qF "This lesson assumes" <<<"$1"' _ "$(screen)"
keys q
ui_start 100 30 -- forward-secrecy --seed 3 --suite rsa
ok "forward-secrecy with --suite rsa: the narration says plainly it assumes ecdhe" \
    wait_for "This lesson assumes the ecdhe suite; this run uses rsa"
keys q

# --suite without a lesson: the lesson written for that suite narrates.
want=$(ls lessons/*.md | grep -v README | xargs grep -l '^  suite: ecdhe' | xargs grep -l '^kind: lesson' | head -1)
want=$(basename "${want:-none}" .md)
ui_start 100 30 -- --suite ecdhe --seed 3
ok "ui --suite ecdhe: the status line says why" wait_for "the lesson written for --suite ecdhe, $want"
keys n
ok "ui --suite ecdhe: the lesson written for ecdhe ($want)" wait_for " $want │ step 1/"
keys G
ok "ui --suite ecdhe: no RSA key exchange is narrated at the end" \
    bash -c '! grep -qF "This lesson assumes" <<<"$1"' _ "$(screen)"
keys q
ui_start 100 30 -- --tls 1.3 --seed 3
ok "ui --tls 1.3: the lesson written for TLS 1.3 (tls13-handshake)" \
    wait_for "the lesson written for --suite tls13-aes, tls13-handshake"
keys n
ok "ui --tls 1.3: tls13-handshake plays" wait_for " tls13-handshake │ step 1/"
keys G
ok "ui --tls 1.3: no sentence about another version at the end" \
    bash -c '! grep -qF "This lesson is written for" <<<"$1"' _ "$(screen)"
keys q
ui_start 100 30 -- rsa-handshake --suite ecdhe --seed 3
ok "rsa-handshake with --suite ecdhe: the narration says it assumes rsa" \
    wait_for "This lesson assumes the rsa suite; this run uses ecdhe"
keys l
ok "... in Korean too" wait_for "이 수업은 rsa 스위트를 전제로 합니다"
keys q

ui_start 160 30 -- goto-fail --seed 3
ok "an exercise opens: its task" wait_for "Task:"
ok "a wide terminal shows the title on the status line" wait_for "goto-fail: "
keys q

fails "an unknown lesson exits 2" 2 "$TLSSTEP" ui no-such-lesson
cp "$TMP/out" "$TMP/unknown.txt"
ok "the unknown lesson's message lists the lessons" \
    grep -qE "unknown lesson 'no-such-lesson' \(lessons: .*rsa-handshake.*forward-secrecy|unknown lesson 'no-such-lesson' \(lessons: .*forward-secrecy.*rsa-handshake" "$TMP/unknown.txt"
same "the unknown lesson's message is one line" "$(wc -l <"$TMP/unknown.txt")" 1
fails "--lessons: not a folder exits 2" 2 "$TLSSTEP" ui --lessons "$TMP/nothing"

# A bare `tlsstep` on a terminal: the UI on the default lesson.
tm_start 100 30 -- "$TLSSTEP"
ok "a bare tlsstep opens the UI on rsa-handshake" wait_for " rsa-handshake │ step 0/"
ok "... with the lesson's introduction" wait_for "$intro"
keys q

# No lessons folder anywhere: a copy of the binary away from the repository.
mkdir -p "$TMP/a/b/c/d" "$TMP/home"
cp "$TLSSTEP" "$TMP/a/b/c/d/tlsstep"
TM_DIR=$TMP/a tm_start 100 30 HOME="$TMP/home" XDG_DATA_HOME= TLSSTEP_LESSONS= -- \
    "$TMP/a/b/c/d/tlsstep" ui --seed 3
ok "no lessons folder: the UI starts" wait_for "step 0/"
ok "no lessons folder: the status line says so" wait_for "no lessons folder found"
keys n
ok "no lessons folder: the built-in narration" wait_for "The client draws 32 random bytes"
ok "no lessons folder: said once (gone after a key)" \
    bash -c '! grep -qF "no lessons folder" <<<"$1"' _ "$(screen)"
keys q
(cd "$TMP/a" && HOME=$TMP/home XDG_DATA_HOME= TLSSTEP_LESSONS= "$TMP/a/b/c/d/tlsstep" ui \
    forward-secrecy </dev/null >"$TMP/nolessons.out" 2>&1)
same "no lessons folder: another lesson exits 2" "$?" 2

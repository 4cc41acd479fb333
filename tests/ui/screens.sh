#!/usr/bin/env bash
# The screens a class reads, in English and in Korean, at 80×24 and at
# 200×50: every step of a default run, a tampered run's end, the inspector
# on a value, the help and the end screen are captured; a Korean screen
# must hold no English outside field names, protocol names and hex
# (tests/i18n/english_left.py, allowing only the lesson id, the suite's
# command-line name and the l key's "English"; hex dumps left out), and no narration line may end in a word cut in two
# (tests/ui/cut_words.py), in either language. The walk runs without a
# lessons folder (the built-in narration and the engine's sentences: the
# lesson files' own Korean is tests/lessons' business); the lesson's
# narration is checked for cut words too.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/ui/tmux_lib.bash

ALLOW=(--allow rsa-handshake,rsa,English)

# korean FILE...: english_left.py on the screens, hex dumps left out (their
# bytes and ASCII column are hex, not words), and so are quoted protocol
# strings (a PRF label: "key expansion") and a record's "field: value" rows
# (field names and decoded values stay English, as in Wireshark).
korean() {
    local f
    for f in "$@"; do
        LC_ALL=C.UTF-8 sed -E 's/[0-9a-f]{4}( [0-9a-f]{2})+ .*$//; s/(^|[ (:])[0-9a-f]{2}( [0-9a-f]{2})+( |$)/\1 /g
                s/"[^"]*"/ /g; s/(^|[│ ])[a-z_]+: [^│]*/\1/g' "$f" >"$f.words"
    done
    python3 tests/i18n/english_left.py "${ALLOW[@]}" "${@/%/.words}"
}
BIN=$TMP/a/b/c/d/tlsstep
mkdir -p "$TMP/a/b/c/d" "$TMP/home" "$TMP/cap"
cp "$TLSSTEP" "$BIN"
NOLESSONS=(HOME="$TMP/home" XDG_DATA_HOME= TLSSTEP_LESSONS= TLSSTEP_LOCALEDIR="$PWD/build/locale")

# start W H LANG [lesson|builtin] ARGS...: the UI in LANG, with the lesson
# or without any lessons folder.
start() {
    local w=$1 h=$2 lang=$3 mode=$4
    shift 4
    if [ "$mode" = builtin ]; then
        TM_DIR=$TMP/a tm_start "$w" "$h" "${NOLESSONS[@]}" -- "$BIN" ui --lang "$lang" "$@"
    else
        ui_start "$w" "$h" -- --lang "$lang" "$@"
    fi
    [ "$lang" = ko ] && wait_for "단계 0/" || wait_for "step 0/"
}

# cap NAME: the screen into $TMP/cap/NAME.
cap() { screen >"$TMP/cap/$1"; }

# walk W H LANG MODE: captures every step of a seed-7 run, then the help
# and the end; sets TOTAL.
walk() {
    local w=$1 h=$2 lang=$3 mode=$4 k tag=$1x$2-$3-$4
    start "$w" "$h" "$lang" "$mode" --seed 7
    TOTAL=$(screen | sed -n 's/.* \(step\|단계\) 0\/\([0-9]*\).*/\2/p' | head -1)
    for ((k = 1; k <= ${TOTAL:-0}; k++)); do
        keys n
        wait_for " $k/$TOTAL" || break
        cap "$tag-step$k"
    done
    keys '?'
    sleep 0.2
    cap "$tag-help"
    keys x
    # the help closed (its key list gone) before the end is captured
    for ((k = 0; k < 50; k++)); do
        screen | grep -qF ' ]  [ ' || break
        sleep 0.1
    done
    keys G
    wait_for " $TOTAL/$TOTAL"
    cap "$tag-end"
    keys q
}

for size in "80 24" "200 50"; do
    read -r w h <<<"$size"
    for lang in en ko; do
        walk "$w" "$h" "$lang" builtin
        ok "$w×$h $lang: the whole run was captured" test -s "$TMP/cap/${w}x$h-$lang-builtin-step$TOTAL"
        walk "$w" "$h" "$lang" lesson
        ok "$w×$h $lang: no word cut in the narration, built-in" \
            python3 tests/ui/cut_words.py "$w" "$TMP"/cap/"${w}x$h-$lang"-builtin-*
        ok "$w×$h $lang: no word cut in the narration, with the lesson" \
            python3 tests/ui/cut_words.py "$w" "$TMP"/cap/"${w}x$h-$lang"-lesson-*
    done
    ok "$w×$h: the Korean run's screens hold no English" \
        korean "$TMP"/cap/"${w}x$h"-ko-builtin-*
    same "$w×$h: the English help has Korean only where it names the language" \
        "$(python3 -c 'import re, sys; print(sorted(set(re.findall("[\uac00-\ud7a3]+", open(sys.argv[1]).read()))))' \
            "$TMP/cap/${w}x$h-en-builtin-help")" "['한국어']"
done

# The inspector on a value with a formula (the client's key block) and a
# tampered run's end, in both languages, at both sizes.
UI_ARGS=(--seed 7)
kb=$(trace | grep -n '^client value key_block$' | cut -d: -f1)
for size in "80 24" "200 50"; do
    read -r w h <<<"$size"
    for lang in en ko; do
        start "$w" "$h" "$lang" builtin --seed 7
        step_to "${kb:-1}"
        keys Tab Tab Enter
        [ "$lang" = ko ] && wait_for "검사기" || wait_for "Inspector"
        cap "${w}x$h-$lang-inspect"
        keys Escape q
        # the tampered run: a byte of the Certificate changed in flight
        start "$w" "$h" "$lang" builtin --seed 7
        for ((k = 1; k < 40; k++)); do
            keys n
            wait_for " $k/"
            grep -qF "#3 Certificate" <<<"$(screen)" && grep -qE "in flight|전송 중" <<<"$(screen)" && break
        done
        keys e
        sleep 0.2
        for ((i = 0; i < 30; i++)); do keys j; done
        keys 5 a Enter
        sleep 0.3
        keys G
        sleep 0.3
        cap "${w}x$h-$lang-tampered"
        keys q
    done
    ok "$w×$h: the inspector shows the formula" grep -qF "Formula:" "$TMP/cap/${w}x$h-en-inspect"
    ok "$w×$h: the inspector names the value in people's words and its RFC name" \
        bash -c 'grep -qF "Inspector — key block — client" "$1" && grep -qF "name in the RFC: key_block" "$1"' _ "$TMP/cap/${w}x$h-en-inspect"
    ok "$w×$h: the Korean inspector names it in Korean" grep -qF "키 블록" "$TMP/cap/${w}x$h-ko-inspect"
    ok "$w×$h: the tampered run ends with a fatal alert" grep -qF "✗ bad_certificate" "$TMP/cap/${w}x$h-en-tampered"
    ok "$w×$h: the Korean inspector and tampered end hold no English" \
        korean "$TMP/cap/${w}x$h-ko-inspect" \
        "$TMP/cap/${w}x$h-ko-tampered"
    ok "$w×$h: no word cut in the tampered run's narration" \
        python3 tests/ui/cut_words.py "$w" "$TMP/cap/${w}x$h-en-tampered" "$TMP/cap/${w}x$h-ko-tampered"
done

# The checker itself finds a cut word (a line reaching the edge, split mid-word).
printf 'x\nNarration — step 1/2: y\n %s\n %s\nstatus\n' "$(printf 'a%.0s' $(seq 1 78))" "bc def" \
    >"$TMP/cut.txt"
fails "cut_words.py finds a word cut at the pane's edge" 1 python3 tests/ui/cut_words.py 80 "$TMP/cut.txt"
printf 'x\n설명 — 단계 1/2: y\n %s가\n 나다 라\nstatus\n' "$(printf '가%.0s' $(seq 1 38))" >"$TMP/cut2.txt"
fails "cut_words.py finds a Korean word cut at the edge" 1 python3 tests/ui/cut_words.py 80 "$TMP/cut2.txt"

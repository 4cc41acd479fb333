#!/usr/bin/env bash
# Lessons in the reader's language: the loader's messages about a malformed
# file (YAML, missing language, unknown step, missing key) and the lessons'
# own output (the header, the Korean narration of every lesson, the textbook
# lesson's numbers) are Korean under --lang ko with no English left outside
# protocol names, identifiers, hex and commands (tests/i18n/english_left.py);
# under --lang en they hold no Hangul.
source tests/lib.sh
LEFT=tests/i18n/english_left.py
LESSONS=$(ls lessons/*.md | grep -v README | sed 's|lessons/||; s|\.md$||')
# Kept as written in Korean too: lesson ids (typed in commands), the math of
# the narration (mod, phi, sqrt, ceil, gcd), ASN.1 and algorithm names, units
# and the authors' names of a cited attack.
ALLOW="mod,phi,sqrt,ceil,gcd,DigestInfo,KiB,Diffie-Hellman,Bhargavan,$(echo $LESSONS | tr ' ' ',')"

korean() { # NAME FILE: FILE has Hangul and no English left
    local name=$1 file=$2
    if ! LC_ALL=C.UTF-8 grep -qP '[\x{AC00}-\x{D7A3}]' "$file"; then
        echo "not ok - $name (no Korean at all)"; sed 's/^/    # /' "$file" | head -5; return
    fi
    if python3 "$LEFT" --allow "$ALLOW" "$file" >"$TMP/left" 2>&1; then
        echo "ok - $name"
    else
        echo "not ok - $name"; sed 's/^/    # /' "$TMP/left" | head -10
    fi
}

english() { # NAME FILE: FILE is not empty and has no Hangul
    local name=$1 file=$2
    if [ -s "$file" ] && ! LC_ALL=C.UTF-8 grep -qP '[\x{AC00}-\x{D7A3}]' "$file"; then
        echo "ok - $name"
    else
        echo "not ok - $name"; LC_ALL=C.UTF-8 grep -P '[\x{AC00}-\x{D7A3}]' "$file" | sed 's/^/    # /' | head -5
    fi
}

# --- a malformed lesson file: the message in both languages ---
B=tests/lessons/bad
for f in bad-yaml missing-id missing-ko missing-title-ko unknown-step; do
    for lang in ko en; do
        "$TLSSTEP" run --lesson "$B/$f.md" --lang $lang >"$TMP/$f.$lang" 2>&1
        rc=$?
        same "$f/$lang: exit 2" "$rc" 2
    done
    korean "$f: the loader's message in Korean" "$TMP/$f.ko"
    english "$f: the loader's message in English" "$TMP/$f.en"
    # Both name the same file and line.
    same "$f: the same FILE:LINE in both languages" \
        "$(grep -o "$B/$f.md:[0-9]*:" "$TMP/$f.ko")" "$(grep -o "$B/$f.md:[0-9]*:" "$TMP/$f.en")"
done
has() { if grep -qF -- "$3" "$2"; then echo "ok - $1"; else echo "not ok - $1"; sed 's/^/    # /' "$2" | head -5; fi; }
has "bad YAML: libyaml's words in Korean" "$TMP/bad-yaml.ko" \
    "YAML 머리말이 잘못되었습니다: 있어야 할 ',' 또는 '}'를 찾지 못했습니다 (흐름 매핑을 해석하는 중: 3번째 줄부터)"
has "unknown step in Korean" "$TMP/unknown-step.ko" "핸드셰이크 수업에 없는 단계 'server_helo' (가장 가까운 이름: server_hello"
has "missing language in Korean" "$TMP/missing-ko.ko" "언어 'ko' 부분이 없습니다 (여기 있는 '# en' 부분 옆에 '# ko' 제목과"
has "missing key in Korean" "$TMP/missing-id.ko" "$B/missing-id.md:2: 머리말: 'id:'이(가) 없습니다"
has "missing title language in Korean" "$TMP/missing-title-ko.ko" "title: 언어 'ko'이(가) 없습니다"

# The list reports the malformed files in the reader's language too.
"$TLSSTEP" lessons --lessons "$B" --lang ko >/dev/null 2>"$TMP/list.bad.ko"
"$TLSSTEP" lessons --lessons "$B" --lang en >/dev/null 2>"$TMP/list.bad.en"
same "lessons: every malformed file reported" "$(grep -c "$B/" "$TMP/list.bad.ko")" 5
korean "lessons: the malformed files' messages in Korean" "$TMP/list.bad.ko"
english "lessons: the malformed files' messages in English" "$TMP/list.bad.en"

# A lesson folder whose file name and id disagree.
mkdir -p "$TMP/copies"
cp lessons/rsa-handshake.md "$TMP/copies/my-copy.md"
"$TLSSTEP" lessons --lessons "$TMP/copies" --lang ko >/dev/null 2>"$TMP/copies.ko"
korean "lessons: id and file name disagree, in Korean" "$TMP/copies.ko"
has "lessons: what to rename, in Korean" "$TMP/copies.ko" \
    "파일 이름을 rsa-handshake.md로 바꾸거나 'id: my-copy'로 설정하세요"

# --- every lesson's own output in Korean: header and narration ---
for id in $LESSONS; do
    # small keys keep the runs fast; TLS 1.3 signs with RSA-PSS, which needs 528 bits at least
    bits=512
    if grep -q '^  suite: tls13-' "lessons/$id.md"; then bits=1024; fi
    "$TLSSTEP" run --lesson "$id" --lang ko --seed i18n --bits $bits >"$TMP/$id.run" 2>&1
    grep -E '^(수업: |  \||  == )' "$TMP/$id.run" >"$TMP/$id.ko"
    korean "$id: header and narration in Korean" "$TMP/$id.ko"
    "$TLSSTEP" run --lesson "$id" --lang en --seed i18n --bits $bits >"$TMP/$id.en" 2>&1
    english "$id: all of it in English" "$TMP/$id.en"
done
# The textbook lesson is all ours: every line, numbers and words.
korean "rsa-textbook: every line in Korean" "$TMP/rsa-textbook.run"
has "rsa-textbook: the words around the numbers" "$TMP/rsa-textbook.run" \
    "n = p * q = 61 * 53 = 3233 (12비트)"
has "rsa-textbook: its result line" "$TMP/rsa-textbook.run" "결과: 성공"

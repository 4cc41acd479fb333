#!/usr/bin/env bash
# Lessons: `tlsstep lessons` lists every lesson in both languages; every
# lesson plays to its end with `run --lesson ID` in both languages with its
# narration; the lesson search path; malformed lesson files give errors
# naming file, line and what was expected.
source tests/lib.sh
LESSONS="rsa-textbook rsa-handshake forward-secrecy records ending tls13-handshake tls12-vs-tls13"
export XDG_DATA_HOME="$TMP/xdg" TLSSTEP_LESSONS=

# has NAME FILE TEXT: passes when FILE holds TEXT (a fixed string).
has() {
    if grep -qF -- "$3" "$2"; then echo "ok - $1"; else
        echo "not ok - $1"; echo "    # no '$3' in:"; head -20 "$2" | sed 's/^/    # /'; fi
}
# lacks NAME FILE TEXT: passes when FILE does not hold TEXT.
lacks() {
    if grep -qF -- "$3" "$2"; then echo "not ok - $1"; grep -nF -- "$3" "$2" | head -3 |
        sed 's/^/    # /'; else echo "ok - $1"; fi
}
# before NAME FILE A B: passes when the first line holding A comes before B's.
before() {
    local a b
    a=$(grep -nF -- "$3" "$2" | head -1 | cut -d: -f1)
    b=$(grep -nF -- "$4" "$2" | head -1 | cut -d: -f1)
    if [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]; then echo "ok - $1"; else
        echo "not ok - $1 (lines '$a' and '$b')"; fi
}

# --- the list ---
ok "lessons (en)" "$TLSSTEP" lessons --lang en
"$TLSSTEP" lessons --lang en >"$TMP/list.en" 2>&1
"$TLSSTEP" lessons --lang ko >"$TMP/list.ko" 2>&1
for id in $LESSONS; do
    has "lessons lists $id (en)" "$TMP/list.en" "$id"
    has "lessons lists $id (ko)" "$TMP/list.ko" "$id"
done
has "the header says difficulty, as the help does" "$TMP/list.en" "difficulty"
has "English title" "$TMP/list.en" "The HTTPS handshake, step by step (RSA)"
has "Korean title" "$TMP/list.ko" "HTTPS 핸드셰이크 단계별로 보기 (RSA)"
LANG=ko_KR.UTF-8 LC_ALL= LC_MESSAGES= "$TLSSTEP" lessons >"$TMP/list.loc" 2>&1
has "language from the locale" "$TMP/list.loc" "작은 수로 배우는 교과서 RSA"
"$TLSSTEP" lessons --json --lang ko >"$TMP/list.json" 2>&1
ok "lessons --json is JSON with every lesson above" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
ids = {x["id"] for x in d}
assert set(sys.argv[2].split()) <= ids, ids
assert all(x["kind"] in ("lesson", "exercise") and 1 <= x["difficulty"] <= 5 for x in d)
' "$TMP/list.json" "$LESSONS"
"$TLSSTEP" lessons --steps >"$TMP/steps" 2>&1
has "lessons --steps names the steps" "$TMP/steps" "premaster_secret"
fails "lessons --lang fr" 2 "$TLSSTEP" lessons --lang fr
fails "lessons: unknown option" 2 "$TLSSTEP" lessons --colour
ok "lessons --help" "$TLSSTEP" lessons --help
fails "lessons --lessons: not a folder" 2 "$TLSSTEP" lessons --lessons "$TMP/nothing"
fails "run --lessons: not a folder" 2 "$TLSSTEP" run --lesson records --lessons "$TMP/nothing"

# --- every lesson plays to its end in both languages ---
for id in $LESSONS; do
    # small keys keep the runs fast; TLS 1.3 signs with RSA-PSS, which needs 528 bits at least
    bits=512
    if grep -q '^  suite: tls13-' "lessons/$id.md"; then bits=1024; fi
    for lang in en ko; do
        out="$TMP/$id.$lang"
        ok "run --lesson $id --lang $lang" "$TLSSTEP" run --lesson "$id" --lang "$lang" \
            --seed lesson-test --bits $bits
        "$TLSSTEP" run --lesson "$id" --lang "$lang" --seed lesson-test --bits $bits >"$out" 2>&1
        # the transcript in the lesson's language: "result: ok", "결과: 성공"
        ok "$id/$lang: ends ok" grep -qxE 'result: ok|결과: 성공' "$out"
        has "$id/$lang: narration" "$out" "  | "
        lacks "$id/$lang: every placeholder filled" "$out" "{{"
        lacks "$id/$lang: every emphasis closed" "$out" "**"
    done
done
# key steps carry their narration, before the step
f="$TMP/rsa-handshake.en"
for t in "== ClientHello ==" "== 3. Authentication: the CA's signature ==" \
         "== 4. Premaster secret ==" "== 5. The server decrypts ==" "== 6. Master secret ==" \
         "== 7. Session keys ==" "== Finished ==" "== The server sends the file ==" \
         "== Closing: close_notify ==" "== The session keys are discarded =="; do
    has "rsa-handshake/en: $t" "$f" "$t"
done
before "narration comes before its step" "$f" "== ClientHello ==" "client writes client_hello"
before "notes' order: certificate check before premaster" "$f" "== 3. Authentication" "== 4. Premaster"
before "notes' order: premaster before the server decrypts" "$f" "== 4. Premaster secret ==" "== 5. The server decrypts =="
before "notes' order: decrypt before the master secret" "$f" "== 5. The server decrypts ==" "== 6. Master secret =="
before "notes' order: master secret before the session keys" "$f" "== 6. Master secret ==" "== 7. Session keys =="
before "notes' order: the client derives after the server" "$f" "== 7. Session keys ==" "== Both sides, the same master secret =="
before "notes' order: Finished before the file" "$f" "== Finished ==" "== The server sends the file =="
before "notes' order: close_notify before the keys are discarded" "$f" "== Closing: close_notify ==" "== The session keys are discarded =="
f="$TMP/rsa-handshake.ko"
for t in "== 1. 클라이언트 랜덤 ==" "== 3. 인증: 인증 기관의 서명 확인 ==" "== 4. 프리마스터 시크릿 ==" \
         "== 5. 서버의 복호화 ==" "== 6. 마스터 시크릿 ==" "== 7. 세션 키 ==" "== 세션 키 폐기 =="; do
    has "rsa-handshake/ko: $t" "$f" "$t"
done
has "rsa-textbook: real numbers" "$TMP/rsa-textbook.en" "c = m^e mod n = 65^17 mod 3233 = 2790"
has "rsa-textbook/ko: d" "$TMP/rsa-textbook.ko" "d = e^-1 mod phi(n) = 2753"
has "forward-secrecy: ecdhe" "$TMP/forward-secrecy.en" "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
has "forward-secrecy: SKE signature section" "$TMP/forward-secrecy.ko" "== 클라이언트의 서명 확인 =="
has "ending: ems from the lesson" "$TMP/ending.en" "ems: on"
has "ending: session hash section" "$TMP/ending.en" "== The session hash =="
# TLS 1.3: the lesson's suite sets up a 1.3 run, the notes' steps in their 1.3 order
f="$TMP/tls13-handshake.en"
has "tls13-handshake: a TLS 1.3 run" "$f" "version: TLS 1.3 (0x0304)"
lacks "tls13-handshake: no sentence about another key exchange" "$f" "This lesson is written for"
for t in "== ClientHello ==" "== 4. No premaster secret: the shared secret ==" \
         "== A ChangeCipherSpec for middleboxes ==" "== An encrypted certificate ==" \
         "== 3. Authentication: the CA's signature ==" "== The client verifies it ==" \
         "== 6. Master secret ==" "== 7. Session keys ==" "== One round trip ==" \
         "== NewSessionTicket ==" "== Session keys discarded =="; do
    has "tls13-handshake/en: $t" "$f" "$t"
done
before "tls13: the shared secret before ServerHello is written" "$f" "== 4. No premaster secret" "server writes server_hello"
before "tls13: ServerHello before the encrypted certificate" "$f" "== ServerHello ==" "== An encrypted certificate =="
before "tls13: the certificate check before CertificateVerify's" "$f" "== 3. Authentication" "== The client verifies it =="
before "tls13: master secret before the session keys" "$f" "== 6. Master secret ==" "== 7. Session keys =="
before "tls13: the ticket after the handshake" "$f" "== One round trip ==" "== NewSessionTicket =="
has "tls13-handshake: CertificateVerify checked" "$f" "client checks certificate_verify: ok"
lacks "tls13-handshake: no premaster secret step" "$f" "derives premaster_secret"
# tls12-vs-tls13: the HelloRetryRequest sections appear only in a run that has one
f="$TMP/tls12-vs-tls13.en"
has "tls12-vs-tls13: a TLS 1.3 run" "$f" "version: TLS 1.3 (0x0304)"
for t in "== Why the RSA key exchange was removed ==" "== The downgrade sentinel ==" \
         "== No renegotiation ==" "== Offered, but not what 1.2 offered =="; do
    has "tls12-vs-tls13/en: $t" "$f" "$t"
done
lacks "tls12-vs-tls13: no HelloRetryRequest section without one" "$f" "== HelloRetryRequest =="
"$TLSSTEP" run --lesson tls12-vs-tls13 --tls 1.3 --group ffdhe2048 --seed s --lang en >"$TMP/hrr.en" 2>&1
ok "tls12-vs-tls13 --group ffdhe2048: ends ok" grep -qx 'result: ok' "$TMP/hrr.en"
for t in "== HelloRetryRequest ==" "== The message_hash rule ==" "== The second ClientHello =="; do
    has "tls12-vs-tls13 with an HRR: $t" "$TMP/hrr.en" "$t"
done
before "tls12-vs-tls13: the HRR section before the server writes it" "$TMP/hrr.en" \
    "== HelloRetryRequest ==" "server writes hello_retry_request"
# the narration shows the value shortened: its first 16 hex digits, then "..."
hash=$(grep -A5 'server derives message_hash' "$TMP/hrr.en" | sed -n 's/^ *= \(fe0000[0-9a-f]\{10\}\).*/\1/p' | head -1)
ok "tls12-vs-tls13: the message_hash section shows the run's value ($hash...)" \
    grep -qE "^  \| .*${hash:-none}\.\.\." "$TMP/hrr.en"
lacks "tls12-vs-tls13 with an HRR: every placeholder filled" "$TMP/hrr.en" "{{"
"$TLSSTEP" run --lesson tls12-vs-tls13 --tls 1.3 --group ffdhe2048 --seed s --lang ko >"$TMP/hrr.ko" 2>&1
has "tls12-vs-tls13/ko with an HRR: the message_hash section" "$TMP/hrr.ko" "== message_hash 규칙 =="
f="$TMP/tls13-handshake.ko"
for t in "== 1. 클라이언트 랜덤 ==" "== 4. 프리마스터 시크릿 대신 공유 비밀값 ==" "== 암호화된 인증서 ==" \
         "== 6. 마스터 시크릿 ==" "== 7. 세션 키 ==" "== 세션 키 폐기 =="; do
    has "tls13-handshake/ko: $t" "$f" "$t"
done

# the command line wins over the lesson's set-up
"$TLSSTEP" run --lesson forward-secrecy --suite dhe --lang en --seed s --bits 512 >"$TMP/fs.dhe" 2>&1
has "--suite overrides the lesson" "$TMP/fs.dhe" "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
has "dhe plays the same sections" "$TMP/fs.dhe" "== Keys discarded: forward secrecy =="
"$TLSSTEP" run --lesson records --suite null --lang ko --seed s --bits 512 >"$TMP/rec.null" 2>&1
has "records with null: MAC keys section" "$TMP/rec.null" "== MAC 키 (null 암호 스위트) =="
has "records with null: ends ok" "$TMP/rec.null" "결과: 성공"
"$TLSSTEP" run --lesson rsa-handshake --seed same --bits 512 --lang en >"$TMP/a" 2>&1
"$TLSSTEP" run --lesson rsa-handshake --seed same --bits 512 --lang en >"$TMP/b" 2>&1
ok "same seed, same narrated transcript" cmp "$TMP/a" "$TMP/b"

# --- the search path: a teacher's copy wins ---
mkdir -p "$XDG_DATA_HOME/tlsstep/lessons"
sed 's/The HTTPS handshake, step by step (RSA)/My own handshake lesson/' lessons/rsa-handshake.md \
    >"$XDG_DATA_HOME/tlsstep/lessons/rsa-handshake.md"
"$TLSSTEP" lessons --lang en >"$TMP/list.xdg" 2>&1
has "XDG_DATA_HOME copy listed" "$TMP/list.xdg" "My own handshake lesson"
lacks "XDG_DATA_HOME copy hides the original" "$TMP/list.xdg" "step by step (RSA)"
mkdir -p "$TMP/dir"
sed 's/My own handshake lesson/From --lessons/' "$XDG_DATA_HOME/tlsstep/lessons/rsa-handshake.md" \
    >"$TMP/dir/rsa-handshake.md"
"$TLSSTEP" run --lesson rsa-handshake --lessons "$TMP/dir" --seed s --bits 512 --lang en \
    >"$TMP/dir.out" 2>&1
has "--lessons DIR comes first" "$TMP/dir.out" "lesson: rsa-handshake - From --lessons"
rm -rf "$XDG_DATA_HOME/tlsstep"

# --- a copy given by path may have any name; in a folder it must be ID.md ---
cp lessons/rsa-handshake.md "$TMP/my-copy.md"
"$TLSSTEP" run --lesson "$TMP/my-copy.md" --seed s --bits 512 --lang en >"$TMP/copy.out" 2>&1
same "a copy given by path runs (exit 0)" "$?" 0
has "a copy keeps the id of its front matter" "$TMP/copy.out" "lesson: rsa-handshake - "
mkdir -p "$TMP/copies"
cp lessons/rsa-handshake.md "$TMP/copies/my-copy.md"
"$TLSSTEP" lessons --lessons "$TMP/copies" >"$TMP/copies.out" 2>&1
same "lessons: a file in a folder not named ID.md: exit 1" "$?" 1
has "lessons says what to change" "$TMP/copies.out" \
    "copies/my-copy.md:2: id 'rsa-handshake' does not match the file name: in a lessons folder a lesson is found by its file name, so rename the file rsa-handshake.md or set 'id: my-copy'"
fails "run --lesson ID does not play a file whose id differs" 2 \
    "$TLSSTEP" run --lesson my-copy --lessons "$TMP/copies"

# --- malformed lesson files ---
bad() { # NAME FILE TEXT...: run --lesson FILE exits 2 and says TEXT
    local name=$1 file=$2; shift 2
    "$TLSSTEP" run --lesson "$file" >"$TMP/bad" 2>&1
    local rc=$?
    same "$name: exit 2" "$rc" 2
    for t in "$@"; do has "$name: says '$t'" "$TMP/bad" "$t"; done
}
B=tests/lessons/bad
bad "bad YAML" $B/bad-yaml.md "$B/bad-yaml.md:4: malformed YAML front matter" \
    "did not find expected ',' or '}'" "starts at line 3"
bad "unknown step" $B/unknown-step.md "$B/unknown-step.md:12: unknown step 'server_helo'" \
    "nearest: server_hello"
bad "missing language" $B/missing-ko.md "$B/missing-ko.md:6: missing language 'ko'" \
    "expected a '# ko' heading"
bad "missing id" $B/missing-id.md "$B/missing-id.md:2: front matter: missing 'id:'"
bad "missing title language" $B/missing-title-ko.md \
    "$B/missing-title-ko.md:4: title: missing language 'ko'"
fails "unknown lesson" 2 "$TLSSTEP" run --lesson no-such-lesson
fails "run --lang fr" 2 "$TLSSTEP" run --lesson rsa-handshake --lang fr
"$TLSSTEP" lessons --lessons $B >"$TMP/list.bad" 2>&1
rc=$?
same "lessons with malformed files: exit 1" "$rc" 1
has "lessons reports the malformed file" "$TMP/list.bad" "unknown-step.md:12: unknown step"
has "lessons still lists the good ones" "$TMP/list.bad" "rsa-handshake"

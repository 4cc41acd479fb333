#!/usr/bin/env bash
# Exercises in the reader's language: `tlsstep exercise` (the list and every
# exercise's task, labels, facts and file lines), `tlsstep check` (wrong and
# right answers, malformed ones) and their usage errors are Korean under
# --lang ko, with no English left outside protocol names, identifiers, hex
# and commands (tests/i18n/english_left.py), and hold no Hangul under
# --lang en. JSON verdicts stay English whatever the language.
source tests/lib.sh
ROOT=$PWD
LEFT="$ROOT/tests/i18n/english_left.py"
cd "$TMP" || exit 1

IDS="tamper-cert downgrade textbook-forgery fermat shared-prime e3-forgery no-verify-mitm goto-fail robot downgrade-sentinel tls13-tamper tls13-decrypt"
# Words a Korean screen keeps: the exercises' ids (typed as commands), the
# math of the hints (mod, sqrt, ceil, gcd) and ASN.1/PEM names.
ALLOW="mod,sqrt,ceil,gcd,DigestInfo,CERTIFICATE,${IDS// /,}"

# korean NAME FILE [WORDS]: FILE (tlsstep's Korean output) has Hangul and no
# English left (WORDS: more to allow, comma-separated). The incident line is
# a citation (authors, paper titles as published), so it is left out of the
# English check.
korean() {
    local name=$1 file=$2 more=${3:+,$3}
    if ! LC_ALL=C.UTF-8 grep -qP '[\x{AC00}-\x{D7A3}]' "$file"; then
        echo "not ok - $name (no Korean at all)"; sed 's/^/    # /' "$file" | head -5; return
    fi
    if grep -v '^실제 사건: ' "$file" | python3 "$LEFT" --allow "$ALLOW$more" >"$TMP/left" 2>&1; then
        echo "ok - $name"
    else
        echo "not ok - $name"; sed 's/^/    # /' "$TMP/left" | head -10
    fi
}

# english NAME FILE: FILE has no Hangul (and is not empty).
english() {
    local name=$1 file=$2
    if [ -s "$file" ] && ! LC_ALL=C.UTF-8 grep -qP '[\x{AC00}-\x{D7A3}]' "$file"; then
        echo "ok - $name"
    else
        echo "not ok - $name"; LC_ALL=C.UTF-8 grep -P '[\x{AC00}-\x{D7A3}]' "$file" | sed 's/^/    # /' | head -5
    fi
}

# run OUT STATUS CMD...: runs CMD with stdout and stderr into OUT; passes
# (as "NAME: exit STATUS") when it exits with STATUS.
run() {
    local out=$1 want=$2; shift 2
    "$@" >"$out" 2>&1
    local rc=$?
    same "$(basename "$out"): exit $want" "$rc" "$want"
}

# Usage errors end with cli's own hint, " (see 'tlsstep CMD --help')", which
# is not this command's text: compare what comes before it.
unhinted() { sed "s/ (see 'tlsstep [a-z]* --help')\$//" "$1" >"$1.msg"; }

# --- the list ---
run list.ko 0 "$TLSSTEP" exercise --lang ko
run list.en 0 "$TLSSTEP" exercise --lang en
korean "list: Korean" list.ko
english "list: English" list.en
same "list: every exercise, in both languages" \
    "$(awk '{print $1}' list.ko | tr '\n' ' ')$(awk '{print $1}' list.en | tr '\n' ' ')" \
    "$IDS $IDS "
ok "list: the Korean titles are the lessons'" grep -q "실습: 전송 중인 인증서의 한 바이트 바꾸기" list.ko
env LANG=ko_KR.UTF-8 LC_ALL= LC_MESSAGES= LANGUAGE= "$TLSSTEP" exercise >list.locale 2>&1
ok "list: the locale's language by default" cmp list.ko list.locale

# --- every exercise: the task and its material, and a malformed answer ---
for id in $IDS; do
    run "$id.ko" 0 "$TLSSTEP" exercise "$id" --lang ko --seed k1 --out-dir "ko-$id"
    run "$id.en" 0 "$TLSSTEP" exercise "$id" --lang en --seed k1 --out-dir "en-$id"
    korean "$id: task in Korean" "$id.ko"
    english "$id: task in English" "$id.en"
    for label in "연습 문제: $id" "제목: " "실제 사건: " "과제:" "답: " "힌트 (하나씩 읽으세요):" \
                 "시드: k1" "저장함: ko-$id/" "채점: tlsstep check $id --seed k1"; do
        ok "$id: says '$label'" grep -qF -- "$label" "$id.ko"
    done
    same "$id: the same files in both languages" "$(cd "ko-$id" && cksum ./* | sort)" \
        "$(cd "en-$id" && cksum ./* | sort)"
    run "$id.bad.ko" 1 "$TLSSTEP" check "$id" --lang ko --seed k1 --answer 99
    run "$id.bad.en" 1 "$TLSSTEP" check "$id" --lang en --seed k1 --answer 99
    korean "$id: malformed answer in Korean" "$id.bad.ko"
    english "$id: malformed answer in English" "$id.bad.en"
    ok "$id: Korean verdict line" grep -q '^풀리지 않음: ' "$id.bad.ko"
    ok "$id: English verdict line" grep -q '^not solved: ' "$id.bad.en"
done
# The facts under the task are translated, the numbers they give are not.
ok "fermat: the facts in Korean" grep -q '^서버: shop.example, RSA 2048비트, e = 65537$' fermat.ko
same "fermat: the same n in both languages" "$(grep '^n = ' fermat.ko)" "$(grep '^n = ' fermat.en)"

# --- answers that are well formed: wrong and right, in both languages ---
# textbook-forgery: s = s1 * s2 mod n (the reference solution of rsa_math.sh)
sig=$(python3 - en-textbook-forgery/textbook.txt <<'PY'
import sys
v = dict(line.split() for line in open(sys.argv[1]))
n, s1, s2 = (int(v[k], 16) for k in ("n", "s1", "s2"))
print(format(s1 * s2 % n, "x"))
PY
)
s1=$(awk '$1 == "s1" { print $2 }' en-textbook-forgery/textbook.txt)
run tb.right.ko 0 "$TLSSTEP" check textbook-forgery --lang ko --seed k1 --answer "$sig"
run tb.right.en 0 "$TLSSTEP" check textbook-forgery --lang en --seed k1 --answer "$sig"
run tb.given.ko 1 "$TLSSTEP" check textbook-forgery --lang ko --seed k1 --answer "$s1"
korean "textbook-forgery: solved, in Korean" tb.right.ko
english "textbook-forgery: solved, in English" tb.right.en
korean "textbook-forgery: a given signature, in Korean" tb.given.ko
ok "textbook-forgery: Korean solved line" grep -q '^풀림: ' tb.right.ko
ok "textbook-forgery: English solved line" grep -q '^solved: ' tb.right.en

# tamper-cert: a byte of the signature value (tamper_downgrade.sh)
rec=$(sed -n 's/^#\([0-9]*\) server → client  handshake  Certificate .*/\1/p' en-tamper-cert/transcript.txt)
der_len=$(openssl x509 -in en-tamper-cert/server.pem -outform DER | wc -c)
sig_off=$((15 + der_len - 10))
for lang in ko en; do
    run "tc.right.$lang" 0 "$TLSSTEP" check tamper-cert --lang $lang --seed k1 --answer "$rec,$sig_off,01 signature"
    run "tc.named.$lang" 1 "$TLSSTEP" check tamper-cert --lang $lang --seed k1 --answer "$rec,$sig_off,01 host"
    run "tc.outside.$lang" 1 "$TLSSTEP" check tamper-cert --lang $lang --seed k1 --answer "$rec,3,01 parse"
    run "tc.spec.$lang" 1 "$TLSSTEP" check tamper-cert --lang $lang --seed k1 --answer "3,x,01 parse"
done
for f in tc.right tc.named tc.outside tc.spec; do
    korean "tamper-cert: $f in Korean" "$f.ko"
    english "tamper-cert: $f in English" "$f.en"
done
ok "tamper-cert: the alert and the error, in Korean" \
    grep -q "^풀림: 클라이언트가 bad_certificate (42)로 인증서를 거부했습니다: \`signature\` 검사 실패 (인증서 서명이" tc.right.ko
ok "tamper-cert: the English verdict is unchanged" \
    grep -q "^solved: the client rejected the certificate with bad_certificate (42): the 'signature' check failed" tc.right.en

# downgrade: flip a byte of the second suite (tamper_downgrade.sh)
first=$(sed -n 's/^ *cipher_suite  *.*\[\([0-9]*\)+2\]$/\1/p' en-downgrade/transcript.txt | head -2 | tail -1)
printf '1,%d,01\ndiffers %d\n' "$first" "$((first - 5))" >dg.right
printf '1,%d,01\ndiffers %d\n' "$first" "$first" >dg.wrong
for lang in ko en; do
    run "dg.right.$lang" 0 "$TLSSTEP" check downgrade --lang $lang --seed k1 --answer dg.right
    run "dg.wrong.$lang" 1 "$TLSSTEP" check downgrade --lang $lang --seed k1 --answer dg.wrong
done
for f in dg.right dg.wrong; do
    korean "downgrade: $f in Korean" "$f.ko"
    english "downgrade: $f in English" "$f.en"
done

# The TLS 1.3 exercises (tls13.sh has their reference solutions): right and
# wrong answers, in both languages.
sv=$(sed -n 's/^ *extension_type  *supported_versions (43)  \[\([0-9]*\)+2\]$/\1/p' en-downgrade-sentinel/transcript.txt | head -1)
printf 'tamper 1,%d,40\nalert illegal_parameter\ncheck downgrade_sentinel\ntls12 ok\n' "$((sv + 1))" >ds.right
printf 'tamper 1,%d,40\nalert illegal_parameter\ncheck downgrade_sentinel\ntls12 illegal_parameter\n' "$((sv + 1))" >ds.tls12
printf 'tamper 1,%d,40\nalert 47\ncheck check_server_finished\ntls12 ok\n' "$((sv + 1))" >ds.check
printf 'tamper 1,80,01\nalert 47\ncheck downgrade_sentinel\ntls12 ok\n' >ds.none
rec13=$(sed -n 's/^#\([0-9]*\) server → client  application_data (handshake inside)  Certificate .*/\1/p' en-tls13-tamper/transcript13.txt)
der_len=$(openssl x509 -in en-tls13-tamper/server.pem -outform DER | wc -c)
off=$((16 + der_len - 10))
printf 'tamper %s,%d,01\ntls13 bad_record_mac aead\ntls12 bad_certificate signature\n' "$rec13" "$off" >tt.right
printf 'tamper %s,%d,01\ntls13 bad_certificate signature\ntls12 bad_certificate signature\n' "$rec13" "$off" >tt.as12
printf 'tamper %s,%d,01\ntls13 bad_record_mac aead\ntls12 bad_record_mac aead\n' "$rec13" "$off" >tt.as13
printf 'tamper %s,3,01\ntls13 bad_record_mac aead\ntls12 bad_certificate signature\n' "$rec13" >tt.outside
for lang in ko en; do
    for f in ds.right ds.tls12 ds.check ds.none; do
        run "$f.$lang" "$([ $f = ds.right ] && echo 0 || echo 1)" "$TLSSTEP" check downgrade-sentinel --lang $lang --seed k1 --answer $f
    done
    for f in tt.right tt.as12 tt.as13 tt.outside; do
        run "$f.$lang" "$([ $f = tt.right ] && echo 0 || echo 1)" "$TLSSTEP" check tls13-tamper --lang $lang --seed k1 --answer $f
    done
    run "td.body.$lang" 1 "$TLSSTEP" check tls13-decrypt --lang $lang --seed k1 --answer 14000030
done
for f in ds.right ds.tls12 ds.check ds.none tt.right tt.as12 tt.as13 tt.outside td.body; do
    korean "TLS 1.3 exercises: $f in Korean" "$f.ko"
    english "TLS 1.3 exercises: $f in English" "$f.en"
done

# JSON carries English whatever the language.
"$TLSSTEP" check tamper-cert --lang ko --seed k1 --answer "$rec,$sig_off,01 host" --json >json.ko 2>&1
"$TLSSTEP" check tamper-cert --lang en --seed k1 --answer "$rec,$sig_off,01 host" --json >json.en 2>&1
ok "check --json: the same under --lang ko" cmp json.ko json.en
english "check --json: English" json.ko

# --- errors ---
run err.unknown.ko 2 "$TLSSTEP" exercise nope --lang ko
run err.check.ko 2 "$TLSSTEP" check tamper-cert --lang ko --answer x
run err.operand.ko 2 "$TLSSTEP" exercise --lang ko tamper-cert fermat
run err.robot.ko 2 "$TLSSTEP" exercise fermat --lang ko --seed r1 --attack
run err.seed.ko 2 "$TLSSTEP" exercise fermat --lang ko --seed ""
for f in err.unknown err.check err.operand err.robot err.seed; do
    unhinted "$f.ko"
    korean "error in Korean: $f" "$f.ko.msg"
done
run err.unknown.en 2 "$TLSSTEP" exercise nope --lang en
english "error in English" err.unknown.en
run help.ko 0 "$TLSSTEP" exercise --help --lang ko
run help.check.ko 0 "$TLSSTEP" check --lang=ko --help
# The options' values and the JSON keys are what one types or reads.
korean "exercise --help in Korean" help.ko "en,ko,stdin,stderr,ID-SEED"
korean "check --help in Korean" help.check.ko "en,ko,stdin,exercise,seed,solved,why"
run help.en 0 "$TLSSTEP" exercise --help --lang en
english "exercise --help in English" help.en

# --- robot: the tool's own attack and the oracle, in Korean ---
"$TLSSTEP" exercise robot --seed k1 --attack --lang ko >attack.ko 2>progress.ko
same "robot --attack --lang ko: exit 0" "$?" 0
# The answer lines ("premaster HEX", "signature HEX") are the answer's syntax.
grep -v '^premaster [0-9a-f]*$\|^signature [0-9a-f]*$' attack.ko >attack.ko.words
korean "robot --attack: summary in Korean" attack.ko.words
korean "robot --attack: progress in Korean" progress.ko
same "robot --attack: the answer lines as in English" \
    "$(grep -c '^premaster [0-9a-f]\{96\}$\|^signature [0-9a-f]*$' attack.ko)" 2
echo 00ff | "$TLSSTEP" exercise robot --seed k1 --oracle --lang ko >oracle.out 2>oracle.ko
same "robot --oracle: the alert is a number" "$(cat oracle.out)" 51
korean "robot --oracle: the count in Korean" oracle.ko

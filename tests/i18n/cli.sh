#!/usr/bin/env bash
# Every command but ui and exercise speaks Korean under --lang ko, and under
# a Korean locale (LANG, LC_MESSAGES, LANGUAGE): its output, its help and
# its errors hold no English outside protocol names, field names, hex,
# commands and option names (tests/i18n/english_left.py, after
# tests/i18n/fixed_english.py has removed the parts that stay English by
# design), and no particle after a number that the number's reading
# contradicts. English output holds no Hangul, and --json is the same bytes
# in either language. Text the engine writes in English (how a value was
# made, formulas, reasons, field notes) reaches the reader through its
# catalogue entries; until those exist it is reported here too.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh

T=$TLSSTEP
D="$TMP/d"
mkdir -p "$D"
# Protocol and tool words a Korean screen keeps (beyond english_left's
# list): the suites' short names, record content types, alert levels and
# point formats as the wire names them, the commands and the values a user
# types (en, ko, the flaws), X.509 and PKCS#1 names, the synopsis'
# metavariables, units and tools.
ALLOW=rsa,ecdhe,dhe,handshake,alert,warning,fatal,uncompressed,en,ko
ALLOW=$ALLOW,run,lessons,check,serve,connect,decode,prf,cert,exercise,version,ui
ALLOW=$ALLOW,no-verify,skip-ske-check,lax-pkcs1,PRIVATE,subjectAltName,SubjectPublicKeyInfo
ALLOW=$ALLOW,ServerDHParams,ServerECDHParams,dp,dq,qinv,mod,COMMAND,OPTIONS,SUBCOMMAND,SECONDS,SIGINT,SIGTERM,ADDR,TEXT
ALLOW=$ALLOW,keygen,from-factors,pub,encrypt,decrypt,sign,verify,raw,show
ALLOW=$ALLOW,UNIX,LANGUAGE,XDG_DATA_HOME,TLSSTEP_LESSONS,KiB,MiB,mkdir,xxd,hexdump,man,deb
# the values of run and ui --client-auth and --client-cert
ALLOW=$ALLOW,request,require,good,none,expired,foreign,stolen

# hangul FILE: prints FILE's lines that hold Hangul (numbered); true if any.
hangul() {
    python3 -c 'import re,sys
found = [f"{n}: {l.rstrip()}" for n, l in enumerate(open(sys.argv[1], encoding="utf-8", errors="replace"), 1)
         if re.search("[\uac00-\ud7a3]", l)]
print("\n".join(found[:5]))
sys.exit(0 if found else 1)' "$1"
}

# korean NAME CMD...: CMD's stdout and stderr, with LANGUAGE unset, hold no
# English a translation owns (CMD's exit status is not judged here).
korean() {
    local name=$1
    shift
    env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$@" >"$TMP/ko.out" 2>&1 </dev/null
    python3 tests/i18n/fixed_english.py <"$TMP/ko.out" >"$TMP/ko.clean"
    if python3 tests/i18n/english_left.py --allow "$ALLOW" "$TMP/ko.clean" >"$TMP/ko.left"; then
        if hangul "$TMP/ko.out" >/dev/null; then
            echo "ok - ko: $name"
        else
            echo "not ok - ko: $name: no Korean at all"
            head -3 "$TMP/ko.out" | sed 's/^/    # /'
        fi
    else
        echo "not ok - ko: $name: $(wc -l <"$TMP/ko.left") lines with English"
        sed "s|^$TMP/ko.clean:|    # |" "$TMP/ko.left" | head -12
    fi
}

# english NAME CMD...: CMD's output in English holds no Hangul.
english() {
    local name=$1
    shift
    env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 "$@" >"$TMP/en.out" 2>&1 </dev/null
    if hangul "$TMP/en.out" >"$TMP/en.left"; then
        echo "not ok - en: $name: Hangul in English output"
        head -5 "$TMP/en.left" | sed 's/^/    # /'
    else
        echo "ok - en: $name"
    fi
}

# both NAME ARGS...: `tlsstep ARGS --lang ko` is Korean, `--lang en` English.
both() {
    local name=$1
    shift
    korean "$name" "$T" "$@" --lang ko
    english "$name" "$T" "$@" --lang en
}

# --- fixtures: a key, a signature, a PKI, records as hex ---
"$T" rsa keygen --bits 512 --seed i18n --out "$D/key.pem" >/dev/null 2>&1 &&
    printf 'hello' >"$D/data" &&
    "$T" rsa sign --in "$D/key.pem" --data "$D/data" --out "$D/data.sig" >/dev/null 2>&1 &&
    "$T" run --seed i18n --json >"$D/run.json" 2>/dev/null &&
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print("".join(m["hex"] for m in d["messages"][:3]))' "$D/run.json" >"$D/records.hex" ||
    { echo "not ok - i18n cli: fixtures"; exit 1; }
printf '16030300051400000c' >"$D/bad.hex" # a record whose Finished is cut short
# the records of a TLS 1.3 run with a HelloRetryRequest, as hex
"$T" run --seed i18n --suite tls13-chacha --group ffdhe2048 --json 2>/dev/null |
    python3 -c 'import json,sys; print("".join(m["hex"] for m in json.load(sys.stdin)["messages"]))' \
        >"$D/records13.hex" || { echo "not ok - i18n cli: TLS 1.3 fixtures"; exit 1; }

# --- run ---
both "run" run --seed i18n
for suite in rsa ecdhe dhe null; do
    both "run --suite $suite" run --seed i18n --suite "$suite"
done
both "run --lesson rsa-handshake" run --lesson rsa-handshake
both "run --lesson forward-secrecy" run --lesson forward-secrecy
both "run --lesson tls13-handshake" run --lesson tls13-handshake
both "run --lesson tls12-vs-tls13 (HelloRetryRequest)" run --lesson tls12-vs-tls13 --tls 1.3 \
    --group ffdhe2048
both "run --lesson rsa-textbook" run --lesson rsa-textbook
both "run --tamper (a changed record: an alert)" run --seed i18n --tamper 2,40,01
both "run --drop (a missing record: stalled)" run --seed i18n --drop 3
both "run --replay" run --seed i18n --replay 1
both "run --host (a run that fails: wrong name)" run --seed i18n --host other.example
both "run --no-verify --ems" run --seed i18n --no-verify --ems
# TLS 1.3: the records named by their inner type, the key schedule with its
# reproduce commands, a HelloRetryRequest and KeyUpdate, a refused change
both "run --tls 1.3" run --seed i18n --tls 1.3
both "run --tls 1.3 (HelloRetryRequest, KeyUpdate)" run --seed i18n --suite tls13-chacha \
    --group ffdhe2048 --key-update
both "run --tls 1.3 --tamper (an alert)" run --seed i18n --tls 1.3 --tamper 5,20,01
# mutual TLS: the client's certificate and signature, and two refusals
both "run --client-auth require" run --seed i18n --client-auth require
both "run --tls 1.3 --client-auth require --client-cert none (certificate_required)" run \
    --seed i18n --tls 1.3 --client-auth require --client-cert none
both "run --client-auth request --client-cert expired (certificate_expired)" run --seed i18n \
    --client-auth request --client-cert expired

# --- the other commands ---
both "lessons" lessons
both "lessons --steps" lessons --steps
both "check (not solved)" check tamper-cert --seed 7 --answer 3,10,ff
both "prf (bad hex)" prf --hash sha256 --secret zz --label x --seed 00 --length 4
both "prf (missing options)" prf --hash sha256
both "rsa show" rsa show --in "$D/key.pem"
both "rsa verify" rsa verify --in "$D/key.pem" --data "$D/data" --sig "$D/data.sig"
both "rsa verify (a bad signature)" rsa verify --in "$D/key.pem" --data "$D/data.sig" --sig "$D/data.sig"
both "rsa decrypt (not a key)" rsa decrypt --in "$D/data" --data "$D/data"
both "cert" cert --seed i18n --bits 512 --now 1767225600 --out-dir "$D/pki"
both "decode" decode "$D/records.hex"
both "decode (a record that does not decode)" decode "$D/bad.hex"
both "decode (malformed hex)" decode --hex "$D/data"
both "decode (TLS 1.3 records)" decode "$D/records13.hex"
both "connect (nothing listening)" connect 127.0.0.1:1 --no-verify --timeout 2

# serve and connect, one connection between them, each in Korean
timeout 60 "$T" serve --port 0 --once --lang ko --bits 1024 --seed i18n --timeout 10 \
    --out-dir "$D/serve" >"$D/serve.out" 2>&1 &
server=$!
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's/^연결 대기 중: 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$D/serve.out")
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -n "$port" ]; then
    korean "connect (to tlsstep serve)" timeout 60 "$T" connect "127.0.0.1:$port" --lang ko \
        --cafile "$D/serve/ca.pem" --host localhost --seed i18n --timeout 10
    wait "$server"
    korean "serve" cat "$D/serve.out"
    hangul "$D/serve.out" >/dev/null && grep -q '\[받음\]' "$D/serve.out" &&
        grep -q '\[보냄\]' "$D/serve.out"
    same "serve: records marked received and sent in Korean" "$?" 0
else
    kill "$server" 2>/dev/null
    echo "not ok - serve --lang ko: never said it was listening"
    sed 's/^/    # /' "$D/serve.out" | head -5
fi

# --- help: the overview and every command's --help ---
korean "tlsstep --help" "$T" --help --lang ko
english "tlsstep --help" "$T" --help --lang en
korean "tlsstep --lang ko --help" "$T" --lang ko --help
for cmd in run lessons check prf hkdf aead rsa cert decode serve connect version; do
    both "$cmd --help" "$cmd" --help
done
for sub in keygen from-factors pub encrypt decrypt sign verify raw show; do
    both "rsa $sub --help" rsa "$sub" --help
done

# --- usage errors: every row of tests/cli/bad_input.sh's table, in Korean
# through the locale (LANGUAGE=ko), so the arguments stay those of the row ---
O="$D/out.file" OD="$D/outdir" KEY="$D/key.pem" PUB="$D/pub.pem" DATA="$D/data"
BIG="$D/big" SIG="$D/data.sig" JUNK="$D/junk.pem" NODIR="$D/data/no/such/dir"
"$T" rsa pub --in "$KEY" --out "$PUB" >/dev/null 2>&1
head -c 200 /dev/zero >"$BIG"
printf 'not a key\n' >"$JUNK"
MISSING="$D/missing.file" LONG=$(printf 'x%.0s' $(seq 1 300))
HEX64=$(printf 'ff%.0s' $(seq 1 64))
mkdir -p "$OD"
table=$(sed -n "/^table=\$(cat <<'EOF'/,/^EOF/p" tests/cli/bad_input.sh | sed '1d;$d')
rows=0
bad=0
while IFS='|' read -r cmd args; do
    cmd=$(echo "$cmd" | tr -d ' ')
    [ -z "$cmd" ] && continue
    eval "words=($args)"
    [ "$cmd" = top ] && argv=("${words[@]}") || argv=("$cmd" "${words[@]}")
    rows=$((rows + 1))
    env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 LANGUAGE=ko timeout 20 "$T" "${argv[@]}" \
        </dev/null >/dev/null 2>"$TMP/err"
    python3 tests/i18n/fixed_english.py <"$TMP/err" >"$TMP/err.clean"
    if ! python3 tests/i18n/english_left.py --allow "$ALLOW" "$TMP/err.clean" >"$TMP/err.left" ||
        ! hangul "$TMP/err" >/dev/null; then
        bad=$((bad + 1))
        echo "    # tlsstep ${argv[*]//$D/D}"
        sed 's/^/    #   /' "$TMP/err" | head -2
    fi
done <<<"$table"
same "ko: the $rows usage errors of tests/cli/bad_input.sh are Korean" "$bad" 0

# --- the locale chooses the language; --lang wins over it ---
first_line() { env -u LANGUAGE -u LC_ALL -u LC_MESSAGES "$@" "$T" run --seed i18n | head -1; }
same "LANG=ko_KR.UTF-8 selects Korean" "$(first_line LANG=ko_KR.UTF-8)" "시드: i18n"
same "LC_MESSAGES=ko_KR.UTF-8 selects Korean" \
    "$(first_line LANG=C.UTF-8 LC_MESSAGES=ko_KR.UTF-8)" "시드: i18n"
same "LANGUAGE=ko selects Korean" "$(first_line LANG=en_US.UTF-8 LANGUAGE=ko)" "시드: i18n"
same "LANGUAGE=ja:ko selects Korean (the first known)" \
    "$(first_line LANG=C.UTF-8 LANGUAGE=ja:ko)" "시드: i18n"
same "LANG=C.UTF-8 is English" "$(first_line LANG=C.UTF-8)" "seed: i18n"
same "--lang en wins over LANG=ko_KR.UTF-8" \
    "$(LANG=ko_KR.UTF-8 "$T" run --seed i18n --lang en | head -1)" "seed: i18n"
same "check honours LANG=ko_KR.UTF-8" \
    "$(LANG=ko_KR.UTF-8 "$T" check tamper-cert --seed 7 --answer 3,10,ff | cut -d: -f1)" "풀리지 않음"
same "errors honour LANGUAGE=ko" "$(LANGUAGE=ko "$T" nosuchcommand 2>&1)" \
    "tlsstep: 알 수 없는 명령: 'nosuchcommand' ('tlsstep --help' 참고)"

# --- JSON is English, the same bytes in every language ---
json_same() {
    local name=$1
    shift
    "$T" "$@" --lang en >"$TMP/en.json" 2>/dev/null
    "$T" "$@" --lang ko >"$TMP/ko.json" 2>/dev/null
    if [ -s "$TMP/en.json" ] && cmp -s "$TMP/en.json" "$TMP/ko.json"; then
        echo "ok - --json is the same in en and ko: $name"
    else
        echo "not ok - --json differs between en and ko: $name"
        diff "$TMP/en.json" "$TMP/ko.json" | head -6 | sed 's/^/    # /'
    fi
}
json_same "run" run --seed i18n --json
json_same "run --tamper" run --seed i18n --tamper 2,40,01 --json
json_same "run --tls 1.3 (HelloRetryRequest, KeyUpdate)" run --seed i18n --suite tls13-chacha \
    --group ffdhe2048 --key-update --json
json_same "run --lesson" run --lesson rsa-handshake --seed i18n --json
json_same "decode" decode "$D/bad.hex" --json
json_same "check" check tamper-cert --seed 7 --answer 3,10,ff --json

# --- the English transcript is the one the README and the lessons show ---
same "English transcript unchanged by --lang en" \
    "$("$T" run --seed i18n --lang en | md5sum)" "$(LANG=C.UTF-8 "$T" run --seed i18n | md5sum)"
same "English TLS 1.3 transcript unchanged by --lang en" \
    "$("$T" run --seed i18n --tls 1.3 --lang en | md5sum)" \
    "$(LANG=C.UTF-8 "$T" run --seed i18n --tls 1.3 | md5sum)"

# A program copied away from its catalogue says so once, in English, and goes on.
mkdir -p "$TMP/alone"
cp "$TLSSTEP" "$TMP/alone/tlsstep"
(cd / && env -u TLSSTEP_LOCALEDIR "$TMP/alone/tlsstep" run --seed 1 --lang ko >"$TMP/alone.out" 2>"$TMP/alone.err")
ok "no catalogue: a warning names where it looked" grep -q "no 'ko' catalogue" "$TMP/alone.err"
ok "no catalogue: the run goes on in English" grep -q '^seed: 1$' "$TMP/alone.out"
(cd / && env -u TLSSTEP_LOCALEDIR "$TMP/alone/tlsstep" run --seed 1 --lang en >/dev/null 2>"$TMP/alone.en")
same "no catalogue: no warning in English" "$(cat "$TMP/alone.en")" ""

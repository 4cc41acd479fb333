#!/usr/bin/env bash
# Bad input at every door (issue 7 §5): each row of the table below gives a
# command a missing, malformed, out-of-range or contradictory value. Every
# one must exit 2 with exactly one line on stderr, print nothing on stdout,
# and write nothing: the output file $O must not exist afterwards and the
# output directory $OD must stay empty. Rows of a command that is not
# registered yet (tlsstep --help does not list it) are skipped; rows of an
# option a command does not have yet are skipped the same way. Malformed
# answers to `tlsstep check` have their own table at the end: they are
# verdicts (exit 1, "not solved: WHY"), not bad usage.
#
# Table: COMMAND | ARGUMENTS (bash words; $O, $OD and the fixtures below
# may be used). COMMAND is the first word, used to skip unknown commands.
source tests/lib.sh

D="$TMP/d"
mkdir -p "$D"
O="$D/out.file"        # must never be created
OD="$D/outdir"         # must stay empty
KEY="$D/key.pem"       # a 512-bit private key
PUB="$D/pub.pem"       # its public key
DATA="$D/data.bin"     # a few bytes
BIG="$D/big.bin"       # more than a 512-bit modulus can encrypt
SIG="$D/data.sig"      # a signature of DATA
JUNK="$D/junk.pem"     # not a key
NODIR="$DATA/no/such/dir"  # under a file: cannot be made
MISSING="$D/missing.file"
LONG=$(printf 'x%.0s' $(seq 1 300))
HEX64=$(printf 'ff%.0s' $(seq 1 64))

"$TLSSTEP" rsa keygen --bits 512 --seed bad-input --out "$KEY" >/dev/null 2>&1 &&
    "$TLSSTEP" rsa pub --in "$KEY" --out "$PUB" >/dev/null 2>&1 &&
    printf 'hello' >"$DATA" && head -c 200 /dev/zero >"$BIG" &&
    "$TLSSTEP" rsa sign --in "$KEY" --data "$DATA" --out "$SIG" >/dev/null 2>&1 &&
    printf 'not a key\n' >"$JUNK" ||
    { echo "not ok - bad input: fixtures"; exit 1; }

table=$(cat <<'EOF'
top      | nope
top      | --nope
run      | --bits 7
run      | --bits 4097
run      | --bits 99999999999999999999
run      | --bits abc
run      | --bits ''
run      | --bits -512
run      | --bits
run      | --suite nope
run      | --suite ''
run      | --tls 1.4
run      | --tls 1
run      | --tls ''
run      | --tls 1.2 --suite tls13-aes
run      | --tls 1.3 --suite ecdhe
run      | --group x448
run      | --group ffdhe2048
run      | --suite rsa --group x25519
run      | --key-update
run      | --tls 1.2 --key-update
run      | --pad 9
run      | --tls 1.3 --pad 256
run      | --tls 1.3 --pad -1
connect  | 127.0.0.1:4433 --no-verify --tls 1.2 --pad 5
run      | --seed ''
run      | --seed "$LONG"
run      | --tamper 999,0,01
run      | --tamper 1,0,00
run      | --tamper 1,0
run      | --tamper 1,0,zz
run      | --tamper 1,0,100
run      | --tamper 0,0,01
run      | --tamper a,b,c
run      | --tamper ''
run      | --tamper 1,99999,01
run      | --tamper 3,-1,ff
run      | --tamper 3,+1,ff
run      | --tamper 3,,01
run      | --tamper ' 3,1,01'
run      | --tamper 3,99999999999999999999,01
run      | --tamper 3,1,0x100
run      | --drop 0
run      | --drop x
run      | --drop 999
run      | --replay 0
run      | --replay 999
run      | --file "$MISSING"
run      | --file "$D"
run      | --file ''
run      | --host ''
run      | --host 'bad host'
run      | --now abc
run      | --now -1
run      | --lang xx
run      | --lesson no-such-lesson
run      | --nope
run      | extra-argument
run      | --json=yes
run      | --pcap "$D"
run      | --pcap "$NODIR/x.pcap"
run      | --keylog "$D"
prf      |
prf      | --hash md5 --secret 00 --label x --seed 00 --length 4
prf      | --hash sha256 --secret zz --label x --seed 00 --length 4
prf      | --hash sha256 --secret abc --label x --seed 00 --length 4
prf      | --hash sha256 --secret 00 --label x --seed gg --length 4
prf      | --hash sha256 --secret 00 --label x --seed 00 --length 0
prf      | --hash sha256 --secret 00 --label x --seed 00 --length 65537
prf      | --hash sha256 --secret 00 --label x --seed 00 --length x
prf      | --hash sha256 --secret 00 --seed 00 --length 4
prf      | --hash sha256 --secret 00 --label x --seed 00
prf      | --hash sha256 --secret 00 --label x --seed 00 --length 4 --nope
prf      | --hash
rsa      |
rsa      | nope
rsa      | keygen --bits 7 --out "$O"
rsa      | keygen --bits 5000 --out "$O"
rsa      | keygen --bits x --out "$O"
rsa      | keygen --out "$O"
rsa      | keygen --bits 512 --e 4 --out "$O"
rsa      | keygen --bits 512 --e 1 --out "$O"
rsa      | keygen --bits 512 --seed '' --out "$O"
rsa      | keygen --bits 512 --out "$NODIR/k.pem"
rsa      | keygen --bits 512 --out "$D"
rsa      | keygen --bits 512 --out "$O" --nope
rsa      | from-factors --p zz --q 0b --out "$O"
rsa      | from-factors --p 0b --out "$O"
rsa      | from-factors --p 0b --q 0b --out "$O"
rsa      | from-factors --p 0c --q 0b --out "$O"
rsa      | from-factors --p 0b --q 0d --e 0 --out "$O"
rsa      | pub --in "$MISSING" --out "$O"
rsa      | pub --in "$D" --out "$O"
rsa      | pub --in "$JUNK" --out "$O"
rsa      | pub --out "$O"
rsa      | encrypt --in "$KEY" --data "$MISSING" --out "$O"
rsa      | encrypt --in "$KEY" --data "$BIG" --out "$O"
rsa      | encrypt --in "$KEY" --out "$O"
rsa      | encrypt --in "$KEY" --data "$DATA" --seed '' --out "$O"
rsa      | decrypt --in "$PUB" --data "$DATA" --out "$O"
rsa      | decrypt --in "$KEY" --data "$D" --out "$O"
rsa      | sign --in "$KEY" --data "$DATA" --hash md5 --out "$O"
rsa      | sign --in "$PUB" --data "$DATA" --out "$O"
rsa      | sign --in "$JUNK" --data "$DATA" --out "$O"
rsa      | verify --in "$KEY" --data "$DATA"
rsa      | verify --in "$KEY" --data "$DATA" --sig "$MISSING"
rsa      | verify --in "$KEY" --data "$DATA" --sig "$SIG" --hash md5
rsa      | raw --in "$KEY" --public --private --hex 01
rsa      | raw --in "$KEY" --hex 01
rsa      | raw --in "$KEY" --public --hex zz
rsa      | raw --in "$KEY" --public --hex "$HEX64"
rsa      | raw --in "$PUB" --private --hex 01
rsa      | show
rsa      | show --in "$JUNK"
cert     |
cert     | --out-dir "$NODIR"
cert     | --out-dir "$DATA"
cert     | --bits 7 --out-dir "$OD"
cert     | --bits 512 --now abc --out-dir "$OD"
cert     | --bits 512 --host '' --out-dir "$OD"
cert     | --bits 512 --host 'a b' --out-dir "$OD"
cert     | --bits 512 --seed '' --out-dir "$OD"
cert     | --bits 512 --out-dir "$OD" extra
decode   | "$MISSING"
decode   | "$D"
decode   | --hex "$JUNK"
decode   | --hex --raw "$DATA"
decode   | --nope
lessons  | --lang xx
lessons  | --lessons "$MISSING"
lessons  | --nope
serve    | --port 70000
serve    | --port abc
serve    | --port ''
serve    | --file "$MISSING"
serve    | --host '' --port 0
serve    | --out-dir "$NODIR" --port 0
connect  |
connect  | 127.0.0.1
connect  | 127.0.0.1:70000 --no-verify
connect  | 127.0.0.1:abc --no-verify
connect  | 127.0.0.1:4433
connect  | 127.0.0.1:4433 --cafile "$MISSING"
connect  | 127.0.0.1:4433 --cafile "$JUNK"
connect  | 127.0.0.1:4433 --no-verify --tls 1.2 --key-update
connect  | 127.0.0.1:4433 --no-verify --tls 1.2 --group x25519
connect  | 127.0.0.1:4433 --no-verify --tls 1.2 --suite tls13-chacha
connect  | 127.0.0.1:4433 --no-verify --group secp256r1
serve    | --tls 1.0
serve    | --tls 1.3 --suite null
check    | no-such-exercise
check    |
exercise | no-such-exercise
ui       | --bits 7
ui       | --suite nope
ui       | --tls 2
ui       | --group ffdhe2048
ui       | --seed ''
ui       | no-such-lesson
EOF
)

commands=$("$TLSSTEP" --help 2>/dev/null | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p')
has_command() {
    [ "$1" = top ] || grep -qx "$1" <<<"$commands"
}
# has_options CMD WORDS...: false when a --option among WORDS is not in
# CMD's help (an option still to come)
has_options() {
    local cmd=$1 help w
    shift
    [ "$cmd" = top ] && return 0
    if [ "$cmd" = rsa ] && [ $# -gt 0 ] && [[ $1 != -* ]]; then
        help=$("$TLSSTEP" rsa "$1" --help 2>&1) # the subcommand's options
    else
        help=$("$TLSSTEP" "$cmd" --help 2>&1)
    fi
    for w in "$@"; do
        case $w in
        --nope | --json=yes) ;;
        --*) grep -q -- "${w%%=*}" <<<"$help" || return 1 ;;
        esac
    done
}

rows=0
skipped=0
while IFS='|' read -r cmd args; do
    cmd=$(echo "$cmd" | tr -d ' ')
    [ -z "$cmd" ] && continue
    eval "words=($args)"
    if ! has_command "$cmd" || ! has_options "$cmd" "${words[@]}"; then
        skipped=$((skipped + 1))
        [ -n "${BAD_INPUT_VERBOSE:-}" ] && echo "# skipped: $cmd $args"
        continue
    fi
    rows=$((rows + 1))
    rm -rf "$O" "$OD"
    mkdir -p "$OD"
    if [ "$cmd" = top ]; then
        argv=("${words[@]}")
    else
        argv=("$cmd" "${words[@]}")
    fi
    name="tlsstep ${argv[*]//$D/D}"
    name=${name//$LONG/x...x}
    name=${name//$HEX64/ff...ff}
    timeout 20 "$TLSSTEP" "${argv[@]}" </dev/null >"$TMP/stdout" 2>"$TMP/stderr"
    rc=$?
    lines=$(wc -l <"$TMP/stderr")
    problems=()
    [ "$rc" -eq 2 ] || problems+=("exit $rc, wanted 2")
    [ "$lines" -eq 1 ] || problems+=("$lines lines on stderr, wanted 1")
    [ -s "$TMP/stdout" ] && problems+=("wrote to stdout")
    [ -e "$O" ] && problems+=("created the output file")
    [ -n "$(ls -A "$OD")" ] && problems+=("wrote into the output directory")
    if [ ${#problems[@]} -eq 0 ]; then
        echo "ok - $name"
    else
        echo "not ok - $name: ${problems[*]}"
        sed 's/^/    # stderr: /' "$TMP/stderr" | head -5
        sed 's/^/    # stdout: /' "$TMP/stdout" | head -3
    fi
done <<<"$table"
# A malformed answer to `tlsstep check` is not bad usage but a verdict (the
# checker decides answers; exit 2 is for the command line): exit 1, one
# line "not solved: WHY" on stdout naming what is wrong, nothing on stderr.
# Table: ARGUMENTS of check | text WHY must contain.
verdicts=$(cat <<'EOF'
tamper-cert --seed 7 --answer '3,-1,ff signature' | byte OFFSET '-1' is not a whole number
tamper-cert --seed 7 --answer '0,300,01 signature' | record N '0'
tamper-cert --seed 7 --answer '3,300,00 signature' | XOR '00' is zero
tamper-cert --seed 7 --answer '3,99999999999999999999,01 signature' | byte OFFSET
downgrade --seed 7 --answer $'1,-5,01\ndiffers 3' | byte OFFSET '-5'
EOF
)
if has_command check; then
    while IFS='|' read -r args want; do
        [ -z "$args" ] && continue
        eval "words=($args)"
        want=$(echo "$want" | sed 's/^ *//; s/ *$//')
        rows=$((rows + 1))
        name="tlsstep check ${words[*]}"
        name=${name//$'\n'/\\n}
        timeout 60 "$TLSSTEP" check "${words[@]}" </dev/null >"$TMP/stdout" 2>"$TMP/stderr"
        rc=$?
        problems=()
        [ "$rc" -eq 1 ] || problems+=("exit $rc, wanted 1 (not solved)")
        [ "$(wc -l <"$TMP/stdout")" -eq 1 ] || problems+=("wanted one line on stdout")
        grep -q '^not solved: ' "$TMP/stdout" || problems+=("no 'not solved:' line")
        grep -qF -- "$want" "$TMP/stdout" || problems+=("does not say '$want'")
        [ -s "$TMP/stderr" ] && problems+=("wrote to stderr")
        if [ ${#problems[@]} -eq 0 ]; then
            echo "ok - $name"
        else
            echo "not ok - $name: ${problems[*]}"
            sed 's/^/    # stderr: /' "$TMP/stderr" | head -5
            sed 's/^/    # stdout: /' "$TMP/stdout" | head -3
        fi
    done <<<"$verdicts"
else
    skipped=$((skipped + 5))
fi
# What the one line says: why a file cannot be read (as the system says
# it), and a pointer given once. Table: ARGUMENTS | text the line on stderr
# must hold exactly once ($D and the fixtures may be used in both).
says=$(cat <<'EOF'
connect 127.0.0.1:4433 --cafile "$MISSING" | cannot read --cafile '$MISSING': No such file or directory
connect 127.0.0.1:4433 --cafile "$D" | cannot read --cafile '$D': Is a directory
connect 127.0.0.1:4433 --cafile "$JUNK" | --cafile '$JUNK' holds no PEM certificate
decode "$MISSING" | cannot read '$MISSING': No such file or directory
run --file "$MISSING" | cannot read --file '$MISSING': No such file or directory
serve --file "$MISSING" --port 0 | cannot read --file '$MISSING': No such file or directory
exercise no-such-exercise | (
check no-such-exercise --seed 1 --answer x | no exercise 'no-such-exercise' (the list: 'tlsstep exercise')
EOF
)
while IFS='|' read -r args want; do
    [ -z "$args" ] && continue
    eval "words=($args)"
    want=${want# }
    want=${want//\$MISSING/$MISSING}
    want=${want//\$JUNK/$JUNK}
    want=${want//\$D/$D}
    rows=$((rows + 1))
    name="tlsstep ${words[*]//$D/D} says '${want//$D/D}' once"
    timeout 20 "$TLSSTEP" "${words[@]}" </dev/null >"$TMP/stdout" 2>"$TMP/stderr"
    n=$(grep -oF -- "$want" "$TMP/stderr" | wc -l)
    if [ "$n" -eq 1 ]; then
        echo "ok - $name"
    else
        echo "not ok - $name (found $n times)"
        sed 's/^/    # stderr: /' "$TMP/stderr" | head -5
    fi
done <<<"$says"
echo "# bad input: $rows rows run, $skipped skipped (command or option not there yet)"

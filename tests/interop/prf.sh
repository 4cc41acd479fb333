#!/usr/bin/env bash
# `tlsstep prf` against OpenSSL's TLS1-PRF (`openssl kdf`), the published
# TLS 1.2 PRF vectors, and its handling of bad input (exit 2).
source tests/lib.sh

# hex of a text, lowercase, no separators
hexof() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }

# openssl_prf HASH SECRET_HEX LABEL SEED_HEX LENGTH: OpenSSL's PRF output as
# lowercase hex (openssl prints colon-separated uppercase).
openssl_prf() {
    local seed
    seed=$(hexof "$3")$4
    # OpenSSL wants a non-empty hexsecret value; an empty secret is given as
    # a plain "secret:" option instead.
    local sopt="hexsecret:$2"
    [ -z "$2" ] && sopt="secret:"
    openssl kdf -keylen "$5" -kdfopt "digest:$1" -kdfopt "$sopt" \
        -kdfopt "hexseed:$seed" TLS1-PRF | tr -d ':\n' | tr 'A-F' 'a-f'
}

# match NAME GOT WANT: as same, but an empty WANT (a tool that failed) fails.
match() {
    if [ -z "$3" ]; then
        echo "not ok - $1 (no expected value: the reference command failed)"
    else
        same "$1" "$2" "$3"
    fi
}

ours() { "$TLSSTEP" prf --hash "$1" --secret "$2" --label "$3" --seed "$4" --length "$5"; }

secret=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
seed=fedcba98765432100011223344556677
for hash in sha256 sha384; do
    dgst=${hash^^}
    for n in 1 12 48 100 148; do
        match "prf $hash length $n matches openssl kdf" \
            "$(ours $hash $secret "key expansion" $seed $n)" \
            "$(openssl_prf "$dgst" $secret "key expansion" $seed $n)"
    done
    match "prf $hash empty seed matches openssl kdf" \
        "$(ours $hash $secret "master secret" "" 48)" \
        "$(openssl_prf "$dgst" $secret "master secret" "" 48)"
    # A long secret (more than one HMAC block) is hashed first.
    long=$(printf 'ab%.0s' $(seq 200))
    match "prf $hash 200-byte secret matches openssl kdf" \
        "$(ours $hash "$long" "client finished" $seed 12)" \
        "$(openssl_prf "$dgst" "$long" "client finished" $seed 12)"
done

if openssl kdf -keylen 8 -kdfopt digest:SHA256 -kdfopt secret: -kdfopt hexseed:00 \
    TLS1-PRF >/dev/null 2>&1; then
    match "prf empty secret matches openssl kdf" \
        "$(ours sha256 "" "test label" $seed 32)" \
        "$(openssl_prf SHA256 "" "test label" $seed 32)"
else
    echo "ok - prf empty secret # SKIP this openssl refuses an empty secret"
fi

# Separators and 0x are accepted in hex inputs.
same "prf accepts separated and 0x hex" \
    "$(ours sha256 "0x01:23 45-67" "l" "AB:CD" 20)" \
    "$(ours sha256 01234567 "l" abcd 20)"

# The published vectors (/work/shared/vectors/tls12-prf.txt: IETF TLS WG
# list message 03416, as in Botan tls_prf.vec and GnuTLS tls12-prf.c).
same "prf sha256 published vector" \
    "$(ours sha256 9bbe436ba940f017b17652849a71db35 "test label" a0ba9f936cda311827a6f796ffd5198c 100)" \
    e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff70187347b66
same "prf sha384 published vector" \
    "$(ours SHA-384 b80b733d6ceefcdc71566ea48e5567df "test label" cd665cf6a8447dd6ff8b27555edb7465 148)" \
    7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cde9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d9184259b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee691c8f3a26854308d5eaa3be85e0990703d73e56f

# Output is lowercase hex and one newline, nothing else; the maximum length works.
out=$(ours sha256 00 x 00 65536 | wc -c)
same "prf --length 65536 prints 131072 digits and a newline" "$out" 131073
ours sha384 00 x 00 5 >"$TMP/one"
same "prf output is one line of lowercase hex" "$(grep -c '^[0-9a-f]\{10\}$' "$TMP/one")/$(wc -l <"$TMP/one")" "1/1"
ok "prf --help exits 0" "$TLSSTEP" prf --help
same "prf --help goes to stdout" "$("$TLSSTEP" prf --help 2>/dev/null | head -c 6)" "usage:"

# Bad input: exit 2, one line on stderr, nothing on stdout.
fails "prf bad secret hex" 2 ours sha256 0g x 00 12
fails "prf odd-length seed hex" 2 ours sha256 00 x 123 12
fails "prf unknown hash" 2 ours md5 00 x 00 12
fails "prf length 0" 2 ours sha256 00 x 00 0
fails "prf length 65537" 2 ours sha256 00 x 00 65537
fails "prf length not a number" 2 ours sha256 00 x 00 12abc
fails "prf negative length" 2 ours sha256 00 x 00 -1
fails "prf missing --hash" 2 "$TLSSTEP" prf --secret 00 --label x --seed 00 --length 12
fails "prf missing --secret" 2 "$TLSSTEP" prf --hash sha256 --label x --seed 00 --length 12
fails "prf missing --label" 2 "$TLSSTEP" prf --hash sha256 --secret 00 --seed 00 --length 12
fails "prf missing --seed" 2 "$TLSSTEP" prf --hash sha256 --secret 00 --label x --length 12
fails "prf missing --length" 2 "$TLSSTEP" prf --hash sha256 --secret 00 --label x --seed 00
fails "prf option without value" 2 "$TLSSTEP" prf --hash sha256 --secret 00 --label x --seed 00 --length
fails "prf unknown option" 2 "$TLSSTEP" prf --hash sha256 --secret 00 --label x --seed 00 --length 1 --bogus
fails "prf stray argument" 2 "$TLSSTEP" prf --hash sha256 --secret 00 --label x --seed 00 --length 1 extra
"$TLSSTEP" prf --hash sha256 --secret zz --label x --seed 00 --length 1 >"$TMP/o" 2>"$TMP/e"
same "prf error: nothing on stdout, one line on stderr" "$(wc -c <"$TMP/o")/$(wc -l <"$TMP/e")" "0/1"

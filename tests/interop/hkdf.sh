#!/usr/bin/env bash
# `tlsstep hkdf` against OpenSSL 3's HKDF and TLS13-KDF (`openssl kdf`) for
# random inputs of every hash, the published values (RFC 5869 A.1, RFC 8448
# §3), and its handling of bad input (exit 2).
source tests/lib.sh

lower() { tr -d ':\n' | tr 'A-F' 'a-f'; }
rand() { openssl rand -hex "$1"; }

# match NAME GOT WANT: as same, but an empty WANT (a tool that failed) fails.
match() {
    if [ -z "$3" ]; then
        echo "not ok - $1 (no expected value: the reference command failed)"
    else
        same "$1" "$2" "$3"
    fi
}

for hash in sha256 sha384 sha512; do
    dgst=${hash^^}
    for round in 1 2 3; do
        ikm=$(rand $((round * 20))) salt=$(rand $((round * 7))) info=$(rand $((round * 5)))
        prk=$("$TLSSTEP" hkdf extract --hash $hash --salt "$salt" --ikm "$ikm")
        match "extract $hash #$round matches openssl kdf HKDF" "$prk" \
            "$(openssl kdf -keylen "$(($(printf %s "$prk" | wc -c) / 2))" -kdfopt digest:$dgst \
                -kdfopt mode:EXTRACT_ONLY -kdfopt hexkey:"$ikm" -kdfopt hexsalt:"$salt" HKDF | lower)"
        for n in 1 16 100; do
            match "expand $hash #$round, $n bytes, matches openssl kdf HKDF" \
                "$("$TLSSTEP" hkdf expand --hash $hash --prk "$prk" --info "$info" --length $n)" \
                "$(openssl kdf -keylen $n -kdfopt digest:$dgst -kdfopt mode:EXPAND_ONLY \
                    -kdfopt hexkey:"$prk" -kdfopt hexinfo:"$info" HKDF | lower)"
        done
        for label in key iv finished "c hs traffic" "traffic upd"; do
            ctx=$(rand $((round * 8)))
            match "expand-label $hash '$label' matches openssl kdf TLS13-KDF" \
                "$("$TLSSTEP" hkdf expand-label --hash $hash --secret "$prk" --label "$label" \
                    --context "$ctx" --length 32)" \
                "$(openssl kdf -keylen 32 -kdfopt digest:$dgst -kdfopt mode:EXPAND_ONLY \
                    -kdfopt hexkey:"$prk" -kdfopt "prefix:tls13 " -kdfopt "label:$label" \
                    -kdfopt hexdata:"$ctx" TLS13-KDF | lower)"
        done
    done
done

# The published values.
same "RFC 5869 A.1: PRK" \
    "$("$TLSSTEP" hkdf extract --hash sha256 --salt 000102030405060708090a0b0c \
        --ikm 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b)" \
    077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5
same "RFC 8448 §3: early secret (empty salt: zeros)" \
    "$("$TLSSTEP" hkdf extract --hash sha256 --salt "" --ikm "$(printf '0%.0s' {1..64})")" \
    33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a
same "RFC 8448 §3: derive-secret \"derived\" over no messages" \
    "$("$TLSSTEP" hkdf derive-secret --hash sha256 \
        --secret 33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a \
        --label derived --transcript-hash "$(printf '' | sha256sum | cut -c1-64)")" \
    6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba
same "RFC 8448 §3: server handshake key" \
    "$("$TLSSTEP" hkdf expand-label --hash sha256 \
        --secret b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38 \
        --label key --context "" --length 16)" 3fce516009c21727d0f2e4e86ee403bc

# Bad input: usage errors (exit 2), never a crash.
s32=$(rand 32)
fails "no mode" 2 "$TLSSTEP" hkdf
fails "unknown mode" 2 "$TLSSTEP" hkdf squeeze --hash sha256
fails "a missing option" 2 "$TLSSTEP" hkdf expand --hash sha256 --prk "$s32"
fails "an unknown hash" 2 "$TLSSTEP" hkdf extract --hash md5 --salt "" --ikm 00
fails "bad hex" 2 "$TLSSTEP" hkdf extract --hash sha256 --salt zz --ikm 00
fails "a length over 255 hashes" 2 "$TLSSTEP" hkdf expand --hash sha256 --prk "$s32" --info "" \
    --length 8161
fails "a secret of the wrong length" 2 "$TLSSTEP" hkdf expand-label --hash sha384 --secret "$s32" \
    --label key --context "" --length 32
fails "a transcript hash of the wrong length" 2 "$TLSSTEP" hkdf derive-secret --hash sha256 \
    --secret "$s32" --label derived --transcript-hash 00
fails "an empty label" 2 "$TLSSTEP" hkdf expand-label --hash sha256 --secret "$s32" --label "" \
    --context "" --length 8
fails "an unknown option" 2 "$TLSSTEP" hkdf extract --hash sha256 --pepper 00

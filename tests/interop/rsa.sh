#!/usr/bin/env bash
# `tlsstep rsa` against OpenSSL at 512, 1024, 2048 and 4096 bits: openssl
# checks and reads our keys, decrypts our PKCS#1 v1.5 ciphertexts, verifies
# our signatures (which are byte for byte its own), and we do the same with
# its output and with its own PKCS#8 keys; from-factors rebuilds an OpenSSL
# key; bad input exits 2, a bad padding or signature exits 1.
source tests/lib.sh

# same_file NAME A B: passes when files A and B are identical.
same_file() {
    if cmp -s "$2" "$3"; then
        echo "ok - $1"
    else
        echo "not ok - $1 ($(basename "$2") and $(basename "$3") differ)"
    fi
}

# prime KEY NAME: the hex of prime1/prime2 from `openssl rsa -text`.
prime() {
    openssl rsa -in "$1" -noout -text 2>/dev/null |
        awk -v want="$2:" '$1 ~ /^[a-zA-Z0-9]+:$/ { on = ($1 == want); next } on' |
        tr -d ' :\n'
}

modulus() {
    openssl rsa "$@" -noout -modulus 2>/dev/null
}

head -c 48 /dev/urandom >"$TMP/pm"        # a premaster-sized secret
printf 'hello, tlsstep\n' >"$TMP/msg"

for bits in 512 1024 2048 4096; do
    d="$TMP/k$bits"
    mkdir -p "$d"
    key=$d/key.pem pub=$d/pub.pem
    ok "rsa $bits: keygen" "$TLSSTEP" rsa keygen --bits "$bits" --seed "interop $bits" --out "$key"
    ok "rsa $bits: openssl rsa -check accepts our key" openssl rsa -check -noout -in "$key"
    same "rsa $bits: openssl sees $bits bits" \
        "$(openssl rsa -in "$key" -noout -text 2>/dev/null | head -1)" "Private-Key: ($bits bit, 2 primes)"
    ok "rsa $bits: pub" "$TLSSTEP" rsa pub --in "$key" --out "$pub"
    ok "rsa $bits: openssl pkey reads our SPKI" openssl pkey -pubin -in "$pub" -noout
    same "rsa $bits: same modulus in key and SPKI" "$(modulus -pubin -in "$pub")" "$(modulus -in "$key")"

    # encryption both ways
    ok "rsa $bits: encrypt" "$TLSSTEP" rsa encrypt --in "$pub" --data "$TMP/pm" --out "$d/ct"
    openssl pkeyutl -decrypt -inkey "$key" -pkeyopt rsa_padding_mode:pkcs1 -in "$d/ct" \
        -out "$d/pm.ossl" 2>"$TMP/err"
    same_file "rsa $bits: openssl decrypts our ciphertext" "$d/pm.ossl" "$TMP/pm"
    openssl pkeyutl -encrypt -pubin -inkey "$pub" -in "$TMP/pm" -out "$d/ct.ossl" 2>"$TMP/err"
    ok "rsa $bits: decrypt openssl's ciphertext" \
        "$TLSSTEP" rsa decrypt --in "$key" --data "$d/ct.ossl" --out "$d/pm.ours"
    same_file "rsa $bits: we recover openssl's plaintext" "$d/pm.ours" "$TMP/pm"

    # signatures both ways (SHA-384 needs more than 512 bits)
    hashes="sha256"
    [ "$bits" -gt 512 ] && hashes="sha256 sha384"
    for h in $hashes; do
        ok "rsa $bits $h: sign" \
            "$TLSSTEP" rsa sign --in "$key" --data "$TMP/msg" --hash "$h" --out "$d/sig.$h"
        ok "rsa $bits $h: openssl verifies our signature" \
            openssl dgst -"$h" -verify "$pub" -signature "$d/sig.$h" "$TMP/msg"
        openssl dgst -"$h" -sign "$key" -out "$d/sig.$h.ossl" "$TMP/msg"
        same_file "rsa $bits $h: same signature bytes as openssl" "$d/sig.$h" "$d/sig.$h.ossl"
        same "rsa $bits $h: we verify openssl's signature" \
            "$("$TLSSTEP" rsa verify --in "$pub" --data "$TMP/msg" --sig "$d/sig.$h.ossl" --hash "$h")" \
            "signature ok"
    done
done

# textbook RSA against openssl's raw operation (rsa_padding_mode:none)
k=$TMP/k1024/key.pem
blk=$(printf '00%0254x' 12345)
printf '%s' "$blk" | xxd -r -p >"$TMP/blk"
openssl pkeyutl -decrypt -inkey "$k" -pkeyopt rsa_padding_mode:none -in "$TMP/blk" -out "$TMP/raw.ossl" 2>/dev/null
same "rsa raw: --private matches openssl's raw private operation" \
    "$("$TLSSTEP" rsa raw --in "$k" --private --hex "$blk")" "$(xxd -p -c 1000 "$TMP/raw.ossl")"
same "rsa raw: --public undoes --private" \
    "$("$TLSSTEP" rsa raw --in "$k" --public --hex "$(xxd -p -c 1000 "$TMP/raw.ossl")")" "$blk"

# keys that OpenSSL generated (PKCS#8 "PRIVATE KEY")
for bits in 1024 2048; do
    d="$TMP/o$bits"
    mkdir -p "$d"
    okey=$d/key.pem
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$bits" -out "$okey" 2>/dev/null
    same "openssl $bits: key is PKCS#8" "$(head -1 "$okey")" "-----BEGIN PRIVATE KEY-----"
    openssl pkey -in "$okey" -pubout -out "$d/pub.pem" 2>/dev/null
    openssl dgst -sha256 -sign "$okey" -out "$d/sig" "$TMP/msg"
    same "openssl $bits: we verify its signature with its private key file" \
        "$("$TLSSTEP" rsa verify --in "$okey" --data "$TMP/msg" --sig "$d/sig")" "signature ok"
    same "openssl $bits: and with its SPKI" \
        "$("$TLSSTEP" rsa verify --in "$d/pub.pem" --data "$TMP/msg" --sig "$d/sig")" "signature ok"
    ok "openssl $bits: we sign with its key" \
        "$TLSSTEP" rsa sign --in "$okey" --data "$TMP/msg" --hash sha384 --out "$d/sig.ours"
    ok "openssl $bits: openssl verifies that" \
        openssl dgst -sha384 -verify "$d/pub.pem" -signature "$d/sig.ours" "$TMP/msg"
    openssl pkeyutl -encrypt -pubin -inkey "$d/pub.pem" -in "$TMP/pm" -out "$d/ct" 2>/dev/null
    "$TLSSTEP" rsa decrypt --in "$okey" --data "$d/ct" --out "$d/pm" 2>"$TMP/err"
    same_file "openssl $bits: we decrypt with its key" "$d/pm" "$TMP/pm"

    # from-factors rebuilds it from prime1 and prime2
    p=$(prime "$okey" prime1) q=$(prime "$okey" prime2)
    ok "openssl $bits: from-factors" \
        "$TLSSTEP" rsa from-factors --p "$p" --q "$q" --out "$d/rebuilt.pem"
    ok "openssl $bits: openssl checks the rebuilt key" openssl rsa -check -noout -in "$d/rebuilt.pem"
    same "openssl $bits: rebuilt key has its modulus" \
        "$(modulus -in "$d/rebuilt.pem")" "$(modulus -in "$okey")"
done
# below 2048 bits OpenSSL also takes d = e^-1 mod (p-1)(q-1): the same key, byte for byte
d=$TMP/o1024
openssl rsa -in "$d/key.pem" -traditional -out "$d/key.pkcs1.pem" 2>/dev/null
same_file "openssl 1024: rebuilt PEM is openssl's PKCS#1 PEM, byte for byte" \
    "$d/rebuilt.pem" "$d/key.pkcs1.pem"

# failures: 1 for a bad signature or padding, 2 for bad usage or input
k=$TMP/k512/key.pem
cp "$TMP/k512/sig.sha256" "$TMP/badsig"
printf '\x01' | dd of="$TMP/badsig" bs=1 seek=10 conv=notrunc 2>/dev/null
fails "verify: flipped signature byte exits 1" 1 \
    "$TLSSTEP" rsa verify --in "$k" --data "$TMP/msg" --sig "$TMP/badsig"
same "verify: says so" \
    "$("$TLSSTEP" rsa verify --in "$k" --data "$TMP/msg" --sig "$TMP/badsig")" "signature does not verify"
fails "verify: other data exits 1" 1 \
    "$TLSSTEP" rsa verify --in "$k" --data "$TMP/pm" --sig "$TMP/k512/sig.sha256"
# a type-1 block encrypted with the public key: decrypt sees bad padding
blk=00010000$(printf '%0120x' 7)
"$TLSSTEP" rsa raw --in "$k" --public --hex "$blk" | xxd -r -p >"$TMP/badct"
fails "decrypt: bad padding exits 1" 1 "$TLSSTEP" rsa decrypt --in "$k" --data "$TMP/badct" --out "$TMP/never"
same "decrypt: nothing written on failure" "$([ -e "$TMP/never" ] && echo written)" ""
printf 'not a key' >"$TMP/junk.pem"
fails "keygen --bits 8 exits 2" 2 "$TLSSTEP" rsa keygen --bits 8
fails "keygen --bits 5000 exits 2" 2 "$TLSSTEP" rsa keygen --bits 5000
fails "keygen --bits abc exits 2" 2 "$TLSSTEP" rsa keygen --bits abc
fails "keygen without --bits exits 2" 2 "$TLSSTEP" rsa keygen
fails "keygen --e 4 exits 2" 2 "$TLSSTEP" rsa keygen --bits 512 --e 4
fails "keygen --in (not its option) exits 2" 2 "$TLSSTEP" rsa keygen --bits 512 --in "$k"
fails "unknown option exits 2" 2 "$TLSSTEP" rsa keygen --bits 512 --colour
fails "unknown subcommand exits 2" 2 "$TLSSTEP" rsa frobnicate
fails "no subcommand exits 2" 2 "$TLSSTEP" rsa
fails "pub without --in exits 2" 2 "$TLSSTEP" rsa pub
fails "pub of a missing file exits 2" 2 "$TLSSTEP" rsa pub --in "$TMP/none.pem"
fails "pub of a junk file exits 2" 2 "$TLSSTEP" rsa pub --in "$TMP/junk.pem"
fails "sign with a public key exits 2" 2 "$TLSSTEP" rsa sign --in "$TMP/k512/pub.pem" --data "$TMP/msg"
fails "sign --hash md5 exits 2" 2 "$TLSSTEP" rsa sign --in "$k" --data "$TMP/msg" --hash md5
fails "verify without --sig exits 2" 2 "$TLSSTEP" rsa verify --in "$k" --data "$TMP/msg"
fails "encrypt too long a message exits 2" 2 "$TLSSTEP" rsa encrypt --in "$k" --data "$TMP/k512/ct"
fails "from-factors of a non-prime exits 2" 2 "$TLSSTEP" rsa from-factors --p 3c --q 35
fails "from-factors with bad hex exits 2" 2 "$TLSSTEP" rsa from-factors --p xyz --q 35
fails "raw with both --public and --private exits 2" 2 \
    "$TLSSTEP" rsa raw --in "$k" --public --private --hex 01
same "textbook: from-factors p=61 q=53 e=17, m=65 -> c=2790 (0x0ae6)" \
    "$("$TLSSTEP" rsa from-factors --p 3d --q 35 --e 17 --out "$TMP/tb.pem" &&
        "$TLSSTEP" rsa raw --in "$TMP/tb.pem" --public --hex 41)" "0ae6"
ok "rsa --help exits 0" "$TLSSTEP" rsa --help
ok "rsa keygen --help exits 0" "$TLSSTEP" rsa keygen --help
same "keygen with a seed is reproducible" \
    "$("$TLSSTEP" rsa keygen --bits 256 --seed s | sha256sum)" \
    "$("$TLSSTEP" rsa keygen --bits 256 --seed s | sha256sum)"

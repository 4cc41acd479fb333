#!/usr/bin/env bash
# `tlsstep aead open|seal` against Python's cryptography (AESGCM,
# ChaCha20Poly1305) for random keys, nonces, additional data and lengths
# (0 included), both ways; RFC 8439's published ChaCha20-Poly1305 vector
# (2.8.2); a changed byte fails the tag (exit 1); bad input exits 2.
source tests/lib.sh

rand() { openssl rand -hex "$1"; }

# py CIPHER MODE KEY NONCE AAD DATA: the same operation in cryptography.
py() {
    python3 - "$@" <<'PY'
import sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
cipher, mode, key, nonce, aad, data = sys.argv[1:7]
k, n, a, d = (bytes.fromhex(x) for x in (key, nonce, aad, data))
c = AESGCM(k) if cipher == "aes-256-gcm" else ChaCha20Poly1305(k)
print((c.encrypt(n, d, a) if mode == "seal" else c.decrypt(n, d, a)).hex())
PY
}

for cipher in aes-256-gcm chacha20-poly1305; do
    for len in 0 1 16 77 1000; do
        key=$(rand 32) nonce=$(rand 12) aad=$(rand 13)
        plain=$( ((len > 0)) && rand $len)
        sealed=$("$TLSSTEP" aead seal --cipher $cipher --key "$key" --nonce "$nonce" --aad "$aad" --data "$plain")
        same "$cipher seal, $len bytes = cryptography" "$sealed" "$(py $cipher seal "$key" "$nonce" "$aad" "$plain")"
        same "$cipher open, $len bytes" \
            "$("$TLSSTEP" aead open --cipher $cipher --key "$key" --nonce "$nonce" --aad "$aad" --data "$sealed")" "$plain"
        # cryptography's ciphertext opened by tlsstep (a TLS 1.3 record's header as aad)
        theirs=$(py $cipher seal "$key" "$nonce" 1703030020 "$plain")
        same "$cipher open of cryptography's, $len bytes" \
            "$("$TLSSTEP" aead open --cipher $cipher --key "$key" --nonce "$nonce" --aad 1703030020 --data "$theirs")" "$plain"
        flipped=$(python3 -c 'import sys; b = bytearray.fromhex(sys.argv[1]); b[0] ^= 1; print(b.hex())' "$sealed")
        fails "$cipher: a changed byte fails the tag, $len bytes" 1 \
            "$TLSSTEP" aead open --cipher $cipher --key "$key" --nonce "$nonce" --aad "$aad" --data "$flipped"
        fails "$cipher: other additional data fails the tag, $len bytes" 1 \
            "$TLSSTEP" aead open --cipher $cipher --key "$key" --nonce "$nonce" --aad "" --data "$sealed"
    done
done

# RFC 8439 2.8.2
key=$(python3 -c 'print(bytes(range(0x80, 0xa0)).hex())')
plain=$(printf "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it." | xxd -p | tr -d '\n')
same "RFC 8439 2.8.2" \
    "$("$TLSSTEP" aead seal --cipher chacha20-poly1305 --key "$key" --nonce 070000004041424344454647 \
        --aad 50515253c0c1c2c3c4c5c6c7 --data "$plain" | tail -c 33)" 1ae10b594f09e26a7e902ecbd0600691

k=$(rand 32) n=$(rand 12)
fails "no mode" 2 "$TLSSTEP" aead
fails "unknown mode" 2 "$TLSSTEP" aead squeeze --cipher aes-256-gcm
fails "a missing option" 2 "$TLSSTEP" aead open --cipher aes-256-gcm --key "$k" --nonce "$n" --aad ""
fails "an unknown cipher" 2 "$TLSSTEP" aead open --cipher aes-128-gcm --key "$k" --nonce "$n" --aad "" --data "$(rand 16)"
fails "a short key" 2 "$TLSSTEP" aead open --cipher aes-256-gcm --key "$(rand 16)" --nonce "$n" --aad "" --data "$(rand 16)"
fails "a short nonce" 2 "$TLSSTEP" aead seal --cipher aes-256-gcm --key "$k" --nonce "$(rand 8)" --aad "" --data 00
fails "data shorter than the tag" 2 "$TLSSTEP" aead open --cipher chacha20-poly1305 --key "$k" --nonce "$n" --aad "" --data "$(rand 15)"
fails "bad hex" 2 "$TLSSTEP" aead open --cipher aes-256-gcm --key zz --nonce "$n" --aad "" --data 00
fails "an unknown option" 2 "$TLSSTEP" aead open --cipher aes-256-gcm --pepper 00
"$TLSSTEP" aead open --cipher aes-256-gcm --key "$k" --nonce "$n" --aad "" --data "$(rand 20)" --lang ko >"$TMP/ko" 2>&1
if grep -q '태그가 검증되지 않습니다' "$TMP/ko"; then echo "ok - a failed tag, in Korean"; else echo "not ok - a failed tag, in Korean"; cat "$TMP/ko"; fi

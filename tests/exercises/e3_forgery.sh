#!/usr/bin/env bash
# Exercise e3-forgery: the reference solution forges a certificate from the
# public material with python3 (DER walk, SHA-256, an integer cube root) and
# openssl (the attacker's own key); `tlsstep check` must accept it, and a
# strict client must not. Wrong answers fail with exit 1.
source tests/lib.sh
cd "$TMP" || exit 1

ok "e3-forgery: material" "$TLSSTEP" exercise e3-forgery --seed e1 --out-dir e3
openssl genrsa -out me.key 1024 2>/dev/null
openssl rsa -in me.key -pubout -outform DER -out me.spki 2>/dev/null
openssl x509 -in e3/server.pem -outform DER -out server.der

# forge FF_COUNT OUT.pem: the server certificate with my key in it and a
# cube-root signature over 00 01 FF*FF_COUNT 00 DigestInfo(SHA-256) H || 0...
forge() {
    python3 - "$1" "$2" <<'PY'
import base64, hashlib, sys
ff, out = int(sys.argv[1]), sys.argv[2]
der = bytearray(open("server.der", "rb").read())
spki = open("me.spki", "rb").read()

def tlv(b, i):
    """(start of contents, length, end) of the TLV at i."""
    n = b[i + 1]
    if n < 0x80:
        return i + 2, n, i + 2 + n
    k = n & 0x7F
    length = int.from_bytes(b[i + 2:i + 2 + k], "big")
    return i + 2 + k, length, i + 2 + k + length

body, _, _ = tlv(der, 0)              # Certificate SEQUENCE
tbs_at = body
tbs_body, _, tbs_end = tlv(der, tbs_at)
i = tbs_body
fields = []
while i < tbs_end:
    fields.append(i)
    i = tlv(der, i)[2]
spki_at = fields[6]                   # version, serial, sigalg, issuer, validity, subject, spki
old_end = tlv(der, spki_at)[2]
assert old_end - spki_at == len(spki), "my key must encode to the same length"
der[spki_at:old_end] = spki
h = hashlib.sha256(bytes(der[tbs_at:tbs_end])).digest()
digest_info = bytes.fromhex("3031300d060960864801650304020105000420") + h
prefix = b"\x00\x01" + b"\xff" * ff + b"\x00" + digest_info
k = 256                               # the CA's modulus: 2048 bits
target = int.from_bytes(prefix + b"\x00" * (k - len(prefix)), "big")

def icbrt_up(x):
    r = 1 << ((x.bit_length() + 2) // 3)
    while True:                       # Newton's method from above
        s = (2 * r + x // (r * r)) // 3
        if s >= r:
            break
        r = s
    while r ** 3 < x:
        r += 1
    return r

s = icbrt_up(target)
assert (s ** 3).to_bytes(k, "big").startswith(prefix)
der[len(der) - k:] = s.to_bytes(k, "big")   # the signature BIT STRING ends the certificate
b64 = base64.b64encode(bytes(der)).decode()
with open(out, "w") as f:
    f.write("-----BEGIN CERTIFICATE-----\n")
    f.writelines(b64[j:j + 64] + "\n" for j in range(0, len(b64), 64))
    f.write("-----END CERTIFICATE-----\n")
PY
}

forge 8 forged.pem
cat forged.pem me.key >answer.pem
ok "e3-forgery: forged certificate and my key" "$TLSSTEP" check e3-forgery --seed e1 --answer answer.pem
ok "e3-forgery: the lax client completes the handshake with me" bash -c \
    "'$TLSSTEP' check e3-forgery --seed e1 --answer answer.pem | grep -q 'completed the handshake'"
ok "e3-forgery: forged certificate alone" "$TLSSTEP" check e3-forgery --seed e1 --answer forged.pem
ok "e3-forgery: openssl refuses the forgery" bash -c \
    "! openssl verify -auth_level 0 -CAfile e3/ca.pem forged.pem"
fails "e3-forgery: the real certificate" 1 "$TLSSTEP" check e3-forgery --seed e1 --answer e3/server.pem
forge 7 short.pem
fails "e3-forgery: only 7 bytes of FF" 1 "$TLSSTEP" check e3-forgery --seed e1 --answer short.pem
fails "e3-forgery: another seed's CA" 1 "$TLSSTEP" check e3-forgery --seed e2 --answer answer.pem
fails "e3-forgery: no certificate" 1 "$TLSSTEP" check e3-forgery --seed e1 --answer me.key

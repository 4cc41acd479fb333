#!/usr/bin/env bash
# Exercises no-verify-mitm and goto-fail: reference solutions made from the
# public material with openssl (the attacker's certificate and keys) and
# python3 (editing the recorded ServerKeyExchange), checked by
# `tlsstep check`; wrong answers fail with exit 1.
source tests/lib.sh
cd "$TMP" || exit 1

# --- no-verify-mitm: a self-signed certificate and its key ---
ok "no-verify-mitm: material" "$TLSSTEP" exercise no-verify-mitm --seed m1 --out-dir nv
openssl req -x509 -newkey rsa:1024 -nodes -keyout evil.key -out evil.pem -subj /CN=localhost \
    -days 30 2>/dev/null
cat evil.pem evil.key >answer.pem
ok "no-verify-mitm: self-signed certificate and key" "$TLSSTEP" check no-verify-mitm --seed m1 --answer answer.pem
ok "no-verify-mitm: the verdict says the attacker reads the data" bash -c \
    "'$TLSSTEP' check no-verify-mitm --seed m1 --answer answer.pem | grep -q 'attacker reads application data'"
openssl genrsa -out other.key 1024 2>/dev/null
cat evil.pem other.key >mismatch.pem
fails "no-verify-mitm: key of another certificate" 1 "$TLSSTEP" check no-verify-mitm --seed m1 --answer mismatch.pem
fails "no-verify-mitm: certificate without key" 1 "$TLSSTEP" check no-verify-mitm --seed m1 --answer evil.pem
fails "no-verify-mitm: the real certificate, no key" 1 "$TLSSTEP" check no-verify-mitm --seed m1 --answer nv/server.pem

# --- goto-fail: my X25519 share in the recorded ServerKeyExchange ---
ok "goto-fail: material" "$TLSSTEP" exercise goto-fail --seed g1 --out-dir gf
openssl genpkey -algorithm X25519 -out x.key 2>/dev/null
priv=$(openssl pkey -in x.key -outform DER | tail -c 32 | od -An -tx1 | tr -d ' \n')
pub=$(openssl pkey -in x.key -pubout -outform DER | tail -c 32 | od -An -tx1 | tr -d ' \n')
# The record: header (5), handshake header (4), curve_type (1), named_curve
# (2), length (1), then the 32-byte share; the signature is left as it was,
# so it no longer matches what it signs.
ske=$(awk '$3 == "ServerKeyExchange" { print $4 }' gf/records.txt)
mine=$(python3 -c "import sys; r = sys.argv[1]; print(r[:26] + sys.argv[2] + r[90:])" "$ske" "$pub")
printf 'record %s\nkey %s\n' "$mine" "$priv" >answer.txt
ok "goto-fail: my share, junk signature" "$TLSSTEP" check goto-fail --seed g1 --answer answer.txt
printf 'record %s\nkey %s\n' "$ske" "$priv" >unchanged.txt
fails "goto-fail: the server's own record" 1 "$TLSSTEP" check goto-fail --seed g1 --answer unchanged.txt
other=$(openssl genpkey -algorithm X25519 2>/dev/null | openssl pkey -outform DER | tail -c 32 | od -An -tx1 | tr -d ' \n')
printf 'record %s\nkey %s\n' "$mine" "$other" >wrongkey.txt
fails "goto-fail: a key that is not the share's" 1 "$TLSSTEP" check goto-fail --seed g1 --answer wrongkey.txt
fails "goto-fail: malformed answer" 1 "$TLSSTEP" check goto-fail --seed g1 --answer "record zz"

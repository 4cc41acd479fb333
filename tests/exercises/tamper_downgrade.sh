#!/usr/bin/env bash
# Exercises tamper-cert and downgrade: reference solutions worked out from
# the public material only (the transcript's record layout), checked by
# `tlsstep check`; wrong answers fail with exit 1, bad usage exits 2.
source tests/lib.sh
cd "$TMP" || exit 1

ok "tamper-cert: material" "$TLSSTEP" exercise tamper-cert --seed t1 --out-dir tc
# The certificate starts 15 bytes into the Certificate record (5 record
# header + 4 handshake header + 3 list length + 3 certificate length).
rec=$(sed -n 's/^#\([0-9]*\) server → client  handshake  Certificate .*/\1/p' tc/transcript.txt)
der_len=$(openssl x509 -in tc/server.pem -outform DER | wc -c)
# A byte of the signature value (the last bytes of the DER) breaks the signature check.
sig_off=$((15 + der_len - 10))
ok "tamper-cert: signature byte" "$TLSSTEP" check tamper-cert --seed t1 --answer "$rec,$sig_off,01 signature"
# The issuer Name comes before anything else the client compares: find it
# in the DER with openssl asn1parse (the first SEQUENCE after the algorithm).
issuer_off=$(openssl asn1parse -in tc/server.pem | awk -F: '/SEQUENCE/ && $1+0 > 0 { n++ } n == 4 { print $1+0; exit }')
ok "tamper-cert: issuer byte" "$TLSSTEP" check tamper-cert --seed t1 --answer "$rec,$((15 + issuer_off + 12)),01 issuer"
fails "tamper-cert: wrong check named" 1 "$TLSSTEP" check tamper-cert --seed t1 --answer "$rec,$sig_off,01 host"
fails "tamper-cert: byte outside the certificate" 1 "$TLSSTEP" check tamper-cert --seed t1 --answer "$rec,3,01 parse"
fails "tamper-cert: malformed answer" 1 "$TLSSTEP" check tamper-cert --seed t1 --answer "hello"
fails "tamper-cert: JSON verdict" 1 "$TLSSTEP" check tamper-cert --seed t1 --answer "$rec,$sig_off,01 host" --json
same "tamper-cert: JSON fields" "$("$TLSSTEP" check tamper-cert --seed t1 --answer "$rec,$sig_off,01 signature" --json | python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["exercise"], o["seed"], o["solved"])')" "tamper-cert t1 True"
fails "check: no seed" 2 "$TLSSTEP" check tamper-cert --answer x
fails "check: unknown exercise" 2 "$TLSSTEP" check nope --seed 1 --answer x
fails "exercise: unknown exercise" 2 "$TLSSTEP" exercise nope
fails "exercise: bad lang" 2 "$TLSSTEP" exercise tamper-cert --lang fr

ok "downgrade: material" "$TLSSTEP" exercise downgrade --seed d1 --out-dir dg
# The cipher_suites field of record #1 as the transcript draws it: [OFFSET+LEN].
first=$(sed -n 's/^ *cipher_suite  *.*\[\([0-9]*\)+2\]$/\1/p' dg/transcript.txt | head -2 | tail -1)
printf '1,%d,01\ndiffers %d\n' "$first" "$((first - 5))" >answer.txt
ok "downgrade: flip the second suite" "$TLSSTEP" check downgrade --seed d1 --answer answer.txt
printf '1,%d,01\ndiffers %d\n' "$first" "$first" >wrong.txt
fails "downgrade: wrong offset in the hash" 1 "$TLSSTEP" check downgrade --seed d1 --answer wrong.txt
first_suite=$(sed -n 's/^ *cipher_suite  *.*\[\([0-9]*\)+2\]$/\1/p' dg/transcript.txt | head -1)
printf '1,%d,01\ndiffers %d\n' "$((first_suite + 1))" "$((first_suite - 4))" >refused.txt
fails "downgrade: server's own suite removed" 1 "$TLSSTEP" check downgrade --seed d1 --answer refused.txt

#!/usr/bin/env bash
# The TLS 1.3 exercises: downgrade-sentinel, tls13-tamper and tls13-decrypt.
# Reference solutions worked out from the public material only (transcripts,
# server.pem, keylog.txt, capture.pcap) and the tool's own commands, checked
# by `tlsstep check`; wrong answers fail with exit 1 and the right why.
# tls13-decrypt is solved twice: with `tlsstep hkdf` and `tlsstep aead`, and
# with OpenSSL's TLS13-KDF and Python's cryptography, so a wrong key log, a
# wrong capture or a wrong command makes this test fail.
source tests/lib.sh
cd "$TMP" || exit 1

# has NAME PATTERN FILE: FILE has a line matching PATTERN (grep -E).
has() {
    if grep -qE -- "$2" "$3"; then echo "ok - $1"; else echo "not ok - $1"; sed 's/^/    # /' "$3" | head -5; fi
}

# ---------------------------------------------------------------------------
# downgrade-sentinel
ok "downgrade-sentinel: material" "$TLSSTEP" exercise downgrade-sentinel --seed ds1 --out-dir ds
# supported_versions' type (00 2b) in the ClientHello, as the transcript draws it.
sv=$(sed -n 's/^ *extension_type  *supported_versions (43)  \[\([0-9]*\)+2\]$/\1/p' ds/transcript.txt | head -1)
# What the client does when 00 2b becomes 00 6b: run it.
"$TLSSTEP" run --tls 1.3 --seed ds1 --tamper "1,$((sv + 1)),40" >ds/tampered.txt
same "downgrade-sentinel: the tampered run ends as the protocol says (exit 0)" "$?" 0
check=$(sed -n 's/^\[[0-9]*\] client checks \([a-z_]*\): FAILED.*/\1/p' ds/tampered.txt)
alert=$(sed -n 's/^result: \([a-z_]*\) (sent by client.*/\1/p' ds/tampered.txt)
tls12=$(sed -n 's/^result: \([a-z_]*\).*/\1/p' ds/tls12-client.txt)
same "downgrade-sentinel: the 1.3 client's failed check" "$check" downgrade_sentinel
same "downgrade-sentinel: its alert" "$alert" illegal_parameter
# The 1.2-only client's run: no supported_versions in its hello, DOWNGRD 01
# ending the server's random, and the client went on.
has "downgrade-sentinel: DOWNGRD 01 in the 1.2-only run" '^ *random  +[0-9a-f]{48}444f574e47524401  ' ds/tls12-client.txt
same "downgrade-sentinel: no supported_versions in the 1.2-only hello" \
    "$(grep -c 'supported_versions' ds/tls12-client.txt)" 0
same "downgrade-sentinel: the 1.2-only client completes" "$tls12" ok
printf 'tamper 1,%d,40\nalert %s\ncheck %s\ntls12 %s\n' "$((sv + 1))" "$alert" "$check" "$tls12" >ds.right
ok "downgrade-sentinel: reference solution" "$TLSSTEP" check downgrade-sentinel --seed ds1 --answer ds.right
# The versions list instead of the type: 03 04 becomes 03 05, so no 1.3 offered.
printf 'tamper 1,%d,01\nalert 47\ncheck downgrade_sentinel\ntls12 ok\n' "$((sv + 6))" >ds.list
ok "downgrade-sentinel: TLS 1.3 struck from the versions list" "$TLSSTEP" check downgrade-sentinel --seed ds1 --answer ds.list
# dscheck NAME WHY ANSWER...: the answer (lines) fails with exit 1 and WHY in its verdict.
dscheck() {
    local name=$1 why=$2; shift 2
    printf '%s\n' "$@" >ds.wrong
    "$TLSSTEP" check downgrade-sentinel --seed ds1 --answer ds.wrong >ds.out 2>&1
    same "downgrade-sentinel: $name (exit 1)" "$?" 1
    has "downgrade-sentinel: $name (why)" "$why" ds.out
}
dscheck "a suite byte instead" "did not fall back to TLS 1.2" "tamper 1,80,01" "alert 47" "check downgrade_sentinel" "tls12 ok"
dscheck "not the ClientHello" "record #2 is not the ClientHello" "tamper 2,20,01" "alert 47" "check downgrade_sentinel" "tls12 ok"
dscheck "the wrong alert" "sent illegal_parameter \(47\), not 'decrypt_error'" "tamper 1,$((sv + 1)),40" "alert decrypt_error" "check downgrade_sentinel" "tls12 ok"
dscheck "the wrong check" "is 'downgrade_sentinel'.*not 'check_server_finished'" "tamper 1,$((sv + 1)),40" "alert 47" "check check_server_finished" "tls12 ok"
dscheck "the 1.2-only client said to abort" "ended 'ok' \(tls12-client.txt\), not 'illegal_parameter'" "tamper 1,$((sv + 1)),40" "alert 47" "check downgrade_sentinel" "tls12 illegal_parameter"
dscheck "a line missing" "answer must be four lines" "tamper 1,$((sv + 1)),40" "alert 47" "check downgrade_sentinel"
dscheck "a bad tamper spec" "tamper spec" "tamper 1,x,40" "alert 47" "check downgrade_sentinel" "tls12 ok"
"$TLSSTEP" check downgrade-sentinel --seed ds1 --answer ds.right --lang ko >ds.ko 2>&1
has "downgrade-sentinel: solved, in Korean" '^풀림: ' ds.ko

# ---------------------------------------------------------------------------
# tls13-tamper
ok "tls13-tamper: material" "$TLSSTEP" exercise tls13-tamper --seed tt1 --out-dir tt
rec13=$(sed -n 's/^#\([0-9]*\) server → client  application_data (handshake inside)  Certificate .*/\1/p' tt/transcript13.txt)
rec12=$(sed -n 's/^#\([0-9]*\) server → client  handshake  Certificate .*/\1/p' tt/transcript12.txt)
# In 1.3 the certificate is cert_data of the plaintext ([11+LEN]), after the 5-byte header.
at=$(sed -n 's/^ *cert_data  .*\[\([0-9]*\)+[0-9]*\]$/\1/p' tt/transcript13.txt | head -1)
der_len=$(openssl x509 -in tt/server.pem -outform DER | wc -c)
same "tls13-tamper: the certificate's length in the plaintext" \
    "$(sed -n 's/^ *cert_data  .*\[[0-9]*+\([0-9]*\)\]$/\1/p' tt/transcript13.txt | head -1)" "$der_len"
cert13=$((5 + at))
# A byte of the signature value (the end of the DER).
sig=$((der_len - 10))
"$TLSSTEP" run --tls 1.3 --seed tt1 --tamper "$rec13,$((cert13 + sig)),01" >tt/run13.txt
alert13=$(sed -n 's/^result: \([a-z_]*\) (sent by client.*/\1/p' tt/run13.txt)
same "tls13-tamper: bad_record_mac in TLS 1.3" "$alert13" bad_record_mac
same "tls13-tamper: no certificate check in TLS 1.3" "$(grep -c 'client checks certificate_chain' tt/run13.txt)" 0
"$TLSSTEP" run --seed tt1 --tamper "$rec12,$((15 + sig)),01" >tt/run12.txt
alert12=$(sed -n 's/^result: \([a-z_]*\) (sent by client.*/\1/p' tt/run12.txt)
has "tls13-tamper: the certificate check fails in TLS 1.2" '^\[[0-9]+\] client checks certificate_chain: FAILED' tt/run12.txt
printf 'tamper %s,%d,01\ntls13 %s aead\ntls12 %s signature\n' "$rec13" "$((cert13 + sig))" "$alert13" "$alert12" >tt.right
ok "tls13-tamper: reference solution (signature byte)" "$TLSSTEP" check tls13-tamper --seed tt1 --answer tt.right
# A byte of the issuer Name (as tamper_downgrade.sh finds it) fails 'issuer' in 1.2.
issuer=$(openssl asn1parse -in tt/server.pem | awk -F: '/SEQUENCE/ && $1+0 > 0 { n++ } n == 4 { print $1+0; exit }')
printf 'tamper %s,%d,01\ntls13 20 aead\ntls12 48 issuer\n' "$rec13" "$((cert13 + issuer + 12))" >tt.issuer
ok "tls13-tamper: reference solution (issuer byte)" "$TLSSTEP" check tls13-tamper --seed tt1 --answer tt.issuer
ttcheck() {
    local name=$1 why=$2; shift 2
    printf '%s\n' "$@" >tt.wrong
    "$TLSSTEP" check tls13-tamper --seed tt1 --answer tt.wrong >tt.out 2>&1
    same "tls13-tamper: $name (exit 1)" "$?" 1
    has "tls13-tamper: $name (why)" "$why" tt.out
}
right="tamper $rec13,$((cert13 + sig)),01"
ttcheck "the 1.2 answer given for 1.3" "never reached the certificate check.*not 'signature'" "$right" "tls13 bad_certificate signature" "tls12 bad_certificate signature"
ttcheck "the wrong 1.3 alert" "client sent bad_record_mac \(20\), not 'decrypt_error'" "$right" "tls13 decrypt_error aead" "tls12 bad_certificate signature"
ttcheck "the 1.3 answer given for 1.2" "reaches the certificate check: it fails 'signature' with bad_certificate \(42\), not 'bad_record_mac aead'" "$right" "tls13 bad_record_mac aead" "tls12 bad_record_mac aead"
ttcheck "the wrong 1.2 check" "fails 'issuer'" "tamper $rec13,$((cert13 + issuer + 12)),01" "tls13 bad_record_mac aead" "tls12 bad_certificate signature"
ttcheck "the record header" "outside the encrypted certificate" "tamper $rec13,3,01" "tls13 bad_record_mac aead" "tls12 bad_certificate signature"
ttcheck "the tag" "outside the encrypted certificate" "tamper $rec13,$((cert13 + der_len + 5)),01" "tls13 bad_record_mac aead" "tls12 bad_certificate signature"
ttcheck "another record" "record #4 is not the record carrying the encrypted Certificate" "tamper 4,10,01" "tls13 bad_record_mac aead" "tls12 bad_certificate signature"
ttcheck "one line" "answer must be three lines" "$right"
ttcheck "a word missing" "answer must be three lines" "$right" "tls13 bad_record_mac" "tls12 bad_certificate signature"
"$TLSSTEP" check tls13-tamper --seed tt1 --answer tt.right --lang ko >tt.ko 2>&1
has "tls13-tamper: solved, in Korean" '^풀림: ' tt.ko

# ---------------------------------------------------------------------------
# tls13-decrypt
ok "tls13-decrypt: material" "$TLSSTEP" exercise tls13-decrypt --seed td1 --out-dir td
"$TLSSTEP" exercise tls13-decrypt --seed td1 >td.task
n=$(sed -n 's/.*decrypt record #\([0-9]*\), sent by the server$/\1/p' td.task)
# The records from the capture (tshark: each packet's TCP payload, split into
# records per direction, numbered in the order they complete), compared with records.txt.
tshark -r td/capture.pcap -T fields -e tcp.srcport -e tcp.payload >td/packets.txt 2>/dev/null
python3 - td/packets.txt td/records.txt >td/records.pcap.txt <<'PY'
import sys
bufs = {"c2s": b"", "s2c": b""}
n = 0
for line in open(sys.argv[1]):
    port, _, payload = line.rstrip("\n").partition("\t")
    if not payload:
        continue
    d = "s2c" if port == "443" else "c2s"
    bufs[d] += bytes.fromhex(payload.replace(":", ""))
    while len(bufs[d]) >= 5 and len(bufs[d]) >= 5 + int.from_bytes(bufs[d][3:5], "big"):
        size = 5 + int.from_bytes(bufs[d][3:5], "big")
        n += 1
        print(n, d, bufs[d][:size].hex())
        bufs[d] = bufs[d][size:]
PY
ok "tls13-decrypt: the capture holds the records of records.txt" cmp td/records.pcap.txt td/records.txt
# The derivation, every step with the tool's commands (reference one) and
# with OpenSSL and Python's cryptography (reference two).
python3 - td/records.pcap.txt td/keylog.txt "$n" >td/inputs.txt <<'PY'
import sys
recs = [l.split() for l in open(sys.argv[1])]
keys = {l.split()[0]: l.split()[1:] for l in open(sys.argv[2])}
n = int(sys.argv[3])
hello = bytes.fromhex(recs[0][2])
client_random = hello[11:43].hex()
label, secret = "SERVER_HANDSHAKE_TRAFFIC_SECRET", None
cr, secret = keys[label]
assert cr == client_random, "the key log's client random is the ClientHello's"
sh = bytes.fromhex(recs[1][2])
suite = sh[5 + 4 + 2 + 32 + 1 + sh[5 + 4 + 2 + 32]:][:2].hex()
# The server's sequence number: its protected records (type 23) before record n.
seq = sum(1 for num, d, h in recs[: n - 1] if d == "s2c" and h.startswith("17"))
rec = bytes.fromhex(recs[n - 1][2])
print(suite, secret, seq, rec[:5].hex(), rec[5:].hex())
PY
read -r suite secret seq aad data <td/inputs.txt
same "tls13-decrypt: the suite is TLS_AES_256_GCM_SHA384" "$suite" 1302
same "tls13-decrypt: the server's fourth protected record" "$seq" 3
key=$("$TLSSTEP" hkdf expand-label --hash sha384 --secret "$secret" --label key --context "" --length 32)
iv=$("$TLSSTEP" hkdf expand-label --hash sha384 --secret "$secret" --label iv --context "" --length 12)
key_ossl=$(openssl kdf -keylen 32 -kdfopt digest:SHA384 -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:"$secret" \
    -kdfopt 'prefix:tls13 ' -kdfopt label:key -kdfopt hexdata: TLS13-KDF | tr -d ':\n' | tr A-F a-f)
iv_ossl=$(openssl kdf -keylen 12 -kdfopt digest:SHA384 -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:"$secret" \
    -kdfopt 'prefix:tls13 ' -kdfopt label:iv -kdfopt hexdata: TLS13-KDF | tr -d ':\n' | tr A-F a-f)
same "tls13-decrypt: the key, tlsstep hkdf = openssl TLS13-KDF" "$key" "$key_ossl"
same "tls13-decrypt: the IV, tlsstep hkdf = openssl TLS13-KDF" "$iv" "$iv_ossl"
nonce=$(python3 -c 'import sys; print(format(int(sys.argv[1], 16) ^ int(sys.argv[2]), "024x"))' "$iv" "$seq")
inner=$("$TLSSTEP" aead open --cipher aes-256-gcm --key "$key" --nonce "$nonce" --aad "$aad" --data "$data")
same "tls13-decrypt: tlsstep aead open opens it" "$?" 0
inner_py=$(python3 -c '
import sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
k, n, a, d = (bytes.fromhex(x) for x in sys.argv[1:5])
print(AESGCM(k).decrypt(n, d, a).hex())' "$key" "$nonce" "$aad" "$data")
same "tls13-decrypt: the same plaintext from Python's cryptography" "$inner" "$inner_py"
# TLSInnerPlaintext: content, the type (16: handshake), zeros.
stripped=$(python3 -c '
import sys
b = bytes.fromhex(sys.argv[1]).rstrip(b"\0")
assert b[-1] == 0x16, b[-1]
print(b[:-1].hex())' "$inner")
same "tls13-decrypt: a Finished message (14 00 00 30)" "${stripped:0:8}" 14000030
ok "tls13-decrypt: reference solution" "$TLSSTEP" check tls13-decrypt --seed td1 --answer "$stripped"
printf '%s\n' "$stripped" >td.answer
ok "tls13-decrypt: the answer in a file" "$TLSSTEP" check tls13-decrypt --seed td1 --answer td.answer
nonce0=$(python3 -c 'import sys; print(format(int(sys.argv[1], 16), "024x"))' "$iv")
fails "tls13-decrypt: sequence 0 instead: the tag fails" 1 \
    "$TLSSTEP" aead open --cipher aes-256-gcm --key "$key" --nonce "$nonce0" --aad "$aad" --data "$data"
tdcheck() {
    local name=$1 why=$2 answer=$3
    "$TLSSTEP" check tls13-decrypt --seed td1 --answer "$answer" >td.out 2>&1
    same "tls13-decrypt: $name (exit 1)" "$?" 1
    has "tls13-decrypt: $name (why)" "$why" td.out
}
tdcheck "not stripped" "decrypted, but not stripped" "$inner"
tdcheck "the type left on" "decrypted, but not stripped" "${stripped}16"
tdcheck "the body alone" "the message's body alone" "${stripped:8}"
tdcheck "the ciphertext" "the encrypted record as it crossed" "$data"
tdcheck "another record's bytes" "not the plaintext of record #$n" "14000030$(printf '00%.0s' {1..48})"
tdcheck "not hex" "answer must be the record's plaintext in hex" "Finished"
"$TLSSTEP" check tls13-decrypt --seed td1 --answer "$stripped" --lang ko >td.ko 2>&1
has "tls13-decrypt: solved, in Korean" '^풀림: ' td.ko

#!/usr/bin/env bash
# Mutual TLS in the simulated run, checked with OpenSSL (a real
# implementation, not the engine's own code), for TLS 1.2 (rsa, ecdhe) and
# TLS 1.3 (tls13-aes, tls13-chacha):
#   - the client certificate of the run's JSON verifies against the run's CA
#     at the session clock (openssl verify -attime); the expired one and the
#     one from another CA do not;
#   - the client's CertificateVerify signature verifies with the key of that
#     certificate over bytes rebuilt here from the records that crossed the
#     channel (the JSON's messages, never the engine's trace values): in TLS
#     1.2 PKCS#1 v1.5 over ClientHello..ClientKeyExchange (openssl dgst
#     -verify, and openssl pkeyutl -verify over its SHA-256); in TLS 1.3
#     RSA-PSS over 64 spaces, "TLS 1.3, client CertificateVerify", 00 and
#     the transcript hash to the client's Certificate; one byte changed and
#     openssl refuses;
#   - the transcript's reproduce command for the client's signature runs as
#     printed and says "Verified OK";
#   - each refusal ends with the alert the RFC names and exit status 0 (the
#     run ended as it must), a run with request and no certificate
#     completes, and bad usage of the options is exit status 2;
#   - tshark reads the client's name from a TLS 1.2 capture with no key, and
#     from a TLS 1.3 capture only with the key log.
source tests/lib.sh

NOW=1767225600 # the session clock (TS_SESSION_DEFAULT_NOW)
AES=1
"$TLSSTEP" run --suite tls13-aes --seed probe >/dev/null 2>&1 || AES=0

# rebuild DIR JSON: writes client.pem, ca.pem, client.pub, sig.bin and
# signed.bin (the bytes the client signed, rebuilt from the records) into DIR.
rebuild() {
    python3 - "$1" "$2" <<'PY'
import hashlib, json, os, sys
d = json.load(open(sys.argv[2]))
out = sys.argv[1]
open(os.path.join(out, "client.pem"), "w").write(d["client_certificate"])
open(os.path.join(out, "ca.pem"), "w").write(d["certificates"][1])
msgs = [m for m in d["messages"] if m["status"] == "delivered"]
def body(m):  # the handshake message(s) a record carries
    if "plaintext_hex" in m:
        return bytes.fromhex(m["plaintext_hex"])
    return bytes.fromhex(m["hex"])[5:]
hs = [m for m in msgs if m["content_type"] == 22 or m.get("inner_type") == 22]
sig = None
transcript = b""
tls13 = d["version"] == "TLS 1.3"
for m in hs:
    b = body(m)
    if m["from"] == "client" and m["type"] == "CertificateVerify":
        sig = b[8:]  # type(1) length(3) algorithm(2) signature length(2)
        break
    transcript += b
assert sig is not None, "no client CertificateVerify"
if tls13:
    h = hashlib.sha384 if d["suite"] == "TLS_AES_256_GCM_SHA384" else hashlib.sha256
    signed = b" " * 64 + b"TLS 1.3, client CertificateVerify\0" + h(transcript).digest()
else:
    signed = transcript
open(os.path.join(out, "sig.bin"), "wb").write(sig)
open(os.path.join(out, "signed.bin"), "wb").write(signed)
open(os.path.join(out, "digest.bin"), "wb").write(hashlib.sha256(signed).digest())
PY
}

for suite in rsa ecdhe tls13-aes tls13-chacha; do
    if [ "$suite" = tls13-aes ] && [ "$AES" = 0 ]; then
        echo "ok - mtls $suite: skipped here (no AES-NI) # SKIP"
        continue
    fi
    dir="$TMP/$suite"
    mkdir -p "$dir"
    "$TLSSTEP" run --suite "$suite" --seed mtls --client-auth require --json >"$dir/run.json"
    same "mtls $suite: require with a good certificate completes" \
        "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["result"])' "$dir/run.json")" ok
    rebuild "$dir" "$dir/run.json"
    ok "mtls $suite: openssl verify: the client certificate is the run CA's, in date" \
        openssl verify -CAfile "$dir/ca.pem" -attime "$NOW" "$dir/client.pem"
    openssl x509 -in "$dir/client.pem" -pubkey -noout >"$dir/client.pub"
    if [ "${suite#tls13}" = "$suite" ]; then
        ok "mtls $suite: openssl dgst -verify: PKCS#1 v1.5 over ClientHello..ClientKeyExchange" \
            openssl dgst -sha256 -verify "$dir/client.pub" -signature "$dir/sig.bin" "$dir/signed.bin"
        ok "mtls $suite: openssl pkeyutl -verify: over its SHA-256" \
            openssl pkeyutl -verify -pubin -inkey "$dir/client.pub" -pkeyopt digest:sha256 \
            -in "$dir/digest.bin" -sigfile "$dir/sig.bin"
        pss=()
    else
        pss=(-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest)
        ok "mtls $suite: openssl dgst -verify: RSA-PSS over the client's signed content" \
            openssl dgst -sha256 "${pss[@]}" -verify "$dir/client.pub" -signature "$dir/sig.bin" \
            "$dir/signed.bin"
        ok "mtls $suite: openssl pkeyutl -verify: over its SHA-256" \
            openssl pkeyutl -verify -pubin -inkey "$dir/client.pub" -pkeyopt digest:sha256 \
            -pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:digest \
            -in "$dir/digest.bin" -sigfile "$dir/sig.bin"
    fi
    # one byte changed in what was signed: openssl refuses
    python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[-1]^=1; open(sys.argv[1]+".x","wb").write(b)' \
        "$dir/signed.bin"
    fails "mtls $suite: ... and refuses it over one changed byte" 1 \
        openssl dgst -sha256 "${pss[@]}" -verify "$dir/client.pub" -signature "$dir/sig.bin" \
        "$dir/signed.bin.x"
    # the transcript's own command, run as printed beside client.pem
    "$TLSSTEP" run --suite "$suite" --seed mtls --client-auth require >"$dir/run.txt"
    cmd=$(grep -m1 '^ *reproduce: openssl dgst' "$dir/run.txt" | sed 's/^ *reproduce: //')
    got=$(cd "$dir" && bash -c "$cmd" 2>&1)
    same "mtls $suite: the transcript's reproduce command verifies the client's signature" \
        "$got" "Verified OK"

    # the refusals, each with the RFC's alert, and the expected exit status 0
    case $suite in tls13*) missing=certificate_required ;; *) missing=handshake_failure ;; esac
    for c in none:$missing expired:certificate_expired foreign:unknown_ca stolen:decrypt_error; do
        "$TLSSTEP" run --suite "$suite" --seed mtls --client-auth require \
            --client-cert "${c%%:*}" --json >"$dir/bad.json"
        rc=$?
        same "mtls $suite: --client-cert ${c%%:*} ends with the server's ${c#*:} (exit 0)" \
            "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["result"], d["alert_from"])' "$dir/bad.json") $rc" \
            "${c#*:} server 0"
    done
    "$TLSSTEP" run --suite "$suite" --seed mtls --client-auth request --client-cert none --json \
        >"$dir/req.json"
    same "mtls $suite: request without a certificate completes" \
        "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["result"], d["client_certificate"])' "$dir/req.json")" \
        "ok None"
done

# openssl's own view of the certificates the PKI issues for the tests
dir="$TMP/certs"
mkdir -p "$dir"
for c in expired foreign; do
    "$TLSSTEP" run --seed mtls --client-auth request --client-cert $c --json >"$dir/$c.json"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); open(sys.argv[2],"w").write(d["client_certificate"]); open(sys.argv[3],"w").write(d["certificates"][1])' \
        "$dir/$c.json" "$dir/$c.pem" "$dir/ca.pem"
done
fails "mtls: openssl verify refuses the expired client certificate at the session clock" 2 \
    openssl verify -CAfile "$dir/ca.pem" -attime "$NOW" "$dir/expired.pem"
cp "$TMP/out" "$TMP/expired.out"
ok "mtls: ... saying it has expired" grep -q "certificate has expired" "$TMP/expired.out"
fails "mtls: openssl verify refuses the other CA's client certificate" 2 \
    openssl verify -CAfile "$dir/ca.pem" -attime "$NOW" "$dir/foreign.pem"
cp "$TMP/out" "$TMP/foreign.out"
ok "mtls: ... not knowing its issuer" grep -q "unable to get local issuer certificate" "$TMP/foreign.out"

fails "mtls: --client-cert without --client-auth is bad usage" 2 \
    "$TLSSTEP" run --client-cert good
fails "mtls: --client-auth maybe is bad usage" 2 "$TLSSTEP" run --client-auth maybe
fails "mtls: --client-cert lost is bad usage" 2 "$TLSSTEP" run --client-auth require --client-cert lost
fails "mtls: ui --client-cert without --client-auth is bad usage" 2 \
    "$TLSSTEP" ui --client-cert none

# What an eavesdropper sees (tshark, not our decoder): in TLS 1.2 the client's
# Certificate crosses in the clear, so a capture without keys names the
# client; in TLS 1.3 it is encrypted: only the key log reveals it.
subjects() { tshark -r "$1" "${@:2}" -Y 'tls.handshake.type == 11' -T fields \
    -e x509sat.printableString 2>/dev/null | tr '\n' ','; }
"$TLSSTEP" run --seed eve --client-auth require --pcap "$TMP/m12.pcap" >/dev/null
ok "mtls: tshark reads the client's name from a TLS 1.2 capture without any key" \
    grep -q "tlsstep client" <<<"$(subjects "$TMP/m12.pcap")"
if [ "$AES" = 1 ]; then
    "$TLSSTEP" run --seed eve --suite tls13-aes --bits 768 --client-auth require \
        --pcap "$TMP/m13.pcap" --keylog "$TMP/m13.keys" >/dev/null
    ok "mtls: tshark cannot read the client's name from a TLS 1.3 capture without keys" \
        bash -c "! grep -q 'tlsstep client' <<<'$(subjects "$TMP/m13.pcap")'"
    ok "mtls: ... and reads it with the key log" \
        grep -q "tlsstep client" <<<"$(subjects "$TMP/m13.pcap" -o "tls.keylog_file:$TMP/m13.keys")"
fi

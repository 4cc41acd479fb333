#!/usr/bin/env bash
# Tampering with the channel ends each run as RFC 5246 says it must, and
# `tlsstep run` exits 0 for these expected endings. Record numbers and
# offsets come from the JSON of an untampered run, for every suite:
#   a byte of the ServerHello random   -> bad_record_mac (rsa, null: the two
#       sides derive different keys); decrypt_error (ecdhe, dhe: the
#       ServerKeyExchange signature covers both randoms)
#   a byte of a ClientHello cipher suite the server does not choose
#       -> decrypt_error (same keys, different handshake hash: Finished fails)
#   a byte of the certificate's signature -> bad_certificate
#   a byte of the client's encrypted Finished -> bad_record_mac
#   ServerHelloDone dropped -> stalled, no hang
#   a replayed application data record -> bad_record_mac
# and as RFC 8446 says for TLS 1.3 (both suites), where the ServerHello's and
# ClientHello's bytes enter the handshake keys, so the client cannot open
# EncryptedExtensions (bad_record_mac), every encrypted record is AEAD-
# protected with its header as additional data, and the compatibility
# ChangeCipherSpec must be the byte 01 (unexpected_message, RFC 8446 5);
# the record version byte is free in every record sent in the clear
# (legacy_record_version "MUST be ignored for all purposes", RFC 8446 5.1).
source tests/lib.sh

# locate JSON: prints shell variables naming records and offsets.
locate() {
    python3 - "$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
msgs = d["messages"]
def rec(frm, typ):
    return next(m for m in msgs if m["from"] == frm and m["type"] == typ)
def field(m, name):
    return next(f for f in m["fields"] if f["name"] == name)
sh = rec("server", "ServerHello")
ch = rec("client", "ClientHello")
chosen = field(sh, "cipher_suite")["value"]
other = next(f for f in ch["fields"] if f["name"] == "cipher_suite" and f["value"] != chosen)
cert = rec("server", "Certificate")
fin = rec("client", "Finished")
app = rec("server", "ApplicationData")
print("SH=%d SH_RANDOM=%d" % (sh["number"], field(sh, "random")["offset"]))
print("CH=%d CH_SUITE=%d" % (ch["number"], other["offset"] + 1))
print("CERT=%d CERT_SIG=%d" % (cert["number"], cert["length"] - 3))
print("FIN=%d FIN_BYTE=%d" % (fin["number"], fin["length"] - 20))
print("SHD=%d APP=%d" % (rec("server", "ServerHelloDone")["number"], app["number"]))
EOF
}

# expect NAME RESULT FROM ARGS...: run with ARGS under a time limit; exit 0,
# JSON result RESULT sent by FROM (or "-" for none), a record marked as
# tampered/dropped/replayed.
expect() {
    local name=$1 want=$2 from=$3
    shift 3
    timeout 20 "$TLSSTEP" run --json "$@" >"$TMP/t.json"
    local rc=$?
    same "$name: exit 0" "$rc" 0
    local got
    got=$(python3 - "$TMP/t.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
marked = any(m.get("delivered_hex") or m.get("dropped") or m.get("origin") == "replayed"
             for m in d["messages"])
print(d["result"], d.get("alert_from", "-"), "marked" if marked else "unmarked")
EOF
)
    same "$name" "$got" "$want $from marked"
}

# completes NAME ARGS...: the tampered run completes (exit 0, result ok):
# a byte the protocol leaves unauthenticated.
completes() {
    local name=$1
    shift
    timeout 20 "$TLSSTEP" run --json "$@" >"$TMP/t.json"
    same "$name: completes, exit 0" "$?" 0
    ok "$name: result ok" grep -q '"result": "ok"' "$TMP/t.json"
}

for suite in rsa ecdhe dhe null; do
    seed="tamper-$suite"
    "$TLSSTEP" run --suite "$suite" --seed "$seed" --json >"$TMP/clean.json"
    vars=$(locate "$TMP/clean.json") || { echo "not ok - $suite: cannot locate records"; continue; }
    eval "$vars"
    run=(--suite "$suite" --seed "$seed")
    case $suite in
    ecdhe | dhe) want=decrypt_error from=client ;;
    *) want=bad_record_mac from=server ;;
    esac
    expect "$suite: ServerHello random byte" "$want" "$from" "${run[@]}" \
        --tamper "$SH,$SH_RANDOM,01"
    expect "$suite: ClientHello unchosen cipher suite byte" decrypt_error server "${run[@]}" \
        --tamper "$CH,$CH_SUITE,01"
    expect "$suite: certificate signature byte" bad_certificate client "${run[@]}" \
        --tamper "$CERT,$CERT_SIG,80"
    expect "$suite: encrypted client Finished byte" bad_record_mac server "${run[@]}" \
        --tamper "$FIN,$FIN_BYTE,01"
    expect "$suite: ServerHelloDone dropped" stalled - "${run[@]}" --drop "$SHD"
    expect "$suite: replayed application data" bad_record_mac client "${run[@]}" --replay "$APP"
    # The record version byte: free only in the ClientHello's record (RFC 5246
    # E.1), refused in the Certificate's once TLS 1.2 is agreed.
    expect "$suite: Certificate record version byte" protocol_version client "${run[@]}" \
        --tamper "$CERT,2,01"
    timeout 20 "$TLSSTEP" run --json "${run[@]}" --tamper "$CH,2,01" >"$TMP/t.json"
    same "$suite: ClientHello record version byte: completes, exit 0" "$?" 0
    ok "$suite: ClientHello record version byte: result ok" grep -q '"result": "ok"' "$TMP/t.json"
done

# locate13 JSON: records and offsets of a TLS 1.3 run.
locate13() {
    python3 - "$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
msgs = d["messages"]
def rec(frm, typ, nth=0):
    return [m for m in msgs if m["from"] == frm and m["type"] == typ][nth]
def field(m, name):
    return next(f for f in m["fields"] if f["name"] == name)
sh = rec("server", "ServerHello")
ch = rec("client", "ClientHello")
chosen = field(sh, "cipher_suite")["value"]
other = next(f for f in ch["fields"] if f["name"] == "cipher_suite" and f["value"] != chosen)
print("SH=%d SH_RANDOM=%d" % (sh["number"], field(sh, "random")["offset"]))
print("CH=%d CH_SUITE=%d" % (ch["number"], other["offset"] + 1))
print("EE=%d CERT=%d SFIN=%d" % (rec("server", "EncryptedExtensions")["number"],
      rec("server", "Certificate")["number"], rec("server", "Finished")["number"]))
cfin = rec("client", "Finished")
print("CFIN=%d CFIN_BYTE=%d" % (cfin["number"], cfin["length"] - 20))
print("SCCS=%d CCCS=%d" % (rec("server", "ChangeCipherSpec")["number"],
      rec("client", "ChangeCipherSpec")["number"]))
apps = [m for m in msgs if m["from"] == "server" and m["type"] == "ApplicationData"]
print("APP=%d" % apps[-1]["number"])
hrr = [m for m in msgs if m["type"] == "HelloRetryRequest"]
if hrr:
    print("HRR=%d CH2=%d" % (hrr[0]["number"], rec("client", "ClientHello", 1)["number"]))
EOF
}

for suite in tls13-aes tls13-chacha; do
    seed="tamper-$suite"
    "$TLSSTEP" run --suite "$suite" --seed "$seed" --json >"$TMP/clean.json"
    vars=$(locate13 "$TMP/clean.json") || { echo "not ok - $suite: cannot locate records"; continue; }
    eval "$vars"
    run=(--suite "$suite" --seed "$seed")
    expect "$suite: ServerHello random byte" bad_record_mac client "${run[@]}" \
        --tamper "$SH,$SH_RANDOM,01"
    expect "$suite: ClientHello unchosen cipher suite byte" bad_record_mac client "${run[@]}" \
        --tamper "$CH,$CH_SUITE,01"
    expect "$suite: encrypted Certificate byte" bad_record_mac client "${run[@]}" \
        --tamper "$CERT,100,01"
    expect "$suite: encrypted client Finished byte" bad_record_mac server "${run[@]}" \
        --tamper "$CFIN,$CFIN_BYTE,01"
    expect "$suite: server Finished dropped" stalled - "${run[@]}" --drop "$SFIN"
    expect "$suite: replayed application data" bad_record_mac client "${run[@]}" --replay "$APP"
    # a protected record's header is the AEAD's additional data
    expect "$suite: EncryptedExtensions record version byte" bad_record_mac client "${run[@]}" \
        --tamper "$EE,2,01"
    expect "$suite: server's ChangeCipherSpec not 01" unexpected_message client "${run[@]}" \
        --tamper "$SCCS,5,02"
    # legacy_record_version "MUST be ignored for all purposes" (RFC 8446 5.1)
    # in every record sent in the clear
    completes "$suite: client's ChangeCipherSpec record version byte" "${run[@]}" \
        --tamper "$CCCS,2,01"
    completes "$suite: ClientHello record version byte" "${run[@]}" --tamper "$CH,2,01"
done
# With a HelloRetryRequest: the record version byte is free in every
# plaintext record of the run (RFC 8446 5.1): the HelloRetryRequest's, the
# second ClientHello's and the ServerHello's.
"$TLSSTEP" run --suite tls13-chacha --group ffdhe2048 --seed tamper-hrr --json >"$TMP/clean.json"
eval "$(locate13 "$TMP/clean.json")"
run=(--suite tls13-chacha --group ffdhe2048 --seed tamper-hrr)
completes "HelloRetryRequest record version byte" "${run[@]}" --tamper "$HRR,2,80"
completes "second ClientHello record version byte" "${run[@]}" --tamper "$CH2,2,01"
completes "ServerHello after the HelloRetryRequest: record version byte" "${run[@]}" \
    --tamper "$SH,2,01"

# The transcript of a tampered run shows both byte strings and the change.
"$TLSSTEP" run --seed tamper-rsa --tamper 2,11,01 >"$TMP/t.txt"
ok "transcript shows the delivered bytes" grep -q '^  delivered:' "$TMP/t.txt"
ok "transcript shows the changed byte" grep -q '^    changed byte 11: ' "$TMP/t.txt"
ok "transcript result names the alert and sender" \
    grep -q '^result: bad_record_mac (sent by server: ' "$TMP/t.txt"

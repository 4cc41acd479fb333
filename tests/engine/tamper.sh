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

# The transcript of a tampered run shows both byte strings and the change.
"$TLSSTEP" run --seed tamper-rsa --tamper 2,11,01 >"$TMP/t.txt"
ok "transcript shows the delivered bytes" grep -q '^  delivered:' "$TMP/t.txt"
ok "transcript shows the changed byte" grep -q '^    changed byte 11: ' "$TMP/t.txt"
ok "transcript result names the alert and sender" \
    grep -q '^result: bad_record_mac (sent by server: ' "$TMP/t.txt"

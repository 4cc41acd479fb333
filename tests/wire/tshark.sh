#!/usr/bin/env bash
# tshark reads what `tlsstep run --pcap --keylog` writes: for every suite the
# handshake messages in order; with the key log (-o tls.keylog_file:) the
# decrypted Finished messages and the HTTP GET and response, whose body is
# the payload (same SHA-256 as the run reports); the pcapng variant decrypts
# with no key log option (Decryption Secrets Block). The null suite reads
# without keys. Checksums verify and tshark's TCP analysis finds nothing.
# TLS 1.3 (both suites, x25519 and ffdhe2048 with its HelloRetryRequest,
# with KeyUpdate): the key log holds a line per traffic secret, with which
# tshark decrypts the encrypted handshake (EncryptedExtensions,
# Certificate, CertificateVerify, both Finished), NewSessionTicket, both
# KeyUpdates and the HTTP exchange, from pcap + key log and from the pcapng
# alone; without keys only the hellos are read.
source tests/lib.sh

if ! command -v tshark >/dev/null 2>&1; then
    echo "not ok - tshark is installed (run .ci/deps.sh test)"
    exit 1
fi
# A private home: the user's Wireshark preferences must not change the result.
export HOME="$TMP/home"
mkdir -p "$HOME"

ts() { tshark "$@" 2>/dev/null; }

# One tshark pass over a capture: one line per packet, fields separated by
# '|': handshake types, verify_data, the HTTP request and status lines, both
# checksum statuses, TCP analysis flags.
dissect() {
    ts -r "$@" -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE -T fields -E separator='|' \
        -e tls.handshake.type -e tls.handshake.verify_data \
        -e http.request.method -e http.request.uri -e http.request.version \
        -e http.response.version -e http.response.code -e http.response.phrase \
        -e tcp.checksum.status -e ip.checksum.status -e tcp.analysis.flags
}
# Handshake types in order, one list: "1 2 11 14 16 20 20".
hs_types() { cut -d'|' -f1 "$1" | tr -s ',\n' '  ' | sed 's/^ *//; s/ *$//'; }
finished() { cut -d'|' -f2 "$1" | tr ',' '\n' | grep -c .; }
# "GET / HTTP/1.1|HTTP/1.1 200 OK" when both were dissected.
http_lines() {
    awk -F'|' '$3 != "" { print $3 " " $4 " " $5 } $6 != "" { print $6 " " $7 " " $8 }' "$1" |
        paste -sd'|'
}
# Packets whose checksum is not good (status 1) or that TCP analysis flags.
unclean() { awk -F'|' '$9 != "1" || $10 != "1" || $11 != ""' "$1" | wc -l; }

# Where the run's JSON says the payload hash is.
json_sha() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["payload_sha256"])' "$1"; }

for s in rsa ecdhe dhe null; do
    pcap="$TMP/$s.pcap"; log="$TMP/$s.log"; ng="$TMP/$s.pcapng"
    ok "run --pcap --keylog writes both ($s)" \
        "$TLSSTEP" run --suite "$s" --seed 5 --json --pcap "$pcap" --keylog "$log"
    cp "$TMP/out" "$TMP/$s.json"
    case $s in
        ecdhe|dhe) all="1 2 11 12 14 16 20 20"; clear="1 2 11 12 14 16" ;;
        *) all="1 2 11 14 16 20 20"; clear="1 2 11 14 16" ;;
    esac
    same "key log is one CLIENT_RANDOM line ($s)" \
        "$(grep -cE '^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$' "$log")/$(wc -l <"$log")" "1/1"
    rm -rf "$TMP/obj"
    dissect "$pcap" -o "tls.keylog_file:$log" --export-objects "http,$TMP/obj" >"$TMP/keys"
    dissect "$pcap" >"$TMP/nokeys"
    same "tshark lists the handshake messages in order, with keys ($s)" "$(hs_types "$TMP/keys")" "$all"
    same "tshark decrypts both Finished ($s)" "$(finished "$TMP/keys")" "2"
    same "tshark decrypts the HTTP GET and response ($s)" "$(http_lines "$TMP/keys")" \
        "GET / HTTP/1.1|HTTP/1.1 200 OK"
    same "the decrypted body is the payload ($s)" \
        "$(cat "$TMP/obj"/* 2>/dev/null | sha256sum | cut -d' ' -f1)" "$(json_sha "$TMP/$s.json")"
    if [ "$s" = null ]; then
        same "tshark reads the null suite without keys ($s)" "$(hs_types "$TMP/nokeys")" "$all"
        same "HTTP is readable without keys ($s)" "$(http_lines "$TMP/nokeys")" \
            "GET / HTTP/1.1|HTTP/1.1 200 OK"
    else
        same "without keys only the clear part is read ($s)" "$(hs_types "$TMP/nokeys")" "$clear"
        same "without keys no HTTP ($s)" "$(http_lines "$TMP/nokeys")" ""
    fi
    same "checksums verify and TCP analysis is clean ($s)" "$(unclean "$TMP/keys")" "0"
    ok "run --pcap FILE.pcapng ($s)" "$TLSSTEP" run --suite "$s" --seed 5 --pcap "$ng"
    dissect "$ng" >"$TMP/ng"
    same "pcapng decrypts with no key log option ($s)" "$(http_lines "$TMP/ng")" \
        "GET / HTTP/1.1|HTTP/1.1 200 OK"
    same "pcapng lists every handshake message ($s)" "$(hs_types "$TMP/ng")" "$all"
done

# TLS 1.3: seed 5, --key-update; x25519, or ffdhe2048 (the client's first
# share is x25519: HelloRetryRequest, then a second ClientHello).
for spec in tls13-aes:x25519 tls13-chacha:x25519 tls13-aes:ffdhe2048 tls13-chacha:ffdhe2048; do
    s=${spec%%:*} g=${spec#*:}
    name="$s $g"
    pcap="$TMP/$s-$g.pcap"; log="$TMP/$s-$g.log"; ng="$TMP/$s-$g.pcapng"
    ok "run --pcap --keylog writes both ($name)" "$TLSSTEP" run --suite "$s" --group "$g" \
        --key-update --seed 5 --json --pcap "$pcap" --keylog "$log"
    cp "$TMP/out" "$TMP/$s-$g.json"
    hello="1 2" # the ServerHello's type 2 is also the HelloRetryRequest's
    [ "$g" = ffdhe2048 ] && hello="1 2 1 2"
    # client: Finished, KeyUpdate; server: NewSessionTicket, KeyUpdate
    all="$hello 8 11 15 20 20 24 4 24"
    same "key log: the TLS 1.3 secrets, one line each ($name)" \
        "$(cut -d' ' -f1 "$log" | paste -sd' ')" \
        "CLIENT_HANDSHAKE_TRAFFIC_SECRET SERVER_HANDSHAKE_TRAFFIC_SECRET CLIENT_TRAFFIC_SECRET_0 SERVER_TRAFFIC_SECRET_0 EXPORTER_SECRET CLIENT_TRAFFIC_SECRET_1 SERVER_TRAFFIC_SECRET_1"
    want=64; [ "$s" = tls13-aes ] && want=96 # SHA-384's 48 bytes, SHA-256's 32
    same "key log: client random and $((want / 2))-byte secrets ($name)" \
        "$(grep -cE "^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]{$want}\$" "$log")" 7
    same "key log: the client random of the run ($name)" \
        "$(cut -d' ' -f2 "$log" | sort -u)" \
        "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["secrets"]["client_random"])' "$TMP/$s-$g.json")"
    rm -rf "$TMP/obj"
    dissect "$pcap" -o "tls.keylog_file:$log" --export-objects "http,$TMP/obj" >"$TMP/keys"
    dissect "$pcap" >"$TMP/nokeys"
    same "tshark decrypts every handshake message, in order ($name)" "$(hs_types "$TMP/keys")" "$all"
    same "tshark decrypts both Finished ($name)" "$(finished "$TMP/keys")" "2"
    same "tshark decrypts the HTTP GET and response ($name)" "$(http_lines "$TMP/keys")" \
        "GET / HTTP/1.1|HTTP/1.1 200 OK"
    same "the decrypted body is the payload ($name)" \
        "$(cat "$TMP/obj"/* 2>/dev/null | sha256sum | cut -d' ' -f1)" "$(json_sha "$TMP/$s-$g.json")"
    same "without keys only the hellos are read ($name)" "$(hs_types "$TMP/nokeys")" "$hello"
    same "without keys no HTTP ($name)" "$(http_lines "$TMP/nokeys")" ""
    same "checksums verify and TCP analysis is clean ($name)" "$(unclean "$TMP/keys")" "0"
    ok "run --pcap FILE.pcapng ($name)" "$TLSSTEP" run --suite "$s" --group "$g" --key-update \
        --seed 5 --pcap "$ng"
    dissect "$ng" >"$TMP/ng"
    same "pcapng alone: every handshake message decrypted ($name)" "$(hs_types "$TMP/ng")" "$all"
    same "pcapng alone: the HTTP GET and response ($name)" "$(http_lines "$TMP/ng")" \
        "GET / HTTP/1.1|HTTP/1.1 200 OK"
done

# serve and connect write the same lines from their own side's values, and
# their pcapng captures decrypt alone: serve requires ffdhe2048 (so a
# HelloRetryRequest), connect sends KeyUpdate.
source tests/net/netlib.bash
start_serve "$TMP/serve.out" --once --bits 1024 --tls 1.3 --group ffdhe2048 --out-dir "$TMP" \
    --keylog "$TMP/serve.log" --pcap "$TMP/serve.pcapng"
if listening "serve and connect captures" "$TMP/serve.out"; then
    ok "connect --keylog --pcap (TLS 1.3, HelloRetryRequest, KeyUpdate)" timeout 60 \
        "$TLSSTEP" connect "localhost:$SERVE_PORT" --cafile "$TMP/ca.pem" --key-update \
        --keylog "$TMP/connect.log" --pcap "$TMP/connect.pcapng"
    wait "$SERVE_PID"
    same "serve and connect log the same 7 lines" \
        "$(sort "$TMP/serve.log" | md5sum)/$(wc -l <"$TMP/serve.log")" \
        "$(sort "$TMP/connect.log" | md5sum)/7"
    for side in serve connect; do
        dissect "$TMP/$side.pcapng" >"$TMP/$side.fields"
        same "$side's pcapng alone: every handshake message decrypted" \
            "$(hs_types "$TMP/$side.fields")" "1 2 1 2 8 11 15 20 20 24 4 24"
        same "$side's pcapng alone: the HTTP GET and response" "$(http_lines "$TMP/$side.fields")" \
            "GET / HTTP/1.1|HTTP/1.1 200 OK"
    done
fi

# The same seed gives a byte-identical capture; the key log appends.
"$TLSSTEP" run --seed 5 --pcap "$TMP/again.pcap" --keylog "$TMP/rsa.log" >/dev/null 2>&1
ok "same seed, byte-identical capture" cmp "$TMP/rsa.pcap" "$TMP/again.pcap"
same "the key log appends, one line per run" "$(sort -u "$TMP/rsa.log" | wc -l)/$(wc -l <"$TMP/rsa.log")" "1/2"

# A dropped record never crossed the wire: the Certificate (record 3) is
# missing and the messages around it are there.
"$TLSSTEP" run --seed 5 --suite null --drop 3 --pcap "$TMP/drop.pcap" >/dev/null 2>&1
dissect "$TMP/drop.pcap" >"$TMP/drop"
same "a dropped record is not in the capture" "$(hs_types "$TMP/drop" | cut -d' ' -f1-3)" "1 2 14"

fails "unwritable --pcap exits 2" 2 "$TLSSTEP" run --seed 5 --pcap "$TMP/no/such/dir/x.pcap"
fails "unwritable --keylog exits 2" 2 "$TLSSTEP" run --seed 5 --keylog "$TMP/no/such/dir/k.log"
fails "--pcap needs a value" 2 "$TLSSTEP" run --pcap

#!/usr/bin/env bash
# tshark reads what `tlsstep run --pcap --keylog` writes: for every suite the
# handshake messages in order; with the key log (-o tls.keylog_file:) the
# decrypted Finished messages and the HTTP GET and response, whose body is
# the payload (same SHA-256 as the run reports); the pcapng variant decrypts
# with no key log option (Decryption Secrets Block). The null suite reads
# without keys. Checksums verify and tshark's TCP analysis finds nothing.
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

#!/usr/bin/env bash
# tlsstep decode: the records of a run (hex from `run --json`, as a stream, an
# xxd dump and raw bytes) decode to the run's own records and values; a real
# OpenSSL ClientHello decodes; bad inputs get one precise error line each.
source tests/lib.sh

# Prints the concatenated "hex" of every record of a run --json file.
run_hex() { python3 -c 'import json,sys; print("".join(m["hex"] for m in json.load(open(sys.argv[1]))["messages"]))' "$1"; }

# TLS 1.3 too: x25519, and ffdhe2048 (HelloRetryRequest, a second
# ClientHello and ServerHello in the clear after the ChangeCipherSpecs).
for spec in rsa ecdhe dhe null tls13-aes tls13-chacha:ffdhe2048; do
    s=${spec%%:*} flags=(--suite "${spec%%:*}" --seed 5 --json)
    [[ $spec == *:* ]] && s=$spec && flags+=(--group "${spec#*:}")
    [[ $spec == tls13* ]] && flags+=(--key-update)
    "$TLSSTEP" run "${flags[@]}" >"$TMP/$s.json" 2>/dev/null
    run_hex "$TMP/$s.json" >"$TMP/$s.hex"
    ok "decode the hex of a run's records ($s)" "$TLSSTEP" decode "$TMP/$s.hex"
    "$TLSSTEP" decode --json "$TMP/$s.hex" >"$TMP/$s.dec.json" 2>/dev/null
    # Record count, content types, lengths and offsets agree with the run; the
    # ClientHello's random is the run's client_random; records after the
    # client's ChangeCipherSpec are the protected ones (opaque, or plaintext
    # and MAC for the null suite); in TLS 1.3 the application_data ones
    # (opaque: encrypted_record and a 16-byte tag), the plaintext ones named
    # as the run names them (HelloRetryRequest too).
    same "decoded records match the run's ($s)" "$(python3 - "$TMP/$s.json" "$TMP/$s.dec.json" <<'EOF'
import json, sys
run = json.load(open(sys.argv[1])); dec = json.load(open(sys.argv[2]))
msgs, recs = run["messages"], dec["records"]
problems = []
if len(msgs) != len(recs):
    problems.append("count %d != %d" % (len(recs), len(msgs)))
off = 0
seen_ccs = False
tls13 = run["version"] == "TLS 1.3"
for m, r in zip(msgs, recs):
    raw = bytes.fromhex(m["hex"])
    if r["content_type"] != raw[0] or r["length"] != len(raw) - 5 or r["offset"] != off:
        problems.append("record %d header" % r["number"])
    protected = raw[0] == 23 or (seen_ccs and raw[0] != 20 and not tls13)
    if tls13 and protected:
        sizes = [(f["name"], f["offset"], f["length"]) for f in r["fields"]][3:]
        if sizes != [("encrypted_record", 5, len(raw) - 21), ("tag", len(raw) - 16, 16)]:
            problems.append("record %d fields %s" % (r["number"], sizes))
    null = run["suite"] == "TLS_RSA_WITH_NULL_SHA256"
    if r["encrypted"] != (protected and not null) or r["mac_only"] != (protected and null):
        problems.append("record %d encrypted" % r["number"])
    seen_ccs = seen_ccs or raw[0] == 20
    if not r["encrypted"] and r["name"] != m["type"]:
        problems.append("record %d name %s != %s" % (r["number"], r["name"], m["type"]))
    off += len(raw)
rnd = [f["value"] for f in recs[0]["fields"] if f["name"] == "random"]
if rnd != [run["secrets"]["client_random"]]:
    problems.append("random")
if dec["errors"]:
    problems.append("errors")
print(" ".join(problems) or "same")
EOF
)" "same"
done

# One input, four spellings: the same decoding.
"$TLSSTEP" decode "$TMP/rsa.hex" >"$TMP/want" 2>&1
xxd -r -p "$TMP/rsa.hex" >"$TMP/rsa.bin"
xxd "$TMP/rsa.bin" >"$TMP/rsa.xxd"
hexdump -C "$TMP/rsa.bin" >"$TMP/rsa.hd" 2>/dev/null || xxd "$TMP/rsa.bin" >"$TMP/rsa.hd"
for form in bin xxd hd; do
    "$TLSSTEP" decode "$TMP/rsa.$form" >"$TMP/got" 2>&1
    ok "decode reads the $form form" cmp "$TMP/want" "$TMP/got"
done
"$TLSSTEP" decode - <"$TMP/rsa.bin" >"$TMP/got" 2>&1
ok "decode reads standard input" cmp "$TMP/want" "$TMP/got"
"$TLSSTEP" decode --raw "$TMP/rsa.bin" >"$TMP/got" 2>&1
ok "decode --raw" cmp "$TMP/want" "$TMP/got"
ok "ClientHello fields are shown" grep -qE '^ +server_name +localhost' "$TMP/want"

# A real ClientHello: what openssl s_client sends first.
if command -v openssl >/dev/null 2>&1; then
    python3 - "$TMP/ossl.bin" <<'EOF' &
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
open(sys.argv[1] + ".port", "w").write(str(s.getsockname()[1]))
s.settimeout(10)
c, _ = s.accept(); c.settimeout(5)
data = b""
while len(data) < 5 or len(data) < 5 + int.from_bytes(data[3:5], "big"):
    chunk = c.recv(65536)
    if not chunk:
        break
    data += chunk
open(sys.argv[1], "wb").write(data[:5 + int.from_bytes(data[3:5], "big")])
c.close()
EOF
    srv=$!
    for _ in $(seq 50); do [ -s "$TMP/ossl.bin.port" ] && break; sleep 0.1; done
    port=$(cat "$TMP/ossl.bin.port" 2>/dev/null)
    timeout 10 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -servername localhost \
        </dev/null >/dev/null 2>&1
    wait "$srv" 2>/dev/null
    ok "decode a real OpenSSL ClientHello" "$TLSSTEP" decode "$TMP/ossl.bin"
    cp "$TMP/out" "$TMP/last"
    ok "its extensions are named" grep -q 'extended_master_secret\|session_ticket' "$TMP/last"
fi

# Bad inputs: one precise line, exit 1 (undecodable) or 2 (usage, bad hex).
head -c $(( $(wc -c <"$TMP/rsa.bin") - 1 )) "$TMP/rsa.bin" >"$TMP/cut.bin"
last=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1]))["messages"]; print(len(m), sum(len(x["hex"])//2 for x in m[:-1]))' "$TMP/rsa.json")
fails "a truncated record exits 1" 1 "$TLSSTEP" decode "$TMP/cut.bin"
cp "$TMP/out" "$TMP/last"
ok "the error names record and offset" \
    grep -q "^tlsstep decode: record ${last% *} at offset ${last#* }: length .* but only .* bytes follow" "$TMP/last"
printf '170303480100' >"$TMP/long.hex"
fails "an over-long length exits 1" 1 "$TLSSTEP" decode "$TMP/long.hex"
cp "$TMP/out" "$TMP/last"
ok "the error says 2^14+2048" grep -q "record 1 at offset 0: length 18433 exceeds 2^14+2048 (18432)" "$TMP/last"
printf '16030300040e000000 1803030000' >"$TMP/type.hex"
fails "an unknown content type exits 1" 1 "$TLSSTEP" decode "$TMP/type.hex"
cp "$TMP/out" "$TMP/last"
ok "the error names the type and offset" grep -q "record 2 at offset 9: content type 24" "$TMP/last"
printf '1603030006010000020000' >"$TMP/body.hex"
fails "a bad handshake body exits 1" 1 "$TLSSTEP" decode "$TMP/body.hex"
cp "$TMP/out" "$TMP/last"
ok "the error names the message" grep -q "record 1 at offset 0: ClientHello at offset 5: " "$TMP/last"
printf '16 03 0g' >"$TMP/badhex.hex"
fails "malformed hex exits 2" 2 "$TLSSTEP" decode --hex "$TMP/badhex.hex"
cp "$TMP/out" "$TMP/last"
ok "the hex error has a position" grep -q "malformed hex at character 7 (line 1, column 8)" "$TMP/last"
: >"$TMP/empty"
fails "empty input exits 2" 2 "$TLSSTEP" decode "$TMP/empty"
fails "a missing file exits 2" 2 "$TLSSTEP" decode "$TMP/no-such-file"
fails "--hex and --raw together exit 2" 2 "$TLSSTEP" decode --hex --raw "$TMP/rsa.hex"
fails "an unknown option exits 2" 2 "$TLSSTEP" decode --bogus
fails "two files exit 2" 2 "$TLSSTEP" decode "$TMP/rsa.hex" "$TMP/rsa.hex"
ok "decode --help" "$TLSSTEP" decode --help

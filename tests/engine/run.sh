#!/usr/bin/env bash
# tlsstep run: every suite at 512 (TLS 1.3's at 640: RSA-PSS needs 528), 1024
# and 2048 bits completes with the payload intact, in the version of its
# suite (checked from the JSON: the server's decrypted application
# data records carry an HTTP response whose body hashes to payload_sha256,
# a valid BMP for the built-in sample, the file's own SHA-256 for --file);
# same seed gives byte-identical output; a different seed gives different
# randoms; bad values exit 2.
source tests/lib.sh

# check_json FILE [EXPECTED_SHA256]: result ok, the body rebuilt from the
# records' plaintext hashes to payload_sha256 (and to EXPECTED when given).
check_json() {
    python3 - "$@" <<'EOF'
import hashlib, json, sys
d = json.load(open(sys.argv[1]))
assert d["result"] == "ok", d["result"] + ": " + d["reason"]
body = b"".join(bytes.fromhex(m["plaintext_hex"]) for m in d["messages"]
                if m["from"] == "server" and m["type"] == "ApplicationData")
head, sep, body = body.partition(b"\r\n\r\n")
assert sep and head.startswith(b"HTTP/1.1 200"), head[:40]
digest = hashlib.sha256(body).hexdigest()
assert digest == d["payload_sha256"], "body does not hash to payload_sha256"
assert len(body) == d["payload_bytes"]
if len(sys.argv) > 2:
    assert digest == sys.argv[2], "not the file served"
else:  # the built-in sample: a 24-bit BMP whose header states its size
    assert body[:2] == b"BM" and int.from_bytes(body[2:6], "little") == len(body)
    assert int.from_bytes(body[28:30], "little") == 24 and len(body) > 16384 * 2
assert d["messages"][0]["type"] == "ClientHello" and d["secrets"]["master_secret"]
tls13 = d["suite"] in ("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256")
want = ("TLS 1.3", "0x0304") if tls13 else ("TLS 1.2", "0x0303")
assert (d["version"], d["version_code"]) == want, (d["version"], d["version_code"])
EOF
}

for suite in rsa ecdhe dhe null tls13-aes tls13-chacha; do
    for bits in 512 1024 2048; do
        [[ $suite == tls13* && $bits == 512 ]] && bits=640
        out="$TMP/$suite-$bits.json"
        "$TLSSTEP" run --suite "$suite" --bits "$bits" --seed "run-$suite-$bits" --json >"$out"
        rc=$?
        same "run $suite $bits exits 0" "$rc" 0
        ok "run $suite $bits completes with the payload intact" check_json "$out"
    done
done

# --file: the file's bytes arrive.
head -c 50000 /dev/urandom >"$TMP/payload.bin"
want=$(sha256sum "$TMP/payload.bin" | cut -d' ' -f1)
"$TLSSTEP" run --suite ecdhe --seed file --file "$TMP/payload.bin" --json >"$TMP/file.json"
ok "run --file serves the file intact" check_json "$TMP/file.json" "$want"
: >"$TMP/empty"
"$TLSSTEP" run --seed file --file "$TMP/empty" --json >"$TMP/empty.json"
ok "run --file with an empty file" check_json "$TMP/empty.json" \
    "$(sha256sum "$TMP/empty" | cut -d' ' -f1)"

# Determinism.
"$TLSSTEP" run --seed same --suite dhe >"$TMP/a.txt"
"$TLSSTEP" run --seed same --suite dhe >"$TMP/b.txt"
ok "same seed: byte-identical transcript" cmp -s "$TMP/a.txt" "$TMP/b.txt"
same "transcript starts with the seed" "$(head -1 "$TMP/a.txt")" "seed: same"
same "transcript ends with the result" "$(tail -1 "$TMP/a.txt")" "result: ok"
"$TLSSTEP" run --seed same --suite dhe --json >"$TMP/a.json"
"$TLSSTEP" run --seed same --suite dhe --json >"$TMP/b.json"
ok "same seed: byte-identical JSON" cmp -s "$TMP/a.json" "$TMP/b.json"
"$TLSSTEP" run --seed other --suite dhe --json >"$TMP/c.json"
randoms() {
    python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["secrets"]; print(s["client_random"], s["server_random"], s["master_secret"])' "$1"
}
ra=$(randoms "$TMP/a.json")
rc=$(randoms "$TMP/c.json")
ok "different seed: different randoms" test "${ra%% *}" != "${rc%% *}" -a "${ra#* }" != "${rc#* }"

# No seed: a fresh one is printed, and it replays the run.
"$TLSSTEP" run >"$TMP/fresh.txt"
seed=$(sed -n '1s/^seed: //p' "$TMP/fresh.txt")
ok "no --seed: a fresh seed is printed" grep -Eq '^[0-9]{16}$' <<<"$seed"
"$TLSSTEP" run --seed "$seed" >"$TMP/again.txt"
ok "the printed seed replays the run" cmp -s "$TMP/fresh.txt" "$TMP/again.txt"

# Bad values: exit 2 with one line.
fails "run --bits 7" 2 "$TLSSTEP" run --bits 7
fails "run --bits 5000" 2 "$TLSSTEP" run --bits 5000
fails "run --suite nope" 2 "$TLSSTEP" run --suite nope
fails "run --seed ''" 2 "$TLSSTEP" run --seed ''
fails "run --file missing" 2 "$TLSSTEP" run --file "$TMP/missing"
fails "run --tamper bad syntax" 2 "$TLSSTEP" run --tamper 1,2
fails "run --tamper xor 00" 2 "$TLSSTEP" run --tamper 1,2,00
fails "run --drop 0" 2 "$TLSSTEP" run --drop 0
fails "run --tamper of a record that never crossed" 2 "$TLSSTEP" run --seed 1 --tamper 999,0,01
"$TLSSTEP" run --seed 1 --tamper 999,0,01 >"$TMP/none.txt" 2>"$TMP/none.err"
same "never-crossed error is one line" "$(wc -l <"$TMP/none.err")" 1
ok "never-crossed error names the count" grep -q "record 999 never crossed the channel (the run had" "$TMP/none.err"
ok "never-crossed error prints nothing on stdout" test ! -s "$TMP/none.txt"
fails "run --frob" 2 "$TLSSTEP" run --frob
ok "run --help" "$TLSSTEP" run --help

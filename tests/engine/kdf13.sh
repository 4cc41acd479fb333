#!/usr/bin/env bash
# TLS 1.3's key schedule checked from outside the engine, for both suites,
# x25519 and ffdhe2048 (a HelloRetryRequest), with KeyUpdate:
#  - every "reproduce:" command the transcript prints (tlsstep hkdf and
#    openssl kdf HKDF / TLS13-KDF) is run and must print the value shown
#    beside it (and TLS 1.2's tlsstep prf / openssl kdf TLS1-PRF ones too);
#  - the JSON: version, every secret the issue lists, plaintext_hex of each
#    protected handshake record being whole handshake messages, the
#    transcript hashes recomputed (hashlib) from the records (with the
#    message_hash rule after a HelloRetryRequest), both verify_data values
#    (HMAC over them with the finished keys), each record's nonce as the
#    IV of its direction and epoch XOR its sequence number, and the X25519
#    shared secret with openssl pkeyutl.
source tests/lib.sh

# A tlsstep on PATH, for the commands as printed.
mkdir -p "$TMP/bin"
ln -s "$TLSSTEP" "$TMP/bin/tlsstep"

# commands TRANSCRIPT: one line per reproduce command, "NAME<TAB>VALUE<TAB>CMD".
commands() {
    python3 - "$1" <<'EOF'
import re, sys
name = value = None
cmds = []
def flush():
    for c in cmds:
        print("%s\t%s\t%s" % (name, value, c))
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^\[\d+\] \w+ derives (\S+) \(", line)
    if m or re.match(r"^(\[\d+\]|#\d+ )", line):
        if name is not None:
            flush()
        name, value, cmds = (m.group(1), "", []) if m else (None, None, [])
        continue
    if name is None:
        continue
    m = re.match(r"^ {7}reproduce: (.*)$", line)
    if m:
        cmds.append(m.group(1))
    m = re.match(r"^ {7}= ([0-9a-f]+)$", line)
    if m:
        value += m.group(1)
if name is not None:
    flush()
EOF
}

# run_commands LABEL TRANSCRIPT MIN: runs every reproduce command of the
# transcript; one check per tool that all print their value (at least MIN
# commands each), and one that each HKDF mode was reproduced.
run_commands() {
    local label=$1 file=$2 min=$3
    commands "$file" >"$TMP/cmds"
    local tool n bad
    for tool in tlsstep openssl; do
        n=0 bad=""
        while IFS=$'\t' read -r name value cmd; do
            [ "${cmd%% *}" = "$tool" ] || continue
            n=$((n + 1))
            got=$(PATH="$TMP/bin:$PATH" bash -c "$cmd" 2>&1 | tr -d ':\n' | tr 'A-F' 'a-f')
            [ "$got" = "$value" ] || bad+=" $name"
        done <"$TMP/cmds"
        if [ -z "$bad" ] && [ "$n" -ge "$min" ]; then
            echo "ok - $label: all $n $tool commands print the value"
        else
            echo "not ok - $label: $tool: $n commands (want >= $min), wrong:${bad:- none}"
        fi
    done
    if [[ $label == tls13* ]]; then
        local e x r
        e=$(grep -c 'tlsstep hkdf extract ' "$TMP/cmds")
        x=$(grep -c 'tlsstep hkdf expand-label ' "$TMP/cmds")
        r=$(grep -c 'tlsstep hkdf derive-secret ' "$TMP/cmds")
        if [ "$e" -gt 0 ] && [ "$x" -gt 0 ] && [ "$r" -gt 0 ]; then
            echo "ok - $label: $e extract, $x expand-label, $r derive-secret commands"
        else
            echo "not ok - $label: $e extract, $x expand-label, $r derive-secret commands"
        fi
    fi
}

# check_json FILE HRR(0/1): the JSON checks above; prints "ok"-lines itself.
check_json() {
    python3 - "$1" "$2" <<'EOF'
import hashlib, hmac, json, sys
d = json.load(open(sys.argv[1]))
hrr = sys.argv[2] == "1"
name = sys.argv[1].rsplit("/", 1)[-1]
def check(what, cond, detail=""):
    print(("ok - %s: %s" if cond else "not ok - %s: %s" + ("\n    # " + detail if detail else "")) % (name, what))
sec = d["secrets"]
check("result ok", d["result"] == "ok", d["result"])
check("version TLS 1.3 (0x0304)", (d["version"], d["version_code"]) == ("TLS 1.3", "0x0304"))
issue = """shared_secret client_private client_share server_private server_share early_secret
handshake_secret master_secret client_handshake_traffic_secret server_handshake_traffic_secret
client_application_traffic_secret_0 server_application_traffic_secret_0 exporter_master_secret
resumption_master_secret client_handshake_key client_handshake_iv server_handshake_key
server_handshake_iv client_application_key client_application_iv server_application_key
server_application_iv""".split()
missing = [n for n in issue if n not in sec]
check("secrets holds every name of the issue", not missing, " ".join(missing))
h = hashlib.sha384 if d["suite"] == "TLS_AES_256_GCM_SHA384" else hashlib.sha256
hlen = h().digest_size

# the handshake messages, in order, as they enter the transcript
msgs, whole = [], True
for m in d["messages"]:
    if m["content_type"] == 22:
        data = bytes.fromhex(m["hex"])[5:]
    elif m.get("inner_type") == 22:
        check("record %d: content_type 23 outside, plaintext_hex inside" % m["number"],
              m["content_type"] == 23 and "plaintext_hex" in m and m["padding_length"] == 0)
        data = bytes.fromhex(m["plaintext_hex"])
    else:
        continue
    while data:
        n = 4 + int.from_bytes(data[1:4], "big")
        whole = whole and len(data) >= n
        msgs.append((m["from"], data[0], data[:n]))
        data = data[n:]
check("plaintext_hex holds whole handshake messages", whole)
types = [t for _, t, _ in msgs]
want = [1, 2] + ([1, 2] if hrr else []) + [8, 11, 15, 20, 20]
check("handshake types in order", types[:len(want)] == want, str(types))
hs = [b for _, _, b in msgs[:len(want)]]
if hrr:  # RFC 8446 4.4.1: ClientHello1 becomes message_hash
    mh = bytes([254, 0, 0, hlen]) + h(hs[0]).digest()
    check("message_hash", sec.get("message_hash") == mh.hex())
    hs = [mh] + hs[1:]
def th(k):
    return h(b"".join(hs[:k])).hexdigest()
sh = 4 if hrr else 2  # messages up to ServerHello
for value, k in [("transcript_hash_server_hello", sh), ("server_certificate_verify_hash", sh + 2),
                 ("server_finished_hash", sh + 3), ("transcript_hash_server_finished", sh + 4),
                 ("client_finished_hash", sh + 4), ("transcript_hash_client_finished", sh + 5)]:
    check("%s = Hash(the first %d messages)" % (value, k), sec.get(value) == th(k))
for side, k in [("server", sh + 3), ("client", sh + 4)]:
    vd = hmac.new(bytes.fromhex(sec[side + "_finished_key"]), bytes.fromhex(th(k)), h).hexdigest()
    check("%s_verify_data = HMAC(finished_key, hash)" % side, sec[side + "_verify_data"] == vd)
    fin = hs[k][4:].hex()
    check("%s Finished carries %s_verify_data" % (side, side), fin == vd)

# nonces: IV of the direction and epoch XOR seq (RFC 8446 5.3)
bad = []
for who in ("client", "server"):
    epoch, seq = who + "_handshake_iv", 0
    for m in d["messages"]:
        if m["from"] != who or "inner_type" not in m:
            continue
        iv = int(sec[epoch], 16)
        if m["seq"] != seq or int(m["nonce_hex"], 16) != iv ^ seq:
            bad.append(m["number"])
        seq += 1
        if m["type"] == "Finished":
            epoch, seq = who + "_application_iv", 0
        elif m["type"] == "KeyUpdate":
            epoch, seq = who + "_application_iv_1", 0
check("every record's nonce is its epoch's IV XOR seq", not bad, str(bad))
n = sum(1 for m in d["messages"] if "inner_type" in m)
check("%d protected records, KeyUpdate both ways" % n,
      n >= 10 and [m["type"] for m in d["messages"]].count("KeyUpdate") == 2)
EOF
}

# x25519 SECRETS_JSON: the shared secret from client_private and
# server_share with openssl pkeyutl (raw keys wrapped in DER, RFC 8410).
x25519_check() {
    local cp ss want
    read -r cp ss want < <(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["secrets"]; print(s["client_private"], s["server_share"], s["shared_secret"])' "$1")
    unhex() { python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.argv[1]))' "$1"; }
    unhex "302e020100300506032b656e04220420$cp" >"$TMP/priv.der"
    unhex "302a300506032b656e032100$ss" >"$TMP/peer.der"
    same "$2: shared_secret = X25519(client_private, server_share) by openssl pkeyutl" \
        "$(openssl pkeyutl -derive -inkey "$TMP/priv.der" -keyform DER -peerkey "$TMP/peer.der" \
            -peerform DER 2>/dev/null | od -An -v -tx1 | tr -d ' \n')" "$want"
}

for suite in tls13-aes tls13-chacha; do
    for group in x25519 ffdhe2048; do
        label="$suite $group"
        flags=(--suite "$suite" --group "$group" --key-update --seed "kdf13-$suite-$group")
        "$TLSSTEP" run "${flags[@]}" >"$TMP/run.txt" || { echo "not ok - $label: run failed"; continue; }
        "$TLSSTEP" run "${flags[@]}" --json >"$TMP/$suite-$group.json"
        run_commands "$label" "$TMP/run.txt" 40
        hrr=0
        [ "$group" = ffdhe2048 ] && hrr=1
        check_json "$TMP/$suite-$group.json" "$hrr"
        [ "$group" = x25519 ] && x25519_check "$TMP/$suite-$group.json" "$label"
    done
done

# TLS 1.2's PRF commands, the transcript's too.
"$TLSSTEP" run --suite ecdhe --seed kdf13-prf >"$TMP/prf.txt"
run_commands "ecdhe (TLS 1.2 PRF)" "$TMP/prf.txt" 4
# The Korean transcript prints the same commands.
"$TLSSTEP" run --suite tls13-chacha --seed kdf13-ko --lang ko >"$TMP/ko.txt"
"$TLSSTEP" run --suite tls13-chacha --seed kdf13-ko >"$TMP/en.txt"
same "the Korean transcript has the same commands" \
    "$(grep -o '\(tlsstep\|openssl\) .*' "$TMP/ko.txt" | grep -c '^\(tlsstep hkdf\|openssl kdf\)')" \
    "$(grep -c 'reproduce: ' "$TMP/en.txt")"

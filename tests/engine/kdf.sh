#!/usr/bin/env bash
# The secrets in `tlsstep run --json` recomputed independently with OpenSSL:
# the handshake hashes with `openssl dgst` over the handshake messages taken
# from the records, the master secret (classic, or extended with --ems over
# the session hash, RFC 7627), the key block and each key and IV, and both
# verify_data values with `openssl kdf ... TLS1-PRF`, for every suite.
source tests/lib.sh

# hexof TEXT: the lowercase hex of TEXT's bytes.
hexof() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'; }

# prf DIGEST LEN SECRET_HEX LABEL SEED_HEX: the TLS 1.2 PRF, lowercase hex.
prf() {
    openssl kdf -keylen "$2" -kdfopt "digest:$1" -kdfopt "hexsecret:$3" \
        -kdfopt "hexseed:$(hexof "$4")$5" TLS1-PRF | tr -d ':\n' | tr 'A-F' 'a-f'
}

# dgst DIGEST FILE: the digest of FILE, lowercase hex.
dgst() { openssl dgst "-$1" -r "$2" | cut -d' ' -f1; }

# extract JSON DIR: prints NAME=HEX lines for the secrets, and writes the
# handshake messages up to ClientKeyExchange (DIR/to_cke.bin) and up to the
# client's Finished (DIR/to_cfin.bin), taken from the records on the wire
# and the Finished plaintext the client sealed.
extract() {
    python3 - "$1" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for k, v in sorted(d["secrets"].items()):
    print("%s=%s" % (k.upper(), v))
msgs = b""
cfin = None
for m in d["messages"]:
    if m["type"] == "Finished" and m["from"] == "client":
        cfin = bytes.fromhex(m["plaintext_hex"])
    elif m["content_type"] == 22 and "plaintext_hex" not in m:
        msgs += bytes.fromhex(m["hex"])[5:]
open(sys.argv[2] + "/to_cke.bin", "wb").write(msgs)
open(sys.argv[2] + "/to_cfin.bin", "wb").write(msgs + cfin)
print("RESULT=%s" % d["result"])
EOF
}

check_suite() { # SUITE EMS(0/1)
    local suite=$1 ems=$2 name=$1
    [ "$ems" = 1 ] && name+=" --ems"
    local digest=SHA256 h=sha256 mac=0 key=32 iv=12
    case $suite in
    rsa) digest=SHA384 h=sha384 iv=4 ;;
    null) mac=32 key=0 iv=0 ;;
    esac
    local dir="$TMP/$suite-$ems"
    mkdir -p "$dir"
    local flags=(--suite "$suite" --seed "kdf-$suite" --json)
    [ "$ems" = 1 ] && flags+=(--ems)
    "$TLSSTEP" run "${flags[@]}" >"$dir/run.json" || { echo "not ok - $name: run failed"; return; }
    local vars
    vars=$(extract "$dir/run.json" "$dir") || { echo "not ok - $name: bad JSON"; return; }
    local RESULT= PREMASTER_SECRET= CLIENT_RANDOM= SERVER_RANDOM= MASTER_SECRET= KEY_BLOCK=
    local SESSION_HASH= CLIENT_FINISHED_HASH= SERVER_FINISHED_HASH= CLIENT_VERIFY_DATA=
    local SERVER_VERIFY_DATA= CLIENT_WRITE_KEY= SERVER_WRITE_KEY= CLIENT_WRITE_IV=
    local SERVER_WRITE_IV= CLIENT_WRITE_MAC_KEY= SERVER_WRITE_MAC_KEY=
    eval "$vars"
    same "$name: run ok" "$RESULT" ok
    local hs_hash
    hs_hash=$(dgst "$h" "$dir/to_cke.bin")
    same "$name: client Finished hash = $h(handshake messages)" "$CLIENT_FINISHED_HASH" "$hs_hash"
    same "$name: server Finished hash = $h(... + client Finished)" "$SERVER_FINISHED_HASH" \
        "$(dgst "$h" "$dir/to_cfin.bin")"
    local ms
    if [ "$ems" = 1 ]; then
        same "$name: session_hash = $h(messages to ClientKeyExchange)" "$SESSION_HASH" "$hs_hash"
        ms=$(prf "$digest" 48 "$PREMASTER_SECRET" "extended master secret" "$hs_hash")
    else
        same "$name: no session_hash without --ems" "$SESSION_HASH" ""
        ms=$(prf "$digest" 48 "$PREMASTER_SECRET" "master secret" "$CLIENT_RANDOM$SERVER_RANDOM")
    fi
    same "$name: master_secret = openssl kdf TLS1-PRF" "$MASTER_SECRET" "$ms"
    local n=$((2 * (mac + key + iv)))
    local kb
    kb=$(prf "$digest" "$n" "$MASTER_SECRET" "key expansion" "$SERVER_RANDOM$CLIENT_RANDOM")
    same "$name: key_block = openssl kdf TLS1-PRF" "$KEY_BLOCK" "$kb"
    part() { echo "${kb:$((2 * $1)):$((2 * $2))}"; } # OFFSET LEN, in bytes
    local cmac smac ckey skey civ siv
    cmac=$(part 0 $mac)
    smac=$(part $mac $mac)
    ckey=$(part $((2 * mac)) $key)
    skey=$(part $((2 * mac + key)) $key)
    civ=$(part $((2 * mac + 2 * key)) $iv)
    siv=$(part $((2 * mac + 2 * key + iv)) $iv)
    same "$name: client_write_key from the key block" "$CLIENT_WRITE_KEY" "$ckey"
    same "$name: server_write_key from the key block" "$SERVER_WRITE_KEY" "$skey"
    same "$name: client_write_iv from the key block" "$CLIENT_WRITE_IV" "$civ"
    same "$name: server_write_iv from the key block" "$SERVER_WRITE_IV" "$siv"
    if [ "$suite" = null ]; then
        same "$name: client_write_mac_key from the key block" "$CLIENT_WRITE_MAC_KEY" "$cmac"
        same "$name: server_write_mac_key from the key block" "$SERVER_WRITE_MAC_KEY" "$smac"
    fi
    same "$name: client verify_data" "$CLIENT_VERIFY_DATA" \
        "$(prf "$digest" 12 "$MASTER_SECRET" "client finished" "$CLIENT_FINISHED_HASH")"
    same "$name: server verify_data" "$SERVER_VERIFY_DATA" \
        "$(prf "$digest" 12 "$MASTER_SECRET" "server finished" "$SERVER_FINISHED_HASH")"
}

for suite in rsa ecdhe dhe null; do
    check_suite "$suite" 0
    check_suite "$suite" 1
done


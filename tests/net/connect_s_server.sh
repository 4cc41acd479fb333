#!/usr/bin/env bash
# `tlsstep connect` against `openssl s_server -www` on 127.0.0.1, for every
# suite at 1024 and 2048 bits (certificates from `tlsstep cert`): the
# handshake verifies the certificate against ca.pem, the suite offered alone
# is agreed, and an HTTP 200 response arrives (s_server -www closes the
# connection after it). For dhe, s_server uses its default DH parameters.
source tests/lib.sh
source tests/net/netlib.bash

# start_s_server DIR CIPHER: starts s_server on a free port; sets SS_PID and
# SS_PORT (empty when it never got ready).
start_s_server() {
    local dir=$1 c=$2 i
    SS_PORT=$(free_port)
    SS_OUT="$dir/s_server-$c-$SS_PORT.out" # a new file: no ACCEPT left from an earlier one
    timeout 120 openssl s_server -tls1_2 -cipher "$c:@SECLEVEL=0" -www -key "$dir/server.key" \
        -cert "$dir/server.pem" -accept "$SS_PORT" -naccept 2 >"$SS_OUT" 2>&1 &
    SS_PID=$!
    PIDS+=("$SS_PID")
    for ((i = 0; i < 200; i++)); do
        grep -q '^ACCEPT' "$SS_OUT" 2>/dev/null && return 0
        sleep 0.05
    done
    SS_PORT=
}

for bits in $BITS_LIST; do
    dir="$TMP/pki-$bits"
    mkdir -p "$dir"
    ok "cert $bits" "$TLSSTEP" cert --bits "$bits" --seed "net-$bits" --out-dir "$dir"
    for suite in $SUITES; do
        c=$(cipher "$suite")
        start_s_server "$dir" "$c"
        if [ -z "$SS_PORT" ]; then
            echo "not ok - s_server $suite $bits: never ready"
            sed 's/^/    # /' "$SS_OUT" | tail -5
            continue
        fi
        out="$dir/connect-$suite.out"
        timeout 30 "$TLSSTEP" connect "localhost:$SS_PORT" --cafile "$dir/ca.pem" \
            --suite "$suite" --seed "c-$suite" --timeout 5 >"$out" 2>&1
        rc=$?
        same "connect $suite $bits: exit status" "$rc" 0
        [ "$rc" -eq 0 ] || sed 's/^/    # /' "$out" | grep -v '^    #     ' | tail -12
        ok "connect $suite $bits: certificate verified" \
            grep -q '^\[[0-9]*\] client checks certificate.*: ok' "$out"
        ok "connect $suite $bits: suite agreed" grep -q "^suite agreed: $(sed -n 's/^suite: \([A-Z0-9_]*\).*/\1/p' "$out")" "$out"
        ok "connect $suite $bits: HTTP 200 received" grep -q '^response: HTTP 200, [1-9][0-9]* bytes' "$out"

        # --json: one object, result ok, the body's digest as printed
        timeout 30 "$TLSSTEP" connect "localhost:$SS_PORT" --cafile "$dir/ca.pem" \
            --suite "$suite" --timeout 5 --json >"$out.json" 2>&1
        rc=$?
        same "connect $suite $bits --json: exit status" "$rc" 0
        same "connect $suite $bits --json: result" \
            "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["result"], j["http_status"], j["suite"])' "$out.json" 2>&1)" \
            "ok 200 $(sed -n 's/^suite: \([A-Z0-9_]*\).*/\1/p' "$out")"
        same "connect $suite $bits --json: bits of the server's key" \
            "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bits"])' "$out.json" 2>&1)" \
            "$bits"
        stop "$SS_PID"
    done
done

# A wrong trust anchor: the other size's CA did not sign this certificate.
start_s_server "$TMP/pki-1024" "$(cipher ecdhe)"
if [ -n "$SS_PORT" ]; then
    fails "connect: certificate from another CA is refused" 1 timeout 30 "$TLSSTEP" connect \
        "localhost:$SS_PORT" --cafile "$TMP/pki-2048/ca.pem" --suite ecdhe --timeout 5
    fails "connect: wrong host name is refused" 1 timeout 30 "$TLSSTEP" connect \
        "127.0.0.1:$SS_PORT" --host example.org --cafile "$TMP/pki-1024/ca.pem" --suite ecdhe \
        --timeout 5
    stop "$SS_PID"
fi
fails "connect: needs --cafile or --no-verify" 2 "$TLSSTEP" connect localhost:1
fails "connect: bad HOST:PORT" 2 "$TLSSTEP" connect localhost --no-verify
fails "connect: bad --timeout" 2 "$TLSSTEP" connect localhost:1 --no-verify --timeout 0
fails "connect: nobody listening" 1 timeout 20 "$TLSSTEP" connect "127.0.0.1:$(free_port)" --no-verify
ok "connect --help" "$TLSSTEP" connect --help

#!/usr/bin/env bash
# `tlsstep connect --tls 1.2` against `openssl s_server -tls1_2 -www` on
# 127.0.0.1, for every TLS 1.2 suite at 1024 and 2048 bits (certificates from
# `tlsstep cert`): the handshake verifies the certificate against ca.pem, the
# suite offered alone is agreed, and an HTTP 200 response arrives (s_server
# -www closes the connection after it). For dhe, s_server uses its default DH
# parameters. connect speaks TLS 1.3 and 1.2 by default; --tls 1.2 keeps
# this file about TLS 1.2 (connect's default against a TLS 1.2 server, and
# TLS 1.3: tests/net13/).
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
            --tls 1.2 --suite "$suite" --seed "c-$suite" --timeout 5 >"$out" 2>&1
        rc=$?
        same "connect $suite $bits: exit status" "$rc" 0
        [ "$rc" -eq 0 ] || sed 's/^/    # /' "$out" | grep -v '^    #     ' | tail -12
        ok "connect $suite $bits: certificate verified" \
            grep -q '^\[[0-9]*\] client checks certificate.*: ok' "$out"
        same "connect $suite $bits: offered TLS 1.2 only, its suite" \
            "$(grep -E '^tls 1\.[23]: ' "$out")" "tls 1.2: $(iana "$suite") ($suite, $(code "$suite"))"
        same "connect $suite $bits: suite agreed" "$(sed -n 's/^suite agreed: //p' "$out")" "$(iana "$suite")"
        same "connect $suite $bits: version agreed" "$(sed -n 's/^version agreed: //p' "$out")" \
            "TLS 1.2"
        ok "connect $suite $bits: HTTP 200 received" grep -q '^response: HTTP 200, [1-9][0-9]* bytes' "$out"

        # --json: one object, result ok, the body's digest as printed
        timeout 30 "$TLSSTEP" connect "localhost:$SS_PORT" --cafile "$dir/ca.pem" \
            --tls 1.2 --suite "$suite" --timeout 5 --json >"$out.json" 2>&1
        rc=$?
        same "connect $suite $bits --json: exit status" "$rc" 0
        same "connect $suite $bits --json: result" \
            "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["result"], j["http_status"], j["suite"])' "$out.json" 2>&1)" \
            "ok 200 $(iana "$suite")"
        same "connect $suite $bits --json: bits of the server's key" \
            "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bits"])' "$out.json" 2>&1)" \
            "$bits"
        stop "$SS_PID"
    done
done

# A wrong trust anchor: the other size's CA did not sign this certificate;
# then the right CA but another host name. Each is refused for that reason.
start_s_server "$TMP/pki-1024" "$(cipher ecdhe)"
if [ -n "$SS_PORT" ]; then
    timeout 30 "$TLSSTEP" connect "localhost:$SS_PORT" --cafile "$TMP/pki-2048/ca.pem" \
        --tls 1.2 --suite ecdhe --timeout 5 >"$TMP/wrong-ca.out" 2>&1
    same "connect: certificate from another CA is refused (unknown_ca)" \
        "$? $(grep -o '^result: [a-z_]*' "$TMP/wrong-ca.out")" "1 result: unknown_ca"
    timeout 30 "$TLSSTEP" connect "127.0.0.1:$SS_PORT" --host example.org \
        --cafile "$TMP/pki-1024/ca.pem" --tls 1.2 --suite ecdhe --timeout 5 >"$TMP/wrong-host.out" 2>&1
    same "connect: wrong host name is refused (bad_certificate)" \
        "$? $(grep -o '^result: [a-z_]*' "$TMP/wrong-host.out")" "1 result: bad_certificate"
    stop "$SS_PID"
else
    echo "not ok - s_server for the refusals: never ready"
fi
fails "connect: needs --cafile or --no-verify" 2 "$TLSSTEP" connect localhost:1
fails "connect: bad HOST:PORT" 2 "$TLSSTEP" connect localhost --no-verify
fails "connect: bad --timeout" 2 "$TLSSTEP" connect localhost:1 --no-verify --timeout 0
fails "connect: nobody listening" 1 timeout 20 "$TLSSTEP" connect "127.0.0.1:$(free_port)" --no-verify
ok "connect --help" "$TLSSTEP" connect --help

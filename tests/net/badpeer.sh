#!/usr/bin/env bash
# A misbehaving peer (tests/net/badpeer.py) against `tlsstep serve --once`
# (as a client) and `tlsstep connect` (as a server): garbage, a truncated
# record then a close, an over-long record length, a close in the middle of
# the handshake, an illegal version, silence; and, as a server only, a
# downgrade sentinel and a useless HelloRetryRequest. Each must end with the
# right alert or a clean close within the time-out; tlsstep exits 1 (never a
# crash: no status of 128 or more, never a hang).
source tests/lib.sh
source tests/net/netlib.bash

BADPEER="python3 tests/net/badpeer.py"

# expect CASE: what badpeer should see from tlsstep.
expect() {
    case $1 in
        garbage) echo "alert 10" ;;    # unexpected_message: not a TLS content type (RFC 5246 §6)
        overlong) echo "alert 22" ;;   # record_overflow
        badversion) echo "alert 70" ;; # protocol_version
        *) echo "closed" ;;            # truncated, midclose, silent: a clean close
    esac
}

CASES="garbage truncated overlong midclose badversion silent"

for case in $CASES; do
    want=$(expect "$case")

    # badpeer as a client against serve --once
    out="$TMP/serve-$case.out"
    start_serve "$out" --once --suite ecdhe --seed bad --out-dir "$TMP" --timeout 2
    if [ -z "$SERVE_PORT" ]; then
        echo "not ok - serve vs badpeer $case: never listened"
        continue
    fi
    got=$(timeout 20 $BADPEER client "$SERVE_PORT" "$case" 2>&1)
    same "serve vs badpeer $case: peer sees $want" "$got" "$want"
    rc=0
    wait "$SERVE_PID" || rc=$?
    same "serve vs badpeer $case: exit status 1" "$rc" 1
    case $want in
        alert*)
            ok "serve vs badpeer $case: transcript shows the alert" \
                grep -q "server sends alert fatal .* (${want#alert })" "$out" ;;
        *)
            ok "serve vs badpeer $case: transcript says why" grep -q '^result: ' "$out" ;;
    esac

    # badpeer as a server against connect
    bp="$TMP/badpeer-$case.out"
    timeout 30 $BADPEER server "$case" >"$bp" 2>&1 &
    BP_PID=$!
    PIDS+=("$BP_PID")
    port=$(wait_port "$bp")
    if [ -z "$port" ]; then
        echo "not ok - connect vs badpeer $case: badpeer never listened"
        continue
    fi
    out="$TMP/connect-$case.out"
    t0=$(date +%s)
    rc=0
    timeout 20 "$TLSSTEP" connect "localhost:$port" --no-verify --timeout 2 >"$out" 2>&1 || rc=$?
    t1=$(date +%s)
    same "connect vs badpeer $case: exit status 1" "$rc" 1
    ok "connect vs badpeer $case: ends within the time-out" test $((t1 - t0)) -le 5
    wait "$BP_PID"
    same "connect vs badpeer $case: peer sees $want" "$(tail -1 "$bp")" "$want"
    case $want in
        alert*)
            ok "connect vs badpeer $case: transcript shows the alert" \
                grep -q "client sends alert fatal .* (${want#alert })" "$out" ;;
    esac
done

# Misbehaving TLS 1.3 servers against connect (TLS 1.3 and 1.2): a TLS 1.2
# ServerHello carrying the downgrade sentinel (RFC 8446 §4.1.3), a
# HelloRetryRequest for the group the client already shared (§4.2.8). Each
# must end in illegal_parameter, for that reason.
for case in downgrade hrrsame; do
    bp="$TMP/badpeer-$case.out"
    timeout 30 $BADPEER server "$case" >"$bp" 2>&1 &
    BP_PID=$!
    PIDS+=("$BP_PID")
    port=$(wait_port "$bp")
    if [ -z "$port" ]; then
        echo "not ok - connect vs badpeer $case: badpeer never listened"
        continue
    fi
    out="$TMP/connect-$case.out"
    rc=0
    timeout 20 "$TLSSTEP" connect "localhost:$port" --no-verify --timeout 2 >"$out" 2>&1 || rc=$?
    wait "$BP_PID"
    why=$([ "$case" = downgrade ] && echo 'downgrade detected' || echo 'HelloRetryRequest asks for a group')
    same "connect vs badpeer $case: exit 1, illegal_parameter ($why), peer sees alert 47" \
        "$rc; $(grep -c "^result: illegal_parameter ($why" "$out"); $(tail -1 "$bp")" "1; 1; alert 47"
done

# serve without --once keeps serving after a bad peer, and a good client
# still gets the file.
start_serve "$TMP/multi.out" --suite null --seed multi --out-dir "$TMP" --timeout 2
if [ -n "$SERVE_PORT" ]; then
    timeout 20 $BADPEER client "$SERVE_PORT" garbage >/dev/null 2>&1
    timeout 20 $BADPEER client "$SERVE_PORT" truncated >/dev/null 2>&1
    timeout 20 curl -sS --tlsv1.2 --tls-max 1.2 --ciphers 'NULL-SHA256:@SECLEVEL=0' \
        --cacert "$TMP/ca.pem" "https://localhost:$SERVE_PORT/" -o "$TMP/multi.body" 2>/dev/null
    stop "$SERVE_PID" # the connection in progress ends first
    same "serve after bad peers: SIGTERM exits 0" "$STOP_RC" 0
    same "serve after bad peers: curl still served" "$(grep -c '^result: ok' "$TMP/multi.out")" 1
    same "serve after bad peers: three connections" "$(grep -c '^connection [0-9]* from' "$TMP/multi.out")" 3
else
    echo "not ok - serve after bad peers: never listened"
fi

fails "serve: bad --port" 2 "$TLSSTEP" serve --port 70000
fails "serve: bad --suite" 2 "$TLSSTEP" serve --suite rc4
touch "$TMP/a-file"
fails "serve: --out-dir that cannot be made" 2 timeout 20 "$TLSSTEP" serve --port 0 --out-dir "$TMP/a-file/pki"
ok "serve --help" "$TLSSTEP" serve --help

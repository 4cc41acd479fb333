#!/usr/bin/env bash
# The negative conformance table (tests/conformance/conformance.py, TLS 1.3's
# rows in tls13.py): an independent Python client sends malformed and unusual
# input to one `tlsstep serve` per TLS 1.2 suite and to two TLS 1.3 ones
# ("tls13": --suite tls13-chacha; "hrr": the same with --group ffdhe2048, so
# a HelloRetryRequest for a first ClientHello sharing x25519) and checks the
# alert the RFC names, or the ServerHello. Then: every serve is still alive
# and exits 0 on SIGTERM, and no transcript holds a raw ESC or BEL byte (host
# names with both were sent: terminal injection).
source tests/lib.sh
source tests/net/netlib.bash

printf 'the file serve sends to the TLS 1.3 conformance client\n' >"$TMP/small.txt"
declare -A SERVE_OUT SERVE_PIDS
ports=()
for serve in $SUITES tls13 hrr; do
    case $serve in
        tls13) args=(--suite tls13-chacha --file "$TMP/small.txt") ;;
        hrr) args=(--suite tls13-chacha --group ffdhe2048 --file "$TMP/small.txt") ;;
        *) args=(--suite "$serve") ;;
    esac
    suite=$serve
    out="$TMP/serve-$suite.out"
    mkdir -p "$TMP/$suite"
    start_serve "$out" "${args[@]}" --bits 1024 --seed "conformance-$suite" \
        --out-dir "$TMP/$suite" --timeout 5
    listening "serve $suite (${args[*]})" "$out" || continue
    SERVE_OUT[$suite]=$out
    SERVE_PIDS[$suite]=$SERVE_PID
    ports+=("$suite=$SERVE_PORT")
done

# Exit status 1 means some case failed (its line says which); more is a crash.
timeout 300 python3 tests/conformance/conformance.py "${ports[@]}"
rc=$?
[ "$rc" -le 1 ] || echo "not ok - conformance.py ran to the end (exit $rc)"

# no_raw_controls FILE: FILE holds neither ESC (0x1b) nor BEL (0x07).
no_raw_controls() {
    ! LC_ALL=C grep -q $'[\x1b\x07]' "$1"
}

for suite in $SUITES tls13 hrr; do
    [ -n "${SERVE_PIDS[$suite]:-}" ] || continue
    ok "serve $suite survived every case" kill -0 "${SERVE_PIDS[$suite]}"
    stop "${SERVE_PIDS[$suite]}"
    same "serve $suite: SIGTERM exits 0" "$STOP_RC" 0
    ok "serve $suite: no raw ESC or BEL in the transcript" \
        no_raw_controls "${SERVE_OUT[$suite]}"
done

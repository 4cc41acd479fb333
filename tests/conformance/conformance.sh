#!/usr/bin/env bash
# The negative conformance table (tests/conformance/conformance.py): an
# independent Python client sends malformed and unusual input to one
# `tlsstep serve` per suite and checks the alert the RFC names, or the
# ServerHello. Then: every serve is still alive and exits 0 on SIGTERM, and
# no transcript holds a raw ESC or BEL byte (host names with both were sent:
# terminal injection).
source tests/lib.sh
source tests/net/netlib.bash

declare -A SERVE_OUT SERVE_PIDS
ports=()
for suite in $SUITES; do
    out="$TMP/serve-$suite.out"
    mkdir -p "$TMP/$suite"
    start_serve "$out" --suite "$suite" --bits 1024 --seed "conformance-$suite" \
        --out-dir "$TMP/$suite" --timeout 5
    listening "serve --suite $suite" "$out" || continue
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

for suite in $SUITES; do
    [ -n "${SERVE_PIDS[$suite]:-}" ] || continue
    ok "serve --suite $suite survived every case" kill -0 "${SERVE_PIDS[$suite]}"
    stop "${SERVE_PIDS[$suite]}"
    same "serve --suite $suite: SIGTERM exits 0" "$STOP_RC" 0
    ok "serve --suite $suite: no raw ESC or BEL in the transcript" \
        no_raw_controls "${SERVE_OUT[$suite]}"
done

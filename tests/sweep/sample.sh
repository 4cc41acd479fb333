#!/usr/bin/env bash
# A sample of the tamper sweep (tests/sweep/sweep.c; `make sweep` runs all
# of it): for every suite at 512 bits, every header byte, the last byte and
# every 2nd byte of each handshake record, XORed with 01 and with 80. No
# run may crash or hang, and every completed run must be one the sweep
# explains (a byte the protocol leaves unauthenticated). Then the sweep's
# own crash and hang counting is checked on purpose-made failures.
source tests/lib.sh

B=$(dirname "$TLSSTEP")
SWEEP=${SWEEP:-$B/sweep}
if [ ! -x "$SWEEP" ] || [ tests/sweep/sweep.c -nt "$SWEEP" ] || [ "$B/libtlsstep.a" -nt "$SWEEP" ]; then
    make -s --no-print-directory BUILD="${B#"$PWD"/}" "${B#"$PWD"/}/sweep" >"$TMP/make" 2>&1 ||
        { echo "not ok - sweep: build"; sed 's/^/    # /' "$TMP/make" | tail -15; exit 1; }
fi

timeout 300 "$SWEEP" --bits 512 --sample 2 >"$TMP/sweep" 2>&1
rc=$?
same "sweep sample: exit status" "$rc" 0
last=$(tail -1 "$TMP/sweep")
case $last in
"sweep: runs="*" unexplained=0 crashes=0") echo "ok - sweep sample: no unexplained completion, no crash" ;;
*) echo "not ok - sweep sample: $last"; grep -E 'UNEXPLAINED|CRASH|did not' "$TMP/sweep" | head -20 | sed 's/^/    # /' ;;
esac
for suite in rsa ecdhe dhe null; do
    line=$(grep "^sweep $suite: " "$TMP/sweep")
    case $line in
    *"skipped"*) echo "ok - sweep sample $suite: skipped here (no AES-NI) # SKIP"; continue ;;
    esac
    # every suite completes exactly where the explanation rules say: the
    # minor version byte of the ClientHello's and ServerHello's records,
    # two masks each
    got=$(sed -n 's/.*completed=\([0-9]*\) explained=\([0-9]*\) unexplained=\([0-9]*\) crashes=\([0-9]*\)/\1 \2 \3 \4/p' <<<"$line")
    same "sweep sample $suite: completed explained unexplained crashes" "$got" "4 4 0 0"
    runs=$(sed -n 's/.*runs=\([0-9]*\).*/\1/p' <<<"$line")
    [ "${runs:-0}" -gt 800 ] && echo "ok - sweep sample $suite: $runs runs" ||
        echo "not ok - sweep sample $suite: only ${runs:-0} runs"
done

# the sweep counts a crash and a hang instead of dying with them
timeout 60 "$SWEEP" --suite null --bits 512 --sample 50 --selftest-crash 3 --selftest-hang 6 \
    --timeout 1 >"$TMP/self" 2>&1
rc=$?
same "sweep self-test: exit 1 on crashes" "$rc" 1
same "sweep self-test: a crash and a hang counted" \
    "$(grep -c 'CRASH' "$TMP/self") $(grep -c 'time-out' "$TMP/self")" "2 1"
same "sweep self-test: totals" "$(tail -1 "$TMP/self" | sed 's/.*crashes=//')" 2

fails "sweep: --bits 7 is bad usage" 2 "$SWEEP" --bits 7
fails "sweep: unknown suite is bad usage" 2 "$SWEEP" --suite nope

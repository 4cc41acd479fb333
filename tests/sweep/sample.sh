#!/usr/bin/env bash
# A sample of the tamper sweep (tests/sweep/sweep.c; `make sweep` runs all
# of it): for every suite at 512 bits (TLS 1.3's at 640, the least the sweep
# gives RSA-PSS), rsa and tls13-chacha with mutual TLS, and TLS 1.3 again
# with a HelloRetryRequest (ffdhe2048) and KeyUpdate, every header byte,
# the last byte and every 2nd byte of each handshake record (TLS 1.3: the
# protected ones with handshake messages inside too), XORed with 01 and with 80. No run may crash or hang, and
# every completed run must be one the sweep explains (a byte the protocol
# leaves unauthenticated). Then the sweep's own crash and hang counting is
# checked on purpose-made failures.
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
for suite in rsa ecdhe dhe null tls13-aes tls13-chacha rsa:mtls tls13-chacha:mtls \
    tls13-aes:ffdhe2048:key-update tls13-chacha:ffdhe2048:key-update; do
    line=$(grep "^sweep $suite: " "$TMP/sweep")
    case $line in
    *"skipped"*) echo "ok - sweep sample $suite: skipped here (no AES-NI) # SKIP"; continue ;;
    esac
    # every suite completes exactly where the explanation rules say, two
    # masks each: TLS 1.2, the minor version byte of the ClientHello's and
    # ServerHello's records; TLS 1.3 ignores it in every record sent in the
    # clear (RFC 8446 5.1): the ClientHello, the ServerHello and both
    # compatibility ChangeCipherSpec records, and with a HelloRetryRequest
    # the HelloRetryRequest and the second ClientHello too
    case $suite in
    tls13-*:ffdhe2048*) want="12 12 0 0" ;;
    tls13-*) want="8 8 0 0" ;;
    *) want="4 4 0 0" ;;
    esac
    got=$(sed -n 's/.*completed=\([0-9]*\) explained=\([0-9]*\) unexplained=\([0-9]*\) crashes=\([0-9]*\)/\1 \2 \3 \4/p' <<<"$line")
    same "sweep sample $suite: completed explained unexplained crashes" "$got" "$want"
    runs=$(sed -n 's/.*runs=\([0-9]*\).*/\1/p' <<<"$line")
    [ "${runs:-0}" -gt 800 ] && echo "ok - sweep sample $suite: $runs runs" ||
        echo "not ok - sweep sample $suite: only ${runs:-0} runs"
done

# records SUITE: how many handshake records the sweep swept for SUITE.
records() {
    awk -v s="sweep $1:" '$1 " " $2 == s { f = 1; next } f && /handshake records/ { print $1; exit }' \
        "$TMP/sweep"
}
# TLS 1.3's protected handshake records are swept too: EncryptedExtensions
# to both Finished, NewSessionTicket and both KeyUpdates
same "sweep sample: the TLS 1.3 records swept" \
    "$(for s in tls13-aes tls13-chacha tls13-aes:ffdhe2048:key-update \
        tls13-chacha:ffdhe2048:key-update; do records "$s"; done | paste -sd' ')" "10 10 14 14"
# mutual TLS adds three: the CertificateRequest, the client's Certificate and
# its CertificateVerify (in TLS 1.3 all three protected), and a signature
# byte changed in 1.2's CertificateVerify is the server's decrypt_error
same "sweep sample: mutual TLS sweeps three records more (1.2, 1.3)" \
    "$(records rsa:mtls) $(records tls13-chacha:mtls)" \
    "$(($(records rsa) + 3)) $(($(records tls13-chacha) + 3))"
grep -A1 "^sweep rsa:mtls: " "$TMP/sweep" | grep -q "decrypt_error(server)" &&
    echo "ok - sweep sample: rsa:mtls ends in the server's decrypt_error where CertificateVerify changed" ||
    echo "not ok - sweep sample: rsa:mtls ends in the server's decrypt_error where CertificateVerify changed"
# where a HelloRetryRequest comes first, the explained records are every one
# sent in the clear: both ClientHellos, the HelloRetryRequest, the
# ServerHello and both compatibility ChangeCipherSpec records
timeout 120 "$SWEEP" --suite tls13-chacha:ffdhe2048 --bits 640 --sample 100000 --verbose \
    >"$TMP/hrr" 2>&1
same "sweep HRR: completions at the record version byte of each record sent in the clear" \
    "$(grep -o 'explained #[0-9]* [A-Za-z]* offset [0-9]* mask ..' "$TMP/hrr" | paste -sd'|')" \
    "$(for r in 1:ClientHello 2:HelloRetryRequest 3:ChangeCipherSpec 4:ChangeCipherSpec \
        5:ClientHello 6:ServerHello; do
        printf 'explained #%s %s offset 2 mask 01|explained #%s %s offset 2 mask 80|' \
            "${r%%:*}" "${r#*:}" "${r%%:*}" "${r#*:}"
    done | sed 's/|$//')"

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
fails "sweep: a group for a TLS 1.2 suite is bad usage" 2 "$SWEEP" --suite ecdhe:ffdhe2048
fails "sweep: an unknown group is bad usage" 2 "$SWEEP" --suite tls13-aes:p256

#!/usr/bin/env bash
# A full `tlsstep run` of each suite under valgrind memcheck at 1024 bits
# (MEMCHECK_BITS): zero errors and no definite or indirect leak (GMP and
# libsodium may keep "still reachable" blocks: allowed). Also the failure
# paths: a tampered run ending in an alert and a stalled run, with --json;
# mutual TLS (completed and refused); and the HTML handout (--html).
source tests/lib.sh

BITS=${MEMCHECK_BITS:-1024}
if ! command -v valgrind >/dev/null 2>&1; then
    echo "not ok - memcheck: valgrind not installed (Debian: valgrind)"
    exit 1
fi

VG=(valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect)

# check NAME ARGS...: runs tlsstep ARGS under memcheck in the background
names=()
pids=()
check() {
    local name=$1
    shift
    "${VG[@]}" --log-file="$TMP/vg.${#names[@]}" "$TLSSTEP" "$@" >/dev/null 2>"$TMP/err.${#names[@]}" &
    pids+=($!)
    names+=("$name")
}

for suite in rsa ecdhe dhe null tls13-aes tls13-chacha; do
    check "memcheck run --suite $suite --bits $BITS" run --suite "$suite" --bits "$BITS" --seed memcheck
done
# TLS 1.3's other paths: a HelloRetryRequest (ffdhe2048), KeyUpdate both
# ways, and a tampered encrypted record (bad_record_mac)
check "memcheck run --tls 1.3 --group ffdhe2048 --key-update" run --tls 1.3 --group ffdhe2048 \
    --key-update --bits "$BITS" --seed memcheck
check "memcheck TLS 1.3 tampered encrypted Certificate (alert), --json" run --suite tls13-chacha \
    --bits "$BITS" --seed memcheck --json --tamper 5,100,01
# the failure paths: a certificate byte (bad_certificate) and a dropped
# ServerHelloDone (stalled), in JSON
check "memcheck tampered run (alert), --json" run --suite ecdhe --bits "$BITS" --seed memcheck \
    --json --tamper 3,100,01
check "memcheck dropped record (stalled), --json" run --suite rsa --bits "$BITS" --seed memcheck \
    --json --drop 4
# mutual TLS: the client's certificate and CertificateVerify in both
# versions, and a refusal (certificate_required in 1.3, the stolen
# certificate's decrypt_error in 1.2), in JSON
check "memcheck run --client-auth require (TLS 1.2)" run --suite ecdhe --bits "$BITS" \
    --seed memcheck --client-auth require
check "memcheck run --client-auth require (TLS 1.3), --json" run --suite tls13-chacha \
    --bits "$BITS" --seed memcheck --client-auth require --json
check "memcheck run --client-auth require --client-cert none (TLS 1.3, alert)" run \
    --suite tls13-chacha --bits "$BITS" --seed memcheck --client-auth require --client-cert none
check "memcheck run --client-auth request --client-cert stolen (alert), --json" run --suite rsa \
    --bits "$BITS" --seed memcheck --client-auth request --client-cert stolen --json
# both versions of one seed side by side, as text (Korean) and JSON
check "memcheck run --compare --group ffdhe2048 --key-update, Korean" run --compare --group \
    ffdhe2048 --key-update --bits "$BITS" --seed memcheck --lang ko
check "memcheck run --compare --suite ecdhe --json" run --compare --suite ecdhe --bits "$BITS" \
    --seed memcheck --json
# the HTML handout: a lesson's narration in Korean, and a tampered run
# beside its untampered twin (a second session inside the writer)
check "memcheck run --lesson tls13-handshake --html, Korean" run --lesson tls13-handshake \
    --bits "$BITS" --seed memcheck --lang ko --html "$TMP/page.html"
check "memcheck tampered run --html (beside the untampered twin)" run --suite ecdhe --bits "$BITS" \
    --seed memcheck --tamper 3,100,01 --html "$TMP/tampered.html"

for i in "${!pids[@]}"; do
    wait "${pids[$i]}"
    rc=$?
    # tlsstep exits 0 for a run that ends as the protocol says; memcheck's
    # own status is 1 on an error or leak
    if [ "$rc" -eq 0 ] && [ ! -s "$TMP/vg.$i" ]; then
        echo "ok - ${names[$i]}"
    else
        echo "not ok - ${names[$i]} (exit $rc)"
        sed 's/^/    # /' "$TMP/vg.$i" "$TMP/err.$i" | head -30
    fi
done

#!/usr/bin/env bash
# Benchmarks (make bench). Builds the library and each bench program with the
# Makefile's own flags, runs them, measures the reference (OpenSSL) the same
# way, and prints one line per figure:
#   bench NAME: ours=VALUE ref=VALUE ratio=VALUE UNIT     (ratio = ours/ref, lower is better)
# One section per bench below; BUILD=DIR picks the build directory (default build).
set -u
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
OUT=$BUILD/bench
mkdir -p "$OUT"

# The Makefile's variables, so the bench is built exactly like the library.
mkvar() {
    # shellcheck disable=SC2016 # $($*) is for make, not the shell
    make --no-print-directory -s BUILD="$BUILD" --eval='print-%: ; @echo $($*)' "print-$1"
}
make --no-print-directory -s BUILD="$BUILD" "$BUILD/libtlsstep.a" || exit 1
CC_=$(mkvar CC)
CFLAGS_=$(mkvar CFLAGS)
LDFLAGS_=$(mkvar LDFLAGS)
LDLIBS_=$(mkvar LDLIBS)

# build NAME: compiles tests/bench/NAME.c against the library into $OUT/NAME.
build() {
    # shellcheck disable=SC2086
    $CC_ $CFLAGS_ $LDFLAGS_ -o "$OUT/$1" "tests/bench/$1.c" "$BUILD/libtlsstep.a" $LDLIBS_ || exit 1
}

# figure NAME OURS REF UNIT: prints the comparison line.
figure() {
    awk -v n="$1" -v o="$2" -v r="$3" -v u="$4" \
        'BEGIN { printf "bench %s: ours=%.3f ref=%.3f ratio=%.2f %s\n", n, o, r, (r > 0 ? o / r : 0), u }'
}

# median: the median of the numbers on stdin, one per line.
median() {
    sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# time_ms CMD...: wall time of one run of CMD in milliseconds.
time_ms() {
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000)) | awk '{ print $1 / 1000 }'
}

# --- RSA: key generation and the private operation (sign), 1024 and 2048 bits ---
# ours: tests/bench/bench_rsa.c; ref: `openssl genpkey` (median of several
# runs, minus the median start-up time of an openssl command that does no
# RSA work) and `openssl speed rsa1024 rsa2048` (sign/s).
build bench_rsa
ours=$("$OUT/bench_rsa") || { echo "bench_rsa failed"; exit 1; }
startup=$(for i in 1 2 3 4 5 6 7; do time_ms openssl rand -hex 1; done | median)
speed=$(openssl speed -seconds 1 rsa1024 rsa2048 2>/dev/null)
for bits in 1024 2048; do
    runs=$([ "$bits" = 1024 ] && echo 11 || echo 7)
    ref_keygen=$(for ((i = 0; i < runs; i++)); do
        time_ms openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$bits" -out /dev/null
    done | median)
    ref_keygen=$(awk -v a="$ref_keygen" -v s="$startup" 'BEGIN { print (a > s ? a - s : a) }')
    our_keygen=$(awk -v k="rsa${bits}_keygen" '$1 == k { sub("median=", "", $2); print $2 }' <<<"$ours")
    figure "rsa${bits}_keygen" "$our_keygen" "$ref_keygen" ms

    ref_sign=$(awk -v b="$bits" '$1 == "rsa" && $2 == b && $3 == "bits" { print 1000 / $6 }' <<<"$speed")
    our_sign=$(awk -v k="rsa${bits}_sign" '$1 == k { sub("mean=", "", $2); print $2 }' <<<"$ours")
    figure "rsa${bits}_sign" "$our_sign" "$ref_sign" ms
done

# --- handshake: complete in-process TLS 1.2 and 1.3 handshakes, each suite at
# 2048 bits, in ms per handshake. ours: tests/bench/bench_hs.c (ts_conn
# client and server over memory buffers); ref: tests/bench/bench_openssl_hs.c
# (OpenSSL 3 over a BIO pair, linked with libssl, built only here). Like with
# like: an RSA-2048 server key made once outside the timed loop on both
# sides, the same suite, X25519 / ffdhe2048, rsa_pkcs1_sha256 signatures, no
# extended master secret, no session resumption, the client verifying the
# certificate and host name; handshake only, no HTTP payload (our client
# seals its ~100-byte GET as it completes). TLS 1.3: 1.3 only on both sides,
# X25519, rsa_pss_rsae_sha256, one NewSessionTicket (tlsstep's server sends
# one; OpenSSL's two by default). _mtls: rsa and tls13-aes again with mutual
# TLS, the server requiring and checking an RSA-2048 client certificate and
# its CertificateVerify on both sides.
build bench_hs
# shellcheck disable=SC2086
$CC_ $CFLAGS_ $LDFLAGS_ -o "$OUT/bench_openssl_hs" tests/bench/bench_openssl_hs.c \
    $(pkg-config --libs libssl libcrypto 2>/dev/null || echo -lssl -lcrypto) || exit 1
ours_hs=$("$OUT/bench_hs") || { echo "bench_hs failed"; exit 1; }
ref_hs=$("$OUT/bench_openssl_hs") || { echo "bench_openssl_hs failed"; exit 1; }
for suite in rsa rsa@mtls ecdhe dhe null tls13-aes tls13-aes@mtls tls13-chacha; do
    key="handshake_${suite%@*}_2048"
    [ "$suite" != "${suite%@*}" ] && key="${key}_${suite#*@}"
    o=$(awk -v k="$key" '$1 == k { sub("mean=", "", $2); print $2 }' <<<"$ours_hs")
    r=$(awk -v k="$key" '$1 == k { sub("mean=", "", $2); print $2 }' <<<"$ref_hs")
    if [ -n "$o" ] && [ -n "$r" ]; then
        figure "$key" "$o" "$r" ms
    else
        echo "bench $key: unavailable (ours='$o' ref='$r')"
    fi
done

# --- HTML handout (issue 16): the default lesson's page written to a file ---
# ours: tests/bench/bench_html.c, the median of 15 writes of the handout of
# `tlsstep run --lesson rsa-handshake --seed bench --html FILE` (the run made
# once before, narration included); ref: the JSON of the same run written to
# a file in the same program (ts_json_session, the export with the same
# data), so the ratio says what the page costs beyond the data; and the
# issue's budget, 200 ms.
build bench_html
ours_html=$("$OUT/bench_html") || { echo "bench_html failed"; exit 1; }
o=$(awk '$1 == "handout_write" { sub("median=", "", $2); print $2 }' <<<"$ours_html")
r=$(awk '$1 == "json_write" { sub("median=", "", $2); print $2 }' <<<"$ours_html")
figure handout_write_vs_json "$o" "$r" ms
figure handout_write_budget "$o" 200 ms
b=$(awk '$1 == "handout_write" { sub("bytes=", "", $3); print $3 }' <<<"$ours_html")
figure handout_bytes_budget "$b" 1048576 bytes

# --- UI: "back one step" from the last step of a 4096-bit run (issue 5) ---
# (section owned by the UI; keep it last.) ours: tests/bench/bench_ui.c, the
# median of 15 runs of a full replay (ts_session_run, keys cached) plus one
# full redraw of a 100x30 screen to a pseudo-terminal; ref: the 50 ms budget.
build bench_ui
ours_ui=$("$OUT/bench_ui") || { echo "bench_ui failed"; exit 1; }
o=$(awk '$1 == "ui_step_back_4096" { sub("median=", "", $2); print $2 }' <<<"$ours_ui")
figure ui_step_back_4096 "$o" 50 ms
o=$(awk '$1 == "ui_step_back_4096_ko" { sub("median=", "", $2); print $2 }' <<<"$ours_ui")
figure ui_step_back_4096_ko "$o" 50 ms

# --- Exercises that break signatures (tests/bench/bench_exercise.c) ---
# ref = the budget stated for each figure (EXERCISES.md, issue 6), not a
# third-party tool: Fermat at 2048 bits with a gap of 2^(bits/4+8) "< 10 ms";
# the e=3 cube-root forgery at 2048 bits "µs" (budget 1 ms); Bleichenbacher
# through a "00 02" oracle, decrypting a premaster then signing (blinding
# first): the prototype's 1998 algorithm, ~26,000 queries to decrypt and
# ~83,000 with the signature (26k + 57k), and the ROBOT exercise at 1024
# bits within 60 s. Ours is the improved attack (Bardou et al., CRYPTO
# 2012) with two threads asking the oracle. Medians over 5 seeds at each
# size (ROBOT_RUNS="5 5" to change).
build bench_exercise
# shellcheck disable=SC2086
ex=$("$OUT/bench_exercise" ${ROBOT_RUNS:-5 5}) || { echo "bench_exercise failed"; exit 1; }
val() { # val LINE-KEY FIELD
    awk -v k="$1" -v f="$2" '$1 == k { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } }' <<<"$ex"
}
figure fermat2048 "$(val fermat2048 median)" 10 ms
figure fermat2048_iterations "$(val fermat2048 iters)" 7000 iterations
figure e3_forgery2048 "$(val e3forge2048 median)" 1 ms
for bits in 512 1024; do
    figure "robot${bits}_decrypt_queries" "$(val "robot$bits" decrypt)" 26000 queries
    figure "robot${bits}_queries" "$(val "robot$bits" queries)" 83000 queries
    figure "robot${bits}_seconds" "$(val "robot$bits" seconds)" 60 s
done

# --- A class at once: `tlsstep serve` with 200 clients (issue 17) ---
# tests/bench/bench_class.c, a load generator on tlsstep's own client engine
# (one poll loop, TLS 1.3, certificate verified, a whole HTTPS GET each):
# 150 active clients started at once, with 50 idle sockets open and without
# them, ROUNDS (default 5) rounds of each, alternating, after one warm-up;
# the figures are the medians over the rounds. The goal: all 150 complete,
# and p99 with the idle sockets within 1.5x of p99 without (ratio <= 1.5).
# Memory: serve's VmHWM (/proc/PID/status) after all rounds, against its
# VmHWM when it started listening; VmRSS with 200 idle sockets open, against
# before them, gives the cost of an idle connection. serve runs at its
# defaults (2048-bit keys, TLS 1.3 and 1.2, transcripts to a file).
build bench_class
cdir=$(mktemp -d)
"$BUILD/tlsstep" serve --port 0 --seed bench-class --out-dir "$cdir" --timeout 60 \
    >"$cdir/serve.out" 2>&1 &
spid=$!
cport=
for ((i = 0; i < 200; i++)); do
    cport=$(sed -n 's/^listening on .*:\([0-9][0-9]*\)$/\1/p' "$cdir/serve.out")
    [ -n "$cport" ] && break
    sleep 0.05
done
kb() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$spid/status"; }
if [ -n "$cport" ]; then
    hwm0=$(kb VmHWM)
    rss0=$(kb VmRSS)
    "$OUT/bench_class" "$cport" "$cdir/ca.pem" 0 200 1500 >/dev/null &
    hold=$!
    sleep 1
    rss_idle=$(kb VmRSS)
    wait "$hold"
    "$OUT/bench_class" "$cport" "$cdir/ca.pem" 150 0 >/dev/null # warm-up
    : >"$cdir/rounds"
    for ((r = 0; r < ${ROUNDS:-5}; r++)); do
        "$OUT/bench_class" "$cport" "$cdir/ca.pem" 150 0 >>"$cdir/rounds"
        "$OUT/bench_class" "$cport" "$cdir/ca.pem" 150 50 >>"$cdir/rounds"
    done
    hwm=$(kb VmHWM)
    field() { # field IDLE KEY: the median of KEY over the rounds with IDLE idle sockets
        awk -v i="idle=$1" -v k="$2" '$3 == i { for (f = 4; f <= NF; f++) { split($f, kv, "="); if (kv[1] == k) print kv[2] } }' \
            "$cdir/rounds" | median
    }
    min_done=$(awk '{ split($4, kv, "="); print kv[2] }' "$cdir/rounds" | sort -g | head -1)
    echo "bench class_active_completed: fewest completed in a round: $min_done of 150 ($(grep -c . "$cdir/rounds") rounds)"
    figure class_active_completed "$min_done" 150 handshakes
    figure class_p50_ms "$(field 50 p50)" "$(field 0 p50)" "ms (with 50 idle sockets / without)"
    figure class_p99_ms "$(field 50 p99)" "$(field 0 p99)" "ms (with 50 idle sockets / without; goal <= 1.5)"
    figure class_vmhwm_kb "$hwm" "$hwm0" "kB (serve's VmHWM after the rounds / at start)"
    awk -v a="$rss_idle" -v b="$rss0" 'BEGIN { printf "bench class_idle_conn_kb: %.1f kB per idle connection (VmRSS %d kB with 200 idle sockets, %d kB before)\n", (a - b) / 200, a, b }'
    awk -v a="$hwm" -v b="$hwm0" 'BEGIN { printf "bench class_active_conn_kb: at most %.0f kB per active connection ((VmHWM after - at start) / 150)\n", (a - b) / 150 }'
else
    echo "bench class: serve never listened"
fi
kill "$spid" 2>/dev/null
wait "$spid" 2>/dev/null
rm -rf "$cdir"

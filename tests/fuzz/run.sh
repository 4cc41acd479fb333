#!/usr/bin/env bash
# Builds every libFuzzer target tests/fuzz/fuzz_*.c with clang
# (-fsanitize=fuzzer,address,undefined) against the library sources compiled
# with clang into build/fuzz/, replays the kept crash inputs
# (tests/fuzz/regress/TARGET/), then fuzzes each target for FUZZ_SECONDS
# (default 5; `make fuzz` uses 60) from its seed corpus
# (tests/fuzz/corpus/TARGET/; new inputs go to build/fuzz/corpus/TARGET/).
# A crash, leak or time-out fails, and its input is copied into
# tests/fuzz/regress/TARGET/ so it is replayed from then on.
# FUZZ_TARGETS="record hex" limits the targets; FUZZ_JOBS the compile jobs.
set -u
cd "$(dirname "$0")/../.."
source tests/lib.sh

FUZZ_SECONDS=${FUZZ_SECONDS:-5}
OUT=build/fuzz
CLANG=${CLANG:-clang}
JOBS=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
LIBS="gmp libsodium yaml-0.1 libcmark jansson libpcap"

if ! command -v "$CLANG" >/dev/null 2>&1; then
    echo "not ok - fuzz: clang not found (Debian: clang, libclang-rt-14-dev)"
    exit 1
fi
mkdir -p "$OUT/obj" "$OUT/bin" "$OUT/corpus" "$OUT/artifacts"

CFLAGS=(-std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -Iinclude -Itests/fuzz
        -fsanitize=address,undefined -fno-sanitize-recover=undefined
        $(pkg-config --cflags $LIBS 2>/dev/null))
SAN_LIB=(-fsanitize=fuzzer-no-link)

# --- the library, compiled with clang (only what changed) ---------------
newest_header=$(ls -t $(find include -name '*.h') | head -1)
srcs=()
for s in $(find sim -name 'ts_*.c' | sort); do
    o="$OUT/obj/$(basename "${s%.c}").o"
    if [ ! -f "$o" ] || [ "$s" -nt "$o" ] || [ "$newest_header" -nt "$o" ]; then
        srcs+=("$s")
    fi
done
compile_one() { # src: prints the source on failure
    local o="$OUT/obj/$(basename "${1%.c}").o"
    "$CLANG" "${CFLAGS[@]}" "${SAN_LIB[@]}" -c "$1" -o "$o" 2>"$o.log" || { rm -f "$o"; echo "$1"; }
}
export -f compile_one
export OUT CLANG
export CFLAGS_STR="${CFLAGS[*]} ${SAN_LIB[*]}"
failed_src=""
if [ ${#srcs[@]} -gt 0 ]; then
    failed_src=$(printf '%s\n' "${srcs[@]}" |
        xargs -P "$JOBS" -I{} bash -c 'o="$OUT/obj/$(basename "${1%.c}").o"; $CLANG $CFLAGS_STR -c "$1" -o "$o" 2>"$o.log" || { rm -f "$o"; echo "$1"; }' _ {})
fi
for s in $failed_src; do
    echo "not ok - fuzz: $s does not build with clang"
    sed 's/^/    # /' "$OUT/obj/$(basename "${s%.c}").o.log" | head -10
done
rm -f "$OUT/libfuzz.a"
ar rcs "$OUT/libfuzz.a" "$OUT"/obj/*.o

# --- the targets ----------------------------------------------------------
targets=()
for f in tests/fuzz/fuzz_*.c; do
    t=$(basename "${f%.c}")
    t=${t#fuzz_}
    if [ -n "${FUZZ_TARGETS:-}" ] && ! grep -qw "$t" <<<"$FUZZ_TARGETS"; then
        continue
    fi
    bin="$OUT/bin/fuzz_$t"
    if [ ! -x "$bin" ] || [ "$f" -nt "$bin" ] || [ "$OUT/libfuzz.a" -nt "$bin" ] ||
        [ "$(ls -t tests/fuzz/*.h | head -1)" -nt "$bin" ]; then
        if ! "$CLANG" "${CFLAGS[@]}" -fsanitize=fuzzer "$f" -o "$bin" "$OUT/libfuzz.a" \
            $(pkg-config --libs $LIBS 2>/dev/null) -lm >"$OUT/bin/fuzz_$t.log" 2>&1; then
            echo "not ok - fuzz $t: build"
            sed 's/^/    # /' "$OUT/bin/fuzz_$t.log" | head -15
            continue
        fi
    fi
    targets+=("$t")
done

total_runs=0
for t in "${targets[@]}"; do
    bin="$OUT/bin/fuzz_$t"
    # kept crash inputs first: each must now pass
    reg=(tests/fuzz/regress/"$t"/*)
    if [ -e "${reg[0]}" ]; then
        if "$bin" -timeout=20 "${reg[@]}" >"$TMP/reg.$t" 2>&1; then
            echo "ok - fuzz $t: ${#reg[@]} regression inputs replay clean"
        else
            echo "not ok - fuzz $t: a regression input fails again"
            grep -E 'ERROR|SUMMARY|invariant|Running' "$TMP/reg.$t" | tail -8 | sed 's/^/    # /'
        fi
    fi
    work="$OUT/corpus/$t"
    art="$OUT/artifacts/$t"
    mkdir -p "$work" "$art"
    seeds=()
    [ -d "tests/fuzz/corpus/$t" ] && seeds=("tests/fuzz/corpus/$t")
    "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=20 -rss_limit_mb=2560 -print_final_stats=1 \
        -artifact_prefix="$art/" "$work" "${seeds[@]}" >"$TMP/fuzz.$t" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TMP/fuzz.$t" | tail -1)
    total_runs=$((total_runs + ${runs:-0}))
    found=("$art"/crash-* "$art"/leak-* "$art"/timeout-* "$art"/oom-*)
    kept=0
    for a in "${found[@]}"; do
        [ -f "$a" ] || continue
        mkdir -p "tests/fuzz/regress/$t"
        mv "$a" "tests/fuzz/regress/$t/"
        kept=$((kept + 1))
    done
    if [ "$rc" -eq 0 ] && [ "$kept" -eq 0 ]; then
        echo "ok - fuzz $t: ${FUZZ_SECONDS} s, ${runs:-0} runs, clean"
    else
        echo "not ok - fuzz $t: exit $rc, $kept input(s) kept in tests/fuzz/regress/$t/"
        grep -E 'ERROR|SUMMARY|invariant|#0 |#1 |#2 |#3 ' "$TMP/fuzz.$t" | head -12 | sed 's/^/    # /'
    fi
done
echo "# fuzz: ${#targets[@]} targets, $total_runs runs in total"

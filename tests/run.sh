#!/usr/bin/env bash
# Runs every test: the unit programs (plain and under ASan+UBSan), then the
# scripted tests in tests/*/ *.sh (except tests/bench/, which make bench
# runs). Prints one closing line: "N passed, M failed".
set -u
cd "$(dirname "$0")/.."
export TLSSTEP="$PWD/build/tlsstep"
export TLSSTEP_LOCALEDIR="$PWD/build/locale" # the catalogues make builds (unit tests under build/asan too)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
pass=0
fail=0
failed=()

run_unit() { # binary label
    local out
    out=$("$1" 2>&1)
    local rc=$?
    local p f
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' <<<"$out" | tail -1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' <<<"$out" | tail -1)
    p=${p:-0}; f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    pass=$((pass + p)); fail=$((fail + f))
    if [ "$f" -ne 0 ]; then
        failed+=("$2")
        printf '%s\n' "$out" | grep -v '^\[ \(RUN\|       OK\) ' | sed 's/^/    /'
    fi
    printf '%-40s %3d passed, %d failed\n' "$2" "$p" "$f"
}

for t in build/tests/*_test; do
    [ -x "$t" ] && run_unit "$t" "unit $(basename "$t")"
done
for t in build/asan/tests/*_test; do
    [ -x "$t" ] && run_unit "$t" "asan $(basename "$t")"
done

for s in tests/*/*.sh; do
    [ -f "$s" ] || continue
    case $s in tests/bench/*) continue ;; esac # make bench runs those
    out=$(bash "$s" 2>&1)
    rc=$?
    p=$(grep -c '^ok ' <<<"$out")
    f=$(grep -c '^not ok ' <<<"$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    pass=$((pass + p)); fail=$((fail + f))
    if [ "$f" -ne 0 ]; then
        failed+=("$s")
        grep -v '^ok ' <<<"$out" | sed 's/^/    /' | tail -40
    fi
    printf '%-40s %3d passed, %d failed\n' "$s" "$p" "$f"
done

[ ${#failed[@]} -gt 0 ] && printf 'failing: %s\n' "${failed[*]}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

# Shared helpers for the scripted tests (sourced). Each check prints one
# TAP-like line, "ok - NAME" or "not ok - NAME", which tests/run.sh counts.
set -u
TLSSTEP=${TLSSTEP:-$PWD/build/tlsstep}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# ok NAME CMD...: passes when CMD exits 0.
ok() {
    local name=$1; shift
    if "$@" >"$TMP/out" 2>&1; then
        echo "ok - $name"
    else
        echo "not ok - $name"
        sed 's/^/    # /' "$TMP/out" | tail -15
    fi
}

# fails NAME CODE CMD...: passes when CMD exits with status CODE.
fails() {
    local name=$1 code=$2; shift 2
    "$@" >"$TMP/out" 2>&1
    local rc=$?
    if [ "$rc" -eq "$code" ]; then
        echo "ok - $name"
    else
        echo "not ok - $name (exit $rc, wanted $code)"
        sed 's/^/    # /' "$TMP/out" | tail -15
    fi
}

# same NAME A B: passes when strings A and B are equal.
same() {
    if [ "$2" = "$3" ]; then
        echo "ok - $1"
    else
        echo "not ok - $1"
        echo "    # got:  $2"
        echo "    # want: $3"
    fi
}

#!/usr/bin/env bash
# TLS 1.3 between tlsstep and Python's ssl module (helper:
# tests/net/python_ssl.py), both directions, on 127.0.0.1 with 2048-bit keys.
#
# Python's ssl has minimum_version (set to TLSv1_3 here) but no call that
# picks a TLS 1.3 suite (set_ciphers() is for TLS 1.2) or the groups (only
# set_ecdh_curve, one NIST curve). So:
#  - with Python's own defaults (no configuration): Python's client against
#    serve (x25519, no HRR); against serve --group ffdhe2048 --suite
#    tls13-chacha (serve picks: Python's key share is x25519, so a
#    HelloRetryRequest, then FFDHE); Python's server against connect.
#  - the whole matrix (both suites, x25519 and ffdhe2048, with and without
#    HRR) with the suite and groups pinned the way an administrator pins
#    them for every program on a system: OpenSSL's configuration file
#    (OPENSSL_CONF, its system_default section: Ciphersuites, Groups). It
#    replaces the system's file for that run; Python's code is unchanged.
#    Client: serve_matrix in net13lib.bash. Server: Groups = R alone, and
#    connect pins the suite and its first key share (x25519 or --group
#    ffdhe2048; not of R: a HelloRetryRequest from Python).
# Python reports the version and suite it agreed; the group and the HRR are
# read from serve's or connect's --json records (summary.py). The Python used
# is Debian's /usr/bin/python3 when it exists (PYTHON3=path overrides).
source tests/lib.sh
source tests/net/netlib.bash
source tests/net13/net13lib.bash

PY=${PYTHON3:-python3}
[ -z "${PYTHON3:-}" ] && [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
HELPER=tests/net/python_ssl.py
echo "# $("$PY" -c 'import ssl, sys; print("python", sys.version.split()[0], "with", ssl.OPENSSL_VERSION)')"

# field NAME FILE: the value of "NAME: value" in FILE.
field() {
    sed -n "s/^$1: //p" "$2" | head -1
}

# openssl_conf FILE SUITES GROUPS: an OpenSSL configuration whose
# system_default allows only these TLS 1.3 suites and groups.
openssl_conf() {
    cat >"$1" <<EOF
openssl_conf = tlsstep_test
[tlsstep_test]
ssl_conf = tlsstep_ssl
[tlsstep_ssl]
system_default = tlsstep_defaults
[tlsstep_defaults]
Ciphersuites = $2
Groups = $3
EOF
}

head -c 40000 /dev/urandom >"$TMP/payload.bin"
want=$(sha "$TMP/payload.bin")

# --- Python's client against serve --------------------------------------------------
# python_client DIR NAME PORT EXPECT [CONF]: Python's default client context,
# minimum TLS 1.3 (OPENSSL_CONF=CONF if given); EXPECT its suite.
python_client() {
    local dir=$1 name=$2 port=$3 expect=$4 conf=${5:-} out
    out="$dir/$(echo "$name" | tr -c 'a-z0-9\n' '_').out"
    local env=()
    [ -n "$conf" ] && env=(env "OPENSSL_CONF=$conf")
    "${env[@]}" timeout 30 "$PY" "$HELPER" client "$port" "$dir/ca.pem" default 1.3 >"$out" 2>&1
    same "$name: exit status (certificate and host name verified)" "$?" 0
    same "$name: python agreed on TLSv1.3 $expect, HTTP 200, body sha256" \
        "$(field version "$out") $(field cipher "$out"); $(field status "$out") $(field 'body sha256' "$out")" \
        "TLSv1.3 $expect; HTTP/1.1 200 OK $want"
}

# python_run DIR N PORT SUITE OFFER NEED (see serve_matrix)
python_run() {
    local dir=$1 n=$2 port=$3 suite=$4 offer=$5 need=$6
    openssl_conf "$dir/openssl$n.cnf" "$(iana "$suite")" "$offer"
    python_client "$dir" "python (OPENSSL_CONF) $suite groups $offer -> serve --group $need" \
        "$port" "$(iana "$suite")" "$dir/openssl$n.cnf"
}
serve_matrix python python_run "$TMP/payload.bin"

# Python's defaults, no configuration at all.
for c in "|x25519 hrr=no|any" "--group ffdhe2048 --suite tls13-chacha|ffdhe2048 hrr=yes|tls13-chacha"; do
    IFS='|' read -r args hello suite <<<"$c"
    name="python (defaults) -> serve ${args:-(defaults)}"
    dir="$TMP/defaults-${suite}"
    mkdir -p "$dir"
    # shellcheck disable=SC2086 # args is a list of options
    start_serve_json "$dir/serve.json" --once $args --bits 2048 --seed "py13-$suite" \
        --file "$TMP/payload.bin" --out-dir "$dir" --timeout 5
    served "$name" "$dir/serve.json" || continue
    if [ "$suite" = any ]; then # serve's choice among Python's three
        timeout 30 "$PY" "$HELPER" client "$SERVE_PORT" "$dir/ca.pem" default 1.3 >"$dir/c.out" 2>&1
        same "$name: exit status" "$?" 0
        got=$(field cipher "$dir/c.out")
        case $got in TLS_AES_256_GCM_SHA384) suite=tls13-aes ;; *) suite=tls13-chacha ;; esac
        same "$name: python agreed on TLSv1.3 and a suite tlsstep has" \
            "$(field version "$dir/c.out") $got; $(field status "$dir/c.out") $(field 'body sha256' "$dir/c.out")" \
            "TLSv1.3 $(iana "$suite"); HTTP/1.1 200 OK $want"
    else
        python_client "$dir" "$name" "$SERVE_PORT" "$(iana "$suite")"
    fi
    wait "$SERVE_PID"
    same "$name: serve exit status" "$?" 0
    summary json "$dir/serve.json"
    same "$name: serve saw TLS1.3 $(code "$suite") $hello, sent the file" "${S[0]}; ${S[3]}" \
        "TLS1.3 $(code "$suite") $hello; result ok suite $(iana "$suite") http 200 sha256 $want"
done

# --- connect against Python's server ----------------------------------------------
pki="$TMP/pki"
mkdir -p "$pki"
ok "cert 2048 for the python server" "$TLSSTEP" cert --bits 2048 --seed py13-pki --out-dir "$pki"
python3 -c '
import sys
for i in range(300):
    sys.stdout.write("line %04d of the body python ssl serves to tlsstep connect in TLS 1.3\n" % i)
' >"$TMP/body.txt"
want_body=$(sha "$TMP/body.txt")

# python_server NAME COUNT [CONF]: Python's default server context, minimum
# TLS 1.3, for COUNT connections; sets PY_PID, PY_PORT (empty: never
# listened) and PY_OUT.
python_server() {
    PY_OUT="$TMP/server-$(echo "$1" | tr -c 'a-z0-9\n' '_').out"
    local env=()
    [ -n "${3:-}" ] && env=(env "OPENSSL_CONF=$3")
    "${env[@]}" timeout 120 "$PY" "$HELPER" server "$pki/server.pem" "$pki/server.key" \
        "$TMP/body.txt" "$2" 1.3 >"$PY_OUT" 2>&1 &
    PY_PID=$!
    PIDS+=("$PY_PID")
    PY_PORT=$(wait_port "$PY_OUT")
    [ -n "$PY_PORT" ] && return 0
    echo "not ok - $1: python server never listened"
    sed 's/^/    # /' "$PY_OUT" | tail -5
    return 1
}

# connect_python NAME N EXPECT ARGS...: connect with ARGS to the python
# server (its N-th connection); EXPECT: "SUITE GROUP hrr=yes|no".
connect_python() {
    local name=$1 n=$2 suite group hrr t json
    read -r suite group hrr <<<"$3"
    shift 3
    json="$TMP/connect-$(echo "$name" | tr -c 'a-z0-9\n' '_').json"
    timeout 30 "$TLSSTEP" connect "127.0.0.1:$PY_PORT" --host localhost --cafile "$pki/ca.pem" \
        "$@" --timeout 5 --json >"$json" 2>&1
    same "$name: exit status" "$?" 0
    for ((t = 0; t < 100; t++)); do
        grep -q "^conn $n: " "$PY_OUT" && break
        sleep 0.05
    done
    same "$name: python agreed on TLSv1.3 $(iana "$suite")" \
        "$(sed -n "s/^conn $n: //p" "$PY_OUT")" "ok TLSv1.3 $(iana "$suite")"
    summary json "$json"
    same "$name: connect saw TLS1.3 $(code "$suite") $group $hrr, got the body" "${S[0]}; ${S[3]}" \
        "TLS1.3 $(code "$suite") $group $hrr; result ok suite $(iana "$suite") http 200 sha256 $want_body"
}

# With Python's defaults: connect's defaults (its first suite, x25519).
if python_server "python server (defaults)" 1; then
    connect_python "connect -> python server (defaults)" 1 "tls13-aes x25519 hrr=no" --seed py13-d
    wait "$PY_PID"
fi

# Groups pinned to R by OPENSSL_CONF; connect pins the suite and its first share.
for need in $GROUPS13; do
    openssl_conf "$TMP/server-$need.cnf" "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256" "$need"
    python_server "python server Groups $need" 4 "$TMP/server-$need.cnf" || continue
    n=0
    for suite in $SUITES13; do
        for first in x25519 ffdhe2048; do
            n=$((n + 1))
            hrr=$([ "$first" = "$need" ] && echo no || echo yes)
            grp=()
            [ "$first" = x25519 ] || grp=(--group "$first")
            connect_python "connect $suite first share $first -> python server (OPENSSL_CONF) Groups $need" \
                "$n" "$suite $need hrr=$hrr" --suite "$suite" "${grp[@]}" --seed "py13-$suite-$need-$first"
        done
    done
    wait "$PY_PID"
done

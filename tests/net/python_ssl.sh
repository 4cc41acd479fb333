#!/usr/bin/env bash
# Python's ssl module (OpenSSL underneath, but with Python's own defaults),
# an independent peer, against tlsstep on 127.0.0.1 with 2048-bit keys, in
# TLS 1.2 (TLS 1.3: tests/net13/python13.sh). The peer keeps its DEFAULTS
# (ssl.create_default_context: certificate and host name verified, security
# level untouched); set_ciphers() is used only to pick one suite among those
# the default context already offers. Helper: tests/net/python_ssl.py.
#
#  - client of `tlsstep serve` (which speaks TLS 1.3 and 1.2), held to TLS
#    1.2 by maximum_version, every suite: a suite the default context
#    offers must complete (TLS 1.2, that cipher, HTTP 200, the body's SHA-256
#    equal to the file's); for a suite it does not offer (NULL always; RSA
#    key exchange and DHE-CHACHA20 depend on how Python was built: Debian's
#    python3 uses OpenSSL's default list, which has them, upstream's does
#    not), the client offers its defaults unchanged and serve, finding no
#    common suite, must send a fatal handshake_failure alert, which the
#    client must report as SSLV3_ALERT_HANDSHAKE_FAILURE.
#  - server (its defaults, TLS 1.3 included) for `tlsstep connect --tls 1.2`,
#    every suite: a suite the default server
#    context can serve must give connect exit 0, HTTP 200 and the body's
#    SHA-256; for the others (NULL is never offered; DHE needs DH parameters,
#    which a default server context does not have, so OpenSSL skips DHE
#    suites), Python must fail with NO_SHARED_CIPHER and connect must
#    receive handshake_failure and exit 1.
# The Python used is Debian's /usr/bin/python3 (package python3), the one
# .ci/deps.sh installs, when it exists (PYTHON3=path overrides).
source tests/lib.sh
source tests/net/netlib.bash

BITS=2048
PY=${PYTHON3:-python3} # PYTHON3=... tries another Python
[ -z "${PYTHON3:-}" ] && [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
HELPER=tests/net/python_ssl.py

# field NAME FILE: the value of "NAME: value" in FILE.
field() {
    sed -n "s/^$1: //p" "$2" | head -1
}

echo "# $("$PY" -c 'import ssl, sys; print("python", sys.version.split()[0], "with", ssl.OPENSSL_VERSION)')"
"$PY" "$HELPER" offered >"$TMP/offered"
offered=""
for suite in $SUITES; do
    grep -qx "$(cipher "$suite")" "$TMP/offered" && offered="$offered $suite"
done
echo "# the default context offers, of our suites:${offered:- none}"
# Whatever the build, an ECDHE suite with an AEAD is in every default list
# and NULL never is.
ok "python ssl: the default context offers ECDHE-RSA-CHACHA20-POLY1305" \
    grep -qx ECDHE-RSA-CHACHA20-POLY1305 "$TMP/offered"
fails "python ssl: the default context does not offer NULL-SHA256" 1 \
    grep -qx NULL-SHA256 "$TMP/offered"

head -c 40000 /dev/urandom >"$TMP/payload.bin"
want=$(sha "$TMP/payload.bin")

# --- Python's client against tlsstep serve ----------------------------------
for suite in $SUITES; do
    c=$(cipher "$suite")
    dir="$TMP/client-$suite"
    mkdir -p "$dir"
    start_serve "$dir/serve.out" --suite "$suite" --bits "$BITS" --seed "py-$suite" \
        --file "$TMP/payload.bin" --out-dir "$dir" --timeout 5 --once
    listening "python ssl client $suite" "$dir/serve.out" || continue
    out="$dir/client.out"
    case " $offered " in
        *" $suite "*)
            timeout 30 "$PY" "$HELPER" client "$SERVE_PORT" "$dir/ca.pem" "$c" 1.2 >"$out" 2>&1
            rc=$?
            same "python ssl client $suite: exit status" "$rc" 0
            [ "$rc" -eq 0 ] || sed 's/^/    # /' "$out" | tail -5
            same "python ssl client $suite: TLSv1.2, $c" \
                "$(field version "$out") $(field cipher "$out")" "TLSv1.2 $c"
            same "python ssl client $suite: HTTP 200, body sha256" \
                "$(field status "$out") $(field 'body sha256' "$out")" "HTTP/1.1 200 OK $want"
            wait "$SERVE_PID"
            same "serve $suite (python client): exit status" "$?" 0
            same "serve $suite (python client): connection ok, suite agreed" \
                "$(grep -c '^result: ok' "$dir/serve.out") $(field 'suite agreed' "$dir/serve.out")" \
                "1 $(iana "$suite")"
            ;;
        *)
            # the default context as is: no set_ciphers at all
            timeout 30 "$PY" "$HELPER" client "$SERVE_PORT" "$dir/ca.pem" default 1.2 >"$out" 2>&1
            rc=$?
            wait "$SERVE_PID"
            got="client exit $rc, $(field error "$out" | cut -d: -f1);"
            got="$got serve: $(grep -o 'server sends alert fatal [a-z_]* ([0-9]*)' "$dir/serve.out" | head -1),"
            got="$got $(grep '^result: ' "$dir/serve.out" | cut -d' ' -f1-2)"
            same "python ssl: $suite not offered by default: serve answered handshake_failure (no common suite), the client reported it" \
                "$got" \
                "client exit 1, SSLV3_ALERT_HANDSHAKE_FAILURE; serve: server sends alert fatal handshake_failure (40), result: handshake_failure"
            ;;
    esac
done

# The verification is real: the default context refuses a certificate from
# a CA it was not given.
dir="$TMP/client-other-ca"
mkdir -p "$dir/other"
"$TLSSTEP" cert --bits "$BITS" --seed py-other --out-dir "$dir/other" >/dev/null 2>&1
start_serve "$dir/serve.out" --suite ecdhe --bits "$BITS" --seed py-ca \
    --file "$TMP/payload.bin" --out-dir "$dir" --timeout 5 --once
if [ -n "$SERVE_PORT" ]; then
    timeout 30 "$PY" "$HELPER" client "$SERVE_PORT" "$dir/other/ca.pem" \
        "$(cipher ecdhe)" 1.2 >"$dir/client.out" 2>&1
    same "python ssl client: certificate from another CA refused" \
        "$? $(field error "$dir/client.out" | cut -d: -f1)" "1 CERTIFICATE_VERIFY_FAILED"
    stop "$SERVE_PID"
else
    echo "not ok - python ssl client other CA: serve never listened"
fi

# --- tlsstep connect against Python's server ---------------------------------
pki="$TMP/pki"
mkdir -p "$pki"
ok "cert $BITS for the python server" "$TLSSTEP" cert --bits "$BITS" --seed py-pki --out-dir "$pki"
python3 -c '
import sys
for i in range(300):
    sys.stdout.write("line %04d of the body python ssl serves to tlsstep connect\n" % i)
' >"$TMP/body.txt"
want_body=$(sha "$TMP/body.txt")
n=0
for _ in $SUITES; do n=$((n + 1)); done
timeout 120 "$PY" "$HELPER" server "$pki/server.pem" "$pki/server.key" "$TMP/body.txt" "$n" any \
    >"$TMP/server.out" 2>&1 &
py_pid=$!
PIDS+=("$py_pid")
py_port=$(wait_port "$TMP/server.out")
if [ -z "$py_port" ]; then
    echo "not ok - python ssl server: never listened"
    sed 's/^/    # /' "$TMP/server.out" | tail -5
    n=0
fi
i=0
for suite in $SUITES; do
    [ -n "$py_port" ] || break
    i=$((i + 1))
    c=$(cipher "$suite")
    out="$TMP/connect-$suite.out"
    timeout 30 "$TLSSTEP" connect "localhost:$py_port" --cafile "$pki/ca.pem" --tls 1.2 \
        --suite "$suite" --seed "py-c-$suite" --timeout 5 >"$out" 2>&1
    rc=$?
    # the server's line for this connection (it prints it once the handshake ends)
    for ((t = 0; t < 100; t++)); do
        grep -q "^conn $i: " "$TMP/server.out" && break
        sleep 0.05
    done
    conn=$(sed -n "s/^conn $i: //p" "$TMP/server.out")
    case " $offered " in
        *" $suite "*) servable=$([ "$suite" = dhe ] && echo no || echo yes) ;;
        *) servable=no ;;
    esac
    if [ "$servable" = yes ]; then
        same "connect $suite to python ssl server: exit status" "$rc" 0
        [ "$rc" -eq 0 ] || grep -E '^\[[0-9]+\] |^(result|response):' "$out" | tail -8 | sed 's/^/    # /'
        same "connect $suite to python ssl server: python agreed on TLSv1.2 $c" "$conn" "ok TLSv1.2 $c"
        same "connect $suite to python ssl server: suite agreed" \
            "$(field 'suite agreed' "$out")" "$(iana "$suite")"
        same "connect $suite to python ssl server: HTTP 200, body sha256" \
            "$(sed -n 's/^response: HTTP \([0-9]*\), [0-9]* bytes, sha256 \([0-9a-f]*\)$/\1 \2/p' "$out")" \
            "200 $want_body"
    else
        why="not offered by default"
        [ "$suite" = dhe ] && case " $offered " in *" dhe "*) why="offered but not served by default (no DH parameters)" ;; esac
        got="python: $(echo "$conn" | cut -d: -f1-2); connect exit $rc,"
        got="$got $(grep -o 'client receives alert fatal [a-z_]* ([0-9]*)' "$out" | head -1),"
        got="$got $(grep '^result: ' "$out" | cut -d' ' -f1-2)"
        same "python ssl server: $suite $why: no shared cipher, connect got handshake_failure" \
            "$got" \
            "python: error: NO_SHARED_CIPHER; connect exit 1, client receives alert fatal handshake_failure (40), result: handshake_failure"
    fi
done
[ "$n" -gt 0 ] && wait "$py_pid"

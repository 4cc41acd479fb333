#!/usr/bin/env bash
# GnuTLS, an implementation no one here wrote, against tlsstep on 127.0.0.1
# in TLS 1.2 (TLS 1.3: tests/net13/gnutls13.sh), for every TLS 1.2 suite at
# 2048 bits, the size serve's stock peers expect (GnuTLS 3.7's NORMAL would
# still take 1024, OpenSSL-based peers at Debian's default security level
# would not):
#
#  - gnutls-cli against `tlsstep serve` (which speaks TLS 1.3 and 1.2): a
#    --priority string enables exactly TLS 1.2 and the suite; the
#    certificate is verified against the ca.pem serve wrote and the host
#    name "localhost"; the HTTP body's SHA-256 equals the file's; GnuTLS
#    reports the expected key exchange and cipher. One check that a wrong
#    host name is refused shows the verification is real.
#  - `tlsstep connect --tls 1.2` against gnutls-serv --http with its DEFAULT
#    options (but the priority string), which send an optional
#    CertificateRequest: connect must answer it with an empty Certificate
#    (RFC 5246 7.4.6), finish the handshake, and receive HTTP 200 with the
#    --httpdata body (its SHA-256 checked); gnutls-serv's own log must show
#    the same suite. gnutls-serv has no option to listen on loopback only;
#    the clients here connect to localhost only.
source tests/lib.sh
source tests/net/netlib.bash

for tool in gnutls-cli gnutls-serv; do
    if ! command -v "$tool" >/dev/null; then
        echo "not ok - $tool is missing: install gnutls-bin (.ci/deps.sh test)"
        exit 1
    fi
done

BITS=2048

# prio SUITE: a GnuTLS priority string that enables TLS 1.2 and this suite only.
prio() {
    local p='NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:-CIPHER-ALL:-MAC-ALL'
    case $1 in
        rsa) echo "$p:+RSA:+AES-256-GCM:+AEAD" ;;
        ecdhe) echo "$p:+ECDHE-RSA:+CHACHA20-POLY1305:+AEAD" ;;
        dhe) echo "$p:+DHE-RSA:+CHACHA20-POLY1305:+AEAD" ;;
        null) echo "$p:+RSA:+NULL:+SHA256" ;;
    esac
}

# description SUITE: GnuTLS's "- Description:" of a session with this suite
# (the key exchange group and signature, when the suite has them, in between).
description() {
    case $1 in
        rsa) echo '(TLS1.2-X.509)-(RSA)-(AES-256-GCM)' ;;
        ecdhe) echo '(TLS1.2-X.509)-(ECDHE-X25519)-(RSA-SHA256)-(CHACHA20-POLY1305)' ;;
        dhe) echo '(TLS1.2-X.509)-(DHE-FFDHE2048)-(RSA-SHA256)-(CHACHA20-POLY1305)' ;;
        null) echo '(TLS1.2-X.509)-(RSA)-(NULL)-(SHA256)' ;;
    esac
}

# body_sha FILE: SHA-256 of the body of the HTTP response in FILE (the
# Content-Length bytes after the head), or "none".
body_sha() {
    python3 - "$1" <<'EOF'
import hashlib, re, sys
data = open(sys.argv[1], "rb").read()
end = data.find(b"\r\n\r\n") if data.startswith(b"HTTP/1.1 200 OK\r\n") else -1
m = re.search(rb"\r\nContent-Length: *(\d+)", data[:end]) if end >= 0 else None
body = data[end + 4:end + 4 + int(m.group(1))] if m else None
print(hashlib.sha256(body).hexdigest() if body is not None else "none")
EOF
}

# wait_gnutls_serv PID PORT: waits (at most 10 s) until gnutls-serv PID
# accepts on PORT; fails at once if it has exited.
wait_gnutls_serv() {
    local i
    for ((i = 0; i < 200; i++)); do
        kill -0 "$1" 2>/dev/null || return 1
        python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' \
            "$2" 2>/dev/null && return 0
        sleep 0.05
    done
    return 1
}

# A binary payload of 48 KiB (several records), and the request.
head -c 49152 /dev/urandom >"$TMP/payload.bin"
want=$(sha "$TMP/payload.bin")
printf 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n' >"$TMP/request"

# --- gnutls-cli against tlsstep serve ---------------------------------------
for suite in $SUITES; do
    dir="$TMP/cli-$suite"
    mkdir -p "$dir"
    start_serve "$dir/serve.out" --suite "$suite" --bits "$BITS" --seed "gnutls-$suite" \
        --file "$TMP/payload.bin" --out-dir "$dir" --timeout 5
    listening "gnutls-cli $suite" "$dir/serve.out" || continue
    # informational messages to the log; stdout holds only the HTTP response
    timeout 20 gnutls-cli --priority "$(prio "$suite")" --x509cafile "$dir/ca.pem" \
        --verify-hostname localhost --sni-hostname localhost -p "$SERVE_PORT" 127.0.0.1 \
        --logfile "$dir/cli.log" \
        <"$TMP/request" >"$dir/cli.out" 2>"$dir/cli.err"
    rc=$?
    same "gnutls-cli $suite: exit status" "$rc" 0
    [ "$rc" -eq 0 ] || sed 's/^/    # /' "$dir/cli.log" "$dir/cli.err" | tail -8
    ok "gnutls-cli $suite: certificate trusted for localhost" \
        grep -q '^- Status: The certificate is trusted' "$dir/cli.log"
    same "gnutls-cli $suite: negotiated" \
        "$(sed -n 's/^- Description: //p' "$dir/cli.log")" "$(description "$suite")"
    same "gnutls-cli $suite: body sha256" "$(body_sha "$dir/cli.out")" "$want"
    stop "$SERVE_PID"
    same "serve $suite (gnutls-cli): stops on SIGTERM with 0" "$STOP_RC" 0
    same "serve $suite (gnutls-cli): connection ok, suite agreed" \
        "$(grep -c '^result: ok' "$dir/serve.out") $(sed -n 's/^suite agreed: //p' "$dir/serve.out")" \
        "1 $(iana "$suite")"
done

# The verification is real: the same certificate checked against another
# name is refused (gnutls-cli exits 1 and never sends the request).
dir="$TMP/cli-wrong-name"
mkdir -p "$dir"
start_serve "$dir/serve.out" --suite ecdhe --bits "$BITS" --seed gnutls-name \
    --file "$TMP/payload.bin" --out-dir "$dir" --timeout 5 --once
if [ -n "$SERVE_PORT" ]; then
    timeout 20 gnutls-cli --priority "$(prio ecdhe)" --x509cafile "$dir/ca.pem" \
        --verify-hostname example.org --sni-hostname localhost -p "$SERVE_PORT" 127.0.0.1 \
        <"$TMP/request" >"$dir/cli.out" 2>&1
    rc=$?
    same "gnutls-cli: certificate for localhost refused as example.org" \
        "$rc $(grep -c '^- Status: The certificate is NOT trusted. The name in the certificate does not match' "$dir/cli.out")" \
        "1 1"
    stop "$SERVE_PID"
else
    echo "not ok - gnutls-cli wrong name: serve never listened"
fi

# --- tlsstep connect against gnutls-serv ------------------------------------
pki="$TMP/pki"
mkdir -p "$pki"
ok "cert $BITS for gnutls-serv" "$TLSSTEP" cert --bits "$BITS" --seed gnutls-pki --out-dir "$pki"
printf '<html><body>tlsstep and gnutls-serv</body></html>\n' >"$TMP/httpdata.html"
want_http=$(sha "$TMP/httpdata.html")
for suite in $SUITES; do
    dir="$TMP/serv-$suite"
    mkdir -p "$dir"
    port=$(free_port)
    # default options: no -a/-r, so a CertificateRequest the client may decline
    timeout 120 gnutls-serv --http --httpdata "$TMP/httpdata.html" \
        --x509certfile "$pki/server.pem" --x509keyfile "$pki/server.key" \
        -p "$port" --priority "$(prio "$suite")" >"$dir/gnutls-serv.out" 2>&1 &
    gs_pid=$!
    PIDS+=("$gs_pid")
    if ! wait_gnutls_serv "$gs_pid" "$port"; then
        echo "not ok - gnutls-serv $suite: never listened"
        sed 's/^/    # /' "$dir/gnutls-serv.out" | tail -5
        continue
    fi
    out="$dir/connect.out"
    timeout 30 "$TLSSTEP" connect "localhost:$port" --cafile "$pki/ca.pem" --tls 1.2 \
        --suite "$suite" --seed "gnutls-c-$suite" --timeout 5 >"$out" 2>&1
    rc=$?
    same "connect $suite to gnutls-serv: exit status" "$rc" 0
    [ "$rc" -eq 0 ] || grep -E '^\[[0-9]+\] |^(result|response):' "$out" | tail -8 | sed 's/^/    # /'
    ok "connect $suite to gnutls-serv: certificate verified" \
        grep -q '^\[[0-9]*\] client checks certificate.*: ok' "$out"
    ok "connect $suite to gnutls-serv: received a CertificateRequest" \
        grep -Eq '^#[0-9]+ server → client  handshake  CertificateRequest ' "$out"
    # an empty Certificate: 5-byte record header, 4-byte handshake header,
    # certificate_list length 0 (3 bytes)
    ok "connect $suite to gnutls-serv: answered with an empty Certificate" \
        grep -Eq '^#[0-9]+ client → server  handshake  Certificate  12 bytes  \[sent\]' "$out"
    same "connect $suite to gnutls-serv: suite agreed" \
        "$(sed -n 's/^suite agreed: //p' "$out")" "$(iana "$suite")"
    same "connect $suite to gnutls-serv: HTTP 200 with the --httpdata body" \
        "$(sed -n 's/^response: HTTP \([0-9]*\), [0-9]* bytes, sha256 \([0-9a-f]*\)$/\1 \2/p' "$out")" \
        "200 $want_http"
    stop "$gs_pid"
    same "gnutls-serv $suite: negotiated" \
        "$(sed -n 's/^- Description: //p' "$dir/gnutls-serv.out")" "$(description "$suite")"
done

#!/usr/bin/env bash
# Real TLS 1.2 clients against `tlsstep serve` on 127.0.0.1, for every TLS
# 1.2 suite at 1024 and 2048 bits: openssl s_client (certificate verified
# against the ca.pem serve wrote, host name checked, the HTTP body's SHA-256
# equal to the file's) and curl (the downloaded file's SHA-256 equal). serve
# speaks TLS 1.3 and 1.2 (its default); the clients are held to TLS 1.2, so
# serve must fall back to the suite it was given. One serve process per suite
# and size answers both, then stops on SIGTERM with status 0. (TLS 1.3 with
# these peers: tests/net13/.)
source tests/lib.sh
source tests/net/netlib.bash

# A text payload of about 40 KiB (several records; text survives s_client's
# stdout).
python3 -c '
import sys
for i in range(600):
    sys.stdout.write("line %05d of the tlsstep network test payload: the quick brown fox\n" % i)
' >"$TMP/payload.txt"
want=$(sha "$TMP/payload.txt")
printf 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n' >"$TMP/request"

# body_sha FILE: SHA-256 of the body of the first HTTP response in FILE
# (the Content-Length bytes after the head), or "none".
body_sha() {
    python3 - "$1" <<'EOF'
import hashlib, re, sys
data = open(sys.argv[1], "rb").read()
at = data.find(b"HTTP/1.1 200 OK\r\n")
end = data.find(b"\r\n\r\n", at) if at >= 0 else -1
m = re.search(rb"\r\nContent-Length: *(\d+)", data[at:end]) if end >= 0 else None
body = data[end + 4:end + 4 + int(m.group(1))] if m else None
print(hashlib.sha256(body).hexdigest() if body is not None else "none")
EOF
}

for bits in $BITS_LIST; do
    for suite in $SUITES; do
        c=$(cipher "$suite")
        dir="$TMP/$suite-$bits"
        mkdir -p "$dir"
        start_serve "$dir/serve.out" --suite "$suite" --bits "$bits" --seed "net-$bits" \
            --file "$TMP/payload.txt" --out-dir "$dir" --timeout 5 \
            --pcap "$dir/last.pcap" --keylog "$dir/keylog"
        listening "serve $suite $bits" "$dir/serve.out" || continue
        timeout 20 openssl s_client -tls1_2 -cipher "$c:@SECLEVEL=0" -CAfile "$dir/ca.pem" \
            -verify_return_error -verify_hostname localhost -connect "127.0.0.1:$SERVE_PORT" \
            -servername localhost -ign_eof <"$TMP/request" >"$dir/s_client.out" 2>&1
        rc=$?
        same "s_client $suite $bits: exit status" "$rc" 0
        ok "s_client $suite $bits: verify return code 0" grep -q "Verify return code: 0 (ok)" "$dir/s_client.out"
        ok "s_client $suite $bits: TLSv1.2, cipher $c" grep -q "^New, TLSv1.2, Cipher is $c\$" "$dir/s_client.out"
        same "s_client $suite $bits: body sha256" "$(body_sha "$dir/s_client.out")" "$want"

        timeout 20 curl -sS --tlsv1.2 --tls-max 1.2 --ciphers "$c:@SECLEVEL=0" \
            --cacert "$dir/ca.pem" "https://localhost:$SERVE_PORT/" -o "$dir/curl.out" \
            2>"$dir/curl.err"
        rc=$?
        same "curl $suite $bits: exit status" "$rc" 0
        same "curl $suite $bits: file sha256" "$([ -f "$dir/curl.out" ] && sha "$dir/curl.out")" "$want"

        stop "$SERVE_PID"
        same "serve $suite $bits: stops on SIGTERM with 0" "$STOP_RC" 0
        same "serve $suite $bits: both connections ok" \
            "$(grep -c '^result: ok' "$dir/serve.out")" 2
        same "serve $suite $bits: a key log line per connection" \
            "$(grep -c '^CLIENT_RANDOM [0-9a-f]\{64\} [0-9a-f]\{96\}$' "$dir/keylog")" 2
        if [ "$bits" = 1024 ] && ! command -v tshark >/dev/null; then
            echo "not ok - serve $suite $bits: tshark is missing (install tshark: .ci/deps.sh test)"
        elif [ "$bits" = 1024 ]; then
            # the capture of the last connection (curl's), decrypted with the key log
            ok "serve $suite $bits: tshark decrypts the capture" bash -c \
                "tshark -r '$dir/last.pcap' -o 'tls.keylog_file:$dir/keylog' -Y http 2>/dev/null | grep -q 'HTTP/1.1 200 OK'"
        fi
        # the suite it was given (its "tls 1.2:" line), agreed on both connections
        iana=$(sed -n 's/^tls 1\.2: \([A-Z0-9_]*\) (.*/\1/p' "$dir/serve.out")
        same "serve $suite $bits: both connections agreed on its TLS 1.2 suite" \
            "$(grep -c "^suite agreed: ${iana:-none}\$" "$dir/serve.out")" 2
    done
done

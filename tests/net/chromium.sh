#!/usr/bin/env bash
# Headless Chromium (its own TLS stack, BoringSSL, and its own certificate
# verifier), an independent client, against `tlsstep serve --file page.html`
# on 127.0.0.1 with 2048-bit keys, for every TLS 1.2 suite. Chromium cannot
# be held to TLS 1.2 (its switch for that is gone), so serve is:
# `--tls 1.2` (TLS 1.3 with Chromium: tests/net13/chromium13.sh).
#
# The toy CA is trusted the way a user would trust it: in the NSS store of a
# throw-away HOME (certutil), never with --ignore-certificate-errors. The
# page carries a title, a paragraph, and a script that rewrites the
# paragraph; --dump-dom prints the DOM after the page ran, so finding the
# script's text proves the certificate was verified, the page was served as
# text/html and rendered (a download or a text/plain page has no such DOM).
#
#  - rsa and ecdhe (Chromium offers both): the DOM holds the page's title and
#    the script's text; serve agreed on that suite and completed a
#    connection.
#  - dhe and null (Chromium offers neither): the load fails with
#    ERR_SSL_VERSION_OR_CIPHER_MISMATCH, and every connection serve saw
#    ended with serve's fatal handshake_failure alert (no common suite).
#  - without the CA in the store the load fails with
#    ERR_CERT_AUTHORITY_INVALID (the trust above is what made it pass).
# Each Chromium run is time-boxed with `timeout 60`.
source tests/lib.sh
source tests/net/netlib.bash
source tests/net/chromiumlib.bash

BITS=2048
need_chromium
write_page "$TMP/page.html"

for suite in $SUITES; do
    dir="$TMP/$suite"
    mkdir -p "$dir"
    # not --once: Chromium may open more than one connection (the page, the
    # favicon, a retry after a failed handshake)
    start_serve "$dir/serve.out" --tls 1.2 --suite "$suite" --bits "$BITS" \
        --seed "chromium-$suite" --file "$TMP/page.html" --out-dir "$dir" --timeout 5
    listening "chromium $suite" "$dir/serve.out" || continue
    ok "chromium $suite: NSS store trusting the toy CA" nss_store "$dir" "$dir/ca.pem"
    chromium_dump "$dir" "https://localhost:$SERVE_PORT/"
    rc=$?
    stop "$SERVE_PID"
    results=$(sed -n 's/^result: \([a-z_]*\).*/\1/p' "$dir/serve.out" | sort | uniq -c | awk '{print $2 " x" $1}' | paste -sd' ' -)
    case $suite in
        rsa | ecdhe)
            same "chromium $suite: exit status" "$rc" 0
            if has "$dir/dom" "$TITLE" && has "$dir/dom" "$RENDERED"; then
                echo "ok - chromium $suite: page verified, served as HTML and rendered"
            else
                echo "not ok - chromium $suite: page verified, served as HTML and rendered"
                echo "    # DOM: $(head -c 300 "$dir/dom" | tr '\n' ' ')"
                grep -o 'net::ERR_[A-Z_]*' "$dir/err" | head -2 | sed 's/^/    # /'
                grep -a -m1 '^payload: ' "$dir/serve.out" | sed 's/^/    # serve: /'
                echo "    # serve results: $results"
            fi
            ok "chromium $suite: serve completed a connection" grep -q '^result: ok' "$dir/serve.out"
            same "chromium $suite: Chromium's net log: every handshake TLS 1.2, $(code "$suite")" \
                "$(netlog_tls "$dir/netlog.json" | cut -d' ' -f1-3)" "TLS 1.2 $(code "$suite")"
            same "chromium $suite: every suite agreed is $(iana "$suite")" \
                "$(sed -n 's/^suite agreed: //p' "$dir/serve.out" | sort -u | paste -sd' ' -)" \
                "$(iana "$suite")"
            ;;
        *)
            # Chromium retries a failed handshake; every attempt must end alike.
            n=$(grep -c '^result: ' "$dir/serve.out")
            got="$(grep -o 'net::ERR_[A-Z_]*' "$dir/err" | sort -u | paste -sd' ' -);"
            got="$got page shown: $(has "$dir/dom" "$TITLE" && echo yes || echo no);"
            got="$got serve results: $results; fatal handshake_failure alerts sent:"
            got="$got $(grep -c 'server sends alert fatal handshake_failure (40)' "$dir/serve.out")"
            [ "$n" -gt 0 ] || n="at least 1"
            same "chromium: $suite not offered by Chromium: serve answered handshake_failure (no common suite) to each attempt" \
                "$got" \
                "net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH; page shown: no; serve results: handshake_failure x$n; fatal handshake_failure alerts sent: $n"
            ;;
    esac
done

# Without the CA in its store, Chromium refuses the certificate.
dir="$TMP/untrusted"
mkdir -p "$dir"
start_serve "$dir/serve.out" --suite ecdhe --bits "$BITS" --seed chromium-untrusted \
    --file "$TMP/page.html" --out-dir "$dir" --timeout 5
if [ -n "$SERVE_PORT" ] && nss_store "$dir" >/dev/null 2>&1; then
    chromium_dump "$dir" "https://localhost:$SERVE_PORT/"
    stop "$SERVE_PID"
    same "chromium: certificate from an untrusted CA refused" \
        "$(grep -o 'net::ERR_[A-Z_]*' "$dir/err" | sort -u | paste -sd' ' -); page shown: $(has "$dir/dom" "$TITLE" && echo yes || echo no)" \
        "net::ERR_CERT_AUTHORITY_INVALID; page shown: no"
else
    echo "not ok - chromium untrusted: serve never listened or no NSS store"
fi

#!/usr/bin/env bash
# Headless Chromium (BoringSSL, its own verifier) against `tlsstep serve`
# (TLS 1.3 and 1.2, its default) on 127.0.0.1 with 2048-bit keys, the toy
# CA trusted in a throw-away NSS store (tests/net/chromiumlib.bash), for each
# TLS 1.3 suite (serve --suite picks it among Chromium's offers):
#  - the page is verified, served as HTML and rendered (its script ran);
#  - Chromium's own net log: every handshake TLS 1.3, that suite, x25519;
#  - serve's --json records, parsed from the ServerHello bytes: every
#    connection TLS 1.3, that suite, x25519, no HelloRetryRequest; at least
#    one complete with the page's SHA-256.
# Chromium's key shares are X25519MLKEM768 and x25519, and it offers no
# FFDHE group, so neither ffdhe2048 nor a HelloRetryRequest can be had with
# it: serve --group ffdhe2048 must refuse each attempt with a fatal
# handshake_failure (RFC 8446 §4.1.1: no group in common), which Chromium
# must report.
source tests/lib.sh
source tests/net/netlib.bash
source tests/net/chromiumlib.bash
source tests/net13/net13lib.bash

need_chromium
write_page "$TMP/page.html"
want=$(sha "$TMP/page.html")

for suite in $SUITES13; do
    dir="$TMP/$suite"
    mkdir -p "$dir"
    # not --once: Chromium may open more than one connection
    start_serve_json "$dir/serve.json" --suite "$suite" --bits 2048 --seed "chromium13-$suite" \
        --file "$TMP/page.html" --out-dir "$dir" --timeout 5
    served "chromium $suite" "$dir/serve.json" || continue
    ok "chromium $suite: NSS store trusting the toy CA" nss_store "$dir" "$dir/ca.pem"
    chromium_dump "$dir" "https://localhost:$SERVE_PORT/"
    rc=$?
    stop "$SERVE_PID"
    same "chromium $suite: exit status" "$rc" 0
    if has "$dir/dom" "$TITLE" && has "$dir/dom" "$RENDERED"; then
        echo "ok - chromium $suite: page verified, served as HTML and rendered"
    else
        echo "not ok - chromium $suite: page verified, served as HTML and rendered"
        echo "    # DOM: $(head -c 300 "$dir/dom" | tr '\n' ' ')"
        grep -o 'net::ERR_[A-Z_]*' "$dir/err" | head -2 | sed 's/^/    # /'
    fi
    same "chromium $suite: Chromium's net log: every handshake TLS 1.3, $(code "$suite"), x25519 (29)" \
        "$(netlog_tls "$dir/netlog.json")" "TLS 1.3 $(code "$suite") group 29"
    n=$(json_count "$dir/serve.json")
    hellos=() complete=0
    for ((i = 1; i <= n; i++)); do
        summary json "$dir/serve.json" "$i"
        hellos+=("${S[0]}")
        [ "${S[3]}" = "result ok suite $(iana "$suite") http 200 sha256 $want" ] &&
            complete=$((complete + 1))
    done
    same "chromium $suite: serve saw every connection as TLS 1.3 $(code "$suite") x25519, no HRR" \
        "$(printf '%s\n' "${hellos[@]:-none}" | sort -u | paste -sd' ' -)" \
        "TLS1.3 $(code "$suite") x25519 hrr=no"
    ok "chromium $suite: serve completed a connection and sent the page" test "$complete" -ge 1
done

# serve --group ffdhe2048: nothing in common with Chromium's groups.
dir="$TMP/ffdhe2048"
mkdir -p "$dir"
start_serve_json "$dir/serve.json" --group ffdhe2048 --bits 2048 --seed chromium13-ffdhe \
    --file "$TMP/page.html" --out-dir "$dir" --timeout 5
if served "chromium ffdhe2048" "$dir/serve.json" && nss_store "$dir" "$dir/ca.pem" >/dev/null 2>&1; then
    chromium_dump "$dir" "https://localhost:$SERVE_PORT/"
    stop "$SERVE_PID"
    n=$(json_count "$dir/serve.json")
    results=$(for ((i = 1; i <= n; i++)); do json_field "$dir/serve.json" "$i" result; done |
        sort | uniq -c | awk '{print $2 " x" $1}' | paste -sd' ' -)
    [ "$n" -gt 0 ] || n="at least 1"
    same "chromium -> serve --group ffdhe2048: no group in common, serve refused each attempt" \
        "$(grep -o 'net::ERR_[A-Z_]*' "$dir/err" | sort -u | paste -sd' ' -); page shown: $(has "$dir/dom" "$TITLE" && echo yes || echo no); serve results: $results" \
        "net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH; page shown: no; serve results: handshake_failure x$n"
else
    echo "not ok - chromium ffdhe2048: serve never listened or no NSS store"
fi

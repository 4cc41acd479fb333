#!/usr/bin/env bash
# TLS 1.3 between tlsstep and OpenSSL (s_client, s_server), both directions,
# on 127.0.0.1 with 2048-bit keys: both suites, x25519 and ffdhe2048, with
# and without HelloRetryRequest; KeyUpdate both ways; the downgrade sentinel.
#
# What each connection must show, from both ends: the exit status; the
# version, suite, group and whether a HelloRetryRequest came, read from the
# ServerHello bytes by tests/net13/summary.py (serve's and connect's --json
# records; OpenSSL's -msg hex dump), so neither side's own report is
# trusted alone; the certificate verified (s_client: -verify_return_error,
# host name checked; connect: --cafile, exit 0 only when verified, and one
# wrong-CA refusal each way); the HTTP body's SHA-256.
#
#  1. s_client -tls1_3 -ciphersuites S -groups G against serve --group R:
#     G = R alone gives no HRR; G = other:R makes s_client's only key share
#     the other group, so serve must send a HelloRetryRequest for R.
#  2. connect against s_server -tls1_3 -groups R (connect's first share is
#     x25519, or --group ffdhe2048): a first share not of R gets an HRR.
#     The aes cases pin the suite on connect's side (--suite), the chacha
#     cases on s_server's (-ciphersuites), so both ways of agreeing run.
#  3. KeyUpdate: connect --key-update against s_server (which answers
#     update_requested with its own KeyUpdate); s_client's 'k' and 'K'
#     commands against serve.
#  4. The downgrade sentinel (RFC 8446 §4.1.3): s_client -tls1_2 against
#     serve (both versions) sees it in ServerHello.random; s_client (1.3 and
#     1.2) against serve --tls 1.2 (a 1.2-only server) does not, and
#     completes; connect --tls 1.2 against s_server (which speaks 1.3) sees
#     it and completes; connect (1.3 and 1.2) against s_server -tls1_2 does
#     not see it and completes.
source tests/lib.sh
source tests/net/netlib.bash
source tests/net13/net13lib.bash

text_payload "$TMP/payload.txt"
want=$(sha "$TMP/payload.txt")
printf 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n' >"$TMP/request"
mkdir -p "$TMP/www"
cp "$TMP/payload.txt" "$TMP/www/payload.txt" # what s_server -WWW serves

# s_client13 OUT MSG PORT CAFILE ARGS...: s_client sends the request and
# waits for serve to close; verification on, host name checked.
s_client13() {
    local out=$1 msg=$2 port=$3 ca=$4
    shift 4
    timeout 20 openssl s_client -CAfile "$ca" -verify_return_error -verify_hostname localhost \
        -servername localhost -connect "127.0.0.1:$port" -ign_eof -msg -msgfile "$msg" "$@" \
        <"$TMP/request" >"$out" 2>&1
}

# --- 1. s_client -tls1_3 against serve ---------------------------------------
# s_client_run DIR N PORT SUITE OFFER NEED (see serve_matrix): -groups OFFER;
# s_client's only key share is of OFFER's first group.
s_client_run() {
    local dir=$1 n=$2 port=$3 suite=$4 offer=$5 need=$6 name exp hrr
    hrr=$([ "$offer" = "$need" ] && echo no || echo yes)
    name="s_client $suite groups $offer -> serve --group $need"
    s_client13 "$dir/c$n.out" "$dir/c$n.msg" "$port" "$dir/ca.pem" \
        -tls1_3 -ciphersuites "$(iana "$suite")" -groups "$offer"
    same "$name: exit status" "$?" 0
    ok "$name: certificate verified, TLSv1.3 $(iana "$suite")" \
        grep -q "^New, TLSv1.3, Cipher is $(iana "$suite")\$" "$dir/c$n.out"
    ok "$name: verify return code 0" grep -q "Verify return code: 0 (ok)" "$dir/c$n.out"
    exp="TLS1.3 $(code "$suite") $need hrr=$hrr"
    summary msg "$dir/c$n.msg"
    same "$name: s_client saw $exp" "${S[0]}" "$exp"
    same "$name: body sha256" "$(body_sha "$dir/c$n.out")" "$want"
}
serve_matrix s_client s_client_run "$TMP/payload.txt"

# --- 2. connect against s_server -tls1_3 ----------------------------------------
pki="$TMP/pki"
mkdir -p "$pki"
ok "cert 2048 for s_server" "$TLSSTEP" cert --bits 2048 --seed o13-pki --out-dir "$pki"
for suite in $SUITES13; do
    for need in $GROUPS13; do
        for first in x25519 ffdhe2048; do
            hrr=$([ "$first" = "$need" ] && echo no || echo yes)
            name="connect $suite first share $first -> s_server -groups $need"
            pin=(--suite "$suite")
            sspin=()
            if [ "$suite" = tls13-chacha ]; then # s_server picks it, connect offers both
                pin=()
                sspin=(-ciphersuites "$(iana "$suite")")
            fi
            grp=()
            [ "$first" = x25519 ] || grp=(--group "$first")
            start_s_server "$TMP/www" -tls1_3 -groups "$need" "${sspin[@]}" \
                -cert "$pki/server.pem" -key "$pki/server.key"
            s_server_ready "$name" || continue
            out="$TMP/connect-$suite-$need-$first.json"
            timeout 30 "$TLSSTEP" connect "127.0.0.1:$SS_PORT" --host localhost --cafile "$pki/ca.pem" \
                --path /payload.txt "${pin[@]}" "${grp[@]}" --seed "o13-$suite-$need-$first" \
                --timeout 5 --json >"$out" 2>&1
            same "$name: exit status" "$?" 0
            wait "$SS_PID"
            exp="TLS1.3 $(code "$suite") $need hrr=$hrr"
            summary msg "$SS_MSG"
            same "$name: s_server saw $exp" "${S[0]}" "$exp"
            summary json "$out"
            same "$name: connect saw $exp, got the file" "${S[0]}; ${S[3]}" \
                "$exp; result ok suite $(iana "$suite") http 200 sha256 $want"
        done
    done
done

# The verification is real: connect refuses s_server's certificate against
# another CA in TLS 1.3 too.
mkdir -p "$TMP/other"
"$TLSSTEP" cert --bits 2048 --seed o13-other --out-dir "$TMP/other" >/dev/null 2>&1
start_s_server "$TMP/www" -tls1_3 -cert "$pki/server.pem" -key "$pki/server.key"
if s_server_ready "connect, another CA"; then
    timeout 30 "$TLSSTEP" connect "127.0.0.1:$SS_PORT" --host localhost \
        --cafile "$TMP/other/ca.pem" \
        --path /payload.txt --timeout 5 >"$TMP/wrong-ca.out" 2>&1
    same "connect -> s_server -tls1_3, another CA: refused (unknown_ca)" \
        "$? $(grep -o '^result: [a-z_]*' "$TMP/wrong-ca.out")" "1 result: unknown_ca"
    stop "$SS_PID"
fi

# --- 3. KeyUpdate ------------------------------------------------------------------
# connect --key-update: its KeyUpdate asks s_server to update too
# (update_requested, 1); s_server answers with update_not_requested (0).
start_s_server "$TMP/www" -tls1_3 -cert "$pki/server.pem" -key "$pki/server.key"
if s_server_ready "connect --key-update"; then
    out="$TMP/connect-key-update.json"
    timeout 30 "$TLSSTEP" connect "127.0.0.1:$SS_PORT" --host localhost --cafile "$pki/ca.pem" \
        --path /payload.txt --key-update --seed o13-ku --timeout 5 --json >"$out" 2>&1
    same "connect --key-update -> s_server: exit status" "$?" 0
    wait "$SS_PID"
    summary msg "$SS_MSG"
    same "connect --key-update -> s_server: s_server received update_requested, answered" \
        "${S[2]}" "key_update <<<:1,>>>:0"
    summary json "$out"
    same "connect --key-update -> s_server: connect saw both, then the body" "${S[2]}; ${S[3]}" \
        "key_update client:1,server:0; result ok suite TLS_AES_256_GCM_SHA384 http 200 sha256 $want"
fi

# s_client's commands (read from stdin without -ign_eof): 'k' sends
# KeyUpdate(update_not_requested), which serve must not answer; 'K' sends
# update_requested, which serve must answer; then the request.
dir="$TMP/serve-ku"
mkdir -p "$dir"
start_serve_json "$dir/serve.json" --once --bits 2048 --seed o13-ku --file "$TMP/payload.txt" \
    --out-dir "$dir" --timeout 5
if served "serve, s_client k and K" "$dir/serve.json"; then
    # s_client reads commands once its handshake is done (its Finished sent);
    # each line apart, so that each is read alone.
    { for ((i = 0; i < 200; i++)); do
        grep -q '^>>> .*Handshake .*Finished' "$dir/c.msg" 2>/dev/null && break
        sleep 0.05
    done
    sleep 0.2; printf 'k\n'; sleep 0.4; printf 'K\n'; sleep 0.4; cat "$TMP/request"; sleep 2; } |
        timeout 20 openssl s_client -tls1_3 -CAfile "$dir/ca.pem" -verify_return_error \
            -verify_hostname localhost -servername localhost -connect "127.0.0.1:$SERVE_PORT" \
            -msg -msgfile "$dir/c.msg" >"$dir/c.out" 2>&1
    same "s_client k, K -> serve: exit status" "$?" 0
    wait "$SERVE_PID"
    same "s_client k, K -> serve: serve exit status" "$?" 0
    summary msg "$dir/c.msg"
    same "s_client k, K -> serve: s_client sent both, got one answer" \
        "${S[2]}" "key_update >>>:0,>>>:1,<<<:0"
    summary json "$dir/serve.json"
    same "s_client k, K -> serve: serve saw both, answered K only, then served the body" \
        "${S[2]}; ${S[3]}" "key_update client:0,client:1,server:0; result ok suite TLS_AES_256_GCM_SHA384 http 200 sha256 $want"
    same "s_client k, K -> serve: body sha256" "$(body_sha "$dir/c.out")" "$want"
fi

# --- 4. The downgrade sentinel --------------------------------------------------
for v in both 1.2; do
    dir="$TMP/serve-down-$v"
    mkdir -p "$dir"
    args=()
    [ "$v" = 1.2 ] && args=(--tls 1.2)
    start_serve_json "$dir/serve.json" --once "${args[@]}" --bits 2048 --seed "o13-down-$v" \
        --file "$TMP/payload.txt" --out-dir "$dir" --timeout 5
    served "serve, downgrade $v" "$dir/serve.json" || continue
    if [ "$v" = both ]; then
        name="s_client -tls1_2 -> serve (1.3 and 1.2)"
        s_client13 "$dir/c.out" "$dir/c.msg" "$SERVE_PORT" "$dir/ca.pem" -tls1_2
        tail=$SENTINEL12
    else
        name="s_client (1.3 and 1.2) -> serve --tls 1.2"
        s_client13 "$dir/c.out" "$dir/c.msg" "$SERVE_PORT" "$dir/ca.pem"
        tail="not the sentinel"
    fi
    same "$name: exit status" "$?" 0
    wait "$SERVE_PID"
    summary msg "$dir/c.msg"
    client_view="${S[0]}; ${S[1]}"
    got=${S[1]}
    [ "$v" = 1.2 ] && [ "$got" != "random_tail $SENTINEL12" ] && got="random_tail not the sentinel"
    same "$name: ServerHello.random ends in $tail (s_client's view)" "$got" "random_tail $tail"
    summary json "$dir/serve.json"
    same "$name: serve's ServerHello is the one s_client saw" "${S[0]}; ${S[1]}" "$client_view"
    ok "$name: TLS 1.2 agreed" grep -q '^New, TLSv1.2, Cipher is ' "$dir/c.out"
    same "$name: body sha256" "$(body_sha "$dir/c.out")" "$want"
done

# connect --tls 1.2 against s_server (1.3 and 1.2): the sentinel is there,
# and a 1.2-only client does not look for it.
start_s_server "$TMP/www" -cert "$pki/server.pem" -key "$pki/server.key"
if s_server_ready "connect --tls 1.2 -> s_server"; then
    out="$TMP/connect-down.json"
    timeout 30 "$TLSSTEP" connect "127.0.0.1:$SS_PORT" --host localhost --cafile "$pki/ca.pem" \
        --path /payload.txt --tls 1.2 --seed o13-down --timeout 5 --json >"$out" 2>&1
    same "connect --tls 1.2 -> s_server (1.3 and 1.2): exit status" "$?" 0
    wait "$SS_PID"
    summary json "$out"
    same "connect --tls 1.2 -> s_server (1.3 and 1.2): ServerHello.random ends in the sentinel" \
        "${S[1]}" "random_tail $SENTINEL12"
    same "connect --tls 1.2 -> s_server (1.3 and 1.2): TLS 1.2 (RSA, connect's first), the body" \
        "${S[0]}; ${S[3]}" "TLS1.2 0x009d - hrr=no; result ok suite $(iana rsa) http 200 sha256 $want"
fi

# connect (1.3 and 1.2) against s_server -tls1_2 (a 1.2-only server sets no
# sentinel): no false alarm. By connect's preference the RSA suite (no
# signature); then ECDHE, whose ServerKeyExchange s_server signs with the
# first scheme connect offers: rsa_pss_rsae_sha256 by default, which a client
# offering it must accept in TLS 1.2 too (RFC 8446 §4.2.3), or
# rsa_pkcs1_sha256 when s_server is told -sigalgs RSA+SHA256.
for c in "rsa|" "ecdhe|RSA+SHA256" "ecdhe|"; do
    IFS='|' read -r suite sigalgs <<<"$c"
    sa=()
    [ -n "$sigalgs" ] && sa=(-sigalgs "$sigalgs")
    name="connect (1.3 and 1.2, $suite) -> s_server -tls1_2 ${sa[*]:-(default signature schemes)}"
    start_s_server "$TMP/www" -tls1_2 "${sa[@]}" -cert "$pki/server.pem" -key "$pki/server.key"
    s_server_ready "$name" || continue
    out="$TMP/connect-12-$suite-${sigalgs:-default}.json"
    pin=()
    [ "$suite" = rsa ] || pin=(--suite "$suite")
    timeout 30 "$TLSSTEP" connect "127.0.0.1:$SS_PORT" --host localhost --cafile "$pki/ca.pem" \
        --path /payload.txt "${pin[@]}" --seed "o13-12-$suite" --timeout 5 --json >"$out" 2>&1
    same "$name: exit status" "$?" 0
    wait "$SS_PID"
    summary json "$out"
    got=${S[1]}
    [ "$got" = "random_tail $SENTINEL12" ] || got="not the sentinel"
    same "$name: ServerHello.random does not end in the sentinel" "$got" "not the sentinel"
    same "$name: TLS 1.2 $(iana "$suite"), the body" "${S[0]}; ${S[3]}" \
        "TLS1.2 $(code "$suite") - hrr=no; result ok suite $(iana "$suite") http 200 sha256 $want"
done

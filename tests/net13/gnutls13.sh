#!/usr/bin/env bash
# TLS 1.3 between tlsstep and GnuTLS (gnutls-cli, gnutls-serv), both
# directions, on 127.0.0.1 with 2048-bit keys: both suites, x25519 and
# ffdhe2048, with and without HelloRetryRequest. Priority strings pin TLS
# 1.3, the suite and the groups.
#
#  - gnutls-cli against serve (serve_matrix in net13lib.bash). GnuTLS sends
#    one key share per kind of group (X25519, NIST curve, FFDHE) among the
#    first it prefers, so to leave out a share of the group R serve needs,
#    the groups are O, SECP256R1, R: its shares are O and secp256r1 (which
#    serve does not know and must ignore), and serve must send a
#    HelloRetryRequest for R. gnutls-cli verifies the certificate against
#    serve's ca.pem and "localhost"; its "- Description" must name TLS 1.3,
#    the group, RSA-PSS and the cipher; the body's SHA-256 is checked.
#  - connect against gnutls-serv --http, whose priority allows one group R
#    (connect's first share x25519, or --group ffdhe2048: a first share not
#    of R gets a HelloRetryRequest). The aes cases pin the suite on
#    connect's side, the chacha cases on gnutls-serv's. gnutls-serv asks for
#    a client certificate by default (CertificateRequest): connect must
#    answer with an empty Certificate and no CertificateVerify (RFC 8446
#    §4.4.2, §4.4.3), read here from connect's --json records; then HTTP 200
#    with the --httpdata body, and gnutls-serv's "- Description" agreeing.
source tests/lib.sh
source tests/net/netlib.bash
source tests/net13/net13lib.bash

for tool in gnutls-cli gnutls-serv; do
    if ! command -v "$tool" >/dev/null; then
        echo "not ok - $tool is missing: install gnutls-bin (.ci/deps.sh test)"
        exit 1
    fi
done

# gnutls_cipher SUITE, gnutls_group GROUP: GnuTLS's names.
gnutls_cipher() {
    [ "$1" = tls13-aes ] && echo AES-256-GCM || echo CHACHA20-POLY1305
}
gnutls_group() {
    [ "$1" = x25519 ] && echo X25519 || echo FFDHE2048
}

# description SUITE GROUP: GnuTLS's "- Description:" of such a session.
description() {
    local kx
    kx=$([ "$2" = x25519 ] && echo ECDHE-X25519 || echo DHE-FFDHE2048)
    echo "(TLS1.3-X.509)-($kx)-(RSA-PSS-RSAE-SHA256)-($(gnutls_cipher "$1"))"
}

head -c 40000 /dev/urandom >"$TMP/payload.bin"
want=$(sha "$TMP/payload.bin")
printf 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n' >"$TMP/request"

# --- gnutls-cli against serve ---------------------------------------------------
# gnutls_cli_run DIR N PORT SUITE OFFER NEED (see serve_matrix)
gnutls_cli_run() {
    local dir=$1 n=$2 port=$3 suite=$4 offer=$5 need=$6 name groups
    name="gnutls-cli $suite groups $offer -> serve --group $need"
    groups="+GROUP-$(gnutls_group "$need")"
    [ "$offer" = "$need" ] ||
        groups="+GROUP-$(gnutls_group "$(other_group "$need")"):+GROUP-SECP256R1:$groups"
    timeout 20 gnutls-cli --x509cafile "$dir/ca.pem" --verify-hostname localhost \
        --sni-hostname localhost -p "$port" 127.0.0.1 --logfile "$dir/cli$n.log" \
        --priority "NORMAL:-VERS-ALL:+VERS-TLS1.3:-CIPHER-ALL:+$(gnutls_cipher "$suite"):-GROUP-ALL:$groups" \
        <"$TMP/request" >"$dir/cli$n.out" 2>"$dir/cli$n.err"
    same "$name: exit status" "$?" 0
    ok "$name: certificate trusted for localhost" \
        grep -q '^- Status: The certificate is trusted' "$dir/cli$n.log"
    same "$name: negotiated" "$(sed -n 's/^- Description: //p' "$dir/cli$n.log")" \
        "$(description "$suite" "$need")"
    same "$name: body sha256" "$(body_sha "$dir/cli$n.out")" "$want"
}
serve_matrix gnutls-cli gnutls_cli_run "$TMP/payload.bin"

# The verification is real: the certificate checked against another name is
# refused in TLS 1.3 too.
dir="$TMP/cli-wrong-name"
mkdir -p "$dir"
start_serve_json "$dir/serve.json" --once --bits 2048 --seed g13-name --file "$TMP/payload.bin" \
    --out-dir "$dir" --timeout 5
if served "gnutls-cli wrong name" "$dir/serve.json"; then
    timeout 20 gnutls-cli --priority 'NORMAL:-VERS-ALL:+VERS-TLS1.3' --x509cafile "$dir/ca.pem" \
        --verify-hostname example.org --sni-hostname localhost -p "$SERVE_PORT" 127.0.0.1 \
        <"$TMP/request" >"$dir/cli.out" 2>&1
    same "gnutls-cli TLS 1.3: certificate for localhost refused as example.org" \
        "$? $(grep -c '^- Status: The certificate is NOT trusted. The name in the certificate does not match' "$dir/cli.out")" \
        "1 1"
    stop "$SERVE_PID"
fi

# --- connect against gnutls-serv --------------------------------------------------
pki="$TMP/pki"
mkdir -p "$pki"
ok "cert 2048 for gnutls-serv" "$TLSSTEP" cert --bits 2048 --seed g13-pki --out-dir "$pki"
printf '<html><body>tlsstep and gnutls-serv, TLS 1.3</body></html>\n' >"$TMP/httpdata.html"
want_http=$(sha "$TMP/httpdata.html")
for suite in $SUITES13; do
    for need in $GROUPS13; do
        prio="NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-$(gnutls_group "$need")"
        pin=(--suite "$suite")
        if [ "$suite" = tls13-chacha ]; then # gnutls-serv picks it, connect offers both
            prio="$prio:-CIPHER-ALL:+$(gnutls_cipher "$suite")"
            pin=()
        fi
        out="$TMP/gnutls-serv-$suite-$need.out"
        start_gnutls_serv "$out" --http --httpdata "$TMP/httpdata.html" \
            --x509certfile "$pki/server.pem" --x509keyfile "$pki/server.key" --priority "$prio"
        if [ -z "$GS_PORT" ]; then
            echo "not ok - gnutls-serv $suite $need: never listened"
            sed 's/^/    # /' "$out" | tail -5
            continue
        fi
        for first in x25519 ffdhe2048; do
            hrr=$([ "$first" = "$need" ] && echo no || echo yes)
            name="connect $suite first share $first -> gnutls-serv group $need"
            grp=()
            [ "$first" = x25519 ] || grp=(--group "$first")
            json="$TMP/connect-$suite-$need-$first.json"
            timeout 30 "$TLSSTEP" connect "127.0.0.1:$GS_PORT" --host localhost \
                --cafile "$pki/ca.pem" "${pin[@]}" "${grp[@]}" --seed "g13-$suite-$need-$first" \
                --timeout 5 --json >"$json" 2>&1
            same "$name: exit status" "$?" 0
            exp="TLS1.3 $(code "$suite") $need hrr=$hrr"
            summary json "$json"
            same "$name: connect saw $exp, got the --httpdata body" "${S[0]}; ${S[3]}" \
                "$exp; result ok suite $(iana "$suite") http 200 sha256 $want_http"
            same "$name: CertificateRequest answered with an empty Certificate, no CertificateVerify" \
                "$(echo "${S[4]}" | tr ',' '\n' | grep -E 'CertificateRequest|^client:' | paste -sd, -)" \
                "server:CertificateRequest,client:Certificate(empty),client:Finished"
        done
        stop "$GS_PID"
        same "gnutls-serv $suite group $need: negotiated, both connections" \
            "$(sed -n 's/^- Description: //p' "$out" | paste -sd' ' -)" \
            "$(description "$suite" "$need") $(description "$suite" "$need")"
    done
done

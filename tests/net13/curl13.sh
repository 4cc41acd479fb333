#!/usr/bin/env bash
# curl --tlsv1.3 --tls-max 1.3 against `tlsstep serve` on 127.0.0.1 with
# 2048-bit keys: both TLS 1.3 suites (--tls13-ciphers), x25519 and
# ffdhe2048 (--curves), with and without HelloRetryRequest (serve_matrix in
# net13lib.bash: --curves O:R against serve --group R gives curl's only key
# share to O, so serve must ask for R). curl checks the certificate against
# the ca.pem serve wrote and the host name (its default); the file it saved
# must have the served file's SHA-256. curl's -v names each handshake
# message: two ServerHellos mean a HelloRetryRequest came (serve's JSON
# says so from the bytes too).
source tests/lib.sh
source tests/net/netlib.bash
source tests/net13/net13lib.bash

head -c 45000 /dev/urandom >"$TMP/payload.bin"
want=$(sha "$TMP/payload.bin")

# curl_run DIR N PORT SUITE OFFER NEED (see serve_matrix)
curl_run() {
    local dir=$1 n=$2 port=$3 suite=$4 offer=$5 need=$6 name hellos
    name="curl $suite groups $offer -> serve --group $need"
    timeout 20 curl -sS -v --tlsv1.3 --tls-max 1.3 --tls13-ciphers "$(iana "$suite")" \
        --curves "$offer" --cacert "$dir/ca.pem" "https://localhost:$port/" \
        -o "$dir/curl$n.out" 2>"$dir/curl$n.err"
    same "$name: exit status" "$?" 0
    ok "$name: TLSv1.3 / $(iana "$suite")" \
        grep -q "^\* SSL connection using TLSv1.3 / $(iana "$suite")\$" "$dir/curl$n.err"
    ok "$name: certificate verified" grep -q '^\*  SSL certificate verify ok\.' "$dir/curl$n.err"
    hellos=$(grep -c '^\* TLSv1.3 (IN), TLS handshake, Server hello (2):' "$dir/curl$n.err")
    same "$name: ServerHellos curl read (2: a HelloRetryRequest came)" "$hellos" \
        "$([ "$offer" = "$need" ] && echo 1 || echo 2)"
    same "$name: file sha256" "$([ -f "$dir/curl$n.out" ] && sha "$dir/curl$n.out")" "$want"
}
serve_matrix curl curl_run "$TMP/payload.bin"

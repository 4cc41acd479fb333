#!/usr/bin/env bash
# `tlsstep cert` against OpenSSL: at 512, 1024, 2048 and 4096 bits, openssl
# reads our certificates and keys, verifies the chain and the host name, and
# finds the same modulus in certificate and key; the clock (--now) and the
# seed behave; bad arguments exit 2 and write nothing.
source tests/lib.sh

# has NAME FILE TEXT: passes when FILE contains TEXT.
has() {
    if grep -qF -- "$3" "$2"; then
        echo "ok - $1"
    else
        echo "not ok - $1 (no '$3' in $(basename "$2"))"
    fi
}

# not NAME CMD...: passes when CMD fails (any non-zero status).
not() {
    local name=$1; shift
    if "$@" >"$TMP/out" 2>&1; then
        echo "not ok - $name (succeeded)"
    else
        echo "ok - $name"
    fi
}

for bits in 512 1024 2048 4096; do
    d="$TMP/pki$bits"
    mkdir -p "$d"
    ok "cert $bits: tlsstep cert writes the PKI" "$TLSSTEP" cert --bits "$bits" --seed "interop $bits" --out-dir "$d"
    for f in ca.pem ca.key server.pem server.key; do
        [ -s "$d/$f" ] || echo "not ok - cert $bits: $f written"
    done
    openssl x509 -in "$d/ca.pem" -noout -text >"$d/ca.txt" 2>&1
    openssl x509 -in "$d/server.pem" -noout -text >"$d/server.txt" 2>&1
    ok "cert $bits: openssl x509 -text reads ca.pem" openssl x509 -in "$d/ca.pem" -noout -text
    has "cert $bits: CA has critical basicConstraints" "$d/ca.txt" "X509v3 Basic Constraints: critical"
    has "cert $bits: CA is a CA" "$d/ca.txt" "CA:TRUE"
    has "cert $bits: CA key usage" "$d/ca.txt" "Certificate Sign, CRL Sign"
    has "cert $bits: CA subject" "$d/ca.txt" "Subject: O = tlsstep, CN = tlsstep toy CA"
    has "cert $bits: server SAN" "$d/server.txt" "DNS:localhost"
    has "cert $bits: server is not a CA" "$d/server.txt" "CA:FALSE"
    has "cert $bits: server key size" "$d/server.txt" "Public-Key: ($bits bit)"
    has "cert $bits: sha256WithRSAEncryption" "$d/server.txt" "Signature Algorithm: sha256WithRSAEncryption"
    ok "cert $bits: openssl verify" openssl verify -auth_level 0 -CAfile "$d/ca.pem" "$d/server.pem"
    same "cert $bits: openssl verify prints OK" \
        "$(openssl verify -auth_level 0 -CAfile "$d/ca.pem" "$d/server.pem" 2>&1)" "$d/server.pem: OK"
    ok "cert $bits: verify_hostname localhost" \
        openssl verify -auth_level 0 -verify_hostname localhost -CAfile "$d/ca.pem" "$d/server.pem"
    not "cert $bits: verify_hostname example.com fails" \
        openssl verify -auth_level 0 -verify_hostname example.com -CAfile "$d/ca.pem" "$d/server.pem"
    ok "cert $bits: openssl rsa -check server.key" openssl rsa -check -noout -in "$d/server.key"
    ok "cert $bits: openssl rsa -check ca.key" openssl rsa -check -noout -in "$d/ca.key"
    same "cert $bits: server cert modulus = server key modulus" \
        "$(openssl x509 -noout -modulus -in "$d/server.pem")" \
        "$(openssl rsa -noout -modulus -in "$d/server.key" 2>/dev/null)"
    same "cert $bits: CA cert modulus = CA key modulus" \
        "$(openssl x509 -noout -modulus -in "$d/ca.pem")" \
        "$(openssl rsa -noout -modulus -in "$d/ca.key" 2>/dev/null)"
done

# The clock: --now sets the validity; openssl checks it with -attime.
d="$TMP/now"
mkdir -p "$d"
ok "cert --now: writes" "$TLSSTEP" cert --bits 512 --seed clock --now 1700000000 --host www.example.test --out-dir "$d"
ok "cert --now: valid at now" \
    openssl verify -auth_level 0 -attime 1700000000 -verify_hostname www.example.test -CAfile "$d/ca.pem" "$d/server.pem"
ok "cert --now: valid a day before now" \
    openssl verify -auth_level 0 -attime 1699913600 -CAfile "$d/ca.pem" "$d/server.pem"
not "cert --now: not valid two days before" \
    openssl verify -auth_level 0 -attime 1699827200 -CAfile "$d/ca.pem" "$d/server.pem"
not "cert --now: expired after 366 days" \
    openssl verify -auth_level 0 -attime 1731622400 -CAfile "$d/ca.pem" "$d/server.pem"
same "cert --now: notBefore" "$(openssl x509 -noout -startdate -in "$d/server.pem")" \
    "notBefore=Nov 13 22:13:20 2023 GMT"
same "cert --now: server notAfter" "$(openssl x509 -noout -enddate -in "$d/server.pem")" \
    "notAfter=Nov 13 22:13:20 2024 GMT"
same "cert --now: CA notAfter" "$(openssl x509 -noout -enddate -in "$d/ca.pem")" \
    "notAfter=Nov 13 22:13:20 2033 GMT" # date -u -d @$((1700000000+3652*86400))

# The seed: the same seed and clock give the same files, another seed not.
d2="$TMP/now2"
d3="$TMP/now3"
mkdir -p "$d2" "$d3"
"$TLSSTEP" cert --bits 512 --seed clock --now 1700000000 --host www.example.test --out-dir "$d2" >/dev/null 2>&1
"$TLSSTEP" cert --bits 512 --seed other --now 1700000000 --host www.example.test --out-dir "$d3" >/dev/null 2>&1
ok "cert --seed: same seed, same server.pem" cmp "$d/server.pem" "$d2/server.pem"
ok "cert --seed: same seed, same ca.key" cmp "$d/ca.key" "$d2/ca.key"
not "cert --seed: another seed, another server.key" cmp "$d/server.key" "$d3/server.key"
"$TLSSTEP" cert --bits 512 --out-dir "$d3" >"$TMP/seed.out" 2>&1
has "cert: prints the seed it used" "$TMP/seed.out" "seed "

# A clock in 2065: every time is a GeneralizedTime (UTCTime "65" would be
# 1965); openssl must read them so.
d="$TMP/future"
mkdir -p "$d"
"$TLSSTEP" cert --bits 512 --seed future --now 3000000000 --out-dir "$d" >/dev/null 2>&1
ok "cert --now 2065: valid at now (GeneralizedTime)" \
    openssl verify -auth_level 0 -attime 3000000000 -CAfile "$d/ca.pem" "$d/server.pem"
same "cert --now 2065: CA notAfter" "$(openssl x509 -noout -enddate -in "$d/ca.pem")" \
    "notAfter=Jan 24 05:20:00 2075 GMT" # date -u -d @$((3000000000+3652*86400))

# Help and bad arguments: exit 2, one line, nothing written.
ok "cert --help" "$TLSSTEP" cert --help
"$TLSSTEP" cert --help >"$TMP/help.txt" 2>&1
has "cert --help mentions ca.key" "$TMP/help.txt" "ca.key"
e="$TMP/empty"
mkdir -p "$e"
fails "cert --bits 100" 2 "$TLSSTEP" cert --bits 100 --out-dir "$e"
fails "cert --bits 5000" 2 "$TLSSTEP" cert --bits 5000 --out-dir "$e"
fails "cert --bits abc" 2 "$TLSSTEP" cert --bits abc --out-dir "$e"
fails "cert --host 'bad host'" 2 "$TLSSTEP" cert --bits 512 --host 'bad host' --out-dir "$e"
fails "cert --host -a.example" 2 "$TLSSTEP" cert --bits 512 --host -a.example --out-dir "$e"
fails "cert --now -5" 2 "$TLSSTEP" cert --bits 512 --now -5 --out-dir "$e"
ok "cert --out-dir missing: made, as mkdir -p" "$TLSSTEP" cert --bits 512 --out-dir "$TMP/new/pki"
ok "cert --out-dir missing: the files are there" test -s "$TMP/new/pki/ca.pem" -a -s "$TMP/new/pki/server.key"
fails "cert --out-dir under a file" 2 "$TLSSTEP" cert --bits 512 --out-dir "$TMP/help.txt/pki"
fails "cert --out-dir is a file" 2 "$TLSSTEP" cert --bits 512 --out-dir "$TMP/help.txt"
fails "cert without --out-dir" 2 "$TLSSTEP" cert --bits 512
fails "cert --bogus" 2 "$TLSSTEP" cert --bogus --out-dir "$e"
fails "cert extra argument" 2 "$TLSSTEP" cert --out-dir "$e" extra
fails "cert --bits without value" 2 "$TLSSTEP" cert --out-dir "$e" --bits
same "cert: bad arguments wrote nothing" "$(ls -A "$e")" ""
"$TLSSTEP" cert --bits 100 --out-dir "$e" 2>"$TMP/err.txt"
same "cert: an error is one line" "$(wc -l <"$TMP/err.txt")" "1"

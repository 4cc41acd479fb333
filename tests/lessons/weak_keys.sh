#!/usr/bin/env bash
# Weak keys of lessons (`run: weak_key:`): `run --lesson fermat` steps
# through a handshake whose server key has close primes (Fermat factors the
# certificate's modulus in a few thousand steps; a normal key does not), the
# key `tlsstep exercise fermat` hands out for the same seed; shared-prime's
# server key shares a prime with the exercise's second key; e3's CA key has
# e = 3 and signed the server's certificate; all three runs end ok, follow
# the session clock and a --bits override; tiny is refused (exit 2, one
# line) by run and ui; the same seed gives the same output.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
export XDG_DATA_HOME="$TMP/xdg" TLSSTEP_LESSONS=
SEED=weak-7
NOW=1767225600

# run_json NAME ARGS...: `run ARGS --json` into $TMP/NAME.json; its server
# and CA certificates into $TMP/NAME.server.pem and $TMP/NAME.ca.pem.
run_json() {
    local name=$1; shift
    "$TLSSTEP" run "$@" --json >"$TMP/$name.json" 2>"$TMP/$name.err"
    echo $? >"$TMP/$name.rc"
    python3 - "$TMP/$name" <<'EOF'
import json, sys
base = sys.argv[1]
try:
    certs = json.load(open(base + ".json"))["certificates"]
except Exception:
    certs = ["", ""]
open(base + ".server.pem", "w").write(certs[0])
open(base + ".ca.pem", "w").write(certs[1])
EOF
}
rc_of() { cat "$TMP/$1.rc"; }
# modulus PEM: the certificate's modulus, lower-case hex.
modulus() { openssl x509 -in "$1" -noout -modulus 2>/dev/null | sed 's/^Modulus=//' | tr A-F a-f; }

# fermat HEX LIMIT: exits 0 when Fermat's method factors n within LIMIT steps
# (2048-bit close primes: |p - q| < 2^521, so (p - q)^2 / (8 sqrt n) < 2^15
# steps; about 5,000 in practice).
fermat() {
    python3 - "$1" "$2" <<'EOF'
import math, sys
n, limit = int(sys.argv[1], 16), int(sys.argv[2])
a = math.isqrt(n)
if a * a < n:
    a += 1
for step in range(limit):
    b2 = a * a - n
    b = math.isqrt(b2)
    if b * b == b2:
        p, q = a - b, a + b
        sys.exit(0 if 1 < p < n and p * q == n else 1)
    a += 1
sys.exit(1)
EOF
}
# shares_prime HEX1 HEX2: exits 0 when 1 < gcd(n1, n2) < n1.
shares_prime() {
    python3 -c 'import math,sys; a,b=int(sys.argv[1],16),int(sys.argv[2],16); g=math.gcd(a,b); sys.exit(0 if 1<g<a else 1)' "$1" "$2"
}

# --- close-primes (lessons/fermat.md: bits 2048) ---
run_json fermat --lesson fermat --seed "$SEED"
same "fermat: the run ends ok" "$(rc_of fermat)" 0
N_FERMAT=$(modulus "$TMP/fermat.server.pem")
same "fermat: a 2048-bit server key" "${#N_FERMAT}" 512
ok "fermat: Fermat factors the server's modulus" fermat "$N_FERMAT" 40000
run_json plain2048 --seed "$SEED" --bits 2048
N_PLAIN=$(modulus "$TMP/plain2048.server.pem")
fails "fermat: ... but not the seed's normal key" 1 fermat "$N_PLAIN" 40000
"$TLSSTEP" exercise fermat --seed "$SEED" --out-dir "$TMP/ex-fermat" >/dev/null 2>&1
same "fermat: the key of 'exercise fermat' for the seed" \
    "$(modulus "$TMP/ex-fermat/server.pem")" "$N_FERMAT"
ok "fermat: the CA signed the server certificate" \
    openssl verify -attime "$NOW" -CAfile "$TMP/fermat.ca.pem" "$TMP/fermat.server.pem"
ok "fermat: narrated transcript ends ok" "$TLSSTEP" run --lesson fermat --seed "$SEED"

# --- shared-prime ---
run_json shared --lesson shared-prime --seed "$SEED"
same "shared-prime: the run ends ok" "$(rc_of shared)" 0
N_SHARED=$(modulus "$TMP/shared.server.pem")
run_json plain --seed "$SEED"
N_PLAIN=$(modulus "$TMP/plain.server.pem")
if [ -n "$N_SHARED" ] && [ "$N_SHARED" != "$N_PLAIN" ]; then
    echo "ok - shared-prime: not the seed's normal key"
else
    echo "not ok - shared-prime: not the seed's normal key"
fi
"$TLSSTEP" exercise shared-prime --seed "$SEED" --out-dir "$TMP/ex-shared" >"$TMP/ex-shared.out" 2>&1
N_ALPHA=$(sed -n 's/^n_alpha = //p' "$TMP/ex-shared.out")
N_BETA=$(sed -n 's/^n_beta = //p' "$TMP/ex-shared.out")
same "shared-prime: the exercise's n_alpha for the seed" "$N_ALPHA" "$N_SHARED"
ok "shared-prime: shares a prime with the exercise's n_beta" shares_prime "$N_SHARED" "$N_BETA"
fails "shared-prime: the normal key shares none" 1 shares_prime "$N_PLAIN" "$N_BETA"

# --- e3 (lessons/e3-forgery.md: lax_pkcs1 too) ---
run_json e3 --lesson e3-forgery --seed "$SEED"
same "e3: the run ends ok" "$(rc_of e3)" 0
openssl x509 -in "$TMP/e3.ca.pem" -noout -text >"$TMP/e3.ca.txt" 2>&1
ok "e3: the CA's exponent is 3" grep -q "Exponent: 3 (0x3)" "$TMP/e3.ca.txt"
ok "e3: a 2048-bit CA" grep -q "Public-Key: (2048 bit)" "$TMP/e3.ca.txt"
ok "e3: the CA signed the server certificate" \
    openssl verify -attime "$NOW" -CAfile "$TMP/e3.ca.pem" "$TMP/e3.server.pem"
openssl x509 -in "$TMP/plain.ca.pem" -noout -text >"$TMP/plain.ca.txt" 2>&1
fails "e3: the normal CA's exponent is not 3" 1 grep -q "Exponent: 3 (0x3)" "$TMP/plain.ca.txt"
"$TLSSTEP" exercise e3-forgery --seed "$SEED" --out-dir "$TMP/ex-e3" >/dev/null 2>&1
ok "e3: the CA of 'exercise e3-forgery' for the seed" cmp "$TMP/ex-e3/ca.pem" "$TMP/e3.ca.pem"

# --- options beside the weak key ---
run_json fermat-now --lesson fermat --seed "$SEED" --now $((NOW + 100 * 86400))
same "fermat --now: the certificates follow the session clock" "$(rc_of fermat-now)" 0
run_json shared-512 --lesson shared-prime --seed "$SEED" --bits 512
same "shared-prime --bits 512: ends ok" "$(rc_of shared-512)" 0
same "shared-prime --bits 512: a 512-bit key" "$(modulus "$TMP/shared-512.server.pem" | wc -c)" 129
ok "e3 with ecdhe: ends ok" "$TLSSTEP" run --lesson e3-forgery --seed "$SEED" --suite ecdhe
fails "a seed too long for the weak key: exit 2" 2 \
    "$TLSSTEP" run --lesson fermat --seed "$(printf 'x%.0s' $(seq 250))"

# --- tiny: refused for a handshake lesson ---
mkdir -p "$TMP/les"
sed -e 's/^id: rsa-handshake$/id: tiny-key/' -e 's/^  suite: rsa$/  suite: rsa\n  weak_key: tiny/' \
    lessons/rsa-handshake.md >"$TMP/les/tiny-key.md"
ok "tiny: the lesson loads" grep -q "weak_key: tiny" "$TMP/les/tiny-key.md"
fails "tiny: run exits 2" 2 "$TLSSTEP" run --lesson tiny-key --lessons "$TMP/les" --seed "$SEED"
cp "$TMP/out" "$TMP/tiny.err"
same "tiny: one line" "$(wc -l <"$TMP/tiny.err")" 1
ok "tiny: says why" grep -q "weak_key tiny .* too small for a handshake" "$TMP/tiny.err"
fails "tiny: ui exits 2" 2 "$TLSSTEP" ui tiny-key --lessons "$TMP/les" --seed "$SEED"

# --- the same seed gives the same run ---
for w in fermat shared-prime e3-forgery; do
    "$TLSSTEP" run --lesson "$w" --seed "$SEED" >"$TMP/a.txt" 2>&1
    "$TLSSTEP" run --lesson "$w" --seed "$SEED" >"$TMP/b.txt" 2>&1
    ok "$w: same seed, same transcript" cmp "$TMP/a.txt" "$TMP/b.txt"
done
run_json fermat2 --lesson fermat --seed "$SEED"
ok "fermat: same seed, same JSON" cmp "$TMP/fermat.json" "$TMP/fermat2.json"
run_json fermat3 --lesson fermat --seed "$SEED-other"
if [ "$(modulus "$TMP/fermat3.server.pem")" != "$N_FERMAT" ]; then
    echo "ok - fermat: another seed, another key"
else
    echo "not ok - fermat: another seed, another key"
fi

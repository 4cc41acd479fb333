#!/usr/bin/env bash
# Exercises textbook-forgery, fermat and shared-prime: reference solutions
# from the public material with openssl and python3 integer arithmetic,
# checked by `tlsstep check`; wrong answers fail with exit 1.
source tests/lib.sh
cd "$TMP" || exit 1

# modulus FILE.pem: the certificate's modulus n in hex (openssl).
modulus() { openssl x509 -in "$1" -noout -modulus | sed 's/^Modulus=//'; }

# --- textbook-forgery: s = s1 * s2 mod n ---
ok "textbook-forgery: material" "$TLSSTEP" exercise textbook-forgery --seed x1 --out-dir tb
sig=$(python3 - tb/textbook.txt <<'PY'
import sys
v = dict(line.split() for line in open(sys.argv[1]))
n, s1, s2 = (int(v[k], 16) for k in ("n", "s1", "s2"))
print(format(s1 * s2 % n, "x"))
PY
)
ok "textbook-forgery: s1*s2 mod n" "$TLSSTEP" check textbook-forgery --seed x1 --answer "$sig"
# The tool's own calculator agrees: s^e mod n = m.
m=$(awk '$1 == "m" { print $2 }' tb/textbook.txt)
same "textbook-forgery: tlsstep rsa raw verifies it" \
    "$("$TLSSTEP" rsa raw --in tb/public.pem --public --hex "$sig")" "$m"
s1=$(awk '$1 == "s1" { print $2 }' tb/textbook.txt)
fails "textbook-forgery: a given signature" 1 "$TLSSTEP" check textbook-forgery --seed x1 --answer "$s1"
fails "textbook-forgery: s1+s2" 1 "$TLSSTEP" check textbook-forgery --seed x1 \
    --answer "$(python3 -c "import sys; print(format(int('$s1',16)+1,'x'))")"
fails "textbook-forgery: not hex" 1 "$TLSSTEP" check textbook-forgery --seed x1 --answer "zz"
fails "textbook-forgery: other seed" 1 "$TLSSTEP" check textbook-forgery --seed x2 --answer "$sig"

# --- fermat: a = ceil(sqrt(n)), step until a^2 - n is a square ---
ok "fermat: material" "$TLSSTEP" exercise fermat --seed f1 --out-dir fe
read -r p q < <(python3 - "$(modulus fe/server.pem)" <<'PY'
import math, sys
n = int(sys.argv[1], 16)
a = math.isqrt(n)
if a * a < n:
    a += 1
while True:
    b2 = a * a - n
    b = math.isqrt(b2)
    if b * b == b2:
        break
    a += 1
print(format(a - b, "x"), format(a + b, "x"))
PY
)
ok "fermat: the factor p" "$TLSSTEP" check fermat --seed f1 --answer "$p"
ok "fermat: rebuild the key" "$TLSSTEP" rsa from-factors --p "$p" --q "$q" --out fe/key.pem
ok "fermat: the private key PEM" "$TLSSTEP" check fermat --seed f1 --answer fe/key.pem
openssl genrsa -out other.pem 1024 2>/dev/null
fails "fermat: someone else's key" 1 "$TLSSTEP" check fermat --seed f1 --answer other.pem
fails "fermat: not a factor" 1 "$TLSSTEP" check fermat --seed f1 --answer "$q"01
fails "fermat: a factor of another seed's key" 1 "$TLSSTEP" check fermat --seed f2 --answer "$p"

# --- shared-prime: gcd(n_alpha, n_beta) ---
ok "shared-prime: material" "$TLSSTEP" exercise shared-prime --seed g1 --out-dir sp
read -r g qa qb < <(python3 - "$(modulus sp/alpha.pem)" "$(modulus sp/beta.pem)" <<'PY'
import math, sys
a, b = (int(x, 16) for x in sys.argv[1:3])
g = math.gcd(a, b)
print(format(g, "x"), format(a // g, "x"), format(b // g, "x"))
PY
)
ok "shared-prime: the shared prime" "$TLSSTEP" check shared-prime --seed g1 --answer "$g"
"$TLSSTEP" rsa from-factors --p "$g" --q "$qa" --out sp/alpha.key >/dev/null
"$TLSSTEP" rsa from-factors --p "$g" --q "$qb" --out sp/beta.key >/dev/null
cat sp/beta.key sp/alpha.key >both.pem
ok "shared-prime: both private keys" "$TLSSTEP" check shared-prime --seed g1 --answer both.pem
fails "shared-prime: only one key" 1 "$TLSSTEP" check shared-prime --seed g1 --answer sp/alpha.key
fails "shared-prime: the other prime" 1 "$TLSSTEP" check shared-prime --seed g1 --answer "$qa"

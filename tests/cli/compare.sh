#!/usr/bin/env bash
# `tlsstep run --compare`: TLS 1.2 beside TLS 1.3, checked against the two
# runs made on their own (`tlsstep run --json` with the same seed and the
# pair's suites), by an independent reading of their JSON in Python: every
# message of each run is in the rows once, in order, with its record
# number, its sender and whether it was encrypted; the round trips are
# counted from the records (server flights before the client's first
# application data, ChangeCipherSpec aside); the server's signature is in
# the message that follows the signature value; the values only one
# version has are the difference of the runs' secrets. Then the text in
# both languages (wrapped to 80 columns, Korean where translated), the
# JSON byte-identical across languages and runs, the usage errors, and
# the exit status.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh

cat >"$TMP/check.py" <<'PY'
import json, sys
cmp_, a, b = (json.load(open(p)) for p in sys.argv[1:4])
errors = []
def need(cond, what):
    if not cond:
        errors.append(what)
enc = {}
for ver, run in (("tls12", a), ("tls13", b)):
    side = cmp_[ver]
    need(side["suite"] == run["suite"], f"{ver}: suite {side['suite']} vs {run['suite']}")
    need(side["result"] == run["result"], f"{ver}: result")
    msgs = [s for s in run["steps"] if s["kind"] in ("message", "alert_sent")]
    rows = [r[ver] for r in cmp_["rows"] if r[ver] is not None]
    need([m["name"] for m in msgs] == [r["name"] for r in rows], f"{ver}: messages in order")
    aead = "NULL" not in run["suite"]
    bynum = {m["number"]: m for m in run["messages"]}
    for r, m in zip(rows, msgs):
        need(r["from"] == m["side"], f"{ver}: {r['name']} sender")
        rec = bynum.get(r["record"])
        need(rec is not None and rec["from"] == r["from"], f"{ver}: {r['name']} record")
        if rec is not None:
            need(r["encrypted"] == (aead and "seq" in rec), f"{ver}: {r['name']} encrypted")
    # round trips: server flights before the client's first application data
    trips, last = 0, "client"
    for m in run["messages"]:
        kind = m.get("inner_type", m["content_type"]) if "inner_type" in m else m["content_type"]
        if kind == 20:
            continue
        if m["from"] == "client" and kind == 23:
            break
        if m["from"] == "server" and last == "client":
            trips += 1
        last = m["from"]
    else:
        trips = 0
    need(side["round_trips"] == trips, f"{ver}: round trips {side['round_trips']} vs {trips}")
    # the server's signature: the server's next message after its signature value
    sig = None
    steps = run["steps"]
    for i, s in enumerate(steps):
        if s["side"] == "server" and s["kind"] == "value" and s["name"] in ("ske_signature", "server_signature"):
            sig = next(t["name"] for t in steps[i:] if t["side"] == "server" and t["kind"] == "message")
            break
    need(side["signature"]["message"] == sig, f"{ver}: signature in {side['signature']['message']} vs {sig}")
    enc[ver] = [r["name"] for r in rows if r["encrypted"]]
alias = lambda n: "server_signature" if n == "ske_signature" else n
va = {alias(s["name"]) for s in a["steps"] if s["kind"] == "value" and s["side"] in ("client", "server")}
vb = {alias(s["name"]) for s in b["steps"] if s["kind"] == "value" and s["side"] in ("client", "server")}
need({alias(n) for n in cmp_["tls12"]["only"]} == va - vb, "tls12: values only it has")
need({alias(n) for n in cmp_["tls13"]["only"]} == vb - va, "tls13: values only it has")
need("certificate" in enc["tls13"] and "certificate" not in enc["tls12"], "the certificate is encrypted in 1.3 only")
print("\n".join(errors) if errors else "consistent")
sys.exit(1 if errors else 0)
PY

# pair SUITE12 SUITE13 SEED [1.3 options]: compare, the two runs alone, and the check.
pair() {
    local s12=$1 s13=$2 seed=$3
    shift 3
    local run=$s12
    [ "${FROM13:-}" = 1 ] && run=$s13
    "$TLSSTEP" run --compare --suite "$run" --seed "$seed" --bits 768 "$@" --json >"$TMP/c.json"
    local st=$?
    "$TLSSTEP" run --suite "$s12" --seed "$seed" --bits 768 --json >"$TMP/a.json"
    "$TLSSTEP" run --suite "$s13" --seed "$seed" --bits 768 "$@" --json >"$TMP/b.json"
    same "compare $s12 / $s13 seed $seed $*: exit status 0 (both complete)" "$st" 0
    ok "compare $s12 / $s13 seed $seed $*: agrees with the two runs made alone" \
        python3 "$TMP/check.py" "$TMP/c.json" "$TMP/a.json" "$TMP/b.json"
}

pair rsa tls13-aes 1
pair ecdhe tls13-chacha 2
pair dhe tls13-chacha 3
pair null tls13-aes 4
pair rsa tls13-aes 5 --group ffdhe2048
pair ecdhe tls13-chacha 6 --key-update --pad 16
FROM13=1 pair rsa tls13-aes 7
FROM13=1 pair ecdhe tls13-chacha 8 --group ffdhe3072 --key-update

# The counterparts: the run's suite is one of the pair.
pick() { "$TLSSTEP" run --compare --seed 1 --bits 768 "$@" --json |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["tls12"]["cli_name"], d["tls13"]["cli_name"])'; }
same "no suite: rsa beside tls13-aes" "$(pick)" "rsa tls13-aes"
same "--tls 1.3: rsa beside tls13-aes" "$(pick --tls 1.3)" "rsa tls13-aes"
same "--suite tls13-chacha: ecdhe beside it" "$(pick --suite tls13-chacha)" "ecdhe tls13-chacha"
same "--suite dhe: tls13-chacha beside it" "$(pick --suite dhe)" "dhe tls13-chacha"

# The JSON is stable and English in every language.
"$TLSSTEP" run --compare --seed 9 --bits 768 --json >"$TMP/en.json"
"$TLSSTEP" run --compare --seed 9 --bits 768 --json --lang ko >"$TMP/ko.json"
ok "JSON: byte-identical in Korean" cmp "$TMP/en.json" "$TMP/ko.json"
"$TLSSTEP" run --compare --seed 9 --bits 768 --json >"$TMP/en2.json"
ok "JSON: byte-identical run after run" cmp "$TMP/en.json" "$TMP/en2.json"

# The text, in both languages: every line fits 80 columns; the facts are there.
cat >"$TMP/width.py" <<'PY'
import sys, unicodedata
bad = [l for l in sys.stdin.read().splitlines()
       if sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l) > 80]
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
for lang in en ko; do
    "$TLSSTEP" run --compare --seed 9 --bits 768 --group ffdhe2048 --lang $lang >"$TMP/$lang.txt"
    same "text ($lang): exit status 0" "$?" 0
    ok "text ($lang): every line fits 80 columns" python3 "$TMP/width.py" <"$TMP/$lang.txt"
    ok "text ($lang): a row for the HelloRetryRequest" grep -q "HelloRetryRequest" "$TMP/$lang.txt"
done
same "text (en): TLS 1.3's round trips with the HelloRetryRequest" \
    "$(grep -A2 '^Round trips' "$TMP/en.txt" | sed -n 's/^  TLS 1.3: //p')" 2
ok "text (en): the signature is in CertificateVerify" grep -q "TLS 1.3: in CertificateVerify" "$TMP/en.txt"
ok "text (ko): the headings are Korean" grep -q "왕복" "$TMP/ko.txt"
ok "text (ko): the rows' notes are Korean" grep -q "인증서" "$TMP/ko.txt"
ok "text (ko): no English note is left" bash -c '! grep -q "TLS 1.3.s hello already" "$1"' _ "$TMP/ko.txt"

# Usage errors: what belongs to one run is refused, with exit status 2.
fails "--compare with --tamper: usage error" 2 "$TLSSTEP" run --compare --tamper 1,5,1
fails "--compare with --drop: usage error" 2 "$TLSSTEP" run --compare --drop 2
fails "--compare with --lesson: usage error" 2 "$TLSSTEP" run --compare --lesson rsa-handshake
fails "--compare with --pcap: usage error" 2 "$TLSSTEP" run --compare --pcap "$TMP/x.pcap"
fails "--compare --tls 1.2 --group: usage error" 2 "$TLSSTEP" run --compare --tls 1.2 --group ffdhe2048
fails "--compare --suite rsa --tls 1.3: usage error" 2 "$TLSSTEP" run --compare --suite rsa --tls 1.3
ok "--compare --suite rsa --group ffdhe2048: the group goes to the TLS 1.3 run" \
    bash -c '"$1" run --compare --suite rsa --group ffdhe2048 --seed 1 --bits 768 --json | grep -q hello_retry_request' _ "$TLSSTEP"
ok "run --help names --compare" bash -c '"$1" run --help | grep -q -- "--compare"' _ "$TLSSTEP"

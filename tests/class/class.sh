#!/usr/bin/env bash
# `tlsstep serve` as a whole class uses it: many real clients at once
# (curl, Python's ssl, raw sockets from tests/class/classpeer.py). Checks:
# concurrency (30 curls at once all served, none waiting on the others),
# idle sockets that delay nobody, the connection cap (the extra one gets an
# alert and a close at once), a peer closing mid-handshake among others, a
# slow (slowloris) peer ended by the handshake deadline, a request trickled
# in ended by the whole-connection deadline, the request size limit, --log-dir, JSON lines with connection ids, the --bind warning, and
# the live status line on a terminal. Times are checked against a baseline
# measured here, with generous bounds.
source tests/lib.sh
source tests/net/netlib.bash
PEER="python3 tests/class/classpeer.py"

# curl_get PORT OUT: one verified GET; prints "CODE SECONDS" and saves the body.
curl_get() {
    curl -s --max-time 60 --cacert "$TMP/ca.pem" -o "$2" -w '%{http_code} %{time_total}\n' \
        "https://localhost:$1/"
}

# le A B: true when number A <= number B.
le() { python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) <= float(sys.argv[2]) else 1)' "$1" "$2"; }

# curls PORT N PREFIX: N curls at once; PREFIX.I.out holds "CODE SECONDS".
curls() {
    local i
    for ((i = 1; i <= $2; i++)); do
        curl_get "$1" "$3.$i.body" >"$3.$i.out" &
    done
    wait_jobs
}

# wait_jobs: waits for this shell's background jobs except the ones in PIDS.
wait_jobs() {
    local j
    for j in $(jobs -p); do
        case " ${PIDS[*]} " in *" $j "*) ;; *) wait "$j" ;; esac
    done
}

start_serve "$TMP/serve.out" --seed class --out-dir "$TMP" --timeout 20
if listening "class serve" "$TMP/serve.out"; then
    P=$SERVE_PORT
    want=$(curl_get "$P" "$TMP/single.body" >/dev/null; sha "$TMP/single.body")
    # baseline: the slowest of three single curls
    base=0
    for i in 1 2 3; do
        t=$(curl_get "$P" "$TMP/b.body" | cut -d' ' -f2)
        le "$t" "$base" || base=$t
    done

    # --- concurrency: 30 curls at once ---
    curls "$P" 30 "$TMP/c"
    codes=$(cat "$TMP"/c.*.out | cut -d' ' -f1 | sort | uniq -c | awk '{print $2 " x" $1}')
    same "30 concurrent curls: every one got HTTP 200" "$codes" "200 x30"
    bad=0
    for f in "$TMP"/c.*.body; do [ "$(sha "$f")" = "$want" ] || bad=$((bad + 1)); done
    same "30 concurrent curls: every body is the file" "$bad" 0
    slowest=$(cat "$TMP"/c.*.out | cut -d' ' -f2 | sort -g | tail -1)
    # served one after another, the last waits for all 29 before it; at once,
    # the slowest is bounded by the server's work, well under 30 x 3 baselines + 2 s
    bound=$(python3 -c "print(30 * 3 * $base + 2)")
    ok "30 concurrent curls: the slowest ($slowest s) within 30 x 3 x single ($base s) + 2 s" le "$slowest" "$bound"

    # --- idle sockets delay nobody ---
    $PEER idle "$P" 10 30 >"$TMP/idle.out" 2>&1 &
    IDLE_PID=$!
    PIDS+=("$IDLE_PID")
    for ((i = 0; i < 100; i++)); do grep -q ready "$TMP/idle.out" && break; sleep 0.05; done
    r=$(curl_get "$P" "$TMP/i.body")
    same "a curl while 10 idle sockets are open: HTTP 200" "${r%% *}" 200
    ok "a curl while 10 idle sockets are open: done in ${r#* } s, well under the 20 s idle time-out (< 10 x single + 1 s)" \
        le "${r#* }" "$(python3 -c "print(10 * $base + 1)")"
    curls "$P" 10 "$TMP/ic"
    same "10 concurrent curls while 10 idle sockets are open: all HTTP 200" \
        "$(cat "$TMP"/ic.*.out | cut -d' ' -f1 | sort | uniq -c | awk '{print $2 " x" $1}')" "200 x10"

    # --- a peer that closes mid-handshake, among others ---
    for i in 1 2 3; do $PEER half "$P" >"$TMP/half.$i.out" 2>&1 & done
    curls "$P" 10 "$TMP/h"
    same "3 peers closing mid-handshake among 10 curls: the curls all HTTP 200" \
        "$(cat "$TMP"/h.*.out | cut -d' ' -f1 | sort | uniq -c | awk '{print $2 " x" $1}')" "200 x10"
    ok "a peer closing mid-handshake got the server's first flight" grep -q 'half-closed after [1-9]' "$TMP/half.1.out"
    kill "$IDLE_PID" 2>/dev/null
    stop "$SERVE_PID"
    same "class serve: SIGTERM exits 0" "$STOP_RC" 0
    n=$(grep -c '^connection [0-9]* from' "$TMP/serve.out")
    same "class serve: one transcript per connection (4 + 30 + 1 + 10 + 10 + 3 + 10)" "$n" 68
    same "class serve: every curl's transcript ends ok" "$(grep -c '^result: ok' "$TMP/serve.out")" 55
    ok "class serve: the mid-handshake closes are told" \
        grep -q '^result: failed (the peer closed the connection during the handshake)' "$TMP/serve.out"
    ok "class serve: transcripts are whole (each head followed by its own closing result before the next head)" \
        python3 -c '
import sys
state = "out"
for line in open(sys.argv[1], errors="replace"):
    if line.startswith("connection ") and " from " in line:
        if state == "in": sys.exit("head inside another transcript: " + line)
        state = "in"
    elif line.startswith("result: "):
        if state != "in": sys.exit("result outside a transcript")
        state = "out"
' "$TMP/serve.out"
fi

# --- the idle time-out ends an idle peer ---
start_serve "$TMP/idle2.out" --seed idle --out-dir "$TMP" --timeout 2 --once
if listening "idle time-out" "$TMP/idle2.out"; then
    $PEER idle "$SERVE_PORT" 1 5 >"$TMP/idle2.peer" 2>&1
    same "an idle peer is closed by the server (--timeout 2)" "$(tail -1 "$TMP/idle2.peer")" "closed 1"
    stop "$SERVE_PID"
    same "idle time-out: --once exits 1" "$STOP_RC" 1
    ok "idle time-out: the transcript says why" \
        grep -q '^result: timeout (the peer sent nothing for 2000 ms)' "$TMP/idle2.out"
fi

# --- the connection cap ---
start_serve "$TMP/cap.out" --seed cap --out-dir "$TMP" --max-conn 2 --timeout 30
if listening "cap" "$TMP/cap.out"; then
    P=$SERVE_PORT
    $PEER idle "$P" 2 30 >"$TMP/cap.idle" 2>&1 &
    CAP_IDLE=$!
    PIDS+=("$CAP_IDLE")
    for ((i = 0; i < 100; i++)); do grep -q ready "$TMP/cap.idle" && break; sleep 0.05; done
    r=$($PEER refused "$P")
    same "connection cap: the third connection gets a fatal internal_error alert, then a close" \
        "$(cut -d' ' -f2 <<<"$r")" 15030300020250
    ok "connection cap: refused at once ($(cut -d' ' -f4 <<<"$r") s < 2 s)" le "$(cut -d' ' -f4 <<<"$r")" 2
    curl_get "$P" "$TMP/cap.body" >"$TMP/cap.curl" 2>&1
    r=$(cat "$TMP/cap.curl")
    # shellcheck disable=SC2016 # the single quotes are for the inner bash
    ok "connection cap: curl beyond the cap fails at once ($r: no response, within 5 s, not a hang)" \
        bash -c '[ "${1%% *}" = 000 ] && python3 -c "import sys; sys.exit(float(sys.argv[1]) > 5)" "${1#* }"' _ "$r"
    ok "connection cap: serve says which connection it refused and why" \
        grep -q 'refused 127.0.0.1:[0-9]*: 2 connections open (--max-conn)' "$TMP/cap.out"
    kill "$CAP_IDLE" 2>/dev/null
    wait "$CAP_IDLE" 2>/dev/null
    for ((i = 0; i < 40; i++)); do [ "$(grep -c '^result: ' "$TMP/cap.out")" -ge 2 ] && break; sleep 0.05; done
    same "connection cap: once the idle ones left, a curl is served" "$(curl_get "$P" "$TMP/cap2.body" | cut -d' ' -f1)" 200
    stop "$SERVE_PID"
fi

# --- a slow (slowloris) peer gets the handshake deadline; others go on ---
start_serve "$TMP/slow.out" --seed slow --out-dir "$TMP" --handshake-timeout 2 --timeout 10
if listening "slow" "$TMP/slow.out"; then
    $PEER slow "$SERVE_PORT" 0.2 >"$TMP/slow.peer" 2>&1 &
    SLOW=$!
    sleep 0.5
    same "a curl while a slow peer trickles its ClientHello: HTTP 200" \
        "$(curl_get "$SERVE_PORT" "$TMP/slow.body" | cut -d' ' -f1)" 200
    wait "$SLOW"
    secs=$(sed -n 's/^closed after \([0-9.]*\) seconds.*/\1/p' "$TMP/slow.peer")
    ok "a slow peer (a byte every 0.2 s) is closed near the 2 s handshake deadline (${secs:-?} s), long before its idle time-out" \
        python3 -c 'import sys; s = float(sys.argv[1] or 99); sys.exit(0 if 1.5 <= s <= 6 else 1)' "$secs"
    stop "$SERVE_PID"
    ok "slow peer: the transcript says the handshake deadline passed" \
        grep -q '^result: timeout (the handshake took longer than 2000 ms)' "$TMP/slow.out"
fi

# --- the whole-connection deadline: a request trickled in after the handshake ---
start_serve "$TMP/life.out" --seed life --out-dir "$TMP" --conn-timeout 2 --timeout 10
if listening "conn-timeout" "$TMP/life.out"; then
    r=$($PEER trickle "$SERVE_PORT" "$TMP/ca.pem" 0.2)
    secs=$(sed -n 's/^closed after \([0-9.]*\) seconds.*/\1/p' <<<"$r")
    ok "a request trickled a byte every 0.2 s is cut off near the 2 s connection deadline ($r)" \
        python3 -c 'import sys; s = float(sys.argv[1] or 99); sys.exit(0 if 1.0 <= s <= 6 else 1)' "$secs"
    stop "$SERVE_PID"
    ok "conn-timeout: the transcript says the connection deadline passed" \
        grep -q '^result: timeout (the connection lasted longer than 2000 ms)' "$TMP/life.out"
fi

# --- the request size limit ---
start_serve "$TMP/req.out" --seed req --out-dir "$TMP" --max-request 256
if listening "request limit" "$TMP/req.out"; then
    same "a request of 200 bytes under --max-request 256: served" \
        "$($PEER bigreq "$SERVE_PORT" "$TMP/ca.pem" 200)" "status 200"
    r=$($PEER bigreq "$SERVE_PORT" "$TMP/ca.pem" 2000)
    ok "a request of 2000 bytes: refused with an alert ($r)" grep -q 'error: .*ALERT' <<<"$r"
    stop "$SERVE_PID"
    ok "request limit: the transcript says why" \
        grep -q "the HTTP request is longer than the server's limit" "$TMP/req.out"
fi

# --- --log-dir: one file per connection, one line each on stdout ---
start_serve "$TMP/log.out" --seed log --out-dir "$TMP" --log-dir "$TMP/logs"
if listening "log-dir" "$TMP/log.out"; then
    curls "$SERVE_PORT" 3 "$TMP/l"
    stop "$SERVE_PID"
    same "--log-dir: three files" "$(cd "$TMP/logs" && printf '%s\n' * | sort | paste -sd' ' -)" "conn-1.txt conn-2.txt conn-3.txt"
    same "--log-dir: each file a whole transcript ending ok" \
        "$(grep -l '^result: ok' "$TMP"/logs/conn-*.txt | wc -l) $(grep -l '^connection [0-9] from' "$TMP"/logs/conn-*.txt | wc -l)" "3 3"
    same "--log-dir: stdout holds one line per connection, no transcript" \
        "$(grep -c "^connection [0-9] from 127.0.0.1:[0-9]*: ok ($TMP/logs/conn-[0-9].txt)$" "$TMP/log.out") $(grep -c '^#' "$TMP/log.out")" "3 0"
fi

# --- --json: one line per connection, each with its id ---
start_serve "$TMP/json.out" --seed json --out-dir "$TMP" --json
if listening "json" "$TMP/json.out"; then
    curls "$SERVE_PORT" 5 "$TMP/j"
    stop "$SERVE_PID"
    same "--json with 5 concurrent curls: 5 JSON lines, ids 1..5, each ok" \
        "$(grep -v '^listening on' "$TMP/json.out" | python3 -c '
import json, sys
objs = [json.loads(l) for l in sys.stdin if l.strip()]
print(len(objs), sorted(o["connection"] for o in objs), sorted(set(o["result"] for o in objs)))')" \
        "5 [1, 2, 3, 4, 5] ['ok']"
fi

# --- --bind beyond loopback warns, in both languages ---
start_serve "$TMP/bind.out" --seed bind --out-dir "$TMP" --bind 0.0.0.0
if listening "bind" "$TMP/bind.out"; then
    stop "$SERVE_PID"
    same "--bind 0.0.0.0: one warning line: a teaching server with toy keys" \
        "$(grep -c 'teaching server with toy keys' "$TMP/bind.out")" 1
fi
timeout 5 "$TLSSTEP" serve --port 0 --bits 1024 --seed bind --out-dir "$TMP" --bind 0.0.0.0 \
    --lang ko >"$TMP/bindko.out" 2>&1
ok "--bind 0.0.0.0 --lang ko: the warning in Korean" grep -q '^경고: ' "$TMP/bindko.out"
start_serve "$TMP/bindlo.out" --seed bind --out-dir "$TMP"
if listening "bind loopback" "$TMP/bindlo.out"; then
    stop "$SERVE_PID"
    same "loopback (the default): no warning" "$(grep -c 'teaching server' "$TMP/bindlo.out")" 0
fi

# --- the status line: on a terminal only ---
if command -v script >/dev/null; then
    timeout 20 script -qec "$TLSSTEP serve --port 0 --seed tty --out-dir $TMP --once --timeout 1" \
        /dev/null >"$TMP/tty.out" 2>&1 &
    TTY_PID=$!
    PIDS+=("$TTY_PID")
    p=
    for ((i = 0; i < 200; i++)); do
        p=$(tr -d '\r' <"$TMP/tty.out" | sed -n 's/^listening on .*:\([0-9][0-9]*\)$/\1/p')
        [ -n "$p" ] && break
        sleep 0.05
    done
    [ -n "$p" ] && curl_get "$p" "$TMP/tty.body" >/dev/null
    wait "$TTY_PID"
    ok "on a terminal: a status line counts connected, in the handshake, done and failed" \
        grep -q 'connected 0, in the handshake 0, done 1, failed 0' "$TMP/tty.out"
    same "not on a terminal: no status line" "$(grep -c 'in the handshake [0-9]' "$TMP/serve.out" "$TMP/log.out" | grep -vc ':0$')" 0
else
    echo "not ok - status line: 'script' (bsdutils) is missing"
fi

fails "serve: bad --max-conn" 2 "$TLSSTEP" serve --max-conn 0
fails "serve: bad --handshake-timeout" 2 "$TLSSTEP" serve --handshake-timeout 0
fails "serve: bad --conn-timeout" 2 "$TLSSTEP" serve --conn-timeout 99999
fails "serve: bad --max-request" 2 "$TLSSTEP" serve --max-request 10

# Helpers for the TLS 1.3 peer tests (sourced after tests/lib.sh and
# tests/net/netlib.bash; not a test itself: tests/run.sh runs *.sh only).
SUITES13="tls13-aes tls13-chacha"
GROUPS13="x25519 ffdhe2048"
SENTINEL12=444f574e47524401 # "DOWNGRD" 01: RFC 8446 §4.1.3, a TLS 1.3 server agreeing on 1.2
SUMMARY="python3 -I tests/net13/summary.py" # -I: starts faster, ignores the environment

# other_group G: the other group of GROUPS13.
other_group() {
    [ "$1" = x25519 ] && echo ffdhe2048 || echo x25519
}

# start_serve_json OUT ARGS...: `tlsstep serve --json --port 0 ARGS` in the
# background, the JSON objects (one per connection) in OUT, the rest
# ("listening on", errors) in OUT.err; sets SERVE_PID and SERVE_PORT (empty
# when it never listened).
start_serve_json() {
    local out=$1
    shift
    timeout 120 "$TLSSTEP" serve --json --port 0 "$@" >"$out" 2>"$out.err" &
    SERVE_PID=$!
    PIDS+=("$SERVE_PID")
    SERVE_PORT=$(wait_port "$out.err")
}

# served NAME OUT: true when the serve of start_serve_json listens, else a
# "not ok" line with the end of OUT.err.
served() {
    listening "$1" "$2.err"
}

# start_s_server DIR ARGS...: `openssl s_server -WWW` on 127.0.0.1 (a port
# it picks) serving the files of DIR for one connection, with ARGS, its -msg
# output in a new file; sets SS_PID, SS_PORT (empty when it never got
# ready), SS_OUT and SS_MSG.
SS_N=0
start_s_server() {
    local dir=$1 i
    shift
    SS_N=$((SS_N + 1))
    SS_PORT=
    SS_OUT="$TMP/s_server-$SS_N.out"
    SS_MSG="$TMP/s_server-$SS_N.msg"
    (cd "$dir" && exec timeout 60 openssl s_server -WWW -accept 127.0.0.1:0 -naccept 1 \
        -msg -msgfile "$SS_MSG" "$@") >"$SS_OUT" 2>&1 &
    SS_PID=$!
    PIDS+=("$SS_PID")
    for ((i = 0; i < 200; i++)); do
        SS_PORT=$(sed -n 's/^ACCEPT 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$SS_OUT" 2>/dev/null)
        [ -n "$SS_PORT" ] && return 0
        kill -0 "$SS_PID" 2>/dev/null || break
        sleep 0.05
    done
    return 1
}

# s_server_ready NAME: true when start_s_server got ready, else a "not ok"
# line with the end of its output.
s_server_ready() {
    [ -n "$SS_PORT" ] && return 0
    echo "not ok - $1: s_server never ready"
    sed 's/^/    # /' "$SS_OUT" | tail -5
    return 1
}

# text_payload FILE: about 40 KiB of text (several records; text survives
# s_client's stdout).
text_payload() {
    python3 -c '
import sys
for i in range(600):
    sys.stdout.write("line %05d of the tlsstep TLS 1.3 peer test payload: the quick brown fox\n" % i)
' >"$1"
}

# summary ARGS...: tests/net13/summary.py ARGS -v, its lines in the array S
# (S[0] version suite group hrr, S[1] random_tail, S[2] key_update, S[3]
# result suite http sha256).
summary() {
    mapfile -t S < <($SUMMARY "$@" -v)
}

# body_sha FILE: SHA-256 of the body of the first HTTP 200 response in FILE
# (the Content-Length bytes after the head), or "none".
body_sha() {
    python3 -I - "$1" <<'EOF'
import hashlib, re, sys
data = open(sys.argv[1], "rb").read()
at = data.find(b"HTTP/1.1 200 OK\r\n")
end = data.find(b"\r\n\r\n", at) if at >= 0 else -1
m = re.search(rb"\r\nContent-Length: *(\d+)", data[at:end]) if end >= 0 else None
body = data[end + 4:end + 4 + int(m.group(1))] if m else None
print(hashlib.sha256(body).hexdigest() if body is not None else "none")
EOF
}

# json_field FILE N KEY: the value of KEY in the N-th JSON object of FILE.
json_field() {
    $SUMMARY field "$@"
}

# json_count FILE: how many JSON objects FILE holds.
json_count() {
    $SUMMARY count "$1"
}

# serve_matrix LABEL CLIENT PAYLOAD: TLS 1.3 clients against serve. For each
# group R of GROUPS13 one `serve --group R --file PAYLOAD` answers, for each
# suite of SUITES13, two runs of
#     CLIENT DIR N PORT SUITE OFFER R
# where OFFER is "R" (the client offers R alone: no HelloRetryRequest) or
# "O:R" (the client prefers the other group O: it sends no key share of R,
# though R is in its supported_groups, so serve must ask for R with a
# HelloRetryRequest). CLIENT makes exactly one connection, checks its own
# end and names its checks "LABEL SUITE groups OFFER -> serve --group R".
# Then serve must stop on SIGTERM with 0 and its JSON object for each
# connection must show, parsed by summary.py: TLS 1.3, the suite, R, the
# HRR or not, result ok, HTTP 200 and PAYLOAD's SHA-256.
serve_matrix() {
    local label=$1 client=$2 payload=$3 need suite offer hrr dir i name exp suite_iana
    local want_sha
    want_sha=$(sha "$payload")
    for need in $GROUPS13; do
        dir="$TMP/$label-serve-$need"
        mkdir -p "$dir"
        start_serve_json "$dir/serve.json" --group "$need" --bits 2048 --seed "$label-$need" \
            --file "$payload" --out-dir "$dir" --timeout 5
        served "$label: serve --group $need" "$dir/serve.json" || continue
        local expect=()
        for suite in $SUITES13; do
            for offer in "$need" "$(other_group "$need"):$need"; do
                hrr=$([ "$offer" = "$need" ] && echo no || echo yes)
                "$client" "$dir" "${#expect[@]}" "$SERVE_PORT" "$suite" "$offer" "$need"
                expect+=("$label $suite groups $offer -> serve --group $need|TLS1.3 $(code "$suite") $need hrr=$hrr|$(iana "$suite")")
            done
        done
        stop "$SERVE_PID"
        same "$label: serve --group $need: stops on SIGTERM with 0" "$STOP_RC" 0
        same "$label: serve --group $need: one JSON object per connection" \
            "$(json_count "$dir/serve.json")" "${#expect[@]}"
        for i in "${!expect[@]}"; do
            IFS='|' read -r name exp suite_iana <<<"${expect[$i]}"
            summary json "$dir/serve.json" $((i + 1))
            same "$name: serve saw $exp, sent the file" "${S[0]}; ${S[3]}" \
                "$exp; result ok suite $suite_iana http 200 sha256 $want_sha"
        done
    done
}

# start_gnutls_serv OUT ARGS...: `gnutls-serv -p PORT ARGS` (a free port) in
# the background, its output in OUT; sets GS_PID and GS_PORT (empty when it
# never accepted within 10 s or exited).
start_gnutls_serv() {
    local out=$1 i
    shift
    GS_PORT=$(free_port)
    timeout 120 gnutls-serv -p "$GS_PORT" "$@" >"$out" 2>&1 &
    GS_PID=$!
    PIDS+=("$GS_PID")
    for ((i = 0; i < 200; i++)); do
        kill -0 "$GS_PID" 2>/dev/null || break
        python3 -I -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()' \
            "$GS_PORT" 2>/dev/null && return 0
        sleep 0.05
    done
    GS_PORT=
    return 1
}

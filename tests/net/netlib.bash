# Helpers for the network tests (sourced after tests/lib.sh; not a test
# itself: tests/run.sh runs *.sh only). Every process started is recorded
# and killed by its PID when the script exits.
SUITES="rsa ecdhe dhe null"
BITS_LIST="1024 2048"
PIDS=()

cleanup_net() {
    local p
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null
    done
    for p in "${PIDS[@]}"; do
        wait "$p" 2>/dev/null
    done
    rm -rf "$TMP"
}
trap cleanup_net EXIT

# cipher SUITE: the OpenSSL name of a suite.
cipher() {
    case $1 in
        rsa) echo AES256-GCM-SHA384 ;;
        ecdhe) echo ECDHE-RSA-CHACHA20-POLY1305 ;;
        dhe) echo DHE-RSA-CHACHA20-POLY1305 ;;
        null) echo NULL-SHA256 ;;
    esac
}

# iana SUITE: the IANA name of a suite, as tlsstep prints it.
iana() {
    case $1 in
        rsa) echo TLS_RSA_WITH_AES_256_GCM_SHA384 ;;
        ecdhe) echo TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 ;;
        dhe) echo TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256 ;;
        null) echo TLS_RSA_WITH_NULL_SHA256 ;;
        tls13-aes) echo TLS_AES_256_GCM_SHA384 ;;
        tls13-chacha) echo TLS_CHACHA20_POLY1305_SHA256 ;;
    esac
}

# code SUITE: its code point, as tlsstep prints it (0xNNNN).
code() {
    case $1 in
        rsa) echo 0x009d ;;
        ecdhe) echo 0xcca8 ;;
        dhe) echo 0xccaa ;;
        null) echo 0x003b ;;
        tls13-aes) echo 0x1302 ;;
        tls13-chacha) echo 0x1303 ;;
    esac
}

# free_port: a TCP port on 127.0.0.1 free right now.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_port FILE: waits (at most 10 s) for "listening on ADDR:P" in FILE
# and prints P; prints nothing on a time-out.
wait_port() {
    local i p
    for ((i = 0; i < 200; i++)); do
        p=$(sed -n 's/^listening on .*:\([0-9][0-9]*\)$/\1/p' "$1" 2>/dev/null | head -1)
        if [ -n "$p" ]; then
            echo "$p"
            return 0
        fi
        sleep 0.05
    done
    return 1
}

# wait_listen PORT: waits (at most 10 s) until something accepts on PORT.
wait_listen() {
    python3 - "$1" <<'EOF'
import socket, sys, time
end = time.time() + 10
while time.time() < end:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
EOF
}

# start_serve OUT ARGS...: starts `tlsstep serve --port 0 ARGS` in the
# background with its output in OUT; sets SERVE_PID and SERVE_PORT.
start_serve() {
    local out=$1
    shift
    timeout 120 "$TLSSTEP" serve --port 0 "$@" >"$out" 2>&1 &
    SERVE_PID=$!
    PIDS+=("$SERVE_PID")
    SERVE_PORT=$(wait_port "$out")
}

# listening NAME OUT: true when the serve started by start_serve (output in
# OUT) listens; otherwise prints "not ok - NAME: serve never listened" with
# the end of OUT, and is false (the caller skips that case).
listening() {
    [ -n "$SERVE_PORT" ] && return 0
    echo "not ok - $1: serve never listened"
    sed 's/^/    # /' "$2" | tail -5
    return 1
}

# stop PID: sends SIGTERM to PID (started by this shell) and waits for it;
# sets STOP_RC to its exit status.
stop() {
    kill -TERM "$1" 2>/dev/null
    STOP_RC=0
    wait "$1" 2>/dev/null || STOP_RC=$?
}

# sha FILE: the SHA-256 of FILE in hex.
sha() {
    sha256sum "$1" | cut -d' ' -f1
}

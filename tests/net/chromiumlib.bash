# Helpers for the headless Chromium tests (sourced after tests/lib.sh and
# tests/net/netlib.bash; not a test itself): tests/net/chromium.sh (TLS 1.2)
# and tests/net13/chromium13.sh (TLS 1.3).
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
TITLE='<title>tlsstep served this page</title>'
RENDERED="<p id=\"msg\">rendered by the page's script</p>"

# need_chromium: a "not ok" line and exit 1 when Chromium or certutil is missing.
need_chromium() {
    local tool
    for tool in "$CHROMIUM" certutil; do
        if ! command -v "$tool" >/dev/null; then
            echo "not ok - $tool is missing: install chromium and libnss3-tools (.ci/deps.sh test)"
            exit 1
        fi
    done
}

# write_page FILE: a page with a title, a paragraph, and a script that
# rewrites the paragraph: finding RENDERED in the DOM proves the page was
# served as HTML and ran.
write_page() {
    cat >"$1" <<'EOF'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>tlsstep served this page</title></head>
<body><p id="msg">static text from page.html</p>
<script>document.getElementById("msg").textContent = "rendered by " + "the page's script";</script>
</body></html>
EOF
}

# chromium_dump DIR URL: a fresh HOME (DIR/home, with the NSS store in
# DIR/home/.pki/nssdb) and profile; the DOM in DIR/dom, stderr in DIR/err,
# Chromium's own log of its connections in DIR/netlog.json.
chromium_dump() {
    HOME="$1/home" timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$1/profile" --log-net-log="$1/netlog.json" --dump-dom "$2" \
        >"$1/dom" 2>"$1/err"
}

# nss_store DIR [CA]: an empty NSS store in DIR/home, trusting CA if given.
nss_store() {
    mkdir -p "$1/home/.pki/nssdb" &&
        certutil -d "sql:$1/home/.pki/nssdb" -N --empty-password &&
        if [ -n "${2:-}" ]; then
            certutil -d "sql:$1/home/.pki/nssdb" -A -t "C,," -n tlsstep-ca -i "$2"
        fi
}

# has FILE TEXT: passes when FILE contains TEXT (fixed string).
has() {
    grep -qF -- "$2" "$1"
}

# netlog_tls FILE: Chromium's view of its TLS handshakes in the net log FILE,
# one line per different outcome: "VERSION 0xSUITE group G" (its SSL_CONNECT
# events' version, cipher_suite, key_exchange_group), or "no handshake".
netlog_tls() {
    python3 -I - "$1" <<'EOF'
import json, sys
try:
    log = json.load(open(sys.argv[1]))
except (OSError, ValueError) as err:
    sys.exit("no net log: %s" % err)
seen = []
for ev in log.get("events", []):
    p = ev.get("params") or {}
    if "cipher_suite" in p and "version" in p:
        line = "%s 0x%04x group %s" % (p["version"], p["cipher_suite"], p.get("key_exchange_group"))
        if line not in seen:
            seen.append(line)
print("\n".join(seen) or "no handshake")
EOF
}

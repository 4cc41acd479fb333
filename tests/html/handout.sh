#!/usr/bin/env bash
# The HTML handout (`tlsstep run --html FILE`, issue 16), checked in a real
# browser: headless Chromium loads the page of every suite (TLS 1.2: rsa,
# ecdhe, dhe, null; TLS 1.3: tls13-aes, tls13-chacha) in English and
# Korean, and of a tampered run in each version; for each page: no console
# error, the DOM holds every record's bytes and every secret of the same
# run's --json (tests/html/page_check.py), the screenshot is not blank,
# print-to-PDF gives A4 pages. tidy (Debian's HTML checker) finds no error.
# Then: the bytes of a peer and of the user are escaped (a --file with
# <script> and & in its name and content; a --host with them is refused),
# the default lesson's page is under 1 MiB with application data folded,
# the Korean page is Korean, and the page is the same for the same seed.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh
source tests/net/chromiumlib.bash
need_chromium
for tool in tidy pdfinfo; do
    command -v "$tool" >/dev/null || { echo "not ok - $tool is missing: .ci/deps.sh test"; exit 1; }
done
CHECK="python3 -I tests/html/page_check.py"

# chrome DIR ARGS...: one time-boxed headless Chromium with its own profile.
chrome() {
    local dir=$1; shift
    HOME="$dir/home" timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$dir/profile" "$@"
}

# page NAME ARGS...: writes the handout and the JSON of `tlsstep run ARGS`,
# loads it in Chromium and checks it.
page() {
    local name=$1; shift
    local d=$TMP/$name lang=en
    mkdir -p "$d/home"
    case " $* " in *" --lang ko "*) lang=ko ;; esac
    "$TLSSTEP" run "$@" --html "$d/page.html" >/dev/null 2>"$d/run.err"
    "$TLSSTEP" run "$@" --json >"$d/run.json" 2>/dev/null
    if [ ! -s "$d/page.html" ] || [ ! -s "$d/run.json" ]; then
        echo "not ok - $name: no page ($(head -1 "$d/run.err"))"
        return
    fi
    chrome "$d" --enable-logging=stderr --v=0 --dump-dom "file://$d/page.html" >"$d/dom" 2>"$d/err"
    if grep -q "INFO:CONSOLE" "$d/err"; then
        echo "not ok - $name: console messages"
        grep "INFO:CONSOLE" "$d/err" | head -5 | sed 's/^/    # /'
    else
        echo "ok - $name: loads without a console error"
    fi
    ok "$name: the DOM holds every record's bytes and every secret of --json" \
        $CHECK dom "$d/dom" "$d/run.json" "$lang"
    chrome "$d" --window-size=1000,1400 --screenshot="$d/shot.png" "file://$d/page.html" \
        >/dev/null 2>&1
    ok "$name: the screenshot is not blank" $CHECK png "$d/shot.png"
    chrome "$d" --no-pdf-header-footer --print-to-pdf="$d/page.pdf" "file://$d/page.html" \
        >/dev/null 2>&1
    local pages size
    pages=$(pdfinfo "$d/page.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
    size=$(pdfinfo "$d/page.pdf" 2>/dev/null | sed -n 's/^Page size:.*(\(.*\))/\1/p')
    if [ "${pages:-0}" -ge 2 ] && [ "$size" = A4 ]; then
        echo "ok - $name: prints to $pages A4 pages"
    else
        echo "not ok - $name: print-to-PDF gave '${pages:-no}' pages of '$size'"
    fi
    tidy -e -q "$d/page.html" >"$d/tidy" 2>&1
    local rc=$?
    if [ "$rc" -lt 2 ]; then
        echo "ok - $name: tidy finds no error"
    else
        echo "not ok - $name: tidy finds errors"
        grep -i error "$d/tidy" | head -5 | sed 's/^/    # /'
    fi
}

for suite in rsa ecdhe dhe null tls13-aes tls13-chacha; do
    for lang in en ko; do
        page "$suite-$lang" --suite "$suite" --seed handout --lang "$lang"
    done
done
page tampered12 --seed handout --tamper 5,20,01 --lang en
page tampered13 --suite tls13-aes --seed handout --tamper 5,20,01 --lang ko
ok "tampered12: the changed bytes are marked and the alert named beside the untampered run" \
    $CHECK tamper "$TMP/tampered12/dom" "$TMP/tampered12/run.json"
ok "tampered13: the changed bytes are marked and the alert named beside the untampered run" \
    $CHECK tamper "$TMP/tampered13/dom" "$TMP/tampered13/run.json"

# Mutual TLS: the client's certificate is decoded too, the PEM the one --json names.
"$TLSSTEP" run --seed mtls --client-auth require --html "$TMP/mtls.html" >/dev/null
"$TLSSTEP" run --seed mtls --client-auth require --json >"$TMP/mtls.json"
ok "mutual TLS: the page decodes the client's certificate, its PEM the one of --json" \
    python3 - "$TMP/mtls.html" "$TMP/mtls.json" <<'PY'
import html, json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
pem = json.load(open(sys.argv[2]))["client_certificate"].strip()
i = page.index("The client&#39;s certificate (mutual TLS)")
sec = page[i:page.index("</section>", i)]
assert "CN=tlsstep client" in sec, "subject"
assert pem in html.unescape(re.sub(r"<[^>]+>", "", sec)), "PEM"
PY
"$TLSSTEP" run --seed mtls --html "$TMP/plain.html" >/dev/null
ok "without mutual TLS the page has no client certificate" \
    bash -c "! grep -q 'The client&#39;s certificate' '$TMP/plain.html'"

# Escaping: a file whose name and content hold markup and an ampersand.
evil="$TMP/x<script>&y.txt"
printf '<script>alert("owned")</script> & <b>bold</b>\n' >"$evil"
"$TLSSTEP" run --seed esc --file "$evil" --html "$TMP/esc.html" >/dev/null
same "escaping: the page has one <script>, its own" "$(grep -o '<script' "$TMP/esc.html" | wc -l)" 1
ok "escaping: the payload's markup is shown as text" grep -q '&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt; &amp; &lt;b&gt;' "$TMP/esc.html"
ok "escaping: the file's name is shown as text" grep -q 'x&lt;script&gt;&amp;y.txt' "$TMP/esc.html"
ok "escaping: no raw <b> from the payload" bash -c "! grep -q '<b>bold' '$TMP/esc.html'"
fails "escaping: a --host with markup is refused before any page" 2 \
    "$TLSSTEP" run --seed esc --host '<script>&' --html "$TMP/host.html"
ok "escaping: ...and no page is written" test ! -e "$TMP/host.html"

# The default lesson: under 1 MiB, application data after the first record folded.
for lang in en ko; do
    "$TLSSTEP" run --lesson rsa-handshake --seed size --lang "$lang" --html "$TMP/lesson-$lang.html" \
        >/dev/null
    bytes=$(wc -c <"$TMP/lesson-$lang.html")
    if [ "$bytes" -lt 1048576 ]; then
        echo "ok - the default lesson's page ($lang) is $bytes bytes, under 1 MiB"
    else
        echo "not ok - the default lesson's page ($lang) is $bytes bytes"
    fi
done
appdata=$("$TLSSTEP" run --lesson rsa-handshake --seed size --json |
    python3 -c 'import json,sys; print(sum(m["type"] == "ApplicationData" for m in json.load(sys.stdin)["messages"]))')
same "application data after the first record is folded in <details>" \
    "$(grep -c '<details><summary><strong id="rec-' "$TMP/lesson-en.html")" "$((appdata - 1))"
ok "the lesson's narration is in the page" grep -q '<aside class="note"><h3>1\. Client random</h3>' \
    "$TMP/lesson-en.html"

# The Korean page: lang="ko", the page's words and the lesson's in Korean.
ok "Korean page: <html lang=\"ko\">" grep -q '<html lang="ko"' "$TMP/lesson-ko.html"
ok "Korean page: its headings are Korean" grep -q '>단계별로</h2>' "$TMP/lesson-ko.html"
ok "Korean page: no English heading left" bash -c "! grep -q '>Step by step</h2>' '$TMP/lesson-ko.html'"
ok "Korean page: the lesson's Korean narration" grep -q '<h3>1\. 클라이언트 랜덤</h3>' "$TMP/lesson-ko.html"

# Stable: the same seed and options give the same page.
"$TLSSTEP" run --seed handout --html "$TMP/again.html" >/dev/null
ok "the same seed gives the same page" cmp -s "$TMP/again.html" "$TMP/rsa-en/page.html"
fails "--html with --compare is refused" 2 "$TLSSTEP" run --compare --html "$TMP/c.html"
fails "--html into a missing folder fails with status 2" 2 \
    "$TLSSTEP" run --seed x --html "$TMP/no/such/dir/page.html"
"$TLSSTEP" run --seed handout --html - >"$TMP/stdout.html"
ok "--html - writes the page, and only the page, on stdout" cmp -s "$TMP/stdout.html" "$TMP/rsa-en/page.html"

# The script's highlighting, driven in the browser: a copy of a page with a
# probe after the page's script, which hovers the ClientHello's random field
# (mouseenter) and then a byte of it (mouseover), and writes what lit up.
probe='<script>
var tr = Array.prototype.find.call(document.querySelectorAll("tr[data-hex=hx-1-s]"),
    function (r) { return r.cells[2].textContent === "random"; });
tr.dispatchEvent(new Event("mouseenter"));
var lit = document.querySelectorAll("#hx-1-s i.on").length;
var b = document.getElementById("hx-1-s").getElementsByTagName("i")[+tr.dataset.o + 3];
document.querySelectorAll(".on").forEach(function (e) { e.classList.remove("on"); });
b.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
var row = document.querySelector("tr.on");
document.body.setAttribute("data-probe", lit + "/" + tr.dataset.l + " " + (row ? row.cells[2].textContent : "none"));
</script></body>'
mkdir -p "$TMP/probe/home"
sed "s#</body>#$(printf '%s' "$probe" | tr '\n' ' ' | sed 's/[&#]/\\&/g')#" "$TMP/rsa-en/page.html" >"$TMP/probe/page.html"
chrome "$TMP/probe" --dump-dom "file://$TMP/probe/page.html" >"$TMP/probe/dom" 2>/dev/null
same "hovering a field lights its 32 bytes; hovering one of them lights the field's row" \
    "$(sed -n 's/.*data-probe="\([^"]*\)".*/\1/p' "$TMP/probe/dom")" "32/32 random"

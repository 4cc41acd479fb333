#!/usr/bin/env bash
# The manual, tlsstep(1) (sim/cli/tlsstep.1): mandoc and groff find nothing
# to warn about, man shows it, every option of every `tlsstep CMD --help` is
# in the command's subsection (tests/install/man_options.py; the check is
# itself checked on a page with an option taken out), and the version is
# the same everywhere it is written.
source tests/lib.sh
MAN=sim/cli/tlsstep.1

# quiet NAME CMD...: passes when CMD exits 0 and prints nothing.
quiet() {
    local name=$1; shift
    if "$@" >"$TMP/q" 2>&1 && [ ! -s "$TMP/q" ]; then echo "ok - $name"; else
        echo "not ok - $name"; sed 's/^/    # /' "$TMP/q" | head -15; fi
}

quiet "man: mandoc -T lint -W warning finds nothing" mandoc -T lint -W warning "$MAN"
quiet "man: groff -ww -mandoc finds nothing" groff -ww -mandoc -Tutf8 -z "$MAN"
MANWIDTH=80 man -l "$MAN" 2>"$TMP/man.err" | col -b >"$TMP/man.txt"
sections=$(grep -E '^[A-Z][A-Z ]+$' "$TMP/man.txt" | tr '\n' ',')
same "man: man -l shows the sections in order" "$sections" \
    "NAME,SYNOPSIS,DESCRIPTION,COMMANDS,ENVIRONMENT,FILES,EXIT STATUS,EXAMPLES,SEE ALSO,"
same "man: man -l says nothing on stderr" "$(cat "$TMP/man.err")" ""
for x in TLSSTEP_LESSONS XDG_DATA_HOME LC_ALL LC_MESSAGES LANG NO_COLOR \
    "curl(1)" "openssl(1)" "tshark(1)" "../share/tlsstep/lessons"; do
    ok "man: the page names $x" grep -qF -- "$x" "$TMP/man.txt"
done

# Every option of every command's --help is in the page ...
python3 tests/install/man_options.py "$MAN" "$TLSSTEP"
# ... and the check fails when one is missing.
sed 's/skip\\-ske\\-check/skip/g' "$MAN" >"$TMP/drifted.1"
python3 tests/install/man_options.py "$TMP/drifted.1" "$TLSSTEP" >"$TMP/drift" 2>&1
ok "man: an option missing from the page is caught" \
    grep -q "^not ok - man: every option of 'tlsstep run --help'" "$TMP/drift"
ok "man: ... and named" grep -q "missing from its subsection: --skip-ske-check" "$TMP/drift"

# One version: the Makefile's, in --version, the source's default and the page.
version=$(make -s --no-print-directory version)
same "version: tlsstep --version" "$("$TLSSTEP" --version)" "tlsstep $version"
same "version: tlsstep version" "$("$TLSSTEP" version)" "tlsstep $version"
same "version: the default in sim/cli/main.c" \
    "$(sed -n 's/^#define TS_VERSION "\(.*\)"$/\1/p' sim/cli/main.c)" "$version"
same "version: the .Os line of the page" "$(sed -n 's/^\.Os tlsstep //p' "$MAN")" "$version"
fails "version: an argument is bad usage" 2 "$TLSSTEP" version 2

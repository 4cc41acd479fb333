#!/usr/bin/env bash
# Every example works as written: each command of the ```sh code blocks of
# README.md and lessons/README.md, run in order in a temporary folder (one
# per file, holding a copy of lessons/ as a checkout does) with the built
# tlsstep first on PATH, without a terminal (so `tlsstep ui ...` prints the
# transcript of `tlsstep run`, a real check), each with a time-out. A line
# ending in '&' is a server, paired with the lines after it up to the next
# blank line and stopped afterwards; it must listen on 127.0.0.1 only. When
# the port an example names (4433, 4443) is busy, the test waits 5 s for
# it, then runs that server and its clients on a free port instead
# (rewritten in those lines only; a '#' line says so). A `make` line runs
# in a copy of the tracked source files, install and uninstall staged under
# the test's folder (DESTDIR), never into the machine. The README's blocks
# are the source of truth: a new example that fails makes this test fail.
# One line per command, "ok - readme: COMMAND" or "not ok - readme: COMMAND
# (exit N)". The mechanics are in readme.py; the policy is here.
source tests/lib.sh

# Lines that cannot run unattended, and why: COMMAND | REASON. Nothing else
# is skipped; an entry that matches no example fails (the list stays true).
export README_SKIP='
make run | installs missing Debian packages as root, then opens the interactive UI (the tlsstep ui lines check it without a terminal)
make test | runs every suite for many minutes, this test included (it would run itself)
sudo apt install ./build/tlsstep_*.deb | installs system-wide; tests/install/deb.sh installs the package into a throwaway dpkg root and runs it there
'

# Lines whose documented outcome is an exit status other than 0:
# COMMAND | STATUS | WHY (the README says so beside the example).
export README_STATUS='
tlsstep serve --port 4433 --suite ecdhe --once & | 1 | s_client sends no HTTP request: closed before a complete exchange
tlsstep check tamper-cert --seed 7 --answer answer.txt | 1 | a placeholder, not a solution: check says what is wrong
'

if [ ! -x "$TLSSTEP" ]; then
    echo "not ok - readme: no tlsstep at $TLSSTEP (build it first: make)"
    exit 1
fi
mkdir -p "$TMP/bin"
ln -s "$(readlink -f "$TLSSTEP")" "$TMP/bin/tlsstep"
python3 tests/readme/readme.py "$TMP/bin" "$TMP" "$PWD" README.md lessons/README.md

#!/usr/bin/env bash
# `make install` into a DESTDIR puts the program, every lesson, the man page
# and the bash completion where they belong; the installed program, run from
# another folder with no source tree in sight, finds its lessons beside
# itself; bash-completion loads the installed completion; `make uninstall`
# removes every file it put and the share/tlsstep folders.
source tests/lib.sh
unset MAKEFLAGS MAKELEVEL MFLAGS # a `make test PREFIX=...` must not leak in
DEST=$TMP/stage
P=$DEST/usr/local
version=$(make -s --no-print-directory version)

ok "install: make install DESTDIR=..." make --no-print-directory install DESTDIR="$DEST"
ok "install: the program in PREFIX/bin" test -x "$P/bin/tlsstep"
ok "install: the man page in share/man/man1" cmp sim/cli/tlsstep.1 "$P/share/man/man1/tlsstep.1"
ok "install: the bash completion" cmp sim/cli/tlsstep.bash \
    "$P/share/bash-completion/completions/tlsstep"
same "install: every lesson and lessons/README.md" \
    "$(cd "$P/share/tlsstep/lessons" && ls)" "$(cd lessons && ls -- *.md)"
ok "install: the Korean catalogue in share/locale" \
    cmp build/locale/ko/LC_MESSAGES/tlsstep.mo "$P/share/locale/ko/LC_MESSAGES/tlsstep.mo"
same "install: nothing outside PREFIX" "$(cd "$DEST" && ls)" "usr"
same "install: modes" "$(stat -c %a "$P/bin/tlsstep" "$P/share/tlsstep/lessons/README.md")" \
    "$(printf '755\n644')"

# The installed program alone: from /tmp, with no lessons of the user's.
alone() {
    (cd / && env -u TLSSTEP_LESSONS -u TLSSTEP_LOCALEDIR HOME="$TMP/home" XDG_DATA_HOME= \
        "$P/bin/tlsstep" "$@")
}
alone lessons >"$TMP/list" 2>&1
for id in rsa-handshake rsa-textbook forward-secrecy records ending tls13-handshake tls12-vs-tls13 tamper-cert robot; do
    ok "installed: lessons lists $id" grep -q "^$id " "$TMP/list"
done
alone lessons --json >"$TMP/list.json"
ok "installed: the lessons are the installed ones" python3 -c '
import json, sys
paths = [x["path"] for x in json.load(open(sys.argv[1]))]
assert paths and all(p.startswith(sys.argv[2] + "/") for p in paths), paths
' "$TMP/list.json" "$P/share/tlsstep/lessons"
ok "installed: run --lesson rsa-handshake --seed 1" alone run --lesson rsa-handshake --seed 1
alone run --lesson rsa-handshake --seed 1 >"$TMP/run" 2>&1
ok "installed: ... with its narration" grep -q "ClientHello" "$TMP/run"
ok "installed: exercise tamper-cert writes its material" \
    bash -c "cd '$TMP' && env -u TLSSTEP_LESSONS HOME='$TMP/home' XDG_DATA_HOME= \
        '$P/bin/tlsstep' exercise tamper-cert --seed 7 --out-dir ex >/dev/null && ls ex | grep -q ."
alone run --seed 1 --lang ko >"$TMP/run.ko" 2>&1
ok "installed: Korean from the installed catalogue (no lesson: only the catalogue has it)" \
    grep -q '클라이언트 랜덤' "$TMP/run.ko"
same "installed: --version" "$(alone --version)" "tlsstep $version"
ok "installed: lessons --help names PREFIX/share/tlsstep/lessons" \
    bash -c "'$P/bin/tlsstep' lessons --help | tr -s ' \n' ' ' | grep -q '/usr/local/share/tlsstep/lessons'"
ok "installed: man -l shows the installed page" \
    bash -c "man -l '$P/share/man/man1/tlsstep.1' 2>&1 | grep -q 'tlsstep connect'"

# bash-completion finds the installed file on its data path and loads it.
ok "installed: bash-completion loads the completion" bash -c "
    source /usr/share/bash-completion/bash_completion
    XDG_DATA_DIRS='$P/share' BASH_COMPLETION_USER_DIR='$TMP/none' __load_completion tlsstep &&
        complete -p tlsstep | grep -q ' -F _tlsstep '"

# A second install over the first is fine; uninstall leaves nothing behind.
ok "install: again over itself" make --no-print-directory install DESTDIR="$DEST"
ok "uninstall: make uninstall DESTDIR=..." make --no-print-directory uninstall DESTDIR="$DEST"
same "uninstall: no file left" "$(find "$DEST" ! -type d)" ""
ok "uninstall: share/tlsstep removed" test ! -e "$P/share/tlsstep"
# ... and it removes only its own files: another's file in share/tlsstep/lessons stays.
make --no-print-directory install DESTDIR="$DEST" >/dev/null
echo mine >"$P/share/tlsstep/lessons/mine.md"
make --no-print-directory uninstall DESTDIR="$DEST" >/dev/null
same "uninstall: only what install put" "$(cd "$DEST" && find . ! -type d)" \
    "./usr/local/share/tlsstep/lessons/mine.md"

# PREFIX moves everything, and the program built for it finds its lessons
# there even when copied elsewhere (TS_DATADIR, compiled in). It is built in
# a folder of its own, so build/ keeps its PREFIX.
PB=build/install-test
PX=$TMP/prefix
ok "install: PREFIX=... (no DESTDIR)" make --no-print-directory -j"$(nproc)" install \
    BUILD="$PB" PREFIX="$PX"
same "install: under PREFIX" "$(cd "$PX" && find . -type f ! -path './share/tlsstep/*' | sort)" \
    "$(printf '%s\n' ./bin/tlsstep ./share/bash-completion/completions/tlsstep \
        ./share/locale/ko/LC_MESSAGES/tlsstep.mo ./share/man/man1/tlsstep.1)"
mkdir -p "$TMP/elsewhere"
cp "$PX/bin/tlsstep" "$TMP/elsewhere/tlsstep"
(cd / && env -u TLSSTEP_LESSONS HOME="$TMP/home" XDG_DATA_HOME= "$TMP/elsewhere/tlsstep" \
    lessons --json) >"$TMP/px.json" 2>&1
ok "installed: a copy elsewhere finds PREFIX's lessons" python3 -c '
import json, sys
paths = [x["path"] for x in json.load(open(sys.argv[1]))]
assert len(paths) > 5 and all(p.startswith(sys.argv[2] + "/") for p in paths), paths
' "$TMP/px.json" "$PX/share/tlsstep/lessons"
(cd / && env -u TLSSTEP_LOCALEDIR HOME="$TMP/home" "$TMP/elsewhere/tlsstep" run --seed 1 \
    --lang ko) >"$TMP/px.ko" 2>&1
ok "installed: a copy elsewhere finds PREFIX's catalogue" grep -q '클라이언트 랜덤' "$TMP/px.ko"
ok "installed: its lessons --help names PREFIX's folder" \
    bash -c "'$TMP/elsewhere/tlsstep' lessons --help | tr -d ' \n' | grep -qF '$PX/share/tlsstep/lessons'"
ok "uninstall: PREFIX=..." make --no-print-directory uninstall BUILD="$PB" PREFIX="$PX"
same "uninstall: nothing left under PREFIX" "$(find "$PX" ! -type d)" ""

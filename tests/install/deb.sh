#!/usr/bin/env bash
# `make deb` builds build/tlsstep_VERSION-1_ARCH.deb: its control fields,
# its file list (all under /usr, root:root, the program stripped, the man
# page gzipped, the copyright and changelog lintian asks for), no lintian
# error, its Depends satisfied here and accepted by apt; then it is
# installed with dpkg into a throwaway root, run from there, and removed.
source tests/lib.sh
unset MAKEFLAGS MAKELEVEL MFLAGS # a `make test PREFIX=...` must not leak in
version=$(make -s --no-print-directory version)-1
arch=$(dpkg --print-architecture)
DEB=build/tlsstep_${version}_${arch}.deb

rm -f "$DEB"
ok "deb: make deb" make --no-print-directory -j"$(nproc)" deb
ok "deb: build/tlsstep_${version}_${arch}.deb" test -s "$DEB"

# field NAME: the control field NAME.
field() { dpkg-deb -f "$DEB" "$1"; }
same "deb: Package" "$(field Package)" tlsstep
same "deb: Version" "$(field Version)" "$version"
same "deb: Architecture" "$(field Architecture)" "$arch"
same "deb: Section" "$(field Section)" education
same "deb: Priority" "$(field Priority)" optional
ok "deb: Maintainer" bash -c "dpkg-deb -f '$DEB' Maintainer | grep -q '^[^<]\+ <[^@>]\+@[^>]\+>$'"
ok "deb: Description with a long part" bash -c "dpkg-deb -f '$DEB' Description | sed -n 2p | grep -q ."
ok "deb: Installed-Size" bash -c "dpkg-deb -f '$DEB' Installed-Size | grep -qx '[0-9]\+'"
depends=$(field Depends)
# Each library the program links (objdump -p: NEEDED) is in Depends, by
# the package dpkg -S names for it.
objdump -p build/deb/pkg/debian/tlsstep/usr/bin/tlsstep | awk '$1 == "NEEDED" { print $2 }' \
    >"$TMP/needed"
ok "deb: the program links libraries" test -s "$TMP/needed"
while read -r so; do
    pkg=$(dpkg -S "*/$so" 2>/dev/null | grep -v '^diversion' | head -1 | cut -d: -f1)
    ok "deb: Depends names $pkg (for $so)" grep -qE "(^|, )$pkg( |,|$)" <<<"$depends"
done <"$TMP/needed"
for pkg in libgmp10 libsodium23 libncursesw6 libtinfo6 libyaml-0-2 libcmark0.30.2 libjansson4 \
    libpcap0.8 libc6; do
    ok "deb: Depends has $pkg" grep -qE "(^|, )$pkg( |,|$)" <<<"$depends"
done

# The files.
dpkg-deb -c "$DEB" >"$TMP/list"
awk '{ print $6 }' "$TMP/list" | grep -v '/$' | sort >"$TMP/files"
{
    printf '%s\n' ./usr/bin/tlsstep ./usr/share/bash-completion/completions/tlsstep \
        ./usr/share/doc/tlsstep/changelog.Debian.gz ./usr/share/doc/tlsstep/copyright \
        ./usr/share/man/man1/tlsstep.1.gz ./usr/share/locale/ko/LC_MESSAGES/tlsstep.mo
    for f in lessons/*.md; do echo "./usr/share/tlsstep/$f"; done
} | sort >"$TMP/want"
same "deb: the files, and only those" "$(diff "$TMP/want" "$TMP/files")" ""
same "deb: every file owned by root:root" "$(awk '$2 != "root/root"' "$TMP/list")" ""
same "deb: modes" "$(awk '$6 == "./usr/bin/tlsstep" { print $1 }' "$TMP/list")" "-rwxr-xr-x"
dpkg-deb -x "$DEB" "$TMP/x"
ok "deb: the program is stripped" bash -c "! readelf -S '$TMP/x/usr/bin/tlsstep' |
    grep -qE '\\.(symtab|debug_info|comment)( |$)'"
ok "deb: the man page is gzipped and reads" bash -c "zcat '$TMP/x/usr/share/man/man1/tlsstep.1.gz' |
    mandoc -T lint -W warning"
ok "deb: the program is built for /usr" bash -c "'$TMP/x/usr/bin/tlsstep' lessons --help |
    tr -s ' \n' ' ' | grep -qF '/usr/share/tlsstep/lessons'"
ok "deb: the program is hardened (full RELRO, PIE)" bash -c "readelf -d '$TMP/x/usr/bin/tlsstep' |
    grep -q 'Flags: NOW PIE'"

# lintian: no error. Its warnings are shown here, as comments.
lintian "$DEB" >"$TMP/lintian" 2>/dev/null
same "deb: lintian reports no error" "$(grep '^E:' "$TMP/lintian")" ""
grep -v '^E:' "$TMP/lintian" | sed 's/^/    # lintian: /'

# The Depends are installed here at a version that satisfies them, and apt
# would install the package (a simulation: nothing changes).
IFS=',' read -ra deps <<<"$depends"
for d in "${deps[@]}"; do
    d=${d# }
    name=${d%% *}
    have=$(dpkg-query -W -f='${Version}' "$name" 2>/dev/null)
    if [[ $d =~ \(([<>=]+)\ (.*)\) ]]; then
        op=${BASH_REMATCH[1]} want=${BASH_REMATCH[2]}
        case $op in '>=') op=ge ;; '<=') op=le ;; '=') op=eq ;; '>>') op=gt ;; '<<') op=lt ;; esac
        ok "deb: $d holds here" dpkg --compare-versions "${have:-0}" "$op" "$want"
    else
        ok "deb: $d is installed here" test -n "$have"
    fi
done
ok "deb: apt would install it (apt-get install -s ./$DEB)" \
    bash -c "apt-get install -s './$DEB' | grep -q '^Inst tlsstep '"

# Install it with dpkg into a throwaway root, run it from there, remove it.
R=$TMP/root
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates"
touch "$R/var/lib/dpkg/status"
ok "deb: dpkg -i into a throwaway root" \
    dpkg --root="$R" --force-not-root --force-depends --log=/dev/null -i "$DEB"
same "deb: dpkg says it is installed" \
    "$(dpkg-query --admindir="$R/var/lib/dpkg" -W -f='${Status} ${Version}' tlsstep)" \
    "install ok installed $version"
run_r() { (cd / && env -u TLSSTEP_LESSONS -u TLSSTEP_LOCALEDIR HOME="$TMP/home" XDG_DATA_HOME= "$R/usr/bin/tlsstep" "$@"); }
same "deb: installed --version" "$(run_r --version)" "tlsstep ${version%-*}"
run_r lessons >"$TMP/lessons" 2>&1
ok "deb: installed lessons lists rsa-handshake" grep -q '^rsa-handshake ' "$TMP/lessons"
ok "deb: installed run --lesson rsa-handshake --seed 1" run_r run --lesson rsa-handshake --seed 1
run_r run --seed 1 --lang ko >"$TMP/run.ko" 2>&1
ok "deb: Korean from the installed catalogue" grep -q '클라이언트 랜덤' "$TMP/run.ko"
ok "deb: dpkg -r" dpkg --root="$R" --force-not-root --log=/dev/null -r tlsstep
same "deb: removed, nothing left" "$(cd "$R" && find . ! -type d ! -path './var/lib/dpkg/*')" ""

#!/usr/bin/env bash
# Packs what `make deb` staged into OUTDIR/tlsstep_VERSION_ARCH.deb.
# Usage: .ci/deb.sh PKGDIR VERSION OUTDIR (DEB_MAINTAINER from the Makefile)
#   PKGDIR/debian/tlsstep holds `make install PREFIX=/usr` (the layout
#   dpkg-shlibdeps expects). This strips the program, compresses the man
#   page, adds /usr/share/doc/tlsstep/{copyright,changelog.Debian.gz},
#   computes Depends with dpkg-shlibdeps from the libraries the program
#   links, writes DEBIAN/control and DEBIAN/md5sums, and builds the package
#   with every file owned by root:root. Prints the package's path.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 PKGDIR VERSION OUTDIR" >&2; exit 2; }
pkgdir=$1 version=$2 out=$3
root=$pkgdir/debian/tlsstep
doc=$root/usr/share/doc/tlsstep
maintainer=${DEB_MAINTAINER:?set DEB_MAINTAINER}
arch=$(dpkg --print-architecture)
upstream=${version%-*}
[ -x "$root/usr/bin/tlsstep" ] || { echo "$0: no $root/usr/bin/tlsstep" >&2; exit 1; }

# The date of the changelog entry: SOURCE_DATE_EPOCH, else the last commit,
# else now; the same tree gives the same package.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH=$epoch

strip --remove-section=.comment --remove-section=.note --strip-unneeded \
    "$root/usr/bin/tlsstep"
gzip -9nf "$root/usr/share/man/man1/tlsstep.1"

mkdir -p "$doc"
# The source tree states no license yet; say so rather than invent one.
cat >"$doc/copyright" <<TEXT
tlsstep $upstream: an educational, step-through TLS 1.2 handshake simulator.

Copyright (C) $(date -u -d "@$epoch" +%Y) the tlsstep authors.

License: the source tree does not state a license yet. Ask the authors
before you redistribute it.

The package was made from the source tree by \`make deb\`.
TEXT
cat <<TEXT | gzip -9n >"$doc/changelog.Debian.gz"
tlsstep ($version) unstable; urgency=medium

  * tlsstep $upstream: the program, its lessons in
    /usr/share/tlsstep/lessons, the manual tlsstep(1) and bash completion.

 -- $maintainer  $(date -R -u -d "@$epoch")
TEXT

# Depends: the packages of the shared libraries the program needs
# (dpkg-shlibdeps finds the package's root by its DEBIAN folder).
mkdir -p "$root/DEBIAN"
cat >"$pkgdir/debian/control" <<TEXT
Source: tlsstep

Package: tlsstep
Architecture: any
TEXT
depends=$(cd "$pkgdir" && dpkg-shlibdeps -O debian/tlsstep/usr/bin/tlsstep |
    sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "$0: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -exec chmod 0644 {} +
chmod 0755 "$root/usr/bin/tlsstep"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z |
    xargs -0 md5sum) >"$root/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<TEXT
Package: tlsstep
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Section: education
Priority: optional
Description: educational, step-through TLS 1.2 handshake simulator
 tlsstep runs a TLS 1.2 client and server in one process, talking through a
 visible channel, and shows every step of the handshake: every message in
 real RFC 5246 wire format and every value as it is computed (client and
 server random, premaster secret, master secret, key block, session keys,
 Finished, encrypted application data, close_notify).
 .
 It has a terminal UI to step back and forth through a handshake, narrated
 lessons in English and Korean, exercises that tamper with messages and
 break signatures (each tied to a real incident: goto fail, ROBOT, the
 e = 3 forgery, shared primes), a transcript and JSON output, pcapng
 captures that Wireshark opens already decrypted, and a server and client
 for real peers such as openssl and curl. Its keys are toy keys: it is
 meant for teaching, not for protecting anything.
TEXT
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

deb=$out/tlsstep_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"

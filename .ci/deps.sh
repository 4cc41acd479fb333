#!/usr/bin/env bash
# Installs the Debian packages tlsstep needs that are missing, and says which.
# Usage: .ci/deps.sh build|run|test|bench|deb
#   build: compilers, libraries and msgfmt (gettext, for the catalogues); run: build; test: build + the real peers
#   and tools the tests drive (clang and its runtime for the libFuzzer targets); bench: test + libssl for the reference programs.
#   deb: build + what `make deb` uses (dpkg-shlibdeps, dpkg-deb, strip); test
#   includes it, with the checkers of the man page, the package and the
#   bash completion (tests/install/).
set -euo pipefail

build_pkgs=(build-essential pkg-config libgmp-dev libsodium-dev libncurses-dev
            libyaml-dev libcmark-dev libjansson-dev libpcap-dev gettext)
test_pkgs=(libcmocka-dev openssl curl tshark tmux python3 valgrind clang libclang-rt-14-dev
           xxd bsdextrautils bsdutils gnutls-bin chromium libnss3-tools tidy poppler-utils
           fonts-nanum)
bench_pkgs=(libssl-dev)
deb_pkgs=(dpkg-dev binutils)
install_test_pkgs=(mandoc groff-base man-db lintian bash-completion)

case "${1:-build}" in
    build|run) want=("${build_pkgs[@]}") ;;
    test) want=("${build_pkgs[@]}" "${test_pkgs[@]}" "${deb_pkgs[@]}" "${install_test_pkgs[@]}") ;;
    bench) want=("${build_pkgs[@]}" "${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
    deb) want=("${build_pkgs[@]}" "${deb_pkgs[@]}") ;;
    *) echo "usage: $0 build|run|test|bench|deb" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "deps: missing packages: ${missing[*]}; run as root or install sudo" >&2
    exit 1
fi

echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no without a prompt.
echo 'wireshark-common wireshark-common/install-setuid boolean false' |
    "${sudo[@]}" debconf-set-selections
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: installed ${missing[*]}"

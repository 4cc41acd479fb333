#!/usr/bin/env bash
# Bash completion (sim/cli/tlsstep.bash): sourced, then asked as bash asks
# (COMP_WORDS, COMP_CWORD, then _tlsstep; the answer is COMPREPLY). It reads
# everything from the program, so these check what it makes of the real
# help texts and lesson list.
source tests/lib.sh
source sim/cli/tlsstep.bash
export XDG_DATA_HOME="$TMP/xdg" TLSSTEP_LESSONS=

# complete WORDS...: the sorted completions of the last word, one a line.
complete_words() {
    COMP_WORDS=("$TLSSTEP" "$@")
    COMP_CWORD=$#
    COMPREPLY=()
    _tlsstep
    printf '%s\n' "${COMPREPLY[@]}" | sort
}
# offers NAME "WORDS" WANT...: passes when each WANT is among the completions.
offers() {
    local name=$1 words=$2; shift 2
    local got miss=()
    read -ra w <<<"$words"
    [[ $words == *" " || -z $words ]] && w+=("")
    got=$(complete_words "${w[@]}")
    for x in "$@"; do grep -qxF -- "$x" <<<"$got" || miss+=("$x"); done
    if [ ${#miss[@]} -eq 0 ]; then echo "ok - completion: $name"; else
        echo "not ok - completion: $name"; echo "    # missing: ${miss[*]}"
        echo "    # got: $(tr '\n' ' ' <<<"$got")"; fi
}
# offers_only NAME "WORDS" WANT...: the completions are exactly WANT...
offers_only() {
    local name=$1 words=$2; shift 2
    read -ra w <<<"$words"
    [[ $words == *" " || -z $words ]] && w+=("")
    same "completion: $name" "$(complete_words "${w[@]}" | tr '\n' ' ')" \
        "$(printf '%s\n' "$@" | sort | tr '\n' ' ')"
}
# lacks_word NAME "WORDS" X: X is not among the completions (X is offered
# for some other words, so the check is not vacuous).
lacks_word() {
    read -ra w <<<"$2"
    [[ $2 == *" " || -z $2 ]] && w+=("")
    if complete_words "${w[@]}" | grep -qxF -- "$3"; then
        echo "not ok - completion: $1"; else echo "ok - completion: $1"; fi
}

ok "completion: registered for tlsstep" bash -c 'source sim/cli/tlsstep.bash &&
    complete -p tlsstep | grep -q "_tlsstep"'

# Commands, from `tlsstep --help`.
offers "every command" "" ui run serve connect lessons exercise check decode prf hkdf aead rsa cert version
offers_only "commands by prefix" "r" run rsa
offers_only "top-level options" "--" --help --lang --version
offers_only "rsa's subcommands" "rsa " keygen from-factors pub encrypt decrypt sign verify raw show
offers_only "hkdf's subcommands" "hkdf " extract expand expand-label derive-secret
offers "options of hkdf expand-label" "hkdf expand-label --" --hash --secret --label --context --length
offers_only "aead's subcommands" "aead " open seal
offers "options of aead open" "aead open --" --cipher --key --nonce --aad --data --lang
offers_only "aead's ciphers" "aead seal --cipher " aes-256-gcm chacha20-poly1305

# Each command's options, from its --help: all of its option table ...
for cmd in ui run serve connect lessons exercise check decode prf cert; do
    want=$("$TLSSTEP" "$cmd" --help | sed -n 's/^ \+\(-h, \)\?\(--[a-z][a-z0-9-]*\).*/\2/p')
    # shellcheck disable=SC2086
    offers "options of $cmd" "$cmd --" $want
done
offers_only "options of rsa sign" "rsa sign --" --in --data --out --hash --help
offers_only "options of rsa raw" "rsa raw --" --in --public --private --hex --help
offers_only "options by prefix" "run --su" --suite
offers "options after an option's value" "run --suite dhe --" --bits --seed --pcap
# ... but not the options its help names in passing (ui mentions `run --lesson`,
# connect's example runs `tlsstep cert --bits`).
lacks_word "ui does not offer run's --lesson" "ui --" --lesson
offers "... which run offers" "run --" --lesson
lacks_word "connect does not offer cert's --bits" "connect --" --bits
offers "... which cert offers" "cert --" --bits

# Values named in the help.
offers_only "suites after --suite" "run --suite " rsa ecdhe dhe null tls13-aes tls13-chacha
offers_only "suites after --suite=" "serve --suite = " rsa ecdhe dhe null tls13-aes tls13-chacha
offers_only "--suite=ec" "serve --suite = ec" ecdhe
offers_only "versions after --tls" "run --tls " 1.2 1.3
offers_only "groups after --group" "connect --group " x25519 ffdhe2048 ffdhe3072 ffdhe4096
offers_only "languages after --lang" "ui --lang " en ko
offers_only "hashes after --hash" "rsa verify --hash " sha256 sha384 sha512
offers_only "nothing after --seed" "run --seed "

# Lesson ids, from `tlsstep lessons`.
offers "lessons and exercises for ui" "ui " rsa-handshake forward-secrecy tamper-cert robot
offers "lesson ids after run --lesson" "run --lesson " rsa-textbook records ending tls13-handshake
offers_only "lesson ids by prefix" "run --lesson rsa-" rsa-handshake rsa-textbook
offers "exercises for exercise" "exercise " tamper-cert robot goto-fail
lacks_word "exercise: lessons are not exercises" "exercise " rsa-handshake
offers_only "exercises for check, by prefix" "check t" tamper-cert textbook-forgery tls13-tamper tls13-decrypt
offers "ui's lesson after options" "ui --suite ecdhe " rsa-handshake
offers "options after ui's lesson" "ui rsa-handshake --" --suite --lang
mkdir -p "$TMP/mine"
sed 's/^id: rsa-handshake$/id: my-lesson/' lessons/rsa-handshake.md >"$TMP/mine/my-lesson.md"
offers "lessons of --lessons DIR" "ui --lessons $TMP/mine " my-lesson rsa-handshake

# File and folder names.
mkdir -p "$TMP/files/pki" && touch "$TMP/files/capture.pcapng" "$TMP/files/keys.log" \
    "$TMP/files/pki/ca.pem"
cd "$TMP/files" || exit 1
offers_only "files after --pcap" "run --pcap cap" capture.pcapng
offers_only "files after --keylog" "serve --keylog k" keys.log
offers_only "files after --file" "run --file ca" capture.pcapng
offers_only "files after --cafile" "connect --cafile pki/" pki/ca.pem
offers_only "folders only after --out-dir" "cert --out-dir " pki
offers_only "files for decode" "decode k" keys.log
offers_only "files after rsa --in" "rsa show --in pki/c" pki/ca.pem
offers_only "nothing for connect's host:port" "connect "

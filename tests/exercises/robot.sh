#!/usr/bin/env bash
# Exercise robot: the padding oracle answers with the leaky server's alerts;
# the tool's own Bleichenbacher attack (public key + oracle only) recovers
# the recorded premaster and signs message.txt; `tlsstep check` accepts
# both, openssl verifies the signature independently, wrong answers fail.
source tests/lib.sh
cd "$TMP" || exit 1

ok "robot: material" "$TLSSTEP" exercise robot --seed r1 --out-dir rb
# The oracle: the recorded ciphertext has good padding (20), junk has not (51).
same "robot: oracle alerts" "$( (cat rb/encrypted_premaster.hex; echo 00ff) | "$TLSSTEP" exercise robot --seed r1 --oracle 2>/dev/null | tr '\n' ' ')" "20 51 "
fails "robot: oracle refuses non-hex" 2 bash -c "echo zz | '$TLSSTEP' exercise robot --seed r1 --oracle"
fails "robot: --attack is for robot only" 2 "$TLSSTEP" exercise fermat --seed r1 --attack

ok "robot: the attack runs" bash -c "'$TLSSTEP' exercise robot --seed r1 --attack >attack.txt 2>progress.txt"
ok "robot: progress shows queries and the interval" grep -q 'queries .* M: 1 interval, width 2^0' progress.txt
ok "robot: progress shows the trimming (Bardou et al.)" grep -q 'step trim' progress.txt
# The improved attack (Bardou et al. 2012) stays far below the 1998
# algorithm's costs (EXERCISES.md: about 26k queries to decrypt, 83k with
# the signature); seed r1 is deterministic.
counts=$(sed -n 's/^queries: \([0-9]*\) for the premaster.*, \([0-9]*\) in all.*/\1 \2/p' attack.txt)
ok "robot: premaster in under 26000 queries" test "${counts% *}" -lt 26000
ok "robot: premaster and signature in under 83000 queries" test "${counts#* }" -lt 83000
pms=$(awk '$1 == "premaster" { print $2 }' attack.txt)
sig=$(awk '$1 == "signature" { print $2 }' attack.txt)
ok "robot: premaster (bare hex)" "$TLSSTEP" check robot --seed r1 --answer "$pms"
printf 'signature %s\n' "$sig" >sig.txt
ok "robot: signature" "$TLSSTEP" check robot --seed r1 --answer sig.txt
ok "robot: both" "$TLSSTEP" check robot --seed r1 --answer attack.txt
# openssl agrees that the server's key signed message.txt
xxd -r -p <<<"$sig" >sig.bin
ok "robot: openssl verifies the signature" openssl dgst -sha256 -verify rb/public.pem -signature sig.bin rb/message.txt
# The premaster is really the recorded one: the master secret printed in
# the transcript is PRF(premaster, "master secret", client_random + server_random).
cr=$(awk '/derives client_random/ { getline; getline; getline; print $2; exit }' rb/transcript.txt)
sr=$(awk '/derives server_random/ { getline; getline; getline; print $2; exit }' rb/transcript.txt)
ms=$(awk '/derives master_secret/ { f = 1 } f && $1 == "=" { print $2; exit }' rb/transcript.txt)
ok "robot: the transcript shows the master secret" test -n "$ms"
# (the transcript wraps long values: compare the first line's 32 bytes)
same "robot: the premaster gives the recorded master secret" \
    "$("$TLSSTEP" prf --hash sha384 --secret "$pms" --label 'master secret' --seed "$cr$sr" --length 48 | cut -c1-${#ms})" "$ms"
fails "robot: a wrong premaster" 1 "$TLSSTEP" check robot --seed r1 --answer "${pms%??}00"
fails "robot: another seed" 1 "$TLSSTEP" check robot --seed r2 --answer attack.txt
fails "robot: no answer fields" 1 "$TLSSTEP" check robot --seed r1 --answer "hello"

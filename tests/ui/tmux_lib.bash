# Helpers for the tmux-driven UI tests (sourced after tests/lib.sh; not a
# test itself: tests/run.sh runs only *.sh). One private tmux server per
# script (tmux -L tlsstep-test-PID), killed on exit; every wait polls with
# short sleeps and gives up after a timeout, so nothing hangs.
SOCKS=()
SOCK=tlsstep-test-$$
TM() { tmux -L "$SOCK" -f "$TMP/tmux.conf" "$@"; }
# kill_all: kills every tmux server this script started.
kill_all() {
    local s
    for s in "${SOCKS[@]}"; do tmux -L "$s" kill-server >/dev/null 2>&1; done
}
printf 'set -g remain-on-exit on\nset -g default-terminal tmux-256color\nset -g status off\n' \
    >"$TMP/tmux.conf"
trap 'kill_all; rm -rf "$TMP"' EXIT

# ui_start W H ENV... -- ARGS...: (in a new private server) starts `tlsstep ui ARGS` in a W×H window
# with LANG=C.UTF-8 (plus ENV assignments) and waits for its first screen.
ui_start() {
    local w=$1 h=$2 envs=()
    shift 2
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    UI_ARGS=("$@")
    tm_start "$w" "$h" "${envs[@]}" -- "$TLSSTEP" ui "$@"
}

# tm_start W H ENV... -- CMD...: as ui_start for any command line (a bare
# `tlsstep`, a copy of it elsewhere), in the folder $TM_DIR (default: here).
tm_start() {
    local w=$1 h=$2 envs=("LANG=C.UTF-8")
    shift 2
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    kill_all
    SOCK=tlsstep-test-$$-${#SOCKS[@]}
    SOCKS+=("$SOCK")
    STATUS_FILE=$TMP/status-$SOCK
    TM new-session -d -x "$w" -y "$h" -c "${TM_DIR:-$PWD}" \
        "env -u LC_ALL -u LC_MESSAGES ${envs[*]} $*; echo \$? >$STATUS_FILE"
    wait_for "step 0/"
}

# exit_status: the UI's exit status once it has ended (empty if it has not
# within 3 s). The shell around it writes it to a file: tmux may be slow to
# reap the process, so #{pane_dead_status} is only a second witness.
exit_status() {
    local i
    for ((i = 0; i < 60; i++)); do
        [ -s "$STATUS_FILE" ] && { cat "$STATUS_FILE"; return; }
        sleep 0.05
    done
}

# screen: the visible pane, as text.
screen() { TM capture-pane -p -t 0; }

# keys K...: sends keys to the UI.
keys() { TM send-keys -t 0 "$@"; }

# wait_for TEXT [SECONDS]: true once TEXT is on the screen (fixed string).
wait_for() {
    local i n=$(( ${2:-5} * 20 ))
    for ((i = 0; i < n; i++)); do
        screen | grep -qF -- "$1" && return 0
        sleep 0.05
    done
    return 1
}

# step_to K: presses n until the status line says "step K/".
step_to() {
    local cur
    cur=$(screen | sed -n 's/.* \(step\|단계\) \([0-9]*\)\/.*/\2/p' | tail -1)
    while [ "${cur:-0}" -lt "$1" ]; do keys n; cur=$((cur + 1)); done
    wait_for " $1/"
}

# pane N: column N of the top area (1 client, 2 channel, 3 server).
pane() { screen | awk -F'│' -v c="$1" 'NF == 3 { print $c }'; }

# trace: the steps of the run ui_start started, one "side kind name" line
# each, from `tlsstep run --lesson LESSON ... --json` with the same options
# (the screen names steps in people's words, the tests by their names).
trace() {
    local f=$TMP/trace-$SOCK args=("${UI_ARGS[@]}") lesson=rsa-handshake
    if [ ! -s "$f" ]; then
        if [ ${#args[@]} -gt 0 ] && [ "${args[0]#-}" = "${args[0]}" ]; then
            lesson=${args[0]}
            args=("${args[@]:1}")
        fi
        "$TLSSTEP" run --lesson "$lesson" "${args[@]}" --json 2>/dev/null |
            python3 -c 'import json, sys
for s in json.load(sys.stdin)["steps"]: print(s["side"], s["kind"], s.get("name") or "-")' >"$f"
    fi
    cat "$f"
}

# heading: "side kind name" of the step the status line shows (k/N: the
# k-th step of the trace); nothing at step 0.
heading() {
    local k
    k=$(screen | sed -n 's/.* \(step\|단계\) \([0-9]*\)\/.*/\2/p' | tail -1)
    [ "${k:-0}" -gt 0 ] && trace | sed -n "${k}p"
}

# label NAME: what the screen calls step NAME in English (its people's
# words in sim/simulation/ts_steps.c), NAME itself when it has none.
label() {
    local l
    l=$(sed -n "s/^ *{\"$1\", [A-Z], N_(\"\([^\"]*\)\").*/\1/p" sim/simulation/ts_steps.c | head -1)
    echo "${l:-$1}"
}

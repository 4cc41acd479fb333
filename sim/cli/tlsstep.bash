# bash completion for tlsstep(1). `make install` puts it in
# PREFIX/share/bash-completion/completions/tlsstep, where bash-completion
# loads it the first time tlsstep is completed; or source it.
#
# Nothing here lists a command or an option: everything is read at
# completion time from the program being completed, so it cannot drift:
# the commands from `tlsstep --help`, each command's options from
# `tlsstep CMD --help` (the option table and the usage lines), the values of
# an option from its help ("--suite rsa|ecdhe|dhe|null" gives the four
# suites; FILE, PATH or KEY gives file names, DIR folders, ID lesson ids),
# and lesson and exercise ids from `tlsstep lessons`. Each is read in English
# (LANGUAGE=en), whatever the locale: the words the parsing looks for.

# _tlsstep_opts BIN WORDS...: one line "OPTION ARG" per option of
# `BIN WORDS... --help`, ARG its metavariable or value list ("" for a flag).
# Options are read from the usage lines and from the first option of each
# line of the option table; options named in prose are left out. Every
# command takes --help.
_tlsstep_opts() {
    local IFS=' '
    local cmd="${*:2}"
    LANGUAGE=en "$@" --help 2>/dev/null | awk -v cmd="tlsstep $cmd" '
        function scan(line, all,    opt, rest, arg) {
            while (match(line, /--[a-z][a-z0-9-]*/)) {
                opt = substr(line, RSTART, RLENGTH)
                rest = substr(line, RSTART + RLENGTH)
                arg = ""
                if (match(rest, /^ [^] ()[|-][^] ()[|]*(\|[^] ()[|]+)*/)) {
                    arg = substr(rest, 2, RLENGTH - 1)
                }
                if (!(opt in seen) || seen[opt] == "") {
                    seen[opt] = arg
                }
                if (!all) {
                    return
                }
                line = rest
            }
        }
        index($0, "usage: " cmd) == 1 { scan($0, 1); next }
        $0 ~ /^ +tlsstep / && index($0, cmd " ") > 0 { scan($0, 1); next }
        /^ +(-[a-zA-Z], )?--[a-z]/ { scan($0, 0) }
        END {
            seen["--help"] = ""
            for (o in seen) print o, seen[o]
        }'
}

# _tlsstep_list BIN WORDS...: the indented one-word lines after the line
# ending in "commands:" or "Subcommands:" of `BIN WORDS... --help`.
_tlsstep_list() {
    LANGUAGE=en "$@" --help 2>/dev/null | awk '
        /[Cc]ommands:$/ { on = 1; next }
        on && /^  [a-z][a-z-]*( |$)/ { print $1; next }
        on && !/^  / { on = 0 }'
}

# _tlsstep_ids BIN KIND [DIR]: the ids of the lessons and exercises (KIND
# all) or of the exercises only (KIND exercise), DIR searched first.
_tlsstep_ids() {
    local args=(lessons --lang en)
    [[ -n ${3-} && -d $3 ]] && args+=(--lessons "$3")
    "$1" "${args[@]}" 2>/dev/null |
        awk -v kind="$2" 'NR > 1 && (kind == "all" || $2 == kind) { print $1 }'
}

# _tlsstep_files [-d]: file (or folder) names completing $cur.
_tlsstep_files() {
    if declare -F _filedir >/dev/null; then
        _filedir "$@"
        return
    fi
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    if [[ ${1-} == -d ]]; then
        COMPREPLY=($(compgen -d -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}

# _tlsstep_value ARG: completes the value of an option whose help names ARG.
_tlsstep_value() {
    local IFS=$'\n'
    case $1 in
        *DIR*) _tlsstep_files -d ;;
        *FILE* | *PATH* | *KEY*) _tlsstep_files ;;
        ID) COMPREPLY=($(compgen -W "$(_tlsstep_ids "$bin" all "$lessons")" -- "$cur")) ;;
        *\|*)
            [[ $1 == *[A-Z]* ]] && return
            COMPREPLY=($(compgen -W "${1//|/$'\n'}" -- "$cur"))
            ;;
    esac
}

_tlsstep() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    local bin=${COMP_WORDS[0]}
    [[ $bin == "~/"* ]] && bin=$HOME/${bin#"~/"}
    COMPREPLY=()
    local IFS=$'\n'

    # --opt=value: bash splits it into "--opt" "=" "value".
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    else
        [[ $cur == -* ]] && prev=
    fi

    # The command (and rsa's, hkdf's or aead's subcommand), the positional words so far, and
    # the --lessons folder: options and their values are skipped.
    local cmd= sub= npos=0 lessons= i w spec=
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ -z $cmd ]]; then
            [[ $w != -* ]] && cmd=$w && spec=$(_tlsstep_opts "$bin" "$cmd")
            continue
        fi
        if [[ ($cmd == rsa || $cmd == hkdf || $cmd == aead) && -z $sub && $w != -* ]]; then
            sub=$w
            spec=$(_tlsstep_opts "$bin" "$cmd" "$sub")
            continue
        fi
        if [[ $w == --* ]]; then
            [[ $w == --lessons ]] && lessons=${COMP_WORDS[i + 1]-}
            if [[ $(awk -v o="$w" '$1 == o { print ($2 != "") }' <<<"$spec") == 1 ]]; then
                ((i++))
            fi
        elif [[ $w != = && $w != -* ]]; then
            ((npos++))
        fi
    done

    if [[ -z $cmd ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$(_tlsstep_opts "$bin" | cut -d' ' -f1)" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$(_tlsstep_list "$bin")" -- "$cur"))
        fi
        return 0
    fi
    if [[ ($cmd == rsa || $cmd == hkdf || $cmd == aead) && -z $sub ]]; then
        COMPREPLY=($(compgen -W "$(_tlsstep_list "$bin" "$cmd")" -- "$cur"))
        return 0
    fi

    # The value of the option before the cursor.
    if [[ $prev == --* ]]; then
        local arg
        arg=$(awk -v o="$prev" '$1 == o { print $2 }' <<<"$spec")
        if [[ -n $arg ]]; then
            _tlsstep_value "$arg"
            return 0
        fi
    fi

    # A positional argument, or an option.
    if [[ $cur != -* && $npos -eq 0 ]]; then
        case $cmd in
            ui)
                COMPREPLY=($(compgen -W "$(_tlsstep_ids "$bin" all "$lessons")" -- "$cur"))
                return 0
                ;;
            exercise | check)
                COMPREPLY=($(compgen -W "$(_tlsstep_ids "$bin" exercise "$lessons")" -- "$cur"))
                return 0
                ;;
            decode)
                _tlsstep_files
                return 0
                ;;
            connect)
                return 0
                ;;
        esac
    fi
    COMPREPLY=($(compgen -W "$(cut -d' ' -f1 <<<"$spec")" -- "$cur"))
    return 0
}

complete -F _tlsstep tlsstep

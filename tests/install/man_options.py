#!/usr/bin/env python3
"""tlsstep(1) documents every option: prints one "ok - ..." or "not ok - ..."
line per command (tests/run.sh counts them).

Usage: man_options.py MANPAGE TLSSTEP

The commands are read from `tlsstep --help` (and rsa's subcommands from
`tlsstep rsa --help`), so a new command needs its subsection too. An option
is any --word in `tlsstep CMD --help` (the usage, the option table, the
prose, the examples); it must appear in the command's subsection of the
page, the one headed ".Ss tlsstep CMD ...", written "Fl \\-word" (mdoc) or
"\\-\\-word" (literal text). The options of `tlsstep --help` may be anywhere.
"""
import re
import subprocess
import sys

OPTION = re.compile(r"--[a-z][a-z0-9-]*")


def help_text(tlsstep, *words):
    return subprocess.run([tlsstep, *words, "--help"], capture_output=True, text=True,
                          check=True).stdout


def listed(text, heading):
    """The one-word indented lines after the line ending in heading."""
    names, on = [], False
    for line in text.splitlines():
        if line.endswith(heading):
            on = True
        elif on and re.match(r"  [a-z][a-z-]*( |$)", line):
            names.append(line.split()[0])
        elif on:
            on = False
    return names


def subsections(src):
    """{"CMD" or "rsa SUB": the subsection's text, heading included}."""
    out, cur = {}, None
    for line in src.splitlines():
        if line.startswith((".Sh ", ".Ss ")):
            m = re.match(r"\.Ss tlsstep((?: [a-z][a-z-]*)+)", line)
            cur = m.group(1).strip() if m else None
            if cur is not None:
                out[cur] = ""
        if cur is not None:
            out[cur] += line + "\n"
    return out


def documented(roff):
    """The --words a piece of mdoc shows."""
    text = roff.replace("\\-", "-").replace("\\&", "")
    found = set(OPTION.findall(text))
    found |= {"--" + m for m in re.findall(r"\bFl -([a-z][a-z0-9-]*)", text)}
    return found


def check(name, wanted, have):
    missing = sorted(set(wanted) - have)
    if missing:
        print(f"not ok - man: every option of '{name}' is in the page")
        print(f"    # missing from its subsection: {' '.join(missing)}")
    else:
        print(f"ok - man: every option of '{name}' is in the page ({len(set(wanted))})")


def main():
    man, tlsstep = sys.argv[1], sys.argv[2]
    src = open(man, encoding="utf-8").read()
    subs = subsections(src)
    top = help_text(tlsstep)
    check("tlsstep --help", OPTION.findall(top), documented(src))
    commands = [[c] for c in listed(top, "commands:")]
    for c in listed(help_text(tlsstep, "rsa"), "Subcommands:"):
        commands.append(["rsa", c])
    for words in commands:
        key = " ".join(words)
        if key not in subs:
            print(f"not ok - man: a subsection '.Ss tlsstep {key}'")
            continue
        check(f"tlsstep {key} --help", OPTION.findall(help_text(tlsstep, *words)),
              documented(subs[key]))


main()

#!/usr/bin/env python3
"""The architecture of sim/README.md, enforced: prints one "ok - ..." or
"not ok - ..." line per rule (tests/run.sh counts them).

Rules:
  1. every #include "folder/name.h" names a header that exists under include/;
  2. a folder includes only its own headers and those of lower folders
     (RANK below; folders of equal rank do not include each other);
  3. a private header (folder/internal/x.h) is included only from its folder;
  4. no include cycle between modules (x.c with x.h) crosses a folder;
  5. sim/ and include/ mirror each other: each sim/F/x.c has include/F/x.h
     or include/F/internal/x.h, or belongs to a family declared in one
     header (sim/cli/cli_run.c in include/cli/cli.h, each exercise
     sim/exercise/ts_exercise_fermat.c in include/exercise/ts_exercise.h);
     sim/cli/main.c excepted;
  7. no include cycle at all, except inside a private family: modules
     that share an internal/ header (the endpoint's state in tls/, the
     session's run, the channel's decoder, the attack's state);
  6. the invariants: only crypto includes sodium.h or gmp.h (so mpz_t never
     leaves it), only ui includes curses, only net opens sockets.
"""
import os
import re
import sys

RANK = {
    "base": 0,
    "crypto": 1,
    "crypto/attack": 2,
    "tls/msg": 3,
    "tls": 4,
    "simulation": 5,
    "export": 6,
    "exercise": 7,
    "net": 7,
    "lesson": 8,
    "ui": 9,
    "cli": 10,
}
SYSTEM_RULES = [
    (re.compile(r"#include <(sodium|gmp)\.h>"), ("crypto", "crypto/attack"), "sodium.h/gmp.h"),
    (re.compile(r"#include <n?cursesw?/?\w*\.h>|#include <curses\.h>"), ("ui",), "curses"),
    (re.compile(r"#include <(sys/socket|netdb|netinet/\w+|arpa/inet|poll)\.h>"), ("net",),
     "socket headers"),
]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

root = sys.argv[1] if len(sys.argv) > 1 else "."
os.chdir(root)
failures = {}


def fail(rule, msg):
    failures.setdefault(rule, []).append(msg)


def folder_of(path):
    """The layer folder of a file under sim/ or include/ (internal/ folded)."""
    parts = path.split("/")[1:-1]
    if parts and parts[-1] == "internal":
        parts = parts[:-1]
    return "/".join(parts)


files = []
for top in ("sim", "include"):
    for d, _, names in os.walk(top):
        files += [os.path.join(d, n) for n in names if n.endswith((".c", ".h"))]
files.sort()

edges = {}  # module -> set of modules, a module being (folder, name)
for path in files:
    f = folder_of(path)
    if f not in RANK:
        fail(2, f"{path}: folder '{f}' is not a layer of sim/README.md")
        continue
    mod = (f, os.path.splitext(os.path.basename(path))[0])
    edges.setdefault(mod, set())
    text = open(path, encoding="utf-8").read()
    for inc in INCLUDE.findall(text):
        target = os.path.join("include", inc)
        if not os.path.isfile(target):
            fail(1, f"{path}: #include \"{inc}\" is not a header under include/")
            continue
        g = folder_of(target)
        if g not in RANK:
            fail(2, f"{path}: includes {inc} from an unknown folder")
            continue
        if "/internal/" in target and g != f:
            fail(3, f"{path}: includes {inc}, private to {g}/")
        if RANK[g] > RANK[f] or (RANK[g] == RANK[f] and g != f):
            fail(2, f"{path} ({f}) includes {inc} ({g}): a higher or sibling layer")
        dep = (g, os.path.splitext(os.path.basename(inc))[0])
        if dep != mod:
            edges[mod].add(dep)
    for rx, allowed, what in SYSTEM_RULES:
        if rx.search(text) and f not in allowed:
            fail(6, f"{path} ({f}) includes {what}: only {', '.join(allowed)} may")

# Rule 4: strongly connected components (Tarjan) spanning more than one folder.
index, low, stack, on, sccs = {}, {}, [], set(), []


def strong(v):
    index[v] = low[v] = len(index)
    stack.append(v)
    on.add(v)
    for w in edges.get(v, ()):
        if w not in index:
            strong(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        sccs.append(comp)


sys.setrecursionlimit(10000)
for v in sorted(edges):
    if v not in index:
        strong(v)
internal = {(folder_of(p), os.path.splitext(os.path.basename(p))[0])
            for p in files if "/internal/" in p}
for comp in sccs:
    names = ", ".join(f"{f}/{n}" for f, n in sorted(comp))
    if len({f for f, _ in comp}) > 1:
        fail(4, "include cycle across folders: " + names)
    elif len(comp) > 1 and not internal.intersection(comp):
        fail(7, "include cycle: " + names)

# Rule 5: the mirror.
for path in files:
    if path.startswith("sim/") and path.endswith(".c") and path != "sim/cli/main.c":
        rel = path[len("sim/"):-2]
        d, n = os.path.split(rel)
        family = [n[:i] for i in range(len(n)) if n[i] == "_"]
        if not (os.path.isfile(f"include/{rel}.h") or os.path.isfile(f"include/{d}/internal/{n}.h")
                or any(os.path.isfile(f"include/{d}/{fam}.h") for fam in family)):
            fail(5, f"{path} has no header include/{rel}.h (nor a family header)")

NAMES = {
    1: "every include names an existing header",
    2: "each folder includes only its own and lower layers",
    3: "private headers (internal/) stay in their folder",
    4: "no include cycle between modules crosses a folder",
    5: "sim/ and include/ mirror each other",
    6: "sodium/gmp only in crypto, curses only in ui, sockets only in net",
    7: "no include cycle outside a private (internal/) family",
}
for rule, name in NAMES.items():
    if rule in failures:
        print(f"not ok - layout: {name}")
        for msg in failures[rule][:20]:
            print(f"    # {msg}")
    else:
        print(f"ok - layout: {name}")
print(f"# {len(files)} files, {len(edges)} modules, {len(RANK)} layer folders")

#!/usr/bin/env bash
# The UI's modules form a DAG: module X (sim/ui/X.c with include/ui/X.h)
# depends on Y when either file includes "ui/Y.h"; no module may reach
# itself through those includes. Prints the cycles found, if any.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh

ui_cycles() {
    python3 - <<'PY'
import glob, os, re, sys

deps = {}
for path in glob.glob("sim/ui/*.c") + glob.glob("include/ui/*.h"):
    mod = os.path.splitext(os.path.basename(path))[0]
    deps.setdefault(mod, set())
    with open(path, encoding="utf-8") as f:
        for inc in re.findall(r'^\s*#\s*include\s+"ui/(\w+)\.h"', f.read(), re.M):
            if inc != mod:
                deps[mod].add(inc)

# Tarjan's strongly connected components: a component of more than one
# module is a cycle.
index, low, stack, on, cycles = {}, {}, [], set(), []
def visit(v):
    index[v] = low[v] = len(index)
    stack.append(v)
    on.add(v)
    for w in sorted(deps.get(v, ())):
        if w not in index:
            visit(w)
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
        if len(comp) > 1:
            cycles.append(sorted(comp))
for v in sorted(deps):
    if v not in index:
        visit(v)
for c in cycles:
    print("cycle among: " + ", ".join(c))
    for m in c:
        print("  %s -> %s" % (m, ", ".join(sorted(d for d in deps[m] if d in c))))
sys.exit(1 if cycles else 0)
PY
}

ok "no include cycles among the ui modules" ui_cycles

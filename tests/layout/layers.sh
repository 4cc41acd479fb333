#!/usr/bin/env bash
# The layering rules of sim/README.md, checked on the tree (tests/layout/layers.py),
# then checked to fail on a planted violation, so the check itself is tested.
source tests/lib.sh
python3 tests/layout/layers.py .

# A copy of the tree with one upward include planted must fail rule 2.
mkdir -p "$TMP/tree"
cp -r sim include "$TMP/tree/"
echo '#include "ui/ui_app.h"' >>"$TMP/tree/sim/base/ts_buf.c"
ok "layout: an upward include (base -> ui) is caught" \
    bash -c "python3 tests/layout/layers.py '$TMP/tree' | grep -q '^not ok - layout: each folder'"
# ... and a private header used from another folder fails rule 3.
mkdir -p "$TMP/tree2"
cp -r sim include "$TMP/tree2/"
echo '#include "tls/internal/ts_endpoint.h"' >>"$TMP/tree2/sim/export/ts_json.c"
ok "layout: a private header used from outside its folder is caught" \
    bash -c "python3 tests/layout/layers.py '$TMP/tree2' | grep -q '^not ok - layout: private'"
# ... and a cycle between two screens of the UI fails rule 7.
mkdir -p "$TMP/tree3"
cp -r sim include "$TMP/tree3/"
echo '#include "ui/ui_main.h"' >>"$TMP/tree3/sim/ui/ui_party.c"
ok "layout: a cycle between two UI modules is caught" \
    bash -c "python3 tests/layout/layers.py '$TMP/tree3' | grep -q '^not ok - layout: no include cycle outside'"

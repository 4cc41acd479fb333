#!/usr/bin/env bash
# The one catalogue (sim/po): every string marked in the code has a
# translation in every language, no translation is fuzzy or stale, the
# formats agree (msgfmt --check), sim/po/tlsstep.pot is what `make pot`
# extracts today, and every engine template is in TS_TEMPLATE_LIST.
cd "$(dirname "$0")/../.." || exit 1
source tests/lib.sh

flags=$(make -s --no-print-directory -f Makefile -f - <<<'print-xflags: ; @echo $(XGETTEXT_FLAGS)' print-xflags)
# shellcheck disable=SC2086
xgettext $flags -o "$TMP/fresh.pot" $(find sim include -name '*.[ch]' | sort) 2>"$TMP/xg"
ok "xgettext extracts the marked strings" test -s "$TMP/fresh.pot"
strip_date() { grep -v '^"POT-Creation-Date:' "$1"; }
ok "sim/po/tlsstep.pot is current (run 'make pot' after changing strings)" \
    diff <(strip_date sim/po/tlsstep.pot) <(strip_date "$TMP/fresh.pot")

for po in sim/po/*.po; do
    lang=$(basename "$po" .po)
    ok "$lang: msgfmt --check passes" msgfmt --check -o /dev/null "$po"
    msgmerge --quiet --no-fuzzy-matching -o "$TMP/$lang.po" "$po" "$TMP/fresh.pot" 2>/dev/null
    msgattrib --no-wrap --untranslated --no-obsolete "$TMP/$lang.po" >"$TMP/$lang.missing" 2>/dev/null
    missing=$(grep -c '^msgid "[^"]' "$TMP/$lang.missing")
    if [ "$missing" -eq 0 ]; then
        echo "ok - $lang: every marked string is translated"
    else
        echo "not ok - $lang: $missing marked strings lack a translation"
        grep -B1 -A1 "^msgid \"[^\"]" "$TMP/$lang.missing" | grep -v '^--' | head -30 | sed 's/^/    # /'
    fi
    fuzzy=$(msgattrib --no-wrap --only-fuzzy --no-obsolete "$po" 2>/dev/null | grep -c '^msgid "[^"]')
    same "$lang: no fuzzy translations" "$fuzzy" 0
    stale=$(msgcomm --less-than=2 --unique "$po" "$TMP/fresh.pot" 2>/dev/null |
        msgattrib --no-wrap --no-obsolete --translated 2>/dev/null | grep -c '^msgid "[^"]')
    same "$lang: no translation of a string the code no longer has" "$stale" 0
done

# Every TS_TPL_ macro is listed in TS_TEMPLATE_LIST, so ts_tr_text knows it.
defined=$(grep -o '^#define TS_TPL_[A-Z0-9_]*' include/base/ts_templates.h | sed 's/#define //' | sort)
listed=$(sed -n '/^#define TS_TEMPLATE_LIST/,/^$/p' include/base/ts_templates.h |
    grep -o 'X(TS_TPL_[A-Z0-9_]*)' | sed 's/X(\(.*\))/\1/' | sort)
same "every engine template is in TS_TEMPLATE_LIST" "$listed" "$defined"

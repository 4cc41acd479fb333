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

# entries FILE: how many messages FILE holds, the header not counted (a
# message whose msgid spans lines starts with msgid "" too, so count them
# with msgfmt, not grep).
entries() {
    local st
    st=$(msgfmt --statistics -o /dev/null "$1" 2>&1)
    awk '{ for (i = 1; i < NF; i++) if ($(i + 1) ~ /^(translated|fuzzy|untranslated)$/) n += $i }
         END { print n + 0 }' <<<"$st"
}

for po in sim/po/*.po; do
    lang=$(basename "$po" .po)
    ok "$lang: msgfmt --check passes" msgfmt --check -o /dev/null "$po"
    msgmerge --quiet --no-fuzzy-matching -o "$TMP/$lang.po" "$po" "$TMP/fresh.pot" 2>/dev/null
    msgattrib --no-wrap --untranslated --no-obsolete "$TMP/$lang.po" >"$TMP/$lang.missing" 2>/dev/null
    missing=$(entries "$TMP/$lang.missing")
    if [ "$missing" -eq 0 ]; then
        echo "ok - $lang: every marked string is translated"
    else
        echo "not ok - $lang: $missing marked strings lack a translation"
        msgattrib --no-wrap "$TMP/$lang.missing" | grep -A3 '^#: ' | grep -v '^--' | head -30 |
            sed 's/^/    # /'
    fi
    msgattrib --only-fuzzy --no-obsolete "$po" >"$TMP/$lang.fuzzy" 2>/dev/null
    fuzzy=$(entries "$TMP/$lang.fuzzy")
    same "$lang: no fuzzy translations" "$fuzzy" 0
    msgcomm --less-than=2 --unique "$po" "$TMP/fresh.pot" 2>/dev/null |
        msgattrib --no-obsolete --translated >"$TMP/$lang.stale" 2>/dev/null
    stale=$(entries "$TMP/$lang.stale")
    same "$lang: no translation of a string the code no longer has" "$stale" 0
done

# Every TS_TPL_ macro is listed in TS_TEMPLATE_LIST, so ts_tr_text knows it.
defined=$(grep -o '^#define TS_TPL_[A-Z0-9_]*' include/base/ts_templates.h | sed 's/#define //' | sort)
listed=$(sed -n '/^#define TS_TEMPLATE_LIST/,/^$/p' include/base/ts_templates.h |
    grep -o 'X(TS_TPL_[A-Z0-9_]*)' | sed 's/X(\(.*\))/\1/' | sort)
same "every engine template is in TS_TEMPLATE_LIST" "$listed" "$defined"

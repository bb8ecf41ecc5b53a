#!/bin/sh
# Rebuild the translation catalog from the source (needs GNU gettext: xgettext, msgmerge, msgen, msgfmt).
#   formation.pot                       the template: every string of the wizard
#   <lang>/LC_MESSAGES/formation.po     one catalog per language (English: msgstr = msgid)
#   <lang>/LC_MESSAGES/formation.mo     compiled, shipped in the wheel
# Run from the repository root: sh wizard/locale/update.sh
set -eu
cd "$(dirname "$0")/../.."
find wizard -name '*.py' | LC_ALL=C sort > /tmp/formation-i18n-files.$$
xgettext --language=Python --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
    --add-comments=Translators --sort-by-file --package-name=formation --no-wrap \
    --files-from=/tmp/formation-i18n-files.$$ --output=wizard/locale/formation.pot
rm -f /tmp/formation-i18n-files.$$
sed -i 's/charset=CHARSET/charset=UTF-8/' wizard/locale/formation.pot
for po in wizard/locale/*/LC_MESSAGES/formation.po; do
    [ -f "$po" ] || continue
    lang=$(basename "$(dirname "$(dirname "$po")")")
    if [ "$lang" = en ]; then
        msgen --no-wrap wizard/locale/formation.pot \
            | sed -e 's/^"Language: \\n"/"Language: en\\n"/' \
                  -e 's/^"Plural-Forms: .*/"Plural-Forms: nplurals=2; plural=(n != 1);\\n"/' \
                  -e 's/^"PO-Revision-Date: .*/"PO-Revision-Date: 2026-11-30 00:00+0000\\n"/' \
                  -e 's/^"Last-Translator: .*/"Last-Translator: formation maintainers\\n"/' \
                  -e 's/^"Language-Team: .*/"Language-Team: English\\n"/' > "$po"
    else
        msgmerge --quiet --no-wrap --update --backup=none "$po" wizard/locale/formation.pot
    fi
    msgfmt --check --output-file="${po%.po}.mo" "$po"
done

#!/usr/bin/env bash
# Builds i18n/tessera.pot from the application's sources with xgettext and an explicit keyword
# list, then merges it into every i18n/*.po. Run from anywhere: bash i18n/extract.sh
set -euo pipefail
cd "$(dirname "$0")/.."

sources=$(find src/app -name '*.cpp' -o -name '*.h' | LC_ALL=C sort)
# --keyword= drops xgettext's default keywords, so that only these are extracted:
#   _("…")                          immediate text
#   wxTRANSLATE("…")                static tables, translated where they are shown
#   wxPLURAL("one", "many", n)      counts
#   wxGETTEXT_IN_CONTEXT("ctx", "…") short ambiguous words
xgettext --language=C++ --from-code=UTF-8 --add-comments=TRANSLATORS: \
  --keyword= --keyword=_ --keyword=wxTRANSLATE --keyword=wxPLURAL:1,2 \
  --keyword=wxGETTEXT_IN_CONTEXT:1c,2 --keyword=wxGETTEXT_IN_CONTEXT_PLURAL:1c,2,3 \
  --package-name=Tessera --package-version=0.1 --msgid-bugs-address=tessera-translations@example.org \
  --copyright-holder="The Tessera authors" --sort-by-file --width=100 \
  -o i18n/tessera.pot $sources

# Message ids must be ASCII: a non-ASCII narrow literal becomes an empty wxString under the C locale.
if LC_ALL=C grep -n '^msgid.*[^[:print:][:space:]]' i18n/tessera.pot; then
  echo "extract.sh: non-ASCII msgid above; write it with wxString::FromUTF8 outside _() instead" >&2
  exit 1
fi

for po in i18n/*.po; do
  [ -e "$po" ] || continue
  msgmerge --quiet --update --backup=none --width=100 "$po" i18n/tessera.pot
done
echo "i18n/tessera.pot: $(grep -c '^msgid ' i18n/tessera.pot) messages"

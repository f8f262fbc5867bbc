#!/usr/bin/env bash
# Refreshes attnlab_ja.ts and attnlab_fa.ts from the tr() and QCoreApplication::translate() strings of app/,
# widgets/ and model/. New strings arrive unfinished: translate them in Qt Linguist (or the XML) and run
# tests/app/tst_translations, which fails while any string lacks a Japanese or Persian translation.
#
# -locations none: line numbers would change the .ts files on every unrelated edit of a source file.
# -I .: includes name their path from the repository root ("app/window/main_window.h").
# -no-obsolete: a string that left the code leaves the .ts files too, instead of lingering as "vanished".
set -euo pipefail
cd "$(dirname "$0")/../.."

lupdate=$(command -v lupdate6 || command -v lupdate || true)
[ -x /usr/lib/qt6/bin/lupdate ] && lupdate=/usr/lib/qt6/bin/lupdate
if [ -z "$lupdate" ]; then
  echo "error: lupdate not found: install the Debian package qt6-l10n-tools" >&2
  exit 1
fi

for language in ja fa; do
  "$lupdate" -silent -locations none -no-obsolete -source-language en -target-language "$language" \
    -I . -extensions cpp,h app widgets model -ts "resources/translations/attnlab_${language}.ts"
done

#!/usr/bin/env bash
# The main job on the bundled example study: set-up, build, import the study into a fresh
# project, apply the shipped codebook and the two coders' codings, then open the application
# on it. With no display, the same pipeline runs through tessera-cli and prints what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh default >&2
cli=build/default/src/cli/tessera-cli
app=build/default/src/app/tessera
out=examples/out
project="$out/example-study.tessera"
mkdir -p "$out"
rm -rf "$project" "$project-wal" "$project-shm" "$project.xapian"

export TESSERA_CODER=lead
"$cli" init "$project"
"$cli" codebook "$project" import codebooks/ocsea-study.qdc
"$cli" import "$project" examples/transcripts --variables examples/variables.csv
"$cli" import-codings "$project" examples/codings.csv
"$cli" check "$project"

if [ -n "${DISPLAY:-}" ] && [ -x "$app" ] && [ "${TESSERA_NO_GUI:-0}" != "1" ]; then
  exec "$app" "$project"
fi

echo
echo "== Documents"
"$cli" documents "$project"
echo
echo "== Codebook"
"$cli" codebook "$project" list
echo
echo "== Search: police (every language)"
"$cli" search "$project" 'police OR polícia OR "cảnh sát" OR ตำรวจ OR នគរបាល OR polisi' --limit 10 2>/dev/null || true
echo
echo "== Theme matrix: codes by gender (cells under 5 suppressed)"
"$cli" matrix "$project" --by gender --count cases --min-cell 5 --rollup --codes "Justice process" "Barriers"
echo
echo "== Agreement between amara and niran (document unit)"
"$cli" agreement "$project" --coders amara,niran --unit document | tail -n 1
echo
echo "Project written to $project"

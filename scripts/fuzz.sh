#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang, ASan + UBSan) and runs each for a bounded
# time with a seed corpus from tests/data, examples, codebooks and fuzz/seeds.
#
#   scripts/fuzz.sh [SECONDS]        # default 60 seconds per target
#
# Every crash, timeout or out-of-memory input is copied to tests/data/fuzz-regressions/<target>/,
# where tests/test_fuzz_regressions*.cpp replay it on every test run; the script then exits 1.
# Fix the bug, keep the file.
#
# Environment:
#   TESSERA_FUZZ_BUILD_DIR   build folder (default build/fuzz, the preset's)
#   TESSERA_FUZZ_CMAKE_ARGS  extra configure arguments (e.g. -DTESSERA_EXCLUDE_AREAS=analysis)
#   TESSERA_FUZZ_TARGETS     only these targets, space-separated (decode_text transcript office
#                            subtitles csv sealed_header qdc qdpx query_parser)
#   TESSERA_FUZZ_JOBS        build jobs (default 2)
#   TESSERA_FUZZ_EXTRA_SEEDS a folder of more seed files, picked by extension like the others
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
seconds="${1:-60}"
build="${TESSERA_FUZZ_BUILD_DIR:-$root/build/fuzz}"
jobs="${TESSERA_FUZZ_JOBS:-2}"

# shellcheck disable=SC2086
cmake --preset fuzz -B "$build" -DTESSERA_BUILD_TESTS=OFF ${TESSERA_FUZZ_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" --target fuzz_all -j "$jobs"

# Seed files of each target, by extension.
extensions() {
  case "$1" in
    decode_text | transcript) echo "txt text md srt vtt" ;;
    office) echo "docx odt" ;;
    subtitles) echo "srt vtt" ;;
    csv) echo "csv" ;;
    qdc) echo "qdc" ;;
    qdpx) echo "qdpx qde" ;;
    *) echo "" ;;
  esac
}

found=0
for exe in "$build"/fuzz/fuzz_*; do
  [ -x "$exe" ] || continue
  target="${exe##*/fuzz_}"
  if [ -n "${TESSERA_FUZZ_TARGETS:-}" ] && [[ " $TESSERA_FUZZ_TARGETS " != *" $target "* ]]; then continue; fi
  corpus="$build/fuzz-corpus/$target"
  seeds="$build/fuzz-seeds/$target"
  artifacts="$build/fuzz-artifacts/$target"
  regressions="$root/tests/data/fuzz-regressions/$target"
  mkdir -p "$corpus" "$seeds" "$artifacts"
  rm -f "$seeds"/*
  for ext in $(extensions "$target"); do
    for dir in tests/data examples codebooks ${TESSERA_FUZZ_EXTRA_SEEDS:-}; do
      [ -d "$dir" ] || continue
      find "$dir" -type f -iname "*.$ext" -size -1024k -print0 | while IFS= read -r -d '' f; do
        cp "$f" "$seeds/$(sha1sum "$f" | cut -c1-16).$ext"
      done
    done
  done
  [ -d "fuzz/seeds/$target" ] && cp fuzz/seeds/"$target"/* "$seeds/" 2>/dev/null || true
  [ -d "$regressions" ] && cp "$regressions"/* "$seeds/" 2>/dev/null || true

  echo "== $target: ${seconds}s, $(ls "$seeds" | wc -l) seeds, corpus $(ls "$corpus" | wc -l)"
  before=$(ls "$artifacts" | wc -l)
  # -fork would use more cores; one process keeps the machine usable.
  nice -n 10 "$exe" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=262144 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$seeds" 2>"$build/fuzz-$target.log" || true
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)" "$build/fuzz-$target.log" || true
  after=$(ls "$artifacts" | wc -l)
  if [ "$after" -gt "$before" ]; then
    mkdir -p "$regressions"
    for a in "$artifacts"/*; do
      name="$(basename "$a")"
      [ -e "$regressions/$name" ] || { cp "$a" "$regressions/$name"; echo "   new finding: tests/data/fuzz-regressions/$target/$name"; }
    done
    found=1
  fi
done
if [ "$found" = 1 ]; then
  echo "Findings were copied to tests/data/fuzz-regressions/; see $build/fuzz-<target>.log" >&2
  exit 1
fi
echo "No crashes found."

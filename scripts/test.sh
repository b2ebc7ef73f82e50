#!/usr/bin/env bash
# Set-up, build and the whole test suite (Catch2 through ctest, the GUI under Xvfb).
# TESSERA_SKIP_SLOW=1 leaves out the tests labelled slow (CI runs them all).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-default}"
bash scripts/build.sh "$preset"
args=(--preset "$preset")
[ "${TESSERA_SKIP_SLOW:-0}" = "1" ] && args+=(-LE slow)
ctest "${args[@]}"

#!/usr/bin/env bash
# Configures (once) and builds a preset: default (RelWithDebInfo, warnings as errors) or asan.
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-default}"
# ccache keyed on paths relative to the checkout, so that every clone shares one cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
bash scripts/setup.sh
[ -f "build/$preset/CMakeCache.txt" ] || cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"

#!/usr/bin/env bash
# A longer run of the C-API fuzzer than CTest's (tests/README.md): every seed of a range under
# PYTHONMALLOC=pymalloc, malloc and debug, each run compared with the CPython build. Stops at
# the first difference, shows it and keeps both outputs.
#
#   tests/capi_fuzz/fuzz_long.sh [FIRST_SEED] [SEEDS] [CALLS] [BUILD_DIR]
#
# Defaults: seeds 100..199, 50000 calls each, build/debug (the two programs are built first).
set -euo pipefail
cd "$(dirname "$0")/../.."
first=${1:-100}
count=${2:-100}
calls=${3:-50000}
build=${4:-build/debug}
cmake --build "$build" --target minipy_capi_fuzz minipy_capi_fuzz_on_cpython >/dev/null
work="$build/tests/capi_fuzz/long"
mkdir -p "$work"
for ((seed = first; seed < first + count; seed++)); do
    for allocator in pymalloc malloc debug; do
        out="$work/seed$seed.$allocator"
        if ! PYTHONMALLOC=$allocator cmake -DMINIPY="$build/tests/capi_fuzz/minipy_capi_fuzz" \
            -DCPYTHON="$build/tests/capi_fuzz/minipy_capi_fuzz_on_cpython" \
            -DSEED="$seed" -DOPS="$calls" -DWORK_DIR="$out" \
            -P tests/capi_fuzz/differential.cmake >"$work/report" 2>&1 </dev/null; then
            echo "seed $seed, PYTHONMALLOC=$allocator:"
            cat "$work/report"
            exit 1
        fi
        rm -rf "$out"
    done
    echo "seed $seed: same output under pymalloc, malloc and debug"
done

#!/usr/bin/env bash
# A longer run of the C-API fuzzer than CTest's (tests/README.md): every seed of a range under
# PYTHONMALLOC=pymalloc, malloc and debug, each run compared with the CPython build. Stops at
# the first difference, shows it and keeps both outputs.
#
#   tests/capi_fuzz/fuzz_long.sh [FIRST_SEED] [SEEDS] [CALLS] [BUILD_DIR]
#
# Defaults: seeds 100..199, 50000 calls each, build/debug (the two programs are built first).
# JOBS=N runs N comparisons at once (default: the number of processors).
set -euo pipefail
cd "$(dirname "$0")/../.."
first=${1:-100}
count=${2:-100}
calls=${3:-50000}
build=${4:-build/debug}
jobs=${JOBS:-$(nproc)}
cmake --build "$build" --target minipy_capi_fuzz minipy_capi_fuzz_on_cpython >/dev/null
work="$build/tests/capi_fuzz/long"
mkdir -p "$work"

# One seed under one allocator; exit status 255 stops xargs at the first difference.
compare() {
    local seed=$1 allocator=$2 out="$work/seed$1.$2"
    if ! PYTHONMALLOC=$allocator cmake -DMINIPY="$build/tests/capi_fuzz/minipy_capi_fuzz" \
        -DCPYTHON="$build/tests/capi_fuzz/minipy_capi_fuzz_on_cpython" \
        -DSEED="$seed" -DOPS="$calls" -DWORK_DIR="$out" \
        -P tests/capi_fuzz/differential.cmake >"$out.report" 2>&1 </dev/null; then
        echo "seed $seed, PYTHONMALLOC=$allocator:"
        cat "$out.report"
        exit 255
    fi
    rm -rf "$out" "$out.report"
    echo "seed $seed, PYTHONMALLOC=$allocator: same output"
}
export -f compare
export work build calls

for ((seed = first; seed < first + count; seed++)); do
    for allocator in pymalloc malloc debug; do echo "$seed $allocator"; done
done | xargs -P "$jobs" -L1 bash -c 'compare "$@"' compare
echo "seeds $first..$((first + count - 1)), $calls calls each: the same output as CPython" \
    "under pymalloc, malloc and debug"

#!/usr/bin/env bash
# Instructions per operation of each allocator, counted by callgrind.
#
# usage: bench/alloc/callgrind_counts.sh [--quick | --all-sizes] [<build-dir>]
#   <build-dir>  a configured build tree (default: build/release); the driver is
#                <build-dir>/bench/minipy_alloc_callgrind_driver
#   --quick      pair loop at 32 bytes only (default: 16, 32, 64, 128, 256 and 512 bytes)
#   --all-sizes  pair loop at each of the 32 size classes, 16 .. 512 bytes
#
# Method: each case runs the driver twice under `valgrind --tool=callgrind`, with N and 2N
# operations, and prints (Ir(2N) - Ir(N)) / N. Everything that does not scale with N
# (start-up, dlopen of libpython, generating the churn stream, filling and draining the
# window) is the same in both runs and cancels. The churn stream is generated at 2N
# entries in both runs for that reason. Counts are deterministic: one run per case is
# enough, on a noisy machine too.
#
# Rows:  pair <size>            malloc + free, one block of that size pinned (steady state)
#        pair <size> unpinned   the same without the pin: every free empties the pool
#        churn step             free a random block of the 10^5 window, malloc 1..512, touch
#        realloc                one realloc call of the 8 B -> 64 KiB growth chain
#        empty loop             the pair loop calling two functions that do nothing
# minipy's functions are called directly, the others through a pointer (one call
# instruction either way; see callgrind_driver.cpp).
set -euo pipefail

sizes=(16 32 64 128 256 512)
build_dir=""
for arg in "$@"; do
    case "$arg" in
        --quick) sizes=(32) ;;
        --all-sizes) mapfile -t sizes < <(seq 16 16 512) ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
                   exit 0 ;;
        *) build_dir="$arg" ;;
    esac
done
repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="${build_dir:-$repo_root/build/release}"
driver="$build_dir/bench/minipy_alloc_callgrind_driver"
if [[ ! -x "$driver" ]]; then
    echo "no driver at $driver: build the tree first (cmake --build $build_dir)" >&2
    exit 2
fi
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }

# Debian's jemalloc needs more static TLS than glibc reserves for dlopen (allocators.hpp).
# Set it here: the driver would otherwise re-execute itself, out of callgrind's sight.
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.rtld.optional_static_tls=65536"

allocators=(pymalloc minipy-malloc malloc cpython mimalloc jemalloc)
n_pair=100000
n_churn=200000
n_realloc=2000
chain_length="$("$driver" realloc-length)"

# ir <driver arguments...>: total instructions of one run, or "skip" when the driver says
# the allocator is not available (exit status 3).
ir() {
    local log status
    log="$(mktemp)"
    status=0
    valgrind --tool=callgrind --callgrind-out-file=/dev/null --log-file="$log" \
        "$driver" "$@" 2>/dev/null || status=$?
    if [[ $status == 3 ]]; then
        echo skip
    elif [[ $status != 0 ]]; then
        echo "driver failed ($status): $*" >&2
        echo fail
    else
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$log"
    fi
    rm -f "$log"
}

# per_op <divisor> <n> <args with N...> -- <args with 2N...>
per_op() {
    local divisor="$1" n="$2"
    shift 2
    local first=() second=()
    while [[ "$1" != "--" ]]; do first+=("$1"); shift; done
    shift
    second=("$@")
    local a b
    a="$(ir "${first[@]}")"
    [[ $a == skip || $a == fail ]] && { echo "$a"; return; }
    b="$(ir "${second[@]}")"
    [[ $b == skip || $b == fail ]] && { echo "$b"; return; }
    awk -v a="$a" -v b="$b" -v n="$n" -v d="$divisor" 'BEGIN { printf "%.1f", (b - a) / n / d }'
}

printf '| instructions per operation |'
for a in "${allocators[@]}"; do printf ' %s |' "$a"; done
printf '\n|---|'
for a in "${allocators[@]}"; do printf '%s' '---:|'; done
printf '\n'

row() {  # row <label> <command producing a cell for allocator $1>
    local label="$1" fn="$2"
    printf '| %s |' "$label"
    for a in "${allocators[@]}"; do printf ' %s |' "$("$fn" "$a")"; done
    printf '\n'
}

for size in "${sizes[@]}"; do
    cell_pair() { per_op 1 $n_pair pair "$1" "$size" $n_pair -- pair "$1" "$size" $((2 * n_pair)); }
    row "pair $size B" cell_pair
done
cell_unpinned() {
    per_op 1 $n_pair pair-unpinned "$1" 32 $n_pair -- pair-unpinned "$1" 32 $((2 * n_pair))
}
row "pair 32 B unpinned" cell_unpinned
cell_churn() {
    per_op 1 $n_churn churn "$1" $n_churn $((2 * n_churn)) -- \
        churn "$1" $((2 * n_churn)) $((2 * n_churn))
}
row "churn step" cell_churn
cell_realloc() {
    per_op "$chain_length" $n_realloc realloc "$1" $n_realloc -- realloc "$1" $((2 * n_realloc))
}
row "realloc ($chain_length per chain)" cell_realloc
empty="$(per_op 1 $n_pair empty $n_pair -- empty $((2 * n_pair)))"
echo
echo "empty loop (pair loop calling two functions that do nothing): $empty instructions per pair"
echo "'skip': allocator not available in this build (see its configure messages)"

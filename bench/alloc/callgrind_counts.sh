#!/usr/bin/env bash
# Instructions per operation of each allocator, counted by callgrind.
#
# usage: bench/alloc/callgrind_counts.sh [--quick | --all-sizes] [<build-dir>]
#        bench/alloc/callgrind_counts.sh --debug-hooks [--quick] [<build-dir>]
#        bench/alloc/callgrind_counts.sh --gil [<build-dir>]
#   <build-dir>    a configured build tree (default: build/release); the drivers are
#                  <build-dir>/bench/minipy_alloc_callgrind_driver and, for --debug-hooks and
#                  --gil, <build-dir>/bench/minipy_runtime_callgrind_driver
#   --quick        pair loop at 32 bytes only (default: 16, 32, 64, 128, 256 and 512 bytes);
#                  with --debug-hooks: the 64-byte pair only, no churn
#   --all-sizes    pair loop at each of the 32 size classes, 16 .. 512 bytes
#   --debug-hooks  instead of the allocator table: pair (16, 64, 256, 1024 B) and churn step
#                  through each domain with the debug hooks off and on, under pymalloc,
#                  malloc and CPython 3.11, with the runtime started (the MEM and OBJ hooks
#                  check the GIL) and, marked "runtime no", without it
#   --gil          instead of the allocator table: the uncontended GIL calls (PyGILState_Check,
#                  minipy_eval_checkpoint, PyGILState_Ensure/Release with the GIL held, free,
#                  or in a thread without a state, PyEval_SaveThread/RestoreThread), minipy
#                  against CPython 3.11
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
#        churn step, reading    the same, reading the block's first byte before freeing it
#        realloc                one realloc call of the 8 B -> 64 KiB growth chain
#        empty loop             the pair loop calling two functions that do nothing
# minipy's functions are called directly, the others through a pointer (one call
# instruction either way; see callgrind_driver.cpp).
set -euo pipefail

sizes=(16 32 64 128 256 512)
build_dir=""
mode=allocators
quick=0
for arg in "$@"; do
    case "$arg" in
        --quick) sizes=(32); quick=1 ;;
        --debug-hooks) mode=hooks ;;
        --gil) mode=gil ;;
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
if [[ $mode != allocators ]]; then
    driver="$build_dir/bench/minipy_runtime_callgrind_driver"
    if [[ ! -x "$driver" ]]; then
        echo "no driver at $driver: build the tree first (cmake --build $build_dir)" >&2
        exit 2
    fi
fi

# Debian's jemalloc needs more static TLS than glibc reserves for dlopen (allocators.hpp).
# Set it here: the driver would otherwise re-execute itself, out of callgrind's sight.
# CPython initialized in the --gil and --debug-hooks runs: a fixed hash seed makes its start-up the same in the
# N and 2N runs, so that it cancels exactly.
export PYTHONHASHSEED=0
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.rtld.optional_static_tls=65536"

allocators=(pymalloc pymalloc-16k minipy-malloc malloc cpython mimalloc jemalloc)
n_pair=100000
n_churn=200000
n_realloc=2000

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

# --- --debug-hooks: the hooks' cost per domain, allocator and workload ---------------------
if [[ $mode == hooks ]]; then
    hook_sizes=(16 64 256 1024)
    (( quick )) && hook_sizes=(64)
    printf '| instructions per operation | hooks | runtime |'
    for size in "${hook_sizes[@]}"; do printf ' pair %s B |' "$size"; done
    (( quick )) || printf ' churn step |'
    printf '\n|---|---|---|'
    for size in "${hook_sizes[@]}"; do printf '%s' '---:|'; done
    (( quick )) || printf '%s' '---:|'
    printf '\n'
    # hooks_row <setup> <domain> [bare]
    hooks_row() {
        local setup="$1" domain="$2" bare="${3:-}" base="${1%_debug}" hooks=off runtime=yes
        [[ $setup == *_debug ]] && hooks=on
        [[ -n $bare ]] && runtime=no
        printf '| %s %s | %s | %s |' "$base" "${domain^^}" "$hooks" "$runtime"
        for size in "${hook_sizes[@]}"; do
            printf ' %s |' "$(per_op 1 $n_pair hooks pair "$setup" "$domain" "$size" $n_pair $bare \
                -- hooks pair "$setup" "$domain" "$size" $((2 * n_pair)) $bare)"
        done
        if (( ! quick )); then
            printf ' %s |' "$(per_op 1 $n_churn hooks churn "$setup" "$domain" $n_churn \
                $((2 * n_churn)) $bare -- hooks churn "$setup" "$domain" $((2 * n_churn)) \
                $((2 * n_churn)) $bare)"
        fi
        printf '\n'
    }
    for base in pymalloc malloc cpython; do
        for domain in raw mem obj; do hooks_row "$base" "$domain"; done
        for domain in raw mem obj; do hooks_row "${base}_debug" "$domain"; done
        for domain in mem obj; do hooks_row "${base}_debug" "$domain" bare; done
    done
    echo
    echo "runtime yes: the runtime started (minipy's with config.allocator set; CPython's with"
    echo "Py_InitializeEx(0) after its hooks were set), MEM and OBJ hooks call PyGILState_Check;"
    echo "no: minipy's allocators set with _PyMem_SetupAllocators, no GIL check registered;"
    echo "CPython not initialized, its check answers at once."
    echo "'skip': not available in this build (libpython not found)"
    exit 0
fi

# --- --gil: the uncontended GIL calls -------------------------------------------------------
if [[ $mode == gil ]]; then
    printf '| instructions per call (pair: per pair) | minipy | cpython 3.11 |\n|---|---:|---:|\n'
    for op in check checkpoint ensure-held ensure-free ensure-new save-restore; do
        printf '| %s |' "$op"
        for rt in minipy cpython; do
            printf ' %s |' "$(per_op 1 $n_pair gil "$rt" "$op" $n_pair -- gil "$rt" "$op" $((2 * n_pair)))"
        done
        printf '\n'
    done
    one="$(per_op 1 $n_pair empty 1 $n_pair -- empty 1 $((2 * n_pair)))"
    two="$(per_op 1 $n_pair empty 2 $n_pair -- empty 2 $((2 * n_pair)))"
    echo
    echo "empty loop calling one function that does nothing: $one instructions; two: $two"
    echo "'skip': not available (libpython not found, or CPython has no such call)"
    exit 0
fi

chain_length="$("$driver" realloc-length)"
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
cell_churn_read() {
    per_op 1 $n_churn churn-read "$1" $n_churn $((2 * n_churn)) -- \
        churn-read "$1" $((2 * n_churn)) $((2 * n_churn))
}
row "churn step, reading" cell_churn_read
cell_realloc() {
    per_op "$chain_length" $n_realloc realloc "$1" $n_realloc -- realloc "$1" $((2 * n_realloc))
}
row "realloc ($chain_length per chain)" cell_realloc
empty="$(per_op 1 $n_pair empty $n_pair -- empty $((2 * n_pair)))"
echo
echo "empty loop (pair loop calling two functions that do nothing): $empty instructions per pair"
echo "'skip': allocator not available in this build (see its configure messages)"

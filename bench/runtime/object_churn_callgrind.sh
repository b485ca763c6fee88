#!/usr/bin/env bash
# Instructions per object created and destroyed (runtime/object_churn_workloads.hpp), counted
# by callgrind, under the four configurations: pymalloc / malloc x free lists on / off, and
# the same loop run by CPython 3.11 (pymalloc, its free lists on: it has no switch for them)
# with minipy / CPython, when the build holds minipy_object_churn_callgrind_driver_on_cpython
# (python3-config --embed worked at configure time).
#
# usage: bench/runtime/object_churn_callgrind.sh [--all] [<build-dir>]
#   <build-dir>  a configured build tree (default: build/release) holding
#                bench/minipy_object_churn_callgrind_driver
#   --all        every kind (int, float, tuple2, tuple3, dict3, mixed); default: float and
#                tuple2, each as a pair and in the window
#
# Method (as bench/alloc/callgrind_counts.sh): each cell runs the driver twice under
# `valgrind --tool=callgrind`, with N and 2N steps, and prints (Ir(2N) - Ir(N)) / N divided by
# the objects a step makes (4 for mixed, else 1). Start-up, filling and draining the window and
# shutdown are the same in both runs and cancel. The counts are deterministic (str hashes use
# a fixed key, the replacement order a fixed seed): one run per cell is enough.
set -euo pipefail

kinds=(float tuple2)
build_dir=""
for arg in "$@"; do
    case "$arg" in
        --all) kinds=(int float tuple2 tuple3 dict3 mixed) ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
                   exit 0 ;;
        *) build_dir="$arg" ;;
    esac
done
repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="${build_dir:-$repo_root/build/release}"
driver="$build_dir/bench/minipy_object_churn_callgrind_driver"
if [[ ! -x "$driver" ]]; then
    echo "no driver at $driver: build the tree first (cmake --build $build_dir)" >&2
    exit 2
fi
cpython_driver="$build_dir/bench/minipy_object_churn_callgrind_driver_on_cpython"
[[ -x "$cpython_driver" ]] || cpython_driver=""
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }

n_steps=100000

# ir <driver> <driver arguments...>: total instructions of one run.
ir() {
    local log status=0 program="$1"
    shift
    log="$(mktemp)"
    valgrind --tool=callgrind --callgrind-out-file=/dev/null --log-file="$log" \
        "$program" "$@" 2>/dev/null || status=$?
    if [[ $status != 0 ]]; then
        echo "driver failed ($status): $program $*" >&2
        echo fail
    else
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$log"
    fi
    rm -f "$log"
}

# per_object <driver> <kind> <shape> <allocator> <on|off>
per_object() {
    local per=1 a b
    [[ $2 == mixed ]] && per=4
    a="$(ir "$@" $n_steps)"
    b="$(ir "$@" $((2 * n_steps)))"
    [[ $a == fail || $b == fail ]] && { echo fail; return; }
    awk -v a="$a" -v b="$b" -v n="$n_steps" -v d="$per" 'BEGIN { printf "%.1f", (b - a) / n / d }'
}

header='| instructions per object | pymalloc, free lists on | pymalloc, off | malloc, on | malloc, off |'
rule='|---|---:|---:|---:|---:|'
if [[ -n $cpython_driver ]]; then
    header+=' CPython 3.11 (pymalloc) | minipy / CPython |'
    rule+='---:|---:|'
fi
printf '%s\n%s\n' "$header" "$rule"
for kind in "${kinds[@]}"; do
    for shape in pair window; do
        printf '| %s %s |' "$kind" "$shape"
        ours=""
        for allocator in pymalloc malloc; do
            for freelists in on off; do
                count="$(per_object "$driver" "$kind" "$shape" "$allocator" "$freelists")"
                [[ -z $ours ]] && ours="$count"
                printf ' %s |' "$count"
            done
        done
        if [[ -n $cpython_driver ]]; then
            theirs="$(per_object "$cpython_driver" "$kind" "$shape" pymalloc on)"
            printf ' %s | %s |' "$theirs" "$(awk -v a="$ours" -v b="$theirs" \
                'BEGIN { if (a == "fail" || b == "fail" || b == 0) print "-"; else printf "%.2f", a / b }')"
        fi
        printf '\n'
    done
done
echo
echo "one object = one creation + one destruction; pair: destroyed at the next step;"
echo "window: 10000 live objects replaced in random order (object_churn_workloads.hpp)"

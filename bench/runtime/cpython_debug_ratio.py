#!/usr/bin/env python3
"""CPython's own price for its debug hooks: an object churn under PYTHONMALLOC=debug
against PYTHONMALLOC=pymalloc, timed in the same run, for comparison with minipy's hooks
(minipy_debug_hooks_compare).

usage: bench/runtime/cpython_debug_ratio.py [--rounds R] [--steps N] [--python PATH]
                                            [--variants pymalloc,debug,...] [--per-round]

Each round starts one fresh interpreter per variant, in an order that rotates from round
to round; each child times only its churn loop (perf_counter), after a warm-up, and prints
the seconds and the allocator name it ran under (_testcapi.pymem_getallocatorsname(),
when the module exists), so a variant that silently ran the wrong allocator is caught.
The figure is the median of the per-round ratios variant / pymalloc, with quartiles and
the number of rounds in which the variant was slower: a round that runs slow as a whole
cancels out of its own ratio. The parent also measures each child's whole run; what was
not timed by the child (interpreter start-up, the warm-up loop, exit) is reported apart as
"untimed ms", never mixed into the ratios.

The churn: a window of 1024 live slots; each step builds a tuple, a list, a dict and a
str from a fresh int and stores them (or a large int) in a slot, dropping what was there.
(The child runs with -s, not -I: -I would ignore PYTHONMALLOC.) Every step allocates and frees objects of several sizes through PyObject_Malloc, which is
where PYTHONMALLOC=debug adds its hooks (and the GIL check, CPython >= 3.6).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

CHILD = r"""
import sys, time
try:
    import _testcapi
    name = _testcapi.pymem_getallocatorsname()
except Exception:
    name = "?"

def churn(n):
    keep = [None] * 1024
    for i in range(n):
        t = (i, i + 1, None)
        l = [t, i, str(i)]
        d = {"t": t, "l": l}
        keep[i & 1023] = d if i % 3 else i * 1000003
    return keep

steps = int(sys.argv[1])
churn(steps // 10)                       # warm-up: the heap and the caches fill
start = time.perf_counter()
churn(steps)
elapsed = time.perf_counter() - start
print("seconds", repr(elapsed))
print("allocator", name)
"""

EXPECTED = {"pymalloc": "pymalloc", "debug": "pymalloc_debug", "malloc": "malloc",
            "malloc_debug": "malloc_debug", "pymalloc_debug": "pymalloc_debug"}


def run_child(python, variant, steps):
    env = dict(os.environ)
    env["PYTHONMALLOC"] = variant
    env.pop("PYTHONMALLOCSTATS", None)
    started = time.perf_counter()
    out = subprocess.run([python, "-s", "-c", CHILD, str(steps)], env=env, check=True,
                         capture_output=True, text=True).stdout
    wall = time.perf_counter() - started
    fields = dict(line.split(None, 1) for line in out.splitlines() if line.strip())
    seconds = float(fields["seconds"])
    name = fields.get("allocator", "?").strip()
    want = EXPECTED.get(variant)
    if name != "?" and want is not None and name != want:
        sys.exit(f"PYTHONMALLOC={variant}: the child ran under {name}, not {want}")
    return seconds, wall - seconds, name


def quartiles(values):
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[0], q[2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--steps", type=int, default=3000000)
    parser.add_argument("--python", default=shutil.which("python3") or sys.executable)
    parser.add_argument("--variants", default="pymalloc,debug")
    parser.add_argument("--per-round", action="store_true")
    args = parser.parse_args()
    variants = [v for v in args.variants.split(",") if v]
    if "pymalloc" not in variants:
        variants.insert(0, "pymalloc")
    variants.remove("pymalloc")
    variants.insert(0, "pymalloc")  # the reference of every ratio

    version = subprocess.run([args.python, "-c", "import sys; print(sys.version.split()[0])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    seconds = {v: [] for v in variants}
    startup = {v: [] for v in variants}
    names = {}
    for r in range(args.rounds):
        order = variants[r % len(variants):] + variants[:r % len(variants)]
        for v in order:
            s, overhead, name = run_child(args.python, v, args.steps)
            seconds[v].append(s)
            startup[v].append(overhead)
            names[v] = name
        if args.per_round:
            print(f"round {r + 1:2d}: " +
                  "  ".join(f"{v} {seconds[v][-1] * 1e3:.1f} ms" for v in variants))

    print(f"CPython {version} ({args.python}): object churn, {args.steps} steps per run, "
          f"{args.rounds} interleaved rounds")
    print("ms: median of the timed loop; ratio: median of per-round ratios variant / pymalloc\n")
    print(f"{'PYTHONMALLOC':<14} {'allocator':<16} {'ms':>9} {'ns/step':>9} "
          f"{'ratio':>7} {'quartiles':>13} {'slower in':>11} {'untimed ms':>11}")
    base = seconds["pymalloc"]
    for v in variants:
        s = seconds[v]
        line = (f"{v:<14} {names[v]:<16} {statistics.median(s) * 1e3:9.1f} "
                f"{statistics.median(s) * 1e9 / args.steps:9.1f}")
        if v != "pymalloc":
            ratios = [a / b for a, b in zip(s, base)]
            lo, hi = quartiles(ratios)
            slower = sum(1 for x in ratios if x > 1)
            line += (f" {statistics.median(ratios):7.2f} {lo:6.2f}..{hi:<5.2f} "
                     f"{slower:4d} of {len(ratios):<3d}")
        else:
            line += f" {'':7} {'':13} {'':11}"
        line += f" {statistics.median(startup[v]) * 1e3:11.1f}"
        print(line)


if __name__ == "__main__":
    main()

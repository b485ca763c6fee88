#!/usr/bin/env python3
"""Churn time of pymalloc layouts that live in different builds, against CPython and glibc.

usage: bench/alloc/layouts_compare.py --build NAME=BUILD_DIR [--build NAME=BUILD_DIR ...]
                                      [--passes P] [--rounds R] [--steps S]
                                      [--allocators a,b,...] [--per-round]

The header placement is fixed at build time (MINIPY_POOL_HEADERS), and two builds of minipy
cannot share a process, so each build's minipy_alloc_churn_compare runs in a process of its
own: R rounds per process, the builds taking turns, P passes. Inside a process every round
runs pymalloc (and the --allocators, default cpython,malloc,pymalloc-16k where the build has
it) interleaved, so the figures printed are medians of per-round ratios taken inside one
process (other / pymalloc layout), with quartiles: a round slowed down as a whole cancels
out, and the builds meet the same machine in turn. Both churn drivers of workloads.hpp are
reported when the build has them (the plain churn, and the one reading each block before
freeing it).

Output: one table per driver, a row per (build, pymalloc layout), a column per other
allocator. Above 1: the pymalloc layout is faster.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys


def quantile(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    pos = q * (len(values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


ROUND = re.compile(r"^round\s+\d+:(.*)$")
PAIR = re.compile(r"(\S+)\s+([0-9.]+)")


def run_pass(build, rounds, steps, allocators):
    program = os.path.join(build, "bench", "minipy_alloc_churn_compare")
    args = [program, "--rounds", str(rounds), "--no-rss", "--per-round"]
    if steps:
        args += ["--steps", str(steps)]
    if allocators:
        args += ["--allocators", allocators]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    rows = []  # one dict per round: "name" or "name/read" -> ns per step
    for line in out.splitlines():
        m = ROUND.match(line)
        if m:
            rows.append({name: float(ns) for name, ns in PAIR.findall(m.group(1))})
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", action="append", required=True, metavar="NAME=DIR")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--steps", type=int, default=0)
    parser.add_argument("--allocators", default="cpython,malloc,pymalloc-16k")
    parser.add_argument("--per-round", action="store_true")
    o = parser.parse_args()
    builds = []
    for spec in o.build:
        name, _, path = spec.partition("=")
        if not path or not os.path.isdir(path):
            sys.exit(f"--build {spec}: expected NAME=BUILD_DIR")
        builds.append((name, path))

    rounds = {name: [] for name, _ in builds}
    for p in range(o.passes):
        order = builds[p % len(builds):] + builds[:p % len(builds)]
        for name, path in order:
            # A build without the pymalloc-16k allocator (an older one) refuses the name:
            # retry with what every build has.
            try:
                got = run_pass(path, o.rounds, o.steps, o.allocators)
            except subprocess.CalledProcessError:
                got = run_pass(path, o.rounds, o.steps, "cpython,malloc")
            rounds[name] += got
            if o.per_round:
                for r in got:
                    print(name, " ".join(f"{k} {v:.1f}" for k, v in r.items()))

    for driver, suffix in (("churn", ""), ("churn, reading each block before freeing it", "/read")):
        def names(r):  # allocator names measured with this driver in round r
            return {k[: len(k) - len(suffix)] if suffix else k for k in r
                    if k.endswith("/read") == bool(suffix)}
        table, others = [], []
        for name, _ in builds:
            rs = [r for r in rounds[name] if names(r)]
            if not rs:
                continue
            present = set().union(*(names(r) for r in rs))
            layouts = sorted(x for x in present if x.startswith("pymalloc"))
            for x in sorted(present - set(layouts)):
                if x not in others:
                    others.append(x)
            for layout in layouts:
                cells = {x: [r[x + suffix] / r[layout + suffix] for r in rs
                             if x + suffix in r and layout + suffix in r] for x in present}
                ns = [r[layout + suffix] for r in rs if layout + suffix in r]
                table.append((f"{name}: {layout}", statistics.median(ns), len(ns), cells))
        if not table:
            continue
        print(f"\n{driver}: median of per-round ratios other / this (quartiles); "
              f"{o.passes} passes x {o.rounds} rounds per build\n")
        print(f"{'build: layout':<30} {'ns/step':>8} {'rounds':>6}" +
              "".join(f" {x:>22}" for x in others))
        for label, ns, n, cells in table:
            line = f"{label:<30} {ns:8.1f} {n:6d}"
            for x in others:
                r = cells.get(x, [])
                line += (f" {statistics.median(r):>8.2f} ({quantile(r, .25):.2f}-{quantile(r, .75):.2f})"
                         if r else f" {'-':>22}")
            print(line)


if __name__ == "__main__":
    main()

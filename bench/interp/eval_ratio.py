#!/usr/bin/env python3
"""The eval-loop micro-benchmarks of bench/interp/ run by minipy and by python3 in the same
run: interleaved rounds (python3 then minipy, per program, each round), the median wall time of
each, and the ratio minipy / python3 (below 1.0: minipy is faster). Each program's output must
be the same under both, or the ratio is not printed.

    bench/interp/eval_ratio.py [--minipy build/release/interp/minipy] [--rounds 5]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run_once(argv):
    start = time.perf_counter()
    out = subprocess.run(argv, capture_output=True, check=True).stdout
    return time.perf_counter() - start, out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minipy", default=os.path.join(ROOT, "build", "release", "interp", "minipy"))
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    programs = sorted(f for f in os.listdir(HERE) if f.endswith(".py") and f != "eval_ratio.py")
    print(f"| program | python3 s | minipy s | ratio |")
    print(f"|---|---:|---:|---:|")
    for name in programs:
        path = os.path.join(HERE, name)
        times = {"python3": [], "minipy": []}
        outputs = {}
        for _ in range(args.rounds):
            for label, argv in (("python3", [args.python, path]), ("minipy", [args.minipy, path])):
                seconds, out = run_once(argv)
                times[label].append(seconds)
                outputs[label] = out
        py = statistics.median(times["python3"])
        mp = statistics.median(times["minipy"])
        ratio = f"{mp / py:.2f}" if outputs["python3"] == outputs["minipy"] else "output differs"
        print(f"| {name[:-3]} | {py:.3f} | {mp:.3f} | {ratio} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs one workload at its small size under an interpreter and compares what it prints
with expected.txt (CPython 3.11's output). The CTest tests workloads.<interpreter>.* call
it; by hand:
    bench/workloads/check.py [--allocator pymalloc|malloc|debug] INTERPRETER NAME
The run passes when the interpreter exits with status 0, prints exactly the expected line
and writes nothing to stderr (the debug hooks report there)."""

import argparse
import os
import subprocess
import sys

# Keep the source tree free of __pycache__ (CTest runs these from it).
sys.dont_write_bytecode = True
import manifest  # noqa: E402 (after the line above)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--allocator", help="PYTHONMALLOC for the run (unset: the interpreter's default)")
    parser.add_argument("interpreter")
    parser.add_argument("name")
    args = parser.parse_args()

    expected = manifest.expected_outputs()
    if args.name not in expected:
        raise SystemExit("check.py: no workload %r in %s" % (args.name, manifest.EXPECTED))
    size, want = expected[args.name]
    env = dict(os.environ)
    env.pop("PYTHONMALLOC", None)
    if args.allocator:
        env["PYTHONMALLOC"] = args.allocator
    script = os.path.join(manifest.HERE, args.name + ".py")
    command = [args.interpreter, script, str(size)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    problems = []
    if done.returncode != 0:
        problems.append("exit status %d, expected 0" % done.returncode)
    if done.stdout != want + "\n":
        problems.append("stdout differs\n  expected: %r\n  got:      %r" % (want + "\n", done.stdout))
    if done.stderr:
        problems.append("stderr is not empty:\n" + done.stderr)
    where = "PYTHONMALLOC=%s " % args.allocator if args.allocator else ""
    if problems:
        print("check.py: %s%s:\n%s" % (where, " ".join(command), "\n".join(problems)))
        return 1
    print("check.py: %s%s printed %r as CPython 3.11 does" % (where, args.name, want))
    return 0


if __name__ == "__main__":
    sys.exit(main())

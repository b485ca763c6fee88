#!/usr/bin/env python3
"""Writes what CPython 3.11 does with each program of tests/scripts/cases/: <name>.out (its
stdout), <name>.err (its stderr) and <name>.status (its exit status); a program with a
<name>.in beside it reads that file as its stdin (others read nothing). Run it with python3
after adding or changing a case; commit what it writes. Each program runs from the cases
directory under its bare file name, as the CTest runner runs minipy, so tracebacks name the
same file; a program named io_* (one that writes files) runs by its absolute path from an empty
temporary directory, as the runner runs it, and tracebacks leave the cases directory out."""
import os
import subprocess
import sys
import tempfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("generate.py: run it with CPython 3.11 (the behaviour minipy follows)")
    names = sorted(f for f in os.listdir(HERE) if f.endswith(".py"))
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1")
    for name in names:
        base = name[:-3]
        stdin_path = os.path.join(HERE, base + ".in")
        with open(stdin_path, "rb") if os.path.exists(stdin_path) else open(os.devnull, "rb") as stdin:
            if base.startswith("io_"):
                # Programs that write files run by their absolute path from an empty
                # directory of their own, as run_script.cmake runs them.
                with tempfile.TemporaryDirectory() as scratch:
                    proc = subprocess.run([sys.executable, "-X", "utf8", os.path.join(HERE, name)],
                                          cwd=scratch, env=env, stdin=stdin,
                                          capture_output=True, timeout=60)
            else:
                proc = subprocess.run([sys.executable, "-X", "utf8", name], cwd=HERE, env=env,
                                      stdin=stdin, capture_output=True, timeout=60)
        # Tracebacks name the script by its absolute path: the cases directory is left out
        # (the runner does the same with minipy's), so the files do not depend on the checkout.
        stderr = proc.stderr.replace((HERE + os.sep).encode(), b"")
        for suffix, data in ((".out", proc.stdout), (".err", stderr)):
            with open(os.path.join(HERE, base + suffix), "wb") as f:
                f.write(data)
        with open(os.path.join(HERE, base + ".status"), "w") as f:
            f.write(f"{proc.returncode}\n")
    print(f"generate.py: {len(names)} programs")


if __name__ == "__main__":
    main()

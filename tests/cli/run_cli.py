"""Runs minipy on cases of cases.py and compares with expected/ (python3's output, derived
as cases.py says). Usage: run_cli.py MINIPY [CASE...] (no CASE: all). Exit 1 on a difference,
which is printed as a diff."""
import difflib
import os
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import cases  # noqa: E402
import cli_common  # noqa: E402

HERE = pathlib.Path(__file__).parent


def compare(what, expected, actual):
    if expected == actual:
        return True
    sys.stdout.write(f"--- {what}: expected (python3) / +++ minipy\n")
    sys.stdout.writelines(difflib.unified_diff(
        expected.splitlines(True), actual.splitlines(True), "python3", "minipy"))
    sys.stdout.write("\n")
    return False


def main():
    minipy = os.path.abspath(sys.argv[1])
    wanted = set(sys.argv[2:])
    by_name = {c["name"]: c for c in cases.CASES}
    unknown = wanted - by_name.keys()
    if unknown:
        sys.exit(f"unknown cases: {sorted(unknown)}")
    failed = []
    for c in cases.CASES:
        if wanted and c["name"] not in wanted:
            continue
        # The leak check is on: every block must be back at exit.
        stdout, stderr, status = cli_common.run_case(minipy, c, {"MINIPY_LEAK_CHECK": "1"})
        name = c["name"]
        ok = compare(f"{name} stdout", (HERE / "expected" / f"{name}.out").read_text(), stdout)
        ok &= compare(f"{name} stderr", (HERE / "expected" / f"{name}.err").read_text(), stderr)
        ok &= compare(f"{name} status",
                      (HERE / "expected" / f"{name}.status").read_text(), f"{status}\n")
        if not ok:
            failed.append(name)
    if failed:
        print(f"{len(failed)} failed: {' '.join(failed)}")
        sys.exit(1)
    print("all passed")


if __name__ == "__main__":
    main()

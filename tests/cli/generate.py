"""Writes expected/<case>.{out,err,status}: what python3 prints for each case of cases.py,
with the derivations listed there applied. Run with the python3 minipy follows (3.11):

    python3 tests/cli/generate.py
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import cases  # noqa: E402
import cli_common  # noqa: E402

HERE = pathlib.Path(__file__).parent


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("generate.py must run under python3 3.11")
    out_dir = HERE / "expected"
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir()
    for c in cases.CASES:
        stdout, stderr, status = cli_common.run_case(sys.executable, c)
        for old, new in cases.DERIVATIONS + c["derive"]:
            stdout = stdout.replace(old, new)
            stderr = stderr.replace(old, new)
        (out_dir / f"{c['name']}.out").write_text(stdout)
        (out_dir / f"{c['name']}.err").write_text(stderr)
        (out_dir / f"{c['name']}.status").write_text(f"{status}\n")
    # python3's usage line (the first line of -h), which minipy's help starts with.
    help_text = subprocess.run(["minipy", "-h"], executable=sys.executable, capture_output=True,
                               text=True, check=True).stdout
    (out_dir / "usage_line.txt").write_text(help_text.splitlines(True)[0])
    print(f"wrote {len(cases.CASES)} cases to {out_dir}")


if __name__ == "__main__":
    main()

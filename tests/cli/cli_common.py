"""Running one case of cases.py (generate.py with python3, run_cli.py with minipy)."""
import os
import re
import subprocess
import tempfile


def clean_environment(extra):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"}
    env.update(extra)
    return env


def normalize(text, directory):
    """The temporary directory and thread addresses differ from run to run."""
    text = text.replace(os.path.realpath(directory), "<DIR>").replace(directory, "<DIR>")
    return re.sub(r"thread 0x[0-9a-f]+", "thread 0x<ID>", text)


def run_case(executable, case, extra_env=None):
    """(stdout, stderr, status) of `executable` on `case`, argv[0] = "minipy"."""
    with tempfile.TemporaryDirectory() as directory:
        for name, text in case["files"].items():
            with open(os.path.join(directory, name), "w") as f:
                f.write(text)
        env = clean_environment(case["env"])
        env["HOME"] = directory
        if extra_env:
            env.update(extra_env)
        stdin = case["stdin"]
        result = subprocess.run(
            ["minipy"] + case["args"], executable=executable, cwd=directory, env=env,
            input=stdin.encode() if stdin is not None else None,
            stdin=subprocess.DEVNULL if stdin is None else None,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT if case["merged"] else subprocess.PIPE, timeout=60)
        stdout = normalize(result.stdout.decode(errors="replace"), directory)
        stderr = normalize((result.stderr or b"").decode(errors="replace"), directory)
        return stdout, stderr, result.returncode


def generate_or_check(usage, generate, check):
    """The command line of terminal.py and fatal.py: `generate` or `check PROGRAM [NAME...]`."""
    import sys
    if sys.argv[1:2] == ["generate"]:
        generate()
    elif sys.argv[1:2] == ["check"] and len(sys.argv) >= 3:
        check(sys.argv[2], set(sys.argv[3:]))
    else:
        sys.exit(usage)

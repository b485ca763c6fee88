"""Fatal reports name the script's frames (fatal_host.c): the debug hooks' report of a
broken block lists where it was allocated (the tracer's script stack) and, like
Py_FatalError's, each thread's Python frames as faulthandler writes them. The expected
frame lists come from python3 running the same script (faulthandler.dump_traceback for the
thread, tracemalloc for the allocation), in expected_fatal/.

    python3 fatal.py generate
    python3 fatal.py check HOST [NAME...]
"""
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import cli_common  # noqa: E402

HERE = pathlib.Path(__file__).parent
EXPECTED = HERE / "expected_fatal"

SCRIPT_OVERFLOW = """\
def inner(depth):
    if depth:
        return inner(depth - 1)
    block = make_block()
    break_block(block)

def outer():
    inner(2)

outer()
"""

SCRIPT_FATAL = """\
def leaf():
    fatal_error()

def middle():
    leaf()

middle()
"""

# name: (host mode, script)
CASES = {
    "fatal_overflow": ("overflow", SCRIPT_OVERFLOW),
    "fatal_error": ("fatal", SCRIPT_FATAL),
}


def python3_expectation(script):
    """Runs `script` in python3 with make_block, break_block and fatal_error standing in for
    the host's: each records what the report must show at that point."""
    import faulthandler
    import tempfile
    import tracemalloc

    expected = {}

    def thread_frames():
        with tempfile.TemporaryFile("w+") as f:
            faulthandler.dump_traceback(f, all_threads=False)
            f.seek(0)
            lines = f.read().splitlines()
        # The script's frames only (not this generator's around and above them).
        return [line for line in lines[1:] if line.startswith('  File "<string>"')]

    def stand_in(kind, block=None):
        expected["thread"] = thread_frames()
        if kind == "break":
            tb = tracemalloc.get_object_traceback(block)
            # Most recent first, as the C report writes it (Traceback lists oldest first).
            expected["allocated"] = [f'  File "{f.filename}", line {f.lineno}'
                                     for f in reversed(tb) if f.filename == "<string>"]

    tracemalloc.start(10)
    namespace = {
        "make_block": bytearray,
        "break_block": lambda block: stand_in("break", block),
        "fatal_error": lambda: stand_in("fatal"),
        "__name__": "__main__",
    }
    exec(compile(script, "<string>", "exec"), namespace)
    tracemalloc.stop()
    return expected


def report_of(host, mode, script):
    result = subprocess.run([host, mode, script], capture_output=True, timeout=60)
    err = result.stderr.decode(errors="replace")
    lines = err.splitlines()
    out = {"returncode": result.returncode}

    def frames_after(heading):
        """The indented lines that follow the first line starting with `heading`."""
        start = next((i for i, line in enumerate(lines) if line.startswith(heading)), None)
        if start is None:
            return None
        frames = []
        for line in lines[start + 1:]:
            if not line.startswith("  "):
                break
            frames.append(line)
        return frames

    for key, heading in (("thread", "Current thread"), ("allocated", "Memory block allocated at")):
        frames = frames_after(heading)
        if frames is not None:
            out[key] = frames
    out["fatal_line"] = next((line for line in lines if line.startswith("Fatal Python error")), None)
    return out, err


def generate():
    if sys.version_info[:2] != (3, 11):
        sys.exit("fatal.py generate must run under python3 3.11")
    EXPECTED.mkdir(exist_ok=True)
    for name, (mode, script) in CASES.items():
        expected = python3_expectation(script)
        (EXPECTED / f"{name}.json").write_text(json.dumps(expected, indent=1) + "\n")
    print(f"wrote {EXPECTED}")


# What minipy's report must say beyond the frames (its own text, not python3's).
FATAL_LINES = {
    "fatal_overflow": "Fatal Python error: _PyMem_DebugRawFree: bad trailing pad byte",
    "fatal_error": "Fatal Python error: fatal_error: deliberate",
}


def check(host, names):
    failed = []
    for name, (mode, script) in CASES.items():
        if names and name not in names:
            continue
        expected = json.loads((EXPECTED / f"{name}.json").read_text())
        actual, err = report_of(host, mode, script)
        problems = []
        if actual["returncode"] != -6:
            problems.append(f"returncode {actual['returncode']}, expected -6 (abort)")
        if actual["fatal_line"] != FATAL_LINES[name]:
            problems.append(f"fatal line {actual['fatal_line']!r}")
        for key in expected:
            if actual.get(key) != expected[key]:
                problems.append(f"{key}: expected {expected[key]}, got {actual.get(key)}")
        if problems:
            failed.append(name)
            print(f"{name}:\n  " + "\n  ".join(problems) + "\n--- stderr:\n" + err)
    if failed:
        sys.exit(f"failed: {' '.join(failed)}")
    print("all passed")


if __name__ == "__main__":
    cli_common.generate_or_check(__doc__, generate, check)

"""The `minipy` command where a terminal or a signal is involved: sessions through a
pseudo-terminal (line editing by libedit, Ctrl-C at the prompt, Ctrl-D) and SIGINT sent to
a running program. The expected transcripts are python3's (generated, in expected_terminal/),
derived where libedit and GNU readline draw differently (listed below).

    python3 terminal.py generate          # with python3 3.11: writes expected_terminal/
    python3 terminal.py check MINIPY [NAME...]
"""
import difflib
import json
import os
import pathlib
import pty
import select
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import cli_common  # noqa: E402

HERE = pathlib.Path(__file__).parent
EXPECTED = HERE / "expected_terminal"
TIMEOUT = 20.0  # seconds to wait for a prompt or an exit: a hang fails, it never passes

# (python3's transcript's end, minipy's): libedit echoes the end-of-file key as "^D" where
# GNU readline prints nothing.
TERMINAL_DERIVATIONS = [(">>> \r\n", ">>> ^D\r\n")]

CTRL_C, CTRL_D, LEFT, UP = "\x03", "\x04", "\x1b[D", "\x1b[A"

# A session: (name, extra arguments, keys), each key string sent once the previous output
# ends with a prompt (or, for a pair (keys, echo), once the output ends with `echo`). The
# transcript is compared whole.
SESSIONS = [
    ("session_expression", [], ["1 + 1\r", CTRL_D]),
    ("session_block", [], ["for i in range(3):\r", "    print(i * i)\r", "\r", CTRL_D]),
    ("session_ctrl_c_at_prompt", [], [("x = 3", "x = 3"), CTRL_C, CTRL_C, "'after'\r", CTRL_D]),
    ("session_ctrl_c_in_block", [], ["if 1:\r", "    y = 2\r", CTRL_C, "y = 5\r", "y\r", CTRL_D]),
    ("session_traceback", [], ["1 / 0\r", "'goes on'\r", CTRL_D]),
    ("session_system_exit", [], ["raise SystemExit(5)\r"]),
    ("session_inspect_script", ["-i", "-c", "z = 9"], ["z\r", CTRL_D]),
]

# Line editing: keys whose effect shows in the program's output; only the lines the program
# printed are compared (libedit and readline redraw the line differently).
EDITING = [
    ("editing_left_arrow", ["1 + 3" + LEFT + "\x7f" + "2\r", CTRL_D]),  # 1 + 2 after editing
    ("editing_history", ["6 * 7\r", UP + "\r", CTRL_D]),  # the same line again
]

# SIGINT sent to a running program a moment after it printed "ready" and entered its loop,
# whose backward jump checks the eval breaker (the pause only keeps the signal from landing
# in the print call, which checks too; nothing is timed): its output and exit status
# (python3 ends killed by SIGINT: -2).
SETTLE_SECONDS = 0.3
SIGINT_PROGRAMS = [
    ("sigint_loop", ["-u", "loop.py"],
     {"loop.py": "x = 0\nprint('ready')\nwhile x >= 0:\n    x += 1\n"}),
    ("sigint_in_function", ["-u", "-c", "def spin():\n    n = 0\n    print('ready')\n"
                            "    while n >= 0:\n        n += 1\nspin()"], {}),
    ("sigint_caught", ["-u", "-c", "try:\n    n = 0\n    print('ready')\n    while n >= 0:\n"
                       "        n += 1\nexcept KeyboardInterrupt:\n    print('caught')\n"], {}),
    ("sigint_for_loop", ["-u", "-c", "print('ready')\nfor i in range(10 ** 12):\n    i += 1\n"],
     {}),
]


def environment(home):
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8", "TERM": "dumb",
            "HOME": home}


def read_until(fd, done, transcript):
    """Reads into transcript (bytearray) until done(transcript) or EOF; False on timeout."""
    deadline = time.monotonic() + TIMEOUT
    while not done(transcript):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            data = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            return True
        if not data:
            return True
        transcript += data
    return True


def at_prompt(transcript):
    return transcript.endswith(b">>> ") or transcript.endswith(b"... ")


def run_session(executable, args, keys):
    with tempfile.TemporaryDirectory() as home:
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(home)
            os.execve(executable, ["minipy", "-q"] + args, environment(home))
        transcript = bytearray()
        ok = read_until(fd, at_prompt, transcript)
        for key in keys:
            if not ok:
                break
            key, echo = key if isinstance(key, tuple) else (key, None)
            mark = len(transcript)
            os.write(fd, key.encode())
            if echo is None:
                ok = read_until(fd, lambda t: len(t) > mark and at_prompt(t), transcript)
            else:
                ok = read_until(fd, lambda t: t.endswith(echo.encode()), transcript)
        ok = ok and read_until(fd, lambda t: False, transcript)
        if not ok:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(fd)
        text = transcript.decode(errors="replace")
        return {"transcript": text if ok else text + "\n<timed out>",
                "status": os.waitstatus_to_exitcode(status)}


def printed_lines(transcript):
    """The lines a session printed that are not echoed input (not starting with a prompt)."""
    lines = transcript.replace("\r\n", "\n").split("\n")
    return [line for line in lines if line and not line.startswith((">>>", "..."))]


def run_sigint(executable, args, files):
    with tempfile.TemporaryDirectory() as directory:
        for name, text in files.items():
            pathlib.Path(directory, name).write_text(text)
        env = environment(directory)
        process = subprocess.Popen(["minipy"] + args, executable=executable, cwd=directory,
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = process.stdout.readline()
        time.sleep(SETTLE_SECONDS)
        process.send_signal(signal.SIGINT)
        try:
            rest, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            rest, err = process.communicate()
            err += b"\n<timed out>"
        text = err.decode(errors="replace").replace(directory, "<DIR>")
        return {"stdout": (first + rest).decode(errors="replace"), "stderr": text,
                "status": process.returncode}


def run_piped_interrupt(executable):
    """Ctrl-C (SIGINT) while the prompt waits on a pipe: the statement being typed is dropped,
    KeyboardInterrupt is printed and the prompt goes on."""
    with tempfile.TemporaryDirectory() as home:
        process = subprocess.Popen(["minipy", "-q", "-i"], executable=executable, cwd=home,
                                   env=environment(home), stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        err = bytearray()
        ok = read_until(process.stderr.fileno(), lambda t: t.endswith(b">>> "), err)
        process.stdin.write(b"if 1:\n")
        process.stdin.flush()
        ok = ok and read_until(process.stderr.fileno(), lambda t: t.endswith(b"... "), err)
        process.send_signal(signal.SIGINT)
        mark = len(err)
        ok = ok and read_until(process.stderr.fileno(),
                               lambda t: len(t) > mark and t.endswith(b">>> "), err)
        process.stdin.write(b"'after'\n")
        process.stdin.close()
        process.stdin = None
        try:
            out, rest = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            out, rest = process.communicate()
            ok = False
        text = (bytes(err) + rest).decode(errors="replace")
        return {"stdout": out.decode(errors="replace"),
                "stderr": text if ok else text + "\n<timed out>", "status": process.returncode}


def results(executable):
    out = {}
    for name, args, keys in SESSIONS:
        # python3 with GNU readline now and then misses a Ctrl-C that arrives while readline,
        # not the select loop, has the terminal: try again rather than record a hang.
        for _ in range(5):
            out[name] = run_session(executable, args, keys)
            if not out[name]["transcript"].endswith("<timed out>"):
                break
    for name, keys in EDITING:
        session = run_session(executable, [], keys)
        out[name] = {"printed": printed_lines(session["transcript"]), "status": session["status"]}
    for name, args, files in SIGINT_PROGRAMS:
        out[name] = run_sigint(executable, args, files)
    out["sigint_piped_prompt"] = run_piped_interrupt(executable)
    return out


def generate():
    if sys.version_info[:2] != (3, 11):
        sys.exit("terminal.py generate must run under python3 3.11")
    EXPECTED.mkdir(exist_ok=True)
    for name, result in results(sys.executable).items():
        if "transcript" in result:
            for old, new in TERMINAL_DERIVATIONS:
                if result["transcript"].endswith(old):
                    result["transcript"] = result["transcript"][:-len(old)] + new
        (EXPECTED / f"{name}.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    print(f"wrote {EXPECTED}")


def check(executable, names):
    executable = os.path.abspath(executable)
    failed = []
    actual = {}
    for name, args, keys in SESSIONS:
        if not names or name in names:
            actual[name] = run_session(executable, args, keys)
    for name, keys in EDITING:
        if not names or name in names:
            session = run_session(executable, [], keys)
            actual[name] = {"printed": printed_lines(session["transcript"]),
                            "status": session["status"]}
    for name, args, files in SIGINT_PROGRAMS:
        if not names or name in names:
            actual[name] = run_sigint(executable, args, files)
    if not names or "sigint_piped_prompt" in names:
        actual["sigint_piped_prompt"] = run_piped_interrupt(executable)
    for name, result in actual.items():
        expected = json.loads((EXPECTED / f"{name}.json").read_text())
        if expected != result:
            failed.append(name)
            a = json.dumps(expected, indent=1, sort_keys=True).splitlines(True)
            b = json.dumps(result, indent=1, sort_keys=True).splitlines(True)
            sys.stdout.writelines(difflib.unified_diff(a, b, "python3", "minipy"))
    if failed:
        print(f"failed: {' '.join(failed)}")
        sys.exit(1)
    print("all passed")


if __name__ == "__main__":
    cli_common.generate_or_check(__doc__, generate, check)

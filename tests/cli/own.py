"""What the `minipy` command says in its own words (python3 has no such text to compare
with): -h and its siblings, -V, the banner, the refused options, and the reports of
-X allocstats and -X showrefcount. The usage line is python3's (generated into
expected/usage_line.txt by generate.py).

    python3 own.py MINIPY VERSION [CHECK...]
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def run(minipy, args, stdin=None, env=None):
    with tempfile.TemporaryDirectory() as directory:
        environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": directory,
                       "LC_ALL": "C.UTF-8"}
        environment.update(env or {})
        r = subprocess.run(["minipy"] + args, executable=minipy, cwd=directory, env=environment,
                           input=(stdin or "").encode(), capture_output=True, timeout=60)
        return r.stdout.decode(), r.stderr.decode(), r.returncode


class Failure(Exception):
    pass


def expect(condition, what, output=None):
    if not condition:
        raise Failure(what + (f"\n--- output:\n{output}" if output is not None else ""))


def check_help(minipy, version):
    usage = open(os.path.join(HERE, "expected", "usage_line.txt")).read()
    for args in (["-h"], ["-?"], ["--help"], ["-q", "-h", "-Z"]):
        out, err, status = run(minipy, args)
        expect(status == 0 and err == "", f"{args}: status {status}, stderr {err!r}")
        expect(out.startswith(usage), f"{args}: the usage line is python3's", out)
        # Every option minipy takes is listed.
        for option in ("-B", "-c cmd", "-E", "-h", "-i", "-I", "-O", "-OO", "-q", "-s, -S", "-u",
                       "-V", "-X opt", "--help-env", "--help-xoptions", "--help-all", "file",
                       "-      :", "arg ...:"):
            expect(f"\n{option}" in out, f"{args}: -h lists {option}", out)
    out, _, status = run(minipy, ["--help-xoptions"])
    for option in ("-X dev", "-X showrefcount", "-X tracemalloc", "-X malloc=NAME",
                   "-X allocstats"):
        expect(status == 0 and f"\n{option}" in out, f"--help-xoptions lists {option}", out)
    out, _, status = run(minipy, ["--help-env"])
    for variable in ("PYTHONINSPECT", "PYTHONOPTIMIZE", "PYTHONUNBUFFERED", "PYTHONHASHSEED",
                     "PYTHONMALLOC ", "PYTHONMALLOCSTATS", "PYTHONTRACEMALLOC", "PYTHONDEVMODE",
                     "PYTHONDONTWRITEBYTECODE"):
        expect(status == 0 and f"\n{variable}" in out, f"--help-env lists {variable}", out)
    out, _, status = run(minipy, ["--help-all"])
    expect(status == 0 and out.startswith(usage) and "\n-X allocstats" in out and
           "\nPYTHONMALLOC " in out, "--help-all has all three parts", out)


def check_version(minipy, version):
    for args in (["-V"], ["--version"], ["-q", "-V", "-c", "pass"]):
        out, err, status = run(minipy, args)
        expect((out, err, status) == (f"minipy {version}\n", "", 0), f"{args}", out + err)
    for args in (["-VV"], ["-V", "--version"], ["--version", "--version"]):
        out, err, status = run(minipy, args)
        expect(status == 0 and err == "" and
               re.fullmatch(rf"minipy {re.escape(version)} \(the language of Python 3\.11\) "
                            r"\[[^\]]+\]\n", out), f"{args}", out)


def check_banner(minipy, version):
    _, err, status = run(minipy, ["-i"], stdin="1\n")
    first, second, rest = err.split("\n", 2)
    expect(status == 0 and re.fullmatch(rf"minipy {re.escape(version)} \(the language of Python "
                                        r"3\.11\) \[[^\]]+\] on linux", first), "banner", err)
    expect(second.startswith("Type ") and rest == ">>> >>> \n", "banner's second line", err)
    _, err, _ = run(minipy, ["-q", "-i"], stdin="1\n")
    expect(err == ">>> >>> \n", "-q: no banner", err)
    _, err, _ = run(minipy, ["-i", "-c", "pass"], stdin="1\n")
    expect(err == ">>> >>> \n", "no banner after a program", err)


def check_refused(minipy, version):
    out, err, status = run(minipy, ["-m", "json.tool"])
    expect(status == 2 and out == "" and
           err == "minipy: -m is not supported by minipy yet: run the module's file instead\n",
           "-m is refused", err)
    for option in ("b", "v", "x", "R", "P"):
        _, err, status = run(minipy, [f"-{option}", "-c", "print(1)"])
        expect(status == 2 and err.startswith(f"minipy: option -{option} is not supported by "
                                              "minipy\nusage: minipy "), f"-{option}", err)
    _, err, status = run(minipy, ["-W", "ignore", "-c", "print(1)"])
    expect(status == 2 and err.startswith("minipy: option -W is not supported"), "-W", err)


def check_tracemalloc_range(minipy, version):
    out, err, status = run(minipy, ["-X", "tracemalloc=70000", "-c", "print(1)"])
    expect(status == 1 and out == "", "exit 1, nothing run", err)
    expect("ValueError: the number of frames must be in range [1; 65535]\n" in err and
           "Fatal Python error: init_interp_main: can't initialize tracemalloc\n" in err,
           "python3's messages", err)


ROW = re.compile(r"(raw|mem|obj) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+)")


def allocstats(err):
    """{domain: [malloc, calloc, realloc, free, failed, asked, peak, left]}, class requests."""
    rows = {m.group(1): [int(x) for x in m.groups()[1:]] for m in ROW.finditer(err)}
    classes = [(int(size), int(requests), int(in_use)) for size, requests, in_use in
               re.findall(r"(\d+): *(\d+)/ *(\d+)", err)]
    return rows, classes


def check_allocstats(minipy, version):
    program = "x = [str(i) for i in range(5000)]\nprint(len(x))"
    out, err, status = run(minipy, ["-X", "allocstats", "-c", program])
    expect(status == 0 and out == "5000\n", "the program runs", out + err)
    lines = err.splitlines()
    expect(lines[0].startswith("minipy -X allocstats (allocator "), "title", err)
    rows, classes = allocstats(err)
    expect(sorted(rows) == ["mem", "obj", "raw"], "a row per domain", err)
    expect(rows["obj"][0] >= 5000, "every str of the list is an obj malloc", err)
    expect(all(row[7] == 0 for row in rows.values()), "nothing left after shutdown", err)
    expect(all(row[6] <= row[5] for row in rows.values()), "peak <= bytes asked", err)
    expect(sorted(c[0] for c in classes) == list(range(16, 513, 16)), "32 size classes", err)
    requests = sum(c[1] for c in classes)
    calls = sum(rows[d][0] + rows[d][1] + rows[d][2] for d in ("mem", "obj"))
    expect(5000 <= requests <= calls, "class requests within the calls", err)
    expect(re.search(r"\narenas of \d+ bytes: (\d+) made, (\d+) given back, at most \d+ at "
                     r"once, 0 now\n", err), "arenas line", err)
    expect(len(err.splitlines()) <= 24, "one screen", err)
    # The allocator named: -X malloc, and -X dev unless an allocator is named.
    _, err, _ = run(minipy, ["-X", "allocstats", "-X", "malloc=malloc", "-c", "pass"])
    expect(err.startswith("minipy -X allocstats (allocator malloc)\n"), "-X malloc", err)
    _, err, _ = run(minipy, ["-X", "allocstats", "-X", "dev", "-c", "pass"],
                    env={"PYTHONMALLOC": "malloc"})
    expect(err.startswith("minipy -X allocstats (allocator malloc)\n"), "-X dev, named", err)
    _, err, _ = run(minipy, ["-E", "-X", "allocstats", "-X", "dev", "-c", "pass"],
                    env={"PYTHONMALLOC": "malloc"})
    expect(err.startswith("minipy -X allocstats (allocator pymalloc_debug)\n"), "-X dev", err)
    # Also when SystemExit ends the program.
    _, err, status = run(minipy, ["-X", "allocstats", "-c", "raise SystemExit(3)"])
    expect(status == 3 and "\narenas of " in err, "after SystemExit", err)


def check_hash_seed_random(minipy, version):
    # A random key each run (two equal 64-bit hashes by chance: 2**-64), seed 0's when unset.
    runs = [run(minipy, ["-c", "print(hash('abc'))"], env={"PYTHONHASHSEED": "random"})[0]
            for _ in range(2)]
    expect(runs[0] != runs[1], "PYTHONHASHSEED=random: a new key each run", "".join(runs))
    unset, _, _ = run(minipy, ["-c", "print(hash('abc'))"])
    zero, _, _ = run(minipy, ["-c", "print(hash('abc'))"], env={"PYTHONHASHSEED": "0"})
    expect(unset == zero, "unset: seed 0", unset + zero)


# A program that leaves nothing behind, and one whose objects outlive shutdown: at the
# collector's last pass a __del__ makes a new instance of its class and hangs it, with a list
# of `n` references to None, on the class, which the new instance keeps alive (nothing
# collects again after that pass).
CLEAN_PROGRAM = "xs = [str(i) * 3 for i in range(1000)]\nd = {i: [i] for i in range(100)}\n"
KEEPING_PROGRAM = ("class A:\n    n = {}\n    def __del__(self):\n"
                   "        A.keep = (A(), [None] * A.n)\na = A()\n")


def showrefcount_report(minipy, code, env=None):
    out, err, status = run(minipy, ["-X", "showrefcount", "-c", code], env=env)
    expect(status == 0, f"-X showrefcount -c {code!r}: status {status}", err)
    return out, err


def check_showrefcount(minipy, version):
    # MINIPY_REF_DEBUG is the build's setting (tests/cli/CMakeLists.txt passes it on): with
    # the reference total, python3 -X showrefcount's debug-build report; without, the blocks.
    ref_debug = os.environ.get("MINIPY_REF_DEBUG") == "1"
    out, err = showrefcount_report(minipy, "import sys; print(hasattr(sys, 'gettotalrefcount'))")
    expect(out == f"{ref_debug}\n", "sys.gettotalrefcount exactly in a build with the total", out)
    if not ref_debug:
        _, err = showrefcount_report(minipy, CLEAN_PROGRAM)
        expect(err == "[0 blocks]\n", "[M blocks] on stderr", err)
        return
    # The total is the real one: holding 500 more objects (one reference each, from a list)
    # moves it by 500, everything else being equal.
    out, _ = showrefcount_report(
        minipy,
        "import sys\n"
        "def held(n):\n"
        "    t = sys.gettotalrefcount()\n"
        "    keep = [object() for _ in range(n)]\n"
        "    return sys.gettotalrefcount() - t\n"
        "print(held(500) - held(0))\n")
    expect(out == "500\n", "sys.gettotalrefcount() counts new objects and references", out)
    # A program that leaks nothing: shutdown frees every object, so every reference taken was
    # given back and no block is left.
    _, err = showrefcount_report(minipy, CLEAN_PROGRAM)
    expect(err == "[0 refs, 0 blocks]\n", "a program that leaks nothing", err)
    # A program that keeps objects: M is the blocks the leak check (an independent count, by
    # domain) finds left, and keeping 1000 more references moves N by exactly 1000.
    reports = []
    for n in (0, 1000):
        _, err = showrefcount_report(minipy, KEEPING_PROGRAM.format(n),
                                     env={"MINIPY_LEAK_CHECK": "1"})
        found = re.fullmatch(r"minipy: leak check: (\d+) blocks \(\d+ bytes\) still allocated in "
                             r"MEM, (\d+) blocks \(\d+ bytes\) in OBJ\n"
                             r"\[(\d+) refs, (\d+) blocks\]\n", err)
        expect(found is not None, "the leak check's report, then [N refs, M blocks]", err)
        mem, obj, refs, blocks = map(int, found.groups())
        expect(blocks == mem + obj and blocks > 0 and refs > 0,
               "M is the number of blocks left", err)
        reports.append(refs)
    expect(reports[1] - reports[0] == 1000, "N counts the references kept", str(reports))


CHECKS = {name[len("check_"):]: f for name, f in list(globals().items())
          if name.startswith("check_")}

if __name__ == "__main__":
    minipy, version = os.path.abspath(sys.argv[1]), sys.argv[2]
    failed = []
    for name in sys.argv[3:] or CHECKS:
        try:
            CHECKS[name](minipy, version)
        except Failure as failure:
            failed.append(name)
            print(f"{name}: {failure}")
    if failed:
        sys.exit(f"failed: {' '.join(failed)}")
    print("all passed")

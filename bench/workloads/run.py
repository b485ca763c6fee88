#!/usr/bin/env python3
"""The main job (`tools/dev main`): every workload of workloads.txt under minipy with
PYTHONMALLOC=pymalloc, malloc and debug, and under CPython (python3) with pymalloc and
malloc, interleaved, several rounds, each run a fresh process. Prints one table (median time
and peak RSS per configuration, median per-round ratios, geometric means) and writes the same
figures as JSON and an SVG chart (drawn by gnuplot) into the output directory. Then one more,
untimed run per workload and minipy configuration with `-X allocstats` gives the allocator's
share: calls per domain, bytes asked, small requests, pymalloc arenas made.

    bench/workloads/run.py [--quick] [--rounds N] [--only a,b] [--minipy PATH|none]
                           [--python PATH] [--configs c1,c2] [--sizes name=N,...]
                           [--clock cpu|wall]
                           [--timeout S] [--out DIR]

Until the minipy command is built, only CPython's columns are measured and the table says so.

How the figures are made:
- Order. Round r runs every workload, and for each workload every configuration, starting
  from configuration r (the order rotates), so that a slow moment of the machine falls on a
  different configuration each round. Ratios are taken within a round, then the median over
  rounds is printed: on a busy machine trust the ratios, not the seconds.
- Time. `cpu` (default): user + system CPU seconds of the child, from wait4's rusage; it
  does not count the time the child waited for a core, so it holds up on a shared machine.
  `wall`: elapsed seconds around the child. Both go into the JSON.
- Peak RSS. GNU time (/usr/bin/time -f %M) reports the child's ru_maxrss. A child started
  straight from this script would inherit this process's RSS as its starting peak (Linux
  keeps ru_maxrss across exec and from the parent's image at fork), and a Python process is
  as large as a small workload; /usr/bin/time is about 1 MiB. Without it the runner falls
  back to its own wait4 and marks the figures as a floor.
- Output. Every run must exit with status 0, write nothing to stderr and print the
  workload's line: at the small sizes of --quick the one in expected.txt, at the default
  sizes what CPython printed in the first round. A run that fails is shown as FAIL (its
  figures are left out of the medians and ratios), its output is kept in the JSON and the
  exit status is 1.

JSON (schema "minipy-workloads/1", checked by runner_test.py):
  {"schema", "date" (UTC ISO 8601), "mode" ("quick"|"full"), "rounds", "clock",
   "python": {"path", "version"}, "minipy": {"path", "built" (bool)},
   "rss_method" ("gnu-time"|"wait4-floor"),
   "configs": [{"name", "interpreter" ("minipy"|"cpython"), "allocator", "options" ([str])}],
   "ratios": [{"name", "numerator", "denominator", "of" ("time"|"peak_rss")}],
   "workloads": [{"name", "size", "output", "expected" (str|null),
                  "runs": {config: [{"round", "cpu_s", "wall_s", "peak_rss_kib", "ok",
                                     "status", "stdout", "stderr"}]},
                  "allocstats": {minipy config: {"domains": {"raw"|"mem"|"obj":
                                     {"malloc", "calloc", "realloc", "free", "failed",
                                      "bytes_asked", "peak_bytes", "left"}},
                                 "small_requests", "arenas": {"size", "made",
                                     "given_back", "peak"} | null} | {"error"}},
                  "median": {config: {"time_s", "peak_rss_kib"} | null},
                  "ratios": {ratio name: float|null}}],
   "geomean": {"time_s": {config: float|null}, "peak_rss_kib": {config: float|null},
               "ratios": {ratio name: float|null}},
   "failures": [str], "svg": path|null}
"""

import argparse
import datetime
import json
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

# Keep the source tree free of __pycache__ (CTest runs these from it).
sys.dont_write_bytecode = True
import manifest  # noqa: E402 (after the line above)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_MINIPY = os.path.join(REPO, "build", "release", "interp", "minipy")
DEFAULT_OUT = os.path.join(REPO, "build", "workloads")
GNU_TIME = "/usr/bin/time"

# (name, interpreter, PYTHONMALLOC, extra options). Not in the default set, but asked for with
# --configs: cpython-debug (the table has CPython under pymalloc and malloc), and the
# tracemalloc configurations, which trace every block with 1 or 25 frames from the first line
# (`-X tracemalloc=N`, both interpreters) for the tracer's overhead.
ALL_CONFIGS = [
    ("minipy-pymalloc", "minipy", "pymalloc", []),
    ("minipy-malloc", "minipy", "malloc", []),
    ("minipy-debug", "minipy", "debug", []),
    ("cpython-pymalloc", "cpython", "pymalloc", []),
    ("cpython-malloc", "cpython", "malloc", []),
    ("cpython-debug", "cpython", "debug", []),
    ("minipy-trace1", "minipy", "pymalloc", ["-X", "tracemalloc=1"]),
    ("minipy-trace25", "minipy", "pymalloc", ["-X", "tracemalloc=25"]),
    ("cpython-trace1", "cpython", "pymalloc", ["-X", "tracemalloc=1"]),
    ("cpython-trace25", "cpython", "pymalloc", ["-X", "tracemalloc=25"]),
]
DEFAULT_CONFIGS = ["minipy-pymalloc", "minipy-malloc", "minipy-debug", "cpython-pymalloc",
                   "cpython-malloc"]

# Ratios, each measured within a round: (name, numerator, denominator, of what: the time
# or the peak RSS).
ALL_RATIOS = [
    ("minipy/cpython", "minipy-pymalloc", "cpython-pymalloc", "time"),
    ("pymalloc/malloc minipy", "minipy-pymalloc", "minipy-malloc", "time"),
    ("pymalloc/malloc cpython", "cpython-pymalloc", "cpython-malloc", "time"),
    ("debug/pymalloc minipy", "minipy-debug", "minipy-pymalloc", "time"),
    ("debug/pymalloc cpython", "cpython-debug", "cpython-pymalloc", "time"),
    ("rss minipy/cpython", "minipy-pymalloc", "cpython-pymalloc", "peak_rss"),
    ("trace1/pymalloc minipy", "minipy-trace1", "minipy-pymalloc", "time"),
    ("trace1/pymalloc cpython", "cpython-trace1", "cpython-pymalloc", "time"),
    ("trace25/pymalloc minipy", "minipy-trace25", "minipy-pymalloc", "time"),
    ("trace25/pymalloc cpython", "cpython-trace25", "cpython-pymalloc", "time"),
]
# Short column heads for the table.
RATIO_HEADS = {
    "minipy/cpython": "mp/cp",
    "pymalloc/malloc minipy": "pm/ma mp",
    "pymalloc/malloc cpython": "pm/ma cp",
    "debug/pymalloc minipy": "dbg/pm mp",
    "debug/pymalloc cpython": "dbg/pm cp",
    "rss minipy/cpython": "rss mp/cp",
    "trace1/pymalloc minipy": "t1/pm mp",
    "trace1/pymalloc cpython": "t1/pm cp",
    "trace25/pymalloc minipy": "t25/pm mp",
    "trace25/pymalloc cpython": "t25/pm cp",
}
CONFIG_HEADS = {
    "minipy-pymalloc": "mp pymalloc",
    "minipy-malloc": "mp malloc",
    "minipy-debug": "mp debug",
    "cpython-pymalloc": "cp pymalloc",
    "cpython-malloc": "cp malloc",
    "cpython-debug": "cp debug",
    "minipy-trace1": "mp trace1",
    "minipy-trace25": "mp trace25",
    "cpython-trace1": "cp trace1",
    "cpython-trace25": "cp trace25",
}


# --- The allocator's share (-X allocstats) --------------------------------------------------
# `minipy -X allocstats` puts a counting layer over the three domains, which costs time, so
# the timed runs go without it: after the rounds, each workload runs once more per minipy
# configuration with the option, and its report (one screen on stderr, interp/README.md) is
# parsed into the workload's "allocstats".
DOMAIN_ROW = re.compile(r"^(raw|mem|obj)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$")
DOMAIN_FIELDS = ("malloc", "calloc", "realloc", "free", "failed", "bytes_asked", "peak_bytes", "left")
CLASS_CELL = re.compile(r"(\d+):\s*(\d+)/\s*(\d+)")
ARENAS_LINE = re.compile(r"^arenas of (\d+) bytes: (\d+) made, (\d+) given back, at most (\d+) at once")


def allocstats_parse(stderr_text):
    """The figures of a `-X allocstats` report: {"domains": {name: {field: int}},
    "small_requests" (MEM and OBJ requests of 1..512 bytes, pymalloc's to serve),
    "arenas": {"size", "made", "given_back", "peak"} or None (not pymalloc)}, or None when
    the text holds no report."""
    domains = {}
    small = 0
    arenas = None
    seen = False
    for line in stderr_text.splitlines():
        if line.startswith("minipy -X allocstats"):
            seen = True
            continue
        m = DOMAIN_ROW.match(line)
        if m:
            domains[m.group(1)] = dict(zip(DOMAIN_FIELDS, (int(x) for x in m.groups()[1:])))
            continue
        if ":" in line and "/" in line and not line.startswith("size classes"):
            small += sum(int(requests) for _, requests, _ in CLASS_CELL.findall(line))
            continue
        m = ARENAS_LINE.match(line)
        if m:
            size, made, back, peak = (int(x) for x in m.groups())
            arenas = {"size": size, "made": made, "given_back": back, "peak": peak}
    if not seen or sorted(domains) != ["mem", "obj", "raw"]:
        return None
    return {"domains": domains, "small_requests": small, "arenas": arenas}


def allocstats_run(config, workload, size, timeout):
    """One extra, untimed run of `workload` under a minipy configuration with -X allocstats:
    the parsed report, or {"error": why}."""
    command = [config["path"], "-X", "allocstats", workload.script, str(size)]
    env = dict(os.environ, PYTHONMALLOC=config["allocator"])
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": "timed out after %g s" % timeout}
    if done.returncode != 0:
        return {"error": "exit status %d" % done.returncode}
    stats = allocstats_parse(done.stderr)
    return stats if stats is not None else {"error": "no -X allocstats report on stderr"}


def allocstats_calls(stats):
    """Calls of every kind over the three domains."""
    return sum(d[k] for d in stats["domains"].values() for k in ("malloc", "calloc", "realloc", "free"))
# --- end of the allocator's share -----------------------------------------------------------


class Progress:
    """One line on stderr, rewritten in place; silent when stderr is not a terminal."""

    def __init__(self):
        self.enabled = sys.stderr.isatty()

    def show(self, text):
        if self.enabled:
            sys.stderr.write("\r\033[K" + text)
            sys.stderr.flush()

    def done(self):
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def python_version(python):
    done = subprocess.run([python, "-c", "import sys; print(sys.version.split()[0])"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit("run.py: %s does not run: %s" % (python, done.stderr.strip()))
    return done.stdout.strip()


class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):
    del signum, frame
    raise _Timeout()


def run_once(command, allocator, use_gnu_time, timeout):
    """Runs command in a fresh process with PYTHONMALLOC=allocator, killed after timeout
    seconds; returns the run's dict."""
    env = dict(os.environ)
    env["PYTHONMALLOC"] = allocator
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(prefix="minipy-rss-") as rss:
        argv = list(command)
        if use_gnu_time:
            argv = [GNU_TIME, "-f", "%M", "-o", rss.name] + argv
        actions = [(os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
        start = time.perf_counter()
        # Its own session, so that a timeout or Ctrl-C can stop the whole process group
        # (GNU time and the interpreter under it).
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions, setsid=True)
        timed_out = False
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            _, status, usage = os.wait4(pid, 0)
        except BaseException as e:
            os.killpg(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            if not isinstance(e, _Timeout):
                raise
            timed_out = True
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        peak = usage.ru_maxrss
        if use_gnu_time:
            with open(rss.name, encoding="utf-8") as f:
                report = f.read().split("\n")
            # GNU time puts "Command exited with non-zero status N" (or the signal) first
            # when the child failed; the figure is the last non-empty line.
            figures = [line for line in report if line.strip()]
            peak = int(figures[-1]) if figures and figures[-1].strip().isdigit() else None
    code = os.waitstatus_to_exitcode(status)
    if timed_out:
        stderr += "run.py: killed after %g s (--timeout)\n" % timeout
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": wall, "peak_rss_kib": peak,
            "status": code, "stdout": stdout, "stderr": stderr}


def geomean(values):
    values = [v for v in values if v is not None]
    if not values or any(v <= 0 for v in values):
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def median_or_none(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def reference_output(entry, round_runs):
    """What every run of the workload must print: expected.txt's line at the small sizes,
    else what the first round printed, else CPython's output in this round (a clean run),
    else the first clean run's; None when no run is clean."""
    if entry["expected"] is not None:
        return entry["expected"] + "\n"
    if entry["output"] is not None:
        return entry["output"] + "\n"
    clean = [(c, r) for c, r in round_runs if r["status"] == 0 and not r["stderr"]]
    clean.sort(key=lambda pair: pair[0]["interpreter"] != "cpython")
    return clean[0][1]["stdout"] if clean else None


def measure(args, configs, workloads, expected, progress):
    """Every round, workload and configuration; returns the JSON's workload entries and the
    list of failures."""
    use_gnu_time = os.access(GNU_TIME, os.X_OK)
    entries = []
    for workload in workloads:
        size = workload.small_size if args.quick else workload.default_size
        size = args.sizes.get(workload.name, size)
        expected_line = None
        if workload.name in expected and expected[workload.name][0] == size:
            expected_line = expected[workload.name][1]
        entries.append({"name": workload.name, "size": size, "output": None,
                        "expected": expected_line, "runs": {c["name"]: [] for c in configs}})
    failures = []
    total = args.rounds * len(workloads) * len(configs)
    done_runs = 0
    for round_index in range(args.rounds):
        for workload, entry in zip(workloads, entries):
            order = configs[round_index % len(configs):] + configs[:round_index % len(configs)]
            round_runs = []
            for config in order:
                done_runs += 1
                progress.show("round %d/%d  %-14s %-17s (%d/%d)" % (
                    round_index + 1, args.rounds, workload.name, config["name"], done_runs, total))
                command = [config["path"]] + config["options"] + [workload.script, str(entry["size"])]
                run = run_once(command, config["allocator"], use_gnu_time, args.timeout)
                run["round"] = round_index
                round_runs.append((config, run))
            reference = reference_output(entry, round_runs)
            for config, run in sorted(round_runs, key=lambda pair: configs.index(pair[0])):
                problems = []
                if run["status"] != 0:
                    problems.append("exit status %d" % run["status"])
                if run["stderr"]:
                    problems.append("stderr: " + run["stderr"].strip().split("\n")[-1])
                if reference is not None and run["stdout"] != reference:
                    problems.append("printed %r, expected %r" % (run["stdout"], reference))
                run["ok"] = not problems
                if problems:
                    failures.append("%s under %s, round %d: %s" % (
                        workload.name, config["name"], round_index + 1, "; ".join(problems)))
                entry["runs"][config["name"]].append(run)
            if entry["output"] is None and reference is not None:
                entry["output"] = reference.rstrip("\n")
    for workload, entry in zip(workloads, entries):
        entry["allocstats"] = {}
        for config in configs:
            if config["interpreter"] != "minipy" or config["options"]:
                continue
            progress.show("allocstats    %-14s %-17s" % (workload.name, config["name"]))
            stats = allocstats_run(config, workload, entry["size"], args.timeout)
            if "error" in stats:
                failures.append("%s under %s with -X allocstats: %s" % (
                    workload.name, config["name"], stats["error"]))
            entry["allocstats"][config["name"]] = stats
    progress.done()
    return entries, failures, ("gnu-time" if use_gnu_time else "wait4-floor")


def summarise(entries, configs, ratios, clock):
    key = clock + "_s"
    for entry in entries:
        entry["median"] = {}
        for config in configs:
            runs = [r for r in entry["runs"][config["name"]] if r["ok"]]
            if not runs:
                entry["median"][config["name"]] = None
                continue
            entry["median"][config["name"]] = {
                "time_s": statistics.median([r[key] for r in runs]),
                "peak_rss_kib": median_or_none([r["peak_rss_kib"] for r in runs])}
        entry["ratios"] = {}
        for name, top, bottom, of in ratios:
            field = key if of == "time" else "peak_rss_kib"
            per_round = []
            for a, b in zip(entry["runs"][top], entry["runs"][bottom]):
                if a["ok"] and b["ok"] and a[field] is not None and b[field]:
                    per_round.append(a[field] / b[field])
            entry["ratios"][name] = statistics.median(per_round) if per_round else None
    result = {"time_s": {}, "peak_rss_kib": {}, "ratios": {}}
    for config in configs:
        medians = [e["median"][config["name"]] for e in entries]
        complete = all(m is not None for m in medians)
        for field in ("time_s", "peak_rss_kib"):
            result[field][config["name"]] = geomean([m[field] for m in medians]) if complete else None
    for name, _, _, _ in ratios:
        values = [e["ratios"][name] for e in entries]
        result["ratios"][name] = geomean(values) if all(v is not None for v in values) else None
    return result


def fmt(value, digits):
    return "-" if value is None else "%.*f" % (digits, value)


def print_table(report, configs, ratios):
    clock = "CPU" if report["clock"] == "cpu" else "wall"
    print("minipy workloads: %s, %d round%s, median %s time (s) / peak RSS (MiB) per configuration"
          % (report["mode"], report["rounds"], "" if report["rounds"] == 1 else "s", clock))
    print("cp = CPython: python3 %s (%s)" % (report["python"]["version"], report["python"]["path"]))
    if report["minipy"]["built"]:
        print("mp = minipy: %s" % report["minipy"]["path"])
    else:
        where = report["minipy"]["path"]
        print("mp = minipy: not built yet (%s): CPython's columns only"
              % ("no " + where if where else "--minipy none"))
    name_width = max([len("workload")] + [len(e["name"]) for e in report["workloads"]]) + 1
    cell = 13
    head = "%-*s %8s" % (name_width, "workload", "size")
    for config in configs:
        head += " | %*s" % (cell, CONFIG_HEADS[config["name"]])
    for name, _, _, _ in ratios:
        head += " %9s" % RATIO_HEADS[name]
    print(head)
    print("-" * len(head))

    def cells(medians):
        text = ""
        for config in configs:
            m = medians.get(config["name"])
            if m is None:
                text += " | %*s" % (cell, "FAIL")
            else:
                rss = None if m["peak_rss_kib"] is None else m["peak_rss_kib"] / 1024.0
                text += " | %*s" % (cell, "%ss %sM" % (fmt(m["time_s"], 3), fmt(rss, 1)))
        return text

    for entry in report["workloads"]:
        line = "%-*s %8d" % (name_width, entry["name"], entry["size"]) + cells(entry["median"])
        for name, _, _, _ in ratios:
            line += " %9s" % fmt(entry["ratios"][name], 3)
        print(line)
    print("-" * len(head))
    geo = report["geomean"]
    medians = {}
    for config in configs:
        t = geo["time_s"][config["name"]]
        medians[config["name"]] = None if t is None else {
            "time_s": t, "peak_rss_kib": geo["peak_rss_kib"][config["name"]]}
    line = "%-*s %8s" % (name_width, "geomean", "") + cells(medians)
    for name, _, _, _ in ratios:
        line += " %9s" % fmt(geo["ratios"][name], 3)
    print(line)
    print("ratios: each round's time (rss: peak RSS) of the first over the second, median over")
    print("rounds; below 1 the first is faster (smaller): "
          + "; ".join("%s = %s" % (RATIO_HEADS[n], n) for n, _, _, _ in ratios))
    if report["rss_method"] != "gnu-time":
        print("peak RSS: %s not found, so the figures come from wait4 and include this script's own"
              " size as a floor" % GNU_TIME)
    print_allocator_share(report, configs)


def print_allocator_share(report, configs):
    """The allocator's share of each minipy configuration's run, from one extra run per
    workload with -X allocstats (not timed: the counting layer costs time)."""
    minipy = [c["name"] for c in configs if c["interpreter"] == "minipy" and not c["options"]]
    if not minipy:
        print("allocator share (-X allocstats): minipy is not measured")
        return
    print()
    print("allocator share (minipy -X allocstats, one untimed run per workload and configuration):")
    print("calls = malloc + calloc + realloc + free over the raw, mem and obj domains; Mcalls/s over")
    print("the configuration's median time; small = share of mem and obj requests of 1..512 bytes")
    print("(pymalloc's to serve); MB asked = bytes requested; arenas = pymalloc arenas made (peak)")
    name_width = max([len("workload")] + [len(e["name"]) for e in report["workloads"]]) + 1
    head = "%-*s %-15s %12s %9s %6s %10s %14s" % (
        name_width, "workload", "configuration", "calls", "Mcalls/s", "small", "MB asked", "arenas")
    print(head)
    print("-" * len(head))
    for entry in report["workloads"]:
        for name in minipy:
            stats = entry.get("allocstats", {}).get(name)
            if stats is None or "error" in stats:
                print("%-*s %-15s %s" % (name_width, entry["name"], name,
                                         "FAIL: " + (stats or {}).get("error", "not run")))
                continue
            calls = allocstats_calls(stats)
            median = entry["median"].get(name)
            rate = "-" if not median else "%.1f" % (calls / median["time_s"] / 1e6)
            requests = sum(stats["domains"][d][k] for d in ("mem", "obj")
                           for k in ("malloc", "calloc", "realloc"))
            small = "-" if requests == 0 else "%.0f%%" % (100.0 * stats["small_requests"] / requests)
            asked = sum(d["bytes_asked"] for d in stats["domains"].values()) / 1e6
            arenas = stats["arenas"]
            arena_text = "-" if arenas is None else "%d (%d)" % (arenas["made"], arenas["peak"])
            print("%-*s %-15s %12d %9s %6s %10.1f %14s" % (
                name_width, entry["name"], name, calls, rate, small, asked, arena_text))


def write_svg(report, configs, out_dir):
    """The chart: time and peak RSS per workload and configuration, as clustered bars drawn by
    gnuplot from a data file beside it. Returns the SVG's path, or None with a reason."""
    gnuplot = shutil.which("gnuplot")
    if gnuplot is None:
        return None, "gnuplot not found (tools/dev setup installs gnuplot-nox)"
    data_path = os.path.join(out_dir, "workloads.dat")
    svg_path = os.path.join(out_dir, "workloads.svg")
    names = [c["name"] for c in configs]
    with open(data_path, "w", encoding="utf-8") as f:
        f.write("# workload, then time (s) per configuration, then peak RSS (MiB) per configuration\n")
        f.write("# workload " + " ".join(names) + " " + " ".join(names) + "\n")
        for entry in report["workloads"]:
            times = []
            rss = []
            for name in names:
                m = entry["median"][name]
                times.append("NaN" if m is None else "%.6f" % m["time_s"])
                rss.append("NaN" if m is None or m["peak_rss_kib"] is None
                           else "%.3f" % (m["peak_rss_kib"] / 1024.0))
            f.write(entry["name"] + " " + " ".join(times) + " " + " ".join(rss) + "\n")
    count = len(names)
    clock = "CPU" if report["clock"] == "cpu" else "wall"
    title = "minipy workloads (%s, %s, python3 %s)" % (
        report["mode"], report["date"][:10], report["python"]["version"])
    plot_time = ", ".join(
        "'%s' using %d:xtic(1) title '%s'" % (data_path, 2 + i, n)
        for i, n in enumerate(names))
    plot_rss = ", ".join(
        "'%s' using %d:xtic(1) notitle" % (data_path, 2 + count + i) for i in range(count))
    script = "\n".join([
        "set terminal svg size 1200,820 dynamic enhanced font 'sans,11' background rgb 'white'",
        "set output '%s'" % svg_path,
        "set datafile missing 'NaN'",
        "set style data histogram",
        "set style histogram clustered gap 1",
        "set style fill solid 0.85 border -1",
        "set boxwidth 0.9",
        "set grid ytics",
        "set key top left horizontal",
        "set xtics noenhanced nomirror",
        "set yrange [0:*]",
        "set multiplot layout 2,1 title '%s' noenhanced" % title,
        "set ylabel 'median %s time (s)'" % clock,
        "plot " + plot_time,
        "set ylabel 'peak RSS (MiB)'",
        "plot " + plot_rss,
        "unset multiplot",
        ""])
    done = subprocess.run([gnuplot], input=script, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not os.path.exists(svg_path):
        return None, "gnuplot failed: " + done.stderr.strip()
    return svg_path, None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="small sizes (workloads.txt), one round: a first look in under a minute")
    parser.add_argument("--rounds", type=int, help="rounds (default 3, 1 with --quick)")
    parser.add_argument("--only", help="comma-separated workloads to run (default: all)")
    parser.add_argument("--minipy", default=DEFAULT_MINIPY,
                        help="the minipy command, or 'none' (default: build/release/interp/minipy)")
    parser.add_argument("--python", default="python3", help="CPython to compare with (python3)")
    parser.add_argument("--configs", help="comma-separated configurations (default: %s; also %s)"
                        % (",".join(DEFAULT_CONFIGS), ",".join(
                            c[0] for c in ALL_CONFIGS if c[0] not in DEFAULT_CONFIGS)))
    parser.add_argument("--sizes", default="",
                        help="name=N,... : run these workloads at size N instead (the output is then"
                             " checked against CPython's in the same round)")
    parser.add_argument("--clock", choices=["cpu", "wall"], default="cpu",
                        help="time of the table, ratios and chart (default cpu: user + system)")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds after which a run is killed and counted as failed (300)")
    parser.add_argument("--out", default=DEFAULT_OUT, help="directory for the JSON and SVG (build/workloads)")
    args = parser.parse_args()
    if args.rounds is None:
        args.rounds = 1 if args.quick else 3
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")

    workloads = manifest.workloads()
    sizes = {}
    for item in filter(None, args.sizes.split(",")):
        name, _, value = item.partition("=")
        if name not in [w.name for w in workloads] or not value.isdigit() or int(value) < 1:
            parser.error("--sizes wants name=N with a known workload and N >= 1, not %r" % item)
        sizes[name] = int(value)
    args.sizes = sizes
    if args.only:
        wanted = args.only.split(",")
        unknown = [w for w in wanted if w not in [x.name for x in workloads]]
        if unknown:
            parser.error("unknown workload(s) %s; known: %s" % (
                ", ".join(unknown), ", ".join(w.name for w in workloads)))
        workloads = [w for w in workloads if w.name in wanted]

    python = shutil.which(args.python)
    if python is None:
        parser.error("CPython %r not found" % args.python)
    version = python_version(python)
    minipy_path = None if args.minipy == "none" else os.path.abspath(args.minipy)
    minipy_built = minipy_path is not None and os.access(minipy_path, os.X_OK)

    requested = args.configs.split(",") if args.configs else list(DEFAULT_CONFIGS)
    known = {name: (interpreter, allocator, options) for name, interpreter, allocator, options in ALL_CONFIGS}
    for name in requested:
        if name not in known:
            parser.error("unknown configuration %r; known: %s" % (name, ", ".join(known)))
    configs = []
    for name in requested:
        interpreter, allocator, options = known[name]
        if interpreter == "minipy" and not minipy_built:
            continue
        configs.append({"name": name, "interpreter": interpreter, "allocator": allocator,
                        "options": options,
                        "path": python if interpreter == "cpython" else minipy_path})
    if not configs:
        parser.error("no configuration left to run (minipy is not built)")
    names = [c["name"] for c in configs]
    ratios = [r for r in ALL_RATIOS if r[1] in names and r[2] in names]

    if not minipy_built:
        print("run.py: minipy is not built yet (%s): measuring CPython's columns only"
              % (minipy_path or "--minipy none"), file=sys.stderr)
    if not version.startswith("3.11."):
        print("run.py: warning: %s is CPython %s, the comparison is meant for 3.11" % (python, version),
              file=sys.stderr)

    report = {
        "schema": "minipy-workloads/1",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "mode": "quick" if args.quick else "full",
        "rounds": args.rounds,
        "clock": args.clock,
        "python": {"path": python, "version": version},
        "minipy": {"path": minipy_path, "built": minipy_built},
        "configs": [{k: c[k] for k in ("name", "interpreter", "allocator", "options")} for c in configs],
        "ratios": [{"name": n, "numerator": a, "denominator": b, "of": of}
                   for n, a, b, of in ratios],
    }
    entries, failures, rss_method = measure(args, configs, workloads, manifest.expected_outputs(),
                                            Progress())
    report["rss_method"] = rss_method
    report["workloads"] = entries
    report["geomean"] = summarise(entries, configs, ratios, args.clock)
    report["failures"] = failures

    os.makedirs(args.out, exist_ok=True)
    svg_path, svg_problem = write_svg(report, configs, args.out)
    report["svg"] = svg_path
    json_path = os.path.join(args.out, "workloads.json")
    with open(json_path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
        f.write("\n")

    print_table(report, configs, ratios)
    print("JSON:  %s" % json_path)
    print("chart: %s" % (svg_path or "not written: " + svg_problem))
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures or svg_path is None else 0


if __name__ == "__main__":
    sys.exit(main())

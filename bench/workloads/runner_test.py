#!/usr/bin/env python3
"""The CTest test workloads.runner_quick: runs the main job's runner (run.py --quick) on two
workloads and checks what it leaves behind: the table on stdout, the JSON against the schema
run.py documents, and the SVG chart; and that the three agree (the table's figures are the
JSON's medians, the chart names every workload and configuration).
    bench/workloads/runner_test.py --minipy PATH|none --out DIR"""

import argparse
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

# Keep the source tree free of __pycache__ (CTest runs these from it).
sys.dont_write_bytecode = True
import manifest  # noqa: E402 (after the line above)

WORKLOADS = ["binary_trees", "pidigits"]
RUN_PY = os.path.join(manifest.HERE, "run.py")


class Checker:
    def __init__(self):
        self.failures = []

    def check(self, condition, message):
        if not condition:
            self.failures.append(message)
        return condition


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_json(report, expect_minipy, c):
    """The shape of the JSON, field by field (run.py's docstring is the schema)."""
    c.check(report.get("schema") == "minipy-workloads/1", "schema is %r" % report.get("schema"))
    c.check(report.get("mode") == "quick" and report.get("rounds") == 1,
            "mode/rounds are %r/%r, expected quick/1" % (report.get("mode"), report.get("rounds")))
    c.check(report.get("clock") in ("cpu", "wall"), "clock is %r" % report.get("clock"))
    c.check(isinstance(report.get("date"), str) and report["date"].endswith("Z"), "date is not UTC")
    python = report.get("python", {})
    c.check(isinstance(python.get("version"), str) and python["version"].count(".") == 2,
            "python.version is %r" % python.get("version"))
    c.check(report.get("minipy", {}).get("built") is expect_minipy,
            "minipy.built is %r, expected %r" % (report.get("minipy", {}).get("built"), expect_minipy))
    c.check(report.get("rss_method") in ("gnu-time", "wait4-floor"), "rss_method is %r" % report.get("rss_method"))
    names = [cfg.get("name") for cfg in report.get("configs", [])]
    want = ["cpython-pymalloc", "cpython-malloc"]
    if expect_minipy:
        want = ["minipy-pymalloc", "minipy-malloc", "minipy-debug"] + want
    c.check(names == want, "configs are %r, expected %r" % (names, want))
    for cfg in report.get("configs", []):
        c.check(cfg.get("interpreter") in ("minipy", "cpython") and cfg.get("allocator") in ("pymalloc", "malloc", "debug"),
                "config %r is malformed" % cfg)
    ratio_names = [r.get("name") for r in report.get("ratios", [])]
    c.check("pymalloc/malloc cpython" in ratio_names, "ratios lack pymalloc/malloc cpython: %r" % ratio_names)
    for name in ("minipy/cpython", "rss minipy/cpython"):
        c.check((name in ratio_names) == expect_minipy, "%s ratio present: %r" % (name, ratio_names))
    for r in report.get("ratios", []):
        c.check(r.get("numerator") in names and r.get("denominator") in names and r.get("of") in ("time", "peak_rss"),
                "ratio %r is malformed" % r)
    expected = manifest.expected_outputs()
    entries = report.get("workloads", [])
    c.check([e.get("name") for e in entries] == WORKLOADS,
            "workloads are %r, expected %r" % ([e.get("name") for e in entries], WORKLOADS))
    for entry in entries:
        name = entry.get("name")
        if name not in expected:
            continue
        size, line = expected[name]
        c.check(entry.get("size") == size, "%s: size %r, expected the small size %d" % (name, entry.get("size"), size))
        c.check(entry.get("expected") == line and entry.get("output") == line,
                "%s: expected/output are %r/%r, expected %r" % (name, entry.get("expected"), entry.get("output"), line))
        runs = entry.get("runs", {})
        c.check(sorted(runs) == sorted(names), "%s: runs for %r" % (name, sorted(runs)))
        for config, config_runs in runs.items():
            if not c.check(len(config_runs) == 1, "%s/%s: %d runs, expected 1" % (name, config, len(config_runs))):
                continue
            run = config_runs[0]
            c.check(run.get("ok") is True and run.get("status") == 0 and run.get("stdout") == line + "\n"
                    and run.get("stderr") == "", "%s/%s: the run failed: %r" % (name, config, run))
            c.check(run.get("round") == 0, "%s/%s: round %r" % (name, config, run.get("round")))
            for field in ("cpu_s", "wall_s", "peak_rss_kib"):
                c.check(is_number(run.get(field)) and run[field] > 0, "%s/%s: %s is %r" % (name, config, field, run.get(field)))
            # A Python interpreter running a workload holds more than a megabyte.
            if is_number(run.get("peak_rss_kib")):
                c.check(run["peak_rss_kib"] > 1024, "%s/%s: peak RSS %r KiB" % (name, config, run["peak_rss_kib"]))
        stats = entry.get("allocstats")
        minipy_configs = [n for n in names if n.startswith("minipy-")]
        if c.check(isinstance(stats, dict) and sorted(stats) == sorted(minipy_configs),
                   "%s: allocstats for %r, expected %r" % (name, stats, minipy_configs)):
            for config in minipy_configs:
                s = stats[config]
                domains = s.get("domains", {})
                c.check(sorted(domains) == ["mem", "obj", "raw"], "%s/%s: allocstats domains %r" % (name, config, s))
                obj = domains.get("obj", {})
                # A workload makes objects and frees them (frees may outnumber the allocations
                # counted: blocks made at start-up, before the layer, are freed too); nothing of
                # what the layer saw is left at exit.
                c.check(obj.get("malloc", 0) > 100 and obj.get("free", 0) > 100 and obj.get("left") == 0,
                        "%s/%s: OBJ calls %r" % (name, config, obj))
                c.check(is_number(s.get("small_requests")) and s["small_requests"] > 0,
                        "%s/%s: small requests %r" % (name, config, s.get("small_requests")))
                arenas = s.get("arenas")
                if config == "minipy-malloc":
                    c.check(arenas is None or arenas.get("made") == 0, "%s/%s: arenas %r without pymalloc" % (name, config, arenas))
                else:
                    c.check(isinstance(arenas, dict) and arenas.get("made", 0) >= 1 and arenas.get("peak", 0) >= 1,
                            "%s/%s: arenas %r" % (name, config, arenas))
        medians = entry.get("median", {})
        for config in names:
            m = medians.get(config)
            if c.check(isinstance(m, dict), "%s: no median for %s" % (name, config)):
                run = runs.get(config, [{}])[0]
                c.check(m.get("time_s") == run.get(report.get("clock") + "_s") and m.get("peak_rss_kib") == run.get("peak_rss_kib"),
                        "%s/%s: the median of one run %r is not the run's figures" % (name, config, m))
        for ratio in report.get("ratios", []):
            value = entry.get("ratios", {}).get(ratio["name"])
            field = report.get("clock") + "_s" if ratio.get("of") == "time" else "peak_rss_kib"
            top = runs.get(ratio["numerator"], [{}])[0].get(field)
            bottom = runs.get(ratio["denominator"], [{}])[0].get(field)
            c.check(is_number(value) and is_number(top) and is_number(bottom) and abs(value - top / bottom) < 1e-9,
                    "%s: ratio %s is %r, the runs give %r / %r" % (name, ratio["name"], value, top, bottom))
    geo = report.get("geomean", {})
    for config in names:
        values = [e["median"][config]["time_s"] for e in entries if isinstance(e.get("median", {}).get(config), dict)]
        g = geo.get("time_s", {}).get(config)
        if len(values) == 2 and c.check(is_number(g), "geomean time of %s is %r" % (config, g)):
            c.check(abs(g - (values[0] * values[1]) ** 0.5) < 1e-9, "geomean time of %s is %r, not of %r" % (config, g, values))
    c.check(report.get("failures") == [], "failures: %r" % report.get("failures"))


def check_table(stdout, report, c):
    """Every workload's row shows the JSON's medians, as run.py formats them."""
    lines = stdout.split("\n")
    share = [i for i, line in enumerate(lines) if line.startswith("allocator share")]
    c.check(any(("python3 " + report["python"]["version"]) in line for line in lines),
            "the table does not name CPython's version")
    if not report["minipy"]["built"]:
        c.check(any("not built yet" in line for line in lines), "the table does not say minipy is not built")
    c.check(any(line.startswith("geomean") for line in lines), "no geomean row")
    if report["minipy"]["built"]:
        c.check(len(share) == 1 and lines[share[0]].startswith("allocator share (minipy -X allocstats"),
                "no allocator share table")
        for entry in report["workloads"]:
            for config, stats in entry["allocstats"].items():
                rows = [line for line in lines[share[0]:] if line.startswith(entry["name"] + " ") and (" " + config + " ") in line]
                c.check(len(rows) == 1 and str(sum(d[k] for d in stats["domains"].values()
                                                   for k in ("malloc", "calloc", "realloc", "free"))) in rows[0],
                        "%s/%s: the allocator share row %r lacks its calls" % (entry["name"], config, rows))
    main_lines = lines[:share[0]] if share else lines
    for entry in report["workloads"]:
        rows = [line for line in main_lines if line.startswith(entry["name"] + " ")]
        if not c.check(len(rows) == 1, "%d table rows for %s" % (len(rows), entry["name"])):
            continue
        for config in report["configs"]:
            m = entry["median"][config["name"]]
            cell = "%.3fs %.1fM" % (m["time_s"], m["peak_rss_kib"] / 1024.0)
            c.check(cell in rows[0], "%s row lacks %s's %r: %r" % (entry["name"], config["name"], cell, rows[0]))
        for ratio in report["ratios"]:
            c.check("%.3f" % entry["ratios"][ratio["name"]] in rows[0],
                    "%s row lacks the ratio %s" % (entry["name"], ratio["name"]))
    c.check(("JSON:  " + os.path.join(report_dir(report), "workloads.json")) in stdout, "the JSON's path is not printed")
    c.check(("chart: " + str(report.get("svg"))) in stdout, "the chart's path is not printed")


def report_dir(report):
    return os.path.dirname(report.get("svg") or "")


def check_svg(path, report, c):
    if not c.check(isinstance(path, str) and os.path.isfile(path), "no SVG at %r" % path):
        return
    root = ET.parse(path).getroot()
    c.check(root.tag.endswith("svg"), "the chart's root element is %r" % root.tag)
    texts = " ".join(t for t in root.itertext())
    for entry in report["workloads"]:
        c.check(entry["name"] in texts, "the chart does not label %s" % entry["name"])
    c.check("cpython-pymalloc" in texts and "cpython-malloc" in texts, "the chart's key lacks CPython's configurations")
    if report["minipy"]["built"]:
        c.check("minipy-pymalloc" in texts, "the chart's key lacks minipy")
    c.check(os.path.isfile(os.path.join(os.path.dirname(path), "workloads.dat")), "no data file beside the chart")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minipy", required=True, help="the minipy command, or none")
    parser.add_argument("--out", required=True, help="a directory for the runner's files (emptied first)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name in ("workloads.json", "workloads.svg", "workloads.dat"):
        if os.path.exists(os.path.join(args.out, name)):
            os.remove(os.path.join(args.out, name))
    command = [sys.executable, RUN_PY, "--quick", "--only", ",".join(WORKLOADS), "--minipy", args.minipy, "--out", args.out]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    c = Checker()
    c.check(done.returncode == 0, "run.py exited with %d" % done.returncode)
    # stderr is a pipe here: the progress line must stay off.
    c.check("\r" not in done.stderr, "run.py wrote a progress line to a stderr that is not a terminal")
    json_path = os.path.join(args.out, "workloads.json")
    if c.check(os.path.isfile(json_path), "no JSON at %s" % json_path):
        with open(json_path, encoding="utf-8") as f:
            report = json.load(f)
        check_json(report, args.minipy != "none", c)
        if not c.failures:
            check_table(done.stdout, report, c)
            check_svg(report.get("svg"), report, c)
    if c.failures:
        print("runner_test.py: %s\nstdout:\n%s\nstderr:\n%s" % (" ".join(command), done.stdout, done.stderr))
        for failure in c.failures:
            print("FAIL: " + failure)
        return 1
    print(done.stdout)
    print("runner_test.py: the table, %s and the chart agree" % json_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

# The text of Statistic and StatisticDiff (sizes in B, KiB, MiB, GiB, TiB with CPython's
# rounding and signs, the average) and the order statistics and differences come in, on
# snapshots built from traces, where every size is known.
import tracemalloc

SIZES = [0, 1, 99, 100, 1023, 1024, 1536, 10239, 10240, 10291, 102399, 102400, 1048575,
         1048576, 10 ** 7, 104857599, 104857600, 10 ** 9, 10 ** 11, 10 ** 12, 10 ** 13,
         10 ** 15, 10 ** 17]


def snapshot(sizes, lines=None):
    traces = []
    for i, size in enumerate(sizes):
        lineno = lines[i] if lines else i + 1
        traces.append((0, size, (("big.py", lineno),), 1))
    return tracemalloc.Snapshot(traces, 1)


for stat in snapshot(SIZES).statistics("lineno"):
    print(stat)
print()

# Averages: a line with several blocks.
for stat in snapshot([1, 2, 4, 1000, 1001, 30000, 30001, 3, 7],
                     [1, 1, 1, 2, 2, 3, 3, 4, 4]).statistics("lineno"):
    print(stat)
print(repr(snapshot([5, 6], [9, 9]).statistics("lineno")[0]))
print()

# Ordering: size, then count, then the traceback, biggest first.
ties = snapshot([100, 50, 50, 100, 60, 40, 100], [3, 1, 1, 2, 4, 4, 5])
for stat in ties.statistics("lineno"):
    print(stat)
print()

old = snapshot([1000, 2000, 3000, 4000, 5000, 500], [1, 2, 3, 4, 5, 6])
new = snapshot([1000, 2500, 1000, 4000, 4000, 10 ** 7, 700, 100], [1, 2, 3, 4, 4, 7, 6, 6])
for diff in new.compare_to(old, "lineno"):
    print(diff)
print()
for diff in old.compare_to(new, "lineno"):
    print(repr(diff))
print()
for diff in new.compare_to(old, "filename"):
    print(diff)
print()

# Tracebacks of two frames: by traceback, and cumulative by line and by file.
deep = tracemalloc.Snapshot([
    (0, 100, (("a.py", 2), ("main.py", 10)), 2),
    (0, 300, (("a.py", 2), ("main.py", 11)), 2),
    (0, 50, (("b.py", 7), ("main.py", 10)), 3),
    (0, 25, (("a.py", 3), ("a.py", 2)), 2),
], 2)
for key_type, cumulative in (("traceback", False), ("lineno", False), ("lineno", True),
                             ("filename", False), ("filename", True)):
    print(key_type, cumulative)
    for stat in deep.statistics(key_type, cumulative):
        print("  %s  %s" % (stat, list(stat.traceback)))
print(deep.statistics("traceback")[0].traceback.format())
print([str(t) for t in deep.traces])
print(deep.traceback_limit, len(deep.traces), repr(deep.traces[0]))

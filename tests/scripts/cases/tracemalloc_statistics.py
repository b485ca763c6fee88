# Statistics of a real snapshot: 1000 objects made on a known line show up at that line
# ('lineno'), under the file ('filename'), under their whole traceback ('traceback'), and,
# counted at each frame of their tracebacks, at the caller's line too (cumulative=True).
import tracemalloc

DIR = __file__.rpartition("/")[0] + "/"  # printed paths leave the checkout's directory out


def rel(value):
    return str(value).replace(DIR, "")


MARK_LINE = 17


def make(n):
    return [str(i) * 40 for i in range(n)]  # line 17


def caller():
    return make(1000)  # line 21


tracemalloc.start(4)
data = caller()  # line 25
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
mine = snapshot.filter_traces([tracemalloc.Filter(True, __file__)])


def find(stats, lineno):
    for stat in stats:
        if stat.traceback[0].lineno == lineno:
            return stat
    return None


by_line = mine.statistics("lineno")
stat = find(by_line, MARK_LINE)
print("line %d found:" % MARK_LINE, stat is not None)
print("its traceback:", rel(stat.traceback), "frames:", len(stat.traceback),
      "total_nframe:", stat.traceback.total_nframe)
print("count >= 1000:", stat.count >= 1000, "size >= 1000 * 40:", stat.size >= 40000)
print("str starts:", str(stat).startswith("%s:%d: size=" % (__file__, MARK_LINE)))
print("str has count:", (", count=%d, average=" % stat.count) in str(stat))
print("repr starts:", repr(stat).startswith("<Statistic traceback=<Traceback (<Frame filename="))
print("biggest first:", all(a.size >= b.size for a, b in zip(by_line, by_line[1:])))
print("caller's line not a lineno key:", find(by_line, 21) is None)

by_file = mine.statistics("filename")
print("one file:", len(by_file), rel(by_file[0].traceback), by_file[0].traceback[0].lineno)
print("file total = line total:", by_file[0].size == sum(s.size for s in by_line),
      by_file[0].count == sum(s.count for s in by_line))

by_tb = mine.statistics("traceback")
big = by_tb[0]
print("traceback key, oldest first:", [f.lineno for f in big.traceback])

cumulative = mine.statistics("lineno", cumulative=True)
at_caller = find(cumulative, 21)
at_module = find(cumulative, 25)
print("cumulative: caller and module lines counted:",
      at_caller is not None and at_caller.count >= 1000,
      at_module is not None and at_module.count >= 1000)
cumulative_files = mine.statistics("filename", cumulative=True)
print("cumulative by file counts each frame:", cumulative_files[0].count >= 3000)

for key_type, cumulative in (("traceback", True), ("module", False)):
    try:
        mine.statistics(key_type, cumulative)
    except ValueError as e:
        print("ValueError:", e)
print("len(data):", len(data))

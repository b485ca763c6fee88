# Snapshot.filter_traces with Filter (file name patterns with *, ? and [...], a line, every
# frame or the most recent one, a domain) and DomainFilter, inclusive and exclusive, on a
# real snapshot and on snapshots built from traces (a host's blocks under domain 42).
import tracemalloc

DIR = __file__.rpartition("/")[0] + "/"  # printed paths leave the checkout's directory out
NAME = __file__[len(DIR):]


def rel(value):
    return str(value).replace(DIR, "")


def helper():
    return [bytes(64) for i in range(100)]  # line 15


tracemalloc.start(3)
kept = helper()  # line 19
other = [str(i) * 20 for i in range(100)]  # line 20
real = tracemalloc.take_snapshot()
tracemalloc.stop()


def lines_of(snapshot):
    return sorted(set((rel(t.traceback[-1].filename), t.traceback[-1].lineno)
                      for t in snapshot.traces if t.traceback[-1].filename == __file__))


only_mine = real.filter_traces([tracemalloc.Filter(True, __file__)])
print("inclusive by file:", lines_of(only_mine) == lines_of(real), len(only_mine.traces) >= 100)
print("every trace from this file:", all(t.traceback[-1].filename == __file__ for t in only_mine.traces))
print("pattern *:", len(real.filter_traces([tracemalloc.Filter(True, DIR + "*malloc_filters.py")]).traces) == len(only_mine.traces))
no_mine = real.filter_traces([tracemalloc.Filter(False, __file__)])
print("exclusive by file:", lines_of(no_mine), len(no_mine.traces) + len(only_mine.traces) == len(real.traces))
line15 = real.filter_traces([tracemalloc.Filter(True, __file__, lineno=15)])
print("one line:", lines_of(line15), len(line15.traces) >= 100)
line19 = real.filter_traces([tracemalloc.Filter(True, __file__, lineno=19)])
print("caller's line, most recent frame only:", len(line19.traces))
all19 = real.filter_traces([tracemalloc.Filter(True, __file__, lineno=19, all_frames=True)])
print("caller's line, any frame:", len(all19.traces) >= 100)
print("domain 0 kept:", len(real.filter_traces([tracemalloc.DomainFilter(True, 0)]).traces) == len(real.traces))
print("domain 0 dropped:", len(real.filter_traces([tracemalloc.DomainFilter(False, 0)]).traces))
print("no filters: a copy:", len(real.filter_traces([]).traces) == len(real.traces),
      real.filter_traces([]).traces == real.traces)
print("the original is untouched:", len(real.traces) > len(line15.traces) + 100)
print("lines traced:", lines_of(real))

traces = [
    (0, 100, (("app/main.py", 10), ("app/main.py", 1)), 2),
    (0, 200, (("app/util.py", 5), ("app/main.py", 11)), 2),
    (0, 300, (("lib/a.py", 7),), 1),
    (0, 400, (("lib/b.pyc", 8),), 1),
    (42, 1000, (("app/main.py", 20),), 1),
    (42, 2000, (("host.c", 0),), 1),
    (7, 50, (("<unknown>", 0),), 1),
]
built = tracemalloc.Snapshot(traces, 2)
cases = [
    ("app/*", [tracemalloc.Filter(True, "app/*")]),
    ("not app/*", [tracemalloc.Filter(False, "app/*")]),
    ("app/*.py line 10", [tracemalloc.Filter(True, "app/*.py", lineno=10)]),
    ("main.py anywhere", [tracemalloc.Filter(True, "app/main.py", all_frames=True)]),
    ("not main.py anywhere", [tracemalloc.Filter(False, "app/main.py", all_frames=True)]),
    ("lib/?.py", [tracemalloc.Filter(True, "lib/?.py")]),
    ("lib/[ab].py", [tracemalloc.Filter(True, "lib/[ab].py")]),
    ("lib/[!a].py", [tracemalloc.Filter(True, "lib/[!a].py")]),
    ("b.pyc as b.py", [tracemalloc.Filter(True, "lib/b.pyc")]),
    ("app/* in domain 42", [tracemalloc.Filter(True, "app/*", domain=42)]),
    ("not app/* in domain 42", [tracemalloc.Filter(False, "app/*", domain=42)]),
    ("domain 42", [tracemalloc.DomainFilter(True, 42)]),
    ("not domain 42", [tracemalloc.DomainFilter(False, 42)]),
    ("app or lib, not util", [tracemalloc.Filter(True, "app/*"), tracemalloc.Filter(True, "lib/*"),
                              tracemalloc.Filter(False, "*util*")]),
    ("not 42, not <unknown>", [tracemalloc.DomainFilter(False, 42),
                               tracemalloc.Filter(False, "<unknown>")]),
    ("a tuple of filters", (tracemalloc.Filter(True, "host.c"),)),
]
for label, filters in cases:
    result = built.filter_traces(filters)
    print("%s: %s" % (label, [(t.domain, t.size) for t in result.traces]))

f = tracemalloc.Filter(False, "x/*.pyc", 3, True, 42)
print("Filter attributes:", f.inclusive, f.filename_pattern, f.lineno, f.all_frames, f.domain)
d = tracemalloc.DomainFilter(True, 42)
print("DomainFilter attributes:", d.inclusive, d.domain)
try:
    d.domain = 1
except AttributeError:
    print("DomainFilter.domain is read-only")
try:
    built.filter_traces(None)
except TypeError as e:
    print("TypeError:", e)
print("domain statistics:", [str(s) for s in built.filter_traces([tracemalloc.DomainFilter(True, 42)]).statistics("filename")])

# The argument checks of collections.abc's Iterable and os.fspath, as CPython's module makes
# them: an object with only __getitem__ is no list of filters, an iterable that raises keeps
# its own error, and a filter's file name must be a path.
class ByIndex:
    def __getitem__(self, index):
        raise IndexError(index)


def raising_filters():
    raise TypeError("inner boom")
    yield


for filters in [ByIndex(), raising_filters()]:
    try:
        built.filter_traces(filters)
    except TypeError as e:
        print("TypeError:", e)
for name in [None, 3]:
    try:
        tracemalloc.Filter(True, name)
    except TypeError as e:
        print("TypeError:", e)

# traces and tracebacks are sequences: index with a negative start, count, and == with
# something else.
first = built.traces[0]
print("traces:", built.traces.index(first), built.traces.count(first), built.traces == 3,
      built.traces != 3)
frames = built.traces[0].traceback
print("traceback index:", frames.index(frames[-1], -1), frames.count(frames[0]))
try:
    frames.index(frames[0], -1) if len(frames) > 1 else frames.index(None)
except ValueError:
    print("ValueError")
print(len(kept))

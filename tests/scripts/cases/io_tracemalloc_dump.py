# tracemalloc's Snapshot.dump / Snapshot.load round trip, and the source lines that
# Traceback.format() reads through linecache.
import tracemalloc

tracemalloc.start(5)


def make_blocks():
    return [bytes(1000 + i) for i in range(20)]


def more_blocks():
    return [str(i) * 500 for i in range(30)]


kept = make_blocks()
also = more_blocks()
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()

snapshot.dump("snapshot.dump")
loaded = tracemalloc.Snapshot.load("snapshot.dump")
print(type(loaded).__name__, loaded.traceback_limit == snapshot.traceback_limit)
print(len(loaded.traces) == len(snapshot.traces), list(loaded.traces) == list(snapshot.traces))
print([stat.traceback for stat in loaded.statistics("traceback")] ==
      [stat.traceback for stat in snapshot.statistics("traceback")])
print(loaded.compare_to(snapshot, "lineno")[0].size_diff)

mine = [stat for stat in loaded.statistics("lineno")
        if stat.traceback[0].filename == __file__]
lines = {stat.traceback[0].lineno for stat in mine}
print(9 in lines, 13 in lines)
for stat in loaded.statistics("traceback"):
    if stat.traceback[-1].filename == __file__ and stat.traceback[-1].lineno == 9:
        text = stat.traceback.format()
        print("\n".join(line.replace(__file__, "<this file>") for line in text))
        print("\n".join(line.replace(__file__, "<this file>")
                        for line in stat.traceback.format(limit=1, most_recent_first=True)))
        break

# A snapshot whose frames have awkward file names survives the round trip exactly.
odd = tracemalloc.Snapshot([(0, 10, (("a b\\c\nd\re", 1), ("", 0), ("\udcff\u20ac", 7)), 3),
                            (5, 20, (("x.py", 4),), 1)], 3)
odd.dump("odd.dump")
back = tracemalloc.Snapshot.load("odd.dump")
print(list(back.traces) == list(odd.traces), back.traceback_limit)
print([(t.domain, t.size, [(f.filename, f.lineno) for f in t.traceback]) for t in back.traces])

try:
    tracemalloc.Snapshot.load("no-such.dump")
except FileNotFoundError as e:
    print(type(e).__name__, e)
try:
    snapshot.dump(".")
except IsADirectoryError as e:
    print(type(e).__name__, e)

# Snapshot.compare_to: growth between two snapshots at the line that allocated, and the
# shrink once those blocks are freed; StatisticDiff's text and ordering.
import tracemalloc

DIR = __file__.rpartition("/")[0] + "/"  # printed paths leave the checkout's directory out


def rel(value):
    return str(value).replace(DIR, "")


def find(diffs, lineno):
    for diff in diffs:
        if diff.traceback[0].filename == __file__ and diff.traceback[0].lineno == lineno:
            return diff
    return None


tracemalloc.start()
first = tracemalloc.take_snapshot()
grown = [bytes(300) for i in range(500)]  # line 21
second = tracemalloc.take_snapshot()

diffs = second.compare_to(first, "lineno")
diff = find(diffs, 21)
print("line 21 grew:", rel(diff.traceback))
print("count_diff >= 500:", diff.count_diff >= 500, "count == count_diff:", diff.count == diff.count_diff)
print("size_diff >= 500 * 300:", diff.size_diff >= 150000, "size == size_diff:", diff.size == diff.size_diff)
text = rel(diff)
print("text starts:", text.startswith("tracemalloc_compare.py:21: size="))
print("text has (+...) size:", " KiB (+" in text, "count (+n):", (", count=%d (+%d), average=" % (diff.count, diff.count_diff)) in text)
print("repr:", rel(repr(diff)).startswith("<StatisticDiff traceback=<Traceback (<Frame filename='tracemalloc_compare.py' lineno=21>,)> size="))
print("biggest change first:", diffs[0] is diff)
print("ordered by |size_diff|:", all(abs(a.size_diff) >= abs(b.size_diff) for a, b in zip(diffs, diffs[1:])))

del grown
third = tracemalloc.take_snapshot()
tracemalloc.stop()
shrink = find(third.compare_to(second, "lineno"), 21)
print("after del, line 21:", shrink.size, shrink.count, shrink.size_diff < -150000, shrink.count_diff <= -500)
print("text:", rel(shrink).startswith("tracemalloc_compare.py:21: size=0 B (-"), ", count=0 (-" in str(shrink), "average" in str(shrink))
same = third.compare_to(third, "filename")
print("a snapshot against itself:", all(d.size_diff == 0 and d.count_diff == 0 for d in same))
print("its text:", all(" (+0 B), count=" in str(d) and "(+0)" in str(d) for d in same))
by_file = find(second.compare_to(first, "filename"), 0)
print("by file, line 0:", rel(by_file.traceback), by_file.count_diff >= 500)
cumulative = second.compare_to(first, "lineno", cumulative=True)
print("cumulative has line 21:", find(cumulative, 21) is not None)
try:
    second.compare_to(first, "traceback", cumulative=True)
except ValueError as e:
    print("ValueError:", e)

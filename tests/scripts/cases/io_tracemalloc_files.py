# tracemalloc attributes what file objects allocate to the program's own lines (io's frames
# are C code in CPython), and an error raised inside a file method shows only the caller.
import tracemalloc

with open("words.txt", "w") as f:
    for i in range(2000):
        f.write("word%d\n" % i)

tracemalloc.start(3)
with open("words.txt") as f:
    lines = f.readlines()
with open("words.txt") as f:
    kept = [line for line in f]
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
files = {stat.traceback[0].filename.rpartition("/")[2] for stat in snapshot.statistics("lineno")}
print(sorted(name for name in files if not name.startswith("<frozen importlib")))
mine = {stat.traceback[0].lineno for stat in snapshot.statistics("lineno")
        if stat.traceback[0].filename == __file__}
print(11 in mine, 13 in mine)
print(all(frame.filename == __file__ for trace in snapshot.traces for frame in trace.traceback
          if "io" in frame.filename))

f = open("words.txt", "rb")
f.read(2)
f.close()
f.read(1)

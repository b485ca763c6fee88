# gc.collect finds cycles that reference counting cannot free; enable/disable, thresholds, counts.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.collect()


def make_cycles(n):
    for i in range(n):
        a = [i]
        a.append(a)
        b = {"i": i}
        c = [b]
        b["c"] = c


make_cycles(10)
print(gc.collect())
print(gc.collect())
make_cycles(3)
print(gc.collect(0) + gc.collect(1) + gc.collect(2))
print(gc.get_threshold())
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(100, 5, 3)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
gc.collect()
count = gc.get_count()
print(type(count), len(count))
gc.enable()
print(gc.isenabled(), gc.garbage)
for bad in [(3,), (-1,), ("2",)]:
    try:
        gc.collect(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    gc.set_threshold()
except TypeError as e:
    print("TypeError:", e)
stats = gc.get_stats()
print(len(stats), [sorted(s) for s in stats])
print(all(s["uncollectable"] == 0 for s in stats))
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
gc.set_debug(0)
print(gc.get_debug())

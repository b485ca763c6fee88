# tracemalloc's switches and counters: start/stop, is_tracing, the frame limit and its
# errors, current and peak traced memory, reset_peak, clear_traces, and what stop clears.
import tracemalloc

print("tracing at start:", tracemalloc.is_tracing())
print("limit before start:", tracemalloc.get_traceback_limit())
print("memory when stopped:", tracemalloc.get_traced_memory())

for bad in (0, -1, 65536, 10 ** 6):
    try:
        tracemalloc.start(bad)
    except ValueError as e:
        print("start(%d): ValueError: %s" % (bad, e))
print("still stopped:", tracemalloc.is_tracing())
try:
    tracemalloc.start("5")
except TypeError as e:
    print("start('5'): TypeError:", e)
try:
    tracemalloc.start(2 ** 40)
except OverflowError as e:
    print("start(2**40): OverflowError:", e)
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print("take_snapshot when stopped: RuntimeError:", e)

tracemalloc.start(5)
print("tracing:", tracemalloc.is_tracing(), "limit:", tracemalloc.get_traceback_limit())
tracemalloc.start(7)  # already tracing: the limit stays
print("second start keeps the limit:", tracemalloc.get_traceback_limit())
print("tracer's own memory > 0:", tracemalloc.get_tracemalloc_memory() > 0)

before, _ = tracemalloc.get_traced_memory()
big = [bytes(1000) for i in range(200)]
current, peak = tracemalloc.get_traced_memory()
print("grew by >= 200000 bytes:", current - before >= 200000)
print("peak >= current:", peak >= current)
del big
after, peak2 = tracemalloc.get_traced_memory()
print("shrank after del:", current - after >= 200000)
print("peak kept the high mark:", peak2 >= current)
tracemalloc.reset_peak()
current3, peak3 = tracemalloc.get_traced_memory()
print("reset_peak: peak >= current:", peak3 >= current3, "peak near current:", peak3 - current3 < 10000)
print("reset_peak: peak below the old high mark:", peak3 < peak2)



def traced_lines():
    snapshot = tracemalloc.take_snapshot()
    return [s.traceback[0].lineno for s in snapshot.statistics("lineno")
            if s.traceback[0].filename == __file__]


kept = [bytes(100) for i in range(50)]  # line 56
print("line 56 traced:", 56 in traced_lines())
tracemalloc.clear_traces()
print("clear_traces: still tracing:", tracemalloc.is_tracing())
print("line 56's blocks forgotten:", 56 not in traced_lines())
print("traced memory small after clear:", tracemalloc.get_traced_memory()[0] < 100000)

tracemalloc.stop()
print("after stop:", tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
print("object traceback after stop:", tracemalloc.get_object_traceback(kept[0]))
print("limit survives stop:", tracemalloc.get_traceback_limit())
tracemalloc.reset_peak()
tracemalloc.clear_traces()
tracemalloc.stop()
print("stopped calls are harmless:", tracemalloc.get_traced_memory())

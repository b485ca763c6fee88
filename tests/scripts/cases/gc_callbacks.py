# gc.callbacks are called around every collection: the ones gc.collect() asks for and the
# automatic ones that allocations start.
import gc

events = []


def record(phase, info):
    events.append((phase, info["generation"], info["collected"] >= 0, info["uncollectable"]))


gc.callbacks.append(record)
gc.collect()
print(events)
events.clear()

gc.set_threshold(50)
keep = []
for i in range(2000):
    keep.append([i])
gc.set_threshold(700, 10, 10)
print(len(events) > 0, all(e[0] in ("start", "stop") for e in events))
print(("start", 0, True, 0) in events, ("stop", 0, True, 0) in events)
starts = [e for e in events if e[0] == "start"]
stops = [e for e in events if e[0] == "stop"]
print(len(starts) == len(stops))
gc.callbacks.remove(record)
events.clear()
gc.collect()
print(events, gc.callbacks)


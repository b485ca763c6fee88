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


# The callbacks run from the live list: one that removes itself does not skip the next, and
# one added during a phase runs in that phase.
order = []


def first(phase, info):
    order.append("a" + phase)
    if phase == "start":
        gc.callbacks.remove(first)


def second(phase, info):
    order.append("b" + phase)


def third(phase, info):
    order.append("c" + phase)
    if phase == "start":
        gc.callbacks.append(fourth)


def fourth(phase, info):
    order.append("d" + phase)


gc.callbacks.extend([first, second, third])
gc.collect()
print(" ".join(order))
gc.callbacks.clear()

# Thresholds are any ints, as CPython 3.11 takes them.
saved = gc.get_threshold()
gc.set_threshold(100, -1, 10)
print(gc.get_threshold())
gc.set_threshold(*saved)


# is_finalized: set once __del__ has run, also for an object it brought back.
class Phoenix:
    kept = []

    def __del__(self):
        Phoenix.kept.append(self)


bird = Phoenix()
print(gc.is_finalized(bird))
del bird
print(gc.is_finalized(Phoenix.kept[0]), gc.is_finalized(3), gc.is_finalized([]))
Phoenix.kept.clear()

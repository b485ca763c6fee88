# The collector's view of the object graph: is_tracked, get_referents, get_referrers,
# get_objects, freeze; gc.callbacks around a collection.
import gc

print(gc.is_tracked(1), gc.is_tracked("text"), gc.is_tracked(1.5), gc.is_tracked(None))
print(gc.is_tracked([]), gc.is_tracked({1: []}), gc.is_tracked(set()), gc.is_tracked(gc))


def graph():
    leaf = [1, 2]
    holder = [leaf, "x", 3]
    box = {"leaf": leaf}
    referents = gc.get_referents(holder)
    print(len(referents), any(r is leaf for r in referents), 3 in referents)
    print(any(r is leaf for r in gc.get_referents(box)))
    referrers = gc.get_referrers(leaf)
    print(any(r is holder for r in referrers), any(r is box for r in referrers))
    print(any(o is holder for o in gc.get_objects()))
    print(any(o is holder for o in gc.get_objects(generation=0)))
    print(gc.get_referents(1, "a"), gc.get_referents())


graph()
for bad in (3, -2):
    try:
        gc.get_objects(bad)
    except ValueError as e:
        print("ValueError:", e)

events = []


def on_collect(phase, info):
    events.append((phase, info["generation"], sorted(info)))


gc.callbacks.append(on_collect)
gc.collect(1)
gc.callbacks.remove(on_collect)
gc.collect()
for event in events:
    print(event)

gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())

# sys.getsizeof: CPython 3.11's figures on 64-bit Linux (__sizeof__ plus the GC header of
# container objects).
import sys

values = [0, 1, -1, 2 ** 30 - 1, 2 ** 30, 2 ** 60, 10 ** 100, -(10 ** 50), True, False, None,
          1.5, 0.0, (), (1,), (1, 2, 3), tuple(range(20)), [], [1], [1, 2, 3],
          list(range(100)), {}, {1: 2}, {i: i for i in range(10)}, set(), {1, 2, 3},
          set(range(100)), frozenset(), frozenset({1}), range(10), slice(1, 2), object()]
for v in values:
    print(type(v).__name__, sys.getsizeof(v))
grown = []
sizes = []
for i in range(40):
    grown.append(i)
    sizes.append(sys.getsizeof(grown))
print(sizes)
print(sys.getsizeof(1, "default"), sys.getsizeof(object=(), default=0))
try:
    sys.getsizeof()
except TypeError as e:
    print("TypeError:", e)

# What the block holds in front of the object, by the type's flags: the GC header for a type
# with the GC flag (a static type too), and a managed __dict__'s two words.
class Plain:
    pass


class ListChild(list):
    pass


class DictChild(dict):
    pass


print("instance", sys.getsizeof(Plain()) - object.__sizeof__(Plain()))
print("list subclass", sys.getsizeof(ListChild()) - ListChild().__sizeof__())
print("dict subclass", sys.getsizeof(DictChild()) - DictChild().__sizeof__())
print("static type", sys.getsizeof(int) - type.__sizeof__(int))
print("heap type", sys.getsizeof(Plain) - type.__sizeof__(Plain))
print("int", sys.getsizeof(5) - (5).__sizeof__())

# Specialized unpacking (UNPACK_SEQUENCE_TWO_TUPLE, UNPACK_SEQUENCE_TUPLE,
# UNPACK_SEQUENCE_LIST) and every way its guards fail: a tuple or list of the wrong length
# (CPython's ValueErrors), another sequence type at the same site (a generator, a str, a dict,
# subclasses of tuple and list, an object with __iter__), and the order in which the items
# and the sequence are released. Each site runs long enough to specialize again after a miss.


def two(seq):
    a, b = seq
    return a, b


def three(seq):
    a, b, c = seq
    return a, b, c


def swap_loop(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b  # the compiler swaps without a tuple here
    return a


for _ in range(3):
    print("tuples", two((1, 2)), three((1, 2, 3)), two(("x", None)))
    print("lists", two([1, 2]), three([4, 5, 6]))
print("fib", swap_loop(90))


class Point(tuple):
    pass


class Row(list):
    pass


class Pair:
    def __iter__(self):
        yield "p"
        yield "q"


def gen2():
    yield 10
    yield 20


for _ in range(3):
    print("others", two(gen2()), two("ab"), two({"k": 1, "v": 2}), two(Point((7, 8))),
          three(Row([1, 2, 3])), two(Pair()), two(range(2)), two(b"hi"), two((5, 6)))

# Wrong lengths, at a site specialized for a tuple and for a list.
for seq in [(1, 2), (1, 2, 3), (1,), (), [1, 2], [1, 2, 3], [1], "abc", iter([1]), 5, (8, 9)]:
    try:
        print("two", two(seq))
    except (ValueError, TypeError) as e:
        print("two", type(e).__name__, e)
for seq in [(1, 2, 3), (1, 2), (1, 2, 3, 4), [1, 2, 3], [1, 2], [1, 2, 3, 4], (6, 7, 8)]:
    try:
        print("three", three(seq))
    except ValueError as e:
        print("three", e)

# Many targets (a site of its own length) and nested targets.
def wide(seq):
    a, b, c, d, e, f, g, h = seq
    return h, g, f, e, d, c, b, a


def nested(seq):
    (a, b), [c, d] = seq
    return a + b + c + d


for _ in range(3):
    print("wide", wide(tuple(range(8))), wide(list("abcdefgh")))
    print("nested", nested(((1, 2), [3, 4])), nested([(5, 6), (7, 8)]))
try:
    nested(((1, 2), [3]))
except ValueError as e:
    print("nested:", e)

# In for loops: the pairs of items() and enumerate() are tuples made per step.
for _ in range(2):
    d = {"a": 1, "b": 2, "c": 3}
    print("items", [k * v for k, v in d.items()], [i * c for i, c in enumerate("xyz")])
    print("zip", [(y, x) for x, y in zip(range(3), [9, 8, 7])])


# The order of releases: the items' references are taken, then the sequence is released.
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def unpack_fresh(make):
    a, b = make()
    print("unpacked", a.name, b.name)
    del a
    print("a gone")


unpack_fresh(lambda: (Noisy("t1"), Noisy("t2")))
unpack_fresh(lambda: [Noisy("l1"), Noisy("l2")])
print("done")

# Specialized iteration (FOR_ITER_RANGE, FOR_ITER_LIST, FOR_ITER_TUPLE) and every way its
# guards fail or its edges show: another iterator at the same loop (a generator, a dict, a
# reversed list, a long range), lists that grow or shrink while they are iterated, subclasses,
# iterators resumed after they are exhausted or after a break, and the order in which the end
# of a loop releases the sequence. Each loop runs long enough to specialize again after a miss.


def total(iterable):
    t = 0
    n = 0
    for x in iterable:
        t += x
        n += 1
    return n, t


# range: forward, backward, empty, reversed(), values at the edges of a C long, and a range
# too long for one (longrange_iterator: the guard fails).
for _ in range(3):
    print("range", total(range(100)), total(range(10, -10, -3)), total(range(5, 5)))
print("reversed range", total(reversed(range(0, 50, 7))))
print("long edges", total(range(2**63 - 4, 2**63 - 1)), total(range(-(2**63), -(2**63) + 3)))
print("past long", total(range(2**63 - 2, 2**63 + 2)), total(range(2**64, 2**64 + 3)))


def collect(iterable):
    out = []
    for x in iterable:
        out.append(x)
    return out


# Each value is its own int object; the small ones (up to 256) are the shared cached ones.
a = collect(range(250, 260))
b = collect(range(250, 260))
print("small ints cached", [x is y for x, y in zip(a, b)], a == b)

# list and tuple
for _ in range(3):
    print("list", total([1, 2, 3] * 20), "tuple", total((4, 5, 6) * 20), "empty", total([]))

# Another kind of iterator at the same loop: the form deoptimizes, the loop goes on.
def gen(n):
    for i in range(n):
        yield i * 10


for round_ in range(3):
    print("mixed", total(gen(5)), total({1: "a", 2: "b"}), total(reversed([1, 2, 3])),
          total(range(4)), total(iter([7, 8])), total(x for x in (1, 2)), total((9,)))


# A list changed by the loop's own body: appends are seen, removals skip items, clear ends it.
def grow(lst):
    seen = []
    for x in lst:
        seen.append(x)
        if x < 5:
            lst.append(x + 10)
    return seen


def shrink(lst):
    seen = []
    for x in lst:
        seen.append(x)
        if x % 2 == 0:
            lst.remove(x)
    return seen, lst


def clear_midway(lst):
    seen = []
    for x in lst:
        seen.append(x)
        if x == 3:
            lst.clear()
    return seen


def replace_midway(lst):
    seen = []
    for x in lst:
        seen.append(x)
        if x == 2:
            lst[:] = [100, 200, 300, 400]
    return seen


for _ in range(3):
    print("grow", grow([1, 2, 3, 6, 7]))
    print("shrink", shrink(list(range(10))))
    print("clear", clear_midway([1, 2, 3, 4, 5]))
    print("replace", replace_midway([1, 2, 3]))


# Subclasses: list and tuple subclasses that keep the built-in __iter__ use the same
# iterators; one that overrides __iter__ yields what it likes. range cannot be subclassed.
class MyList(list):
    pass


class Doubled(list):
    def __iter__(self):
        for x in list.__iter__(self):
            yield x * 2


class MyTuple(tuple):
    pass


for _ in range(3):
    print("subclasses", total(MyList([1, 2, 3])), total(Doubled([1, 2, 3])),
          total(MyTuple((4, 5))), total([1, 2, 3]))
try:
    class MyRange(range):
        pass
except TypeError as e:
    print("range subclass:", e)


class RangeLike:
    def __iter__(self):
        return iter(range(3))


print("__iter__ giving a range iterator", total(RangeLike()), total(RangeLike()))


# Iterators resumed: after a break, after exhaustion (they stay exhausted), advanced by
# next() inside the loop.
def first_two(it):
    out = []
    for x in it:
        out.append(x)
        if len(out) == 2:
            break
    return out


for make in (lambda: iter(range(5)), lambda: iter([0, 1, 2, 3, 4]), lambda: iter((0, 1, 2, 3, 4))):
    it = make()
    print("resumed", first_two(it), first_two(it), first_two(it), first_two(it), total(it))


def skip_every_other(it):
    out = []
    for x in it:
        out.append(x)
        out.append(next(it, None))
    return out


for _ in range(2):
    print("next inside", skip_every_other(iter(range(7))), skip_every_other(iter([1, 2, 3])),
          skip_every_other(iter((1, 2, 3, 4))))


# The end of a loop: the iterator lets go of its sequence first, so the items' __del__ run
# before the statement after the loop (the loop variable keeps the last one).
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def release_order(make):
    for x in make():
        print("item", x.name)
    print("after loop, x is", x.name)


release_order(lambda: [Noisy("a"), Noisy("b")])
release_order(lambda: (Noisy("c"), Noisy("d")))
print("released")


# The loop variable as the item's last holder: binding the next item releases the previous one
# at once, before the body runs again.
def drop_as_you_go():
    items = [Noisy("e"), Noisy("f"), Noisy("g")]
    k = 0
    for x in items:
        print("at", x.name)
        items[k] = k
        k += 1
    print("loop done", items)


drop_as_you_go()
print("returned")


# Loops around yields and exceptions: the iterator stays on the value stack meanwhile.
def pairs(n):
    for i in range(n):
        for j in [i, -i]:
            yield i, j


print("generator", list(pairs(4)))
for _ in range(3):
    try:
        for x in [1, 2, 0, 4]:
            print(10 // x, end=" ")
    except ZeroDivisionError as e:
        print("error:", e)

# Nested loops of every kind in one function.
def nested():
    out = 0
    for i in range(30):
        for s in ["x", "yy"]:
            for t in (i, len(s)):
                out += t
    return out


print("nested", nested(), nested())
print("comprehensions", [x * 2 for x in range(5)], {x for x in [3, 3, 4]},
      sum(x for x in (1, 2, 3)), {k: v for k, v in zip(range(3), "abc")})

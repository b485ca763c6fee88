# Container special methods: __len__, __getitem__ / __setitem__ / __delitem__ with keys and
# slices, __contains__, __iter__ / __next__, iteration through __getitem__ alone, __bool__
# and __len__ for truth, __reversed__, unpacking.


class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}

    def __len__(self):
        return self.w * self.h

    def __getitem__(self, pos):
        if isinstance(pos, slice):
            return [self[i, 0] for i in range(*pos.indices(self.w))]
        x, y = pos
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError(f"{pos} is off the grid")
        return self.cells.get(pos, ".")

    def __setitem__(self, pos, value):
        self.cells[pos] = value

    def __delitem__(self, pos):
        del self.cells[pos]

    def __contains__(self, value):
        return value in self.cells.values()

    def __iter__(self):
        for y in range(self.h):
            yield "".join(self[x, y] for x in range(self.w))


g = Grid(4, 2)
g[1, 0] = "#"
g[3, 1] = "@"
print(len(g), g[1, 0], g[0, 0], "#" in g, "x" in g, list(g), g[1:3], g[::2])
del g[1, 0]
print(list(g), "#" in g)
for bad in ((9, 9),):
    try:
        g[bad]
    except IndexError as exc:
        print(exc)
try:
    del g[0, 0]
except KeyError as exc:
    print("KeyError", exc)


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


print(list(Countdown(3)), sum(Countdown(4)), [n * 2 for n in Countdown(2)], max(Countdown(5)))
first, *rest = Countdown(4)
print(first, rest, dict(zip("ab", Countdown(2))), list(enumerate(Countdown(2))))
it = iter(Countdown(1))
print(next(it), next(it, "done"))


class Squares:
    """Iterable through __getitem__ alone (the old sequence protocol)."""

    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * i


print(list(Squares()), 9 in Squares(), 5 in Squares(), list(reversed([1, 2])))


class Truth:
    def __init__(self, size, flag=None):
        self.size, self.flag = size, flag

    def __len__(self):
        return self.size

    def __bool__(self):
        return self.flag if self.flag is not None else self.size > 10


print(bool(Truth(0)), bool(Truth(11)), bool(Truth(0, True)), "yes" if Truth(3) else "no")


class OnlyLen:
    def __len__(self):
        return 0


print(bool(OnlyLen()), not OnlyLen(), bool(Squares()))


class Deck:
    def __init__(self):
        self.cards = list("AKQJ")

    def __len__(self):
        return len(self.cards)

    def __getitem__(self, i):
        return self.cards[i]

    def __reversed__(self):
        return iter(self.cards[::-1] + ["(reversed)"])


d = Deck()
print(list(d), list(reversed(d)), d[-1], d[1:3], "Q" in d, sorted(d))
for bad in (lambda: len(Countdown(1)), lambda: Countdown(1)[0], lambda: iter(Truth(1)),
            lambda: next(Squares())):
    try:
        bad()
    except TypeError as exc:
        print(exc)

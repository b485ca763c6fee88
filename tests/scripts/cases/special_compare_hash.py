# Comparison special methods: each of the six, the reflected turn (a < b tries b > a), ==
# falling back to identity, != from __eq__, __hash__ with __eq__, __hash__ = None, sorting,
# min/max and dict/set membership of instances.


class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __le__(self, other):
        return self.parts <= other.parts

    def __hash__(self):
        return hash(self.parts)


vs = [Version("1.10"), Version("1.2"), Version("0.9.1"), Version("1.2")]
print(sorted(vs), min(vs), max(vs))
print(vs[1] == vs[3], vs[1] != vs[3], vs[1] is vs[3], vs[0] == "1.10", vs[0] != "1.10")
print(vs[2] < vs[1], vs[1] > vs[2], vs[1] >= vs[3], vs[0] <= vs[1])
print(len(set(vs)), {vs[1]: "x"}[Version("1.2")], Version("1.2") in vs, vs.index(Version("1.2")))
print(vs.count(Version("1.2")), sorted(vs, reverse=True))


class Identity:
    pass


i, j = Identity(), Identity()
print(i == i, i == j, i != j, len({i, j, i}))
try:
    i < j
except TypeError as exc:
    print(exc)


class NoHash:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return self.v == other.v


print(NoHash(1) == NoHash(1), NoHash.__hash__)
try:
    {NoHash(1)}
except TypeError as exc:
    print(exc)


class Explicit:
    __hash__ = None


try:
    hash(Explicit())
except TypeError as exc:
    print(exc)


class Always:
    def __eq__(self, other):
        return True

    def __hash__(self):
        return 1


print(Always() == 5, 5 == Always(), Always() in [0], [Always()] == [3])


class Loud:
    def __init__(self, name):
        self.name = name

    def __lt__(self, other):
        print(f"{self.name}.__lt__({other.name})")
        return NotImplemented

    def __gt__(self, other):
        print(f"{self.name}.__gt__({other.name})")
        return NotImplemented


try:
    Loud("a") < Loud("b")
except TypeError as exc:
    print(exc)


class Weird:
    def __eq__(self, other):
        return "truthy string"


print(Weird() == 1, bool(Weird() == 1), Weird() != 1)

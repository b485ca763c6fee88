# Subclasses of built-in types: list, dict (with __missing__), str, int, tuple, and an
# exception; methods added, special methods overridden, the base's behaviour kept.


class Stack(list):
    def push(self, item):
        self.append(item)
        return self

    def peek(self):
        return self[-1]


s = Stack([1, 2])
s.push(3).push(4)
print(s, s.peek(), len(s), s.pop(), s[0], type(s).__name__, isinstance(s, list))
print(s + [9], type(s + [9]).__name__, sorted(Stack([3, 1, 2])))


class DefaultDict(dict):
    def __init__(self, factory, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.factory = factory

    def __missing__(self, key):
        value = self[key] = self.factory()
        return value


groups = DefaultDict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(groups, len(groups), "a" in groups, groups.get("z"))


class Upper(str):
    def __new__(cls, text):
        return super().__new__(cls, text.upper())

    def shout(self):
        return self + "!"


u = Upper("hello")
print(u, u.shout(), len(u), u.lower(), type(u).__name__, u == "HELLO", repr(u))


class Money(int):
    def __repr__(self):
        return f"Money({int(self)})"

    def __add__(self, other):
        return Money(int(self) + int(other))


m = Money(5) + Money(7)
print(m, repr(m), m * 2, type(m * 2).__name__, Money(3) < 4)


class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))

    @property
    def first(self):
        return self[0]

    def swapped(self):
        return Pair(self[1], self[0])


pr = Pair(1, 2)
print(pr, pr.first, pr.swapped(), len(pr), pr == (1, 2), hash(pr) == hash((1, 2)))


class Tally(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key, self.get(key, 0) + value)


t = Tally()
t["x"] = 1
t["x"] = 2
print(t)

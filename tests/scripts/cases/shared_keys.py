# Instance dicts that share their class's keys (PEP 412 split tables): what Python sees must
# not depend on the layout. Order after deletions and re-insertions, keys stored out of the
# class's order, more attributes than the shared keys hold (30), __dict__ identity and
# assignment, every dict method on an instance's __dict__, subclasses, __slots__ classes, and
# sys.getsizeof where the split layout decides it.
import gc
import sys


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


a = P(1, 2)
b = P(3, 4)
print("plain", a.__dict__, b.__dict__, a.__dict__ is a.__dict__)
print("equal", a.__dict__ == {"x": 1, "y": 2}, a.__dict__ == b.__dict__, P(1, 2).__dict__ == a.__dict__)

# Deleting and storing again moves the key to the end.
del a.x
a.x = 5
print("re-added", a.__dict__, list(a.__dict__), a.__dict__ == {"y": 2, "x": 5})
del b.y
print("last deleted", b.__dict__)
b.z = 1
b.y = 2
print("z then y", b.__dict__, list(reversed(b.__dict__)))

# Keys stored in another order than the class's.
c = P.__new__(P)
c.y = "y first"
c.x = "x second"
print("other order", c.__dict__, list(c.__dict__.items()))
d = P.__new__(P)
d.w = 0
d.x = 1
print("new key first", d.__dict__)

# More attributes than the shared keys hold.
class Many:
    pass


m = Many()
for i in range(40):
    setattr(m, "a" + str(i), i)
print("many", len(m.__dict__), list(m.__dict__)[:3], list(m.__dict__)[-3:], m.a39, m.a0)
m2 = Many()
for i in range(40):
    setattr(m2, "a" + str(i), -i)
print("many again", sum(m2.__dict__.values()), m2.a29, m2.a30, m2.a35)
m3 = Many()
m3.a0 = "first"
m3.zz = "not shared"
print("after the limit", m3.__dict__)

# __dict__ is one object, and writes through it are attributes.
e = P(1, 2)
ed = e.__dict__
print("identity", ed is e.__dict__, ed is getattr(e, "__dict__"))
e.w = 9
ed["n"] = 10
print("through dict", ed, e.n, e.w)
del ed["x"]
print("deleted through dict", e.__dict__, hasattr(e, "x"))
e.__dict__ = {"q": 1}
print("assigned", e.q, hasattr(e, "y"), ed, e.__dict__)
try:
    e.__dict__ = [1]
except TypeError as exc:
    print("TypeError:", exc)

# Every dict method on an instance's __dict__.
def fresh():
    return P(1, [2]).__dict__


f = fresh()
print("get", f.get("x"), f.get("nope", "default"), f["y"])
print("setdefault", f.setdefault("z", 3), f.setdefault("x", 99), f)
print("pop", f.pop("x"), f, f.pop("nope", "dflt"))
try:
    f.pop("nope")
except KeyError as exc:
    print("KeyError", exc)
f = fresh()
print("popitem", f.popitem(), dict(f))
print("popitem", f.popitem(), f)
try:
    f.popitem()
except KeyError as exc:
    print("KeyError", exc)
f = fresh()
g = f.copy()
g["x"] = "copy"
print("copy", f, g, type(g), dict(f), dict(f) == f)
f.update({"x": 10, "k": 1}, j=2)
print("update", f)
f = fresh()
f.clear()
print("clear", f, len(f))
f["x"] = "after clear"
print("after clear", f)
f = fresh()
print("views", f.keys(), f.values(), f.items(), len(f), "x" in f, "q" in f, 1 in f)
print("reversed", list(reversed(f)), list(reversed(f.items())), list(reversed(f.values())))
print("or", f | {"a": 1}, {"a": 1} | f)
f |= {"x": "ior"}
print("ior", f)
print("fromkeys", type(f).fromkeys(f), sorted(f), repr(f), str(f))
f = fresh()
f[1] = "int key"
f[(1, 2)] = "tuple key"
print("non-str keys", f, f[1], getattr(P(0, 0), "x"))
f = fresh()
print("keys views", f.keys() & {"x"}, sorted(f.keys() | {"q"}), f.keys() - {"x"}, f.keys() == {"x", "y"})
f = fresh()
try:
    for k in f:
        f["new"] = 1
except RuntimeError as exc:
    print("RuntimeError:", exc)
f = fresh()
for k in f:
    f[k] = "replaced"
print("replaced while iterating", f)
it = iter(P(1, 2).__dict__.items())
print("items iter", next(it), next(it), list(it))

# Subclass instances share their own class's keys.
class Q(P):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


q = Q(1, 2, 3)
q2 = Q(4, 5, 6)
print("subclass", q.__dict__, q2.__dict__, P(7, 8).__dict__)
q.__class__ = P
print("class changed", q.__dict__, q.x, type(q).__name__)
q.extra = 1
print("extra", q.__dict__, P(0, 0).__dict__)

# __slots__ classes have no __dict__ at all.
class S:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = 1
        self.y = 2


s = S()
print("slots", s.x, s.y, hasattr(s, "__dict__"))
try:
    s.z = 3
except AttributeError as exc:
    print("AttributeError:", exc)


class SD(S):
    def __init__(self):
        super().__init__()
        self.z = 3


print("slots subclass", SD().__dict__, SD().x)

# Garbage collection: cycles through instance dicts are found; a dict of atomic values is
# not tracked.
class Node:
    pass


n = Node()
n.me = n
n.other = Node()
del n
print("collected", gc.collect() >= 2)
print("tracked", gc.is_tracked(P(1, 2).__dict__), gc.is_tracked(P([], 2).__dict__))

# sys.getsizeof of a split dict: the dict object and one value slot per key the class's shared
# keys can hold now (each new instance takes one slot of room away).
class Sized:
    def __init__(self):
        self.a = 1
        self.b = 2


sizes = []
for i in range(5):
    sizes.append(sys.getsizeof(Sized().__dict__))
print("sizes", sizes)
kept = [Sized() for i in range(40)]
print("sizes later", sys.getsizeof(kept[0].__dict__), sys.getsizeof(kept[-1].__dict__))
print("copy size", sys.getsizeof(kept[0].__dict__.copy()))

# LOAD_ATTR_INSTANCE_VALUE / STORE_ATTR_INSTANCE_VALUE (an instance dict split on its class's
# shared keys: the value at the cached index) and every way their guards fail: the type's
# version (the class or a base changes), the instance lacks the value at that index (never set,
# deleted, its dict made combined or replaced, its class changed), the next key out of the
# shared order, and instances of other classes. Each loop runs long enough to specialize again
# after a miss.


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def read_x(p):
    return p.x


def read_y(p):
    return p.y


def write_x(p, v):
    p.x = v


def make(x, y):
    return Point(x, y)


points = [make(i, -i) for i in range(40)]
print("made", sum(read_x(p) + read_y(p) for p in points))
for i, p in enumerate(points):
    write_x(p, i * 2)
print("written", [read_x(p) for p in points[:5]], points[3].__dict__)

# The instance never got the attribute: the slot at the index is empty.
bare = Point.__new__(Point)
bare.y = "y only"
try:
    read_x(bare)
except AttributeError as e:
    print("missing:", e)
for i in range(20):
    read_x(points[i])
write_x(bare, "x later")
print("out of order", bare.__dict__, read_x(bare), read_y(bare))

# Deleted: the last key goes from the values, another one makes the dict combined.
p = make(1, 2)
for i in range(20):
    write_x(p, read_x(p) + 1)
del p.y
print("last deleted", read_x(p), p.__dict__)
try:
    read_y(p)
except AttributeError as e:
    print("deleted:", e)
p.y = 3
del p.x
try:
    read_x(p)
except AttributeError as e:
    print("deleted first:", e)
write_x(p, 7)
for i in range(20):
    write_x(p, read_x(p) + 1)
print("combined", p.__dict__, read_x(p))

# A non-str key makes the dict combined; a replaced __dict__; popitem.
p = make(1, 2)
for i in range(20):
    read_x(p)
p.__dict__[0] = "int key"
print("non-str key", read_x(p), p.__dict__)
p = make(1, 2)
p.__dict__ = {"x": "replaced dict"}
print("replaced", read_x(p))
write_x(p, "stored in replaced")
print(p.__dict__)
p = make(1, 2)
p.__dict__.popitem()
print("popitem", read_x(p), p.__dict__)

# The class changes: a class attribute of the name, a property, a base's property.
p = make(10, 20)
for i in range(20):
    read_x(p)
    write_x(p, i)
Point.x = "class attr"
print("class attr shadowed", read_x(p))
Point.x = property(lambda self: "property", lambda self, v: print("setter got", v))
print("property", read_x(p))
write_x(p, 1)
del Point.x
print("property gone", read_x(p), p.__dict__)


class Base:
    pass


class Derived(Base):
    def __init__(self):
        self.v = "instance v"


def read_v(o):
    return o.v


def write_v(o, value):
    o.v = value


objs = [Derived() for i in range(20)]
for o in objs:
    write_v(o, read_v(o) + "!")
Base.v = property(lambda self: "base property")
print("base property", read_v(objs[0]))
del Base.v
print("base property gone", read_v(objs[0]))

# __class__ assignment: the dict keeps the old class's keys.
class Other:
    def __init__(self):
        self.x = "other"
        self.y = "other y"


others = [Other() for i in range(20)]
for o in others:
    read_x(o)
p = make("was a point", 0)
p.__class__ = Other
print("class assigned", read_x(p), p.__dict__)
write_x(p, "stored after class change")
print(p.__dict__, read_x(others[0]))

# Many classes through one site.
class A:
    def __init__(self):
        self.x = "A"


class B:
    def __init__(self):
        self.q = 0
        self.x = "B"


class S:
    __slots__ = ("x",)

    def __init__(self):
        self.x = "S"


seen = []
for i in range(80):
    obj = (A(), B(), S(), make(i, i))[i % 4]
    seen.append(read_x(obj))
    write_x(obj, i)
print("polymorphic", seen[-8:], len(seen))

# A value whose destructor runs when the slot is replaced, and one that stores in its __del__.
class Noisy:
    def __del__(self):
        print("noisy freed")
        holder.x = "set from __del__"


holder = make(0, 0)
n = make(Noisy(), 0)
for i in range(3):
    write_x(n, i)
print("replaced", read_x(n), read_x(holder))

# Beyond the shared keys' limit: later attributes are not shared.
class Wide:
    pass


def set_all(o, n):
    for i in range(n):
        setattr(o, "f" + str(i), i)


def read_f5(o):
    return o.f5


wides = []
for k in range(10):
    w = Wide()
    set_all(w, 35)
    wides.append(w)
print("wide", sum(read_f5(w) for w in wides), list(wides[0].__dict__)[-2:], len(wides[-1].__dict__))

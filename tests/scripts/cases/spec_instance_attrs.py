# Specialized instance attribute loads and stores (LOAD_ATTR_WITH_HINT, STORE_ATTR_WITH_HINT)
# and every way their guards fail: the class changes, the instance dict changes shape, another
# instance or type comes by. Each loop runs long enough to specialize again after a miss.


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def read_x(p):
    return p.x


def bump(p, k):
    p.x = p.x + k


p = Point(1, 2)
total = 0
for i in range(50):
    bump(p, i)
    total += read_x(p)
print("plain", p.x, p.y, total)

# Another instance whose dict has the keys in another order: the hint misses.
q = Point(0, 0)
del q.x
q.x = 100
for i in range(20):
    bump(q, 1)
    bump(p, 1)
print("other order", read_x(q), read_x(p), list(q.__dict__))

# The dict grows (a rebuilt table), then loses the attribute.
for i in range(30):
    setattr(p, "extra" + str(i), i)
    bump(p, 1)
print("grown", read_x(p), len(p.__dict__))
del p.x
try:
    read_x(p)
except AttributeError as e:
    print("deleted:", e)
try:
    bump(p, 1)
except AttributeError as e:
    print("deleted store:", e)
p.x = 5
for i in range(10):
    bump(p, 2)
print("back", read_x(p))

# A class attribute the instance shadows, then the class attribute goes.
class Defaults:
    x = -1


d = Defaults()
print("class default", read_x(d))
d.x = 7
for i in range(10):
    bump(d, 1)
print("shadowed", read_x(d))
del Defaults.x
print("still", read_x(d))
del d.x
try:
    read_x(d)
except AttributeError as e:
    print("gone:", e)

# A property (a data descriptor) added to the class after specialization wins over the dict.
for i in range(10):
    bump(p, 1)
Point.x = property(lambda self: "prop", lambda self, v: print("setter", v))
print("property", read_x(p))
bump(p, "!")
print("dict keeps", p.__dict__["x"])
del Point.x
print("without property", read_x(p))

# A base class modified: its subclasses' versions change too.
class Base:
    pass


class Derived(Base):
    def __init__(self):
        self.v = 1


def read_v(o):
    return o.v


o = Derived()
for i in range(10):
    read_v(o)
Base.v = property(lambda self: "from base")
print("base property", read_v(o))
del Base.v
print("base property gone", read_v(o))

# __getattribute__ / __setattr__ added later.
for i in range(10):
    bump(p, 1)
Point.__getattribute__ = lambda self, name: "intercepted " + name
print(read_x(p))
del Point.__getattribute__
Point.__setattr__ = lambda self, name, value: print("setattr", name, value)
bump(p, 1)
del Point.__setattr__
bump(p, 1)
print("restored", read_x(p))

# A descriptor class that gains __set__ after an instance attribute of its name specialized.
class Desc:
    def __get__(self, obj, cls):
        return "desc get"


class Holder:
    attr = Desc()


h = Holder()
h.__dict__["attr"] = "instance"


def read_attr(o):
    return o.attr


for i in range(10):
    read_attr(h)
print("non-data descriptor", read_attr(h))
Desc.__set__ = lambda self, obj, value: None
print("data descriptor now", read_attr(h))

# Many types through one site.
class A:
    def __init__(self):
        self.x = "A"


class B:
    def __init__(self):
        self.y = 0
        self.x = "B"


class S:
    __slots__ = ("x",)

    def __init__(self):
        self.x = "S"


seen = []
for i in range(60):
    obj = (A(), B(), S(), Point(i, i))[i % 4]
    seen.append(read_x(obj))
    bump(obj, "") if i % 4 != 3 else bump(obj, 1)
print("polymorphic", seen[-8:], len(seen))

# A value whose destructor runs on replacement.
class Noisy:
    def __del__(self):
        print("noisy freed")


n = Point(Noisy(), 0)
for i in range(3):
    n.x = i
print("replaced", n.x)

# The instance dict replaced, the instance's class changed.
for i in range(10):
    bump(p, 1)
p.__dict__ = {"y": 2, "x": "new dict"}
print(read_x(p))
bump(p, "+")
print(p.__dict__)


class Other:
    pass


p.__class__ = Other
print(read_x(p))
Other.x = property(lambda self: "Other's property")
print(read_x(p))

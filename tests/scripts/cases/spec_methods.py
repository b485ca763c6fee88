# The method form of LOAD_ATTR specialized (LOAD_ATTR_METHOD_WITH_VALUES / _NO_DICT) and its
# misses: an instance attribute shadows the method, the method is replaced on the class or a
# base, the instance is of another class.


class Counter:
    def __init__(self):
        self.n = 0

    def step(self, k):
        self.n += k
        return self.n


def run(c, times):
    t = 0
    for i in range(times):
        t += c.step(i)
    return t


c = Counter()
print("plain", run(c, 30))

# An instance attribute shadows the method.
c.step = lambda k: -k
print("shadowed", run(c, 5))
del c.step
print("unshadowed", run(c, 5))

# The method replaced on the class.
Counter.step = lambda self, k: k * 100
print("replaced", run(c, 5))


# Inherited methods; the base changes.
class Base:
    def who(self):
        return "base"


class Child(Base):
    pass


def ask(o):
    return o.who()


kid = Child()
print([ask(kid) for i in range(10)][-1])
Base.who = lambda self: "base v2"
print(ask(kid))
Child.who = lambda self: "child"
print(ask(kid))

# Methods of built-in types (no instance dict): str, list.
def join_all(sep, parts):
    return sep.join(parts)


for i in range(10):
    r = join_all(",", ["a", "b", str(i)])
print(r)
print(join_all("-", ("x", "y")))

xs = []
for i in range(20):
    xs.append(i)
print(sum(xs))


# Polymorphic method site.
class P:
    def name(self):
        return "P"


class Q:
    def name(self):
        return "Q"


class R:
    name = staticmethod(lambda: "R")


print("".join([(P(), Q(), R())[i % 3].name() for i in range(30)]))

# A method that is not a function: a callable object, a classmethod.
class WithClassmethod:
    @classmethod
    def make(cls):
        return cls.__name__


print([WithClassmethod().make() for i in range(10)][-1])

# Missing method after specialization.
class Gone:
    def f(self):
        return 1


g = Gone()
for i in range(10):
    g.f()
del Gone.f
try:
    g.f()
except AttributeError as e:
    print("missing:", e)

# Class statements: class attributes, instances, __init__, methods, the namespace the body
# builds (__module__, __qualname__, __doc__), instance dicts and class attributes shared.


class Counter:
    """Counts things."""

    kind = "counter"
    total = 0

    def __init__(self, start=0):
        self.value = start
        Counter.total += 1

    def step(self, by=1):
        self.value += by
        return self

    def read(self):
        return self.value


a = Counter()
b = Counter(10)
a.step().step(5)
b.step(by=-3)
print(a.read(), b.read(), Counter.total, a.kind, b.kind)
print(Counter.__name__, Counter.__qualname__, Counter.__module__, Counter.__doc__)
print(sorted(a.__dict__), a.__dict__["value"], type(a) is Counter, a.__class__.__name__)

# An instance attribute shadows the class attribute; deleting it shows the class's again.
a.kind = "mine"
print(a.kind, b.kind, Counter.kind)
del a.kind
print(a.kind)

# Class attributes are looked up at run time, so a change to the class is seen everywhere.
Counter.kind = "tally"
print(a.kind, b.kind)


def describe(self):
    return f"{self.kind}={self.value}"


Counter.describe = describe
print(a.describe(), b.describe())

# Classes are objects: stored, passed, made in functions, with nested qualnames.
def make_class(label):
    class Local:
        name = label

        def hello(self):
            return "hello from " + self.name

    return Local


Local = make_class("local")
print(Local().hello(), Local.__qualname__, Local.__name__)


class Outer:
    class Inner:
        class Deepest:
            pass


print(Outer.Inner.__qualname__, Outer.Inner.Deepest.__qualname__)

# The class body runs once, top to bottom, as code; its names become attributes.
class Computed:
    squares = [n * n for n in range(5)]
    total = sum(squares)
    if total > 10:
        big = True
    del total


print(Computed.squares, Computed.big, hasattr(Computed, "total"))
print(Counter.__dict__["kind"], "step" in Counter.__dict__, type(Counter.__dict__).__name__)


class Empty:
    pass


e = Empty()
e.x = 1
e.y = [2]
print(e.x, e.y, Empty.__bases__, Empty.__mro__)
try:
    e.z
except AttributeError as exc:
    print(exc)
try:
    Empty.z
except AttributeError as exc:
    print(exc)

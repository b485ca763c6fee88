# globals() and vars(): the module namespace, vars() of modules, classes and instances, and
# its TypeError.
import sys

alpha = 1
print(globals() is globals(), globals()["alpha"], globals()["__name__"])
globals()["beta"] = 2
print(beta)


def reads_globals():
    local_only = 0
    return "alpha" in globals(), "local_only" in globals()


print(reads_globals())
print(vars() is globals())


def vars_inside(a):
    b = a * 2
    return sorted(vars().items())


print(vars_inside(4))


class Point:
    kind = "2d"

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = Point(1, 2)
print(vars(p))
vars(p)["z"] = 3
print(p.z)
print(type(vars(Point)).__name__, vars(Point)["kind"], "__init__" in vars(Point))
print(vars(sys) is sys.__dict__)


class Slotted:
    __slots__ = ("a",)


for obj in (1, "s", [1], Slotted()):
    try:
        vars(obj)
    except TypeError as e:
        print(type(obj).__name__, e)
try:
    vars(1, 2)
except TypeError as e:
    print(e)
try:
    globals(1)
except TypeError as e:
    print(e)
try:
    locals(1)
except TypeError as e:
    print(e)

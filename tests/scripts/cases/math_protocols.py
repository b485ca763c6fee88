# What math accepts and refuses: objects with __float__, __index__, __floor__, __ceil__,
# __trunc__; int and float subclasses; wrong types and argument counts for every function;
# keywords; the constants. Ends with an uncaught domain error (stderr and exit status).
import math


def call(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        return type(r).__name__ + " " + repr(r)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)


print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan, type(math.nan).__name__)
print(math.nan == math.nan, math.inf > 1e308, math.tau == 2 * math.pi)
print(math.__name__, math.__doc__)


class HasFloat:
    def __float__(self):
        return 2.25


class HasIndex:
    def __index__(self):
        return 9


class HasBoth:
    def __float__(self):
        return 0.5

    def __index__(self):
        return 1


class BadFloat:
    def __float__(self):
        return "no"


class Rounding:
    def __floor__(self):
        return "floor!"

    def __ceil__(self):
        return ["ceil"]

    def __trunc__(self):
        return 42


class RaisingFloor:
    def __floor__(self):
        raise KeyError("inside __floor__")


class MyFloat(float):
    pass


class MyInt(int):
    pass


class FloorFloat(float):
    def __floor__(self):
        return "subclass floor"


objects = [("HasFloat", HasFloat()), ("HasIndex", HasIndex()), ("HasBoth", HasBoth()),
           ("BadFloat", BadFloat()), ("Rounding", Rounding()), ("RaisingFloor", RaisingFloor()),
           ("MyFloat", MyFloat(2.5)), ("MyInt", MyInt(7)), ("FloorFloat", FloorFloat(-1.5)),
           ("str", "1.0"), ("None", None), ("list", [1.0]), ("bool", True)]
for label, obj in objects:
    print(label)
    for name in ["sqrt", "floor", "ceil", "trunc", "exp", "log", "log2", "isnan", "frexp",
                 "modf", "factorial", "isqrt", "gamma", "ulp", "degrees"]:
        print("   ", name, call(getattr(math, name), obj))
    print("    pow", call(math.pow, obj, 2), "atan2", call(math.atan2, 1, obj),
          "hypot", call(math.hypot, obj, obj), "fsum", call(math.fsum, [obj, 1]),
          "gcd", call(math.gcd, obj, 6), "comb", call(math.comb, obj, 2),
          "ldexp", call(math.ldexp, obj, 1), "prod", call(math.prod, [obj, 2]))

# argument counts of every function
for name in ["acos", "acosh", "asin", "asinh", "atan", "atanh", "cbrt", "ceil", "cos", "cosh",
             "degrees", "erf", "erfc", "exp", "exp2", "expm1", "fabs", "factorial", "floor",
             "frexp", "fsum", "gamma", "isfinite", "isinf", "isnan", "isqrt", "lgamma", "log1p",
             "log10", "log2", "modf", "radians", "sin", "sinh", "sqrt", "tan", "tanh", "trunc",
             "ulp"]:
    f = getattr(math, name)
    print(name, call(f), call(f, 1, 2), call(f, x=1))
for name in ["atan2", "copysign", "fmod", "remainder", "pow", "nextafter", "ldexp", "dist",
             "comb"]:
    f = getattr(math, name)
    print(name, call(f, 1), call(f, 1, 2, 3), call(f, 1, y=2))
print("log", call(math.log), call(math.log, 1, 2, 3), call(math.log, x=1))
print("perm", call(math.perm), call(math.perm, 1, 2, 3), call(math.perm, 5, k=2))
print("isclose", call(math.isclose, 1), call(math.isclose, 1, 2, 3),
      call(math.isclose, 1, 2, 3, 4, 5), call(math.isclose, 1, 2, tol=3),
      call(math.isclose, 1, b=1), call(math.isclose, 1, 1, rel_tol=-1),
      call(math.isclose, 1, 1, abs_tol=-0.5), call(math.isclose, 1, 1, rel_tol="x"),
      call(math.isclose, 1, 1, rel_tol=math.inf), call(math.isclose, 1, 2, abs_tol=math.inf))
print("prod", call(math.prod), call(math.prod, [1], 2), call(math.prod, [1], start=2, x=1),
      call(math.prod, iterable=[1]), call(math.prod, [3], start=MyInt(2)))
print("gcd", call(math.gcd, x=1), call(math.lcm, a=1), call(math.hypot, x=1))

math.acos(2)

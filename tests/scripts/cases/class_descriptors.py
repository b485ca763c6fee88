# Descriptors written in Python: __get__ / __set__ / __delete__ / __set_name__, data and
# non-data descriptors against the instance dict, descriptors read through the class.


class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name[1:]} must be {self.kind.__name__}, not {type(value).__name__}")
        setattr(obj, self.name, value)

    def __delete__(self, obj):
        print("delete", self.name)
        delattr(obj, self.name)


class Product:
    name = Typed(str)
    price = Typed(int)

    def __init__(self, name, price):
        self.name = name
        self.price = price


p = Product("pen", 3)
print(p.name, p.price, sorted(p.__dict__))
try:
    p.price = "cheap"
except TypeError as exc:
    print(exc)
del p.price
print(hasattr(p, "price"), type(Product.name).__name__)


class Constant:
    """A non-data descriptor: an instance attribute of the same name wins."""

    def __init__(self, value):
        self.value = value

    def __get__(self, obj, objtype=None):
        return ("constant", self.value, objtype.__name__)


class Uses:
    c = Constant(5)


u = Uses()
print(u.c, Uses.c)
u.c = "instance value"
print(u.c)
del u.c
print(u.c)


class CallCounter:
    def __init__(self, func):
        self.func = func
        self.calls = 0

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        counter = self

        def bound(*args):
            counter.calls += 1
            return counter.func(obj, *args)

        return bound


class Maths:
    def __init__(self, base):
        self.base = base

    @CallCounter
    def add(self, x):
        return self.base + x


m = Maths(10)
print(m.add(1), m.add(2), Maths.add.calls)


class Recorder:
    def __set_name__(self, owner, name):
        raise RuntimeError("refused " + name)


try:
    class Fails:
        field = Recorder()
except RuntimeError as exc:
    print(type(exc).__name__, exc, repr(exc.__cause__))

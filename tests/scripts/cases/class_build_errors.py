# builtins.__build_class__ called directly and the class statement's own errors, with
# CPython's messages: missing arguments, a body that is not a function, a name that is not a
# string, __mro_entries__ (PEP 560) replacing a base or returning something else, a
# metaclass that loses the __class__ cell or puts another class in it, and bases that are
# not classes.


def body():
    pass


for args in ((), (body,), (len, "X"), (body, 5)):
    try:
        __build_class__(*args)
    except TypeError as exc:
        print(exc)

print(__build_class__(body, "Direct"), __build_class__(body, "Sub", int).__mro__)


class Base:
    pass


class Proxy:
    def __mro_entries__(self, bases):
        print("mro_entries got", len(bases), "bases")
        return (Base,)


class FromProxy(Proxy(), int):
    pass


print(FromProxy.__bases__, FromProxy.__orig_bases__[1])


class BadEntries:
    def __mro_entries__(self, bases):
        return [Base]


try:
    class Broken(BadEntries()):
        pass
except TypeError as exc:
    print(exc)


class DropCell(type):
    def __new__(mcls, name, bases, ns):
        ns.pop("__classcell__", None)
        return super().__new__(mcls, name, bases, ns)


try:
    class Lost(metaclass=DropCell):
        def method(self):
            return __class__
except RuntimeError as exc:
    print(exc)


class Elsewhere(type):
    def __new__(mcls, name, bases, ns):
        cell = ns.pop("__classcell__")
        other = super().__new__(mcls, name + "Other", bases, dict(ns, __classcell__=cell))
        return super().__new__(mcls, name, bases, ns)


try:
    class Swapped(metaclass=Elsewhere):
        def method(self):
            return super().method()
except TypeError as exc:
    print(exc)

for base in (1, "text", None):
    try:
        class NotAClass(base):
            pass
    except TypeError as exc:
        print(exc)
try:
    class BadCell:
        __classcell__ = 5
except TypeError as exc:
    print(exc)

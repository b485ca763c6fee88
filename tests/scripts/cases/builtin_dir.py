# dir(): sorted local names without an argument; with an object its __dir__(): instance
# attributes and the class's MRO, a class's attributes and its bases', a module's names.
import sys


def local_names(a, b=1):
    c = a + b
    return dir()


print(local_names(1))
print([n for n in dir() if not n.startswith("__")])


class Base:
    base_attr = 1

    def base_method(self):
        pass


class Child(Base):
    child_attr = 2

    def __init__(self):
        self.instance_attr = 3


print([n for n in dir(Child()) if not n.startswith("__")])
print([n for n in dir(Child) if not n.startswith("__")])
print(dir(Child()) == sorted(dir(Child()) + []))
print(len(dir(object)), dir(object)[:6])
print(dir(int) == dir(5), "bit_length" in dir(int))
print("append" in dir([]), "keys" in dir({}))
print("argv" in dir(sys), dir(sys) == sorted(sys.__dict__))


class Custom:
    def __dir__(self):
        return ("zeta", "alpha", "mid")


print(dir(Custom()))


class BadDir:
    def __dir__(self):
        return 5


try:
    dir(BadDir())
except TypeError as e:
    print("TypeError:", e)
try:
    dir(1, 2)
except TypeError as e:
    print("TypeError:", e)


class Meta(type):
    def __dir__(cls):
        return ["from_meta"]


class WithMeta(metaclass=Meta):
    pass


print(dir(WithMeta))

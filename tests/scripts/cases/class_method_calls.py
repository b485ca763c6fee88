# Method calls and what obj.name(...) finds: functions of the class called with the
# instance first, an instance attribute shadowing a method, functions stored on the
# instance (not bound), bound method objects kept and called later, methods of built-in
# types, class attributes that are callables of other kinds, and __getattr__ methods.


class Greeter:
    greeting = "hello"

    def greet(self, name, punctuation="!"):
        return f"{self.greeting} {name}{punctuation}"

    def chain(self):
        return self

    def __repr__(self):
        return "<Greeter>"


g = Greeter()
print(g.greet("ann"), g.chain().chain().greet("bob", punctuation="?"))
bound = g.greet
print(bound("cy"), bound.__self__, bound.__func__ is Greeter.greet, Greeter.greet(g, "di"))
print(bound == g.greet, bound is g.greet, type(bound).__name__)

# An instance attribute named like the method wins (no binding: it gets no self).
g.greet = lambda name: "instance function for " + name
print(g.greet("ed"), Greeter().greet("fay"))
del g.greet
print(g.greet("gus"))

# A callable object as a class attribute is not bound (it is not a function).
class Shout:
    def __call__(self, *args):
        return ("Shout", len(args))


class Holder:
    shout = Shout()
    builtin = len
    fn = staticmethod(lambda *args: ("static", len(args)))


h = Holder()
print(h.shout(1), h.builtin([1, 2, 3]), h.fn(1, 2), Holder.fn())

# Methods of built-in types through the same instruction.
words = []
words.append("a")
words.extend(["b", "c"])
text = " ".join(words).upper().replace("B", "b")
print(words, text, "x,y".split(","), {1: 2}.get(1), (1, 2, 1).count(1))
print(str.join("-", ["p", "q"]), list.__len__([1, 2]), int.__add__(2, 3))


class Lazy:
    def __getattr__(self, name):
        return lambda *args: f"{name}{args}"


print(Lazy().anything(1, 2), Lazy().other())


class Base:
    def template(self):
        return [self.step1(), self.step2()]

    def step1(self):
        return "base1"

    def step2(self):
        return "base2"


class Derived(Base):
    def step2(self):
        return "derived2"


print(Derived().template(), Base().template())
methods = [Derived().step1, Derived().step2, g.chain]
print([m() for m in methods][:2], methods[2]() is g)
try:
    g.missing()
except AttributeError as exc:
    print(exc)
try:
    Greeter.greet()
except TypeError as exc:
    print(exc)
try:
    g.greet()
except TypeError as exc:
    print(exc)

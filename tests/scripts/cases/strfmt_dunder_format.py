# __format__ on user classes and on subclasses of int, float and str.
class Money:
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        text = "$%d.%02d" % divmod(self.cents, 100)
        return format(text, spec) if spec else text

class Celsius(float):
    def __format__(self, spec):
        return format(float(self), spec) + "C"

class Tag(str):
    pass

class Count(int):
    def __str__(self):
        return "Count(%d)" % int(self)

class Plain:
    pass

m = Money(12345)
print(format(m), format(m, ">12"), "{:*^14}".format(m), "%s" % "done")
print(format(Celsius(21.5), ".1f"), "{:.2f}".format(Celsius(-3)))
print(format(Tag("x"), ">3"), "{:<4}|".format(Tag("ab")), "%s" % Tag("t"))
print(format(Count(7)), format(Count(7), "03d"), "{}".format(Count(2)), "%d" % Count(5))
print(format(Plain())[:7], "{!s:.7}".format(Plain()))
try:
    format(Plain(), "x")
except TypeError as e:
    print("TypeError:", e)

class Bad:
    def __format__(self, spec):
        return 42

try:
    format(Bad())
except TypeError as e:
    print("TypeError:", e)
print(f"{m:>10}|{3.14159:.2f}|{'s'!r:>5}|{7:{'0'}{4}}")
print(type(format(Tag("t"), "<1")).__name__, type(format(Tag("t"), "")).__name__,
      type(format(Tag("t"), "<2")).__name__, type(Tag("t").__format__(".1")).__name__)
print("x%sy" % Tag("q"), Tag("%d!") % 5, type(Tag("%d") % 5).__name__, "{0:>4}".format(Tag("s")))
x = "\u00e9"
print(f"{x!a} {x!r:>6} {[x]!a}")

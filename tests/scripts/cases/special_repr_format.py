# __repr__, __str__ and __format__: which one print, str(), repr(), f-strings (with !r, !s
# and format specs), format() and containers use; the defaults; and the errors for a wrong
# return type.


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return f"Money({self.cents})"

    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"

    def __format__(self, spec):
        if spec == "cents":
            return f"{self.cents}c"
        return format(str(self), spec)


m = Money(1234)
print(m, str(m), repr(m), [m], (m,), {"k": m})
print(f"{m}|{m!r}|{m!s}|{m:cents}|{m:>10}|{m:*<9}", format(m, "cents"), format(m))


class ReprOnly:
    def __repr__(self):
        return "<ReprOnly>"


class StrOnly:
    def __str__(self):
        return "str only"


print(ReprOnly(), str(ReprOnly()), f"{ReprOnly()}", [ReprOnly()])
print(StrOnly(), f"{StrOnly()}", repr(StrOnly()).startswith("<__main__.StrOnly object at 0x"))


class Default:
    pass


default = Default()
print(repr(default).startswith("<__main__.Default object at 0x"), str(default) == repr(default))
try:
    format(Default(), "x")
except TypeError as exc:
    print(exc)
print(format(default, "") == str(default))


class Bad:
    def __repr__(self):
        return 42

    def __str__(self):
        return None

    def __format__(self, spec):
        return 1.5


for call in (repr, str, format, lambda b: f"{b}"):
    try:
        call(Bad())
    except TypeError as exc:
        print(exc)


class Recursive:
    def __init__(self):
        self.items = [self]

    def __repr__(self):
        return f"Recursive({self.items!r})"


print(repr(Recursive()).startswith("Recursive([Recursive(["), ascii(Money(5)))

# Multiple inheritance: C3 method resolution order, cooperative methods through super(),
# diamonds, and the TypeError when no consistent order exists.


class Base:
    def who(self):
        return ["Base"]


class Left(Base):
    def who(self):
        return ["Left"] + super().who()


class Right(Base):
    def who(self):
        return ["Right"] + super().who()


class Diamond(Left, Right):
    def who(self):
        return ["Diamond"] + super().who()


print(Diamond().who())
print([k.__name__ for k in Diamond.__mro__])
print(Diamond.mro() == list(Diamond.__mro__))


class X: pass
class Y: pass
class Z: pass
class A(X, Y): pass
class B(Y, Z): pass
class M(A, B, Z): pass


print([k.__name__ for k in M.__mro__])

# Attribute lookup follows the MRO, not depth-first.
class P:
    tag = "P"


class Q(P):
    pass


class R(P):
    tag = "R"


class S(Q, R):
    pass


print(S.tag, S().tag)

# Mixins adding behaviour to a base.
class JsonMixin:
    def to_json(self):
        items = ", ".join(f'"{k}": {v!r}' for k, v in sorted(self.__dict__.items()))
        return "{" + items + "}"


class ReprMixin:
    def __repr__(self):
        return f"{type(self).__name__}({self.__dict__})"


class Item(JsonMixin, ReprMixin):
    def __init__(self, name, price):
        self.name = name
        self.price = price


item = Item("pen", 2)
print(item.to_json(), repr(item), [k.__name__ for k in Item.__mro__])

for bases in ((Left, Base), (Base, Base)):
    try:
        type("Bad", bases, {})
    except TypeError as exc:
        print(exc)
try:
    class Bad(Base, Left):
        pass
except TypeError as exc:
    print(exc)
try:
    class Conflict(int, str):
        pass
except TypeError as exc:
    print(exc)

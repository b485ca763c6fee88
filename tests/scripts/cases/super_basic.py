# super(): without arguments in methods, classmethods and __new__, with two arguments,
# in cooperative __init__ chains, and __class__ inside methods.


class Shape:
    def __init__(self, name, **rest):
        self.name = name
        print("Shape.__init__", name, rest)

    def area(self):
        return 0

    def describe(self):
        return f"{self.name} of area {self.area()}"

    @classmethod
    def create(cls, *args):
        print("Shape.create for", cls.__name__)
        return cls(*args)


class Rectangle(Shape):
    def __init__(self, w, h, **rest):
        super().__init__("rectangle", **rest)
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h

    @classmethod
    def create(cls, *args):
        print("Rectangle.create")
        return super().create(*args)


class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side, square=True)
        self.name = "square"

    def describe(self):
        return "a " + super().describe()


sq = Square.create(3)
print(sq.describe(), Rectangle(2, 5).describe())
print(super(Square, sq).describe(), super(Rectangle, sq).area())


class Cooperative:
    def __init__(self, **kw):
        print("Cooperative done, left over:", kw)


class A(Cooperative):
    def __init__(self, a=0, **kw):
        print("A", a)
        super().__init__(**kw)


class B(Cooperative):
    def __init__(self, b=0, **kw):
        print("B", b)
        super().__init__(**kw)


class C(A, B):
    def __init__(self, c=0, **kw):
        print("C", c)
        super().__init__(**kw)


C(a=1, b=2, c=3, d=4)


class Cached:
    _instances = {}

    def __new__(cls, key):
        if key not in cls._instances:
            cls._instances[key] = super().__new__(cls)
        return cls._instances[key]

    def __init__(self, key):
        self.key = key


print(Cached("x") is Cached("x"), Cached("x") is Cached("y"))


class Named:
    def whoami(self):
        return __class__.__name__, type(self).__name__


class Child(Named):
    pass


print(Child().whoami())


class Sup:
    def __repr__(self):
        return "<Sup>"


class Sub(Sup):
    def __repr__(self):
        return "Sub+" + super().__repr__()

    def bound(self):
        m = super().__repr__
        return m()


print(repr(Sub()), Sub().bound())
print(repr(super(Sub, Sub())).startswith("<super: <class 'Sub'>, <Sub object>>"))
print(super(Sub, Sub).__repr__ is Sup.__repr__)

# A shape hierarchy: an abstract base with a template method, subclasses with properties,
# class methods as constructors, operators (scaling with *, ordering by area, equality and
# hashing), a composite shape that is a container, and a registry filled by
# __init_subclass__.
import_free = True


class Shape:
    kinds = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Shape.kinds[cls.__name__.lower()] = cls

    @classmethod
    def make(cls, kind, *args):
        return cls.kinds[kind](*args)

    def area(self):
        raise NotImplementedError

    def perimeter(self):
        raise NotImplementedError

    def describe(self):
        return f"{self!r}: area {self.area():.2f}, perimeter {self.perimeter():.2f}"

    def __lt__(self, other):
        return self.area() < other.area()

    def __eq__(self, other):
        return type(self) is type(other) and self.key() == other.key()

    def __hash__(self):
        return hash((type(self).__name__, self.key()))

    def __rmul__(self, factor):
        return self * factor


class Circle(Shape):
    PI = 3.14159

    def __init__(self, r):
        self.r = r

    def area(self):
        return self.PI * self.r ** 2

    def perimeter(self):
        return 2 * self.PI * self.r

    def key(self):
        return (self.r,)

    def __mul__(self, k):
        return Circle(self.r * k)

    def __repr__(self):
        return f"Circle({self.r})"


class Rectangle(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h

    @property
    def diagonal(self):
        return (self.w ** 2 + self.h ** 2) ** 0.5

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)

    def key(self):
        return (self.w, self.h)

    def __mul__(self, k):
        return type(self)(*(side * k for side in self.key()))

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(map(str, self.key()))})"


class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side)

    def key(self):
        return (self.w,)


class Group(Shape):
    def __init__(self, *members):
        self.members = list(members)

    def __len__(self):
        return len(self.members)

    def __iter__(self):
        return iter(self.members)

    def __getitem__(self, i):
        return self.members[i]

    def __contains__(self, shape):
        return any(shape == m or (isinstance(m, Group) and shape in m) for m in self.members)

    def area(self):
        return sum(m.area() for m in self)

    def perimeter(self):
        return sum(m.perimeter() for m in self)

    def key(self):
        return tuple(self.members)

    def __mul__(self, k):
        return Group(*(m * k for m in self))

    def __repr__(self):
        return f"Group{tuple(self.members)}"


shapes = [Shape.make("circle", 1), Shape.make("rectangle", 2, 3), Square(2), Circle(0.5) * 4]
group = Group(Square(1), Group(Circle(1), Rectangle(1, 2)))
shapes.append(group)
for s in shapes:
    print(s.describe())
print(sorted(shapes), max(shapes), min(shapes, key=lambda s: s.perimeter()))
print(3 * Square(2), Square(2) * 3 == Square(6), Square(2) == Rectangle(2, 2))
print(len({Square(2), Square(2), Circle(2), Rectangle(2, 2)}), Rectangle(3, 4).diagonal)
print(Circle(1) in group, Square(3) in group, len(group), group[1][0], 2 * group)
print(sorted(Shape.kinds), issubclass(Square, Shape), Square.__mro__[1].__name__)
try:
    Shape().describe()
except NotImplementedError:
    print("abstract shape refused")
try:
    Shape.make("hexagon")
except KeyError as err:
    print("no such kind:", err)

# __slots__: instances without a __dict__, the errors for names not in the slots, unset
# slots, and slots combined with inheritance.


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


p = Point(1, 2)
p.x += 10
print(p, hasattr(p, "__dict__"), Point.__slots__)
try:
    p.z = 3
except AttributeError as exc:
    print(exc)


class Partial:
    __slots__ = ["a", "b"]


q = Partial()
q.a = 1
try:
    print(q.b)
except AttributeError as exc:
    print(exc)
del q.a
try:
    del q.a
except AttributeError as exc:
    print(exc)


class Point3(Point):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z

    def __repr__(self):
        return f"Point3({self.x}, {self.y}, {self.z})"


class Free(Point):
    pass


print(Point3(1, 2, 3), hasattr(Point3(0, 0, 0), "__dict__"))
f = Free(5, 6)
f.label = "has a dict"
print(f, f.label, f.__dict__)
print(type(Point.__dict__["x"]).__name__)
try:
    class Clash:
        __slots__ = ("v",)
        v = 1
except ValueError as exc:
    print(exc)

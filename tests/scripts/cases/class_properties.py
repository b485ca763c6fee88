# property: getters, setters, deleters, docstrings, read-only attributes, computed
# attributes, and properties inherited and overridden.


class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius

    @property
    def celsius(self):
        """Degrees Celsius."""
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._celsius = value

    @celsius.deleter
    def celsius(self):
        print("resetting")
        self._celsius = 0

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32


t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as exc:
    print(exc)
del t.celsius
print(t.celsius)
try:
    t.fahrenheit = 5
except AttributeError as exc:
    print(exc)
try:
    del t.fahrenheit
except AttributeError as exc:
    print(exc)
print(Temperature.celsius.__doc__, type(Temperature.celsius).__name__)
print(Temperature.fahrenheit.fget(t), Temperature.fahrenheit.fset)

# The property wins over the instance dict (a data descriptor).
t.__dict__["celsius"] = "shadow?"
print(t.celsius)


def get_area(self):
    return self.w * self.h


class Rect:
    def __init__(self, w, h):
        self.w, self.h = w, h

    area = property(get_area, doc="the area")


class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)

    @property
    def area(self):
        return "square " + str(super().area)


print(Rect(2, 3).area, Square(4).area, Rect.area.__doc__)


class Lazy:
    def __init__(self):
        self.computed = 0

    @property
    def value(self):
        self.computed += 1
        return 42


lz = Lazy()
print(lz.value, lz.value, lz.computed)


class Failing:
    @property
    def broken(self):
        raise KeyError("inside the getter")


try:
    Failing().broken
except KeyError as exc:
    print("KeyError", exc)
print(getattr(Failing(), "missing", "default"))

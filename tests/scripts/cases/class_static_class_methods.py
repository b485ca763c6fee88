# staticmethod and classmethod: called through the class and through instances, alternative
# constructors that respect subclasses, class state, and the objects themselves.


class Date:
    created = 0

    def __init__(self, year, month, day):
        self.year, self.month, self.day = year, month, day
        type(self).created += 1

    @classmethod
    def from_string(cls, text):
        year, month, day = (int(part) for part in text.split("-"))
        return cls(year, month, day)

    @staticmethod
    def is_leap(year):
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

    def __repr__(self):
        return f"{type(self).__name__}({self.year}, {self.month}, {self.day})"


class BirthDate(Date):
    pass


d = Date.from_string("2024-02-29")
b = BirthDate.from_string("1999-12-31")
print(d, b, type(b).__name__)
print(Date.is_leap(2024), d.is_leap(1900), BirthDate.is_leap(2000))
print(Date.created, BirthDate.created)
print(d.from_string("2000-01-01"))

raw_static = Date.__dict__["is_leap"]
raw_class = Date.__dict__["from_string"]
print(type(raw_static).__name__, type(raw_class).__name__)
print(raw_static.__func__(2023), raw_class.__func__(Date, "1-2-3"))
print(Date.from_string.__self__ is Date, b.from_string.__self__ is BirthDate)


def plain(x):
    return x * 2


class Holder:
    double = staticmethod(plain)
    make = classmethod(lambda cls, v: (cls.__name__, v))


print(Holder.double(4), Holder().double(5), Holder.make(1), Holder().make(2))


class Config:
    _settings = {}

    @classmethod
    def set(cls, key, value):
        cls._settings[key] = value
        return cls

    @classmethod
    def get(cls, key, default=None):
        return cls._settings.get(key, default)


Config.set("a", 1).set("b", 2)
print(Config.get("a"), Config.get("b"), Config.get("c", "none"))
try:
    Date.is_leap()
except TypeError as exc:
    print(exc)

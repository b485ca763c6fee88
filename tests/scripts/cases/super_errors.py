# What super() refuses, with CPython's messages: no arguments outside a method, a method
# without a first argument, its first argument deleted, an object that is not an instance,
# and arguments that are not types.


def plain_function():
    return super()


class Base:
    def hello(self):
        return "hello"


class Child(Base):
    def deleted(self):
        del self
        return super().hello()

    @staticmethod
    def static():
        return super().hello()

    def nested(self):
        def inner():
            return super().hello()
        return inner()

    def comprehension(self):
        return [super().hello() for _ in range(1)]

    def ok(self):
        return super().hello()


for attempt in (plain_function, Child().deleted, Child.static, Child().nested,
                Child().comprehension):
    try:
        attempt()
    except (RuntimeError, TypeError) as exc:
        print(type(exc).__name__ + ":", exc)
print(Child().ok())

for args in ((Child, 1), (1,), (Child, Base()), (Base, Child, 3)):
    try:
        super(*args)
    except TypeError as exc:
        print("TypeError:", exc)
try:
    super(Child, Child()).missing
except AttributeError as exc:
    print("AttributeError:", exc)


def outside(self):
    return super().hello()


Child.outside = outside
try:
    Child().outside()
except RuntimeError as exc:
    print("RuntimeError:", exc)

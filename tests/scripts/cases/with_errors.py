# Objects that are not context managers: 3.11's TypeErrors for a missing __enter__ and a
# missing __exit__; special methods are looked up on the class, not the instance.


class OnlyEnter:
    def __enter__(self):
        return self


class OnlyExit:
    def __exit__(self, *info):
        return False


class Manager:
    def __enter__(self):
        return "class __enter__"

    def __exit__(self, *info):
        return False


for candidate in (None, 42, "text", [1], OnlyEnter(), OnlyExit()):
    try:
        with candidate:
            print("not reached")
    except TypeError as exc:
        print(exc)

m = Manager()
m.__enter__ = lambda: "instance __enter__"
with m as value:
    print(value)

plain = OnlyExit()
plain.__enter__ = lambda: "instance only"
try:
    with plain:
        pass
except TypeError as exc:
    print(exc)


class Dynamic:
    pass


Dynamic.__enter__ = lambda self: "added later"
Dynamic.__exit__ = lambda self, *info: None
with Dynamic() as got:
    print(got)

with 5:
    pass

# Exceptions and the with statement: __exit__ gets (type, value, traceback), a true return
# suppresses the exception, a false one lets it go on, an exception from __exit__ replaces
# the first (chained to it), __enter__ failing skips __exit__, and each item of a
# multi-item with is exited even when an inner one fails.


class Guard:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc,
              type(tb).__name__)
        return self.suppress


with Guard("quiet", suppress=True):
    raise ValueError("swallowed")
print("after the swallowed error")

try:
    with Guard("loud"):
        raise KeyError("escapes")
except KeyError as exc:
    print("caught", repr(exc))

try:
    with Guard("outer"), Guard("middle", suppress=True), Guard("inner"):
        raise IndexError("inner error")
    print("suppressed by middle")
    with Guard("first"), Guard("second"):
        1 / 0
except ZeroDivisionError as exc:
    print("caught", exc)


class FailingExit:
    def __enter__(self):
        return self

    def __exit__(self, *info):
        raise RuntimeError("exit failed")


try:
    with FailingExit():
        raise TypeError("original")
except RuntimeError as exc:
    print(repr(exc), "context:", repr(exc.__context__))


class FailingEnter:
    def __enter__(self):
        raise OSError("cannot enter")

    def __exit__(self, *info):
        print("never called")


try:
    with Guard("before"), FailingEnter():
        print("never run")
except OSError as exc:
    print("caught", exc)


class Truthy:
    def __enter__(self):
        return self

    def __exit__(self, *info):
        return "a non-empty string"


with Truthy():
    raise AssertionError
print("truthy __exit__ result suppresses")


class Transaction:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log.append("begin")
        return self

    def __exit__(self, exc_type, exc, tb):
        self.log.append("rollback" if exc_type else "commit")
        return exc_type is ValueError


log = []
for payload in (1, "bad", None):
    with Transaction(log):
        if payload == "bad":
            raise ValueError(payload)
        if payload is None:
            log.append("nothing")
print(log)


def handled_inside():
    try:
        with Guard("in try"):
            raise LookupError("x")
    except LookupError:
        return "handled"
    finally:
        print("finally runs")


print(handled_inside())

try:
    with Guard("reraise"):
        try:
            raise ValueError("first")
        except ValueError:
            raise
except ValueError as exc:
    print("re-raised", exc)

def f():
    "x" * (1 << 62)


try:
    f()
except MemoryError as e:
    print("caught", repr(e), e.__traceback__ is not None)


def g():
    [1] * (1 << 62)


# A second MemoryError has its own traceback, not the first one's.
g()

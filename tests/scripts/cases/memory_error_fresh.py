# MemoryError raised before any allocation (the sizes overflow), so that the sanitizer preset
# sees no request either.
def f():
    [0, 0] * (1 << 61)


try:
    f()
except MemoryError as e:
    print("caught", repr(e), e.__traceback__ is not None)


def g():
    [1] * (1 << 62)


# A second MemoryError has its own traceback, not the first one's.
g()

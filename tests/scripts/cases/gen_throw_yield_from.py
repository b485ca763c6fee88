# throw() and close() into a generator suspended in `yield from` reach the delegate first.


def inner(log):
    try:
        yield 1
        yield 2
    except ValueError as e:
        log.append("inner caught " + str(e))
        yield "recovered"
        return "inner done"
    finally:
        log.append("inner finally")


def outer(log):
    result = yield from inner(log)
    log.append("outer got " + repr(result))
    yield "after"


log = []
g = outer(log)
print(next(g))
print(g.gi_yieldfrom is not None)
print(g.throw(ValueError("boom")))
print(next(g))
print(g.gi_yieldfrom)
print(log)

# The delegate does not handle it: it propagates through outer.
log = []
g = outer(log)
next(g)
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("outer raised KeyError", e)
print(log)

# The delegate returns while handling the throw: the value is the yield from's result.


def returns_on_throw():
    try:
        yield "x"
    except ZeroDivisionError:
        return 42


def wrapper():
    r = yield from returns_on_throw()
    yield "wrapper saw " + str(r)


g = wrapper()
next(g)
print(g.throw(ZeroDivisionError))

# close() closes the delegate first.
log = []
g = outer(log)
next(g)
g.close()
print(log)

# An iterator without throw(): the exception is raised at the yield from.


def over_list():
    try:
        yield from iter([1, 2, 3])
    except IndexError as e:
        yield "caught " + str(e)


g = over_list()
next(g)
print(g.throw(IndexError("i")))

# Nested delegation three deep.


def level(n):
    if n == 0:
        try:
            yield "bottom"
        except LookupError as e:
            yield "bottom caught " + repr(e)
    else:
        yield from level(n - 1)


g = level(3)
print(next(g))
print(g.throw(LookupError("deep")))
try:
    g.throw(1, 2, 3, 4)
except TypeError as e:
    print(e)

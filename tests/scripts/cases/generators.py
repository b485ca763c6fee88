def gen(n):
    for i in range(n):
        yield i
    return "done"
print(list(gen(3)))
g = gen(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
print(sum(x * x for x in range(10)))
def echo():
    got = yield "first"
    while True:
        got = yield f"got {got}"
e = echo()
print(e.send(None), e.send(1), e.send("x"))
def deleg():
    r = yield from gen(2)
    print("sub returned", r)
    yield from [7, 8]
print(list(deleg()))
def closing():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
c = closing()
print(next(c))
c.close()
def catcher():
    while True:
        try:
            yield
        except ValueError as ex:
            print("caught", ex)
t = catcher()
next(t)
t.throw(ValueError("boom"))
def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as ex:
    print(ex, repr(ex.__cause__))
def running():
    yield g2.send(None)
g2 = running()
try:
    next(g2)
except ValueError as ex:
    print(ex)
print(type(gen(1)), gen.__name__)
def ignore():
    try:
        yield 1
    except GeneratorExit:
        yield 2
i = ignore()
next(i)
try:
    i.close()
except RuntimeError as ex:
    print(ex)

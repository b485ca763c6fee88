# locals(): a function's variables as one dict per call that each locals() brings up to date
# (3.11's snapshot), free and cell variables included; a class body's namespace itself; the
# module's globals.
print(locals() is globals())


def function(x, y=2):
    z = x + y
    d = locals()
    print(sorted(d.items()))
    w = 5
    print("w seen before refresh:", "w" in d)
    again = locals()
    print("same dict:", again is d, sorted(d))
    del z
    locals()
    print("z after del:", "z" in d)
    return w


function(1)


def outer():
    captured = 3

    def inner():
        e = captured
        return locals()

    return inner()


print(outer())


def with_cell():
    v = 1

    def reader():
        return v

    return sorted(locals())


print(with_cell())


class Body:
    p = 1
    names = sorted(locals())
    ns = locals()
    ns["injected"] = 42


print(Body.names, Body.injected)

comp = [sorted(locals()) for item in range(1)]
print(comp)
gen = (sorted(locals()) for item in range(1))
print(next(gen))
print((lambda q, r=1: sorted(locals().items()))(0))


def writes_ignored():
    a = 1
    locals()["a"] = 99
    return a


print(writes_ignored())

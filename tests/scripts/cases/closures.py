def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c = counter()
print(c(), c(), c())
def adders():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in adders()])
def outer(x):
    def middle():
        def inner():
            return x * 2
        return inner()
    return middle()
print(outer(21))
g = 1
def use_global():
    global g
    g += 1
    return g
print(use_global(), g)
def param_cell(a):
    def get():
        return a
    a += 1
    return get()
print(param_cell(5))

def outer():
    x = "outer"
    def middle():
        nonlocal x
        x = "middle"
        def inner():
            nonlocal x
            x = "inner"
        inner()
        return x
    r = middle()
    return r, x
print(outer())
def make_accumulators():
    total = 0
    def add(n):
        nonlocal total
        total += n
        return total
    def get():
        return total
    return add, get
add, get = make_accumulators()
add(5); add(10)
print(get())
funcs = []
for i in range(3):
    def f(i=i):
        return i * 10
    funcs.append(f)
print([f() for f in funcs])
late = [lambda: i for i in range(3)]
print([f() for f in late])

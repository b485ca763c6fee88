def f(a, b, c=3, *args, d, e=5, **kwargs):
    return (a, b, c, args, d, e, kwargs)
print(f(1, 2, d=4))
print(f(1, 2, 6, 7, 8, d=4, e=0, z=9))
print(f(*[1, 2], **{"d": 1}))
def g(a, /, b, *, c):
    return a + b + c
print(g(1, 2, c=3), g(1, b=2, c=3))
def h(*args, **kwargs):
    return args, kwargs
print(h(), h(1, x=2), h(*range(3), **dict(a=1)))
def defaults(x=[]):
    x.append(1)
    return x
print(defaults(), defaults())

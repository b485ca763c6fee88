def show(**kw):
    return sorted(kw.items())
print(show(b=2, a=1), show(**{"x": 1}, y=2))
def opts(a, b=2, *, c=3):
    return a, b, c
print(opts(1), opts(1, c=9), opts(b=5, a=0))
print(sorted([3, 1, 2], reverse=True), max([1, 3, 2], key=lambda v: -v))
print("a", "b", sep="", end="!\n")
try:
    opts(1, **{"b": 1}, **{"b": 2})
except TypeError as e:
    print(e)

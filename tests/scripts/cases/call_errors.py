def f(a, b):
    return a + b
def k(a, *, key):
    return a
def d(a, b=1):
    return a
tests = [
    lambda: f(1, 2, 3),
    lambda: f(1),
    lambda: f(),
    lambda: f(1, 2, c=3),
    lambda: f(1, a=2),
    lambda: k(1),
    lambda: k(1, 2),
    lambda: d(1, 2, 3),
    lambda: d(),
    lambda: len(),
    lambda: len(1, 2),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print(e)

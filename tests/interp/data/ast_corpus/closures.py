# Closures, generators, nonlocal/global, lambdas and comprehensions.
counter_total = 0


def make_counter(start=0, *, step=1):
    count = start

    def increment(by=None):
        nonlocal count
        global counter_total
        count += step if by is None else by
        counter_total += 1
        return count

    def reset():
        nonlocal count
        count = start

    increment.reset = reset
    return increment


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x


def chain(*iterables):
    for it in iterables:
        yield from it


def pipeline(data, *stages):
    for stage in stages:
        data = stage(data)
    return data


squares = {n: n * n for n in range(10) if n % 3}
evens = [x for row in [[1, 2], [3, 4]] for x in row if not x & 1]
flat = sorted({c for word in ("alpha", "beta") for c in word}, key=lambda c: (-ord(c), c))
matrix = [[(i, j) for j in range(3)] for i in range(3)]
gen = (x ** 2 for x in take(5, fib()))
total = pipeline(range(10), lambda xs: (x + 1 for x in xs), sum)
adders = [lambda y, x=x: x + y for x in range(3)]
if (n := len(evens)) > 1:
    print(f"{n=}", [f(10) for f in adders], list(chain("ab", [1, 2], gen)))
c = make_counter(5, step=2)
c(); c(by=3)
c.reset()
print(c(), counter_total, squares, flat, matrix[1][2], total)

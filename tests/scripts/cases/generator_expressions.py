squares = (x * x for x in range(5))
print(type(squares).__name__, next(squares), list(squares), list(squares))
print(max(len(w) for w in ["a", "abc", "ab"]), any(c == "b" for c in "abc"))
print(sorted((v for v in [3, 1, 2]), reverse=True), tuple(i for i in "xy"))
nested = ((i, j) for i in range(3) for j in range(i) if (i + j) % 2)
print(list(nested))
def pipeline(n):
    evens = (i for i in range(n) if i % 2 == 0)
    return [e * 10 for e in evens]
print(pipeline(9))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(15)])

# __call__: instances used as functions, with positional, keyword, * and ** arguments,
# callable(), stateful callables, classes whose metaclass defines __call__, and the error
# for an instance without __call__.


class Multiplier:
    def __init__(self, factor):
        self.factor = factor
        self.calls = 0

    def __call__(self, value, *more, scale=1, **options):
        self.calls += 1
        total = value * self.factor * scale
        for extra in more:
            total += extra
        return total, sorted(options)


double = Multiplier(2)
print(double(5), double(5, 1, 2), double(1, scale=10), double(3, flag=True, name="x"))
print(double(*[4, 1], **{"scale": 2, "z": 0}), double.calls)
print(list(map(double, [1, 2])), callable(double), callable(Multiplier), callable(5))


class Memo:
    def __init__(self, func):
        self.func = func
        self.cache = {}

    def __call__(self, n):
        if n not in self.cache:
            self.cache[n] = self.func(n)
        return self.cache[n]


@Memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(60), len(fib.cache), type(fib).__name__)


class Pipeline:
    def __init__(self, *steps):
        self.steps = steps

    def __call__(self, value):
        for step in self.steps:
            value = step(value)
        return value


print(Pipeline(Multiplier(3), lambda r: r[0] + 1, str)(4))


class Plain:
    pass


try:
    Plain()()
except TypeError as exc:
    print(exc)


class CallRaises:
    def __call__(self):
        raise ValueError("from __call__")


try:
    CallRaises()()
except ValueError as exc:
    print(exc)


class Method:
    def __call__(self, x):
        return ("instance call", x)

    def use(self):
        return self(7)


print(Method().use(), sorted([3, 1, 2], key=Multiplier(-1)))

# Specialized calls of Python functions with exact positional arguments (CALL_PY_EXACT_ARGS)
# and its misses: the callee rebound to one with defaults, *args, keywords, a builtin, a class,
# a bound method; keyword arguments at the site; the recursion limit; generators and closures.
import sys


def two(a, b):
    return a + b


def call_it(f, x):
    return f(x, 1)


for i in range(20):
    call_it(two, i)
print("exact", call_it(two, 10))


def with_default(a, b, c=100):
    return a + b + c


def star(*args):
    return args


def kwonly(a, b, *, c=5):
    return a + b + c


print("defaults", call_it(with_default, 1))
print("star", call_it(star, 2))
print("kwonly", call_it(kwonly, 3))
print("builtin", call_it(max, 4))
print("class", call_it(range, 2))
print("lambda", call_it(lambda a, b: a * b, 6))
try:
    call_it(lambda a: a, 1)
except TypeError as e:
    print("error:", e)
try:
    call_it(lambda a, b, c: a, 1)
except TypeError as e:
    print("error:", e)


class K:
    def m(self, x, y):
        return ("m", x, y)


print("bound method", call_it(K().m, 7))
for i in range(20):
    call_it(two, i)
print("exact again", call_it(two, 11))


def recurse(n):
    return recurse(n + 1)


sys.setrecursionlimit(200)
try:
    recurse(0)
except RecursionError as e:
    print("recursion:", e)
sys.setrecursionlimit(1000)


def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1


print("depth", depth(150))


def gen(a, b):
    yield a
    yield b


for i in range(10):
    list(gen(i, i))
print("generator", list(gen("x", "y")))


def outer(k):
    def inner(a, b):
        return a + b + k

    return inner


adder = outer(1000)
for i in range(10):
    call_it(adder, i)
print("closure", call_it(adder, 5))


def cell_param(a, b):
    def uses():
        return a * b

    return uses()


for i in range(10):
    call_it(cell_param, i)
print("cell parameter", call_it(cell_param, 9))


def error_inside(a, b):
    return a / (b - 1)


for i in range(5):
    try:
        call_it(error_inside, i)
    except ZeroDivisionError as e:
        print("raised in callee:", e)

two = lambda a, b: (a, b)
print("rebound", call_it(two, 10))


# co_code shows the instructions as compiled, whatever they specialized into.
class Box:
    def __init__(self):
        self.x = 1


def hot(box, n):
    total = 0
    for i in range(n):
        total = total + box.x * i
        if total > 100:
            total = total - 100
    return len([total])


code_before = hot.__code__.co_code
for i in range(20):
    hot(Box(), 10)
print("co_code unchanged", hot.__code__.co_code == code_before, len(code_before) > 0)

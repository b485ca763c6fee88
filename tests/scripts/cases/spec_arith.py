# Specialized int and float arithmetic (BINARY_OP_{ADD,SUBTRACT,MULTIPLY}_{INT,FLOAT}) and
# its edges: results past one digit and past a machine word (big ints), negative values,
# bools and int subclasses (not exact ints: the guard fails), mixed int and float, in-place
# forms, float specials.


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def iadd(a, b):
    a += b
    return a


for i in range(30):
    add(i, i)
    sub(i, 1)
    mul(i, 3)
print("small", add(2, 3), sub(2, 3), mul(-4, 5), iadd(7, 8))
print("one digit edge", add(2**30 - 1, 1), sub(-(2**30) + 1, 1), mul(2**30 - 1, 2**30 - 1))
print("big", add(2**62, 2**62), mul(2**40, 2**40), sub(-(2**63), 2**63), mul(-(2**29), 2**31))
print("big both", add(10**30, 10**30), mul(10**20, -(10**20)), sub(10**25, 1))
print("zero", add(0, 0), sub(5, 5), mul(0, -7), mul(-1, 0))
print("bool", add(True, True), sub(True, False), mul(True, 5), add(True, 1))


class MyInt(int):
    def __add__(self, other):
        return "MyInt add"


print("subclass", add(MyInt(1), 2), add(2, MyInt(1)), sub(MyInt(5), 1))
print("mixed", add(1, 2.5), sub(2.5, 1), mul(3, 0.5))

for i in range(30):
    add(i * 0.5, 0.25)
    sub(0.5, i * 1.0)
    mul(1.5, i * 1.0)
print("float", add(0.1, 0.2), sub(1.0, 0.9), mul(1e200, 1e200), mul(-0.0, 1.0))
print("float specials", add(float("inf"), -float("inf")), sub(float("nan"), 1.0), mul(1e308, 10.0))
print("float then int", add(1, 2), add(1.5, 2.5), add("a", "b"), add([1], [2]))

try:
    add(1, "x")
except TypeError as e:
    print("error:", e)
try:
    mul(2.0, None)
except TypeError as e:
    print("error:", e)

acc = 0
for i in range(1000):
    acc = acc * 3 + i - 7
print("overflowing loop", acc % 1000003, acc.bit_length())
f = 1.0
for i in range(100):
    f = f * 1.5 - 0.25
print("float loop", f)


# Comparisons folded into the jump that follows (COMPARE_OP_{INT,FLOAT,STR}_JUMP).
def classify(a, b):
    out = ""
    if a < b:
        out += "<"
    if a <= b:
        out += "<="
    if a == b:
        out += "=="
    if a != b:
        out += "!="
    if a > b:
        out += ">"
    if not a >= b:
        out += "!>="
    return out


for i in range(30):
    classify(i, 15)
    classify(i * 0.5, 7.0)
    classify(str(i), "15")
print("ints", classify(1, 2), classify(2, 2), classify(-3, 2), classify(2**30, 2**30 - 1))
print("big ints", classify(2**70, 2**70), classify(-(2**70), 1), classify(1, 10**40))
print("bools", classify(True, False), classify(True, 1))
print("floats", classify(0.5, 1.5), classify(-0.0, 0.0), classify(float("nan"), 1.0))
print("strs", classify("abc", "abd"), classify("", ""), classify("é", "e"), classify("b", "ab"))
print("mixed", classify(1, 1.0), classify(1.5, 1), classify((1, 2), (1, 3)))
try:
    classify("a", 1)
except TypeError as e:
    print("error:", e)
n = 0
while n < 100000:
    n += 7
print("while", n)
x = 0.0
while x != 2.5:
    x += 0.5
print("float while", x)


# Subscripts of lists and tuples by small ints (BINARY_SUBSCR_{LIST,TUPLE}_INT,
# STORE_SUBSCR_LIST_INT) and their misses: negative, big and bool indices, out of range,
# other containers, list subclasses.
def get(seq, i):
    return seq[i]


def put(seq, i, v):
    seq[i] = v


xs = list(range(10))
ts = tuple(range(10))
for i in range(30):
    get(xs, i % 10)
    get(ts, i % 10)
    put(xs, i % 10, i)
print("lists", xs, get(xs, 0), get(ts, 9))
print("negative", get(xs, -1), get(ts, -10))
put(xs, -1, "last")
print("bool", get(xs, True), get(ts, False))
put(xs, False, "first")
print(xs)
for bad in (10, 2**40, -11):
    try:
        get(xs, bad)
    except IndexError as e:
        print("error:", e)
    try:
        get(ts, bad)
    except IndexError as e:
        print("error:", e)
    try:
        put(xs, bad, 0)
    except IndexError as e:
        print("error:", e)
try:
    get(xs, "a")
except TypeError as e:
    print("error:", e)
print("others", get("hello", 1), get({1: "one"}, 1), get(range(5), 3), get(xs, slice(1, 3)))


class MyList(list):
    def __getitem__(self, i):
        return "MyList " + str(i)


print(get(MyList([1, 2]), 0))
d = {}
put(d, 0, "dict")
print(d)


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


holder = [Noisy("a"), Noisy("b")]
for i in range(2):
    put(holder, i, Noisy("c" + str(i)))
print("replaced")
holder = None

# Arithmetic special methods of a Python class: binary, reflected (the other operand's turn
# after NotImplemented, a subclass's reflected method first), in-place (and the fallback to
# the binary form), unary, and the conversions int(), float(), index().


class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(self.x + other.x, self.y + other.y)
        if isinstance(other, (int, float)):
            return Vec(self.x + other, self.y + other)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        if isinstance(k, Vec):
            return self.x * k.x + self.y * k.y
        return Vec(self.x * k, self.y * k)

    def __rmul__(self, k):
        return Vec(k * self.x, k * self.y)

    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)

    def __floordiv__(self, k):
        return Vec(self.x // k, self.y // k)

    def __mod__(self, k):
        return Vec(self.x % k, self.y % k)

    def __pow__(self, k, mod=None):
        return Vec(pow(self.x, k, mod), pow(self.y, k, mod))

    def __matmul__(self, other):
        return self.x * other.y - self.y * other.x

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __pos__(self):
        return self

    def __abs__(self):
        return (self.x * self.x + self.y * self.y) ** 0.5

    def __invert__(self):
        return Vec(self.y, self.x)

    def __lshift__(self, n):
        return Vec(self.x << n, self.y << n)

    def __rshift__(self, n):
        return Vec(self.x >> n, self.y >> n)

    def __and__(self, o):
        return Vec(self.x & o.x, self.y & o.y)

    def __or__(self, o):
        return Vec(self.x | o.x, self.y | o.y)

    def __xor__(self, o):
        return Vec(self.x ^ o.x, self.y ^ o.y)


a, b = Vec(3, 4), Vec(1, 2)
print(a + b, a + 1, 1 + a, 2.5 + a, a - b, a * 2, 3 * a, a * b, a / 2, a // 2, a % 2)
print(a ** 2, pow(a, 2, 5), a @ b, -a, +a, abs(a), ~a, a << 2, a >> 1, a & b, a | b, a ^ b)
print(sum([a, b, Vec(10, 10)]), sum([a, b], Vec(0, 0)))


class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, item):
        self.items.append(item)
        return self

    def __add__(self, item):
        return "plain add"

    def __repr__(self):
        return f"Acc{self.items}"


acc = Acc()
alias = acc
acc += 1
acc += 2
print(acc, alias is acc, acc + 3)
v = Vec(1, 1)
w = v
v += Vec(1, 0)  # no __iadd__: falls back to __add__, a new object
v *= 3
print(v, w, v is w)


class Num:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n

    def __int__(self):
        return self.n * 10

    def __float__(self):
        return self.n / 4


n = Num(3)
print(int(n), float(n), [0, 1, 2, 3, 4][n], bin(n), hex(n), range(10)[n:], "ab" * n)


class Base:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return f"Base.__add__({self.v}, {other.v})"

    def __radd__(self, other):
        return f"Base.__radd__({self.v}, {other.v})"


class Derived(Base):
    def __radd__(self, other):
        return f"Derived.__radd__({self.v}, {other.v})"


print(Base(1) + Base(2), Base(1) + Derived(2), Derived(1) + Base(2))
for op in (lambda: a + "s", lambda: "s" - a, lambda: a < 1, lambda: Num(1) + 1, lambda: -Num(2)):
    try:
        op()
    except TypeError as exc:
        print(exc)

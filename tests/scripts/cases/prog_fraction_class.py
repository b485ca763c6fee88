# An exact Fraction class: normalisation by gcd with the sign on the numerator, the
# arithmetic and comparison operators with int operands on either side, hashing equal to
# int's for whole values, parsing from "a/b" strings, and Egyptian fractions and harmonic
# numbers computed with it.


def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)


class Fraction:
    __slots__ = ("num", "den")

    def __init__(self, num, den=1):
        if isinstance(num, str):
            text = num.strip()
            num, _, d = text.partition("/")
            try:
                num, den = int(num), int(d) if d else 1
            except ValueError:
                raise ValueError(f"invalid fraction: {text!r}") from None
        if den == 0:
            raise ZeroDivisionError(f"Fraction({num}, 0)")
        g = gcd(num, den)
        if den < 0:
            g = -g
        self.num, self.den = num // g, den // g

    @staticmethod
    def of(x):
        if isinstance(x, Fraction):
            return x
        if isinstance(x, int):
            return Fraction(x)
        return NotImplemented

    def __add__(self, o):
        o = Fraction.of(o)
        if o is NotImplemented:
            return o
        return Fraction(self.num * o.den + o.num * self.den, self.den * o.den)

    __radd__ = __add__

    def __neg__(self):
        return Fraction(-self.num, self.den)

    def __sub__(self, o):
        return self + -Fraction.of(o)

    def __rsub__(self, o):
        return Fraction.of(o) - self

    def __mul__(self, o):
        o = Fraction.of(o)
        if o is NotImplemented:
            return o
        return Fraction(self.num * o.num, self.den * o.den)

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = Fraction.of(o)
        return Fraction(self.num * o.den, self.den * o.num)

    def __rtruediv__(self, o):
        return Fraction.of(o) / self

    def __eq__(self, o):
        o = Fraction.of(o)
        return o is not NotImplemented and (self.num, self.den) == (o.num, o.den)

    def __lt__(self, o):
        o = Fraction.of(o)
        return self.num * o.den < o.num * self.den

    def __le__(self, o):
        return self == o or self < o

    def __gt__(self, o):
        return Fraction.of(o) < self

    def __hash__(self):
        return hash(self.num) if self.den == 1 else hash((self.num, self.den))

    def __float__(self):
        return self.num / self.den

    def __repr__(self):
        return f"Fraction({self.num}, {self.den})"

    def __str__(self):
        return str(self.num) if self.den == 1 else f"{self.num}/{self.den}"


def egyptian(f):
    parts = []
    while f.num:
        d = -(-f.den // f.num)
        parts.append(Fraction(1, d))
        f = f - Fraction(1, d)
    return parts


a, b = Fraction(3, 4), Fraction("-5/6")
print(a, b, a + b, a - b, a * b, a / b, 1 - a, 2 / a, repr(Fraction(10, -4)))
print(a < b, b < a, a <= Fraction(6, 8), a == 0.75, Fraction(4, 2) == 2, sorted([a, b, 0]))
print(hash(Fraction(6, 3)) == hash(2), len({Fraction(1, 2), Fraction(2, 4), Fraction(3)}))
h = sum(Fraction(1, k) for k in range(1, 11))
print("H(10) =", h, f"~ {float(h):.6f}")
print("4/13 =", " + ".join(map(str, egyptian(Fraction(4, 13)))))
print("sum back:", sum(egyptian(Fraction(5, 121))), egyptian(Fraction(5, 121))[-1])
for bad in [lambda: Fraction(1, 0), lambda: Fraction("x/3"), lambda: a / 0,
            lambda: a + 1.5, lambda: Fraction("7/")]:
    try:
        print(bad())
    except (ZeroDivisionError, ValueError, TypeError) as e:
        print(f"{type(e).__name__}: {e}")

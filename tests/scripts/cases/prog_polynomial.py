# Polynomials with integer coefficients: a class with normalised coefficient lists,
# arithmetic operators (including with plain ints on either side), evaluation by Horner's
# rule, derivatives, long division with quotient and remainder, and readable printing.


class Poly:
    def __init__(self, coeffs):
        coeffs = list(coeffs)
        while coeffs and coeffs[-1] == 0:
            coeffs.pop()
        self.c = coeffs

    @classmethod
    def lift(cls, x):
        return x if isinstance(x, Poly) else cls([x])

    @property
    def degree(self):
        return len(self.c) - 1 if self.c else -1

    def __call__(self, x):
        result = 0
        for a in reversed(self.c):
            result = result * x + a
        return result

    def __add__(self, other):
        other = Poly.lift(other)
        n = max(len(self.c), len(other.c))
        a = self.c + [0] * (n - len(self.c))
        b = other.c + [0] * (n - len(other.c))
        return Poly(x + y for x, y in zip(a, b))

    __radd__ = __add__

    def __neg__(self):
        return Poly(-a for a in self.c)

    def __sub__(self, other):
        return self + -Poly.lift(other)

    def __rsub__(self, other):
        return Poly.lift(other) - self

    def __mul__(self, other):
        other = Poly.lift(other)
        out = [0] * (len(self.c) + len(other.c))
        for i, a in enumerate(self.c):
            for j, b in enumerate(other.c):
                out[i + j] += a * b
        return Poly(out)

    __rmul__ = __mul__

    def __pow__(self, n):
        result = Poly([1])
        for _ in range(n):
            result = result * self
        return result

    def __eq__(self, other):
        return self.c == Poly.lift(other).c

    def __divmod__(self, other):
        if not other.c:
            raise ZeroDivisionError("polynomial division by zero")
        rem = list(self.c)
        quot = [0] * max(len(rem) - len(other.c) + 1, 0)
        lead = other.c[-1]
        for i in range(len(quot) - 1, -1, -1):
            coef, r = divmod(rem[i + len(other.c) - 1], lead)
            if r:
                raise ValueError("division leaves fractions")
            quot[i] = coef
            for j, b in enumerate(other.c):
                rem[i + j] -= coef * b
        return Poly(quot), Poly(rem)

    def derivative(self):
        return Poly(i * a for i, a in enumerate(self.c) if i)

    def __repr__(self):
        if not self.c:
            return "0"
        terms = []
        for i in range(len(self.c) - 1, -1, -1):
            a = self.c[i]
            if a == 0:
                continue
            sign = "-" if a < 0 else "+"
            mag = abs(a)
            body = {0: f"{mag}", 1: "x" if mag == 1 else f"{mag}x"}.get(
                i, f"x^{i}" if mag == 1 else f"{mag}x^{i}")
            terms.append((sign, body))
        first_sign, first = terms[0]
        return ("-" if first_sign == "-" else "") + first + "".join(
            f" {s} {b}" for s, b in terms[1:])


x = Poly([0, 1])
p = 3 * x ** 2 - 2 * x + 5
q = x - 1
print("p =", p, " degree", p.degree)
print("q =", q, " p(2) =", p(2), " q(1) =", q(1))
print("p + q =", p + q, " p - p =", p - p, " 1 - x =", 1 - x)
print("p * q =", p * q)
print("(x + 1)^5 =", (x + 1) ** 5)
print("d/dx p*q =", (p * q).derivative())
cube = (x - 2) * (x + 3) * (x - 1)
print("cube =", cube, [r for r in range(-5, 6) if cube(r) == 0])
quot, rem = divmod(cube, x - 2)
print("cube / (x - 2) =", quot, "remainder", rem)
quot, rem = divmod(p, q)
print("p / q =", quot, "remainder", rem, "check:", quot * q + rem == p)
print([(x ** 2 + 1)(k) for k in range(5)], Poly([]) == 0, Poly([7]) == 7)
for args in [(p, Poly([])), (p, 2 * x + 1)]:
    try:
        divmod(*args)
    except (ZeroDivisionError, ValueError) as e:
        print(type(e).__name__ + ":", e)

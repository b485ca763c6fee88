# Fractals in text: the Mandelbrot set drawn with a character ramp from escape times,
# a Julia set for a fixed constant, the area estimated by counting grid points inside,
# escape-time statistics, and the complex arithmetic done both with float pairs and with
# a small Complex class (minipy refuses the complex type), checked against each other.

RAMP = " .:-=+*#%@"


def escape_pairs(cr, ci, limit):
    zr = zi = 0.0
    for n in range(limit):
        zr2, zi2 = zr * zr, zi * zi
        if zr2 + zi2 > 4.0:
            return n
        zi = 2 * zr * zi + ci
        zr = zr2 - zi2 + cr
    return limit


class Complex:
    __slots__ = ("re", "im")

    def __init__(self, re, im=0.0):
        self.re, self.im = re, im

    def __add__(self, o):
        return Complex(self.re + o.re, self.im + o.im)

    def __mul__(self, o):
        return Complex(self.re * o.re - self.im * o.im, self.re * o.im + self.im * o.re)

    def __abs__(self):
        return (self.re * self.re + self.im * self.im) ** 0.5

    def conjugate(self):
        return Complex(self.re, -self.im)

    def __repr__(self):
        return f"({self.re!r}{self.im:+}j)"


def escape_complex(c, limit, z=Complex(0.0)):
    for n in range(limit):
        if abs(z) > 2:
            return n
        z = z * z + c
    return limit


def render(fn, x0, x1, y0, y1, cols, rows, limit):
    lines, counts = [], {}
    for r in range(rows):
        y = y1 - (y1 - y0) * r / (rows - 1)
        line = []
        for c in range(cols):
            x = x0 + (x1 - x0) * c / (cols - 1)
            n = fn(x, y)
            counts[n] = counts.get(n, 0) + 1
            line.append(RAMP[-1] if n >= limit else RAMP[n * (len(RAMP) - 1) // limit])
        lines.append("".join(line).rstrip())
    return "\n".join(lines), counts


LIMIT = 30
picture, counts = render(lambda x, y: escape_pairs(x, y, LIMIT), -2.2, 0.8, -1.2, 1.2, 60, 21, LIMIT)
print(picture)
inside = counts.get(LIMIT, 0)
print(f"inside: {inside} of {sum(counts.values())} points")
print("escape histogram:", {k: counts[k] for k in sorted(counts)[:8]})
julia, jcounts = render(lambda x, y: escape_complex(Complex(-0.8, 0.156), LIMIT, Complex(x, y)),
                        -1.6, 1.6, -1.0, 1.0, 48, 13, LIMIT)
print(julia)
samples = [(-0.75, 0.1), (0.25, 0.0), (-1.0, 0.0), (0.3, 0.5), (-0.1, 0.65), (0.0, 1.0)]
same = all(escape_pairs(x, y, 200) == escape_complex(Complex(x, y), 200) for x, y in samples)
print("pairs and complex agree:", same, [escape_complex(Complex(x, y), 200) for x, y in samples])
n, step = 0, 0.05
for i in range(int(3.0 / step)):
    for j in range(int(1.5 / step)):
        if escape_pairs(-2.0 + i * step, j * step, 60) == 60:
            n += 1
print(f"area estimate: {2 * n * step * step:.4f}")
z = Complex(1.0, 2.0)
print(z * z, abs(Complex(3, 4)), Complex(1, 1) * Complex(1, 1), z.conjugate(), z + Complex(0.5, -2.5))

# A small matrix library: construction and validation, operators (+, -, *, @, ==), transpose,
# identity, integer determinant by cofactor expansion, powers, and errors for bad shapes.


class Matrix:
    def __init__(self, rows):
        rows = [list(r) for r in rows]
        if not rows or not rows[0]:
            raise ValueError("a matrix needs at least one row and one column")
        width = len(rows[0])
        if any(len(r) != width for r in rows):
            raise ValueError("rows have different lengths")
        self.rows = rows

    @classmethod
    def identity(cls, n):
        return cls([[int(i == j) for j in range(n)] for i in range(n)])

    @property
    def shape(self):
        return len(self.rows), len(self.rows[0])

    def __repr__(self):
        return f"Matrix({self.rows})"

    def __str__(self):
        width = max(len(str(x)) for row in self.rows for x in row)
        return "\n".join("[" + " ".join(f"{x:>{width}}" for x in row) + "]" for row in self.rows)

    def __eq__(self, other):
        return isinstance(other, Matrix) and self.rows == other.rows

    def _check_same(self, other, op):
        if self.shape != other.shape:
            raise ValueError(f"cannot {op} {self.shape} and {other.shape}")

    def __add__(self, other):
        self._check_same(other, "add")
        return Matrix([[a + b for a, b in zip(r, s)] for r, s in zip(self.rows, other.rows)])

    def __sub__(self, other):
        self._check_same(other, "subtract")
        return Matrix([[a - b for a, b in zip(r, s)] for r, s in zip(self.rows, other.rows)])

    def __mul__(self, k):
        if isinstance(k, Matrix):
            return NotImplemented
        return Matrix([[k * x for x in row] for row in self.rows])

    __rmul__ = __mul__

    def __matmul__(self, other):
        n, m = self.shape
        m2, p = other.shape
        if m != m2:
            raise ValueError(f"shapes {self.shape} and {other.shape} do not chain")
        cols = other.transpose().rows
        return Matrix([[sum(a * b for a, b in zip(row, col)) for col in cols] for row in self.rows])

    def transpose(self):
        return Matrix(zip(*self.rows))

    def minor(self, i, j):
        return Matrix([row[:j] + row[j + 1:] for k, row in enumerate(self.rows) if k != i])

    def det(self):
        n, m = self.shape
        if n != m:
            raise ValueError("determinant of a non-square matrix")
        if n == 1:
            return self.rows[0][0]
        return sum((-1) ** j * self.rows[0][j] * self.minor(0, j).det() for j in range(n))

    def __pow__(self, k):
        result = Matrix.identity(self.shape[0])
        base = self
        while k:
            if k & 1:
                result = result @ base
            base = base @ base
            k >>= 1
        return result


a = Matrix([[1, 2], [3, 4]])
b = Matrix([[0, 1], [1, 0]])
print(a + b)
print(a - b)
print(3 * a == a * 3, a * 3)
print(a @ b)
print(repr(a.transpose()))
print("det a =", a.det())
m3 = Matrix([[2, -3, 1], [2, 0, -1], [1, 4, 5]])
print("det m3 =", m3.det(), "det m3^T =", m3.transpose().det())
fib = Matrix([[1, 1], [1, 0]]) ** 30
print("fib(30) =", fib.rows[0][1])
print(Matrix.identity(3) @ m3 == m3)
big = Matrix([[1, 2, 3]]) @ Matrix([[4], [5], [6]])
print(big, big.shape)
for bad in ([[1, 2], [3]], [], [[]]):
    try:
        Matrix(bad)
    except ValueError as e:
        print("ValueError:", e)
for f in (lambda: a + Matrix([[1, 2, 3]]), lambda: a @ Matrix([[1, 2, 3]]),
          lambda: Matrix([[1, 2]]).det(), lambda: a * b):
    try:
        print(f())
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)

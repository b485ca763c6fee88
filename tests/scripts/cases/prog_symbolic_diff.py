# Symbolic differentiation: expression trees built from classes with operator overloading
# (x * x + 3 * x), simplification rules (0 + e, 1 * e, constant folding), derivatives by
# the sum, product, quotient and power rules, evaluation at points compared with a finite
# difference, and printing with minimal parentheses.


class Expr:
    prec = 9

    def __add__(self, o):
        return Add(self, lift(o)).simplify()

    def __radd__(self, o):
        return Add(lift(o), self).simplify()

    def __sub__(self, o):
        return Sub(self, lift(o)).simplify()

    def __mul__(self, o):
        return Mul(self, lift(o)).simplify()

    def __rmul__(self, o):
        return Mul(lift(o), self).simplify()

    def __truediv__(self, o):
        return Div(self, lift(o)).simplify()

    def __pow__(self, n):
        return Pow(self, n).simplify()

    def simplify(self):
        return self

    def wrap(self, child, right=False):
        text = str(child)
        return f"({text})" if child.prec < self.prec or (right and child.prec == self.prec) else text


def lift(v):
    return v if isinstance(v, Expr) else Const(v)


class Const(Expr):
    def __init__(self, v):
        self.v = v

    def __str__(self):
        return str(self.v)

    def eval(self, env):
        return self.v

    def diff(self, var):
        return Const(0)


class Var(Expr):
    def __init__(self, name):
        self.name = name

    def __str__(self):
        return self.name

    def eval(self, env):
        if self.name not in env:
            raise NameError(f"no value for {self.name}")
        return env[self.name]

    def diff(self, var):
        return Const(1 if var == self.name else 0)


class Binary(Expr):
    def __init__(self, a, b):
        self.a, self.b = a, b

    def __str__(self):
        return f"{self.wrap(self.a)} {self.sym} {self.wrap(self.b, right=True)}"

    def eval(self, env):
        return self.op(self.a.eval(env), self.b.eval(env))

    def simplify(self):
        if isinstance(self.a, Const) and isinstance(self.b, Const):
            return Const(self.op(self.a.v, self.b.v))
        return self.rules()

    def rules(self):
        return self


def is_const(e, v):
    return isinstance(e, Const) and e.v == v


class Add(Binary):
    sym, prec, op = "+", 1, staticmethod(lambda a, b: a + b)

    def rules(self):
        return self.b if is_const(self.a, 0) else self.a if is_const(self.b, 0) else self

    def diff(self, var):
        return self.a.diff(var) + self.b.diff(var)


class Sub(Binary):
    sym, prec, op = "-", 1, staticmethod(lambda a, b: a - b)

    def rules(self):
        return self.a if is_const(self.b, 0) else self

    def diff(self, var):
        return self.a.diff(var) - self.b.diff(var)


class Mul(Binary):
    sym, prec, op = "*", 2, staticmethod(lambda a, b: a * b)

    def rules(self):
        if is_const(self.a, 0) or is_const(self.b, 0):
            return Const(0)
        return self.b if is_const(self.a, 1) else self.a if is_const(self.b, 1) else self

    def diff(self, var):
        return self.a.diff(var) * self.b + self.a * self.b.diff(var)


class Div(Binary):
    sym, prec, op = "/", 2, staticmethod(lambda a, b: a / b)

    def rules(self):
        if is_const(self.b, 0):
            raise ZeroDivisionError(f"division of {self.a} by zero")
        return self.a if is_const(self.b, 1) else self

    def diff(self, var):
        return (self.a.diff(var) * self.b - self.a * self.b.diff(var)) / self.b ** 2


class Pow(Expr):
    prec = 3

    def __init__(self, base, n):
        self.base, self.n = base, n

    def __str__(self):
        return f"{self.wrap(self.base, right=True)}^{self.n}"

    def eval(self, env):
        return self.base.eval(env) ** self.n

    def simplify(self):
        return Const(1) if self.n == 0 else self.base if self.n == 1 else self

    def diff(self, var):
        return self.n * self.base ** (self.n - 1) * self.base.diff(var)


x, y = Var("x"), Var("y")
exprs = [x * x + 3 * x, (x + 1) * (x - 1), x ** 3 / (x + 2), 2 * x * y + y ** 2, (x * 0 + 1) * (y + 0), x / (x ** 2 + 1)]
for e in exprs:
    d = e.diff("x")
    env = {"x": 1.5, "y": -2.0}
    h = 1e-6
    numeric = (e.eval({"x": 1.5 + h, "y": -2.0}) - e.eval({"x": 1.5 - h, "y": -2.0})) / (2 * h)
    print(f"d/dx [{e}] = {d}")
    print(f"    at x=1.5, y=-2: {d.eval(env):.6f} (numeric {numeric:.6f}) second: {d.diff('x')}")
print(Const(2) + 3, x - 0, 1 * x, x ** 0, x ** 1, (x + y) * (x - y), x - (y - x), x / (y / x))
for bad in [lambda: x / 0, lambda: (x + y).eval({"x": 1})]:
    try:
        bad()
    except (ZeroDivisionError, NameError) as e:
        print(f"{type(e).__name__}: {e}")

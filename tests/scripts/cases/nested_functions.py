def make_multiplier(n):
    def mul(x):
        return x * n
    return mul
double = make_multiplier(2)
triple = make_multiplier(3)
print(double(5), triple(5), make_multiplier(10)(10))
def compose(f, g):
    return lambda x: f(g(x))
print(compose(double, triple)(1))
def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x
print(apply_n(double, 10, 1))
print(double.__name__, make_multiplier.__qualname__, double.__qualname__)

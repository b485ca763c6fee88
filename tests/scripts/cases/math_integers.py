# The math functions on ints of any size: factorial, isqrt, gcd, lcm, comb, perm, prod, over
# a generated sweep of sizes (the results are exact, so any wrong digit shows), with bools,
# __index__ objects and the errors CPython gives.
import math

state = 777


def next_int(bound):
    # A 64-bit linear congruential generator: the same sweep under both interpreters.
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return (state >> 11) % bound


def big(bits):
    n = 0
    while bits > 0:
        step = min(bits, 48)
        n = (n << step) | next_int(2**step)
        bits -= step
    return n


def digest(n):
    # An exact fingerprint of a large int, short enough to print.
    if type(n) is not int or abs(n) < 10**40:
        return repr(n)
    return "int(bits=%d, mod=%d, low=%d)" % (n.bit_length(), n % 1000000007, n % 10**12)


def call(f, *args):
    try:
        return digest(f(*args))
    except (ValueError, OverflowError, TypeError, ZeroDivisionError) as e:
        return type(e).__name__ + ": " + str(e)


class Index:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


for n in list(range(0, 70)) + [99, 100, 127, 128, 129, 255, 256, 1000, 1001, 2047, 5000, 12345]:
    print("factorial", n, call(math.factorial, n))
for arg in [True, False, -1, -10**30, 10**30, 2**63, 2.0, 5.5, "5", None, Index(7)]:
    print("factorial", repr(arg) if not isinstance(arg, Index) else "Index(7)",
          call(math.factorial, arg))

isqrt_inputs = list(range(0, 70)) + [2**32 - 1, 2**32, 2**32 + 1, 2**64 - 1, 2**64, 2**64 + 1,
                                     10**40, (10**20 + 1)**2, (10**20 + 1)**2 - 1]
for bits in range(1, 400, 7):
    isqrt_inputs.append(big(bits))
for bits in [600, 1000, 2000, 3001, 5000]:
    isqrt_inputs.append(big(bits))
for n in isqrt_inputs:
    r = math.isqrt(n)
    print("isqrt", digest(n), digest(r), r * r <= n < (r + 1) * (r + 1))
for arg in [-1, -10**50, 2.0, "4", None, True, Index(50)]:
    print("isqrt", type(arg).__name__, call(math.isqrt, arg))

for _ in range(60):
    count = next_int(5)
    args = []
    for _ in range(count):
        common = big(next_int(60) + 1)
        args.append((big(next_int(200) + 1) * common) * (-1) ** next_int(2))
    print("gcd", [digest(a) for a in args], call(math.gcd, *args), call(math.lcm, *args))
for args in [(), (0,), (-5,), (0, 0), (0, 7), (-12, 18), (12, -18, 30), (1, 2**200), (2**100, 2**60),
             (True, 4), (6, Index(4)), (1, 2.5), (0, "x"), (1, "x"), (2, 3, 4, 5, 6, 7, 8, 9, 10)]:
    print("gcd/lcm", [digest(a) if not isinstance(a, Index) else "Index" for a in args],
          call(math.gcd, *args), call(math.lcm, *args))

for n in list(range(0, 70, 3)) + [100, 127, 128, 200, 1000, 2**40, 10**20]:
    for k in [0, 1, 2, 3, 5, 10, 17, 33, 34, 35, 60, 67, 68, 100, 127, 500]:
        print("comb/perm", digest(n), k, call(math.comb, n, k), call(math.perm, n, k))
for n, k in [(5, 6), (10**30, 3), (10**30, 10**30 - 2), (10**30, 10**30 + 1), (-1, 2), (2, -1),
             (10**20, 10**19), (2.0, 1), (5, "2"), (True, True), (Index(9), Index(4)),
             (5, None)]:
    print("comb/perm", call(math.comb, n, k), call(math.perm, n, k))
print("perm", call(math.perm, 10), call(math.perm, 25), call(math.perm, -1), call(math.perm, 3.0))

for args, kwargs in [(([],), {}), (([2, 3, 4],), {}), (([],), {"start": 5}),
                     (([2, 3],), {"start": 1.5}), (([1.5, 2, 2**70],), {}),
                     ((range(1, 40),), {}), ((range(1, 30),), {"start": 2**64}),
                     (([2, 2.5, True],), {}), (([True, True],), {"start": True}),
                     (([],), {"start": "x"}), ((["ab", 3],), {"start": 1}),
                     (([[1], 2],), {}), ((5,), {}), (([1e200, 1e200],), {}),
                     (([2] * 70,), {}), (([-3] * 41,), {})]:
    try:
        r = digest(math.prod(*args, **kwargs))
    except (TypeError, OverflowError) as e:
        r = type(e).__name__ + ": " + str(e)
    print("prod", r)

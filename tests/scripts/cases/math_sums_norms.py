# math.fsum, math.hypot and math.dist over generated lists: sums with heavy cancellation,
# long lists (the partials outgrow their first array), values across the exponent range,
# and the special cases (infinities, NaN, intermediate overflow); compared with CPython's
# results bit for bit.
import math

state = 99991


def next_int(bound):
    # A 64-bit linear congruential generator: the same lists under both interpreters.
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return (state >> 11) % bound


def random_float(min_e, max_e):
    x = next_int(2**53) / 2**53 * 2.0 ** (min_e + next_int(max_e - min_e + 1))
    return -x if next_int(2) else x


def call(f, *args):
    try:
        return repr(f(*args))
    except (ValueError, OverflowError, TypeError) as e:
        return type(e).__name__ + ": " + str(e)


for trial in range(120):
    count = next_int(60)
    spread = next_int(4)
    lo, hi = [(-5, 5), (-60, 60), (-300, 300), (-1074, 1000)][spread]
    xs = [random_float(lo, hi) for _ in range(count)]
    if trial % 3 == 0:
        xs += [-x for x in xs[: count // 2]]  # cancellation leaves the small ones
    print("fsum", trial, call(math.fsum, xs), call(math.hypot, *xs),
          call(math.dist, xs, xs[::-1]))

# long lists: many partials
big = [random_float(-1000, 1000) for _ in range(3000)]
print("fsum long", math.fsum(big), math.fsum(big + [-x for x in big[:1500]]), math.hypot(*big[:500]))

for xs in [[], [0.0], [-0.0], [-0.0, -0.0], [1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50],
           [0.1] * 10, [1e-16, 1.0, 1e16], [1.0, 1e-16, 1e-16], [2.0**53, -0.5, -2.0**-54],
           [1e308, 1e308], [1e308, -1e308, 1e308], [math.inf, 1.0], [math.inf, -math.inf],
           [math.inf, math.inf], [math.nan, 1.0], [math.inf, math.nan], [1, 2, 3], [True, 0.5],
           [10**20, 1.0, -10**20], [10**400], ["x"], [1.0, None], [2**1023, 2**1023]]:
    print("fsum", call(math.fsum, xs))
print("fsum", call(math.fsum, 5), call(math.fsum, (x / 10 for x in range(20))),
      call(math.fsum, range(1000)))

for args in [(), (0.0,), (-3.5,), (3, 4), (3.0, 4.0, 12.0), (1e308, 1e308), (1e-310, 1e-310),
             (5e-324, 5e-324, 5e-324), (math.inf, math.nan), (math.nan, 1.0), (-math.inf, 2.0),
             (True, True), (10**400, 1), ("x", 1), tuple(range(1, 40)), (1e200, 1e-200, 1.0)]:
    print("hypot", call(math.hypot, *args))

for p, q in [((), ()), ((1.0,), (4.0,)), ((1, 2), (4, 6)), ([0, 0, 0], [1, 1, 1]),
             ((1, 2), (1, 2, 3)), ((1.0, math.inf), (0.0, 1.0)), ((math.nan,), (1.0,)),
             (iter([3, 0]), (0, 4)), (1, 2), ((1, "x"), (1, 2)), ((1e308, -1e308), (-1e308, 1e308))]:
    print("dist", call(math.dist, p, q))

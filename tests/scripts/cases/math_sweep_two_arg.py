# The math functions of two floats (atan2, copysign, fmod, remainder, pow, nextafter, hypot,
# dist, isclose, log with a base, ldexp) over every pair of special values and a generated
# sweep of pairs: results compared with CPython's bit for bit (repr), errors by message.
import math

state = 424242


def next_int(bound):
    # A 64-bit linear congruential generator: the same sweep under both interpreters.
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return (state >> 11) % bound


def random_float(min_e, max_e):
    x = next_int(2**53) / 2**53 * 2.0 ** (min_e + next_int(max_e - min_e + 1))
    return -x if next_int(2) else x


def call(f, *args):
    try:
        return repr(f(*args))
    except (ValueError, OverflowError, TypeError, ZeroDivisionError) as e:
        return type(e).__name__ + ": " + str(e)


SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, -2.0, 3.0, -3.0, 2.5, 1e308, -1e-310, 5e-324,
           math.inf, -math.inf, math.nan, 7, True]
TWO = [("atan2", math.atan2), ("copysign", math.copysign), ("fmod", math.fmod),
       ("remainder", math.remainder), ("pow", math.pow), ("nextafter", math.nextafter),
       ("hypot", math.hypot), ("isclose", math.isclose), ("log", math.log)]

pairs = [(x, y) for x in SPECIAL for y in SPECIAL]
for _ in range(150):
    pairs.append((random_float(-6, 6), random_float(-6, 6)))
for _ in range(60):
    pairs.append((random_float(-1074, 1023), random_float(-1074, 1023)))
# pow near overflow and with integral exponents of negative bases
pairs += [(-2.0, 3.0), (-2.0, 0.5), (-8.0, 1 / 3), (10.0, 308.0), (10.0, 309.0), (2.0, -1074.0),
          (2.0, -1080.0), (0.0, -1.0), (-0.0, -3.0), (-0.0, 3.0), (1.5, 1e10), (0.5, -1e10)]
# remainder's ties
pairs += [(float(n), 2.0) for n in range(-6, 7)] + [(n + 0.5, 1.0) for n in range(-4, 4)]

for name, f in TWO:
    for x, y in pairs:
        print(name, repr(x), repr(y), call(f, x, y))

for x, y in pairs[::3]:
    print("dist", repr(x), repr(y), call(math.dist, (x, y), (y, x)), call(math.dist, [x], [y]))

# ldexp's exponent: any int, clamped; a float exponent is refused.
for x in [0.0, -0.0, 1.0, -0.75, 5e-324, 1.7976931348623157e308, math.inf, math.nan]:
    for i in [0, 1, -1, 1023, 1024, -1074, -1075, 2**31, -2**31, 10**30, -10**30, True]:
        print("ldexp", repr(x), repr(i), call(math.ldexp, x, i))
print("ldexp", call(math.ldexp, 1.0, 2.0), call(math.ldexp, 1.0, "2"))

# isclose's tolerances
for a, b in [(1.0, 1.0 + 1e-9), (1.0, 1.0 + 2e-9), (0.0, 1e-10), (math.inf, math.inf),
             (math.inf, -math.inf), (math.nan, math.nan), (1e-300, -1e-300)]:
    print("isclose", repr(a), repr(b), math.isclose(a, b), math.isclose(a, b, rel_tol=1e-8),
          math.isclose(a, b, abs_tol=1e-9), math.isclose(a, b, rel_tol=0.0, abs_tol=0.0),
          math.isclose(a=a, b=b, rel_tol=0.5))

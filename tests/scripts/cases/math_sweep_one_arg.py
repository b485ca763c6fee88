# Every one-argument function of math over special values (zeros, infinities, NaN, the
# extremes, ints and bools) and a generated sweep of floats near 1 and across the whole
# exponent range: results are compared with CPython's digit for digit (repr round-trips, so
# bit for bit), errors by type and message.
import math


def short(value):
    # A huge int by its size and last digits (printing it whole is slow and noisy).
    if type(value) is int and abs(value) > 10**30:
        return "int(bits=%d, low=%d)" % (value.bit_length(), value % 10**9)
    return repr(value)


def show(name, f, *args):
    try:
        r = short(f(*args))
    except (ValueError, OverflowError, TypeError, ZeroDivisionError) as e:
        r = type(e).__name__ + ": " + str(e)
    print(name, " ".join(short(a) for a in args), r)


state = 20231207


def next_int(bound):
    # A 64-bit linear congruential generator: the same sweep under both interpreters.
    global state
    state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
    return (state >> 11) % bound


def sweep(count, min_e, max_e):
    values = []
    for _ in range(count):
        x = next_int(2**53) / 2**53 * 2.0 ** (min_e + next_int(max_e - min_e + 1))
        values.append(-x if next_int(2) else x)
    return values


SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, 10.0, 0.1, -0.1,
           math.inf, -math.inf, math.nan, 1e-300, 5e-324, -5e-324,
           1.7976931348623157e308, -1.7976931348623157e308, 2.2250738585072014e-308,
           1e16, 1e22, 709.78, 710.0, -745.2, -746.0, 1e-20, 0.9999999999999999,
           1.0000000000000002, 22.0, 171.0, 171.7, -171.5, 200.5, -200.5, 1e300,
           True, False, 3, -7, 10**20, -10**20, 2**1023, 10**400]

ONE = [("acos", math.acos), ("acosh", math.acosh), ("asin", math.asin),
       ("asinh", math.asinh), ("atan", math.atan), ("atanh", math.atanh),
       ("cbrt", math.cbrt), ("cos", math.cos), ("cosh", math.cosh), ("erf", math.erf),
       ("erfc", math.erfc), ("exp", math.exp), ("exp2", math.exp2), ("expm1", math.expm1),
       ("fabs", math.fabs), ("gamma", math.gamma), ("lgamma", math.lgamma), ("log", math.log),
       ("log1p", math.log1p), ("log10", math.log10), ("log2", math.log2), ("sin", math.sin),
       ("sinh", math.sinh), ("sqrt", math.sqrt), ("tan", math.tan), ("tanh", math.tanh),
       ("degrees", math.degrees), ("radians", math.radians), ("isfinite", math.isfinite),
       ("isinf", math.isinf), ("isnan", math.isnan), ("frexp", math.frexp),
       ("modf", math.modf), ("ulp", math.ulp), ("floor", math.floor), ("ceil", math.ceil),
       ("trunc", math.trunc)]

values = SPECIAL + sweep(40, -3, 3) + sweep(25, -60, 12) + sweep(20, -1074, 1023)
for name, f in ONE:
    for x in values:
        show(name, f, x)

# gamma and lgamma on their own algorithm's branches: halves, near the poles, large and tiny.
near = [i / 4 for i in range(-120, 240)] + [-k + d for k in range(1, 12) for d in (1e-9, -1e-9, 0.25)]
near += [140.5, 141.25, 170.62, 171.62, 180.0, -140.5, -180.2, 1e-19, -1e-19, 1e-21, 2.5e-308]
for name, f in (("gamma", math.gamma), ("lgamma", math.lgamma)):
    for x in near + sweep(40, -4, 8):
        show(name, f, x)

# logarithms of ints too large for a float, and of small ones.
for n in [1, 2, 3, 10, 2**53 + 1, 10**308, 10**309, 2**1024, 3**1000, 7**5000, 10**5000 + 1]:
    for name, f in (("log", math.log), ("log2", math.log2), ("log10", math.log10)):
        show(name, f, n)
for n in [0, -1, -10**400, False]:
    show("log", math.log, n)
    show("log2", math.log2, n)

#!/usr/bin/env python3
"""Writes the expected float and hash behaviour of CPython 3.11 for the runtime's float_object,
float_text and hash suites (tests/runtime/*_test.cpp), into this directory:

  float_repr.txt     float.hex(x)  repr(x)  hash(x)            (hash '-' for a NaN)
  float_parse.txt    s|b  hex-of-utf8-input  result             float(str) / float(bytes)
  float_format.txt   float.hex(x)  code  precision  flags  hex-of-utf8-output
  float_arith.txt    op  a  b  result                           a, b: float.hex or i<int>
  float_compare.txt  a  b  six results of < <= == != > >=       (T / F)
  hash_cases.txt     f|i|b|s  value  hash(value)                bytes and str in hex of utf8

A result is a float.hex, "(q,r)" of two float.hex for divmod, an int in decimal prefixed
with i, or "!Type: message" for an exception. Where CPython returns a complex (a negative
float to a fractional power) the expected result is minipy's ValueError instead. The str and bytes hashes are CPython's under
PYTHONHASHSEED=0 (minipy's fixed key): the script re-runs itself with that setting.

Run with python3.11 from anywhere:  python3 tests/runtime/data/gen_float_cases.py
The output is deterministic (fixed random seed)."""

import math
import os
import random
import struct
import sys

if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20240511)


def bits_to_float(bits):
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def fhex(x):
    return x.hex()


def outcome(fn):
    try:
        r = fn()
    except Exception as e:  # the message exactly as str(exception)
        return f"!{type(e).__name__}: {e}"
    if isinstance(r, complex):  # minipy has no complex: its documented departure
        return "!ValueError: negative number cannot be raised to a fractional power"
    if isinstance(r, tuple):
        return "(" + ",".join(fhex(v) for v in r) + ")"
    if isinstance(r, bool):
        return "T" if r else "F"
    if isinstance(r, int):
        return f"i{r}"
    return fhex(r)


def write(name, lines):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# --- doubles worth printing --------------------------------------------------------------------
def interesting_doubles():
    xs = [0.0, -0.0, math.inf, -math.inf, math.nan, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2, 1 / 3, 2 / 3,
          1e16, 1e15, 9999999999999998.0, 1e17, 1e-4, 1e-5, 0.0001, 0.00001, 123456789012345678.0,
          2.0 ** 53, 2.0 ** 53 + 2, 2.0 ** 53 - 1, 2.0 ** 63, 2.0 ** 64, 2.0 ** -1074, 2.0 ** -1022,
          sys.float_info.max, -sys.float_info.max, sys.float_info.min, sys.float_info.epsilon,
          math.pi, math.e, 5e-324, 1.5e-323, 2.2250738585072009e-308, 4.9406564584124654e-324,
          1.7976931348623157e308, 0.5, 1.5, 2.5, 1e22, 1e23, 5e22, 1e300, 1e-300, 100.0, 1234.5,
          123456.0, 0.3, 0.7, 9.5, 1e-7, 3.14e-10, 6.02214076e23, 299792458.0]
    for e in range(-1074, 1024, 7):
        xs.append(math.ldexp(1.0, e))
    for k in range(-323, 309, 9):
        x = float(f"1e{k}")
        xs += [x, math.nextafter(x, 0.0), math.nextafter(x, math.inf)]
    for _ in range(330):
        xs.append(bits_to_float(rng.getrandbits(64)))
    for _ in range(120):
        xs.append(rng.uniform(-1000, 1000))
    for _ in range(150):
        xs.append(round(rng.uniform(-100, 100), rng.randint(0, 6)))
    for _ in range(100):
        xs.append(rng.getrandbits(53) * 2.0 ** rng.randint(-80, 80))
    for _ in range(100):  # subnormals
        xs.append(bits_to_float(rng.getrandbits(52)))
    return xs


def gen_repr():
    lines = []
    for x in interesting_doubles():
        h = "-" if math.isnan(x) else str(hash(x))
        lines.append(f"{fhex(x)} {x!r} {h}")
    write("float_repr.txt", lines)


# --- float(str) ---------------------------------------------------------------------------------
def gen_parse():
    texts = ["1", "-1", "+1.5", "  2.5  ", "\t\n 3\r\f\v", "1e5", "1E-5", "1e+308", "1e309", "-1e309",
             "1e-323", "1e-324", "2.4703282292062328e-324", "2.4703282292062327e-324", ".5", "5.",
             "-.5e-3", "0", "-0", "-0.0", "000001", "0.000", "inf", "-inf", "+INF", "Infinity",
             "-iNfInItY", "nan", "-nan", "NaN", "1_000", "1_000.000_1", "1e1_0", "1__0", "_1", "1_",
             "1_.5", "1._5", "1e_5", "in_f", " 1_0 ", "", " ", "   ", ".", "-", "+", "e5", "1e",
             "1e+", "1e-", "1.2.3", "0x10", "1,5", "1.5f", "infinit", "infinityx", "nanx", "- 1",
             "1 2", "١٢٣", "٣.٥", "\u2003 1.5 \u2003", "1.5é", "١_٢", "\u00a01\u00a0", "1\x00",
             "9" * 400, "0." + "0" * 330 + "1", "1" + "0" * 400 + "e-400",
             "0.1000000000000000055511151231257827021181583404541015625",
             "0.1000000000000000055511151231257827021181583404541015624",
             "0.10000000000000000555111512312578270211815834045410156251",
             "179769313486231580793728971405301e276", "179769313486231580793728971405302e276",
             "1e99999999999999999999", "1e-99999999999999999999", "0e99999999999999999999"]
    for _ in range(120):
        x = bits_to_float(rng.getrandbits(64))
        if math.isfinite(x):
            texts.append(repr(x))
            texts.append(f"{x:.25e}")
    for _ in range(40):
        x = bits_to_float(rng.getrandbits(63))
        y = math.nextafter(x, math.inf)
        if math.isfinite(y):
            from decimal import Decimal
            texts.append(format((Decimal(x) + Decimal(y)) / 2, "e"))  # exact midpoint: ties to even
    lines = []
    for t in texts:
        lines.append(f"s {t.encode('utf-8').hex() or '-'} {outcome(lambda: float(t))}")
    for t in [b"1.5", b" -2e3 ", b"1\x002", b"", b"nan", b"1_0", b"\xff"]:
        lines.append(f"b {t.hex() or '-'} {outcome(lambda: float(t))}")
    write("float_parse.txt", lines)


# --- PyOS_double_to_string ----------------------------------------------------------------------
SIGN, ADD_DOT_0, ALT, NO_NEG_0 = 1, 2, 4, 8


def python_format(x, code, precision, flags):
    """The format() spec that makes CPython call PyOS_double_to_string(x, code, precision, flags)."""
    spec = ("+" if flags & SIGN else "") + ("z" if flags & NO_NEG_0 else "") + ("#" if flags & ALT else "")
    if code == "r":
        assert flags & ADD_DOT_0
        return format(x, spec)
    if flags & ADD_DOT_0:
        assert code == "g"
        return format(x, f"{spec}.{precision}")
    return format(x, f"{spec}.{precision}{code}")


def gen_format():
    xs = [0.0, -0.0, 1.0, -1.5, 0.1, 1e16, 1e-5, 123456.789, -0.0004, 1e300, 5e-324, math.inf,
          -math.inf, math.nan, -math.nan, 2.5, 0.125, 999.9996, 1e21, 0.00001234]
    xs += [bits_to_float(rng.getrandbits(64)) for _ in range(12)]
    xs += [rng.uniform(-1e4, 1e4) for _ in range(12)]
    lines = []
    combos = [("e", p, f) for p in (0, 1, 3, 16) for f in (0, SIGN, ALT, NO_NEG_0)]
    combos += [("f", p, f) for p in (0, 2, 6, 20) for f in (0, SIGN, ALT, NO_NEG_0)]
    combos += [("g", p, f) for p in (0, 1, 4, 17) for f in (0, SIGN, ALT, ADD_DOT_0, NO_NEG_0)]
    combos += [("E", 4, 0), ("F", 3, 0), ("G", 5, 0), ("r", 0, ADD_DOT_0), ("r", 0, ADD_DOT_0 | SIGN),
               ("r", 0, ADD_DOT_0 | ALT), ("r", 0, ADD_DOT_0 | NO_NEG_0)]
    for x in xs:
        for code, p, f in rng.sample(combos, 9) + [("r", 0, ADD_DOT_0)]:
            if not math.isfinite(x) or abs(x) < 1e25 or code not in "fF":
                out = python_format(x, code, p, f)
                lines.append(f"{fhex(x) if not (math.isnan(x) and math.copysign(1, x) < 0) else '-nan'} "
                             f"{code} {p} {f} {out.encode().hex()}")
    write("float_format.txt", lines)


# --- arithmetic ---------------------------------------------------------------------------------
OPS = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "truediv": lambda a, b: a / b, "floordiv": lambda a, b: a // b, "mod": lambda a, b: a % b,
    "divmod": divmod, "pow": lambda a, b: a ** b,
}


def operand_text(v):
    return f"i{v}" if isinstance(v, int) else fhex(v)


def gen_arith():
    specials = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, -7.0, 1e308, -1e308, 5e-324, math.inf, -math.inf,
                math.nan, 2.0, 0.1, 1e-310, 1.5]
    ints = [0, 1, -1, 3, -7, 2 ** 53 + 1, 10 ** 30, -(10 ** 30), 10 ** 400]
    pairs = []
    for op in OPS:
        for _ in range(30):
            a = rng.choice(specials + [rng.uniform(-100, 100)])
            b = rng.choice(specials + [rng.uniform(-100, 100)])
            pairs.append((op, a, b))
        for _ in range(6):
            pairs.append((op, rng.choice(specials), rng.choice(ints)))
            pairs.append((op, rng.choice(ints), rng.choice(specials)))
    for a, b in [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-7.5, -2.0), (1.0, 0.1), (-1.0, 0.1), (0.0, -3.0),
                 (-0.0, 3.0), (1e300, 1e-300), (5.0, math.inf), (-5.0, math.inf), (0.1, 0.01),
                 (6.0, 0.0), (0.0, 0.0), (1e308, 1e-308)]:
        for op in ("floordiv", "mod", "divmod", "truediv"):
            pairs.append((op, a, b))
    for a, b in [(2.0, 0.5), (-8.0, 1 / 3), (-8.0, 3.0), (-8.0, 2.0), (0.0, -1.0), (-0.0, -3.0), (0.0, 0.0),
                 (math.nan, 0.0), (1.0, math.nan), (-1.0, math.inf), (0.5, -math.inf), (2.0, -math.inf),
                 (math.inf, -3.0), (-math.inf, 3.0), (-math.inf, 2.0), (-math.inf, -3.0), (10.0, 400.0),
                 (10.0, -400.0), (1.0000001, 1e10), (-2.0, 1025.0), (-2.0, 1024.0), (-0.0, 3.0),
                 (-0.0, 2.0), (-1.0, 1e300), (2.0, 1024), (10, -2.0)]:
        pairs.append(("pow", a, b))
    lines = []
    for op, a, b in pairs:
        lines.append(f"{op} {operand_text(a)} {operand_text(b)} {outcome(lambda: OPS[op](a, b))}")
    write("float_arith.txt", lines)


# --- comparison ---------------------------------------------------------------------------------
def gen_compare():
    pairs = []
    big = [2 ** 53, 2 ** 53 + 1, 2 ** 53 - 1, 2 ** 54 + 1, 2 ** 63, 2 ** 64 - 1, 2 ** 1023, 2 ** 1024,
           10 ** 400, -(10 ** 400), 2 ** 49 + 1, 2 ** 48, -(2 ** 53 + 1), 0, 1, -1, 2 ** 200 + 1, 3 ** 300]
    floats = (float(2 ** 53), 2.0 ** 53 + 2, 2.0 ** 54, 2.0 ** 63, 2.0 ** 64, 2.0 ** 1023, 1.7976931348623157e308,
              math.inf, -math.inf, math.nan, 0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0 ** 49 + 0.5, 2.0 ** 48,
              -(2.0 ** 53), -(2.0 ** 53) - 2, 2.0 ** 200, 1e300)
    for i in big:
        for f in rng.sample(floats, 9 if abs(i) > 2 ** 1000 else 14):
            pairs.append((f, i))
    for _ in range(60):
        i = rng.getrandbits(rng.randint(40, 90)) * rng.choice((1, -1))
        f = float(i) + rng.choice((0.0, 0.5, -0.5, 1.0, -1.0, 2.0, 1024.0, -1024.0))
        pairs.append((f, i))
    for _ in range(20):
        a, b = rng.uniform(-5, 5), rng.uniform(-5, 5)
        pairs.append((a, b))
        pairs.append((a, a))
    pairs += [(math.nan, math.nan), (math.inf, math.inf), (0.0, -0.0), (math.nan, 1.0)]
    lines = []
    for a, b in pairs:
        res = "".join("T" if r else "F" for r in (a < b, a <= b, a == b, a != b, a > b, a >= b))
        lines.append(f"{fhex(a)} {operand_text(b)} {res}")
    write("float_compare.txt", lines)


# --- hashes -------------------------------------------------------------------------------------
def gen_hash():
    lines = []
    floats = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 0.1, 1e300, -1e300, 5e-324, math.inf, -math.inf,
              2.0 ** 61, 2.0 ** 61 - 1, 2.0 ** 62, 2.0 ** 100, 2.0 ** -60, 2.0 ** -61, 2.0 ** -62,
              1.7976931348623157e308, 123.456, -2.0]
    floats += [bits_to_float(rng.getrandbits(64)) for _ in range(30)]
    for x in floats:
        if not math.isnan(x):
            lines.append(f"f {fhex(x)} {hash(x)}")
    ints = [0, 1, -1, -2, 2 ** 61 - 2, 2 ** 61 - 1, 2 ** 61, 2 ** 64, -(2 ** 61), -(2 ** 61) + 1, 10 ** 100,
            -(10 ** 100), 2 ** 1000 + 12345, 2 ** 53 + 1, 123456789]
    for i in ints:
        lines.append(f"i {i} {hash(i)}")
    texts = ["", "a", "abc", "abcdefg", "abcdefgh", "abcdefghi", "hello world", "x" * 100, "é", "café",
             "€uro", "日本語", "😀", "a😀b", "\x00", "ÿ" * 9, "Ā" * 17]
    for t in texts:
        lines.append(f"s {t.encode('utf-8').hex() or '-'} {hash(t)}")
    for b in [b"", b"a", b"abc", b"\x00\xff" * 5, bytes(range(256)), b"abcdefgh" * 3]:
        lines.append(f"b {b.hex() or '-'} {hash(b)}")
    write("hash_cases.txt", lines)


if sys.version_info[:2] != (3, 11):
    sys.exit(f"expected python 3.11, this is {sys.version}")
gen_repr()
gen_parse()
gen_format()
gen_arith()
gen_compare()
gen_hash()

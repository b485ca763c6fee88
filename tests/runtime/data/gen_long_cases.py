#!/usr/bin/env python3
"""Expected values for the int tests (long_test.cpp, long_text_test.cpp), from CPython 3.11.

Run with python3 (3.11) from this directory; it rewrites long_cases.txt. One case per line,
fields separated by single spaces, '#' lines are comments. Ints are written in hex without a
prefix ("-1f"), so that reading them back only needs the power-of-two parser; text is written
as the hex of its UTF-8 bytes ("-" for the empty string). An expected failure is
"!<ExceptionType>:<hex of the message>". Long runs are packed: a field is segments joined by
".", each "chars" or "chars*count" (the chars repeated count times), so "31*3.0a" is "3131310a".

  <op> a b result        op in add sub mul floordiv mod lshift rshift and or xor (a op b)
  divmod a b q r
  pow a b result         a ** b, b >= 0
  powmod a b m result    pow(a, b, m)
  truediv a b result     a / b as float.hex()
  float a result         float(a) as float.hex()
  hash a h               hash(a) in decimal
  format base a text     str(a) for base 10, bin/oct/hex(a) for 2/8/16
  parse base text result int(text, base), text from str
  parseb base text result
                         int(bytes, base)
"""
import random
import sys

assert sys.version_info[:2] == (3, 11), "expected values come from CPython 3.11"

rng = random.Random(20240511)
out = []


def pack(s):
    """Run-length packing of s (see the top): runs of a 1-, 2- or 4-character unit."""
    segments, literal, i = [], "", 0
    while i < len(s):
        best = None
        for u in (1, 2, 4):
            unit, reps = s[i:i + u], 1
            while s[i + reps * u:i + (reps + 1) * u] == unit:
                reps += 1
            if len(unit) == u and reps * u >= 32 and (best is None or reps * u > best[1] * len(best[0])):
                best = (unit, reps)
        if best:
            if literal:
                segments.append(literal)
                literal = ""
            segments.append("%s*%d" % best)
            i += len(best[0]) * best[1]
        else:
            literal += s[i]
            i += 1
    if literal:
        segments.append(literal)
    return ".".join(segments)


def h(v):
    return pack(format(v, "x"))


def text(s):
    return pack(s.encode("utf-8").hex()) or "-"


def outcome(fn, enc):
    try:
        return enc(fn())
    except Exception as e:  # noqa: BLE001 - every exception is data here
        return "!%s:%s" % (type(e).__name__, text(str(e)))


def emit(*fields):
    out.append(" ".join(str(f) for f in fields))


def rand_int(max_bits):
    bits = rng.randint(0, max_bits)
    v = rng.getrandbits(bits) if bits else 0
    return -v if rng.random() < 0.4 else v


# Values around digit boundaries, all-ones patterns (Knuth D's add-back likes those), powers of two.
EDGES = [0, 1, -1, 2, -2, 5, -5, 6, -6, 255, 256, 257, -257, 2**30 - 1, 2**30, -2**30, 2**30 + 1,
         2**31, 2**60 - 1, 2**60, -2**60, 2**63 - 1, 2**63, -2**63, -2**63 - 1, 2**64, 2**64 - 1,
         2**90 - 1, -(2**90 - 1), 2**120 + 2**60 + 1, (2**150 - 1) // 3, 10**40, -10**40]


def sample_ints(n, max_bits):
    return [rng.choice(EDGES) if rng.random() < 0.2 else rand_int(max_bits) for _ in range(n)]


BINOPS = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "floordiv": lambda a, b: a // b, "mod": lambda a, b: a % b,
    "and": lambda a, b: a & b, "or": lambda a, b: a | b, "xor": lambda a, b: a ^ b,
}

out.append("# arithmetic, bitwise")
for name, fn in BINOPS.items():
    for a, b in zip(sample_ints(24, 700), sample_ints(24, 500)):
        emit(name, h(a), h(b), outcome(lambda: fn(a, b), h))
    for a, b in [(0, 0), (7, 0), (-7, 0), (2**100, 0)]:
        emit(name, h(a), h(b), outcome(lambda: fn(a, b), h))

out.append("# Karatsuba sizes: balanced, lopsided, squares")
for bits_a, bits_b in [(2200, 2200), (2500, 2600), (4300, 4500), (2200, 9000), (5000, 5000), (3000, 700)]:
    a, b = rng.getrandbits(bits_a) | 1 << (bits_a - 1), -(rng.getrandbits(bits_b) | 1 << (bits_b - 1))
    emit("mul", h(a), h(b), h(a * b))
for bits in [2200, 4300]:
    a = rng.getrandbits(bits) | 1 << (bits - 1)
    emit("mul", h(a), h(a), h(a * a))
a = 2**4500 - 1
emit("mul", h(a), h(a), h(a * a))

out.append("# division: long divisors, all-ones, quotient digits at the edge of the estimate")
for _ in range(30):
    b = rand_int(900) or 3
    q = rand_int(900)
    r = rng.randrange(abs(b))
    a = q * b + r
    emit("divmod", h(a), h(b), outcome(lambda: divmod(a, b), lambda t: "%s %s" % (h(t[0]), h(t[1]))))
for k in range(2, 8):
    for a, b in [(2**(30 * 2 * k) - 1, 2**(30 * k) - 1), (2**(30 * 2 * k), 2**(30 * k) - 1),
                 (2**(30 * 2 * k) - 1, 2**(30 * k - 1) + 1), (-(2**(30 * 3 * k)) + 1, 2**(30 * k) + 2**29)]:
        emit("divmod", h(a), h(b), "%s %s" % (h(a // b), h(a % b)))
for a, b in [(5, 0), (0, 5), (-5, 3), (5, -3), (-5, -3), (2**100, -2**50 - 1), (-(2**100), 7)]:
    emit("divmod", h(a), h(b), outcome(lambda: divmod(a, b), lambda t: "%s %s" % (h(t[0]), h(t[1]))))

out.append("# shifts")
for a in sample_ints(20, 400):
    s = rng.choice([0, 1, 29, 30, 31, 59, 60, 61, 100, 333, 500])
    emit("lshift", h(a), h(s), h(a << s))
    emit("rshift", h(a), h(s), h(a >> s))
for a, s in [(5, -1), (-5, 2**70), (5, 2**70), (0, 2**70), (-1, 1000), (-(2**90), 90), (-(2**90) - 1, 90)]:
    emit("rshift", h(a), h(s), outcome(lambda: a >> s, h))
for a, s in [(5, -1), (0, 2**70), (-1, 1000)]:
    emit("lshift", h(a), h(s), outcome(lambda: a << s, h))

out.append("# powers")
for a, b in [(0, 0), (0, 5), (1, 2**80), (-1, 2**80 + 1), (2, 100), (-3, 333), (3, 500),
             (7**20, 31), (-(2**61) + 5, 17), (12345, 1234)]:
    emit("pow", h(a), h(b), h(a ** b))
for a, b, m in [(2, 100, 1), (2, 100, -1), (3, 10**30, 10**9 + 7), (-3, 10**30, 10**9 + 7),
                (3, 10**30, -(10**9 + 7)), (rand_int(400), 2**300 + 12345, rand_int(300) | 1),
                (5, -1, 7), (5, -3, -7), (-5, -1, 12), (4, -1, 8), (2, -1, 0), (0, 0, 5), (7, 0, -5),
                (2**200 + 3, 2**150 + 1, 2**180 - 1)]:
    emit("powmod", h(a), h(b), h(m), outcome(lambda: pow(a, b, m), h))

out.append("# true division: quick path, rounding ties, subnormals, overflow, underflow")
pairs = [(1, 3), (-1, 3), (0, -5), (0, 5), (2**53 + 1, 1), (2**54 + 1, 2), (2**54 + 3, 2),
         (2**53 + 1, 2**60), ((2**53 + 1) * 2**70, 2**70), (10**400, 10**399), (10**400, 3),
         (10**400, 1), (1, 10**400), (-1, 10**330), (1, 2**1074), (1, 2**1075), (3, 2**1076),
         (2**1075 + 1, 2**2150), (2**1024 - 2**970, 1), (2**1024 - 2**969, 1), (2**1024 - 2**969 - 1, 1),
         (5, 0), (2**100, 2**100 + 1)]
for a, b in pairs + [(rand_int(2000), rand_int(1500) or 7) for _ in range(25)]:
    emit("truediv", h(a), h(b), outcome(lambda: (a / b).hex(), str))

out.append("# float(int)")
for a in [0, 1, -1, 2**53 + 1, 2**54 + 2, 2**54 + 6, 2**1024 - 2**970, 2**1024 - 2**971, 2**1024,
          -(2**1023), 10**300] + sample_ints(12, 1100):
    emit("float", h(a), outcome(lambda: float(a).hex(), str))

out.append("# hash")
for a in [0, 1, -1, -2, 2**61 - 1, 2**61, -(2**61) + 1, 2**61 - 2, 2**122, 2**64 - 1] + sample_ints(25, 600):
    emit("hash", h(a), hash(a))

out.append("# str, bin, oct, hex")
FORMAT = {10: str, 2: bin, 8: oct, 16: hex}
for base, fn in FORMAT.items():
    for a in [0, -1, 7, -255] + sample_ints(8, 600 if base != 2 else 200):
        emit("format", base, h(a), text(fn(a)))
for a in [10**4299, -(10**4300 - 1), 10**4300, -(10**4300), 2**100000]:
    emit("format", 10, h(a), outcome(lambda: str(a), text))
emit("format", 16, h(10**4400), text(hex(10**4400)))


def spell(v, base):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if v == 0:
        return "0"
    s = ""
    while v:
        v, r = divmod(v, base)
        s = rng.choice([digits[r], digits[r].upper()]) + s
    return s


out.append("# int(str, base): spellings with signs, prefixes, underscores, white space, Unicode digits")
PREFIX = {2: "0b", 8: "0o", 16: "0x"}
for _ in range(70):
    base = rng.choice([0, 2, 3, 7, 8, 10, 10, 10, 16, 16, 36])
    v = rand_int(rng.choice([10, 64, 300]))
    spelled_base = base or rng.choice([2, 8, 10, 16])
    body = spell(abs(v), spelled_base)
    if rng.random() < 0.3 and len(body) > 1:
        i = rng.randrange(1, len(body))
        body = body[:i] + "_" + body[i:]
    prefix = PREFIX.get(spelled_base, "") if (base == 0 or rng.random() < 0.5) else ""
    if base == 0 and spelled_base == 10 and body.startswith("0") and body != "0":
        body = body.lstrip("0") or "0"
    s = ("-" if v < 0 else rng.choice(["", "+"])) + prefix + body
    s = rng.choice(["", " ", "\t", "\n "]) + s + rng.choice(["", " ", " \r\n"])
    emit("parse", base, text(s), outcome(lambda: int(s, base), h))
for s, base in [("", 10), (" ", 10), ("-", 10), ("+-1", 10), ("1 2", 10), ("1__0", 10), ("_1", 10),
                ("1_", 10), ("0x_1f", 16), ("0x_1f", 0), ("0x__1f", 16), ("0_7", 0), ("0_0", 0), ("00", 0),
                ("010", 0), ("0b", 0), ("0b_", 0), ("0o19", 0), ("0x1", 10), ("z", 36), ("Z1", 36),
                ("1e5", 10), ("١٢٣", 10), ("\u3000 42 \u2028", 10), ("٣_٤", 10), ("ａ", 16), ("１２", 16),
                ("1\x00", 10), ("x" * 300, 10), ("1é", 10), ("0x" + "f" * 1000, 0), ("1" * 4300, 10),
                ("1" * 4301, 10), ("1" * 4301 + "x", 10), ("0" * 4301, 0), ("1_" * 2400 + "1", 10),
                ("1" * 4301, 7), ("1" * 3000, 32), ("  -0b101  ", 0), ("12", 37), ("12", 1)]:
    emit("parse", base, text(s), outcome(lambda: int(s, base), h))
for s, base in [(b" 12 ", 10), (b"-0x1F", 16), (b"\xff", 10), (b"1\x00", 10), (b"x" * 300, 10),
                (b"1_000", 0), (b"", 10)]:
    emit("parseb", base, pack(s.hex()) or "-", outcome(lambda: int(s, base), h))

with open("long_cases.txt", "w") as f:
    f.write("# Generated by gen_long_cases.py from CPython %s; do not edit.\n" % sys.version.split()[0])
    f.write("\n".join(out) + "\n")

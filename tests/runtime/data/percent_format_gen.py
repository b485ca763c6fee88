#!/usr/bin/env python3
"""Writes percent_format_cases.txt: what CPython 3.11 gives for `format % args` with a str or a
bytes format (printf-style formatting), for conversions built from every part of the grammar
"%" ["(" key ")"] flags [width | "*"] ["." (precision | "*")] [h|l|L] type, drawn with a fixed
seed over a set of values, plus the edge cases listed below (percent_format_test.cpp reads it).

Rows, tab-separated: repr(format), repr(args), then "=" repr(result) or "!Type: message".

Usage: percent_format_gen.py > percent_format_cases.txt
"""
import random
import sys

assert sys.version_info[:2] == (3, 11), "expected values come from CPython 3.11"

TYPES = list("diouxXeEfFgGcrsa") + ["%", "y", "b"]
FLAGS = ["", "", "-", "0", "+", " ", "#", "-0", "+0", "#0", "- ", "+ ", "#-", "0#+", "-#0 +"]
WIDTHS = ["", "", "1", "5", "12", "*"]
PRECISIONS = ["", "", ".0", ".2", ".5", ".*", ".", ".12"]
LENGTHS = ["", "", "", "h", "l", "L"]
VALUES = [0, 7, -7, 42, 255, -255, 65, 2**70, -2**40, 0x110000, True, False, 3.0, -2.5,
          1e100, 0.000123, 123456.789, float("inf"), float("-inf"), float("nan"), -0.0,
          "a", "abc", "h\u00e9llo", "\u20ac", "", None, [1, 2], {"k": 1}, b"x", b"bytes"]
BYTES_VALUES = [0, 7, -7, 255, 256, -1, 2**70, True, 3.0, -2.5, 1e100, float("nan"),
                b"", b"a", b"abc", b"\xff\x00", "s", None, [1]]

EDGES_STR = [
    ("%s", ()), ("%s %s", (1,)), ("%s", (1, 2)), ("abc", ()), ("abc", 5), ("abc", [1]),
    ("abc", {"a": 1}), ("abc", "x"), ("abc", b"x"), ("%s", "x"), ("%s", [1, 2]),
    ("%s", {"a": 1}), ("%(a)s", {"a": 1}), ("%(a)s %(b)r", {"a": 1, "b": "two"}),
    ("%(a)s %s", {"a": 1}), ("%(a)s", (1,)), ("%(a)s", [1]), ("%(a", {"a": 1}),
    ("%(a(b))s", {"a(b)": 3}), ("%(a)s", {}), ("%()s", {"": 5}), ("%(a)-5d|", {"a": 3}),
    ("%(a)*d", {"a": 3}), ("%", ()), ("ab%", ()), ("%5", (1,)), ("%.", (1,)),
    ("%-", (1,)), ("%%", ()), ("%%%s%%", (1,)), ("%5%", ()), ("%5%", (1,)), ("%y", 1),
    ("%\u00e9", 1), ("%\x00", 1), ("%\n", 1), ("a%~b", 1), ("%*d", (5,)), ("%*d", ("x", 5)),
    ("%.*f", (1.5, 2.0)), ("%*.*f", (8, 2, 3.14159)), ("%*s|", (-4, "a")),
    ("%.*s", (-3, "abc")), ("%c", "ab"), ("%c", ""), ("%c", 1.5), ("%c", -1),
    ("%c", 0x110000), ("%c", 2**80), ("%c", 0x1F600), ("%c", None), ("%d", "x"),
    ("%x", 1.5), ("%o", "x"), ("%d", None), ("%f", "x"), ("%f", None), ("%e", [1]),
    ("%d", float("nan")), ("%d", float("inf")), ("%i", 3.99), ("%x", True), ("%d", 10**30),
    ("%s", 10**30), ("%.3s", 10**30), ("%r", "it's"), ("%a", "\u20ac\U0001F600"),
    ("%r", "\U0001F600"), ("%5r", "x"), ("%s and %r", ("a", "a")),
    ("%10.4f|%-10.2e|%+g", (3.14159265, 12345.678, 0.5)), ("%#x %#X %#o", (255, 255, 8)),
    ("%#.3x", 1), ("%#08x", -255), ("%-#8o|", 8), ("% 08.3f", -1.5), ("%+.0f", 0.5),
    ("%.0f", 1.5), ("%.0f", 2.5), ("%#.0f", 2.0), ("%g", 1e-5), ("%G", 1e20), ("%#g", 1.0),
    ("%.20g", 0.1), ("%.100f", 1.0), ("%.3d", -5), ("%08.3d", 5), ("%-08d|", 5),
    ("%ld %hd %Ld", (1, 2, 3)), ("%lls", 1), ("%s", ("\u20ac" * 3,)),
    ("\u20ac%s\U0001F600", ("x",)), ("%s", ("\U0001F600",)), ("%5s|", "\u00e9"),
    ("%99999999999999999999d", 1), ("%.99999999999999999999d", 1), ("%.2147483647d", 1),
]

EDGES_BYTES = [
    (b"%s", ()), (b"%s %s", (b"a",)), (b"%s", (b"a", b"b")), (b"abc", ()), (b"abc", 5),
    (b"abc", [1]), (b"abc", {"a": 1}), (b"abc", "x"), (b"abc", b"x"), (b"%s", b"x"),
    (b"%s", "x"), (b"%b", "x"), (b"%s", 5), (b"%r", "x"), (b"%a", "\u20ac"), (b"%r", b"x"),
    (b"%(a)s", {b"a": b"1"}), (b"%(a)s", {"a": b"1"}), (b"%(a)d", {b"a": 3}),
    (b"%(a", {b"a": 1}), (b"%", ()), (b"%%", ()), (b"%y", 1), (b"%\xe9", 1), (b"%c", 65),
    (b"%c", 256), (b"%c", -1), (b"%c", b"ab"), (b"%c", b"z"), (b"%c", "z"), (b"%c", 1.5),
    (b"%d", b"x"), (b"%x", 1.5), (b"%5.2f|%-6d|%+x", (3.14159, 42, 255)),
    (b"%s", b"\x80\xff"), (b"%.2s", b"abcdef"), (b"%5b|", b"ab"),
    (b"%-5b|", b"ab"), (b"%10.3a", "\u20acuro"), (b"%#x", 255), (b"%08.3f", -1.5),
    (b"\xff%s\x00", b"\x01"), (b"%u", 3), (b"%i", True), (b"%e", 1e300),
]


def outcome(fmt, args):
    try:
        return "=" + repr(fmt % args)
    except Exception as e:  # noqa: BLE001 - every exception is data here
        return "!" + type(e).__name__ + ": " + str(e)


def random_case(rng, values, as_bytes):
    parts, args = [], []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        width, prec = rng.choice(WIDTHS), rng.choice(PRECISIONS)
        spec = "%" + rng.choice(FLAGS) + width + prec + rng.choice(LENGTHS) + rng.choice(TYPES)
        if width == "*":
            args.append(rng.choice([6, -6, 0]))
        if prec == ".*":
            args.append(rng.choice([3, 0, -2]))
        if not spec.endswith("%"):
            args.append(rng.choice(values))
        parts.append(spec)
        parts.append(rng.choice(["", "|", " x "]))
    fmt = "".join(parts)
    if as_bytes:
        fmt = fmt.encode("ascii")
    if len(args) == 1 and not isinstance(args[0], (tuple, dict, list)) and rng.random() < 0.5:
        return fmt, args[0]
    return fmt, tuple(args)


def main():
    rng = random.Random(20261207)
    cases = list(EDGES_STR) + list(EDGES_BYTES)
    # Every conversion with every flag set on a few values, no width or precision.
    for t in TYPES:
        for flags in FLAGS[1:]:
            for v in (7, -7, 2.5, "ab"):
                cases.append(("%" + flags + "8" + t, (v,)))
                cases.append(("%" + flags + ".3" + t, (v,)))
    for _ in range(6000):
        cases.append(random_case(rng, VALUES, False))
    for _ in range(2500):
        cases.append(random_case(rng, BYTES_VALUES, True))
    print(__doc__.strip().replace("\n", "\n# ").join(["# ", ""]))
    for fmt, args in cases:
        print("\t".join([repr(fmt), repr(args), outcome(fmt, args)]))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes format_spec_cases.txt: what CPython 3.11's int.__format__, float.__format__ and
str.__format__ give (format(value, spec)) for specs built from every part of the mini-language
([[fill]align][sign][z][#][0][width][,|_][.precision][type]), drawn with a fixed seed, plus the
edge cases listed below (format_spec_test.cpp reads it).

Rows, tab-separated: kind (int, float, str), the value (int: decimal; float: repr; str: its
UTF-8 bytes in hex), the spec (UTF-8 in hex, empty for ""), then repr(result) or
"ExceptionType: message".

Usage: format_spec_gen.py > format_spec_cases.txt
"""
import random

INTS = [0, 5, -5, 65, 1234, -1234567, 255, 2**70, -2**64, 0x10FFFF, 0x110000]
FLOATS = [0.0, -0.0, 1.5, -1.5, 0.5, 2.675, 1234567.891, 1e-5, 1e16, 1e300, -1e-300,
          123456789.0, float("inf"), float("-inf"), float("nan")]
STRS = ["", "abc", "h\u00e9llo", "\u20acuro", "\U0001F600x", "a longer text"]
INT_TYPES = ["", "b", "c", "d", "o", "x", "X", "n", "e", "E", "f", "F", "g", "G", "%", "s", "q"]
FLOAT_TYPES = ["", "e", "E", "f", "F", "g", "G", "n", "%", "d", "x", "c", "s"]
STR_TYPES = ["", "s", "d", "r"]

ALIGNS = ["", "<", ">", "^", "=", "*<", "*>", "*^", "*=", "\u00e9^", "0>", "<<"]
SIGNS = ["", "+", "-", " "]
WIDTHS = ["", "1", "8", "12", "25"]
GROUPS = ["", ",", "_"]
PRECISIONS = ["", ".0", ".1", ".3", ".10", ".17"]

EDGES = {
    "int": ["z", ".2", "+c", "#c", ",,", ",_", "_,", ",n", ",s", ",c", "_x", "_b", ",x", "xx",
            "08,", "09,", "06,", "_x", "#_x", "#X", "#o", "#b", "+#x", "^8", "=+8", "08",
            "<08", "5", "d", "E", "e", "%", ".2x", "\u00e9^7", "99999999999999999999", "010,",
            "=10c", "0=10c", "#_o", "#010_b", "-010,", " 012,"],
    "float": [".", "99999999999999999999", ".99999999999999999999", ".9999999999",
              ".2147483648", "c", ".2ff", "010", "010,", "+,", "012,.2f", ",", "z", "z.2f", "%",
              "z.0%", "#", "10", ".3", "n", "+", " ", "f", "#.0f", ".0e", "G", "F", "E", "_",
              "_.2e", "=10", "#g", "#.3", "%.1", ".2\u00e9", "z,.1f", "016_.3e", "\x00"],
    "str": ["+", "z", "#", "=", ",", "d", ".", "ss", "x<10.2", "^8", "010", ".0", ".2", "<",
            "\u00e9^9", ".99999999999999999999", "_"],
}


def outcome(value, spec):
    try:
        return repr(format(value, spec))
    except Exception as e:  # noqa: BLE001 - the error is the expected value here
        return type(e).__name__ + ": " + str(e)


def value_field(kind, value):
    if kind == "int":
        return str(value)
    if kind == "float":
        return repr(value)
    return value.encode("utf-8").hex()


def random_spec(rng, types):
    parts = [rng.choice(ALIGNS), rng.choice(SIGNS), rng.choice(["", "", "z"]),
             rng.choice(["", "#"]), rng.choice(["", "", "0"]), rng.choice(WIDTHS),
             rng.choice(GROUPS), rng.choice(PRECISIONS), rng.choice(types)]
    return "".join(parts)


def main():
    rng = random.Random(20261207)
    rows = []
    for kind, values, types, count in (("int", INTS, INT_TYPES, 1500),
                                       ("float", FLOATS, FLOAT_TYPES, 1500),
                                       ("str", STRS, STR_TYPES, 600)):
        for value in values:
            for spec in EDGES[kind]:
                rows.append((kind, value, spec))
        for _ in range(count):
            rows.append((kind, rng.choice(values), random_spec(rng, types)))
    print(__doc__.strip().replace("\n", "\n# ").join(["# ", ""]))
    for kind, value, spec in rows:
        print("\t".join([kind, value_field(kind, value), spec.encode("utf-8").hex(),
                         outcome(value, spec)]))


main()

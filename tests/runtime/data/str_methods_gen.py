#!/usr/bin/env python3
"""Writes str_methods_cases.txt: what CPython 3.11 gives for calls of str's and bytes' methods
(str.format and format_map with fields drawn from every part of the replacement-field grammar,
the case, padding, splitting, translating and encoding methods, and bytes' mirrors of them),
for str_methods_test.cpp.

Rows, tab-separated: repr(receiver), method name, repr(args tuple), repr(kwargs dict), then
"=" repr(result) or "!Type: message".

Usage: str_methods_gen.py > str_methods_cases.txt
"""
import random
import sys

assert sys.version_info[:2] == (3, 11), "expected values come from CPython 3.11"

rows = []


def call(receiver, name, *args, **kwargs):
    try:
        result = "=" + repr(getattr(receiver, name)(*args, **kwargs))
    except Exception as e:  # noqa: BLE001 - every exception is data here
        result = "!" + type(e).__name__ + ": " + str(e)
    rows.append((repr(receiver), name, repr(args), repr(kwargs), result))


# --- str.format / format_map ------------------------------------------------------------------
FORMAT_EDGES = [
    ("{}", (1,), {}), ("{} {}", (1,), {}), ("{0} {1} {0}", ("a", "b"), {}), ("{} {0}", (1,), {}),
    ("{0} {}", (1, 2), {}), ("{x}", (), {"x": 1}), ("{x}", (), {}), ("{0}", (), {"x": 1}),
    ("{5}", (1,), {}), ("{0.real}", (5,), {}), ("{0.imag.real}", (5,), {}), ("{0.nope}", (5,), {}),
    ("{0[1]}", ([1, 2],), {}), ("{0[k]}", ({"k": 3},), {}), ("{0[0]}", ({0: "z"},), {}),
    ("{0[-1]}", ({"-1": "m"},), {}), ("{0[9]}", ([1],), {}), ("{0[}", ([1],), {}),
    ("{0[]}", ([1],), {}), ("{0.}", (1,), {}), ("{0..real}", (1,), {}), ("{0[0]x}", ([1],), {}),
    ("{0[0].real}", ([1],), {}), ("{a.real[0]}", (), {"a": 1}), ("{[0]}", ([7],), {}),
    ("{.real}", (3,), {}), ("{", (), {}), ("}", (), {}), ("a{{b}}c", (), {}), ("{{}}", (), {}),
    ("{}}", (1,), {}), ("{{}", (1,), {}), ("x}y", (), {}), ("{0!r}", ("s",), {}),
    ("{0!s}", ("s",), {}), ("{0!a}", ("\u20ac",), {}), ("{0!x}", ("s",), {}),
    ("{0!\u20ac}", ("s",), {}), ("{0!}", ("s",), {}), ("{0!r:>5}", ("s",), {}),
    ("{0!rr}", ("s",), {}), ("{!r}", ("s",), {}), ("{0!", ("s",), {}), ("{0:", ("s",), {}),
    ("{0:>{1}}", ("s", 6), {}), ("{:>{}}", ("s", 6), {}), ("{:{}{}}", ("s", ">", 6), {}),
    ("{0:{1}{2}}", (3.14159, ".", "2f"), {}), ("{:{:{}}}", (1, 2, 3), {}),
    ("{0:{1:{2}}}", (1, 2, 3), {}), ("{:{w}.{p}f}", (3.14159,), {"w": 10, "p": 2}),
    ("{:{}}", ("s",), {}), ("{0:{a}}", ("s",), {}), ("{a{b}}", (), {"a": 1}),
    ("{0:d}", ("s",), {}), ("{0:x}", (3.5,), {}), ("{0:s}", (3,), {}), ("{0:}", (3,), {}),
    ("{0:,}", (1234567,), {}), ("{0:_x}", (2**40,), {}), ("{0:%}", (0.25,), {}),
    ("{0:c}", (65,), {}), ("{0:n}", (1234567,), {}), ("{0:>10}", (None,), {}),
    ("{0}", (None,), {}), ("{0:}", (None,), {}), ("{0:x}", (None,), {}), ("{0:}", ([1],), {}),
    ("{0:5}", ([1],), {}), ("{:*^9}", ("mid",), {}), ("{:=+8}", (-5,), {}),
    ("{00}", ("z",), {}), ("{\u0661}", ("arabic one", "x"), {}), ("{99999999999999999999}", (1,), {}),
    ("{0[99999999999999999999]}", ([1],), {}), ("{ }", (), {" ": 1}), ("{!r}", (), {}),
    ("{:}", (), {}), ("plain text", (), {}), ("", (), {}), ("\u20ac{}\U0001F600", ("x",), {}),
    ("{0}{1}", ("\u00e9", "\U0001F600"), {}), ("{0:\u00e9^7}", ("a",), {}),
    ("{:.3}", ("abcdef",), {}), ("{:.0}", ("abc",), {}), ("{:10.3s}|", ("abcdef",), {}),
]
for template, args, kwargs in FORMAT_EDGES:
    call(template, "format", *args, **kwargs)
MAP_EDGES = [("{a} {b}", {"a": 1, "b": 2}), ("{a}", {}), ("{}", {"a": 1}), ("{0}", {"0": 1}),
             ("{a[0]}", {"a": "xyz"}), ("{a.real:>4}", {"a": 3}), ("x", 5), ("{a}", 5),
             ("{a}", [1]), ("{a:{b}}", {"a": 1, "b": "03"})]
for template, mapping in MAP_EDGES:
    call(template, "format_map", mapping)
call("{}", "format_map")
call("{}", "format_map", {}, {})

rng = random.Random(20261207)
VALUES = [0, -7, 42, 2**70, 3.14159, -0.5, 1e20, "abc", "", "\u00e9t\u00e9", True, None,
          [1, 2], {"k": "v"}]
SPECS = ["", ">8", "<8", "^9", "*^9", "08", "+", " ", ",", "_", ".2", ".3f", "e", "x", "#x",
         "b", "o", "%", "s", "r", "c", "10.4", "=10", "-^10", "{}", ">{}", "{}{}"]
for _ in range(1500):
    parts, args, kwargs = [], [], {}
    style = rng.choice(["auto", "manual", "keyword", "mixed"])
    for i in range(rng.randint(1, 3)):
        value = rng.choice(VALUES)
        if style == "auto":
            name = ""
        elif style == "manual":
            name = str(i)
        elif style == "keyword":
            name = "k" + str(i)
        else:
            name = rng.choice(["", "0", "k0"])
        if name.startswith("k"):
            kwargs[name] = value
        else:
            args.append(value)
        accessor = rng.choice(["", "", "", ".real", "[0]", "[k]"])
        conversion = rng.choice(["", "", "", "!r", "!s", "!a"])
        spec = rng.choice(SPECS)
        nested = spec.count("{}")
        for _ in range(nested):
            args.append(rng.choice([5, 10, ">", "x", ".1"]))
        parts.append(rng.choice(["", "-", "{{", "}}", " and "]))
        parts.append("{" + name + accessor + conversion + (":" + spec if spec else "") + "}")
    call("".join(parts), "format", *args, **kwargs)

# --- str methods -----------------------------------------------------------------------------
WORDS = ["", "a", "hello world", "Hello World", "HELLO", "hELLO wORLD", "they're bill's",
         "\u03a3\u0391\u03a3", "\u039f\u0394\u039f\u03a3 \u03a3", "stra\u00dfe", "\u01c5ungla",
         "\u0130stanbul", "\ufb01ne \ufb02ow", "1st 2nd", "a1b2", "\u1f80\u1f88", "_id", "x y",
         "\u2160\u2161", "\u00e9cole", "tab\there", "\t\t", "a\tbc\tdef\n\tx", "\U0001F600 smile",
         "mIxEd CaSe", "\u0345", "\u1e9e", "Abc.Def", "o'neil", "  spaced  "]
for w in WORDS:
    for name in ["capitalize", "casefold", "title", "istitle", "swapcase", "isidentifier",
                 "lower", "upper", "isprintable", "isalnum", "islower", "isupper", "expandtabs",
                 "splitlines"]:
        call(w, name)
    call(w, "expandtabs", 3)
    call(w, "expandtabs", tabsize=0)
    call(w, "center", 13, "*")
    call(w, "ljust", 12)
    call(w, "rjust", 12, "\u00e9")
    call(w, "zfill", 12)
    call(w, "partition", "l")
    call(w, "rpartition", "l")
    call(w, "removeprefix", "he")
    call(w, "removesuffix", "ld")
    call(w, "count", "l", 1, -1)
    call(w, "index", "l", 2)
    call(w, "rindex", "o", 0, 8)
    call(w, "translate", {ord("l"): "L", ord("o"): None, ord("e"): 0x20AC})
    call(w, "encode")
    call(w, "encode", "ascii", "replace")
    call(w, "encode", "latin-1", "xmlcharrefreplace")
    call(w, "encode", "ascii", "backslashreplace")
    call(w, "encode", "ascii", "ignore")
for width in [-1, 0, 1, 2, 3, 4, 5, 6, 7, 8]:
    for s in ["", "a", "ab", "abc", "+1", "-12", "+", "x-"]:
        call(s, "center", width)
        call(s, "zfill", width)
ODD = [("center", ("x",)), ("center", (5, 1)), ("center", (5, "ab")), ("center", ()),
       ("center", (1, 2, 3)), ("zfill", ("x",)), ("partition", (1,)), ("partition", ("",)),
       ("rpartition", ("",)), ("splitlines", ("x",)), ("removeprefix", (1,)),
       ("removesuffix", (None,)), ("expandtabs", ("x",)), ("expandtabs", (2.0,)),
       ("translate", ({97: 1.5},)), ("translate", ({97: -1},)), ("translate", ({97: 2**70},)),
       ("translate", (5,)), ("translate", ([None] * 120,)), ("translate", ("xyz",)),
       ("center", (2**70,)), ("ljust", (-3,)), ("translate", ()), ("partition", ()),
       ("encode", ("utf-8", "strict")), ("encode", ("nope",)), ("encode", ("ascii", "nope")),
       ("encode", ("ascii",)), ("encode", ("latin-1",)), ("encode", (1,)),
       ("index", ("zz",)), ("rindex", ("zz",)), ("count", ("",)), ("count", ("", 2, 1))]
for name, args in ODD:
    call("ab\u20acc", name, *args)
    call("abc\nd", name, *args)
call("a\x1cb\x1dc\x1ed\x85e\u2028f\u2029g\x0bh\x0ci\rj\r\n", "splitlines")
call("a\x1cb\x1dc\x1ed\x85e\u2028f\u2029g\x0bh\x0ci\rj\r\n", "splitlines", keepends=True)
call("a\nb", "splitlines", keepends=2)
for args in [({"a": "b", 98: None},), ({"ab": 1},), ({1.5: 1},), (1,), ("ab", "xy"),
             ("ab", "xyz"), ("ab", "xy", "c"), (1, "a"), ("a", 1), ("a", "b", 1), (),
             ({},), ("", ""), ({"\u20ac": "E"},)]:
    call(str, "maketrans", *args)
call("abc", "__getnewargs__")
for s in ["", "ab", "\u00e9", "\u20ac", "\U0001F600", "a" * 100]:
    call(s, "__sizeof__")

# --- bytes methods ---------------------------------------------------------------------------
BWORDS = [b"", b"a", b"hello world", b"Hello World", b"HELLO", b"they're", b"a1b2", b"tab\there",
          b"  spaced  ", b"\xff\x00x", b"x\ny\r\nz\rw", b"-12", b"abc", b"ABC def", b"0123"]
for w in BWORDS:
    for name in ["capitalize", "title", "istitle", "swapcase", "lower", "upper", "isalnum",
                 "isalpha", "isascii", "isdigit", "islower", "isspace", "isupper",
                 "expandtabs", "splitlines", "split", "rsplit", "strip", "lstrip", "rstrip",
                 "hex", "__getnewargs__", "__bytes__"]:
        call(w, name)
    call(w, "center", 13, b"*")
    call(w, "ljust", 12)
    call(w, "rjust", 12, b"-")
    call(w, "zfill", 8)
    call(w, "partition", b"l")
    call(w, "rpartition", b"l")
    call(w, "removeprefix", b"he")
    call(w, "removesuffix", b"ld")
    call(w, "split", b"l")
    call(w, "split", b"l", 1)
    call(w, "rsplit", b"l", maxsplit=1)
    call(w, "split", None, 1)
    call(w, "strip", b"ha")
    call(w, "replace", b"l", b"LL")
    call(w, "replace", b"", b"-", 3)
    call(w, "startswith", (b"he", b"x"))
    call(w, "endswith", b"d", 2)
    call(w, "index", b"l")
    call(w, "rindex", 108)
    call(w, "count", b"l")
    call(w, "find", b"o", 1, -1)
    call(w, "translate", bytes.maketrans(b"lo", b"01"))
    call(w, "translate", None, b"l")
    call(w, "translate", bytes.maketrans(b"lo", b"01"), delete=b"h")
    call(w, "decode")
    call(w, "decode", "ascii", "replace")
    call(w, "decode", "latin-1")
    call(w, "decode", "ascii", "backslashreplace")
    call(w, "decode", "utf-8", "surrogateescape")
    call(w, "hex", ":", 2)
    call(w, "splitlines", True)
    call(w, "expandtabs", 4)
for args in [([b"a", b"b", b"c"],), ([],), ([b"a", "b"],), ([b"a", 1],), ((b"x",),), (b"ab",),
             (5,)]:
    call(b", ", "join", *args)
for args in [("",), ("00ff 10",), ("0",), ("zz",), (" 01 02 ",), ("0g",), (b"00",), (1,),
             ("\u20ac",), ("1 2",)]:
    call(bytes, "fromhex", *args)
for args in [(b"ab", b"xy"), (b"ab", b"xyz"), ("ab", "xy"), (b"a",)]:
    call(bytes, "maketrans", *args)
BODD = [("center", (5, "*")), ("center", (5, b"ab")), ("partition", ("l",)),
        ("partition", (b"",)), ("split", (b"",)), ("split", ("l",)), ("strip", ("x",)),
        ("replace", ("a", "b")), ("removeprefix", ("a",)), ("translate", (b"short",)),
        ("translate", (5,)), ("index", (b"zz",)), ("rindex", (300,)), ("join", (5,)),
        ("zfill", ("x",)), ("expandtabs", ("x",)), ("decode", ("nope",)), ("hex", ("ab",)),
        ("startswith", ("a",)), ("count", (b"",))]
for name, args in BODD:
    call(b"hello", name, *args)

print(__doc__.strip().replace("\n", "\n# ").join(["# ", ""]))
for row in rows:
    print("\t".join(row))

#!/usr/bin/env python3
"""Expected values for the abstract-layer tests (abstract, getargs, buildvalue), from CPython 3.11.

Run with python3 (3.11) from this directory; it rewrites the files below. One case per line,
fields separated by TABs (Python literals contain spaces), '#' lines are comments. An expected
value is "=<repr of the result>" or "!<ExceptionType>: <message>".

  abstract_ops.txt       op  left  right  expected
                         PyNumber_<op>(left, right) for every pair of the operands below and
                         every binary and in-place operator ("-" as right for unary ones).
  getargs_cases.txt      format  kwlist  args  kwargs  expected
                         PyArg_ParseTuple(args, format, ...) when kwlist is "-", else
                         PyArg_ParseTupleAndKeywords(args, kwargs, format, kwlist, ...) with
                         kwargs None meaning NULL; each unit gets a pointer to a zeroed
                         8-byte slot. Expected is "ok" or the exception. Called through ctypes.
  buildvalue_cases.txt   name  expected
                         Py_BuildValue calls named in buildvalue_test.cpp, made here with the
                         same format and C arguments through ctypes.
"""
import ctypes
import operator
import sys

assert sys.version_info[:2] == (3, 11), "expected values come from CPython 3.11"


def outcome(fn):
    try:
        return "=" + repr(fn())
    except Exception as e:  # noqa: BLE001 - every exception is data here
        return "!%s: %s" % (type(e).__name__, e)


# --- abstract_ops.txt ---------------------------------------------------------------------------

OPERANDS = ["7", "-3", "0", "123456789012345678901234567890", "2.5", "-0.0", "True",
            "'ab'", "''", "[1, 2]", "(3,)", "b'xy'", "{1: 2}", "{1, 2}", "None"]

BINARY = {
    "Add": operator.add, "Subtract": operator.sub, "Multiply": operator.mul,
    "TrueDivide": operator.truediv, "FloorDivide": operator.floordiv, "Remainder": operator.mod,
    "Divmod": divmod, "Power": pow, "Lshift": operator.lshift, "Rshift": operator.rshift,
    "And": operator.and_, "Or": operator.or_, "Xor": operator.xor,
    "MatrixMultiply": operator.matmul,
}
INPLACE = {
    "InPlaceAdd": operator.iadd, "InPlaceSubtract": operator.isub,
    "InPlaceMultiply": operator.imul, "InPlaceTrueDivide": operator.itruediv,
    "InPlaceFloorDivide": operator.ifloordiv, "InPlaceRemainder": operator.imod,
    "InPlacePower": operator.ipow, "InPlaceLshift": operator.ilshift,
    "InPlaceRshift": operator.irshift, "InPlaceAnd": operator.iand, "InPlaceOr": operator.ior,
    "InPlaceXor": operator.ixor, "InPlaceMatrixMultiply": operator.imatmul,
}
UNARY = {"Negative": operator.neg, "Positive": operator.pos, "Invert": operator.invert,
         "Absolute": abs}


def too_costly(op, left, right):
    """Cases whose exact result is astronomically big, or a complex number (not in minipy)."""
    lv, rv = eval(left), eval(right)
    if "Power" in op:
        if isinstance(rv, int) and abs(rv) > 1000 and not isinstance(lv, (list, tuple, str, bytes)):
            return True
        if isinstance(lv, (int, float)) and lv < 0 and isinstance(rv, float):
            return True
        if isinstance(lv, (int, float)) and lv == 0 and isinstance(rv, (int, float)) and rv < 0:
            return False
    if "shift" in op and isinstance(rv, int) and rv > 1000:
        return True
    if "Multiply" in op and isinstance(lv, int) and isinstance(rv, (str, list, tuple, bytes)):
        return abs(lv) > 1000
    if "Multiply" in op and isinstance(rv, int) and isinstance(lv, (str, list, tuple, bytes)):
        return abs(rv) > 1000 and abs(rv) < 2**63
    return False


def abstract_ops():
    lines = ["# op\tleft\tright\texpected"]
    for table in (BINARY, INPLACE):
        for op, fn in table.items():
            for left in OPERANDS:
                for right in OPERANDS:
                    if too_costly(op, left, right):
                        continue
                    lines.append("\t".join(
                        [op, left, right, outcome(lambda: fn(eval(left), eval(right)))]))
    for op, fn in UNARY.items():
        for operand in OPERANDS:
            lines.append("\t".join([op, operand, "-", outcome(lambda: fn(eval(operand)))]))
    return lines


# --- getargs_cases.txt --------------------------------------------------------------------------

api = ctypes.pythonapi
SLOTS = 12


def parse_call(fmt, kwlist, args, kwargs):
    slots = [ctypes.c_longlong(0) for _ in range(SLOTS)]
    pointers = [ctypes.byref(s) for s in slots]
    try:
        if kwlist is None:
            fn = api._PyArg_ParseTuple_SizeT
            fn.restype = ctypes.c_int
            fn(ctypes.py_object(args), fmt.encode(), *pointers)
        else:
            names = (ctypes.c_char_p * (len(kwlist) + 1))(*[n.encode() for n in kwlist], None)
            fn = api._PyArg_ParseTupleAndKeywords_SizeT
            fn.restype = ctypes.c_int
            fn(ctypes.py_object(args), None if kwargs is None else ctypes.py_object(kwargs),
               fmt.encode(), names, *pointers)
        return "ok"
    except Exception as e:  # noqa: BLE001
        return "!%s: %s" % (type(e).__name__, e)


GETARGS = [
    # (format, args) for PyArg_ParseTuple
    ("ii", (1,)), ("ii", (1, 2, 3)), ("ii", (1, 2)), ("i|ii:foo", (1,)), ("i|i", ()),
    ("i|ii", (1, 2, 3, 4)), ("i|ii:foo", (1, 2, 3, 4)), ("", (1,)), (":foo", (1,)), ("", ()),
    ("i:foo", ()), ("i;custom message", (1, 2)), ("i;custom message", ("x",)),
    ("s;custom message", (1,)),
    ("i", ("x",)), ("i:foo", (1.5,)), ("i", (2**40,)), ("i", (-2**40,)), ("i", (2**100,)),
    ("b", (300,)), ("b", (-1,)), ("b", (255,)), ("B", (1.0,)), ("B", (-1,)), ("h", (40000,)),
    ("h", (-40000,)), ("H", (70000,)), ("I", (-1,)), ("l", (2**63,)), ("l", ("x",)),
    ("k", (1.0,)), ("k", (-1,)), ("K", (1.0,)), ("L", (1.0,)), ("L", (2**64,)),
    ("n", (2**70,)), ("n", ("a",)), ("n", (True,)),
    ("f", ("x",)), ("d", ("x",)), ("d", (1,)), ("d", (2**2000,)), ("d", (None,)),
    ("c", (1,)), ("c", (b"ab",)), ("c", (b"a",)), ("c", ("a",)), ("C", ("ab",)), ("C", (1,)),
    ("C", ("\u20ac",)), ("p", ("a",)), ("p", ([],)),
    ("s", (1,)), ("s:f", (1,)), ("s", (None,)), ("s", (b"ab",)), ("s", ("a\0b",)),
    ("s#", (1,)), ("s#", (b"a\0b",)), ("s#", ("a\0b",)), ("z", (1,)), ("z", (None,)),
    ("z#", (None,)), ("z#", (1,)), ("y", (1,)), ("y", ("a",)), ("y", (b"a\0b",)),
    ("y#", (b"a\0b",)), ("S", (1,)), ("S", ("x",)), ("U", (1,)), ("U", (b"x",)), ("O", (None,)),
    ("(ii)", (1,)), ("(ii)", ((1,),)), ("(ii)", ((1, 2, 3),)), ("(ii)", ((1, "a"),)),
    ("(si)", ((1, 2),)), ("(i(is))", ((1, (2, 3)),)), ("(i(is)):g", ((1, (2, 3)),)),
    ("(ii)", ([1, 2],)), ("(ii)", ("ab",)), ("(ii)", (b"ab",)), ("(ii)", (None,)),
    ("(i)", ((1, 2),)), ("i(ii)s", (1, (2, 3), 4)), ("O(ii)|i", (1, [2, 3])),
    ("i!", (1,)), ("i%", (1,)), ("i i", (1,)), ("i i", (1, 2)),
]

KEYWORDS = [
    # (format, kwlist, args, kwargs) for PyArg_ParseTupleAndKeywords
    ("i|i", ["a", "b"], (1,), None), ("i|i", ["a", "b"], (1, 2, 3), None),
    ("i|i", ["a", "b"], (), {"a": 1, "b": 2, "c": 3}), ("i|i", ["a", "b"], (), None),
    ("i|i:foo", ["a", "b"], (), None), ("i|i:foo", ["a", "b"], (), {"b": 1}),
    ("i|i:foo", ["a", "b"], (1,), {"a": 1}), ("i|i:foo", ["a", "b"], (1,), {"c": 1}),
    ("i|i", ["a", "b"], (1,), {"c": 1}), ("i|i", ["a", "b"], (), {"a": 1, "b": 2}),
    ("i|$i", ["a", "b"], (1, 2), None), ("|$ii", ["a", "b"], (1, 2), None),
    ("i$i", ["a", "b"], (1, 2), None), ("i$i", ["a", "b"], (1,), {"b": 2}),
    ("i$i", ["a", "b"], (1,), None), ("i|i", ["", "b"], (), {"a": 1}),
    ("ii|i", ["", "", "c"], (), None), ("ii|i", ["", "", "c"], (1,), None),
    ("ii|i", ["", "", "c"], (1, 2), {"c": 3}), ("ii", ["", "b"], (1,), None),
    ("is", ["a", "b"], (1,), {"b": "x"}), ("is:f", ["a", "b"], (1,), {"b": 1}),
    ("is;bad", ["a", "b"], (1,), {"b": 1}), ("i|i", ["a", "b"], (1,), {1: 1}),
    ("i|i|i", ["a", "b", "c"], (1,), None), ("ii", ["a"], (1,), None),
    ("i", ["a", "b"], (1,), None), ("i|i;custom", ["a", "b"], (1,), {"b": 2}),
    ("i|i;custom", ["a", "b"], (1, 2, 3), None), ("", [], (), {"a": 1}), ("", [], (), None),
    ("|i", ["a"], (), {}), ("i|(ii)", ["a", "b"], (1,), {"b": (1, "x")}),
    ("i|i:foo", ["a", "b"], (1,), {"b": "x"}), ("|s#z", ["a", "b"], (), {"b": None}),
    ("O|$O", ["a", "b"], (1,), {"b": 2, "c": 3}),
]


def getargs_cases():
    lines = ["# format\tkwlist\targs\tkwargs\texpected"]
    for fmt, args in GETARGS:
        lines.append("\t".join([fmt, "-", repr(args), "None", parse_call(fmt, None, args, None)]))
    for fmt, kwlist, args, kwargs in KEYWORDS:
        lines.append("\t".join([fmt, repr(kwlist), repr(args), repr(kwargs),
                                parse_call(fmt, kwlist, args, kwargs)]))
    return lines


# --- buildvalue_cases.txt -----------------------------------------------------------------------

c = ctypes
BUILD = [
    ("empty", "", ()), ("int", "i", (5,)), ("two_ints", "ii", (1, 2)),
    ("paren_one", "(i)", (1,)), ("paren_empty", "()", ()), ("list_empty", "[]", ()),
    ("dict_empty", "{}", ()), ("bad_dict", "{i}", (1,)), ("unmatched_open", "(ii", (1, 2)),
    ("unmatched_close", "ii)", (1, 2)), ("trailing_close", "i)", (1,)),
    ("mixed_brackets", "(i}", (1,)), ("bad_char", "x", ()), ("bad_char_middle", "i x i", (1, 2)),
    ("s_null", "s", (None,)), ("s_hash", "s#", (b"abc", c.c_ssize_t(2))),
    ("s_hash_null", "s#", (None, c.c_ssize_t(5))),
    ("y_hash", "y#", (b"a\0c", c.c_ssize_t(3))), ("y", "y", (b"xyz",)),
    ("z", "z", (b"hi",)), ("z_null", "z", (None,)), ("U", "U", (b"hi",)),
    ("c", "c", (65,)), ("C", "C", (0x20AC,)), ("C_out_of_range", "C", (0x110000,)),
    ("C_negative", "C", (-1,)), ("s_bad_utf8", "s", (b"\xff",)),
    ("s_utf8", "s", ("h\u00e9\u20ac\U0001F600".encode(),)),
    ("O_null", "O", (None,)), ("N_null", "N", (None,)),
    ("dict_sized", "{s:i,s:i}", (b"a", 1, b"b", 2)), ("dict_unhashable", "{[i]:i}", (1, 2)),
    ("nested", "[i,(s,z)]", (1, b"x", None)), ("d", "d", (c.c_double(1.5),)),
    ("f", "f", (c.c_double(0.1),)), ("B_negative", "B", (-1,)), ("b", "b", (200,)),
    ("h", "h", (-5,)), ("H", "H", (70000,)), ("I", "I", (-1,)),
    ("i_min", "i", (-2**31,)), ("l", "l", (c.c_long(-2**63),)),
    ("k", "k", (c.c_ulong(2**64 - 1),)), ("K", "K", (c.c_ulonglong(2**64 - 1),)),
    ("L", "L", (c.c_longlong(-2**63),)), ("n", "n", (c.c_ssize_t(-5),)),
    ("separators", ":i, i\t,i", (1, 2, 3)), ("deep", "((()))", ()),
    ("dict_of_lists", "{s:[i,i],s:()}", (b"k", 1, 2, b"e")),
    ("tuple_in_list", "[(ii)(ii)]", (1, 2, 3, 4)),
    ("unmatched_inner", "[(i]", (1,)),
]


def buildvalue_cases():
    fn = api._Py_BuildValue_SizeT
    fn.restype = ctypes.py_object
    lines = ["# name\texpected"]
    for name, fmt, args in BUILD:
        lines.append("\t".join([name, outcome(lambda: fn(fmt.encode(), *args))]))
    return lines


def write(name, lines):
    with open(name, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    write("abstract_ops.txt", abstract_ops())
    write("getargs_cases.txt", getargs_cases())
    write("buildvalue_cases.txt", buildvalue_cases())

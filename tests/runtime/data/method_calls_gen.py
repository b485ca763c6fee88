#!/usr/bin/env python3
"""Expected outcomes of calling the built-in types' methods and constructors with right and
wrong arguments, and the calling convention of each method, from CPython 3.11
(method_calls_test.cpp reads them).

Run with python3 (3.11) from any directory; it rewrites method_calls.txt and method_flags.txt
beside this script
(under PYTHONHASHSEED=0, minipy's fixed seed, so that sets of str list in the same order).
One case a line, TAB-separated:

    receiver  attribute  args  kwargs  expected  receiver-after

receiver   a Python literal, or "@name" for the built-in type of that name, or
           "@name(<tuple literal>)" for the object that calling the type with those
           arguments makes (a range, a slice);
attribute  the method looked up on the receiver (a bound method, as getattr gives it), or
           "-" to call the receiver itself;
args       a tuple literal; kwargs a dict literal or "-" for none;
expected   "=<repr of the result>" or "!<ExceptionType>: <message>";
receiver-after  repr(receiver) after the call (the methods that change their object).

method_flags.txt: "type  method  flags", the ml_flags of every method CPython's built-in types
(and their iterators and views) define, read from the method descriptors through ctypes. A
method's flags decide how it is called and so some of its messages; minipy's must be the same.

The calls go through the bound method object (getattr(receiver, name)(*args, **kwargs)), as a
C program calling PyObject_GetAttrString and PyObject_Call does; that path, not the one
Python's own method calls take, decides some messages ("find() takes no keyword arguments").

What is generated, per callable (the SPECS table): every number of positional arguments from
none to one past the most, each parameter replaced by every value of ODD_VALUES, and, where
the parameter may be given by keyword, the keyword forms (each keyword alone, all of them,
one given twice, an unknown one, too many). EXTRA_CASES adds calls chosen for what they test.
"""
import builtins
import ctypes
import os
import sys
import types

assert sys.version_info[:2] == (3, 11), "expected values come from CPython 3.11"
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

HERE = os.path.dirname(os.path.abspath(__file__))

# Values every parameter is tried with: wrong types, None, bounds of the C integer types.
ODD_VALUES = ["None", "1.5", "'x'", "b'x'", "[]", "-1", "0", "100000000000000000000000",
              "9223372036854775808", "'utf-8\\x00x'"]


def receiver_value(text):
    if text.startswith("@"):
        name, _, rest = text[1:].partition("(")
        kind = getattr(builtins, name)
        return kind(*literal("(" + rest)) if rest else kind
    return literal(text)


def literal(text):
    """The value of a literal as the C++ test's parser reads it (nan and inf are floats)."""
    return eval(text, {"nan": float("nan"), "inf": float("inf")})


def outcome(fn):
    try:
        return "=" + repr(fn())
    except Exception as e:  # noqa: BLE001 - every exception is data here
        return "!%s: %s" % (type(e).__name__, e)


def call_line(receiver, attribute, args, kwargs):
    target = receiver_value(receiver)
    fn = target if attribute == "-" else getattr(target, attribute)
    args_value = literal(args)
    kwargs_value = literal(kwargs) if kwargs != "-" else {}
    result = outcome(lambda: fn(*args_value, **kwargs_value))
    return "\t".join([receiver, attribute, args, kwargs, result, repr(target)])


def tuple_text(items):
    if len(items) == 1:
        return "(" + items[0] + ",)"
    return "(" + ", ".join(items) + ")"


def dict_text(pairs):
    return "{" + ", ".join("'%s': %s" % (k, v) for k, v in pairs) + "}"


# receiver, attribute, [(parameter name or None if positional-only, a good value)...],
# keyword_only: how many of the last parameters are keyword-only[, the odd values to try].
# Sets are not tried with None: hash(None) is its address in CPython 3.11, so a set holding
# it lists it in an order no other implementation need share.
ODD_VALUES_HASHABLE_BY_VALUE = [v for v in ODD_VALUES if v != "None"]
SPECS = [
    # str
    ("'a,b,,c'", "split", [("sep", "','"), ("maxsplit", "1")], 0),
    ("' a b  c '", "rsplit", [("sep", "None"), ("maxsplit", "1")], 0),
    ("'abc'", "encode", [("encoding", "'latin-1'"), ("errors", "'strict'")], 0),
    ("'xabcx'", "strip", [(None, "'x'")], 0),
    ("'xabcx'", "lstrip", [(None, "'x'")], 0),
    ("'xabcx'", "rstrip", [(None, "'x'")], 0),
    ("'abcabc'", "replace", [(None, "'b'"), (None, "'X'"), (None, "1")], 0),
    ("'abcabc'", "find", [(None, "'c'"), (None, "1"), (None, "5")], 0),
    ("'abcabc'", "rfind", [(None, "'c'"), (None, "1"), (None, "5")], 0),
    ("'abcabc'", "index", [(None, "'c'"), (None, "1"), (None, "5")], 0),
    ("'abcabc'", "rindex", [(None, "'c'"), (None, "1"), (None, "5")], 0),
    ("'abcabc'", "count", [(None, "'c'"), (None, "1"), (None, "5")], 0),
    ("'abcabc'", "startswith", [(None, "'bc'"), (None, "1"), (None, "5")], 0),
    ("'abcabc'", "endswith", [(None, "'bc'"), (None, "1"), (None, "5")], 0),
    ("'-'", "join", [(None, "['a', 'b']")], 0),
    ("'abc'", "upper", [], 0),
    ("'abc'", "isdigit", [], 0),
    # bytes
    ("b'abc'", "decode", [("encoding", "'latin-1'"), ("errors", "'strict'")], 0),
    ("b'abcd'", "hex", [("sep", "':'"), ("bytes_per_sep", "2")], 0),
    ("b'abcabc'", "find", [(None, "b'c'"), (None, "1"), (None, "5")], 0),
    ("b'abcabc'", "rfind", [(None, "b'c'"), (None, "1"), (None, "5")], 0),
    ("b'abcabc'", "count", [(None, "b'c'"), (None, "1"), (None, "5")], 0),
    ("b'abcabc'", "startswith", [(None, "b'bc'"), (None, "1"), (None, "5")], 0),
    ("b'abcabc'", "endswith", [(None, "b'bc'"), (None, "1"), (None, "5")], 0),
    # int
    ("5", "to_bytes", [("length", "2"), ("byteorder", "'little'"), ("signed", "True")], 1),
    ("@int", "from_bytes", [("bytes", "b'\\x01\\x02'"), ("byteorder", "'little'"),
                            ("signed", "True")], 1),
    ("1234", "__round__", [(None, "-2")], 0),
    ("5", "bit_length", [], 0),
    # float
    ("2.675", "__round__", [(None, "2")], 0),
    ("@float", "fromhex", [(None, "'0x1p3'")], 0),
    ("1.5", "hex", [], 0),
    # tuple and list
    ("(1, 2, 3, 2)", "index", [(None, "2"), (None, "2"), (None, "4")], 0),
    ("(1, 2, 3, 2)", "count", [(None, "2")], 0),
    ("[1, 2, 3, 2]", "index", [(None, "2"), (None, "2"), (None, "4")], 0),
    ("[1, 2, 3, 2]", "insert", [(None, "1"), (None, "'x'")], 0),
    ("[1, 2, 3, 2]", "pop", [(None, "1")], 0),
    ("[1, 2, 3, 2]", "append", [(None, "'x'")], 0),
    ("[3, 1, 2]", "sort", [("key", "None"), ("reverse", "True")], 2),
    ("[1, 2, 3, 2]", "reverse", [], 0),
    # dict and set
    ("{'a': 1}", "get", [(None, "'a'"), (None, "0")], 0),
    ("{'a': 1}", "pop", [(None, "'a'"), (None, "0")], 0),
    ("{'a': 1}", "setdefault", [(None, "'b'"), (None, "0")], 0),
    ("@dict", "fromkeys", [(None, "'ab'"), (None, "0")], 0),
    ("{'a': 1}", "update", [(None, "{'b': 2}")], 0),
    ("{1, 2}", "add", [(None, "3")], 0, ODD_VALUES_HASHABLE_BY_VALUE),
    ("{1, 2}", "union", [(None, "[3]"), (None, "[4]")], 0, ODD_VALUES_HASHABLE_BY_VALUE),
    # range and slice
    ("@range(1, 10, 2)", "count", [(None, "3")], 0),
    ("@range(1, 10, 2)", "index", [(None, "3")], 0),
    ("@range(1, 10, 2)", "__reduce__", [], 0),
    ("@slice(1, 10, 2)", "indices", [(None, "5")], 0),
    # the constructors
    ("@int", "-", [(None, "'12'"), ("base", "16")], 0),
    ("@float", "-", [(None, "'1.5'")], 0),
    ("@str", "-", [("object", "b'abc'"), ("encoding", "'latin-1'"), ("errors", "'strict'")], 0),
    ("@bytes", "-", [("source", "'abc'"), ("encoding", "'latin-1'"), ("errors", "'strict'")],
     0),
    ("@tuple", "-", [(None, "[1, 2]")], 0),
    ("@list", "-", [(None, "(1, 2)")], 0),
    ("@range", "-", [(None, "1"), (None, "10"), (None, "3")], 0),
    ("@slice", "-", [(None, "1"), (None, "10"), (None, "3")], 0),
    ("@set", "-", [(None, "[1, 2]")], 0, ODD_VALUES_HASHABLE_BY_VALUE),
    ("@frozenset", "-", [(None, "[1, 2]")], 0, ODD_VALUES_HASHABLE_BY_VALUE),
]

# Calls chosen for one behaviour each.
EXTRA_CASES = [
    ("'abc'", "encode", "('utf-8\\x00x',)", "-"),
    ("'abc'", "encode", "()", "{'errors': 'strict\\x00'}"),
    ("'abc'", "encode", "(None,)", "-"),
    ("'abc'", "encode", "()", "{'x': 1}"),
    ("'abc'", "split", "('a', 'b')", "{'x': 1}"),
    ("'abc'", "split", "(None, 100000000000000000000000)", "-"),
    ("'abc'", "rsplit", "(None, 100000000000000000000000)", "-"),
    ("'abc'", "replace", "('a', 'b', 100000000000000000000000)", "-"),
    ("'a b'", "split", "(None, -7)", "-"),
    ("b''", "decode", "('bogus',)", "-"),
    ("b'ab'", "decode", "('bogus',)", "-"),
    ("b'ab'", "decode", "('utf-8\\x00x',)", "-"),
    ("b'ab'", "decode", "('utf-8', 'strict\\x00')", "-"),
    ("b'ab'", "hex", "(':',)", "-"),
    ("b'abcde'", "hex", "(':', -2)", "-"),
    ("b'abcde'", "hex", "(b'-', 3)", "-"),
    ("b'abcde'", "hex", "(':', 0)", "-"),
    ("b'abcde'", "hex", "(':', 5)", "-"),
    ("b'abcde'", "hex", "(':', -4)", "-"),
    ("b''", "hex", "(':', 2)", "-"),
    ("b'ab'", "hex", "('',)", "-"),
    ("b'ab'", "hex", "('ab',)", "-"),
    ("b'ab'", "hex", "('\\xe9',)", "-"),
    ("b'ab'", "hex", "(b'\\xff',)", "-"),
    ("b'ab'", "hex", "(5,)", "-"),
    ("b'ab'", "hex", "([1],)", "-"),
    ("b'ab'", "hex", "(':', 2147483648)", "-"),
    ("b'ab'", "count", "('a',)", "-"),
    ("b'ab'", "find", "('a',)", "-"),
    ("b'ab'", "rfind", "(300,)", "-"),
    ("b'ab'", "count", "(98,)", "-"),
    ("b'ab'", "startswith", "([], 'abc')", "-"),
    ("b'ab'", "startswith", "(b'', 5)", "-"),
    ("b'ab'", "endswith", "(b'', 5)", "-"),
    ("b'ab'", "startswith", "((b'x', 'a'),)", "-"),
    ("'ab'", "startswith", "(('x', b'a'),)", "-"),
    ("'ab'", "startswith", "('', 5)", "-"),
    ("5", "__round__", "(None,)", "-"),
    ("5", "__round__", "(-1,)", "-"),
    ("15", "__round__", "(-1,)", "-"),
    ("25", "__round__", "(-1,)", "-"),
    ("5", "to_bytes", "(-1, 1)", "-"),
    ("5", "to_bytes", "(1, 'big', False)", "{'length': 1}"),
    ("5", "to_bytes", "(-1,)", "-"),
    ("@int", "from_bytes", "()", "{'end': 1}"),
    ("@int", "from_bytes", "(b'\\x01', 'middle')", "-"),
    ("[]", "sort", "('a', 1)", "{'k': 1}"),
    ("[2, 1]", "sort", "()", "{'reverse': 2147483648}"),
    ("[2, 1]", "sort", "()", "{'reverse': 1.0}"),
    ("[2.0, 1, ()]", "sort", "()", "-"),
    ("[2.0, 1.0, nan, 0.5, 3.0]", "sort", "()", "-"),
    ("[3, 1, 2]", "sort", "()", "{'key': None}"),
    ("@range(3,)", "__reduce__", "(1,)", "-"),
    ("@range(3,)", "__reduce__", "()", "{'x': 1}"),
    ("(1, 2)", "__getnewargs__", "()", "-"),
    ("{}", "pop", "([],)", "-"),
    ("{}", "pop", "([], 1)", "-"),
    ("{1: 2}", "pop", "([],)", "-"),
    ("[2, 1]", "sort", "()", "{'key': None, 'reverse': 1}"),
    ("[1, 2]", "append", "()", "{'x': 1}"),
    ("'abc'", "upper", "()", "{'x': 1}"),
    ("'abc'", "find", "('a',)", "{'x': 1}"),
    ("@bytes", "-", "('x', 'utf-8\\x00x')", "-"),
    ("@bytes", "-", "('x', 'utf-8', 'strict\\x00')", "-"),
    ("@bytes", "-", "('x', None)", "-"),
    ("@bytes", "-", "()", "{'x': 1}"),
    ("@bytes", "-", "(1, 2, 3, 4)", "-"),
    ("@str", "-", "(b'x', 'utf-8\\x00x')", "-"),
    ("@str", "-", "(1, 2, 3, 4)", "-"),
    ("@int", "-", "(1, 2, 3)", "-"),
    ("@int", "-", "()", "{'x': 1}"),
    ("@int", "-", "('0x1g', 0)", "-"),
    ("@float", "-", "()", "{'x': 1}"),
    ("@tuple", "-", "()", "{'x': 1}"),
    ("@list", "-", "()", "{'x': 1}"),
    ("@set", "-", "()", "{'x': 1}"),
    ("@slice", "-", "(1,)", "{'x': 2}"),
    ("@range", "-", "(1,)", "{'x': 2}"),
]


def generated_calls(receiver, attribute, params, keyword_only, odd_values=ODD_VALUES):
    """(receiver, attribute, args, kwargs) for one SPECS entry."""
    good = [value for _, value in params]
    names = [name for name, _ in params]
    npositional = len(params) - keyword_only
    calls = []
    # Every count of positional arguments, one past the most too.
    for n in range(npositional + 2):
        args = good[:n] + ["0"] * max(0, n - npositional)
        calls.append((tuple_text(args), "-"))
    # Each parameter replaced by each odd value (given positionally or by keyword).
    for i, name in enumerate(names):
        for odd in odd_values:
            if i < npositional:
                calls.append((tuple_text(good[:i] + [odd]), "-"))
            else:
                calls.append((tuple_text(good[:npositional]), dict_text([(name, odd)])))
    keywords = [(i, name) for i, name in enumerate(names) if name is not None]
    if keywords:
        for i, name in keywords:
            first = min(i, npositional)
            calls.append((tuple_text(good[:first]), dict_text([(name, good[i])])))
            # Given by position and by name.
            if i < npositional:
                calls.append((tuple_text(good[:i + 1]), dict_text([(name, good[i])])))
        calls.append(("()", dict_text([(name, good[i]) for i, name in keywords])))
        calls.append(("()", dict_text([(name, good[i]) for i, name in keywords] + [("x", "1")])))
        calls.append((tuple_text(good[:npositional] + ["0"]),
                      dict_text([(keywords[-1][1], good[keywords[-1][0]])])))
    calls.append(("()", "{'x': 1}"))
    calls.append((tuple_text(good[:1]), "{'x': 1, 'y': 2}"))
    return [(receiver, attribute, args, kwargs) for args, kwargs in calls]


class MethodDef(ctypes.Structure):
    _fields_ = [("ml_name", ctypes.c_char_p), ("ml_meth", ctypes.c_void_p),
                ("ml_flags", ctypes.c_int), ("ml_doc", ctypes.c_char_p)]


def method_flags(descriptor):
    """ml_flags of a method descriptor (PyMethodDescrObject: the PyMethodDef pointer follows
    the object header, d_type, d_name and d_qualname)."""
    address = ctypes.c_void_p.from_address(id(descriptor) + 5 * ctypes.sizeof(ctypes.c_void_p))
    return MethodDef.from_address(address.value).ml_flags


# An instance of each type whose methods are listed (types themselves, iterators, views).
FLAG_TYPES = [0, True, 0.5, "", b"", (), [], {}, set(), frozenset(), range(1), slice(1),
              iter(""), iter("\u20ac"), iter(b""), iter(()), iter([]), reversed([]), iter(range(1)),
              iter(range(2**70)), iter(set()), iter({}), iter({}.values()), iter({}.items()),
              {}.keys(), {}.values(), {}.items()]


def flag_lines():
    lines = ["# type\tmethod\tflags"]
    for instance in FLAG_TYPES:
        kind = type(instance)
        for name, value in sorted(vars(kind).items()):
            if isinstance(value, (types.MethodDescriptorType, types.ClassMethodDescriptorType)):
                lines.append("%s\t%s\t%d" % (kind.__name__, name, method_flags(value)))
            elif isinstance(value, staticmethod):
                # str.maketrans, bytes.maketrans: a built-in function (PyCFunctionObject: its
                # PyMethodDef pointer follows the object header) in a staticmethod.
                address = ctypes.c_void_p.from_address(
                    id(value.__func__) + 2 * ctypes.sizeof(ctypes.c_void_p))
                lines.append("%s\t%s\t%d" % (kind.__name__, name,
                                              MethodDef.from_address(address.value).ml_flags))
    return lines


def main():
    lines = ["# receiver\tattribute\targs\tkwargs\texpected\treceiver-after"]
    seen = set()
    cases = []
    for spec in SPECS:
        cases.extend(generated_calls(*spec))
    cases.extend(EXTRA_CASES)
    for case in cases:
        if case in seen:
            continue
        seen.add(case)
        lines.append(call_line(*case))
    with open(os.path.join(HERE, "method_calls.txt"), "w", encoding="utf-8") as f:
        f.write("# Generated by method_calls_gen.py from Python %s. Do not edit.\n"
                % sys.version.split()[0])
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(HERE, "method_flags.txt"), "w", encoding="utf-8") as f:
        f.write("# Generated by method_calls_gen.py from Python %s. Do not edit.\n"
                % sys.version.split()[0])
        f.write("\n".join(flag_lines()) + "\n")


if __name__ == "__main__":
    main()

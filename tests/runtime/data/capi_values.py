#!/usr/bin/env python3
"""Writes capi_values.txt: single results that the runtime suites get from a scenario they
build by hand (a C API call with a bad argument, a cycle made and collected, a repr whose
order comes from hashing), as CPython 3.11 gives them. C API calls are made through ctypes
on python3's own C API, so the answer is the C function's, not a Python-level stand-in.

Run with CPython 3.11 and PYTHONHASHSEED=0 (minipy's str hashes are CPython's under that
seed; the script re-runs itself with it) from this directory:
    python3 capi_values.py

capi_values.txt: NAME <tab> value. An exception is written as the suites' take_error() writes
it: "Type: message", or "Type" when the message is empty.
"""
import ctypes
import gc
import os
import sys

assert sys.version_info[:2] == (3, 11), "expected values come from CPython 3.11"
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

api = ctypes.pythonapi


def error_text(call):
    try:
        call()
    except Exception as e:
        message = str(e)
        return type(e).__name__ + (": " + message if message else "")
    raise AssertionError("no exception")


def collected(build):
    """How many unreachable objects one collection finds after build() made its garbage."""
    gc.collect()
    build()
    return gc.collect()


def set_two_cycles():
    # set -> frozenset -> tuple -> the set's iterator -> the set
    s = set()
    it = iter(s)
    s.add(frozenset([(it,)]))
    # set -> tuple -> its own iterator -> the set
    t = set()
    t.add((iter(t),))


def dict_cycle():
    # a["b"] = b, b["a"] = a, a["self"] = a, b["view"] = a.keys()
    a, b = {}, {}
    a["b"] = b
    b["a"] = a
    a["self"] = a
    b["view"] = a.keys()


def exception_cycle():
    a, b = ValueError(), TypeError()
    a.__context__ = b
    b.__context__ = a


def dict_update_int():
    api.PyDict_Update.argtypes = [ctypes.py_object, ctypes.py_object]
    api.PyDict_Update({}, 3)


def from_kind_data_too_big():
    data = (ctypes.c_uint32 * 1)(0x110000)
    api.PyUnicode_FromKindAndData.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_ssize_t]
    api.PyUnicode_FromKindAndData.restype = ctypes.py_object
    api.PyUnicode_FromKindAndData(4, data, 1)


def as_ucs4_too_short():
    buffer = (ctypes.c_uint32 * 2)()
    api.PyUnicode_AsUCS4.argtypes = [ctypes.py_object, ctypes.c_void_p, ctypes.c_ssize_t,
                                     ctypes.c_int]
    api.PyUnicode_AsUCS4.restype = ctypes.c_void_p
    api.PyUnicode_AsUCS4("hi", buffer, 2, 1)


def new_huge_str():
    api.PyUnicode_New.argtypes = [ctypes.c_ssize_t, ctypes.c_uint32]
    api.PyUnicode_New.restype = ctypes.py_object
    api.PyUnicode_New(sys.maxsize // 2, 0x10ffff)


def values():
    return [
        ("set_repr_mixed", repr(set(["a", (1, 2), 0.5]))),
        ("set_repr_from_dict", repr(set({"x": 1, "y": 2}))),
        ("frozenset_add", error_text(lambda: frozenset().add(1))),
        ("set_gc_two_cycles", collected(set_two_cycles)),
        ("dict_gc_cycle", collected(dict_cycle)),
        ("exception_gc_cycle", collected(exception_cycle)),
        ("dict_update_int", error_text(dict_update_int)),
        ("unicode_from_kind_data_too_big", error_text(from_kind_data_too_big)),
        ("unicode_as_ucs4_too_short", error_text(as_ucs4_too_short)),
        ("unicode_new_huge", error_text(new_huge_str)),
    ]


def main():
    with open("capi_values.txt", "w") as out:
        out.write(f"# Written by capi_values.py (CPython {sys.version.split()[0]}); do not edit.\n")
        for name, value in values():
            out.write(f"{name}\t{value}\n")


if __name__ == "__main__":
    main()

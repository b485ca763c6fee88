#!/usr/bin/env python3
"""Writes unicode_error_cases.txt: what CPython 3.11's C API for the Unicode errors answers
(called through ctypes), which unicode_error_test.cpp compares minipy's with.

Rows, tab-separated:
  clamp <kind> <object> <start> <end> <Get*Start's answer> <Get*End's answer>
      kind is encode, decode or translate; the object is ASCII text (bytes for decode)
  create <encoding> <object as hex> <start> <end> <reason> <str> <repr>
      PyUnicodeDecodeError_Create's instance
  error <function> <how the exception was made> <exception type>: <message>
      a Get* function that fails: made is "new" (cls.__new__(cls), nothing set) or
      "object=5" / "encoding=5" / "reason=5" (a field set to an int after a normal __init__)
  value <function> <how the exception was made> <repr of what the Get* function returned>
  set <kind> <start> <end> <reason> <str>
      Set{Start,End,Reason} on cls(..., "abcdef", 0, 1, "r"), then str()
  codec <decode|encode> <encoding> <input as hex: bytes, or the str's UTF-8> <exc's encoding>
        <exc's object as hex (UTF-8 for a str)> <start> <end> <reason> <str>
      what the codec raises for the input with errors="strict"

Usage: unicode_error_gen.py > unicode_error_cases.txt
"""
import ctypes

API = ctypes.pythonapi
CLASSES = {"encode": UnicodeEncodeError, "decode": UnicodeDecodeError,
           "translate": UnicodeTranslateError}
PREFIX = {"encode": "PyUnicodeEncodeError_", "decode": "PyUnicodeDecodeError_",
          "translate": "PyUnicodeTranslateError_"}


def make(kind, text, start, end, reason):
    if kind == "encode":
        return UnicodeEncodeError("ascii", text, start, end, reason)
    if kind == "decode":
        return UnicodeDecodeError("ascii", text.encode(), start, end, reason)
    return UnicodeTranslateError(text, start, end, reason)


def get_index(kind, which, exc):
    out = ctypes.c_ssize_t(-99)
    function = getattr(API, PREFIX[kind] + "Get" + which)
    function.argtypes = [ctypes.py_object, ctypes.POINTER(ctypes.c_ssize_t)]
    function.restype = ctypes.c_int
    function(exc, ctypes.byref(out))
    return out.value


def call_getter(name, exc):
    function = getattr(API, name)
    function.argtypes = [ctypes.py_object]
    function.restype = ctypes.py_object
    return function(exc)


def main():
    for line in __doc__.strip().splitlines():
        print(("# " + line).rstrip())
    for kind in CLASSES:
        for text in ("", "a", "abcd"):
            for start, end in ((0, 1), (-3, -2), (2, 3), (5, 9), (3, 0), (0, 0), (-1, 99)):
                exc = make(kind, text, start, end, "r")
                print("\t".join(["clamp", kind, text, str(start), str(end),
                                 str(get_index(kind, "Start", exc)),
                                 str(get_index(kind, "End", exc))]))
    API.PyUnicodeDecodeError_Create.argtypes = [
        ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ssize_t, ctypes.c_ssize_t, ctypes.c_ssize_t,
        ctypes.c_char_p]
    API.PyUnicodeDecodeError_Create.restype = ctypes.py_object
    for encoding, data, start, end, reason in (("utf-8", b"\xff", 0, 1, "invalid start byte"),
                                               ("ascii", b"ab\x80\x81", 2, 4, "two bytes"),
                                               ("mine", b"", 0, 0, "empty")):
        exc = API.PyUnicodeDecodeError_Create(encoding.encode(), data, len(data), start, end,
                                              reason.encode())
        print("\t".join(["create", encoding, data.hex(), str(start), str(end), reason, str(exc),
                         repr(exc)]))
    getters = [("PyUnicodeEncodeError_GetEncoding", "encode"),
               ("PyUnicodeDecodeError_GetEncoding", "decode"),
               ("PyUnicodeEncodeError_GetObject", "encode"),
               ("PyUnicodeDecodeError_GetObject", "decode"),
               ("PyUnicodeTranslateError_GetObject", "translate"),
               ("PyUnicodeEncodeError_GetReason", "encode"),
               ("PyUnicodeDecodeError_GetReason", "decode"),
               ("PyUnicodeTranslateError_GetReason", "translate")]
    for name, kind in getters:
        for made in ("new", "object=5", "encoding=5", "reason=5"):
            if made == "new":
                exc = CLASSES[kind].__new__(CLASSES[kind])
            else:
                exc = make(kind, "abc", 0, 1, "r")
                setattr(exc, made.split("=")[0], 5)
            try:
                result = call_getter(name, exc)
            except Exception as e:  # the row says which exception
                print("\t".join(["error", name, made, type(e).__name__ + ": " + str(e)]))
            else:
                print("\t".join(["value", name, made, repr(result)]))
    for kind in CLASSES:
        for start, end, reason in ((2, 3, "one"), (1, 4, "three"), (6, 7, "past")):
            exc = make(kind, "abcdef", 0, 1, "r")
            for which, value in (("Start", start), ("End", end)):
                function = getattr(API, PREFIX[kind] + "Set" + which)
                function.argtypes = [ctypes.py_object, ctypes.c_ssize_t]
                function.restype = ctypes.c_int
                function(exc, value)
            function = getattr(API, PREFIX[kind] + "SetReason")
            function.argtypes = [ctypes.py_object, ctypes.c_char_p]
            function.restype = ctypes.c_int
            function(exc, reason.encode())
            print("\t".join(["set", kind, str(start), str(end), reason, str(exc)]))
    for data, encoding in ((b"\xff", "utf-8"), (b"ok\xc3", "utf-8"), (b"\xe2\x28\xa1", "utf-8"),
                           (b"ab\xed\xa0\x80", "utf-8"), (b"abc\x80", "ascii")):
        try:
            data.decode(encoding)
        except UnicodeDecodeError as e:
            print("\t".join(["codec", "decode", encoding, data.hex(), e.encoding, e.object.hex(),
                             str(e.start), str(e.end), e.reason, str(e)]))
    for text, encoding in (("a\ud800b", "utf-8"), ("caf\xe9", "ascii"), ("\u20ac\u20acx", "ascii"),
                           ("x\U0001f600", "latin-1"), ("\u0100", "latin-1")):
        try:
            text.encode(encoding)
        except UnicodeEncodeError as e:
            utf8 = text.encode("utf-8", "surrogatepass")
            print("\t".join(["codec", "encode", encoding, utf8.hex(), e.encoding,
                             e.object.encode("utf-8", "surrogatepass").hex(), str(e.start),
                             str(e.end), e.reason, str(e)]))


if __name__ == "__main__":
    main()

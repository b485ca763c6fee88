# UnicodeEncodeError, UnicodeDecodeError and UnicodeTranslateError: construction, the
# encoding/object/start/end/reason attributes, str() in every form, repr and args, the
# constructors' argument errors, and the instances the utf-8, ascii and latin-1 codecs raise.


def show(e):
    print(type(e).__name__, repr(e.encoding), repr(e.object), e.start, e.end, repr(e.reason))
    print("  str:", str(e))
    print("  repr:", repr(e))
    print("  args:", e.args)


def attempt(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
    else:
        print(label, "=", repr(result))


print("-- construction")
show(UnicodeEncodeError("ascii", "caf\xe9", 3, 4, "ordinal not in range(128)"))
show(UnicodeEncodeError("ascii", "a\u20acb", 1, 2, "ordinal not in range(128)"))
show(UnicodeEncodeError("latin-1", "x\U0001f600", 1, 2, "ordinal not in range(256)"))
show(UnicodeEncodeError("ascii", "\xe9\xe8\xe7\xe6", 1, 3, "ordinal not in range(128)"))
show(UnicodeEncodeError("ascii", "abc", 5, 6, "past the end"))
show(UnicodeEncodeError("ascii", "abc", 2, 2, "empty"))
show(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"))
show(UnicodeDecodeError("utf-8", b"ab\xe2\x82", 2, 4, "unexpected end of data"))
show(UnicodeDecodeError("utf-8", bytearray(b"\x80z"), 0, 1, "invalid start byte"))
show(UnicodeDecodeError("ascii", b"\x00\x7f\x80", 2, 3, "ordinal not in range(128)"))
show(UnicodeDecodeError("x", b"abc", 3, 4, "past the end"))
show(UnicodeTranslateError("a\xe9b", 1, 2, "no mapping"))
show(UnicodeTranslateError("\u0100", 0, 1, "no mapping"))
show(UnicodeTranslateError("\U0010ffff", 0, 1, "no mapping"))
show(UnicodeTranslateError("abcd", 1, 4, "several"))
print(isinstance(UnicodeTranslateError("a", 0, 1, "r"), UnicodeError), UnicodeTranslateError.__mro__)
print(UnicodeEncodeError.__mro__)
print(UnicodeDecodeError.__mro__)

for cls in (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError):
    print(cls.__name__, sorted(cls.__dict__), cls.__doc__)


class MyDecodeError(UnicodeDecodeError):
    pass


e = MyDecodeError("x", b"ab", 0, 1, "r")
e.extra = 1
print(repr(e), str(e), e.object, e.__dict__, isinstance(e, UnicodeDecodeError))

print("-- made without __init__")
for cls in (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError):
    e = cls.__new__(cls)
    print(repr(str(e)), repr(e), e.args, e.encoding, e.object, e.start, e.end, e.reason)

print("-- attributes are writable")
e = UnicodeEncodeError("ascii", "abc", 0, 1, "r")
e.encoding = "latin-1"
e.object = "xyz\u1234"
e.start = 3
e.end = 4
e.reason = "changed"
show(e)
e.end = 10
print(str(e))
e.encoding = 5
e.reason = None
e.start = 0
e.end = 1
print(str(e))
del e.encoding
print(e.encoding)
for value in ["x", 2**70, None, 1.5]:
    attempt("start = %r" % (value,), lambda: setattr(e, "start", value))
attempt("del start", lambda: delattr(e, "start"))
d = UnicodeDecodeError("utf-8", b"abc", 0, 1, "r")
d.object = b"\xfe\xfd"
d.start = 1
d.end = 2
print(str(d))
d.end = 3
print(str(d))
t = UnicodeTranslateError("abc", 0, 1, "r")
t.encoding = "enc"
print(t.encoding, str(t))

print("-- argument errors")
attempt("UnicodeEncodeError()", lambda: UnicodeEncodeError())
attempt("UnicodeEncodeError 4 args", lambda: UnicodeEncodeError("a", "b", 0, 1))
attempt("UnicodeEncodeError 6 args", lambda: UnicodeEncodeError("a", "b", 0, 1, "r", 6))
attempt("encoding not str", lambda: UnicodeEncodeError(1, "a", 0, 1, "r"))
attempt("object not str", lambda: UnicodeEncodeError("a", b"a", 0, 1, "r"))
attempt("start not int", lambda: UnicodeEncodeError("a", "a", "x", 1, "r"))
attempt("end not int", lambda: UnicodeEncodeError("a", "a", 0, 1.0, "r"))
attempt("reason not str", lambda: UnicodeEncodeError("a", "a", 0, 1, None))
attempt("keywords", lambda: UnicodeEncodeError("a", "b", 0, 1, "r", x=1))
attempt("start too big", lambda: UnicodeDecodeError("a", b"x", 2**70, 1, "r"))
attempt("decode object int", lambda: UnicodeDecodeError("a", 5, 0, 1, "r"))
attempt("decode object str", lambda: UnicodeDecodeError("a", "s", 0, 1, "r"))
attempt("decode encoding bytes", lambda: UnicodeDecodeError(b"a", b"s", 0, 1, "r"))
attempt("UnicodeDecodeError()", lambda: UnicodeDecodeError())
attempt("UnicodeTranslateError 3 args", lambda: UnicodeTranslateError("a", 0, 1))
attempt("translate object bytes", lambda: UnicodeTranslateError(b"a", 0, 1, "r"))
attempt("translate with encoding", lambda: UnicodeTranslateError("enc", "a", 0, 1, "r"))

print("-- what the codecs raise")


def decode(data, encoding):
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        show(e)
    else:
        print("decoded", repr(text))


def encode(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as e:
        show(e)
    else:
        print("encoded", repr(data))


decode(b"\xff", "utf-8")
decode(b"ok\xc3", "utf-8")
decode(b"\xe2\x82x", "utf-8")
decode(b"\xe2\x28\xa1", "utf-8")
decode(b"\xf0\x9f\x98", "utf-8")
decode(b"\xed\xa0\x80", "utf-8")
decode(bytearray(b"\x61\xff"), "utf-8")
decode(b"abc\x80", "ascii")
decode(b"\xff\xfe", "latin-1")
encode("\ud800", "utf-8")
encode("a\udc00\udc01b", "utf-8")
encode("caf\xe9", "ascii")
encode("\u20ac\u20ac", "ascii")
encode("x\U0001f600", "ascii")
encode("\xff", "latin-1")
encode("\u0100", "latin-1")
encode("ab\u0100\u0101\u0102", "latin-1")
try:
    "\u20ac".encode("ascii")
except UnicodeError as e:
    print("caught as UnicodeError:", type(e).__name__, e.start, e.end)
try:
    b"\x80".decode("ascii")
except ValueError as e:
    print("caught as ValueError:", type(e).__name__, e.object)

print("-- raised and caught by the user")
try:
    raise UnicodeTranslateError("\t", 0, 1, "tab")
except UnicodeTranslateError as e:
    show(e)
try:
    raise UnicodeDecodeError("mine", b"\x01\x02", 0, 2, "mine")
except UnicodeError as e:
    show(e)

# __init__ again with bad arguments: the text fields are gone, start and end keep what was
# read before the bad argument.
for error, good, bad in [
    (UnicodeDecodeError, ("utf-8", b"ab", 0, 1, "why"), ("utf-8", b"ab", 1, 2, 3)),
    (UnicodeEncodeError, ("ascii", "ab", 0, 1, "why"), ("ascii", "ab", 1, "x", "why")),
    (UnicodeTranslateError, ("ab", 0, 1, "why"), (1, 1, 2, "why")),
]:
    e = error(*good)
    try:
        e.__init__(*bad)
    except TypeError as failure:
        print(error.__name__, "TypeError:", failure)
    print(getattr(e, "encoding", "-"), e.object, e.start, e.end, e.reason)

b"data\xc3\x28".decode("utf-8")

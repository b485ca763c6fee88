# bytearray: construction from every kind of source, repr (subclasses too), indexing,
# slicing, iteration, membership, comparison with bytes, bytes(bytearray), unhashable.
sources = [b"hello", [104, 105], (1, 2, 255), range(5), 3, iter([65, 66]), bytearray(b"copy"),
           (x for x in (120, 121))]
for source in sources:
    print(repr(bytearray(source)))
print(bytearray(), bytearray("héllo", "utf-8"), bytearray("abc", encoding="ascii"),
      bytearray("a\udc80", "utf-8", "surrogateescape"), bytearray(source=b"kw"))
b = bytearray(b"hello world")
print(b, str(b), len(b), b[0], b[-1], b[1:4], b[::2], b[::-1], b[100:], b[-3:])
print(list(b[:3]), [c for c in b[:2]], sum(b))
print(104 in b, b"wor" in b, bytearray(b"ld") in b, b"" in b, 0 in b)
print(b"hello" in bytes(b), bytearray(b"lo w") in b"hello world")
print(bytearray(b"abc") == b"abc", b"abc" == bytearray(b"abc"), bytearray(b"abc") != b"abd")
print(bytearray(b"abc") < b"abd", b"b" > bytearray(b"a"), bytearray(b"a") <= bytearray(b"a"))
print(bytearray(b"a") == "a", bytearray(b"1") == 1, sorted([bytearray(b"b"), b"a", bytearray(b"c")]))
print(bytes(bytearray(b"xy")), type(bytes(bytearray(b"xy"))).__name__, list(bytearray(b"xy")))
print(repr(bytearray(b"it's")), repr(bytearray(b'say "x" \'y\'')), repr(bytearray(b"\x00\xff\n\t\\")))


class Buffer(bytearray):
    pass


print(repr(Buffer(b"sub")), Buffer(b"ab").upper(), type(Buffer(b"a") + b"b").__name__)
print(isinstance(Buffer(), bytearray), bytearray.__name__, type(iter(b)).__name__)
it = iter(bytearray(b"ab"))
print(next(it), it.__length_hint__(), next(it), it.__length_hint__(), list(it))
try:
    hash(bytearray(b"x"))
except TypeError as e:
    print("TypeError:", e)
try:
    {bytearray(): 1}
except TypeError as e:
    print("TypeError:", e)

# bytes methods and bytes % args.
data = b"Hello, World! hello again"
print(data.lower(), data.upper(), data.swapcase(), data.title(), data.capitalize())
print(data.split(), data.split(b","), data.rsplit(b" ", 1), data.split(maxsplit=2))
print(data.replace(b"l", b"L"), data.replace(b"l", b"", 2), data.count(b"l"), data.index(b"W"))
print(b"  pad  ".strip(), b"xxhixx".strip(b"x"), b"  a ".lstrip(), b" a  ".rstrip())
print(b"k=v".partition(b"="), b"a.b.c".rpartition(b"."), b"a\nb\r\nc".splitlines())
print(b"-".join([b"a", b"b", b"c"]), b"ab".center(6, b"*"), b"7".zfill(3), b"ab".ljust(4, b"."))
print(b"\x00\xffab".hex(), b"\x00\xffab".hex(":"), bytes.fromhex("de ad be ef"), b"abc".hex("-", 2))
print(b"abc".isalpha(), b"123".isdigit(), b"a1".isalnum(), b" \t".isspace(), b"Ab Cd".istitle())
print(b"hello".translate(bytes.maketrans(b"el", b"ip")), b"hello".translate(None, b"l"))
print(b"file.txt".removesuffix(b".txt"), b"v1.2".removeprefix(b"v"), b"a\tb".expandtabs(4))
print(b"%s has %d items costing %.2f" % (b"cart", 3, 9.5), b"%5b|%-5b|" % (b"ab", b"cd"))
print(b"%x %X %o %c %c %r %a" % (255, 255, 8, 65, b"z", "\u20ac", b"q"))
print(b"%(name)s=%(value)d" % {b"name": b"n", b"value": 1})
for call in [lambda: b"a".split(b""), lambda: b"a".join(["x"]), lambda: bytes.fromhex("zz"),
             lambda: b"abc".index(b"z"), lambda: b"%s" % "text", lambda: b"a".center(3, "*")]:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__ + ":", e)

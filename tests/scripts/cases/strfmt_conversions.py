# int.to_bytes / from_bytes, float.as_integer_ratio / hex / fromhex, dict.fromkeys, and
# formatting of tuples and big numbers, next to Unicode case mappings.
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (5).to_bytes(), (-1).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x04\x00", "big"), int.from_bytes(b"\xff\xff", "little", signed=True), int.from_bytes(b"\x01"))
print((0.75).as_integer_ratio(), (3.5).hex(), float.fromhex("0x1.8p1"), (2.0).is_integer())
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError:", e)
print("%s" % (1,), "%s" % [(1,)], "%r" % ((1, 2),))
print("{:,}".format(10**20), "{:_o}".format(8**9), f"{1234.5:_}", "%.3e" % 10**20)
print("Straße".upper(), "ǅ".lower(), "ǆ".title(), "ﬁ".upper(), "İ".lower(), len("İ".lower()))
print("x".join("%d" % i for i in range(5)), "a,b,,c".split(","), " a  b ".split())

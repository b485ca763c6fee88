# bytearray's mutations: item and slice assignment and deletion (extended slices too),
# append, extend, insert, pop, remove, reverse, clear, copy, += and *=.
b = bytearray(b"abcdef")
b[0] = 65
b[-1] = 0x46
print(b)
b[1:3] = b"XYZ"
print(b)
b[::2] = b"1234"
print(b)
del b[::2]
print(b)
del b[1]
print(b)
b[1:1] = [9, 8]
print(b)
b[5:2] = b"<>"
print(b)
b[:] = b
print(b)
b[1:3] = b
print(b)
b[::-1] = bytes(b[::-1]).upper()
print(b)
b[:] = []
print(b, len(b))

b = bytearray(b"0123456789")
del b[2:8:2]
print(b)
del b[::-3]
print(b)
del b[:]
print(b)

b = bytearray()
for value in (1, 2, 255):
    b.append(value)
b.extend(b"xy")
b.extend(bytearray(b"z"))
b.extend([3, 4])
b.extend(range(5, 7))
b.extend(x for x in (7,))
b.extend(b)
print(b)
b.insert(0, 33)
b.insert(-1, 34)
b.insert(100, 35)
b.insert(-100, 36)
print(b)
print(b.pop(), b.pop(0), b.pop(-2), b)
b.remove(2)
print(b)
b.reverse()
print(b)
c = b.copy()
b.clear()
print(b, c, c == b, c is b)
c *= 2
print(c)
c *= 0
print(c)
d = bytearray(b"ab")
alias = d
d += b"cd"
d += bytearray(b"ef")
print(d, alias is d)
try:
    d += d
except BufferError as e:
    print("BufferError:", e)
d += bytearray(d)
print(d)
print(d * 2, 2 * bytearray(b"xy"), bytearray(b"q") * -1, d + b"!", b"!" + d, type(b"!" + d).__name__)

# bytearray's buffer as CPython 3.11 sizes it: __alloc__(), __sizeof__() and sys.getsizeof
# after appends, pops, deletions from the front and back, extend, +=, *=, insert and clear.
import sys


def show(label, b):
    print(label, len(b), b.__alloc__(), b.__sizeof__(), sys.getsizeof(b))


show("empty", bytearray())
for n in (1, 3, 8, 9, 20):
    show(f"bytes{n}", bytearray(b"x" * n))
    show(f"range{n}", bytearray(range(n)))
    show(f"count{n}", bytearray(n))
b = bytearray()
sizes = []
for i in range(60):
    b.append(i)
    sizes.append(b.__alloc__())
print("append", sizes)
sizes = []
while b:
    b.pop()
    sizes.append(b.__alloc__())
print("pop", sizes)
b = bytearray(b"0123456789" * 5)
sizes = []
for i in range(9):
    del b[:5]
    sizes.append((len(b), b.__alloc__()))
print("del front", sizes)
b = bytearray(b"0123456789" * 5)
sizes = []
for i in range(9):
    del b[-5:]
    sizes.append((len(b), b.__alloc__()))
print("del back", sizes)
b = bytearray()
sizes = []
for k in (1, 2, 3, 5, 8, 13, 21, 34, 0, 100):
    b.extend(range(k))
    sizes.append(b.__alloc__())
print("extend", sizes)
b = bytearray()
sizes = []
for k in (1, 2, 3, 5, 8, 13, 21, 34, 0, 100):
    b += b"z" * k
    sizes.append(b.__alloc__())
print("iadd", sizes)
b = bytearray(b"ab")
sizes = []
for i in range(6):
    b *= 2
    sizes.append(b.__alloc__())
print("imul", sizes)
b = bytearray(b"abc" * 10)
b.insert(0, 1)
show("insert", b)
b.clear()
show("clear", b)
b[:] = b"new"
show("assigned", b)

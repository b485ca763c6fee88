# Binary writes take any bytes-like object minipy has (bytes, bytearray and their
# subclasses): FileIO, the buffered classes and BytesIO, each copying what it is given.
import io


class Blob(bytes):
    pass


def attempt(label, call):
    try:
        print(label, repr(call()))
    except Exception as e:
        print(label, type(e).__name__, e)


with open("ba.bin", "wb") as f:
    print(f.write(bytearray(b"xy")), f.write(Blob(b"-blob-")), f.write(bytearray()))
    data = bytearray(b"later")
    print(f.write(data))
    data[0:5] = b"XXXXX"  # changed before the flush: the file keeps what was written
    attempt("str", lambda: f.write("text"))
    attempt("int", lambda: f.write(5))
    attempt("list", lambda: f.write([1, 2]))
with open("ba.bin", "rb") as f:
    print(f.read())

with open("raw.bin", "wb", buffering=0) as f:
    print(type(f).__name__, f.write(bytearray(b"unbuffered")), f.write(b"!"))
    attempt("raw str", lambda: f.write("text"))
with open("raw.bin", "r+b") as f:
    f.seek(2)
    print(f.write(bytearray(b"UN")), f.tell())
    f.seek(0)
    print(f.read())

with open("txt.bin", "w") as f:
    f.buffer.write(bytearray(b"via buffer "))
    f.write("then text\n")
with open("txt.bin") as f:
    print(repr(f.read()))

b = io.BytesIO(bytearray(b"initial"))
source = bytearray(b"abc")
print(b.write(source), b.getvalue())
source[0] = 0x5A
print(b.getvalue(), b.write(bytearray(b"")), b.tell())
b.seek(10)
print(b.write(bytearray(b"gap")), b.getvalue())
print(io.BytesIO(Blob(b"sub")).read(), io.BytesIO(bytearray()).read())
attempt("BytesIO str", lambda: io.BytesIO("text"))
attempt("BytesIO.write str", lambda: io.BytesIO().write("text"))
attempt("BytesIO.write int", lambda: io.BytesIO().write(1))

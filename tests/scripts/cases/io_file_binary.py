# Binary files: the buffered classes, read(n), readline, seek/tell, append, unbuffered FileIO.
import io

with open("data.bin", "wb") as f:
    print(repr(f), f.mode, f.name, f.closed, f.readable(), f.writable(), f.seekable())
    print(f.write(b"\x00\x01\x02hello\nworld\n"), f.write(bytes(range(250, 256))))
    f.writelines([b"abc\n", b"def"])
    print(f.tell(), f.raw.tell())
    f.flush()
    print(f.raw.tell(), repr(f.raw))
print(f.closed)

with open("data.bin", "rb") as f:
    print(repr(f), f.read(3), f.tell(), f.readline(), f.readline(3), f.readline())
    print(f.peek(2)[:2], f.read1(2), f.tell())
    print(f.seek(-3, 2), f.read(), f.seek(0), f.read(5), f.seek(2, 1), f.read(2))
    print(f.readlines())
    print(f.read(), f.read(10))
with open("data.bin", "ab") as f:
    print(f.tell(), f.write(b"\nappended"))
for line in open("data.bin", "rb"):
    print(line)

# Read-write buffers.
with open("rw.bin", "w+b") as f:
    print(repr(f), f.mode)
    f.write(b"0123456789")
    f.seek(2)
    print(f.read(3))
    f.write(b"XY")
    print(f.tell(), f.read(), f.seek(0), f.read())
    print(f.truncate(4), f.seek(0), f.read(), f.tell())

# Unbuffered: a FileIO.
raw = open("data.bin", "rb", buffering=0)
print(repr(raw), raw.mode, raw.read(4), raw.readall()[:6], raw.fileno() > 2, raw.isatty())
raw.close()
print(repr(raw), raw.closed)
raw = io.FileIO("raw.bin", "w")
print(repr(raw), raw.write(b"raw bytes"), raw.mode)
raw.close()
print(open("raw.bin", "rb").read())

# A large file read in uneven pieces.
blob = bytes(i * 7 % 256 for i in range(50000))
with open("blob.bin", "wb") as f:
    for start in range(0, len(blob), 3000):
        f.write(blob[start:start + 3000])
with open("blob.bin", "rb") as f:
    got = []
    while True:
        piece = f.read(4093)
        if not piece:
            break
        got.append(piece)
print(len(got), b"".join(got) == blob)

# In memory.
s = io.StringIO("one\ntwo\nthree")
print(s.readline(), s.read(2), s.tell(), s.readlines(), s.read())
s.seek(0)
s.write("ONE")
print(s.getvalue(), s.tell(), list(io.StringIO("a\nb\n")))
b = io.BytesIO(b"xyz\n123")
print(b.readline(), b.read(), b.seek(1), b.write(b"__"), b.getvalue())
with io.StringIO() as s:
    print("printed", 42, file=s)
    print(repr(s.getvalue()))
print(s.closed)
print(io.TextIOWrapper, io.BufferedReader, io.BufferedWriter, io.BufferedRandom, io.FileIO)
print(io.StringIO, io.BytesIO, io.UnsupportedOperation, io.DEFAULT_BUFFER_SIZE)
print(io.SEEK_SET, io.SEEK_CUR, io.SEEK_END, io.open is open, open)
print(isinstance(open("data.bin"), io.TextIOWrapper), issubclass(io.UnsupportedOperation, OSError))

# open() odds and ends: bytes names, line buffering, file descriptors with closefd=False,
# unknown error handlers, readlines(hint), FileIO used directly, newlines after iteration.
f = open(b"bname.txt", "w", buffering=1)
print(repr(f), f.line_buffering, f.buffer.raw.name, f.write("a\nb"))
print(open("bname.txt").read())
f.close()
g = open("bname.txt")
fd = g.fileno()
h = open(fd, closefd=False)
print(repr(h).replace("name=%d " % fd, "name=FD "), h.name == fd, h.readline(0), repr(h.readline()))
h.close()
print(g.closed, repr(g.read()))
g.close()
e = open("bname.txt", errors="bogus", newline="")
try:
    e.read()
except LookupError as x:
    print("LookupError", x)
w = open("w.txt", "w", errors="bogus")
try:
    w.write("x")
    w.flush()
except LookupError as x:
    print("LookupError", x)
w.close()
t = open("bname.txt", "r+")
print(t.read(1), t.tell(), t.seek(0), t.readlines(), t.tell())
t.close()
with open("bname.txt", "rb") as b:
    print(b.readlines(2), b.readlines())
import io
print(io.FileIO("bname.txt").read(), io.FileIO("bname.txt").name)
r = io.FileIO("bname.txt", "r")
print(repr(r), r.readline(), r.readall(), r.seek(0), r.read(1), r.tell(), r.closefd)
try:
    r.write(b"x")
except Exception as x:
    print(type(x).__name__, x)
r.close()
print(repr(r))
with open("bname.txt") as s:
    for i, line in enumerate(s):
        print(i, repr(line))
    print(s.newlines)
with open("bname.txt", encoding="locale") as loc:
    print(repr(loc), loc.encoding)
with open("bname.txt", encoding="UTF_8") as u:
    print(repr(u), u.read())
with open("bname.txt") as it:
    for line in it:
        try:
            it.tell()
        except OSError as x:
            print(type(x).__name__, x)
    print(it.tell(), it.seek(0), it.readline(), it.tell())

# io.StringIO and io.BytesIO: reading, writing over and past the end, seeking, truncating,
# newline modes, iteration, with, and their errors.
import io


def attempt(label, action):
    try:
        result = action()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
    else:
        print(label, "->", repr(result))


s = io.StringIO("alpha\nbeta\ngamma")
print(s.read(3), s.tell(), repr(s.readline()), s.readlines(), repr(s.read()))
print(s.seek(2), s.write("PH"), s.getvalue(), s.tell())
print(s.seek(20), s.write("!"), repr(s.getvalue()))
print(s.truncate(5), repr(s.getvalue()), s.tell(), s.seek(0, 2), s.seek(0, 1))
print(list(io.StringIO("x\ny\n")), io.StringIO().getvalue() == "")
for newline in (None, "", "\n", "\r", "\r\n"):
    t = io.StringIO(newline=newline)
    t.write("a\nb\r\nc\rd")
    t.seek(0)
    print(repr(newline), repr(t.getvalue()), t.readlines())
with io.StringIO() as out:
    print("to", "memory", sep="-", file=out)
    out.writelines(["one\n", "two\n"])
    print(repr(out.getvalue()), out.readable(), out.writable(), out.seekable())
print(out.closed)

b = io.BytesIO(b"0123\n4567\n89")
print(b.read(2), b.readline(), b.readline(2), b.read1(3), b.read(), b.tell())
print(b.seek(-3, 2), b.read(), b.seek(2), b.write(b"ab"), b.getvalue())
print(b.seek(15), b.write(b"Z"), b.getvalue(), b.seek(-100, 1), b.tell())
print(b.truncate(4), b.getvalue(), list(io.BytesIO(b"l1\nl2")))

for stream in (io.StringIO("abc"), io.BytesIO(b"abc")):
    name = type(stream).__name__
    attempt(name + " seek -1", lambda: stream.seek(-1))
    attempt(name + " seek cur", lambda: stream.seek(1, 1))
    attempt(name + " seek end", lambda: stream.seek(1, 2))
    attempt(name + " whence", lambda: stream.seek(0, 5))
    attempt(name + " seek str", lambda: stream.seek("a"))
    attempt(name + " truncate -1", lambda: stream.truncate(-1))
    attempt(name + " truncate str", lambda: stream.truncate("x"))
    attempt(name + " read str", lambda: stream.read("x"))
    attempt(name + " wrong type", lambda: stream.write(b"x" if name == "StringIO" else "x"))
    stream.close()
    attempt(name + " read closed", lambda: stream.read())
    attempt(name + " getvalue closed", lambda: stream.getvalue())
    attempt(name + " tell closed", lambda: stream.tell())
    attempt(name + " iterate closed", lambda: next(iter(stream)))
attempt("StringIO(3)", lambda: io.StringIO(3))
attempt("StringIO newline", lambda: io.StringIO(newline="x"))
attempt("BytesIO('s')", lambda: io.BytesIO("s"))

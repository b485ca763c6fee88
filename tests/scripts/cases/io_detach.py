# After detach(): a text file's methods raise ValueError "underlying buffer has been
# detached", a buffered file's "raw stream has been detached"; the attributes that need no
# buffer still answer, and buffer / raw are None.
import io


def attempt(label, call):
    try:
        print(label, "->", repr(call()))
    except Exception as e:
        print(label, type(e).__name__, e)


with open("d.txt", "w") as f:
    f.write("hello\nworld\n")
f = open("d.txt")
print(repr(f.readline()))
b = f.detach()
print(type(b).__name__, b.closed, b.read())
for name in ("read", "readline", "readlines", "tell", "flush", "close", "fileno", "isatty",
             "readable", "writable", "seekable", "detach", "__next__", "__iter__",
             "__enter__", "truncate"):
    attempt(name, getattr(f, name))
attempt("write", lambda: f.write("x"))
attempt("seek", lambda: f.seek(0))
attempt("exit", lambda: f.__exit__(None, None, None))
for attr in ("closed", "name", "encoding", "errors", "newlines", "line_buffering", "buffer",
             "mode"):
    attempt(attr, lambda: getattr(f, attr))
attempt("repr", lambda: repr(f))
for line in [1]:
    attempt("for", lambda: [line for line in f])

raw = b.detach()
print(type(raw).__name__, raw.closed)
for name in ("read", "readline", "read1", "peek", "tell", "flush", "close", "fileno",
             "isatty", "readable", "seekable", "detach", "__next__", "truncate", "readlines"):
    attempt("b." + name, getattr(b, name))
attempt("b.seek", lambda: b.seek(0))
for attr in ("closed", "name", "mode", "raw"):
    attempt("b." + attr, lambda: getattr(b, attr))
attempt("b.repr", lambda: repr(b))
raw.seek(0)
print(raw.read())
raw.close()

# A writer flushes when detached; the text written through it is all there.
w = open("d2.txt", "w")
w.write("pending text")
buffer = w.detach()
buffer.write(b" + bytes")
r = buffer.detach()
attempt("w.write", lambda: w.write("x"))
attempt("buffer.write", lambda: buffer.write(b"x"))
attempt("buffer.writable", buffer.writable)
attempt("buffer.repr", lambda: repr(buffer))
print(r.write(b" + raw"))
r.close()
with open("d2.txt") as f:
    print(f.read())

# Memory streams and wrappers built by hand.
t = io.TextIOWrapper(io.BytesIO(b"a\nb\n"), encoding="utf-8")
print(repr(t.readline()), t.detach().read())
attempt("t.read", t.read)

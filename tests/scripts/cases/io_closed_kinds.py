# What each kind of file says when asked for what it cannot do, open, closed or detached,
# as CPython's classes: a BufferedWriter has no reading methods (read, read1 and readline
# raise UnsupportedOperation 'read' / 'read1', readable() is False, there is no peek) and a
# BufferedReader none for writing, whatever its state; a closed text file answers
# readable() / writable() through its buffer and refuses flush() as closed.


def attempt(label, call):
    try:
        print(label, "->", repr(call()))
    except AttributeError as e:
        print(label, "AttributeError")
    except Exception as e:
        print(label, type(e).__name__, e)


def probe(tag, f):
    for name in ("read", "readline", "read1", "readlines", "readable", "writable", "seekable",
                 "flush", "tell", "truncate", "__next__", "peek"):
        attempt(tag + "." + name, lambda: getattr(f, name)())
    attempt(tag + ".fileno", lambda: type(f.fileno()).__name__)
    attempt(tag + ".write", lambda: f.write(b"x"))
    attempt(tag + ".seek", lambda: f.seek(0))
    attempt(tag + ".read('x')", lambda: f.read("x"))
    attempt(tag + ".readline('x')", lambda: f.readline("x"))
    attempt(tag + ".write('x')", lambda: f.write("x"))


w = open("w.bin", "wb")
probe("writer", w)
w.close()
probe("closed writer", w)
r = open("w.bin", "rb")
probe("reader", r)
r.close()
probe("closed reader", r)
rw = open("w.bin", "r+b")
rw.close()
probe("closed random", rw)
w = open("w.bin", "wb")
w.detach().close()
probe("detached writer", w)
r = open("w.bin", "rb")
r.detach().close()
probe("detached reader", r)

for mode in ("w", "r", "r+"):
    t = open("w.txt", mode)
    t.close()
    for name in ("readable", "writable", "seekable", "isatty", "fileno", "read", "readline",
                 "flush", "tell", "truncate", "detach", "__next__", "__iter__", "readlines"):
        attempt("closed text %s.%s" % (mode, name), getattr(t, name))
    attempt("closed text %s.write" % mode, lambda: t.write("x"))
    attempt("closed text %s.newlines" % mode, lambda: t.newlines)
t = open("w.txt", "w")
attempt("text w.read", lambda: t.read())
attempt("text w.readline", lambda: t.readline())
attempt("text w.readable", t.readable)
t.close()
t = open("w.txt", "r")
attempt("text r.write", lambda: t.write("x"))
attempt("text r.writable", t.writable)
attempt("text r.truncate", t.truncate)
t.close()

# A write's argument is checked before the file's state.
for mode in ("w", "r"):
    t = open("w.txt", mode)
    t.close()
    attempt("closed text %s.write(b'x')" % mode, lambda: t.write(b"x"))
raw = open("w.bin", "wb", buffering=0)
attempt("raw.write('x')", lambda: raw.write("x"))
raw.close()
attempt("closed raw.write('x')", lambda: raw.write("x"))
attempt("closed raw.write(b'x')", lambda: raw.write(b"x"))
raw = open("w.bin", "rb", buffering=0)
attempt("raw reader.write('x')", lambda: raw.write("x"))
attempt("raw reader.write(b'x')", lambda: raw.write(b"x"))
raw.close()

# open()'s errors: OSError subclasses with errno/strerror/filename, bad arguments, operations
# a file's mode refuses, closed files. Ends with an uncaught FileNotFoundError.
import io


def attempt(label, action):
    try:
        result = action()
    except Exception as e:
        print(label, "->", type(e).__module__, type(e).__name__, e)
        if isinstance(e, OSError) and e.errno is not None:
            print("   ", e.errno, e.strerror, repr(e.filename), e.args, repr(e))
    else:
        print(label, "->", repr(result))


with open("exists.txt", "w") as f:
    f.write("some text\n")

attempt("missing", lambda: open("missing.txt"))
attempt("missing dir", lambda: open("no/such/dir.txt", "w"))
attempt("directory", lambda: open("."))
attempt("directory write", lambda: open(".", "w"))
attempt("exclusive", lambda: open("exists.txt", "x"))
attempt("not a dir", lambda: open("exists.txt/inner"))
attempt("bytes name", lambda: open(b"missing.bin", "rb"))
attempt("null byte", lambda: open("a\0b"))
for mode in ("q", "rw", "rr", "tb", "", "b", "+", "r++", "U", "wx"):
    attempt("mode %r" % mode, lambda: open("exists.txt", mode))
attempt("encoding in binary", lambda: open("exists.txt", "rb", encoding="utf-8"))
attempt("errors in binary", lambda: open("exists.txt", "rb", errors="strict"))
attempt("newline in binary", lambda: open("exists.txt", "rb", newline=""))
attempt("unbuffered text", lambda: open("exists.txt", buffering=0))
attempt("bad newline", lambda: open("exists.txt", newline="x"))
attempt("bad encoding", lambda: open("exists.txt", encoding="no-such-codec"))
attempt("bad file", lambda: open([]))
attempt("float file", lambda: open(1.5))
attempt("int mode", lambda: open("exists.txt", 3))
attempt("int encoding", lambda: open("exists.txt", encoding=3))
attempt("int errors", lambda: open("exists.txt", errors=3))
attempt("int newline", lambda: open("exists.txt", newline=3))
attempt("str buffering", lambda: open("exists.txt", buffering="big"))
attempt("closefd name", lambda: open("exists.txt", closefd=False))
attempt("negative fd", lambda: open(-1))

reader = open("exists.txt")
writer = open("out.txt", "w")
breader = open("exists.txt", "rb")
bwriter = open("out.bin", "wb")
attempt("text read on writer", lambda: writer.read())
attempt("text write on reader", lambda: reader.write("x"))
attempt("bytes to text", lambda: writer.write(b"x"))
attempt("binary read on writer", lambda: bwriter.read())
attempt("binary write on reader", lambda: breader.write(b"x"))
attempt("str to binary", lambda: bwriter.write("x"))
attempt("read size", lambda: reader.read("all"))
attempt("cur seek", lambda: reader.seek(3, 1))
attempt("end seek", lambda: reader.seek(3, 2))
attempt("bad whence", lambda: reader.seek(0, 7))
attempt("negative seek", lambda: reader.seek(-4))
attempt("truncate reader", lambda: reader.truncate())
for f in (reader, writer, breader, bwriter):
    f.close()
    f.close()
    print(repr(f), f.closed)
attempt("read closed", lambda: reader.read())
attempt("readline closed", lambda: reader.readline())
attempt("iterate closed", lambda: next(reader))
attempt("with closed", lambda: reader.__enter__())
attempt("write closed", lambda: writer.write("x"))
attempt("tell closed", lambda: reader.tell())
attempt("seek closed", lambda: reader.seek(0))
attempt("fileno closed", lambda: reader.fileno())
attempt("binary read closed", lambda: breader.read())
attempt("binary readline closed", lambda: breader.readline())
attempt("binary seek closed", lambda: breader.seek(0))
attempt("binary write closed", lambda: bwriter.write(b"x"))
attempt("binary flush closed", lambda: bwriter.flush())
attempt("io.UnsupportedOperation", lambda: io.UnsupportedOperation("x").args)

try:
    with open("exists.txt") as f:
        print(f.readline().strip())
        raise KeyError("inside with")
except KeyError as e:
    print("caught", repr(e), f.closed)

print(FileNotFoundError.__mro__, issubclass(PermissionError, OSError), IOError, EnvironmentError)
print(OSError(2, "text"), type(OSError(2, "text")).__name__, OSError(17, "x", "f").filename)
print(repr(OSError(13, "denied", "f", None, "g")), str(OSError(13, "denied", "f", None, "g")))

open("missing.txt")

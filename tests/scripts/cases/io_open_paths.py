# What open() and FileIO take as a file: a str or bytes path, an os.PathLike (whose
# __fspath__ must give a str or bytes), or a file descriptor (an int or an object with
# __index__); anything else is a TypeError with CPython's text.
import io


def attempt(label, call):
    try:
        print(label, "->", repr(call()))
    except Exception as e:
        print(label, type(e).__name__, e)


class Path:
    def __init__(self, value):
        self.value = value

    def __fspath__(self):
        return self.value


class Descriptor:
    def __init__(self, fd):
        self.fd = fd

    def __index__(self):
        return self.fd


class Plain:
    pass


with open("p.txt", "w") as f:
    f.write("text\n")
for value in (0, 1.5, None, [], Plain()):
    attempt("open(Path(%s))" % type(value).__name__, lambda: open(Path(value)))
    attempt("FileIO(Path(%s))" % type(value).__name__, lambda: io.FileIO(Path(value)))
for value in ("p.txt", b"p.txt"):
    with open(Path(value)) as f:
        print(repr(f.name), repr(f.read()))
    with io.FileIO(Path(value)) as f:
        print(type(f.name).__name__, f.name.value, f.read())
for value in (3.0, None, [], Plain(), 2 ** 40, -(2 ** 40)):
    attempt("open(%s)" % type(value).__name__, lambda: open(value))
    attempt("FileIO(%s)" % type(value).__name__, lambda: io.FileIO(value))
attempt("FileIO(-3)", lambda: io.FileIO(-3))
attempt("FileIO(Descriptor(-3))", lambda: io.FileIO(Descriptor(-3)))
attempt("FileIO(2 ** 40, mode 5)", lambda: io.FileIO(2 ** 40, 5))
attempt("FileIO('p.txt', mode 5)", lambda: io.FileIO("p.txt", 5))

with open("p.txt", "rb") as base:
    fd = base.fileno()
    with open(Descriptor(fd), closefd=False) as f:
        print(type(f.name).__name__, f.name.fd == fd, repr(f.readline()))
    with io.FileIO(Descriptor(fd), closefd=False) as f:
        print(type(f.name).__name__, f.closefd, f.read())
    with open(fd, "rb", closefd=False) as f:
        print(f.name == fd, f.read())
    attempt("closefd=False with a path", lambda: open(Path("p.txt"), closefd=False))
    print(base.closed, base.read())


# The argument types a text file's seek() and readline() take, as CPython's: seek()'s cookie
# is anything that compares with 0 and converts with int() (it is returned as given), whence an
# int; readline()'s size an int (not None, which read() takes). Sizes and offsets past 64 bits
# get the message CPython gives for that kind of argument.
import io
def attempt(label, call):
    try:
        print(label, "->", repr(call()))
    except Exception as e:
        print(label, type(e).__name__, e)
with open("seek.txt", "w") as f:
    f.write("abc\n")
f = open("seek.txt", "r+")
attempt("seek(1.0)", lambda: f.seek(1.0))
attempt("read", lambda: f.read())
attempt("seek(1.9)", lambda: f.seek(1.9))
attempt("seek('3')", lambda: f.seek("3"))
attempt("seek(None)", lambda: f.seek(None))
attempt("seek(-1.5)", lambda: f.seek(-1.5))
attempt("seek(-1)", lambda: f.seek(-1))
attempt("seek(0.0, 1)", lambda: f.seek(0.0, 1))
attempt("seek(0.0, 2)", lambda: f.seek(0.0, 2))
attempt("seek(0, 1.0)", lambda: f.seek(0, 1.0))
attempt("seek(0, 3)", lambda: f.seek(0, 3))
attempt("seek(1, 1)", lambda: f.seek(1, 1))
attempt("seek(True)", lambda: f.seek(True))
attempt("readline(None)", lambda: f.readline(None))
attempt("readline(1.5)", lambda: f.readline(1.5))
attempt("readline('x')", lambda: f.readline("x"))
attempt("read(1.5)", lambda: f.read(1.5))
attempt("read(None)", lambda: f.read(None))
attempt("readlines(1.5)", lambda: f.readlines(1.5))
attempt("truncate(1.5)", lambda: f.truncate(1.5))
attempt("truncate('x')", lambda: f.truncate("x"))
f.close()
attempt("closed seek('x')", lambda: f.seek("x"))
b = open("seek.txt", "rb")
attempt("b.seek(1.0)", lambda: b.seek(1.0))
attempt("b.seek(0, 1.0)", lambda: b.seek(0, 1.0))
attempt("b.readline(1.5)", lambda: b.readline(1.5))
attempt("b.readline(None)", lambda: b.readline(None))
attempt("b.read(1.5)", lambda: b.read(1.5))
b.close()
# A buffered file's seek() passes SEEK_DATA (3) and SEEK_HOLE (4) to the system, as
# CPython's does on Linux; 5 is refused.
b = open("seek.txt", "rb")
attempt("b.seek(0, 3)", lambda: b.seek(0, 3))
attempt("b.seek(1, 3)", lambda: b.seek(1, 3))
attempt("b.seek(0, 4)", lambda: b.seek(0, 4))
attempt("b.seek(0, 5)", lambda: b.seek(0, 5))
attempt("b.read()", lambda: b.read())
b.close()

# Sizes and offsets past 64 bits, with CPython's messages for each kind of argument.
with open("seek.txt", "w") as f:
    f.write("ab\ncd\n")


def big(label, make, call):
    f = make()
    attempt(label, lambda: call(f))
    f.close()


big("rb read(2 ** 63)", lambda: open("seek.txt", "rb"), lambda f: f.read(2 ** 63))
big("text read(2 ** 63)", lambda: open("seek.txt"), lambda f: f.read(2 ** 63))
big("text readline(2 ** 63)", lambda: open("seek.txt"), lambda f: f.readline(2 ** 63))
big("rb readline(2 ** 63)", lambda: open("seek.txt", "rb"), lambda f: f.readline(2 ** 63))
big("rb readline(-2 ** 63)", lambda: open("seek.txt", "rb"), lambda f: f.readline(-2 ** 63))
big("rb seek(2 ** 63)", lambda: open("seek.txt", "rb"), lambda f: f.seek(2 ** 63))
big("rb seek(-1)", lambda: open("seek.txt", "rb"), lambda f: f.seek(-1))
big("raw seek(-1)", lambda: open("seek.txt", "rb", buffering=0), lambda f: f.seek(-1))
big("text seek(2 ** 63)", lambda: open("seek.txt"), lambda f: f.seek(2 ** 63))
big("rb seek(0, 7)", lambda: open("seek.txt", "rb"), lambda f: f.seek(0, 7))
big("r+b truncate(-1)", lambda: open("seek.txt", "r+b"), lambda f: f.truncate(-1))

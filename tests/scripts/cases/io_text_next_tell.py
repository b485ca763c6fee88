# Iterating a text file turns tell() off (OSError "telling position disabled by next()
# call") until the iteration ends or flush(), seek() or truncate() turns it back on, as
# CPython's; an error raised by next() leaves it off, and seek() works after it. A chunk
# read by next() leaves no snapshot: tell() then gives the buffer's position, as CPython's.


def attempt(label, call):
    try:
        print(label, "->", repr(call()))
    except Exception as e:
        print(label, type(e).__name__, e)


with open("next.txt", "w") as f:
    f.write("a\nb\nc\n")
for op in ("flush", "seek", "seek_end", "readline", "read", "seek_cur", "write", "truncate"):
    with open("next.txt", "r+") as f:
        print(op, repr(next(f)))
        if op == "flush":
            f.flush()
        elif op == "seek":
            f.seek(2)
        elif op == "seek_end":
            f.seek(0, 2)
        elif op == "readline":
            f.readline()
        elif op == "read":
            f.read()
        elif op == "seek_cur":
            attempt("seek(0, 1)", lambda: f.seek(0, 1))
        elif op == "write":
            f.write("x")
        elif op == "truncate":
            attempt("truncate", lambda: f.truncate())
        attempt("tell", f.tell)
        print(repr(f.read()), [line for line in f])
        attempt("tell at the end", f.tell)

# A bad byte in the third read chunk: the error comes from the next() that decodes it.
with open("next.txt", "wb") as f:
    f.write(b"first\n" + (b"y" * 99 + b"\n") * 200 + b"second \xff\nthird\n")
with open("next.txt") as f:
    print(repr(next(f)))
    attempt("tell", f.tell)
    count = 0
    try:
        for line in f:
            count += 1
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError", count, e.start, e.end, e.reason)
    attempt("tell", f.tell)
    print(f.seek(6), f.tell(), repr(f.readline()[:5]), f.tell())
with open("next.txt", errors="replace") as f:
    lines = [line for line in f]
    print(len(lines), ascii(lines[-2]), f.tell())

# truncate() with no size cuts at the buffer's position (not tell()'s) and keeps the text
# decoded ahead, as CPython's C class.
for mode in ("r+", "w+"):
    with open("trunc.txt", "w") as f:
        f.write("line1\nline2\nline3\n")
    with open("trunc.txt", mode) as f:
        if mode == "w+":
            f.write("abc\ndef\nghi\n")
            f.seek(0)
        print(repr(f.readline()), f.tell())
        print(f.truncate(), f.tell(), repr(f.read()), f.tell())
        print(f.truncate(3), f.tell(), repr(f.read()), f.tell())
        f.seek(0)
        print(repr(f.read()), f.tell())
        print(f.truncate(1), repr(f.read()), f.tell(), f.write("Z"), f.tell())
        f.seek(0)
        print(repr(f.read()))

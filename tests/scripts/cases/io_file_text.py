# Text files: write, read, append, lines, with, seek/tell, newline modes, encodings.
with open("notes.txt", "w") as f:
    print(repr(f), f.mode, f.name, f.encoding, f.errors, f.closed, f.line_buffering)
    print(f.write("first line\n"), f.write("second line\n"))
    f.writelines(["third\n", "fourth"])
    print(f.tell())
print(f.closed, repr(f))

with open("notes.txt") as f:
    print(repr(f.read()))
    print(f.tell(), repr(f.read()), f.tell())
    print(f.seek(0), repr(f.readline()), f.tell(), repr(f.readline(3)), repr(f.readline()))
    print(f.readlines())

with open("notes.txt", "a") as f:
    print(f.tell(), f.write("\nfifth\n"))
for number, line in enumerate(open("notes.txt"), 1):
    print(number, repr(line))
f = open("notes.txt")
print(next(f), end="")
print(list(f))
f.close()

# Reading in pieces, across the buffer's size and UTF-8 characters cut between chunks.
text = "".join("line %d: é€𝄞 %s\n" % (i, "x" * (i % 7)) for i in range(3000))
with open("big.txt", "w", encoding="utf-8") as f:
    print(f.write(text))
with open("big.txt", encoding="utf-8") as f:
    pieces = []
    while True:
        piece = f.read(997)
        if not piece:
            break
        pieces.append(piece)
    print(len(pieces), "".join(pieces) == text)
with open("big.txt") as f:
    lines = f.readlines()
print(len(lines), lines[1234], "".join(lines) == text)
with open("big.txt", "rb") as f:
    data = f.read()
print(len(data), data.decode("utf-8") == text)
with open("big.txt") as f:
    f.readline()
    f.readline()
    where = f.tell()
    third = f.readline()
    f.read(5000)
    f.seek(where)
    print(where, third == f.readline())

# Universal newlines on read, newline= on write.
with open("nl.txt", "w", newline="") as f:
    f.write("a\r\nb\rc\nd\r\ne")
for newline in (None, "", "\n", "\r", "\r\n"):
    with open("nl.txt", newline=newline) as f:
        print(repr(newline), f.readlines(), f.newlines)
    with open("nl.txt", newline=newline) as f:
        print(repr(newline), repr(f.read()), repr(f.newlines))
    with open("nl.txt", newline=newline) as f:
        print(repr(newline), [f.read(2) for _ in range(6)])
for newline in (None, "", "\n", "\r", "\r\n"):
    with open("out.txt", "w", newline=newline) as f:
        f.write("one\ntwo\r\nthree\n")
    with open("out.txt", "rb") as f:
        print(repr(newline), f.read())

# Encodings and error handlers.
with open("enc.txt", "w", encoding="latin-1") as f:
    print(repr(f), f.write("café ÿ"))
with open("enc.txt", "rb") as f:
    print(f.read())
with open("enc.txt", encoding="latin-1") as f:
    print(f.read())
for errors in ("replace", "ignore", "surrogateescape", "backslashreplace"):
    try:
        with open("enc.txt", encoding="utf-8", errors=errors) as f:
            print(errors, repr(f.read()))
    except Exception as e:
        print(errors, type(e).__name__, e)
    try:
        with open("enc2.txt", "w", encoding="ascii", errors=errors) as f:
            f.write("naïve €")
        with open("enc2.txt", "rb") as f:
            print(errors, f.read())
    except Exception as e:
        print(errors, type(e).__name__, e)
try:
    with open("enc.txt") as f:
        f.read()
except UnicodeDecodeError as e:
    print(type(e).__name__, e)
try:
    with open("enc2.txt", "w", encoding="ascii") as f:
        f.write("naïve")
except UnicodeEncodeError as e:
    print(type(e).__name__, e)
with open("enc3.txt", "w", encoding="UTF8") as f:
    print(repr(f), f.encoding)

# Read-write modes.
with open("rw.txt", "w+") as f:
    f.write("hello world\n")
    print(f.seek(0), repr(f.read(5)), f.tell())
    f.write("!!")
    f.seek(0)
    print(repr(f.read()))
with open("rw.txt", "r+") as f:
    print(repr(f.readline()))
    f.write("more\n")
    print(f.seek(0, 2), f.seek(0, 0), repr(f.read()))
with open("rw.txt", "a+") as f:
    print(f.tell(), repr(f.read()), f.seek(0), repr(f.read(5)))
    f.write("tail\n")
    f.seek(0)
    print(repr(f.read()))
with open("new.txt", "x") as f:
    f.write("created")
print(open("new.txt").read())

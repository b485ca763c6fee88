# A text file's `newlines` as CPython's: the newline kinds decoded so far (a whole read chunk
# at a time, a '\r\n' cut by a chunk's end counted once), in the universal modes only;
# forgotten by a write, by seek(0) and by seek(0, 2), kept by a seek elsewhere; tell() in the
# first chunk counts again up to the position, as CPython's decodes again from the start.
with open("nl.txt", "wb") as f:
    f.write(b"ab\r\ncd\nef\rgh\r")
for newline in (None, "", "\n", "\r", "\r\n"):
    with open("nl.txt", newline=newline) as f:
        seen = [f.newlines]
        while f.read(1):
            seen.append(f.newlines)
        print(repr(newline), seen)
    with open("nl.txt", newline=newline) as f:
        print(repr(newline), [f.readline(1) for i in range(6)], f.newlines)

with open("nl.txt") as f:
    f.read()
    print(1, f.newlines)
    f.tell()
    print(2, f.newlines)
    f.seek(0)
    print(3, f.newlines)
    f.readline()
    print(4, f.newlines)
    f.tell()
    print(5, repr(f.newlines))
    f.seek(0, 2)
    print(6, f.newlines)
with open("nl.txt") as f:
    f.readline()
    print(7, f.newlines)
    f.seek(f.tell())
    print(8, repr(f.newlines))
    f.seek(0)
    print(9, f.newlines, repr(f.read(3)), f.newlines)
with open("nl.txt", "r+") as f:
    f.readline()
    print(10, f.newlines)
    f.write("x")
    print(11, f.newlines)
with open("nl.txt", "w") as f:
    print(12, f.newlines)

# A '\r\n' cut by the end of a read chunk, and kinds met only in a later chunk.
with open("nl.txt", "wb") as f:
    f.write(b"x" * 8191 + b"\r\n" + b"y\n" * 5000 + b"z\r")
for newline in (None, ""):
    with open("nl.txt", newline=newline) as f:
        line = f.readline()
        print(repr(newline), len(line), repr(f.newlines))
        f.read(9000)
        print(repr(newline), repr(f.newlines))
        f.read()
        print(repr(newline), repr(f.newlines))

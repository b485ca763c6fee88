# readline(size) in each newline mode: the size counts the characters returned, so with
# newline=None a '\r\n' (returned as '\n') is one character and is never split; the other
# modes count what they return too, '\r' and '\n' apart.
data = b"ab\r\ncd\r\nef\rgh\r\nij\nkl\r"
with open("lines.txt", "wb") as f:
    f.write(data)
for newline in (None, "", "\n", "\r", "\r\n"):
    for size in (0, 1, 2, 3, 4, 5):
        with open("lines.txt", newline=newline) as f:
            lines = [f.readline(size) for i in range(12)]
            print(repr(newline), size, lines, repr(f.read()))

# Lines longer than a read chunk whose '\r\n' falls at the chunk's end.
with open("long.txt", "wb") as f:
    f.write(b"x" * 8191 + b"\r\n" + b"y" * 8190 + b"\r\n" + b"z" * 3)
for newline in (None, ""):
    for size in (8190, 8191, 8192, 8193):
        with open("long.txt", newline=newline) as f:
            lines = [f.readline(size) for i in range(6)]
            print(repr(newline), size, [(len(line), line[-2:]) for line in lines], f.tell())

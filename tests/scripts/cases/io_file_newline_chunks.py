# Universal newlines where '\r' and '\r\n' fall on the 8192-character chunk boundaries the
# text reader decodes by, with readlines, read(n) and seek/tell.
import io
parts = []
for i in range(40):
    parts.append("y" * (8191 - (i % 3)) + ("\r\n" if i % 2 else "\r"))
data = "".join(parts) + "é" * 5000 + "\r\n" + "tail\r"
with open("crlf.txt", "w", newline="") as f:
    f.write(data)
for nl in (None, ""):
    with open("crlf.txt", newline=nl) as f:
        lines = f.readlines()
        print(repr(nl), len(lines), [len(l) for l in lines[:6]], repr(lines[-1]), f.newlines)
    with open("crlf.txt", newline=nl) as f:
        got = []
        while True:
            c = f.read(4097)
            if not c:
                break
            got.append(c)
        print(repr(nl), len("".join(got)), "".join(got) == "".join(lines))
    with open("crlf.txt", newline=nl) as f:
        f.readline(); f.readline()
        pos = f.tell()
        third = f.readline()
        f.seek(pos)
        print(pos, f.readline() == third)

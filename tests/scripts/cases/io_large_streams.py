# Streams written in many small pieces and lines longer than many read chunks: StringIO and
# BytesIO appends, writes inside and past the end, and text lines that span chunks in each
# newline mode (sizes that take time linear in the data; quadratic ones would be slow).
import io

s = io.StringIO()
for i in range(32000):
    s.write("%049d\n" % i)
value = s.getvalue()
print(len(value), value[:51], value[-50:], s.tell())
s.seek(5)
print(s.write("AB"), s.tell(), s.read(10), s.readline(), len(s.getvalue()))
s.seek(len(value) + 3)
print(s.write(""), len(s.getvalue()), s.write("z"), repr(s.getvalue()[-6:]))
print(s.truncate(10), repr(s.getvalue()), s.tell(), s.write("w"), repr(s.getvalue()[-4:]))
s.seek(0)
print(repr(s.read(3)), s.write("|"), repr(s.getvalue()[:12]))
lines = io.StringIO("".join("line %d\r\n" % i for i in range(5000)), newline=None)
print(len(lines.readlines()), lines.tell())

b = io.BytesIO()
for i in range(32000):
    b.write(b"%049d\n" % i)
data = b.getvalue()
print(len(data), data[:51], data[-50:], b.tell())
b.seek(5)
print(b.write(b"AB"), b.read(10), b.readline(), b.readline(5), len(b.getvalue()))
b.seek(len(data) + 3)
print(b.write(b""), len(b.getvalue()), b.write(b"z"), b.getvalue()[-6:])
print(b.truncate(10), b.getvalue(), b.tell(), b.write(b"w"), b.getvalue()[-4:])
b.seek(-3, 2)
print(b.read(), b.read(), b.seek(0), b.read(4), b.read1(2))

# One line of 3 MB between short ones, with '\r' and '\r\n' falling at chunk edges.
head = "h" * 8191 + "\r\n" + "c" * 8190 + "\r" + "d" * 5
body = "x" * 3000000
text = head + "\n" + body + "\r\n" + "tail\r" + "t" * 16383 + "\r\n"
with open("long.txt", "w", newline="") as f:
    f.write(text)
for newline in (None, "", "\n", "\r", "\r\n"):
    with open("long.txt", newline=newline) as f:
        lengths = [len(line) for line in f.readlines()]
        print(repr(newline), lengths, f.newlines)
    with open("long.txt", newline=newline) as f:
        sizes = []
        while True:
            line = f.readline(1000000)
            if not line:
                break
            sizes.append((len(line), line[-1:]))
        print(repr(newline), sizes)
    with open("long.txt", newline=newline) as f:
        parts = [f.read(8191), f.read(2), f.read(2000000), f.read(1500000), f.read()]
        print(repr(newline), [len(p) for p in parts], [p[-2:] for p in parts])
with open("long.txt", "rb") as f:
    print([len(line) for line in f])

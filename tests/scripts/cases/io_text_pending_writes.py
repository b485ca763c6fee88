# A text file keeps what write() encodes until a chunk's worth (8192 bytes) is waiting, as
# CPython's pending bytes: flush(), seek(), tell(), truncate(), detach() and close() hand it
# to the buffer, reading does not (so a write before a read lands where the buffer is after
# it), and line buffering or write_through hand it over at once.
import io

for newline in (None, "\r\n"):
    for ops in (["w", "r"], ["w", "r", "r"], ["w", "t", "w"], ["r", "w", "r"], ["w", "f", "r"]):
        with open("p.dat", "wb") as f:
            f.write(b"ab\n\r\r\n\n\n\r")
        with open("p.dat", "r+", newline=newline) as f:
            out = []
            for op in ops:
                if op == "w":
                    out.append(f.write("\r"))
                elif op == "r":
                    out.append(f.read(2))
                elif op == "f":
                    out.append(f.flush())
                else:
                    out.append(f.tell())
        with open("p.dat", "rb") as f:
            print(repr(newline), ops, out, f.read())

with open("p.dat", "w") as f:
    f.write("text first, ")
    f.buffer.write(b"bytes written before it; ")
    f.write("then more text")
with open("p.dat", "rb") as f:
    print(f.read())

with open("p.dat", "w") as f:
    f.write("x" * 8000)
    print(f.buffer.tell())
    f.write("y" * 300)
    print(f.buffer.tell())
    f.write("z" * 9000)
    print(f.buffer.tell(), f.tell())

for kwargs in ({"line_buffering": True}, {"write_through": True}, {}):
    raw = io.BytesIO()
    t = io.TextIOWrapper(raw, encoding="utf-8", **kwargs)
    t.write("a")
    first = raw.getvalue()
    t.write("b\nc")
    print(kwargs, first, raw.getvalue(), t.tell(), raw.getvalue())
    print(t.detach() is raw, raw.getvalue())

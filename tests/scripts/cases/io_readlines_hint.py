# readlines(hint): BytesIO stops once its lines reach hint bytes, the other file classes once
# they pass it (IOBase.readlines), as CPython's; a hint of 0, a negative one or None reads all.
import io
data = "ab\ncd\nef\ngh\n"
with open("rl.txt", "w") as f:
    f.write(data)
makers = [("BytesIO", lambda: io.BytesIO(data.encode())), ("StringIO", lambda: io.StringIO(data)),
          ("text", lambda: open("rl.txt")), ("binary", lambda: open("rl.txt", "rb")),
          ("raw", lambda: open("rl.txt", "rb", buffering=0))]
for name, make in makers:
    out = []
    for hint in (-1, 0, 1, 2, 3, 4, 5, 6, 7, None):
        f = make()
        out.append(len(f.readlines(hint)))
        f.close()
    print(name, out)
for name, make in makers:
    f = make()
    for hint in ("2", 2.0):
        try:
            f.readlines(hint)
        except TypeError as e:
            print(name, e)
    f.close()
closed = io.BytesIO(b"x\n")
closed.close()
for hint in ("2", 2):
    try:
        closed.readlines(hint)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# A text file's tell() after decoding that replaced, dropped or escaped bytes: the position
# is that of the bytes the characters read came from (not the length of the text encoded
# again), and seek(tell()) comes back to the same place. Where CPython's tell() gives a
# plain byte offset (strict and replace; latin-1 always) the values are printed; elsewhere
# CPython's cookies may carry decoder state (printed as "cookie"; minipy's differ from its)
# or pick another of the byte offsets that decode alike (ignore), so only the round trip is.


def positions(codec, errors, count):
    """For each read(i): (characters read, tell(), whether seek(tell()) reads the same)."""
    out = []
    for i in range(count):
        with open("lossy.txt", encoding=codec, errors=errors) as f:
            head = f.read(i)
            t = f.tell()
            rest = f.read()
            f.seek(t)
            out.append((len(head), t if t < 2 ** 64 else "cookie", f.read() == rest))
    return out


with open("lossy.txt", "wb") as f:
    f.write(b"\xff\xfeabc\n")
for errors in ("replace", "backslashreplace", "surrogateescape", "ignore"):
    with open("lossy.txt", errors=errors) as f:
        c = f.read(1)
        t = f.tell()
        f.seek(t)
        print(errors, ascii(c), ascii(f.read()))
with open("lossy.txt", errors="replace") as f:
    print(ascii(f.read(1)), f.tell(), f.seek(f.tell()), ascii(f.read()), f.tell())

samples = [b"\xff\xfeabc\n", b"ab\xe2\x82Acd\n\xf0\x9f\x98Z\n", b"\xed\xb2\x80ok\n",
           b"x\xc3\xa9\xffy\r\nz\xe2"]
for codec in ("utf-8", "ascii", "latin-1"):
    for errors in ("strict", "replace", "ignore", "surrogateescape", "backslashreplace"):
        for number, data in enumerate(samples):
            with open("lossy.txt", "wb") as f:
                f.write(data)
            try:
                found = positions(codec, errors, len(data) + 2)
            except UnicodeDecodeError as e:
                print(codec, errors, number, "UnicodeDecodeError", e.start, e.end)
                continue
            plain = codec == "latin-1" or (errors in ("strict", "replace") and number < 3)
            if plain:
                print(codec, errors, number, found)
            else:
                print(codec, errors, number, [(n, same) for n, t, same in found])

# Lines over many read chunks, bad bytes among them (some cut by a chunk's end): tell()
# before each line, then seek() back to each.
lines = []
for i in range(900):
    line = ("line %d " % i + "é€" * (i % 9) + "x" * (i % 13)).encode()
    if i % 7 == 0:
        line += b"\xff"
    if i % 11 == 0:
        line = b"\xe2\x82" + line
    lines.append(line + (b"\r\n" if i % 5 == 0 else b"\n"))
with open("lossy.txt", "wb") as f:
    f.write(b"".join(lines))
for errors in ("replace", "surrogateescape", "backslashreplace", "ignore"):
    with open("lossy.txt", errors=errors) as f:
        tells = []
        text = []
        while True:
            t = f.tell()
            line = f.readline()
            if not line:
                break
            tells.append(t)
            text.append(line)
        end = f.tell()
    with open("lossy.txt", errors=errors) as f:
        back = 0
        for t, line in list(zip(tells, text))[::-1]:
            f.seek(t)
            back += f.readline() == line
    print(errors, len(tells), back, end, tells[:8] if errors != "ignore" else "")
    if errors in ("replace", "surrogateescape"):
        print(sum(tells), tells[-3:])

# Text formatting in a loop: str % args, str.format, format() with specs, f-strings, and the
# str methods that pad and cut (runtime/src/objects/str/str_percent_format.cpp and friends).
total = 0
for i in range(200000):
    a = "%5d|%-8.3f|%s|%x" % (i, i / 7, "name", i)
    b = "{:>8} {:,.2f} {!r}".format(i, i * 1.5, "k")
    c = format(i, "08b") + format(i / 3, ".4e")
    d = f"{i:>6}|{'x' * 3:^7}"
    e = "a-b-c".partition("-")[2].center(9, "*").title()
    total += len(a) + len(b) + len(c) + len(d) + len(e)
print(total)

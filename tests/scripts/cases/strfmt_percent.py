# printf-style formatting of str: every conversion with flags, widths and precisions.
values = [0, 7, -7, 255, 3.14159, -2.5, 1e10, "txt", True]
for conv in "d i o u x X e E f F g G".split():
    row = []
    for v in values:
        if isinstance(v, str):
            continue
        try:
            row.append(("%" + conv) % v)
        except TypeError as e:
            row.append("TypeError")
    print(conv, row)
for spec in ["%5d|", "%-5d|", "%05d|", "%+d", "% d", "%#x", "%#o", "%#X", "%.3d", "%8.3f|",
             "%-8.2e|", "%+.1g", "%#.0f", "%10s|", "%-10s|", "%.2s", "%r", "%a", "%c"]:
    for v in (42, -3.5, "h\u00e9"):
        try:
            print(repr(spec), repr(v), repr(spec % v))
        except (TypeError, ValueError, OverflowError) as e:
            print(repr(spec), repr(v), type(e).__name__, e)
print("%s and %s" % ("one", "two"), "%(a)s=%(b)r" % {"a": "key", "b": [1, 2]})
print("%*d|%-*d|%.*f" % (6, 42, 6, 42, 2, 3.14159))
print("100%% sure, %d%%" % 50)
print("%c%c%c" % (72, "i", 0x1F600))

# The errors of str % args and bytes % args, caught and printed, then one left uncaught.
cases = [("%d", "x"), ("%x", 1.5), ("%s %s", (1,)), ("%s", (1, 2)), ("%y", 1), ("%", ()),
         ("%(a", {"a": 1}), ("%(a)s", (1,)), ("%(missing)s", {"a": 1}), ("%c", "ab"),
         ("%c", 0x110000), ("%*d", ("x", 1)), ("%d", None), ("%f", "x"), ("%.*f", (1.5, 2.0))]
for fmt, args in cases:
    try:
        print(repr(fmt % args))
    except Exception as e:
        print(type(e).__name__ + ":", e)
for fmt, args in [(b"%s", "str"), (b"%d", b"x"), (b"%c", 256), (b"%f", b"x"), (b"%b", 1)]:
    try:
        print(fmt % args)
    except Exception as e:
        print(type(e).__name__ + ":", e)
print("abc" % [1], "abc" % {"k": 1})
print("%d apples and %d pears" % (3,))

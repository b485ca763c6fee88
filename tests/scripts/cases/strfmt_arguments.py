# The argument errors of the str and bytes methods: keywords where none are taken, too many
# or too few arguments, and the slot wrappers of %.
for call in [lambda: "a".center(5, fillchar="x"), lambda: "a".zfill(width=3), lambda: "a".partition(sep="x"),
             lambda: "a".splitlines(keepends=True, x=1), lambda: "a".expandtabs(8, 9), lambda: b"a".translate(None, delete=b"a", x=1),
             lambda: str.maketrans("a", "b", "c", "d"), lambda: "{}".format_map(), lambda: b"a".split(sep=b"a", maxsplit=1, z=0),
             lambda: bytes.fromhex(), lambda: b"a".center(), lambda: "%s".__mod__(1), lambda: "%s".__rmod__(1)]:
    try:
        print(repr(call()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

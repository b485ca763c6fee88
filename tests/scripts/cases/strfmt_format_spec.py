# format() and the format-specification mini-language for int, float, str, bool, None.
for value in [0, 42, -42, 123456789, 2**64]:
    print([format(value, spec) for spec in
           ["", "d", "+d", " d", ">8", "<8", "^8", "=8", "08", "+08", ",", "_", "_b", "#x", "#X",
            "#o", "#b", "x", "e", ".2f", "%", "n", "*>12,"]])
for value in [0.0, -0.0, 1.5, -2.25, 1234567.891, 1e-10, 1e300, float("inf"), float("nan")]:
    print([format(value, spec) for spec in
           ["", "f", ".2f", "e", ".3e", "g", ".3g", "G", "%", ".1%", "+", " ", "10.2f", "<10",
            "^12.3", "010.2f", ",.2f", "_.1f", "#.0f", "z.1f", "n", ".0f"]])
for value in ["", "abc", "h\u00e9llo", "\u20ac"]:
    print([format(value, spec) for spec in ["", "s", ">6", "<6", "^7", "*^7", ".2", "8.1", "=^5"]])
print(format(True), format(True, "d"), format(False, ">5"), format(None), format(1.0))
print(format(65, "c"), format(0x20AC, "c"), format(3, "^5c"))
for value, spec in [(1, ".2"), (1, "z"), (1.5, "d"), ("s", "d"), ("s", "+"), (1, ",_"),
                    (1, "c,"), (1.0, "x"), (-1, "c"), (None, "x"), ([], "5"), (1, "=s")]:
    try:
        print(repr(format(value, spec)))
    except Exception as e:
        print(repr(value), repr(spec), type(e).__name__ + ":", e)

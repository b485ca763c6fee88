# Found by the differential test (tests/difftest): chr() converts its argument to a
# C int first, so past an int's range it is an OverflowError, inside it a ValueError.
for v in (2 ** 31, 2 ** 31 - 1, -2 ** 31, -2 ** 31 - 1, 10 ** 20, 0x110000, -1):
    try:
        print(repr(chr(v)))
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)

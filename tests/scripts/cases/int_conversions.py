print(int("123"), int("-0x1f", 16), int("0b101", 0), int("  42  "), int(True), int(-7.9))
print(str(-5), repr(10 ** 30), bool(0), bool(-1), float(10 ** 20))
for bad in ["", "1.5", "abc", "0x"]:
    try:
        int(bad)
    except ValueError as e:
        print(e)
try:
    int("9", 8)
except ValueError as e:
    print(e)
print(divmod(-7, 2), divmod(7, -2), pow(2, 10), pow(2, -1), 7 .bit_length() if False else (255).bit_length())

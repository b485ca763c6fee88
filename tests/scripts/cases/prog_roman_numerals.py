# Roman numerals both ways: conversion by a table of values, strict parsing that refuses
# malformed numerals (checked by converting back), arithmetic on a small Roman class, and
# sorting a list of numerals by value; it ends on an uncaught ValueError (a total past 3999).

TABLE = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def to_roman(n):
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError(f"expected an int, got {type(n).__name__}")
    if not 0 < n < 4000:
        raise ValueError(f"{n} is out of range (1..3999)")
    out = []
    for value, letters in TABLE:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(text):
    text = text.strip().upper()
    if not text or any(ch not in VALUES for ch in text):
        raise ValueError(f"not a Roman numeral: {text!r}")
    total = 0
    for i, ch in enumerate(text):
        value = VALUES[ch]
        if i + 1 < len(text) and VALUES[text[i + 1]] > value:
            total -= value
        else:
            total += value
    if to_roman(total) != text:
        raise ValueError(f"malformed numeral {text!r} (did you mean {to_roman(total)}?)")
    return total


class Roman:
    def __init__(self, value):
        self.value = from_roman(value) if isinstance(value, str) else value
        to_roman(self.value)

    def __add__(self, other):
        return Roman(self.value + Roman(other).value if isinstance(other, str) else
                     self.value + other.value)

    def __sub__(self, other):
        return Roman(self.value - other.value)

    def __mul__(self, other):
        return Roman(self.value * other.value)

    def __lt__(self, other):
        return self.value < other.value

    def __repr__(self):
        return f"Roman({to_roman(self.value)!r})"

    def __str__(self):
        return to_roman(self.value)


for n in [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]:
    r = to_roman(n)
    print(f"{n:>5} = {r:<12} -> {from_roman(r)}")
for bad in ["IIII", "VX", "IC", "MMMM", "ABC", "", "xiv ", "CMXCIX", "IIV"]:
    try:
        print(f"{bad!r} = {from_roman(bad)}")
    except ValueError as e:
        print("ValueError:", e)
for bad in [0, 4000, -5, 2.5, True, "7"]:
    try:
        to_roman(bad)
    except (TypeError, ValueError) as e:
        print(f"{type(e).__name__}: {e}")
a, b = Roman("XLII"), Roman("VII")
print(a + b, a - b, a * b, a + "III", repr(a))
try:
    print(b - a)
except ValueError as e:
    print("ValueError:", e)
numerals = ["MCM", "XC", "DCCC", "IV", "MMXX", "L"]
print(sorted(numerals, key=from_roman))
print(sorted(Roman(n) for n in numerals))
print(sum(from_roman(n) for n in numerals), to_roman(sum(map(from_roman, numerals))))

# Numbers in English words: cardinals up to the trillions, negative numbers, ordinals
# ("twenty-first"), a cheque writer with dollars and cents, parsing words back into ints,
# and errors for what it cannot spell or read.

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
        "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(10 ** 12, "trillion"), (10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand")]
ORDINAL_SPECIAL = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                   "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}


def below_thousand(n):
    words = []
    if n >= 100:
        words += [ONES[n // 100], "hundred"]
        n %= 100
        if n:
            words.append("and")
    if n >= 20:
        words.append(TENS[n // 10] + ("-" + ONES[n % 10] if n % 10 else ""))
    elif n or not words:
        words.append(ONES[n])
    return " ".join(words)


def spell(n):
    if not isinstance(n, int):
        raise TypeError(f"can only spell ints, not {type(n).__name__}")
    if n < 0:
        return "minus " + spell(-n)
    if n >= 10 ** 15:
        raise OverflowError(f"{n} is too large to spell")
    parts = []
    for value, name in SCALES:
        if n >= value:
            parts.append(f"{spell(n // value)} {name}")
            n %= value
    if n or not parts:
        if parts and n < 100:
            parts.append("and")
        parts.append(below_thousand(n))
    return " ".join(parts)


def ordinal(n):
    words = spell(n)
    head, sep, last = words.rpartition(" ")
    pre, dash, unit = last.rpartition("-")
    if unit in ORDINAL_SPECIAL:
        unit = ORDINAL_SPECIAL[unit]
    elif unit.endswith("y"):
        unit = unit[:-1] + "ieth"
    else:
        unit += "th"
    return head + sep + pre + dash + unit


def cheque(amount):
    dollars, cents = divmod(round(amount * 100), 100)
    text = f"{spell(dollars)} dollar{'s' if dollars != 1 else ''} and {cents:02d}/100"
    return text[0].upper() + text[1:]


def parse(text):
    values = {w: i for i, w in enumerate(ONES)}
    values.update({w: 10 * i for i, w in enumerate(TENS) if w})
    total = current = 0
    for word in text.replace("-", " ").split():
        if word == "and":
            continue
        if word in values:
            current += values[word]
        elif word == "hundred":
            current *= 100
        elif word in dict((name, v) for v, name in SCALES):
            total += current * dict((name, v) for v, name in SCALES)[word]
            current = 0
        else:
            raise ValueError(f"unknown number word {word!r}")
    return total + current


for n in [0, 7, 13, 21, 40, 99, 100, 101, 342, 1000, 1001, 2024, 10_500, 1_000_000, 7_654_321_012, -45]:
    words = spell(n)
    assert n < 0 or parse(words) == n
    print(f"{n:>14,} {words}")
print([ordinal(n) for n in (1, 2, 3, 4, 5, 8, 9, 11, 12, 20, 21, 42, 100, 103)])
for amount in (1, 12.5, 1999.99, 0.07):
    print(f"{amount:>9.2f}: {cheque(amount)}")
for bad in [10 ** 15, 2.5, "ten"]:
    try:
        spell(bad)
    except (TypeError, OverflowError) as e:
        print(f"{type(e).__name__}: {e}")
try:
    parse("twenty zillion")
except ValueError as e:
    print("ValueError:", e)

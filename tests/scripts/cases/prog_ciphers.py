# Classical ciphers: Caesar with str.maketrans, Vigenere keyed by a word, a columnar
# transposition, Atbash, and breaking a Caesar message by letter-frequency scoring; each
# round-trips, and bad keys raise errors that are caught and printed.

LOWER = "".join(chr(c) for c in range(ord("a"), ord("z") + 1))
UPPER = LOWER.upper()
ENGLISH = "etaoinshrdlcumwfgypbvkjxqz"


def caesar(text, shift):
    shift %= 26
    table = str.maketrans(LOWER + UPPER, LOWER[shift:] + LOWER[:shift] + UPPER[shift:] + UPPER[:shift])
    return text.translate(table)


def vigenere(text, key, decrypt=False):
    if not key or not key.isalpha():
        raise ValueError(f"key must be letters, got {key!r}")
    shifts = [ord(k) - ord("a") for k in key.lower()]
    out, i = [], 0
    for ch in text:
        if ch.isalpha():
            base = ord("A") if ch.isupper() else ord("a")
            s = -shifts[i % len(shifts)] if decrypt else shifts[i % len(shifts)]
            out.append(chr((ord(ch) - base + s) % 26 + base))
            i += 1
        else:
            out.append(ch)
    return "".join(out)


def atbash(text):
    return text.translate(str.maketrans(LOWER + UPPER, LOWER[::-1] + UPPER[::-1]))


def columnar(text, key):
    order = sorted(range(len(key)), key=lambda i: (key[i], i))
    rows = [text[i:i + len(key)] for i in range(0, len(text), len(key))]
    return "".join("".join(r[c] for r in rows if c < len(r)) for c in order)


def uncolumnar(text, key):
    n, cols = len(text), len(key)
    full, extra = divmod(n, cols)
    order = sorted(range(cols), key=lambda i: (key[i], i))
    pieces, pos = {}, 0
    for c in order:
        size = full + (1 if c < extra else 0)
        pieces[c] = text[pos:pos + size]
        pos += size
    return "".join(pieces[c][r] for r in range(full + 1) for c in range(cols) if r < len(pieces[c]))


def score(text):
    letters = [c for c in text.lower() if c in LOWER]
    return sum(26 - ENGLISH.index(c) for c in letters) / max(len(letters), 1)


def crack_caesar(cipher):
    ranked = sorted(range(26), key=lambda s: -score(caesar(cipher, -s)))
    return ranked[0], caesar(cipher, -ranked[0])


msg = "Meet me at the old mill at nine, and bring the map!"
c = caesar(msg, 3)
print(c, "|", caesar(c, -3) == msg, caesar("xyz XYZ", 29))
v = vigenere(msg, "Lemon")
print(v, "|", vigenere(v, "lemon", decrypt=True))
print(atbash(msg), atbash(atbash(msg)) == msg)
t = columnar(msg, "zebra")
print(repr(t), uncolumnar(t, "zebra") == msg)
secret = caesar("the quick brown fox jumps over the lazy dog near the river bank", 11)
print(secret, "->", crack_caesar(secret))
for key in ["", "abc1", "two words"]:
    try:
        vigenere(msg, key)
    except ValueError as e:
        print("ValueError:", e)
print({s: round(score(caesar(secret, -s)), 2) for s in (0, 11, 15)})
print(sorted(set(msg.lower()) & set(LOWER)) == sorted(set(atbash(msg).lower()) & set(LOWER)))

# Check digits and number bases: the Luhn algorithm for card numbers, ISBN-10 and ISBN-13
# validation and conversion, an int-to-base encoder with its inverse, base-36 identifiers,
# a simple CRC-8 over bytes, and Adler-32; invalid inputs raise and are reported.


def luhn_ok(number):
    digits = [int(d) for d in number.replace(" ", "")][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits))
    return total % 10 == 0


def luhn_digit(partial):
    return next(d for d in range(10) if luhn_ok(partial + str(d)))


def isbn10_ok(isbn):
    s = isbn.replace("-", "")
    if len(s) != 10 or not s[:9].isdigit() or not (s[9].isdigit() or s[9] in "Xx"):
        raise ValueError(f"malformed ISBN-10 {isbn!r}")
    values = [int(c) for c in s[:9]] + [10 if s[9] in "Xx" else int(s[9])]
    return sum((10 - i) * v for i, v in enumerate(values)) % 11 == 0


def isbn10_to_13(isbn):
    core = "978" + isbn.replace("-", "")[:9]
    check = (10 - sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(core)) % 10) % 10
    return core + str(check)


DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def to_base(n, base):
    if not 2 <= base <= 36:
        raise ValueError(f"base must be in 2..36, not {base}")
    if n == 0:
        return "0"
    sign, n = ("-", -n) if n < 0 else ("", n)
    out = []
    while n:
        n, r = divmod(n, base)
        out.append(DIGITS[r])
    return sign + "".join(reversed(out))


def crc8(data, poly=0x07):
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ poly) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def adler32(data):
    a, b = 1, 0
    for byte in data:
        a = (a + byte) % 65521
        b = (b + a) % 65521
    return (b << 16) | a


for card in ["4539 1488 0343 6467", "8273 1232 7352 0569", "4111 1111 1111 1111", "79927398713"]:
    print(f"{card:<20} luhn {'ok' if luhn_ok(card) else 'BAD'}")
print("check digit for 7992739871:", luhn_digit("7992739871"))
for isbn in ["0-306-40615-2", "0-306-40615-3", "0-8044-2957-X", "123456789", "12345678Z0"]:
    try:
        ok = isbn10_ok(isbn)
        print(f"{isbn}: {'valid' if ok else 'invalid'}" + (f", ISBN-13 {isbn10_to_13(isbn)}" if ok else ""))
    except ValueError as e:
        print("ValueError:", e)
for n in [0, 255, -255, 2 ** 64, 1234567890]:
    reps = [to_base(n, b) for b in (2, 8, 16, 36)]
    assert all(int(r, b) == n for r, b in zip(reps, (2, 8, 16, 36)))
    print(n, reps, bin(n), oct(n), hex(n))
try:
    to_base(10, 37)
except ValueError as e:
    print("ValueError:", e)
ids = [to_base(1_000_000 + 7919 * k, 36).upper().rjust(6, "0") for k in range(5)]
print("ids:", ids, [int(i, 36) for i in ids][:2])
for msg in [b"", b"123456789", "héllo".encode(), bytes(range(16))]:
    print(f"{msg!r:<30} crc8 0x{crc8(msg):02x} adler32 {adler32(msg):#010x}")

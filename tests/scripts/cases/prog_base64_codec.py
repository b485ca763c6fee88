# Base64, base32 and hex codecs written by hand over bytes: encoding in groups of bits,
# padding, decoding with validation of the alphabet and padding, URL-safe variants, and a
# round trip over several payloads including non-ASCII text encoded as UTF-8.

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def b64encode(data, urlsafe=False):
    alphabet = B64.replace("+", "-").replace("/", "_") if urlsafe else B64
    out = []
    for i in range(0, len(data), 3):
        chunk = data[i:i + 3]
        n = int.from_bytes(chunk + b"\0" * (3 - len(chunk)), "big")
        chars = [alphabet[(n >> shift) & 63] for shift in (18, 12, 6, 0)]
        keep = len(chunk) + 1
        out.append("".join(chars[:keep]) + "=" * (4 - keep))
    return "".join(out)


def b64decode(text, urlsafe=False):
    alphabet = B64.replace("+", "-").replace("/", "_") if urlsafe else B64
    if len(text) % 4:
        raise ValueError(f"length {len(text)} is not a multiple of 4")
    lookup = {c: i for i, c in enumerate(alphabet)}
    out = []
    for i in range(0, len(text), 4):
        group = text[i:i + 4]
        pad = len(group) - len(group.rstrip("="))
        if pad > 2 or (pad and i + 4 != len(text)):
            raise ValueError(f"misplaced padding in {group!r}")
        n = 0
        for c in group.rstrip("="):
            if c not in lookup:
                raise ValueError(f"invalid character {c!r}")
            n = n << 6 | lookup[c]
        n <<= 6 * pad
        out.extend(n.to_bytes(3, "big")[:3 - pad])
    return bytes(out)


def b32encode(data):
    bits = "".join(f"{b:08b}" for b in data)
    bits += "0" * (-len(bits) % 5)
    chars = "".join(B32[int(bits[i:i + 5], 2)] for i in range(0, len(bits), 5))
    return chars + "=" * (-len(chars) % 8)


def hexdump(data, width=8):
    lines = []
    for off in range(0, len(data), width):
        chunk = data[off:off + width]
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{off:04x}  {chunk.hex(' '):<{width * 3}} |{text}|")
    return "\n".join(lines)


payloads = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", "naïve café ☕".encode(),
            bytes(range(250, 256)) + b"\xfb\xff"]
for p in payloads:
    enc = b64encode(p)
    assert b64decode(enc) == p
    print(f"{p!r:<40} {enc:<24} {b32encode(p)}")
print(b64encode(b"\xfb\xff\xfe", urlsafe=True), b64decode("-__-", urlsafe=True))
print(hexdump("Hello, wörld!\n\tbytes".encode()))
for bad in ["abc", "ab=c", "a===", "Zm9v!A==", "Zg==Zg=="]:
    try:
        b64decode(bad)
    except ValueError as e:
        print("ValueError:", e)
print(b64decode(b64encode(b"round trip")).decode(), len(b64encode(bytes(100))))

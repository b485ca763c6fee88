# LZ77 compression: a sliding window search for the longest earlier match, tokens of
# (offset, length, next char), decoding that copies overlapping runs, a compact textual
# encoding of the tokens, compression ratios for several inputs, and corrupted streams
# rejected with an error.


def compress(data, window=255, max_len=15):
    tokens, i = [], 0
    while i < len(data):
        best_len, best_off = 0, 0
        for j in range(max(0, i - window), i):
            length = 0
            while length < max_len and i + length < len(data) - 1 and data[j + length] == data[i + length]:
                length += 1
            if length > best_len:
                best_len, best_off = length, i - j
        tokens.append((best_off, best_len, data[i + best_len]))
        i += best_len + 1
    return tokens


def decompress(tokens):
    out = []
    for off, length, ch in tokens:
        if length and not 0 < off <= len(out):
            raise ValueError(f"bad back-reference ({off}, {length}) at output size {len(out)}")
        start = len(out) - off
        for k in range(length):
            out.append(out[start + k])
        out.append(ch)
    return "".join(out)


def serialise(tokens):
    parts = []
    for off, length, ch in tokens:
        parts.append(ch if length == 0 else f"<{off},{length}>{ch}")
    return "".join(parts)


def cost(tokens):
    return sum(1 if length == 0 else 3 for _, length, _ in tokens)


samples = [
    "abracadabra abracadabra abracadabra",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    "to be or not to be, that is the question: whether tis nobler in the mind to suffer",
    "the quick brown fox",
    "xyzxyzxyzxyzxyzxyzxyzxyzxyz!",
]
for text in samples:
    tokens = compress(text)
    back = decompress(tokens)
    print(f"{len(text):>3} chars -> {len(tokens):>3} tokens, cost {cost(tokens):>3} "
          f"({cost(tokens) / len(text):.0%}) ok={back == text}")
    print("    " + serialise(tokens)[:70])
print(compress("aaaaaaa"))
print(decompress([(0, 0, "a"), (1, 6, "b"), (7, 7, "c")]))
for bad in [[(0, 0, "a"), (5, 2, "b")], [(1, 1, "x")]]:
    try:
        decompress(bad)
    except ValueError as e:
        print("ValueError:", e)
windows = {w: cost(compress(samples[2] * 2, window=w)) for w in (4, 16, 64, 255)}
print("cost by window:", windows)

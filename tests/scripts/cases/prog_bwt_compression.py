# A block-sorting compressor in three stages: the Burrows-Wheeler transform (by sorting
# rotations) and its inverse (by the LF mapping), move-to-front coding, and run-length
# coding of the zeros it produces; sizes reported per stage and a round trip checked for
# several texts, with a corrupted index detected on decoding.

EOF_MARK = "\x00"


def bwt(text):
    if EOF_MARK in text:
        raise ValueError("text may not contain the end marker")
    s = text + EOF_MARK
    rotations = sorted(range(len(s)), key=lambda i: s[i:] + s[:i])
    return "".join(s[i - 1] for i in rotations)


def inverse_bwt(last):
    if last.count(EOF_MARK) != 1:
        raise ValueError("transformed text must hold exactly one end marker")
    first = sorted(last)
    counts, ranks = {}, []
    for ch in last:
        ranks.append(counts.get(ch, 0))
        counts[ch] = counts.get(ch, 0) + 1
    starts, total = {}, 0
    for ch in sorted(counts):
        starts[ch] = total
        total += counts[ch]
    out, row = [], 0
    for _ in range(len(last) - 1):
        ch = last[row]
        out.append(ch)
        row = starts[ch] + ranks[row]
    text = "".join(reversed(out))
    assert first[0] == EOF_MARK
    return text


def mtf_encode(text, alphabet):
    table, out = list(alphabet), []
    for ch in text:
        i = table.index(ch)
        out.append(i)
        table.insert(0, table.pop(i))
    return out


def mtf_decode(codes, alphabet):
    table, out = list(alphabet), []
    for i in codes:
        if i >= len(table):
            raise ValueError(f"code {i} outside an alphabet of {len(table)}")
        ch = table.pop(i)
        out.append(ch)
        table.insert(0, ch)
    return "".join(out)


def rle_zeros(codes):
    out, run = [], 0
    for c in codes:
        if c == 0:
            run += 1
            continue
        if run:
            out.append(("Z", run))
            run = 0
        out.append(c)
    if run:
        out.append(("Z", run))
    return out


def unrle(items):
    out = []
    for item in items:
        out.extend([0] * item[1] if isinstance(item, tuple) else [item])
    return out


samples = ["banana", "abracadabra", "mississippi river mississippi",
           "the theme of the thesis is the theory of the thermostat",
           "aaaaabbbbbaaaaabbbbb" * 3]
for text in samples:
    alphabet = sorted(set(text) | {EOF_MARK})
    last = bwt(text)
    codes = mtf_encode(last, alphabet)
    packed = rle_zeros(codes)
    back = inverse_bwt(mtf_decode(unrle(packed), alphabet))
    print(f"{text[:30]!r:<34} bwt {last.replace(EOF_MARK, '$')[:30]!r}")
    print(f"    zeros {codes.count(0):>3}/{len(codes):<3} packed to {len(packed):>3} items, round trip {back == text}")
print(mtf_encode("bananaaa", "abn"), mtf_decode([1, 1, 2, 1, 1, 1, 0, 0], "abn"))
print(rle_zeros([0, 0, 3, 0, 1, 0, 0, 0]), unrle([("Z", 2), 3, ("Z", 1)]))
for bad in [lambda: bwt("a\x00b"), lambda: inverse_bwt("abc"), lambda: mtf_decode([5], "ab")]:
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)

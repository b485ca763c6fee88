#!/usr/bin/env python3.11
"""Writes names.txt: identifiers that CPython 3.11 normalizes to NFKC (PEP 3131), one per
line as "<source>\\t<the id python3's parser gives>", UTF-8: every identifier character
whose normalization changes it (after 'a', and alone when it may start a name), every pair
that composes canonically, Hangul jamo sequences, and runs of combining marks in shuffled
orders (canonical ordering). The test parses each source and compares the Name's id.

Run from this directory:  python3 names_gen.py"""
import ast
import random
import unicodedata

import gen_common  # noqa: F401  (checks the python3 version)

sources = []
for cp in range(0x80, 0x110000):
    c = chr(cp)
    if ("a" + c).isidentifier() and unicodedata.normalize("NFKC", "a" + c) != "a" + c:
        sources.append("a" + c)
        if c.isidentifier():
            sources.append(c)
for cp in range(0x80, 0x110000):
    mapping = unicodedata.decomposition(chr(cp))
    if mapping and not mapping.startswith("<"):
        parts = [chr(int(p, 16)) for p in mapping.split()]
        if len(parts) == 2 and ("a" + parts[0] + parts[1]).isidentifier():
            sources.append("a" + parts[0] + parts[1])
for lead in range(0x1100, 0x1113, 3):
    for vowel in range(0x1161, 0x1176, 4):
        sources.append(chr(lead) + chr(vowel))
        for trail in (0x11A8, 0x11B7, 0x11C2):
            sources.append(chr(lead) + chr(vowel) + chr(trail))
sources += ["\uac00\u11a8", "\uac01\u11a8", "\u1100\u1161\u0301", "\u1100\u0301\u1161"]
rng = random.Random(3131)
marks = [chr(cp) for cp in range(0x300, 0x370) if ("a" + chr(cp)).isidentifier()]
marks += ["\u0591", "\u05b0", "\u05bc", "\u0610", "\u064b", "\u093c", "\u094d", "\u0e38",
          "\u0e48", "\u1dc0", "\u20d0", "\u302a", "\u3099", "\ufe20"]
bases = ["a", "e", "o", "u", "A", "\u03b1", "\u0438", "\u05d0", "\u0915", "\u3046", "\u00e9"]
for _ in range(400):
    sources.append("x" + rng.choice(bases) + "".join(rng.choice(marks)
                                                     for _ in range(rng.randint(1, 4))))

seen, lines = set(), []
for source in sources:
    if source in seen or not source.isidentifier():
        continue
    seen.add(source)
    name = ast.parse(source, mode="eval").body
    assert isinstance(name, ast.Name)
    lines.append(f"{source}\t{name.id}\n")
with open("names.txt", "w", encoding="utf-8", newline="\n") as f:
    f.writelines(lines)
print(f"names.txt: {len(lines)} names")

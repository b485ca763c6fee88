#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Text processing with every string form: escapes, raw, bytes, f-strings, unicode."""
import re as _re
import sys
from collections import Counter, defaultdict

WORD = _re.compile(r"[\w']+", _re.UNICODE)
SEPARATOR = "\u2500" * 40
GREETINGS = {"en": "Hello", "fr": "Bonjour", "de": "Grüß Gott", "ja": "こんにちは"}
RAW = rb"\x00\n" + b"\x00\n" + bytes([0xFF])
TEMPLATE = """\
Name:   {name}
Score:  {score:6.2f}
Note:   {note!r}
"""


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def histogram(counter, width=30, char="█"):
    if not counter:
        return ""
    peak = max(counter.values())
    rows = []
    for word, n in counter.most_common():
        bar = char * max(1, round(n / peak * width))
        rows.append(f"{word:>12} │{bar:<{width}}│ {n:3d} ({n / sum(counter.values()):.1%})")
    return "\n".join(rows)


def escape(s):
    table = {"\t": r"\t", "\n": r"\n", "\\": "\\\\", '"': '\\"'}
    return '"' + "".join(table.get(ch, ch) for ch in s) + '"'


def main(argv=sys.argv[1:]):
    text = " ".join(argv) or 'It\'s a "test": tab\there, newline\nthere, ünïcödé too'
    counts = Counter(words(text))
    by_len = defaultdict(list)
    for w in counts:
        by_len[len(w)].append(w)
    print(SEPARATOR, histogram(counts), SEPARATOR, sep="\n")
    print(TEMPLATE.format(name="x", score=3.14159, note=escape(text)))
    print(f"{len(text)=} {sum(counts.values())=!s} {max(by_len, default=0)=:>4}")
    for lang, hello in sorted(GREETINGS.items()):
        print(f"{lang}: {hello!a} {hello.encode('utf-8')!r:.20}")
    return 0 if counts else 1


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3.11
"""Writes escapes.cases: \\N{...} escapes as python3's compile() reads them, in eval mode.

- Every 8th character name unicodedata.name() gives outside the computed families, twenty to
  a literal ("\\N{A}\\N{B}..."), and every 97th Hangul syllable and 499th CJK unified
  ideograph the same way.
- Every formal alias python3 resolves (LINE FEED, NBSP, BYTE ORDER MARK, ...). python3 can
  resolve an alias but not list them: the candidates come from Perl's copy of the same
  Unicode 14.0 data (Debian's perl-modules, unicore/Name.pl), python3 decides.
- Names in other cases and near misses, one to a literal: lower and mixed case (accepted
  for stored names, refused for the computed families' prefixes and jamo), a letter
  dropped, a space doubled, digits in lower case or too many, named sequences (refused),
  empty and unterminated braces; in str, f-string, raw and bytes literals and with a
  non-ASCII character before them (positions in the error count it as CPython's decoder
  does).

Run from this directory:  python3 escapes_gen.py"""
import unicodedata

from gen_common import describe_parse, write_cases

PERL_NAMES = "/usr/share/perl/5.36/unicore/Name.pl"

stored, hangul, ideographs = [], [], []
for cp in range(0x110000):
    name = unicodedata.name(chr(cp), None)
    if name is None:
        continue
    if name.startswith("HANGUL SYLLABLE "):
        hangul.append(name)
    elif name.startswith("CJK UNIFIED IDEOGRAPH-"):
        ideographs.append(name)
    else:
        stored.append(name)

with open(PERL_NAMES, encoding="utf-8") as f:
    text = f.read()
aliases, sequences = [], []
for record in text[text.index("<<'END';\n") + 9:text.rindex("\nEND")].split("\n\n"):
    lines = record.strip().split("\n")
    if len(lines) != 2:
        continue
    if " " in lines[0]:
        sequences.append(lines[1])
        continue
    cp, name = int(lines[0], 16), lines[1]
    if unicodedata.name(chr(cp), None) == name:
        continue
    try:
        if unicodedata.lookup(name) == chr(cp):
            aliases.append(name)
    except KeyError:
        pass


def literals(names, per_literal=20):
    for i in range(0, len(names), per_literal):
        yield '"' + "".join("\\N{%s}" % n for n in names[i:i + per_literal]) + '"'


sources = []
sources += literals(stored[::8])
sources += literals(hangul[::97])
sources += literals(ideographs[::499])
sources += literals(aliases)

variants = []
for name in stored[::1500] + aliases[::40]:
    variants += [name.lower(), name.title(), name[:-1], name.replace(" ", "  ", 1), name + " "]
for name in hangul[::2000] + ideographs[::20000]:
    variants += [name.lower(), name.title(), name[:16] + name[16:].lower(), name + "X"]
variants += ["CJK UNIFIED IDEOGRAPH-4e00", "CJK UNIFIED IDEOGRAPH-04E00", "CJK UNIFIED IDEOGRAPH-4E0",
             "CJK UNIFIED IDEOGRAPH-A000", "CJK UNIFIED IDEOGRAPH-3134B", "CJK UNIFIED IDEOGRAPH-",
             "CJK COMPATIBILITY IDEOGRAPH-f900", "HANGUL SYLLABLE ", "HANGUL SYLLABLE GGGA",
             "HANGUL SYLLABLE A", "HANGUL SYLLABLE GAGG", "HANGUL SYLLABLE PWIH", "TANGUT IDEOGRAPH-17000",
             "LATIN SMALL LETTER A WITH", "latin small letter é", "NO SUCH NAME", " LATIN SMALL LETTER A",
             "x" * 200] + sequences[::25]
for i, name in enumerate(variants):
    prefix = ['"', 'f"', '"é', 'f"{x!r:>{w}}', 'rb"', '"a\\t'][i % 6]
    sources.append(prefix + "\\N{" + name + '}"')
sources += ['"\\N"', '"\\N{"', '"\\N{}"', '"\\N{BULLET"', '"\\NBULLET"', 'b"\\N{BULLET}"',
            'r"\\N{BULLET}"', 'f"\\N{BULLET}{x}\\N{LEFT CURLY BRACKET}"', 'f"{x:\\N{BULLET}>5}"',
            '"\\N{BULLET}" "\\N{BULLET}" f"\\N{BULLET}"', '"""\\N{LINE FEED}\n\\N{BULLET}"""',
            '"é\\N{BULLET}é\\N{NOPE}"', 'f"{x}\\N{NOPE}"', '"\\\\N{NOPE}"']

cases = [("eval", "text", s.encode("utf-8"), describe_parse(s, "eval")) for s in sources]
print(f"{len(stored[::8]) + len(hangul[::97]) + len(ideographs[::499]) + len(aliases)} names in "
      f"groups, {len(aliases)} aliases, {len(variants)} variants")
write_cases("escapes.cases", cases)

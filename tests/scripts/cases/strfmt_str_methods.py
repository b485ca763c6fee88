# str methods: case, padding, splitting, partitioning, translating.
words = ["hello world", "Hello World", "HELLO", "they're bill's friends", "stra\u00dfe",
         "\u03a3\u039f\u03a3", "\u01c5x", "mIxEd", "", "123abc"]
for w in words:
    print(repr(w), w.title(), w.capitalize(), w.swapcase(), w.casefold(), w.istitle(),
          w.isidentifier())
for width in range(0, 9, 2):
    print(repr("ab".center(width, "*")), repr("ab".ljust(width, "-")), repr("ab".rjust(width)),
          repr("-7".zfill(width)))
print("a\tbc\tdef".expandtabs(), "a\tbc\tdef".expandtabs(4), "x\ty".expandtabs(tabsize=1))
print("k=v=w".partition("="), "k=v=w".rpartition("="), "kvw".partition("="))
print("one\ntwo\r\nthree\rfour".splitlines(), "a\n\nb\n".splitlines(keepends=True))
print("test_case.py".removesuffix(".py"), "test_case".removeprefix("test_"), "x".removeprefix(""))
table = str.maketrans({"a": "4", "e": "3", "o": None})
print("hello gamer".translate(table), "abc".translate(str.maketrans("abc", "xyz", "b")))
print("banana".count("a", 2), "banana".index("an", 2), "banana".rindex("a", 0, 4))
try:
    "banana".index("z")
except ValueError as e:
    print("ValueError:", e)
print("caf\u00e9".encode(), "caf\u00e9".encode("ascii", "replace"),
      "caf\u00e9".encode("ascii", "xmlcharrefreplace"), "caf\u00e9".encode("latin-1"),
      "caf\u00e9".encode("ascii", "backslashreplace"), "caf\u00e9".encode("ascii", "ignore"))
try:
    "caf\u00e9".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
print(b"caf\xc3\xa9".decode(), b"caf\xe9".decode("latin-1"), b"caf\xe9".decode("utf-8", "replace"),
      repr(b"caf\xe9".decode("ascii", "surrogateescape")), b"\xff".decode("ascii", "backslashreplace"))
print(ascii("caf\u00e9 \U0001F600"), ascii(["\u20ac", 1]), ascii("plain"))
